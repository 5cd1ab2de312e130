/* zi-sign: integrity pacts, gratification statements and wealth reports of
 * each unit's staff; who has signed, who is missing; the evidence files. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "evidence.h"
#include "jsonio.h"
#include "lhkpn.h"
#include "pool.h"
#include "sign.h"
#include "units.h"
#include "values.h"

static int load_units(struct zi_cli *cli, struct zi_schema **s, struct zi_table *t)
{
	*s = zi_schema_get("units", &cli->diag);
	if (!*s)
		return ZI_EINTERNAL;
	zi_table_init(t, *s);
	return zi_store_load(&cli->store, "units.csv", t, &cli->diag);
}

static int load_unit_table(struct zi_cli *cli, const char *schema, const char *dir,
			   const char *unit, struct zi_schema **s, struct zi_table *t)
{
	*s = zi_schema_get(schema, &cli->diag);
	if (!*s)
		return ZI_EINTERNAL;
	zi_table_init(t, *s);
	char *rel = zi_unit_file(dir, unit, ".csv");
	int rc = zi_store_load(&cli->store, rel, t, &cli->diag);
	free(rel);
	return rc;
}

static void free_table(struct zi_schema *s, struct zi_table *t)
{
	if (s)
		zi_table_release(t);
	zi_schema_free(s);
}

static int cmd_add(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	const char *doc_opt = zi_cli_opt(cli, "doc"), *nip_opt = zi_cli_opt(cli, "nip");
	const char *name_opt = zi_cli_opt(cli, "name");
	int external = zi_cli_flag(cli, "external");
	char date[11], today[11];
	int rc = zi_unit_id_check(unit, &cli->diag);
	if (rc || (rc = zi_cli_date(cli, "date", date, 1)))
		return rc;
	if (!doc_opt)
		return zi_cli_usage(cli, _("--doc DOC is required (pakta, gratifikasi, lhkpn, lhkasn, coi)"));
	if (!external && !nip_opt)
		return zi_cli_usage(cli, _("--nip NIP is required (or --external --name NAME for "
					   "someone outside the roster)"));
	if (external && (!name_opt || !*name_opt))
		return zi_cli_usage(cli, _("--external needs --name NAME"));
	const char *doc;
	struct zi_verr err = {0};
	if (zi_value_doc(doc_opt, &doc, &err)) {
		zi_diag_error(&cli->diag, NULL, 0, "doc", err.code, "%s", err.msg);
		return ZI_EDATA;
	}
	const char *conflict_opt = zi_cli_opt(cli, "conflict");
	int conflict = 0;
	if (conflict_opt && strcmp(doc, "coi"))
		return zi_cli_usage(cli, _("--conflict goes with --doc coi"));
	if (conflict_opt && zi_value_bool(conflict_opt, &conflict, &err)) {
		zi_diag_error(&cli->diag, NULL, 0, "conflict", err.code, "%s", err.msg);
		return ZI_EDATA;
	}
	char nip[19] = "";
	if (nip_opt && zi_value_nip(nip_opt, nip, &err)) {
		zi_diag_error(&cli->diag, NULL, 0, "nip", err.code, "%s", err.msg);
		return ZI_EDATA;
	}
	zi_today(today);
	if (strcmp(date, today) > 0) {
		zi_diag_error(&cli->diag, NULL, 0, "date", "date-future",
			      _("%s is after today (%s): a document is recorded once it is signed"),
			      date, today);
		return ZI_EDATA;
	}
	if ((rc = zi_cli_lock(cli)) || (rc = zi_unit_require(&cli->store, unit, 1, &cli->diag)))
		return rc;
	struct zi_schema *ss = NULL, *gs = NULL;
	struct zi_table staff, sigs;
	struct zi_buf name, position, witness;
	zi_buf_init(&name);
	zi_buf_init(&position);
	zi_buf_init(&witness);
	char *evidence = NULL;
	char sha[65] = "";
	rc = load_unit_table(cli, "staff", "staff", unit, &ss, &staff);
	if (!rc)
		rc = load_unit_table(cli, "signatures", "signatures", unit, &gs, &sigs);
	if (!rc)
		rc = zi_cli_value(cli, gs, ZI_G_NAME, name_opt, &name);
	if (!rc)
		rc = zi_cli_value(cli, gs, ZI_G_POSITION, zi_cli_opt(cli, "position"), &position);
	if (!rc)
		rc = zi_cli_value(cli, gs, ZI_G_WITNESS, zi_cli_opt(cli, "witness"), &witness);
	if (!rc && !external) {
		long r;
		if (zi_sign_check_signer(&staff, unit, nip, date, &r, &err)) {
			zi_diag_error(&cli->diag, NULL, 0, "nip", err.code, "%s", err.msg);
			rc = ZI_EDATA;
		} else {
			/* the roster's name keeps the key the same whoever types it */
			zi_buf_reset(&name);
			zi_buf_adds(&name, zi_table_get(&staff, (size_t)r, ZI_S_NAME));
			if (!*position.data)
				zi_buf_adds(&position, zi_table_get(&staff, (size_t)r, ZI_S_POSITION));
		}
	}
	if (!rc && zi_cli_opt(cli, "evidence"))
		rc = zi_evidence_put(&cli->store, unit, zi_cli_opt(cli, "evidence"), &evidence, sha,
				     &cli->diag);
	const char *what = NULL;
	if (!rc) {
		const char *row[ZI_G_CONFLICT + 1] = {
			nip, doc, date, name.data, position.data, external ? "external" : "staff",
			witness.data, evidence ? evidence : "", sha,
			!conflict_opt ? "" : conflict ? "true" : "false"};
		const char *key[4] = {nip, name.data, doc, date};
		long at = zi_table_find(&sigs, key);
		if (at < 0) {
			zi_table_add(&sigs, row, 0);
			zi_table_sort(&sigs);
			what = _("added");
		} else {
			/* a second add of the same signature keeps what it does not say */
			const char *old[ZI_G_CONFLICT + 1];
			zi_table_row(&sigs, (size_t)at, old);
			for (int f = ZI_G_POSITION; f <= ZI_G_CONFLICT; f++)
				if (!*row[f] && f != ZI_G_ROLE)
					row[f] = old[f];
			int same = 1;
			for (int f = 0; f <= ZI_G_CONFLICT; f++)
				same &= !strcmp(row[f], old[f]);
			if (!same)
				zi_table_set(&sigs, (size_t)at, row);
			what = same ? _("unchanged") : _("updated");
		}
		char *rel = zi_unit_file("signatures", unit, ".csv");
		if (strcmp(what, _("unchanged")))
			rc = zi_store_put_table(&cli->store, rel, &sigs, &cli->diag);
		free(rel);
	}
	if (!rc) {
		char *msg = zi_xasprintf("zi-sign add %s: %s signed by %s%s%s on %s", unit, doc,
					 *nip ? nip : "", *nip ? " " : "", name.data, date);
		rc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
	}
	if (!rc)
		zi_cli_info(cli, _("%s%s: %s of %s (%s) at %s on %s\n"),
			    cli->dry_run ? _("dry run: ") : "", what, doc, *nip ? nip : _("external"),
			    name.data, unit, date);
	free(evidence);
	zi_buf_release(&name);
	zi_buf_release(&position);
	zi_buf_release(&witness);
	free_table(ss, &staff);
	free_table(gs, &sigs);
	return rc;
}

