#include "values.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

int zi_verr_set(struct zi_verr *err, const char *code, const char *fmt, ...)
{
	if (err) {
		err->code = code;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return -1;
}

int zi_date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

long zi_date_days(const char *s)
{
	int y, m, d;
	char tail;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    !zi_date_valid(y, m, d))
		return -1;
	/* days from civil, proleptic Gregorian */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static const struct {
	const char *name;
	int month;
} month_names[] = {
	{"januari", 1},	 {"january", 1},   {"jan", 1},	     {"februari", 2},  {"february", 2},
	{"pebruari", 2}, {"feb", 2},	   {"peb", 2},	     {"maret", 3},     {"march", 3},
	{"mar", 3},	 {"april", 4},	   {"apr", 4},	     {"mei", 5},       {"may", 5},
	{"juni", 6},	 {"june", 6},	   {"jun", 6},	     {"juli", 7},      {"july", 7},
	{"jul", 7},	 {"agustus", 8},   {"august", 8},    {"agu", 8},       {"agt", 8},
	{"aug", 8},	 {"september", 9}, {"sep", 9},	     {"sept", 9},      {"oktober", 10},
	{"october", 10}, {"okt", 10},	   {"oct", 10},	     {"november", 11}, {"nopember", 11},
	{"nov", 11},	 {"nop", 11},	   {"desember", 12}, {"december", 12}, {"des", 12},
	{"dec", 12},
};

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

void zi_date_plus_year(const char *date, char out[11])
{
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	if (m == 2 && d == 29)
		d = 28;
	zi_date_iso((unsigned)(y + 1) % 10000, (unsigned)m % 100, (unsigned)d % 100, out);
	out[10] = 0;
}

void zi_date_iso(unsigned y, unsigned m, unsigned d, char out[10])
{
	/* no snprintf on the hot path (every date of every imported row) */
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10 % 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10 % 10);
	out[9] = (char)('0' + d % 10);
}

/* A weekday written before a date ("Senin, 12 Januari 2026"): its number
 * (0 Sunday, as struct tm has it) and its length, or -1. */
static int weekday_prefix(const char *in, size_t *len)
{
	static const struct {
		const char *name;
		int wday;
	} days[] = {
		{"minggu", 0},	 {"ahad", 0},	 {"senin", 1},	   {"selasa", 2},   {"rabu", 3},
		{"kamis", 4},	 {"jumat", 5},	 {"jum'at", 5},	   {"sabtu", 6},    {"sunday", 0},
		{"monday", 1},	 {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4}, {"friday", 5},
		{"saturday", 6}, {"sun", 0},	 {"mon", 1},	   {"tue", 2},	    {"wed", 3},
		{"thu", 4},	 {"fri", 5},	 {"sat", 6},
	};
	size_t n = 0;
	while (in[n] && (isalpha((unsigned char)in[n]) || in[n] == '\''))
		n++;
	if (!n || n > 9 || (in[n] != ',' && in[n] != ' '))
		return -1;
	char w[12];
	for (size_t i = 0; i < n; i++)
		w[i] = (char)tolower((unsigned char)in[i]);
	w[n] = 0;
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		if (!strcmp(w, days[i].name)) {
			while (in[n] == ',' || in[n] == ' ')
				n++;
			*len = n;
			return days[i].wday;
		}
	return -1;
}

int zi_date_from_serial(long serial, int date1904, struct tm *out)
{
	/* 1900 system: day 1 is 1900-01-01, and day 60 the 29 February 1900
	 * that Lotus 1-2-3 believed in and Excel kept; 25569 is 1970-01-01.
	 * 1904 system: day 0 is 1904-01-01, 24107 days before 1970. */
	long days;
	if (date1904)
		days = serial - 24107;
	else if (serial >= 61)
		days = serial - 25569;
	else if (serial >= 1 && serial < 60)
		days = serial - 25568;
	else
		return -1;
	if (serial < 0 || serial > 2958465)
		return -1;
	time_t t = (time_t)days * 86400;
	return gmtime_r(&t, out) ? 0 : -1;
}

/* d/m/yyyy or d-m-yyyy or "25 Juli 2022" or "12-Jan-2026" (in starts with
 * a digit): the day, month and year, not yet checked as a real date. Returns
 * 0, or -1 with err filled (whole is the value as given, bad the message of
 * a form not understood). */
