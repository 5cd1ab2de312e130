/* zi-unit: the units in the programme, their stages, and their staff rosters. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "locate.h"
#include "units.h"
#include "values.h"

/* What every subcommand here loads: the units table under its schema. */
struct units_ctx {
	struct zi_schema *schema;
	struct zi_table units;
};

static int load_units(struct zi_cli *cli, struct units_ctx *u)
{
	u->schema = zi_schema_get("units", &cli->diag);
	if (!u->schema)
		return ZI_EINTERNAL;
	zi_table_init(&u->units, u->schema);
	return zi_store_load(&cli->store, "units.csv", &u->units, &cli->diag);
}

static void free_units(struct units_ctx *u)
{
	zi_table_release(&u->units);
	zi_schema_free(u->schema);
}

static int add_stage_row(struct zi_cli *cli, const char *unit, const char *date,
			 const char *stage, const char *ref, const char *note)
{
	struct zi_schema *s = zi_schema_get("stages", &cli->diag);
	if (!s)
		return ZI_EINTERNAL;
	struct zi_table t;
	zi_table_init(&t, s);
	/* --ref and --note as an import would hold them (trimmed, line
	 * breaks as LF): else check would find them not canonical */
	struct zi_buf nref, nnote;
	zi_buf_init(&nref);
	zi_buf_init(&nnote);
	int rc = zi_cli_value(cli, s, 3, ref, &nref);
	if (!rc)
		rc = zi_cli_value(cli, s, 4, note, &nnote);
	if (!rc)
		rc = zi_store_load(&cli->store, "stages.csv", &t, &cli->diag);
	if (!rc) {
		const char *key[3] = {unit, date, stage};
		const char *row[5] = {unit, date, stage, nref.data, nnote.data};
		long at = zi_table_find(&t, key);
		if (at >= 0)
			zi_table_set(&t, (size_t)at, row);
		else
			zi_table_add(&t, row, 0);
		zi_table_sort(&t);
		rc = zi_store_put_table(&cli->store, "stages.csv", &t, &cli->diag);
	}
	zi_table_release(&t);
	zi_buf_release(&nref);
	zi_buf_release(&nnote);
	zi_schema_free(s);
	return rc;
}

static int cmd_init(struct zi_cli *cli)
{
	const char *lang = cli->lang ? cli->lang : "en";
	if (strcmp(lang, "id") && strcmp(lang, "en"))
		return zi_cli_usage(cli, _("--lang must be id or en"));
	/* a records directory inside another would be found instead of it, and
	 * its files would be the outer one's unknown files */
	char *outer = zi_locate_enclosing(cli->dir);
	if (outer) {
		zi_diag_error(&cli->diag, cli->dir, 0, NULL, "inside-records",
			      _("this is inside the records directory %s: a records directory "
				"cannot hold another; give -C DIR outside it"),
			      outer);
		free(outer);
		return ZI_EDATA;
	}
	if (cli->dry_run) {
		char *manifest = zi_xasprintf("%s/zi.json", cli->dir);
		int there = access(manifest, F_OK) == 0;
		if (there)
			zi_diag_error(&cli->diag, manifest, 0, NULL, "exists",
				      _("a records directory is already here"));
		else
			zi_cli_info(cli, _("%srecords directory %s created\n"), _("dry run: "),
				    cli->dir);
		free(manifest);
		return there ? ZI_EDATA : 0;
	}
	int rc = zi_store_create(cli->dir, zi_cli_opt(cli, "name"), zi_cli_opt(cli, "code"), lang,
				 cli->commit, &cli->diag);
	if (rc)
		return rc;
	if (cli->commit) {
		struct zi_store st;
		rc = zi_store_open(&st, cli->dir, &cli->diag);
		if (!rc)
			rc = zi_store_git_commit(&st, "zi-unit init: new records directory",
						 &cli->diag);
		zi_store_close(&st);
	}
	zi_cli_info(cli, _("records directory %s created\n"), cli->dir);
	return rc;
}

