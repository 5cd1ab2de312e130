#include "stages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "util.h"

/* One row of a history, from the records or from the entries of a change. */
struct hrow {
	const char *v[ZI_ST_NFIELDS];
	unsigned long line;
	long row; /* in the table it came from, or -1 */
	long entry; /* among the entries, or -1 */
	int sidx;
	size_t ord; /* keeps the order of equal rows */
};

/* The order things happened: by date, and one day's changes in stage order. */
static int cmp_hrow(const void *a, const void *b)
{
	const struct hrow *x = a, *y = b;
	int c = strcmp(x->v[ZI_ST_DATE], y->v[ZI_ST_DATE]);
	if (c)
		return c;
	if (x->sidx != y->sidx)
		return x->sidx < y->sidx ? -1 : 1;
	return (x->ord > y->ord) - (x->ord < y->ord);
}

/* The rows of unit: a range when the table is sorted by key, else a scan. */
static void unit_range(const struct zi_table *t, const char *unit, size_t *lo, size_t *hi)
{
	*lo = 0;
	*hi = t->n;
	if (!t->order)
		return;
	size_t b = zi_table_lower_bound(t, ZI_ST_UNIT, unit);
	*lo = b;
	while (b < t->n && !strcmp(zi_table_get(t, b, ZI_ST_UNIT), unit))
		b++;
	*hi = b;
}

static void hrow_fill(struct hrow *h, const struct zi_table *t, size_t r, size_t ord)
{
	for (size_t f = 0; f < ZI_ST_NFIELDS; f++)
		h->v[f] = f < t->schema->nfields ? zi_table_get(t, r, f) : "";
	h->line = t->lines[r];
	h->row = (long)r;
	h->entry = -1;
	h->sidx = zi_stage_parse(h->v[ZI_ST_STAGE]);
	h->ord = ord;
}

/* The history of unit as rows in the order things happened; *n of them. */
static struct hrow *history_rows(const struct zi_table *t, const char *unit, size_t extra, size_t *n)
{
	size_t lo, hi;
	unit_range(t, unit, &lo, &hi);
	struct hrow *h = zi_xcalloc(hi - lo + extra + 1, sizeof(*h));
	size_t m = 0;
	for (size_t r = lo; r < hi; r++)
		if (!strcmp(zi_table_get(t, r, ZI_ST_UNIT), unit))
			hrow_fill(&h[m], t, r, m), m++;
	qsort(h, m, sizeof(*h), cmp_hrow);
	*n = m;
	return h;
}

size_t zi_stage_history(const struct zi_table *stages, const char *unit, size_t **rows)
{
	size_t n;
	struct hrow *h = history_rows(stages, unit, 0, &n);
	size_t *out = zi_xmalloc((n + 1) * sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i] = (size_t)h[i].row;
	free(h);
	*rows = out;
	return n;
}

size_t zi_stage_history_to(const struct zi_table *stages, const char *unit, const char *date,
			   size_t **rows)
{
	size_t n = zi_stage_history(stages, unit, rows);
	while (date && *date && n &&
	       strcmp(zi_table_get(stages, (*rows)[n - 1], ZI_ST_DATE), date) > 0)
		n--;
	return n;
}

static void state_step(struct zi_stage_state *s, const struct hrow *h)
{
	if (!s->stage)
		s->since = h->v[ZI_ST_DATE];
	s->stage = h->v[ZI_ST_STAGE];
	s->date = h->v[ZI_ST_DATE];
	if (h->sidx == ZI_STAGE_PEMBANGUNAN)
		s->building = h->v[ZI_ST_DATE];
	if (h->sidx == ZI_STAGE_PENETAPAN) {
		s->predicate = h->v[ZI_ST_PREDICATE];
		s->predicate_date = h->v[ZI_ST_DATE];
		s->predicate_ref = h->v[ZI_ST_REF];
	}
}

static void state_init(struct zi_stage_state *s)
{
	s->stage = NULL;
	s->date = s->since = s->building = s->predicate = s->predicate_date = s->predicate_ref = "";
}

