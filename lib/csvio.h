/* Reading any spreadsheet CSV (libcsv, strict) and writing canonical CSV. */
#ifndef ZI_CSVIO_H
#define ZI_CSVIO_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

enum zi_encoding { ZI_ENC_AUTO, ZI_ENC_UTF8, ZI_ENC_CP1252, ZI_ENC_UTF16 };

struct zi_csv_opts {
	char delimiter;            /* 0: sniff , ; or tab from the first line */
	enum zi_encoding encoding; /* AUTO: BOM, else UTF-8, else CP1252 */
	/* Called now and then while reading; never from a pipe decision here:
	 * the caller decides whether to show anything. */
	void (*progress)(void *ctx, unsigned long rows, size_t done, size_t total);
	void *progress_ctx;
	/* Filled in by the reader: what it found. */
	char used_delimiter;
	enum zi_encoding used_encoding;
};

/* Called once per record (the header included) with its first physical line.
 * fields are NUL-terminated and valid only during the call. A non-zero return
 * stops reading and is returned by the reader. */
typedef int (*zi_csv_row_fn)(void *ctx, unsigned long line, char **fields, size_t nfields);

/* Reads path ("-" for standard input); name is what diagnostics call the file
 * (NULL: path). Returns 0, ZI_EDATA when the file is malformed (every problem is
 * in d, and rows were still delivered where possible), ZI_EIO when it cannot be
 * read, or what fn returned. */
int zi_csv_read(const char *path, const char *name, struct zi_csv_opts *opts,
		zi_csv_row_fn fn, void *ctx, struct zi_diag *d);
int zi_csv_read_mem(const char *buf, size_t len, const char *name, struct zi_csv_opts *opts,
		    zi_csv_row_fn fn, void *ctx, struct zi_diag *d);

const char *zi_encoding_name(enum zi_encoding e);
int zi_encoding_parse(const char *s, enum zi_encoding *out);
/* "auto", ",", ";", "tab" (or a literal tab), "comma", "semicolon". */
int zi_delimiter_parse(const char *s, char *out);

/* Canonical CSV: quotes only when the field holds a comma, quote, CR or LF,
 * or begins or ends with a space. */
void zi_csv_add_field(struct zi_buf *b, const char *s);
/* Fields joined by commas, then LF. */
void zi_csv_add_row(struct zi_buf *b, const char *const *fields, size_t n);
/* For CSV that people open in a spreadsheet: a cell that would run as a
 * formula (= + - @, tab, CR at the start) gets a leading apostrophe. */
void zi_csv_add_field_safe(struct zi_buf *b, const char *s);

#endif
