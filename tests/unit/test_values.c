/* lib/values: the values people type into spreadsheets (issue 2, "Values"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "values.h"
#include "zitest.h"

static void date_ok(const char *in, const char *want)
{
	char out[11] = "";
	struct zi_verr err = {0};
	zt_case_int(zi_value_date(in, out, &err), 0, "date '%s' refused: %s", in, err.msg);
	zt_case_str(out, want, "date '%s'", in);
}

static void date_bad(const char *in)
{
	char out[11] = "";
	struct zi_verr err = {0};
	zt_case_int(zi_value_date(in, out, &err), -1, "date '%s' accepted as %s", in, out);
	zt_case_str(err.code, "date-invalid", "date '%s'", in);
	zt_case_true(strlen(err.msg) > 0, "date '%s'", in);
}

static void test_date_formats(void **state)
{
	(void)state;
	/* issue 10: as spreadsheets and people write them */
	date_ok("12-Jan-2026", "2026-01-12");
	date_ok("12 Jan 2026", "2026-01-12");
	date_ok("12-Agt-2026", "2026-08-12");
	date_ok("Senin, 12 Januari 2026", "2026-01-12");
	date_ok("senin 12 januari 2026", "2026-01-12");
	date_ok("Jum'at, 16 Januari 2026", "2026-01-16");
	date_ok("Monday, 12 January 2026", "2026-01-12");
	date_ok("2026-01-12 08:30:00", "2026-01-12");
	date_ok("2026-01-12T08:30", "2026-01-12");
	date_bad("Selasa, 12 Januari 2026"); /* 12 January 2026 is a Monday */
	date_bad("Hari, 12 Januari 2026");
	date_bad("12-Foo-2026");
	date_bad("2026-01-12 08");
	date_ok("2022-07-25", "2022-07-25");
	date_ok("25/07/2022", "2022-07-25");
	date_ok("25-07-2022", "2022-07-25");
	/* leading zeros optional */
	date_ok("1/6/2021", "2021-06-01");
	date_ok("01/06/2021", "2021-06-01");
	date_ok("1/06/2021", "2021-06-01");
	date_ok("01/6/2021", "2021-06-01");
	date_ok("1-6-2021", "2021-06-01");
	/* day first, never month first */
	date_ok("12/01/2023", "2023-01-12");
	/* month names, Indonesian and English, any case */
	date_ok("25 Juli 2022", "2022-07-25");
	date_ok("25 July 2022", "2022-07-25");
	date_ok("25 juli 2022", "2022-07-25");
	date_ok("25 JULI 2022", "2022-07-25");
	date_ok("1 Januari 2020", "2020-01-01");
	date_ok("1 January 2020", "2020-01-01");
	date_ok("29 Februari 2024", "2024-02-29");
	date_ok("29 February 2024", "2024-02-29");
	date_ok("3 Maret 2021", "2021-03-03");
	date_ok("3 March 2021", "2021-03-03");
	date_ok("30 April 2021", "2021-04-30");
	date_ok("5 Mei 2023", "2023-05-05");
	date_ok("5 May 2023", "2023-05-05");
	date_ok("6 Juni 2023", "2023-06-06");
	date_ok("6 June 2023", "2023-06-06");
	date_ok("17 Agustus 1945", "1945-08-17");
	date_ok("17 August 1945", "1945-08-17");
	date_ok("9 September 2021", "2021-09-09");
	date_ok("28 Oktober 2021", "2021-10-28");
	date_ok("28 October 2021", "2021-10-28");
	date_ok("10 November 2021", "2021-11-10");
	date_ok("25 Desember 2021", "2021-12-25");
	date_ok("25 December 2021", "2021-12-25");
	date_ok("25 Agt 2021", "2021-08-25");
	date_ok("01 Des 2021", "2021-12-01");
	/* leap years */
	date_ok("29/02/2024", "2024-02-29");
	date_ok("29/02/2000", "2000-02-29");
}

static void test_date_iso(void **state)
{
	(void)state;
	char out[11];
	out[10] = 0;
	zi_date_iso(2026, 1, 5, out);
	assert_str(out, "2026-01-05");
	zi_date_iso(1999, 12, 31, out);
	assert_str(out, "1999-12-31");
}

