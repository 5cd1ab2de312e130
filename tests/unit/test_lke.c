/* lib/lke.c: which layout a sheet has, and how Lampiran III rows are matched
 * to questions (by text and order, nothing guessed). lib/lke_import.c: zi's
 * worksheet read (headers by the lke-worksheet schema's aliases, answers
 * checked, duplicates, --reject), the upsert, the template. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lke.h"
#include "schema.h"
#include "zitest.h"

static void add(struct zi_lke_grid *g, unsigned long line, const char *a, const char *b,
		const char *c, const char *d)
{
	char *cells[] = {(char *)a, (char *)b, (char *)c, (char *)d};
	char copy[4][200];
	for (int i = 0; i < 4; i++) {
		snprintf(copy[i], sizeof(copy[i]), "%s", cells[i]);
		cells[i] = copy[i];
	}
	zi_lke_grid_add(g, line, cells, 4);
}

static struct zi_model *load(void)
{
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_model *m = NULL;
	assert_int_equal(zi_model_load("lke-2026", &m, &d), 0);
	zi_diag_release(&d);
	return m;
}

static void test_layouts(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_lke_grid g = {0};
	add(&g, 1, "Judul", "", "", "");
	add(&g, 3, "No", "Komponen", "Pilihan Jawaban", "Jawaban");
	assert_int_equal(zi_lke_layout(m, "LKE ZI", &g), ZI_LKE_LAMPIRAN3);
	/* the sheet the master names is PortalRB, whatever its rows */
	assert_int_equal(zi_lke_layout(m, "jawaban", &g), ZI_LKE_PORTALRB);
	zi_lke_grid_free(&g);
	/* zi's own worksheet has a soal id column */
	add(&g, 1, "ID Soal", "Pertanyaan", "Pilihan Jawaban", "Jawaban");
	assert_int_equal(zi_lke_layout(m, "LKE", &g), ZI_LKE_PLAIN);
	zi_lke_grid_free(&g);
	assert_string_equal(zi_lke_default_sheet(m, 0), "Jawaban");
	assert_string_equal(zi_lke_default_sheet(m, 1), "LKE ZI");
	assert_null(zi_lke_default_sheet(m, 2));
	zi_model_free(m);
}

static void test_shared_text(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_lke_grid g = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	add(&g, 4, "No", "Komponen", "Pilihan Jawaban", "Jawaban");
	/* 89 and 90 share their text: two rows go by order */
	add(&g, 9, "7", "jumlah perubahan YANG dibuat", "Jumlah", "3");
	add(&g, 10, "8", "Jumlah Perubahan yang dibuat", "Jumlah", "2");
	add(&g, 11, "9", "Jumlah Agen Perubahan", "", "5");
	add(&g, 12, "", "PENGUNGKIT", "", ""); /* a heading */
	struct zi_lke_found_list f = {0};
	assert_int_equal(zi_lke_read(m, ZI_LKE_LAMPIRAN3, "f.xlsx", "LKE ZI", &g, ZI_LAYER_UNIT, &f,
				     &d),
			 0);
	assert_int_equal(f.n, 3);
	assert_int_equal(m->q[f.v[0].qi].id, 89);
	assert_string_equal(f.v[0].cell, "D9");
	assert_int_equal(m->q[f.v[1].qi].id, 90);
	assert_int_equal(m->q[f.v[2].qi].id, 88);
	zi_lke_found_free(&f);
	/* three rows for two questions: which is which is not known */
	add(&g, 13, "10", "Jumlah Perubahan yang dibuat", "Jumlah", "1");
	assert_int_equal(zi_lke_read(m, ZI_LKE_LAMPIRAN3, "f.xlsx", "LKE ZI", &g, ZI_LAYER_UNIT, &f,
				     &d),
			 ZI_EDATA);
	assert_int_equal(d.errors, 3);
	assert_string_equal(d.v[0].cell, "LKE ZI!B9");
	assert_string_equal(d.v[0].code, "question-ambiguous");
	assert_int_equal(f.n, 1); /* 88 alone */
	zi_lke_found_free(&f);
	zi_lke_grid_free(&g);
	zi_diag_release(&d);
	zi_model_free(m);
}

