/* lib/model: the 2026 model against the official master, answer checking,
 * and the worked examples of DOMAIN.md recomputed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "model.h"
#include "schema.h"
#include "survey.h"
#include "zitest.h"

static struct zi_model *load(void)
{
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_model *m = NULL;
	int rc = zi_model_load("lke-2026", &m, &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	assert_non_null(m);
	zi_diag_release(&d);
	return m;
}

static char *master_path(void)
{
	return zt_corpus("lke-master/lke-master-2026.json");
}

static void test_model_shape(void **state)
{
	(void)state;
	struct zi_model *m = load();
	assert_int_equal(m->nq, 127);
	assert_int_equal(m->year, 2026);
	assert_int_equal(m->nareas, 6);
	double total = 0;
	for (size_t r = 0; r < m->nroots; r++)
		total += m->nodes[m->roots[r]].weight;
	assert_true(total == 100.0);
	/* soal 104 is recorded, never scored */
	long q104 = zi_model_question(m, 104);
	assert_true(q104 >= 0);
	assert_int_equal(m->q[q104].scored, 0);
	assert_int_equal(m->area_each_half, 0);
	zi_model_free(m);
}

static void test_master_no_difference(void **state)
{
	(void)state;
	struct zi_model *m = load();
	char *path = master_path();
	struct zi_diag d;
	zi_diag_init(&d);
	long n = zi_model_check_master(m, path, &d);
	zt_diag_dump(&d);
	assert_int_equal(n, 0);
	assert_int_equal(d.errors, 0);
	zi_diag_release(&d);
	zi_model_free(m);
	/* a changed weight and multiplier are found and named */
	const char *text = zi_embedded_file("lke/lke-2026");
	assert_non_null(text);
	char *changed = zi_xstrdup(text);
	char *w = strstr(changed, "\"weight\": 0.5,");
	assert_non_null(w);
	memcpy(w, "\"weight\": 0.7,", 14);
	char *mult = strstr(changed, "[\"B\", 0.67]");
	assert_non_null(mult);
	memcpy(mult, "[\"B\", 0.66]", 11);
	zi_diag_init(&d);
	assert_int_equal(zi_model_parse(changed, "changed", &m, &d), 0);
	n = zi_model_check_master(m, path, &d);
	assert_int_equal(n, 2);
	assert_int_equal(d.errors, 2);
	assert_non_null(strstr(d.v[0].message, "weight 0.5 in the master, 0.7 in the model"));
	assert_non_null(strstr(d.v[1].message, "multiplies by 0.67 in the master, 0.66"));
	zi_diag_release(&d);
	zi_model_free(m);
	free(changed);
	free(path);
}

static void test_check_answer(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_buf b;
	zi_buf_init(&b);
	struct zi_verr err;
	const struct zi_question *q6 = &m->q[zi_model_question(m, 6)];
	const struct zi_question *q1 = &m->q[zi_model_question(m, 1)];
	const struct zi_question *q88 = &m->q[zi_model_question(m, 88)];
	const struct zi_question *q125 = &m->q[zi_model_question(m, 125)];
	assert_int_equal(zi_model_check_answer(m, q6, "F", &b, &err), -1);
	assert_non_null(strstr(err.msg, "soal 6"));
	assert_int_equal(zi_model_check_answer(m, q6, " b ", &b, &err), 0);
	assert_str(b.data, "B");
	assert_int_equal(zi_model_check_answer(m, q1, "Mungkin", &b, &err), -1);
	assert_non_null(strstr(err.msg, "soal 1 "));
	assert_int_equal(zi_model_check_answer(m, q1, "ya", &b, &err), 0);
	assert_str(b.data, "Ya");
	assert_int_equal(zi_model_check_answer(m, q88, "-3", &b, &err), -1);
	assert_non_null(strstr(err.msg, "soal 88"));
	assert_int_equal(zi_model_check_answer(m, q88, "2,5", &b, &err), -1);
	assert_int_equal(zi_model_check_answer(m, q88, "12", &b, &err), 0);
	assert_str(b.data, "12");
	assert_int_equal(zi_model_check_answer(m, q125, "4.5", &b, &err), -1);
	assert_non_null(strstr(err.msg, "soal 125"));
	assert_int_equal(zi_model_check_answer(m, q125, "3,60", &b, &err), 0);
	assert_str(b.data, "3.6");
	zi_buf_release(&b);
	zi_model_free(m);
}

