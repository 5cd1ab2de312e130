#!/bin/sh
# zi-eval survey ikm takes Google Forms and Microsoft Forms exports as they
# are downloaded (made here by Python's csv module, not by zi): a time stamp
# as the date, no respondent column (numbered by row) or MS Forms' ID, the
# nine question texts as headers, text answers on each element's scale. The
# IKM is computed here independently (NRR per element, SKM = sum / 9, x 25)
# and must equal zi's. Then the refusals: a text on no scale (line, column
# header and value named), an unmatched header (element missing), two
# headers naming one element.
set -eu
PY=/usr/bin/python3
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cd "$d"
zi-unit init --name "Kota Contoh" -q
zi-unit add dpkp --name "Dinas Pemadam Kebakaran" --target WBK -q
$PY - <<'PYEOF'
import csv, random
random.seed(14)
Q = [
 "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
 "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
 "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
 "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
 "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
 "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
 "Bagaimana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
 "Bagaimana pendapat Saudara tentang penanganan pengaduan, saran dan masukan pengguna layanan?",
 "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
]
S = [
 ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
 ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
 ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
 ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
 ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
 ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
 ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
 ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
 ["Buruk", "Cukup", "Baik", "Sangat baik"],
]
def ikm(rows):
    nrr = [sum(r[e] for r in rows) / len(rows) for e in range(9)]
    return sum(nrr) / 9 * 25
# Google Forms (English UI): Timestamp month first, a respondent's other
# answers around the nine, a free-text "Saran dan masukan" column
g = [[random.choice([2, 3, 3, 4, 4]) for _ in range(9)] for _ in range(37)]
with open('google.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(["Timestamp", "Jenis Kelamin", "Jenis layanan yang diterima"] + Q + ["Saran dan masukan"])
    for i, r in enumerate(g):
        w.writerow(["10/%d/2026 9:14:22" % (i % 28 + 1), random.choice(["Laki-laki", "Perempuan"]), "KTP"] +
                   [S[e][r[e] - 1].upper() if i % 5 == 0 else S[e][r[e] - 1] for e in range(9)] +
                   ["lebih cepat,\nterima kasih" if i % 7 == 0 else ""])
# Microsoft Forms: ID, Start time, Completion time, Email, Name, then the questions
m = [[random.choice([1, 2, 3, 4]) for _ in range(9)] for _ in range(23)]
with open('msforms.csv', 'w', newline='', encoding='utf-8-sig') as f:
    w = csv.writer(f)
    w.writerow(["ID", "Start time", "Completion time", "Email", "Name"] + Q)
    for i, r in enumerate(m):
        w.writerow([i + 1, "10/3/26 9:10:01", "10/3/26 9:14:22", "anonymous", ""] + [S[e][r[e] - 1] for e in range(9)])
# Google Forms in Indonesian: "Stempel waktu", day first, year first too
with open('google-id.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(["Stempel waktu"] + Q)
    w.writerow(["2026/10/03 9:14:22 AM GMT+7"] + [S[e][3] for e in range(9)])
    w.writerow(["25/10/2026 10:01:02"] + [S[e][2] for e in range(9)])
open('expect', 'w').write("%.6f %.6f\n" % (ikm(g), ikm(m)))
# bad: a text on no scale; an unmatched header; two headers naming one element
with open('bad-text.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(["Timestamp"] + Q)
    w.writerow(["10/3/2026 9:14:22"] + [S[e][3] for e in range(9)])
    w.writerow(["10/3/2026 9:15:22"] + [S[e][3] for e in range(8)] + ["Lumayan"])
with open('bad-header.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(["Timestamp"] + Q[:8] + ["Bagaimana kualitas ruang tunggu?"])
    w.writerow(["10/3/2026 9:14:22"] + [S[e][3] for e in range(9)])
with open('bad-twice.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(["Timestamp"] + Q + ["Berapa biaya/tarif parkir?"])
    w.writerow(["10/3/2026 9:14:22"] + [S[e][3] for e in range(9)] + ["Gratis"])
with open('map.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(["column", "field"])
    w.writerow(["Berapa biaya/tarif parkir?", "ignore"])
PYEOF
read g_want m_want < expect
g_got=$(zi-eval survey ikm dpkp --year 2026 google.csv --format json -q | $PY -c 'import json,sys; o=json.load(sys.stdin); print("%.6f %d" % (o["ikm"], o["respondents"]))')
[ "$g_got" = "$g_want 37" ] || { echo "google: got $g_got, want $g_want 37"; exit 1; }
# respondents numbered by row, dates from the time stamp (month first)
head -3 records/surveys/2026/dpkp-ikm.csv | tr -d '\r' > head.txt
grep -q '^1,2026-10-01,' head.txt || { cat head.txt; exit 1; }
m_got=$(zi-eval survey ikm dpkp --year 2026 msforms.csv --format json -q | $PY -c 'import json,sys; o=json.load(sys.stdin); print("%.6f %d" % (o["ikm"], o["respondents"]))')
[ "$m_got" = "$m_want 23" ] || { echo "msforms: got $m_got, want $m_want 23"; exit 1; }
grep -q '^1,2026-10-03,' records/surveys/2026/dpkp-ikm.csv || { head -3 records/surveys/2026/dpkp-ikm.csv; exit 1; }
zi-eval survey ikm dpkp --year 2026 google-id.csv -q > /dev/null
grep -q '^1,2026-10-03,4,4,4,4,4,4,4,4,4$' records/surveys/2026/dpkp-ikm.csv
grep -q '^2,2026-10-25,3,3,3,3,3,3,3,3,3$' records/surveys/2026/dpkp-ikm.csv

rc=0; zi-eval survey ikm dpkp --year 2026 bad-text.csv 2> err || rc=$?
[ $rc = 1 ] || { echo "bad-text rc $rc"; cat err; exit 1; }
grep -q "bad-text.csv:3: u9: column 10 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?': 'Lumayan' is not on the scale of sarana dan prasarana (Buruk / Cukup / Baik / Sangat baik)" err || { cat err; exit 1; }
rc=0; zi-eval survey ikm dpkp --year 2026 bad-header.csv 2> err || rc=$?
[ $rc = 1 ] || { echo "bad-header rc $rc"; cat err; exit 1; }
grep -q "column 10 'Bagaimana kualitas ruang tunggu?' is not an element" err || { cat err; exit 1; }
grep -q "an IKM survey has 9 elements, this file has 8" err || { cat err; exit 1; }
rc=0; zi-eval survey ikm dpkp --year 2026 bad-twice.csv 2> err || rc=$?
[ $rc = 1 ] || { echo "bad-twice rc $rc"; cat err; exit 1; }
grep -q "columns 5 and 11 both name element u4; say which with --map" err || { cat err; exit 1; }
# nothing was written by the refusals: the last good file stays
grep -q '^2,2026-10-25,3,3,3,3,3,3,3,3,3$' records/surveys/2026/dpkp-ikm.csv
zi-eval survey ikm dpkp --year 2026 bad-twice.csv --map map.csv -q > /dev/null
echo ok
