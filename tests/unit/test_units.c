/* lib/units: the stage rules of issue 2 (forward one step; back to pembangunan
 * after a failed evaluation; penetapan needs a predicate; WBBM only with WBK;
 * a new cycle after WBK), unit ids, lookup, the roster on a date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store.h"
#include "units.h"
#include "zitest.h"

static void allowed(const char *from, const char *held, const char *to, const char *pred)
{
	char why[256] = "";
	zt_case_int(zi_stage_check(from, held, to, pred, why, sizeof(why)), 0,
		    "%s (%s) -> %s [%s] refused: %s", from, held, to, pred ? pred : "", why);
}

/* Refused; returns the reason (static buffer) for further checks. */
static const char *refused(const char *from, const char *held, const char *to, const char *pred)
{
	static char why[256];
	why[0] = 0;
	zt_case_int(zi_stage_check(from, held, to, pred, why, sizeof(why)), -1,
		    "%s (%s) -> %s [%s] allowed", from, held, to, pred ? pred : "");
	zt_case_true(strlen(why) > 0, "%s (%s) -> %s: no reason", from, held, to);
	return why;
}

static void test_stage_names(void **state)
{
	(void)state;
	static const char *const names[] = {"calon",	     "pencanangan", "pembangunan",
					    "penilaian-tpi", "pengusulan",  "evaluasi-tpn",
					    "penetapan"};
	assert_int_equal(ZI_STAGE_COUNT, 7);
	for (int i = 0; i < ZI_STAGE_COUNT; i++) {
		assert_str(zi_stage_names[i], names[i]);
		assert_int_equal(zi_stage_parse(names[i]), i);
	}
	assert_int_equal(zi_stage_parse("Penilaian-TPI"), ZI_STAGE_PENILAIAN_TPI);
	assert_int_equal(zi_stage_parse("PENETAPAN"), ZI_STAGE_PENETAPAN);
	assert_int_equal(zi_stage_parse("penilaian"), -1);
	assert_int_equal(zi_stage_parse(""), -1);
}

/* Stage moves of issue 2: from a stage (holding a predicate) to another,
 * with the predicate given; allowed or refused, and a word the reason for a
 * refusal must contain. */