static void set(struct zi_score *s, long id, const char *v)
{
	long qi = zi_model_question(s->m, id);
	assert_true(qi >= 0);
	zi_score_set_answer(s, (size_t)qi, v, ZI_V_UNIT);
}

/* Every choice at its best, counts that give full percentages, both survey
 * values at 4. */
static void all_a(struct zi_score *s)
{
	const struct zi_model *m = s->m;
	for (size_t i = 0; i < m->nq; i++) {
		const struct zi_question *q = &m->q[i];
		if (q->kind == ZI_Q_CHOICE)
			zi_score_set_answer(s, i, q->choices[0].key, ZI_V_UNIT);
		else if (q->kind == ZI_Q_SURVEY)
			zi_score_set_answer(s, i, "4", ZI_V_UNIT);
		else
			zi_score_set_answer(s, i, "10", ZI_V_UNIT);
	}
	set(s, 102, "5"); /* violations fall from 5 to 0 */
	set(s, 103, "0");
	set(s, 115, "0");
	set(s, 116, "20"); /* of 10 + 10 + 0 */
	set(s, 120, "30"); /* of 10 + 10 + 10 */
}

static long node(const struct zi_model *m, long id)
{
	for (size_t i = 0; i < m->nnodes; i++)
		if (m->nodes[i].id == id)
			return (long)i;
	fail();
	return -1;
}

static const struct zi_verdict *verdict(const struct zi_score *s, const char *p)
{
	for (size_t i = 0; i < s->nverdict; i++)
		if (!strcmp(s->verdict[i].predicate, p))
			return &s->verdict[i];
	fail();
	return NULL;
}

static int compute(struct zi_score *s)
{
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = zi_score_compute(s, &d);
	zt_diag_dump(&d);
	zi_diag_release(&d);
	return rc;
}

static void test_penyusunan_tim_kerja(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_score s;
	zi_score_init(&s, m);
	set(&s, 1, "Ya");
	set(&s, 2, "B");
	assert_int_equal(compute(&s), 0);
	/* mean(1, 0.5) x 0.5 */
	assert_float_equal(s.node[node(m, 4)], 0.375, 1e-12);
	/* every question without an answer is unanswered, 104 and 111 too */
	assert_int_equal(s.unanswered, 127 - 2);
	assert_int_equal(s.answered, 2);
	zi_score_release(&s);
	zi_model_free(m);
}

static void test_ipak_part(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_score s;
	zi_score_init(&s, m);
	all_a(&s);
	set(&s, 125, "3.6");
	assert_int_equal(compute(&s), 0);
	long q = zi_model_question(m, 125);
	assert_float_equal(s.q[q].score * m->q[q].weight, 15.75, 1e-12);
	assert_float_equal(zi_survey_part(3.6, 17.5), 15.75, 1e-12);
	/* IPAK 3.60 meets the IPAK criterion of both predicates exactly */
	for (size_t p = 0; p < s.nverdict; p++)
		for (size_t f = 0; f < s.verdict[p].nfailed; f++)
			assert_string_not_equal(s.verdict[p].failed[f].criterion, "ipak");
	set(&s, 125, "3.59");
	compute(&s);
	assert_int_equal(verdict(&s, "WBK")->eligible, 0);
	assert_str(verdict(&s, "WBK")->failed[0].criterion, "ipak");
	zi_score_release(&s);
	zi_model_free(m);
}

static void test_all_a_is_100(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_score s;
	zi_score_init(&s, m);
	all_a(&s);
	strcpy(s.held, "WBK");
	assert_int_equal(compute(&s), 0);
	assert_true(s.total == 100.0);
	assert_true(s.pengungkit == 60.0);
	assert_true(s.hasil == 40.0);
	assert_int_equal(s.unanswered, 0);
	assert_int_equal(verdict(&s, "WBK")->eligible, 1);
	assert_int_equal(verdict(&s, "WBBM")->eligible, 1);
	/* soal 104 is recorded, not scored: any count leaves the total alone */
	set(&s, 104, "7");
	compute(&s);
	assert_true(s.total == 100.0);
	zi_score_release(&s);
	zi_model_free(m);
}