static void test_date_invalid(void **state)
{
	(void)state;
	date_bad("31/02/2022");
	date_bad("29/02/2023");
	date_bad("29/02/1900"); /* 1900 is not a leap year */
	date_bad("2022-02-30");
	date_bad("2022-13-01");
	date_bad("2022-00-10");
	date_bad("00/01/2022");
	date_bad("25/13/2022");
	date_bad("31/04/2022");
	date_bad("31 Juni 2022");
	date_bad("25 Juta 2022"); /* no such month */
	date_bad("25 2022");
	date_bad("25/07/22"); /* two-digit year */
	date_bad("25/07/20222");
	date_bad("2022/07/25");
	date_bad("25/07-2022"); /* mixed separators */
	date_bad("25/+7/2022"); /* signs and spaces are no digits */
	date_bad("25/ 7/2022");
	date_bad("25/-7/2022");
	date_bad("25/07/+2022");
	date_bad("25-07- 2022");
	date_bad("25/07/ 2022");
	date_bad("125/07/2022");
	date_bad("25//2022");
	date_bad("");
	date_bad("kemarin");
	date_bad("2022-07-25x");
	date_bad("25 Juli 2022 ");
	date_bad("25/07/2022 10:00");
	date_bad("44767"); /* a spreadsheet serial number is no date */
	/* a NULL error pointer is allowed */
	char out[11];
	assert_int_equal(zi_value_date("31/02/2022", out, NULL), -1);
}

static void test_date_days_and_valid(void **state)
{
	(void)state;
	assert_int_equal(zi_date_days("1970-01-01"), 0);
	assert_int_equal(zi_date_days("2000-02-29"), 11016);
	assert_int_equal(zi_date_days("2026-11-22"), 20779);
	assert_int_equal(zi_date_days("1900-01-01"), -25567);
	assert_int_equal(zi_date_days("2022-02-30"), -1);
	assert_int_equal(zi_date_days("25/07/2022"), -1);
	assert_int_equal(zi_date_days("2022-7-25"), -1);
	assert_int_equal(zi_date_days(""), -1);
	assert_int_equal(zi_date_days("2022-07-255"), -1);
	/* consecutive days differ by one across a month and a year */
	assert_int_equal(zi_date_days("2022-03-01") - zi_date_days("2022-02-28"), 1);
	assert_int_equal(zi_date_days("2024-03-01") - zi_date_days("2024-02-28"), 2);
	assert_int_equal(zi_date_days("2023-01-01") - zi_date_days("2022-12-31"), 1);
	assert_true(zi_date_valid(2024, 2, 29));
	assert_false(zi_date_valid(2023, 2, 29));
	assert_false(zi_date_valid(2100, 2, 29));
	assert_true(zi_date_valid(2000, 2, 29));
	assert_false(zi_date_valid(2022, 4, 31));
	assert_true(zi_date_valid(2022, 12, 31));
	assert_false(zi_date_valid(2022, 0, 1));
	assert_false(zi_date_valid(2022, 1, 0));
}

static void test_every_day_round_trips(void **state)
{
	(void)state;
	/* every day of 1900..2199 in each import format reads back as itself,
	 * and consecutive days are one day apart */
	static const char *const id_months[] = {"Januari",   "Februari", "Maret",    "April",
						"Mei",	     "Juni",	 "Juli",     "Agustus",
						"September", "Oktober",	 "November", "Desember"};
	static const char *const en_months[] = {"January",   "February", "March",    "April",
						"May",	     "June",	 "July",     "August",
						"September", "October",	 "November", "December"};
	long prev = 0;
	int ndays = 0, have_prev = 0;
	for (int y = 1900; y <= 2199; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
				static const int mdays[] = {31, 28, 31, 30, 31, 30,
							    31, 31, 30, 31, 30, 31};
				int real = d <= mdays[m - 1] + (m == 2 && leap);
				assert_int_equal(zi_date_valid(y, m, d), real);
				char iso[40], in[64], out[11];
				snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
				if (!real) {
					snprintf(in, sizeof(in), "%d/%d/%d", d, m, y);
					assert_int_equal(zi_value_date(in, out, NULL), -1);
					assert_int_equal(zi_date_days(iso), -1);
					continue;
				}
				ndays++;
				long days = zi_date_days(iso);
				if (have_prev)
					assert_int_equal(days, prev + 1);
				prev = days;
				have_prev = 1;
				/* every format: for recent years every day, else a sample
				 * (valgrind runs this too) */
				if (!(y >= 2020 && y <= 2024) && ndays % 17)
					continue;
				const char *fmts[] = {"%02d/%02d/%d", "%d/%d/%d", "%02d-%02d-%d",
						      "%d-%d-%d"};
				for (size_t k = 0; k < 4; k++) {
					snprintf(in, sizeof(in), fmts[k], d, m, y);
					assert_int_equal(zi_value_date(in, out, NULL), 0);
					assert_string_equal(out, iso);
				}
				snprintf(in, sizeof(in), "%d %s %d", d, id_months[m - 1], y);
				assert_int_equal(zi_value_date(in, out, NULL), 0);
				assert_string_equal(out, iso);
				snprintf(in, sizeof(in), "%d %s %d", d, en_months[m - 1], y);
				assert_int_equal(zi_value_date(in, out, NULL), 0);
				assert_string_equal(out, iso);
				assert_int_equal(zi_value_date(iso, out, NULL), 0);
				assert_string_equal(out, iso);
			}
	assert_int_equal(ndays, 109573); /* 300 years: 300*365 + 73 leap days */
	assert_int_equal(zi_date_days("2199-12-31"), zi_date_days("1900-01-01") + 109572);
}

