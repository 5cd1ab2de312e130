#!/bin/sh
# The same records and month give the same bytes whatever day it runs, in
# every format; --lang id gives Indonesian labels.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cd "$d"
ZI_TODAY=2026-11-22 sh "$root/examples/build.sh" records > build.log 2>&1 || { cat build.log; exit 1; }
zi-report check
for f in text md csv json html; do
  ZI_TODAY=2026-11-22 zi-report monthly --month 2026-10 --format $f -o a.$f
  ZI_TODAY=2027-06-30 zi-report monthly --month 2026-10 --format $f -o b.$f
  cmp a.$f b.$f
done
ZI_TODAY=2026-11-01 zi-report monthly -o c.text
cmp a.text c.text
zi-report monthly --month 2026-10 --lang id > id.txt
grep -q 'Laporan bulanan Zona Integritas' id.txt
echo ok