/* Reads text as a worksheet file; returns the status, im filled. */
static int read_sheet(struct zi_lke_import *im, const struct zi_model *m, const char *text,
		      enum zi_layer layer, int keep_rejected, struct zi_diag *d, char **dir)
{
	*dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/lke.csv", *dir);
	zt_writes(path, text);
	zi_lke_import_init(im, m, path, layer, d);
	im->keep_rejected = keep_rejected;
	struct zi_csv_opts o = {0};
	int rc = zi_lke_import_read(im, &o, "dpkp", 2026);
	im->file = "lke.csv"; /* path is freed: the diagnostics keep their copy */
	free(path);
	return rc;
}

static void done(struct zi_lke_import *im, struct zi_diag *d, char *dir)
{
	zi_lke_import_release(im);
	zi_diag_release(d);
	zt_rmtree(dir);
	free(dir);
}

/* Headers by their aliases (any case, spaces, punctuation), answers made
 * canonical, the template's reading aids and a trailing empty cell. */
static void test_import_worksheet(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_lke_import im;
	struct zi_diag d;
	zi_diag_init(&d);
	char *dir;
	int rc = read_sheet(&im, m,
			    "No Soal;Sub Area;JAWABAN;Catatan;Bukti Dukung\n"
			    "1;x;ya;tim dibentuk;sk.pdf\n"
			    "6;x;b\n"
			    ";PENGUNGKIT;;;\n"
			    "125;x;3,75;;\n",
			    ZI_LAYER_UNIT, 0, &d, &dir);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(im.n, 3);
	assert_int_equal(m->q[im.rows[0].qi].id, 1);
	assert_str(im.rows[0].answer, "Ya");
	assert_str(im.rows[0].note, "tim dibentuk");
	assert_str(im.rows[0].evidence, "sk.pdf");
	assert_str(im.rows[1].answer, "B");
	assert_null(im.rows[1].note); /* past the row's end: not given */
	assert_str(im.rows[2].answer, "3.75");
	assert_int_equal(im.rows[2].line, 5);
	done(&im, &d, dir);
	zi_model_free(m);
}

/* A question three times: each repeat an error naming the first line. */
static void test_import_duplicates(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_lke_import im;
	struct zi_diag d;
	zi_diag_init(&d);
	char *dir;
	int rc = read_sheet(&im, m, "soal_id,answer\n6,A\n1,Ya\n6,B\n6,C\n", ZI_LAYER_TPI, 0, &d,
			    &dir);
	assert_int_equal(rc, ZI_EDATA);
	assert_int_equal(zt_diag_count(&d, "duplicate-key"), 2);
	const struct zi_diag_entry *e = zt_diag_find(&d, "duplicate-key", 4);
	assert_non_null(e);
	assert_str(e->message, "soal 6 appears again (first on line 2)");
	e = zt_diag_find(&d, "duplicate-key", 5);
	assert_non_null(e);
	assert_str(e->message, "soal 6 appears again (first on line 2)");
	done(&im, &d, dir);
	zi_model_free(m);
}

/* With --reject, bad rows are warnings and set aside with their reason. */
static void test_import_reject(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_lke_import im;
	struct zi_diag d;
	zi_diag_init(&d);
	char *dir;
	int rc = read_sheet(&im, m, "soal,jawaban\n6,F\n1,Tidak\n999,A\n", ZI_LAYER_UNIT, 1, &d,
			    &dir);
	assert_int_equal(rc, 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(im.n, 1);
	assert_int_equal(im.rejected, 2);
	assert_str(im.rejects.data,
		   "soal,jawaban,reason\n"
		   "6,F,\"answer: soal 6 (ABCD): 'F' is not one of A, B, C, D\"\n"
		   "999,A,soal_id: '999' is not a question id of model lke-2026\n");
	done(&im, &d, dir);
	zi_model_free(m);
}

/* A bare "No" column numbers rows: it is never taken as the soal id. */
static void test_import_row_numbers(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_lke_import im;
	struct zi_diag d;
	zi_diag_init(&d);
	char *dir;
	assert_int_equal(read_sheet(&im, m, "No,Jawaban\n1,Ya\n", ZI_LAYER_UNIT, 0, &d, &dir),
			 ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "column-missing", 1));
	assert_int_equal(im.n, 0);
	done(&im, &d, dir);
	zi_model_free(m);
}

