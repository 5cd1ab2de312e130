/* lib/lke.c: which layout a sheet has, and how Lampiran III rows are matched
 * to questions (by text and order, nothing guessed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lke.h"
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
	assert_int_equal(zi_lke_read(m, ZI_LKE_LAMPIRAN3, "f.xlsx", "LKE ZI", &g, ZI_LAYER_UNIT,
				     &f, &d),
			 0);
	assert_int_equal(f.n, 3);
	assert_int_equal(m->q[f.v[0].qi].id, 89);
	assert_string_equal(f.v[0].cell, "D9");
	assert_int_equal(m->q[f.v[1].qi].id, 90);
	assert_int_equal(m->q[f.v[2].qi].id, 88);
	zi_lke_found_free(&f);
	/* three rows for two questions: which is which is not known */
	add(&g, 13, "10", "Jumlah Perubahan yang dibuat", "Jumlah", "1");
	assert_int_equal(zi_lke_read(m, ZI_LKE_LAMPIRAN3, "f.xlsx", "LKE ZI", &g, ZI_LAYER_UNIT,
				     &f, &d),
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_shared_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
