/* lib/explain: a unit's score for people (zi_score_text) and programs
 * (zi_score_json), with and without the explanation, on the 2026 model. The
 * answers are set by hand: every choice at its best, counts of 10 and survey
 * values of 4, then one answer of the TPI, one count missing with its
 * record named, one derived from the records. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "model.h"
#include "zitest.h"

struct fixture {
	struct zi_model *m;
	struct zi_score s;
};

static size_t qidx(const struct zi_model *m, long id)
{
	long qi = zi_model_question(m, id);
	assert_true(qi >= 0);
	return (size_t)qi;
}

static int setup(void **state)
{
	struct fixture *f = zi_xcalloc(1, sizeof(*f));
	struct zi_diag d;
	zi_diag_init(&d);
	if (zi_model_load("lke-2026", &f->m, &d))
		return -1;
	zi_diag_release(&d);
	const struct zi_model *m = f->m;
	struct zi_score *s = &f->s;
	zi_score_init(s, m);
	snprintf(s->unit, sizeof(s->unit), "u1");
	s->year = 2026;
	for (size_t i = 0; i < m->nq; i++) {
		const struct zi_question *q = &m->q[i];
		if (q->kind == ZI_Q_CHOICE)
			zi_score_set_answer(s, i, q->choices[0].key, ZI_V_UNIT);
		else if (q->kind == ZI_Q_SURVEY)
			zi_score_set_answer(s, i, "4", ZI_V_TPI);
		else
			zi_score_set_answer(s, i, "10", ZI_V_UNIT);
	}
	zi_score_set_answer(s, qidx(m, 2), "C", ZI_V_TPI);
	zi_score_set_missing(s, qidx(m, 110), "no complaints.csv");
	zi_score_set_derived(s, qidx(m, 113), 7, "staff/u1.csv: 7 on the roster");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	zi_score_release(&f->s);
	zi_model_free(f->m);
	free(f);
	return 0;
}

static void compute(struct zi_score *s)
{
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = zi_score_compute(s, &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	zi_diag_release(&d);
}

/* The text holds the line (or lines) want, whole. */
static void has(const char *text, const char *want)
{
	if (!strstr(text, want)) {
		fprintf(stderr, "not found:\n%s\nin:\n%s\n", want, text);
		fail();
	}
}

static void test_text_summary(void **state)
{
	struct fixture *f = *state;
	compute(&f->s);
	struct zi_buf b;
	zi_buf_init(&b);
	zi_score_text(&f->s, 0, &b);
	assert_true(!strncmp(b.data, "unit u1, year 2026, layer auto, model lke-2026\n", 47));
	has(b.data, "  total                                          93.45 / 100.00\n");
	has(b.data, "    Penguatan Pengawasan                         10.70 /  15.00   71.4%\n");
	has(b.data, "answered 126 of 127\n");
	/* what is missing is named, with the record that would give it */
	has(b.data, "unanswered (1): 110\n  soal 110: no complaints.csv\n");
	has(b.data, "derived from the records (1):\n"
		    "  soal 113 = 7: staff/u1.csv: 7 on the roster\n");
	/* every failed criterion, the area with its value and minimum */
	has(b.data, "WBK: eligible\n"
		    "WBBM: not eligible\n"
		    "  area Penguatan Pengawasan: 10.70, minimum 11.25\n"
		    "  prior-predicate: holds no predicate, needs WBK\n");
	assert_null(strstr(b.data, "derivation:"));
	assert_null(strstr(b.data, "every unanswered question at 0"));
	zi_buf_release(&b);
}