/* 1 in the programme on date, 0 not yet, -1 no history at all. */
static int state_at(const struct zi_table *stages, const char *unit, const char *date,
		    struct zi_stage_state *s)
{
	state_init(s);
	size_t n;
	struct hrow *h = history_rows(stages, unit, 0, &n);
	for (size_t i = 0; i < n && (!date || strcmp(h[i].v[ZI_ST_DATE], date) <= 0); i++)
		state_step(s, &h[i]);
	free(h);
	return s->stage ? 1 : n ? 0 : -1;
}

int zi_stage_state_at(const struct zi_table *stages, const char *unit, const char *date,
		      struct zi_stage_state *s)
{
	return state_at(stages, unit, date, s) > 0;
}

int zi_unit_state_at(const struct zi_table *units, size_t r, const struct zi_table *stages,
		     const char *date, struct zi_stage_state *s)
{
	int in = state_at(stages, zi_table_get(units, r, ZI_U_ID), date, s);
	if (in >= 0)
		return in;
	const char *stage = zi_table_get(units, r, ZI_U_STAGE);
	const char *sd = zi_table_get(units, r, ZI_U_STAGE_DATE);
	if (!*stage || (date && strcmp(sd, date) > 0))
		return 0;
	s->stage = stage;
	s->date = s->since = sd;
	if (zi_stage_parse(stage) == ZI_STAGE_PEMBANGUNAN)
		s->building = sd;
	const char *pd = zi_table_get(units, r, ZI_U_PREDICATE_DATE);
	if (!date || !*pd || strcmp(pd, date) <= 0) {
		s->predicate = zi_table_get(units, r, ZI_U_PREDICATE);
		s->predicate_date = pd;
		s->predicate_ref = zi_table_get(units, r, ZI_U_PREDICATE_REF);
	}
	return 1;
}

static void fault(struct zi_stage_fault *f, const struct hrow *h, int last, const char *code)
{
	f->row = h->row;
	f->entry = h->entry;
	f->line = h->line;
	f->last = last;
	f->code = code;
}

/* Checks rows in the order things happened. */
static int check_rows(const struct hrow *h, size_t n, struct zi_stage_fault *f)
{
	const char *held = "";
	const struct hrow *prev = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct hrow *x = &h[i];
		int last = i + 1 == n;
		if (prev && !strcmp(prev->v[ZI_ST_DATE], x->v[ZI_ST_DATE]) &&
		    !strcmp(prev->v[ZI_ST_STAGE], x->v[ZI_ST_STAGE]))
			continue; /* the same key twice: a duplicate row */
		if (!prev) {
			prev = x;
			if (x->sidx == ZI_STAGE_CALON)
				continue;
			fault(f, x, last, "stage-registration");
			snprintf(f->reason, sizeof(f->reason),
				 _("the history begins with %s on %s: a unit is registered (calon) "
				   "before any other stage"),
				 x->v[ZI_ST_STAGE], x->v[ZI_ST_DATE]);
			snprintf(f->why, sizeof(f->why), "%s", f->reason);
			return -1;
		}
		if (x->sidx == ZI_STAGE_CALON) {
			fault(f, x, last, "stage-registration");
			snprintf(f->reason, sizeof(f->reason),
				 _("a unit is registered (calon) once, before its other stages"));
		} else if (zi_stage_check(prev->v[ZI_ST_STAGE], held, x->v[ZI_ST_STAGE],
					  x->v[ZI_ST_PREDICATE], f->reason, sizeof(f->reason))) {
			fault(f, x, last,
			      x->sidx == prev->sidx ? "stage-duplicate" : "stage-invalid");
		} else {
			if (x->sidx == ZI_STAGE_PENETAPAN)
				held = x->v[ZI_ST_PREDICATE];
			prev = x;
			continue;
		}
		snprintf(f->why, sizeof(f->why), _("%s on %s after %s on %s: %s"), x->v[ZI_ST_STAGE],
			 x->v[ZI_ST_DATE], prev->v[ZI_ST_STAGE], prev->v[ZI_ST_DATE], f->reason);
		return -1;
	}
	return 0;
}

