#!/usr/bin/env python3
"""Derives our LKE model (schemas/lke/lke-YEAR.json) from an official PortalRB
master. Run once per evaluation year and commit the output: the model is data,
reviewed like code. What the master says in prose (derived percentages, the
thresholds, which records fill which count) is written here, once, as data.

usage: python3 schemas/lke/derive-model.py MASTER.json > schemas/lke/lke-2026.json
The format is documented in man/zi-model.5."""
import json
import re
import sys

master = json.load(open(sys.argv[1]))

TYPES = {"YA_TIDAK": "choice", "ABC": "choice", "ABCD": "choice", "ABCDE": "choice",
         "JUMLAH": "count", "0-4": "survey"}

# derived percentages of DOMAIN.md, by the sub-area (master node id) they score in
DERIVED = {
    36: [
        {"id": "agen-perubahan", "name": "Perubahan yang dibuat per agen perubahan",
         "formula": "ratio", "numerator": [89], "denominator": [88], "above": "cap"},
        {"id": "perubahan-terintegrasi", "name": "Perubahan yang terintegrasi dalam sistem manajemen",
         "formula": "ratio", "numerator": [91], "denominator": [90], "above": "error"},
    ],
    46: [
        {"id": "penurunan-pelanggaran", "name": "Penurunan pelanggaran disiplin pegawai",
         "formula": "decrease", "before": 102, "after": 103,
         # the workbook: both zero gives 1; else MAX((102 - 103) / 102, 0);
         # 102 = 0 < 103 is #DIV/0! there: violations rose from none, 0 here
         "zero": {"both": 1, "numerator": 0}, "above": "cap"},
    ],
    48: [
        {"id": "capaian-sasaran", "name": "Sasaran kinerja dengan capaian 100% atau lebih",
         "formula": "ratio", "numerator": [106], "denominator": [105], "above": "error"},
    ],
    53: [
        {"id": "penanganan-pengaduan", "name": "Pengaduan masyarakat yang selesai ditindaklanjuti",
         "formula": "ratio", "numerator": [112], "denominator": [110], "above": "error",
         # the workbook: IF(any of 110-112 empty, "Blm Diisi", ...)
         "requires": [111]},
    ],
    55: [
        {"id": "lhkpn", "name": "Kepatuhan penyampaian LHKPN",
         "formula": "ratio", "numerator": [116], "denominator": [113, 114, 115], "above": "error"},
    ],
    56: [
        {"id": "lhkasn", "name": "Kepatuhan penyampaian LHKASN (non LHKPN)",
         "formula": "ratio", "numerator": [120], "denominator": [117, 118, 119], "above": "error"},
    ],
    58: [
        {"id": "pelayanan-dipermudah", "name": "Perijinan/pelayanan yang telah dipermudah",
         "formula": "ratio", "numerator": [123], "denominator": [122], "above": "error"},
    ],
}
# every ratio's zero-denominator policy (implementations give full score when
# both are zero; a numerator over a zero denominator is "above" it: an error
# where "above" says so)
ZERO = {"both": 1, "numerator": 0}

# counts and values the records can fill when the answer is left empty
SOURCES = {
    110: "complaints-to-follow-up", 111: "complaints-in-process", 112: "complaints-resolved",
    113: "lhkpn-required-pimpinan", 114: "lhkpn-required-other", 115: "zero",
    116: "lhkpn-filed", 117: "lhkasn-required-eselon3", 118: "lhkasn-required-eselon4",
    119: "lhkasn-required-fungsional-pelaksana", 120: "lhkasn-filed",
    125: "survey-ipak", 127: "survey-ipkp",
}
NOT_SCORED = {104: "recorded, not scored: the use of sanctioned violations is not settled"}
WEIGHTED = {61, 62}
# the master's excel_* fields, by the name our model gives them
EXCEL = [("sheet", "excel_sheet"), ("row", "excel_baris"),
         ("unit", "excel_kolom_jawaban_unit"), ("tpi", "excel_kolom_jawaban_tpi"),
         ("unit_note", "excel_kolom_catatan_unit"),
         ("unit_evidence", "excel_kolom_bukti_dukung_unit"),
         ("tpi_note", "excel_kolom_catatan_tpi")]  # Hasil: explicit question weights, not a mean


