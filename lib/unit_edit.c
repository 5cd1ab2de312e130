/* Changing a unit's records one command at a time: adding a unit, setting
 * its fields, a stage change, retiring it, a year's facts (see
 * unit_edit.h). Never prints and never commits: the change is put pending
 * in the store, and what it did comes back for the command to say. */
#include "unit_edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "jsonio.h"
#include "locate.h"
#include "unit_import.h"
#include "units.h"

int zi_edit_value(const struct zi_schema *s, size_t f, const char *raw, struct zi_buf *out,
		  struct zi_diag *d)
{
	char *copy = zi_xstrdup(raw ? raw : "");
	struct zi_verr err = {0};
	zi_buf_reset(out);
	int rc = zi_schema_normalise(s, f, copy, out, &err);
	free(copy);
	if (rc) {
		zi_diag_error(d, NULL, 0, s->fields[f].name, err.code, "%s", err.msg);
		return ZI_EDATA;
	}
	if (!out->data)
		zi_buf_adds(out, "");
	return 0;
}

/* zi.json's kind, right after the directory is made. */
static int init_kind(const char *dir, const char *kind, struct zi_diag *d)
{
	struct zi_store st;
	int rc = zi_store_open(&st, dir, d);
	if (!rc) {
		json_object_set_new(st.manifest, "kind", json_string(kind));
		struct zi_buf b;
		zi_buf_init(&b);
		zi_json_dump(st.manifest, &b);
		st.commit = 0; /* the init's own commit follows */
		rc = zi_store_put_bytes(&st, "zi.json", b.data, b.len, d);
		if (!rc)
			rc = zi_store_commit(&st, "zi-unit init: kind", d);
		zi_buf_release(&b);
	}
	zi_store_close(&st);
	return rc;
}

int zi_instansi_create(const char *dir, const char *name, const char *code, const char *lang,
		       const char *kind, int commit, int dry_run, int *created, struct zi_diag *d)
{
	*created = 0;
	/* a records directory inside another would be found instead of it, and
	 * its files would be the outer one's unknown files */
	char *outer = zi_locate_enclosing(dir);
	if (outer) {
		zi_diag_error(d, dir, 0, NULL, "inside-records",
			      _("this is inside the records directory %s: a records directory "
				"cannot hold another; give -C DIR outside it"),
			      outer);
		free(outer);
		return ZI_EDATA;
	}
	if (dry_run) {
		char *manifest = zi_xasprintf("%s/zi.json", dir);
		int there = access(manifest, F_OK) == 0;
		if (there)
			zi_diag_error(d, manifest, 0, NULL, "exists",
				      _("a records directory is already here"));
		free(manifest);
		*created = !there;
		return there ? ZI_EDATA : 0;
	}
	int rc = zi_store_create(dir, name, code, lang, commit, d);
	if (!rc && kind)
		rc = init_kind(dir, kind, d);
	if (rc)
		return rc;
	*created = 1;
	if (commit) {
		struct zi_store st;
		rc = zi_store_open(&st, dir, d);
		if (!rc)
			rc = zi_store_git_commit(&st, "zi-unit init: new records directory", d);
		zi_store_close(&st);
	}
	return rc;
}

void zi_edit_init(struct zi_edit *e)
{
	e->added = e->changed = 0;
	zi_buf_init(&e->what);
}

void zi_edit_release(struct zi_edit *e)
{
	zi_buf_release(&e->what);
}

/* units.csv loaded and unit id's row found (unit-unknown otherwise). */
static int load_unit(struct zi_store *st, const char *id, struct zi_table *u, size_t *row,
		     struct zi_diag *d)
{
	int rc = zi_units_load(st, u, d);
	if (rc)
		return rc;
	long r = zi_unit_find(u, id, d);
	if (r < 0)
		return ZI_EDATA;
	*row = (size_t)r;
	return 0;
}

