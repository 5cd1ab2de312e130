/* lib/scorer with an as-of date: the counts the LKE derives from the records
 * (complaints, roster and signatures, survey responses, the predicate held)
 * in the state on that date, so that a later record does not change them;
 * and without one, the state of today as before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "complaint.h"
#include "model.h"
#include "schema.h"
#include "store.h"
#include "zitest.h"

static const struct zt_file files[] = {
	{"units.csv", ZT_UNITS_HEADER
	 "dinsos,Dinas Sosial,,,dinas,WBBM,false,penetapan,2026-11-10,WBK,2026-11-10,SK 1,false\n"},
	/* A pimpinan; B eselon III; C pelaksana from 5 November; D eselon IV
	 * until 31 October (1 November is its first day off the roster) */
	{"staff/dinsos.csv", ZT_STAFF_HEADER
	 "198001012005011001,A,Kepala Dinas,IV/b,pimpinan,true,2020-01-01,\n"
	 "198002022005011002,B,Kepala Bidang,III/d,eselon3,false,2020-01-01,\n"
	 "198003032005011003,C,Staf,II/c,pelaksana,false,2026-11-05,\n"
	 "198004042005011004,D,Kepala Seksi,III/c,eselon4,false,2020-01-01,2026-11-01\n"},
	/* A filed in March; B in November; D the year before */
	{"signatures/dinsos.csv", "nip,doc,date,name,position,role,witness,evidence,sha256\n"
				  "198001012005011001,lhkpn,2026-03-01,A,Kepala Dinas,staff,,,\n"
				  "198002022005011002,lhkasn,2026-11-03,B,Kepala Bidang,staff,,,\n"
				  "198004042005011004,lhkasn,2025-02-01,D,Kepala Seksi,staff,,,\n"},
	/* 1 resolved in March; 2 received in October, resolved in November;
	 * 3 received in November; 4 received in September, rejected in
	 * November; 5 of the year before; 6 resolved without a date */
	{"complaints.csv", "id,unit,received,channel,category,summary,status,resolved,ref\n"
			   "dinsos-2025-12-01-1,dinsos,2025-12-01,,,lama,diproses,,\n"
			   "dinsos-2026-02-01-1,dinsos,2026-02-01,,,satu,selesai,2026-03-01,\n"
			   "dinsos-2026-05-01-1,dinsos,2026-05-01,,,enam,selesai,,\n"
			   "dinsos-2026-09-01-1,dinsos,2026-09-01,,,empat,ditolak,2026-11-02,\n"
			   "dinsos-2026-10-10-1,dinsos,2026-10-10,,,dua,selesai,2026-11-05,\n"
			   "dinsos-2026-11-02-1,dinsos,2026-11-02,,,tiga,diterima,,\n"},
	{"lke/2026/dinsos.csv",
	 "soal_id,unit_answer,unit_note,unit_evidence,tpi_answer,tpi_note,tpn_answer\n"},
	/* 1 in October, 2 in November, 3 undated */
	{"surveys/2026/dinsos-ipak.csv", "respondent,date,u1,u2\n"
					 "1,2026-10-01,4,4\n"
					 "2,2026-11-10,2,2\n"
					 "3,,3,3\n"},
};

struct fx {
	char *top, *dir;
	struct zi_store st;
	struct zi_model *m;
};

