/* zi-declare: the declarations (pencanangan) of the Zona Integritas. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "declare.h"
#include "records.h"
#include "units.h"
#include "values.h"

static int cmd_add(struct zi_cli *cli)
{
	struct zi_declare_entry e = {.unit = cli->args[0],
				     .venue = zi_cli_opt(cli, "venue"),
				     .head = zi_cli_opt(cli, "head"),
				     .note = zi_cli_opt(cli, "note")};
	int rc = zi_unit_id_check(e.unit, &cli->diag);
	char date[11];
	if (rc || (rc = zi_cli_date(cli, "date", date, 1)))
		return rc;
	e.date = date;
	const char **witnesses = zi_cli_multi(cli, "witness", &e.nwitnesses);
	const char **basis = zi_cli_multi(cli, "basis", &e.nbasis);
	e.witnesses = witnesses;
	e.basis = basis;
	rc = zi_declare_add(&cli->store, &e, cli->wait, &cli->diag);
	if (!rc)
		rc = zi_cli_commit(cli, "zi-declare add %s: declaration of %s on %s%s", e.id,
				   e.unit, date, e.moved ? "; stage history: pencanangan" : "");
	const char *dry = cli->dry_run ? _("dry run: ") : "";
	if (!rc)
		zi_cli_info(cli,
			    e.redeclaration ? _("%sadded declaration %s (a re-declaration)\n")
					    : _("%sadded declaration %s\n"),
			    dry, e.id);
	char note[300];
	zi_stage_moved_text(e.unit, &e.mv, note, sizeof(note));
	if (!rc && *note)
		zi_cli_info(cli, "%s%s\n", dry, note);
	if (!rc && e.moved && e.at_pencanangan)
		zi_cli_info(cli, _("%sunit %s is now at stage pencanangan\n"), dry, e.unit);
	else if (!rc && e.moved)
		zi_cli_info(cli, _("%sunit %s: pencanangan on %s entered in its stage history\n"),
			    dry, e.unit, e.first_date);
	free(witnesses);
	free(basis);
	zi_declare_entry_release(&e);
	return rc;
}

/* Import: ids are made for the rows without one, so that the same file read
 * again finds the same ids. */
struct import_decl {
	struct zi_import_job job;
	struct zi_schema *units_schema, *stages_schema;
	struct zi_table units, stages;
	int units_loaded;
	struct zi_cli *cli;
	char today[11];
};

static void prepare_decl(void *ctx, struct zi_import *im, struct zi_diag *d)
{
	struct import_decl *id = ctx;
	if (zi_records_load(&id->cli->store, "units", NULL, &id->units, d) == 0 &&
	    zi_records_load(&id->cli->store, "stages", NULL, &id->stages, d) == 0)
		id->units_loaded = 1;
	struct zi_table *t = &im->rows;
	unsigned char *made = zi_xcalloc(t->n + 1, 1);
	struct zi_buf b;
	zi_buf_init(&b);
	for (size_t r = 0; r < t->n; r++) {
		zi_list_normalise(zi_table_get(t, r, ZI_D_WITNESSES), &b);
		if (strcmp(b.data, zi_table_get(t, r, ZI_D_WITNESSES)))
			zi_table_set_value(t, r, ZI_D_WITNESSES, b.data);
		zi_list_normalise(zi_table_get(t, r, ZI_D_BASIS), &b);
		if (strcmp(b.data, zi_table_get(t, r, ZI_D_BASIS)))
			zi_table_set_value(t, r, ZI_D_BASIS, b.data);
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
		if (zi_table_find_value(&id->job.existing, ZI_D_ID, newid, 0) < 0 ||
		    zi_table_find_value(t, ZI_D_ID, newid, 0) >= 0) {
			free(newid);
			newid = zi_declare_next_id(&id->job.existing, t, unit, date);
		}
		zi_table_set_value(t, r, ZI_D_ID, newid);
		made[r] = 1;
		free(newid);
	}
	im->present[ZI_D_ID] = 1;
	zi_buf_release(&b);
	free(made);
}