static int check_parent(struct zi_cli *cli, const struct zi_table *units, const char *id,
			const char *parent)
{
	if (!*parent)
		return 0;
	if (!strcmp(parent, id)) {
		zi_diag_error(&cli->diag, NULL, 0, "parent", "parent-self",
			      _("a unit cannot be its own parent"));
		return ZI_EDATA;
	}
	if (zi_unit_find(units, parent, NULL) < 0) {
		zi_diag_error(&cli->diag, NULL, 0, "parent", "unit-unknown",
			      _("no unit '%s' (see 'zi-unit list')"), parent);
		return ZI_EDATA;
	}
	/* walk up from the new parent: meeting id again would close a loop */
	const char *up = parent;
	for (size_t steps = 0; *up && steps <= units->n; steps++) {
		if (!strcmp(up, id)) {
			zi_diag_error(&cli->diag, NULL, 0, "parent", "parent-cycle",
				      _("'%s' is below '%s' already: the parents would go round in "
					"a circle"),
				      parent, id);
			return ZI_EDATA;
		}
		long r = zi_unit_find(units, up, NULL);
		up = r < 0 ? "" : zi_table_get(units, (size_t)r, ZI_U_PARENT);
	}
	return 0;
}

static const char *const settable[] = {"name", "short_name", "parent", "kind", "target",
				       "afirmasi", NULL};

static int cmd_add(struct zi_cli *cli)
{
	const char *id = cli->args[0];
	int rc = zi_unit_id_check(id, &cli->diag);
	if (rc)
		return rc;
	if (!zi_cli_opt(cli, "name"))
		return zi_cli_usage(cli, _("--name NAME is required"));
	char date[11];
	if ((rc = zi_cli_date(cli, "date", date, 0)))
		return rc;
	if (!date[0])
		zi_today(date);
	struct units_ctx u;
	if ((rc = zi_cli_lock(cli)) || (rc = load_units(cli, &u))) {
		if (!rc)
			free_units(&u);
		return rc;
	}
	long dup = zi_unit_find(&u.units, id, NULL);
	if (dup >= 0) {
		char *path = zi_store_path(&cli->store, "units.csv");
		zi_diag_error(&cli->diag, path, u.units.lines[dup], "id", "duplicate-key",
			      _("unit '%s' exists already (change it with 'zi-unit set')"), id);
		free(path);
		free_units(&u);
		return ZI_EDATA;
	}
	const char *opt_of[] = {"name", "short", "parent", "kind", "target"};
	struct zi_buf vals[ZI_U_RETIRED + 1];
	const char *row[ZI_U_RETIRED + 1];
	for (int i = 0; i <= ZI_U_RETIRED; i++) {
		zi_buf_init(&vals[i]);
		row[i] = "";
	}
	row[ZI_U_ID] = id;
	for (int i = 0; i < 5 && !rc; i++) {
		const char *v = zi_cli_opt(cli, opt_of[i]);
		if (v && !(rc = zi_cli_value(cli, u.schema, (size_t)(ZI_U_NAME + i), v,
					    &vals[ZI_U_NAME + i])))
			row[ZI_U_NAME + i] = vals[ZI_U_NAME + i].data;
	}
	if (!rc)
		rc = check_parent(cli, &u.units, id, row[ZI_U_PARENT]);
	row[ZI_U_AFIRMASI] = zi_cli_flag(cli, "afirmasi") ? "true" : "false";
	row[ZI_U_STAGE] = "calon";
	row[ZI_U_STAGE_DATE] = date;
	row[ZI_U_RETIRED] = "false";
	if (!rc) {
		zi_table_add(&u.units, row, 0);
		zi_table_sort(&u.units);
		rc = zi_store_put_table(&cli->store, "units.csv", &u.units, &cli->diag);
	}
	if (!rc)
		rc = add_stage_row(cli, id, date, "calon", "", zi_cli_opt(cli, "note"));
	if (!rc) {
		char *msg = zi_xasprintf("zi-unit add %s: new unit '%s'", id, row[ZI_U_NAME]);
		rc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
	}
	if (!rc)
		zi_cli_info(cli, _("%sadded unit %s\n"), cli->dry_run ? _("dry run: ") : "", id);
	for (int i = 0; i <= ZI_U_RETIRED; i++)
		zi_buf_release(&vals[i]);
	free_units(&u);
	return rc;
}

