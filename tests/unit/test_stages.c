/* lib/stages: the order of a history, the state on a date, the sequence
 * rules, and entering changes in any order (registration moved back, rows
 * between others, a plan refused with the row at fault). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "stages.h"
#include "zitest.h"

struct fx {
	struct zi_diag d;
	struct zi_schema *s;
	struct zi_table t;
};

static void add(struct zi_table *t, const char *unit, const char *date, const char *stage,
		const char *ref, const char *pred)
{
	const char *row[ZI_ST_NFIELDS] = {unit, date, stage, ref, "", pred};
	zi_table_add(t, row, 0);
}

static int setup(void **state)
{
	struct fx *f = zi_xcalloc(1, sizeof(*f));
	zi_diag_init(&f->d);
	f->s = zi_schema_get("stages", &f->d);
	zi_table_init(&f->t, f->s);
	/* two cycles: WBK in 2022, back to building toward WBBM in 2023 */
	add(&f->t, "a", "2020-01-02", "calon", "", "");
	add(&f->t, "a", "2020-01-02", "pencanangan", "SK 1", "");
	add(&f->t, "a", "2020-03-01", "pembangunan", "", "");
	add(&f->t, "a", "2021-06-01", "penilaian-tpi", "", "");
	add(&f->t, "a", "2022-05-20", "pengusulan", "", "");
	add(&f->t, "a", "2022-08-01", "evaluasi-tpn", "", "");
	add(&f->t, "a", "2022-12-09", "penetapan", "SK WBK", "WBK");
	add(&f->t, "a", "2023-01-02", "pembangunan", "", "");
	add(&f->t, "b", "2026-11-22", "calon", "", "");
	zi_table_sort(&f->t);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	zi_table_release(&f->t);
	zi_schema_free(f->s);
	zi_diag_release(&f->d);
	free(f);
	return 0;
}

static void test_order_and_state(void **state)
{
	struct fx *f = *state;
	size_t *h, n = zi_stage_history(&f->t, "a", &h);
	assert_int_equal(n, 8);
	/* one day's changes in stage order, not the key's alphabetical one */
	assert_str(zi_table_get(&f->t, h[0], ZI_ST_STAGE), "calon");
	assert_str(zi_table_get(&f->t, h[1], ZI_ST_STAGE), "pencanangan");
	free(h);
	struct zi_stage_state s;
	assert_int_equal(zi_stage_state_at(&f->t, "a", "2019-12-31", &s), 0);
	assert_null(s.stage);
	assert_int_equal(zi_stage_state_at(&f->t, "a", "2020-01-02", &s), 1);
	assert_str(s.stage, "pencanangan");
	assert_str(s.since, "2020-01-02");
	assert_int_equal(zi_stage_state_at(&f->t, "a", "2022-12-31", &s), 1);
	assert_str(s.stage, "penetapan");
	assert_str(s.predicate, "WBK");
	assert_str(s.predicate_ref, "SK WBK");
	/* a new cycle keeps the predicate */
	assert_int_equal(zi_stage_state_at(&f->t, "a", NULL, &s), 1);
	assert_str(s.stage, "pembangunan");
	assert_str(s.predicate, "WBK");
	assert_str(s.building, "2023-01-02");
	assert_int_equal(zi_stage_state_at(&f->t, "none", NULL, &s), 0);
	struct zi_stage_fault fl;
	assert_int_equal(zi_stage_history_check(&f->t, "a", &fl), 0);
}

static void test_check_faults(void **state)
{
	struct fx *f = *state;
	struct zi_stage_fault fl;
	/* a merge left pencanangan twice */
	add(&f->t, "a", "2020-01-03", "pencanangan", "SK 1b", "");
	zi_table_sort(&f->t);
	assert_int_equal(zi_stage_history_check(&f->t, "a", &fl), -1);
	assert_str(fl.code, "stage-duplicate");
	assert_str(fl.why, "pencanangan on 2020-01-03 after pencanangan on 2020-01-02: the unit is "
			   "already at stage pencanangan");
	/* no registration */
	add(&f->t, "c", "2021-01-01", "pencanangan", "", "");
	zi_table_sort(&f->t);
	assert_int_equal(zi_stage_history_check(&f->t, "c", &fl), -1);
	assert_str(fl.code, "stage-registration");
}

