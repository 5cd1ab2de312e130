/* lib/sign: document names, who may sign, coverage per document (the
 * records reader is tested in test_records.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "import.h"
#include "sign.h"
#include "units.h"
#include "zitest.h"

#define NIP_A "198503122010011002" /* lhkpn, start 2020-01-01 */
#define NIP_B "199001012015032001" /* start 2021-03-01 */
#define NIP_C "198807072012121003" /* transferred in 2024-06-01 */
#define NIP_D "197001012000031001" /* left 2023-01-01 */

/* staff/dpkp.csv of two */
static const char roster_csv[] = ZT_STAFF_HEADER NIP_A
	",Budi Santoso,Kepala Dinas,IV/b,pimpinan,true,2020-01-01,\n" NIP_B
	",Siti Aminah,Analis,III/c,fungsional,false,2021-03-01,\n";

struct fixture {
	struct zi_diag d;
	struct zi_coverage_set cs;
};

static int setup(void **state)
{
	struct fixture *f = zi_xcalloc(1, sizeof(*f));
	zi_diag_init(&f->d);
	assert_int_equal(zi_coverage_init(&f->cs, &f->d), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	zi_coverage_release(&f->cs);
	zi_diag_release(&f->d);
	free(f);
	return 0;
}

static void roster(struct zi_table *t)
{
	const char *rows[][8] = {
		{NIP_A, "Budi Santoso", "Kepala Dinas", "", "pimpinan", "true", "2020-01-01", ""},
		{NIP_B, "Siti Aminah", "Analis", "", "", "false", "2021-03-01", ""},
		{NIP_C, "Andi Wijaya", "Pengelola", "", "", "false", "2024-06-01", ""},
		{NIP_D, "Lama Pergi", "Staf", "", "", "false", "2015-01-01", "2023-01-01"},
	};
	for (size_t i = 0; i < 4; i++)
		zi_table_add(t, rows[i], 0);
	zi_table_sort(t);
}

/* Empty tables of staff and signatures, the four of roster() on the first. */
static void tables(struct fixture *f, struct zi_table *staff, struct zi_table *sigs)
{
	zi_table_init(staff, f->cs.staff_schema);
	zi_table_init(sigs, f->cs.sig_schema);
	roster(staff);
}

static void sig(struct zi_table *t, const char *nip, const char *doc, const char *date,
		const char *role)
{
	const char *v[ZI_G_CONFLICT + 1] = {nip, doc, date, "x", "", role, "", "", "", ""};
	zi_table_add(t, v, 0);
}

/* A document's coverage: how many required, signed and missing (-1: not
 * looked at); a failure names the document, the unit and the caller's line. */
#define cov_is(c, required, signed_n, nmissing) cov_at(c, required, signed_n, nmissing, __LINE__)
static void cov_at(const struct zi_coverage *c, long required, long signed_n, long nmissing,
		   int line)
{
	const char *doc = zi_doc_names[c->doc], *unit = c->unit ? c->unit : "-";
	if (required >= 0)
		zt_case_int(c->required, required, "%s of %s, line %d: required", doc, unit, line);
	if (signed_n >= 0)
		zt_case_int(c->signed_n, signed_n, "%s of %s, line %d: signed", doc, unit, line);
	if (nmissing >= 0)
		zt_case_int(c->nmissing, nmissing, "%s of %s, line %d: missing", doc, unit, line);
}

static void test_doc_names(void **state)
{
	(void)state;
	const char *doc;
	struct zi_verr err;
	static const char *const in[][2] = {
		{"pakta", "pakta"},
		{"Pakta Integritas", "pakta"},
		{"PAKTA INTEGRITAS", "pakta"},
		{"Surat Pernyataan Tidak Menerima Gratifikasi", "gratifikasi"},
		{"pernyataan gratifikasi", "gratifikasi"},
		{"LHKPN", "lhkpn"},
		{"lhkasn", "lhkasn"},
	};
	for (size_t i = 0; i < sizeof(in) / sizeof(*in); i++) {
		zt_case_int(zi_value_doc(in[i][0], &doc, &err), 0, "'%s'", in[i][0]);
		zt_case_str(doc, in[i][1], "'%s'", in[i][0]);
	}
	assert_int_equal(zi_value_doc("SK Tim", &doc, &err), -1);
	assert_str(err.code, "doc-unknown");
	assert_int_equal(zi_doc_parse("Pernyataan Gratifikasi"), ZI_DOC_GRATIFIKASI);
	assert_int_equal(zi_doc_parse("LHKASN"), ZI_DOC_LHKASN);
	assert_int_equal(zi_doc_parse(""), -1);
}

static void test_signer(void **state)
{
	struct fixture *f = *state;
	struct zi_table staff;
	zi_table_init(&staff, f->cs.staff_schema);
	roster(&staff);
	struct zi_verr err;
	long r;
	assert_int_equal(zi_sign_check_signer(&staff, "dpkp", NIP_A, "2022-07-25", &r, &err), 0);
	assert_true(r >= 0);
	assert_str(zi_table_get(&staff, (size_t)r, ZI_S_NAME), "Budi Santoso");
	assert_int_equal(zi_sign_check_signer(&staff, "dpkp", "198807072012121004", "2024-07-01",
					      &r, &err),
			 ZI_EDATA);
	assert_str(err.code, "nip-not-on-roster");
	assert_non_null(strstr(err.msg, "198807072012121004"));
	assert_non_null(strstr(err.msg, "staff/dpkp.csv"));
	/* start is the first day on the roster, end the first day off it */
	static const struct {
		const char *nip, *date;
		int rc;
		const char *code;
	} dates[] = {
		{NIP_C, "2024-05-31", ZI_EDATA, "date-before-start"},
		{NIP_C, "2024-06-01", 0, NULL},
		{NIP_D, "2022-12-31", 0, NULL},
		{NIP_D, "2023-01-01", ZI_EDATA, "date-after-end"},
	};
	for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++) {
		int rc = zi_sign_check_signer(&staff, "dpkp", dates[i].nip, dates[i].date, &r, &err);
		zt_case_int(rc, dates[i].rc, "%s on %s", dates[i].nip, dates[i].date);
		if (dates[i].code)
			zt_case_str(err.code, dates[i].code, "%s on %s", dates[i].nip,
				    dates[i].date);
	}
	zi_table_release(&staff);
}