/* Import: checks each unit's parent against the records and the file. A
 * parent row of the file is checked first, so that a child of a rejected
 * row is rejected too, whatever the order of the lines. */
struct import_units {
	struct zi_import_job job;
	const char *today;
	struct zi_cli *cli;
	unsigned char *state; /* per file row: 0 unchecked, 1 checking, 2 done */
};

/* The row of the file that defines id and was not set aside, or -1. */
static long file_unit(const struct zi_import *im, const char *id)
{
	for (long at = 0; (at = zi_table_find_value(&im->rows, ZI_U_ID, id, (size_t)at)) >= 0;
	     at++)
		if (!im->dropped[at])
			return at;
	return -1;
}

/* The parent of id once the file is merged: the file's row wins. */
static const char *merged_parent(struct import_units *iu, const struct zi_import *im,
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
	struct import_units *iu = ctx;
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
				       _("the parent '%s' (line %lu) has problems of its own"), parent,
				       (unsigned long)im->rows.lines[p]);
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
	struct import_units *iu = ctx;
	(void)c;
	struct zi_schema *s = zi_schema_get("stages", d);
	if (!s)
		return ZI_EINTERNAL;
	struct zi_table st;
	zi_table_init(&st, s);
	int rc = zi_store_load(&iu->cli->store, "stages.csv", &st, d);
	/* new units start as candidates today, in the history too */
	size_t added = 0;
	for (size_t r = 0; !rc && r < merged->n; r++)
		if (!*zi_table_get(merged, r, ZI_U_STAGE)) {
			zi_table_set_value(merged, r, ZI_U_STAGE, "calon");
			zi_table_set_value(merged, r, ZI_U_STAGE_DATE, iu->today);
			const char *row[5] = {zi_table_get(merged, r, ZI_U_ID), iu->today, "calon", "",
					      ""};
			if (zi_table_find(&st, row) < 0) {
				zi_table_add(&st, row, 0);
				added++;
			}
		}
	(void)im;
	if (!rc && added) {
		zi_table_sort(&st);
		rc = zi_store_put_table(&iu->cli->store, "stages.csv", &st, d);
	}
	zi_table_release(&st);
	zi_schema_free(s);
	return rc ? rc : 0;
}

static const char *const managed_unit_fields[] = {"stage", "stage_date", "predicate",
						  "predicate_date", "predicate_ref", "retired", NULL};

static int cmd_import(struct zi_cli *cli)
{
	struct import_units iu = {0};
	char today[11];
	zi_today(today);
	iu.today = today;
	iu.cli = cli;
	iu.job.schema = zi_schema_get("units", &cli->diag);
	if (!iu.job.schema)
		return ZI_EINTERNAL;
	zi_table_init(&iu.job.existing, iu.job.schema);
	iu.job.file = cli->args[0];
	iu.job.target = "units.csv";
	iu.job.ignore = managed_unit_fields;
	iu.job.check = check_unit_row;
	iu.job.finish = finish_units;
	iu.job.ctx = &iu;
	int rc = zi_cli_import(cli, &iu.job);
	free(iu.state);
	zi_table_release(&iu.job.existing);
	zi_schema_free((struct zi_schema *)iu.job.schema);
	return rc;
}

