#!/bin/sh
# Makes the seed corpora fuzz/corpus/NAME/ from the test inputs (run from the
# top of the tree; the seeds are committed, this says where they came from).
# A harness's first bytes choose what it does: see each fuzz/fuzz_NAME.c.
set -eu
c=tests/cli/cases
o=fuzz/corpus
rm -rf "$o"; mkdir -p "$o/csv" "$o/import" "$o/values" "$o/model" "$o/manifest" "$o/merge" "$o/sheet"
seed() { # TARGET NAME SELECTOR-BYTES (octal escapes) FILE...
  t=$1; n=$2; sel=$3; shift 3
  { printf "$sel"; cat "$@"; } > "$o/$t/$n"
}
# the CSV reader: byte 0 chooses encoding (bits 0-1), delimiter (2-3), trim (4)
seed csv units '\000' examples/import/units.csv
seed csv pakta-semicolon-bom '\000' $c/sign-import/in/pakta.csv
seed csv lke-bom '\021' $c/eval-import/in/allA-bom.csv
seed csv staff '\000' $c/unit-staff-import/in/staff.csv
seed csv quotes '\004' /dev/null && printf '\004a,"b ""c""",d\r\n1,"x\ny",\n' > "$o/csv/quotes"
printf '\002nama;kota\nJos\351;Bandung\n' > "$o/csv/cp1252"
# every import: byte 0 % 9 chooses (see fuzz_import.c)
seed import units '\000' examples/import/units.csv
seed import staff '\001' $c/unit-staff-import/in/staff.csv
seed import declarations '\002' examples/import/declarations.csv
seed import signatures '\003' $c/sign-import/in/pakta.csv
seed import lke-worksheet '\004' $c/eval-import/in/allA-bom.csv
seed import portalrb-json '\004' $c/eval-import-portalrb/in/jawaban.json
seed import survey-ikm '\005' $c/eval-survey-ikm/in/ikm.csv
seed import survey-ipak '\006' $c/eval-survey-ipak/in/ipak.csv
seed import units-reject '\010' $c/unit-import-reject/in/units-parent.csv
# values: byte 0 % 9 chooses the kind, byte 1 the schema field (kind 8)
v() { printf "$1%s" "$2" > "$o/values/$3"; }
v '\000\000' '25 Juli 2022' date-words
v '\000\000' '1/6/2021' date-slash
v '\001\000' '19850312 201001 1 002' nip
v '\001\000' '1,98503E+17' nip-sci
v '\002\000' '-12,5' number
v '\003\000' '+42' integer
v '\004\000' 'Ya' bool
v '\005\000' 'dinas-kesehatan' slug
v '\006\000' 'Surat Pernyataan Tidak Menerima Gratifikasi' doc
v '\010\001' 'Penata Muda, III/a' field-grade
v '\010\002' 'baris satu\r\nbaris dua' field-text
# models (byte 0 even) and PortalRB masters (odd)
seed model lke-2026 '\000' schemas/lke/lke-2026.json
# the official master, cut to the first child of every node (a seed is small)
master=tests/corpora/lke-master/lke-master-2026.json
if [ -f "$master" ]; then
  python3 -c '
import json, sys
def cut(n):
    if isinstance(n, dict):
        return {k: ([cut(c) for c in v[:1]] if isinstance(v, list) else cut(v)) for k, v in n.items()}
    return n
m = json.load(open(sys.argv[1]))
m["data"] = [cut(d) for d in m["data"]]
sys.stdout.write(json.dumps(m, ensure_ascii=False, indent=1))
' "$master" > "$o/model/master.tmp"
  seed model master '\001' "$o/model/master.tmp"
  rm "$o/model/master.tmp"
fi
# zi.json
printf '{\n  "format": 1,\n  "instansi": "Pemerintah Kota Contoh",\n  "code": "9999",\n  "model": "lke-2026",\n  "language": "en",\n  "commit": false\n}\n' > "$o/manifest/zi.json"
# the merge driver: byte 0 the records file, bytes 1-4 the lengths of base
# and ours (little-endian), then base, ours, theirs
m() { # NAME SELECTOR BASE OURS THEIRS
  nb=$(printf '%s' "$3" | wc -c); no=$(printf '%s' "$4" | wc -c)
  { printf "$2"; printf "\\$(printf %03o $((nb % 256)))\\$(printf %03o $((nb / 256)))";
    printf "\\$(printf %03o $((no % 256)))\\$(printf %03o $((no / 256)))";
    printf '%s%s%s' "$3" "$4" "$5"; } > "$o/merge/$1"
}
h='unit,date,stage,ref,note
'
m stages '\001' "${h}a,2026-01-01,calon,,
b,2026-01-01,calon,,
" "${h}a,2026-01-01,calon,SK 1,
b,2026-01-01,calon,,
d,2026-02-01,calon,,
" "${h}a,2026-01-01,calon,,catatan
"
u='id,name,short_name,parent,kind,target,afirmasi,stage,stage_date,predicate,predicate_date,predicate_ref,retired
'
m units '\000' "${u}b1,Dinas B,,,dinas,,false,calon,2026-01-05,,,,false
" "${u}b1,Dinas B Baru,,,dinas,,false,calon,2026-01-05,,,,false
" "${u}b1,Dinas B,,,dinas,WBK,false,calon,2026-01-05,,,,false
c1,Dinas C,,,,,false,calon,2026-01-05,,,,false
"
# the spreadsheet readers: byte 0 chooses the sheet; an .xlsx made by openpyxl
# (a date, a NIP as a number, a formula, merged cells, a second sheet)
"${ZI_PYTHON:-/usr/bin/python3}" - "$o/sheet/units-xlsx" <<'PY'
import openpyxl, datetime, io, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Sheet1"
ws.append(["Kode", "Nama", "Tanggal", "NIP"])
ws.append(["b1", "Dinas B", datetime.date(2022, 7, 25), 198503122010011002])
ws.append(["b2", "=\"Dinas \"&\"C\"", 44767, True])
ws.merge_cells("A5:B5"); ws["A5"] = "gabung"
wb.create_sheet("Lembar2").append(["x", 1.5])
b = io.BytesIO(); wb.save(b)
open(sys.argv[1], "wb").write(b"\0" + b.getvalue())
PY
printf '\000Kode;Nama\nb1;Dinas B\n' > "$o/sheet/csv"
