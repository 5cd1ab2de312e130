#!/bin/sh
# A half-filled LKE scored as the official workbook (Lampiran III of
# PermenPAN-RB 90/2021, sheet "LKE ZI") scores it. The workbook's arithmetic is
# written here again, independently of lib/lkescore.c: each answer cell a value,
# "Blm Diisi" (text) when unanswered; a sub-area AVERAGE(cells) x weight, and
# AVERAGE skips text; the derived percentages as the workbook's cells compute
# them; Hasil as value x weight. Only the tree (weights, which question sits
# where) is read from the model file.
set -eu
model=$(cd "$(dirname "$0")/../../../schemas/lke" && pwd)/lke-2026.json
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
zi-unit init -q --name "Kota Contoh"
zi-unit add -q half --name "Half"
# answers: choices spread over every option, a third of the questions left
# blank, 111 blank (so the complaints cell is "Blm Diisi"), counts filled
python3 - "$model" > half.csv <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
qs = []
def walk(n):
    for q in n.get("questions", []):
        qs.append(q)
    for c in n.get("children", []):
        walk(c)
for n in m["tree"]:
    walk(n)
counts = {88: 4, 89: 6, 90: 5, 91: 3, 102: 4, 103: 1, 104: 2, 105: 8, 106: 6, 110: 5, 112: 4,
          113: 1, 114: 2, 115: 0, 116: 2, 117: 2, 118: 3, 119: 5, 120: 9, 122: 6, 123: 4}
print("soal_id,answer")
for q in qs:
    i = q["id"]
    if q["type"] == "JUMLAH":
        print("%d,%s" % (i, counts[i] if i in counts else ""))
    elif q["type"] == "0-4":
        print("%d,%s" % (i, {125: "3.3", 127: "3.65"}[i]))
    elif i % 3 == 0:
        print("%d," % i)
    else:
        keys = [c[0] for c in q["choices"]]
        print("%d,%s" % (i, keys[(i * 7) % len(keys)]))
PY
zi-eval import -q half --year 2026 half.csv
zi-eval score half --year 2026 --format json > score.json
python3 - "$model" half.csv score.json <<'PY'
import csv, json, sys
m = json.load(open(sys.argv[1]))
ans = {int(r["soal_id"]): r["answer"] for r in csv.DictReader(open(sys.argv[2]))}
BLM = "Blm Diisi"
MULT = {"YA_TIDAK": {"Ya": 1, "Tidak": 0}, "ABC": {"A": 1, "B": 0.5, "C": 0},
        "ABCD": {"A": 1, "B": 0.67, "C": 0.33, "D": 0},
        "ABCDE": {"A": 1, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0}}
def num(i):
    return float(ans[i]) if ans.get(i, "") != "" else None
def cell(q):  # the value cell of an answer
    a = ans.get(q["id"], "")
    if a == "":
        return BLM
    if q["type"] == "0-4":
        return float(a) / 4
    return MULT[q["type"]][a]
def ratio(b, a):  # MIN(b / a, 1)
    if b is None or a is None:
        return BLM
    if a == 0:
        return 1 if b == 0 else 0
    return min(b / a, 1)
def s(*ids):
    v = [num(i) for i in ids]
    return None if None in v else sum(v)
def derived(node):
    i = node["id"]
    if i == 36:
        return [ratio(num(89), num(88)), ratio(num(91), num(90))]
    if i == 46:
        a, b = num(102), num(103)
        if a is None or b is None:
            return [BLM]
        if a == 0:
            return [1 if b == 0 else 0]
        return [max((a - b) / a, 0)]
    if i == 48:
        return [ratio(num(106), num(105))]
    if i == 53:  # IF(any of 110-112 empty, "Blm Diisi", MIN(112/110, 1))
        if None in (num(110), num(111), num(112)):
            return [BLM]
        return [ratio(num(112), num(110))]
    if i == 55:
        return [ratio(num(116), s(113, 114, 115))]
    if i == 56:
        return [ratio(num(120), s(117, 118, 119))]
    if i == 58:
        return [ratio(num(123), num(122))]
    return []
def average(cells):  # Excel's AVERAGE: text is skipped; none left is #DIV/0! (0 here)
    v = [c for c in cells if not isinstance(c, str)]
    return sum(v) / len(v) if v else 0
def score(n):
    if n.get("children"):
        return sum(score(c) for c in n["children"])
    qs = [q for q in n.get("questions", []) if q["type"] != "JUMLAH"]
    if n["rollup"] == "weighted":
        return sum((0 if cell(q) == BLM else cell(q)) * q["weight"] for q in qs)
    return average([cell(q) for q in qs] + derived(n)) * n["weight"]
total = sum(score(n) for n in m["tree"])
z = json.load(open(sys.argv[3]))
print("workbook %.6f zi %.6f" % (total, z["total"]))
assert abs(total - z["total"]) < 1e-6, (total, z["total"])
assert "%.2f" % total == "%.2f" % z["total"]
# the same with every unanswered question at 0 is lower
assert z["answered"] < 127
PY
zi-eval score half --year 2026 --explain > out
grep -q 'total with every unanswered question at 0' out
echo ok
