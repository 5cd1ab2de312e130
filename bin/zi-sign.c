/* zi-sign: integrity pacts, gratification statements and wealth reports of
 * each unit's staff; who has signed, who is missing; the evidence files. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "evidence.h"
#include "jsonio.h"
#include "lhkpn.h"
#include "units.h"
#include "pool.h"
#include "records.h"
#include "sign.h"
#include "values.h"

static int cmd_add(struct zi_cli *cli)
{
	struct zi_sign_entry e = {.unit = cli->args[0],
				  .doc = zi_cli_opt(cli, "doc"),
				  .nip = zi_cli_opt(cli, "nip"),
				  .name = zi_cli_opt(cli, "name"),
				  .position = zi_cli_opt(cli, "position"),
				  .witness = zi_cli_opt(cli, "witness"),
				  .evidence = zi_cli_opt(cli, "evidence"),
				  .conflict = zi_cli_opt(cli, "conflict"),
				  .external = zi_cli_flag(cli, "external")};
	char date[11];
	int rc = zi_unit_id_check(e.unit, &cli->diag);
	if (rc || (rc = zi_cli_date(cli, "date", date, 1)))
		return rc;
	e.date = date;
	if (!e.doc)
		return zi_cli_usage(cli, _("--doc DOC is required (pakta, gratifikasi, lhkpn, "
					   "lhkasn, coi)"));
	if (!e.external && !e.nip)
		return zi_cli_usage(cli, _("--nip NIP is required (or --external --name NAME for "
					   "someone outside the roster)"));
	if (e.external && (!e.name || !*e.name))
		return zi_cli_usage(cli, _("--external needs --name NAME"));
	/* an unknown document is zi_sign_add's error, on its field */
	int k = zi_doc_parse(e.doc);
	if (e.conflict && k >= 0 && k != ZI_DOC_COI)
		return zi_cli_usage(cli, _("--conflict goes with --doc coi"));
	rc = zi_sign_add(&cli->store, &e, cli->wait, &cli->diag);
	const char *nip = e.nip_id, *name = e.signer.data;
	if (!rc)
		rc = zi_cli_commit(cli, "zi-sign add %s: %s signed by %s%s%s on %s", e.unit,
				   e.doc_id, nip, *nip ? " " : "", name, date);
	static const char *const whats[] = {N_("added"), N_("updated"), N_("unchanged")};
	if (!rc)
		zi_cli_info(cli, _("%s%s: %s of %s (%s) at %s on %s\n"),
			    cli->dry_run ? _("dry run: ") : "", _(whats[e.what]), e.doc_id,
			    *nip ? nip : _("external"), name, e.unit, date);
	zi_sign_entry_release(&e);
	return rc;
}

static int cmd_import(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	int rc = zi_unit_id_check(unit, &cli->diag);
	if (rc)
		return rc;
	const char *doc_opt = zi_cli_opt(cli, "doc"), *doc = NULL;
	if (doc_opt) {
		struct zi_verr err;
		if (zi_value_doc(doc_opt, &doc, &err))
			return zi_cli_usage(cli, "--doc: %s", err.msg);
	}
	char date[11] = "";
	if ((rc = zi_cli_date(cli, "date", date, 0)))
		return rc;
	if ((rc = zi_unit_require(&cli->store, unit, 1, &cli->diag)))
		return rc;
	/* a sign-in sheet: the ceremony's date for every row without one, and
	 * the signature column decides who signed */
	const char *defaults[] = {"date", date, NULL};
	static const char *const presence[] =
		{"Tanda Tangan",	 "TTD", "Paraf", "Signature", "Tanda Tangan/Paraf",
		 "Tanda Tangan Pegawai", NULL};
	struct zi_sign_import is;
	struct zi_import_job job = {.defaults = date[0] ? defaults : NULL, .presence = presence};
	job.schema = zi_schema_get("signatures", &cli->diag);
	rc = zi_sign_import_init(&is, &cli->store, unit, doc, &cli->diag);
	if (!job.schema || rc) {
		zi_sign_import_release(&is);
		return ZI_EINTERNAL;
	}
	zi_table_init(&job.existing, job.schema);
	char *target = zi_unit_file("signatures", unit, ".csv");
	job.file = cli->args[1];
	job.target = target;
	job.prepare = zi_sign_import_prepare;
	job.check = zi_sign_import_check;
	job.ctx = &is;
	rc = zi_cli_import(cli, &job);
	free(target);
	zi_sign_import_release(&is);
	zi_table_release(&job.existing);
	return rc;
}

/* status output, one unit at a time */

/* status: units are read and rendered by worker threads, each with its own
 * coverage set, and printed in order by the main thread through a ring of
 * slots, so that memory stays bounded by a few units. */
