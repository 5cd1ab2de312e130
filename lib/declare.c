/* Declarations (pencanangan): ids, re-declarations, the stage move a first
 * declaration makes, one added from the command line and the import hooks
 * (see declare.h). */
#include "declare.h"

#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "import.h"
#include "records.h"
#include "unit_edit.h"
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

/* The first pencanangan of unit's history, or -1. */
static long first_pencanangan(const struct zi_table *stages, const char *unit)
{
	size_t *h, n = zi_stage_history(stages, unit, &h);
	long at = -1;
	for (size_t i = 0; i < n && at < 0; i++)
		if (zi_stage_parse(zi_table_get(stages, h[i], ZI_ST_STAGE)) == ZI_STAGE_PENCANANGAN)
			at = (long)h[i];
	free(h);
	return at;
}

int zi_declare_move_stage(struct zi_table *units, size_t r, const struct zi_table *decls,
			  struct zi_table *stages, struct zi_stage_moved *moved,
			  struct zi_stage_fault *f)
{
	memset(moved, 0, sizeof(*moved));
	char *unit = zi_xstrdup(zi_table_get(units, r, ZI_U_ID));
	long first = zi_declare_first(decls, unit);
	long p = first_pencanangan(stages, unit);
	int rc = 0;
	struct zi_stage_state now;
	const char *stage = zi_table_get(units, r, ZI_U_STAGE);
	if (first < 0)
		goto out;
	/* a unit past calon with no history at all (an older records
	 * directory, or a hand edit): its history is for stage import to enter,
	 * not for a declaration to start (zi-report check reports it) */
	if (!zi_stage_state_at(stages, unit, NULL, &now) && *stage &&
	    zi_stage_parse(stage) != ZI_STAGE_CALON)
		goto out;
	const char *date = zi_table_get(decls, (size_t)first, ZI_D_DATE);
	const char *id = zi_table_get(decls, (size_t)first, ZI_D_ID);
	char *old[ZI_ST_NFIELDS] = {0};
	if (p >= 0) {
		/* a pencanangan a declaration made follows the first declaration
		 * when an older one is entered later; any other stays */
		const char *ref = zi_table_get(stages, (size_t)p, ZI_ST_REF);
		long by = zi_table_find_value(decls, ZI_D_ID, ref, 0);
		if (by < 0 || by == first ||
		    strcmp(zi_table_get(decls, (size_t)by, ZI_D_UNIT), unit))
			goto out;
		for (size_t i = 0; i < ZI_ST_NFIELDS; i++)
			old[i] = zi_xstrdup(zi_table_get(stages, (size_t)p, i));
		unsigned char *drop = zi_xcalloc(stages->n + 1, 1);
		drop[p] = 1;
		zi_table_drop(stages, drop);
		free(drop);
	}
	struct zi_table one;
	zi_table_init(&one, stages->schema);
	const char *row[ZI_ST_NFIELDS] = {unit, date, zi_stage_names[ZI_STAGE_PENCANANGAN],
					  id,	"",   ""};
	size_t at = zi_table_add(&one, row, 0);
	rc = zi_stage_enter(stages, unit, &one, &at, 1, 0, moved, f);
	zi_table_release(&one);
	if (old[0]) {
		if (rc) { /* as it was */
			zi_table_add(stages, (const char *const *)old, 0);
			zi_table_sort(stages);
		}
		for (size_t i = 0; i < ZI_ST_NFIELDS; i++)
			free(old[i]);
	}
	if (!rc) {
		zi_stage_sync_unit(units, r, stages);
		rc = 1;
	}
out:
	free(unit);
	return rc;
}

/* zi-declare add: the entry made a declaration, and its stage move. */

/* The tables an add changes: units (the unit and its stage), its stage
 * history, the declarations. */
struct decl_tables {
	struct zi_table units, stages, decls;
};

