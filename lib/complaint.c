#include "complaint.h"

#include <stdlib.h>
#include <string.h>

#include "records.h"

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

/* A text of one line, trimmed (malloc'd). */
static char *one_line(const char *v)
{
	char *copy = zi_xstrdup(v ? v : "");
	zi_trim(copy);
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	return copy;
}

char *zi_complaint_add(struct zi_table *t, const char *unit, const char *date, const char *channel,
		       const char *category, const char *summary)
{
	char *sum = one_line(summary), *chan = one_line(channel), *cat = one_line(category);
	char *id = zi_complaint_next_id(t, unit, date);
	const char *row[ZI_K_NFIELDS] = {id, unit, date, chan, cat, sum, "diterima", "", ""};
	zi_table_add(t, row, 0);
	zi_table_sort(t);
	free(sum);
	free(chan);
	free(cat);
	return id;
}

static int set(struct zi_table *t, size_t r, size_t f, const char *v)
{
	if (!strcmp(zi_table_get(t, r, f), v))
		return 0;
	zi_table_set_value(t, r, f, v);
	return 1;
}

int zi_complaint_resolve(struct zi_table *t, const char *id, const char *date, int rejected,
			 const char *ref, int *changed, struct zi_diag *d)
{
	*changed = 0;
	const char *key[1] = {id};
	long r = zi_table_find(t, key);
	if (r < 0) {
		zi_diag_error(d, NULL, 0, NULL, "complaint-unknown",
			      _("no complaint '%s' (see 'zi-eval complaint list')"), id);
		return ZI_EDATA;
	}
	const char *received = zi_table_get(t, (size_t)r, ZI_K_RECEIVED);
	if (strcmp(date, received) < 0) {
		zi_diag_error(d, NULL, 0, "date", "date-order",
			      _("%s is before the complaint was received (%s)"), date, received);
		return ZI_EDATA;
	}
	*changed = set(t, (size_t)r, ZI_K_STATUS, rejected ? "ditolak" : "selesai");
	*changed |= set(t, (size_t)r, ZI_K_RESOLVED, date);
	if (ref)
		*changed |= set(t, (size_t)r, ZI_K_REF, ref);
	return 0;
}

int zi_complaint_status_ok(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(s, zi_complaint_statuses[i]))
			return 1;
	return 0;
}

size_t zi_complaint_select(const struct zi_table *t, const char *unit, const char *status,
			   size_t *rows)
{
	size_t n = 0;
	for (size_t r = 0; r < t->n; r++) {
		if (unit && strcmp(unit, zi_table_get(t, r, ZI_K_UNIT)))
			continue;
		if (status && strcmp(status, zi_table_get(t, r, ZI_K_STATUS)))
			continue;
		rows[n++] = r;
	}
	return n;
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

int zi_complaint_store_add(struct zi_store *st, const char *unit, const char *date,
			   const char *channel, const char *category, const char *summary,
			   char **id, struct zi_diag *d)
{
	struct zi_table t;
	*id = NULL;
	int rc = zi_records_load(st, "complaints", NULL, &t, d);
	if (!rc) {
		*id = zi_complaint_add(&t, unit, date, channel, category, summary);
		rc = zi_store_put_table(st, "complaints.csv", &t, d);
	}
	zi_table_release(&t);
	return rc;
}

int zi_complaint_store_resolve(struct zi_store *st, const char *id, const char *date, int rejected,
			       const char *ref, int *changed, struct zi_diag *d)
{
	struct zi_table t;
	*changed = 0;
	int rc = zi_records_load(st, "complaints", NULL, &t, d);
	if (!rc)
		rc = zi_complaint_resolve(&t, id, date, rejected, ref, changed, d);
	if (!rc && *changed)
		rc = zi_store_put_table(st, "complaints.csv", &t, d);
	zi_table_release(&t);
	return rc;
}
