/* lib/sheet: .xlsx and .ods read as rows of cells (issue 10). The workbooks
 * are written here part by part with libzip, XML as Excel and LibreOffice
 * write it (the CLI cases use files made by openpyxl): shared and inline
 * strings, rich text, booleans, formulas' cached values, date styles in both
 * date systems, hidden sheets, gaps; .ods repeats (a million empty rows never
 * held), covered cells, notes; and what a file is, from its first bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <time.h>
#include <zip.h>

#include "sheet.h"
#include "values.h"
#include "zitest.h"

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = zt_tmpdir();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	zt_rmtree(dir);
	free(dir);
	return 0;
}

/* Writes a ZIP of name/text pairs (NULL-terminated) to dir/file. */
static char *zip_of(const char *file, const char *const *parts)
{
	char *p = zi_xasprintf("%s/%s", dir, file);
	int err;
	zip_t *z = zip_open(p, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (size_t i = 0; parts[i]; i += 2) {
		zip_source_t *s = zip_source_buffer(z, parts[i + 1], strlen(parts[i + 1]), 0);
		assert_non_null(s);
		assert_true(zip_file_add(z, parts[i], s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	return p;
}

static void row_is(const struct zt_rows *r, size_t i, unsigned long line, const char *const *want)
{
	assert_true(i < r->n);
	assert_int_equal(r->v[i].line, line);
	size_t n = 0;
	while (want[n])
		n++;
	if (r->v[i].n != n) {
		for (size_t k = 0; k < r->v[i].n; k++)
			fprintf(stderr, "  [%s]", r->v[i].f[k]);
		fprintf(stderr, "\n");
	}
	assert_int_equal(r->v[i].n, n);
	for (size_t k = 0; k < n; k++)
		assert_str(r->v[i].f[k], want[k]);
}

#define ROW(r, i, line, ...) row_is(r, i, line, (const char *const[]){__VA_ARGS__, NULL})

static const char *RELS =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" "
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" "
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
	"Target=\"/xl/worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" "
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	"sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId4\" "
	"Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
	"Target=\"styles.xml\"/>"
	"</Relationships>";

static const char *STYLES =
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"&quot;Rp&quot;\\ #,##0.00\"/></numFmts>"
	"<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
	"<xf numFmtId=\"165\"/><xf numFmtId=\"22\"/></cellXfs></styleSheet>";

static const char *SST =
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\" "
	"uniqueCount=\"4\">"
	"<si><t>NIP</t></si><si><t>Nama</t></si>"
	"<si><r><rPr><b/></rPr><t xml:space=\"preserve\">Budi </t></r><r><t>Santoso</t></r>"
	"<rPh sb=\"0\" eb=\"1\"><t>ブディ</t></rPh></si>"
	"<si><t>Siti &amp; Aminah</t></si></sst>";

static char *workbook(const char *file, int date1904, const char *sheet1, const char *sheet2)
{
	char *wb = zi_xasprintf(
		"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
		"<workbookPr%s/><sheets>"
		"<sheet name=\"Tersembunyi\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
		"<sheet name=\"Pegawai\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>",
		date1904 ? " date1904=\"1\"" : "");
	const char *parts[] = {"[Content_Types].xml",
			       "<Types/>",
			       "xl/workbook.xml",
			       wb,
			       "xl/_rels/workbook.xml.rels",
			       RELS,
			       "xl/styles.xml",
			       STYLES,
			       "xl/sharedStrings.xml",
			       SST,
			       "xl/worksheets/sheet1.xml",
			       sheet1,
			       "xl/worksheets/sheet2.xml",
			       sheet2,
			       NULL};
	char *p = zip_of(file, parts);
	free(wb);
	return p;
}

#define WS(rows)                                                                            \
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"   \
	"<sheetData>" rows "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/>" \
	"</mergeCells></worksheet>"

static const char *SHEET2 = WS(
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
	"<c r=\"C1\" t=\"inlineStr\"><is><t>TMT</t></is></c><c r=\"D1\" t=\"str\"><v>Wajib</v></c>"
	"<c r=\"E1\" t=\"inlineStr\"><is><t>Gaji</t></is></c><c r=\"F1\" "
	"t=\"inlineStr\"><is><t>Jam</t></is></c></row>"
	/* a NIP as a number, a rich shared string, a date by a built-in format,
	 * a boolean, a currency that is no date, a date-time */
	"<row r=\"2\"><c r=\"A2\"><v>198503152010011001</v></c><c r=\"B2\" t=\"s\"><v>2</v></c>"
	"<c r=\"C2\" s=\"1\"><v>44348</v></c><c r=\"D2\" t=\"b\"><v>1</v></c>"
	"<c r=\"E2\" s=\"3\"><v>4500000.5</v></c><c r=\"F2\" s=\"4\"><v>44348.75</v></c></row>"
	/* an empty row, then row 5 with a gap (B) and cells without r */
	"<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>  </t></is></c></row>"
	"<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>198703222011012002</t></is></c>"
	"<c r=\"C5\" s=\"2\"><v>60</v></c><c s=\"2\"><v>61</v></c>"
	"<c t=\"str\"><f>IF(1,\"ya\",\"tidak\")</f><v>ya</v></c><c t=\"e\"><v>#N/A</v></c></row>"
	/* no r at all: the row after */
	"<row><c t=\"s\"><v>3</v></c><c><v>0.1</v></c><c><v>1E-3</v></c><c><v>-2</v></c></row>");

static void test_xlsx(void **state)
{
	(void)state;
	char *p =
		workbook("a.xlsx", 0,
			 WS("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"),
			 SHEET2);
	struct zt_rows r = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	char used[64];
	/* the first visible sheet: the first is hidden */
	assert_int_equal(zi_sheet_read(p, NULL, NULL, zt_collect, &r, &d, used, sizeof(used)), 0);
	assert_str(used, "Pegawai");
	assert_int_equal(d.n, 0);
	assert_int_equal(r.n, 4);
	ROW(&r, 0, 1, "NIP", "Nama", "TMT", "Wajib", "Gaji", "Jam");
	ROW(&r, 1, 2, "1.98503152010011E+17", "Budi Santoso", "2021-06-01", "TRUE", "4500000.5",
	    "2021-06-01 18:00:00");
	/* serial 60 is the 29 February 1900 that never was: a number */
	ROW(&r, 2, 5, "198703222011012002", "", "60", "1900-03-01", "ya", "#N/A");
	ROW(&r, 3, 6, "Siti & Aminah", "0.1", "0.001", "-2");
	zt_rows_free(&r);
	/* by number, hidden or not, and by name in any case */
	assert_int_equal(zi_sheet_read(p, NULL, "1", zt_collect, &r, &d, used, sizeof(used)), 0);
	assert_str(used, "Tersembunyi");
	ROW(&r, 0, 1, "x");
	zt_rows_free(&r);
	assert_int_equal(zi_sheet_read(p, NULL, "pegawai", zt_collect, &r, &d, used, sizeof(used)),
			 0);
	assert_str(used, "Pegawai");
	zt_rows_free(&r);
	assert_int_equal(zi_sheet_read(p, "a.xlsx", "Nope", zt_collect, &r, &d, used, sizeof(used)),
			 ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "sheet-missing", 0));
	assert_non_null(strstr(d.v[0].message, "'Tersembunyi', 'Pegawai'"));
	zt_rows_free(&r);
	zi_diag_release(&d);
	free(p);
}

static void test_xlsx_1904(void **state)
{
	(void)state;
	/* 42886 days after 1904-01-01 is 2021-06-01 */
	char *p = workbook("b.xlsx", 1, WS(""),
			   WS("<row r=\"2\"><c r=\"B2\" s=\"2\"><v>42886</v></c></row>"));
	struct zt_rows r = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_sheet_read(p, NULL, "Pegawai", zt_collect, &r, &d, NULL, 0), 0);
	ROW(&r, 0, 2, "", "2021-06-01");
	zt_rows_free(&r);
	zi_diag_release(&d);
	free(p);
}

/* Whole-day date cells are remembered by serial modulo 32768 (lib/sheet.c):
 * serials that share a slot, one seen again, a date with a time, the 1900
 * system's day 60 (the 29 February 1900 that never was: kept as a number),
 * and a date cell styled as a date but holding a fraction. */
static void test_xlsx_date_memo(void **state)
{
	(void)state;
	char *p = workbook(
		"m.xlsx", 0, WS(""),
		WS("<row r=\"2\"><c r=\"A2\" s=\"2\"><v>45000</v></c>"
		   "<c r=\"B2\" s=\"2\"><v>77768</v></c><c r=\"C2\" s=\"2\"><v>12232</v></c>"
		   "<c r=\"D2\" s=\"2\"><v>45000</v></c><c r=\"E2\" s=\"4\"><v>45000.5</v></c>"
		   "<c r=\"F2\" s=\"2\"><v>60</v></c><c r=\"G2\" s=\"2\"><v>45000</v></c></row>"));
	struct zt_rows r = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_sheet_read(p, NULL, "Pegawai", zt_collect, &r, &d, NULL, 0), 0);
	ROW(&r, 0, 2, "2023-03-15", "2112-12-01", "1933-06-27", "2023-03-15", "2023-03-15 12:00:00",
	    "60", "2023-03-15");
	zt_rows_free(&r);
	zi_diag_release(&d);
	free(p);
}

static int stop_at_2(void *ctx, unsigned long line, char **f, size_t n)
{
	(void)f;
	(void)n;
	int *seen = ctx;
	(*seen)++;
	return line >= 2 ? 42 : 0;
}

static void test_xlsx_stop_and_damage(void **state)
{
	(void)state;
	char *p = workbook("c.xlsx", 0, WS(""), SHEET2);
	struct zi_diag d;
	zi_diag_init(&d);
	int seen = 0;
	assert_int_equal(zi_sheet_read(p, NULL, NULL, stop_at_2, &seen, &d, NULL, 0), 42);
	assert_int_equal(seen, 2);
	free(p);
	/* a sheet that is not well-formed, and a workbook without its sheet part */
	p = workbook("d.xlsx", 0, WS(""), "<worksheet><sheetData><row><c><v>1</v></row>");
	struct zt_rows r = {0};
	assert_int_equal(zi_sheet_read(p, NULL, NULL, zt_collect, &r, &d, NULL, 0), ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "sheet-invalid", 0));
	zt_rows_free(&r);
	free(p);
	const char *parts[] =
		{"xl/workbook.xml",
		 "<workbook><sheets><sheet name=\"S\" r:id=\"rId9\"/></sheets></workbook>",
		 "xl/_rels/workbook.xml.rels", RELS, NULL};
	p = zip_of("e.xlsx", parts);
	zi_diag_release(&d);
	zi_diag_init(&d);
	assert_int_equal(zi_sheet_read(p, NULL, NULL, zt_collect, &r, &d, NULL, 0), ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "sheet-invalid", 0));
	free(p);
	zi_diag_release(&d);
}