static int enter(struct fx *f, const char *unit, const char *date, const char *stage,
		 const char *pred, struct zi_stage_moved *mv, struct zi_stage_fault *fl)
{
	struct zi_table one;
	zi_table_init(&one, f->s);
	add(&one, unit, date, stage, "", pred);
	size_t at = 0;
	int rc = zi_stage_enter(&f->t, unit, &one, &at, 1, 0, mv, fl);
	zi_table_release(&one);
	return rc;
}

static void test_enter(void **state)
{
	struct fx *f = *state;
	struct zi_stage_moved mv;
	struct zi_stage_fault fl;
	/* b was registered today; its 2021 pencanangan moves that back */
	assert_int_equal(enter(f, "b", "2021-03-01", "pencanangan", "", &mv, &fl), 0);
	assert_str(mv.from, "2026-11-22");
	assert_str(mv.to, "2021-03-01");
	struct zi_stage_state s;
	zi_stage_state_at(&f->t, "b", NULL, &s);
	assert_str(s.stage, "pencanangan");
	assert_str(s.since, "2021-03-01");
	/* then its building, after the fact, and a registration further back */
	assert_int_equal(enter(f, "b", "2021-04-01", "pembangunan", "", &mv, &fl), 0);
	assert_int_equal(enter(f, "b", "2020-12-01", "calon", "", &mv, &fl), 0);
	assert_str(mv.to, "2020-12-01");
	size_t *h, n = zi_stage_history(&f->t, "b", &h);
	assert_int_equal(n, 3);
	assert_str(zi_table_get(&f->t, h[0], ZI_ST_DATE), "2020-12-01");
	free(h);
	/* a calon after the registration is refused; nothing changes */
	size_t before = f->t.n;
	assert_int_equal(enter(f, "b", "2021-02-01", "calon", "", &mv, &fl), ZI_EDATA);
	assert_str(fl.code, "stage-registration");
	assert_int_equal(f->t.n, before);
	/* in the middle of a's history: a second pembangunan in 2020 breaks it,
	 * and the entry is the row named */
	assert_int_equal(enter(f, "a", "2020-06-01", "pembangunan", "", &mv, &fl), ZI_EDATA);
	assert_int_equal(fl.entry, 0);
	assert_int_equal(fl.last, 0);
	assert_str(fl.why, "pembangunan on 2020-06-01 after pembangunan on 2020-03-01: the unit is "
			   "already at stage pembangunan");
	/* one before the one it follows: refused at the row already there */
	assert_int_equal(enter(f, "a", "2020-02-01", "pembangunan", "", &mv, &fl), ZI_EDATA);
	assert_int_equal(fl.entry, -1);
}

static void test_plan_between(void **state)
{
	struct fx *f = *state;
	/* a failed evaluation entered between rows already there: valid */
	struct zi_table in;
	zi_table_init(&in, f->s);
	add(&in, "a", "2021-09-01", "pembangunan", "gagal TPI", "");
	add(&in, "a", "2022-02-01", "penilaian-tpi", "", "");
	size_t idx[2] = {0, 1};
	struct zi_table plan;
	struct zi_stage_moved mv;
	struct zi_stage_fault fl;
	assert_int_equal(zi_stage_plan(&f->t, "a", &in, idx, 2, 0, &plan, &mv, &fl), 0);
	assert_int_equal(plan.n, 10);
	zi_stage_apply(&f->t, "a", &plan);
	zi_table_sort(&f->t);
	zi_table_release(&plan);
	struct zi_stage_state s;
	zi_stage_state_at(&f->t, "a", "2021-12-31", &s);
	assert_str(s.stage, "pembangunan");
	assert_str(s.building, "2021-09-01");
	/* a penetapan without its predicate, entered last: the entry is named */
	zi_table_release(&in);
	zi_table_init(&in, f->s);
	add(&in, "a", "2024-12-10", "penilaian-tpi", "", "");
	add(&in, "a", "2024-12-11", "pengusulan", "", "WBBM");
	assert_int_equal(zi_stage_plan(&f->t, "a", &in, idx, 2, 0, &plan, &mv, &fl), ZI_EDATA);
	assert_int_equal(fl.entry, 1);
	assert_int_equal(fl.last, 1);
	assert_str(fl.reason, "a predicate is given only at penetapan");
	zi_table_release(&plan);
	zi_table_release(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_order_and_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_between, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