static void test_text_derivation(void **state)
{
	struct fixture *f = *state;
	compute(&f->s);
	struct zi_buf b;
	zi_buf_init(&b);
	zi_score_text(&f->s, 1, &b);
	has(b.data, "total with every unanswered question at 0: 93.45\n\n"
		    "derivation:\n"
		    "A. PENGUNGKIT: 53.45 / 60 = sum of 2 parts\n"
		    "  I. PEMENUHAN: 29.75 / 30 = sum of 6 parts\n");
	/* a mean with each answer, whose it is, and what it scores */
	has(b.data, "      i. Penyusunan Tim Kerja: 0.25 / 0.5 = mean 0.5 of 2 x weight 0.5\n"
		    "        soal 1 (YA_TIDAK): Ya [unit] -> 1\n"
		    "        soal 2 (ABC): C [tpi] -> 0\n");
	/* an unanswered count: skipped by the mean, its formula has no value */
	has(b.data, "      ii. Penanganan Pengaduan Masyarakat: 0.00 / 3 = mean 0 of 0 answered "
		    "(of 1) x weight 3\n"
		    "        soal 110 (JUMLAH): unanswered [no complaints.csv] -> input of a "
		    "formula\n");
	has(b.data,
	    "        Pengaduan masyarakat yang selesai ditindaklanjuti = 112 / 110 = 10 / 0 "
	    "-> unanswered (an input is unanswered)\n");
	/* a derived count, a ratio over a sum, a decrease, one not scored */
	has(b.data, "          soal 113 (JUMLAH): 7 [derived: staff/u1.csv: 7 on the roster] -> "
		    "input of a formula\n");
	has(b.data, "          Kepatuhan penyampaian LHKPN = 116 / 113+114+115 = 10 / 27 -> "
		    "0.37037\n");
	has(b.data,
	    "        Penurunan pelanggaran disiplin pegawai = (102 - 103) / 102 = (10 - 10) "
	    "/ 10 -> 0\n");
	has(b.data, "        soal 104 (JUMLAH): 10 [unit] (not scored: ");
	/* a weighted node: value x weight */
	has(b.data, "  I. BIROKRASI YANG BERSIH DAN AKUNTABEL: 22.50 / 22.5 = sum of value x "
		    "weight\n"
		    "    soal 125 (0-4): 4 [tpi] -> 1 x 17.5 = 17.50\n");
	zi_buf_release(&b);
}

/* The zero-denominator policy and the cap are said where they gave the
 * value. */
static void test_text_policies(void **state)
{
	struct fixture *f = *state;
	struct zi_score *s = &f->s;
	zi_score_set_answer(s, qidx(f->m, 89), "12", ZI_V_UNIT);
	zi_score_set_answer(s, qidx(f->m, 90), "0", ZI_V_UNIT);
	zi_score_set_answer(s, qidx(f->m, 91), "0", ZI_V_UNIT);
	compute(s);
	struct zi_buf b;
	zi_buf_init(&b);
	zi_score_text(s, 1, &b);
	has(b.data, " = 89 / 88 = 12 / 10 -> 1 (capped at 1)\n");
	has(b.data, " = 91 / 90 = 0 / 0 -> 1 (zero denominator: the model's policy)\n");
	zi_buf_release(&b);
}

static json_t *get(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (!v) {
		fprintf(stderr, "no key %s\n", k);
		fail();
	}
	return v;
}

