/* lib/check: the whole records directory checked against its schemas. A
 * small, clean records directory (as zi-unit writes it) checks with no
 * problem; each test then spoils one file in one way and expects the one
 * diagnostic code, file, line and field that zi-report check prints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>

#include "check.h"
#include "zitest.h"

/* units.csv and stages.csv of two units, canonical (what zi-unit add writes) */
static const char units_csv[] = ZT_UNITS_HEADER
	"dkk,Dinas B,,,dinas,WBK,false,calon,2026-11-22,,,,false\n"
	"dpkp,Dinas A,,,dinas,WBK,false,calon,2026-11-22,,,,false\n";
static const char stages_csv[] = ZT_STAGES_HEADER "dkk,2026-11-22,calon,,,\n"
						  "dpkp,2026-11-22,calon,,,\n";
static const struct zt_file files[] = {{"units.csv", units_csv}, {"stages.csv", stages_csv}};

struct fx {
	char *top, *dir;
	struct zi_store st;
	struct zi_diag d;
	struct zi_check_result res;
};

static void put(struct fx *f, const char *rel, const char *text)
{
	zt_put(f->dir, rel, text);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	zi_diag_init(&f->d);
	f->dir = zt_records(&f->top, files, ZT_NFILES(files), &f->d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	zi_check_result_release(&f->res);
	zi_diag_release(&f->d);
	zt_records_free(f->top, f->dir);
	free(f);
	return 0;
}

/* Opens the store and checks it all (no --fix); the status. */
static int check(struct fx *f)
{
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	zi_check_result_release(&f->res);
	memset(&f->res, 0, sizeof(f->res));
	int rc = zi_store_open(&f->st, f->dir, &f->d);
	assert_int_equal(rc, 0);
	rc = zi_check_records(&f->st, 0, &f->res, &f->d);
	zi_store_close(&f->st);
	return rc;
}

/* The one diagnostic with this code: its file ends in file, at line, on field
 * (NULL: none). */
static void expect(struct fx *f, const char *code, const char *file, unsigned long line,
		   const char *field)
{
	const struct zi_diag_entry *e = zt_diag_find(&f->d, code, 0);
	if (!e)
		zt_diag_dump(&f->d);
	assert_non_null(e);
	assert_non_null(e->file);
	size_t n = strlen(e->file), k = strlen(file);
	assert_true(n >= k && !strcmp(e->file + n - k, file));
	assert_int_equal(e->line, line);
	if (field)
		assert_str(e->field, field);
	else
		assert_null(e->field);
	assert_int_equal(e->severity, ZI_ERROR);
}

static void test_clean(void **state)
{
	struct fx *f = *state;
	int rc = check(f);
	zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(f->res.files, 3); /* zi.json, units.csv, stages.csv */
	assert_int_equal(f->res.rows, 4);
}

static void test_duplicate_key(void **state)
{
	struct fx *f = *state;
	char *t = zi_xasprintf("%s%s", units_csv,
			       "dpkp,Dinas A,,,dinas,WBK,false,calon,2026-11-22,,,,false\n");
	put(f, "units.csv", t);
	free(t);
	assert_int_equal(check(f), ZI_EDATA);
	/* the second dpkp, on line 4, names the first (line 3) */
	expect(f, "duplicate-key", "records/units.csv", 4, "id");
	assert_non_null(strstr(zt_diag_find(&f->d, "duplicate-key", 4)->message, "line 3"));
}

static void test_bad_header(void **state)
{
	struct fx *f = *state;
	char *t = zi_xstrdup(units_csv);
	memcpy(strstr(t, "short_name"), "shortxname", 10);
	put(f, "units.csv", t);
	free(t);
	assert_int_equal(check(f), ZI_EDATA);
	expect(f, "column-unknown", "records/units.csv", 1, "shortxname");
	/* and the header is not the schema's: the file is not canonical */
	expect(f, "not-canonical", "records/units.csv", 1, NULL);
}

static void test_required_column_missing(void **state)
{
	struct fx *f = *state;
	put(f, "stages.csv", "unit,stage,ref,note,predicate\ndkk,calon,,,\ndpkp,calon,,,\n");
	assert_int_equal(check(f), ZI_EDATA);
	expect(f, "column-missing", "records/stages.csv", 1, "date");
}

static void test_not_utf8(void **state)
{
	struct fx *f = *state;
	char *t = zi_xstrdup(units_csv);
	char *b = strstr(t, "Dinas B");
	b[5] = (char)0xe9; /* "Dinas\xe9B": CP1252's é where UTF-8 was due */
	put(f, "units.csv", t);
	free(t);
	assert_int_equal(check(f), ZI_EDATA);
	expect(f, "encoding-invalid", "records/units.csv", 2, "name");
	assert_non_null(strstr(zt_diag_find(&f->d, "encoding-invalid", 2)->message, "0xE9"));
}

static void test_unknown_unit_reference(void **state)
{
	struct fx *f = *state;
	char *t = zi_xasprintf("%s%s", stages_csv, "zzz,2026-11-22,calon,,,\n");
	put(f, "stages.csv", t);
	free(t);
	assert_int_equal(check(f), ZI_EDATA);
	expect(f, "unit-unknown", "records/stages.csv", 4, "unit");
}

/* Rows out of key order, a value not in canonical form ("Ya" for a
 * boolean): a form problem only. The check names the file; with fix (the
 * lock held, the change committed through the store) it is rewritten as
 * zi writes it, and then checks clean. */
static void test_fix_rewrites_form(void **state)
{
	struct fx *f = *state;
	put(f, "units.csv",
	    "id,name,short_name,parent,kind,target,afirmasi,stage,stage_date,predicate,"
	    "predicate_date,predicate_ref,retired\n"
	    "dpkp,Dinas A,,,dinas,WBK,false,calon,2026-11-22,,,,false\n"
	    "dkk,Dinas B,,,dinas,WBK,Tidak,calon,2026-11-22,,,,false\n");
	assert_int_equal(check(f), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "not-canonical", 0));

	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	zi_check_result_release(&f->res);
	memset(&f->res, 0, sizeof(f->res));
	assert_int_equal(zi_store_open(&f->st, f->dir, &f->d), 0);
	assert_int_equal(zi_store_lock(&f->st, 1, &f->d), 0);
	int rc = zi_check_records(&f->st, 1, &f->res, &f->d);
	zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	assert_int_equal(f->res.nfixed, 1);
	assert_str(f->res.fixed[0], "units.csv");
	assert_int_equal(zi_store_commit(&f->st, "check --fix", &f->d), 0);
	zi_store_close(&f->st);

	char *p = zi_xasprintf("%s/units.csv", f->dir);
	char *now = zt_read(p, NULL);
	free(p);
	assert_str(now, units_csv);
	free(now);
	assert_int_equal(check(f), 0);
}

/* A check of some files (zi-report check PATH, --staged) reports for them
 * what the whole check reports, and nothing of the files left out. */
static void test_scoped(void **state)
{
	struct fx *f = *state;
	char *t = zi_xasprintf("%s%s", stages_csv, "zzz,2026-11-22,calon,,,\n");
	put(f, "stages.csv", t);
	free(t);
	t = zi_xasprintf("%s%s", units_csv,
			 "dpkp,Dinas A,,,dinas,WBK,false,calon,2026-11-22,,,,false\n");
	put(f, "units.csv", t);
	free(t);
	char *only[] = {"stages.csv"};
	struct zi_check_scope scope = {only, 1};
	assert_int_equal(zi_store_open(&f->st, f->dir, &f->d), 0);
	int rc = zi_check_scoped(&f->st, &scope, 0, &f->res, &f->d);
	zi_store_close(&f->st);
	assert_int_equal(rc, ZI_EDATA);
	expect(f, "unit-unknown", "records/stages.csv", 4, "unit");
	/* units.csv is read for reference, its duplicate not reported */
	assert_null(zt_diag_find(&f->d, "duplicate-key", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_clean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required_column_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_unit_reference, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fix_rewrites_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scoped, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