static struct zi_schema *answers_schema(void)
{
	struct zi_schema *s = zi_schema_get("lke-answers", NULL);
	assert_non_null(s);
	return s;
}

static void add_answer(struct zi_table *t, const char *id, const char *unit, const char *tpi)
{
	const char *row[ZI_A_NFIELDS] = {id, unit, "", "", tpi, "", ""};
	zi_table_add(t, row, 0);
}

/* New questions added, changed ones updated, the same left; the table
 * sorted by soal id; only the layer's fields touched. */
static void test_upsert(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_schema *s = answers_schema();
	struct zi_table t;
	zi_table_init(&t, s);
	add_answer(&t, "2", "A", "B");
	add_answer(&t, "6", "C", "");
	struct zi_lke_in in[3] = {
		{.qi = zi_model_question(m, 6), .answer = "B", .note = "x"},
		{.qi = zi_model_question(m, 1), .answer = "Ya"},
		{.qi = zi_model_question(m, 2), .answer = "B"},
	};
	struct zi_lke_counts c;
	zi_lke_upsert(&t, m, in, 3, ZI_LAYER_TPI, 0, &c);
	assert_int_equal(c.added, 1);
	assert_int_equal(c.updated, 1);
	assert_int_equal(c.unchanged, 1);
	assert_int_equal(t.n, 3);
	assert_str(zi_table_get(&t, 0, ZI_A_SOAL), "1");
	assert_str(zi_table_get(&t, 0, ZI_A_TPI), "Ya");
	assert_str(zi_table_get(&t, 0, ZI_A_UNIT), "");
	assert_str(zi_table_get(&t, 1, ZI_A_SOAL), "2");
	assert_str(zi_table_get(&t, 2, ZI_A_SOAL), "6");
	assert_str(zi_table_get(&t, 2, ZI_A_UNIT), "C");
	assert_str(zi_table_get(&t, 2, ZI_A_TPI), "B");
	assert_str(zi_table_get(&t, 2, ZI_A_TPI_NOTE), "x");
	/* a PortalRB file: both layers */
	struct zi_lke_in both = {.qi = zi_model_question(m, 1),
				 .answer = "Tidak",
				 .tpi_answer = "Ya"};
	zi_lke_upsert(&t, m, &both, 1, ZI_LAYER_UNIT, 1, &c);
	assert_int_equal(c.updated, 1);
	assert_str(zi_table_get(&t, 0, ZI_A_UNIT), "Tidak");
	zi_table_release(&t);
	zi_schema_free(s);
	zi_model_free(m);
}

/* The template: a row per question, the unit's answer where there is one. */
static void test_template(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_schema *s = answers_schema();
	struct zi_table t;
	zi_table_init(&t, s);
	add_answer(&t, "2", "A", "B");
	struct zi_buf b;
	zi_buf_init(&b);
	zi_lke_template_csv(m, &t, &b);
	size_t lines = 0;
	for (size_t i = 0; i < b.len; i++)
		lines += b.data[i] == '\n';
	assert_int_equal(lines, m->nq + 1);
	assert_true(!strncmp(b.data,
			     "soal_id,area,sub_area,question,type,choices,answer,note,"
			     "evidence\n1,",
			     strlen("soal_id,area,sub_area,question,type,choices,answer,note,"
				    "evidence\n1,")));
	assert_non_null(strstr(b.data, "\n2,"));
	assert_non_null(strstr(b.data, ",ABC,A/B/C,A,,\n"));
	zi_buf_release(&b);
	zi_table_release(&t);
	zi_schema_free(s);
	zi_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),		 cmocka_unit_test(test_shared_text),
		cmocka_unit_test(test_import_worksheet), cmocka_unit_test(test_import_duplicates),
		cmocka_unit_test(test_import_reject),	 cmocka_unit_test(test_import_row_numbers),
		cmocka_unit_test(test_upsert),		 cmocka_unit_test(test_template),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