static void test_json_summary(void **state)
{
	struct fixture *f = *state;
	compute(&f->s);
	json_t *o = zi_score_json(&f->s, 0);
	assert_str(json_string_value(get(o, "unit")), "u1");
	assert_str(json_string_value(get(o, "layer")), "auto");
	assert_str(json_string_value(get(o, "model")), "lke-2026");
	assert_float_equal(json_number_value(get(o, "total")), 93.453704, 1e-9);
	assert_int_equal(json_integer_value(get(o, "answered")), 126);
	assert_int_equal(json_integer_value(get(o, "questions")), 127);
	json_t *unans = get(o, "unanswered");
	assert_int_equal(json_array_size(unans), 1);
	assert_int_equal(json_integer_value(json_array_get(unans, 0)), 110);
	json_t *miss = json_array_get(get(o, "missing_records"), 0);
	assert_int_equal(json_integer_value(get(miss, "soal_id")), 110);
	assert_str(json_string_value(get(miss, "why")), "no complaints.csv");
	json_t *der = json_array_get(get(o, "derived"), 0);
	assert_int_equal(json_integer_value(get(der, "soal_id")), 113);
	assert_float_equal(json_number_value(get(der, "value")), 7, 0);
	assert_str(json_string_value(get(der, "from")), "staff/u1.csv: 7 on the roster");
	json_t *areas = get(o, "areas");
	assert_int_equal(json_array_size(areas), 6);
	json_t *verdict = get(o, "verdict");
	assert_true(json_is_true(get(get(verdict, "WBK"), "eligible")));
	json_t *wbbm = get(verdict, "WBBM");
	assert_true(json_is_false(get(wbbm, "eligible")));
	json_t *failed = get(wbbm, "failed");
	assert_int_equal(json_array_size(failed), 2);
	json_t *area = json_array_get(failed, 0);
	assert_str(json_string_value(get(area, "criterion")), "area");
	assert_str(json_string_value(get(area, "name")), "Penguatan Pengawasan");
	assert_float_equal(json_number_value(get(area, "value")), 10.703704, 1e-9);
	assert_float_equal(json_number_value(get(area, "min")), 11.25, 1e-9);
	/* the predicate the unit holds: none is null, never "" */
	json_t *prior = json_array_get(failed, 1);
	assert_str(json_string_value(get(prior, "criterion")), "prior-predicate");
	assert_true(json_is_null(get(prior, "value")));
	assert_str(json_string_value(get(prior, "min")), "WBK");
	assert_null(json_object_get(o, "tree"));
	assert_null(json_object_get(o, "total_unanswered_zero"));
	json_decref(o);
}

/* The question of soal id in the explained tree, or NULL. */
static json_t *find_question(json_t *node, long id)
{
	json_t *qs = json_object_get(node, "questions"), *cs = json_object_get(node, "children");
	for (size_t i = 0; i < json_array_size(qs); i++)
		if (json_integer_value(json_object_get(json_array_get(qs, i), "soal_id")) == id)
			return json_array_get(qs, i);
	for (size_t i = 0; i < json_array_size(cs); i++) {
		json_t *q = find_question(json_array_get(cs, i), id);
		if (q)
			return q;
	}
	return NULL;
}

static void test_json_tree(void **state)
{
	struct fixture *f = *state;
	compute(&f->s);
	json_t *o = zi_score_json(&f->s, 1);
	assert_float_equal(json_number_value(get(o, "total_unanswered_zero")), 93.453704, 1e-9);
	json_t *tree = get(o, "tree");
	assert_int_equal(json_array_size(tree), 2);
	json_t *root = json_array_get(tree, 0);
	assert_str(json_string_value(get(root, "name")), "A. PENGUNGKIT");
	assert_str(json_string_value(get(root, "rollup")), "sum");
	assert_float_equal(json_number_value(get(root, "max")), 60, 0);
	json_t *q2 = find_question(root, 2);
	assert_non_null(q2);
	assert_str(json_string_value(get(q2, "answer")), "C");
	assert_str(json_string_value(get(q2, "source")), "tpi");
	assert_float_equal(json_number_value(get(q2, "score")), 0, 0);
	json_t *q110 = find_question(root, 110);
	assert_non_null(q110);
	assert_true(json_is_null(get(q110, "answer")));
	assert_true(json_is_null(get(q110, "source")));
	assert_str(json_string_value(get(q110, "missing_record")), "no complaints.csv");
	json_t *q113 = find_question(root, 113);
	assert_str(json_string_value(get(q113, "source")), "derived");
	assert_str(json_string_value(get(q113, "derived_from")), "staff/u1.csv: 7 on the roster");
	json_t *q104 = find_question(root, 104);
	assert_true(json_is_false(get(q104, "scored")));
	assert_null(json_object_get(q104, "score"));
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_derivation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_policies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_tree, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
