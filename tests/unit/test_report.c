/* lib/report: zi_report_gather on a tiny records directory (what zi-unit,
 * zi-sign and zi-declare write for two units): the coverage numbers of a
 * roster of two with one pact signed, "no data" (NAN, never 0 or 100) for a
 * unit with nobody on its roster, each unit's stage at the month's end (a
 * stage entered after it does not count), the declarations. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>

#include "report.h"
#include "zitest.h"

static const struct zt_file files[] = {
	{"units.csv",
	 ZT_UNITS_HEADER "dkk,Dinas B,,,dinas,WBK,false,calon,2026-01-10,,,,false\n"
			 "dpkp,Dinas A,,,dinas,WBK,false,pembangunan,2026-10-15,,,,false\n"},
	{"stages.csv", ZT_STAGES_HEADER "dkk,2026-01-10,calon,,,\n"
					"dpkp,2026-01-10,calon,,,\n"
					"dpkp,2026-03-01,pencanangan,,,\n"
					"dpkp,2026-10-15,pembangunan,,,\n"},
	{"declarations.csv", "id,unit,date,venue,head,witnesses,basis,note,redeclaration\n"
			     "dpkp-2026-03-01,dpkp,2026-03-01,,,W,B,,false\n"},
	{"staff/dpkp.csv",
	 ZT_STAFF_HEADER "198503122010011002,Budi Santoso,Kepala Dinas,IV/b,,true,2024-01-02,\n"
			 "199001012015032001,Sari Dewi,Analis,III/a,,false,2024-01-02,\n"},
	{"signatures/dpkp.csv",
	 ZT_SIGNATURES_HEADER "198503122010011002,pakta,2026-03-01,Budi Santoso,Kepala "
			      "Dinas,staff,,,,\n"},
};

struct fx {
	char *top, *dir;
	struct zi_store st;
	struct zi_diag d;
	struct zi_report r;
	int gathered;
};

static int setup(void **state)
{
	setenv("ZI_TODAY", "2026-11-22", 1);
	struct fx *f = calloc(1, sizeof(*f));
	zi_diag_init(&f->d);
	f->dir = zt_records(&f->top, files, ZT_NFILES(files), &f->d);
	assert_int_equal(zi_store_open(&f->st, f->dir, &f->d), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	if (f->gathered)
		zi_report_release(&f->r);
	zi_store_close(&f->st);
	zi_diag_release(&f->d);
	zt_records_free(f->top, f->dir);
	free(f);
	return 0;
}

static void gather(struct fx *f, const char *month, int detail)
{
	if (f->gathered)
		zi_report_release(&f->r);
	memset(&f->r, 0, sizeof(f->r));
	int rc = zi_report_gather(&f->st, month, detail, &f->r, &f->d);
	if (rc)
		zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	f->gathered = 1;
}

static const struct zi_rep_unit *unit(const struct fx *f, const char *id)
{
	for (size_t i = 0; i < f->r.nunits; i++)
		if (!strcmp(f->r.units[i].id, id))
			return &f->r.units[i];
	fail_msg("no unit %s in the report", id);
	return NULL;
}

static void test_month_and_units(void **state)
{
	struct fx *f = *state;
	gather(f, "2026-09", 0);
	assert_str(f->r.month, "2026-09");
	assert_str(f->r.month_end, "2026-09-30");
	assert_str(f->r.prev_end, "2026-08-31");
	assert_int_equal(f->r.year, 2026);
	assert_str(f->r.instansi, "T");
	assert_int_equal(f->r.nunits, 2);
	/* units in id order */
	assert_str(f->r.units[0].id, "dkk");
	assert_str(f->r.units[1].id, "dpkp");
}

/* The stage at the month's end: dpkp reached pembangunan on 2026-10-15,
 * after September; in October it counts. */
static void test_stage_at_month_end(void **state)
{
	struct fx *f = *state;
	gather(f, "2026-09", 0);
	assert_str(unit(f, "dpkp")->stage, "pencanangan");
	assert_str(unit(f, "dpkp")->building_since, "");
	assert_str(unit(f, "dkk")->stage, "calon");
	gather(f, "2026-10", 0);
	assert_str(unit(f, "dpkp")->stage, "pembangunan");
	assert_str(unit(f, "dpkp")->prev_stage, "pencanangan");
	assert_str(unit(f, "dpkp")->building_since, "2026-10-15");
	/* February: before the pencanangan */
	gather(f, "2026-02", 0);
	assert_str(unit(f, "dpkp")->stage, "calon");
}

static void test_declarations(void **state)
{
	struct fx *f = *state;
	gather(f, "2026-03", 0);
	assert_str(unit(f, "dpkp")->first_declared, "2026-03-01");
	assert_int_equal(unit(f, "dpkp")->declarations, 1);
	assert_str(unit(f, "dkk")->first_declared, "");
	assert_int_equal(f->r.ndecls, 1); /* held in March */
	assert_int_equal(f->r.decl_total, 1);
	assert_int_equal(f->r.decl_total_prev, 0);
	gather(f, "2026-04", 0);
	assert_int_equal(f->r.ndecls, 0);
	assert_int_equal(f->r.decl_total_prev, 1);
}

/* Two on the roster, one pact signed: 50 %; nobody signed the gratification
 * statement: 0 %, both missing. */
static void test_coverage(void **state)
{
	struct fx *f = *state;
	gather(f, "2026-09", 1);
	const struct zi_rep_unit *u = unit(f, "dpkp");
	assert_int_equal(u->staff, 2);
	const struct zi_rep_cov *p = &u->cov[ZI_DOC_PAKTA];
	assert_int_equal(p->required, 2);
	assert_int_equal(p->signed_n, 1);
	assert_float_equal(p->percent, 50.0, 1e-9);
	assert_float_equal(p->prev_percent, 50.0, 1e-9);
	assert_int_equal(p->nmissing, 1); /* with detail: who */
	assert_str(p->missing[0].nip, "199001012015032001");
	const struct zi_rep_cov *g = &u->cov[ZI_DOC_GRATIFIKASI];
	assert_int_equal(g->required, 2);
	assert_int_equal(g->signed_n, 0);
	assert_float_equal(g->percent, 0.0, 1e-9);
	assert_int_equal(u->missing_people, 2);
	/* before the pact was signed (February): 0 of 2 */
	gather(f, "2026-02", 0);
	assert_float_equal(unit(f, "dpkp")->cov[ZI_DOC_PAKTA].percent, 0.0, 1e-9);
}

/* dkk has no roster: nobody owes anything, which is no data (NAN), never
 * 100 % nor 0 %. */
static void test_no_data_is_nan(void **state)
{
	struct fx *f = *state;
	gather(f, "2026-09", 0);
	const struct zi_rep_unit *u = unit(f, "dkk");
	assert_int_equal(u->staff, 0);
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		assert_int_equal(u->cov[k].required, 0);
		assert_true(isnan(u->cov[k].percent));
		assert_true(isnan(u->cov[k].prev_percent));
	}
	/* no answers, no score */
	assert_int_equal(u->has_score, 0);
	assert_int_equal(u->has_ikm, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_month_and_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_at_month_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_declarations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_data_is_nan, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