int zi_stage_history_check(const struct zi_table *stages, const char *unit, struct zi_stage_fault *f)
{
	size_t n;
	struct hrow *h = history_rows(stages, unit, 0, &n);
	int rc = check_rows(h, n, f);
	free(h);
	return rc;
}

/* No calon among the entries: a change before the registration (h[reg],
 * reg -1 for none) moves it back; a history without one gets it at its
 * first change. dmin is the entries' earliest date. Returns the new number
 * of rows of h (room for one more). */
static size_t registration_back(struct hrow *h, size_t m, long reg, unsigned char *gone,
				const char *unit, const char *dmin, struct zi_stage_moved *moved)
{
	const char *first = dmin;
	for (size_t i = 0; i < m; i++)
		if (!gone[i] && strcmp(h[i].v[ZI_ST_DATE], first) < 0)
			first = h[i].v[ZI_ST_DATE];
	if (reg >= 0 && strcmp(dmin, h[reg].v[ZI_ST_DATE]) >= 0)
		return m;
	struct hrow *c = &h[m];
	*c = reg >= 0 ? h[reg] : h[m - 1];
	if (reg >= 0)
		gone[reg] = 1;
	else
		c->v[ZI_ST_REF] = c->v[ZI_ST_NOTE] = "";
	c->v[ZI_ST_UNIT] = unit;
	c->v[ZI_ST_DATE] = reg >= 0 ? dmin : first;
	c->v[ZI_ST_STAGE] = zi_stage_names[ZI_STAGE_CALON];
	c->v[ZI_ST_PREDICATE] = "";
	c->sidx = ZI_STAGE_CALON;
	c->row = c->entry = -1;
	c->line = 0;
	c->ord = m;
	snprintf(moved->from, sizeof(moved->from), "%s", reg >= 0 ? h[reg].v[ZI_ST_DATE] : "");
	snprintf(moved->to, sizeof(moved->to), "%s", c->v[ZI_ST_DATE]);
	return m + 1;
}

int zi_stage_plan(const struct zi_table *stages, const char *unit, const struct zi_table *from,
		  const size_t *idx, size_t n, unsigned flags, struct zi_table *plan,
		  struct zi_stage_moved *moved, struct zi_stage_fault *f)
{
	memset(moved, 0, sizeof(*moved));
	zi_table_init(plan, stages->schema);
	size_t m;
	struct hrow *h = history_rows(stages, unit, n + 1, &m);
	unsigned char *gone = zi_xcalloc(m + n + 2, 1);
	long reg = -1; /* the registration: the first calon */
	for (size_t i = 0; i < m && reg < 0; i++)
		if (h[i].sidx == ZI_STAGE_CALON)
			reg = (long)i;
	const char *dmin = NULL;
	int calon_entry = 0;
	for (size_t k = 0; k < n; k++) {
		size_t at = m;
		const char *date = zi_table_get(from, idx[k], ZI_ST_DATE);
		const char *stage = zi_table_get(from, idx[k], ZI_ST_STAGE);
		for (size_t j = 0; j < m; j++)
			if (!gone[j] && !strcmp(h[j].v[ZI_ST_DATE], date) &&
			    !strcmp(h[j].v[ZI_ST_STAGE], stage))
				at = j;
		if (at == m)
			m++;
		hrow_fill(&h[at], from, idx[k], at);
		h[at].row = -1;
		h[at].entry = (long)k;
		if (h[at].sidx == ZI_STAGE_CALON && !calon_entry) {
			/* a calon entry is the registration: the old one goes */
			calon_entry = 1;
			if (reg >= 0 && (size_t)reg != at &&
			    ((flags & ZI_STAGE_SET_REGISTRATION) ||
			     strcmp(date, h[reg].v[ZI_ST_DATE]) < 0)) {
				gone[reg] = 1;
				snprintf(moved->from, sizeof(moved->from), "%s",
					 h[reg].v[ZI_ST_DATE]);
				snprintf(moved->to, sizeof(moved->to), "%s", date);
			}
		}
		if (!dmin || strcmp(date, dmin) < 0)
			dmin = date;
	}
	if (!calon_entry && dmin)
		m = registration_back(h, m, reg, gone, unit, dmin, moved);
	size_t w = 0;
	for (size_t i = 0; i < m; i++)
		if (!gone[i])
			h[w++] = h[i];
	free(gone);
	qsort(h, w, sizeof(*h), cmp_hrow);
	int rc = 0;
	if (check_rows(h, w, f)) {
		f->row = -1;
		rc = ZI_EDATA;
	} else {
		for (size_t i = 0; i < w; i++)
			zi_table_add(plan, h[i].v, h[i].line);
		zi_table_sort(plan);
	}
	free(h);
	return rc;
}

