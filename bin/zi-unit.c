/* zi-unit: the units in the programme, their stages, and their staff rosters. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "config.h"
#include "prereq.h"
#include "records.h"
#include "stages.h"
#include "unit_edit.h"
#include "unit_import.h"
#include "units.h"
#include "values.h"

/* The prefix of what a dry run says it would have done. */
static const char *dry(const struct zi_cli *cli)
{
	return cli->dry_run ? _("dry run: ") : "";
}

/* A usage error whose message the library made (in why, released here), or
 * rc as it is. */
static int usage_from(struct zi_cli *cli, int rc, struct zi_buf *why)
{
	if (rc == ZI_EUSAGE && why->len)
		rc = zi_cli_usage(cli, "%s", why->data);
	zi_buf_release(why);
	return rc;
}

static int unknown_stage(struct zi_cli *cli, const char *stage)
{
	return zi_cli_usage(cli,
			    _("unknown stage '%s'; the stages are calon, pencanangan, "
			      "pembangunan, penilaian-tpi, pengusulan, evaluasi-tpn, "
			      "penetapan"),
			    stage);
}

static void say_moved(struct zi_cli *cli, const char *unit, const struct zi_stage_moved *mv)
{
	char note[300];
	zi_stage_moved_text(unit, mv, note, sizeof(note));
	if (*note)
		zi_cli_info(cli, "%s%s\n", dry(cli), note);
}

/* say_moved for the import hooks of lib/unit_import.c. */
static void say_moved_cb(void *ctx, const char *unit, const struct zi_stage_moved *mv)
{
	say_moved(ctx, unit, mv);
}

static int cmd_init(struct zi_cli *cli)
{
	const char *lang = cli->lang ? cli->lang : "en";
	if (strcmp(lang, "id") && strcmp(lang, "en"))
		return zi_cli_usage(cli, _("--lang must be id or en"));
	const char *kind = zi_cli_opt(cli, "kind");
	if (kind && !(kind = zi_prq_kind_parse(kind)))
		return zi_cli_usage(cli, _("--kind must be pemda or kl"));
	int created = 0;
	int rc = zi_instansi_create(cli->dir, zi_cli_opt(cli, "name"), zi_cli_opt(cli, "code"),
				    lang, kind, cli->commit, cli->dry_run, &created, &cli->diag);
	if (created)
		zi_cli_info(cli, _("%srecords directory %s created\n"), dry(cli), cli->dir);
	return rc;
}

static int cmd_add(struct zi_cli *cli)
{
	struct zi_unit_new u = {.id = cli->args[0]};
	int rc = zi_unit_id_check(u.id, &cli->diag);
	if (rc)
		return rc;
	if (!(u.name = zi_cli_opt(cli, "name")))
		return zi_cli_usage(cli, _("--name NAME is required"));
	char date[11];
	if ((rc = zi_cli_date(cli, "date", date, ZI_CLI_TODAY)))
		return rc;
	u.date = date;
	u.short_name = zi_cli_opt(cli, "short");
	u.parent = zi_cli_opt(cli, "parent");
	u.kind = zi_cli_opt(cli, "kind");
	u.target = zi_cli_opt(cli, "target");
	u.afirmasi = zi_cli_flag(cli, "afirmasi");
	u.note = zi_cli_opt(cli, "note");
	if ((rc = zi_cli_lock(cli)))
		return rc;
	struct zi_buf name;
	zi_buf_init(&name);
	rc = zi_unit_add(&cli->store, &u, &name, &cli->diag);
	if (!rc)
		rc = zi_cli_commit(cli, "zi-unit add %s: new unit '%s'", u.id, name.data);
	if (!rc)
		zi_cli_info(cli, _("%sadded unit %s\n"), dry(cli), u.id);
	zi_buf_release(&name);
	return rc;
}

static int cmd_import(struct zi_cli *cli)
{
	struct zi_units_import iu;
	char today[11];
	zi_today(today);
	int rc = zi_units_import_init(&iu, &cli->store, cli->args[0], today, &cli->diag);
	if (!rc) {
		iu.on_moved = say_moved_cb;
		iu.on_moved_ctx = cli;
		rc = zi_cli_import(cli, &iu.job);
	}
	zi_units_import_release(&iu);
	return rc;
}

