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
	char b[64];
	zi_fmt_num("id", 81.7349, 2, 0, b, sizeof(b));
	assert_str(b, "81,73");
	zi_fmt_num("en", 81.7349, 2, 0, b, sizeof(b));
	assert_str(b, "81.73");
	zi_fmt_num("id", 1250, 0, 0, b, sizeof(b));
	assert_str(b, "1.250");
	zi_fmt_num("id", 1234567.891, 2, 0, b, sizeof(b));
	assert_str(b, "1.234.567,89");
	zi_fmt_num("en", 1234567.891, 2, 0, b, sizeof(b));
	assert_str(b, "1234567.89");
	zi_fmt_num("id", 100, 2, 0, b, sizeof(b));
	assert_str(b, "100,00");
	zi_fmt_num("id", 999, 0, 0, b, sizeof(b));
	assert_str(b, "999");
	/* negative zero is zero, without a sign even for a change */
	zi_fmt_num("id", -0.001, 2, 0, b, sizeof(b));
	assert_str(b, "0,00");
	zi_fmt_num("id", -0.001, 2, 1, b, sizeof(b));
	assert_str(b, "0,00");
	zi_fmt_num("id", -1234.5, 2, 1, b, sizeof(b));
	assert_str(b, "-1.234,50");
	zi_fmt_num("id", 12.5, 2, 1, b, sizeof(b));
	assert_str(b, "+12,50");
	zi_fmt_num("en", NAN, 2, 0, b, sizeof(b));
	assert_str(b, "-");
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
	char b[64];
	zi_fmt_date_long("id", "2026-10-31", b, sizeof(b));
	assert_str(b, "31 Oktober 2026");
	zi_fmt_date_long("en", "2026-10-31", b, sizeof(b));
	assert_str(b, "31 October 2026");
	zi_fmt_date_long("id", "2026-02-01", b, sizeof(b));
	assert_str(b, "1 Februari 2026");
	zi_fmt_month_long("id", "2026-10", b, sizeof(b));
	assert_str(b, "Oktober 2026");
	zi_fmt_month_long("en", "2026-08", b, sizeof(b));
	assert_str(b, "August 2026");
	zi_fmt_month_long("id", "2026-12-31", b, sizeof(b));
	assert_str(b, "Desember 2026");
	/* not a date: shown as it is */
	zi_fmt_date_long("id", "", b, sizeof(b));
	assert_str(b, "");
	zi_fmt_date_long("id", "2026-13-01", b, sizeof(b));
	assert_str(b, "2026-13-01");
	zi_fmt_date_long("id", "31/10/2026", b, sizeof(b));
	assert_str(b, "31/10/2026");
	zi_fmt_month_long("en", "soon", b, sizeof(b));
	assert_str(b, "soon");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