#define ODS_HEAD                                                                           \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                       \
	"<office:document-content "                                                        \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "               \
	"xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                 \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                   \
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">"                 \
	"<office:automatic-styles><style:style style:name=\"ta2\" style:family=\"table\">" \
	"<style:table-properties "                                                         \
	"table:display=\"false\"/></style:style></office:automatic-styles>"                \
	"<office:body><office:spreadsheet>"
#define ODS_TAIL "</office:spreadsheet></office:body></office:document-content>"
#define S(v) \
	"<table:table-cell office:value-type=\"string\"><text:p>" v "</text:p></table:table-cell>"

static void test_ods(void **state)
{
	(void)state;
	const char *content = ODS_HEAD
		"<table:table table:name=\"Lama\" table:style-name=\"ta2\"><table:table-row>" S(
			"x") "</table:table-row></table:table>"
			     "<table:table table:name=\"Data\"><table:table-column "
			     "table:number-columns-repeated=\"1024\"/>"
			     "<table:table-row><table:table-cell "
			     "table:number-columns-spanned=\"3\" office:value-type=\"string\">"
			     "<text:p>JUDUL</text:p></table:table-cell><table:covered-table-cell "
			     "table:number-columns-repeated=\"2\"/>"
			     "<table:table-cell "
			     "table:number-columns-repeated=\"16381\"/></table:table-row>"
			     "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell "
			     "table:number-columns-repeated=\"1024\"/></table:table-row>"
			     "<table:table-row>" S(
				     "a<text:s text:c=\"2\"/>b") "<table:table-cell/>"
								 "<table:table-cell "
								 "office:value-type=\"float\" "
								 "office:value=\"1.98503152010011E+"
								 "17\"><text:p>1,99E+17</text:p></"
								 "table:table-cell>"
								 "<table:table-cell "
								 "office:value-type=\"date\" "
								 "office:date-value=\"2026-01-"
								 "12T08:30:00\"><text:p>12/01/26</"
								 "text:p></table:table-cell>"
								 "<table:table-cell "
								 "office:value-type=\"boolean\" "
								 "office:boolean-value=\"false\"><"
								 "text:p>SALAH</text:p></"
								 "table:table-cell>"
								 "<table:table-cell "
								 "office:value-type=\"string\"><"
								 "text:p>satu</text:p><text:p>dua</"
								 "text:p>"
								 "<office:annotation><text:p>"
								 "catatan</text:p></"
								 "office:annotation></"
								 "table:table-cell>"
								 "<table:table-cell "
								 "table:number-columns-repeated="
								 "\"2\" "
								 "office:value-type=\"float\" "
								 "office:value=\"3\"><text:p>3</"
								 "text:p></table:table-cell>"
								 "</table:table-row>"
								 /* the same row twice, then a million empty ones */
								 "<table:table-row "
								 "table:number-rows-repeated="
								 "\"2\">" S(
									 "lagi") "</"
										 "table:table-row>"
										 "<table:table-row "
										 "table:number-"
										 "rows-repeated="
										 "\"1048560\"><"
										 "table:table-cell "
										 "table:number-"
										 "columns-repeated="
										 "\"16384\"/></"
										 "table:table-row>"
										 "<table:table-"
										 "row>" S(
											 "akhir") "</table:table-row>"
												  "</table:table>" ODS_TAIL;
	const char *parts[] = {"mimetype", "application/vnd.oasis.opendocument.spreadsheet",
			       "content.xml", content, NULL};
	char *p = zip_of("a.ods", parts);
	char what[200];
	assert_int_equal(zi_sheet_sniff(p, what, sizeof(what)), ZI_FILE_ODS);
	struct zt_rows r = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	char used[64];
	time_t t0 = time(NULL);
	assert_int_equal(zi_sheet_read(p, NULL, NULL, zt_collect, &r, &d, used, sizeof(used)), 0);
	assert_true(time(NULL) - t0 < 5); /* the repeats are counted, not made */
	assert_str(used, "Data");
	assert_int_equal(r.n, 5);
	ROW(&r, 0, 1, "JUDUL");
	ROW(&r, 1, 5, "a  b", "", "1.98503152010011E+17", "2026-01-12 08:30:00", "FALSE",
	    "satu\ndua", "3", "3");
	ROW(&r, 2, 6, "lagi");
	ROW(&r, 3, 7, "lagi");
	ROW(&r, 4, 1048568, "akhir");
	zt_rows_free(&r);
	assert_int_equal(zi_sheet_read(p, NULL, "Lama", zt_collect, &r, &d, used, sizeof(used)), 0);
	ROW(&r, 0, 1, "x");
	zt_rows_free(&r);
	zi_diag_release(&d);
	free(p);
}

