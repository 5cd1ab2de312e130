#!/bin/sh
# A local model named in zi.json is the model of every command: zi-eval score
# and export, zi-report monthly and check choose it alike (zi_model_for), so
# one unit never gets two scores from two models.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
model=$(cd "$here/../../../schemas/lke" && pwd)/lke-2026.json
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
fail() { echo "FAIL: $*"; exit 1; }
zi-unit init -q --name "Kota Contoh"
zi-unit add -q half --name "Half"
# half the choice questions answered: "skip" and "zero" give different totals
python3 - "$model" > half.csv <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
def walk(n):
    for q in n.get("questions", []):
        if q["type"] in ("YA_TIDAK", "ABC", "ABCD", "ABCDE") and q["id"] % 2:
            print("%d,%s" % (q["id"], q["choices"][0][0]))
    for c in n.get("children", []):
        walk(c)
print("soal_id,answer")
for n in m["tree"]:
    walk(n)
PY
zi-eval import -q half --year 2026 half.csv
# the instansi's own model: the 2026 one, scoring unanswered questions as 0
python3 - "$model" records/lke-local.json <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["model"] = "lke-local"
m["unanswered"] = "zero"
json.dump(m, open(sys.argv[2], "w"), ensure_ascii=False)
PY
python3 - records/zi.json <<'PY'
import json, sys
z = json.load(open(sys.argv[1]))
z["model"] = "lke-local.json"
open(sys.argv[1], "w").write(json.dumps(z, indent=2, ensure_ascii=False) + "\n")
PY
zi-eval score half --year 2026 --format json > local.json
zi-eval score half --year 2026 --format json --model lke-2026 > builtin.json
zi-report monthly --month 2026-11 --format json > monthly.json 2> monthly.err
python3 - local.json builtin.json monthly.json <<'PY'
import json, sys
local, builtin, monthly = (json.load(open(f)) for f in sys.argv[1:4])
assert local["model"] == "lke-local", local["model"]
assert builtin["model"] == "lke-2026"
assert abs(local["total"] - builtin["total"]) > 1, (local["total"], builtin["total"])
s = [x for x in monthly["scores"] if x["unit"] == "half"][0]
assert abs(s["total"] - round(local["total"], 2)) < 1e-9, (s["total"], local["total"])
PY
zi-report check > out 2> err || { cat out err; fail "check"; }
zi-eval export --portalrb api --year 2026 2> err || { cat err; fail "export"; }
# a broken local model: every command says so, none falls back to another
echo '{' > records/lke-local.json
rc=0; zi-eval score half --year 2026 > out 2> err || rc=$?
[ $rc = 1 ] && grep -q 'lke-local.json' err || { echo "rc $rc"; cat err; fail "score used another model"; }
rc=0; zi-eval export --portalrb api2 --year 2026 > out 2> err || rc=$?
[ $rc != 0 ] && grep -q 'lke-local.json' err || { echo "rc $rc"; cat err; fail "export used another model"; }
rc=0; zi-report check > out 2> err || rc=$?
[ $rc != 0 ] && grep -q 'lke-local.json' err || { echo "rc $rc"; cat out err; fail "check used another model"; }
zi-report monthly --month 2026-11 --format json > out 2> err || true
grep -q 'model-unavailable\|scores left out' err || { cat err; fail "monthly used another model"; }
echo ok
