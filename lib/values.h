/* Parsing and normalising the values people type into spreadsheets. Every
 * function takes the raw text (already trimmed) and either writes the canonical
 * form or fills err with a stable code and a translated explanation. */
#ifndef ZI_VALUES_H
#define ZI_VALUES_H

#include <stddef.h>

struct zi_verr {
	const char *code;
	char msg[256];
};

/* Fills err (when not NULL) with code and the message fmt makes; returns -1,
 * so that a check can end with "return zi_verr_set(err, ...)". */
int zi_verr_set(struct zi_verr *err, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* YYYY-MM-DD of a year 0..9999 and a month and day 1..99, in out[0..9] (no
 * NUL). */
void zi_date_iso(unsigned y, unsigned m, unsigned d, char out[10]);

/* The same day one year later (29 February becomes 28 February): "built for
 * at least a year" ends there. date is canonical; out gets YYYY-MM-DD. */
void zi_date_plus_year(const char *date, char out[11]);

/* ISO 2022-07-25, 25/07/2022, 25-07-2022, 1/6/2021, "25 Juli 2022", "25 July 2022",
 * "12-Jan-2026", with a weekday before ("Senin, 12 Januari 2026": it must
 * match), or a date-time "2026-01-12 08:30:00" (the date counts). */
int zi_value_date(const char *in, char out[11], struct zi_verr *err);
/* The date of a spreadsheet serial day number: the 1900 system (day 1 is
 * 1900-01-01; day 60, 1900-02-29, does not exist) or the 1904 one (day 0 is
 * 1904-01-01). Returns 0 or -1. */
struct tm;
int zi_date_from_serial(long serial, int date1904, struct tm *out);
/* Days since 1970-01-01 of a canonical date; -1 if it is not one. */
long zi_date_days(const char *iso);
int zi_date_valid(int y, int m, int d);
/* 18 digits after removing spaces, dots and dashes, with a real birth date,
 * appointment month and sex digit. Scientific notation gets a hint. */
int zi_value_nip(const char *in, char out[19], struct zi_verr *err);
/* true/false, ya/tidak, y/t, yes/no, 1/0 in any case. */
int zi_value_bool(const char *in, int *out, struct zi_verr *err);
/* Decimal with a point or comma (no thousands separators). */
int zi_value_number(const char *in, double *out, struct zi_verr *err);
int zi_value_integer(const char *in, long long *out, struct zi_verr *err);
/* [a-z0-9][a-z0-9-]*, at most 64 characters: safe as a file name. */
int zi_value_slug(const char *in, struct zi_verr *err);
/* Case-insensitive match against choices; *out points into choices. */
int zi_value_enum(const char *in, const char *const *choices, size_t n, const char **out,
		  struct zi_verr *err);
/* A signed document's kind: pakta, gratifikasi, lhkpn, lhkasn, coi (the
 * declaration of potential conflicts of interest), or the names
 * people write ("Pakta Integritas", "Surat Pernyataan Tidak Menerima
 * Gratifikasi", "Pernyataan Gratifikasi", "LHKPN", "LHKASN", "Pernyataan
 * Potensi Konflik Kepentingan"), in any case.
 * *out is a static string. */
int zi_value_doc(const char *in, const char **out, struct zi_verr *err);
/* Shortest text that reads back as the same double, with a point. */
void zi_format_number(double v, char *out, size_t outsz);

#endif
