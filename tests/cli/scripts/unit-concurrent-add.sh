#!/bin/sh
# Eight `zi-unit add` at once: the lock makes them take turns, and all eight
# units (and their eight history rows) are there at the end.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
zi-unit init -q
for round in 1 2 3; do
  pids=""
  for i in 1 2 3 4 5 6 7 8; do
    zi-unit add -q "unit-$round-$i" --name "Unit $round $i" --kind dinas --wait 30 > "out-$i" 2>&1 &
    pids="$pids $!"
  done
  fail=0
  for p in $pids; do wait "$p" || fail=1; done
  [ $fail = 0 ] || { echo "round $round: an add failed"; cat out-*; exit 1; }
  n=$(zi-unit list -f csv | grep -c "^unit-$round-")
  h=$(grep -c "^unit-$round-" records/stages.csv)
  echo "round $round: $n units, $h history rows"
  [ "$n" = 8 ] && [ "$h" = 8 ] || { zi-unit list; exit 1; }
done
# and the files are still canonical: sorted, one header
zi-unit list -f csv | tail -n +2 | cut -d, -f1 > ids
sort ids | cmp -s - ids || { echo "units.csv is not sorted"; exit 1; }
[ "$(grep -c '^id,' records/units.csv)" = 1 ]
echo ok