def question(s):
    t = s["jenis_jawaban"].upper()
    q = {"id": s["id"], "type": t}
    if s["bobot_maksimal"]:
        q["weight"] = s["bobot_maksimal"]
    if TYPES[t] == "choice":
        q["choices"] = [[c["key"], c["multiplier"]] for c in s["skema_penilaian"]]
    if s["id"] in SOURCES:
        q["source"] = SOURCES[s["id"]]
    if s["id"] in NOT_SCORED:
        q["scored"] = False
        q["note"] = NOT_SCORED[s["id"]]
    q["text"] = " ".join(s["teks_pertanyaan"].split())
    # where the PortalRB workbook keeps this question's cells (zi-eval import)
    if s.get("excel_sheet"):
        q["excel"] = {k: s[m] for k, m in EXCEL if s.get(m) not in (None, "")}
    return q


def node(n):
    o = {"id": n["id"], "level": n["level"], "name": n["nama"], "weight": n["bobot_maksimal"]}
    if n["children"]:
        o["rollup"] = "sum"
        o["children"] = [node(c) for c in sorted(n["children"], key=lambda c: c["order_index"])]
    else:
        o["rollup"] = "weighted" if n["id"] in WEIGHTED else "mean"
    if n["soals"]:
        o["questions"] = [question(s) for s in n["soals"]]
    if n["id"] in DERIVED:
        o["derived"] = [dict(d, zero=ZERO) if d["formula"] == "ratio" else d
                        for d in DERIVED[n["id"]]]
    return o


tree = [node(n) for n in sorted(master["data"], key=lambda n: n["order_index"])]
AREAS = [("manajemen-perubahan", "Manajemen Perubahan", [3, 35]),
         ("penataan-tatalaksana", "Penataan Tatalaksana", [8, 39]),
         ("penataan-sdm", "Penataan Sistem Manajemen SDM Aparatur", [12, 43]),
         ("penguatan-akuntabilitas", "Penguatan Akuntabilitas", [19, 47]),
         ("penguatan-pengawasan", "Penguatan Pengawasan", [22, 51]),
         ("kualitas-pelayanan", "Peningkatan Kualitas Pelayanan Publik", [28, 57])]

model = {
    "model": "lke-%d" % master["tahun"],
    "title": "LKE Zona Integritas menuju WBK/WBBM, tahun evaluasi %d" % master["tahun"],
    "year": master["tahun"],
    "basis": "PermenPAN-RB 90/2021 as amended by 5/2024; PortalRB master of %s" % master["generated_at"],
    "questions": master["total_soal"],
    # the workbook's sub-area is AVERAGE(values) x weight, and AVERAGE skips an
    # unanswered question's "Blm Diisi": the mean of the answered questions
    "unanswered": "skip",
    "parts": {"pengungkit": 1, "pemenuhan": 2, "reform": 34, "hasil": 60},
    "areas": [{"id": i, "name": n, "nodes": ns} for i, n, ns in AREAS],
    "tree": tree,
    "verdicts": {
        "area_minimum": "combined",
        "predicates": [
            {"predicate": "WBK", "criteria": [
                {"id": "total", "value": "total", "min": 75},
                {"id": "pengungkit", "value": "node:1", "min": 40},
                {"id": "area", "value": "areas", "min_share": 0.60},
                {"id": "hasil-birokrasi-bersih", "value": "node:61", "min": 18.25},
                {"id": "ipak", "value": "question:125", "min": 15.75},
                {"id": "capaian-kinerja", "value": "question:126", "min": 2.50},
                {"id": "ipkp", "value": "question:127", "min": 14.00},
            ]},
            {"predicate": "WBBM", "criteria": [
                {"id": "total", "value": "total", "min": 85},
                {"id": "pengungkit", "value": "node:1", "min": 48},
                {"id": "area", "value": "areas", "min_share": 0.75},
                {"id": "hasil-birokrasi-bersih", "value": "node:61", "min": 19.50},
                {"id": "ipak", "value": "question:125", "min": 15.75},
                {"id": "capaian-kinerja", "value": "question:126", "min": 3.75},
                {"id": "ipkp", "value": "question:127", "min": 15.75},
                {"id": "prior-predicate", "value": "predicate", "requires": ["WBK", "WBBM"]},
            ]},
        ],
    },
}
# one question, one derived formula, one criterion per line: short, diffable
small = []


def compact(o):
    if isinstance(o, dict):
        if "type" in o or "formula" in o or "value" in o or "nodes" in o:
            small.append(json.dumps(o, ensure_ascii=False))
            return "@@%d@@" % (len(small) - 1)
        return {k: compact(v) for k, v in o.items()}
    if isinstance(o, list):
        return [compact(v) for v in o]
    return o


text = json.dumps(compact(model), indent=2, ensure_ascii=False)
text = re.sub(r'"@@(\d+)@@"', lambda m: small[int(m.group(1))], text)
sys.stdout.write(text + "\n")
