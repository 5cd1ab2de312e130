/* zi-unit: the units in the programme, their stages, and their staff rosters. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "config.h"
#include "jsonio.h"
#include "locate.h"
#include "prereq.h"
#include "records.h"
#include "stages.h"
#include "unit_import.h"
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
	return zi_records_load(&cli->store, "units", NULL, &u->units, &cli->diag);
}

static void free_units(struct units_ctx *u)
{
	zi_table_release(&u->units);
	zi_schema_free(u->schema);
}

static int load_stages(struct zi_cli *cli, struct zi_schema **s, struct zi_table *t)
{
	*s = zi_schema_get("stages", &cli->diag);
	if (!*s)
		return ZI_EINTERNAL;
	zi_table_init(t, *s);
	return zi_records_load(&cli->store, "stages", NULL, t, &cli->diag);
}

static void say_moved(struct zi_cli *cli, const char *unit, const struct zi_stage_moved *mv)
{
	char note[300];
	zi_stage_moved_text(unit, mv, note, sizeof(note));
	if (*note)
		zi_cli_info(cli, "%s%s\n", cli->dry_run ? _("dry run: ") : "", note);
}

/* say_moved for the import hooks of lib/unit_import.c. */
static void say_moved_cb(void *ctx, const char *unit, const struct zi_stage_moved *mv)
{
	say_moved(ctx, unit, mv);
}

/* zi.json's kind, right after the directory is made. */
static int init_kind(struct zi_cli *cli, const char *kind)
{
	struct zi_store st;
	int rc = zi_store_open(&st, cli->dir, &cli->diag);
	if (!rc) {
		json_object_set_new(st.manifest, "kind", json_string(kind));
		struct zi_buf b;
		zi_buf_init(&b);
		zi_json_dump(st.manifest, &b);
		st.commit = 0; /* the init's own commit follows */
		rc = zi_store_put_bytes(&st, "zi.json", b.data, b.len, &cli->diag);
		if (!rc)
			rc = zi_store_commit(&st, "zi-unit init: kind", &cli->diag);
		zi_buf_release(&b);
	}
	zi_store_close(&st);
	return rc;
}