static int cmd_list(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc)
		return rc;
	const char *stage = zi_cli_opt(cli, "stage"), *kind = zi_cli_opt(cli, "kind");
	if (stage && zi_stage_parse(stage) < 0)
		return zi_cli_usage(cli, _("unknown stage '%s'; the stages are calon, pencanangan, "
					   "pembangunan, penilaian-tpi, pengusulan, evaluasi-tpn, "
					   "penetapan"),
				    stage);
	struct units_ctx u;
	if ((rc = load_units(cli, &u))) {
		free_units(&u);
		return rc;
	}
	const struct zi_field *kf = &u.schema->fields[ZI_U_KIND];
	const char *known = NULL;
	struct zi_verr err;
	if (kind && zi_value_enum(kind, (const char *const *)kf->enums, kf->nenums, &known, &err)) {
		free_units(&u);
		return zi_cli_usage(cli, "--kind: %s", err.msg);
	}
	size_t *rows = zi_xmalloc((u.units.n + 1) * sizeof(size_t)), n = 0;
	int all = zi_cli_flag(cli, "all");
	for (size_t r = 0; r < u.units.n; r++) {
		if (stage && !zi_strcaseeq(stage, zi_table_get(&u.units, r, ZI_U_STAGE)))
			continue;
		if (kind && !zi_strcaseeq(kind, zi_table_get(&u.units, r, ZI_U_KIND)))
			continue;
		if (!all && !strcmp(zi_table_get(&u.units, r, ZI_U_RETIRED), "true"))
			continue;
		rows[n++] = r;
	}
	static const int cols[] = {ZI_U_ID, ZI_U_NAME, ZI_U_KIND, ZI_U_TARGET, ZI_U_STAGE,
				   ZI_U_STAGE_DATE, ZI_U_PREDICATE};
	zi_cli_print_rows(cli, &u.units, rows, n, cols, sizeof(cols) / sizeof(*cols));
	free(rows);
	free_units(&u);
	return 0;
}

static int cmd_show(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc || (rc = zi_unit_id_check(cli->args[0], &cli->diag)))
		return rc;
	struct units_ctx u;
	if ((rc = load_units(cli, &u))) {
		free_units(&u);
		return rc;
	}
	long r = zi_unit_find(&u.units, cli->args[0], &cli->diag);
	if (r < 0) {
		free_units(&u);
		return ZI_EDATA;
	}
	zi_cli_print_record(cli, &u.units, (size_t)r);
	if (!strcmp(cli->format, "text")) {
		/* the stage history, for people */
		struct zi_schema *ss = zi_schema_get("stages", &cli->diag);
		struct zi_table st;
		zi_table_init(&st, ss);
		if (ss && !zi_store_load(&cli->store, "stages.csv", &st, &cli->diag)) {
			/* in the order things happened: by date, then by stage */
			size_t n = 0, *h = zi_xmalloc((st.n + 1) * sizeof(size_t));
			for (size_t i = 0; i < st.n; i++) {
				if (strcmp(zi_table_get(&st, i, 0), cli->args[0]))
					continue;
				size_t j = n++;
				for (; j > 0; j--) {
					size_t p = h[j - 1];
					int c = strcmp(zi_table_get(&st, p, 1), zi_table_get(&st, i, 1));
					if (c < 0 || (c == 0 && zi_stage_parse(zi_table_get(&st, p, 2)) <=
									zi_stage_parse(zi_table_get(&st, i, 2))))
						break;
					h[j] = p;
				}
				h[j] = i;
			}
			const char **hc = zi_xmalloc((n * 5 + 1) * sizeof(char *));
			for (size_t k = 0; k < n; k++) {
				hc[k * 5] = ""; /* an indent */
				for (size_t c = 1; c < 5; c++)
					hc[k * 5 + c] = zi_table_get(&st, h[k], c);
			}
			fprintf(cli->out, "\n%s\n", _("history:"));
			zi_cli_print_aligned(cli->out, NULL, hc, n, 5);
			free(hc);
			free(h);
		}
		zi_table_release(&st);
		zi_schema_free(ss);
	}
	free_units(&u);
	return 0;
}

