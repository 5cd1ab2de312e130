/* Stage histories (stages.csv): the order of a unit's stage changes, where a
 * unit stood on any date, whether a history is a valid sequence under the
 * rules of zi_stage_check, and entering changes in any order (a person
 * digitising old paper records enters the past after the present). Every
 * command and report asks here where a unit stood, so that they agree. */
#ifndef ZI_STAGES_H
#define ZI_STAGES_H

#include "table.h"
#include "units.h"

/* Field indexes of stages.csv, in schema order. */
enum zi_stage_field {
	ZI_ST_UNIT,
	ZI_ST_DATE,
	ZI_ST_STAGE,
	ZI_ST_REF,
	ZI_ST_NOTE,
	ZI_ST_PREDICATE,
	ZI_ST_NFIELDS
};

/* Where a unit stood at the end of a day. The strings point into the tables
 * they came from. */
struct zi_stage_state {
	const char *stage; /* its last change on or before the day */
	const char *date; /* the date of that change */
	const char *since; /* its registration: when it entered the programme */
	const char *building; /* when it last reached pembangunan ("" never) */
	const char *predicate; /* held that day ("" none): the last penetapan's */
	const char *predicate_date, *predicate_ref;
};

/* The rows of unit in the order things happened: by date, and the changes of
 * one day in stage order. Returns their number; *rows (the caller frees it)
 * their indexes in stages. Faster on a table sorted by key. */
size_t zi_stage_history(const struct zi_table *stages, const char *unit, size_t **rows);

/* The same up to the end of date (NULL or "": the whole history). */
size_t zi_stage_history_to(const struct zi_table *stages, const char *unit, const char *date,
			   size_t **rows);

/* The state of unit at the end of date (NULL: after its last change) from
 * its history. Returns 1, or 0 when it was not in the programme yet (or has
 * no history), with s->stage NULL. */
int zi_stage_state_at(const struct zi_table *stages, const char *unit, const char *date,
		      struct zi_stage_state *s);

/* The same for row r of units.csv: a unit without any history stands where
 * units.csv says from its stage_date on (zi-report check reports it). The
 * one answer to "where was this unit on that day" for every command. */
int zi_unit_state_at(const struct zi_table *units, size_t r, const struct zi_table *stages,
		     const char *date, struct zi_stage_state *s);

/* What is wrong with a history, said for people. */
struct zi_stage_fault {
	long row; /* the row at fault: in the table checked, or of a plan */
	long entry; /* zi_stage_plan: the entry at fault, -1 for a row already there */
	unsigned long line; /* its line in the file it was read from, 0 if none */
	int last; /* it is the last row of the history */
	const char *code; /* stage-invalid, stage-duplicate, stage-registration */
	char reason[300]; /* the rule: "stages move forward one at a time..." */
	char why[512]; /* the rule with the two rows: "pembangunan on D after ..." */
};

/* Is unit's history a valid sequence: its registration (calon) first, then
 * each change allowed after the one before by zi_stage_check? Rows with the
 * same key as the row before (a duplicate, reported as such elsewhere) are
 * passed over. 0, or -1 with the first fault in f. */
int zi_stage_history_check(const struct zi_table *stages, const char *unit,
			   struct zi_stage_fault *f);

/* Entering changes: the entries (rows idx[0..n) of from, all of unit, values
 * canonical) go into unit's history; an entry with the key of a row already
 * there replaces it. The registration (the calon row) follows: a calon entry
 * dated before it replaces it (any calon entry with
 * ZI_STAGE_SET_REGISTRATION: the date a unit entered the programme, given
 * on import, may also be corrected forward); any other entry dated before
 * it moves it back to that date; a unit without any registration gets one
 * at its first change. The whole history is then checked. plan gets unit's
 * new history (zi_table_init'ed here with stages' schema; the caller
 * releases it). Returns 0, or ZI_EDATA with the fault in f. moved says where
 * the registration went: both "" when it did not move, from "" alone when
 * there was none. */
#define ZI_STAGE_SET_REGISTRATION 1u
struct zi_stage_moved {
	char from[11], to[11];
};
int zi_stage_plan(const struct zi_table *stages, const char *unit, const struct zi_table *from,
		  const size_t *idx, size_t n, unsigned flags, struct zi_table *plan,
		  struct zi_stage_moved *moved, struct zi_stage_fault *f);
/* Replaces unit's rows in stages with those of plan, at the end: sort stages
 * (zi_table_sort) before writing it or looking up by key. Several plans
 * applied in a row cost one sort. */
void zi_stage_apply(struct zi_table *stages, const char *unit, const struct zi_table *plan);
/* zi_stage_plan, then zi_stage_apply and the sort when the plan is valid. */
int zi_stage_enter(struct zi_table *stages, const char *unit, const struct zi_table *from,
		   const size_t *idx, size_t n, unsigned flags, struct zi_stage_moved *moved,
		   struct zi_stage_fault *f);

/* The note for people when the registration moved (see zi_stage_plan):
 * into buf, "" when it did not. */
void zi_stage_moved_text(const char *unit, const struct zi_stage_moved *m, char *buf, size_t sz);

/* Sets the stage, stage_date, predicate, predicate_date and predicate_ref of
 * units row r to the last state of its history (a unit without history is
 * left alone). Returns 1 when a value changed. */
int zi_stage_sync_unit(struct zi_table *units, size_t r, const struct zi_table *stages);

/* stages.csv into stages, zi_table_init'ed here under the built-in stages
 * schema (lent: releasing the table is all); 0 or the load's status. */
int zi_stages_load(struct zi_store *st, struct zi_table *stages, struct zi_diag *d);

/* The units table as it stood at the end of date: the stage, stage_date
 * and predicate fields of each row from its history (zi_unit_state_at);
 * in[r] (room for units->n) says whether the unit was in the programme
 * yet. In memory only. */
void zi_units_as_of(struct zi_table *units, const struct zi_table *stages, const char *date,
		    unsigned char *in);

#endif