static void test_coverage(void **state)
{
	struct fixture *f = *state;
	struct zi_table staff, sigs;
	tables(f, &staff, &sigs);
	sig(&sigs, NIP_A, "pakta", "2022-07-25", "staff");
	sig(&sigs, NIP_A, "lhkpn", "2026-03-31", "staff");
	sig(&sigs, NIP_B, "pakta", "2022-07-25", "staff");
	sig(&sigs, NIP_B, "lhkasn", "2026-12-01", "staff"); /* after the as-of day */
	sig(&sigs, NIP_C, "pakta", "2022-07-25", "staff"); /* for his earlier posting */
	sig(&sigs, NIP_C, "gratifikasi", "2024-07-01", "staff");
	sig(&sigs, "", "pakta", "2022-07-25", "external");
	zi_table_sort(&sigs);
	zi_coverage_compute(&f->cs, &staff, &sigs, "dpkp", "2026-11-22", ZI_DOC_ALL);
	assert_int_equal(f->cs.n, ZI_DOC_COUNT);
	const struct zi_coverage *p = &f->cs.docs[0], *g = &f->cs.docs[1], *l = &f->cs.docs[2],
				 *a = &f->cs.docs[3];
	assert_int_equal(p->doc, ZI_DOC_PAKTA);
	assert_str(p->unit, "dpkp");
	/* D left in 2023: three on the roster; C's pact predates his start */
	cov_is(p, 3, 2, 1);
	assert_str(p->missing[0].nip, NIP_C);
	assert_str(p->missing[0].name, "Andi Wijaya");
	assert_true(p->percent > 66.66 && p->percent < 66.67);
	cov_is(g, 3, 1, 2);
	assert_str(g->missing[0].nip, NIP_A);
	assert_str(g->missing[1].nip, NIP_B);
	/* LHKPN only for A; LHKASN for the others */
	cov_is(l, 1, 1, -1);
	assert_true(l->percent == 100.0);
	cov_is(a, 2, 0, -1);
	assert_true(a->percent == 0.0);
	/* one document; an earlier day: D still there, C not yet */
	zi_coverage_compute(&f->cs, &staff, &sigs, "dpkp", "2022-12-31", 1u << ZI_DOC_PAKTA);
	assert_int_equal(f->cs.n, 1);
	cov_is(&f->cs.docs[0], 3, 2, -1);
	assert_str(f->cs.docs[0].missing[0].nip, NIP_D);
	zi_table_release(&staff);
	zi_table_release(&sigs);
}

