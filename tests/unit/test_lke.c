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

#include "cli.h"
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
/* zi's worksheet read the way zi_cli_import reads it: the job's hooks in the
 * common path (zi_import_read), then the duplicate check. */
struct ws_read {
	struct zi_lke_ws ws;
	struct zi_import_job job;
	struct zi_import im;
	char *dir;
};

static int read_sheet(struct ws_read *w, const struct zi_model *m, const char *text,
		      enum zi_layer layer, int keep_rejected, struct zi_diag *d)
{
	memset(w, 0, sizeof(*w));
	w->dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/lke.csv", w->dir);
	zt_writes(path, text);
	assert_int_equal(zi_lke_worksheet_job(&w->ws, m, layer, "dpkp", 2026, &w->job, d), 0);
	assert_str(w->job.target, "lke/2026/dpkp.csv");
	struct zi_import_opts o = {.keep_rejected = keep_rejected,
				   .pad_short = w->job.pad_short,
				   .header = w->job.header,
				   .row = w->job.row,
				   .ctx = w->job.ctx};
	zi_import_init(&w->im, w->job.schema);
	int rc = zi_import_read(&w->im, path, &o, d);
	if (w->im.col_to_field)
		zi_import_check_duplicates(&w->im, d);
	w->im.file = "lke.csv"; /* path is freed: the diagnostics keep their copy */
	free(path);
	return rc ? rc : d->errors ? ZI_EDATA : 0;
}

static void done(struct ws_read *w, struct zi_diag *d)
{
	zi_import_release(&w->im);
	zi_lke_worksheet_done(&w->ws, &w->job);
	zi_diag_release(d);
	zt_rmtree(w->dir);
	free(w->dir);
}

/* The first problem said about line. */
static const struct zi_diag_entry *at_line(const struct zi_diag *d, unsigned long line)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line)
			return &d->v[i];
	return NULL;
}

static const char *ws_get(const struct ws_read *w, size_t r, const char *field)
{
	int f = zi_schema_field(w->im.rows.schema, field);
	assert_true(f >= 0);
	return zi_table_get(&w->im.rows, r, (size_t)f);
}

/* Headers by their aliases (any case, spaces, punctuation), answers made
 * canonical, the template's reading aids, a heading row, a short row. */