/* The new row: its values normalised, its id, its redeclaration. */
static int entry_row(struct zi_declare_entry *e, struct zi_table *decls, struct zi_diag *d)
{
	struct zi_buf v[ZI_D_REDECLARATION + 1], joined;
	for (int i = 0; i <= ZI_D_REDECLARATION; i++)
		zi_buf_init(&v[i]);
	zi_buf_init(&joined);
	const struct zi_schema *s = decls->schema;
	int rc = zi_edit_value(s, ZI_D_VENUE, e->venue, &v[ZI_D_VENUE], d);
	if (!rc)
		rc = zi_edit_value(s, ZI_D_HEAD, e->head, &v[ZI_D_HEAD], d);
	if (!rc)
		rc = zi_edit_value(s, ZI_D_NOTE, e->note, &v[ZI_D_NOTE], d);
	zi_list_join(e->witnesses, e->nwitnesses, &joined);
	zi_list_normalise(joined.data, &v[ZI_D_WITNESSES]);
	zi_buf_reset(&joined);
	zi_list_join(e->basis, e->nbasis, &joined);
	zi_list_normalise(joined.data, &v[ZI_D_BASIS]);
	e->id = zi_declare_next_id(decls, NULL, e->unit, e->date);
	if (!rc) {
		const char *row[ZI_D_REDECLARATION + 1] = {e->id,
							   e->unit,
							   e->date,
							   v[ZI_D_VENUE].data,
							   v[ZI_D_HEAD].data,
							   v[ZI_D_WITNESSES].data,
							   v[ZI_D_BASIS].data,
							   v[ZI_D_NOTE].data,
							   "false"};
		zi_table_add(decls, row, 0);
		zi_table_sort(decls);
		zi_declare_mark(decls);
		long r = zi_table_find_value(decls, ZI_D_ID, e->id, 0);
		e->redeclaration = r >= 0 &&
				   !strcmp(zi_table_get(decls, (size_t)r, ZI_D_REDECLARATION),
					   "true");
	}
	zi_buf_release(&joined);
	for (int i = 0; i <= ZI_D_REDECLARATION; i++)
		zi_buf_release(&v[i]);
	return rc;
}

/* The unit's pencanangan after the declarations changed (units row ur). */
static int entry_stage(struct zi_store *st, struct zi_declare_entry *e, struct decl_tables *t,
		       size_t ur, struct zi_diag *d)
{
	struct zi_stage_fault f;
	int moved = zi_declare_move_stage(&t->units, ur, &t->decls, &t->stages, &e->mv, &f);
	if (moved < 0) {
		zi_diag_error(d, NULL, 0, "date", f.code,
			      _("the stage history of %s would not be a valid sequence: %s"),
			      e->unit, f.why);
		return ZI_EDATA;
	}
	if (!moved)
		return 0;
	e->moved = 1;
	e->at_pencanangan = !strcmp(zi_table_get(&t->units, ur, ZI_U_STAGE), "pencanangan");
	long first = zi_declare_first(&t->decls, e->unit);
	snprintf(e->first_date, sizeof(e->first_date), "%s",
		 first < 0 ? "" : zi_table_get(&t->decls, (size_t)first, ZI_D_DATE));
	int rc = zi_store_put_table(st, "units.csv", &t->units, d);
	if (!rc)
		rc = zi_store_put_table(st, "stages.csv", &t->stages, d);
	return rc;
}

int zi_declare_add(struct zi_store *st, struct zi_declare_entry *e, double wait, struct zi_diag *d)
{
	e->id = NULL;
	e->redeclaration = e->moved = e->at_pencanangan = 0;
	e->mv = (struct zi_stage_moved){{0}, {0}};
	e->first_date[0] = 0;
	int rc = zi_entry_date_check(e->date, _("a declaration is recorded once it took place"), d);
	if (rc || (rc = zi_store_lock(st, wait, d)))
		return rc;
	struct decl_tables t;
	rc = zi_records_load(st, "units", NULL, &t.units, d);
	zi_table_init(&t.stages, NULL);
	zi_table_init(&t.decls, NULL);
	if (!rc)
		rc = zi_records_load(st, "stages", NULL, &t.stages, d);
	if (!rc)
		rc = zi_records_load(st, "declarations", NULL, &t.decls, d);
	char why[300];
	const char *code;
	long ur = rc ? -1 : zi_unit_live(&t.units, e->unit, 1, why, sizeof(why), &code);
	if (!rc && ur < 0) {
		zi_diag_error(d, NULL, 0, NULL, code, "%s", why);
		rc = ZI_EDATA;
	}
	if (!rc)
		rc = entry_row(e, &t.decls, d);
	if (!rc)
		rc = zi_store_put_table(st, "declarations.csv", &t.decls, d);
	if (!rc)
		rc = entry_stage(st, e, &t, (size_t)ur, d);
	zi_table_release(&t.units);
	zi_table_release(&t.stages);
	zi_table_release(&t.decls);
	return rc;
}

void zi_declare_entry_release(struct zi_declare_entry *e)
{
	free(e->id);
	e->id = NULL;
}

/* zi-declare import: ids are made for the rows without one, so that the same
 * file read again finds the same ids. */

int zi_declare_import_init(struct zi_declare_import *di, struct zi_store *st,
			   const struct zi_table *existing, struct zi_diag *d)
{
	*di = (struct zi_declare_import){.store = st, .existing = existing};
	const struct zi_schema *us = zi_schema_get("units", d);
	const struct zi_schema *ss = zi_schema_get("stages", d);
	zi_table_init(&di->units, us);
	zi_table_init(&di->stages, ss);
	zi_buf_init(&di->notes);
	zi_today(di->today);
	return us && ss ? 0 : ZI_EINTERNAL;
}

