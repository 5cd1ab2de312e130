/* lib/portalrb.c: a jawaban-unit file read (both layers, the unit and year
 * checked, values checked), written (numbers as numbers, empty as null), and
 * the rule of who is proposed for a year. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "jsonio.h"
#include "portalrb.h"
#include "schema.h"
#include "stages.h"
#include "units.h"
#include "zitest.h"

static struct zi_model *load(void)
{
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_model *m = NULL;
	assert_int_equal(zi_model_load("lke-2026", &m, &d), 0);
	zi_diag_release(&d);
	return m;
}

static int read_json(const struct zi_model *m, const char *text, struct zi_lke_import *im,
		     struct zi_diag *d)
{
	struct zt_tmpfile t = zt_tmpfile_new("jawaban.json", text);
	assert_true(zi_portalrb_is_file(t.path));
	zi_lke_import_init(im, m, t.path, ZI_LAYER_UNIT, d);
	int rc = zi_portalrb_read(im, "dpkp", 2026);
	im->file = NULL;
	zt_tmpfile_free(&t);
	return rc;
}

static void test_read(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_lke_import im;
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = read_json(m,
			   "\n {\"unit_id\": \"dpkp\", \"tahun\": 2026, \"answers\": ["
			   "{\"soal_id\": 1, \"jawaban_unit\": \"ya\", \"jawaban_tpi\": \"Tidak\","
			   " \"catatan_unit\": null, \"bukti_dukung_unit\": \"sk.pdf\"},"
			   "{\"soal_id\": 88, \"jawaban_unit\": 12, \"catatan_tpi\": \"cek\"},"
			   "{\"soal_id\": 125, \"jawaban_unit\": 3.5}]}",
			   &im, &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(im.n, 3);
	assert_str(im.rows[0].answer, "Ya");
	assert_str(im.rows[0].tpi_answer, "Tidak");
	assert_str(im.rows[0].note, "");
	assert_str(im.rows[0].evidence, "sk.pdf");
	assert_str(im.rows[1].answer, "12");
	assert_str(im.rows[1].tpi_answer, "");
	assert_str(im.rows[1].tpi_note, "cek");
	assert_str(im.rows[2].answer, "3.5");
	zi_lke_import_release(&im);
	zi_diag_release(&d);
	zi_model_free(m);
}

/* Another unit's file, another year, a bad answer, an object for a value:
 * each an error, all reported. */
static void test_read_bad(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_lke_import im;
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = read_json(m,
			   "{\"unit_id\": \"dinsos\", \"tahun\": 2025, \"answers\": ["
			   "{\"soal_id\": 6, \"jawaban_unit\": \"F\"},"
			   "{\"soal_id\": 1, \"catatan_unit\": {}},"
			   "{\"soal_id\": 999}]}",
			   &im, &d);
	assert_int_equal(rc, ZI_EDATA);
	static const char *const codes[] = {"unit-mismatch", "year-mismatch", "json-invalid",
					    "soal-unknown"};
	for (size_t i = 0; i < sizeof(codes) / sizeof(*codes); i++)
		zt_case_true(zt_diag_find(&d, codes[i], 0), "%s", codes[i]);
	assert_int_equal(d.errors, 5); /* and soal 6's F */
	zi_lke_import_release(&im);
	zi_diag_release(&d);
	zi_model_free(m);
}