static int date_dmy(const char *in, const char *whole, const char *bad, int *y, int *m, int *d,
		    struct zi_verr *err)
{
	const char *p = in;
	char *e;
	long dd = strtol(p, &e, 10);
	if (e - p > 2)
		return zi_verr_set(err, "date-invalid", _(bad), whole);
	if ((*e == '/' || *e == '-' || *e == '.') && isdigit((unsigned char)e[1])) {
		char sep = *e;
		p = e + 1;
		/* digits only: strtol would also take "+7" or " 7" */
		long mm = isdigit((unsigned char)*p) ? strtol(p, &e, 10) : 0;
		if (e == p || e - p > 2 || *e != sep || !mm)
			return zi_verr_set(err, "date-invalid", _(bad), whole);
		p = e + 1;
		long yy = isdigit((unsigned char)*p) ? strtol(p, &e, 10) : 0;
		if (e - p != 4 || *e)
			return zi_verr_set(err, "date-invalid", _(bad), whole);
		*d = (int)dd;
		*m = (int)mm;
		*y = (int)yy;
	} else if (*e == ' ' || *e == '-' || *e == '/' || *e == '.') {
		p = e;
		while (*p == ' ' || *p == '-' || *p == '/' || *p == '.')
			p++;
		const char *ms = p;
		while (*p && isalpha((unsigned char)*p))
			p++;
		size_t ml = (size_t)(p - ms);
		char mon[16];
		if (ml == 0 || ml >= sizeof(mon))
			return zi_verr_set(err, "date-invalid", _(bad), whole);
		for (size_t i = 0; i < ml; i++)
			mon[i] = (char)tolower((unsigned char)ms[i]);
		mon[ml] = 0;
		for (size_t i = 0; i < sizeof(month_names) / sizeof(month_names[0]); i++)
			if (!strcmp(mon, month_names[i].name))
				*m = month_names[i].month;
		if (!*m)
			return zi_verr_set(err, "date-invalid",
					   _("unknown month name '%s' in '%s'"), mon, whole);
		if (*p == '.')
			p++;
		while (*p == ' ' || *p == '-' || *p == '/' || *p == ',')
			p++;
		long yy = isdigit((unsigned char)*p) ? strtol(p, &e, 10) : 0;
		if (e - p != 4 || *e)
			return zi_verr_set(err, "date-invalid", _(bad), whole);
		*d = (int)dd;
		*y = (int)yy;
	} else {
		return zi_verr_set(err, "date-invalid", _(bad), whole);
	}
	return 0;
}

int zi_value_date(const char *in, char out[11], struct zi_verr *err)
{
	int y = 0, m = 0, d = 0;
	size_t n = strlen(in);
	/* translated only on failure: this runs for every date of an import */
	const char *bad = N_("date expected as YYYY-MM-DD, dd/mm/yyyy or '25 Juli 2022', got '%s'");
	const char *whole = in;
	size_t skip = 0;
	int wday = isalpha((unsigned char)in[0]) ? weekday_prefix(in, &skip) : -1;
	if (wday >= 0) {
		in += skip;
		n -= skip;
	}
	/* a date-time (a spreadsheet cell with a time): the date counts */
	if (n >= 16 && n <= 19 && (in[10] == ' ' || in[10] == 'T') &&
	    isdigit((unsigned char)in[11]) && in[13] == ':')
		n = 10;
	if (n == 10 && in[4] == '-' && in[7] == '-' && all_digits(in, 4) && all_digits(in + 5, 2) &&
	    all_digits(in + 8, 2)) {
		y = atoi(in);
		m = atoi(in + 5);
		d = atoi(in + 8);
	} else if (n > 0 && isdigit((unsigned char)in[0])) {
		if (date_dmy(in, whole, bad, &y, &m, &d, err))
			return -1;
	} else {
		return zi_verr_set(err, "date-invalid", _(bad), whole);
	}
	if (!zi_date_valid(y, m, d))
		return zi_verr_set(err, "date-invalid", _("'%s' is not a real date"), whole);
	if (wday >= 0) {
		/* the weekday must agree: one of the two is a typo */
		struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
		time_t t = timegm(&tm);
		struct tm back;
		if (gmtime_r(&t, &back) && back.tm_wday != wday)
			return zi_verr_set(err, "date-invalid",
					   _("'%s': the weekday does not match the date"), whole);
	}
	zi_date_iso((unsigned)y, (unsigned)m, (unsigned)d, out);
	out[10] = 0;
	return 0;
}