/* Import of one unit's signatures. */
struct import_sigs {
	struct zi_import_job job;
	struct zi_cli *cli;
	const char *unit;
	const char *doc; /* for rows without one; NULL when not given */
	struct zi_schema *staff_schema;
	struct zi_table staff;
	char today[11];
	char *realdir;
};

static void prepare_sigs(void *ctx, struct zi_import *im, struct zi_diag *d)
{
	struct import_sigs *is = ctx;
	char *rel = zi_unit_file("staff", is->unit, ".csv");
	zi_store_load(&is->cli->store, rel, &is->staff, d);
	free(rel);
	struct zi_table *t = &im->rows;
	for (size_t r = 0; r < t->n; r++) {
		const char *nip = zi_table_get(t, r, ZI_G_NIP);
		if (!*zi_table_get(t, r, ZI_G_DOC) && is->doc)
			zi_table_set_value(t, r, ZI_G_DOC, is->doc);
		if (!*zi_table_get(t, r, ZI_G_ROLE))
			zi_table_set_value(t, r, ZI_G_ROLE, *nip ? "staff" : "external");
		if (strcmp(zi_table_get(t, r, ZI_G_ROLE), "staff") || !*nip)
			continue;
		const char *key[1] = {nip};
		long s = zi_table_find(&is->staff, key);
		if (s < 0)
			continue;
		zi_table_set_value(t, r, ZI_G_NAME, zi_table_get(&is->staff, (size_t)s, ZI_S_NAME));
		if (!*zi_table_get(t, r, ZI_G_POSITION))
			zi_table_set_value(t, r, ZI_G_POSITION,
					   zi_table_get(&is->staff, (size_t)s, ZI_S_POSITION));
	}
	im->present[ZI_G_DOC] = im->present[ZI_G_ROLE] = im->present[ZI_G_NAME] = 1;
}

static void check_sig(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d)
{
	struct import_sigs *is = ctx;
	struct zi_table *t = &im->rows;
	const char *nip = zi_table_get(t, r, ZI_G_NIP);
	const char *date = zi_table_get(t, r, ZI_G_DATE);
	struct zi_verr err;
	if (!*zi_table_get(t, r, ZI_G_DOC))
		zi_import_fail(im, r, "doc", "required",
			       d, _("a value is required (or give --doc DOC for the whole file)"));
	/* conflict: yes/no as people write it, stored true/false, coi only */
	const char *conflict = zi_table_get(t, r, ZI_G_CONFLICT);
	if (*conflict) {
		int yes;
		if (zi_value_bool(conflict, &yes, &err))
			zi_import_fail(im, r, "conflict", err.code, d, "%s", err.msg);
		else if (strcmp(zi_table_get(t, r, ZI_G_DOC), "coi"))
			zi_import_fail(im, r, "conflict", "conflict-not-coi", d,
				       _("only a conflict-of-interest declaration (doc coi) says "
					 "whether there is a conflict"));
		else
			zi_table_set_value(t, r, ZI_G_CONFLICT, yes ? "true" : "false");
	}
	if (strcmp(date, is->today) > 0)
		zi_import_fail(im, r, "date", "date-future", d, _("%s is after today (%s)"), date,
			       is->today);
	if (!strcmp(zi_table_get(t, r, ZI_G_ROLE), "staff")) {
		long s;
		if (!*nip)
			zi_import_fail(im, r, "nip", "required", d,
				       _("a staff member's NIP is required (role external for "
					 "someone outside the roster)"));
		else if (zi_sign_check_signer(&is->staff, is->unit, nip, date, &s, &err))
			zi_import_fail(im, r, "nip", err.code, d, "%s", err.msg);
	} else if (!*zi_table_get(t, r, ZI_G_NAME)) {
		zi_import_fail(im, r, "name", "required", d,
			       _("an external signer needs a name"));
	}
	const char *ev = zi_table_get(t, r, ZI_G_EVIDENCE);
	if (!*ev)
		return;
	char *rel;
	if (zi_evidence_resolve(is->cli->store.dir, ev, &rel, &err)) {
		zi_import_fail(im, r, "evidence", err.code, d, "%s", err.msg);
		return;
	}
	char *full = zi_store_path(&is->cli->store, rel);
	char sha[65];
	if (zi_sha256_file(full, sha, d) == 0) {
		const char *given = zi_table_get(t, r, ZI_G_SHA256);
		if (*given && strcmp(given, sha))
			zi_import_fail(im, r, "sha256", "evidence-changed", d,
				       _("%s has digest %s, not the %s given"), rel, sha, given);
		else {
			zi_table_set_value(t, r, ZI_G_EVIDENCE, rel);
			zi_table_set_value(t, r, ZI_G_SHA256, sha);
			im->present[ZI_G_SHA256] = 1;
		}
	} else {
		zi_import_fail(im, r, "evidence", "evidence-unreadable", d, _("cannot read %s"), rel);
	}
	free(full);
	free(rel);
}