struct status_out {
	const char *format;
	struct zi_buf b;
	size_t objects; /* JSON objects in b */
	int unit_width;
};

#define STATUS_SLOTS 64
#define STATUS_THREADS 4

/* zi-sign status on the ordered pool: each worker has its coverage set and
 * diagnostics, each unit's output is made into the slot of its item and
 * written in unit order. */
struct status_job {
	struct zi_store *store;
	const char **ids; /* the units, in order */
	const char *as_of;
	unsigned docs;
	struct status_worker {
		struct zi_coverage_set cs;
		int cs_ok;
		struct zi_diag diags;
	} w[STATUS_THREADS];
	struct status_out slots[STATUS_SLOTS];
	FILE *out;
	int json;
	size_t objects; /* JSON objects written */
};

static int status_work(void *ctx, unsigned w, size_t i)
{
	struct status_job *j = ctx;
	struct zi_coverage_set *cs = &j->w[w].cs;
	if (!j->w[w].cs_ok) {
		int rc = zi_coverage_init(cs, &j->w[w].diags);
		if (rc)
			return rc;
		cs->fast = 1;
		j->w[w].cs_ok = 1;
	}
	int rc = zi_coverage_unit(j->store, j->ids[i], j->as_of, j->docs, cs, &j->w[w].diags);
	if (rc)
		return rc;
	struct status_out *o = &j->slots[i % STATUS_SLOTS];
	zi_buf_reset(&o->b);
	o->objects = zi_coverage_render(&o->b, cs, o->format, o->unit_width);
	return 0;
}

static int status_emit(void *ctx, size_t i)
{
	struct status_job *j = ctx;
	struct status_out *o = &j->slots[i % STATUS_SLOTS];
	if (j->json && o->objects)
		fputs(j->objects ? ",\n" : "[\n", j->out);
	j->objects += o->objects;
	if (o->b.len)
		fwrite(o->b.data, 1, o->b.len, j->out);
	return 0;
}

static int cmd_status(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	char as_of[11];
	if (rc || (rc = zi_cli_date(cli, "as-of", as_of, ZI_CLI_TODAY)))
		return rc;
	unsigned docs = ZI_DOC_ALL;
	const char *doc_opt = zi_cli_opt(cli, "doc");
	if (doc_opt) {
		int k = zi_doc_parse(doc_opt);
		if (k < 0)
			return zi_cli_usage(cli,
					    _("--doc: unknown document '%s' (pakta, gratifikasi, "
					      "lhkpn, lhkasn, coi)"),
					    doc_opt);
		docs = 1u << k;
	}
	const char *only = cli->nargs ? cli->args[0] : NULL;
	if (only && (rc = zi_unit_id_check(only, &cli->diag)))
		return rc;
	struct zi_table units;
	if ((rc = zi_records_load(&cli->store, "units", NULL, &units, &cli->diag))) {
		zi_table_release(&units);
		return rc;
	}
	const char **ids = zi_xmalloc((units.n + 1) * sizeof(char *));
	size_t nsel;
	if ((rc = zi_units_pick(&units, only, ids, &nsel, &cli->diag))) {
		free(ids);
		zi_table_release(&units);
		return rc;
	}
	struct status_job *j = zi_xcalloc(1, sizeof(*j));
	j->store = &cli->store;
	j->as_of = as_of;
	j->docs = docs;
	j->out = cli->out;
	j->json = !strcmp(cli->format, "json");
	j->ids = ids;
	/* the unit column fits every unit, shown or not */
	int unit_width = 4;
	for (size_t r = 0; r < units.n; r++) {
		int w = (int)strlen(zi_table_get(&units, r, ZI_U_ID));
		if (w > unit_width)
			unit_width = w;
	}
	for (unsigned t = 0; t < STATUS_THREADS; t++)
		zi_diag_init(&j->w[t].diags);
	for (size_t k = 0; k < STATUS_SLOTS; k++) {
		j->slots[k] = (struct status_out){.format = cli->format, .unit_width = unit_width};
		zi_buf_init(&j->slots[k].b);
	}
	FILE *out = cli->out;
	if (!strcmp(cli->format, "csv"))
		fputs("unit,doc,required,signed,percent,missing\n", out);
	else if (!strcmp(cli->format, "text"))
		fprintf(out, "%-*s  %-11s  %8s  %8s  %7s\n", unit_width, "unit", "doc", "required",
			"signed", "percent");
	rc = zi_pool_run(nsel, zi_pool_threads(STATUS_THREADS), STATUS_SLOTS, status_work,
			 status_emit, j);
	if (j->json)
		fputs(j->objects ? "\n]\n" : "[]\n", out);
	for (unsigned t = 0; t < STATUS_THREADS; t++) {
		if (j->w[t].cs_ok)
			zi_coverage_release(&j->w[t].cs);
		zi_diag_move(&cli->diag, &j->w[t].diags);
		zi_diag_release(&j->w[t].diags);
	}
	for (size_t k = 0; k < STATUS_SLOTS; k++)
		zi_buf_release(&j->slots[k].b);
	free(j);
	free(ids);
	zi_table_release(&units);
	return rc;
}