static void nip_ok(const char *in, const char *want)
{
	char out[19] = "";
	struct zi_verr err = {0};
	zt_case_int(zi_value_nip(in, out, &err), 0, "NIP '%s' refused: %s", in, err.msg);
	zt_case_str(out, want, "NIP '%s'", in);
}

static const char *nip_bad(const char *in, struct zi_verr *err)
{
	char out[19] = "";
	memset(err, 0, sizeof(*err));
	zt_case_int(zi_value_nip(in, out, err), -1, "NIP '%s' accepted as %s", in, out);
	zt_case_true(err->code != NULL, "NIP '%s'", in);
	zt_case_true(strlen(err->msg) > 0, "NIP '%s'", in);
	return err->code;
}

static void test_nip(void **state)
{
	(void)state;
	struct zi_verr err;
	nip_ok("198503152010011001", "198503152010011001");
	nip_ok("19850315 201001 1 001", "198503152010011001");
	nip_ok("19850315 201001 2 001", "198503152010012001");
	nip_ok("  19850315  201001  1  001", "198503152010011001");
	nip_ok("19850315.201001.1.001", "198503152010011001");
	/* no-break spaces between the groups, as spreadsheets format them */
	nip_ok("19850315\xC2\xA0"
	       "201001\xC2\xA0"
	       "1\xC2\xA0"
	       "001",
	       "198503152010011001");
	/* a quote in front is how people force text in a spreadsheet */
	nip_ok("'198503152010011001", "198503152010011001");
	/* scientific notation: the spreadsheet turned the column into numbers */
	assert_str(nip_bad("1,98503E+17", &err), "nip-scientific");
	assert_non_null(strstr(err.msg, "1,98503E+17"));
	assert_non_null(strstr(err.msg, "as text")); /* the hint */
	assert_str(nip_bad("1.98503E+17", &err), "nip-scientific");
	assert_str(nip_bad("1,98503e+17", &err), "nip-scientific");
	assert_str(nip_bad("1.985031520100110E17", &err), "nip-scientific");
	/* wrong length */
	assert_str(nip_bad("19850315201001100", &err), "nip-length");
	assert_str(nip_bad("1985031520100110011", &err), "nip-length");
	assert_str(nip_bad("", &err), "nip-length");
	assert_str(nip_bad("123", &err), "nip-length");
	/* longer than any buffer inside */
	assert_str(nip_bad("1234567890123456789012345678901234567890"
			   "1234567890123456789012345678901234567890",
			   &err),
		   "nip-length");
	/* letters */
	assert_str(nip_bad("19850315201001100A", &err), "nip-invalid");
	assert_str(nip_bad("19850315\xC2"
			   "201001 1 001",
			   &err),
		   "nip-invalid");
	/* bad birth date: 30 February, month 13 */
	assert_str(nip_bad("198502302010011001", &err), "nip-birth-date");
	assert_str(nip_bad("198513012010011001", &err), "nip-birth-date");
	assert_str(nip_bad("000000002010011001", &err), "nip-birth-date");
	/* appointment month 13 or 00 */
	assert_str(nip_bad("198503152010131001", &err), "nip-appointment");
	assert_str(nip_bad("198503152010001001", &err), "nip-appointment");
	/* appointed before birth */
	assert_str(nip_bad("198503151980011001", &err), "nip-appointment");
	/* the sex digit is 1 or 2 */
	assert_str(nip_bad("198503152010013001", &err), "nip-sex");
	assert_str(nip_bad("198503152010010001", &err), "nip-sex");
	assert_str(nip_bad("198503152010019001", &err), "nip-sex");
	/* a NULL error pointer is allowed */
	char out[19];
	assert_int_equal(zi_value_nip("1,98503E+17", out, NULL), -1);
}