static int cmd_import(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	int rc = zi_unit_id_check(unit, &cli->diag);
	if (rc)
		return rc;
	struct import_sigs is = {.cli = cli, .unit = unit};
	const char *doc_opt = zi_cli_opt(cli, "doc");
	if (doc_opt) {
		struct zi_verr err;
		if (zi_value_doc(doc_opt, &is.doc, &err))
			return zi_cli_usage(cli, "--doc: %s", err.msg);
	}
	char date[11] = "";
	if ((rc = zi_cli_date(cli, "date", date, 0)))
		return rc;
	if ((rc = zi_unit_require(&cli->store, unit, 1, &cli->diag)))
		return rc;
	zi_today(is.today);
	/* a sign-in sheet: the ceremony's date for every row without one, and
	 * the signature column decides who signed */
	const char *defaults[] = {"date", date, NULL};
	static const char *const presence[] = {"Tanda Tangan", "TTD", "Paraf", "Signature",
					       "Tanda Tangan/Paraf", "Tanda Tangan Pegawai",
					       NULL};
	is.job.defaults = date[0] ? defaults : NULL;
	is.job.presence = presence;
	is.job.schema = zi_schema_get("signatures", &cli->diag);
	is.staff_schema = zi_schema_get("staff", &cli->diag);
	if (!is.job.schema || !is.staff_schema) {
		zi_schema_free((struct zi_schema *)is.job.schema);
		zi_schema_free(is.staff_schema);
		return ZI_EINTERNAL;
	}
	zi_table_init(&is.job.existing, is.job.schema);
	zi_table_init(&is.staff, is.staff_schema);
	char *target = zi_unit_file("signatures", unit, ".csv");
	is.job.file = cli->args[1];
	is.job.target = target;
	is.job.prepare = prepare_sigs;
	is.job.check = check_sig;
	is.job.ctx = &is;
	rc = zi_cli_import(cli, &is.job);
	free(target);
	zi_table_release(&is.staff);
	zi_table_release(&is.job.existing);
	zi_schema_free((struct zi_schema *)is.job.schema);
	zi_schema_free(is.staff_schema);
	return rc;
}

/* status output, one unit at a time */

static void json_str(struct zi_buf *b, const char *s)
{
	zi_buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			zi_buf_adds(b, "\\\"");
			break;
		case '\\':
			zi_buf_adds(b, "\\\\");
			break;
		case '\n':
			zi_buf_adds(b, "\\n");
			break;
		case '\t':
			zi_buf_adds(b, "\\t");
			break;
		case '\r':
			zi_buf_adds(b, "\\r");
			break;
		default:
			if (*p < 0x20)
				zi_buf_printf(b, "\\u%04x", *p);
			else
				zi_buf_addc(b, (char)*p);
		}
	}
	zi_buf_addc(b, '"');
}

/* Two decimals, as a JSON number without needless zeros: 66.67, 50.5, 100.
 * No data (nobody owes the document, NAN) is null in JSON, "-" in text
 * (fixed 1) and empty in CSV (fixed 2): never 100. */
static void percent_text(double p, char *out, size_t outsz, int fixed)
{
	if (isnan(p)) {
		snprintf(out, outsz, "%s", fixed == 2 ? "" : fixed ? "-" : "null");
		return;
	}
	snprintf(out, outsz, "%.2f", round(p * 100) / 100);
	if (fixed)
		return;
	char *dot = strchr(out, '.');
	if (!dot)
		return;
	char *e = out + strlen(out);
	while (e > dot + 1 && e[-1] == '0')
		*--e = 0;
	if (e == dot + 1)
		*dot = 0;
}

/* status: units are read and rendered by worker threads, each with its own
 * coverage set, and printed in order by the main thread through a ring of
 * slots, so that memory stays bounded by a few units. */
struct status_out {
	const char *format;
	struct zi_buf b;
	size_t objects; /* JSON objects in b */
	int unit_width;
};

static void emit(struct status_out *o, const struct zi_coverage_set *cs)
{
	struct zi_buf *b = &o->b;
	char pct[32];
	const char *fmt = o->format;
	for (size_t i = 0; i < cs->n; i++) {
		const struct zi_coverage *c = &cs->docs[i];
		if (!strcmp(fmt, "json")) {
			percent_text(c->percent, pct, sizeof(pct), 0);
			zi_buf_adds(b, o->objects++ ? ",\n  {\n    \"unit\": " : "  {\n    \"unit\": ");
			json_str(b, c->unit);
			zi_buf_printf(b,
				      ",\n    \"doc\": \"%s\",\n    \"required\": %lu,\n    \"signed\": "
				      "%lu,\n    \"percent\": %s,\n    \"missing\": ",
				      zi_doc_names[c->doc], c->required, c->signed_n, pct);
			if (!c->nmissing)
				zi_buf_adds(b, "[]");
			for (size_t m = 0; m < c->nmissing; m++) {
				zi_buf_adds(b, m ? ",\n      {\n        \"nip\": "
						 : "[\n      {\n        \"nip\": ");
				json_str(b, c->missing[m].nip);
				zi_buf_adds(b, ",\n        \"name\": ");
				json_str(b, c->missing[m].name);
				zi_buf_adds(b, "\n      }");
			}
			if (c->nmissing)
				zi_buf_adds(b, "\n    ]");
			zi_buf_adds(b, "\n  }");
		} else if (!strcmp(fmt, "csv")) {
			percent_text(c->percent, pct, sizeof(pct), 2);
			zi_csv_add_field_safe(b, c->unit);
			zi_buf_printf(b, ",%s,%lu,%lu,%s,", zi_doc_names[c->doc], c->required,
				      c->signed_n, pct);
			struct zi_buf m;
			zi_buf_init(&m);
			for (size_t k = 0; k < c->nmissing; k++) {
				if (k)
					zi_buf_adds(&m, " | ");
				zi_buf_adds(&m, c->missing[k].nip);
			}
			zi_csv_add_field_safe(b, m.data ? m.data : "");
			zi_buf_release(&m);
			zi_buf_addc(b, '\n');
		} else {
			percent_text(c->percent, pct, sizeof(pct), 1);
			zi_buf_printf(b, "%-*s  %-11s  %8lu  %8lu  %7s\n", o->unit_width, c->unit,
				      zi_doc_names[c->doc], c->required, c->signed_n, pct);
			for (size_t k = 0; k < c->nmissing; k++)
				zi_buf_printf(b, "%*s    %s %s  %s\n", o->unit_width, "", _("missing:"),
					      c->missing[k].nip, c->missing[k].name);
		}
	}
}

#define STATUS_SLOTS 64
#define STATUS_THREADS 4