/* The conflict-of-interest declaration: owed by everyone on the roster by
 * default, by those with lhkpn true, or by no one. */
static void test_coverage_coi(void **state)
{
	struct fixture *f = *state;
	struct zi_table staff, sigs;
	tables(f, &staff, &sigs);
	sig(&sigs, NIP_A, "coi", "2026-01-05", "staff");
	sig(&sigs, NIP_B, "coi", "2026-01-05", "staff");
	zi_table_sort(&sigs);
	const unsigned coi = 1u << ZI_DOC_COI;
	zi_coverage_compute(&f->cs, &staff, &sigs, "dpkp", "2026-11-22", coi);
	assert_int_equal(f->cs.n, 1);
	assert_int_equal(f->cs.docs[0].doc, ZI_DOC_COI);
	cov_is(&f->cs.docs[0], 3, 2, -1);
	assert_str(f->cs.docs[0].missing[0].nip, NIP_C);
	f->cs.coi_owed = ZI_COI_LHKPN;
	zi_coverage_compute(&f->cs, &staff, &sigs, "dpkp", "2026-11-22", coi);
	cov_is(&f->cs.docs[0], 1, 1, -1);
	f->cs.coi_owed = ZI_COI_NONE;
	zi_coverage_compute(&f->cs, &staff, &sigs, "dpkp", "2026-11-22", coi);
	assert_int_equal(f->cs.docs[0].required, 0);
	zi_table_release(&staff);
	zi_table_release(&sigs);
}

static void test_coverage_nobody(void **state)
{
	struct fixture *f = *state;
	struct zi_table staff, sigs;
	zi_table_init(&staff, f->cs.staff_schema);
	zi_table_init(&sigs, f->cs.sig_schema);
	zi_coverage_compute(&f->cs, &staff, &sigs, "kosong", "2026-11-22", 1u << ZI_DOC_LHKPN);
	assert_int_equal(f->cs.n, 1);
	assert_int_equal(f->cs.docs[0].required, 0);
	/* nobody owes it: no data, never 100 % */
	assert_true(isnan(f->cs.docs[0].percent));
	zi_table_release(&staff);
	zi_table_release(&sigs);
}

/* zi_coverage_compute on the set's own tables for other days (the monthly
 * report's trend) reuses what zi_coverage_unit read: the same results as
 * computed afresh from copies of the tables, for every day; a change of a
 * table is seen. */