static void check_decl(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d)
{
	struct import_decl *id = ctx;
	const char *unit = zi_table_get(&im->rows, r, ZI_D_UNIT);
	const char *date = zi_table_get(&im->rows, r, ZI_D_DATE);
	char why[300];
	const char *code;
	if (id->units_loaded && zi_unit_live(&id->units, unit, 1, why, sizeof(why), &code) < 0)
		zi_import_fail(im, r, "unit", code, d, "%s", why);
	if (strcmp(date, id->today) > 0)
		zi_import_fail(im, r, "date", "date-future", d, _("%s is after today (%s)"), date,
			       id->today);
}

static int finish_decl(void *ctx, struct zi_table *merged, struct zi_import *im,
		       struct zi_merge_counts *c, struct zi_diag *d)
{
	struct import_decl *id = ctx;
	(void)c;
	int more = (int)zi_declare_mark(merged), moved = 0, bad = 0;
	for (size_t r = 0; r < im->rows.n; r++) {
		const char *unit = zi_table_get(&im->rows, r, ZI_D_UNIT);
		long ur = zi_unit_find(&id->units, unit, NULL);
		if (ur < 0 || zi_table_find_value(&im->rows, ZI_D_UNIT, unit, 0) != (long)r)
			continue; /* once per unit */
		struct zi_stage_moved mv;
		struct zi_stage_fault f;
		int m = zi_declare_move_stage(&id->units, (size_t)ur, merged, &id->stages, &mv, &f);
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
			zi_cli_info(id->cli, "%s%s\n", id->cli->dry_run ? _("dry run: ") : "", note);
		moved += m;
	}
	if (bad)
		return ZI_EDATA;
	if (moved) {
		int rc = zi_store_put_table(&id->cli->store, "units.csv", &id->units, d);
		if (!rc)
			rc = zi_store_put_table(&id->cli->store, "stages.csv", &id->stages, d);
		if (rc)
			return rc;
		zi_cli_info(id->cli,
			    _("%s%d unit(s) with pencanangan entered in their stage history\n"),
			    id->cli->dry_run ? _("dry run: ") : "", moved);
	}
	return more + moved;
}

static const char *const managed_decl_fields[] = {"redeclaration", NULL};

static int cmd_import(struct zi_cli *cli)
{
	struct import_decl id = {.cli = cli};
	zi_today(id.today);
	id.job.schema = zi_schema_get("declarations", &cli->diag);
	id.units_schema = zi_schema_get("units", &cli->diag);
	id.stages_schema = zi_schema_get("stages", &cli->diag);
	if (!id.job.schema || !id.units_schema || !id.stages_schema) {
		zi_schema_free((struct zi_schema *)id.job.schema);
		zi_schema_free(id.units_schema);
		zi_schema_free(id.stages_schema);
		return ZI_EINTERNAL;
	}
	zi_table_init(&id.job.existing, id.job.schema);
	zi_table_init(&id.units, id.units_schema);
	zi_table_init(&id.stages, id.stages_schema);
	id.job.file = cli->args[0];
	id.job.target = "declarations.csv";
	id.job.ignore = managed_decl_fields;
	id.job.prepare = prepare_decl;
	id.job.check = check_decl;
	id.job.finish = finish_decl;
	id.job.ctx = &id;
	int rc = zi_cli_import(cli, &id.job);
	zi_table_release(&id.units);
	zi_table_release(&id.job.existing);
	zi_schema_free((struct zi_schema *)id.job.schema);
	zi_schema_free(id.units_schema);
	zi_table_release(&id.stages);
	zi_schema_free(id.stages_schema);
	return rc;
}

