#!/bin/sh
# zi-sign import-lhkpn never stores nor prints a NIK: every output (text,
# json, a dry run, a bad list, --diagnostics json) and every file of the
# records directory is searched for the list's NIKs.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
mkdir -p "$d/case" && cd "$d/case"
# the fixture finds sign-setup.sh as a case finds it: ../../fixtures
mkdir -p fixtures cases/c && cp "$root/tests/cli/fixtures/"*.sh fixtures/
(cd cases/c && sh -e -c '. "../../fixtures/elhkpn-setup.sh"' ) > setup.log 2>&1 || { cat setup.log; exit 1; }
cd cases/c
zi-sign import-lhkpn daftar.csv --date 2026-04-01 --dry-run > o1 2> e1
zi-sign import-lhkpn daftar.csv --date 2026-04-01 --format json > o2 2> e2
zi-sign import-lhkpn daftar.csv --date 2026-04-02 --diagnostics json > o3 2> e3
printf 'NIK;NAMA;Status LHKPN\n3201010101010077;;Draft\n3201010101010078;Budi Santoso;\n' > bad.csv
if zi-sign import-lhkpn bad.csv --diagnostics json > o4 2> e4; then echo "a bad list was accepted"; exit 1; fi
zi-sign status > o5 2> e5
# the same list as a workbook made by openpyxl, a title row above the header
# and the NIKs as numbers, through the common import path
PY=/usr/bin/python3
if $PY -c 'import openpyxl' 2>/dev/null; then
  $PY - <<'PY'
import csv, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Daftar Wajib Lapor"
ws.append(["DAFTAR WAJIB LAPOR LHKPN"])
for i, row in enumerate(csv.reader(open("daftar.csv"), delimiter=";")):
    ws.append([int(row[0]) if i else row[0]] + row[1:])
wb.save("daftar.xlsx")
PY
  zi-sign import-lhkpn daftar.xlsx --date 2026-04-03 --format json > o6 2> e6
  grep -q '"already_recorded"' o6
  grep -q 'Budi Santoso' o6
else
  : > o6; : > e6
fi
grep -q 'Budi Santoso' o1
grep -q '"recorded"' o2
if grep -rn '32010101010100' o1 e1 o2 e2 o3 e3 o4 e4 o5 e5 o6 e6 records; then
  echo "a NIK was printed or stored"; exit 1
fi
# and the NIK column was really there to be left out
grep -q 3201010101010001 daftar.csv
echo ok
