/* lib/fmt: numbers and dates for people, Indonesian and English. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "zitest.h"
#include "fmt.h"

static void test_num(void **state)
{
	(void)state;
	static const struct {
		const char *lang;
		double v;
		int decimals, sign;
		const char *want;
	} nums[] = {
		{"id", 81.7349, 2, 0, "81,73"},
		{"en", 81.7349, 2, 0, "81.73"},
		{"id", 1250, 0, 0, "1.250"},
		{"id", 1234567.891, 2, 0, "1.234.567,89"},
		{"en", 1234567.891, 2, 0, "1234567.89"},
		{"id", 100, 2, 0, "100,00"},
		{"id", 999, 0, 0, "999"},
		/* negative zero is zero, without a sign even for a change */
		{"id", -0.001, 2, 0, "0,00"},
		{"id", -0.001, 2, 1, "0,00"},
		{"id", -1234.5, 2, 1, "-1.234,50"},
		{"id", 12.5, 2, 1, "+12,50"},
		{"en", NAN, 2, 0, "-"},
	};
	char b[64];
	for (size_t i = 0; i < sizeof(nums) / sizeof(*nums); i++) {
		zi_fmt_num(nums[i].lang, nums[i].v, nums[i].decimals, nums[i].sign, b, sizeof(b));
		zt_case_str(b, nums[i].want, "zi_fmt_num %s %g %d %d", nums[i].lang, nums[i].v,
			    nums[i].decimals, nums[i].sign);
	}
	zi_fmt_int("id", -1250, b, sizeof(b));
	assert_str(b, "-1.250");
	zi_fmt_int("en", 1250, b, sizeof(b));
	assert_str(b, "1250");
	/* a small buffer is cut, never overrun */
	char s[5];
	zi_fmt_num("id", 1234567, 0, 0, s, sizeof(s));
	assert_str(s, "1.23");
}

static void test_dates(void **state)
{
	(void)state;
	/* not a date ("", 2026-13-01, 31/10/2026, soon): shown as it is */
	static const struct {
		void (*fmt)(const char *lang, const char *date, char *buf, size_t size);
		const char *lang, *in, *want;
	} dates[] = {
		{zi_fmt_date_long, "id", "2026-10-31", "31 Oktober 2026"},
		{zi_fmt_date_long, "en", "2026-10-31", "31 October 2026"},
		{zi_fmt_date_long, "id", "2026-02-01", "1 Februari 2026"},
		{zi_fmt_month_long, "id", "2026-10", "Oktober 2026"},
		{zi_fmt_month_long, "en", "2026-08", "August 2026"},
		{zi_fmt_month_long, "id", "2026-12-31", "Desember 2026"},
		{zi_fmt_date_long, "id", "", ""},
		{zi_fmt_date_long, "id", "2026-13-01", "2026-13-01"},
		{zi_fmt_date_long, "id", "31/10/2026", "31/10/2026"},
		{zi_fmt_month_long, "en", "soon", "soon"},
	};
	char b[64];
	for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++) {
		dates[i].fmt(dates[i].lang, dates[i].in, b, sizeof(b));
		zt_case_str(b, dates[i].want, "%s %s \"%s\"",
			    dates[i].fmt == zi_fmt_date_long ? "zi_fmt_date_long"
							     : "zi_fmt_month_long",
			    dates[i].lang, dates[i].in);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