static void test_answers_out(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_schema *s = zi_schema_get("lke-answers", NULL);
	struct zi_table t;
	zi_table_init(&t, s);
	const char *r1[ZI_A_NFIELDS] = {"1", "Ya", "", "sk.pdf", "", "", ""};
	const char *r2[ZI_A_NFIELDS] = {"88", "12", "", "", "", "", "7"};
	const char *r3[ZI_A_NFIELDS] = {"90", "", "", "", "", "", "3"}; /* tpn alone: left out */
	const char *r4[ZI_A_NFIELDS] = {"125", "3.5", "", "", "4", "", ""};
	zi_table_add(&t, r1, 0);
	zi_table_add(&t, r2, 0);
	zi_table_add(&t, r3, 0);
	zi_table_add(&t, r4, 0);
	json_t *doc = zi_portalrb_answers(m, &t, "dpkp", "Dinas PKP", 2026);
	struct zi_buf b;
	zi_buf_init(&b);
	zi_json_dump_compact(doc, &b);
	assert_str(b.data,
		   "{\"unit_id\":\"dpkp\",\"nama_unit\":\"Dinas PKP\",\"tahun\":2026,\"answers\":["
		   "{\"soal_id\":1,\"jawaban_unit\":\"Ya\",\"jawaban_tpi\":null,\"catatan_unit\":"
		   "null,"
		   "\"bukti_dukung_unit\":\"sk.pdf\",\"catatan_tpi\":null},"
		   "{\"soal_id\":88,\"jawaban_unit\":12,\"jawaban_tpi\":null,\"catatan_unit\":null,"
		   "\"bukti_dukung_unit\":null,\"catatan_tpi\":null},"
		   "{\"soal_id\":125,\"jawaban_unit\":3.5,\"jawaban_tpi\":4,\"catatan_unit\":null,"
		   "\"bukti_dukung_unit\":null,\"catatan_tpi\":null}]}");
	zi_buf_release(&b);
	json_decref(doc);
	zi_table_release(&t);
	zi_schema_free(s);
	zi_model_free(m);
}

/* Proposed: a pengusulan dated in the year; without history, units.csv's
 * stage; never a retired unit. */
static void test_proposed(void **state)
{
	(void)state;
	struct zi_schema *us = zi_schema_get("units", NULL), *ss = zi_schema_get("stages", NULL);
	struct zi_table units, stages;
	zi_table_init(&units, us);
	zi_table_init(&stages, ss);
	const char *u[][13] = {
		{"a", "A", "", "", "dinas", "WBBM", "false", "pengusulan", "2026-05-01", "WBK",
		 "2024-12-01", "SK", "false"},
		{"b", "B", "", "", "dinas", "WBK", "false", "pengusulan", "2025-05-01", "", "", "",
		 "false"},
		{"c", "C", "", "", "dinas", "WBK", "false", "pengusulan", "2026-05-01", "", "", "",
		 "true"},
		{"d", "D", "", "", "dinas", "WBK", "false", "pengusulan", "2026-06-01", "", "", "",
		 "false"},
	};
	for (size_t i = 0; i < 4; i++)
		zi_table_add(&units, u[i], 0);
	/* d's history: proposed in 2025 only (units.csv says otherwise) */
	const char *h[][ZI_ST_NFIELDS] = {
		{"d", "2025-03-01", "pengusulan", "", "", ""},
	};
	zi_table_add(&stages, h[0], 0);
	/* the unit (row), the year, whether proposed, the predicate it holds */
	static const struct {
		size_t row;
		int year, proposed;
		const char *held;
	} cases[] = {
		/* a pengusulan dated in 2026; holds WBK */
		{0, 2026, 1, "WBK"},
		/* proposed in 2025 */
		{1, 2026, 0, NULL},
		/* retired */
		{2, 2026, 0, NULL},
		/* its history says 2025, units.csv 2026 */
		{3, 2026, 0, NULL},
		{3, 2025, 1, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *held = "";
		int got = zi_portalrb_proposed(&units, cases[i].row, &stages, cases[i].year, &held);
		zt_case_true((got != 0) == cases[i].proposed, "unit %s in %d", u[cases[i].row][0],
			     cases[i].year);
		if (cases[i].held)
			zt_case_str(held, cases[i].held, "unit %s in %d", u[cases[i].row][0],
				    cases[i].year);
	}
	zi_table_release(&units);
	zi_table_release(&stages);
	zi_schema_free(us);
	zi_schema_free(ss);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_read_bad),
		cmocka_unit_test(test_answers_out),
		cmocka_unit_test(test_proposed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