/* "FIELD=VALUE": the length of FIELD, or -1 with the usage message in why. */
static long assign_split(const char *arg, struct zi_buf *why)
{
	const char *eq = strchr(arg, '=');
	if (!eq)
		zi_buf_printf(why, _("'%s': FIELD=VALUE expected"), arg);
	return eq ? eq - arg : -1;
}

/* Sets row r of t from FIELD=VALUE arguments (fields of t's schema): every
 * bad value is reported; what changed is said in e. With parent_of, a
 * parent is checked for that unit against t as it stands. */
static int assign(struct zi_table *t, size_t r, const char *const *args, size_t n,
		  const char *parent_of, struct zi_edit *e, struct zi_diag *d)
{
	const struct zi_schema *s = t->schema;
	struct zi_buf v;
	zi_buf_init(&v);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(args[i], '=');
		char *field = zi_xstrndup(args[i], (size_t)(eq - args[i]));
		size_t f = (size_t)zi_schema_field(s, field);
		int bad = zi_edit_value(s, f, eq + 1, &v, d);
		if (!bad && parent_of && f == ZI_U_PARENT)
			bad = zi_unit_parent_check(t, parent_of, v.data, d);
		const char *old = zi_table_get(t, r, f);
		if (bad) {
			rc = bad;
		} else if (strcmp(old, v.data)) {
			zi_buf_printf(&e->what, "%s%s '%s' -> '%s'", e->what.len ? ", " : "", field,
				      old, v.data);
			zi_table_set_value(t, r, f, v.data);
			e->changed = 1;
		}
		free(field);
	}
	zi_buf_release(&v);
	return rc;
}

/* The new unit's row: the values typed, normalised, in vals; the first bad
 * one reported. */
static int new_row(const struct zi_schema *s, const struct zi_unit_new *u, const char **row,
		   struct zi_buf *vals, struct zi_diag *d)
{
	const char *typed[] = {u->name, u->short_name, u->parent, u->kind, u->target};
	for (size_t f = 0; f <= ZI_U_RETIRED; f++)
		row[f] = "";
	row[ZI_U_ID] = u->id;
	for (size_t i = 0; i < sizeof(typed) / sizeof(*typed); i++) {
		size_t f = ZI_U_NAME + i;
		if (!typed[i])
			continue;
		int rc = zi_edit_value(s, f, typed[i], &vals[f], d);
		if (rc)
			return rc;
		row[f] = vals[f].data;
	}
	row[ZI_U_AFIRMASI] = u->afirmasi ? "true" : "false";
	row[ZI_U_STAGE] = "calon";
	row[ZI_U_STAGE_DATE] = u->date;
	row[ZI_U_RETIRED] = "false";
	return 0;
}

/* The registration (calon on date) of a new unit into stages.csv. */
static int add_registration(struct zi_store *st, const struct zi_unit_new *u, struct zi_diag *d)
{
	struct zi_table sl;
	int rc = zi_stages_load(st, &sl, d);
	struct zi_buf note;
	zi_buf_init(&note);
	if (!rc) /* as an import would hold it (trimmed) */
		rc = zi_edit_value(sl.schema, ZI_ST_NOTE, u->note, &note, d);
	if (!rc) {
		struct zi_table one;
		size_t at = zi_stage_one_change(&one, sl.schema, u->id, u->date, "calon", "",
						note.data, "");
		struct zi_stage_moved mv;
		struct zi_stage_fault f;
		/* stage rows of an id no unit had are taken in */
		if (zi_stage_enter(&sl, u->id, &one, &at, 1, 0, &mv, &f)) {
			zi_diag_error(d, NULL, 0, "date", f.code, "%s", f.why);
			rc = ZI_EDATA;
		}
		zi_table_release(&one);
	}
	if (!rc)
		rc = zi_store_put_table(st, "stages.csv", &sl, d);
	zi_buf_release(&note);
	zi_table_release(&sl);
	return rc;
}

