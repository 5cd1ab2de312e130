/* Reading any spreadsheet CSV (libcsv, strict) and writing canonical CSV. */
#ifndef ZI_CSVIO_H
#define ZI_CSVIO_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

/* ZI_ENC_BYTES: the bytes as they are, unchecked, for a caller that checks
 * each field itself (zi-report check naming the field of a bad byte). */
enum zi_encoding { ZI_ENC_AUTO, ZI_ENC_UTF8, ZI_ENC_CP1252, ZI_ENC_UTF16, ZI_ENC_BYTES };

struct zi_csv_opts {
	char delimiter; /* 0: sniff , ; or tab from the first line */
	enum zi_encoding encoding; /* AUTO: BOM, else UTF-8, else CP1252 */
	/* Called now and then while reading; never from a pipe decision here:
	 * the caller decides whether to show anything. */
	void (*progress)(void *ctx, unsigned long rows, size_t done, size_t total);
	void *progress_ctx;
	/* Spaces and tabs around an unquoted field are not part of it (libcsv's
	 * own rule, and its fast path): for records files, whose writer quotes
	 * such values, and for imports, which trim every value anyway. */
	int trim;
	/* A records file (UTF-8 always): a bad byte points to 'zi-report
	 * check', which names the field, not to --encoding. */
	int records;
	/* For a spreadsheet (zi_table_read, sheet.h): the sheet to read, a name
	 * or a number from 1 (NULL: the first visible one). */
	const char *sheet;
	/* Filled in by the reader: what it found. */
	char used_delimiter;
	enum zi_encoding used_encoding;
	char used_sheet[128]; /* the sheet read; "" for CSV */
};

/* What a reader takes (zi(7)): a field of more than ZI_CSV_FIELD_MAX bytes,
 * or a line of more than ZI_CSV_LINE_MAX, is an error naming its line (no
 * spreadsheet or records file comes near; a larger one would only fill the
 * memory), and so is a NUL byte in a field (it would cut the text short). */
#define ZI_CSV_FIELD_MAX (1u << 20)
#define ZI_CSV_LINE_MAX (16u << 20)

/* Called once per record (the header included) with its first physical line.
 * fields are NUL-terminated and valid only during the call. A non-zero return
 * stops reading and is returned by the reader. */
typedef int (*zi_csv_row_fn)(void *ctx, unsigned long line, char **fields, size_t nfields);

/* Reads path ("-" for standard input); name is what diagnostics call the file
 * (NULL: path). Returns 0, ZI_EDATA when the file is malformed (every problem is
 * in d, and rows were still delivered where possible), ZI_EIO when it cannot be
 * read, or what fn returned. */
int zi_csv_read(const char *path, const char *name, struct zi_csv_opts *opts, zi_csv_row_fn fn,
		void *ctx, struct zi_diag *d);
int zi_csv_read_mem(const char *buf, size_t len, const char *name, struct zi_csv_opts *opts,
		    zi_csv_row_fn fn, void *ctx, struct zi_diag *d);

/* Reads like zi_csv_read, on up to nparts threads when the file is large: the
 * first record (the header) goes to fn with ctxs[0]; the rest is cut at line
 * ends into parts, and part k's records go to fn with ctxs[k] on a thread of
 * its own, in file order within the part. Diagnostics of part k go to ds[k]
 * (of the file as a whole to ds[0]). *used says how many parts count: the
 * caller takes what parts 0 .. *used - 1 got, in that order, and drops what
 * the others got (a cut that turned out to be inside a quoted field is read
 * again by the part before it). A non-zero return of fn stops its part; the
 * first one in file order is returned. */
int zi_csv_read_parts(const char *path, const char *name, struct zi_csv_opts *opts, zi_csv_row_fn fn,
		      void **ctxs, struct zi_diag **ds, size_t nparts, size_t *used);
/* How many parts a large read is worth: the CPUs online (or ZI_THREADS), at
 * most 8. */
size_t zi_csv_parts_hint(void);

const char *zi_encoding_name(enum zi_encoding e);
int zi_encoding_parse(const char *s, enum zi_encoding *out);
/* "auto", ",", ";", "tab" (or a literal tab), "comma", "semicolon". */
int zi_delimiter_parse(const char *s, char *out);

/* Canonical CSV: quotes only when the field holds a comma, quote, CR or LF,
 * or begins or ends with a space or tab. */
void zi_csv_add_field(struct zi_buf *b, const char *s);
/* Fields joined by commas, then LF. */
void zi_csv_add_row(struct zi_buf *b, const char *const *fields, size_t n);
/* For CSV that people open in a spreadsheet: a cell that would run as a
 * formula (= + - @, tab, CR at the start) gets a leading apostrophe. */
void zi_csv_add_field_safe(struct zi_buf *b, const char *s);

/* Canonical CSV (zi's own output) in the Excel dialect, appended to out: a
 * UTF-8 BOM, fields separated by ';', CRLF line ends, and a decimal comma in
 * numbers ("12.5" becomes "12,5"). A field is quoted when it holds ';', a
 * quote or a line end, or begins or ends with a space. The one place that
 * knows the dialect: every CSV zi hands out goes through it (zi_cli). */
int zi_csv_to_excel(const char *csv, size_t len, struct zi_buf *out, struct zi_diag *d);

#endif
