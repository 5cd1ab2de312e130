#include "diag.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void zi_diag_init(struct zi_diag *d)
{
	memset(d, 0, sizeof(*d));
}

void zi_diag_release(struct zi_diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].field);
		free(d->v[i].cell);
		free(d->v[i].message);
	}
	free(d->v);
	zi_diag_init(d);
}

void zi_diag_add(struct zi_diag *d, enum zi_severity sev, const char *file, unsigned long line,
		 const char *field, const char *code, const char *fmt, ...)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = zi_xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	struct zi_diag_entry *e = &d->v[d->n++];
	e->severity = sev;
	e->file = file ? zi_xstrdup(file) : NULL;
	e->line = line;
	e->field = field && *field ? zi_xstrdup(field) : NULL;
	e->cell = NULL;
	e->code = code;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	e->message = zi_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(e->message, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (sev == ZI_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void zi_diag_sort(struct zi_diag *d)
{
	/* insertion order breaks ties: a merge sort keeps it */
	if (d->n < 2)
		return;
	struct zi_diag_entry *tmp = zi_xmalloc(d->n * sizeof(*tmp));
	for (size_t w = 1; w < d->n; w *= 2) {
		for (size_t lo = 0; lo < d->n; lo += 2 * w) {
			size_t mid = lo + w < d->n ? lo + w : d->n;
			size_t hi = lo + 2 * w < d->n ? lo + 2 * w : d->n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi) {
				struct zi_diag_entry *x = &d->v[i], *y = &d->v[j];
				int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
				if (!c)
					c = x->line > y->line ? 1 : 0;
				tmp[k++] = c > 0 ? d->v[j++] : d->v[i++];
			}
			while (i < mid)
				tmp[k++] = d->v[i++];
			while (j < hi)
				tmp[k++] = d->v[j++];
		}
		memcpy(d->v, tmp, d->n * sizeof(*tmp));
	}
	free(tmp);
}

void zi_diag_truncate(struct zi_diag *d, size_t n)
{
	while (d->n > n) {
		struct zi_diag_entry *e = &d->v[--d->n];
		if (e->severity == ZI_ERROR)
			d->errors--;
		else
			d->warnings--;
		free(e->file);
		free(e->field);
		free(e->cell);
		free(e->message);
	}
}

void zi_diag_move(struct zi_diag *dst, struct zi_diag *src)
{
	for (size_t i = 0; i < src->n; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 16;
			dst->v = zi_xrealloc(dst->v, dst->cap * sizeof(*dst->v));
		}
		dst->v[dst->n++] = src->v[i];
	}
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	free(src->v);
	zi_diag_init(src);
}

/* A JSON string of s with every byte that is not UTF-8 replaced by U+FFFD: a
 * Latin-1 file name or a message cut inside a character must not drop the key
 * (json_string refuses invalid UTF-8). */
static json_t *json_text(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	struct zi_buf b;
	zi_buf_init(&b);
	size_t len = strlen(s), pos = 0, bad;
	while (pos < len && !zi_is_utf8(s + pos, len - pos, &bad)) {
		zi_buf_add(&b, s + pos, bad);
		zi_buf_adds(&b, "\xEF\xBF\xBD");
		pos += bad + 1;
	}
	zi_buf_add(&b, s + pos, len - pos);
	j = json_string(b.data);
	zi_buf_release(&b);
	return j;
}

void zi_diag_print(FILE *out, const char *prog, const struct zi_diag_entry *e, int json)
{
	if (json) {
		json_t *o = json_object();
		json_object_set_new(o, "file", e->file ? json_text(e->file) : json_null());
		json_object_set_new(o, "line",
				    e->line ? json_integer((json_int_t)e->line) : json_null());
		json_object_set_new(o, "field", e->field ? json_text(e->field) : json_null());
		if (e->cell)
			json_object_set_new(o, "cell", json_text(e->cell));
		json_object_set_new(o, "code", json_string(e->code));
		json_object_set_new(o, "severity",
				    json_string(e->severity == ZI_ERROR ? "error" : "warning"));
		json_object_set_new(o, "message", json_text(e->message));
		char *s = json_dumps(o, JSON_COMPACT);
		fprintf(out, "%s\n", s);
		free(s);
		json_decref(o);
		return;
	}
	fprintf(out, "%s: ", prog);
	if (e->file) {
		if (e->cell)
			fprintf(out, "%s: %s: ", e->file, e->cell);
		else if (e->line)
			fprintf(out, "%s:%lu: ", e->file, e->line);
		else
			fprintf(out, "%s: ", e->file);
	}
	if (e->severity == ZI_WARNING)
		fputs(_("warning: "), out);
	if (e->field)
		fprintf(out, "%s: ", e->field);
	fprintf(out, "%s\n", e->message);
}