static void test_wbk_not_wbbm_on_ipkp(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_score s;
	zi_score_init(&s, m);
	all_a(&s);
	strcpy(s.held, "WBK");
	set(&s, 127, "3.2"); /* 14.00 of 17.5 */
	assert_int_equal(compute(&s), 0);
	const struct zi_verdict *wbk = verdict(&s, "WBK"), *wbbm = verdict(&s, "WBBM");
	assert_int_equal(wbk->eligible, 1);
	assert_int_equal(wbbm->eligible, 0);
	assert_int_equal(wbbm->nfailed, 1);
	assert_str(wbbm->failed[0].criterion, "ipkp");
	assert_float_equal(wbbm->failed[0].value, 14.0, 1e-9);
	assert_float_equal(wbbm->failed[0].min, 15.75, 1e-12);
	/* without WBK held, the prior predicate fails too */
	s.held[0] = 0;
	compute(&s);
	assert_int_equal(verdict(&s, "WBBM")->nfailed, 2);
	assert_str(verdict(&s, "WBBM")->failed[1].criterion, "prior-predicate");
	zi_score_release(&s);
	zi_model_free(m);
}

static void worst_under(struct zi_score *s, size_t k)
{
	const struct zi_model *m = s->m;
	const struct zi_node *n = &m->nodes[k];
	for (size_t c = 0; c < n->nquestions; c++) {
		const struct zi_question *q = &m->q[n->questions[c]];
		if (q->kind == ZI_Q_CHOICE)
			zi_score_set_answer(s, n->questions[c], q->choices[q->nchoices - 1].key,
					    ZI_V_UNIT);
		else if (q->kind == ZI_Q_COUNT)
			zi_score_set_answer(s, n->questions[c], "0", ZI_V_UNIT);
	}
	for (size_t c = 0; c < n->nchildren; c++)
		worst_under(s, n->children[c]);
}

static void test_wbk_fails_on_one_area(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_score s;
	zi_score_init(&s, m);
	all_a(&s);
	/* Penguatan Pengawasan (both halves, 15 points) at its worst */
	worst_under(&s, (size_t)node(m, 22));
	worst_under(&s, (size_t)node(m, 51));
	set(&s, 110, "4"); /* complaints: 0 of 4 resolved */
	set(&s, 113, "1"); /* LHKPN: 0 of 1 filed */
	set(&s, 117, "1"); /* LHKASN: 0 of 1 filed */
	assert_int_equal(compute(&s), 0);
	assert_true(s.total >= 75);
	assert_true(s.pengungkit >= 40);
	const struct zi_verdict *wbk = verdict(&s, "WBK");
	assert_int_equal(wbk->eligible, 0);
	assert_int_equal(wbk->nfailed, 1);
	assert_str(wbk->failed[0].criterion, "area");
	assert_str(wbk->failed[0].name, "Penguatan Pengawasan");
	assert_float_equal(wbk->failed[0].value, 0, 1e-12);
	assert_float_equal(wbk->failed[0].min, 9.0, 1e-12);
	zi_score_release(&s);
	zi_model_free(m);
}

static void test_derived_formulas(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_score s;
	zi_score_init(&s, m);
	long sub = node(m, 53); /* Penanganan Pengaduan Masyarakat, 112 / 110 */
	/* unanswered inputs score nothing */
	assert_int_equal(compute(&s), 0);
	assert_float_equal(s.node[sub], 0, 1e-12);
	/* 110 and 112 alone: 111 is blank, the workbook's "Blm Diisi" */
	set(&s, 110, "0");
	set(&s, 112, "0");
	compute(&s);
	assert_float_equal(s.node[sub], 0, 1e-12);
	assert_int_equal(s.dv[s.m->nodes[sub].derived[0]].unanswered, 1);
	/* zero over zero: the model's policy gives full score */
	set(&s, 111, "0");
	compute(&s);
	assert_float_equal(s.node[sub], 3.0, 1e-12);
	set(&s, 110, "4");
	set(&s, 112, "3");
	compute(&s);
	assert_float_equal(s.node[sub], 2.25, 1e-12);
	/* more resolved than received is a data error, capped */
	set(&s, 112, "5");
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_score_compute(&s, &d), ZI_EDATA);
	assert_int_equal(d.errors, 1);
	assert_str(d.v[0].code, "numerator-above");
	zi_diag_release(&d);
	assert_float_equal(s.node[sub], 3.0, 1e-12);
	/* the decrease of violations: 102 before, 103 after */
	long dis = node(m, 46);
	set(&s, 102, "4");
	set(&s, 103, "1");
	zi_diag_init(&d);
	zi_score_compute(&s, &d);
	zi_diag_release(&d);
	/* questions 100-101 are in other sub-areas: this one is the decrease alone */
	assert_float_equal(s.node[dis], 0.75 * 2, 1e-12);
	set(&s, 103, "6");
	zi_diag_init(&d);
	zi_score_compute(&s, &d);
	zi_diag_release(&d);
	assert_float_equal(s.node[dis], 0, 1e-12);
	zi_score_release(&s);
	zi_model_free(m);
}