/* The units as list and show see them: units.csv, and with --as-of as they
 * stood that day (in[r]: the unit was in the programme yet). */
struct units_view {
	struct zi_table units;
	unsigned char *in;
	char asof[11];
};

/* Loads the view; between units.csv and --as-of, list's --kind (kind) is
 * checked or show's unit (id) found, so that the first fault is said. */
static int load_view(struct zi_cli *cli, struct units_view *v, const char *kind, const char *id,
		     long *row)
{
	v->in = NULL;
	int rc = zi_units_load(&cli->store, &v->units, &cli->diag);
	if (rc)
		return rc;
	const struct zi_field *kf = &v->units.schema->fields[ZI_U_KIND];
	const char *known = NULL;
	struct zi_verr err;
	if (kind && zi_value_enum(kind, (const char *const *)kf->enums, kf->nenums, &known, &err))
		return zi_cli_usage(cli, "--kind: %s", err.msg);
	if (id && (*row = zi_unit_find(&v->units, id, &cli->diag)) < 0)
		return ZI_EDATA;
	v->in = zi_xmalloc(v->units.n + 1);
	memset(v->in, 1, v->units.n + 1);
	if ((rc = zi_cli_date(cli, "as-of", v->asof, 0)) || !*v->asof)
		return rc;
	struct zi_table st;
	if (!(rc = zi_stages_load(&cli->store, &st, &cli->diag)))
		zi_units_as_of(&v->units, &st, v->asof, v->in);
	zi_table_release(&st);
	return rc;
}

static void free_view(struct units_view *v)
{
	free(v->in);
	zi_table_release(&v->units);
}

static int cmd_list(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc)
		return rc;
	const char *stage = zi_cli_opt(cli, "stage"), *kind = zi_cli_opt(cli, "kind");
	if (stage && zi_stage_parse(stage) < 0)
		return unknown_stage(cli, stage);
	struct units_view v;
	if (!(rc = load_view(cli, &v, kind, NULL, NULL))) {
		size_t *rows = zi_xmalloc((v.units.n + 1) * sizeof(size_t));
		size_t n = zi_units_select(&v.units, v.in, stage, kind, zi_cli_flag(cli, "all"),
					   rows);
		static const int cols[] = {ZI_U_ID,    ZI_U_NAME,	ZI_U_KIND,     ZI_U_TARGET,
					   ZI_U_STAGE, ZI_U_STAGE_DATE, ZI_U_PREDICATE};
		zi_cli_print_rows(cli, &v.units, rows, n, cols, sizeof(cols) / sizeof(*cols));
		free(rows);
	}
	free_view(&v);
	return rc;
}

/* The stage history of unit up to the end of asof ("" all), for people. */
static void print_history(struct zi_cli *cli, const char *unit, const char *asof)
{
	struct zi_table st;
	if (!zi_stages_load(&cli->store, &st, &cli->diag)) {
		size_t *h, n = zi_stage_history_to(&st, unit, asof, &h);
		/* date, stage, predicate, ref, note after an indent */
		static const int col[] = {-1,	     ZI_ST_DATE, ZI_ST_STAGE, ZI_ST_PREDICATE,
					  ZI_ST_REF, ZI_ST_NOTE};
		const char **hc = zi_xmalloc((n * 6 + 1) * sizeof(char *));
		for (size_t k = 0; k < n; k++)
			for (size_t c = 0; c < 6; c++)
				hc[k * 6 + c] = col[c] < 0
							? ""
							: zi_table_get(&st, h[k], (size_t)col[c]);
		fprintf(cli->out, "\n%s\n", _("history:"));
		zi_cli_print_aligned(cli->out, NULL, hc, n, 6);
		free(hc);
		free(h);
	}
	zi_table_release(&st);
}

static int cmd_show(struct zi_cli *cli)
{
	const char *id = cli->args[0];
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc || (rc = zi_unit_id_check(id, &cli->diag)))
		return rc;
	struct units_view v;
	long r;
	if ((rc = load_view(cli, &v, NULL, id, &r))) {
		free_view(&v);
		return rc;
	}
	if (*v.asof && !v.in[r]) {
		zi_diag_error(&cli->diag, NULL, 0, "as-of", "unit-not-yet",
			      _("unit '%s' was not in the programme on %s"), id, v.asof);
		free_view(&v);
		return ZI_EDATA;
	}
	zi_cli_print_record(cli, &v.units, (size_t)r);
	if (!strcmp(cli->format, "text"))
		print_history(cli, id, v.asof);
	free_view(&v);
	return 0;
}