void zi_declare_import_release(struct zi_declare_import *di)
{
	zi_table_release(&di->units);
	zi_table_release(&di->stages);
	zi_buf_release(&di->notes);
}

/* Row r's list fields in canonical form (b: a scratch buffer). */
static void normalise_lists(struct zi_table *t, size_t r, struct zi_buf *b)
{
	static const int lists[] = {ZI_D_WITNESSES, ZI_D_BASIS};
	for (size_t k = 0; k < 2; k++) {
		zi_list_normalise(zi_table_get(t, r, lists[k]), b);
		if (strcmp(b->data, zi_table_get(t, r, lists[k])))
			zi_table_set_value(t, r, lists[k], b->data);
	}
}

void zi_declare_import_prepare(void *ctx, struct zi_import *im, struct zi_diag *d)
{
	struct zi_declare_import *di = ctx;
	if (zi_records_load(di->store, "units", NULL, &di->units, d) == 0 &&
	    zi_records_load(di->store, "stages", NULL, &di->stages, d) == 0)
		di->units_loaded = 1;
	struct zi_table *t = &im->rows;
	unsigned char *made = zi_xcalloc(t->n + 1, 1);
	struct zi_buf b;
	zi_buf_init(&b);
	for (size_t r = 0; r < t->n; r++) {
		normalise_lists(t, r, &b);
		if (*zi_table_get(t, r, ZI_D_ID))
			continue;
		const char *unit = zi_table_get(t, r, ZI_D_UNIT);
		const char *date = zi_table_get(t, r, ZI_D_DATE);
		/* the k-th row of this unit and day in the file is the k-th recorded */
		int k = 1;
		for (size_t p = 0; p < r; p++)
			if (made[p] && !strcmp(zi_table_get(t, p, ZI_D_UNIT), unit) &&
			    !strcmp(zi_table_get(t, p, ZI_D_DATE), date))
				k++;
		char *newid = zi_declare_make_id(unit, date, k);
		if (zi_table_find_value(di->existing, ZI_D_ID, newid, 0) < 0 ||
		    zi_table_find_value(t, ZI_D_ID, newid, 0) >= 0) {
			free(newid);
			newid = zi_declare_next_id(di->existing, t, unit, date);
		}
		zi_table_set_value(t, r, ZI_D_ID, newid);
		made[r] = 1;
		free(newid);
	}
	im->present[ZI_D_ID] = 1;
	zi_buf_release(&b);
	free(made);
}

void zi_declare_import_check(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d)
{
	struct zi_declare_import *di = ctx;
	const char *unit = zi_table_get(&im->rows, r, ZI_D_UNIT);
	const char *date = zi_table_get(&im->rows, r, ZI_D_DATE);
	char why[300];
	const char *code;
	if (di->units_loaded && zi_unit_live(&di->units, unit, 1, why, sizeof(why), &code) < 0)
		zi_import_fail(im, r, "unit", code, d, "%s", why);
	if (strcmp(date, di->today) > 0)
		zi_import_fail(im, r, "date", "date-future", d, _("%s is after today (%s)"), date,
			       di->today);
}

int zi_declare_import_finish(void *ctx, struct zi_table *merged, struct zi_import *im,
			     struct zi_merge_counts *c, struct zi_diag *d)
{
	struct zi_declare_import *di = ctx;
	(void)c;
	int more = (int)zi_declare_mark(merged), bad = 0;
	for (size_t r = 0; r < im->rows.n; r++) {
		const char *unit = zi_table_get(&im->rows, r, ZI_D_UNIT);
		long ur = zi_unit_find(&di->units, unit, NULL);
		if (ur < 0 || zi_table_find_value(&im->rows, ZI_D_UNIT, unit, 0) != (long)r)
			continue; /* once per unit */
		struct zi_stage_moved mv;
		struct zi_stage_fault f;
		int m = zi_declare_move_stage(&di->units, (size_t)ur, merged, &di->stages, &mv, &f);
		if (m < 0) {
			zi_diag_error(d, im->file, im->rows.lines[r], "date",
				      f.code, _("the stage history of %s would not be a valid sequence: %s"),
				      unit, f.why);
			bad = 1;
			continue;
		}
		char note[300];
		zi_stage_moved_text(unit, &mv, note, sizeof(note));
		if (*note)
			zi_buf_printf(&di->notes, "%s\n", note);
		di->moved += m;
	}
	if (bad)
		return ZI_EDATA;
	if (!di->moved)
		return more;
	int rc = zi_store_put_table(di->store, "units.csv", &di->units, d);
	if (!rc)
		rc = zi_store_put_table(di->store, "stages.csv", &di->stages, d);
	return rc ? rc : more + di->moved;
}
