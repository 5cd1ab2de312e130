/* Reading .xlsx (Office Open XML) and .ods (OpenDocument) spreadsheets as rows
 * of cells, streaming (libzip for the container, libxml2 for the XML), in the
 * same shape as CSV rows; and telling by content what a file to import is. */
#ifndef ZI_SHEET_H
#define ZI_SHEET_H

#include <stddef.h>

#include "csvio.h"
#include "diag.h"

enum zi_file_kind {
	ZI_FILE_TEXT, /* CSV (or something to try as CSV) */
	ZI_FILE_UTF16LE, /* text in UTF-16 little-endian without a BOM */
	ZI_FILE_XLSX,
	ZI_FILE_ODS,
	ZI_FILE_OTHER, /* refused: what[] says what it looks like */
};

/* What path holds, from its first bytes and, for a ZIP, its parts. For
 * ZI_FILE_OTHER, what gets a translated sentence ("looks like ... : save it
 * as .xlsx or CSV"). Standard input ("-") is always ZI_FILE_TEXT. */
enum zi_file_kind zi_sheet_sniff(const char *path, char *what, size_t whatsz);

/* Reads one sheet of an .xlsx or .ods file: fn gets every row that has a
 * non-empty cell, with its sheet row number as the line, cells from column A
 * up to the row's last non-empty one ("" for empty cells). sheet is a name or
 * a 1-based number (NULL: the first visible sheet); its name goes to
 * used_sheet. Cells read as a person sees them: numbers with at most 15
 * significant digits (as the spreadsheet keeps them), cells styled as dates
 * as YYYY-MM-DD (with " HH:MM:SS" when they have a time), booleans as TRUE or
 * FALSE, formulas as their cached value, a merged range's value in its
 * top-left cell. Returns 0, ZI_EDATA (a damaged file, no such sheet), ZI_EIO
 * or what fn returned. */
int zi_sheet_read(const char *path, const char *name, const char *sheet, zi_csv_row_fn fn,
		  void *ctx, struct zi_diag *d, char *used_sheet, size_t used_sheetsz);

/* Column letters of a 0-based column: 0 -> "A", 26 -> "AA". */
void zi_sheet_col_name(size_t col, char out[8]);

/* A large .xlsx sheet is read in parts after this many rows: the header is
 * known by then (an import looks for it among the first 20). */
#define ZI_SHEET_HEAD_ROWS 32

/* Reads "a table file" for an import: a spreadsheet (opts->sheet chooses the
 * sheet; its name in opts->used_sheet; an .xlsx sheet of 8 MB or more in
 * parts after its first ZI_SHEET_HEAD_ROWS rows, each part's rows contiguous
 * and every part counting),
 * CSV as zi_csv_read_parts does, or refuses in one line a file that is
 * neither. The arguments are those of zi_csv_read_parts. */
int zi_table_read_parts(const char *path, const char *name, struct zi_csv_opts *opts,
			zi_csv_row_fn fn, void **ctxs, struct zi_diag **ds, size_t nparts,
			size_t *used);
int zi_table_read(const char *path, const char *name, struct zi_csv_opts *opts, zi_csv_row_fn fn,
		  void *ctx, struct zi_diag *d);

/* After an import of a spreadsheet: every diagnostic from index from on that
 * is about file and a line gets its cell name, "Sheet1!C14" (the column of its
 * field; the row alone, "Sheet1!14", when the field has no column).
 * col_fields[i] is the field name column i was read into (NULL: none). */
void zi_sheet_name_cells(struct zi_diag *d, size_t from, const char *file, const char *sheet,
			 const char *const *col_fields, size_t ncols);

#endif
