/* lib/merge: the three-way merge of a records file by primary key (git's
 * merge driver). Each test writes base, ours and theirs as people or another
 * office would (short headers, any row order) and reads what the merge
 * gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "merge.h"
#include "zitest.h"

#define UNITS_HEADER                                                                 \
	"id,name,short_name,parent,kind,target,afirmasi,stage,stage_date,predicate," \
	"predicate_date,predicate_ref,retired\n"

struct sides {
	char *dir, *base, *ours, *theirs;
};

static int setup(void **state)
{
	struct sides *s = zi_xcalloc(1, sizeof(*s));
	s->dir = zt_tmpdir();
	s->base = zi_xasprintf("%s/base.csv", s->dir);
	s->ours = zi_xasprintf("%s/ours.csv", s->dir);
	s->theirs = zi_xasprintf("%s/theirs.csv", s->dir);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct sides *s = *state;
	zt_rmtree(s->dir);
	free(s->dir);
	free(s->base);
	free(s->ours);
	free(s->theirs);
	free(s);
	return 0;
}

/* Writes the three sides and merges them as path; the result in out. */
static int merge(struct sides *s, const char *base, const char *ours, const char *theirs,
		 const char *path, struct zi_buf *out, unsigned long *conflicts, struct zi_diag *d)
{
	zt_writes(s->base, base);
	zt_writes(s->ours, ours);
	zt_writes(s->theirs, theirs);
	zi_buf_init(out);
	zi_diag_init(d);
	return zi_merge3(s->base, s->ours, s->theirs, path, out, conflicts, d);
}

/* Rows added on each side, different ones: both kept, in key order, in
 * canonical form (every column of the schema, whatever the sides had). */