int zi_unit_add(struct zi_store *st, const struct zi_unit_new *u, struct zi_buf *name,
		struct zi_diag *d)
{
	struct zi_table ul;
	int rc = zi_units_load(st, &ul, d);
	long dup = rc ? -1 : zi_unit_find(&ul, u->id, NULL);
	if (dup >= 0) {
		char *path = zi_store_path(st, "units.csv");
		zi_diag_error(d, path, ul.lines[dup], "id", "duplicate-key",
			      _("unit '%s' exists already (change it with 'zi-unit set')"), u->id);
		free(path);
		rc = ZI_EDATA;
	}
	struct zi_buf vals[ZI_U_RETIRED + 1];
	const char *row[ZI_U_RETIRED + 1];
	for (size_t f = 0; f <= ZI_U_RETIRED; f++)
		zi_buf_init(&vals[f]);
	if (!rc)
		rc = new_row(ul.schema, u, row, vals, d);
	if (!rc)
		rc = zi_unit_parent_check(&ul, u->id, row[ZI_U_PARENT], d);
	if (!rc) {
		zi_buf_reset(name);
		zi_buf_adds(name, row[ZI_U_NAME]);
		zi_table_add(&ul, row, 0);
		zi_table_sort(&ul);
		rc = zi_store_put_table(st, "units.csv", &ul, d);
	}
	if (!rc)
		rc = add_registration(st, u, d);
	for (size_t f = 0; f <= ZI_U_RETIRED; f++)
		zi_buf_release(&vals[f]);
	zi_table_release(&ul);
	return rc;
}

/* The fields zi-unit set changes; the others have commands of their own. */
static const char *const settable[] = {"name",	 "short_name", "parent", "kind",
				       "target", "afirmasi",   NULL};

int zi_unit_set_check(const char *const *args, size_t n, struct zi_buf *why)
{
	for (size_t i = 0; i < n; i++) {
		long len = assign_split(args[i], why);
		if (len < 0)
			return ZI_EUSAGE;
		int ok = 0;
		for (const char *const *s = settable; *s; s++)
			ok |= strlen(*s) == (size_t)len && !strncmp(*s, args[i], (size_t)len);
		if (!ok) {
			zi_buf_printf(why,
				      _("'%.*s' cannot be set: fields are name, short_name, "
					"parent, kind, "
					"target, afirmasi (stages: 'zi-unit stage'; "
					"retiring: 'zi-unit "
					"retire')"),
				      (int)len, args[i]);
			return ZI_EUSAGE;
		}
	}
	return 0;
}

int zi_unit_set(struct zi_store *st, const char *id, const char *const *args, size_t n,
		struct zi_edit *e, struct zi_diag *d)
{
	struct zi_table ul;
	size_t r;
	int rc = load_unit(st, id, &ul, &r, d);
	/* every bad value is reported, then nothing is written */
	if (!rc)
		rc = assign(&ul, r, args, n, id, e, d);
	if (!rc && e->changed)
		rc = zi_store_put_table(st, "units.csv", &ul, d);
	zi_table_release(&ul);
	return rc;
}

/* The change as the one row of a table: --ref and --note as an import
 * would hold them (trimmed, line breaks as LF; written raw, check found
 * them not canonical). */
static int change_row(const struct zi_schema *s, const struct zi_stage_change *c,
		      struct zi_table *one, size_t *at, struct zi_diag *d)
{
	struct zi_buf ref, note;
	zi_buf_init(&ref);
	zi_buf_init(&note);
	int rc = zi_edit_value(s, ZI_ST_REF, c->ref, &ref, d);
	if (!rc)
		rc = zi_edit_value(s, ZI_ST_NOTE, c->note, &note, d);
	*at = zi_stage_one_change(one, s, c->unit, c->date, zi_stage_names[c->stage], ref.data,
				  note.data, c->predicate);
	zi_buf_release(&ref);
	zi_buf_release(&note);
	return rc;
}

