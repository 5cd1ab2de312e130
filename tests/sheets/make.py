#!/usr/bin/python3
"""Makes the spreadsheets the tests import, with programs other than zi:
openpyxl for .xlsx (plus a small rewrite of its XML where openpyxl cannot
write what Excel does: formulas' cached values, inline strings), the zipfile
module for .ods (content.xml written out as LibreOffice does, repeats and
covered cells included), and the files zi must refuse.

usage: make.py OUTDIR"""
import datetime
import os
import re
import sys
import zipfile

import openpyxl
from openpyxl.styles import Font

if len(sys.argv) == 4 and sys.argv[1] == "--from-csv":
    # make.py --from-csv IN.csv OUT.xlsx: a CSV (';' or ',') typed into a
    # sheet, numbers as numbers, as someone would paste it
    import csv
    with open(sys.argv[2], encoding="utf-8-sig", newline="") as f:
        text = f.read()
    rows = list(csv.reader(text.splitlines(), delimiter=";" if ";" in text.splitlines()[0] else ","))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "LKE"
    for r in rows:
        ws.append([int(v) if v.isdigit() else v for v in r])
    wb.save(sys.argv[3])
    sys.exit(0)

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


def rewrite(name, member, fn):
    """Rewrites one XML part of a ZIP file through fn(text) -> text."""
    src = path(name)
    tmp = src + ".tmp"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == member:
                data = fn(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    os.replace(tmp, src)


D = datetime.datetime

# roster.xlsx: an instansi line and a title above the header (merged), a blank
# row, the header on row 4, TMT as date cells, a formula with its cached value,
# an inline string, a NIP stored as a number on row 8.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Pegawai"
ws["A1"] = "PEMERINTAH KOTA CONTOH"
ws.merge_cells("A1:F1")
ws["A2"] = "DAFTAR PEGAWAI DINAS KESEHATAN TAHUN 2026"
ws["A2"].font = Font(bold=True)
ws.merge_cells("A2:F2")
ws.append([])
ws.append(["No", "NIP", "Nama", "Jabatan", "Pangkat/Gol", "TMT Jabatan"])
ws.append([1, "198503152010011001", "Budi Santoso", "Kepala Dinas", "IV/b", D(2021, 6, 1)])
ws.append([2, "198703222011012002", "=CONCATENATE(\"Sari\",\" Dewi\")", "Analis", "III/a", D(2022, 7, 25)])
ws.append([3, "199001012015031003", "Andi", "Pranata", "III/b", D(2024, 2, 29)])
ws.append([4, 198801012012011004, "Rina", "Pengadministrasi", "II/c", D(2020, 1, 2)])
for r in range(5, 9):
    ws.cell(row=r, column=6).number_format = "dd/mm/yyyy"
wb.save(path("roster.xlsx"))


def roster_fix(x):
    # the formula's cached value, as Excel writes it
    x = re.sub(r'<c r="C6"([^>]*)><f>([^<]*)</f><v\s*/?>(</v>)?</c>',
               r'<c r="C6"\1 t="str"><f>\2</f><v>Sari Dewi</v></c>', x)
    x = re.sub(r'<c r="C6"([^>]*)><f>([^<]*)</f></c>',
               r'<c r="C6"\1 t="str"><f>\2</f><v>Sari Dewi</v></c>', x)
    # C7 as an inline string in two runs of rich text, with a phonetic hint
    x = re.sub(r'<c r="C7"([^>]*)><is><t>Andi</t></is></c>',
               r'<c r="C7"\1><is><r><t xml:space="preserve">Andi </t></r><r><t>Wijaya</t></r>'
               r'<rPh sb="0" eb="1"><t>x</t></rPh></is></c>', x)
    return x


rewrite("roster.xlsx", "xl/worksheets/sheet1.xml", roster_fix)

# roster-good.xlsx: the same without the number NIP, a hidden first sheet
wb = openpyxl.Workbook()
hid = wb.active
hid.title = "Rahasia"
hid.append(["bukan", "ini"])
hid.sheet_state = "hidden"
ws = wb.create_sheet("Pegawai")
ws.append(["NIP", "Nama", "Jabatan", "Gol", "TMT", "Wajib LHKPN"])
ws.append(["198503152010011001", "Budi Santoso", "Kepala Dinas", "IV/b", D(2021, 6, 1), True])
ws.append(["198703222011012002", "Sari Dewi", "Analis", "III/a", D(2022, 7, 25), False])
for r in range(2, 4):
    ws.cell(row=r, column=5).number_format = "d mmmm yyyy"
other = wb.create_sheet("Lain")
other.append(["NIP", "Nama"])
other.append(["199001012015031003", "Andi"])
wb.save(path("roster-good.xlsx"))

def to_shared(name):
    """Moves every inline string of sheet 2 into a shared strings part, as
    Excel and LibreOffice write them (openpyxl 3.0 writes inline strings)."""
    strings = []

    def cell(m):
        text = m.group(2)
        if text not in strings:
            strings.append(text)
        return '<c%s t="s"><v>%d</v></c>' % (m.group(1), strings.index(text))

    rewrite(name, "xl/worksheets/sheet2.xml",
            lambda x: re.sub(r'<c([^>]*) t="inlineStr"><is><t>([^<]*)</t></is></c>', cell, x))
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
           % (len(strings), len(strings))
           + "".join("<si><t>%s</t></si>" % t for t in strings) + "</sst>")
    with zipfile.ZipFile(path(name), "a") as z:
        z.writestr("xl/sharedStrings.xml", sst)
    rewrite(name, "xl/_rels/workbook.xml.rels", lambda x: x.replace(
        "</Relationships>",
        '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    rewrite(name, "[Content_Types].xml", lambda x: x.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))


to_shared("roster-good.xlsx")

# roster-1904.xlsx: dates in the 1904 system (old Mac Excel)
wb = openpyxl.Workbook()
try:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    wb.epoch = CALENDAR_MAC_1904
except ImportError:
    pass
ws = wb.active
ws.append(["NIP", "Nama", "TMT"])
ws.append(["198503152010011001", "Budi Santoso", D(2021, 6, 1)])
ws.cell(row=2, column=3).number_format = "yyyy-mm-dd"
wb.save(path("roster-1904.xlsx"))

# roster-2rows.xlsx: a header over two rows (a merged group title), and a
# column with data but no header
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["NIP", "Nama", "Jabatan", None, None])
ws.append([None, None, "Nama Jabatan", "TMT", None])
ws.merge_cells("A1:A2")
ws.merge_cells("B1:B2")
ws.merge_cells("C1:D1")
ws.append(["198503152010011001", "Budi Santoso", "Kepala Dinas", D(2021, 6, 1), "catatan"])
ws.cell(row=3, column=4).number_format = "dd-mmm-yyyy"
wb.save(path("roster-2rows.xlsx"))

# siasn.xlsx: the column names of a SIASN export
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["nip_baru", "nama", "jabatan_nama", "gol_akhir_nama", "tmt_jabatan", "jenis_jabatan_nama"])
ws.append(["198503152010011001", "Budi Santoso", "Dokter Ahli Madya", "Pembina Tk. I, IV/b", "01-06-2021", "Jabatan Fungsional Tertentu"])
ws.append(["198703222011012002", "Sari Dewi", "Pengadministrasi Umum", "Penata Muda (III/a)", "12-Jan-2026", "Jabatan Fungsional Umum"])
wb.save(path("siasn.xlsx"))

