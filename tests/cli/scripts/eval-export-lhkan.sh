#!/bin/sh
# zi-eval export --lhkan on the example programme, recomputed by hand: a
# Python reading of units.csv, staff/*.csv and signatures/*.csv with the rules
# of the recap (the roster on the day; LHKPN for lhkpn true, LHKASN for the
# others; a staff filing dated in the year up to the day counts).
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cd "$d"
ZI_TODAY=2026-11-22 sh "$root/examples/build.sh" records > build.log 2>&1 || { cat build.log; exit 1; }
ZI_TODAY=2026-11-22 zi-eval export --lhkan zi.csv --year 2026 --as-of 2026-10-31 --per-unit \
  --pic "Bagian Organisasi" -q
python3 - records 2026 2026-10-31 > hand.csv <<'PY'
import csv, sys, os
rec, year, day = sys.argv[1], sys.argv[2], sys.argv[3]
inst = __import__('json').load(open(os.path.join(rec, 'zi.json')))['instansi']
def rows(p):
    if not os.path.exists(p): return []
    with open(p, newline='') as f: return list(csv.DictReader(f))
out = csv.writer(sys.stdout, lineterminator='\n')
out.writerow(['Kode Unit', 'Nama Instansi', 'Periode', 'Total Aparatur', 'Wajib LHKPN',
              'Tidak Wajib LHKPN', 'Realisasi LHKPN', 'Realisasi SPT Non LHKPN',
              'Belum SPT Non LHKPN', 'Total Belum LHKAN', 'PIC', 'Link Rekap', 'Catatan'])
tot = [0, 0, 0, 0]
for u in sorted(rows(os.path.join(rec, 'units.csv')), key=lambda u: u['id']):
    if u['retired'] == 'true': continue
    staff = [s for s in rows(os.path.join(rec, 'staff', u['id'] + '.csv'))
             if (not s['start'] or s['start'] <= day) and (not s['end'] or s['end'] > day)]
    filed = set((g['nip'], g['doc']) for g in rows(os.path.join(rec, 'signatures', u['id'] + '.csv'))
                if g['role'] != 'external' and year + '-01-01' <= g['date'] <= day)
    w = [s for s in staff if s['lhkpn'] == 'true']
    t = [s for s in staff if s['lhkpn'] != 'true']
    rl = sum((s['nip'], 'lhkpn') in filed for s in w)
    ra = sum((s['nip'], 'lhkasn') in filed for s in t)
    v = [len(w), len(t), rl, ra]
    tot = [a + b for a, b in zip(tot, v)]
    out.writerow([u['id'], u['name'], year, len(staff), len(w), len(t), rl, ra, len(t) - ra,
                  len(w) - rl + len(t) - ra, '', '', ''])
w, t, rl, ra = tot
out.writerow(['', inst, year, w + t, w, t, rl, ra, t - ra, w - rl + t - ra,
              'Bagian Organisasi', '', ''])
PY
diff hand.csv zi.csv
# and the instansi's row alone
ZI_TODAY=2026-11-22 zi-eval export --lhkan - --year 2026 --as-of 2026-10-31 --pic "Bagian Organisasi" > one.csv
tail -n 1 hand.csv | cut -d, -f2- > want
tail -n 1 one.csv > got
diff want got
[ "$(wc -l < one.csv)" -eq 2 ]
# --format xlsx: the same rows, read back by openpyxl (numbers as numbers)
ZI_TODAY=2026-11-22 zi-eval export --lhkan rekap.xlsx --format xlsx --year 2026 --as-of 2026-10-31 \
  --per-unit --pic "Bagian Organisasi" -q
PY=/usr/bin/python3
if $PY -c 'import openpyxl' 2>/dev/null; then
  $PY - rekap.xlsx > fromxlsx.csv <<'PY'
import csv, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
out = csv.writer(sys.stdout, lineterminator='\n')
for row in ws.iter_rows(values_only=True):
    out.writerow(['' if v is None else v for v in row])
PY
  diff hand.csv fromxlsx.csv
else
  echo "xlsx part skipped: python3-openpyxl is missing"
fi
# a workbook needs a file
if ZI_TODAY=2026-11-22 zi-eval export --lhkan - --format xlsx --year 2026 > x.out 2> x.err; then
  echo "an xlsx recap to standard output was accepted"; exit 1
fi
echo ok
