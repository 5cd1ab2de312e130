/* Importing units.csv and stages.csv from spreadsheets (lib/unit_import.c):
 * the checks beyond each schema (a unit's since date, its parent, a unit's
 * stage sequence) and the stage history written with them, as hooks for
 * zi_cli_import. Also the small stage-change helpers zi-unit's add and
 * stage share with them; the staff roster and facts imports. */
#ifndef ZI_UNIT_IMPORT_H
#define ZI_UNIT_IMPORT_H

#include "cli_import.h"
#include "stages.h"
#include "store.h"

/* One stage change as the one row of a table, for zi_stage_plan and
 * zi_stage_enter: one is zi_table_init'ed with s (the caller releases it).
 * NULL ref, note, predicate mean "". Returns the row's index. */
size_t zi_stage_one_change(struct zi_table *one, const struct zi_schema *s, const char *unit,
			   const char *date, const char *stage, const char *ref, const char *note,
			   const char *predicate);

/* A unit past calon in units.csv (row r) with no stage history at all (an
 * older records directory, or a hand edit): a single change would start a
 * history that contradicts it. Returns 1 with the reason in why, else 0. */
int zi_unit_without_history(const struct zi_table *units, size_t r, const struct zi_table *stages,
			    char *why, size_t whysz);

/* Called when a registration moved, for the command to tell people. */
typedef void (*zi_stage_moved_fn)(void *ctx, const char *unit, const struct zi_stage_moved *mv);

/* units import: units.csv's fields and since (the registration, kept in
 * stages.csv); each parent checked against the records and the file. */
struct zi_units_import {
	struct zi_import_job job; /* run it with zi_cli_import */
	struct zi_store *store;
	const char *today;
	zi_stage_moved_fn on_moved; /* may be NULL */
	void *on_moved_ctx;
	unsigned char *state; /* per file row: 0 unchecked, 1 checking, 2 done */
	struct zi_schema *units_schema, *stages_schema;
	struct zi_table stages;
	int stages_ok;
};
/* Sets up the job for file (today: YYYY-MM-DD, borrowed). 0 or ZI_EINTERNAL;
 * release in either case. iu must not move while the job runs. */
int zi_units_import_init(struct zi_units_import *iu, struct zi_store *st, const char *file,
			 const char *today, struct zi_diag *d);
void zi_units_import_release(struct zi_units_import *iu);

/* stage import: a whole stage history from a spreadsheet. Each unit's rows
 * are entered together (zi_stage_plan) and its sequence checked; a row at
 * fault is reported and left out, and the rest checked again, so that every
 * bad row is found in one go. units.csv follows the new histories. */
struct zi_stages_import {
	struct zi_import_job job; /* run it with zi_cli_import */
	struct zi_store *store;
	zi_stage_moved_fn on_moved; /* may be NULL */
	void *on_moved_ctx;
	struct zi_schema *units_schema;
	struct zi_table units;
	unsigned char *done; /* per file row: its unit was planned */
	char **unit; /* the units planned, and their new histories */
	struct zi_table *plan;
	struct zi_stage_moved *moved;
	size_t nplans;
};
/* Loads units.csv (call it under the lock) and sets up the job for file.
 * 0 or a status; release in either case. is must not move while the job runs. */
int zi_stages_import_init(struct zi_stages_import *is, struct zi_store *st, const char *file,
			  struct zi_diag *d);
void zi_stages_import_release(struct zi_stages_import *is);

/* staff import: a unit's roster (staff/UNIT.csv) from a spreadsheet: an end
 * before the start is refused, a file without the columns that decide the
 * wealth-report duty is warned about; with replace, everyone on the roster
 * missing from the file is taken off it on end_date (counted in ended). */
struct zi_staff_import {
	struct zi_import_job job; /* run it with zi_cli_import */
	int replace;
	const char *end_date;
	unsigned long ended;
};
/* Sets up the job (file, target and end_date borrowed). 0 or ZI_EINTERNAL;
 * release in either case. is must not move while the job runs. */
int zi_staff_import_init(struct zi_staff_import *is, const char *file, const char *target,
			 int replace, const char *end_date, struct zi_diag *d);
void zi_staff_import_release(struct zi_staff_import *is);

/* Audit findings followed up (followed) cannot outnumber the findings: 1
 * when both are given and they do. */
int zi_facts_tlhp_bad(const char *findings, const char *followed);

/* facts import: instansi.csv or unit-years.csv (schema) from a spreadsheet;
 * followed-up findings above the findings are refused, and with units each
 * row's unit must be in units.csv. */
struct zi_facts_import {
	struct zi_import_job job; /* run it with zi_cli_import */
	struct zi_schema *units_schema;
	struct zi_table units;
};
/* Sets up the job (file and target borrowed), loading units.csv when units.
 * 0 or a status; release in either case. f must not move while the job runs. */
int zi_facts_import_init(struct zi_facts_import *f, struct zi_store *st, const char *schema,
			 const char *file, const char *target, int units, struct zi_diag *d);
void zi_facts_import_release(struct zi_facts_import *f);

#endif
