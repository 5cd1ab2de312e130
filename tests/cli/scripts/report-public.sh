#!/bin/sh
# The public edition (--public) of every report, in every format, names
# nobody: no NIP and no name of anyone on the example programme's rosters,
# and no complaint summary. The NIPs and names are read from the roster CSVs
# with python3's csv module (not with zi). The same search on the reports
# without --public must find some, so that the test can fail.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cd "$d"
export ZI_TODAY=2026-11-22
sh "$root/examples/build.sh" records > build.log 2>&1 || { cat build.log; exit 1; }
python3 - records > secrets.txt <<'PY'
import csv, glob, sys
rec = sys.argv[1]
seen = set()
for path in sorted(glob.glob(rec + "/staff/*.csv")):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for v in (row["nip"], row["name"]):
                if v.strip():
                    seen.add(v.strip())
with open(rec + "/complaints.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["summary"].strip():
            seen.add(row["summary"].strip())
for v in sorted(seen):
    print(v)
PY
[ "$(wc -l < secrets.txt)" -gt 100 ] || { echo "too few NIPs and names read: $(wc -l < secrets.txt)"; exit 1; }
# the words of a workbook: every XML part of the .xlsx, unpacked
unxlsx() {
  python3 - "$1" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in sorted(z.namelist()):
        if n.endswith(".xml"):
            sys.stdout.write(z.read(n).decode("utf-8") + "\n")
PY
}
# report NAME CMD...: runs a report, its output in out/NAME
mkdir out
report() { n=$1; shift; "$@" > "out/$n"; }
units=$(python3 -c 'import csv,sys; [print(r["id"]) for r in csv.DictReader(open("records/units.csv")) if r["retired"]!="true"]')
for p in public private; do
  case $p in public) flag=--public; detail= ;; private) flag=; detail=--detail ;; esac
  for f in text md csv json html; do
    report "$p-monthly.$f" zi-report monthly --month 2026-10 $flag $detail --format $f
  done
  zi-report monthly --month 2026-10 $flag $detail --format xlsx -o "$p-monthly.xlsx"
  unxlsx "$p-monthly.xlsx" > "out/$p-monthly.xlsx.xml"
  for f in text md csv json; do
    report "$p-readiness.$f" zi-report readiness $flag --format $f
  done
  zi-report readiness $flag --format xlsx -o "$p-readiness.xlsx"
  unxlsx "$p-readiness.xlsx" > "out/$p-readiness.xlsx.xml"
  for u in $units; do
    for f in text md json; do
      report "$p-unit-$u.$f" zi-report unit "$u" $flag --format $f
    done
  done
done
n=$(ls out/public-* | wc -l)
[ "$n" -ge 30 ] || { echo "only $n public outputs"; exit 1; }
if grep -F -f secrets.txt out/public-*; then
  echo "FAIL: the public edition shows a NIP, a staff name or a complaint summary (above)"
  exit 1
fi
# the search finds them where they are: the reports for the office
grep -qF -f secrets.txt out/private-monthly.text || { echo "the search finds nothing in monthly --detail"; exit 1; }
grep -qF -f secrets.txt out/private-monthly.xlsx.xml || { echo "the search finds nothing in the --detail workbook"; exit 1; }
grep -lF -f secrets.txt out/private-unit-* > /dev/null || { echo "the search finds nothing in the unit files"; exit 1; }
grep -qF 'Public edition' out/public-monthly.html
grep -qF '"public": true' out/public-monthly.json
# the public edition does not ask for names
if zi-report monthly --month 2026-10 --public --detail > /dev/null 2> err.txt; then
  echo "--public --detail accepted"; exit 1
else
  rc=$?
fi
[ "$rc" = 2 ] || { echo "--public --detail: exit $rc, not 2"; cat err.txt; exit 1; }
echo "ok: $n public outputs name nobody"
