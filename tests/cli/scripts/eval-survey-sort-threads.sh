#!/bin/sh
# zi-eval score of many units whose stored IPAK surveys list non-numeric
# respondents out of order: each worker sorts its own survey at the same time
# as the others (the sort once kept its context in a static and crashed).
# Under ThreadSanitizer (make test-threads B=build/tsan) any shared state shows.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
zi-unit init -q --name "Kota Contoh"
mkdir -p records/surveys/2026
i=0
while [ $i -lt 24 ]; do
  u=$(printf 'unit-%02d' $i)
  zi-unit add -q "$u" --name "Unit $i"
  # respondents r-<reversed number>: text keys, far from sorted
  awk -v n=$((400 + i * 37)) 'BEGIN { print "respondent,u1,u2,u3";
    for (k = n; k > 0; k--) printf "r-%d,%d,%d,%d\n", (k * 7919) % 100003, 1 + k % 4, 1 + (k + 1) % 4, 4 }' \
    > "records/surveys/2026/$u-ipak.csv"
  i=$((i + 1))
done
for n in 1 8; do
  rc=0
  ZI_THREADS=$n zi-eval score --year 2026 --format csv > "out-$n" 2> "err-$n" || rc=$?
  [ "$rc" = 0 ] || { echo "score with $n threads: rc $rc"; cat "err-$n"; exit 1; }
done
cmp out-1 out-8 || { echo "score differs with 8 threads"; exit 1; }
[ "$(wc -l < out-1)" = 25 ] || { cat out-1; exit 1; }
# every unit scored its survey: the IPAK part is in hasil
if awk -F, 'NR > 1 && $8 + 0 == 0' out-1 | grep -q .; then cat out-1; exit 1; fi
echo ok
