/* Declarations (pencanangan): ids, re-declarations, and the stage move a
 * first declaration makes. */
#ifndef ZI_DECLARE_H
#define ZI_DECLARE_H

#include "diag.h"
#include "store.h"
#include "table.h"

/* Field indexes of declarations.csv, in schema order. */
enum zi_decl_field {
	ZI_D_ID, ZI_D_UNIT, ZI_D_DATE, ZI_D_VENUE, ZI_D_HEAD, ZI_D_WITNESSES, ZI_D_BASIS,
	ZI_D_NOTE, ZI_D_REDECLARATION
};

/* The separator of several values in one field (witnesses, basis). */
#define ZI_LIST_SEP " | "

/* Joins values with " | ", leaving out empty ones; appends to out. */
void zi_list_join(const char *const *vals, size_t n, struct zi_buf *out);
/* A cell as people type it ("A | B", "A; B", one per line) in canonical
 * form: trimmed parts, empty ones dropped, joined with " | ". */
void zi_list_normalise(const char *raw, struct zi_buf *out);

/* The number a declaration id carries after unit-date: 1 for "dpkp-2022-07-25",
 * 2 for "...-2"; 0 when id is not made from unit and date. */
int zi_declare_seq(const char *id, const char *unit, const char *date);
/* The id for the n-th (1-based) declaration of unit on date. Caller frees. */
char *zi_declare_make_id(const char *unit, const char *date, int n);
/* The first id for unit and date that neither table uses (b may be NULL). */
char *zi_declare_next_id(const struct zi_table *a, const struct zi_table *b, const char *unit,
			 const char *date);

/* Orders two declarations of one table by date, then sequence number. */
int zi_declare_cmp(const struct zi_table *t, size_t a, size_t b);
/* Sets redeclaration on every row: false for each unit's first declaration
 * (by date, then sequence), true for the later ones. Returns how many rows
 * changed. */
size_t zi_declare_mark(struct zi_table *t);
/* Row of unit's first declaration, or -1. */
long zi_declare_first(const struct zi_table *t, const char *unit);

/* Records a stage change in a loaded stages table (stages.csv): the row for
 * (unit, date, stage) is added or replaced; the table stays sorted. */
void zi_stage_history_set(struct zi_table *stages, const char *unit, const char *date,
			  const char *stage, const char *ref, const char *note);

/* A declaration moves a unit at stage calon to pencanangan: if units row r is
 * at calon, sets its stage and date and records the change in stages with
 * ref = the declaration id. Returns 1 when it moved the unit, 0 when the unit
 * was past calon. The caller writes both tables. */
int zi_declare_move_stage(struct zi_table *units, size_t r, const char *date, const char *id,
			  struct zi_table *stages);

#endif