static void bool_is(const char *in, int want)
{
	int v = -1;
	struct zi_verr err = {0};
	zt_case_int(zi_value_bool(in, &v, &err), 0, "boolean '%s' refused", in);
	zt_case_int(v, want, "boolean '%s'", in);
}

static void test_bool(void **state)
{
	(void)state;
	const char *yes[] = {"true", "TRUE", "True", "ya", "Ya", "YA", "y", "Y", "yes", "Yes", "1"};
	const char *no[] = {"false", "FALSE", "tidak", "Tidak", "TIDAK", "t",
			    "T",     "no",    "No",    "n",	"0"};
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		bool_is(yes[i], 1);
	/* y/t is ya/tidak: "t" is false, not true */
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		bool_is(no[i], 0);
	const char *bad[] = {"", "2", "maybe", "yaa", "-1", "true false"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int v = 7;
		struct zi_verr err = {0};
		zt_case_int(zi_value_bool(bad[i], &v, &err), -1, "boolean '%s' accepted", bad[i]);
		zt_case_str(err.code, "bool-invalid", "boolean '%s'", bad[i]);
		zt_case_int(v, 7, "boolean '%s' changed the value", bad[i]); /* untouched */
	}
}

static void number_is(const char *in, double want)
{
	double v = -12345;
	struct zi_verr err = {0};
	zt_case_int(zi_value_number(in, &v, &err), 0, "number '%s' refused: %s", in, err.msg);
	zt_case_true(v == want, "number '%s' read as %.17g", in, v);
}

static void test_number(void **state)
{
	(void)state;
	number_is("3,5", 3.5);
	number_is("3.5", 3.5);
	number_is("87,25", 87.25);
	number_is("-0,75", -0.75);
	number_is("+2", 2);
	number_is("100", 100);
	number_is("0", 0);
	const char *bad[] = {"",    "abc", "1.000,5", "1,000,000", ",5",  "5,",	  "-",	 "+",
			     "-,5", "1e5", "1 000",   "3,5%",	   "--1", "0x10", "nan", "inf"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		double v;
		struct zi_verr err = {0};
		int rc = zi_value_number(bad[i], &v, &err);
		if (!rc)
			fprintf(stderr, "  '%s' accepted\n", bad[i]);
		assert_int_equal(rc, -1);
		assert_str(err.code, "number-invalid");
	}
	/* too long for the internal buffer is refused, not cut */
	char longnum[100];
	memset(longnum, '1', sizeof(longnum) - 1);
	longnum[sizeof(longnum) - 1] = 0;
	double v;
	assert_int_equal(zi_value_number(longnum, &v, NULL), -1);
}

static void test_integer(void **state)
{
	(void)state;
	long long v = 0;
	struct zi_verr err = {0};
	assert_int_equal(zi_value_integer("42", &v, &err), 0);
	assert_int_equal(v, 42);
	assert_int_equal(zi_value_integer("-7", &v, &err), 0);
	assert_int_equal(v, -7);
	assert_int_equal(zi_value_integer("+2026", &v, &err), 0);
	assert_int_equal(v, 2026);
	const char *bad[] = {"", "-", "4.0", "4,5", "1e3", "abc", " 4", "1234567890123456"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		memset(&err, 0, sizeof(err));
		assert_int_equal(zi_value_integer(bad[i], &v, &err), -1);
		assert_str(err.code, "integer-invalid");
	}
}

