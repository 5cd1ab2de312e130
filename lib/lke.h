/* The official LKE workbooks as they arrive (see lke.c). */
#ifndef ZI_LKE_H
#define ZI_LKE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

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
	ZI_LKE_PLAIN,     /* zi's own worksheet: a soal_id column (read elsewhere) */
	ZI_LKE_PORTALRB,  /* the 2026 PortalRB workbook: cells the model names */
	ZI_LKE_LAMPIRAN3, /* Lampiran III of PermenPAN-RB 90/2021: rows by text */
};

/* One question's cells found in the sheet. */
struct zi_lke_found {
	long qi;
	unsigned long line;   /* sheet row */
	char cell[16];        /* the answer's cell, "K6" */
	char *text;           /* the row's question text as written (may be NULL) */
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

#endif
