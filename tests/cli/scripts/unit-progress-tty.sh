#!/bin/sh
# An import of a large file shows its progress (rows, rows/s) on stderr when
# that is a terminal, and never when it is a pipe or a file. The terminal is
# made with script(1); without it the terminal half is skipped.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
rows=${ZI_PROGRESS_ROWS:-800000}
awk -v n="$rows" 'BEGIN {
  print "NIP,Nama"
  for (i = 0; i < n; i++) {
    y = 1960 + int(i / 5000) % 40; m = 1 + int(i / 400) % 12; d = 1 + int(i / 1000) % 28
    printf "%04d%02d%02d%04d%02d%d%03d,Pegawai %d\n", y, m, d, y + 25, m, 1 + i % 2, i % 1000, i
  }
}' > big.csv
zi-unit init -q
zi-unit add -q besar --name Besar
# not a terminal: stderr is a file here, and a pipe below
zi-unit staff import --dry-run besar big.csv > out 2> err
grep -q 'rows/s' err && { echo "progress shown in a file"; cat err; exit 1; }
zi-unit staff import --dry-run besar big.csv 2>&1 | grep -q 'rows/s' && { echo "progress shown in a pipe"; exit 1; }
echo "no progress off a terminal"
if ! command -v script >/dev/null 2>&1; then echo "skip: no script(1) for a terminal"; echo ok; exit 0; fi
# on a terminal; -q keeps it quiet, so without -q only
script -qec "zi-unit staff import --dry-run besar big.csv" /dev/null > tty.out 2>&1 || true
if grep -q 'rows/s' tty.out; then
  echo "progress on a terminal: $(tr '\r' '\n' < tty.out | grep 'rows/s' | tail -1)"
else
  echo "no progress on a terminal"; cat tty.out; exit 1
fi
grep -q 'dry run: added' tty.out || { echo "no summary"; exit 1; }
script -qec "zi-unit staff import -q --dry-run besar big.csv" /dev/null > tty.out 2>&1 || true
grep -q 'rows/s' tty.out && { echo "progress shown with -q"; exit 1; }
echo ok