# units.xlsx: unit codes as people type them
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["Kode Unit", "Nama Unit", "Jenis"])
ws.append(["BWS-DINKES", "Dinas Kesehatan", "dinas"])
ws.append(["bws rsud", "RSUD Kota", "rsud"])
ws.append(["Kantor/Pusat!", "Kantor Pusat", "dinas"])
wb.save(path("units.xlsx"))

# hadir.xlsx: a ceremony's sign-in sheet: no date column, a signature column
# with one empty cell
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Daftar Hadir"
ws["A1"] = "DAFTAR HADIR PENANDATANGANAN PAKTA INTEGRITAS"
ws.merge_cells("A1:D1")
ws.append([])
ws.append(["No", "NIP", "Nama", "Tanda Tangan"])
ws.append([1, "198503152010011001", "Budi Santoso", "ttd"])
ws.append([2, "198703222011012002", "Siti Aminah", None])
ws.append([3, "199001012015031003", "Andi", "(paraf)"])
wb.save(path("hadir.xlsx"))

# ---- .ods, written as LibreOffice does -------------------------------------
CONTENT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3">
<office:automatic-styles>
<style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>
<style:style style:name="ta2" style:family="table" style:master-page-name="Default"><style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""
CONTENT_TAIL = "</office:spreadsheet></office:body></office:document-content>\n"


