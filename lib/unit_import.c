/* Importing units.csv and stages.csv from spreadsheets: the rules beyond each
 * schema and the stage history that goes with them, as zi_cli_import hooks
 * (see unit_import.h). Never prints: a moved registration goes to the
 * caller's on_moved. */
#include "unit_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "prereq.h"
#include "records.h"
#include "units.h"
#include "util.h"
#include "values.h"

size_t zi_stage_one_change(struct zi_table *one, const struct zi_schema *s, const char *unit,
			   const char *date, const char *stage, const char *ref, const char *note,
			   const char *predicate)
{
	zi_table_init(one, s);
	const char *row[ZI_ST_NFIELDS] =
		{unit, date, stage, ref ? ref : "", note ? note : "", predicate ? predicate : ""};
	return zi_table_add(one, row, 0);
}

int zi_unit_without_history(const struct zi_table *units, size_t r, const struct zi_table *stages,
			    char *why, size_t whysz)
{
	const char *id = zi_table_get(units, r, ZI_U_ID);
	const char *stage = zi_table_get(units, r, ZI_U_STAGE);
	size_t *h, n = zi_stage_history(stages, id, &h);
	free(h);
	if (n || !*stage || zi_stage_parse(stage) == ZI_STAGE_CALON)
		return 0;
	snprintf(why, whysz,
		 _("unit %s has no stage history while units.csv says %s: enter its history with "
		   "'zi-unit stage import' first"),
		 id, stage);
	return 1;
}

static void tell_moved(zi_stage_moved_fn fn, void *ctx, const char *unit,
		       const struct zi_stage_moved *mv)
{
	if (fn)
		fn(ctx, unit, mv);
}

/* Import: checks each unit's parent against the records and the file. A
 * parent row of the file is checked first, so that a child of a rejected
 * row is rejected too, whatever the order of the lines. */
/* The import reads units.csv's fields and one more, since: the date a unit
 * entered the programme, which lives in stages.csv as its registration. It
 * comes last, so that rows read under this schema are rows of units.csv's
 * schema too (the stored file never gets it). */
static struct zi_schema *units_import_schema(struct zi_diag *d)
{
	json_error_t je;
	json_t *j = json_loads(zi_embedded_file("units"), 0, &je);
	if (!j)
		return NULL;
	json_array_append_new(json_object_get(j, "fields"),
			      json_pack("{s:s, s:s, s:[s, s, s]}", "name", "since", "type", "date",
					"aliases", "Tanggal Masuk", "Tanggal Calon", "Sejak"));
	char *text = json_dumps(j, 0);
	json_decref(j);
	struct zi_schema *s = text ? zi_schema_parse(text, "units", d) : NULL;
	free(text);
	return s;
}

enum { SINCE = ZI_U_RETIRED + 1 };

/* The registration of unit ("" without a history). */
static const char *registration(const struct zi_table *stages, const char *unit)
{
	struct zi_stage_state s;
	zi_stage_state_at(stages, unit, NULL, &s);
	return s.since;
}

/* since: a unit of the records keeps its registration unless the file gives
 * one; a new unit enters the programme today unless the file says when. */
static void prepare_units(void *ctx, struct zi_import *im, struct zi_diag *d)
{
	struct zi_units_import *iu = ctx;
	zi_table_init(&iu->stages, iu->stages_schema);
	iu->stages_ok = zi_records_load(iu->store, "stages", NULL, &iu->stages, d) == 0;
	struct zi_table *ex = &iu->job.existing;
	for (size_t r = 0; r < ex->n; r++) {
		const char *reg = registration(&iu->stages, zi_table_get(ex, r, ZI_U_ID));
		if (strcmp(zi_table_get(ex, r, SINCE), reg))
			zi_table_set_value(ex, r, SINCE, reg);
	}
	zi_table_sort(ex);
	for (size_t r = 0; r < im->rows.n; r++) {
		if (*zi_table_get(&im->rows, r, SINCE))
			continue;
		long e = zi_unit_find(ex, zi_table_get(&im->rows, r, ZI_U_ID), NULL);
		zi_table_set_value(&im->rows, r, SINCE,
				   e >= 0 ? zi_table_get(ex, (size_t)e, SINCE) : iu->today);
	}
	im->present[SINCE] = 1;
}