static int cmd_set(struct zi_cli *cli)
{
	const char *id = cli->args[0];
	int rc = zi_unit_id_check(id, &cli->diag);
	if (rc)
		return rc;
	for (size_t i = 1; i < cli->nargs; i++) {
		const char *eq = strchr(cli->args[i], '=');
		if (!eq)
			return zi_cli_usage(cli, _("'%s': FIELD=VALUE expected"), cli->args[i]);
		int ok = 0;
		for (const char *const *s = settable; *s; s++)
			if (strlen(*s) == (size_t)(eq - cli->args[i]) &&
			    !strncmp(*s, cli->args[i], (size_t)(eq - cli->args[i])))
				ok = 1;
		if (!ok)
			return zi_cli_usage(
				cli,
				_("'%.*s' cannot be set: fields are name, short_name, parent, kind, "
				  "target, afirmasi (stages: 'zi-unit stage'; retiring: 'zi-unit "
				  "retire')"),
				(int)(eq - cli->args[i]), cli->args[i]);
	}
	struct units_ctx u;
	if ((rc = zi_cli_lock(cli)) || (rc = load_units(cli, &u))) {
		if (!rc)
			free_units(&u);
		return rc;
	}
	long r = zi_unit_find(&u.units, id, &cli->diag);
	if (r < 0) {
		free_units(&u);
		return ZI_EDATA;
	}
	struct zi_buf v, what;
	zi_buf_init(&v);
	zi_buf_init(&what);
	int changed = 0;
	/* every bad value is reported, then nothing is written */
	for (size_t i = 1; i < cli->nargs; i++) {
		char *field = zi_xstrndup(cli->args[i], (size_t)(strchr(cli->args[i], '=') - cli->args[i]));
		const char *raw = strchr(cli->args[i], '=') + 1;
		zi_buf_reset(&v);
		int fi = zi_schema_field(u.schema, field);
		int bad = zi_cli_value(cli, u.schema, (size_t)fi, raw, &v);
		const char *val = v.data ? v.data : "";
		if (!bad && !strcmp(field, "parent"))
			bad = check_parent(cli, &u.units, id, val);
		int f = zi_schema_field(u.schema, field);
		if (bad)
			rc = bad;
		else if (strcmp(zi_table_get(&u.units, (size_t)r, (size_t)f), val)) {
			zi_buf_printf(&what, "%s%s '%s' -> '%s'", changed ? ", " : "", field,
				      zi_table_get(&u.units, (size_t)r, (size_t)f), val);
			zi_table_set_value(&u.units, (size_t)r, (size_t)f, val);
			changed = 1;
		}
		free(field);
	}
	zi_buf_release(&v);
	if (!rc && changed) {
		rc = zi_store_put_table(&cli->store, "units.csv", &u.units, &cli->diag);
		if (!rc) {
			char *msg = zi_xasprintf("zi-unit set %s: %s", id, what.data);
			rc = zi_store_commit(&cli->store, msg, &cli->diag);
			free(msg);
		}
	}
	zi_buf_release(&what);
	if (!rc)
		zi_cli_info(cli, changed ? _("%supdated unit %s\n") : _("%sunit %s unchanged\n"),
			    cli->dry_run ? _("dry run: ") : "", id);
	free_units(&u);
	return rc;
}