void zi_stage_apply(struct zi_table *stages, const char *unit, const struct zi_table *plan)
{
	unsigned char *drop = zi_xcalloc(stages->n + 1, 1);
	size_t lo, hi;
	unit_range(stages, unit, &lo, &hi);
	for (size_t r = lo; r < hi; r++)
		drop[r] = !strcmp(zi_table_get(stages, r, ZI_ST_UNIT), unit);
	zi_table_drop(stages, drop);
	free(drop);
	const char *v[ZI_ST_NFIELDS];
	for (size_t r = 0; r < plan->n; r++) {
		zi_table_row(plan, r, v);
		zi_table_add(stages, v, 0);
	}
}

int zi_stage_enter(struct zi_table *stages, const char *unit, const struct zi_table *from,
		   const size_t *idx, size_t n, unsigned flags, struct zi_stage_moved *moved,
		   struct zi_stage_fault *f)
{
	struct zi_table plan;
	int rc = zi_stage_plan(stages, unit, from, idx, n, flags, &plan, moved, f);
	if (!rc) {
		zi_stage_apply(stages, unit, &plan);
		zi_table_sort(stages);
	}
	zi_table_release(&plan);
	return rc;
}

void zi_stage_moved_text(const char *unit, const struct zi_stage_moved *m, char *buf, size_t sz)
{
	if (!*m->to)
		*buf = 0;
	else if (!*m->from)
		snprintf(buf, sz,
			 _("unit %s is registered (calon) on %s, the date of its first stage "
			   "change"),
			 unit, m->to);
	else
		snprintf(buf, sz, _("unit %s: its registration (calon) moves from %s to %s"), unit,
			 m->from, m->to);
}

int zi_stage_sync_unit(struct zi_table *units, size_t r, const struct zi_table *stages)
{
	struct zi_stage_state s;
	if (!zi_stage_state_at(stages, zi_table_get(units, r, ZI_U_ID), NULL, &s))
		return 0;
	const char *want[] = {s.stage, s.date, s.predicate, s.predicate_date, s.predicate_ref};
	static const size_t field[] = {ZI_U_STAGE, ZI_U_STAGE_DATE, ZI_U_PREDICATE,
				       ZI_U_PREDICATE_DATE, ZI_U_PREDICATE_REF};
	int changed = 0;
	for (size_t i = 0; i < sizeof(field) / sizeof(*field); i++)
		if (strcmp(zi_table_get(units, r, field[i]), want[i])) {
			zi_table_set_value(units, r, field[i], want[i]);
			changed = 1;
		}
	return changed;
}

void zi_units_as_of(struct zi_table *units, const struct zi_table *stages, const char *date,
		    unsigned char *in)
{
	for (size_t r = 0; r < units->n; r++) {
		struct zi_stage_state s;
		in[r] = (unsigned char)zi_unit_state_at(units, r, stages, date, &s);
		if (!in[r])
			continue;
		const char *v[ZI_U_RETIRED + 1];
		zi_table_row(units, r, v);
		v[ZI_U_STAGE] = s.stage;
		v[ZI_U_STAGE_DATE] = s.date;
		v[ZI_U_PREDICATE] = s.predicate;
		v[ZI_U_PREDICATE_DATE] = s.predicate_date;
		v[ZI_U_PREDICATE_REF] = s.predicate_ref;
		zi_table_set(units, r, v);
	}
}

int zi_stages_load(struct zi_store *st, struct zi_table *stages, struct zi_diag *d)
{
	struct zi_schema *s = zi_schema_get("stages", d);
	zi_table_init(stages, s);
	return s ? zi_records_load(st, "stages", NULL, stages, d) : ZI_EINTERNAL;
}
