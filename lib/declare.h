/* Declarations (pencanangan): ids, re-declarations, and the stage move a
 * first declaration makes. */
#ifndef ZI_DECLARE_H
#define ZI_DECLARE_H

#include "diag.h"
#include "store.h"
#include "stages.h"
#include "table.h"

/* Field indexes of declarations.csv, in schema order. */
enum zi_decl_field {
	ZI_D_ID,
	ZI_D_UNIT,
	ZI_D_DATE,
	ZI_D_VENUE,
	ZI_D_HEAD,
	ZI_D_WITNESSES,
	ZI_D_BASIS,
	ZI_D_NOTE,
	ZI_D_REDECLARATION
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

/* A unit's first declaration is its pencanangan: when the history of units
 * row r has no pencanangan yet, one is entered on the date of the unit's
 * first declaration in decls (ref: its id), moving the registration back
 * when it is older (see zi_stage_plan); a pencanangan that a declaration
 * made follows the first declaration when an older one is entered later;
 * any other pencanangan stays. Then units row r follows its history.
 * Returns 1 when the history changed, 0 when not, or ZI_EDATA with the
 * fault in f (both tables as they were). The caller writes both tables. */
int zi_declare_move_stage(struct zi_table *units, size_t r, const struct zi_table *decls,
			  struct zi_table *stages, struct zi_stage_moved *moved,
			  struct zi_stage_fault *f);

/* zi-declare add: one declaration as typed on the command line (NULL: not
 * given), and what zi_declare_add made of it. */
struct zi_declare_entry {
	const char *unit, *date, *venue, *head, *note;
	const char *const *witnesses, *const *basis;
	size_t nwitnesses, nbasis;
	/* set by zi_declare_add */
	char *id; /* the new declaration's id */
	int redeclaration; /* the unit had declared before */
	int moved; /* its stage history changed: pencanangan entered */
	struct zi_stage_moved mv; /* the registration moved back, when it did */
	int at_pencanangan; /* after a move: the unit's stage is now pencanangan */
	char first_date[11]; /* after a move: the date of the unit's first declaration */
};
/* Records e in declarations.csv (not committed). In this order, the first
 * fault winning: a date not after today (zi_entry_date_check); then the
 * store is locked (waiting up to wait seconds); the unit exists and is not
 * retired; venue, head and note normalised as an import would; the
 * witnesses and basis joined (zi_list_join, zi_list_normalise). The row
 * takes the next free id of its unit and day, every row's redeclaration is
 * set again (zi_declare_mark), and a first declaration enters the unit's
 * pencanangan (zi_declare_move_stage: units.csv and stages.csv written too;
 * an invalid sequence is an error on field date). Errors have no file and
 * line 0. Returns 0 or a negative status; release e after. */
int zi_declare_add(struct zi_store *st, struct zi_declare_entry *e, double wait, struct zi_diag *d);
void zi_declare_entry_release(struct zi_declare_entry *e);

struct zi_import;
struct zi_merge_counts;

/* zi-declare import: the hooks of its import job (struct zi_import_job,
 * ctx a struct zi_declare_import). prepare loads units and stages,
 * normalises the witnesses and basis of every row, and gives each row
 * without an id the k-th id of its unit and day (k: its rank among the
 * file's rows of that unit and day), or the next free one when that id is
 * in use: the same file read again finds the same ids. check fails a row
 * whose unit is unknown or retired (field unit) or dated after today (field
 * date). finish sets every redeclaration again (zi_declare_mark), enters
 * each unit's pencanangan (zi_declare_move_stage; an invalid sequence is an
 * error on the unit's first row of the file, field date) and writes
 * units.csv and stages.csv when a unit moved; it returns the number of
 * further changes or a negative status. */
struct zi_declare_import {
	struct zi_store *store;
	const struct zi_table *existing; /* the declarations as they are */
	struct zi_table units, stages;
	int units_loaded;
	char today[11];
	/* after finish: the notes for people (a registration moved back), a
	 * line each, and how many units entered pencanangan */
	struct zi_buf notes;
	int moved;
};
int zi_declare_import_init(struct zi_declare_import *di, struct zi_store *st,
			   const struct zi_table *existing, struct zi_diag *d);
void zi_declare_import_release(struct zi_declare_import *di);
void zi_declare_import_prepare(void *ctx, struct zi_import *im, struct zi_diag *d);
void zi_declare_import_check(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d);
int zi_declare_import_finish(void *ctx, struct zi_table *merged, struct zi_import *im,
			     struct zi_merge_counts *c, struct zi_diag *d);

#endif