/* A sheet of 10 MB and more is read in parts: every row once, in order
 * within its part, the parts one after another; the same rows as on one. */
/* A sheet read in parts; px: the prefix of its elements ("" or "x:", as some
 * writers have it, with x14ac:dyDescent on the rows): the later parts start
 * mid-document, with the namespaces declared above the rows. */
static void xlsx_parts_case(const char *px)
{
	struct zi_buf ws;
	zi_buf_init(&ws);
	if (px[0])
		zi_buf_printf(&ws,
			      "<%sworksheet "
			      "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
			      "main\" "
			      "xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/"
			      "2009/9/ac\"><%ssheetData>",
			      px, px);
	else
		zi_buf_adds(&ws, "<worksheet "
				 "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
				 "main\"><sheetData>");
	const char *dy = px[0] ? " x14ac:dyDescent=\"0.25\"" : "";
	const unsigned long N = 120000;
	for (unsigned long r = 1; r <= N; r++) {
		/* every 1000th row is missing: the numbers say where a row is */
		if (r % 1000 == 500)
			continue;
		zi_buf_printf(&ws,
			      "<%srow r=\"%lu\"%s><%sc r=\"A%lu\" t=\"inlineStr\"><%sis><%st>nama "
			      "&amp; %lu</%st></%sis></%sc>"
			      "<%sc r=\"C%lu\"><%sv>%lu</%sv></%sc><%sc r=\"D%lu\" "
			      "t=\"s\"><%sv>3</%sv></%sc></%srow>",
			      px, r, dy, px, r, px, px, r, px, px, px, px, r, px, r * 7, px, px, px,
			      r, px, px, px, px);
	}
	zi_buf_printf(&ws,
		      "</%ssheetData><%smergeCells count=\"1\"><%smergeCell "
		      "ref=\"A1:B1\"/></%smergeCells></%sworksheet>",
		      px, px, px, px, px);
	assert_true(ws.len > (8u << 20));
	char *p = workbook("big.xlsx", 0, WS(""), ws.data);
	zi_buf_release(&ws);
	struct zt_rows one = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_csv_opts o = {.sheet = "Pegawai"};
	assert_int_equal(zi_table_read(p, NULL, &o, zt_collect, &one, &d), 0);
	assert_int_equal(one.n, N - N / 1000);
	struct zt_rows parts[3] = {{0}};
	void *ctxs[3] = {&parts[0], &parts[1], &parts[2]};
	struct zi_diag pd[3];
	struct zi_diag *ds[3] = {&pd[0], &pd[1], &pd[2]};
	for (int k = 0; k < 3; k++)
		zi_diag_init(&pd[k]);
	size_t used = 0;
	assert_int_equal(zi_table_read_parts(p, NULL, &o, zt_collect, ctxs, ds, 3, &used), 0);
	assert_int_equal(used, 3);
	assert_true(parts[1].n > 0 && parts[2].n > 0);
	size_t i = 0;
	for (size_t k = 0; k < used; k++) {
		assert_int_equal(pd[k].n, 0);
		for (size_t j = 0; j < parts[k].n; j++, i++) {
			assert_true(i < one.n);
			assert_int_equal(parts[k].v[j].line, one.v[i].line);
			assert_int_equal(parts[k].v[j].n, one.v[i].n);
			for (size_t c = 0; c < one.v[i].n; c++)
				assert_str(parts[k].v[j].f[c], one.v[i].f[c]);
		}
	}
	assert_int_equal(i, one.n);
	ROW(&one, one.n - 1, N, "nama & 120000", "", "840000", "Siti & Aminah");
	for (int k = 0; k < 3; k++) {
		zt_rows_free(&parts[k]);
		zi_diag_release(&pd[k]);
	}
	zt_rows_free(&one);
	zi_diag_release(&d);
	free(p);
}

