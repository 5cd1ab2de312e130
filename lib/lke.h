/* The official LKE workbooks as they arrive (lke.c), and the import of a
 * unit's answers from any of them, zi's worksheet or PortalRB (lke_import.c). */
#ifndef ZI_LKE_H
#define ZI_LKE_H

#include <stddef.h>

#include "csvio.h"
#include "diag.h"
#include "model.h"
#include "store.h"

/* A question text as compared (malloc'd): ASCII letters and digits in lower
 * case, and every non-ASCII byte; spaces and punctuation dropped, since
 * spreadsheets rewrap and repunctuate. */
char *zi_lke_text_key(const char *s);

/* A sheet's rows as read (zi_lke_grid_add is a zi_csv_row_fn). */
struct zi_lke_grid_row {
	unsigned long line;
	char **cells;
	size_t n;
};
struct zi_lke_grid {
	struct zi_lke_grid_row *r;
	size_t n, cap;
};
int zi_lke_grid_add(void *ctx, unsigned long line, char **cells, size_t n);
void zi_lke_grid_free(struct zi_lke_grid *g);

enum zi_lke_layout {
	ZI_LKE_PLAIN, /* zi's own worksheet: a soal_id column (lke_import.c) */
	ZI_LKE_PORTALRB, /* the 2026 PortalRB workbook: cells the model names */
	ZI_LKE_LAMPIRAN3, /* Lampiran III of PermenPAN-RB 90/2021: rows by text */
};

/* One question's cells found in the sheet. */
struct zi_lke_found {
	long qi;
	unsigned long line; /* sheet row */
	char cell[16]; /* the answer's cell, "K6" */
	char *text; /* the row's question text as written (may be NULL) */
	char *answer, *note, *evidence; /* as written; NULL: no such cell */
};
struct zi_lke_found_list {
	struct zi_lke_found *v;
	size_t n, cap;
};
void zi_lke_found_free(struct zi_lke_found_list *l);

/* The layout of sheet (its name) holding rows g. */
enum zi_lke_layout zi_lke_layout(const struct zi_model *m, const char *sheet,
				 const struct zi_lke_grid *g);

/* The sheet the questions are on when --sheet is not given, in the order to
 * try: the sheet the model names, then "LKE ZI"; NULL ends the list. */
const char *zi_lke_default_sheet(const struct zi_model *m, size_t i);

/* Reads the answers of layer (unit or tpi; tpn takes the answer column) out
 * of a PortalRB or Lampiran III sheet into out, in sheet order. A row that
 * matches no question, or more than one, is an error naming its cell
 * (file: Sheet!B14); nothing is guessed. Returns 0 or ZI_EDATA. */
int zi_lke_read(const struct zi_model *m, enum zi_lke_layout layout, const char *file,
		const char *sheet, const struct zi_lke_grid *g, enum zi_layer layer,
		struct zi_lke_found_list *out, struct zi_diag *d);

/* --- importing answers (lke_import.c) --- */

/* One question's answers as taken from a file: zi's worksheet, an official
 * workbook, or a PortalRB jawaban-unit file (portalrb.c). NULL: not given. */
struct zi_lke_in {
	long qi;
	unsigned long line;
	char *answer, *note, *evidence; /* of the layer imported */
	char *tpi_answer, *tpi_note; /* PortalRB files only: they hold both layers */
};

/* An import of one file's answers other than zi's worksheet (that one goes
 * through zi_cli_import: zi_lke_worksheet_job). Set m, file, layer,
 * keep_rejected and d (zi_lke_import_init), read, then zi_lke_upsert the
 * rows. */
struct zi_lke_import {
	const struct zi_model *m;
	const char *file;
	enum zi_layer layer;
	int keep_rejected; /* --reject: a bad answer a warning, not taken */
	struct zi_diag *d;
	int both_layers; /* a PortalRB file: unit and tpi */
	int worksheet; /* the file is zi's worksheet: nothing read */
	struct zi_lke_in *rows; /* the answers taken, in file order */
	size_t n, cap;
	int bad; /* a problem that --reject did not set aside */
	struct zi_buf rejects; /* --reject: empty (kept for the --reject file) */
	unsigned long rejected;
	struct zi_buf mapping; /* an official workbook: soal_id,cell,question,answer */
	struct zi_buf canon; /* scratch */
};

void zi_lke_import_init(struct zi_lke_import *im, const struct zi_model *m, const char *file,
			enum zi_layer layer, struct zi_diag *d);
