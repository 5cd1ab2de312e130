/* Workbooks zi hands out (libxlsxwriter): tables written as sheets (numbers as
 * numbers, dates as dates, widths set, header row frozen), and the LKE
 * worksheet a unit fills in, whose formulas compute the score as zi does. The
 * library never prints: it returns a status and fills a zi_diag. */
#ifndef ZI_XLSXOUT_H
#define ZI_XLSXOUT_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "table.h"

/* How a column's cells are written. AUTO looks at the whole column: numbers
 * when every non-empty cell is a plain decimal number of at most 15 digits
 * without a leading zero (a NIP or a code stays text), dates when every one
 * is YYYY-MM-DD, booleans when every one is true or false, else text. */
enum zi_xtype { ZI_XT_AUTO, ZI_XT_TEXT, ZI_XT_NUMBER, ZI_XT_DATE, ZI_XT_BOOL };

struct zi_xtable {
	const char *name; /* the sheet's name; at most 31 characters are kept */
	const char *const *header; /* ncols names */
	const enum zi_xtype *types; /* ncols types, or NULL: every column AUTO */
	const char *const *cells; /* nrows * ncols, row-major; NULL is empty */
	size_t ncols, nrows;
};

/* Writes the tables as the sheets of one workbook at path (written beside it,
 * then renamed into place). */
int zi_xlsx_write_tables(const char *path, const struct zi_xtable *t, size_t n, struct zi_diag *d);

/* The same for canonical CSV text (the header first): one sheet per CSV
 * text, names[i] naming sheet i. A cell that zi's CSV writer neutralised
 * against formulas (a leading apostrophe) is written without it: an xlsx
 * text cell never runs. */
int zi_xlsx_write_csv(const char *path, const char *const *names, const char *const *csv,
		      const size_t *len, size_t n, struct zi_diag *d);

/* The LKE worksheet of a unit for a year: the model's tree as headed rows,
 * every question with its text, a dropdown of its choices (or a whole count
 * >= 0, a survey value 0-4), answer, note and evidence cells (the only ones
 * unlocked; the sheet is protected without a password), and the score of every
 * question, derived percentage, sub-area, area and the total as formulas.
 * answers (an lke-answers table, may be NULL) pre-fills the unit's layer.
 * unanswered_zero: an unanswered question counts 0 in its sub-area's mean;
 * else it is skipped (the official workbook's AVERAGE). */
int zi_xlsx_write_template(const char *path, const struct zi_model *m, const char *unit, int year,
			   const struct zi_table *answers, int unanswered_zero, struct zi_diag *d);

#endif
