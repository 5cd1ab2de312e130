#!/bin/sh
# The monthly report is the state at the month's end: records added in the
# next month (a complaint received, an October complaint resolved, a new LHKPN
# filing, a roster change, a survey response) leave the October report
# byte-identical in every format, LKE scores included, while the November
# report changes.
set -eu
KEEP=${KEEP:-}
d=$(mktemp -d); [ -n "$KEEP" ] || trap 'rm -rf "$d"' EXIT; [ -z "$KEEP" ] || echo "$d"
cd "$d"
at() { t=$1; shift; ZI_TODAY=$t "$@"; }

# ---- the records up to October ----
at 2026-01-05 zi-unit -q init --name "Uji as-of" --code 0001 --lang en
at 2026-01-05 zi-unit -q add dinsos --name "Dinas Sosial" --date 2026-01-05
at 2026-02-01 zi-unit -q stage dinsos pencanangan --date 2026-02-01
at 2026-02-02 zi-unit -q stage dinsos pembangunan --date 2026-02-02
cat > staff.csv <<'EOF'
nip,name,position,grade,category,lhkpn,start,end
198001012005011001,Ani,Kepala Dinas,IV/b,pimpinan,true,2020-01-01,
198002022005011002,Budi,Kepala Bidang,III/d,eselon3,false,2020-01-01,
198004042005011004,Dewi,Kepala Seksi,III/c,eselon4,false,2020-01-01,
198005052005011005,Eko,Kepala Seksi,III/c,eselon4,true,2020-01-01,
EOF
at 2026-02-02 zi-unit -q staff import dinsos staff.csv
cat > sign.csv <<'EOF'
nip,doc,date,name
198001012005011001,pakta,2026-02-01,Ani
198001012005011001,lhkpn,2026-03-01,Ani
198004042005011004,lhkasn,2026-03-02,Dewi
EOF
at 2026-03-02 zi-sign -q import dinsos sign.csv
at 2026-09-03 zi-eval -q complaint add dinsos --date 2026-09-03 --summary "Antrean lama" > /dev/null
at 2026-10-10 zi-eval -q complaint add dinsos --date 2026-10-10 --summary "Pungutan liar" > /dev/null
# the LKE worksheet: the counts (complaints, LHKPN/LHKASN) and the IPAK are
# left empty, so the scorer derives them from the records
at 2026-10-20 zi-eval template dinsos --year 2026 > t.csv
awk -F, 'NR == 1 { print "soal_id,answer"; next }
  { a = "" }
  $5 == "YA_TIDAK" { a = "ya" }
  $5 ~ /^ABC/ { a = "a" }
  $5 == "JUMLAH" && ($1 < 110 || $1 > 120) { a = 10 }
  $5 == "JUMLAH" && ($1 == 103 || $1 == 104) { a = 1 }
  $5 == "0-4" && $1 != 125 { a = "3.50" }
  { print $1 "," a }' t.csv > f.csv
at 2026-10-20 zi-eval -q import dinsos --year 2026 f.csv > /dev/null
printf 'respondent,date,u1,u2,u3\n1,2026-10-02,4,4,3\n2,2026-10-03,3,3,3\n' > ipak.csv
at 2026-10-21 zi-eval -q survey ipak dinsos --year 2026 ipak.csv > /dev/null
zi-report check > /dev/null

# ---- the reports written on 1 November ----
for f in text md csv json html; do
  at 2026-11-01 zi-report monthly --month 2026-10 --format $f -o oct-a.$f
  at 2026-11-01 zi-report monthly --month 2026-11 --format $f -o nov-a.$f
done
grep -q 'dinsos' oct-a.text
# the score is there (derived counts included)
grep -q '"scores": \[' oct-a.json || grep -q '"scores":' oct-a.json
grep -q 'lke_total' oct-a.csv

# ---- November ----
at 2026-11-04 zi-eval -q complaint add dinsos --date 2026-11-04 --summary "Loket tutup" > /dev/null
at 2026-11-06 zi-eval -q complaint resolve dinsos-2026-10-10-1 --date 2026-11-06 > /dev/null
printf 'nip,doc,date,name\n198005052005011005,lhkpn,2026-11-07,Eko\n198002022005011002,lhkasn,2026-11-07,Budi\n' > sign2.csv
at 2026-11-07 zi-sign -q import dinsos sign2.csv
# roster: Dewi leaves (1 November is her first day off), Fajar joins
cat > staff2.csv <<'EOF'
nip,name,position,grade,category,lhkpn,start,end
198004042005011004,Dewi,Kepala Seksi,III/c,eselon4,false,2020-01-01,2026-11-01
199001012015011006,Fajar,Staf,II/c,pelaksana,false,2026-11-02,
EOF
at 2026-11-08 zi-unit -q staff import dinsos staff2.csv
printf 'respondent,date,u1,u2,u3\n1,2026-10-02,4,4,3\n2,2026-10-03,3,3,3\n3,2026-11-09,1,1,1\n' > ipak2.csv
at 2026-11-09 zi-eval -q survey ipak dinsos --year 2026 ipak2.csv > /dev/null
zi-report check > /dev/null
# the records did change
grep -q '^dinsos-2026-10-10-1,.*,selesai,2026-11-06,' records/complaints.csv
grep -q '^199001012015011006,' records/staff/dinsos.csv

# ---- the same reports written on 1 December ----
for f in text md csv json html; do
  at 2026-12-01 zi-report monthly --month 2026-10 --format $f -o oct-b.$f
  at 2026-12-01 zi-report monthly --month 2026-11 --format $f -o nov-b.$f
  cmp oct-a.$f oct-b.$f || { echo "October report ($f) changed"; diff oct-a.$f oct-b.$f || true; exit 1; }
  if cmp -s nov-a.$f nov-b.$f; then echo "November report ($f) did not change"; exit 1; fi
done
# November sees the new records: in the LKE score (derived counts) as well
# as in the complaints and the roster
s_oct=$(awk -F, 'NR == 2 { print $10 }' oct-b.csv)
s_nov=$(awk -F, 'NR == 2 { print $10 }' nov-b.csv)
s_nov_a=$(awk -F, 'NR == 2 { print $10 }' nov-a.csv)
[ -n "$s_oct" ] || { echo "no LKE total in the October csv"; exit 1; }
[ "$s_nov" != "$s_nov_a" ] || { echo "the November score did not change ($s_nov)"; exit 1; }
# the IPAK of three elements (not the nine of the IKM): October's two
# responses, then with November's
grep -q '^  Dinas Sosial  *3\.33$' oct-b.text || { echo "IPAK of October is not 3.33"; exit 1; }
grep -q '^  Dinas Sosial  *2\.56$' nov-b.text || { echo "IPAK of November is not 2.56"; exit 1; }
echo ok
