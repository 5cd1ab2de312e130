/* lib/unit_import: the stage-change helpers zi-unit shares, and the import
 * hooks of units (parents: itself, unknown, a circle, a rejected parent) and
 * of stage histories (an unknown or retired unit, a valid plan), run on a
 * small records directory the way zi_cli_import runs them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>

#include "prereq.h"
#include "records.h"
#include "unit_import.h"
#include "zitest.h"

static const struct zt_file files[] = {
	{"units.csv", ZT_UNITS_HEADER "dkk,Dinas B,,,dinas,WBK,false,calon,2026-11-22,,,,false\n"
				      "old,Dinas C,,,dinas,WBK,false,calon,2026-11-22,,,,true\n"},
	{"stages.csv", ZT_STAGES_HEADER "dkk,2026-11-22,calon,,,\n"
					"old,2026-11-22,calon,,,\n"},
};

static int setup(void **state)
{
	*state = zt_fx_new(files, ZT_NFILES(files), 0);
	return 0;
}

static int teardown(void **state)
{
	zt_fx_free(*state);
	return 0;
}

static void test_one_change(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *s = zi_schema_get("stages", &d);
	assert_non_null(s);
	struct zi_table one;
	size_t at = zi_stage_one_change(&one, s, "dkk", "2026-12-01", "pencanangan", "SK 1", NULL,
					NULL);
	assert_int_equal(one.n, 1);
	assert_str(zi_table_get(&one, at, ZI_ST_UNIT), "dkk");
	assert_str(zi_table_get(&one, at, ZI_ST_DATE), "2026-12-01");
	assert_str(zi_table_get(&one, at, ZI_ST_STAGE), "pencanangan");
	assert_str(zi_table_get(&one, at, ZI_ST_REF), "SK 1");
	assert_str(zi_table_get(&one, at, ZI_ST_NOTE), "");
	assert_str(zi_table_get(&one, at, ZI_ST_PREDICATE), "");
	zi_table_release(&one);
	zi_schema_free(s);
	zi_diag_release(&d);
}

static void unit_row(struct zi_table *t, const char *id, const char *parent, const char *stage,
		     unsigned long line)
{
	const char *row[ZI_U_RETIRED + 2] = {id,      "N",   "",	   parent, "dinas", "WBK",
					     "false", stage, "2026-01-01", "",	   "",	    "",
					     "false", ""};
	zi_table_add(t, row, line);
}

static void test_without_history(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *us = zi_schema_get("units", &d), *ss = zi_schema_get("stages", &d);
	struct zi_table units, stages;
	zi_table_init(&units, us);
	zi_table_init(&stages, ss);
	unit_row(&units, "a", "", "pembangunan", 2);
	unit_row(&units, "b", "", "calon", 3);
	unit_row(&units, "c", "", "pembangunan", 4);
	const char *st[ZI_ST_NFIELDS] = {"c", "2026-01-01", "calon", "", "", ""};
	zi_table_add(&stages, st, 2);
	char why[400];
	assert_int_equal(zi_unit_without_history(&units, 0, &stages, why, sizeof(why)), 1);
	assert_non_null(
		strstr(why, "unit a has no stage history while units.csv says pembangunan"));
	assert_int_equal(zi_unit_without_history(&units, 1, &stages, why, sizeof(why)), 0);
	assert_int_equal(zi_unit_without_history(&units, 2, &stages, why, sizeof(why)), 0);
	zi_table_release(&units);
	zi_table_release(&stages);
	zi_schema_free(us);
	zi_schema_free(ss);
	zi_diag_release(&d);
}

/* The parent rules, in the order zi_cli_import calls the check hook. */
static void test_units_parents(void **state)
{
	struct zt_fx *f = *state;
	struct zi_units_import iu;
	assert_int_equal(zi_units_import_init(&iu, &f->st, "in.csv", "2026-12-06", &f->d), 0);
	unit_row(&iu.job.existing, "dkk", "", "calon", 2);
	struct zi_import im;
	zi_import_init(&im, iu.job.schema);
	im.file = "in.csv";
	unit_row(&im.rows, "x", "x", "", 2); /* itself */
	unit_row(&im.rows, "y", "nope", "", 3); /* unknown */
	unit_row(&im.rows, "p", "q", "", 4); /* p and q: a circle */
	unit_row(&im.rows, "q", "p", "", 5);
	unit_row(&im.rows, "z", "dkk", "", 6); /* fine: a unit of the records */
	unit_row(&im.rows, "w", "z", "", 7); /* fine: a unit of the file */
	im.dropped = zi_xcalloc(im.rows.n + 1, 1);
	for (size_t r = 0; r < im.rows.n; r++)
		iu.job.check(iu.job.ctx, &im, r, &f->d);
	assert_int_equal(zt_diag_count(&f->d, "parent-self"), 1);
	assert_int_equal(zt_diag_count(&f->d, "unit-unknown"), 1);
	assert_int_equal(zt_diag_count(&f->d, "parent-cycle"), 1);
	assert_int_equal(zt_diag_count(&f->d, "parent-rejected"), 1);
	assert_int_equal(im.bad_rows, 4);
	assert_false(im.dropped[4]);
	assert_false(im.dropped[5]);
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "unit-unknown", 0);
	assert_int_equal(e->line, 3);
	assert_str(e->field, "parent");
	assert_str(e->message, "no unit 'nope' in the records or in this file");
	zi_import_release(&im);
	zi_units_import_release(&iu);
}