/* The official workbook: a sub-area is AVERAGE of its answered questions x
 * weight ("Blm Diisi" is text, which AVERAGE skips); none answered gives 0. */
static void test_unanswered_skip(void **state)
{
	(void)state;
	struct zi_model *m = load();
	assert_int_equal(m->unanswered_zero, 0);
	struct zi_score s;
	zi_score_init(&s, m);
	all_a(&s);
	/* complaints left blank: sub-area 53 (weight 3) has no answered question */
	for (long id = 110; id <= 112; id++)
		zi_score_set_missing(&s, (size_t)zi_model_question(m, id), "no complaints.csv");
	assert_int_equal(compute(&s), 0);
	assert_float_equal(s.total, 97.0, 1e-9);
	assert_int_equal(s.unanswered, 3);
	assert_float_equal(s.total_zero, 97.0, 1e-9);
	/* one question of Penyusunan Tim Kerja (node 4: soal 1 and 2) blank:
	 * the mean of the other alone, where zero would halve it */
	all_a(&s);
	zi_score_set_missing(&s, (size_t)zi_model_question(m, 2), NULL);
	assert_int_equal(compute(&s), 0);
	assert_float_equal(s.node[node(m, 4)], 0.5, 1e-12);
	assert_float_equal(s.total, 100.0, 1e-9);
	assert_float_equal(s.total_zero, 99.75, 1e-9);
	zi_score_release(&s);
	zi_model_free(m);
}

/* A filing above a requirement of zero is reported, naming the whole
 * denominator, not scored by the zero policy in silence. */
static void test_above_zero_denominator(void **state)
{
	(void)state;
	struct zi_model *m = load();
	struct zi_score s;
	zi_score_init(&s, m);
	all_a(&s);
	set(&s, 113, "0");
	set(&s, 114, "0");
	set(&s, 115, "0");
	set(&s, 116, "3");
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_score_compute(&s, &d), ZI_EDATA);
	assert_int_equal(d.errors, 1);
	assert_str(d.v[0].code, "numerator-above");
	assert_non_null(
		strstr(d.v[0].message, "3 is more than 0 (soal 116 over soal 113+114+115)"));
	zi_diag_release(&d);
	zi_score_release(&s);
	zi_model_free(m);
}

/* The model keeps the master's excel_* fields, for every question. */
static void walk_master(json_t *n, const struct zi_model *m, size_t *seen)
{
	size_t i;
	json_t *s, *c;
	json_array_foreach(json_object_get(n, "soals"), i, s)
	{
		long qi = zi_model_question(m, (long)json_integer_value(json_object_get(s, "id")));
		assert_true(qi >= 0);
		const struct zi_question *q = &m->q[qi];
		assert_string_equal(q->excel.sheet,
				    json_string_value(json_object_get(s, "excel_sheet")));
		assert_int_equal(q->excel.row,
				 json_integer_value(json_object_get(s, "excel_baris")));
		assert_string_equal(q->excel.unit,
				    json_string_value(
					    json_object_get(s, "excel_kolom_jawaban_unit")));
		assert_string_equal(q->excel.tpi,
				    json_string_value(
					    json_object_get(s, "excel_kolom_jawaban_tpi")));
		assert_string_equal(q->excel.unit_note,
				    json_string_value(
					    json_object_get(s, "excel_kolom_catatan_unit")));
		assert_string_equal(q->excel.unit_evidence,
				    json_string_value(
					    json_object_get(s, "excel_kolom_bukti_dukung_unit")));
		assert_string_equal(q->excel.tpi_note,
				    json_string_value(
					    json_object_get(s, "excel_kolom_catatan_tpi")));
		(*seen)++;
	}
	json_array_foreach(json_object_get(n, "children"), i, c) walk_master(c, m, seen);
}