static int cmd_stage(struct zi_cli *cli)
{
	const char *id = cli->args[0], *to = cli->args[1];
	int rc = zi_unit_id_check(id, &cli->diag);
	if (rc)
		return rc;
	char date[11];
	if ((rc = zi_cli_date(cli, "date", date, 1)))
		return rc;
	const char *pred = zi_cli_opt(cli, "predicate");
	int s = zi_stage_parse(to);
	if (s < 0)
		return zi_cli_usage(cli, _("unknown stage '%s'; the stages are calon, pencanangan, "
					   "pembangunan, penilaian-tpi, pengusulan, evaluasi-tpn, "
					   "penetapan"),
				    to);
	if (pred && !zi_strcaseeq(pred, "wbk") && !zi_strcaseeq(pred, "wbbm"))
		return zi_cli_usage(cli, _("--predicate must be WBK or WBBM, got '%s'"), pred);
	struct units_ctx u;
	if ((rc = zi_cli_lock(cli)) || (rc = load_units(cli, &u))) {
		if (!rc)
			free_units(&u);
		return rc;
	}
	long r = zi_unit_find(&u.units, id, &cli->diag);
	if (r < 0) {
		free_units(&u);
		return ZI_EDATA;
	}
	size_t row = (size_t)r;
	char why[300];
	const char *from = zi_table_get(&u.units, row, ZI_U_STAGE);
	const char *held = zi_table_get(&u.units, row, ZI_U_PREDICATE);
	const char *predicate = !pred ? "" : zi_strcaseeq(pred, "wbk") ? "WBK" : "WBBM";
	if (!strcmp(zi_table_get(&u.units, row, ZI_U_RETIRED), "true")) {
		zi_diag_error(&cli->diag, NULL, 0, NULL, "unit-retired",
			      _("unit '%s' is retired"), id);
		rc = ZI_EDATA;
	} else if (zi_stage_check(from, held, to, predicate, why, sizeof(why))) {
		zi_diag_error(&cli->diag, NULL, 0, "stage", "stage-invalid", "%s", why);
		rc = ZI_EDATA;
	} else if (strcmp(date, zi_table_get(&u.units, row, ZI_U_STAGE_DATE)) < 0) {
		zi_diag_error(&cli->diag, NULL, 0, "date", "date-order",
			      _("%s is before the unit's current stage date %s"), date,
			      zi_table_get(&u.units, row, ZI_U_STAGE_DATE));
		rc = ZI_EDATA;
	}
	struct zi_buf pref;
	zi_buf_init(&pref);
	if (!rc && s == ZI_STAGE_PENETAPAN)
		rc = zi_cli_value(cli, u.schema, ZI_U_PREDICATE_REF, zi_cli_opt(cli, "ref"), &pref);
	if (!rc) {
		const char *vals[ZI_U_RETIRED + 1];
		zi_table_row(&u.units, row, vals);
		vals[ZI_U_STAGE] = zi_stage_names[s];
		vals[ZI_U_STAGE_DATE] = date;
		if (s == ZI_STAGE_PENETAPAN) {
			vals[ZI_U_PREDICATE] = predicate;
			vals[ZI_U_PREDICATE_DATE] = date;
			vals[ZI_U_PREDICATE_REF] = pref.data;
		}
		zi_table_set(&u.units, row, vals);
		rc = zi_store_put_table(&cli->store, "units.csv", &u.units, &cli->diag);
	}
	if (!rc)
		rc = add_stage_row(cli, id, date, zi_stage_names[s], zi_cli_opt(cli, "ref"),
				   zi_cli_opt(cli, "note"));
	if (!rc) {
		char *msg = zi_xasprintf("zi-unit stage %s: %s -> %s on %s%s%s", id, from,
					 zi_stage_names[s], date, *predicate ? ", predicate " : "",
					 predicate);
		rc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
	}
	if (!rc)
		zi_cli_info(cli, _("%sunit %s is now at stage %s\n"),
			    cli->dry_run ? _("dry run: ") : "", id, zi_stage_names[s]);
	zi_buf_release(&pref);
	free_units(&u);
	return rc;
}

static int cmd_retire(struct zi_cli *cli)
{
	const char *id = cli->args[0];
	int rc = zi_unit_id_check(id, &cli->diag);
	if (rc)
		return rc;
	struct units_ctx u;
	if ((rc = zi_cli_lock(cli)) || (rc = load_units(cli, &u))) {
		if (!rc)
			free_units(&u);
		return rc;
	}
	long r = zi_unit_find(&u.units, id, &cli->diag);
	if (r < 0) {
		free_units(&u);
		return ZI_EDATA;
	}
	if (strcmp(zi_table_get(&u.units, (size_t)r, ZI_U_RETIRED), "true")) {
		zi_table_set_value(&u.units, (size_t)r, ZI_U_RETIRED, "true");
		rc = zi_store_put_table(&cli->store, "units.csv", &u.units, &cli->diag);
		if (!rc) {
			char *msg = zi_xasprintf("zi-unit retire %s: unit '%s' retired", id,
						 zi_table_get(&u.units, (size_t)r, ZI_U_NAME));
			rc = zi_store_commit(&cli->store, msg, &cli->diag);
			free(msg);
		}
	}
	if (!rc)
		zi_cli_info(cli, _("%sunit %s is retired\n"), cli->dry_run ? _("dry run: ") : "", id);
	free_units(&u);
	return rc;
}