static void moved(void *ctx, const char *unit, const struct zi_stage_moved *mv)
{
	(void)unit;
	(void)mv;
	(*(int *)ctx)++;
}

/* Each unit's rows are planned together; an unknown or retired unit's rows
 * all fail. */
static void test_stages_check(void **state)
{
	struct zt_fx *f = *state;
	struct zi_stages_import is;
	assert_int_equal(zi_stages_import_init(&is, &f->st, "st.csv", &f->d), 0);
	int told = 0;
	is.on_moved = moved;
	is.on_moved_ctx = &told;
	assert_int_equal(zi_records_load(&f->st, "stages", NULL, &is.job.existing, &f->d), 0);
	struct zi_import im;
	zi_import_init(&im, is.job.schema);
	im.file = "st.csv";
	const char *rows[][ZI_ST_NFIELDS] = {
		{"dkk", "2026-11-25", "pencanangan", "SK 1", "", ""},
		{"nope", "2026-11-25", "pencanangan", "", "", ""},
		{"old", "2026-11-25", "pencanangan", "", "", ""},
		{"dkk", "2026-12-01", "pembangunan", "", "", ""},
		{"nope", "2026-12-01", "pembangunan", "", "", ""},
	};
	for (size_t k = 0; k < 5; k++)
		zi_table_add(&im.rows, rows[k], k + 2);
	im.dropped = zi_xcalloc(im.rows.n + 1, 1);
	for (size_t r = 0; r < im.rows.n; r++)
		is.job.check(is.job.ctx, &im, r, &f->d);
	assert_int_equal(zt_diag_count(&f->d, "unit-unknown"), 2);
	assert_int_equal(zt_diag_count(&f->d, "unit-retired"), 1);
	assert_int_equal(im.bad_rows, 3);
	assert_int_equal(is.nplans, 1);
	assert_str(is.unit[0], "dkk");
	assert_int_equal(is.plan[0].n, 3);
	assert_int_equal(told, 0);
	zi_import_release(&im);
	zi_stages_import_release(&is);
}

/* staff: an end before the start; the duty columns missing; replace ends
 * everyone on the roster who is not in the file. */