static const struct move {
	const char *from, *held, *to, *pred;
	int ok;
	const char *says;
} moves[] = {
	/* forward one step */
	{"calon", "", "pencanangan", NULL, 1, NULL},
	{"pencanangan", "", "pembangunan", NULL, 1, NULL},
	{"pembangunan", "", "penilaian-tpi", NULL, 1, NULL},
	{"penilaian-tpi", "", "pengusulan", NULL, 1, NULL},
	{"pengusulan", "", "evaluasi-tpn", NULL, 1, NULL},
	{"evaluasi-tpn", "", "penetapan", "WBK", 1, NULL},
	/* an empty predicate counts as none */
	{"calon", "", "pencanangan", "", 1, NULL},
	/* stage names in any case */
	{"Calon", "", "PENCANANGAN", NULL, 1, NULL},
	/* an empty current stage is a new unit: calon */
	{"", "", "pencanangan", NULL, 1, NULL},
	/* no skipping: the reason says what comes next */
	{"calon", "", "pembangunan", NULL, 0, "pencanangan"},
	{"calon", "", "penetapan", "WBK", 0, NULL},
	{"pencanangan", "", "penilaian-tpi", NULL, 0, NULL},
	{"pembangunan", "", "evaluasi-tpn", NULL, 0, NULL},
	{"penilaian-tpi", "", "evaluasi-tpn", NULL, 0, NULL},
	{"pengusulan", "", "penetapan", "WBK", 0, NULL},
	/* backwards, except to pembangunan after an evaluation */
	{"pencanangan", "", "calon", NULL, 0, NULL},
	{"pembangunan", "", "pencanangan", NULL, 0, NULL},
	{"pengusulan", "", "penilaian-tpi", NULL, 0, NULL},
	{"evaluasi-tpn", "", "pengusulan", NULL, 0, NULL},
	{"evaluasi-tpn", "", "penilaian-tpi", NULL, 0, NULL},
	{"evaluasi-tpn", "", "calon", NULL, 0, NULL},
	/* standing still is no move */
	{"pembangunan", "", "pembangunan", NULL, 0, NULL},
	{"calon", "", "calon", NULL, 0, NULL},
	/* an unknown stage */
	{"calon", "", "selesai", NULL, 0, "selesai"},
	/* back to pembangunan after a failed evaluation at any of the three
	 * evaluation stages, also in a WBBM cycle of a unit holding WBK */
	{"penilaian-tpi", "", "pembangunan", NULL, 1, NULL},
	{"pengusulan", "", "pembangunan", NULL, 1, NULL},
	{"evaluasi-tpn", "", "pembangunan", NULL, 1, NULL},
	{"evaluasi-tpn", "WBK", "pembangunan", NULL, 1, NULL},
	/* but not from before */
	{"calon", "", "pembangunan", NULL, 0, NULL},
	/* penetapan needs a predicate */
	{"evaluasi-tpn", "", "penetapan", NULL, 0, "predicate"},
	{"evaluasi-tpn", "", "penetapan", "", 0, NULL},
	{"evaluasi-tpn", "", "penetapan", "WBX", 0, NULL},
	{"evaluasi-tpn", "", "penetapan", "WBK", 1, NULL},
	/* a predicate anywhere else is a mistake */
	{"calon", "", "pencanangan", "WBK", 0, NULL},
	{"penilaian-tpi", "", "pembangunan", "WBK", 0, NULL},
	{"penetapan", "WBK", "pembangunan", "WBBM", 0, NULL},
	/* WBBM only for a unit holding WBK, which may be confirmed WBK again */
	{"evaluasi-tpn", "", "penetapan", "WBBM", 0, "WBK"},
	{"evaluasi-tpn", "WBK", "penetapan", "WBBM", 1, NULL},
	{"evaluasi-tpn", "WBK", "penetapan", "WBK", 1, NULL},
	/* a new cycle after WBK; not for a unit without WBK, nor after WBBM
	 * (the end of the road) */
	{"penetapan", "WBK", "pembangunan", NULL, 1, NULL},
	{"penetapan", "", "pembangunan", NULL, 0, NULL},
	{"penetapan", "WBBM", "pembangunan", NULL, 0, NULL},
	/* after penetapan nothing else follows */
	{"penetapan", "WBK", "calon", NULL, 0, NULL},
	{"penetapan", "WBK", "pencanangan", NULL, 0, NULL},
	{"penetapan", "WBK", "penilaian-tpi", NULL, 0, NULL},
	{"penetapan", "WBK", "penetapan", "WBBM", 0, NULL},
};

static void test_stage_moves(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(moves) / sizeof(*moves); i++) {
		const struct move *c = &moves[i];
		if (c->ok) {
			allowed(c->from, c->held, c->to, c->pred);
			continue;
		}
		const char *why = refused(c->from, c->held, c->to, c->pred);
		if (c->says)
			zt_case_true(strstr(why, c->says), "%s -> %s: the reason names %s", c->from,
				     c->to, c->says);
	}
}

static void test_whole_life_cycle(void **state)
{
	(void)state;
	/* calon to WBK, a failed TPI evaluation on the way, then a new cycle to WBBM */
	const char *steps[][4] = {
		{"calon", "", "pencanangan", ""},
		{"pencanangan", "", "pembangunan", ""},
		{"pembangunan", "", "penilaian-tpi", ""},
		{"penilaian-tpi", "", "pembangunan", ""},
		{"pembangunan", "", "penilaian-tpi", ""},
		{"penilaian-tpi", "", "pengusulan", ""},
		{"pengusulan", "", "evaluasi-tpn", ""},
		{"evaluasi-tpn", "", "penetapan", "WBK"},
		{"penetapan", "WBK", "pembangunan", ""},
		{"pembangunan", "WBK", "penilaian-tpi", ""},
		{"penilaian-tpi", "WBK", "pengusulan", ""},
		{"pengusulan", "WBK", "evaluasi-tpn", ""},
		{"evaluasi-tpn", "WBK", "penetapan", "WBBM"},
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++)
		allowed(steps[i][0], steps[i][1], steps[i][2], steps[i][3]);
}