static void test_excel_cells(void **state)
{
	(void)state;
	struct zi_model *m = load();
	char *path = master_path();
	json_t *root = json_load_file(path, 0, NULL);
	assert_non_null(root);
	size_t i, seen = 0;
	json_t *n;
	json_array_foreach(json_object_get(root, "data"), i, n) walk_master(n, m, &seen);
	assert_int_equal(seen, 127);
	json_decref(root);
	free(path);
	zi_model_free(m);
	/* a column that is no column is refused */
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_model_parse("{\"unanswered\": \"skip\", \"tree\": [{\"id\": 1, "
					"\"weight\": 1, \"questions\": [{\"id\": 1, \"type\": "
					"\"JUMLAH\", \"excel\": {\"sheet\": \"Jawaban\", \"row\": "
					"6, "
					"\"unit\": \"k6\"}}]}]}",
					"bad-excel", &m, &d),
			 ZI_EDATA);
	assert_non_null(strstr(d.v[d.n - 1].message, "excel.unit"));
	zi_diag_release(&d);
}

static void test_bad_models(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_model *m;
	assert_int_equal(zi_model_parse("{", "x", &m, &d), ZI_EDATA);
	assert_int_equal(zi_model_parse("{\"tree\": [{\"id\": 1, \"weight\": 1, \"questions\": "
					"[{\"id\": 1, \"type\": \"XYZ\"}]}]}",
					"x", &m, &d),
			 ZI_EDATA);
	assert_int_equal(zi_model_parse("{\"tree\": [{\"id\": 1, \"weight\": 1, \"questions\": "
					"[{\"id\": 1, \"type\": \"JUMLAH\"}], \"derived\": "
					"[{\"id\": "
					"\"r\", \"formula\": \"ratio\", \"numerator\": [1], "
					"\"denominator\": [9]}]}]}",
					"x", &m, &d),
			 ZI_EDATA);
	/* the policies are the model's to declare, never assumed */
	unsigned long before = d.errors;
	assert_int_equal(zi_model_parse("{\"tree\": [{\"id\": 1, \"weight\": 1, \"questions\": "
					"[{\"id\": 1, \"type\": \"YA_TIDAK\", \"choices\": "
					"[[\"Ya\", 1], [\"Tidak\", 0]]}]}]}",
					"no-unanswered", &m, &d),
			 ZI_EDATA);
	assert_int_equal(d.errors, before + 1);
	assert_non_null(strstr(d.v[d.n - 1].message, "unanswered"));
	assert_int_equal(zi_model_parse("{\"unanswered\": \"skip\", \"tree\": [{\"id\": 1, "
					"\"weight\": 1, \"questions\": [{\"id\": 1, \"type\": "
					"\"JUMLAH\"}, {\"id\": 2, \"type\": \"JUMLAH\"}], "
					"\"derived\": [{\"id\": \"r\", \"formula\": \"ratio\", "
					"\"numerator\": [2], \"denominator\": [1]}]}]}",
					"no-policies", &m, &d),
			 ZI_EDATA);
	assert_int_equal(d.errors, before + 3); /* no zero, no above */
	assert_int_equal(zi_model_parse("{\"unanswered\": \"zero\", \"tree\": [{\"id\": 1, "
					"\"weight\": 1, \"questions\": [{\"id\": 1, \"type\": "
					"\"JUMLAH\"}, {\"id\": 2, \"type\": \"JUMLAH\"}], "
					"\"derived\": [{\"id\": \"r\", \"formula\": \"ratio\", "
					"\"numerator\": [2], \"denominator\": [1], \"above\": "
					"\"cap\", "
					"\"zero\": {\"both\": 1, \"numerator\": 0}}]}]}",
					"ok", &m, &d),
			 0);
	assert_int_equal(m->unanswered_zero, 1);
	zi_model_free(m);
	assert_true(d.errors >= 3);
	assert_int_equal(zi_model_load("lke-1999", &m, &d), ZI_EUSAGE);
	zi_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_shape),
		cmocka_unit_test(test_master_no_difference),
		cmocka_unit_test(test_check_answer),
		cmocka_unit_test(test_penyusunan_tim_kerja),
		cmocka_unit_test(test_ipak_part),
		cmocka_unit_test(test_all_a_is_100),
		cmocka_unit_test(test_wbk_not_wbbm_on_ipkp),
		cmocka_unit_test(test_wbk_fails_on_one_area),
		cmocka_unit_test(test_derived_formulas),
		cmocka_unit_test(test_unanswered_skip),
		cmocka_unit_test(test_above_zero_denominator),
		cmocka_unit_test(test_bad_models),
		cmocka_unit_test(test_excel_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
