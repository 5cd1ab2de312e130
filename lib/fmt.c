/* Numbers and dates for people, in the report's language: see fmt.h. */
#include "fmt.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static const char *const months_en[12] = {"January",   "February", "March",    "April",
					  "May",       "June",	   "July",     "August",
					  "September", "October",  "November", "December"};
static const char *const months_id[12] = {"Januari",   "Februari", "Maret",    "April",
					  "Mei",       "Juni",	   "Juli",     "Agustus",
					  "September", "Oktober",  "November", "Desember"};

const char *zi_fmt_lang(void)
{
	/* the translation of "en" is the language code of the catalogue in use */
	return strcmp(_("en"), "id") ? "en" : "id";
}

static int is_id(const char *lang)
{
	return lang && !strcmp(lang, "id");
}

/* The name of month m (1-12) in lang. */
static const char *month_name(const char *lang, int m)
{
	const char *const *names = is_id(lang) ? months_id : months_en;
	return names[m - 1];
}

/* Puts digits (a run of '0'-'9') into out with sep every three from the
 * right; returns the length written. */
static size_t group(const char *digits, size_t len, char sep, char *out, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (sep && i && (len - i) % 3 == 0 && o + 1 < n)
			out[o++] = sep;
		if (o + 1 < n)
			out[o++] = digits[i];
	}
	if (n)
		out[o < n ? o : n - 1] = 0;
	return o;
}

void zi_fmt_num(const char *lang, double v, int decimals, int sign, char *out, size_t n)
{
	char raw[64];
	if (!isfinite(v)) {
		snprintf(out, n, "-");
		return;
	}
	snprintf(raw, sizeof(raw), sign ? "%+.*f" : "%.*f", decimals, v);
	/* a value that rounds to zero has no sign */
	int zero = 1;
	for (const char *p = raw; *p; p++)
		if (*p >= '1' && *p <= '9')
			zero = 0;
	const char *p = raw;
	char lead = 0;
	if (*p == '-' || *p == '+') {
		lead = zero ? 0 : *p;
		p++;
	}
	size_t ilen = strspn(p, "0123456789");
	char *o = out;
	size_t left = n;
	if (lead && left > 1) {
		*o++ = lead;
		left--;
	}
	size_t w = group(p, ilen, is_id(lang) ? '.' : 0, o, left);
	o += w;
	left -= w;
	if (p[ilen] == '.')
		snprintf(o, left, "%c%s", is_id(lang) ? ',' : '.', p + ilen + 1);
	else if (left)
		*o = 0;
}

void zi_fmt_int(const char *lang, long v, char *out, size_t n)
{
	zi_fmt_num(lang, (double)v, 0, 0, out, n);
}

/* Reads YYYY-MM (day 0) or YYYY-MM-DD (day 1): 1 when s is exactly that. */
static int iso_parts(const char *s, int day, int *y, int *m, int *d)
{
	if (!s || strlen(s) != (day ? 10u : 7u))
		return 0;
	for (int i = 0; s[i]; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	*d = 1;
	if (sscanf(s, day ? "%4d-%2d-%2d" : "%4d-%2d", y, m, d) != (day ? 3 : 2))
		return 0;
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

void zi_fmt_date_long(const char *lang, const char *iso, char *out, size_t n)
{
	int y, m, d;
	if (!iso_parts(iso, 1, &y, &m, &d)) {
		snprintf(out, n, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, n, "%d %s %04d", d, month_name(lang, m), y);
}

void zi_fmt_month_long(const char *lang, const char *iso, char *out, size_t n)
{
	int y, m, d;
	if (!iso_parts(iso, 0, &y, &m, &d) && !iso_parts(iso, 1, &y, &m, &d)) {
		snprintf(out, n, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, n, "%s %04d", month_name(lang, m), y);
}