static int cmd_verify(struct zi_cli *cli)
{
	const char *only = cli->nargs ? cli->args[0] : NULL;
	int rc = only ? zi_unit_id_check(only, &cli->diag) : 0;
	if (rc)
		return rc;
	struct zi_table units;
	if ((rc = zi_records_load(&cli->store, "units", NULL, &units, &cli->diag)) ||
	    (only && zi_unit_find(&units, only, &cli->diag) < 0)) {
		zi_table_release(&units);
		return rc ? rc : ZI_EDATA;
	}
	unsigned long files = 0, bad = 0;
	for (size_t u = 0; u < units.n && !rc; u++) {
		const char *id = zi_table_get(&units, u, ZI_U_ID);
		if (!only || !strcmp(id, only))
			rc = zi_evidence_verify_unit(&cli->store, id, &files, &bad, &cli->diag);
	}
	if (!rc) {
		if (bad)
			cli->note =
				zi_xasprintf(_("evidence files: %lu checked, %lu ok, %lu missing "
					       "or changed"),
					     files, files - bad, bad);
		else
			zi_cli_info(cli, _("evidence files: %lu checked, all ok\n"), files);
		rc = bad ? ZI_EDATA : 0;
	}
	zi_table_release(&units);
	return rc;
}

/* The conflict-of-interest counts of PortalRB's form, per unit and for the
 * instansi. */
static int cmd_coi(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	char as_of[11];
	if (rc || (rc = zi_cli_date(cli, "as-of", as_of, ZI_CLI_TODAY)))
		return rc;
	struct zi_table units;
	struct zi_coi_unit *per = NULL;
	size_t n = 0;
	struct zi_coi_counts total = {0};
	if ((rc = zi_records_load(&cli->store, "units", NULL, &units, &cli->diag)) ||
	    (rc = zi_coi_units(&cli->store, &units, as_of, &per, &n, &total, &cli->diag))) {
		free(per);
		zi_table_release(&units);
		return rc;
	}
	struct zi_buf b;
	zi_buf_init(&b);
	zi_coi_render(&b, per, n, &total, as_of,
		      json_string_value(json_object_get(cli->store.manifest, "instansi")),
		      cli->format);
	zi_cli_print_buf(cli, &b);
	zi_buf_release(&b);
	free(per);
	zi_table_release(&units);
	return rc;
}

/* import-lhkpn: KPK's e-LHKPN list matched to the rosters (lib/lhkpn.c). */

static int cmd_import_lhkpn(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,json");
	char date[11];
	if (rc || (rc = zi_cli_date(cli, "date", date, ZI_CLI_TODAY)))
		return rc;
	char **map = NULL;
	if ((rc = zi_sign_date_check(date, &cli->diag)) ||
	    (rc = zi_cli_read_map_opt(cli, "unit-map", &map)))
		return rc;
	struct zi_import_opts o = {0};
	if ((rc = zi_cli_csv_opts(cli, &o.csv)) || (rc = zi_cli_lock(cli))) {
		zi_import_free_map(map);
		return rc;
	}
	struct zi_schema *ls = zi_schema_get("elhkpn", &cli->diag);
	struct zi_table ut;
	if (!ls) {
		zi_import_free_map(map);
		return ZI_EINTERNAL;
	}
	struct zi_lhkpn_match m = {0};
	rc = zi_records_load(&cli->store, "units", NULL, &ut, &cli->diag);
	if (!rc)
		rc = zi_lhkpn_load(&m, &cli->store, &ut, date, &cli->diag);
	struct zi_import im;
	zi_import_init(&im, ls);
	if (!rc)
		rc = zi_import_read(&im, cli->args[0], &o, &cli->diag);
	if (!rc && cli->diag.errors)
		rc = ZI_EDATA;
	if (rc == ZI_EDATA)
		cli->note = zi_xstrdup(_("nothing was recorded"));
	if (!rc)
		rc = zi_lhkpn_match(&m, &cli->store, &im.rows, map, &cli->diag);
	if (!rc)
		rc = zi_lhkpn_save(&m, &cli->store, &cli->diag);
	if (!rc && m.counts[ZI_LHKPN_RECORDED]) {
		rc = zi_cli_commit(cli, "zi-sign import-lhkpn %s: %lu lhkpn filings on %s",
				   cli->args[0], m.counts[ZI_LHKPN_RECORDED], date);
	}
	if (!rc) {
		struct zi_buf b;
		zi_buf_init(&b);
		zi_lhkpn_render(&m, &im.rows, cli->args[0], cli->format, cli->dry_run, &b);
		zi_cli_print_buf(cli, &b);
		zi_buf_release(&b);
	}
	zi_import_release(&im);
	zi_lhkpn_release(&m);
	zi_table_release(&ut);
	zi_schema_free(ls);
	zi_import_free_map(map);
	return rc;
}

