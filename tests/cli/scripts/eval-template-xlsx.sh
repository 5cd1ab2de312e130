#!/bin/sh
# The LKE workbook (zi-eval template --format xlsx), read by openpyxl, not by
# zi: sheets, header, frozen pane, protection with only the answer, note and
# evidence cells unlocked, dropdowns and number rules from the model, a score
# formula on every scored question, sub-area, area and the total. Then filled
# in by openpyxl, recalculated by LibreOffice headless (installed when
# missing; that part is skipped when it cannot be), and its total compared
# with zi-eval score of the same answers imported back (read as values by
# openpyxl into CSV), which must also be exactly the answers typed. A
# workbook filled in part is compared with the official workbook's rule
# computed here from the model file: a sub-area is the mean of its answered
# questions (AVERAGE skips the unanswered), none answered is 0.
set -eu
PY=/usr/bin/python3
root=$(cd "$(dirname "$0")/../../.." && pwd)
$PY -c 'import openpyxl' 2>/dev/null || { echo "skipped: python3-openpyxl is missing"; exit 0; }
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cd "$d"
zi-unit init --name "Kota Contoh" -q
zi-unit add dpkp --name "Dinas Pemadam Kebakaran" --target WBK -q
zi-eval template dpkp --year 2026 --format xlsx -o lke.xlsx
# to a pipe it is the same workbook
zi-eval template dpkp --year 2026 --format xlsx | cat > piped.xlsx
$PY - <<'PYEOF'
import openpyxl, zipfile
for f in ('lke.xlsx', 'piped.xlsx'):
    assert zipfile.is_zipfile(f), f
wb = openpyxl.load_workbook('lke.xlsx')
assert wb.sheetnames == ['LKE', 'Ringkasan'], wb.sheetnames
ws = wb['LKE']
hdr = [c.value for c in ws[1]]
assert hdr == ['ID Soal', 'Area', 'Sub Area', 'Pertanyaan', 'Tipe', 'Pilihan Jawaban',
               'Jawaban', 'Catatan', 'Bukti Dukung', 'Nilai'], hdr
assert ws.freeze_panes == 'A2', ws.freeze_panes
assert ws.protection.sheet and not ws.protection.password
dvs = {}
for dv in ws.data_validations.dataValidation:
    for rng in dv.sqref.ranges:
        dvs[rng.coord] = dv
qrows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value is not None]
assert len(qrows) == 127, len(qrows)
for r in range(2, ws.max_row + 1):
    for c in range(1, 11):
        locked = ws.cell(r, c).protection.locked
        want_open = r in qrows and c in (7, 8, 9)
        assert locked != want_open, (r, c, locked)
kinds = {}
for r in qrows:
    t = ws.cell(r, 5).value
    dv = dvs['G%d' % r]
    if t == 'YA_TIDAK':
        assert dv.type == 'list' and dv.formula1 == '"Ya,Tidak"', (r, dv.formula1)
    elif t in ('ABC', 'ABCD', 'ABCDE'):
        assert dv.type == 'list' and dv.formula1 == '"%s"' % ','.join(t), (r, dv.formula1)
    elif t == 'JUMLAH':
        assert dv.type == 'whole' and dv.operator == 'greaterThanOrEqual' and dv.formula1 == '0'
    elif t == '0-4':
        assert dv.type == 'decimal' and dv.operator in (None, 'between') and (dv.formula1, dv.formula2) == ('0', '4')
    kinds[t] = kinds.get(t, 0) + 1
    f = ws.cell(r, 10).value
    if t == 'JUMLAH':
        assert f is None, (r, f)
    else:
        assert isinstance(f, str) and f.startswith('=IF(G%d=""' % r), (r, f)
assert set(kinds) == {'YA_TIDAK', 'ABC', 'ABCD', 'ABCDE', 'JUMLAH', '0-4'}, kinds
# sub-areas: the mean of the answered (AVERAGE skips ""), weight from the model
sub = ws['J5'].value
assert sub == '=IF(COUNT(J6:J7)=0,0,AVERAGE(J6:J7)*0.5)', sub
last = ws.max_row
assert str(ws.cell(last, 4).value).startswith('NILAI TOTAL'), ws.cell(last, 4).value
assert ws.cell(last, 10).value.startswith('=0+J'), ws.cell(last, 10).value
assert wb['Ringkasan'].cell(wb['Ringkasan'].max_row, 2).value == '=LKE!J%d' % last
PYEOF

