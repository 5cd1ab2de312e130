#!/bin/sh
# zi-eval score of every unit runs on several threads: the output, the
# diagnostics and the exit code are the same, byte for byte, with one thread
# or many, in every format (units that fail, derive counts, lack answers);
# so is the monthly report, which scores every unit too.
set -eu
cases=$(cd "$(dirname "$0")/../cases" && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
zi-unit init -q --name "Kota Contoh"
cp "$cases/eval-score-derived/in/"* .
i=0
while [ $i -lt 70 ]; do
  u=$(printf 'unit-%02d' $i)
  zi-unit add -q "$u" --name "Unit $i" --target WBBM
  case $((i % 5)) in
    0) zi-eval import -q "$u" --year 2026 "$cases/eval-score-all/in/allA-bom.csv" ;;
    1) zi-eval import -q "$u" --year 2026 "$cases/eval-score-all/in/tpi.csv" --layer tpi ;;
    2) zi-eval import -q "$u" --year 2026 derived.csv
       zi-unit staff import -q "$u" roster.csv
       mkdir -p records/signatures && sed "s/dpkp/$u/g" signatures.csv > "records/signatures/$u.csv"
       zi-eval complaint add -q "$u" --date 2026-02-01 --summary "Pungli izin" > /dev/null ;;
    3) ;; # no answers at all
    4) zi-eval import -q "$u" --year 2026 "$cases/eval-score-all/in/allA-bom.csv"
       # an answer the model refuses: the unit fails, the others go on
       sed -i 's/^2,A,/2,Q,/' "records/lke/2026/$u.csv" ;;
  esac
  i=$((i + 1))
done
run() {
  for n in 1 2 3 8; do
    rc=0
    ZI_THREADS=$n zi-eval score --year 2026 "$@" > "out-$n" 2> "err-$n" || rc=$?
    echo "$rc" > "rc-$n"
  done
  for n in 2 3 8; do
    cmp "out-1" "out-$n" && cmp "err-1" "err-$n" && cmp "rc-1" "rc-$n" ||
      { echo "score $* differs with $n threads"; exit 1; }
  done
}
for f in text csv json; do
  run --format "$f"
  run --format "$f" --explain
  run --format "$f" --require WBK
  run --format "$f" --layer unit
done
# the failing units are named, and the run says so
run --format csv
[ "$(cat rc-1)" = 1 ] || { echo "rc $(cat rc-1)"; exit 1; }
[ "$(grep -c 'is not one of' err-1)" = 14 ] || { cat err-1; exit 1; }
[ "$(wc -l < out-1)" = 71 ] || { wc -l out-1; exit 1; }
# the monthly report scores every unit the same way
for n in 1 3; do
  rc=0
  ZI_THREADS=$n zi-report monthly --month 2026-11 --format json > "rep-$n" 2> "rerr-$n" || rc=$?
  echo "$rc" > "rrc-$n"
done
cmp rep-1 rep-3 && cmp rerr-1 rerr-3 && cmp rrc-1 rrc-3 ||
  { echo "zi-report monthly differs with 3 threads"; exit 1; }
[ "$(grep -c 'score-failed\|cannot be scored' rerr-1)" = 14 ] || { cat rerr-1; exit 1; }
echo ok