/* zi-sign status on the ordered pool: each worker has its coverage set and
 * diagnostics, each unit's output is made into the slot of its item and
 * written in unit order. */
struct status_job {
	struct zi_store *store;
	const struct zi_table *units;
	const size_t *sel;
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
	const char *id = zi_table_get(j->units, j->sel[i], ZI_U_ID);
	int rc = zi_coverage_unit(j->store, id, j->as_of, j->docs, cs, &j->w[w].diags);
	if (rc)
		return rc;
	struct status_out *o = &j->slots[i % STATUS_SLOTS];
	zi_buf_reset(&o->b);
	o->objects = 0;
	emit(o, cs);
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
	if (rc || (rc = zi_cli_date(cli, "as-of", as_of, 0)))
		return rc;
	if (!as_of[0])
		zi_today(as_of);
	unsigned docs = ZI_DOC_ALL;
	const char *doc_opt = zi_cli_opt(cli, "doc");
	if (doc_opt) {
		int k = zi_doc_parse(doc_opt);
		if (k < 0)
			return zi_cli_usage(cli, _("--doc: unknown document '%s' (pakta, gratifikasi, "
						   "lhkpn, lhkasn, coi)"),
					    doc_opt);
		docs = 1u << k;
	}
	const char *only = cli->nargs ? cli->args[0] : NULL;
	if (only && (rc = zi_unit_id_check(only, &cli->diag)))
		return rc;
	struct zi_schema *us;
	struct zi_table units;
	if ((rc = load_units(cli, &us, &units))) {
		free_table(us, &units);
		return rc;
	}
	if (only && zi_unit_find(&units, only, &cli->diag) < 0) {
		free_table(us, &units);
		return ZI_EDATA;
	}
	struct status_job *j = zi_xcalloc(1, sizeof(*j));
	j->store = &cli->store;
	j->units = &units;
	j->as_of = as_of;
	j->docs = docs;
	j->out = cli->out;
	j->json = !strcmp(cli->format, "json");
	int unit_width = 4;
	size_t *sel = zi_xmalloc((units.n + 1) * sizeof(size_t)), nsel = 0;
	for (size_t r = 0; r < units.n; r++) {
		const char *id = zi_table_get(&units, r, ZI_U_ID);
		int w = (int)strlen(id);
		if (w > unit_width)
			unit_width = w;
		if (only ? strcmp(id, only) != 0
			 : !strcmp(zi_table_get(&units, r, ZI_U_RETIRED), "true"))
			continue;
		sel[nsel++] = r;
	}
	j->sel = sel;
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
		fprintf(out, "%-*s  %-11s  %8s  %8s  %7s\n", unit_width, "unit", "doc",
			"required", "signed", "percent");
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
	free(sel);
	free_table(us, &units);
	return rc;
}

static int cmd_verify(struct zi_cli *cli)
{
	const char *only = cli->nargs ? cli->args[0] : NULL;
	int rc = only ? zi_unit_id_check(only, &cli->diag) : 0;
	if (rc)
		return rc;
	struct zi_schema *us, *gs = zi_schema_get("signatures", &cli->diag);
	struct zi_table units, sigs;
	if (!gs)
		return ZI_EINTERNAL;
	zi_table_init(&sigs, gs);
	if ((rc = load_units(cli, &us, &units)) ||
	    (only && zi_unit_find(&units, only, &cli->diag) < 0)) {
		free_table(us, &units);
		free_table(gs, &sigs);
		return rc ? rc : ZI_EDATA;
	}
	unsigned long files = 0, bad = 0;
	for (size_t u = 0; u < units.n && !rc; u++) {
		const char *id = zi_table_get(&units, u, ZI_U_ID);
		if (only && strcmp(id, only))
			continue;
		zi_table_release(&sigs);
		char *rel = zi_unit_file("signatures", id, ".csv");
		char *path = zi_store_path(&cli->store, rel);
		rc = zi_store_check(&cli->store, rel, &cli->diag);
		free(rel);
		if (rc >= 0)
			rc = zi_records_load(&sigs, path, path, &cli->diag);
		for (size_t r = 0; r < sigs.n && !rc; r++) {
			const char *ev = zi_table_get(&sigs, r, ZI_G_EVIDENCE);
			const char *want = zi_table_get(&sigs, r, ZI_G_SHA256);
			if (!*ev)
				continue;
			files++;
			char got[65];
			unsigned long line = sigs.lines[r];
			switch (zi_evidence_verify(cli->store.dir, ev, want, got)) {
			case ZI_EVIDENCE_OK:
				break;
			case ZI_EVIDENCE_MISSING:
				zi_diag_error(&cli->diag, path, line, "evidence", "evidence-missing",
					      _("%s is missing"), ev);
				bad++;
				break;
			case ZI_EVIDENCE_OUTSIDE:
				zi_diag_error(&cli->diag, path, line, "evidence", "evidence-outside",
					      _("%s leaves the records directory"), ev);
				bad++;
				break;
			case ZI_EVIDENCE_UNREADABLE:
				zi_diag_error(&cli->diag, path, line, "evidence", "evidence-unreadable",
					      _("%s cannot be read"), ev);
				bad++;
				break;
			case ZI_EVIDENCE_CHANGED:
				if (*want)
					zi_diag_error(&cli->diag, path, line, "evidence",
						      "evidence-changed",
						      _("%s has changed: its SHA-256 is %s, the "
							"record says %s"),
						      ev, got, want);
				else
					zi_diag_error(&cli->diag, path, line, "sha256",
						      "evidence-no-digest",
						      _("%s has no recorded SHA-256 (its digest is %s)"),
						      ev, got);
				bad++;
				break;
			}
		}
		free(path);
	}
	if (!rc) {
		if (bad)
			cli->note = zi_xasprintf(_("evidence files: %lu checked, %lu ok, %lu missing "
						   "or changed"),
						 files, files - bad, bad);
		else
			zi_cli_info(cli, _("evidence files: %lu checked, all ok\n"), files);
		rc = bad ? ZI_EDATA : 0;
	}
	free_table(us, &units);
	free_table(gs, &sigs);
	return rc;
}

/* The conflict-of-interest counts of PortalRB's form, per unit and for the
 * instansi. */
