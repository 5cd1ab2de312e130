/* Units and their stages: the rules of the programme's life cycle. */
#ifndef ZI_UNITS_H
#define ZI_UNITS_H

#include "diag.h"
#include "store.h"
#include "table.h"

enum zi_stage {
	ZI_STAGE_CALON,
	ZI_STAGE_PENCANANGAN,
	ZI_STAGE_PEMBANGUNAN,
	ZI_STAGE_PENILAIAN_TPI,
	ZI_STAGE_PENGUSULAN,
	ZI_STAGE_EVALUASI_TPN,
	ZI_STAGE_PENETAPAN,
	ZI_STAGE_COUNT
};

extern const char *const zi_stage_names[ZI_STAGE_COUNT];
int zi_stage_parse(const char *s); /* -1 when unknown */

/* Field indexes of units.csv, in schema order. */
enum zi_unit_field {
	ZI_U_ID,
	ZI_U_NAME,
	ZI_U_SHORT,
	ZI_U_PARENT,
	ZI_U_KIND,
	ZI_U_TARGET,
	ZI_U_AFIRMASI,
	ZI_U_STAGE,
	ZI_U_STAGE_DATE,
	ZI_U_PREDICATE,
	ZI_U_PREDICATE_DATE,
	ZI_U_PREDICATE_REF,
	ZI_U_RETIRED
};
enum zi_staff_field {
	ZI_S_NIP,
	ZI_S_NAME,
	ZI_S_POSITION,
	ZI_S_GRADE,
	ZI_S_CATEGORY,
	ZI_S_LHKPN,
	ZI_S_START,
	ZI_S_END
};

/* May a unit at stage `from` holding `predicate` ("" for none) move to `to`,
 * reaching penetapan with `new_predicate`? 0, or -1 with the reason in why. */
int zi_stage_check(const char *from, const char *predicate, const char *to,
		   const char *new_predicate, char *why, size_t whysz);

/* Checks an id before it is used anywhere near a path: a usage problem. */
int zi_unit_id_check(const char *id, struct zi_diag *d);
/* Finds a unit in a loaded units table; -1 with a diagnostic when absent. */
long zi_unit_find(const struct zi_table *units, const char *id, struct zi_diag *d);
/* The unit's row in a loaded units table when it may be used: it exists
 * and, for a write, is not retired. Otherwise -1 with the reason in why and
 * its code ("unit-unknown", "unit-retired") in *code. */
long zi_unit_live(const struct zi_table *units, const char *unit, int for_write, char *why,
		  size_t whysz, const char **code);
/* The ids of the units not retired, in table order, into ids (room for
 * units->n; borrowed from the table); returns how many. */
size_t zi_units_live(const struct zi_table *units, const char **ids);
/* The units a command works on (zi-eval score, zi-sign status), into ids
 * (room for units->n + 1; borrowed), *n how many: with only NULL every unit
 * not retired, in table order; else only, retired or not, which must be a
 * unit id (ZI_EUSAGE) of the table (ZI_EDATA, "unit-unknown"). */
int zi_units_pick(const struct zi_table *units, const char *only, const char **ids, size_t *n,
		  struct zi_diag *d);
/* units.csv into units, zi_table_init'ed here under the built-in units
 * schema (lent: releasing the table is all); 0 or the load's status. */
int zi_units_load(struct zi_store *st, struct zi_table *units, struct zi_diag *d);
/* The same from the records: the id checked (a usage error), units.csv
 * loaded, the unit found (and for a write not retired); the reason an error
 * in d. Returns 0, ZI_EUSAGE, ZI_EDATA or the load's status. */
int zi_unit_require(struct zi_store *st, const char *unit, int for_write, struct zi_diag *d);
/* May unit id (in units or not yet) take parent ("" for none)? Not itself,
 * a unit of the table, and not one below id (the parents would go round in
 * a circle). 0, or ZI_EDATA with the reason in d (field parent). */
int zi_unit_parent_check(const struct zi_table *units, const char *id, const char *parent,
			 struct zi_diag *d);
/* The rows of units to list, into rows (room for units->n): those with
 * in[r] set (in NULL: all), at stage and of kind (either NULL: any, else
 * compared without case), retired ones only with all. Returns how many. */
size_t zi_units_select(const struct zi_table *units, const unsigned char *in, const char *stage,
		       const char *kind, int all, size_t *rows);
/* "staff/ID.csv" and the like; caller frees. */
char *zi_unit_file(const char *dir, const char *id, const char *ext);

/* Is a staff row on the roster on date (YYYY-MM-DD)? start <= date, and end
 * (the first day off the roster) after date. */
int zi_staff_on_roster(const struct zi_table *staff, size_t r, const char *date);
/* Who on the roster on date lacks what decides their wealth-report duty
 * (LHKPN or LHKASN): the lhkpn flag, the category. Counts people into
 * *no_lhkpn and *no_category; returns how many are on the roster. */
size_t zi_staff_duty_gaps(const struct zi_table *staff, const char *date, size_t *no_lhkpn,
			  size_t *no_category);

#endif