/* A since that moves a registration must leave a valid history. */
static void check_since(struct zi_units_import *iu, struct zi_import *im, size_t r,
			struct zi_diag *d)
{
	const char *id = zi_table_get(&im->rows, r, ZI_U_ID);
	const char *since = zi_table_get(&im->rows, r, SINCE);
	if (!iu->stages_ok || !*since || !strcmp(since, registration(&iu->stages, id)))
		return;
	long e = zi_unit_find(&iu->job.existing, id, NULL);
	char why[400];
	if (e >= 0 &&
	    zi_unit_without_history(&iu->job.existing, (size_t)e, &iu->stages, why, sizeof(why))) {
		zi_import_fail(im, r, "since", "history-missing", d, "%s", why);
		return;
	}
	struct zi_table one, plan;
	size_t at = zi_stage_one_change(&one, iu->stages_schema, id, since, "calon", "", "", "");
	struct zi_stage_moved mv;
	struct zi_stage_fault f;
	if (zi_stage_plan(&iu->stages, id, &one, &at, 1, ZI_STAGE_SET_REGISTRATION, &plan, &mv, &f))
		zi_import_fail(im, r, "since", f.code, d, "%s", f.why);
	zi_table_release(&plan);
	zi_table_release(&one);
}

/* The row of the file that defines id and was not set aside, or -1. */
static long file_unit(const struct zi_import *im, const char *id)
{
	for (long at = 0; (at = zi_table_find_value(&im->rows, ZI_U_ID, id, (size_t)at)) >= 0; at++)
		if (!im->dropped[at])
			return at;
	return -1;
}

/* The parent of id once the file is merged: the file's row wins. */
static const char *merged_parent(struct zi_units_import *iu, const struct zi_import *im,
				 const char *id)
{
	long r = file_unit(im, id);
	if (r >= 0 && im->present[ZI_U_PARENT])
		return zi_table_get(&im->rows, (size_t)r, ZI_U_PARENT);
	long e = zi_unit_find(&iu->job.existing, id, NULL);
	if (e >= 0)
		return zi_table_get(&iu->job.existing, (size_t)e, ZI_U_PARENT);
	return r >= 0 ? zi_table_get(&im->rows, (size_t)r, ZI_U_PARENT) : "";
}

static void check_unit_row(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d)
{
	struct zi_units_import *iu = ctx;
	if ((!iu->state || !iu->state[r]) && !im->dropped[r])
		check_since(iu, im, r, d); /* once: the parent check below may come first */
	if (!iu->state)
		iu->state = zi_xcalloc(im->rows.n + 1, 1);
	if (iu->state[r] || im->dropped[r])
		return;
	iu->state[r] = 1;
	const char *id = zi_table_get(&im->rows, r, ZI_U_ID);
	const char *parent = zi_table_get(&im->rows, r, ZI_U_PARENT);
	if (!*parent) {
		iu->state[r] = 2;
		return;
	}
	if (!strcmp(parent, id)) {
		zi_import_fail(im, r, "parent", "parent-self", d,
			       _("a unit cannot be its own parent"));
		iu->state[r] = 2;
		return;
	}
	int known = zi_unit_find(&iu->job.existing, parent, NULL) >= 0;
	long p = zi_table_find_value(&im->rows, ZI_U_ID, parent, 0);
	if (p >= 0 && !known) {
		check_unit_row(ctx, im, (size_t)p, d);
		if (file_unit(im, parent) < 0) {
			zi_import_fail(im, r, "parent", "parent-rejected", d,
				       _("the parent '%s' (line %lu) has problems of its own"),
				       parent, (unsigned long)im->rows.lines[p]);
			iu->state[r] = 2;
			return;
		}
	}
	if (!known && p < 0) {
		zi_import_fail(im, r, "parent", "unit-unknown", d,
			       _("no unit '%s' in the records or in this file"), parent);
		iu->state[r] = 2;
		return;
	}
	const char *up = parent;
	for (size_t steps = 0; *up && steps <= im->rows.n + iu->job.existing.n; steps++) {
		if (!strcmp(up, id)) {
			zi_import_fail(im, r, "parent", "parent-cycle", d,
				       _("'%s' is below '%s': the parents would go round in a "
					 "circle"),
				       parent, id);
			break;
		}
		up = merged_parent(iu, im, up);
	}
	iu->state[r] = 2;
}