/* The change entered in stages (the unit's history checked whole). */
static int enter_change(struct zi_table *sl, const struct zi_stage_change *c,
			struct zi_stage_done *done, struct zi_diag *d)
{
	struct zi_table one;
	size_t at;
	int rc = change_row(sl->schema, c, &one, &at, d);
	struct zi_stage_fault f;
	if (!rc && zi_stage_enter(sl, c->unit, &one, &at, 1, 0, &done->moved, &f)) {
		/* the change at the end of the history: the rule alone says it */
		if (f.entry == 0 && f.last)
			zi_diag_error(d, NULL, 0, "stage", "stage-invalid", "%s", f.reason);
		else
			zi_diag_error(d, NULL, 0, "date", f.code,
				      _("the stage history would not be a valid sequence: %s"),
				      f.why);
		rc = ZI_EDATA;
	}
	zi_table_release(&one);
	return rc;
}

int zi_unit_stage(struct zi_store *st, const struct zi_stage_change *c, struct zi_stage_done *done,
		  struct zi_diag *d)
{
	memset(done, 0, sizeof(*done));
	struct zi_table ul, sl;
	zi_table_init(&sl, NULL); /* loaded only for a unit that may change */
	size_t r;
	int rc = load_unit(st, c->unit, &ul, &r, d);
	char why[400];
	if (!rc) {
		snprintf(done->from, sizeof(done->from), "%s", zi_table_get(&ul, r, ZI_U_STAGE));
		if (!strcmp(zi_table_get(&ul, r, ZI_U_RETIRED), "true")) {
			zi_diag_error(d, NULL, 0, NULL, "unit-retired", _("unit '%s' is retired"),
				      c->unit);
			rc = ZI_EDATA;
		} else if (!(rc = zi_stages_load(st, &sl, d)) &&
			   zi_unit_without_history(&ul, r, &sl, why, sizeof(why))) {
			zi_diag_error(d, NULL, 0, NULL, "history-missing", "%s", why);
			rc = ZI_EDATA;
		}
	}
	/* the change goes where its date puts it in the history, which must
	 * stay a valid sequence */
	if (!rc)
		rc = enter_change(&sl, c, done, d);
	if (!rc) {
		zi_stage_sync_unit(&ul, r, &sl);
		rc = zi_store_put_table(st, "units.csv", &ul, d);
	}
	if (!rc)
		rc = zi_store_put_table(st, "stages.csv", &sl, d);
	if (!rc) {
		const char *now = zi_table_get(&ul, r, ZI_U_STAGE);
		snprintf(done->now, sizeof(done->now), "%s", now);
		done->last = !strcmp(now, zi_stage_names[c->stage]) &&
			     !strcmp(zi_table_get(&ul, r, ZI_U_STAGE_DATE), c->date);
	}
	zi_table_release(&sl);
	zi_table_release(&ul);
	return rc;
}

int zi_unit_retire(struct zi_store *st, const char *id, struct zi_edit *e, struct zi_buf *name,
		   struct zi_diag *d)
{
	struct zi_table ul;
	size_t r;
	int rc = load_unit(st, id, &ul, &r, d);
	if (!rc && strcmp(zi_table_get(&ul, r, ZI_U_RETIRED), "true")) {
		zi_table_set_value(&ul, r, ZI_U_RETIRED, "true");
		e->changed = 1;
		rc = zi_store_put_table(st, "units.csv", &ul, d);
	}
	if (!rc) {
		zi_buf_reset(name);
		zi_buf_adds(name, zi_table_get(&ul, r, ZI_U_NAME));
	}
	zi_table_release(&ul);
	return rc;
}

/* Is field f part of s's key? */
static int key_field(const struct zi_schema *s, size_t f)
{
	for (size_t k = 0; k < s->nkey; k++)
		if (s->key[k] == f)
			return 1;
	return 0;
}

