#include "declare.h"

#include <stdlib.h>
#include <string.h>

#include "units.h"

void zi_list_join(const char *const *vals, size_t n, struct zi_buf *out)
{
	int first = out->len == 0;
	for (size_t i = 0; i < n; i++) {
		if (!vals[i] || !*vals[i])
			continue;
		if (!first)
			zi_buf_adds(out, ZI_LIST_SEP);
		zi_buf_adds(out, vals[i]);
		first = 0;
	}
	if (!out->data)
		zi_buf_adds(out, "");
}

void zi_list_normalise(const char *raw, struct zi_buf *out)
{
	zi_buf_reset(out);
	char *copy = zi_xstrdup(raw);
	int first = 1;
	for (char *p = copy; p;) {
		char *e = strpbrk(p, "|;\n");
		if (e)
			*e = 0;
		char *part = zi_trim(p);
		if (*part) {
			if (!first)
				zi_buf_adds(out, ZI_LIST_SEP);
			zi_buf_adds(out, part);
			first = 0;
		}
		p = e ? e + 1 : NULL;
	}
	if (!out->data)
		zi_buf_adds(out, "");
	free(copy);
}

int zi_declare_seq(const char *id, const char *unit, const char *date)
{
	size_t ul = strlen(unit), dl = strlen(date);
	if (strncmp(id, unit, ul) || id[ul] != '-' || strncmp(id + ul + 1, date, dl))
		return 0;
	const char *tail = id + ul + 1 + dl;
	if (!*tail)
		return 1;
	if (*tail != '-' || !tail[1])
		return 0;
	int n = 0;
	for (const char *p = tail + 1; *p; p++) {
		if (*p < '0' || *p > '9' || n > 100000)
			return 0;
		n = n * 10 + (*p - '0');
	}
	return n >= 2 ? n : 0;
}

char *zi_declare_make_id(const char *unit, const char *date, int n)
{
	return n <= 1 ? zi_xasprintf("%s-%s", unit, date) : zi_xasprintf("%s-%s-%d", unit, date, n);
}

static int id_used(const struct zi_table *t, const char *id)
{
	if (!t)
		return 0;
	return zi_table_find_value(t, ZI_D_ID, id, 0) >= 0;
}

char *zi_declare_next_id(const struct zi_table *a, const struct zi_table *b, const char *unit,
			 const char *date)
{
	for (int n = 1;; n++) {
		char *id = zi_declare_make_id(unit, date, n);
		if (!id_used(a, id) && !id_used(b, id))
			return id;
		free(id);
	}
}

int zi_declare_cmp(const struct zi_table *t, size_t a, size_t b)
{
	int c = strcmp(zi_table_get(t, a, ZI_D_DATE), zi_table_get(t, b, ZI_D_DATE));
	if (c)
		return c;
	const char *u = zi_table_get(t, a, ZI_D_UNIT), *d = zi_table_get(t, a, ZI_D_DATE);
	int sa = zi_declare_seq(zi_table_get(t, a, ZI_D_ID), u, d);
	int sb = zi_declare_seq(zi_table_get(t, b, ZI_D_ID), zi_table_get(t, b, ZI_D_UNIT), d);
	if (sa != sb)
		return sa < sb ? -1 : 1;
	return strcmp(zi_table_get(t, a, ZI_D_ID), zi_table_get(t, b, ZI_D_ID));
}

long zi_declare_first(const struct zi_table *t, const char *unit)
{
	long first = -1;
	for (size_t r = 0; r < t->n; r++) {
		if (strcmp(zi_table_get(t, r, ZI_D_UNIT), unit))
			continue;
		if (first < 0 || zi_declare_cmp(t, r, (size_t)first) < 0)
			first = (long)r;
	}
	return first;
}

size_t zi_declare_mark(struct zi_table *t)
{
	size_t changed = 0;
	for (size_t r = 0; r < t->n; r++) {
		long first = zi_declare_first(t, zi_table_get(t, r, ZI_D_UNIT));
		const char *want = first == (long)r ? "false" : "true";
		if (strcmp(zi_table_get(t, r, ZI_D_REDECLARATION), want)) {
			zi_table_set_value(t, r, ZI_D_REDECLARATION, want);
			changed++;
		}
	}
	return changed;
}

void zi_stage_history_set(struct zi_table *stages, const char *unit, const char *date,
			  const char *stage, const char *ref, const char *note)
{
	const char *key[3] = {unit, date, stage};
	const char *row[5] = {unit, date, stage, ref ? ref : "", note ? note : ""};
	zi_table_sort(stages);
	long at = zi_table_find(stages, key);
	if (at >= 0)
		zi_table_set(stages, (size_t)at, row);
	else
		zi_table_add(stages, row, 0);
	zi_table_sort(stages);
}

int zi_declare_move_stage(struct zi_table *units, size_t r, const char *date, const char *id,
			  struct zi_table *stages)
{
	const char *stage = zi_table_get(units, r, ZI_U_STAGE);
	if (*stage && strcmp(stage, "calon"))
		return 0;
	char *unit = zi_xstrdup(zi_table_get(units, r, ZI_U_ID));
	zi_table_set_value(units, r, ZI_U_STAGE, "pencanangan");
	zi_table_set_value(units, r, ZI_U_STAGE_DATE, date);
	zi_stage_history_set(stages, unit, date, "pencanangan", id, NULL);
	free(unit);
	return 1;
}