static int cmd_set(struct zi_cli *cli)
{
	const char *id = cli->args[0];
	const char *const *args = (const char *const *)cli->args + 1;
	struct zi_buf why;
	zi_buf_init(&why);
	int rc = zi_unit_id_check(id, &cli->diag);
	if (rc || (rc = usage_from(cli, zi_unit_set_check(args, cli->nargs - 1, &why), &why)) ||
	    (rc = zi_cli_lock(cli)))
		return rc;
	struct zi_edit e;
	zi_edit_init(&e);
	rc = zi_unit_set(&cli->store, id, args, cli->nargs - 1, &e, &cli->diag);
	if (!rc && e.changed)
		rc = zi_cli_commit(cli, "zi-unit set %s: %s", id, e.what.data);
	if (!rc)
		zi_cli_info(cli, e.changed ? _("%supdated unit %s\n") : _("%sunit %s unchanged\n"),
			    dry(cli), id);
	zi_edit_release(&e);
	return rc;
}

static int cmd_stage(struct zi_cli *cli)
{
	struct zi_stage_change c = {.unit = cli->args[0],
				    .ref = zi_cli_opt(cli, "ref"),
				    .note = zi_cli_opt(cli, "note")};
	int rc = zi_unit_id_check(c.unit, &cli->diag);
	if (rc)
		return rc;
	char date[11];
	if ((rc = zi_cli_date(cli, "date", date, 1)))
		return rc;
	c.date = date;
	const char *pred = zi_cli_opt(cli, "predicate");
	if ((c.stage = zi_stage_parse(cli->args[1])) < 0)
		return unknown_stage(cli, cli->args[1]);
	if (pred && !zi_strcaseeq(pred, "wbk") && !zi_strcaseeq(pred, "wbbm"))
		return zi_cli_usage(cli, _("--predicate must be WBK or WBBM, got '%s'"), pred);
	c.predicate = !pred ? "" : zi_strcaseeq(pred, "wbk") ? "WBK" : "WBBM";
	if ((rc = zi_cli_lock(cli)))
		return rc;
	struct zi_stage_done done;
	const char *to = zi_stage_names[c.stage];
	rc = zi_unit_stage(&cli->store, &c, &done, &cli->diag);
	if (!rc)
		rc = zi_cli_commit(cli, "zi-unit stage %s: %s -> %s on %s%s%s", c.unit, done.from,
				   to, date, *c.predicate ? ", predicate " : "", c.predicate);
	if (rc)
		return rc;
	say_moved(cli, c.unit, &done.moved);
	if (done.last)
		zi_cli_info(cli, _("%sunit %s is now at stage %s\n"), dry(cli), c.unit, to);
	else
		zi_cli_info(cli,
			    _("%sunit %s: %s on %s entered in its stage history (now at "
			      "stage %s)\n"),
			    dry(cli), c.unit, to, date, done.now);
	return 0;
}

static int cmd_stage_import(struct zi_cli *cli)
{
	struct zi_stages_import is;
	int rc = zi_cli_lock(cli);
	if (rc)
		return rc;
	rc = zi_stages_import_init(&is, &cli->store, cli->args[0], &cli->diag);
	if (!rc) {
		is.on_moved = say_moved_cb;
		is.on_moved_ctx = cli;
		rc = zi_cli_import(cli, &is.job);
	}
	zi_stages_import_release(&is);
	return rc;
}

static int cmd_retire(struct zi_cli *cli)
{
	const char *id = cli->args[0];
	int rc = zi_unit_id_check(id, &cli->diag);
	if (rc || (rc = zi_cli_lock(cli)))
		return rc;
	struct zi_edit e;
	struct zi_buf name;
	zi_edit_init(&e);
	zi_buf_init(&name);
	rc = zi_unit_retire(&cli->store, id, &e, &name, &cli->diag);
	if (!rc && e.changed)
		rc = zi_cli_commit(cli, "zi-unit retire %s: unit '%s' retired", id, name.data);
	if (!rc)
		zi_cli_info(cli, _("%sunit %s is retired\n"), dry(cli), id);
	zi_buf_release(&name);
	zi_edit_release(&e);
	return rc;
}

