/* lib/declare: ids from unit and date, lists joined with " | ",
 * re-declarations, and the stage move of a first declaration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "declare.h"
#include "units.h"
#include "zitest.h"

static void test_lists(void **state)
{
	(void)state;
	struct zi_buf b;
	zi_buf_init(&b);
	zi_list_normalise(" Wali Kota |Sekda;  Inspektur\nDPRD ||", &b);
	assert_str(b.data, "Wali Kota | Sekda | Inspektur | DPRD");
	zi_list_normalise("", &b);
	assert_str(b.data, "");
	zi_buf_reset(&b);
	const char *v[] = {"A", "", "B, M.Si"};
	zi_list_join(v, 3, &b);
	assert_str(b.data, "A | B, M.Si");
	zi_buf_release(&b);
}

static void test_ids(void **state)
{
	(void)state;
	assert_int_equal(zi_declare_seq("dpkp-2022-07-25", "dpkp", "2022-07-25"), 1);
	assert_int_equal(zi_declare_seq("dpkp-2022-07-25-2", "dpkp", "2022-07-25"), 2);
	assert_int_equal(zi_declare_seq("dpkp-2022-07-25-12", "dpkp", "2022-07-25"), 12);
	assert_int_equal(zi_declare_seq("dpkp-2022-07-25-x", "dpkp", "2022-07-25"), 0);
	assert_int_equal(zi_declare_seq("other", "dpkp", "2022-07-25"), 0);
	char *id = zi_declare_make_id("dpkp", "2022-07-25", 1);
	assert_str(id, "dpkp-2022-07-25");
	free(id);
	id = zi_declare_make_id("dpkp", "2022-07-25", 3);
	assert_str(id, "dpkp-2022-07-25-3");
	free(id);
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *s = zi_schema_get("declarations", &d);
	assert_non_null(s);
	struct zi_table t;
	zi_table_init(&t, s);
	id = zi_declare_next_id(&t, NULL, "dpkp", "2022-07-25");
	assert_str(id, "dpkp-2022-07-25");
	const char *row[9] = {id, "dpkp", "2022-07-25", "", "", "", "", "", "false"};
	zi_table_add(&t, row, 0);
	free(id);
	id = zi_declare_next_id(&t, NULL, "dpkp", "2022-07-25");
	assert_str(id, "dpkp-2022-07-25-2");
	free(id);
	zi_table_release(&t);
	zi_schema_free(s);
	zi_diag_release(&d);
}

static void add(struct zi_table *t, const char *id, const char *unit, const char *date)
{
	const char *row[9] = {id, unit, date, "", "", "", "", "", "false"};
	zi_table_add(t, row, 0);
}

static void test_mark(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *s = zi_schema_get("declarations", &d);
	struct zi_table t;
	zi_table_init(&t, s);
	add(&t, "dpkp-2023-01-05", "dpkp", "2023-01-05");
	add(&t, "dpkp-2022-07-25-2", "dpkp", "2022-07-25");
	add(&t, "dpkp-2022-07-25", "dpkp", "2022-07-25");
	add(&t, "rsud-2024-02-01", "rsud", "2024-02-01");
	zi_table_sort(&t);
	assert_int_equal(zi_declare_mark(&t), 2);
	assert_int_equal(zi_declare_first(&t, "dpkp"),
			 zi_table_find_value(&t, ZI_D_ID, "dpkp-2022-07-25", 0));
	for (size_t r = 0; r < t.n; r++) {
		const char *id = zi_table_get(&t, r, ZI_D_ID);
		int first = !strcmp(id, "dpkp-2022-07-25") || !strcmp(id, "rsud-2024-02-01");
		assert_str(zi_table_get(&t, r, ZI_D_REDECLARATION), first ? "false" : "true");
	}
	assert_int_equal(zi_declare_mark(&t), 0);
	assert_int_equal(zi_declare_first(&t, "none"), -1);
	zi_table_release(&t);
	zi_schema_free(s);
	zi_diag_release(&d);
}

static void add_stage(struct zi_table *st, const char *unit, const char *date, const char *stage,
		      const char *ref)
{
	const char *row[ZI_ST_NFIELDS] = {unit, date, stage, ref, "", ""};
	zi_table_add(st, row, 0);
	zi_table_sort(st);
}

static void add_decl(struct zi_table *t, const char *id, const char *unit, const char *date)
{
	const char *row[9] = {id, unit, date, "", "", "", "", "", "false"};
	zi_table_add(t, row, 0);
	zi_table_sort(t);
}

static void test_move_stage(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *us = zi_schema_get("units", &d), *ss = zi_schema_get("stages", &d);
	struct zi_schema *ds = zi_schema_get("declarations", &d);
	struct zi_table u, st, dt;
	zi_table_init(&u, us);
	zi_table_init(&st, ss);
	zi_table_init(&dt, ds);
	const char *a[13] = {"dpkp",  "Dinas",	    "", "", "", "",	"false",
			     "calon", "2022-01-01", "", "", "", "false"};
	const char *b[13] = {"rsud",	    "RSUD",	  "", "", "", "",     "false",
			     "pembangunan", "2022-03-01", "", "", "", "false"};
	const char *c[13] = {"dinkes", "Dinkes",     "", "", "", "",	 "false",
			     "calon",  "2026-11-22", "", "", "", "false"};
	zi_table_add(&u, a, 0);
	zi_table_add(&u, b, 0);
	zi_table_add(&u, c, 0);
	add_stage(&st, "dpkp", "2022-01-01", "calon", "");
	add_stage(&st, "rsud", "2022-01-01", "calon", "");
	add_stage(&st, "rsud", "2022-02-01", "pencanangan", "SK 1");
	add_stage(&st, "rsud", "2022-03-01", "pembangunan", "SK 2");
	/* registered today, digitised later: a 2022 declaration */
	add_stage(&st, "dinkes", "2026-11-22", "calon", "");
	add_decl(&dt, "dpkp-2022-07-25", "dpkp", "2022-07-25");
	add_decl(&dt, "rsud-2022-07-25", "rsud", "2022-07-25");
	add_decl(&dt, "dinkes-2022-08-01", "dinkes", "2022-08-01");
	struct zi_stage_moved mv;
	struct zi_stage_fault f;
	assert_int_equal(zi_declare_move_stage(&u, 0, &dt, &st, &mv, &f), 1);
	assert_str(zi_table_get(&u, 0, ZI_U_STAGE), "pencanangan");
	assert_str(zi_table_get(&u, 0, ZI_U_STAGE_DATE), "2022-07-25");
	assert_str(mv.to, "");
	/* a pencanangan of its own (SK 1) stays */
	assert_int_equal(zi_declare_move_stage(&u, 1, &dt, &st, &mv, &f), 0);
	assert_str(zi_table_get(&u, 1, ZI_U_STAGE), "pembangunan");
	/* before the registration: it moves back */
	assert_int_equal(zi_declare_move_stage(&u, 2, &dt, &st, &mv, &f), 1);
	assert_str(mv.from, "2026-11-22");
	assert_str(mv.to, "2022-08-01");
	assert_str(zi_table_get(&u, 2, ZI_U_STAGE), "pencanangan");
	assert_int_equal(zi_declare_move_stage(&u, 2, &dt, &st, &mv, &f), 0);
	/* an older declaration entered later: the pencanangan follows it */
	add_decl(&dt, "dinkes-2021-05-03", "dinkes", "2021-05-03");
	assert_int_equal(zi_declare_move_stage(&u, 2, &dt, &st, &mv, &f), 1);
	assert_str(zi_table_get(&u, 2, ZI_U_STAGE_DATE), "2021-05-03");
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_int_equal(zi_table_write(&st, fp), 0);
	fclose(fp);
	assert_str(text, "unit,date,stage,ref,note,predicate\n"
			 "dinkes,2021-05-03,calon,,,\n"
			 "dinkes,2021-05-03,pencanangan,dinkes-2021-05-03,,\n"
			 "dpkp,2022-01-01,calon,,,\n"
			 "dpkp,2022-07-25,pencanangan,dpkp-2022-07-25,,\n"
			 "rsud,2022-01-01,calon,,,\n"
			 "rsud,2022-02-01,pencanangan,SK 1,,\n"
			 "rsud,2022-03-01,pembangunan,SK 2,,\n");
	free(text);
	zi_table_release(&u);
	zi_table_release(&st);
	zi_table_release(&dt);
	zi_schema_free(us);
	zi_schema_free(ss);
	zi_schema_free(ds);
	zi_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_mark),
		cmocka_unit_test(test_move_stage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