# fill every answer, as a unit would
$PY - <<'PYEOF'
import openpyxl, random, csv
random.seed(7)
wb = openpyxl.load_workbook('lke.xlsx')
ws = wb['LKE']
pairs = {}
typed = {}
for r in range(2, ws.max_row + 1):
    sid = ws.cell(r, 1).value
    if sid is None:
        continue
    t = ws.cell(r, 5).value
    if t == 'YA_TIDAK':
        v = random.choice(['Ya', 'Tidak'])
    elif t.startswith('ABC'):
        v = random.choice(list(t[:len(t)]))
    elif t == '0-4':
        v = round(random.uniform(2, 4), 2)
    else:
        v = random.randint(0, 9) + 10   # denominators and numerators: set below
    ws.cell(r, 7).value = v
    ws.cell(r, 8).value = 'catatan %d' % sid
    typed[sid] = (r, v)
# numerators never above their denominators; one zero-zero pair
def put(sid, v):
    r, _ = typed[sid]; ws.cell(r, 7).value = v; typed[sid] = (r, v)
put(88, 5); put(89, 3); put(90, 4); put(91, 4); put(102, 6); put(103, 2); put(104, 1)
put(105, 0); put(106, 0); put(110, 9); put(111, 2); put(112, 7)
put(113, 1); put(114, 6); put(115, 0); put(116, 6); put(117, 3); put(118, 4); put(119, 20); put(120, 25)
put(122, 8); put(123, 5)
wb.save('filled.xlsx')
# what a plain reader gets: values of the header row and every row
wb = openpyxl.load_workbook('filled.xlsx')
ws = wb['LKE']
with open('filled.csv', 'w', newline='') as f:
    w = csv.writer(f)
    for row in ws.iter_rows(max_col=9, values_only=True):
        w.writerow(['' if v is None else v for v in row])
with open('typed.csv', 'w', newline='') as f:
    w = csv.writer(f)
    for sid in sorted(typed):
        w.writerow([sid, typed[sid][1]])
PYEOF
zi-eval import dpkp --year 2026 filled.csv -q
# exactly the answers typed
zi-eval template dpkp --year 2026 | $PY -c '
import csv, sys
got = {int(r["soal_id"]): r["answer"] for r in csv.DictReader(sys.stdin)}
typed = {int(a): b for a, b in csv.reader(open("typed.csv"))}
for sid, v in typed.items():
    want = v
    try:
        want = "%g" % float(v)
    except ValueError:
        pass
    g = got[sid]
    try:
        g = "%g" % float(g)
    except ValueError:
        pass
    assert g == want, (sid, got[sid], v)
assert len(typed) == 127
'
total=$(zi-eval score dpkp --year 2026 --format json | $PY -c 'import json,sys; print("%.6f" % json.load(sys.stdin)["total"])')

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
  if [ "$(id -u)" = 0 ]; then s=; else s=sudo; fi
  { $s apt-get update -qq && DEBIAN_FRONTEND=noninteractive $s apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui; } >/dev/null 2>&1 || true
  soffice=$(command -v soffice || true)
