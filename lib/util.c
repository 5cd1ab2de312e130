#include "util.h"
#include "bulk.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void *zi_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("zi: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *zi_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		fputs("zi: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *zi_xcalloc_lines(size_t n, size_t size)
{
	size_t total = (n ? n : 1) * (size ? size : 1);
	total = (total + ZI_CACHE_LINES - 1) & ~(size_t)(ZI_CACHE_LINES - 1);
	void *p = aligned_alloc(ZI_CACHE_LINES, total);
	if (!p) {
		fputs("zi: out of memory\n", stderr);
		abort();
	}
	return memset(p, 0, total);
}

void *zi_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("zi: out of memory\n", stderr);
		abort();
	}
	return p;
}

char *zi_xstrdup(const char *s)
{
	return zi_xstrndup(s, strlen(s));
}

char *zi_xstrndup(const char *s, size_t n)
{
	char *p = zi_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *zi_xvasprintf(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *p = zi_xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, again);
	va_end(again);
	return p;
}

char *zi_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = zi_xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void zi_buf_init(struct zi_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void zi_buf_release(struct zi_buf *b)
{
	free(b->data);
	zi_buf_init(b);
}

void zi_buf_reserve(struct zi_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->data = zi_xrealloc(b->data, cap);
	b->cap = cap;
}

void zi_buf_add(struct zi_buf *b, const void *data, size_t len)
{
	zi_buf_reserve(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = 0;
}

void zi_buf_adds(struct zi_buf *b, const char *s)
{
	zi_buf_add(b, s, strlen(s));
}

void zi_buf_addc(struct zi_buf *b, char c)
{
	zi_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = 0;
}

void zi_buf_printf(struct zi_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	zi_buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void zi_buf_reset(struct zi_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = 0;
}

struct zi_arena_chunk {
	struct zi_arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

#define ZI_ARENA_CHUNK (1u << 20)

void zi_arena_init(struct zi_arena *a)
{
	a->head = NULL;
}

void zi_arena_release(struct zi_arena *a)
{
	struct zi_arena_chunk *c = a->head;
	while (c) {
		struct zi_arena_chunk *n = c->next;
		free(c); /* zi_bulk_alloc's too */
		c = n;
	}
	a->head = NULL;
}

void zi_arena_reset(struct zi_arena *a)
{
	struct zi_arena_chunk *c = a->head;
	if (!c)
		return;
	struct zi_arena_chunk *n = c->next;
	while (n) {
		struct zi_arena_chunk *next = n->next;
		free(n);
		n = next;
	}
	c->next = NULL;
	c->used = 0;
}

void zi_arena_adopt(struct zi_arena *to, struct zi_arena *from)
{
	struct zi_arena_chunk *first = from->head, *last = first;
	if (!first)
		return;
	while (last->next)
		last = last->next;
	/* behind to's current chunk, which keeps taking allocations */
	if (to->head) {
		last->next = to->head->next;
		to->head->next = first;
	} else {
		to->head = first;
	}
	from->head = NULL;
}

void *zi_arena_alloc(struct zi_arena *a, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	struct zi_arena_chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t cs = size > ZI_ARENA_CHUNK / 4 ? size : ZI_ARENA_CHUNK;
		struct zi_arena_chunk *n = NULL;
		if (cs == ZI_ARENA_CHUNK && c && c->size >= ZI_ARENA_CHUNK) {
			/* a large table: chunks double up to 32 MiB, in huge pages
			 * (lib/bulk; a whole number of them) */
			cs = c->size < (16u << 20) ? c->size * 2 : (32u << 20);
			size_t huge = 2u << 20, total = (sizeof(*n) + cs + huge - 1) & ~(huge - 1);
			n = zi_bulk_alloc(total);
			cs = total - sizeof(*n);
		} else {
			n = zi_xmalloc(sizeof(*n) + cs);
		}
		n->used = 0;
		n->size = cs;
		if (c && size > ZI_ARENA_CHUNK / 4) {
			/* a big block goes behind the current chunk so the
			 * chunk's free space stays usable */
			n->next = c->next;
			c->next = n;
			n->used = size;
			return n->data;
		}
		n->next = c;
		a->head = c = n;
	}
	void *p = (char *)c->data + c->used;
	c->used += size;
	return p;
}

char *zi_arena_strdup(struct zi_arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = zi_arena_alloc(a, n);
	memcpy(p, s, n);
	return p;
}

char *zi_trim(char *s)
{
	char *e = s + strlen(s);
	while (e > s &&
	       (isspace((unsigned char)e[-1]) ||
		(e - s >= 2 && (unsigned char)e[-2] == 0xC2 && (unsigned char)e[-1] == 0xA0))) {
		if (isspace((unsigned char)e[-1]))
			e--;
		else
			e -= 2;
	}
	*e = 0;
	char *b = s;
	while (*b && (isspace((unsigned char)*b) ||
		      ((unsigned char)b[0] == 0xC2 && (unsigned char)b[1] == 0xA0)))
		b += isspace((unsigned char)*b) ? 1 : 2;
	if (b != s)
		memmove(s, b, (size_t)(e - b) + 1);
	return s;
}

static inline unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* ASCII case folding, whatever the locale (enum values, yes/no words): this
 * runs for several values of every imported row. */
int zi_strcaseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (*a != *b && ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
			return 0;
	return *a == *b;
}

void zi_fold_name(const char *in, char *out, size_t outsz)
{
	size_t o = 0;
	for (; *in && o + 1 < outsz; in++) {
		unsigned char c = (unsigned char)*in;
		if (isalnum(c))
			out[o++] = (char)tolower(c);
	}
	out[o] = 0;
}

int zi_is_utf8(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		/* skip ASCII eight bytes at a time: most of every file */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char c = s[i];
		size_t n;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto fail;
		}
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				goto fail;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			goto fail;
		i += n + 1;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

void zi_today(char out[11])
{
	const char *t = getenv("ZI_TODAY");
	if (t && strlen(t) == 10) {
		memcpy(out, t, 11);
		return;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