static int finish_units(void *ctx, struct zi_table *merged, struct zi_import *im,
			struct zi_merge_counts *c, struct zi_diag *d)
{
	struct zi_units_import *iu = ctx;
	(void)c;
	(void)im;
	if (!iu->stages_ok)
		return ZI_EIO;
	/* each registration where since says, in the history too */
	int changed = 0, rc = 0;
	for (size_t r = 0; r < merged->n && !rc; r++) {
		const char *id = zi_table_get(merged, r, ZI_U_ID);
		const char *since = zi_table_get(merged, r, SINCE);
		if (!*since || !strcmp(since, registration(&iu->stages, id)))
			continue;
		struct zi_table one, plan;
		size_t at = zi_stage_one_change(&one, iu->stages_schema, id, since, "calon", "", "",
						"");
		struct zi_stage_moved mv;
		struct zi_stage_fault f;
		if (zi_stage_plan(&iu->stages, id, &one, &at, 1, ZI_STAGE_SET_REGISTRATION, &plan,
				  &mv, &f)) {
			zi_diag_error(d, NULL, 0, "since", f.code, "%s", f.why);
			rc = ZI_EDATA;
		} else {
			zi_stage_apply(&iu->stages, id, &plan);
			tell_moved(iu->on_moved, iu->on_moved_ctx, id, &mv);
			changed++;
		}
		zi_table_release(&plan);
		zi_table_release(&one);
	}
	if (!rc && changed) {
		zi_table_sort(&iu->stages);
		for (size_t r = 0; r < merged->n; r++)
			zi_stage_sync_unit(merged, r, &iu->stages);
		rc = zi_store_put_table(iu->store, "stages.csv", &iu->stages, d);
	}
	/* rows of the import schema are rows of units.csv's: the stored file
	 * gets its own fields only */
	merged->schema = iu->units_schema;
	return rc ? rc : changed;
}

static const char *const managed_unit_fields[] =
	{"stage", "stage_date", "predicate", "predicate_date", "predicate_ref", "retired", NULL};

int zi_units_import_init(struct zi_units_import *iu, struct zi_store *st, const char *file,
			 const char *today, struct zi_diag *d)
{
	memset(iu, 0, sizeof(*iu));
	iu->today = today;
	iu->store = st;
	iu->job.schema = units_import_schema(d);
	iu->units_schema = zi_schema_get("units", d);
	iu->stages_schema = zi_schema_get("stages", d);
	if (!iu->job.schema || !iu->units_schema || !iu->stages_schema)
		return ZI_EINTERNAL;
	zi_table_init(&iu->stages, iu->stages_schema);
	zi_table_init(&iu->job.existing, iu->job.schema);
	iu->job.file = file;
	iu->job.target = "units.csv";
	iu->job.ignore = managed_unit_fields;
	iu->job.prepare = prepare_units;
	iu->job.check = check_unit_row;
	iu->job.finish = finish_units;
	iu->job.ctx = iu;
	return 0;
}

void zi_units_import_release(struct zi_units_import *iu)
{
	free(iu->state);
	if (iu->stages_schema)
		zi_table_release(&iu->stages);
	if (iu->job.schema)
		zi_table_release(&iu->job.existing);
	zi_schema_free((struct zi_schema *)iu->job.schema);
	zi_schema_free(iu->units_schema);
	zi_schema_free(iu->stages_schema);
}

static void fail_rows(struct zi_import *im, const size_t *idx, size_t n, const char *field,
		      const char *code, struct zi_diag *d, const char *msg)
{
	for (size_t k = 0; k < n; k++)
		zi_import_fail(im, idx[k], field, code, d, "%s", msg);
}

static void check_stage_row(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d)
{
	struct zi_stages_import *is = ctx;
	if (!is->done)
		is->done = zi_xcalloc(im->rows.n + 1, 1);
	if (is->done[r])
		return;
	const char *unit = zi_table_get(&im->rows, r, ZI_ST_UNIT);
	size_t *idx = zi_xmalloc((im->rows.n + 1) * sizeof(size_t)), n = 0;
	for (size_t k = r; k < im->rows.n; k++)
		if (!is->done[k] && !im->dropped[k] &&
		    !strcmp(zi_table_get(&im->rows, k, ZI_ST_UNIT), unit)) {
			is->done[k] = 1;
			idx[n++] = k;
		}
	long ur = zi_unit_find(&is->units, unit, NULL);
	char msg[600];
	if (ur < 0) {
		snprintf(msg, sizeof(msg), _("no unit '%s' (see 'zi-unit list')"), unit);
		fail_rows(im, idx, n, "unit", "unit-unknown", d, msg);
		n = 0;
	} else if (!strcmp(zi_table_get(&is->units, (size_t)ur, ZI_U_RETIRED), "true")) {
		snprintf(msg, sizeof(msg), _("unit '%s' is retired"), unit);
		fail_rows(im, idx, n, "unit", "unit-retired", d, msg);
		n = 0;
	}
	while (n) {
		struct zi_table plan;
		struct zi_stage_moved mv;
		struct zi_stage_fault f;
		if (!zi_stage_plan(&is->job.existing, unit, &im->rows, idx, n, 0, &plan, &mv, &f)) {
			is->unit = zi_xrealloc(is->unit, (is->nplans + 1) * sizeof(char *));
			is->plan = zi_xrealloc(is->plan, (is->nplans + 1) * sizeof(*is->plan));
			is->moved = zi_xrealloc(is->moved, (is->nplans + 1) * sizeof(*is->moved));
			is->unit[is->nplans] = zi_xstrdup(unit);
			is->plan[is->nplans] = plan;
			is->moved[is->nplans++] = mv;
			break;
		}
		zi_table_release(&plan);
		if (f.entry < 0) {
			/* a row of the records: every row of the unit is in doubt */
			snprintf(msg, sizeof(msg),
				 _("with this file the stage history of %s is not a valid sequence "
				   "(stages.csv line %lu): %s"),
				 unit, f.line, f.why);
			fail_rows(im, idx, n, "stage", f.code, d, msg);
			break;
		}
		zi_import_fail(im, idx[f.entry], "stage", f.code, d, "%s", f.why);
		memmove(&idx[f.entry], &idx[f.entry + 1],
			(n - (size_t)f.entry - 1) * sizeof(size_t));
		n--;
	}
	free(idx);
}