int zi_value_nip(const char *in, char out[19], struct zi_verr *err)
{
	char digits[64];
	size_t n = 0;
	int sci = 0;
	for (const char *p = in; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isdigit(c)) {
			if (n + 1 >= sizeof(digits))
				return zi_verr_set(err, "nip-length",
						   _("18 digits expected, got '%s'"), in);
			digits[n++] = (char)c;
		} else if (c == 'e' || c == 'E') {
			sci = 1;
		} else if (c == ' ' || c == '.' || c == '-' || c == '\'') {
			continue;
		} else if (c == 0xC2 && (unsigned char)p[1] == 0xA0) {
			p++; /* a no-break space, as spreadsheets put between groups */
			continue;
		} else if (c == ',' || c == '+') {
			sci |= 2;
		} else {
			return zi_verr_set(err, "nip-invalid", _("18 digits expected, got '%s'"),
					   in);
		}
	}
	digits[n] = 0;
	if (sci & 1)
		return zi_verr_set(err, "nip-scientific",
				   _("18 digits expected, got '%s': the spreadsheet turned the NIP "
				     "into a "
				     "number; format the column as text and export again"),
				   in);
	if (n != 18 || (sci & 2))
		return zi_verr_set(err, "nip-length", _("18 digits expected, got '%s'"), in);
	int by = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 + (digits[2] - '0') * 10 +
		 (digits[3] - '0');
	int bm = (digits[4] - '0') * 10 + (digits[5] - '0');
	int bd = (digits[6] - '0') * 10 + (digits[7] - '0');
	int ay = (digits[8] - '0') * 1000 + (digits[9] - '0') * 100 + (digits[10] - '0') * 10 +
		 (digits[11] - '0');
	int am = (digits[12] - '0') * 10 + (digits[13] - '0');
	if (!zi_date_valid(by, bm, bd))
		return zi_verr_set(err, "nip-birth-date",
				   _("'%s' does not start with a real birth date (YYYYMMDD)"), in);
	if (ay < by + 14 || am < 1 || am > 12)
		return zi_verr_set(err, "nip-appointment",
				   _("'%s' has no real appointment month (YYYYMM after the birth "
				     "date)"),
				   in);
	if (digits[14] != '1' && digits[14] != '2')
		return zi_verr_set(err, "nip-sex", _("'%s': the 15th digit must be 1 or 2, got %c"),
				   in, digits[14]);
	memcpy(out, digits, 19);
	return 0;
}

/* zi_strcaseeq after a look at the first letter: most candidates differ
 * there (every boolean and enum value of every imported row comes here). */
static inline int word_eq(const char *in, const char *cand)
{
	unsigned char a = (unsigned char)in[0], b = (unsigned char)cand[0];
	if (a >= 'A' && a <= 'Z')
		a = (unsigned char)(a + 32);
	if (b >= 'A' && b <= 'Z')
		b = (unsigned char)(b + 32);
	return a == b && zi_strcaseeq(in, cand);
}

int zi_value_bool(const char *in, int *out, struct zi_verr *err)
{
	static const char *yes[] = {"true", "ya", "y", "yes", "1", "benar", "wajib"};
	static const char *no[] = {"false", "tidak", "t", "no", "n", "0", "salah", "tidak wajib"};
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		if (word_eq(in, yes[i])) {
			*out = 1;
			return 0;
		}
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		if (word_eq(in, no[i])) {
			*out = 0;
			return 0;
		}
	return zi_verr_set(err, "bool-invalid",
			   _("true or false expected (ya/tidak, y/t, 1/0), got '%s'"), in);
}

