#!/bin/sh
# What zi hands out for spreadsheets, read by Python (csv, openpyxl), not zi:
# --csv excel (and "csv": "excel" in zi.json) writes a BOM, ';', CRLF and a
# decimal comma for tables, the CSV template and --reject files; --format
# xlsx of zi-sign status, zi-eval score and zi-report monthly writes a
# workbook (a sheet, numbers as numbers, dates as dates, widths, the header
# row frozen) to -o FILE, or to a pipe; never to a terminal.
set -eu
PY=/usr/bin/python3
root=$(cd "$(dirname "$0")/../../.." && pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cd "$d"
ZI_TODAY=2026-11-22 sh "$root/examples/build.sh" records > build.log 2>&1 || { cat build.log; exit 1; }
export ZI_RECORDS=$d/records

# canonical stays the default
zi-eval score --all --year 2026 --format csv > canon.csv
head -c 3 canon.csv | od -An -c | grep -q 'u   n   i' || { head -c 20 canon.csv | od -c; exit 1; }
! grep -q "$(printf '\r')" canon.csv
zi-eval score --all --year 2026 --format csv --csv excel > excel.csv
zi-sign status --format csv --csv excel > status.csv
zi-report monthly --month 2026-10 --format csv --csv excel -o monthly.csv
zi-unit list --format csv --csv excel > units.csv
zi-eval template bontang-damkar --year 2026 --csv excel > template.csv
$PY - <<'PYEOF'
import csv, io
def check(path, decimal=True):
    b = open(path, 'rb').read()
    assert b.startswith(b'\xef\xbb\xbf'), (path, b[:10])
    body = b[3:]
    assert body.endswith(b'\r\n'), path
    assert body.count(b'\n') == body.count(b'\r\n'), (path, 'a bare LF')
    rows = list(csv.reader(io.StringIO(body.decode('utf-8'), newline=''), delimiter=';'))
    assert len(rows) > 1 and len(rows[0]) > 2, (path, rows[:2])
    n = len(rows[0])
    assert all(len(r) == n for r in rows), path
    if decimal:
        cells = [c for r in rows[1:] for c in r]
        assert any(',' in c and c.replace(',', '').replace('-', '').isdigit() for c in cells), (path, 'no decimal comma')
        assert not any('.' in c and c.replace('.', '').replace('-', '').isdigit() for c in cells), (path, 'a decimal point')
    return rows
canon = list(csv.reader(open('canon.csv', newline='')))
excel = check('excel.csv')
assert [r[:3] for r in canon] == [r[:3] for r in excel]
assert [[c.replace('.', ',') for c in r] for r in canon] == excel
check('status.csv')
check('monthly.csv')
check('units.csv', decimal=False)
t = check('template.csv', decimal=False)
assert t[0][:3] == ['soal_id', 'area', 'sub_area'], t[0]
PYEOF

# zi.json says excel: the same without the option, and --csv canonical wins
cp records/zi.json zi.json.orig
$PY -c "
import json; p='records/zi.json'; j=json.load(open(p)); j['csv']='excel'; json.dump(j, open(p,'w'), indent=2)"
zi-eval score --all --year 2026 --format csv > excel2.csv
cmp excel.csv excel2.csv
zi-eval score --all --year 2026 --format csv --csv canonical > canon2.csv
cmp canon.csv canon2.csv
# a --reject file in the dialect
printf 'soal_id,answer\n1,Ya\n2,Z\n' > bad.csv
zi-eval import bontang-damkar --year 2026 bad.csv --reject rej.csv -q 2>/dev/null
$PY -c "
b = open('rej.csv','rb').read()
assert b.startswith(b'\xef\xbb\xbf') and b.endswith(b'\r\n') and b';' in b, b"
cp zi.json.orig records/zi.json

# workbooks (the import above changed a score: the CSV again)
zi-eval score --all --year 2026 --format csv > canon.csv
zi-sign status --format xlsx -o status.xlsx
zi-eval score --all --year 2026 --format xlsx -o score.xlsx
zi-report monthly --month 2026-10 --format xlsx -o monthly.xlsx
zi-eval score --all --year 2026 --format xlsx | cat > piped.xlsx
$PY - <<'PYEOF'
import openpyxl, csv, datetime
sheets = {'monthly': ['units', 'coverage', 'declarations', 'complaints', 'trend']}
for f, sheet in (('status.xlsx', 'status'), ('score.xlsx', 'score'), ('monthly.xlsx', 'units'), ('piped.xlsx', 'score')):
    wb = openpyxl.load_workbook(f)
    assert wb.sheetnames == sheets.get(f[:-5], [sheet]), (f, wb.sheetnames)
    for ws in wb:
        assert ws.freeze_panes == 'A2', (f, ws.title)
    ws = wb[sheet]
    assert ws.freeze_panes == 'A2', (f, ws.freeze_panes)
    assert ws.max_row > 1, f
    hdr = [c.value for c in ws[1]]
    assert all(ws.column_dimensions[c.column_letter].width >= len(str(c.value)) for c in ws[1]), f
    col = {h: i for i, h in enumerate(hdr)}
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    if sheet == 'score':
        assert all(isinstance(r[col['total']], (int, float)) for r in rows), rows[0]
        assert all(isinstance(r[col['unit']], str) for r in rows)
        assert all(isinstance(r[col['WBK']], bool) for r in rows), rows[0]
        canon = list(csv.DictReader(open('canon.csv')))
        assert [float(r['total']) for r in canon] == [r[col['total']] for r in rows]
    if sheet == 'units':
        assert isinstance(rows[0][col['lke_total']], (int, float, type(None)))
        assert any(isinstance(r[col['pakta_percent']], (int, float)) for r in rows)
        cov = [r for r in wb['coverage'].iter_rows(min_row=2, values_only=True)]
        assert cov and all(isinstance(r[2], int) and isinstance(r[4], (int, float)) for r in cov), cov[:2]
        trend = [r for r in wb['trend'].iter_rows(min_row=2, values_only=True)]
        assert len(trend) == 12 and all(isinstance(r[0], str) for r in trend), trend[:2]

PYEOF
# with --detail, who is missing: NIPs stay text; declarations' dates are dates
zi-report monthly --month 2026-10 --format xlsx --detail -o detail.xlsx
$PY -c "
import openpyxl, datetime
wb = openpyxl.load_workbook('detail.xlsx')
assert wb.sheetnames == ['units', 'coverage', 'missing', 'declarations', 'complaints', 'trend'], wb.sheetnames
nips = [r[2] for r in wb['missing'].iter_rows(min_row=2, values_only=True)]
assert nips and all(isinstance(n, str) and len(n) == 18 for n in nips), nips[:3]
dates = [r[2] for r in wb['declarations'].iter_rows(min_row=2, values_only=True)]
assert all(isinstance(x, datetime.datetime) for x in dates), dates"
# dates as dates: a table with a date column
zi-unit list --format xlsx > units.xlsx
$PY -c "
import openpyxl, datetime
ws = openpyxl.load_workbook('units.xlsx').active
h = [c.value for c in ws[1]]
v = [r[h.index('stage_date')] for r in ws.iter_rows(min_row=2, values_only=True)]
assert all(isinstance(x, datetime.datetime) for x in v if x is not None) and any(v), v"

# refusals: a terminal; a command without a table; a bad dialect
if command -v script >/dev/null 2>&1; then
  script -qec "zi-eval score --all --year 2026 --format xlsx" /dev/null > tty.out 2>&1 && { echo "xlsx to a terminal was written"; exit 1; }
  grep -q 'give -o FILE.xlsx' tty.out || { cat tty.out; exit 1; }
fi
rc=0; zi-unit show bontang-damkar --format xlsx 2> err || rc=$?
[ $rc = 2 ] && grep -q "format must be one of" err
rc=0; zi-eval score --all --year 2026 --format csv --csv tsv 2> err || rc=$?
[ $rc = 2 ] && grep -q "csv must be canonical or excel" err
echo ok