static int finish_stages(void *ctx, struct zi_table *merged, struct zi_import *im,
			 struct zi_merge_counts *c, struct zi_diag *d)
{
	struct zi_stages_import *is = ctx;
	(void)im;
	(void)c;
	int moved = 0;
	for (size_t k = 0; k < is->nplans; k++) {
		zi_stage_apply(merged, is->unit[k], &is->plan[k]);
		moved += *is->moved[k].to != 0;
	}
	zi_table_sort(merged);
	int changed = 0;
	for (size_t k = 0; k < is->nplans; k++) {
		long ur = zi_unit_find(&is->units, is->unit[k], NULL);
		if (ur >= 0)
			changed |= zi_stage_sync_unit(&is->units, (size_t)ur, merged);
		tell_moved(is->on_moved, is->on_moved_ctx, is->unit[k], &is->moved[k]);
	}
	if (changed) {
		int rc = zi_store_put_table(is->store, "units.csv", &is->units, d);
		if (rc)
			return rc;
	}
	return moved + changed;
}

int zi_stages_import_init(struct zi_stages_import *is, struct zi_store *st, const char *file,
			  struct zi_diag *d)
{
	memset(is, 0, sizeof(*is));
	is->store = st;
	is->units_schema = zi_schema_get("units", d);
	if (!is->units_schema)
		return ZI_EINTERNAL;
	zi_table_init(&is->units, is->units_schema);
	int rc = zi_records_load(st, "units", NULL, &is->units, d);
	if (rc)
		return rc;
	is->job.schema = zi_schema_get("stages", d);
	if (!is->job.schema)
		return ZI_EINTERNAL;
	zi_table_init(&is->job.existing, is->job.schema);
	is->job.file = file;
	is->job.target = "stages.csv";
	is->job.check = check_stage_row;
	is->job.finish = finish_stages;
	is->job.ctx = is;
	return 0;
}

void zi_stages_import_release(struct zi_stages_import *is)
{
	for (size_t k = 0; k < is->nplans; k++) {
		free(is->unit[k]);
		zi_table_release(&is->plan[k]);
	}
	free(is->unit);
	free(is->plan);
	free(is->moved);
	free(is->done);
	if (is->job.schema) {
		zi_table_release(&is->job.existing);
		zi_schema_free((struct zi_schema *)is->job.schema);
	}
	if (is->units_schema) {
		zi_table_release(&is->units);
		zi_schema_free(is->units_schema);
	}
}

/* staff import */

static void check_staff_row(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d)
{
	(void)ctx;
	const char *start = zi_table_get(&im->rows, r, ZI_S_START);
	const char *end = zi_table_get(&im->rows, r, ZI_S_END);
	if (*start && *end && strcmp(end, start) < 0)
		zi_import_fail(im, r, "end", "date-order", d, _("%s is before the start %s"), end,
			       start);
}

/* lhkpn and category decide who owes LHKPN and who LHKASN: a file without
 * them leaves those counts of the LKE unanswered, so say so now. */