static int cmd_coi(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	char as_of[11];
	if (rc || (rc = zi_cli_date(cli, "as-of", as_of, 0)))
		return rc;
	if (!as_of[0])
		zi_today(as_of);
	struct zi_schema *us;
	struct zi_table units;
	if ((rc = load_units(cli, &us, &units))) {
		free_table(us, &units);
		return rc;
	}
	struct zi_coverage_set cs;
	if ((rc = zi_coverage_init(&cs, &cli->diag))) {
		free_table(us, &units);
		return rc;
	}
	struct zi_coi_counts total = {0};
	json_t *ja = json_array();
	struct zi_buf b;
	zi_buf_init(&b);
	const char **cells = zi_xmalloc((units.n + 2) * 5 * sizeof(char *));
	char (*nums)[4][24] = zi_xcalloc(units.n + 2, sizeof(*nums));
	size_t n = 0;
	if (!strcmp(cli->format, "csv"))
		zi_buf_adds(&b, "unit,owed,declared,percent,conflicts\n");
	for (size_t r = 0; r < units.n && !rc; r++) {
		if (!strcmp(zi_table_get(&units, r, ZI_U_RETIRED), "true"))
			continue;
		const char *id = zi_table_get(&units, r, ZI_U_ID);
		rc = zi_coverage_unit(&cli->store, id, as_of, 1u << ZI_DOC_COI, &cs, &cli->diag);
		if (rc)
			break;
		struct zi_coi_counts c = {0};
		zi_coi_count(&cs, as_of, &c);
		total.owed += c.owed;
		total.declared += c.declared;
		total.conflicts += c.conflicts;
		snprintf(nums[n][0], 24, "%lu", c.owed);
		snprintf(nums[n][1], 24, "%lu", c.declared);
		if (c.owed)
			snprintf(nums[n][2], 24, "%.2f", 100.0 * (double)c.declared / (double)c.owed);
		else
			snprintf(nums[n][2], 24, "-");
		snprintf(nums[n][3], 24, "%lu", c.conflicts);
		const char *row[5] = {id, nums[n][0], nums[n][1], nums[n][2], nums[n][3]};
		memcpy(cells + n * 5, row, sizeof(row));
		json_t *o = json_object();
		json_object_set_new(o, "unit", json_string(id));
		json_object_set_new(o, "owed", json_integer((json_int_t)c.owed));
		json_object_set_new(o, "owed_by", json_string(zi_coi_owed_names[cs.coi_owed]));
		json_object_set_new(o, "declared", json_integer((json_int_t)c.declared));
		json_object_set_new(o, "conflicts", json_integer((json_int_t)c.conflicts));
		json_array_append_new(ja, o);
		if (!strcmp(cli->format, "csv")) {
			zi_csv_add_field_safe(&b, id);
			zi_buf_printf(&b, ",%s,%s,%s,%s\n", row[1], row[2], !c.owed ? "" : row[3], row[4]);
		}
		n++;
	}
	if (!rc) {
		if (!strcmp(cli->format, "json")) {
			json_t *o = json_object();
			const char *inst = json_string_value(json_object_get(cli->store.manifest, "instansi"));
			json_object_set_new(o, "instansi", json_string(inst ? inst : ""));
			json_object_set_new(o, "as_of", json_string(as_of));
			json_object_set_new(o, "owed", json_integer((json_int_t)total.owed));
			json_object_set_new(o, "declared", json_integer((json_int_t)total.declared));
			json_object_set_new(o, "conflicts", json_integer((json_int_t)total.conflicts));
			json_object_set_new(o, "units", ja);
			ja = NULL;
			zi_json_dump(o, &b);
			json_decref(o);
		} else if (!strcmp(cli->format, "text")) {
			static const char *const hdr[5] = {N_("unit"), N_("owed"), N_("declared"),
							   N_("percent"), N_("conflicts")};
			const char *h[5];
			for (int k = 0; k < 5; k++)
				h[k] = _(hdr[k]);
			zi_cli_print_aligned(cli->out, h, cells, n, 5);
			fprintf(cli->out,
				_("instansi on %s: must declare %lu, declared %lu, actual conflicts "
				  "declared %lu\n"),
				as_of, total.owed, total.declared, total.conflicts);
		} else {
			zi_buf_printf(&b, ",%lu,%lu,", total.owed, total.declared);
			if (total.owed)
				zi_buf_printf(&b, "%.2f", 100.0 * (double)total.declared / (double)total.owed);
			zi_buf_printf(&b, ",%lu\n", total.conflicts);
		}
		if (b.data)
			fputs(b.data, cli->out);
	}
	json_decref(ja);
	zi_buf_release(&b);
	free(cells);
	free(nums);
	zi_coverage_release(&cs);
	free_table(us, &units);
	return rc;
}


/* import-lhkpn: KPK's e-LHKPN list matched to the rosters. */

/* One roster of the list's day: the person keys of its rows. */
struct lhkpn_unit {
	const char *id;
	char *name_key, *short_key, *id_key;
	struct zi_table staff;
	char **keys;        /* per roster row, NULL when off the roster that day */
	unsigned char *hit; /* per roster row: matched by a row of the list */
	struct zi_table sigs;
	int sigs_loaded, added;
};

/* What happened to one row of the list. */
enum lhkpn_outcome { L_RECORDED, L_ALREADY, L_NOT_FILED, L_NOT_MATCHED, L_AMBIGUOUS };

static void fold_key(const char *in, char **out)
{
	size_t n = strlen(in) + 1;
	*out = zi_xmalloc(n);
	zi_fold_name(in, *out, n);
}

static int lhkpn_load_unit(struct zi_cli *cli, struct lhkpn_unit *u, struct zi_schema *ss,
			   const char *date)
{
	zi_table_init(&u->staff, ss);
	char *rel = zi_unit_file("staff", u->id, ".csv");
	int rc = zi_store_load(&cli->store, rel, &u->staff, &cli->diag);
	free(rel);
	u->keys = zi_xcalloc(u->staff.n + 1, sizeof(char *));
	u->hit = zi_xcalloc(u->staff.n + 1, 1);
	for (size_t r = 0; !rc && r < u->staff.n; r++) {
		if (!zi_staff_on_roster(&u->staff, r, date))
			continue;
		const char *name = zi_table_get(&u->staff, r, ZI_S_NAME);
		u->keys[r] = zi_xmalloc(strlen(name) + 1);
		zi_person_key(name, u->keys[r], strlen(name) + 1);
	}
	return rc;
}