static void test_coverage_days(void **state)
{
	struct fixture *f = *state;
	char *dir = zt_bare_records();
	zt_put(dir, "staff/dpkp.csv",
	       ZT_STAFF_HEADER NIP_A
	       ",Budi,,,,true,2020-01-01,\n" NIP_B ",Siti,,,,false,2021-03-01,\n" NIP_C
	       ",Andi,,,,false,2024-06-01,\n" NIP_D ",Lama,,,,,2015-01-01,2023-01-01\n");
	zt_put(dir, "signatures/dpkp.csv",
	       ZT_SIGNATURES_HEADER NIP_A ",pakta,2022-07-25,Budi,,staff,,,,\n" NIP_A
					  ",lhkpn,2026-03-31,Budi,,staff,,,,\n" NIP_B
					  ",pakta,2022-07-25,Siti,,staff,,,,\n" NIP_B
					  ",lhkasn,2025-12-01,Siti,,staff,,,,\n" NIP_C
					  ",pakta,2022-07-25,Andi,,staff,,,,\n" NIP_C
					  ",pakta,2024-06-01,Andi,,staff,,,,\n" NIP_D
					  ",gratifikasi,2021-01-01,Lama,,staff,,,,\n"
					  ",pakta,2022-07-25,Wali,,external,,,,\n" NIP_A
					  ",coi,not-a-date,Budi,,staff,,,,\n");
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, dir, &f->d), 0);
	assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-30", ZI_DOC_ALL, &f->cs, &f->d), 0);
	struct zi_coverage_set fresh;
	assert_int_equal(zi_coverage_init(&fresh, &f->d), 0);
	struct zi_table staff, sigs;
	zi_table_init(&staff, f->cs.staff_schema);
	zi_table_init(&sigs, f->cs.sig_schema);
	zi_table_append(&staff, &f->cs.staff); /* moved: f->cs keeps none */
	zi_table_append(&sigs, &f->cs.sigs);
	assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-30", ZI_DOC_ALL, &f->cs, &f->d), 0);
	static const char *const days[] = {"2026-11-30", "2022-12-31", "2023-01-01",
					   "2024-05-31", "2024-06-01", "2025-12-01",
					   "2026-03-30", "2019-01-01", "zzzz"};
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		zi_coverage_compute(&f->cs, &f->cs.staff, &f->cs.sigs, "dpkp", days[i], ZI_DOC_ALL);
		zi_coverage_compute(&fresh, &staff, &sigs, "dpkp", days[i], ZI_DOC_ALL);
		assert_int_equal(f->cs.n, fresh.n);
		for (size_t k = 0; k < fresh.n; k++) {
			assert_int_equal(f->cs.docs[k].required, fresh.docs[k].required);
			assert_int_equal(f->cs.docs[k].signed_n, fresh.docs[k].signed_n);
			assert_int_equal(f->cs.docs[k].nmissing, fresh.docs[k].nmissing);
			for (size_t m = 0; m < fresh.docs[k].nmissing; m++)
				assert_str(f->cs.docs[k].missing[m].nip,
					   fresh.docs[k].missing[m].nip);
		}
	}
	/* Siti's pact counts on 2026-11-30; once her start moves after it, no */
	zi_coverage_compute(&f->cs, &f->cs.staff, &f->cs.sigs, "dpkp", "2026-11-30", 1u);
	assert_int_equal(f->cs.docs[0].signed_n, 3);
	const char *key[1] = {NIP_B};
	long r = zi_table_find(&f->cs.staff, key);
	assert_true(r >= 0);
	zi_table_set_value(&f->cs.staff, (size_t)r, ZI_S_START, "2023-01-01");
	zi_coverage_compute(&f->cs, &f->cs.staff, &f->cs.sigs, "dpkp", "2026-11-30", 1u);
	assert_int_equal(f->cs.docs[0].signed_n, 2);
	zi_table_release(&staff);
	zi_table_release(&sigs);
	zi_coverage_release(&fresh);
	zi_store_close(&st);
	zt_rmtree(dir);
	free(dir);
}