/* config: the settings in zi.json. No key: every setting; a key: its value;
 * a key and a value: checked, then zi.json rewritten atomically. */
static int cmd_config(struct zi_cli *cli)
{
	const char *v;
	int rc;
	if (cli->nargs == 0) {
		for (size_t i = 0; zi_config_keys[i]; i++) {
			zi_config_get(&cli->store, zi_config_keys[i], &v, &cli->diag);
			fprintf(cli->out, "%s\t%s\n", zi_config_keys[i], v);
		}
		return 0;
	}
	const char *key = cli->args[0];
	if (cli->nargs == 1) {
		if ((rc = zi_config_get(&cli->store, key, &v, &cli->diag)))
			return rc;
		fprintf(cli->out, "%s\n", v);
		return 0;
	}
	int changed;
	if ((rc = zi_cli_lock(cli)) ||
	    (rc = zi_config_set(&cli->store, key, cli->args[1], &changed, &cli->diag)))
		return rc;
	if (changed)
		rc = zi_cli_commit(cli, "zi-unit config %s: '%s'", key, cli->args[1]);
	if (!rc)
		zi_cli_info(cli, _("%s%s is '%s'\n"), dry(cli), key, cli->args[1]);
	return rc;
}

static int cmd_staff_import(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	int rc = zi_unit_id_check(unit, &cli->diag);
	if (rc)
		return rc;
	char date[11];
	if ((rc = zi_cli_date(cli, "date", date, ZI_CLI_TODAY)))
		return rc;
	if (zi_cli_opt(cli, "date") && !zi_cli_flag(cli, "replace"))
		return zi_cli_usage(cli, _("--date goes with --replace"));
	if ((rc = zi_unit_require(&cli->store, unit, 0, &cli->diag)))
		return rc;
	struct zi_staff_import is;
	char *target = zi_unit_file("staff", unit, ".csv");
	rc = zi_staff_import_init(&is, cli->args[1], target, zi_cli_flag(cli, "replace"), date,
				  &cli->diag);
	if (rc) {
		free(target);
		zi_staff_import_release(&is);
		return rc;
	}
	rc = zi_cli_import(cli, &is.job);
	if (!rc && is.replace)
		zi_cli_info(cli, _("%speople not in the file, taken off the roster on %s: %lu\n"),
			    dry(cli), date, is.ended);
	free(target);
	zi_staff_import_release(&is);
	return rc;
}

/* Which rows of a records table a listing shows (ctx: what it asks). */
typedef int (*keep_fn)(const struct zi_table *t, size_t r, const void *ctx);

/* Prints the rows of the records of type (of unit, or NULL) that keep
 * accepts (keep NULL: all) in columns cols; head first, when given. */
static int list_records(struct zi_cli *cli, const char *type, const char *unit, keep_fn keep,
			const void *ctx, const int *cols, size_t ncols,
			void (*head)(struct zi_cli *cli))
{
	struct zi_schema *s = zi_schema_get(type, &cli->diag);
	if (!s)
		return ZI_EINTERNAL;
	struct zi_table t;
	zi_table_init(&t, s);
	int rc = zi_records_load(&cli->store, type, unit, &t, &cli->diag);
	if (!rc) {
		if (head)
			head(cli);
		size_t *rows = zi_xmalloc((t.n + 1) * sizeof(size_t)), n = 0;
		for (size_t r = 0; r < t.n; r++)
			if (!keep || keep(&t, r, ctx))
				rows[n++] = r;
		zi_cli_print_rows(cli, &t, rows, n, cols, ncols);
		free(rows);
	}
	zi_table_release(&t);
	zi_schema_free(s);
	return rc;
}

static int on_roster(const struct zi_table *t, size_t r, const void *date)
{
	return zi_staff_on_roster(t, r, date);
}