/* The unit a text of the list names (its name, short name or id, or a
 * --unit-map line), or -1. */
static long lhkpn_unit_named(const struct lhkpn_unit *units, size_t n, char **map,
			     const char *text)
{
	if (!*text)
		return -1;
	char *k;
	fold_key(text, &k);
	long found = -1;
	for (size_t i = 0; map && map[i] && found < 0; i += 2) {
		char *m;
		fold_key(map[i], &m);
		if (!strcmp(m, k))
			for (size_t u = 0; u < n; u++)
				if (!strcmp(units[u].id, map[i + 1]))
					found = (long)u;
		free(m);
	}
	for (size_t u = 0; u < n && found < 0; u++)
		if (*k && (!strcmp(k, units[u].name_key) || !strcmp(k, units[u].short_key) ||
			   !strcmp(k, units[u].id_key)))
			found = (long)u;
	free(k);
	return found;
}

static int cmd_import_lhkpn(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,json");
	char date[11], today[11];
	if (rc || (rc = zi_cli_date(cli, "date", date, 0)))
		return rc;
	zi_today(today);
	if (!date[0])
		memcpy(date, today, sizeof(date));
	if (strcmp(date, today) > 0) {
		zi_diag_error(&cli->diag, NULL, 0, "date", "date-future",
			      _("%s is after today (%s): a document is recorded once it is signed"),
			      date, today);
		return ZI_EDATA;
	}
	char **map = NULL;
	const char *mapfile = zi_cli_opt(cli, "unit-map");
	if (mapfile && (rc = zi_import_read_map(mapfile, &map, &cli->diag))) {
		zi_import_free_map(map);
		return rc;
	}
	struct zi_import_opts o = {0};
	if ((rc = zi_cli_csv_opts(cli, &o.csv)) || (rc = zi_cli_lock(cli))) {
		zi_import_free_map(map);
		return rc;
	}
	struct zi_schema *ls = zi_schema_get("elhkpn", &cli->diag);
	struct zi_schema *ss = zi_schema_get("staff", &cli->diag);
	struct zi_schema *gs = zi_schema_get("signatures", &cli->diag);
	struct zi_schema *us = NULL;
	struct zi_table ut;
	if (!ls || !ss || !gs) {
		zi_schema_free(ls);
		zi_schema_free(ss);
		zi_schema_free(gs);
		zi_import_free_map(map);
		return ZI_EINTERNAL;
	}
	rc = load_units(cli, &us, &ut);
	struct lhkpn_unit *units = zi_xcalloc(ut.n + 1, sizeof(*units));
	size_t nunits = 0;
	for (size_t r = 0; !rc && r < ut.n; r++) {
		if (!strcmp(zi_table_get(&ut, r, ZI_U_RETIRED), "true"))
			continue;
		struct lhkpn_unit *u = &units[nunits++];
		u->id = zi_table_get(&ut, r, ZI_U_ID);
		fold_key(zi_table_get(&ut, r, ZI_U_NAME), &u->name_key);
		fold_key(zi_table_get(&ut, r, ZI_U_SHORT), &u->short_key);
		fold_key(u->id, &u->id_key);
		zi_table_init(&u->sigs, gs);
		rc = lhkpn_load_unit(cli, u, ss, date);
	}
	struct zi_import im;
	zi_import_init(&im, ls);
	if (!rc)
		rc = zi_import_read(&im, cli->args[0], &o, &cli->diag);
	if (!rc && cli->diag.errors)
		rc = ZI_EDATA;
	if (rc == ZI_EDATA)
		cli->note = zi_xstrdup(_("nothing was recorded"));
	/* each row's outcome, and the people matched */
	size_t n = im.rows.n;
	unsigned char *outcome = zi_xcalloc(n + 1, 1);
	long *at_unit = zi_xcalloc(n + 1, sizeof(long)), *at_row = zi_xcalloc(n + 1, sizeof(long));
	char **also = zi_xcalloc(n + 1, sizeof(char *)); /* the units of an ambiguous row */
	unsigned long counts[5] = {0};
	for (size_t i = 0; !rc && i < n; i++) {
		const char *name = zi_table_get(&im.rows, i, 1);
		size_t kn = strlen(name) + 1;
		char *key = zi_xmalloc(kn);
		zi_person_key(name, key, kn);
		long only = lhkpn_unit_named(units, nunits, map, zi_table_get(&im.rows, i, 4));
		if (only < 0)
			only = lhkpn_unit_named(units, nunits, map, zi_table_get(&im.rows, i, 3));
		size_t hits = 0;
		struct zi_buf where;
		zi_buf_init(&where);
		/* within the unit the list names; anywhere when it names none */
		for (size_t u = only < 0 ? 0 : (size_t)only; u < (only < 0 ? nunits : (size_t)only + 1); u++)
			for (size_t r = 0; r < units[u].staff.n; r++)
				if (units[u].keys[r] && *key && !strcmp(units[u].keys[r], key)) {
					if (!hits++) {
						at_unit[i] = (long)u;
						at_row[i] = (long)r;
					}
					zi_buf_printf(&where, "%s%s", where.len ? ", " : "", units[u].id);
				}
		free(key);
		if (hits != 1) {
			outcome[i] = hits ? L_AMBIGUOUS : L_NOT_MATCHED;
			/* not matched: the unit it was looked for in, when the list names one */
			also[i] = where.data ? zi_xstrdup(where.data)
				  : only >= 0 ? zi_xstrdup(units[only].id) : NULL;
			zi_buf_release(&where);
			counts[outcome[i]]++;
			continue;
		}
		zi_buf_release(&where);
		struct lhkpn_unit *u = &units[at_unit[i]];
		u->hit[at_row[i]] = 1;
		if (!zi_lhkpn_complete(zi_table_get(&im.rows, i, 5))) {
			outcome[i] = L_NOT_FILED;
			counts[L_NOT_FILED]++;
			continue;
		}
		if (!u->sigs_loaded) {
			char *rel = zi_unit_file("signatures", u->id, ".csv");
			rc = zi_store_load(&cli->store, rel, &u->sigs, &cli->diag);
			free(rel);
			u->sigs_loaded = 1;
			if (rc)
				break;
		}
		/* a filing of this year already recorded (by hand, or by an
		 * earlier run of the list) is not recorded again */
		const char *nip = zi_table_get(&u->staff, (size_t)at_row[i], ZI_S_NIP);
		int have = 0;
		for (size_t j = 0; j < u->sigs.n && !have; j++)
			have = !strcmp(zi_table_get(&u->sigs, j, ZI_G_NIP), nip) &&
			       !strcmp(zi_table_get(&u->sigs, j, ZI_G_DOC), "lhkpn") &&
			       !strncmp(zi_table_get(&u->sigs, j, ZI_G_DATE), date, 4) &&
			       strcmp(zi_table_get(&u->sigs, j, ZI_G_DATE), date) <= 0;
		if (have) {
			outcome[i] = L_ALREADY;
			counts[L_ALREADY]++;
			continue;
		}
		const char *row[ZI_G_CONFLICT + 1] = {
			nip, "lhkpn", date, zi_table_get(&u->staff, (size_t)at_row[i], ZI_S_NAME),
			zi_table_get(&u->staff, (size_t)at_row[i], ZI_S_POSITION), "staff", "", "", "",
			""};
		zi_table_add(&u->sigs, row, 0);
		u->added++;
		outcome[i] = L_RECORDED;
		counts[L_RECORDED]++;
	}
	for (size_t u = 0; !rc && u < nunits; u++) {
		if (!units[u].added)
			continue;
		zi_table_sort(&units[u].sigs);
		char *rel = zi_unit_file("signatures", units[u].id, ".csv");
		rc = zi_store_put_table(&cli->store, rel, &units[u].sigs, &cli->diag);
		free(rel);
	}
	if (!rc && counts[L_RECORDED]) {
		char *msg = zi_xasprintf("zi-sign import-lhkpn %s: %lu lhkpn filings on %s",
					 cli->args[0], counts[L_RECORDED], date);
		rc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
	}
	if (!rc) {
		int json = !strcmp(cli->format, "json");
		json_t *jo = json_object(), *ja[5], *jfalse = json_array(), *jmiss = json_array();
		static const char *const keys[5] = {"recorded", "already_recorded", "not_filed",
						    "not_matched", "matched_more_than_once"};
		for (int k = 0; k < 5; k++)
			ja[k] = json_array();
		FILE *out = cli->out;
		if (!json)
			fprintf(out, _("%s%s: %zu rows on %s: %lu lhkpn filings recorded, %lu already "
				       "recorded, %lu not filed, %lu not matched, %lu matched more "
				       "than once\n"),
				cli->dry_run ? _("dry run: ") : "", cli->args[0], n, date,
				counts[L_RECORDED], counts[L_ALREADY], counts[L_NOT_FILED],
				counts[L_NOT_MATCHED], counts[L_AMBIGUOUS]);
		static const char *const heads[5] = {
			N_("recorded:"), N_("already recorded this year:"),
			N_("not filed (status not complete):"), N_("not matched to a roster:"),
			N_("matched more than once:")};
		for (int k = 0; k < 5; k++) {
			if (!json && counts[k])
				fprintf(out, "%s\n", _(heads[k]));
			for (size_t i = 0; i < n; i++) {
				if (outcome[i] != k)
					continue;
				int matched = k <= L_NOT_FILED;
				const struct lhkpn_unit *u = matched ? &units[at_unit[i]] : NULL;
				const char *nip = matched ? zi_table_get(&u->staff, (size_t)at_row[i], ZI_S_NIP) : "";
				const char *name = matched ? zi_table_get(&u->staff, (size_t)at_row[i], ZI_S_NAME)
							   : zi_table_get(&im.rows, i, 1);
				const char *status = zi_table_get(&im.rows, i, 5);
				const char *where = matched ? u->id : also[i] ? also[i] : "";
				unsigned long line = im.rows.lines[i];
				if (json) {
					json_t *x = json_object();
					json_object_set_new(x, "line", json_integer((json_int_t)line));
					json_object_set_new(x, "name", json_string(name));
					if (matched)
						json_object_set_new(x, "nip", json_string(nip));
					json_object_set_new(x, matched ? "unit" : "units", json_string(where));
					json_object_set_new(x, "status", json_string(status));
					json_array_append_new(ja[k], x);
				} else {
					fprintf(out, "  %s %lu  %s%s%s  %s%s%s\n", _("line"), line, nip,
						*nip ? " " : "", name, where, *where ? "  " : "", status);
				}
			}
		}
		/* what the rosters say against the list */
		unsigned long nfalse = 0, nmiss = 0;
		for (int pass = 0; pass < 2; pass++) {
			if (!json && pass == 0)
				for (size_t i = 0; i < n; i++)
					nfalse += outcome[i] <= L_NOT_FILED &&
						  strcmp(zi_table_get(&units[at_unit[i]].staff, (size_t)at_row[i], ZI_S_LHKPN), "true");
			if (!json && pass == 0 && nfalse)
				fprintf(out, "%s\n", _("on the list, but the roster says lhkpn=false:"));
			if (pass == 0) {
				for (size_t i = 0; i < n; i++) {
					if (outcome[i] > L_NOT_FILED)
						continue;
					const struct lhkpn_unit *u = &units[at_unit[i]];
					size_t r = (size_t)at_row[i];
					if (!strcmp(zi_table_get(&u->staff, r, ZI_S_LHKPN), "true"))
						continue;
					if (json) {
						json_t *x = json_object();
						json_object_set_new(x, "unit", json_string(u->id));
						json_object_set_new(x, "nip", json_string(zi_table_get(&u->staff, r, ZI_S_NIP)));
						json_object_set_new(x, "name", json_string(zi_table_get(&u->staff, r, ZI_S_NAME)));
						json_array_append_new(jfalse, x);
					} else {
						fprintf(out, "  %s  %s %s\n", u->id, zi_table_get(&u->staff, r, ZI_S_NIP),
							zi_table_get(&u->staff, r, ZI_S_NAME));
					}
				}
				continue;
			}
			for (size_t u = 0; u < nunits; u++)
				for (size_t r = 0; r < units[u].staff.n; r++)
					nmiss += units[u].keys[r] && !units[u].hit[r] &&
						 !strcmp(zi_table_get(&units[u].staff, r, ZI_S_LHKPN), "true");
			if (!json && nmiss)
				fprintf(out, "%s\n", _("on a roster with lhkpn=true, missing from the list:"));
			for (size_t u = 0; u < nunits; u++)
				for (size_t r = 0; r < units[u].staff.n; r++) {
					if (!units[u].keys[r] || units[u].hit[r] ||
					    strcmp(zi_table_get(&units[u].staff, r, ZI_S_LHKPN), "true"))
						continue;
					if (json) {
						json_t *x = json_object();
						json_object_set_new(x, "unit", json_string(units[u].id));
						json_object_set_new(x, "nip", json_string(zi_table_get(&units[u].staff, r, ZI_S_NIP)));
						json_object_set_new(x, "name", json_string(zi_table_get(&units[u].staff, r, ZI_S_NAME)));
						json_array_append_new(jmiss, x);
					} else {
						fprintf(out, "  %s  %s %s\n", units[u].id,
							zi_table_get(&units[u].staff, r, ZI_S_NIP),
							zi_table_get(&units[u].staff, r, ZI_S_NAME));
					}
				}
		}
		if (json) {
			json_object_set_new(jo, "file", json_string(cli->args[0]));
			json_object_set_new(jo, "date", json_string(date));
			json_object_set_new(jo, "rows", json_integer((json_int_t)n));
			for (int k = 0; k < 5; k++)
				json_object_set_new(jo, keys[k], ja[k]);
			json_object_set_new(jo, "roster_not_required", jfalse);
			json_object_set_new(jo, "missing_from_list", jmiss);
			struct zi_buf b;
			zi_buf_init(&b);
			zi_json_dump(jo, &b);
			fputs(b.data, out);
			zi_buf_release(&b);
		} else {
			for (int k = 0; k < 5; k++)
				json_decref(ja[k]);
			json_decref(jfalse);
			json_decref(jmiss);
		}
		json_decref(jo);
	}
	for (size_t i = 0; i < n; i++)
		free(also[i]);
	free(also);
	free(outcome);
	free(at_unit);
	free(at_row);
	zi_import_release(&im);
	for (size_t u = 0; u < nunits; u++) {
		for (size_t r = 0; r < units[u].staff.n; r++)
			free(units[u].keys[r]);
		free(units[u].keys);
		free(units[u].hit);
		free(units[u].name_key);
		free(units[u].short_key);
		free(units[u].id_key);
		zi_table_release(&units[u].staff);
		zi_table_release(&units[u].sigs);
	}
	free(units);
	free_table(us, &ut);
	zi_schema_free(ls);
	zi_schema_free(ss);
	zi_schema_free(gs);
	zi_import_free_map(map);
	return rc;
}