static int setup(void **state)
{
	struct fx *f = zi_xcalloc(1, sizeof(*f));
	setenv("ZI_TODAY", "2026-11-22", 1);
	struct zi_diag d;
	zi_diag_init(&d);
	f->dir = zt_records(&f->top, files, ZT_NFILES(files), &d);
	int rc = zi_store_open(&f->st, f->dir, &d);
	if (!rc)
		rc = zi_model_load("lke-2026", &f->m, &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	zi_diag_release(&d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	zi_model_free(f->m);
	zi_store_close(&f->st);
	zt_records_free(f->top, f->dir);
	free(f);
	return 0;
}

static double val(const struct zi_score *s, long id)
{
	long qi = zi_model_question(s->m, id);
	assert_true(qi >= 0);
	assert_int_equal(s->q[qi].src, ZI_V_DERIVED);
	return s->q[qi].value;
}

static int unset(const struct zi_score *s, long id)
{
	long qi = zi_model_question(s->m, id);
	assert_true(qi >= 0);
	return s->q[qi].src == ZI_V_NONE;
}

static void score(struct zi_scorer *sc, struct zi_score *s)
{
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = zi_scorer_unit(sc, "dinsos", ZI_LAYER_AUTO, s, &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	zi_diag_release(&d);
}

/* The derived counts of the questions {id, count} on the date said. */
static void check_counts(const struct zi_score *s, const char *when, const long (*want)[2], size_t n)
{
	for (size_t i = 0; i < n; i++)
		zt_case_int((long)val(s, want[i][0]), want[i][1], "%s: question %ld", when,
			    want[i][0]);
}

/* The state on 31 October: what November brought is left out. */
static void check_october(const struct zi_score *s)
{
	static const long want[][2] = {
		/* complaints of 2026 received by then: 1, 6, 4 (rejected only
		 * later), 2 (resolved only later) */
		{110, 4},
		{111, 2},
		{112, 2},
		/* roster A, B, D */
		{113, 1},
		{114, 0},
		{116, 1},
		{117, 1},
		{118, 1},
		{119, 0},
		/* B filed in November, D the year before */
		{120, 0},
	};
	check_counts(s, "2026-10-31", want, sizeof(want) / sizeof(*want));
	/* responses 1 and 3 */
	assert_float_equal(val(s, 125), 3.5, 1e-9);
	assert_true(unset(s, 127));
	/* WBK granted on 10 November */
	assert_str(s->held, "");
}

static void test_asof_month_end(void **state)
{
	struct fx *f = *state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_scorer *sc = zi_scorer_new(&f->st, f->m, 2026, &d);
	zt_diag_dump(&d);
	assert_non_null(sc);
	zi_scorer_set_asof(sc, "2026-10-31");
	assert_str(zi_scorer_asof(sc), "2026-10-31");
	struct zi_score s;
	zi_score_init(&s, f->m);
	score(sc, &s);
	check_october(&s);
	long qi = zi_model_question(f->m, 110);
	assert_non_null(strstr(s.q[qi].why, "2026-10-31"));
	zi_score_release(&s);
	zi_scorer_free(sc);
	zi_diag_release(&d);
}

/* Without a date: today's roster (ZI_TODAY 2026-11-22) and every record of
 * the year as it stands, as zi-eval score has always counted. */
static void test_default_is_today(void **state)
{
	struct fx *f = *state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_scorer *sc = zi_scorer_new(&f->st, f->m, 2026, &d);
	assert_non_null(sc);
	assert_str(zi_scorer_asof(sc), "2026-11-22");
	struct zi_score s;
	zi_score_init(&s, f->m);
	for (int round = 0; round < 3; round++) {
		/* 0: as created; 1: after an as-of date; 2: reset to the default */
		if (round == 1) {
			zi_scorer_set_asof(sc, "2026-10-31");
			score(sc, &s);
			check_october(&s);
			zi_scorer_set_asof(sc, NULL);
			assert_str(zi_scorer_asof(sc), "2026-11-22");
			continue;
		}
		score(sc, &s);
		static const long today[][2] = {
			/* 1, 6, 2, 3 to follow up (4 rejected); 3 in process; 1,
			 * 6, 2 resolved */
			{110, 4},
			{111, 1},
			{112, 3},
			/* roster A, B, C */
			{113, 1},
			{116, 1},
			{117, 1},
			{118, 0},
			{119, 1},
			{120, 1},
		};
		check_counts(&s, round ? "reset to today" : "today", today,
			     sizeof(today) / sizeof(*today));
		assert_float_equal(val(&s, 125), 3.0, 1e-9);
		assert_str(s.held, "WBK");
		long qi = zi_model_question(f->m, 110);
		assert_null(strstr(s.q[qi].why, "2026-"));
	}
	zi_score_release(&s);
	zi_scorer_free(sc);
	zi_diag_release(&d);
}

/* A past year scored without a date: its last day, every record of it. */
static void test_default_past_year(void **state)
{
	struct fx *f = *state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_scorer *sc = zi_scorer_new(&f->st, f->m, 2025, &d);
	assert_non_null(sc);
	assert_str(zi_scorer_asof(sc), "2025-12-31");
	struct zi_score s;
	zi_score_init(&s, f->m);
	score(sc, &s);
	static const long want[][2] = {{110, 1}, {111, 1}, {120, 1} /* D filed in 2025 */};
	check_counts(&s, "2025", want, sizeof(want) / sizeof(*want));
	zi_score_release(&s);
	zi_scorer_free(sc);
	zi_diag_release(&d);
}

/* The row counter on its own: states on several dates. */
static void test_complaint_row_asof(void **state)
{
	struct fx *f = *state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *sch = zi_schema_get("complaints", &d);
	assert_non_null(sch);
	struct zi_table t;
	zi_table_init(&t, sch);
	assert_int_equal(zi_store_load(&f->st, "complaints.csv", &t, &d), 0);
	struct {
		const char *asof;
		unsigned long follow, process, resolved, rejected;
	} want[] = {
		{"2026-01-31", 0, 0, 0, 0}, {"2026-02-01", 1, 1, 0, 0}, {"2026-03-01", 1, 0, 1, 0},
		{"2026-09-30", 3, 1, 2, 0}, {"2026-11-02", 4, 2, 2, 1}, {"2026-11-05", 4, 1, 3, 1},
		{NULL, 4, 1, 3, 1},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct zi_complaint_counts c = {0};
		for (size_t r = 0; r < t.n; r++)
			zi_complaint_add_row_asof(&t, r, 2026, want[i].asof, &c);
		const char *on = want[i].asof ? want[i].asof : "(no date)";
		zt_case_int(c.to_follow_up, want[i].follow, "to follow up on %s", on);
		zt_case_int(c.in_process, want[i].process, "in process on %s", on);
		zt_case_int(c.resolved, want[i].resolved, "resolved on %s", on);
		zt_case_int(c.rejected, want[i].rejected, "rejected on %s", on);
	}
	zi_table_release(&t);
	zi_schema_free(sch);
	zi_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_asof_month_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_is_today, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_past_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_complaint_row_asof, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