static int cmd_staff_list(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc || (rc = zi_unit_id_check(unit, &cli->diag)))
		return rc;
	char date[11];
	if ((rc = zi_cli_date(cli, "as-of", date, ZI_CLI_TODAY)) ||
	    (rc = zi_unit_require(&cli->store, unit, 0, &cli->diag)))
		return rc;
	static const int cols[] = {ZI_S_NIP,	  ZI_S_NAME,  ZI_S_POSITION, ZI_S_GRADE,
				   ZI_S_CATEGORY, ZI_S_LHKPN, ZI_S_START,    ZI_S_END};
	return list_records(cli, "staff", unit, zi_cli_flag(cli, "all") ? NULL : on_roster, date,
			    cols, sizeof(cols) / sizeof(*cols), NULL);
}

/* The yearly facts of Tabel 5 (5/2024): instansi.csv (key year) and
 * unit-years.csv (key unit, year). */

/* --year as an integer year, through the schema's own check. */
static int fact_year(struct zi_cli *cli, const struct zi_schema *s, struct zi_buf *out)
{
	const char *y = zi_cli_opt(cli, "year");
	if (!y)
		return zi_cli_usage(cli, _("--year YEAR is required"));
	int f = zi_schema_field(s, "year");
	return zi_cli_value(cli, s, (size_t)f, y, out);
}

/* facts set and instansi set --year: the FIELD=VALUE arguments after the
 * unit (NULL for the instansi) set in that year's row of schema's file. */
static int set_facts(struct zi_cli *cli, const char *schema, const char *unit)
{
	struct zi_schema *s = zi_schema_get(schema, &cli->diag);
	if (!s)
		return ZI_EINTERNAL;
	size_t from = unit ? 1 : 0;
	struct zi_buf year, why;
	zi_buf_init(&year);
	zi_buf_init(&why);
	const char *const *args = (const char *const *)cli->args + from;
	int rc = fact_year(cli, s, &year);
	if (!rc)
		rc = usage_from(cli, zi_facts_assign_check(s, args, cli->nargs - from, &why), &why);
	if (!rc && !(rc = zi_cli_lock(cli)) && unit)
		rc = zi_unit_require(&cli->store, unit, 0, &cli->diag);
	struct zi_edit e;
	zi_edit_init(&e);
	const char *key[2] = {unit ? unit : year.data, year.data};
	char *what = unit ? zi_xasprintf("%s %s", unit, year.data)
			  : zi_xasprintf("instansi %s", year.data);
	if (!rc)
		rc = zi_facts_set(&cli->store, s, s->path, key, args, cli->nargs - from, &e,
				  &cli->diag);
	if (!rc && e.changed)
		rc = zi_cli_commit(cli, "%s %s %s: %s%s", cli->prog, cli->sub->name, what,
				   e.added ? "new; " : "", e.what.data ? e.what.data : "");
	if (!rc)
		zi_cli_info(cli,
			    e.changed ? _("%supdated the facts of %s\n")
				      : _("%sthe facts of %s are unchanged\n"),
			    dry(cli), what);
	free(what);
	zi_edit_release(&e);
	zi_buf_release(&year);
	zi_schema_free(s);
	return rc;
}

/* zi.json fields that instansi set changes without --year. */
static int set_manifest(struct zi_cli *cli)
{
	const char *const *args = (const char *const *)cli->args;
	struct zi_buf why;
	zi_buf_init(&why);
	int rc = usage_from(cli, zi_manifest_assign_check(args, cli->nargs, &why, &cli->diag), &why);
	if (rc || (rc = zi_cli_lock(cli)))
		return rc;
	int changed = 0;
	rc = zi_config_assign(&cli->store, args, cli->nargs, &changed, &cli->diag);
	if (!rc && changed)
		rc = zi_store_commit(&cli->store, "zi-unit instansi set: zi.json changed",
				     &cli->diag);
	if (!rc)
		zi_cli_info(cli, changed ? _("%supdated zi.json\n") : _("%szi.json unchanged\n"),
			    dry(cli));
	return rc;
}

static int cmd_instansi_set(struct zi_cli *cli)
{
	return zi_cli_opt(cli, "year") ? set_facts(cli, "instansi", NULL) : set_manifest(cli);
}

static int cmd_facts_set(struct zi_cli *cli)
{
	int rc = zi_unit_id_check(cli->args[0], &cli->diag);
	return rc ? rc : set_facts(cli, "unit-years", cli->args[0]);
}