static void test_coverage_unit(void **state)
{
	struct fixture *f = *state;
	char *dir = zt_bare_records();
	zt_put(dir, "staff/dpkp.csv",
	       ZT_STAFF_HEADER NIP_A ",Budi,,,,true,2020-01-01,\n" NIP_B
				     ",Siti,,,,false,2020-01-01,\n");
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, dir, &f->d), 0);
	/* no signatures file yet: everybody is missing */
	assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-22", ZI_DOC_ALL, &f->cs, &f->d), 0);
	assert_int_equal(f->cs.n, ZI_DOC_COUNT);
	cov_is(&f->cs.docs[0], 2, -1, 2);
	/* signatures read straight from the file, quoted fields too */
	zt_put(dir, "signatures/dpkp.csv",
	       "nip,doc,date,name,position,role,witness,evidence,sha256\n"
	       ",pakta,2022-07-25,Wali Kota,,external,,,\n" NIP_B
	       ",pakta,2022-07-25,\"Aminah, Siti\",,staff,,,\n" NIP_A
	       ",pakta,2022-07-25,Budi,,staff,,,\n" NIP_A ",lhkpn,2027-01-01,Budi,,staff,,,\n");
	assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-22", ZI_DOC_ALL, &f->cs, &f->d), 0);
	/* the tables are there for callers that need them */
	assert_int_equal(f->cs.sigs.n, 4);
	assert_int_equal(f->cs.staff.n, 2);
	assert_str(zi_table_get(&f->cs.sigs, 3, ZI_G_NAME), "Aminah, Siti");
	assert_int_equal(f->cs.docs[ZI_DOC_PAKTA].signed_n, 2);
	/* only the fields the coverage needs: the same coverage, no tables */
	f->cs.fast = 1;
	assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-22", ZI_DOC_ALL, &f->cs, &f->d), 0);
	assert_int_equal(f->cs.sigs.n, 0);
	cov_is(&f->cs.docs[ZI_DOC_PAKTA], -1, 2, 0);
	assert_int_equal(f->cs.docs[ZI_DOC_LHKPN].signed_n, 0);
	f->cs.fast = 0;
	assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-22", ZI_DOC_ALL, &f->cs, &f->d), 0);
	cov_is(&f->cs.docs[ZI_DOC_PAKTA], -1, 2, 0);
	cov_is(&f->cs.docs[ZI_DOC_LHKPN], 1, 0, -1);
	/* a broken file is reported by line, and the unit fails */
	zt_put(dir, "signatures/dpkp.csv",
	       "nip,doc,date\n" NIP_A ",pakta,2022-07-25\n\"" NIP_B "\"x,pakta,2022-07-25\n");
	assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-22", ZI_DOC_ALL, &f->cs, &f->d),
			 ZI_EDATA);
	assert_true(f->d.errors > 0);
	size_t errors = f->d.errors;
	f->cs.fast = 1;
	assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-22", ZI_DOC_ALL, &f->cs, &f->d),
			 ZI_EDATA);
	assert_true(f->d.errors > errors);
	f->cs.fast = 0;
	/* a unit without a roster requires nobody */
	assert_int_equal(zi_coverage_unit(&st, "lain", "2026-11-22", ZI_DOC_ALL, &f->cs, &f->d), 0);
	assert_int_equal(f->cs.docs[0].required, 0);
	assert_str(f->cs.docs[0].unit, "lain");
	zi_store_close(&st);
	zt_rmtree(dir);
	free(dir);
}

/* The coverage's own reading (fast) takes any records file csvio reads: a
 * BOM, CRLF, quoted values, columns in another order or missing; problems are
 * reported once, by line. */