static void prepare_staff(void *ctx, struct zi_import *im, struct zi_diag *d)
{
	(void)ctx;
	if (!im->present[ZI_S_LHKPN])
		zi_diag_warn(d, im->file, 0, "lhkpn", "duty-column-missing",
			     _("no lhkpn column ('Wajib LHKPN'): who owes an LHKPN is unknown, and "
			       "the LKE's LHKPN and LHKASN counts stay unanswered"));
	if (!im->present[ZI_S_CATEGORY])
		zi_diag_warn(d, im->file, 0, "category", "duty-column-missing",
			     _("no category column ('Kategori'): who owes an LHKASN is unknown, "
			       "and "
			       "the LKE's LHKPN and LHKASN counts stay unanswered"));
}

static int finish_staff(void *ctx, struct zi_table *merged, struct zi_import *im,
			struct zi_merge_counts *c, struct zi_diag *d)
{
	struct zi_staff_import *is = ctx;
	(void)d;
	if (!is->replace)
		return 0;
	int ended = 0;
	for (size_t r = 0; r < merged->n; r++) {
		if (*zi_table_get(merged, r, ZI_S_END))
			continue;
		const char *key[1] = {zi_table_get(merged, r, ZI_S_NIP)};
		if (zi_table_find(&im->rows, key) >= 0)
			continue;
		zi_table_set_value(merged, r, ZI_S_END, is->end_date);
		c->updated++;
		ended++;
	}
	is->ended = (unsigned long)ended;
	return ended;
}

int zi_staff_import_init(struct zi_staff_import *is, const char *file, const char *target,
			 int replace, const char *end_date, struct zi_diag *d)
{
	memset(is, 0, sizeof(*is));
	is->replace = replace;
	is->end_date = end_date;
	is->job.schema = zi_schema_get("staff", d);
	if (!is->job.schema)
		return ZI_EINTERNAL;
	zi_table_init(&is->job.existing, is->job.schema);
	is->job.file = file;
	is->job.target = target;
	is->job.prepare = prepare_staff;
	is->job.check = check_staff_row;
	is->job.finish = finish_staff;
	is->job.ctx = is;
	if (is->replace)
		zi_table_sort(&is->job.existing);
	return 0;
}

void zi_staff_import_release(struct zi_staff_import *is)
{
	if (!is->job.schema)
		return;
	zi_table_release(&is->job.existing);
	zi_schema_free((struct zi_schema *)is->job.schema);
}

/* facts import */
int zi_facts_tlhp_bad(const char *findings, const char *followed)
{
	return *findings && *followed && atol(followed) > atol(findings);
}

static void check_tlhp_row(struct zi_import *im, size_t r, struct zi_diag *d)
{
	const char *n = zi_table_get(&im->rows, r, ZI_Y_FINDINGS);
	const char *done = zi_table_get(&im->rows, r, ZI_Y_FOLLOWED);
	if (im->present[ZI_Y_FINDINGS] && im->present[ZI_Y_FOLLOWED] && zi_facts_tlhp_bad(n, done))
		zi_import_fail(im, r, "followed_up", "tlhp-above-findings", d,
			       _("%s findings followed up, more than the %s findings"), done, n);
}

static void check_fact_row(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d)
{
	struct zi_facts_import *f = ctx;
	const char *unit = zi_table_get(&im->rows, r, ZI_Y_UNIT);
	if (zi_unit_find(&f->units, unit, NULL) < 0)
		zi_import_fail(im, r, "unit", "unit-unknown", d,
			       _("no unit '%s' (see 'zi-unit list')"), unit);
	check_tlhp_row(im, r, d);
}

int zi_facts_import_init(struct zi_facts_import *f, struct zi_store *st, const char *schema,
			 const char *file, const char *target, int units, struct zi_diag *d)
{
	memset(f, 0, sizeof(*f));
	f->job.schema = zi_schema_get(schema, d);
	if (!f->job.schema)
		return ZI_EINTERNAL;
	if (units) {
		f->units_schema = zi_schema_get("units", d);
		if (!f->units_schema)
			return ZI_EINTERNAL;
		zi_table_init(&f->units, f->units_schema);
		int rc = zi_records_load(st, "units", NULL, &f->units, d);
		if (rc)
			return rc;
	}
	zi_table_init(&f->job.existing, f->job.schema);
	f->job.file = file;
	f->job.target = target;
	f->job.check = units ? check_fact_row : NULL;
	f->job.ctx = f;
	return 0;
}

void zi_facts_import_release(struct zi_facts_import *f)
{
	if (f->units_schema) {
		zi_table_release(&f->units);
		zi_schema_free(f->units_schema);
	}
	if (f->job.schema) {
		zi_table_release(&f->job.existing);
		zi_schema_free((struct zi_schema *)f->job.schema);
	}
}