static void test_reason_fits_small_buffer(void **state)
{
	(void)state;
	char why[8];
	memset(why, 'x', sizeof(why));
	assert_int_equal(zi_stage_check("calon", "", "penetapan", NULL, why, sizeof(why)), -1);
	assert_non_null(memchr(why, 0, sizeof(why)));
}

static void test_unit_id_check(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_unit_id_check("dinkes", &d), 0);
	assert_int_equal(d.n, 0);
	const char *bad[] = {"../x",
			     "a/b",
			     "",
			     "Dinkes",
			     "-x",
			     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		zi_diag_release(&d);
		assert_int_equal(zi_unit_id_check(bad[i], &d), ZI_EUSAGE);
		assert_non_null(zt_diag_find(&d, "id-not-slug", 0));
	}
	zi_diag_release(&d);
	char *p = zi_unit_file("staff", "dinkes", ".csv");
	assert_str(p, "staff/dinkes.csv");
	free(p);
}

/* A units table of n units {id, parent}, each named x, calon, not retired,
 * sorted; its schema to free. */
static struct zi_schema *units_table(struct zi_table *t, const char *const (*units)[2], size_t n,
				     struct zi_diag *d)
{
	struct zi_schema *s = zi_schema_get("units", d);
	assert_non_null(s);
	zi_table_init(t, s);
	for (size_t i = 0; i < n; i++) {
		const char *v[13] = {units[i][0], "x", "", units[i][1], "", "",	    "false",
				     "calon",	  "",  "", "",		"", "false"};
		zi_table_add(t, v, 0);
	}
	zi_table_sort(t);
	return s;
}

static void test_unit_find(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_table t;
	const char *const units[][2] = {{"rsud", ""}, {"bappeda", ""}, {"dinkes", ""}};
	struct zi_schema *s = units_table(&t, units, 3, &d);
	long r = zi_unit_find(&t, "dinkes", &d);
	assert_true(r >= 0);
	assert_str(zi_table_get(&t, (size_t)r, ZI_U_ID), "dinkes");
	assert_int_equal(d.n, 0);
	assert_int_equal(zi_unit_find(&t, "dinsos", &d), -1);
	const struct zi_diag_entry *e = zt_diag_find(&d, "unit-unknown", 0);
	assert_non_null(e);
	assert_non_null(strstr(e->message, "dinsos"));
	assert_int_equal(zi_unit_find(&t, "dinsos", NULL), -1); /* no diagnostics wanted */
	zi_table_release(&t);
	zi_schema_free(s);
	zi_diag_release(&d);
}