static void test_coverage_unit_fast_forms(void **state)
{
	struct fixture *f = *state;
	char *dir = zt_bare_records();
	char *staff = zi_xasprintf("%s/staff/dpkp.csv", dir);
	zt_put(dir, "staff/dpkp.csv",
	       "\xEF\xBB\xBFlhkpn,start,nip,name\r\n"
	       "false,2020-01-01," NIP_B ",\"Aminah, \"\"Siti\"\"\"\r\n"
	       "true,2020-01-01," NIP_A ",\"Budi\nSantoso\"\r\n");
	char *sigs = zi_xasprintf("%s/signatures/dpkp.csv", dir);
	zt_put(dir, "signatures/dpkp.csv",
	       "date,nip,doc,role\n"
	       "2022-07-25," NIP_A ",pakta,staff\n"
	       "2022-07-25,,pakta,external\n"
	       "\"2022-07-25\"," NIP_A ",\"lhkpn\",staff\n");
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, dir, &f->d), 0);
	for (int fast = 1; fast >= 0; fast--) {
		f->cs.fast = fast;
		assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-22", ZI_DOC_ALL, &f->cs,
						  &f->d),
				 0);
		assert_int_equal(f->d.errors, 0);
		const struct zi_coverage *pakta = &f->cs.docs[ZI_DOC_PAKTA];
		cov_is(pakta, 2, 1, 1);
		assert_str(pakta->missing[0].nip, NIP_B);
		assert_str(pakta->missing[0].name, "Aminah, \"Siti\"");
		cov_is(&f->cs.docs[ZI_DOC_LHKPN], 1, 1, -1);
		assert_int_equal(f->cs.docs[ZI_DOC_GRATIFIKASI].nmissing, 2);
		assert_str(f->cs.docs[ZI_DOC_GRATIFIKASI].missing[0].name, "Budi\nSantoso");
	}
	/* an unknown column and a short row: each said once */
	zt_writes(sigs, "nip,doc,date,bogus\n" NIP_A ",pakta,2022-07-25,x\n" NIP_A ",pakta\n");
	for (int fast = 1; fast >= 0; fast--) {
		zi_diag_release(&f->d);
		zi_diag_init(&f->d);
		f->cs.fast = fast;
		assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-22", ZI_DOC_ALL, &f->cs,
						  &f->d),
				 ZI_EDATA);
		assert_int_equal(f->d.errors, 2);
		assert_non_null(zt_diag_find(&f->d, "column-unknown", 1));
		assert_non_null(zt_diag_find(&f->d, "row-width", 3));
	}
	/* an unclosed quote in a roster */
	zt_writes(staff, "nip,name\n" NIP_A ",\"Budi\n");
	for (int fast = 1; fast >= 0; fast--) {
		zi_diag_release(&f->d);
		zi_diag_init(&f->d);
		f->cs.fast = fast;
		assert_int_equal(zi_coverage_unit(&st, "dpkp", "2026-11-22", ZI_DOC_ALL, &f->cs,
						  &f->d),
				 ZI_EDATA);
		assert_int_equal(f->d.errors, 1);
	}
	/* no files at all: nobody required; a directory in a file's place: an
	 * input error */
	char *odd = zi_xasprintf("%s/signatures/lain.csv", dir);
	mkdir(odd, 0777);
	for (int fast = 1; fast >= 0; fast--) {
		zi_diag_release(&f->d);
		zi_diag_init(&f->d);
		f->cs.fast = fast;
		assert_int_equal(zi_coverage_unit(&st, "kosong", "2026-11-22", ZI_DOC_ALL, &f->cs,
						  &f->d),
				 0);
		assert_int_equal(f->cs.docs[0].required, 0);
		assert_int_equal(f->d.errors, 0);
		assert_int_equal(zi_coverage_unit(&st, "lain", "2026-11-22", ZI_DOC_ALL, &f->cs,
						  &f->d),
				 ZI_EIO);
		assert_non_null(zt_diag_find(&f->d, "io-read", 0));
	}
	f->cs.fast = 0;
	zi_store_close(&st);
	zt_rmtree(dir);
	free(odd);
	free(staff);
	free(sigs);
	free(dir);
}

/* Only the fields asked for are kept. */
static void test_records_load_fields(void **state)
{
	struct fixture *f = *state;
	struct zt_tmpfile csv = zt_tmpfile_new("s.csv", "nip,doc,date,name\n" NIP_B
							",pakta,2022-07-25,Siti\n" NIP_A
							",lhkpn,2023-01-02,Budi\n");
	unsigned char keep[ZI_G_CONFLICT + 1] = {0};
	keep[ZI_G_NIP] = keep[ZI_G_DATE] = 1;
	struct zi_table t;
	zi_table_init(&t, f->cs.sig_schema);
	assert_int_equal(zi_records_read_fields(&t, csv.path, NULL, keep, &f->d), 0);
	assert_int_equal(t.n, 2);
	assert_str(zi_table_get(&t, 0, ZI_G_NIP), NIP_A);
	assert_str(zi_table_get(&t, 0, ZI_G_DATE), "2023-01-02");
	assert_str(zi_table_get(&t, 0, ZI_G_DOC), "");
	assert_str(zi_table_get(&t, 0, ZI_G_NAME), "");
	assert_int_equal(t.lines[0], 3);
	zi_table_release(&t);
	zt_tmpfile_free(&csv);
}

/* zi-sign import's hooks: what prepare fills in from the roster, and each
 * row check_sig fails. */
