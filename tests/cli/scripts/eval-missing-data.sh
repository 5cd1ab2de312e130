#!/bin/sh
# Missing data is never full marks (issue 9): an LKE with 110-112 blank and no
# complaints.csv; a unit with no roster; a roster without lhkpn/category. The
# question stays unanswered, the explanation names the missing record, and
# coverage nobody owes is no data ("-", null, empty), never 100.
set -eu
cases=$(cd "$(dirname "$0")/../cases" && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
fail() { echo "FAIL: $*"; exit 1; }
zi-unit init -q --name "Kota Contoh"
zi-unit add -q best --name "Best" --date 2024-01-01
zi-unit stage -q best pencanangan --date 2024-02-01
zi-unit stage -q best pembangunan --date 2024-03-01
# all best, surveys at 4, the complaints section blank
sed -e 's/^\xef\xbb\xbf//' -e 's/^125;.*/125;4;;/' -e 's/^127;.*/127;4;;/' -e '/^11[012];/d' \
  "$cases/eval-score-all/in/allA-bom.csv" > best.csv
zi-eval import -q best --year 2026 best.csv
zi-eval score best --year 2026 > out
grep -q 'total  *97.00 / 100.00' out || { cat out; fail "110-112 blank, no complaints.csv: not 97.00"; }
grep -q '^answered 124 of 127$' out || fail "answered count"
grep -q '^unanswered (3): 110 111 112$' out || fail "unanswered list"
grep -q 'soal 110: no complaints.csv' out || fail "the missing record is not named"
zi-eval score best --year 2026 --explain > out
grep -q 'total with every unanswered question at 0: 97.00' out || fail "explain: total at 0"
zi-eval score best --year 2026 --format json > out.json
python3 - out.json <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
assert abs(o["total"] - 97) < 1e-9, o["total"]
assert o["answered"] == 124 and o["questions"] == 127
assert o["unanswered"] == [110, 111, 112]
assert [m["soal_id"] for m in o["missing_records"]] == [110, 111, 112]
PY
# readiness: an incomplete LKE and a missing roster are missing prerequisites
zi-report readiness > out || true
grep -q 'LKE 2026 incomplete: answered 124 of 127' out || { cat out; fail "readiness: incomplete LKE"; }
grep -q 'no roster on 2026-11-22: coverage has no data' out || { cat out; fail "readiness: no roster"; }
grep -q 'best .*  *-  ' out || { cat out; fail "readiness: coverage of no roster is not '-'"; }

# no roster: the LHKPN/LHKASN counts stay unanswered, naming the roster
sed -e '/^11[3-9];/d' -e '/^120;/d' best.csv > noroster.csv
zi-unit add -q noroster --name "No roster"
zi-eval import -q noroster --year 2026 noroster.csv
zi-eval score noroster --year 2026 > out
grep -q 'soal 113: no roster: staff/noroster.csv has nobody' out || { cat out; fail "no roster not named"; }
grep -q 'soal 120: no roster' out || fail "no roster: 120"
zi-sign status noroster --format json > out.json
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert all(c["percent"] is None for c in o), o' out.json
zi-sign status noroster --format csv > out
grep -q '^noroster,pakta,0,0,,$' out || { cat out; fail "csv no data is not empty"; }
zi-report unit noroster > out
grep -q 'pact  *0  *0  *-' out || { cat out; fail "unit report: no data is not '-'"; }
zi-report monthly --month 2026-11 --format json > out.json
python3 - out.json <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
cov = [c for c in o["coverage"] if c["unit"] == "noroster"]
assert cov and all(c["percent"] is None for c in cov), cov
PY

# a roster without lhkpn and category columns: warned at import, listed by
# check and monthly, and the counts stay unanswered naming the roster
zi-unit add -q nodut --name "No duties"
zi-eval import -q nodut --year 2026 noroster.csv
printf 'NIP,Nama\n197001012000031001,Kepala\n198002022005012002,Staf\n' > roster.csv
zi-unit staff import nodut roster.csv > out 2> err
grep -q "warning: lhkpn: no lhkpn column" err || { cat err; fail "no lhkpn warning"; }
grep -q "warning: category: no category column" err || { cat err; fail "no category warning"; }
zi-eval score nodut --year 2026 > out
grep -q 'soal 117: staff/nodut.csv on 2026-11-22: 2 of 2 people without lhkpn, 2 without category' out ||
  { cat out; fail "roster without duties not named"; }
grep -q '^unanswered (10): 110 111 112 113 114 116 117 118 119 120$' out || { cat out; fail "lhkasn answered from nothing"; }
# whose duty is unknown is owed by neither document: no data, not a guess
zi-sign status nodut --format csv > out
grep -q '^nodut,lhkpn,0,0,,$' out && grep -q '^nodut,lhkasn,0,0,,$' out || { cat out; fail "unknown duties counted"; }
zi-report check > out 2> err || true
grep -q 'roster-without-duties\|unit nodut: 2 of 2 people on the roster without lhkpn' err || { cat err; fail "check does not list nodut"; }
zi-report monthly --month 2026-11 > out
grep -q 'nodut.*the roster lacks lhkpn for 2 and category for 2' out || { cat out; fail "monthly does not list nodut"; }
# with the columns, the same roster answers them
printf 'NIP,Nama,Kategori,Wajib LHKPN\n197001012000031001,Kepala,pimpinan,ya\n198002022005012002,Staf,pelaksana,tidak\n' > roster.csv
zi-unit staff import -q nodut roster.csv 2> err
[ ! -s err ] || { cat err; fail "warned with the columns"; }
zi-eval score nodut --year 2026 > out
grep -q '^unanswered (3): 110 111 112$' out || { cat out; fail "roster with duties"; }

# a register of complaints that exists (here empty for best) answers 110-112
zi-eval complaint add -q nodut --date 2026-02-01 --summary "Pungli" > /dev/null
zi-eval score best --year 2026 > out
grep -q 'total  *100.00 / 100.00' out || { cat out; fail "complaints.csv present: 0 of 0"; }
echo ok