static const struct zi_opt add_opts[] = {
	{"doc", 0, ZI_VALUE, "DOC", N_("pakta, gratifikasi, lhkpn, lhkasn or coi (required)")},
	{"conflict", 0, ZI_VALUE, "yes|no",
	 N_("with --doc coi: the declaration names an actual conflict of interest")},
	{"date", 0, ZI_VALUE, "DATE", N_("the day it was signed (required; not after today)")},
	{"nip", 0, ZI_VALUE, "NIP", N_("the signer's NIP: on the unit's roster on that day")},
	{"external", 0, ZI_FLAG, NULL,
	 N_("the signer is not on the roster (a mayor, a partner...)")},
	{"name", 0, ZI_VALUE, "NAME", N_("the signer's name (required with --external)")},
	{"position", 0, ZI_VALUE, "TEXT", N_("the signer's position (default: the roster's)")},
	{"witness", 0, ZI_VALUE, "NAME", N_("who witnessed the signing")},
	{"evidence", 0, ZI_VALUE, "FILE",
	 N_("the scanned document: kept under evidence/UNIT/ by its SHA-256")},
	{0},
};
static const struct zi_opt import_opts[] = {
	{"doc", 0, ZI_VALUE, "DOC", N_("the document of rows that name none")},
	{"date", 0, ZI_VALUE, "DATE",
	 N_("the date of rows that have none (a ceremony's sign-in sheet)")},
	{0},
};
static const struct zi_opt status_opts[] = {
	{"as-of", 0, ZI_VALUE, "DATE", N_("the roster and signatures on this day (default today)")},
	{"doc", 0, ZI_VALUE, "DOC", N_("only this document")},
	{"output", 'o', ZI_VALUE, "FILE", N_("write to FILE (for --format xlsx, --csv excel)")},
	{0},
};

static const struct zi_opt coi_opts[] = {
	{"as-of", 0, ZI_VALUE, "DATE",
	 N_("the rosters and declarations on this day (default today)")},
	{"output", 'o', ZI_VALUE, "FILE", N_("write to FILE (for --format xlsx, --csv excel)")},
	{0},
};

static const struct zi_opt import_lhkpn_opts[] = {
	{"date", 0, ZI_VALUE, "DATE", N_("the day the filings are recorded on (default today)")},
	{"unit-map", 0, ZI_VALUE, "FILE",
	 N_("CSV of name,unit: what the list calls a unit (UNIT KERJA, SUB UNIT KERJA)")},
	{0},
};

static const struct zi_subcmd subs[] = {
	{"add", "UNIT --doc DOC --date DATE (--nip NIP | --external --name NAME)",
	 N_("record one signed document"), add_opts, 1, 1, cmd_add, ZI_WRITES},
	{"import", "UNIT FILE", N_("add and update a unit's signatures from a spreadsheet"),
	 import_opts, 2, 2, cmd_import, ZI_WRITES | ZI_IMPORTS},
	{"status", "[UNIT]", N_("coverage per unit and document: who signed, who is missing"),
	 status_opts, 0, 1, cmd_status, ZI_TABLE_OUT},
	{"import-lhkpn", "FILE",
	 N_("match KPK's e-LHKPN list (Daftar Wajib Lapor) to the rosters and record the complete "
	    "filings"),
	 import_lhkpn_opts, 1, 1, cmd_import_lhkpn, ZI_WRITES | ZI_READS},
	{"coi", NULL,
	 N_("conflict-of-interest declarations: who must declare, who did, actual conflicts "
	    "(PortalRB's form)"),
	 coi_opts, 0, 0, cmd_coi, ZI_TABLE_OUT},
	{"verify", "[UNIT]", N_("check every evidence file against its recorded SHA-256"), NULL, 0,
	 1, cmd_verify, 0},
	{0},
};

int main(int argc, char **argv)
{
	return zi_cli_main(argc, argv, "zi-sign",
			   N_("Integrity pacts, gratification statements and wealth reports "
			      "(LHKPN, "
			      "LHKASN) of each unit's staff: who signed, who is missing, and the "
			      "evidence."),
			   subs);
}
