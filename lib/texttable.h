/* Tables for people: one aligned-text table (columns padded to their display
 * width, numbers right-aligned where asked) written as plain text, Markdown
 * or HTML, and the escaping Markdown and HTML need. Used by every command's
 * text output (zi_cli_print_aligned) and by the reports. */
#ifndef ZI_TEXTTABLE_H
#define ZI_TEXTTABLE_H

#include <stddef.h>

#include "util.h"

#define ZI_TT_MAXCOLS 16

/* Cells row-major, row 0 the header; right[c]: column c right-aligned. */
struct zi_ttable {
	size_t ncols, nrows;
	char **cells;
	int right[ZI_TT_MAXCOLS];
};

void zi_tt_init(struct zi_ttable *t, size_t ncols);
/* Appends a row of ncols values (NULL: empty), copied. */
void zi_tt_add(struct zi_ttable *t, const char *const *vals);
/* Frees the cells; the table is empty (and reusable) again. */
void zi_tt_release(struct zi_ttable *t);

/* Writes the table and empties it: text (each row after indent, columns two
 * blanks apart, no trailing blanks), Markdown (a pipe table, cells escaped),
 * HTML (a <table>, row 0 as <th> in <thead>, the rest in <tbody>,
 * right-aligned cells class "n"). */
void zi_tt_text(struct zi_ttable *t, const char *indent, struct zi_buf *b);
void zi_tt_md(struct zi_ttable *t, struct zi_buf *b);
void zi_tt_html(struct zi_ttable *t, struct zi_buf *b);

/* Aligned text of nrows x ncols cells (row-major, NULL: empty) without a
 * table: each row after indent, columns padded to their widest cell and two
 * blanks apart, right-aligned where right[c] (right may be NULL). */
void zi_text_align(struct zi_buf *b, const char *indent, const char *const *cells, size_t nrows,
		   size_t ncols, const int *right);

/* Display width of UTF-8 text: code points, not bytes. */
size_t zi_text_width(const char *s);

/* Markup escaping: HTML escapes & < > " ' (text and attribute values);
 * Markdown escapes & < > (Markdown passes HTML through: a unit named
 * <script> must show as text), '|' (it would end a table cell) and turns a
 * line break (which would end the row) into a blank. */
enum zi_esc { ZI_ESC_HTML, ZI_ESC_MD };
void zi_esc(struct zi_buf *b, const char *s, enum zi_esc how);

#endif
