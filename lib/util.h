/* Small building blocks shared by every module: growable buffers, an arena for
 * row storage, status codes and the translation macro. */
#ifndef ZI_UTIL_H
#define ZI_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <libintl.h>

#define _(s) dgettext("zi", s)
#define N_(s) (s)

/* Library functions return 0 or one of these; the negated value is the exit code
 * the commands use (DESIGN.md, exit codes). */
enum zi_status {
	ZI_OK = 0,
	ZI_EDATA = -1, /* the data is invalid or a check failed */
	ZI_EUSAGE = -2, /* the caller asked for something impossible */
	ZI_EIO = -3, /* input/output, lock or environment */
	ZI_EINTERNAL = -4, /* a bug, or memory exhausted */
};

/* A growable byte buffer, always NUL-terminated once anything was added. */
struct zi_buf {
	char *data;
	size_t len, cap;
};

void zi_buf_init(struct zi_buf *b);
void zi_buf_release(struct zi_buf *b);
void zi_buf_reserve(struct zi_buf *b, size_t extra);
void zi_buf_add(struct zi_buf *b, const void *data, size_t len);
void zi_buf_adds(struct zi_buf *b, const char *s);
void zi_buf_addc(struct zi_buf *b, char c);
void zi_buf_printf(struct zi_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void zi_buf_reset(struct zi_buf *b);

/* Bump allocator: many small strings freed together. */
struct zi_arena {
	struct zi_arena_chunk *head;
};

void zi_arena_init(struct zi_arena *a);
void zi_arena_release(struct zi_arena *a);
/* Frees everything allocated but keeps the newest chunk for what comes next. */
void zi_arena_reset(struct zi_arena *a);
void *zi_arena_alloc(struct zi_arena *a, size_t size);
char *zi_arena_strdup(struct zi_arena *a, const char *s);
/* Moves every block of from into to (from ends empty; what it allocated stays
 * valid until to is released). */
void zi_arena_adopt(struct zi_arena *to, struct zi_arena *from);

/* Allocation that aborts on exhaustion: a tool for records cannot go on without
 * memory, and every caller checking NULL would hide real errors in noise. */
void *zi_xmalloc(size_t n);
void *zi_xcalloc(size_t n, size_t size);
void *zi_xrealloc(void *p, size_t n);
/* What threads write, apart: per-thread state in an array allocated with
 * zi_xcalloc_lines (zeroed, freed with free()), each element beginning with
 * ZI_APART, shares no cache line (nor the pair the hardware fetches together)
 * with its neighbours, so no thread slows another down by writing. */
#define ZI_CACHE_LINES 128
#define ZI_APART _Alignas(ZI_CACHE_LINES) char zi_apart_
void *zi_xcalloc_lines(size_t n, size_t size);
char *zi_xstrdup(const char *s);
char *zi_xstrndup(const char *s, size_t n);
char *zi_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *zi_xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Trim ASCII white space (and no-break space) at both ends in place; returns s. */
char *zi_trim(char *s);
int zi_strcaseeq(const char *a, const char *b);
/* Lower-case ASCII letters and digits only: "Kode Unit" -> "kodeunit". */
void zi_fold_name(const char *in, char *out, size_t outsz);
int zi_is_utf8(const char *s, size_t len, size_t *bad_offset);
/* Today's date as YYYY-MM-DD, honouring ZI_TODAY for tests. */
void zi_today(char out[11]);

#endif