void zi_lke_import_release(struct zi_lke_import *im);
/* Reads im->file: a PortalRB jawaban-unit file (unit and year must be its)
 * or an official workbook (copts: the reading options, .used_sheet filled).
 * Every problem in im->d (a cell named where the file is a spreadsheet); a
 * question given twice is an error. Returns 0, ZI_EDATA (something bad,
 * nothing to store) or the reader's status. Anything else is zi's worksheet:
 * nothing is read, im->worksheet is set and copts->sheet left at the sheet
 * to read (--sheet, or the model's sheet when the workbook has it). */
int zi_lke_import_read(struct zi_lke_import *im, struct zi_csv_opts *copts, const char *unit,
		       int year);
/* For the readers: a soal id as written, its question index or -1 (a problem
 * for field on line); an answer checked against the question into *out (a
 * problem when it is not one); a new row. */
long zi_lke_import_soal(struct zi_lke_import *im, const char *raw, unsigned long line,
			const char *field);
void zi_lke_import_take(struct zi_lke_import *im, long qi, unsigned long line, const char *field,
			const char *raw, char **out);
struct zi_lke_in *zi_lke_import_add(struct zi_lke_import *im, long qi, unsigned long line);

/* zi's worksheet through zi_cli_import: the job's schema (lke-worksheet),
 * target (the unit's answers of the year), hooks (the required columns, each
 * answer checked against its question, the upsert into the fields of layer)
 * and existing table filled in job, which the caller has zeroed and gives
 * file, the sheet and ignore. Release with zi_lke_worksheet_done after the
 * import. */
struct zi_import_job;
struct zi_lke_ws {
	const struct zi_model *m;
	enum zi_layer layer;
	struct zi_schema *worksheet, *answers;
	char *target;
};
int zi_lke_worksheet_job(struct zi_lke_ws *ws, const struct zi_model *m, enum zi_layer layer,
			 const char *unit, int year, struct zi_import_job *job, struct zi_diag *d);
void zi_lke_worksheet_done(struct zi_lke_ws *ws, struct zi_import_job *job);

/* What an upsert did. */
struct zi_lke_counts {
	unsigned long added, updated, unchanged;
};
/* Puts the answers of rows (distinct questions) into t (a unit's lke-answers
 * table): a question without a row gets one; each row's fields of layer
 * (both_layers: unit and tpi) set where given. t is sorted once, at the end. */
void zi_lke_upsert(struct zi_table *t, const struct zi_model *m, const struct zi_lke_in *rows,
		   size_t n, enum zi_layer layer, int both_layers, struct zi_lke_counts *c);
/* The row of soal id in t, added empty when absent (*added set); t must then
 * be zi_table_sort'ed before the next lookup. */
size_t zi_lke_row(struct zi_table *t, long soal_id, int *added);
/* Sets field f of row r to v unless v is NULL or already there: 1 if changed. */
int zi_lke_set(struct zi_table *t, size_t r, size_t f, const char *v);
/* The question of m that a survey's value answers (its source is
 * "survey-KIND": ikm, ipak, ipkp), or -1. */
long zi_lke_survey_question(const struct zi_model *m, const char *kind);
/* The same, a model without that question being an error in d
 * ("model-no-question"). */
long zi_lke_survey_question_need(const struct zi_model *m, const char *kind, struct zi_diag *d);
/* Sets a unit's answer of soal_id for the year to value, with note, in the
 * records (lke/YEAR/UNIT.csv, written when it changed: *changed). */
int zi_lke_store_answer(struct zi_store *st, const char *unit, int year, long soal_id,
			const char *value, const char *note, int *changed, struct zi_diag *d);
/* A unit's answers of the year from the records (lke/YEAR/UNIT.csv; none is
 * an empty table). *s is the schema, to free after the table. */
int zi_lke_load(struct zi_store *st, const char *unit, int year, struct zi_schema **s,
		struct zi_table *t, struct zi_diag *d);
/* What an import read (im), upserted into the unit's answers of the year in
 * the records and put in the store when anything was added or updated (for
 * the caller to commit); *c: the counts. */
int zi_lke_store_import(struct zi_store *st, const struct zi_lke_import *im, const char *unit,
			int year, struct zi_lke_counts *c, struct zi_diag *d);

/* The worksheet zi-eval template writes: one row per question of the model
 * with its area, sub-area, text, type and choices, and the unit's answer,
 * note and evidence from t, as CSV appended to b. */
void zi_lke_template_csv(const struct zi_model *m, const struct zi_table *t, struct zi_buf *b);

/* The built-in models as a JSON array of objects: model, year, questions,
 * title. NULL when one does not load (said in d). */
json_t *zi_lke_models_json(struct zi_diag *d, int *rc);

#endif