static int cmd_list(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc)
		return rc;
	const char *unit = zi_cli_opt(cli, "unit");
	const char *year = zi_cli_opt(cli, "year");
	const char *month = zi_cli_opt(cli, "month");
	if (unit && (rc = zi_unit_id_check(unit, &cli->diag)))
		return rc;
	if (year && (strlen(year) != 4 || strspn(year, "0123456789") != 4))
		return zi_cli_usage(cli, _("--year takes a year like 2022, got '%s'"), year);
	if (month) {
		char probe[16], out[11];
		struct zi_verr err;
		snprintf(probe, sizeof(probe), "%.7s-01", month);
		if (strlen(month) != 7 || zi_value_date(probe, out, &err))
			return zi_cli_usage(cli, _("--month takes YYYY-MM, got '%s'"), month);
	}
	struct zi_table decls;
	if ((rc = zi_records_load(&cli->store, "declarations", NULL, &decls, &cli->diag))) {
		zi_table_release(&decls);
		return rc;
	}
	size_t *rows = zi_xmalloc((decls.n + 1) * sizeof(size_t)), n = 0;
	for (size_t r = 0; r < decls.n; r++) {
		const char *date = zi_table_get(&decls, r, ZI_D_DATE);
		if (unit && strcmp(unit, zi_table_get(&decls, r, ZI_D_UNIT)))
			continue;
		if (year && strncmp(date, year, 4))
			continue;
		if (month && strncmp(date, month, 7))
			continue;
		rows[n++] = r;
	}
	static const int cols[] = {ZI_D_ID,    ZI_D_UNIT, ZI_D_DATE,
				   ZI_D_VENUE, ZI_D_HEAD, ZI_D_REDECLARATION};
	zi_cli_print_rows(cli, &decls, rows, n, cols, sizeof(cols) / sizeof(*cols));
	free(rows);
	zi_table_release(&decls);
	return 0;
}

static int cmd_show(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc)
		return rc;
	struct zi_table decls;
	if ((rc = zi_records_load(&cli->store, "declarations", NULL, &decls, &cli->diag))) {
		zi_table_release(&decls);
		return rc;
	}
	const char *key[1] = {cli->args[0]};
	long r = zi_table_find(&decls, key);
	if (r < 0) {
		zi_diag_error(&cli->diag, NULL, 0, NULL, "declaration-unknown",
			      _("no declaration '%s' (see 'zi-declare list')"), cli->args[0]);
		rc = ZI_EDATA;
	} else {
		zi_cli_print_record(cli, &decls, (size_t)r);
	}
	zi_table_release(&decls);
	return rc;
}

static const struct zi_opt add_opts[] = {
	{"date", 0, ZI_VALUE, "DATE", N_("the day of the ceremony (required; not after today)")},
	{"venue", 0, ZI_VALUE, "PLACE", N_("where it took place")},
	{"head", 0, ZI_VALUE, "NAME", N_("the head of the unit who declared")},
	{"witness", 0, ZI_MULTI, "NAME",
	 N_("a witness (mayor, Sekda, inspectorate, DPRD, Ombudsman...)")},
	{"basis", 0, ZI_MULTI, "REF", N_("a legal basis (decree, regulation)")},
	{"note", 0, ZI_VALUE, "TEXT", N_("a note")},
	{0},
};
static const struct zi_opt list_opts[] = {
	{"unit", 0, ZI_VALUE, "UNIT", N_("only this unit's declarations")},
	{"year", 0, ZI_VALUE, "YYYY", N_("only declarations in this year")},
	{"month", 0, ZI_VALUE, "YYYY-MM", N_("only declarations in this month")},
	{0},
};

static const struct zi_subcmd subs[] = {
	{"add", "UNIT --date DATE", N_("record a declaration (pencanangan)"), add_opts, 1, 1,
	 cmd_add, ZI_WRITES},
	{"import", "FILE", N_("add and update declarations from a spreadsheet"), NULL, 1, 1,
	 cmd_import, ZI_WRITES | ZI_IMPORTS},
	{"list", NULL, N_("list the declarations"), list_opts, 0, 0, cmd_list, ZI_TABLE_OUT},
	{"show", "ID", N_("show one declaration"), NULL, 1, 1, cmd_show, 0},
	{0},
};

int main(int argc, char **argv)
{
	return zi_cli_main(argc, argv, "zi-declare",
			   N_("The declarations (pencanangan) of the Zona Integritas: when and "
			      "where "
			      "each unit declared, before whom, on what basis."),
			   subs);
}
