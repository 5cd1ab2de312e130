#!/bin/sh
# What a hostile or unlucky file costs (issue 13): a CP1252 file full of
# undefined bytes is refused in linear time (it was quadratic: 22 s for
# 2 MiB), a records file with a line over 16 MiB fails at once naming the
# line (it was "out of memory" after 80 s for 2 GB), a NUL byte in a cell is
# refused naming the line and column. The bounds are generous: the point is
# minutes against a fraction of a second.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
fail() { echo "FAIL: $*"; exit 1; }
zi-unit init -q --name "Kota" --code 1
within() { # SECONDS COMMAND...: exit status of the command, or 124 if too slow
  s=$1; shift
  timeout "$s" "$@"
}
# 1. 2.6 MiB of CP1252 with three undefined bytes a line
yes "$(printf 'Kode,Nama\201\215\220')" | head -n 200000 > cp.csv
rc=0; within 5 zi-unit import cp.csv 2> err || rc=$?
[ $rc = 1 ] || fail "cp1252: exit $rc, expected 1 (124: too slow)"
grep -q "cp.csv:1: byte 0x81 is not valid CP1252" err || fail "cp1252: $(head -3 err)"
[ "$(grep -c 'not valid CP1252' err)" = 20 ] || fail "cp1252: not 20 messages"
# 2. a line of 17 MiB in units.csv
zi-unit add -q b1 --name "Dinas B"
{ printf 'b2,'; head -c $((17 << 20)) /dev/zero | tr '\0' x; printf ',,,,,false,calon,2026-01-01,,,,false\n'; } > big
cat big >> records/units.csv; rm big
rc=0; within 5 zi-unit list 2> err || rc=$?
[ $rc = 1 ] || fail "long line: exit $rc, expected 1"
grep -q "records/units.csv:3: line too long (the limit is 16 MiB)" err || fail "long line: $(cat err)"
rc=0; within 5 zi-report check 2> err > /dev/null || rc=$?
[ $rc = 1 ] || fail "long line, check: exit $rc"
grep -q "records/units.csv:3: line too long" err || fail "long line, check: $(cat err)"
# 3. a NUL byte in a cell of a spreadsheet: refused, nothing written
sed -i '3d' records/units.csv
cp records/units.csv before.csv
printf 'Kode,Nama\nc1,Dinas\000C\n' > nul.csv
rc=0; zi-unit import nul.csv 2> err || rc=$?
[ $rc = 1 ] || fail "nul: exit $rc"
grep -q "nul.csv:2: column 2: a NUL byte (0x00) in the field" err || fail "nul: $(cat err)"
cmp -s before.csv records/units.csv || fail "nul: units.csv changed"
echo ok
