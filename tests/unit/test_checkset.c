/* lib/checkset: what a change to some records files touches, and the paths
 * check PATH... refuses. The records directory here is in no git repository:
 * nothing to compare with, so a changed units.csv touches every unit's files
 * and a changed zi.json every answer file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checkset.h"
#include "zitest.h"

static const struct zt_file files[] = {
	{"units.csv", "id,name\na,A\nb,B\n"},
	{"lke/2026/a.csv", "soal_id\n"},
	{"lke/2025/b.csv", "soal_id\n"},
	{"surveys/2026/b-ikm.csv", "respondent\n"},
	{"notes.txt", "x\n"},
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

static int has(const struct zi_check_scope *s, const char *rel)
{
	for (size_t i = 0; i < s->nfiles; i++)
		if (!strcmp(s->files[i], rel))
			return 1;
	return 0;
}

static void expand1(struct zt_fx *f, const char *rel, struct zi_check_scope *s)
{
	memset(s, 0, sizeof(*s));
	const char *v[1] = {rel};
	zi_checkset_expand(&f->st, v, 1, s);
}

static void test_roster_touches_signatures(void **state)
{
	struct zi_check_scope s;
	expand1(*state, "staff/a.csv", &s);
	assert_int_equal(s.nfiles, 2);
	assert_true(has(&s, "staff/a.csv") && has(&s, "signatures/a.csv"));
	zi_checkset_release(&s);
	expand1(*state, "signatures/a.csv", &s);
	assert_int_equal(s.nfiles, 1);
	zi_checkset_release(&s);
}

static void test_stages_touch_units(void **state)
{
	struct zi_check_scope s;
	expand1(*state, "stages.csv", &s);
	assert_int_equal(s.nfiles, 2);
	assert_true(has(&s, "stages.csv") && has(&s, "units.csv"));
	zi_checkset_release(&s);
}

static void test_evidence_touches_signatures(void **state)
{
	struct zi_check_scope s;
	expand1(*state, "evidence/b/00ff.pdf", &s);
	assert_int_equal(s.nfiles, 1);
	assert_true(has(&s, "signatures/b.csv"));
	zi_checkset_release(&s);
}

static void test_units_touch_every_reference(void **state)
{
	struct zi_check_scope s;
	expand1(*state, "units.csv", &s);
	const char *want[] = {"units.csv",	  "staff/a.csv",
			      "signatures/a.csv", "lke/2026/a.csv",
			      "staff/b.csv",	  "signatures/b.csv",
			      "lke/2025/b.csv",	  "surveys/2026/b-ikm.csv",
			      "declarations.csv", "stages.csv",
			      "complaints.csv"};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++)
		assert_true(has(&s, want[i]));
	assert_int_equal(s.nfiles, sizeof(want) / sizeof(*want));
	zi_checkset_release(&s);
}

static void test_manifest_touches_answers(void **state)
{
	struct zi_check_scope s;
	expand1(*state, "zi.json", &s);
	assert_int_equal(s.nfiles, 3);
	assert_true(has(&s, "zi.json") && has(&s, "lke/2026/a.csv") && has(&s, "lke/2025/b.csv"));
	zi_checkset_release(&s);
}

static void test_paths_refused(void **state)
{
	struct zt_fx *f = *state;
	struct zi_check_scope s;
	char *notes = zi_xasprintf("%s/notes.txt", f->dir);
	char *lke = zi_xasprintf("%s/lke", f->dir);
	char *gone = zi_xasprintf("%s/staff/gone.csv", f->dir);
	const char *bad[] = {"/etc/hostname", notes, lke};
	assert_int_equal(zi_checkset_paths(&f->st, bad, 3, &s, &f->d), ZI_EUSAGE);
	assert_int_equal(s.nfiles, 0);
	assert_int_equal(zt_diag_count(&f->d, "not-in-records"), 1);
	assert_int_equal(zt_diag_count(&f->d, "not-records"), 2);
	/* a records file that is not there: removed, its dependants checked */
	const char *ok[] = {gone};
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	assert_int_equal(zi_checkset_paths(&f->st, ok, 1, &s, &f->d), 0);
	assert_true(has(&s, "staff/gone.csv") && has(&s, "signatures/gone.csv"));
	assert_int_equal(f->d.n, 0);
	zi_checkset_release(&s);
	free(notes);
	free(lke);
	free(gone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roster_touches_signatures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stages_touch_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_touches_signatures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units_touch_every_reference, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_touches_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paths_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