/* A parent: none, itself, unknown, one below the unit (a circle), fine. */
static void test_unit_parent_check(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_table t;
	/* dinas > bidang > seksi */
	const char *const units[][2] = {{"dinas", ""}, {"bidang", "dinas"}, {"seksi", "bidang"}};
	struct zi_schema *s = units_table(&t, units, 3, &d);
	assert_int_equal(zi_unit_parent_check(&t, "dinas", "", &d), 0);
	assert_int_equal(zi_unit_parent_check(&t, "baru", "seksi", &d), 0);
	assert_int_equal(zi_unit_parent_check(&t, "bidang", "dinas", &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(zi_unit_parent_check(&t, "dinas", "dinas", &d), ZI_EDATA);
	assert_int_equal(zt_diag_count(&d, "parent-self"), 1);
	assert_int_equal(zi_unit_parent_check(&t, "baru", "nope", &d), ZI_EDATA);
	assert_int_equal(zt_diag_count(&d, "unit-unknown"), 1);
	assert_int_equal(zi_unit_parent_check(&t, "dinas", "seksi", &d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&d, "parent-cycle", 0);
	assert_non_null(e);
	assert_str(e->field, "parent");
	assert_str(e->message,
		   "'seksi' is below 'dinas' already: the parents would go round in a circle");
	zi_table_release(&t);
	zi_schema_free(s);
	zi_diag_release(&d);
}

/* A unit may be used when it exists and, for a write, is not retired: on a
 * loaded table (zi_unit_live) and from the records (zi_unit_require). */
static void test_unit_live_and_require(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	static const struct zt_file files[] = {
		{"units.csv", ZT_UNITS_HEADER "bappeda,B,,,badan,WBK,false,calon,,,,,true\n"
					      "dinkes,D,,,dinas,WBK,false,calon,,,,,false\n"},
	};
	char *top, *rec = zt_records(&top, files, ZT_NFILES(files), &d);
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, rec, &d), 0);
	assert_int_equal(zi_unit_require(&st, "dinkes", 1, &d), 0);
	assert_int_equal(zi_unit_require(&st, "bappeda", 0, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(zi_unit_require(&st, "bappeda", 1, &d), ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "unit-retired", 0));
	assert_int_equal(zi_unit_require(&st, "dinsos", 0, &d), ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "unit-unknown", 0));
	assert_int_equal(zi_unit_require(&st, "../x", 0, &d), ZI_EUSAGE);
	/* on a loaded table: the reason as text, and the live ones listed */
	struct zi_schema *s = zi_schema_get("units", &d);
	struct zi_table t;
	zi_table_init(&t, s);
	assert_int_equal(zi_store_load(&st, "units.csv", &t, &d), 0);
	char why[200];
	const char *code = NULL;
	assert_int_equal(zi_unit_live(&t, "bappeda", 1, why, sizeof(why), &code), -1);
	assert_str(code, "unit-retired");
	assert_str(why, "unit 'bappeda' is retired");
	assert_int_equal(zi_unit_live(&t, "dinkes", 1, why, sizeof(why), &code), 1);
	const char *ids[3];
	assert_int_equal(zi_units_live(&t, ids), 1);
	assert_str(ids[0], "dinkes");
	zi_table_release(&t);
	zi_schema_free(s);
	zi_store_close(&st);
	zt_records_free(top, rec);
	zi_diag_release(&d);
}

static void test_staff_on_roster(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *s = zi_schema_get("staff", &d);
	assert_non_null(s);
	struct zi_table t;
	zi_table_init(&t, s);
	const char *rows[][8] = {
		{"198503152010011001", "Serving", "", "", "", "false", "2021-06-01", ""},
		{"198703222011012002", "Left", "", "", "", "false", "2020-01-01", "2024-03-01"},
		{"199001012015031001", "Always", "", "", "", "false", "", ""},
		{"199101012016031001", "Ended, no start", "", "", "", "false", "", "2022-01-01"},
	};
	for (size_t i = 0; i < 4; i++)
		zi_table_add(&t, rows[i], 0);
	/* start is the first day on the roster */
	assert_false(zi_staff_on_roster(&t, 0, "2021-05-31"));
	assert_true(zi_staff_on_roster(&t, 0, "2021-06-01"));
	assert_true(zi_staff_on_roster(&t, 0, "2026-11-22"));
	/* end is the first day off it */
	assert_true(zi_staff_on_roster(&t, 1, "2024-02-29"));
	assert_false(zi_staff_on_roster(&t, 1, "2024-03-01"));
	assert_false(zi_staff_on_roster(&t, 1, "2019-12-31"));
	assert_true(zi_staff_on_roster(&t, 2, "1990-01-01"));
	assert_true(zi_staff_on_roster(&t, 3, "2021-12-31"));
	assert_false(zi_staff_on_roster(&t, 3, "2022-01-01"));
	zi_table_release(&t);
	zi_schema_free(s);
	zi_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_names),
		cmocka_unit_test(test_unit_parent_check),
		cmocka_unit_test(test_stage_moves),
		cmocka_unit_test(test_whole_life_cycle),
		cmocka_unit_test(test_reason_fits_small_buffer),
		cmocka_unit_test(test_unit_id_check),
		cmocka_unit_test(test_unit_find),
		cmocka_unit_test(test_unit_live_and_require),
		cmocka_unit_test(test_staff_on_roster),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
