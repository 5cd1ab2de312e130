/* lib/xlsxout (issue 10, "What zi hands out" and "The LKE workbook"): tables
 * as sheets with typed cells, CSV text as sheets, the LKE workbook; and
 * zi_csv_to_excel, the Excel CSV dialect. The parts of a workbook are read
 * back with unzip(1) when it is installed (the CLI tests read whole
 * workbooks with openpyxl). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model.h"
#include "xlsxout.h"
#include "zitest.h"

/* One part of a workbook as text, or NULL without unzip. Caller frees. */
static char *part(const char *xlsx, const char *name)
{
	if (system("command -v unzip >/dev/null 2>&1") != 0)
		return NULL;
	char *cmd = zi_xasprintf("unzip -p '%s' '%s'", xlsx, name);
	FILE *p = popen(cmd, "r");
	free(cmd);
	assert_non_null(p);
	struct zi_buf b;
	zi_buf_init(&b);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		zi_buf_add(&b, buf, n);
	pclose(p);
	zi_buf_addc(&b, 0);
	return b.data;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void test_excel_dialect(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_buf b;
	zi_buf_init(&b);
	const char in[] = "unit,total,name,date,nip,note\n"
			  "dpkp,12.5,\"Dinas; Kota\",2026-10-03,198503122010012001,\"a, b\"\n"
			  "x,-0.25,\" pad \",,007,\"say \"\"hi\"\"\"\n";
	assert_int_equal(zi_csv_to_excel(in, sizeof(in) - 1, &b, &d), 0);
	assert_str(b.data, "\xEF\xBB\xBF"
			   "unit;total;name;date;nip;note\r\n"
			   "dpkp;12,5;\"Dinas; Kota\";2026-10-03;198503122010012001;a, b\r\n"
			   "x;-0,25;\" pad \";;007;\"say \"\"hi\"\"\"\r\n");
	zi_buf_reset(&b);
	/* nothing: only the BOM */
	assert_int_equal(zi_csv_to_excel("", 0, &b, &d), 0);
	assert_int_equal(b.len, 3);
	/* not decimals: a version, a time, a sign alone */
	zi_buf_reset(&b);
	assert_int_equal(zi_csv_to_excel("a,b,c,d\n1.2.3,9:14,-,.5\n", 24, &b, &d), 0);
	assert_str(b.data, "\xEF\xBB\xBF"
			   "a;b;c;d\r\n1.2.3;9:14;-;.5\r\n");
	zi_buf_release(&b);
	zi_diag_release(&d);
}

static void test_tables(void **state)
{
	(void)state;
	char *dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/t.xlsx", dir);
	struct zi_diag d;
	zi_diag_init(&d);
	const char *hdr[] = {"unit", "total", "nip", "date", "code"};
	const char *cells[] = {"dpkp", "12.5", "198503122010012001", "2026-10-03", "007",
			       "bpbd", "",     "198503122010012002", "",	   "12"};
	struct zi_xtable t = {"status", hdr, NULL, cells, 5, 2};
	assert_int_equal(zi_xlsx_write_tables(path, &t, 1, &d), 0);
	assert_int_equal(d.n, 0);
	size_t len;
	char *data = zt_read(path, &len);
	assert_true(len > 100 && !memcmp(data, "PK\3\4", 4));
	free(data);
	char *tmp = zi_xasprintf("%s.tmp%ld", path, (long)getpid());
	assert_false(zt_exists(tmp)); /* renamed into place */
	free(tmp);
	char *sheet = part(path, "xl/worksheets/sheet1.xml");
	if (sheet) {
		/* total a number; nip and code (a leading zero) text; the date a
		 * serial with a date format; header frozen */
		assert_non_null(strstr(sheet, "<c r=\"B2\" s=\"0\"><v>12.5</v>")
					?: strstr(sheet, "<c r=\"B2\"><v>12.5</v>"));
		assert_non_null(strstr(sheet, "<c r=\"C2\" t=\"s\""));
		assert_non_null(strstr(sheet, "<c r=\"E2\" t=\"s\""));
		assert_non_null(strstr(sheet, "<c r=\"D2\" s=\"2\"><v>46298</v>"));
		assert_non_null(strstr(sheet, "state=\"frozen\""));
		assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:E3\""));
		free(sheet);
		char *book = part(path, "xl/workbook.xml");
		assert_non_null(strstr(book, "name=\"status\""));
		free(book);
	}
	/* a place that cannot be written: an error naming it, no file */
	char *bad = zi_xasprintf("%s/no/such/dir/t.xlsx", dir);
	assert_int_equal(zi_xlsx_write_tables(bad, &t, 1, &d), ZI_EIO);
	assert_non_null(zt_diag_find(&d, "io-write", 0));
	assert_str(zt_diag_find(&d, "io-write", 0)->file, bad);
	free(bad);
	zi_diag_release(&d);
	free(path);
	zt_rmtree(dir);
	free(dir);
}

