/* Spreadsheet imports: header matching, normalisation of every value, every
 * bad row reported (or set aside for --reject), then a merge by key. */
#ifndef ZI_IMPORT_H
#define ZI_IMPORT_H

#include "table.h"

struct zi_import {
	struct zi_table rows; /* the good rows, in file order */
	int *present; /* per field: did the file have it */
	int *col_to_field; /* per column of the file */
	size_t ncols;
	unsigned char *dropped; /* per row of rows: set aside after reading */
	int keep_rejected; /* --reject: bad rows are set aside, not fatal */
	struct zi_buf rejects; /* bad rows as read plus a reason column, as CSV */
	unsigned long bad_rows;
	unsigned long blank_rows;
	unsigned long absent_rows; /* left out by an empty presence cell */
	const char *file;
	struct zi_csv_opts csv; /* .used_sheet: the sheet read, "" for CSV */
	unsigned long header_line; /* where the header was found */
	/* Optional, set before zi_import_read: a table of the same schema (the
	 * records file as it is). A row that equals one of its rows shares that
	 * row's storage instead of a copy, so a re-import holds the rows once;
	 * same must outlive im and its rows. */
	const struct zi_table *same;
	/* Left by zi_import_check_duplicates for zi_import_sort: the rows' order
	 * by key. */
	size_t *order;
	size_t norder;
	unsigned long order_gen; /* rows.gen when order was made */
};

struct zi_import_opts {
	const char *const *map; /* header -> field pairs, NULL-terminated */
	const char *const *ignore; /* fields not taken from the file (warned about) */
	int keep_rejected;
	struct zi_csv_opts csv; /* .sheet: which sheet of a spreadsheet */
	/* The header's line (a spreadsheet's row number); 0: the first line,
	 * or when that matches no field well, the best among the first 20
	 * (title rows above it skipped; a header over two rows read as one). */
	unsigned long header_row;
	/* A column with data but no header, or a header that matches no
	 * field, is an error rather than a warning. */
	int strict;
	/* field -> value pairs, NULL-terminated (may be NULL): the value of a
	 * field whose cell is empty or whose column is missing. */
	const char *const *defaults;
	/* Headers (NULL-terminated, may be NULL) of a column that says whether
	 * a row counts: a sign-in sheet's signature. A row whose cell there is
	 * empty is listed (a warning) and not imported. */
	const char *const *presence;
	/* A short CSV row is made as long as the header with empty cells, as
	 * a spreadsheet's is (a worksheet whose last columns are optional). */
	int pad_short;
	/* Hooks, with ctx (each may be NULL). header: after the header is
	 * matched (im->col_to_field, im->present set); nonzero when it is bad
	 * (said in d), so that no row is read. row: the command's check of a
	 * row whose values are good (vals: canonical, per field); it may point
	 * vals at its own values, kept in scratch (one per reader: rows may be
	 * read on several threads at once). Returns 0 to keep the row, 1 when
	 * it is no row of data (a heading), -1 when it is bad: *err and *field
	 * say why, reported as a bad value is. */
	int (*header)(void *ctx, struct zi_import *im, char **fields, size_t n, unsigned long line,
		      struct zi_diag *d);
	int (*row)(void *ctx, unsigned long line, const char **vals, struct zi_buf *scratch,
		   struct zi_verr *err, const char **field);
	void *ctx;
};

void zi_import_init(struct zi_import *im, const struct zi_schema *s);
void zi_import_release(struct zi_import *im);
/* Reads path into im. Returns 0, ZI_EDATA when the header or any row is bad
 * (every problem in d; the good rows are still in im->rows), or ZI_EIO. */
int zi_import_read(struct zi_import *im, const char *path, const struct zi_import_opts *o,
		   struct zi_diag *d);
/* A good row that fails a later check (a reference, a rule): an error, or
 * with --reject a warning and the row set aside with the reason. */
void zi_import_fail(struct zi_import *im, size_t row, const char *field, const char *code,
		    struct zi_diag *d, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Every row whose key appears more than once fails. */
void zi_import_check_duplicates(struct zi_import *im, struct zi_diag *d);
/* Removes the rows set aside. */
void zi_import_compact(struct zi_import *im);
/* Removes the rows set aside and sorts the others by key (in the order
 * zi_import_check_duplicates found, when it ran). */
void zi_import_sort(struct zi_import *im);
/* Did anything fail that --reject did not set aside? */
int zi_import_failed(const struct zi_import *im, const struct zi_diag *d);

/* The field names of the file's columns (NULL for a column not imported),
 * im->ncols of them, for zi_sheet_name_cells; the caller frees the array. */
const char **zi_import_col_fields(const struct zi_import *im);

/* Reads a --map file: CSV with columns column,field; pairs NULL-terminated. */
int zi_import_read_map(const char *path, char ***pairs, struct zi_diag *d);
void zi_import_free_map(char **pairs);

#endif
