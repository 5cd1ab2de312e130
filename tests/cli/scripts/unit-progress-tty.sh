#!/bin/sh
# An import of a large file shows its progress (rows, rows/s) on stderr when
# that is a terminal, and never when it is a pipe or a file. The terminal is
# made with script(1); without it the terminal half is skipped.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
rows=${ZI_PROGRESS_ROWS:-800000}
# $1 people with distinct valid NIPs: a birth date per thousand, then a number
gen() {
  awk -v n="$1" 'BEGIN {
    print "NIP,Nama"
    for (i = 0; i < n; i++) {
      j = int(i / 1000); d = 1 + j % 28; m = 1 + int(j / 28) % 12; y = 1940 + int(j / 336)
      printf "%04d%02d%02d%04d%02d1%03d,Pegawai %d\n", y, m, d, y + 25, m, i % 1000, i
    }
  }'
}
gen "$rows" > big.csv
zi-unit init -q
zi-unit add -q besar --name Besar
# not a terminal: stderr is a file here, and a pipe below
zi-unit staff import --dry-run besar big.csv > out 2> err
grep -q 'rows/s' err && { echo "progress shown in a file"; cat err; exit 1; }
zi-unit staff import --dry-run besar big.csv 2>&1 | grep -q 'rows/s' && { echo "progress shown in a pipe"; exit 1; }
echo "no progress off a terminal"
if ! command -v script >/dev/null 2>&1; then echo "skip: no script(1) for a terminal"; echo ok; exit 0; fi
# on a terminal. Progress appears once reading has taken 0.2 s: a machine
# fast enough to read the file sooner gets it twice as long, up to 4 times.
for try in 1 2 3; do
  script -qec "zi-unit staff import --dry-run besar big.csv" /dev/null > tty.out 2>&1 || true
  grep -q 'rows/s' tty.out && break
  [ $try = 3 ] || { rows=$((rows * 2)); gen "$rows" > big.csv; }
done
if grep -q 'rows/s' tty.out; then
  echo "progress on a terminal: $(tr '\r' '\n' < tty.out | grep 'rows/s' | tail -1)"
else
  echo "no progress on a terminal"; cat tty.out; exit 1
fi
grep -q 'dry run: added' tty.out || { echo "no summary"; exit 1; }
script -qec "zi-unit staff import -q --dry-run besar big.csv" /dev/null > tty.out 2>&1 || true
grep -q 'rows/s' tty.out && { echo "progress shown with -q"; exit 1; }
echo ok