static void test_format_number(void **state)
{
	(void)state;
	char out[64];
	zi_format_number(0.1, out, sizeof(out));
	assert_str(out, "0.1");
	zi_format_number(3.0, out, sizeof(out));
	assert_str(out, "3");
	zi_format_number(-0.25, out, sizeof(out));
	assert_str(out, "-0.25");
	zi_format_number(87.123, out, sizeof(out));
	assert_str(out, "87.123");
	zi_format_number(0.1 + 0.2, out, sizeof(out));
	assert_str(out, "0.30000000000000004"); /* reads back as the same double */
	zi_format_number(1234567.5, out, sizeof(out));
	assert_str(out, "1234567.5");
	/* never an exponent, and no trailing zeros: 10 is "10", not "1e+01" */
	zi_format_number(10, out, sizeof(out));
	assert_str(out, "10");
	zi_format_number(100, out, sizeof(out));
	assert_str(out, "100");
	zi_format_number(-2500, out, sizeof(out));
	assert_str(out, "-2500");
	zi_format_number(1e6, out, sizeof(out));
	assert_str(out, "1000000");
	zi_format_number(1e20, out, sizeof(out));
	assert_str(out, "100000000000000000000");
	zi_format_number(1e-5, out, sizeof(out));
	assert_str(out, "0.00001");
	zi_format_number(1e-7, out, sizeof(out));
	assert_str(out, "0.0000001");
	zi_format_number(0.000125, out, sizeof(out));
	assert_str(out, "0.000125");
	/* whatever the value, the text reads back as the same double */
	const double vs[] = {1.0 / 3, 2.0 / 3 * 1e7, 123456789.125, 5e-9, 98.76543210987};
	for (size_t i = 0; i < sizeof(vs) / sizeof(*vs); i++) {
		zi_format_number(vs[i], out, sizeof(out));
		assert_null(strchr(out, 'e'));
		assert_true(strtod(out, NULL) == vs[i]);
	}
}

static void slug_ok(const char *in)
{
	struct zi_verr err = {0};
	zt_case_int(zi_value_slug(in, &err), 0, "id '%s' refused: %s", in, err.msg);
}

static void slug_bad(const char *in)
{
	struct zi_verr err = {0};
	zt_case_int(zi_value_slug(in, &err), -1, "id '%s' accepted", in);
	zt_case_str(err.code, "id-not-slug", "id '%s'", in);
	zt_case_true(strlen(err.msg) > 0, "id '%s'", in);
}

static void test_slug(void **state)
{
	(void)state;
	slug_ok("dinkes");
	slug_ok("dinas-kesehatan");
	slug_ok("rsud-2");
	slug_ok("2024");
	char s64[65], s65[66];
	memset(s64, 'a', 64);
	s64[64] = 0;
	memset(s65, 'a', 65);
	s65[65] = 0;
	slug_ok(s64);
	slug_bad(s65);
	slug_bad("../x");
	slug_bad("..");
	slug_bad(".");
	slug_bad("a/b");
	slug_bad("/etc");
	slug_bad("a\\b");
	slug_bad("");
	slug_bad("-x");
	slug_bad("Dinkes");
	slug_bad("dinas kesehatan");
	slug_bad("dinas_kesehatan");
	slug_bad("caf\xC3\xA9");
	slug_bad("a\nb");
	/* the message names a long id without printing all of it */
	struct zi_verr err = {0};
	char s200[201];
	memset(s200, 'b', 200);
	s200[200] = 0;
	assert_int_equal(zi_value_slug(s200, &err), -1);
	assert_true(strlen(err.msg) < 150);
}

static void test_enum(void **state)
{
	(void)state;
	static const char *const targets[] = {"WBK", "WBBM"};
	const char *out = NULL;
	struct zi_verr err = {0};
	assert_int_equal(zi_value_enum("wbk", targets, 2, &out, &err), 0);
	assert_ptr_equal(out, targets[0]);
	assert_int_equal(zi_value_enum("Wbbm", targets, 2, &out, &err), 0);
	assert_ptr_equal(out, targets[1]);
	assert_int_equal(zi_value_enum("WB", targets, 2, &out, &err), -1);
	assert_str(err.code, "enum-invalid");
	assert_non_null(strstr(err.msg, "WBK, WBBM"));
	assert_non_null(strstr(err.msg, "'WB'"));
	assert_int_equal(zi_value_enum("", targets, 2, &out, &err), -1);
	/* a long list of choices does not overflow the message */
	const char *many[60];
	for (int i = 0; i < 60; i++)
		many[i] = "a-rather-long-choice-name";
	assert_int_equal(zi_value_enum("x", many, 60, &out, &err), -1);
	assert_true(strlen(err.msg) < sizeof(err.msg));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_formats),
		cmocka_unit_test(test_date_iso),
		cmocka_unit_test(test_date_invalid),
		cmocka_unit_test(test_date_days_and_valid),
		cmocka_unit_test(test_every_day_round_trips),
		cmocka_unit_test(test_nip),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_integer),
		cmocka_unit_test(test_format_number),
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_enum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