static int cmd_init(struct zi_cli *cli)
{
	const char *lang = cli->lang ? cli->lang : "en";
	if (strcmp(lang, "id") && strcmp(lang, "en"))
		return zi_cli_usage(cli, _("--lang must be id or en"));
	const char *kind = zi_cli_opt(cli, "kind");
	if (kind && !(kind = zi_prq_kind_parse(kind)))
		return zi_cli_usage(cli, _("--kind must be pemda or kl"));
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
	if (kind)
		rc = init_kind(cli, kind);
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

static const char *const settable[] = {"name",	 "short_name", "parent", "kind",
				       "target", "afirmasi",   NULL};

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
		rc = zi_unit_parent_check(&u.units, id, row[ZI_U_PARENT], &cli->diag);
	row[ZI_U_AFIRMASI] = zi_cli_flag(cli, "afirmasi") ? "true" : "false";
	row[ZI_U_STAGE] = "calon";
	row[ZI_U_STAGE_DATE] = date;
	row[ZI_U_RETIRED] = "false";
	if (!rc) {
		zi_table_add(&u.units, row, 0);
		zi_table_sort(&u.units);
		rc = zi_store_put_table(&cli->store, "units.csv", &u.units, &cli->diag);
	}
	if (!rc) {
		struct zi_schema *ss;
		struct zi_table st, one;
		rc = load_stages(cli, &ss, &st);
		struct zi_buf nnote;
		zi_buf_init(&nnote);
		if (!rc) /* as an import would hold it (trimmed) */
			rc = zi_cli_value(cli, ss, ZI_ST_NOTE, zi_cli_opt(cli, "note"), &nnote);
		if (!rc) {
			size_t at = zi_stage_one_change(&one, ss, id, date, "calon", "", nnote.data,
							"");
			struct zi_stage_moved mv;
			struct zi_stage_fault f;
			/* stage rows of an id no unit had are taken in */
			if (zi_stage_enter(&st, id, &one, &at, 1, 0, &mv, &f)) {
				zi_diag_error(&cli->diag, NULL, 0, "date", f.code, "%s", f.why);
				rc = ZI_EDATA;
			}
			zi_table_release(&one);
		}
		if (!rc)
			rc = zi_store_put_table(&cli->store, "stages.csv", &st, &cli->diag);
		if (ss)
			zi_table_release(&st);
		zi_schema_free(ss);
		zi_buf_release(&nnote);
	}
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

/* The units table as it stood at the end of date: each unit's stage and
 * predicate from its history (zi_unit_state_at); in[r] says whether it was
 * in the programme yet. In memory only. */
static int units_as_of(struct zi_cli *cli, struct zi_table *units, const char *date,
		       unsigned char *in)
{
	struct zi_schema *ss;
	struct zi_table st;
	int rc = load_stages(cli, &ss, &st);
	for (size_t r = 0; !rc && r < units->n; r++) {
		struct zi_stage_state s;
		in[r] = (unsigned char)zi_unit_state_at(units, r, &st, date, &s);
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
	if (ss)
		zi_table_release(&st);
	zi_schema_free(ss);
	return rc;
}

static int cmd_list(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc)
		return rc;
	const char *stage = zi_cli_opt(cli, "stage"), *kind = zi_cli_opt(cli, "kind");
	if (stage && zi_stage_parse(stage) < 0)
		return zi_cli_usage(cli,
				    _("unknown stage '%s'; the stages are calon, pencanangan, "
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
	char asof[11];
	unsigned char *in = zi_xmalloc(u.units.n + 1);
	memset(in, 1, u.units.n + 1);
	if ((rc = zi_cli_date(cli, "as-of", asof, 0)) ||
	    (*asof && (rc = units_as_of(cli, &u.units, asof, in)))) {
		free(in);
		free_units(&u);
		return rc;
	}
	size_t *rows = zi_xmalloc((u.units.n + 1) * sizeof(size_t)), n = 0;
	int all = zi_cli_flag(cli, "all");
	for (size_t r = 0; r < u.units.n; r++) {
		if (!in[r])
			continue;
		if (stage && !zi_strcaseeq(stage, zi_table_get(&u.units, r, ZI_U_STAGE)))
			continue;
		if (kind && !zi_strcaseeq(kind, zi_table_get(&u.units, r, ZI_U_KIND)))
			continue;
		if (!all && !strcmp(zi_table_get(&u.units, r, ZI_U_RETIRED), "true"))
			continue;
		rows[n++] = r;
	}
	static const int cols[] = {ZI_U_ID,    ZI_U_NAME,	ZI_U_KIND,     ZI_U_TARGET,
				   ZI_U_STAGE, ZI_U_STAGE_DATE, ZI_U_PREDICATE};
	zi_cli_print_rows(cli, &u.units, rows, n, cols, sizeof(cols) / sizeof(*cols));
	free(rows);
	free(in);
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
	char asof[11];
	unsigned char *in = zi_xmalloc(u.units.n + 1);
	if ((rc = zi_cli_date(cli, "as-of", asof, 0)) ||
	    (*asof && (rc = units_as_of(cli, &u.units, asof, in)))) {
		free(in);
		free_units(&u);
		return rc;
	}
	if (*asof && !in[r]) {
		zi_diag_error(&cli->diag, NULL, 0, "as-of", "unit-not-yet",
			      _("unit '%s' was not in the programme on %s"), cli->args[0], asof);
		free(in);
		free_units(&u);
		return ZI_EDATA;
	}
	free(in);
	zi_cli_print_record(cli, &u.units, (size_t)r);
	if (!strcmp(cli->format, "text")) {
		/* the stage history, for people */
		struct zi_schema *ss = zi_schema_get("stages", &cli->diag);
		struct zi_table st;
		zi_table_init(&st, ss);
		if (ss && !zi_records_load(&cli->store, "stages", NULL, &st, &cli->diag)) {
			size_t *h, n = zi_stage_history(&st, cli->args[0], &h);
			while (*asof && n &&
			       strcmp(zi_table_get(&st, h[n - 1], ZI_ST_DATE), asof) > 0)
				n--;
			/* date, stage, predicate, ref, note after an indent */
			static const int col[] = {-1,	       ZI_ST_DATE,
						  ZI_ST_STAGE, ZI_ST_PREDICATE,
						  ZI_ST_REF,   ZI_ST_NOTE};
			const char **hc = zi_xmalloc((n * 6 + 1) * sizeof(char *));
			for (size_t k = 0; k < n; k++)
				for (size_t c = 0; c < 6; c++)
					hc[k * 6 + c] = col[c] < 0 ? ""
								   : zi_table_get(&st, h[k],
										  (size_t)col[c]);
			fprintf(cli->out, "\n%s\n", _("history:"));
			zi_cli_print_aligned(cli->out, NULL, hc, n, 6);
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
			return zi_cli_usage(cli,
					    _("'%.*s' cannot be set: fields are name, short_name, "
					      "parent, kind, "
					      "target, afirmasi (stages: 'zi-unit stage'; "
					      "retiring: 'zi-unit "
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
		char *field = zi_xstrndup(cli->args[i],
					  (size_t)(strchr(cli->args[i], '=') - cli->args[i]));
		const char *raw = strchr(cli->args[i], '=') + 1;
		zi_buf_reset(&v);
		int fi = zi_schema_field(u.schema, field);
		int bad = zi_cli_value(cli, u.schema, (size_t)fi, raw, &v);
		const char *val = v.data ? v.data : "";
		if (!bad && !strcmp(field, "parent"))
			bad = zi_unit_parent_check(&u.units, id, val, &cli->diag);
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
		return zi_cli_usage(cli,
				    _("unknown stage '%s'; the stages are calon, pencanangan, "
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
	char *from = zi_xstrdup(zi_table_get(&u.units, row, ZI_U_STAGE));
	const char *predicate = !pred ? "" : zi_strcaseeq(pred, "wbk") ? "WBK" : "WBBM";
	struct zi_schema *ss = NULL;
	struct zi_table st;
	struct zi_stage_moved mv = {{0}, {0}};
	char why[400];
	if (!strcmp(zi_table_get(&u.units, row, ZI_U_RETIRED), "true")) {
		zi_diag_error(&cli->diag, NULL, 0, NULL, "unit-retired", _("unit '%s' is retired"),
			      id);
		rc = ZI_EDATA;
	} else if (!(rc = load_stages(cli, &ss, &st)) &&
		   zi_unit_without_history(&u.units, row, &st, why, sizeof(why))) {
		zi_diag_error(&cli->diag, NULL, 0, NULL, "history-missing", "%s", why);
		rc = ZI_EDATA;
	} else if (!rc) {
		/* the change goes where its date puts it in the history, which
		 * must stay a valid sequence */
		struct zi_table one;
		/* --ref and --note as an import would hold them (trimmed, line
		 * breaks as LF): written raw, check found them not canonical */
		struct zi_buf nref, nnote;
		zi_buf_init(&nref);
		zi_buf_init(&nnote);
		rc = zi_cli_value(cli, ss, ZI_ST_REF, zi_cli_opt(cli, "ref"), &nref);
		if (!rc)
			rc = zi_cli_value(cli, ss, ZI_ST_NOTE, zi_cli_opt(cli, "note"), &nnote);
		size_t at = zi_stage_one_change(&one, ss, id, date, zi_stage_names[s], nref.data,
						nnote.data, predicate);
		zi_buf_release(&nref);
		zi_buf_release(&nnote);
		struct zi_stage_fault f;
		if (!rc && zi_stage_enter(&st, id, &one, &at, 1, 0, &mv, &f)) {
			/* the change at the end of the history: the rule alone says it */
			int plain = f.entry == 0 && f.last;
			if (plain)
				zi_diag_error(&cli->diag, NULL, 0, "stage", "stage-invalid", "%s",
					      f.reason);
			else
				zi_diag_error(&cli->diag, NULL, 0, "date", f.code,
					      _("the stage history would not be a valid sequence: "
						"%s"),
					      f.why);
			rc = ZI_EDATA;
		}
		zi_table_release(&one);
	}
	if (!rc) {
		zi_stage_sync_unit(&u.units, row, &st);
		rc = zi_store_put_table(&cli->store, "units.csv", &u.units, &cli->diag);
	}
	if (!rc)
		rc = zi_store_put_table(&cli->store, "stages.csv", &st, &cli->diag);
	if (!rc) {
		char *msg = zi_xasprintf("zi-unit stage %s: %s -> %s on %s%s%s", id, from,
					 zi_stage_names[s], date, *predicate ? ", predicate " : "",
					 predicate);
		rc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
	}
	if (!rc) {
		say_moved(cli, id, &mv);
		const char *now = zi_table_get(&u.units, row, ZI_U_STAGE);
		if (!strcmp(now, zi_stage_names[s]) &&
		    !strcmp(zi_table_get(&u.units, row, ZI_U_STAGE_DATE), date))
			zi_cli_info(cli, _("%sunit %s is now at stage %s\n"),
				    cli->dry_run ? _("dry run: ") : "", id, zi_stage_names[s]);
		else
			zi_cli_info(cli,
				    _("%sunit %s: %s on %s entered in its stage history (now at "
				      "stage %s)\n"),
				    cli->dry_run ? _("dry run: ") : "", id, zi_stage_names[s], date,
				    now);
	}
	if (ss)
		zi_table_release(&st);
	zi_schema_free(ss);
	free(from);
	free_units(&u);
	return rc;
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
		zi_cli_info(cli, _("%sunit %s is retired\n"), cli->dry_run ? _("dry run: ") : "",
			    id);
	free_units(&u);
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
	if (changed) {
		char *msg = zi_xasprintf("zi-unit config %s: '%s'", key, cli->args[1]);
		rc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
	}
	if (!rc)
		zi_cli_info(cli, _("%s%s is '%s'\n"), cli->dry_run ? _("dry run: ") : "", key,
			    cli->args[1]);
	return rc;
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
			    cli->dry_run ? _("dry run: ") : "", date, is.ended);
	free(target);
	zi_staff_import_release(&is);
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
	rc = zi_records_load(&cli->store, "staff", unit, &t, &cli->diag);
	if (!rc) {
		int all = zi_cli_flag(cli, "all");
		size_t *rows = zi_xmalloc((t.n + 1) * sizeof(size_t)), n = 0;
		for (size_t r = 0; r < t.n; r++)
			if (all || zi_staff_on_roster(&t, r, date))
				rows[n++] = r;
		static const int cols[] = {ZI_S_NIP,	  ZI_S_NAME,  ZI_S_POSITION, ZI_S_GRADE,
					   ZI_S_CATEGORY, ZI_S_LHKPN, ZI_S_START,    ZI_S_END};
		zi_cli_print_rows(cli, &t, rows, n, cols, sizeof(cols) / sizeof(*cols));
		free(rows);
	}
	zi_table_release(&t);
	zi_schema_free(s);
	return rc;
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

/* FIELD=VALUE arguments from args[from] on: every field known and settable
 * (not a key field), else a usage error naming the fields. */
static int check_assignments(struct zi_cli *cli, const struct zi_schema *s, size_t from)
{
	for (size_t i = from; i < cli->nargs; i++) {
		const char *eq = strchr(cli->args[i], '=');
		if (!eq)
			return zi_cli_usage(cli, _("'%s': FIELD=VALUE expected"), cli->args[i]);
		char *field = zi_xstrndup(cli->args[i], (size_t)(eq - cli->args[i]));
		int f = zi_schema_field(s, field);
		int key = 0;
		for (size_t k = 0; k < s->nkey; k++)
			key |= f >= 0 && (size_t)f == s->key[k];
		if (f < 0 || key) {
			struct zi_buf names;
			zi_buf_init(&names);
			for (size_t g = 0; g < s->nfields; g++) {
				int isk = 0;
				for (size_t k = 0; k < s->nkey; k++)
					isk |= g == s->key[k];
				if (!isk)
					zi_buf_printf(&names, "%s%s", names.len ? ", " : "",
						      s->fields[g].name);
			}
			int rc = zi_cli_usage(cli, _("'%s' cannot be set: fields are %s"), field,
					      names.data);
			zi_buf_release(&names);
			free(field);
			return rc;
		}
		free(field);
	}
	return 0;
}

/* Sets fields of the row with key key (made when missing) of the records
 * file rel, then writes and commits. what names the row in messages. */
static int set_fact_row(struct zi_cli *cli, const struct zi_schema *s, const char *rel,
			const char *const *key, size_t from, const char *what)
{
	struct zi_table t;
	zi_table_init(&t, s);
	int rc = zi_store_load(&cli->store, rel, &t, &cli->diag);
	if (rc) {
		zi_table_release(&t);
		return rc;
	}
	long r = zi_table_find(&t, key);
	int added = r < 0;
	if (added) {
		const char **vals = zi_xcalloc(s->nfields + 1, sizeof(char *));
		for (size_t k = 0; k < s->nkey; k++)
			vals[s->key[k]] = key[k];
		zi_table_add(&t, vals, 0);
		free(vals);
		zi_table_sort(&t);
		r = zi_table_find(&t, key);
	}
	struct zi_buf v, msg;
	zi_buf_init(&v);
	zi_buf_init(&msg);
	int changed = added;
	/* every bad value is reported, then nothing is written */
	for (size_t i = from; i < cli->nargs; i++) {
		const char *eq = strchr(cli->args[i], '=');
		char *field = zi_xstrndup(cli->args[i], (size_t)(eq - cli->args[i]));
		int f = zi_schema_field(s, field);
		int bad = zi_cli_value(cli, s, (size_t)f, eq + 1, &v);
		if (bad) {
			rc = bad;
		} else if (strcmp(zi_table_get(&t, (size_t)r, (size_t)f), v.data)) {
			zi_buf_printf(&msg, "%s%s '%s' -> '%s'", msg.len ? ", " : "", field,
				      zi_table_get(&t, (size_t)r, (size_t)f), v.data);
			zi_table_set_value(&t, (size_t)r, (size_t)f, v.data);
			changed = 1;
		}
		free(field);
	}
	int ff = zi_schema_field(s, "findings"), fu = zi_schema_field(s, "followed_up");
	if (!rc && ff >= 0 && fu >= 0 &&
	    zi_facts_tlhp_bad(zi_table_get(&t, (size_t)r, (size_t)ff),
			      zi_table_get(&t, (size_t)r, (size_t)fu))) {
		zi_diag_error(&cli->diag, NULL, 0, "followed_up", "tlhp-above-findings",
			      _("%s findings followed up, more than the %s findings"),
			      zi_table_get(&t, (size_t)r, (size_t)fu),
			      zi_table_get(&t, (size_t)r, (size_t)ff));
		rc = ZI_EDATA;
	}
	if (!rc && changed) {
		rc = zi_store_put_table(&cli->store, rel, &t, &cli->diag);
		if (!rc) {
			char *m = zi_xasprintf("%s %s %s: %s%s", cli->prog, cli->sub->name, what,
					       added ? "new; " : "", msg.data ? msg.data : "");
			rc = zi_store_commit(&cli->store, m, &cli->diag);
			free(m);
		}
	}
	if (!rc)
		zi_cli_info(cli,
			    changed ? _("%supdated the facts of %s\n")
				    : _("%sthe facts of %s are unchanged\n"),
			    cli->dry_run ? _("dry run: ") : "", what);
	zi_buf_release(&v);
	zi_buf_release(&msg);
	zi_table_release(&t);
	return rc;
}

/* zi.json fields that instansi set changes without --year. */
static int set_manifest(struct zi_cli *cli, size_t from)
{
	for (size_t i = from; i < cli->nargs; i++) {
		const char *a = cli->args[i], *eq = strchr(a, '=');
		if (!eq)
			return zi_cli_usage(cli, _("'%s': FIELD=VALUE expected"), a);
		if (strncmp(a, "kind=", 5) && strncmp(a, "name=", 5) && strncmp(a, "code=", 5) &&
		    strncmp(a, "coi=", 4) && strncmp(a, "coi.", 4))
			return zi_cli_usage(cli,
					    _("'%.*s' cannot be set without --year: fields are "
					      "kind, name, code, coi, coi.UNIT (with --year: the "
					      "facts of that year)"),
					    (int)(eq - a), a);
		if (!strncmp(a, "coi.", 4)) {
			char *unit = zi_xstrndup(a + 4, (size_t)(eq - a - 4));
			int bad = zi_unit_id_check(unit, &cli->diag);
			free(unit);
			if (bad)
				return bad;
		}
	}
	int rc = zi_cli_lock(cli);
	if (rc)
		return rc;
	int changed = 0;
	rc = zi_config_assign(&cli->store, (const char *const *)cli->args + from, cli->nargs - from,
			      &changed, &cli->diag);
	if (!rc && changed)
		rc = zi_store_commit(&cli->store, "zi-unit instansi set: zi.json changed",
				     &cli->diag);
	if (!rc)
		zi_cli_info(cli, changed ? _("%supdated zi.json\n") : _("%szi.json unchanged\n"),
			    cli->dry_run ? _("dry run: ") : "");
	return rc;
}

static int cmd_instansi_set(struct zi_cli *cli)
{
	if (!zi_cli_opt(cli, "year"))
		return set_manifest(cli, 0);
	struct zi_schema *s = zi_schema_get("instansi", &cli->diag);
	if (!s)
		return ZI_EINTERNAL;
	struct zi_buf year;
	zi_buf_init(&year);
	int rc = fact_year(cli, s, &year);
	if (!rc)
		rc = check_assignments(cli, s, 0);
	if (!rc)
		rc = zi_cli_lock(cli);
	if (!rc) {
		const char *key[1] = {year.data};
		char *what = zi_xasprintf("instansi %s", year.data);
		rc = set_fact_row(cli, s, "instansi.csv", key, 0, what);
		free(what);
	}
	zi_buf_release(&year);
	zi_schema_free(s);
	return rc;
}

static int cmd_facts_set(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	int rc = zi_unit_id_check(unit, &cli->diag);
	if (rc)
		return rc;
	struct zi_schema *s = zi_schema_get("unit-years", &cli->diag);
	if (!s)
		return ZI_EINTERNAL;
	struct zi_buf year;
	zi_buf_init(&year);
	rc = fact_year(cli, s, &year);
	if (!rc)
		rc = check_assignments(cli, s, 1);
	struct units_ctx u;
	if (!rc && !(rc = zi_cli_lock(cli)) && !(rc = load_units(cli, &u))) {
		if (zi_unit_find(&u.units, unit, &cli->diag) < 0)
			rc = ZI_EDATA;
		free_units(&u);
	}
	if (!rc) {
		const char *key[2] = {unit, year.data};
		char *what = zi_xasprintf("%s %s", unit, year.data);
		rc = set_fact_row(cli, s, "unit-years.csv", key, 1, what);
		free(what);
	}
	zi_buf_release(&year);
	zi_schema_free(s);
	return rc;
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

static int cmd_instansi_show(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc)
		return rc;
	struct zi_schema *s = zi_schema_get("instansi", &cli->diag);
	if (!s)
		return ZI_EINTERNAL;
	struct zi_table t;
	zi_table_init(&t, s);
	rc = zi_records_load(&cli->store, "instansi", NULL, &t, &cli->diag);
	if (!rc) {
		if (!strcmp(cli->format, "text")) {
			const char *name = json_string_value(
				json_object_get(cli->store.manifest, "instansi"));
			const char *kind = zi_prq_kind(&cli->store);
			fprintf(cli->out, "%s: %s\n%s: %s\n\n", _("instansi"), name ? name : "",
				_("kind"),
				!strcmp(kind, "kl")	 ? "K/L"
				: !strcmp(kind, "pemda") ? "Pemda"
							 : _("not recorded"));
		}
		size_t *rows = zi_xmalloc((t.n + 1) * sizeof(size_t));
		for (size_t r = 0; r < t.n; r++)
			rows[r] = r;
		static const int cols[] = {ZI_I_YEAR,  ZI_I_BPK, ZI_I_BPK_REF,
					   ZI_I_SAKIP, ZI_I_RB,	 ZI_I_SPIP};
		zi_cli_print_rows(cli, &t, rows, t.n, cols, sizeof(cols) / sizeof(*cols));
		free(rows);
	}
	zi_table_release(&t);
	zi_schema_free(s);
	return rc;
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
	struct zi_table t;
	zi_table_init(&t, s);
	if (!rc)
		rc = zi_records_load(&cli->store, "unit-years", NULL, &t, &cli->diag);
	if (!rc) {
		size_t *rows = zi_xmalloc((t.n + 1) * sizeof(size_t)), n = 0;
		for (size_t r = 0; r < t.n; r++)
			if ((!unit || !strcmp(unit, zi_table_get(&t, r, ZI_Y_UNIT))) &&
			    (!year.data || !strcmp(year.data, zi_table_get(&t, r, ZI_Y_YEAR))))
				rows[n++] = r;
		static const int cols[] = {ZI_Y_UNIT,	  ZI_Y_YEAR,	 ZI_Y_SAKIP,
					   ZI_Y_FINDINGS, ZI_Y_FOLLOWED, ZI_Y_TLHP_REF};
		zi_cli_print_rows(cli, &t, rows, n, cols, sizeof(cols) / sizeof(*cols));
		free(rows);
	}
	zi_table_release(&t);
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
