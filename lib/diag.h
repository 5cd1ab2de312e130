/* Diagnostics: what went wrong, where. The library appends; only commands print. */
#ifndef ZI_DIAG_H
#define ZI_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum zi_severity { ZI_ERROR, ZI_WARNING };

/* One diagnostic. code is a stable identifier (documented in man/zi.7), the
 * same in every language; message is already translated. */
struct zi_diag_entry {
	enum zi_severity severity;
	char *file; /* may be NULL */
	unsigned long line; /* 0 when not about a line */
	char *field; /* may be NULL */
	char *cell; /* in a spreadsheet: "Sheet1!C14", shown instead of the line */
	const char *code; /* static string */
	char *message;
};

struct zi_diag {
	struct zi_diag_entry *v;
	size_t n, cap;
	size_t errors, warnings;
};

void zi_diag_init(struct zi_diag *d);
void zi_diag_release(struct zi_diag *d);
/* Appends a copy of file, field and the formatted message; code must be static. */
void zi_diag_add(struct zi_diag *d, enum zi_severity sev, const char *file, unsigned long line,
		 const char *field, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
#define zi_diag_error(d, file, line, field, code, ...) \
	zi_diag_add(d, ZI_ERROR, file, line, field, code, __VA_ARGS__)
#define zi_diag_warn(d, file, line, field, code, ...) \
	zi_diag_add(d, ZI_WARNING, file, line, field, code, __VA_ARGS__)
/* Sorts by file then line, keeping the order of entries on the same line. */
void zi_diag_sort(struct zi_diag *d);
/* Drops the entries from index n on. */
void zi_diag_truncate(struct zi_diag *d, size_t n);
/* Moves every entry of src to the end of dst; src is left empty. */
void zi_diag_move(struct zi_diag *dst, struct zi_diag *src);

/* Writes one entry as "prog: FILE:LINE: FIELD: message" ("prog: FILE: CELL:
 * FIELD: message" in a spreadsheet) (text) or as a JSON line
 * {"file","line","field","code","severity","message"} (and "cell" when there
 * is one). */
void zi_diag_print(FILE *out, const char *prog, const struct zi_diag_entry *e, int json);

#endif
