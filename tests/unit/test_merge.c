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

/* Three sides merged as path: the status, the conflicts, the first
 * diagnostic and the result expected (NULL, -1 or 0: not looked at). */
static const struct merge_case {
	const char *name, *base, *ours, *theirs, *path;
	int rc;
	unsigned long conflicts;
	int errors;
	const char *code, *file;
	unsigned long line;
	const char *message, *out;
} merges[] = {
	/* Rows added on each side, different ones: both kept, in key order, in
	 * canonical form (every column of the schema, whatever the sides had). */
	{"both add", "id,name\nb,Beta\n", "id,name\nb,Beta\nc,Gamma\n",
	 "id,name\na,Alpha\nb,Beta\n", "units.csv", 0, 0, 0, NULL, NULL, 0, NULL,
	 ZT_UNITS_HEADER "a,Alpha,,,,,,,,,,,\n"
			 "b,Beta,,,,,,,,,,,\n"
			 "c,Gamma,,,,,,,,,,,\n"},
	/* Different fields of one row changed on the two sides: both changes
	 * taken; a row removed on one side and untouched on the other: removed. */
	{"fields merge", "id,name,short_name\na,Alpha,A\nb,Beta,B\n",
	 "id,name,short_name\na,Alpha One,A\nb,Beta,B\n", "id,name,short_name\na,Alpha,AA\n",
	 "records/units.csv", 0, 0, -1, NULL, NULL, 0, NULL,
	 ZT_UNITS_HEADER "a,Alpha One,AA,,,,,,,,,,\n"},
	/* The same field of the same row changed differently: a conflict
	 * status, the two rows between git's markers, an error naming the key,
	 * the field and the three values, at the line of the conflict in the
	 * result. */
	{"conflict", "id,name\na,Alpha\nb,Beta\n", "id,name\na,Alpha One\nb,Beta\n",
	 "id,name\na,Alpha Two\nb,Beta\n", "units.csv", ZI_EDATA, 1, 1, "merge-conflict",
	 "units.csv", 3,
	 "'a' changed on both sides: name: ours 'Alpha One', theirs 'Alpha Two', base 'Alpha'",
	 ZT_UNITS_HEADER "<<<<<<< ours\n"
			 "a,Alpha One,,,,,,,,,,,\n"
			 "=======\n"
			 "a,Alpha Two,,,,,,,,,,,\n"
			 ">>>>>>> theirs\n"
			 "b,Beta,,,,,,,,,,,\n"},
	/* The same row added on both sides with different values (no base): a
	 * conflict too, without a base value in the message. */
	{"conflict both added", "id,name\n", "id,name\nz,Zeta\n", "id,name\nz,Zed\n", "units.csv",
	 ZI_EDATA, 1, -1, NULL, NULL, 0,
	 "'z' changed on both sides: name: ours 'Zeta', theirs 'Zed'", NULL},
	/* Changed on one side and removed on the other: a conflict, the changed
	 * row on its side of the markers and nothing on the other. */
	{"changed and removed", "id,name\na,Alpha\nb,Beta\n", "id,name\nb,Beta\n",
	 "id,name\na,Alpha Two\nb,Beta\n", "units.csv", ZI_EDATA, 1, -1, NULL, NULL, 0,
	 "'a' removed in ours and changed in theirs",
	 ZT_UNITS_HEADER "<<<<<<< ours\n"
			 "=======\n"
			 "a,Alpha Two,,,,,,,,,,,\n"
			 ">>>>>>> theirs\n"
			 "b,Beta,,,,,,,,,,,\n"},
};

static void test_merges(void **state)
{
	struct sides *s = *state;
	for (size_t i = 0; i < sizeof(merges) / sizeof(*merges); i++) {
		const struct merge_case *c = &merges[i];
		struct zi_buf out;
		struct zi_diag d;
		unsigned long conflicts = c->conflicts ? 0 : 9;
		int rc = merge(s, c->base, c->ours, c->theirs, c->path, &out, &conflicts, &d);
		if (!c->rc)
			zt_diag_dump(&d);
		zt_case_int(rc, c->rc, "%s", c->name);
		zt_case_int(conflicts, c->conflicts, "%s", c->name);
		if (c->errors >= 0)
			zt_case_int(d.errors, c->errors, "%s", c->name);
		if (c->code)
			zt_case_str(d.v[0].code, c->code, "%s", c->name);
		if (c->file)
			zt_case_str(d.v[0].file, c->file, "%s", c->name);
		if (c->line)
			zt_case_int(d.v[0].line, c->line, "%s", c->name);
		if (c->message)
			zt_case_str(d.v[0].message, c->message, "%s", c->name);
		if (c->out)
			zt_case_str(out.data, c->out, "%s", c->name);
		zi_buf_release(&out);
		zi_diag_release(&d);
	}
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
		cmocka_unit_test_setup_teardown(test_merges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_with_itself, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
