#include "complaint.h"

#include <stdlib.h>
#include <string.h>

const char *const zi_complaint_statuses[4] = {"diterima", "diproses", "selesai", "ditolak"};

char *zi_complaint_next_id(const struct zi_table *t, const char *unit, const char *date)
{
	char *prefix = zi_xasprintf("%s-%s-", unit, date);
	size_t plen = strlen(prefix);
	long max = 0;
	for (size_t r = 0; r < t->n; r++) {
		const char *id = zi_table_get(t, r, ZI_K_ID);
		if (strncmp(id, prefix, plen) || strcmp(zi_table_get(t, r, ZI_K_UNIT), unit))
			continue;
		char *end;
		long n = strtol(id + plen, &end, 10);
		if (!*end && n > max)
			max = n;
	}
	free(prefix);
	return zi_xasprintf("%s-%s-%ld", unit, date, max + 1);
}

void zi_complaint_add_row(const struct zi_table *t, size_t r, int year,
			  struct zi_complaint_counts *c)
{
	zi_complaint_add_row_asof(t, r, year, NULL, c);
}

void zi_complaint_add_row_asof(const struct zi_table *t, size_t r, int year, const char *asof,
			       struct zi_complaint_counts *c)
{
	const char *received = zi_table_get(t, r, ZI_K_RECEIVED);
	if (atoi(received) != year)
		return;
	if (asof && strcmp(received, asof) > 0)
		return;
	const char *st = zi_table_get(t, r, ZI_K_STATUS);
	/* closed (selesai, ditolak) on asof: its resolved date is on or before
	 * it; a closed one without a date has no later state to undo */
	int closed = !strcmp(st, "selesai") || !strcmp(st, "ditolak");
	if (closed && asof) {
		const char *res = zi_table_get(t, r, ZI_K_RESOLVED);
		if (*res && strcmp(res, asof) > 0)
			closed = 0;
	}
	if (closed && !strcmp(st, "ditolak")) {
		c->rejected++;
		return;
	}
	c->to_follow_up++;
	if (closed)
		c->resolved++;
	else
		c->in_process++;
}

void zi_complaint_count(const struct zi_table *t, const char *unit, int year,
			struct zi_complaint_counts *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t r = 0; r < t->n; r++)
		if (!strcmp(zi_table_get(t, r, ZI_K_UNIT), unit))
			zi_complaint_add_row(t, r, year, c);
}