static int import_facts(struct zi_cli *cli, const char *schema, const char *target, int units)
{
	struct zi_facts_import f;
	int rc = zi_facts_import_init(&f, &cli->store, schema, cli->args[0], target, units,
				      &cli->diag);
	if (!rc)
		rc = zi_cli_import(cli, &f.job);
	zi_facts_import_release(&f);
	return rc;
}

static int cmd_instansi_import(struct zi_cli *cli)
{
	return import_facts(cli, "instansi", "instansi.csv", 0);
}

static int cmd_facts_import(struct zi_cli *cli)
{
	return import_facts(cli, "unit-years", "unit-years.csv", 1);
}

/* instansi show's lines above the table, for people. */
static void instansi_head(struct zi_cli *cli)
{
	if (strcmp(cli->format, "text"))
		return;
	const char *name = json_string_value(json_object_get(cli->store.manifest, "instansi"));
	const char *kind = zi_prq_kind(&cli->store);
	fprintf(cli->out, "%s: %s\n%s: %s\n\n", _("instansi"), name ? name : "", _("kind"),
		!strcmp(kind, "kl")	 ? "K/L"
		: !strcmp(kind, "pemda") ? "Pemda"
					 : _("not recorded"));
}

static int cmd_instansi_show(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	static const int cols[] = {ZI_I_YEAR,  ZI_I_BPK, ZI_I_BPK_REF,
				   ZI_I_SAKIP, ZI_I_RB,	 ZI_I_SPIP};
	return rc ? rc
		  : list_records(cli, "instansi", NULL, NULL, NULL, cols,
				 sizeof(cols) / sizeof(*cols), instansi_head);
}

/* facts list's rows: of a unit, of a year (either NULL: any). */
struct facts_of {
	const char *unit, *year;
};

static int facts_keep(const struct zi_table *t, size_t r, const void *ctx)
{
	const struct facts_of *k = ctx;
	return (!k->unit || !strcmp(k->unit, zi_table_get(t, r, ZI_Y_UNIT))) &&
	       (!k->year || !strcmp(k->year, zi_table_get(t, r, ZI_Y_YEAR)));
}

static int cmd_facts_list(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	const char *unit = cli->nargs ? cli->args[0] : NULL;
	if (rc || (unit && (rc = zi_unit_id_check(unit, &cli->diag))))
		return rc;
	struct zi_schema *s = zi_schema_get("unit-years", &cli->diag);
	if (!s)
		return ZI_EINTERNAL;
	struct zi_buf year;
	zi_buf_init(&year);
	if (zi_cli_opt(cli, "year"))
		rc = fact_year(cli, s, &year);
	struct facts_of k = {unit, year.data};
	static const int cols[] = {ZI_Y_UNIT,	  ZI_Y_YEAR,	 ZI_Y_SAKIP,
				   ZI_Y_FINDINGS, ZI_Y_FOLLOWED, ZI_Y_TLHP_REF};
	if (!rc)
		rc = list_records(cli, "unit-years", NULL, facts_keep, &k, cols,
				  sizeof(cols) / sizeof(*cols), NULL);
	zi_buf_release(&year);
	zi_schema_free(s);
	return rc;
}