fi
if [ -z "$soffice" ]; then echo "ok (LibreOffice part skipped: it is not installed and apt could not install it)"; exit 0; fi
# LibreOffice recalculates on load; its own xlsx keeps the results, in full
# precision, for openpyxl to read
HOME=$d timeout 180 "$soffice" --headless --norestore --convert-to xlsx --outdir out filled.xlsx > lo.log 2>&1 || { cat lo.log; exit 1; }
sheet=$($PY -c '
import openpyxl
ws = openpyxl.load_workbook("out/filled.xlsx", data_only=True)["LKE"]
print(repr(ws.cell(ws.max_row, 10).value))')
$PY -c "
a, b = float('$sheet'), float('$total')
assert abs(a - b) < 1e-6, ('sheet', a, 'zi', b)
print('ok: the workbook computes %.6f, zi-eval score %.6f' % (a, b))"

# the workbook as LibreOffice saves it as CSV (its first sheet, values as
# shown) imports into another unit with the same score
zi-unit add bpbd --name "Badan Penanggulangan Bencana Daerah" --target WBK -q
HOME=$d timeout 180 "$soffice" --headless --norestore --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76 --outdir lo out/filled.xlsx > lo.log 2>&1 || { cat lo.log; exit 1; }
zi-eval import bpbd --year 2026 lo/filled.csv -q
total2=$(zi-eval score bpbd --year 2026 --format json | $PY -c 'import json,sys; print("%.6f" % json.load(sys.stdin)["total"])')
[ "$total2" = "$total" ] || { echo "LibreOffice CSV: $total2, openpyxl: $total"; exit 1; }
# once zi reads .xlsx itself (lib/sheet.c), the workbook imports as it is
rc=0; zi-eval import bpbd --year 2026 filled.xlsx -q 2> xlsx.err || rc=$?
if [ $rc = 0 ]; then
  total3=$(zi-eval score bpbd --year 2026 --format json | $PY -c 'import json,sys; print("%.6f" % json.load(sys.stdin)["total"])')
  [ "$total3" = "$total" ] || { echo "xlsx import: $total3, want $total"; exit 1; }
elif grep -q 'UTF-8\|encoding' xlsx.err; then
  echo "note: this zi does not read .xlsx yet; the direct import is not tested"
else
  cat xlsx.err; exit 1
fi

# in part: every third question and one count of a formula left empty
$PY - <<'PYEOF'
import openpyxl
wb = openpyxl.load_workbook('filled.xlsx')
ws = wb['LKE']
n = 0
for r in range(2, ws.max_row + 1):
    sid = ws.cell(r, 1).value
    if sid is None:
        continue
    if sid % 3 == 0 or sid == 110 or 28 <= sid <= 33:
        ws.cell(r, 7).value = None
wb.save('part.xlsx')
PYEOF
HOME=$d timeout 180 "$soffice" --headless --norestore --convert-to xlsx --outdir out part.xlsx > lo.log 2>&1 || { cat lo.log; exit 1; }
# the same answers into zi
zi-unit add part --name "Unit diisi sebagian" --target WBK -q
$PY -c "
import openpyxl, csv
ws = openpyxl.load_workbook('part.xlsx')['LKE']
w = csv.writer(open('part.csv', 'w', newline=''))
for row in ws.iter_rows(max_col=9, values_only=True):
    w.writerow(['' if v is None else v for v in row])"
zi-eval import part --year 2026 part.csv -q
zi_part=$(zi-eval score part --year 2026 --format json | $PY -c 'import json,sys; print(repr(json.load(sys.stdin)["total"]))')
$PY - "$root/schemas/lke/lke-2026.json" "$zi_part" <<'PYEOF'
import json, sys, openpyxl
model = json.load(open(sys.argv[1]))
zi_total = float(sys.argv[2])
ws = openpyxl.load_workbook('part.xlsx')['LKE']
ans = {}
for r in range(2, ws.max_row + 1):
    sid, v = ws.cell(r, 1).value, ws.cell(r, 7).value
    if sid is not None and v is not None:
        ans[sid] = v
def qscore(q):
    v = ans.get(q['id'])
    if v is None or q.get('scored') is False or q['type'] == 'JUMLAH':
        return None
    if q['type'] == '0-4':
        return min(max(float(v) / 4, 0), 1)
    return dict((k, m) for k, m in q['choices'])[v]
def derived(dv):
    if dv['formula'] == 'decrease':
        ids = [dv['before'], dv['after']]
    else:
        ids = dv['numerator'] + dv['denominator']
    if any(i not in ans for i in ids):
        return None
    zero = dv.get('zero', {})
    if dv['formula'] == 'decrease':
        b, a = ans[dv['before']], ans[dv['after']]
        if b == 0:
            return zero.get('both', 1) if a == 0 else zero.get('numerator', 0)
        return min(max((b - a) / b, 0), 1)
    num = sum(ans[i] for i in dv['numerator']); den = sum(ans[i] for i in dv['denominator'])
    if den == 0:
        return zero.get('both', 1) if num == 0 else zero.get('numerator', 0)
    return min(num / den, 1)
def node(n, zero):
    if n.get('rollup') == 'sum':
        return sum(node(c, zero) for c in n.get('children', []))
    if n.get('rollup') == 'weighted':
        return sum((qscore(q) or 0) * q['weight'] for q in n.get('questions', []) if q.get('scored') is not False)
    qs = [q for q in n.get('questions', []) if q.get('scored') is not False and q['type'] != 'JUMLAH']
    vals = [qscore(q) for q in qs] + [derived(d) for d in n.get('derived', [])]
    if zero:
        return sum(v or 0 for v in vals) / len(vals) * n['weight'] if vals else 0
    vals = [v for v in vals if v is not None]
    return sum(vals) / len(vals) * n['weight'] if vals else 0
skip = sum(node(r, False) for r in model['tree'])
lo = openpyxl.load_workbook('out/part.xlsx', data_only=True)['LKE']
got = lo.cell(lo.max_row, 10).value
rule = model.get('unanswered')
want = sum(node(r, True) for r in model['tree']) if rule == 'zero' else skip
assert abs(got - want) < 1e-6, ('sheet', got, rule or 'skip', 'rule', want)
print('ok: in part, the workbook computes %.6f, the official rule %.6f' % (got, want))
# zi itself: once the model declares its rule ("unanswered"), zi-eval score
# must give what the sheet gives
if rule is None:
    print('note: the model declares no "unanswered" rule yet; zi-eval score gives %.6f' % zi_total)
else:
    assert abs(zi_total - want) < 1e-6, ('zi-eval score', zi_total, 'sheet', got)
    print('ok: in part, zi-eval score %.6f' % zi_total)
PYEOF