static const struct zi_opt add_opts[] = {
	{"doc", 0, ZI_VALUE, "DOC", N_("pakta, gratifikasi, lhkpn, lhkasn or coi (required)")},
	{"conflict", 0, ZI_VALUE, "yes|no", N_("with --doc coi: the declaration names an actual conflict of interest")},
	{"date", 0, ZI_VALUE, "DATE", N_("the day it was signed (required; not after today)")},
	{"nip", 0, ZI_VALUE, "NIP", N_("the signer's NIP: on the unit's roster on that day")},
	{"external", 0, ZI_FLAG, NULL, N_("the signer is not on the roster (a mayor, a partner...)")},
	{"name", 0, ZI_VALUE, "NAME", N_("the signer's name (required with --external)")},
	{"position", 0, ZI_VALUE, "TEXT", N_("the signer's position (default: the roster's)")},
	{"witness", 0, ZI_VALUE, "NAME", N_("who witnessed the signing")},
	{"evidence", 0, ZI_VALUE, "FILE", N_("the scanned document: kept under evidence/UNIT/ by its SHA-256")},
	{0},
};
static const struct zi_opt import_opts[] = {
	{"doc", 0, ZI_VALUE, "DOC", N_("the document of rows that name none")},
	{"date", 0, ZI_VALUE, "DATE", N_("the date of rows that have none (a ceremony's sign-in sheet)")},
	{0},
};
static const struct zi_opt status_opts[] = {
	{"as-of", 0, ZI_VALUE, "DATE", N_("the roster and signatures on this day (default today)")},
	{"doc", 0, ZI_VALUE, "DOC", N_("only this document")},
	{"output", 'o', ZI_VALUE, "FILE", N_("write to FILE (for --format xlsx, --csv excel)")},
	{0},
};