int zi_value_number(const char *in, double *out, struct zi_verr *err)
{
	char tmp[64];
	size_t n = strlen(in);
	if (n == 0 || n >= sizeof(tmp))
		return zi_verr_set(err, "number-invalid", _("number expected, got '%s'"), in);
	int seps = 0;
	for (size_t i = 0; i < n; i++) {
		char c = in[i];
		if (c == ',' || c == '.') {
			c = '.';
			seps++;
		} else if (!isdigit((unsigned char)c) && !(i == 0 && (c == '-' || c == '+'))) {
			return zi_verr_set(err, "number-invalid", _("number expected, got '%s'"),
					   in);
		}
		tmp[i] = c;
	}
	tmp[n] = 0;
	if (seps > 1 || tmp[n - 1] == '.' || tmp[0] == '.' ||
	    ((tmp[0] == '-' || tmp[0] == '+') && (n == 1 || tmp[1] == '.')))
		return zi_verr_set(err, "number-invalid", _("number expected, got '%s'"), in);
	errno = 0;
	double v = strtod(tmp, NULL);
	if (errno || !isfinite(v))
		return zi_verr_set(err, "number-invalid", _("number expected, got '%s'"), in);
	*out = v;
	return 0;
}

int zi_value_integer(const char *in, long long *out, struct zi_verr *err)
{
	const char *p = in;
	if (*p == '-' || *p == '+')
		p++;
	if (!all_digits(p, strlen(p)) || strlen(p) > 15)
		return zi_verr_set(err, "integer-invalid", _("whole number expected, got '%s'"), in);
	*out = strtoll(in, NULL, 10);
	return 0;
}

int zi_value_slug(const char *in, struct zi_verr *err)
{
	size_t n = strlen(in);
	if (n == 0)
		return zi_verr_set(err, "id-not-slug", _("an id is required"));
	if (n > 64)
		return zi_verr_set(err, "id-not-slug",
				   _("id '%.20s...' is longer than 64 characters"), in);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		if (!((c >= 'a' && c <= 'z') || isdigit(c) || (c == '-' && i > 0)))
			return zi_verr_set(err, "id-not-slug",
					   _("id '%s' must be lower-case letters, digits and '-', "
					     "starting "
					     "with a letter or digit"),
					   in);
	}
	return 0;
}

int zi_value_enum(const char *in, const char *const *choices, size_t n, const char **out,
		  struct zi_verr *err)
{
	for (size_t i = 0; i < n; i++)
		if (word_eq(in, choices[i])) {
			*out = choices[i];
			return 0;
		}
	char list[200];
	size_t o = 0;
	list[0] = 0;
	for (size_t i = 0; i < n && o < sizeof(list) - 1; i++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", i ? ", " : "", choices[i]);
	return zi_verr_set(err, "enum-invalid", _("'%s' is not one of %s"), in, list);
}

int zi_value_doc(const char *in, const char **out, struct zi_verr *err)
{
	static const struct {
		const char *folded, *doc;
	} names[] = {
		{"pakta", "pakta"},
		{"paktaintegritas", "pakta"},
		{"gratifikasi", "gratifikasi"},
		{"pernyataangratifikasi", "gratifikasi"},
		{"pernyataantidakmenerimagratifikasi", "gratifikasi"},
		{"suratpernyataangratifikasi", "gratifikasi"},
		{"suratpernyataantidakmenerimagratifikasi", "gratifikasi"},
		{"lhkpn", "lhkpn"},
		{"lhkasn", "lhkasn"},
		{"coi", "coi"},
		{"konflikkepentingan", "coi"},
		{"benturankepentingan", "coi"},
		{"pernyataanpotensikonflikkepentingan", "coi"},
		{"pernyataanpotensibenturankepentingan", "coi"},
		{"conflictofinterest", "coi"},
	};
	char folded[128];
	zi_fold_name(in, folded, sizeof(folded));
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(folded, names[i].folded)) {
			*out = names[i].doc;
			return 0;
		}
	return zi_verr_set(err, "doc-unknown",
			   _("'%s' is not a document: pakta, gratifikasi, lhkpn, lhkasn or coi "
			     "('Pakta "
			     "Integritas', 'Surat Pernyataan Tidak Menerima Gratifikasi', 'LHKPN', "
			     "'LHKASN', 'Pernyataan Potensi Konflik Kepentingan')"),
			   in);
}

void zi_format_number(double v, char *out, size_t outsz)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(out, outsz, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
	if (!strchr(out, 'e'))
		return;
	/* no exponent in records: people read them (10 is "10", not "1e+01") */
	for (int dec = 0; dec <= 17; dec++) {
		snprintf(out, outsz, "%.*f", dec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}
