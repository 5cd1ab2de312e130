/* Numbers and dates as people read them, in one place for every human format
 * (text, Markdown, HTML): Indonesian "31 Oktober 2026", "81,73", "1.250";
 * English "31 October 2026", "81.73", "1250". Machine formats (CSV, JSON,
 * SVG coordinates) never use these: they keep ISO dates and decimal points. */
#ifndef ZI_FMT_H
#define ZI_FMT_H

#include <stddef.h>

/* "id" when the messages are in Indonesian (the language the caller set for
 * _()), else "en". */
const char *zi_fmt_lang(void);

/* v with decimals digits after the separator ("-0,00" shows as "0,00"); in
 * Indonesian a comma before the decimals and a dot between thousands. With
 * sign, a '+' before positive values (for changes). */
void zi_fmt_num(const char *lang, double v, int decimals, int sign, char *out, size_t n);

/* An integer with thousands grouped in Indonesian ("1.250"). */
void zi_fmt_int(const char *lang, long v, char *out, size_t n);

/* YYYY-MM-DD as "31 Oktober 2026" / "31 October 2026"; anything else is
 * copied unchanged (a date the records did not give stays visible as is). */
void zi_fmt_date_long(const char *lang, const char *iso, char *out, size_t n);

/* YYYY-MM (or a date) as "Oktober 2026" / "October 2026"; anything else is
 * copied unchanged. */
void zi_fmt_month_long(const char *lang, const char *iso, char *out, size_t n);

#endif
