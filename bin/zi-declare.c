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

/* zi-declare import: lib/declare.c's hooks (ids, checks, the stage moves);
 * the command says what moved. di first: the hooks take the job's ctx as a
 * struct zi_declare_import. */
struct import_decl {
	struct zi_declare_import di;
	struct zi_cli *cli;
};

static int finish_decl(void *ctx, struct zi_table *merged, struct zi_import *im,
		       struct zi_merge_counts *c, struct zi_diag *d)
{
	struct import_decl *id = ctx;
	int rc = zi_declare_import_finish(&id->di, merged, im, c, d);
	const char *dry = id->cli->dry_run ? _("dry run: ") : "";
	for (const char *p = id->di.notes.data, *e; p && (e = strchr(p, '\n')); p = e + 1)
		zi_cli_info(id->cli, "%s%.*s\n", dry, (int)(e - p), p);
	if (rc >= 0 && id->di.moved)
		zi_cli_info(id->cli,
			    _("%s%d unit(s) with pencanangan entered in their stage history\n"),
			    dry, id->di.moved);
	return rc;
}

static const char *const managed_decl_fields[] = {"redeclaration", NULL};

static int cmd_import(struct zi_cli *cli)
{
	struct import_decl id = {.cli = cli};
	struct zi_import_job job = {.file = cli->args[0],
				    .target = "declarations.csv",
				    .ignore = managed_decl_fields,
				    .prepare = zi_declare_import_prepare,
				    .check = zi_declare_import_check,
				    .finish = finish_decl,
				    .ctx = &id};
	job.schema = zi_schema_get("declarations", &cli->diag);
	zi_table_init(&job.existing, job.schema);
	int rc = zi_declare_import_init(&id.di, &cli->store, &job.existing, &cli->diag);
	if (!rc && job.schema)
		rc = zi_cli_import(cli, &job);
	else
		rc = ZI_EINTERNAL;
	zi_declare_import_release(&id.di);
	zi_table_release(&job.existing);
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
