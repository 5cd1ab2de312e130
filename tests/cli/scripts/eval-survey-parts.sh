#!/bin/sh
# zi-eval survey reads a large file in parts on several threads: the stored
# file, the output and every diagnostic are the same with one thread or
# four, whatever the order of the respondents (in text order, in number
# order, shuffled with a repeat, not numbers); the stored rows are in text
# order; the same responses again leave the file as it was.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
zi-unit init -q --name "Kota Contoh"
zi-unit add -q dpkp --name "Dinas"
n=120000
gen() { # $1: how respondents are written
  awk -v n=$n -v how="$1" 'BEGIN {
    print "No Responden;Tanggal;U1;U2;U3;U4;U5;U6;U7;U8;U9"
    for (i = 1; i <= n; i++) {
      if (how == "number") r = i
      else if (how == "padded") r = sprintf("%07d", i)
      else if (how == "shuffled") r = (i * 7919) % n + 1
      else r = (i % 3 ? "R-" i : i)
      if (how == "shuffled" && i == n - 5) r = 17
      d = (i % 2 ? (i % 28 + 1) "/" (i % 12 + 1) "/2026" : sprintf("2026-%02d-%02d", i % 12 + 1, i % 28 + 1))
      v = ""
      for (e = 0; e < 9; e++) v = v ";" ((i + e) % 4 + 1)
      printf "%s;%s%s\r\n", r, d, v
    }
  }' > "$1.csv"
}
check() { # $1: name of the input, $2: expected exit code
  for th in 1 4; do
    rm -f records/surveys/2026/dpkp-ikm.csv
    rc=0
    ZI_THREADS=$th zi-eval survey ikm dpkp --year 2026 "$1.csv" --format json \
      > "out-$th" 2> "err-$th" || rc=$?
    [ "$rc" = "$2" ] || { echo "$1: rc $rc with $th threads"; head err-$th; exit 1; }
    cp records/surveys/2026/dpkp-ikm.csv "stored-$th" 2>/dev/null || : > "stored-$th"
  done
  cmp out-1 out-4 && cmp err-1 err-4 && cmp stored-1 stored-4 ||
    { echo "$1: one thread and four differ"; exit 1; }
  if [ "$2" = 0 ]; then
    tail -n +2 stored-1 | cut -d, -f1 > keys
    LC_ALL=C sort keys | cmp - keys || { echo "$1: not in text order"; exit 1; }
    [ "$(wc -l < keys)" = $n ] || { echo "$1: $(wc -l < keys) rows"; exit 1; }
    # again: the same bytes, the file is not written
    touch -d '2020-01-01' records/surveys/2026/dpkp-ikm.csv
    zi-eval survey ikm dpkp --year 2026 "$1.csv" -q > again
    [ -z "$(find records/surveys/2026/dpkp-ikm.csv -newer "$1.csv")" ] ||
      { echo "$1: written again"; exit 1; }
    cmp records/surveys/2026/dpkp-ikm.csv stored-1
  fi
}
for how in number padded shuffled text; do gen $how; done
check number 0
check padded 0
check text 0
check shuffled 1
grep -q "'17' appears again" err-1 || { cat err-1; exit 1; }
# over a stored file that differs: at its end, in its middle, longer,
# shorter, a prefix of it: always the same bytes as a first store
head -n -10 number.csv > shorter.csv
awk 'NR == 60000 { sub(/;[0-9]\r$/, ";1\r") } { print }' number.csv > middle.csv
awk 'END { print "999999;1/1/2026;1;2;3;4;1;2;3;4;1\r" } { print }' number.csv > longer.csv
mkdir fresh && (cd fresh && zi-unit init -q --name F && zi-unit add -q dpkp --name D)
for f in number shorter middle longer number middle shorter; do
  zi-eval survey ikm dpkp --year 2026 "$f.csv" -q > /dev/null
  zi-eval -C fresh/records survey ikm dpkp --year 2026 "$f.csv" -q > /dev/null
  cmp records/surveys/2026/dpkp-ikm.csv fresh/records/surveys/2026/dpkp-ikm.csv ||
    { echo "$f over another file differs from a first store"; exit 1; }
  rm fresh/records/surveys/2026/dpkp-ikm.csv
done
# bad rows in every part: all said, in line order, the same both ways
awk 'NR > 1 && NR % 20011 == 0 { sub(/;[0-9]\r$/, ";5\r") } NR > 1 && NR % 30011 == 0 { sub(/;2026-/, ";2026-13-") } { print }' number.csv > bad.csv
check bad 1
[ "$(grep -c 'outside 1-4' err-1)" -ge 5 ] || { cat err-1; exit 1; }
echo ok
