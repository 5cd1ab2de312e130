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
	const char *received = zi_table_get(t, r, ZI_K_RECEIVED);
	if (atoi(received) != year)
		return;
	const char *st = zi_table_get(t, r, ZI_K_STATUS);
	if (!strcmp(st, "ditolak")) {
		c->rejected++;
		return;
	}
	c->to_follow_up++;
	if (!strcmp(st, "selesai"))
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