static const struct zi_opt init_opts[] = {
	{"name", 0, ZI_VALUE, "NAME", N_("the instansi's name")},
	{"code", 0, ZI_VALUE, "CODE", N_("the instansi's code")},
	{"kind", 0, ZI_VALUE, "pemda|kl",
	 N_("a regional government (Pemda) or a ministry or agency (K/L)")},
	{0},
};
static const struct zi_opt add_opts[] = {
	{"name", 0, ZI_VALUE, "NAME", N_("the unit's full name (required)")},
	{"short", 0, ZI_VALUE, "NAME", N_("short name")},
	{"parent", 0, ZI_VALUE, "ID", N_("the parent unit")},
	{"kind", 0, ZI_VALUE, "KIND",
	 N_("dinas, badan, kantor, sekretariat, inspektorat, bagian, rsud, puskesmas, kecamatan, "
	    "kelurahan, satker, lainnya")},
	{"target", 0, ZI_VALUE, "WBK|WBBM", N_("the predicate it works toward")},
	{"afirmasi", 0, ZI_FLAG, NULL, N_("an affirmation unit (5/2024)")},
	{"date", 0, ZI_VALUE, "DATE", N_("the day it joins the programme (default today)")},
	{"note", 0, ZI_VALUE, "TEXT", N_("a note for the stage history")},
	{0},
};
static const struct zi_opt show_opts[] = {
	{"as-of", 0, ZI_VALUE, "DATE", N_("the unit as it stood on this day (default: now)")},
	{0},
};
static const struct zi_opt list_opts[] = {
	{"as-of", 0, ZI_VALUE, "DATE", N_("the units as they stood on this day (default: now)")},
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

static const struct zi_opt fact_set_opts[] = {
	{"year", 0, ZI_VALUE, "YEAR", N_("the year the facts stand for")},
	{0},
};
static const struct zi_opt facts_list_opts[] = {
	{"year", 0, ZI_VALUE, "YEAR", N_("only this year")},
	{0},
};

static const struct zi_subcmd subs[] = {
	{"init", NULL, N_("create the records directory"), init_opts, 0, 0, cmd_init,
	 ZI_WRITES | ZI_NO_STORE},
	{"add", "ID --name NAME", N_("add a unit to the programme"), add_opts, 1, 1, cmd_add,
	 ZI_WRITES},
	{"import", "FILE", N_("add and update units from a spreadsheet"), NULL, 1, 1, cmd_import,
	 ZI_WRITES | ZI_IMPORTS},
	{"list", NULL, N_("list the units"), list_opts, 0, 0, cmd_list, ZI_TABLE_OUT},
	{"show", "ID", N_("show one unit and its stage history"), show_opts, 1, 1, cmd_show, 0},
	{"set", "ID FIELD=VALUE...", N_("change a unit's fields"), NULL, 2, -1, cmd_set, ZI_WRITES},
	{"stage", "ID STAGE --date DATE", N_("enter a stage change of a unit"), stage_opts, 2, 2,
	 cmd_stage, ZI_WRITES},
	{"stage import", "FILE", N_("enter stage histories from a spreadsheet"), NULL, 1, 1,
	 cmd_stage_import, ZI_WRITES | ZI_IMPORTS},
	{"retire", "ID", N_("take a unit out of the programme (its records stay)"), NULL, 1, 1,
	 cmd_retire, ZI_WRITES},
	{"staff import", "UNIT FILE", N_("add and update a unit's roster from a spreadsheet"),
	 staff_import_opts, 2, 2, cmd_staff_import, ZI_WRITES | ZI_IMPORTS},
	{"staff list", "UNIT", N_("list a unit's staff"), staff_list_opts, 1, 1, cmd_staff_list,
	 ZI_TABLE_OUT},
	{"instansi set", "[--year YEAR] FIELD=VALUE...",
	 N_("set the instansi's kind (pemda, kl) or, with --year, its facts of a year (5/2024 "
	    "Tabel 5)"),
	 fact_set_opts, 1, -1, cmd_instansi_set, ZI_WRITES},
	{"instansi import", "FILE",
	 N_("add and update the instansi's yearly facts from a spreadsheet"), NULL, 1, 1,
	 cmd_instansi_import, ZI_WRITES | ZI_IMPORTS},
	{"instansi show", NULL, N_("show the instansi's kind and yearly facts"), NULL, 0, 0,
	 cmd_instansi_show, ZI_TABLE_OUT},
	{"facts set", "UNIT --year YEAR FIELD=VALUE...",
	 N_("set a unit's facts of a year: SAKIP, audit findings and their follow-up"),
	 fact_set_opts, 2, -1, cmd_facts_set, ZI_WRITES},
	{"facts import", "FILE", N_("add and update units' yearly facts from a spreadsheet"), NULL,
	 1, 1, cmd_facts_import, ZI_WRITES | ZI_IMPORTS},
	{"facts list", "[UNIT]", N_("list units' yearly facts"), facts_list_opts, 0, 1,
	 cmd_facts_list, ZI_TABLE_OUT},
	{"config", "[KEY [VALUE]]",
	 N_("show or change a setting in zi.json: language, instansi, logo, place, signer_title, "
	    "signer_name, signer_nip, csv"),
	 NULL, 0, 2, cmd_config, ZI_WRITES},
	{0},
};

int main(int argc, char **argv)
{
	return zi_cli_main(argc, argv, "zi-unit",
			   N_("The units in the Zona Integritas programme, their stages and their "
			      "staff rosters."),
			   subs);
}
