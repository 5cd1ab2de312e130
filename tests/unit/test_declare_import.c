/* lib/declare's import hooks (zi-declare import): ids made for the rows
 * without one, the same again on a second read; rows of an unknown or
 * retired unit or dated after today failed on their line and field; the
 * first declaration entering the unit's pencanangan, a registration moved
 * back noted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "declare.h"
#include "import.h"
#include "merge.h"
#include "units.h"
#include "zitest.h"

static char *fixture(void)
{
	static const struct zt_file files[] = {
		{"units.csv",
		 ZT_UNITS_HEADER "dpkp,Dinas Perumahan,,,,,,calon,2022-01-03,,,,false\n"
				 "lama,Dinas Lama,,,,,,calon,2022-01-03,,,,true\n"
				 "rsud,RSUD Kota,,,,,,calon,2022-01-03,,,,false\n"},
		{"stages.csv",
		 ZT_STAGES_HEADER "dpkp,2022-01-03,calon,,,\nlama,2022-01-03,calon,,,\n"
				  "rsud,2022-01-03,calon,,,\n"},
		{"in.csv", "unit,date,venue,witnesses\n"
			   "dpkp,2022-07-25,Aula,Wali Kota; Sekda\n"
			   "rsud,2021-05-03,,\n"
			   "dpkp,2022-07-25,,\n"
			   "nope,2022-07-25,,\n"
			   "lama,2022-07-25,,\n"
			   "rsud,2026-11-23,,\n"},
	};
	char *dir = zt_bare_records();
	zt_put_files(dir, files, ZT_NFILES(files));
	return dir;
}

static void test_import_hooks(void **state)
{
	(void)state;
	char *dir = fixture();
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, dir, &d), 0);
	const struct zi_schema *s = zi_schema_get("declarations", &d);
	struct zi_table existing;
	zi_table_init(&existing, s);
	struct zi_declare_import di;
	assert_int_equal(zi_declare_import_init(&di, &st, &existing, &d), 0);
	struct zi_import im;
	zi_import_init(&im, s);
	char *in = zi_xasprintf("%s/in.csv", dir);
	struct zi_import_opts o = {0};
	assert_int_equal(zi_import_read(&im, in, &o, &d), 0);
	assert_int_equal(im.rows.n, 6);
	zi_declare_import_prepare(&di, &im, &d);
	assert_str(zi_table_get(&im.rows, 0, ZI_D_ID), "dpkp-2022-07-25");
	assert_str(zi_table_get(&im.rows, 0, ZI_D_WITNESSES), "Wali Kota | Sekda");
	assert_str(zi_table_get(&im.rows, 2, ZI_D_ID), "dpkp-2022-07-25-2");
	assert_str(zi_table_get(&im.rows, 1, ZI_D_ID), "rsud-2021-05-03");
	for (size_t r = 0; r < im.rows.n; r++)
		zi_declare_import_check(&di, &im, r, &d);
	assert_int_equal(d.errors, 3);
	const struct zi_diag_entry *e = zt_diag_find(&d, "unit-unknown", 5);
	assert_non_null(e);
	assert_str(e->field, "unit");
	assert_str(e->file, in);
	e = zt_diag_find(&d, "unit-retired", 6);
	assert_non_null(e);
	assert_str(e->field, "unit");
	e = zt_diag_find(&d, "date-future", 7);
	assert_non_null(e);
	assert_str(e->field, "date");
	/* the good rows merged: each unit's first declaration enters its
	 * pencanangan, rsud's registration moves back */
	struct zi_table merged;
	zi_table_init(&merged, s);
	for (size_t r = 0; r < 3; r++) {
		const char *row[ZI_D_REDECLARATION + 1];
		zi_table_row(&im.rows, r, row);
		zi_table_add(&merged, row, 0);
	}
	zi_table_sort(&merged);
	im.rows.n = 3;
	struct zi_merge_counts c = {0};
	int more = zi_declare_import_finish(&di, &merged, &im, &c, &d);
	assert_true(more >= 2);
	assert_int_equal(di.moved, 2);
	assert_non_null(strstr(di.notes.data, "rsud"));
	assert_non_null(strstr(di.notes.data, "2021-05-03"));
	assert_int_equal(d.errors, 3);
	zi_table_release(&merged);
	zi_import_release(&im);
	zi_declare_import_release(&di);
	zi_table_release(&existing);
	zi_store_close(&st);
	zi_diag_release(&d);
	zt_rmtree(dir);
	free(in);
	free(dir);
}

int main(void)
{
	setenv("ZI_TODAY", "2026-11-22", 1);
	setenv("LC_ALL", "C", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_hooks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
