/* lib/lhkpn: names with titles and degrees reduced to what a roster and the
 * e-LHKPN list share; which statuses are complete filings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lhkpn.h"
#include "records.h"
#include "schema.h"
#include "zitest.h"

static void key_is(const char *in, const char *want)
{
	char out[128];
	zi_person_key(in, out, sizeof(out));
	assert_string_equal(out, want);
}

static void test_person_key(void **state)
{
	(void)state;
	key_is("Budi Santoso", "budi santoso");
	key_is("dr. H. BUDI  SANTOSO, M.Kes", "budi santoso");
	key_is("Ir. Andi Wijaya, S.T., M.T.", "andi wijaya");
	key_is("Hj. Siti Aminah S.Kom", "siti aminah");
	key_is("drg Dewi Lestari", "dewi lestari");
	key_is("Prof. Dr. Ir. Agus Salim, M.Si.", "agus salim");
	key_is("", "");
	key_is("dr.", "");
	/* a small buffer cuts at a word, never inside one */
	char small[8];
	zi_person_key("Budi Santoso", small, sizeof(small));
	assert_string_equal(small, "budi");
}

static void test_complete(void **state)
{
	(void)state;
	assert_true(zi_lhkpn_complete("Diumumkan Lengkap"));
	assert_true(zi_lhkpn_complete("TERVERIFIKASI LENGKAP"));
	assert_true(zi_lhkpn_complete(" terverifikasi  lengkap "));
	assert_false(zi_lhkpn_complete("Draft"));
	assert_false(zi_lhkpn_complete("Belum Lapor"));
	assert_false(zi_lhkpn_complete("Diumumkan Tidak Lengkap"));
	assert_false(zi_lhkpn_complete(""));
}

/* The list matched to the rosters: within the unit it names (by id, short
 * name, name or the map), anywhere when none; each row's outcome. */
static void test_match(void **state)
{
	(void)state;
	char *dir = zt_bare_records();
	zt_put(dir, "units.csv",
	       ZT_UNITS_HEADER "dpkp,Dinas Perumahan,Perkim,,,,,,,,,,false\n"
			       "lama,Dinas Lama,,,,,,,,,,,true\n"
			       "rsud,RSUD Kota,,,,,,,,,,,false\n");
	zt_put(dir, "staff/dpkp.csv",
	       ZT_STAFF_HEADER
	       "198503122010011002,Budi Santoso,Kepala Dinas,IV/b,pimpinan,true,2020-01-01,\n"
	       "199001012015032001,Siti Aminah,Analis,III/c,fungsional,true,2021-03-01,\n");
	zt_put(dir, "staff/rsud.csv",
	       ZT_STAFF_HEADER
	       "198807072012121003,Budi Santoso,Direktur,IV/b,pimpinan,true,2020-01-01,\n");
	char *f3 = zi_xasprintf("%s/signatures/dpkp.csv", dir);
	zt_put(dir, "signatures/dpkp.csv",
	       ZT_SIGNATURES_HEADER
	       "199001012015032001,lhkpn,2026-02-01,Siti Aminah,Analis,staff,,,,\n");
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, dir, &d), 0);
	struct zi_table ut, list;
	assert_int_equal(zi_records_load(&st, "units", NULL, &ut, &d), 0);
	struct zi_lhkpn_match m;
	assert_int_equal(zi_lhkpn_load(&m, &st, &ut, "2026-03-31", &d), 0);
	assert_int_equal(m.nunits, 2); /* the retired unit is left out */
	zi_table_init(&list, zi_schema_get("elhkpn", &d));
	const char *rows[][ZI_E_NFIELDS] = {
		{"", "dr. Budi Santoso, M.Kes", "", "", "", "Diumumkan Lengkap"},
		{"", "BUDI SANTOSO", "", "Pemkot", "DPKP", "Diumumkan Lengkap"},
		{"", "Siti Aminah", "", "Perkim", "", "Terverifikasi Lengkap"},
		{"", "Andi Wijaya", "", "", "", "Diumumkan Lengkap"},
		{"", "Budi Santoso", "", "Rumah Sakit", "", "Draft"},
		{"", "Siti Aminah", "", "RSUD Kota", "", "Diumumkan Lengkap"},
	};
	for (size_t i = 0; i < 6; i++)
		zi_table_add(&list, rows[i], 0);
	char *map[] = {"Rumah Sakit", "rsud", NULL};
	assert_int_equal(zi_lhkpn_match(&m, &st, &list, map, &d), 0);
	assert_int_equal(m.n, 6);
	assert_int_equal(m.outcome[0], ZI_LHKPN_AMBIGUOUS);
	assert_str(m.also[0], "dpkp, rsud");
	assert_int_equal(m.outcome[1], ZI_LHKPN_RECORDED);
	assert_int_equal(m.at_unit[1], 0);
	assert_int_equal(m.at_row[1], 0);
	assert_int_equal(m.outcome[2], ZI_LHKPN_ALREADY);
	assert_int_equal(m.outcome[3], ZI_LHKPN_NOT_MATCHED);
	assert_null(m.also[3]);
	assert_int_equal(m.outcome[4], ZI_LHKPN_NOT_FILED);
	assert_int_equal(m.at_unit[4], 1);
	assert_int_equal(m.outcome[5], ZI_LHKPN_NOT_MATCHED);
	assert_str(m.also[5], "rsud");
	assert_int_equal(m.counts[ZI_LHKPN_RECORDED], 1);
	assert_int_equal(m.counts[ZI_LHKPN_NOT_MATCHED], 2);
	assert_true(m.units[1].hit[0]);
	assert_int_equal(zi_lhkpn_save(&m, &st, &d), 0);
	assert_int_equal(zi_store_commit(&st, "test", &d), 0);
	char *got = zt_read(f3, NULL);
	assert_non_null(
		strstr(got, "198503122010011002,lhkpn,2026-03-31,Budi Santoso,Kepala Dinas,staff"));
	free(got);
	struct zi_buf b;
	zi_buf_init(&b);
	zi_lhkpn_render(&m, &list, "list.csv", "text", 0, &b);
	assert_non_null(strstr(b.data, "list.csv: 6 rows on 2026-03-31: 1 lhkpn filings recorded, "
				       "1 already recorded, 1 not filed, 2 not matched, 1 matched "
				       "more than once\n"));
	assert_non_null(strstr(b.data, "matched more than once:\n"));
	zi_buf_reset(&b);
	zi_lhkpn_render(&m, &list, "list.csv", "json", 0, &b);
	assert_non_null(strstr(b.data, "\"matched_more_than_once\": ["));
	assert_non_null(strstr(b.data, "\"units\": \"dpkp, rsud\""));
	zi_buf_release(&b);
	zi_lhkpn_release(&m);
	zi_table_release(&list);
	zi_table_release(&ut);
	zi_store_close(&st);
	zi_diag_release(&d);
	zt_rmtree(dir);
	free(f3);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_person_key),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