static void test_both_add(void **state)
{
	struct sides *s = *state;
	struct zi_buf out;
	struct zi_diag d;
	unsigned long conflicts = 9;
	int rc = merge(s, "id,name\nb,Beta\n", "id,name\nb,Beta\nc,Gamma\n",
		       "id,name\na,Alpha\nb,Beta\n", "units.csv", &out, &conflicts, &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(conflicts, 0);
	assert_int_equal(d.errors, 0);
	assert_str(out.data, UNITS_HEADER "a,Alpha,,,,,,,,,,,\n"
					  "b,Beta,,,,,,,,,,,\n"
					  "c,Gamma,,,,,,,,,,,\n");
	zi_buf_release(&out);
	zi_diag_release(&d);
}

/* Different fields of one row changed on the two sides: both changes taken;
 * a row removed on one side and untouched on the other: removed. */
static void test_fields_merge(void **state)
{
	struct sides *s = *state;
	struct zi_buf out;
	struct zi_diag d;
	unsigned long conflicts = 9;
	int rc = merge(s, "id,name,short_name\na,Alpha,A\nb,Beta,B\n",
		       "id,name,short_name\na,Alpha One,A\nb,Beta,B\n",
		       "id,name,short_name\na,Alpha,AA\n", "records/units.csv", &out, &conflicts,
		       &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(conflicts, 0);
	assert_str(out.data, UNITS_HEADER "a,Alpha One,AA,,,,,,,,,,\n");
	zi_buf_release(&out);
	zi_diag_release(&d);
}

/* The same field of the same row changed differently: a conflict status,
 * the two rows between git's markers, an error naming the key, the field and
 * the three values, at the line of the conflict in the result. */
static void test_conflict(void **state)
{
	struct sides *s = *state;
	struct zi_buf out;
	struct zi_diag d;
	unsigned long conflicts = 0;
	int rc = merge(s, "id,name\na,Alpha\nb,Beta\n", "id,name\na,Alpha One\nb,Beta\n",
		       "id,name\na,Alpha Two\nb,Beta\n", "units.csv", &out, &conflicts, &d);
	assert_int_equal(rc, ZI_EDATA);
	assert_int_equal(conflicts, 1);
	assert_int_equal(d.errors, 1);
	assert_str(d.v[0].code, "merge-conflict");
	assert_str(d.v[0].file, "units.csv");
	assert_int_equal(d.v[0].line, 3);
	assert_str(d.v[0].message,
		   "'a' changed on both sides: name: ours 'Alpha One', theirs 'Alpha Two', "
		   "base 'Alpha'");
	assert_str(out.data, UNITS_HEADER "<<<<<<< ours\n"
					  "a,Alpha One,,,,,,,,,,,\n"
					  "=======\n"
					  "a,Alpha Two,,,,,,,,,,,\n"
					  ">>>>>>> theirs\n"
					  "b,Beta,,,,,,,,,,,\n");
	zi_buf_release(&out);
	zi_diag_release(&d);
}

/* The same row added on both sides with different values (no base): a
 * conflict too, without a base value in the message. */
static void test_conflict_both_added(void **state)
{
	struct sides *s = *state;
	struct zi_buf out;
	struct zi_diag d;
	unsigned long conflicts = 0;
	int rc = merge(s, "id,name\n", "id,name\nz,Zeta\n", "id,name\nz,Zed\n", "units.csv", &out,
		       &conflicts, &d);
	assert_int_equal(rc, ZI_EDATA);
	assert_int_equal(conflicts, 1);
	assert_str(d.v[0].message, "'z' changed on both sides: name: ours 'Zeta', theirs 'Zed'");
	zi_buf_release(&out);
	zi_diag_release(&d);
}

/* Changed on one side and removed on the other: a conflict, the changed row
 * on its side of the markers and nothing on the other. */
static void test_changed_and_removed(void **state)
{
	struct sides *s = *state;
	struct zi_buf out;
	struct zi_diag d;
	unsigned long conflicts = 0;
	int rc = merge(s, "id,name\na,Alpha\nb,Beta\n", "id,name\nb,Beta\n",
		       "id,name\na,Alpha Two\nb,Beta\n", "units.csv", &out, &conflicts, &d);
	assert_int_equal(rc, ZI_EDATA);
	assert_int_equal(conflicts, 1);
	assert_str(d.v[0].message, "'a' removed in ours and changed in theirs");
	assert_str(out.data, UNITS_HEADER "<<<<<<< ours\n"
					  "=======\n"
					  "a,Alpha Two,,,,,,,,,,,\n"
					  ">>>>>>> theirs\n"
					  "b,Beta,,,,,,,,,,,\n");
	zi_buf_release(&out);
	zi_diag_release(&d);
}

/* A clean result merged with itself three ways is itself (what the fuzz
 * harness asserts), here for a file with a two-field key. */
static void test_merge_with_itself(void **state)
{
	struct sides *s = *state;
	struct zi_buf out, again;
	struct zi_diag d;
	unsigned long conflicts = 9;
	int rc = merge(s, "unit,date,stage\na,2026-01-01,calon\n",
		       "unit,date,stage\na,2026-01-01,calon\na,2026-02-01,diusulkan\n",
		       "unit,date,stage\nb,2026-01-01,calon\na,2026-01-01,calon\n", "stages.csv",
		       &out, &conflicts, &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	zi_diag_release(&d);
	assert_non_null(strstr(out.data, "a,2026-01-01,calon,"));
	assert_non_null(strstr(out.data, "a,2026-02-01,diusulkan,"));
	assert_non_null(strstr(out.data, "b,2026-01-01,calon,"));
	rc = merge(s, out.data, out.data, out.data, "stages.csv", &again, &conflicts, &d);
	assert_int_equal(rc, 0);
	assert_int_equal(conflicts, 0);
	assert_str(again.data, out.data);
	zi_buf_release(&out);
	zi_buf_release(&again);
	zi_diag_release(&d);
}

/* A path no record type has, a side that cannot be read, and a key twice on
 * one side: each refused with its status, nothing merged. */
static void test_refusals(void **state)
{
	struct sides *s = *state;
	struct zi_buf out;
	struct zi_diag d;
	unsigned long conflicts = 0;
	int rc = merge(s, "id,name\n", "id,name\n", "id,name\n", "notes/todo.csv", &out, &conflicts,
		       &d);
	assert_int_equal(rc, ZI_EUSAGE);
	assert_str(d.v[0].code, "not-records");
	zi_buf_release(&out);
	zi_diag_release(&d);

	rc = merge(s, "id,name\n", "id,name\n", "id,name\n", "units.csv", &out, &conflicts, &d);
	zi_buf_release(&out);
	zi_diag_release(&d);
	assert_int_equal(rc, 0);
	remove(s->theirs);
	zi_buf_init(&out);
	zi_diag_init(&d);
	rc = zi_merge3(s->base, s->ours, s->theirs, "units.csv", &out, &conflicts, &d);
	assert_int_equal(rc, ZI_EIO);
	assert_str(d.v[0].code, "io-read");
	assert_str(d.v[0].file, "units.csv (theirs)");
	zi_buf_release(&out);
	zi_diag_release(&d);

	rc = merge(s, "id,name\n", "id,name\na,Alpha\na,Alpha\n", "id,name\n", "units.csv", &out,
		   &conflicts, &d);
	assert_int_equal(rc, ZI_EDATA);
	assert_int_equal(conflicts, 0);
	assert_true(d.errors > 0);
	assert_str(d.v[0].file, "units.csv (ours)");
	zi_buf_release(&out);
	zi_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_both_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fields_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_both_added, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_and_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_with_itself, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