/* staff import: --replace ends everyone missing from the file. */
struct import_staff {
	struct zi_import_job job;
	int replace;
	const char *end_date;
	unsigned long ended;
};

static void check_staff_row(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d)
{
	(void)ctx;
	const char *start = zi_table_get(&im->rows, r, ZI_S_START);
	const char *end = zi_table_get(&im->rows, r, ZI_S_END);
	if (*start && *end && strcmp(end, start) < 0)
		zi_import_fail(im, r, "end", "date-order", d, _("%s is before the start %s"), end,
			       start);
}

static int finish_staff(void *ctx, struct zi_table *merged, struct zi_import *im,
			struct zi_merge_counts *c, struct zi_diag *d)
{
	struct import_staff *is = ctx;
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

static int cmd_staff_import(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	int rc = zi_unit_id_check(unit, &cli->diag);
	if (rc)
		return rc;
	char date[11];
	if ((rc = zi_cli_date(cli, "date", date, 0)))
		return rc;
	if (!date[0])
		zi_today(date);
	if (zi_cli_opt(cli, "date") && !zi_cli_flag(cli, "replace"))
		return zi_cli_usage(cli, _("--date goes with --replace"));
	struct units_ctx u;
	if ((rc = load_units(cli, &u)) || zi_unit_find(&u.units, unit, &cli->diag) < 0) {
		free_units(&u);
		return rc ? rc : ZI_EDATA;
	}
	free_units(&u);
	struct import_staff is = {.replace = zi_cli_flag(cli, "replace"), .end_date = date};
	is.job.schema = zi_schema_get("staff", &cli->diag);
	if (!is.job.schema)
		return ZI_EINTERNAL;
	zi_table_init(&is.job.existing, is.job.schema);
	char *target = zi_unit_file("staff", unit, ".csv");
	is.job.file = cli->args[1];
	is.job.target = target;
	is.job.check = check_staff_row;
	is.job.finish = finish_staff;
	is.job.ctx = &is;
	if (is.replace)
		zi_table_sort(&is.job.existing);
	rc = zi_cli_import(cli, &is.job);
	if (!rc && is.replace)
		zi_cli_info(cli, _("%speople not in the file, taken off the roster on %s: %lu\n"),
			    cli->dry_run ? _("dry run: ") : "", date, is.ended);
	free(target);
	zi_table_release(&is.job.existing);
	zi_schema_free((struct zi_schema *)is.job.schema);
	return rc;
}

static int cmd_staff_list(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc || (rc = zi_unit_id_check(unit, &cli->diag)))
		return rc;
	char date[11];
	if ((rc = zi_cli_date(cli, "as-of", date, 0)))
		return rc;
	if (!date[0])
		zi_today(date);
	struct units_ctx u;
	if ((rc = load_units(cli, &u)) || zi_unit_find(&u.units, unit, &cli->diag) < 0) {
		free_units(&u);
		return rc ? rc : ZI_EDATA;
	}
	free_units(&u);
	struct zi_schema *s = zi_schema_get("staff", &cli->diag);
	struct zi_table t;
	zi_table_init(&t, s);
	char *target = zi_unit_file("staff", unit, ".csv");
	rc = zi_store_load(&cli->store, target, &t, &cli->diag);
	free(target);
	if (!rc) {
		int all = zi_cli_flag(cli, "all");
		size_t *rows = zi_xmalloc((t.n + 1) * sizeof(size_t)), n = 0;
		for (size_t r = 0; r < t.n; r++)
			if (all || zi_staff_on_roster(&t, r, date))
				rows[n++] = r;
		static const int cols[] = {ZI_S_NIP, ZI_S_NAME, ZI_S_POSITION, ZI_S_GRADE,
					   ZI_S_CATEGORY, ZI_S_LHKPN, ZI_S_START, ZI_S_END};
		zi_cli_print_rows(cli, &t, rows, n, cols, sizeof(cols) / sizeof(*cols));
		free(rows);
	}
	zi_table_release(&t);
	zi_schema_free(s);
	return rc;
}