int zi_facts_assign_check(const struct zi_schema *s, const char *const *args, size_t n,
			  struct zi_buf *why)
{
	for (size_t i = 0; i < n; i++) {
		long len = assign_split(args[i], why);
		if (len < 0)
			return ZI_EUSAGE;
		char *field = zi_xstrndup(args[i], (size_t)len);
		int f = zi_schema_field(s, field);
		if (f < 0 || key_field(s, (size_t)f)) {
			struct zi_buf names;
			zi_buf_init(&names);
			for (size_t g = 0; g < s->nfields; g++)
				if (!key_field(s, g))
					zi_buf_printf(&names, "%s%s", names.len ? ", " : "",
						      s->fields[g].name);
			zi_buf_printf(why, _("'%s' cannot be set: fields are %s"), field,
				      names.data);
			zi_buf_release(&names);
			free(field);
			return ZI_EUSAGE;
		}
		free(field);
	}
	return 0;
}

/* The row with key in t, made when missing (e->added). */
static size_t fact_row(struct zi_table *t, const char *const *key, struct zi_edit *e)
{
	long r = zi_table_find(t, key);
	if (r >= 0)
		return (size_t)r;
	const struct zi_schema *s = t->schema;
	const char **vals = zi_xcalloc(s->nfields + 1, sizeof(char *));
	for (size_t k = 0; k < s->nkey; k++)
		vals[s->key[k]] = key[k];
	zi_table_add(t, vals, 0);
	free(vals);
	zi_table_sort(t);
	e->added = e->changed = 1;
	return (size_t)zi_table_find(t, key);
}

int zi_facts_set(struct zi_store *st, const struct zi_schema *s, const char *rel,
		 const char *const *key, const char *const *args, size_t n, struct zi_edit *e,
		 struct zi_diag *d)
{
	struct zi_table t;
	zi_table_init(&t, s);
	int rc = zi_store_load(st, rel, &t, d);
	if (rc) {
		zi_table_release(&t);
		return rc;
	}
	size_t r = fact_row(&t, key, e);
	/* every bad value is reported, then nothing is written */
	rc = assign(&t, r, args, n, NULL, e, d);
	int ff = zi_schema_field(s, "findings"), fu = zi_schema_field(s, "followed_up");
	if (!rc && ff >= 0 && fu >= 0 &&
	    zi_facts_tlhp_bad(zi_table_get(&t, r, (size_t)ff), zi_table_get(&t, r, (size_t)fu))) {
		zi_diag_error(d, NULL, 0, "followed_up", "tlhp-above-findings",
			      _("%s findings followed up, more than the %s findings"),
			      zi_table_get(&t, r, (size_t)fu), zi_table_get(&t, r, (size_t)ff));
		rc = ZI_EDATA;
	}
	if (!rc && e->changed)
		rc = zi_store_put_table(st, rel, &t, d);
	zi_table_release(&t);
	return rc;
}

int zi_manifest_assign_check(const char *const *args, size_t n, struct zi_buf *why,
			     struct zi_diag *d)
{
	for (size_t i = 0; i < n; i++) {
		const char *a = args[i];
		long len = assign_split(a, why);
		if (len < 0)
			return ZI_EUSAGE;
		if (strncmp(a, "kind=", 5) && strncmp(a, "name=", 5) && strncmp(a, "code=", 5) &&
		    strncmp(a, "coi=", 4) && strncmp(a, "coi.", 4)) {
			zi_buf_printf(why,
				      _("'%.*s' cannot be set without --year: fields are "
					"kind, name, code, coi, coi.UNIT (with --year: the "
					"facts of that year)"),
				      (int)len, a);
			return ZI_EUSAGE;
		}
		if (!strncmp(a, "coi.", 4)) {
			char *unit = zi_xstrndup(a + 4, (size_t)len - 4);
			int bad = zi_unit_id_check(unit, d);
			free(unit);
			if (bad)
				return bad;
		}
	}
	return 0;
}