static const struct zi_opt coi_opts[] = {
	{"as-of", 0, ZI_VALUE, "DATE", N_("the rosters and declarations on this day (default today)")},
	{"output", 'o', ZI_VALUE, "FILE", N_("write to FILE (for --format xlsx, --csv excel)")},
	{0},
};

static const struct zi_opt import_lhkpn_opts[] = {
	{"date", 0, ZI_VALUE, "DATE", N_("the day the filings are recorded on (default today)")},
	{"unit-map", 0, ZI_VALUE, "FILE", N_("CSV of name,unit: what the list calls a unit (UNIT KERJA, SUB UNIT KERJA)")},
	{0},
};

static const struct zi_subcmd subs[] = {
	{"add", "UNIT --doc DOC --date DATE (--nip NIP | --external --name NAME)", N_("record one signed document"), add_opts, 1, 1, cmd_add, ZI_WRITES},
	{"import", "UNIT FILE", N_("add and update a unit's signatures from a spreadsheet"), import_opts, 2, 2, cmd_import, ZI_WRITES | ZI_IMPORTS},
	{"status", "[UNIT]", N_("coverage per unit and document: who signed, who is missing"), status_opts, 0, 1, cmd_status, ZI_TABLE_OUT},
	{"import-lhkpn", "FILE", N_("match KPK's e-LHKPN list (Daftar Wajib Lapor) to the rosters and record the complete filings"), import_lhkpn_opts, 1, 1, cmd_import_lhkpn, ZI_WRITES | ZI_READS},
	{"coi", NULL, N_("conflict-of-interest declarations: who must declare, who did, actual conflicts (PortalRB's form)"), coi_opts, 0, 0, cmd_coi, ZI_TABLE_OUT},
	{"verify", "[UNIT]", N_("check every evidence file against its recorded SHA-256"), NULL, 0, 1, cmd_verify, 0},
	{0},
};

int main(int argc, char **argv)
{
	return zi_cli_main(argc, argv, "zi-sign",
			   N_("Integrity pacts, gratification statements and wealth reports (LHKPN, "
			      "LHKASN) of each unit's staff: who signed, who is missing, and the "
			      "evidence."),
			   subs);
}