static void test_import_rows(void **state)
{
	(void)state;
	char *dir = zt_bare_records();
	zt_put(dir, "staff/dpkp.csv", roster_csv);
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, dir, &d), 0);
	struct zi_sign_import is;
	assert_int_equal(zi_sign_import_init(&is, &st, "dpkp", "pakta", &d), 0);
	struct zi_import im;
	zi_import_init(&im, zi_schema_get("signatures", &d));
	char *in = zi_xasprintf("%s/in.csv", dir);
	zt_writes(in,
		  "nip,doc,date,name,position,role,witness,evidence,sha256,conflict\n" NIP_A
		  ",,2026-01-05,budi,,,,,,\n"
		  ",coi,2026-01-05,Tamu,,,,,,ya\n" NIP_B ",gratifikasi,2026-01-05,,,,,,,no\n" NIP_B
		  ",pakta,2099-01-01,,,,,,,\n"
		  "199901012020011001,pakta,2026-01-05,,,,,,,\n"
		  ",pakta,2026-01-05,,,external,,,,\n" NIP_A ",lhkpn,2026-01-05,,,,,../x.pdf,,\n");
	struct zi_import_opts o = {0};
	assert_int_equal(zi_import_read(&im, in, &o, &d), 0);
	assert_int_equal(im.rows.n, 7);
	zi_sign_import_prepare(&is, &im, &d);
	assert_str(zi_table_get(&im.rows, 0, ZI_G_DOC), "pakta");
	assert_str(zi_table_get(&im.rows, 0, ZI_G_ROLE), "staff");
	assert_str(zi_table_get(&im.rows, 0, ZI_G_NAME), "Budi Santoso");
	assert_str(zi_table_get(&im.rows, 0, ZI_G_POSITION), "Kepala Dinas");
	assert_str(zi_table_get(&im.rows, 1, ZI_G_ROLE), "external");
	for (size_t r = 0; r < 7; r++)
		zi_sign_import_check(&is, &im, r, &d);
	assert_str(zi_table_get(&im.rows, 1, ZI_G_CONFLICT), "true");
	static const char *const codes[] = {"conflict-not-coi", "date-future", "nip-not-on-roster",
					    "required", "evidence-outside"};
	for (size_t k = 0; k < 5; k++) {
		const struct zi_diag_entry *e = zt_diag_find(&d, codes[k], 0);
		assert_non_null(e);
		assert_int_equal(e->line, k + 4);
	}
	assert_int_equal(d.errors, 5);
	zi_import_release(&im);
	zi_sign_import_release(&is);
	zi_store_close(&st);
	zi_diag_release(&d);
	zt_rmtree(dir);
	free(in);
	free(dir);
}

/* zi-sign status's output of one unit: text, CSV, JSON; no data is never
 * 100. */
static void test_coverage_render(void **state)
{
	struct fixture *f = *state;
	struct zi_table staff, sigs;
	tables(f, &staff, &sigs);
	sig(&sigs, NIP_A, "pakta", "2022-07-25", "staff");
	sig(&sigs, NIP_B, "pakta", "2022-07-25", "staff");
	zi_table_sort(&sigs);
	zi_coverage_compute(&f->cs, &staff, &sigs, "dpkp", "2026-11-22", 1u << ZI_DOC_PAKTA);
	struct zi_buf b;
	zi_buf_init(&b);
	assert_int_equal(zi_coverage_render(&b, &f->cs, "text", 6), 0);
	assert_str(b.data, "dpkp    pakta               3         2    66.67\n"
			   "          missing: " NIP_C "  Andi Wijaya\n");
	zi_buf_reset(&b);
	zi_coverage_render(&b, &f->cs, "csv", 6);
	assert_str(b.data, "dpkp,pakta,3,2,66.67," NIP_C "\n");
	zi_buf_reset(&b);
	assert_int_equal(zi_coverage_render(&b, &f->cs, "json", 6), 1);
	assert_non_null(strstr(b.data, "\"percent\": 66.67,"));
	assert_non_null(strstr(b.data, "\"name\": \"Andi Wijaya\""));
	/* nobody on the roster: no percent at all */
	zi_table_release(&staff);
	zi_table_init(&staff, f->cs.staff_schema);
	zi_coverage_compute(&f->cs, &staff, &sigs, "dpkp", "2026-11-22", 1u << ZI_DOC_PAKTA);
	zi_buf_reset(&b);
	zi_coverage_render(&b, &f->cs, "csv", 4);
	assert_str(b.data, "dpkp,pakta,0,0,,\n");
	zi_buf_reset(&b);
	zi_coverage_render(&b, &f->cs, "text", 4);
	assert_non_null(strstr(b.data, "        -\n"));
	zi_buf_reset(&b);
	zi_coverage_render(&b, &f->cs, "json", 4);
	assert_non_null(strstr(b.data, "\"percent\": null,"));
	assert_non_null(strstr(b.data, "\"missing\": []"));
	zi_buf_release(&b);
	zi_table_release(&staff);
	zi_table_release(&sigs);
}

