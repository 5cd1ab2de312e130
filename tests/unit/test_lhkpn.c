/* lib/lhkpn: names with titles and degrees reduced to what a roster and the
 * e-LHKPN list share; which statuses are complete filings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lhkpn.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_person_key),
		cmocka_unit_test(test_complete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
