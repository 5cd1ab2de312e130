#!/bin/sh
# A programme digitised in reverse order: the units imported today, then
# their declarations of 2020-2022, then their stage histories of 2020-2024
# (one unit entered by hand, out of order). The monthly report of every
# month since January 2020 agrees with `zi-unit list --as-of` at the month's
# end on each unit's stage and predicate, and so do `zi-report unit`, the
# readiness report and the PortalRB export; `zi-report check` finds nothing.
set -eu
KEEP=${KEEP:-}
d=$(mktemp -d); [ -n "$KEEP" ] || trap 'rm -rf "$d"' EXIT; [ -z "$KEEP" ] || echo "$d"
cd "$d"
export ZI_TODAY=2026-11-22
zi-unit -q init --name "Uji digitalisasi" --code 0002 --lang en
# units today: no dates
cat > units.csv <<'CSV'
Kode;Nama Unit;Jenis;Target
dinsos;Dinas Sosial;dinas;WBBM
dpkp;Dinas Pemadam Kebakaran;dinas;WBK
rsud;RSUD Kota;rsud;WBK
pkm;Puskesmas Kota;puskesmas;WBK
CSV
zi-unit -q import units.csv > /dev/null
grep -q '^dinsos,.*,calon,2026-11-22,' records/units.csv
# the declarations of the past: each first one is the unit's pencanangan
cat > decl.csv <<'CSV'
unit;date;venue
dinsos;15/01/2020;Aula
dpkp;25/07/2022;Halaman
rsud;03/03/2021;Aula RSUD
CSV
zi-declare import decl.csv > /dev/null 2> decl.err
grep -q 'unit dinsos: its registration (calon) moves from 2026-11-22 to 2020-01-15' decl.err
# then the stage histories, as a spreadsheet exported with Indonesian headers
cat > stages.csv <<'CSV'
Kode Unit;Tanggal;Tahap;SK;Predikat
dinsos;02/01/2020;calon;;
dinsos;15/01/2020;pencanangan;dinsos-2020-01-15;
dinsos;01/03/2020;pembangunan;SK 1/2020;
dinsos;01/06/2021;penilaian-tpi;;
dinsos;20/05/2022;pengusulan;;
dinsos;01/08/2022;evaluasi-tpn;;
dinsos;09/12/2022;penetapan;SK WBK 2022;wbk
dinsos;02/01/2023;pembangunan;siklus WBBM;
dinsos;01/05/2024;penilaian-tpi;;
dinsos;20/05/2024;pengusulan;;
dinsos;01/08/2024;evaluasi-tpn;;
dinsos;10/12/2024;penetapan;SK WBBM 2024;WBBM
rsud;01/04/2021;pembangunan;SK 5;
rsud;01/06/2022;penilaian-tpi;;
rsud;01/09/2022;pembangunan;gagal TPI;
CSV
zi-unit stage import stages.csv > imp.out 2> imp.err
grep -q '^added' imp.out
# the same file again changes nothing
cp records/stages.csv s1; cp records/units.csv u1
zi-unit stage import stages.csv > imp2.out 2>/dev/null
grep -q '^added 0, updated 0, unchanged 15, rejected 0$' imp2.out
cmp s1 records/stages.csv; cmp u1 records/units.csv
# by hand: a stage dated years ago moves a registration made today; one
# that would break the sequence in the middle of the history is refused
zi-unit -q stage dpkp pembangunan --date 2022-08-01
zi-unit -q stage dpkp penilaian-tpi --date 2024-02-01
cp records/stages.csv s2
if zi-unit -q stage dpkp pembangunan --date 2023-01-05 2> bad.err; then
  echo "a second pembangunan in the middle was accepted"; exit 1; fi
grep -q 'pembangunan on 2023-01-05 after pembangunan on 2022-08-01' bad.err
cmp s2 records/stages.csv
zi-unit -q stage pkm pencanangan --date 2023-03-01
zi-unit -q stage pkm calon --date 2022-12-01
zi-unit show pkm > pkm.txt
grep -q '2022-12-01  calon' pkm.txt
grep -q '^dinsos,.*,penetapan,2024-12-10,WBBM,2024-12-10,SK WBBM 2024,' records/units.csv
grep -q '^rsud,.*,pembangunan,2022-09-01,' records/units.csv
grep -q '^dpkp,.*,penilaian-tpi,2024-02-01,' records/units.csv
grep -q '^pkm,.*,pencanangan,2023-03-01,' records/units.csv
zi-report check > /dev/null
# every month since 2020: the monthly report's stage and predicate of each
# unit are those of `zi-unit list --as-of` at the month's end
y=2020; m=1; months=0
while [ $y -lt 2026 ] || { [ $y -eq 2026 ] && [ $m -le 11 ]; }; do
  mm=$(printf '%04d-%02d' $y $m)
  end=$(date -d "$mm-01 +1 month -1 day" +%F)
  zi-report monthly --month "$mm" --format csv -o rep.csv
  awk -F, 'NR > 1 { print $1 "," $3 "," $4 }' rep.csv | sort > a
  zi-unit list --as-of "$end" --format csv | awk -F, 'NR > 1 { print $1 "," $8 "," $10 }' | sort > b
  cmp a b || { echo "month $mm: the report and the list disagree"; diff a b; exit 1; }
  months=$((months + 1))
  m=$((m + 1)); [ $m -le 12 ] || { m=1; y=$((y + 1)); }
done
[ $months = 83 ]
# spot checks of the history
zi-unit list --as-of 2022-12-31 --format csv | grep -q '^dinsos,.*,penetapan,2022-12-09,WBK,'
zi-unit list --as-of 2023-06-30 --format csv | grep -q '^dinsos,.*,pembangunan,2023-01-02,WBK,'
zi-unit list --as-of 2021-12-31 --format csv | grep -q '^dpkp,' && { echo "dpkp listed before it joined"; exit 1; }
zi-report monthly --month 2021-12 --format csv -o r21.csv
grep -q '^rsud,RSUD Kota,pembangunan,' r21.csv
# zi-report unit says what list says today
zi-report unit dinsos --format json > u.json
grep -q '"stage": "penetapan"' u.json && grep -q '"predicate": "WBBM"' u.json
# readiness sees the same stages: pkm not yet building, dpkp past it
zi-report readiness --format json > ready.json
grep -q '"not yet in pembangunan (stage pencanangan)"' ready.json
[ "$(grep -c 'not yet in pembangunan' ready.json)" = 1 ]
# the export of 2022 lists dinsos as a WBK proposal (it held nothing then),
# that of 2024 as WBBM (it held WBK)
zi-eval -q export --portalrb p22 --year 2022 > /dev/null 2>&1 || true
grep -q '"dinsos"' p22/pengusulan/unit-wbk
zi-eval -q export --portalrb p24 --year 2024 > /dev/null 2>&1 || true
grep -q '"dinsos"' p24/pengusulan/unit-wbbm
echo ok