static void test_xlsx_parts(void **state)
{
	(void)state;
	xlsx_parts_case("");
	xlsx_parts_case("x:");
}

static void sniff_is(const char *name, const void *data, size_t len, enum zi_file_kind want,
		     const char *says)
{
	char *p = zi_xasprintf("%s/%s", dir, name);
	zt_write(p, data, len);
	char what[400];
	assert_int_equal(zi_sheet_sniff(p, what, sizeof(what)), want);
	if (says)
		assert_non_null(strstr(what, says));
	free(p);
}

static void test_sniff(void **state)
{
	(void)state;
	sniff_is("a.csv", "NIP,Nama\n1,2\n", 13, ZI_FILE_TEXT, NULL);
	sniff_is("b.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12, ZI_FILE_OTHER, ".xls");
	sniff_is("c.pdf", "%PDF-1.7\n", 9, ZI_FILE_OTHER, "PDF");
	sniff_is("d.png", "\x89PNG\r\n\x1A\n\0\0", 10, ZI_FILE_OTHER, "PNG");
	sniff_is("e.jpg", "\xFF\xD8\xFF\xE0\0\x10JFIF", 10, ZI_FILE_OTHER, "JPEG");
	sniff_is("f.gif", "GIF89a\1\0\1\0", 10, ZI_FILE_OTHER, "GIF");
	sniff_is("g.xls", "\xEF\xBB\xBF <html><body>", 17, ZI_FILE_OTHER, "HTML");
	sniff_is("h.csv", "N\0I\0P\0,\0N\0a\0\n\0", 14, ZI_FILE_UTF16LE, NULL);
	sniff_is("i.csv", "\0N\0I\0P\0,\0N\0a\0\n", 14, ZI_FILE_OTHER, "big-endian");
	sniff_is("j.csv", "\xFF\xFEN\0I\0P\0", 8, ZI_FILE_TEXT, NULL);
	sniff_is("k.bin", "ab\0\0\0\1\2cd", 9, ZI_FILE_OTHER, "binary");
	/* text with a stray NUL goes to the CSV reader, which names its line */
	sniff_is("k.csv", "Kode,Nama\nc1,Dinas\0C\n", 22, ZI_FILE_TEXT, NULL);
	sniff_is("l.xlsx", "PK\3\4 cut short", 15, ZI_FILE_OTHER, "damaged");
	const char *docx[] = {"word/document.xml", "<w:document/>", NULL};
	free(zip_of("m.docx", docx));
	char *p = zi_xasprintf("%s/m.docx", dir);
	char what[400];
	assert_int_equal(zi_sheet_sniff(p, what, sizeof(what)), ZI_FILE_OTHER);
	assert_non_null(strstr(what, ".docx"));
	free(p);
	const char *other[] = {"a.txt", "hello", NULL};
	free(zip_of("n.zip", other));
	p = zi_xasprintf("%s/n.zip", dir);
	assert_int_equal(zi_sheet_sniff(p, what, sizeof(what)), ZI_FILE_OTHER);
	assert_non_null(strstr(what, "ZIP archive"));
	free(p);
	assert_int_equal(zi_sheet_sniff("-", what, sizeof(what)), ZI_FILE_TEXT);
}

static void test_table_read_refuses(void **state)
{
	(void)state;
	char *p = zi_xasprintf("%s/x.pdf", dir);
	zt_writes(p, "%PDF-1.4 and so on");
	struct zt_rows r = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_csv_opts o = {0};
	assert_int_equal(zi_table_read(p, "x.pdf", &o, zt_collect, &r, &d), ZI_EDATA);
	assert_int_equal(d.n, 1); /* one line, not one per bad byte */
	assert_str(d.v[0].code, "file-not-table");
	assert_int_equal(r.n, 0);
	zi_diag_release(&d);
	free(p);
	/* UTF-16LE without a BOM is read */
	p = zi_xasprintf("%s/u.csv", dir);
	zt_write(p, "a\0,\0b\0\n\0x\0,\0y\0\n\0", 16);
	zi_diag_init(&d);
	assert_int_equal(zi_table_read(p, NULL, &o, zt_collect, &r, &d), 0);
	assert_int_equal(r.n, 2);
	ROW(&r, 1, 2, "x", "y");
	assert_str(o.used_sheet, "");
	zt_rows_free(&r);
	zi_diag_release(&d);
	free(p);
}

static void test_col_names_and_cells(void **state)
{
	(void)state;
	char b[8];
	zi_sheet_col_name(0, b);
	assert_str(b, "A");
	zi_sheet_col_name(25, b);
	assert_str(b, "Z");
	zi_sheet_col_name(26, b);
	assert_str(b, "AA");
	zi_sheet_col_name(16383, b);
	assert_str(b, "XFD");
	struct zi_diag d;
	zi_diag_init(&d);
	zi_diag_error(&d, "r.xlsx", 14, "nip", "x", "bad");
	zi_diag_error(&d, "r.xlsx", 15, NULL, "x", "bad row");
	zi_diag_error(&d, "other.csv", 15, "nip", "x", "elsewhere");
	const char *cols[] = {"no", NULL, "nip"};
	zi_sheet_name_cells(&d, 0, "r.xlsx", "Sheet1", cols, 3);
	assert_str(d.v[0].cell, "Sheet1!C14");
	assert_str(d.v[1].cell, "Sheet1!15");
	assert_null(d.v[2].cell);
	char *buf;
	size_t len;
	FILE *f = open_memstream(&buf, &len);
	zi_diag_print(f, "zi-unit", &d.v[0], 0);
	zi_diag_print(f, "zi-unit", &d.v[0], 1);
	fclose(f);
	assert_non_null(strstr(buf, "zi-unit: r.xlsx: Sheet1!C14: nip: bad\n"));
	assert_non_null(strstr(buf, "\"cell\":\"Sheet1!C14\""));
	assert_non_null(strstr(buf, "\"line\":14"));
	free(buf);
	zi_diag_release(&d);
}

static void test_serial_dates(void **state)
{
	(void)state;
	struct tm tm;
	assert_int_equal(zi_date_from_serial(1, 0, &tm), 0);
	assert_int_equal(tm.tm_year, 0);
	assert_int_equal(tm.tm_mon, 0);
	assert_int_equal(tm.tm_mday, 1);
	assert_int_equal(zi_date_from_serial(59, 0, &tm), 0);
	assert_int_equal(tm.tm_mon, 1);
	assert_int_equal(tm.tm_mday, 28);
	assert_int_equal(zi_date_from_serial(60, 0, &tm), -1);
	assert_int_equal(zi_date_from_serial(61, 0, &tm), 0);
	assert_int_equal(tm.tm_mon, 2);
	assert_int_equal(tm.tm_mday, 1);
	assert_int_equal(zi_date_from_serial(46034, 0, &tm), 0); /* 2026-01-12 */
	assert_int_equal(tm.tm_year, 126);
	assert_int_equal(tm.tm_mday, 12);
	assert_int_equal(zi_date_from_serial(0, 1, &tm), 0);
	assert_int_equal(tm.tm_year, 4);
	assert_int_equal(zi_date_from_serial(44572, 1, &tm), 0); /* 2026-01-12 */
	assert_int_equal(tm.tm_year, 126);
	assert_int_equal(tm.tm_mday, 12);
	assert_int_equal(zi_date_from_serial(-1, 1, &tm), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_xlsx_1904),
		cmocka_unit_test(test_xlsx_date_memo),
		cmocka_unit_test(test_xlsx_stop_and_damage),
		cmocka_unit_test(test_xlsx_parts),
		cmocka_unit_test(test_ods),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_table_read_refuses),
		cmocka_unit_test(test_col_names_and_cells),
		cmocka_unit_test(test_serial_dates),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