static const struct zi_opt init_opts[] = {
	{"name", 0, ZI_VALUE, "NAME", N_("the instansi's name")},
	{"code", 0, ZI_VALUE, "CODE", N_("the instansi's code")},
	{0},
};
static const struct zi_opt add_opts[] = {
	{"name", 0, ZI_VALUE, "NAME", N_("the unit's full name (required)")},
	{"short", 0, ZI_VALUE, "NAME", N_("short name")},
	{"parent", 0, ZI_VALUE, "ID", N_("the parent unit")},
	{"kind", 0, ZI_VALUE, "KIND", N_("dinas, badan, kantor, sekretariat, inspektorat, bagian, rsud, puskesmas, kecamatan, kelurahan, satker, lainnya")},
	{"target", 0, ZI_VALUE, "WBK|WBBM", N_("the predicate it works toward")},
	{"afirmasi", 0, ZI_FLAG, NULL, N_("an affirmation unit (5/2024)")},
	{"date", 0, ZI_VALUE, "DATE", N_("the day it joins the programme (default today)")},
	{"note", 0, ZI_VALUE, "TEXT", N_("a note for the stage history")},
	{0},
};
static const struct zi_opt list_opts[] = {
	{"stage", 0, ZI_VALUE, "STAGE", N_("only units at this stage")},
	{"kind", 0, ZI_VALUE, "KIND", N_("only units of this kind")},
	{"all", 'a', ZI_FLAG, NULL, N_("retired units too")},
	{0},
};
static const struct zi_opt stage_opts[] = {
	{"date", 0, ZI_VALUE, "DATE", N_("the day of the change (required)")},
	{"ref", 0, ZI_VALUE, "REF", N_("decree or letter; why, for a return to pembangunan")},
	{"note", 0, ZI_VALUE, "TEXT", N_("a note")},
	{"predicate", 0, ZI_VALUE, "WBK|WBBM", N_("the predicate given at penetapan")},
	{0},
};
static const struct zi_opt staff_import_opts[] = {
	{"replace", 0, ZI_FLAG, NULL, N_("end everyone on the roster who is not in the file")},
	{"date", 0, ZI_VALUE, "DATE", N_("with --replace: the end date (default today)")},
	{0},
};
static const struct zi_opt staff_list_opts[] = {
	{"as-of", 0, ZI_VALUE, "DATE", N_("the roster on this day (default today)")},
	{"all", 'a', ZI_FLAG, NULL, N_("everyone who was ever on the roster")},
	{0},
};

static const struct zi_subcmd subs[] = {
	{"init", NULL, N_("create the records directory"), init_opts, 0, 0, cmd_init, ZI_WRITES | ZI_NO_STORE},
	{"add", "ID --name NAME", N_("add a unit to the programme"), add_opts, 1, 1, cmd_add, ZI_WRITES},
	{"import", "FILE", N_("add and update units from a spreadsheet"), NULL, 1, 1, cmd_import, ZI_WRITES | ZI_IMPORTS},
	{"list", NULL, N_("list the units"), list_opts, 0, 0, cmd_list, 0},
	{"show", "ID", N_("show one unit and its stage history"), NULL, 1, 1, cmd_show, 0},
	{"set", "ID FIELD=VALUE...", N_("change a unit's fields"), NULL, 2, -1, cmd_set, ZI_WRITES},
	{"stage", "ID STAGE --date DATE", N_("move a unit to its next stage"), stage_opts, 2, 2, cmd_stage, ZI_WRITES},
	{"retire", "ID", N_("take a unit out of the programme (its records stay)"), NULL, 1, 1, cmd_retire, ZI_WRITES},
	{"staff import", "UNIT FILE", N_("add and update a unit's roster from a spreadsheet"), staff_import_opts, 2, 2, cmd_staff_import, ZI_WRITES | ZI_IMPORTS},
	{"staff list", "UNIT", N_("list a unit's staff"), staff_list_opts, 1, 1, cmd_staff_list, 0},
	{0},
};

int main(int argc, char **argv)
{
	return zi_cli_main(argc, argv, "zi-unit",
			   N_("The units in the Zona Integritas programme, their stages and their "
			      "staff rosters."),
			   subs);
}
