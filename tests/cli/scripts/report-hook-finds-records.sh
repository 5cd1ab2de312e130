#!/bin/sh
# examples/hooks/pre-commit finds the records in both layouts of a records
# repository (the repository is the records directory, or holds records/),
# refuses a commit with a broken records file and lets a good one through.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
fail() { echo "FAIL: $*"; exit 1; }
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
unset ZI_RECORDS
for layout in inside beside; do
  r=$d/$layout; mkdir "$r"; git init -q "$r"
  if [ $layout = inside ]; then rec=$r; else rec=$r/records; fi
  zi-unit -C "$rec" init -q
  cp "$root/examples/hooks/pre-commit" "$r/.git/hooks/pre-commit"; chmod +x "$r/.git/hooks/pre-commit"
  zi-unit -C "$rec" add pkm --name Puskesmas -q
  git -C "$r" add -A && git -C "$r" commit -qm good || fail "$layout: a good commit refused"
  printf 'id,name\npkm\n' > "$rec/units.csv"
  git -C "$r" add -A
  if git -C "$r" commit -qm bad 2> "$d/err"; then fail "$layout: a broken units.csv committed"; fi
  grep -q 'units.csv' "$d/err" || { cat "$d/err"; fail "$layout: the hook does not say which file"; }
done
echo ok
