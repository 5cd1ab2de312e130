#!/bin/sh
# A large .xlsx sheet is read in parts on the pool (lib/sheet.c, after its
# first rows): with one thread or four, the same roster, the same diagnostics
# (cells and all) and the same --reject rows, and the same roster as the CSV
# it was made from. The workbook is written by openpyxl, not zi: dates as
# date cells, NIPs as text, the "No" column as numbers, a bad NIP in every
# part; its sheet is more than 8 MB of XML, so it is read in parts.
set -eu
PY=${ZI_PYTHON:-/usr/bin/python3}
$PY -c 'import openpyxl' 2>/dev/null || { echo "skipped: python3-openpyxl is missing"; exit 0; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
$PY - <<'PY'
import datetime, openpyxl, zipfile
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Pegawai")
head = ["No", "NIP", "Nama Pegawai", "Jabatan", "Golongan", "Wajib LHKPN", "TMT"]
ws.append(head)
with open("roster.csv", "w", newline="") as csv:
    csv.write(";".join(head) + "\r\n")
    for i in range(36000):
        y = 1960 + (i // 5000) % 40; m = 1 + (i // 400) % 12; d = 1 + (i // 1000) % 28
        nip = "%04d%02d%02d%04d%02d%d%03d" % (y, m, d, y + 25, m, 1 + i % 2, i % 1000)
        if i % 9973 == 17:
            nip = "12345"
        name = "Pegawai %d & <rekan> \u00e9" % i
        lhkpn = "tidak" if i % 7 else "ya"
        tmt = datetime.date(2000 + i % 20, 1 + i % 12, 1 + i % 28)
        ws.append([i, nip, name, "Staf umum", "III/a", lhkpn, tmt])
        csv.write("%d;%s;%s;Staf umum;III/a;%s;%s\r\n" % (i, nip, name, lhkpn, tmt.isoformat()))
wb.save("roster.xlsx")
size = zipfile.ZipFile("roster.xlsx").getinfo("xl/worksheets/sheet1.xml").file_size
assert size > 9 << 20, "the sheet is too small to be read in parts: %d" % size
PY
zi-unit init -q
zi-unit add -q dinas-besar --name "Dinas Besar"
cp -R records csv
for n in 1 4; do
  cp -R records t$n
  # every bad row refused: nothing written, exit 1
  rc=0
  ZI_THREADS=$n zi-unit -C t$n staff import dinas-besar roster.xlsx > t$n.out 2> t$n.err || rc=$?
  [ $rc -eq 1 ] || { echo "$n threads: exit $rc, not 1"; cat t$n.err | head; exit 1; }
  [ ! -e t$n/staff/dinas-besar.csv ] || { echo "$n threads: a roster written on a refused import"; exit 1; }
  ZI_THREADS=$n zi-unit -C t$n staff import dinas-besar roster.xlsx --reject t$n.rej \
    > t$n.out2 2> t$n.err2
done
for f in out err out2 err2 rej; do
  cmp t1.$f t4.$f || { echo "one thread and four differ in $f"; diff t1.$f t4.$f | head; exit 1; }
done
cmp t1/staff/dinas-besar.csv t4/staff/dinas-besar.csv ||
  { echo "one thread and four made different rosters"; exit 1; }
bad=$(grep -c 'Pegawai!B[0-9]*: nip' t1.err || true)
[ "$bad" -eq 4 ] || { echo "expected 4 bad NIPs named by their cells, got $bad"; cat t1.err; exit 1; }
grep -q "Pegawai!B29938: nip" t1.err || { echo "the last part's bad NIP is not named"; cat t1.err; exit 1; }
ZI_THREADS=1 zi-unit -C csv staff import dinas-besar roster.csv --reject /dev/null > csv.out 2> csv.err
cmp csv/staff/dinas-besar.csv t1/staff/dinas-besar.csv ||
  { echo "the .xlsx and the CSV made different rosters"; diff csv/staff/dinas-besar.csv t1/staff/dinas-besar.csv | head; exit 1; }
echo "ok: $(wc -l < t1/staff/dinas-besar.csv) roster lines, $bad bad NIPs, same with 1 and 4 threads and as CSV"