static void test_staff_hooks(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_staff_import is;
	assert_int_equal(zi_staff_import_init(&is, "s.csv", "staff/dkk.csv", 1, "2026-12-06", &d),
			 0);
	struct zi_import im;
	zi_import_init(&im, is.job.schema);
	im.file = "s.csv";
	const char *a[] = {"1", "A", "", "", "", "", "2026-01-01", "2025-01-01"};
	const char *b[] = {"2", "B", "", "", "", "", "2026-01-01", ""};
	zi_table_add(&im.rows, a, 2);
	zi_table_add(&im.rows, b, 3);
	im.dropped = zi_xcalloc(im.rows.n + 1, 1);
	is.job.prepare(is.job.ctx, &im, &d);
	assert_int_equal(zt_diag_count(&d, "duty-column-missing"), 2);
	for (size_t r = 0; r < im.rows.n; r++)
		is.job.check(is.job.ctx, &im, r, &d);
	assert_int_equal(zt_diag_count(&d, "date-order"), 1);
	assert_int_equal(zt_diag_find(&d, "date-order", 0)->line, 2);
	struct zi_table merged;
	zi_table_init(&merged, is.job.schema);
	const char *c[] = {"3", "C", "", "", "", "", "2020-01-01", ""};
	const char *e[] = {"4", "E", "", "", "", "", "2020-01-01", "2021-01-01"};
	zi_table_add(&merged, b, 0);
	zi_table_add(&merged, c, 0);
	zi_table_add(&merged, e, 0);
	zi_table_sort(&merged);
	zi_table_sort(&im.rows);
	struct zi_merge_counts counts = {0};
	assert_int_equal(is.job.finish(is.job.ctx, &merged, &im, &counts, &d), 1);
	assert_int_equal(is.ended, 1);
	long r = zi_table_find_value(&merged, ZI_S_NIP, "3", 0);
	assert_true(r >= 0);
	assert_str(zi_table_get(&merged, (size_t)r, ZI_S_END), "2026-12-06");
	r = zi_table_find_value(&merged, ZI_S_NIP, "2", 0);
	assert_str(zi_table_get(&merged, (size_t)r, ZI_S_END), "");
	zi_table_release(&merged);
	zi_import_release(&im);
	zi_staff_import_release(&is);
	zi_diag_release(&d);
}

/* facts: followed-up findings above the findings, and a unit not in
 * units.csv. */
static void test_facts_check(void **state)
{
	struct zt_fx *f = *state;
	assert_int_equal(zi_facts_tlhp_bad("3", "4"), 1);
	assert_int_equal(zi_facts_tlhp_bad("3", "3"), 0);
	assert_int_equal(zi_facts_tlhp_bad("", "4"), 0);
	assert_int_equal(zi_facts_tlhp_bad("3", ""), 0);
	struct zi_facts_import fi;
	assert_int_equal(zi_facts_import_init(&fi, &f->st, "unit-years", "y.csv", "unit-years.csv",
					      1, &f->d),
			 0);
	struct zi_import im;
	zi_import_init(&im, fi.job.schema);
	im.file = "y.csv";
	const char *a[] = {"dkk", "2026", "", "", "2", "5", "", ""};
	const char *b[] = {"nope", "2026", "", "", "", "", "", ""};
	const char *c[] = {"dkk", "2025", "", "", "5", "2", "", ""};
	zi_table_add(&im.rows, a, 2);
	zi_table_add(&im.rows, b, 3);
	zi_table_add(&im.rows, c, 4);
	im.present[ZI_Y_FINDINGS] = im.present[ZI_Y_FOLLOWED] = 1;
	im.dropped = zi_xcalloc(im.rows.n + 1, 1);
	for (size_t r = 0; r < im.rows.n; r++)
		fi.job.check(fi.job.ctx, &im, r, &f->d);
	assert_int_equal(zt_diag_count(&f->d, "tlhp-above-findings"), 1);
	assert_int_equal(zt_diag_find(&f->d, "tlhp-above-findings", 0)->line, 2);
	assert_int_equal(zt_diag_count(&f->d, "unit-unknown"), 1);
	assert_int_equal(zt_diag_find(&f->d, "unit-unknown", 0)->line, 3);
	assert_int_equal(im.bad_rows, 2);
	zi_import_release(&im);
	zi_facts_import_release(&fi);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_change),
		cmocka_unit_test(test_without_history),
		cmocka_unit_test_setup_teardown(test_units_parents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stages_check, setup, teardown),
		cmocka_unit_test(test_staff_hooks),
		cmocka_unit_test_setup_teardown(test_facts_check, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