/* zi-sign add of a signature already there keeps what it does not say. */
static void test_upsert(void **state)
{
	struct fixture *f = *state;
	struct zi_table sigs;
	zi_table_init(&sigs, f->cs.sig_schema);
	const char *a[ZI_G_CONFLICT + 1] = {NIP_A,    "pakta", "2026-01-05", "Budi",
					    "Kepala", "staff", "Wali",	     "evidence/dpkp/x.pdf",
					    "abc",    ""};
	assert_int_equal(zi_sign_upsert(&sigs, a), ZI_SIGN_ADDED);
	const char *b[ZI_G_CONFLICT + 1] = {NIP_A,   "pakta", "2026-01-05", "Budi", "",
					    "staff", "",      "",	    "",	    ""};
	assert_int_equal(zi_sign_upsert(&sigs, b), ZI_SIGN_UNCHANGED);
	assert_str(b[ZI_G_WITNESS], "Wali");
	const char *c[ZI_G_CONFLICT + 1] = {NIP_A,   "pakta", "2026-01-05", "Budi", "Sekretaris",
					    "staff", "",      "",	    "",	    ""};
	assert_int_equal(zi_sign_upsert(&sigs, c), ZI_SIGN_UPDATED);
	assert_int_equal(sigs.n, 1);
	assert_str(zi_table_get(&sigs, 0, ZI_G_POSITION), "Sekretaris");
	assert_str(zi_table_get(&sigs, 0, ZI_G_EVIDENCE), "evidence/dpkp/x.pdf");
	const char *d[ZI_G_CONFLICT + 1] = {NIP_A,   "lhkpn", "2026-01-05", "Budi", "",
					    "staff", "",      "",	    "",	    ""};
	assert_int_equal(zi_sign_upsert(&sigs, d), ZI_SIGN_ADDED);
	assert_int_equal(sigs.n, 2);
	zi_table_release(&sigs);
}

/* zi-sign coi: each unit not retired, and the sum. */
static void test_coi_units(void **state)
{
	(void)state;
	char *dir = zt_bare_records();
	zt_put(dir, "units.csv",
	       ZT_UNITS_HEADER "dpkp,Dinas Perumahan,,,,,,,,,,,false\n"
			       "lama,Dinas Lama,,,,,,,,,,,true\n"
			       "rsud,RSUD Kota,,,,,,,,,,,false\n");
	zt_put(dir, "staff/dpkp.csv", roster_csv);
	zt_put(dir, "signatures/dpkp.csv",
	       ZT_SIGNATURES_HEADER NIP_A
	       ",coi,2026-01-05,Budi Santoso,Kepala Dinas,staff,,,,true\n");
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, dir, &d), 0);
	struct zi_table units;
	assert_int_equal(zi_records_load(&st, "units", NULL, &units, &d), 0);
	struct zi_coi_unit *per;
	size_t n;
	struct zi_coi_counts total = {0};
	assert_int_equal(zi_coi_units(&st, &units, "2026-03-01", &per, &n, &total, &d), 0);
	assert_int_equal(n, 2);
	assert_str(per[0].id, "dpkp");
	assert_str(per[1].id, "rsud");
	assert_int_equal(per[1].c.owed, 0);
	assert_int_equal(per[0].c.declared, 1);
	assert_int_equal(per[0].c.conflicts, 1);
	assert_int_equal(total.owed, per[0].c.owed);
	assert_int_equal(total.declared, 1);
	free(per);
	zi_table_release(&units);
	zi_store_close(&st);
	zi_diag_release(&d);
	zt_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_names),
		cmocka_unit_test(test_import_rows),
		cmocka_unit_test(test_coi_units),
		cmocka_unit_test_setup_teardown(test_signer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upsert, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage_render, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage_coi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage_nobody, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage_unit_fast_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_records_load_fields, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