static void test_import_worksheet(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct ws_read w;
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = read_sheet(&w, m,
			    "No Soal;Sub Area;JAWABAN;Catatan;Bukti Dukung;Pertanyaan\n"
			    "1;x;ya;tim dibentuk;sk.pdf\n"
			    "06;x;b\n"
			    ";PENGUNGKIT;;;\n"
			    "125;x;3,75;;\n",
			    ZI_LAYER_UNIT, 0, &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(w.im.rows.n, 3);
	assert_str(ws_get(&w, 0, "soal_id"), "1");
	assert_str(ws_get(&w, 0, "answer"), "Ya");
	assert_str(ws_get(&w, 0, "note"), "tim dibentuk");
	assert_str(ws_get(&w, 0, "evidence"), "sk.pdf");
	assert_str(ws_get(&w, 1, "soal_id"), "6"); /* the model's id */
	assert_str(ws_get(&w, 1, "answer"), "B");
	assert_str(ws_get(&w, 2, "answer"), "3.75");
	assert_int_equal(w.im.rows.lines[2], 5);
	/* the merge hook: into the unit layer's fields of a new answers table */
	struct zi_merge_counts c;
	assert_int_equal(w.job.merge(w.job.ctx, &w.job.existing, &w.im, &c, &d), 0);
	assert_int_equal(c.added, 3);
	assert_int_equal(w.job.existing.n, 3);
	assert_str(zi_table_get(&w.job.existing, 0, ZI_A_SOAL), "1");
	assert_str(zi_table_get(&w.job.existing, 0, ZI_A_UNIT), "Ya");
	assert_str(zi_table_get(&w.job.existing, 0, ZI_A_UNIT_EVIDENCE), "sk.pdf");
	assert_str(zi_table_get(&w.job.existing, 1, ZI_A_SOAL), "6");
	done(&w, &d);
	zi_model_free(m);
}

/* The tpi layer: the answer and note go to the tpi fields, the unit's stay. */
static void test_import_worksheet_tpi(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct ws_read w;
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(read_sheet(&w, m, "soal_id,answer,note\n1,Tidak,cek\n", ZI_LAYER_TPI, 0,
				    &d),
			 0);
	const char *row[ZI_A_NFIELDS] = {"1", "Ya", "u", "", "", "", ""};
	zi_table_add(&w.job.existing, row, 0);
	struct zi_merge_counts c;
	assert_int_equal(w.job.merge(w.job.ctx, &w.job.existing, &w.im, &c, &d), 0);
	assert_int_equal(c.updated, 1);
	assert_str(zi_table_get(&w.job.existing, 0, ZI_A_UNIT), "Ya");
	assert_str(zi_table_get(&w.job.existing, 0, ZI_A_UNIT_NOTE), "u");
	assert_str(zi_table_get(&w.job.existing, 0, ZI_A_TPI), "Tidak");
	assert_str(zi_table_get(&w.job.existing, 0, ZI_A_TPI_NOTE), "cek");
	done(&w, &d);
	zi_model_free(m);
}

/* A question three times: as in every import, each repeat an error naming
 * the first line, and the first naming a repeat. */
static void test_import_duplicates(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct ws_read w;
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = read_sheet(&w, m, "soal_id,answer\n6,A\n1,Ya\n6,B\n6,C\n", ZI_LAYER_TPI, 0, &d);
	assert_int_equal(rc, ZI_EDATA);
	assert_int_equal(zt_diag_count(&d, "duplicate-key"), 3);
	const struct zi_diag_entry *e = zt_diag_find(&d, "duplicate-key", 4);
	assert_non_null(e);
	assert_str(e->field, "soal_id");
	assert_str(e->message, "'6' appears again (first on line 2)");
	e = zt_diag_find(&d, "duplicate-key", 5);
	assert_non_null(e);
	assert_str(e->message, "'6' appears again (first on line 2)");
	assert_non_null(zt_diag_find(&d, "duplicate-key", 2));
	done(&w, &d);
	zi_model_free(m);
}

/* Each bad value names its line and field: an answer its question's type
 * does not take, a soal not in the model, a question text not the soal's;
 * with --reject they are warnings and the rows set aside with the reason. */
static void test_import_reject(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct ws_read w;
	struct zi_diag d;
	zi_diag_init(&d);
	const char *text = "soal,jawaban,pertanyaan\n6,F,\n1,Tidak,\n999,A,\n88,-3,\n"
			   "2,Ya,Terdapat dokumen rencana kerja\n";
	assert_int_equal(read_sheet(&w, m, text, ZI_LAYER_UNIT, 0, &d), ZI_EDATA);
	assert_int_equal(d.errors, 4);
	const struct zi_diag_entry *e = zt_diag_find(&d, "soal-unknown", 4);
	assert_non_null(e);
	assert_str(e->field, "soal_id");
	assert_str(e->message, "'999' is not a question id of model lke-2026");
	assert_str(zt_diag_find(&d, "question-mismatch", 6)->field, "question");
	e = at_line(&d, 2);
	assert_non_null(e);
	assert_str(e->field, "answer");
	assert_str(e->message, "soal 6 (ABCD): 'F' is not one of A, B, C, D");
	assert_non_null(at_line(&d, 5));
	done(&w, &d);
	zi_diag_init(&d);
	assert_int_equal(read_sheet(&w, m, text, ZI_LAYER_UNIT, 1, &d), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 4);
	assert_int_equal(w.im.rows.n, 1);
	assert_int_equal(w.im.bad_rows, 4);
	assert_non_null(strstr(w.im.rejects.data,
			       "soal,jawaban,pertanyaan,reason\n"
			       "6,F,,\"answer: soal 6 (ABCD): 'F' is not one of A, B, C, D\"\n"
			       "999,A,,soal_id: '999' is not a question id of model lke-2026\n"
			       "88,'-3,,"));
	done(&w, &d);
	zi_model_free(m);
}

/* A bare "No" column numbers rows: it is never taken as the soal id; a
 * missing answer column is said too; no row is read. */
static void test_import_row_numbers(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct ws_read w;
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(read_sheet(&w, m, "No,Jawaban\n1,Ya\n", ZI_LAYER_UNIT, 0, &d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&d, "column-missing", 1);
	assert_non_null(e);
	assert_str(e->field, "soal_id");
	assert_non_null(strstr(e->message, "column 1 'No' is not taken as soal_id"));
	assert_int_equal(w.im.rows.n, 0);
	done(&w, &d);
	zi_diag_init(&d);
	assert_int_equal(read_sheet(&w, m, "soal_id,note\n1,x\n", ZI_LAYER_UNIT, 0, &d), ZI_EDATA);
	e = zt_diag_find(&d, "column-missing", 1);
	assert_non_null(e);
	assert_str(e->field, "answer");
	assert_int_equal(w.im.rows.n, 0);
	done(&w, &d);
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
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_shared_text),
		cmocka_unit_test(test_import_worksheet),
		cmocka_unit_test(test_import_worksheet_tpi),
		cmocka_unit_test(test_import_duplicates),
		cmocka_unit_test(test_import_reject),
		cmocka_unit_test(test_import_row_numbers),
		cmocka_unit_test(test_upsert),
		cmocka_unit_test(test_template),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