def s(v):
    return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % v


def ods(name, content):
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
""")
        z.writestr("content.xml", CONTENT_HEAD + content + CONTENT_TAIL)


EMPTY_TAIL_COLS = '<table:table-cell table:number-columns-repeated="16378"/>'
ods("roster.ods",
    '<table:table table:name="Catatan" table:style-name="ta2">'
    '<table:table-row>' + s("tersembunyi") + '</table:table-row></table:table>'
    '<table:table table:name="Pegawai" table:style-name="ta1">'
    '<table:table-column table:number-columns-repeated="16384"/>'
    # a title merged over four columns: the others are covered cells
    '<table:table-row><table:table-cell table:number-columns-spanned="4" office:value-type="string"><text:p>DAFTAR PEGAWAI</text:p></table:table-cell>'
    '<table:covered-table-cell table:number-columns-repeated="3"/>' + EMPTY_TAIL_COLS + '</table:table-row>'
    '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    '<table:table-row>' + s("NIP") + s("Nama") + s("Jabatan") + s("TMT") + s("Wajib LHKPN") + '</table:table-row>'
    '<table:table-row>' + s("198503152010011001") + s("Budi <text:s/>Santoso")
    + '<table:table-cell office:value-type="string"><text:p>Kepala Dinas</text:p>'
      '<office:annotation><text:p>bukan nilai</text:p></office:annotation></table:table-cell>'
    '<table:table-cell office:value-type="date" office:date-value="2021-06-01"><text:p>01/06/21</text:p></table:table-cell>'
    '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>'
    + EMPTY_TAIL_COLS + '</table:table-row>'
    '<table:table-row>' + s("198703222011012002") + s("Sari Dewi") + s("Analis")
    + '<table:table-cell office:value-type="date" office:date-value="2022-07-25T00:00:00"><text:p>25/07/22</text:p></table:table-cell>'
    '<table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell>'
    '</table:table-row>'
    # a NIP typed as a number
    '<table:table-row><table:table-cell office:value-type="float" office:value="1.99001012015031E+17"><text:p>1,99001E+17</text:p></table:table-cell>'
    + s("Andi") + '</table:table-row>'
    # what LibreOffice writes below the data: a million empty rows
    '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    '</table:table>')

# ---- files that are not tables ---------------------------------------------
with open(path("old.xls"), "wb") as f:
    f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504) + b"Workbook" * 64)
with open(path("scan.pdf"), "wb") as f:
    f.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
with open(path("photo.png"), "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
with open(path("photo.jpg"), "wb") as f:
    f.write(b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00" + bytes(64))
with zipfile.ZipFile(path("letter.docx"), "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", "<w:document/>")
with zipfile.ZipFile(path("bundle.zip"), "w") as z:
    z.writestr("a.txt", "hello")
text = "NIP,Nama\n198503152010011001,Budi Santoso\n"
with open(path("utf16le.csv"), "wb") as f:
    f.write(text.encode("utf-16-le"))
with open(path("utf16be.csv"), "wb") as f:
    f.write(text.encode("utf-16-be"))
