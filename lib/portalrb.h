/* The national PortalRB's wire format (portalrb.c): the jawaban-unit file of
 * a unit's answers, read and written, and the pengusulan lists of the units
 * proposed for a year. */
#ifndef ZI_PORTALRB_H
#define ZI_PORTALRB_H

#include <jansson.h>

#include "lke.h"
#include "store.h"
#include "table.h"

/* Does the file look like JSON (its first byte, after a BOM and blanks, is
 * '{')? A PortalRB file then; anything else is a spreadsheet. */
int zi_portalrb_is_file(const char *path);

/* Reads im->file, a jawaban-unit file, into im (both layers: jawaban_unit
 * and jawaban_tpi): unit_id and tahun must be unit and year; every answer
 * checked against its question. Returns 0 or ZI_EDATA (im->bad). */
int zi_portalrb_read(struct zi_lke_import *im, const char *unit, int year);

/* The jawaban-unit document of a unit's answers t (lke-answers) under model m:
 * the questions with anything answered or noted, counts and survey values as
 * numbers, empty values as null. */
json_t *zi_portalrb_answers(const struct zi_model *m, const struct zi_table *t, const char *unit,
			    const char *name, int year);

/* Is unit row r proposed for the year: a pengusulan in its history dated in
 * that year (for a unit without history, where units.csv says it is)? Not
 * when retired. *held gets the predicate it held on that day. */
int zi_portalrb_proposed(const struct zi_table *units, size_t r, const struct zi_table *stages,
			 int year, const char **held);

/* Writes what PortalRB fetches for the year under dir: DIR/lke/jawaban-unit/
 * UNIT for every unit proposed, DIR/pengusulan/unit-wbk and unit-wbbm (the
 * proposed units by category: WBBM for a WBBM target already holding WBK,
 * else WBK or WBK-AFIRMASI). *nunits gets the number of units written. */
int zi_portalrb_export(struct zi_store *st, const struct zi_model *m, int year, const char *dir,
		       size_t *nunits, struct zi_diag *d);

/* PortalRB's LHKAN recap (CSV, its column names): per unit when asked, then
 * the instansi's row: the staff on the rosters on as_of who must file an
 * LHKPN and who an LHKASN, and how many filed in the year up to as_of. */
struct zi_portalrb_lhkan {
	int year;
	char as_of[11];
	int per_unit;
	const char *pic, *link, *note; /* the instansi row's last columns (may be NULL) */
};
int zi_portalrb_lhkan(struct zi_store *st, const struct zi_portalrb_lhkan *o, struct zi_buf *b,
		      struct zi_diag *d);

/* The day of the LHKAN recap of year: as_of as given, or when empty the
 * year's last day (today when that is later). Returns -1 when as_of is not
 * in the year. */
int zi_portalrb_lhkan_as_of(int year, char as_of[11]);

#endif
