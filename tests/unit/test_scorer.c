/* lib/scorer: a unit scored from the records (lke/2026/UNIT.csv and what the
 * counts are derived from), through the public zi_scorer API. A worksheet
 * with every answer at its best scores 100, as the official workbook does;
 * counts left empty with no record to derive them from stay unanswered (the
 * sub-area scores 0, never the full marks that 0/0 would give); a unit with
 * no worksheet has nothing answered and no score near full marks. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>

#include "model.h"
#include "zitest.h"

static const struct zt_file files[] = {
	{"units.csv", ZT_UNITS_HEADER "dkk,Dinas B,,,dinas,WBK,false,calon,2026-01-10,,,,false\n"
				      "dpkp,Dinas A,,,dinas,WBK,false,calon,2026-01-10,,,,false\n"},
};

struct fx {
	char *top, *dir;
	struct zi_store st;
	struct zi_diag d;
	struct zi_model *m;
	struct zi_scorer *sc;
	struct zi_score s;
};

static void put(struct fx *f, const char *rel, const char *text)
{
	zt_put(f->dir, rel, text);
}

static int setup(void **state)
{
	setenv("ZI_TODAY", "2026-11-22", 1);
	struct fx *f = calloc(1, sizeof(*f));
	zi_diag_init(&f->d);
	f->dir = zt_records(&f->top, files, ZT_NFILES(files), &f->d);
	int rc = zi_model_load("lke-2026", &f->m, &f->d);
	zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	zi_score_init(&f->s, f->m);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	zi_score_release(&f->s);
	if (f->sc)
		zi_scorer_free(f->sc);
	zi_store_close(&f->st);
	zi_model_free(f->m);
	zi_diag_release(&f->d);
	zt_records_free(f->top, f->dir);
	free(f);
	return 0;
}

/* The answer at its best for question i (every choice its first, counts that
 * give full percentages, surveys at 4), as the workbook's full marks; "" for
 * the questions listed in blank (0-terminated soal ids). */
static const char *best(const struct zi_model *m, size_t i, const long *blank)
{
	const struct zi_question *q = &m->q[i];
	for (const long *b = blank; b && *b; b++)
		if (q->id == *b)
			return "";
	switch (q->id) {
	case 102:
		return "5"; /* violations fall from 5 to 0 */
	case 103:
		return "0";
	case 115:
		return "0";
	case 116:
		return "20"; /* LHKPN filed of 10 + 10 + 0 owed */
	case 120:
		return "30"; /* LHKASN filed of 10 + 10 + 10 owed */
	}
	if (q->kind == ZI_Q_CHOICE)
		return q->choices[0].key;
	if (q->kind == ZI_Q_SURVEY)
		return "4";
	return "10";
}

/* lke/2026/UNIT.csv with the best answers but for blank. */
static void put_answers(struct fx *f, const char *unit, const long *blank)
{
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, "soal_id,unit_answer,unit_note,unit_evidence,tpi_answer,tpi_note,"
			"tpn_answer\n");
	for (size_t i = 0; i < f->m->nq; i++)
		zi_buf_printf(&b, "%ld,%s,,,,,\n", f->m->q[i].id, best(f->m, i, blank));
	char *rel = zi_xasprintf("lke/2026/%s.csv", unit);
	put(f, rel, b.data);
	free(rel);
	zi_buf_release(&b);
}

static int score(struct fx *f, const char *unit)
{
	if (!f->sc) {
		assert_int_equal(zi_store_open(&f->st, f->dir, &f->d), 0);
		f->sc = zi_scorer_new(&f->st, f->m, 2026, &f->d);
		zt_diag_dump(&f->d);
		assert_non_null(f->sc);
	}
	return zi_scorer_unit(f->sc, unit, ZI_LAYER_UNIT, &f->s, &f->d);
}

static void test_best_answers_score_100(void **state)
{
	struct fx *f = *state;
	put_answers(f, "dpkp", NULL);
	int rc = score(f, "dpkp");
	zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	assert_str(f->s.unit, "dpkp");
	assert_int_equal(f->s.year, 2026);
	assert_int_equal(f->s.unanswered, 0);
	assert_int_equal(f->s.derived, 0); /* every count was given */
	assert_float_equal(f->s.total, 100.0, 1e-9);
	assert_float_equal(f->s.pengungkit, 60.0, 1e-9);
	assert_float_equal(f->s.hasil, 40.0, 1e-9);
	assert_float_equal(f->s.total_zero, 100.0, 1e-9);
}

/* One choice left blank: the workbook's AVERAGE skips it ("Blm Diisi"), so
 * the sub-area is the mean of the other; it is still unanswered, and the
 * total with it at 0 says what it would cost. */
static void test_blank_choice_is_unanswered(void **state)
{
	struct fx *f = *state;
	const long blank[] = {2, 0};
	put_answers(f, "dpkp", blank);
	assert_int_equal(score(f, "dpkp"), 0);
	assert_int_equal(f->s.unanswered, 1);
	assert_int_equal(f->s.answered, f->m->nq - 1);
	assert_float_equal(f->s.total_zero, 99.75, 1e-9);
	assert_true(f->s.total_zero < 100.0);
}

/* The complaint counts (110-112) left empty and no complaints.csv: nothing
 * to derive them from, so they stay unanswered (the sub-area of weight 3
 * scores 0), never the full marks of a 0/0 complaints ratio. */
static void test_complaints_without_records(void **state)
{
	struct fx *f = *state;
	const long blank[] = {110, 111, 112, 0};
	put_answers(f, "dpkp", blank);
	assert_int_equal(score(f, "dpkp"), 0);
	assert_int_equal(f->s.unanswered, 3);
	assert_float_equal(f->s.total, 97.0, 1e-9);
	assert_true(f->s.total < 100.0);
	long qi = zi_model_question(f->m, 110);
	assert_true(qi >= 0);
	assert_non_null(f->s.q[qi].why); /* which record is missing */
}

/* No worksheet at all: nothing answered, and no score near full marks. */
static void test_no_worksheet(void **state)
{
	struct fx *f = *state;
	put_answers(f, "dpkp", NULL);
	assert_int_equal(score(f, "dkk"), 0);
	/* only what the records give (a derived count or so), nothing from a
	 * worksheet */
	assert_int_equal(f->s.answered, f->s.derived);
	assert_int_equal(f->s.unanswered, f->m->nq - f->s.answered);
	assert_true(f->s.unanswered > 100);
	assert_true(f->s.total < 75.0); /* far from any predicate */
	/* the scorer goes on with the next unit as before */
	assert_int_equal(score(f, "dpkp"), 0);
	assert_float_equal(f->s.total, 100.0, 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_best_answers_score_100, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blank_choice_is_unanswered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_complaints_without_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_worksheet, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