static void test_csv_sheets(void **state)
{
	(void)state;
	char *dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/c.xlsx", dir);
	struct zi_diag d;
	zi_diag_init(&d);
	const char *names[] = {"monthly", "monthly"};
	const char *csv[] = {"unit,percent,note\nx,88.89,'=1+1\n", "a\n"};
	size_t len[] = {strlen(csv[0]), strlen(csv[1])};
	assert_int_equal(zi_xlsx_write_csv(path, names, csv, len, 2, &d), 0);
	char *book = part(path, "xl/workbook.xml");
	if (book) {
		/* two sheets, unique names */
		assert_non_null(strstr(book, "name=\"monthly\""));
		assert_non_null(strstr(book, "name=\"monthly 2\""));
		free(book);
		char *strings = part(path, "xl/sharedStrings.xml");
		/* the apostrophe that guarded the CSV is not needed in a text cell */
		assert_non_null(strstr(strings, "<t>=1+1</t>"));
		assert_null(strstr(strings, "'=1+1"));
		free(strings);
	}
	zi_diag_release(&d);
	free(path);
	zt_rmtree(dir);
	free(dir);
}

static void test_template(void **state)
{
	(void)state;
	char *dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/lke.xlsx", dir);
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_model *m;
	assert_int_equal(zi_model_load("lke-2026", &m, &d), 0);
	assert_int_equal(zi_xlsx_write_template(path, m, "dpkp", 2026, NULL, 0, &d), 0);
	assert_int_equal(d.n, 0);
	char *sheet = part(path, "xl/worksheets/sheet1.xml");
	if (sheet) {
		assert_int_equal(count(sheet, "<dataValidation "), m->nq);
		assert_non_null(strstr(sheet, "<sheetProtection sheet=\"1\""));
		assert_null(strstr(sheet, "password="));
		/* the first sub-area: the mean of the answered, times 0.5 */
		assert_non_null(strstr(sheet, "<f>IF(COUNT(J6:J7)=0,0,AVERAGE(J6:J7)*0.5)</f>"));
		/* a derived percentage: empty while a count is empty, the zero
		 * policy, the cap */
		assert_non_null(strstr(sheet, "IF(OR(G"));
		assert_non_null(strstr(sheet, ",0),1)))</f>"));
		free(sheet);
	}
	/* unanswered as zero: a fixed count of questions divides */
	assert_int_equal(zi_xlsx_write_template(path, m, "dpkp", 2026, NULL, 1, &d), 0);
	sheet = part(path, "xl/worksheets/sheet1.xml");
	if (sheet) {
		assert_non_null(strstr(sheet, "<f>SUM(J6:J7)/2*0.5</f>"));
		free(sheet);
	}
	zi_model_free(m);
	zi_diag_release(&d);
	free(path);
	zt_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_excel_dialect),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_csv_sheets),
		cmocka_unit_test(test_template),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
