/* The e-LHKPN list of who must file (KPK's "Daftar Wajib Lapor"): a person's
 * name reduced to what a roster and the list share, which statuses are a
 * complete filing, and the list matched to the rosters with its complete
 * filings added to the signatures (zi-sign import-lhkpn). */
#ifndef ZI_LHKPN_H
#define ZI_LHKPN_H

#include <stddef.h>

#include "diag.h"
#include "store.h"
#include "table.h"
#include "util.h"

/* Field indexes of the e-LHKPN list (schemas/elhkpn.json), in schema order. */
enum zi_elhkpn_field {
	ZI_E_NIK,
	ZI_E_NAME,
	ZI_E_POSITION,
	ZI_E_UNIT_KERJA,
	ZI_E_SUB_UNIT_KERJA,
	ZI_E_STATUS,
	ZI_E_NFIELDS
};

/* The name without titles and degrees, folded: "dr. H. BUDI Santoso, M.Kes"
 * and "Budi Santoso" both give "budi santoso". Everything after the first
 * comma is degrees; before it, a word with a full stop (dr., H., Ir., S.Kom)
 * or a known title written without one (dr, drs, hj, ir, prof...) is set
 * aside; the other words are folded to lower-case letters and digits and
 * joined by one space. */
void zi_person_key(const char *name, char *out, size_t outsz);

/* Is an e-LHKPN status a complete filing? Diumumkan Lengkap and
 * Terverifikasi Lengkap (any case and spacing) are; Draft, Belum Lapor,
 * Diumumkan Tidak Lengkap and the rest are not. */
int zi_lhkpn_complete(const char *status);

/* One roster of the list's day: the person keys of its rows. */
struct zi_lhkpn_unit {
	const char *id;
	char *name_key, *short_key, *id_key;
	struct zi_table staff;
	char **keys; /* per roster row, NULL when off the roster that day */
	unsigned char *hit; /* per roster row: matched by a row of the list */
	struct zi_table sigs;
	int sigs_loaded, added;
};

/* What happened to one row of the list. */
enum zi_lhkpn_outcome {
	ZI_LHKPN_RECORDED,
	ZI_LHKPN_ALREADY,
	ZI_LHKPN_NOT_FILED,
	ZI_LHKPN_NOT_MATCHED,
	ZI_LHKPN_AMBIGUOUS,
	ZI_LHKPN_NOUTCOMES
};

/* The list matched to the rosters of one day. Row i of the list has
 * outcome[i]; matched rows (outcome up to ZI_LHKPN_NOT_FILED) are at
 * units[at_unit[i]].staff row at_row[i]; the others have in also[i] the
 * units they matched more than once in, or the unit they were looked for in
 * (NULL when none). */
struct zi_lhkpn_match {
	char date[11];
	struct zi_lhkpn_unit *units;
	size_t nunits;
	size_t n;
	unsigned char *outcome;
	long *at_unit, *at_row;
	char **also;
	unsigned long counts[ZI_LHKPN_NOUTCOMES];
};

/* Loads the roster of each unit of units (the units table) not retired, as
 * on date. Release m even when this fails. */
int zi_lhkpn_load(struct zi_lhkpn_match *m, struct zi_store *st, const struct zi_table *units,
		  const char *date, struct zi_diag *d);

/* Matches each row of list (schema elhkpn) by person key within the unit
 * its SUB UNIT KERJA or UNIT KERJA names (name, short name, id, or a pair
 * of map, NULL-ended name,unit pairs), anywhere when it names none; adds a
 * complete filing not recorded this year to that unit's signatures in
 * memory. zi_lhkpn_save writes the signatures that changed. */
int zi_lhkpn_match(struct zi_lhkpn_match *m, struct zi_store *st, const struct zi_table *list,
		   char **map, struct zi_diag *d);
int zi_lhkpn_save(struct zi_lhkpn_match *m, struct zi_store *st, struct zi_diag *d);
void zi_lhkpn_release(struct zi_lhkpn_match *m);

/* What zi-sign import-lhkpn shows after a match of list (read from file):
 * the counts, the rows by outcome, staff on the list whose roster says
 * lhkpn=false and staff with lhkpn=true missing from it; text (dry_run: the
 * first line says so) or JSON (format "json"). Appended to b. */
void zi_lhkpn_render(const struct zi_lhkpn_match *m, const struct zi_table *list, const char *file,
		     const char *format, int dry_run, struct zi_buf *b);

#endif
