#!/usr/bin/python3
"""Makes the official LKE workbooks the import tests read, with openpyxl
(never with zi), the cells taken from the PortalRB master in the corpus:

  portalrb.xlsx    the 2026 PortalRB layout: a "Petunjuk" sheet first, then
                   "Jawaban" with the unit's and the TPI's answers, notes and
                   evidence at the cells the master names (excel_*)
  portalrb-bad.xlsx  the same with a bad choice and a negative count
  lampiran3.xlsx   Lampiran III of PermenPAN-RB 90/2021, sheet "LKE ZI": title
                   rows, a header with Pilihan Jawaban, Jawaban, Nilai,
                   Catatan, Bukti Dukung; question rows not where excel_baris
                   says, a No column numbering rows, a text in other case,
                   spacing and punctuation, the two questions that share a text
  lampiran3-bad.xlsx  the same with a row that is no question, a shared text
                   given once (which of the two is unknown) and a bad answer

usage: make.py MASTER.json OUTDIR"""
import json
import os
import sys

import openpyxl

master = json.load(open(sys.argv[1]))
out = sys.argv[2]
soal = {}


def walk(n):
    for s in n.get("soals", []):
        soal[s["id"]] = s
    for c in n["children"]:
        walk(c)


for n in master["data"]:
    walk(n)

# --- PortalRB ---
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Petunjuk"
ws["A1"] = "Isi lembar Jawaban"
ws = wb.create_sheet("Jawaban")
ws["A1"] = "LEMBAR KERJA EVALUASI ZONA INTEGRITAS 2026"
ws["A2"] = "Dinas Pemadam Kebakaran"
# soal: unit answer, unit note, unit evidence, tpi answer, tpi note
given = {1: ("Ya", "tim dibentuk", "https://bukti.example/sk-tim", "Tidak", "SK belum ditandatangani"),
         2: ("b", None, None, "C", None),
         88: (12, None, None, 10, "dua bukan agen"),
         89: (7, None, None, None, None),
         125: (3.25, None, None, None, None)}
for sid, s in soal.items():
    r = s["excel_baris"]
    ws.cell(row=r, column=3, value=s["teks_pertanyaan"])
    if sid not in given:
        continue
    ua, un, ue, ta, tn = given[sid]
    for col, v in ((s["excel_kolom_jawaban_unit"], ua), (s["excel_kolom_catatan_unit"], un),
                   (s["excel_kolom_bukti_dukung_unit"], ue), (s["excel_kolom_jawaban_tpi"], ta),
                   (s["excel_kolom_catatan_tpi"], tn)):
        if v is not None:
            ws[f"{col}{r}"] = v
wb.save(os.path.join(out, "portalrb.xlsx"))
# the same with answers that are not answers
ws["K6"] = "Mungkin"
ws["K126"] = -2
wb.save(os.path.join(out, "portalrb-bad.xlsx"))


# --- Lampiran III ---
def lampiran(rows, name):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data Unit"
    ws["A1"] = "Nama unit: Dinas Pemadam Kebakaran"
    ws = wb.create_sheet("LKE ZI")
    ws.append(["LEMBAR KERJA EVALUASI ZONA INTEGRITAS MENUJU WBK/WBBM"])
    ws.append(["Unit Kerja: Dinas Pemadam Kebakaran"])
    ws.append([])
    ws.append(["No", "Komponen", "Bobot", "Pilihan Jawaban", "Jawaban", "Nilai", "Catatan",
               "Bukti Dukung"])
    ws.append(["A.", "PENGUNGKIT", 60])
    ws.append(["1.", "MANAJEMEN PERUBAHAN", 4])
    for r in rows:
        ws.append(r)
    wb.save(os.path.join(out, name))


t = {i: soal[i]["teks_pertanyaan"] for i in soal}
good = [
    [1, "  UNIT KERJA TELAH MEMBENTUK TIM untuk  melakukan pembangunan Zona Integritas.",
     None, "Ya/Tidak", "Ya", 1, "SK Kepala Dinas", "https://bukti.example/sk"],
    [2, t[2], None, "A/B/C", "A", 1],
    [3, t[4], None, "A/B/C", "c"],
    [4, t[88], None, "Jumlah", 20],
    [5, t[89], None, "Jumlah", 8],
    [6, t[90], None, "Jumlah", 6],
    [7, t[125], None, "0-4", 3.5],
]
lampiran(good, "lampiran3.xlsx")
bad = [
    [1, t[1], None, "Ya/Tidak", "Ya"],
    [2, "Unit kerja memiliki kantin sehat", None, "Ya/Tidak", "Ya"],
    [3, t[89], None, "Jumlah", 8],
    [4, t[2], None, "A/B/C", "F"],
]
lampiran(bad, "lampiran3-bad.xlsx")
