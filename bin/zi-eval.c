/* zi-eval: the LKE self-assessment, scores with reasons, surveys, complaints,
 * and the static files the national PortalRB fetches. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "complaint.h"
#include "jsonio.h"
#include "lke.h"
#include "lke_survey.h"
#include "model.h"
#include "units.h"
#include "portalrb.h"
#include "records.h"
#include "scorer.h"
#include "survey.h"
#include "values.h"
#include "xlsxout.h"

/* --- shared helpers --- */

/* The one choice of a year's model (zi_model_for), with --model first. */
static int get_model(struct zi_cli *cli, int year, struct zi_model **m)
{
	return zi_model_for(cli->store_open ? &cli->store : NULL, year, zi_cli_opt(cli, "model"), m,
			    &cli->diag);
}

/* --- models --- */

/* --models --master FILE: the model checked against an official master. */
static int models_master(struct zi_cli *cli, const char *master)
{
	struct zi_model *m;
	int rc = get_model(cli, 0, &m);
	if (rc)
		return rc;
	long n = zi_model_check_master(m, master, &cli->diag);
	if (n < 0) {
		zi_model_free(m);
		return (int)n;
	}
	if (!strcmp(cli->format, "json")) {
		json_t *o = json_object();
		json_object_set_new(o, "model", json_string(m->name));
		json_object_set_new(o, "master", json_string(master));
		json_object_set_new(o, "differences", json_integer(n));
		zi_cli_print_json(cli, o);
		json_decref(o);
	} else if (n == 0) {
		fprintf(cli->out, _("model %s matches %s: no difference\n"), m->name, master);
	} else {
		fprintf(cli->out, _("model %s differs from %s: %ld differences\n"), m->name, master,
			n);
	}
	zi_model_free(m);
	return n ? ZI_EDATA : 0;
}

static int cmd_models(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,json");
	if (rc)
		return rc;
	const char *master = zi_cli_opt(cli, "master");
	if (master)
		return models_master(cli, master);
	json_t *a = zi_lke_models_json(&cli->diag, &rc);
	static const char *const keys[] = {"model", "year", "questions", "title"};
	const char *hdr[] = {_("model"), _("year"), _("questions"), _("title")};
	if (a)
		zi_cli_print_objects(cli, a, keys, hdr, 4);
	json_decref(a);
	return rc;
}

/* --- template --- */

static int cmd_template(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	int year, rc;
	const char *fmt = cli->format ? cli->format : "csv";
	if ((rc = zi_cli_year(cli, &year)) ||
	    (rc = zi_unit_require(&cli->store, unit, 0, &cli->diag)))
		return rc;
	struct zi_model *m;
	if ((rc = get_model(cli, year, &m)))
		return rc;
	struct zi_schema *s;
	struct zi_table t;
	if ((rc = zi_lke_load(&cli->store, unit, year, &s, &t, &cli->diag))) {
	} else if (!strcmp(fmt, "xlsx")) {
		char *path;
		int tmp;
		if (!(rc = zi_cli_xlsx_path(cli, &path, &tmp))) {
			/* the official workbook's rule: a sub-area is the mean of its
			 * answered questions */
			rc = zi_xlsx_write_template(path, m, unit, year, &t, m->unanswered_zero,
						    &cli->diag);
			rc = zi_cli_xlsx_done(cli, path, tmp, rc);
			free(path);
		}
	} else if (strcmp(fmt, "csv") && strcmp(fmt, "text")) {
		rc = zi_cli_usage(cli, _("--format must be one of %s, got '%s'"), "csv,xlsx", fmt);
	} else {
		struct zi_buf b;
		zi_buf_init(&b);
		zi_lke_template_csv(m, &t, &b);
		const char *o = zi_cli_opt(cli, "output");
		if (o && strcmp(o, "-") && !cli->real_out)
			rc = zi_cli_write_csv(cli, o, b.data, b.len);
		else
			fputs(b.data, cli->out);
		zi_buf_release(&b);
	}
	if (s)
		zi_table_release(&t);
	zi_schema_free(s);
	zi_model_free(m);
	return rc;
}

/* --- import --- */

/* Stores what the import took: the upsert, the write, the commit, the
 * --reject file, the counts. */
static int import_store(struct zi_cli *cli, struct zi_lke_import *im, const char *unit, int year)
{
	struct zi_lke_counts c;
	int rc = zi_cli_lock(cli);
	if (rc || (rc = zi_lke_store_import(&cli->store, im, unit, year, &c, &cli->diag)))
		return rc;
	if (c.added || c.updated)
		rc = zi_cli_commit(cli, "zi-eval import %s: %s answers of %d from %s: added %lu, updated %lu",
				   unit, im->both_layers ? "unit and tpi" : zi_layer_name(im->layer),
				   year, im->file, c.added, c.updated);
	const char *reject = zi_cli_opt(cli, "reject");
	if (!rc && reject && !cli->dry_run)
		rc = zi_cli_write_csv(cli, reject, im->rejects.data, im->rejects.len);
	if (!rc)
		zi_cli_import_said(cli, c.added, c.updated, c.unchanged, im->rejected);
	return rc;
}

static int cmd_import(struct zi_cli *cli)
{
	const char *unit = cli->args[0], *file = cli->args[1];
	int year, rc;
	if ((rc = zi_cli_year(cli, &year)))
		return rc;
	enum zi_layer layer = ZI_LAYER_UNIT;
	const char *ls = zi_cli_opt(cli, "layer");
	if (ls && (zi_layer_parse(ls, &layer) || layer == ZI_LAYER_AUTO))
		return zi_cli_usage(cli, _("--layer must be unit, tpi or tpn, got '%s'"), ls);
	struct zi_csv_opts copts;
	if ((rc = zi_cli_csv_opts(cli, &copts)) ||
	    (rc = zi_unit_require(&cli->store, unit, 1, &cli->diag)))
		return rc;
	struct zi_model *m;
	if ((rc = get_model(cli, year, &m)))
		return rc;
	const char *reject = zi_cli_opt(cli, "reject");
	if (reject && strcmp(file, "-") && zi_portalrb_is_file(file)) {
		zi_model_free(m);
		return zi_cli_usage(cli, _("--reject is for spreadsheets, not PortalRB JSON"));
	}
	struct zi_lke_import im;
	zi_lke_import_init(&im, m, file, layer, &cli->diag);
	im.keep_rejected = reject != NULL;
	rc = zi_lke_import_read(&im, &copts, unit, year);
	/* an official workbook: with --dry-run, which cell went to which soal */
	if (cli->dry_run && im.mapping.len)
		fwrite(im.mapping.data, 1, im.mapping.len, cli->out);
	if (!rc && im.worksheet) {
		/* zi's worksheet: the common import path */
		struct zi_import_job job = {.file = file, .sheet = copts.sheet};
		struct zi_lke_ws ws;
		rc = zi_lke_worksheet_job(&ws, m, layer, unit, year, &job, &cli->diag);
		if (!rc)
			rc = zi_cli_import(cli, &job);
		zi_lke_worksheet_done(&ws, &job);
	} else if (!rc) {
		rc = import_store(cli, &im, unit, year);
	}
	zi_lke_import_release(&im);
	zi_model_free(m);
	return rc;
}

/* --- score --- */

static int cmd_score(struct zi_cli *cli)
{
	int year, rc;
	if ((rc = zi_cli_check_format(cli, "text,csv,json")) || (rc = zi_cli_year(cli, &year)))
		return rc;
	enum zi_layer layer = ZI_LAYER_AUTO;
	const char *ls = zi_cli_opt(cli, "layer");
	if (ls && zi_layer_parse(ls, &layer))
		return zi_cli_usage(cli, _("--layer must be auto, unit, tpi or tpn, got '%s'"), ls);
	const char *req = zi_cli_opt(cli, "require");
	int all = zi_cli_flag(cli, "all") || cli->nargs == 0;
	if (zi_cli_flag(cli, "all") && cli->nargs)
		return zi_cli_usage(cli, _("--all scores every unit: give no UNIT"));
	struct zi_model *m;
	if ((rc = get_model(cli, year, &m)))
		return rc;
	long reqp = req ? zi_score_pred(m, req) : -1;
	if (req && reqp < 0) {
		zi_model_free(m);
		return zi_cli_usage(cli, _("--require takes WBK or WBBM, got '%s'"), req);
	}
	struct zi_table units;
	size_t n = 0;
	rc = zi_records_load(&cli->store, "units", NULL, &units, &cli->diag);
	const char **list = zi_xcalloc(units.n + 2, sizeof(char *));
	struct zi_scorer *sc = NULL;
	if (!rc && !(rc = zi_units_pick(&units, all ? NULL : cli->args[0], list, &n, &cli->diag)) &&
	    !(sc = zi_scorer_new_units(&cli->store, m, year, &units, &cli->diag)))
		rc = ZI_EDATA;
	if (!rc) {
		struct zi_score_out o = {m,
					 list,
					 year,
					 layer,
					 reqp,
					 zi_cli_flag(cli, "explain"),
					 !strcmp(cli->format, "json"),
					 !strcmp(cli->format, "csv"),
					 all};
		rc = zi_score_write(sc, &o, n, zi_cli_out, cli, &cli->diag);
	}
	zi_scorer_free(sc);
	free(list);
	zi_table_release(&units);
	zi_model_free(m);
	return rc;
}

/* --- survey --- */

static int survey_value(struct zi_cli *cli, const char *unit, int year, enum zi_survey_kind k,
			const char *raw)
{
	double v;
	struct zi_model *m;
	int rc = zi_survey_value_parse(raw, &v, &cli->diag);
	if (rc || (rc = get_model(cli, year, &m)))
		return rc;
	struct zi_survey_answer a;
	rc = zi_lke_survey_value(&cli->store, m, unit, year, k, v, cli->wait, &a, &cli->diag);
	if (!rc && a.changed)
		rc = zi_cli_commit(cli, "zi-eval survey %s %s: value %s for %d",
				   zi_survey_kind_name(k), unit, a.value, year);
	if (!rc && !strcmp(cli->format, "json")) {
		json_t *o = zi_survey_value_json(unit, year, k, v, a.soal, a.part);
		zi_cli_print_json(cli, o);
		json_decref(o);
	} else if (!rc) {
		fprintf(cli->out, _("%s %s %d: value %.2f (external), soal %ld: %.2f of %.2f\n"),
			zi_survey_kind_name(k), unit, year, v, a.soal, a.part, a.weight);
	}
	zi_model_free(m);
	return rc;
}

static int cmd_survey(struct zi_cli *cli, enum zi_survey_kind k)
{
	const char *unit = cli->args[0];
	int year, rc;
	if ((rc = zi_cli_check_format(cli, "text,json")) || (rc = zi_cli_year(cli, &year)))
		return rc;
	const char *value = zi_cli_opt(cli, "value");
	if (value && k == ZI_SURVEY_IKM)
		return zi_cli_usage(cli, _("--value is for ipak and ipkp"));
	if (value && cli->nargs > 1)
		return zi_cli_usage(cli, _("give a FILE of responses or --value, not both"));
	if (!value && cli->nargs < 2)
		return zi_cli_usage(cli, _("a FILE of responses is needed"));
	if ((rc = zi_unit_require(&cli->store, unit, 1, &cli->diag)))
		return rc;
	if (value)
		return survey_value(cli, unit, year, k, value);
	struct zi_csv_opts o;
	if ((rc = zi_cli_csv_opts(cli, &o)))
		return rc;
	char **map;
	if ((rc = zi_cli_read_map(cli, &map)))
		return rc;
	struct zi_survey s;
	zi_survey_init(&s, k, ZI_SURVEY_KEEP_STREAM);
	s.map = (const char *const *)map;
	rc = zi_survey_read(&s, cli->args[1], cli->args[1], &o, &cli->diag);
	char *rel = NULL;
	int unchanged;
	/* the canonical copy goes to the file piece by piece; the same responses
	 * again write nothing */
	if (!rc)
		rc = zi_lke_survey_store(&cli->store, &s, cli->args[1], unit, year, cli->wait, &rel,
					 &unchanged, &cli->diag);
	if (!rc)
		rc = zi_cli_commit(cli, "zi-eval survey %s %s: %lu responses of %d from %s",
				   zi_survey_kind_name(k), unit, s.n, year, cli->args[1]);
	if (!rc) {
		if (!strcmp(cli->format, "json")) {
			json_t *res = zi_survey_json(&s, unit, year);
			zi_cli_print_json(cli, res);
			json_decref(res);
		} else {
			struct zi_buf b;
			zi_buf_init(&b);
			zi_survey_text(&s, unit, year, &b);
			zi_cli_print_buf(cli, &b);
			zi_buf_release(&b);
		}
		zi_cli_info(cli, _("%sstored %s\n"), cli->dry_run ? _("dry run: ") : "", rel);
	}
	free(rel);
	zi_survey_release(&s);
	zi_import_free_map(map);
	return rc;
}

static int cmd_survey_ikm(struct zi_cli *cli)
{
	return cmd_survey(cli, ZI_SURVEY_IKM);
}

static int cmd_survey_ipak(struct zi_cli *cli)
{
	return cmd_survey(cli, ZI_SURVEY_IPAK);
}

static int cmd_survey_ipkp(struct zi_cli *cli)
{
	return cmd_survey(cli, ZI_SURVEY_IPKP);
}

/* --- complaints --- */

static int cmd_complaint_add(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	char date[11];
	int rc;
	if ((rc = zi_cli_date(cli, "date", date, 1)))
		return rc;
	const char *summary = zi_cli_opt(cli, "summary");
	if (!summary || !*summary)
		return zi_cli_usage(cli, _("--summary TEXT is required"));
	if ((rc = zi_unit_require(&cli->store, unit, 1, &cli->diag)))
		return rc;
	char *id = NULL;
	if ((rc = zi_cli_lock(cli)))
		return rc;
	rc = zi_complaint_store_add(&cli->store, unit, date, zi_cli_opt(cli, "channel"),
				    zi_cli_opt(cli, "category"), summary, &id, &cli->diag);
	if (!rc)
		rc = zi_cli_commit(cli, "zi-eval complaint add %s: received %s", id, date);
	if (!rc) {
		fprintf(cli->out, "%s\n", id);
		zi_cli_info(cli, _("%scomplaint %s recorded\n"), cli->dry_run ? _("dry run: ") : "",
			    id);
	}
	free(id);
	return rc;
}

static int cmd_complaint_resolve(struct zi_cli *cli)
{
	const char *id = cli->args[0];
	char date[11];
	int rc;
	if ((rc = zi_cli_date(cli, "date", date, 1)))
		return rc;
	if ((rc = zi_cli_lock(cli)))
		return rc;
	int rejected = zi_cli_flag(cli, "reject"), changed;
	const char *status = rejected ? "ditolak" : "selesai";
	rc = zi_complaint_store_resolve(&cli->store, id, date, rejected, zi_cli_opt(cli, "ref"),
					&changed, &cli->diag);
	if (!rc && changed)
		rc = zi_cli_commit(cli, "zi-eval complaint resolve %s: %s on %s", id, status, date);
	if (!rc)
		zi_cli_info(cli, _("%scomplaint %s: %s on %s\n"),
			    cli->dry_run ? _("dry run: ") : "", id, status, date);
	return rc;
}

static int cmd_complaint_list(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc)
		return rc;
	const char *unit = zi_cli_opt(cli, "unit"), *status = zi_cli_opt(cli, "status");
	if (status && !zi_complaint_status_ok(status))
		return zi_cli_usage(cli, _("--status is diterima, diproses, selesai or ditolak"));
	struct zi_table c;
	if ((rc = zi_records_load(&cli->store, "complaints", NULL, &c, &cli->diag))) {
		zi_table_release(&c);
		return rc;
	}
	size_t *rows = zi_xcalloc(c.n + 1, sizeof(size_t));
	size_t n = zi_complaint_select(&c, unit, status, rows);
	static const int cols[] = {ZI_K_ID,	  ZI_K_RECEIVED, ZI_K_STATUS,
				   ZI_K_RESOLVED, ZI_K_CHANNEL,	 ZI_K_SUMMARY};
	zi_cli_print_rows(cli, &c, rows, n, cols, 6);
	free(rows);
	zi_table_release(&c);
	return 0;
}

/* --- export --- */

/* zi-eval export --lhkan FILE --year Y: the staff on the rosters on --as-of
 * (default the year's last day, or today when that is later), and the LHKPN
 * and LHKASN they filed in the year up to that day (zi_portalrb_lhkan). */
static int export_lhkan(struct zi_cli *cli, const char *file)
{
	int year, rc;
	if (zi_cli_opt(cli, "portalrb"))
		return zi_cli_usage(cli,
				    _("--lhkan and --portalrb are two exports: one at a time"));
	if ((rc = zi_cli_year(cli, &year)))
		return rc;
	int xlsx = cli->format && !strcmp(cli->format, "xlsx");
	if (xlsx && !strcmp(file, "-"))
		return zi_cli_usage(cli,
				    _("--format xlsx writes a workbook: give --lhkan FILE.xlsx"));
	if (!xlsx && (rc = zi_cli_check_format(cli, "text,csv")))
		return rc;
	struct zi_portalrb_lhkan o = {.year = year,
				      .per_unit = zi_cli_flag(cli, "per-unit"),
				      .pic = zi_cli_opt(cli, "pic"),
				      .link = zi_cli_opt(cli, "link"),
				      .note = zi_cli_opt(cli, "note")};
	if ((rc = zi_cli_date(cli, "as-of", o.as_of, 0)))
		return rc;
	if (zi_portalrb_lhkan_as_of(year, o.as_of))
		return zi_cli_usage(cli, _("--as-of %s is not in the year %d"), o.as_of, year);
	struct zi_buf b;
	zi_buf_init(&b);
	rc = zi_portalrb_lhkan(&cli->store, &o, &b, &cli->diag);
	if (!rc)
		rc = zi_cli_put_csv(cli, file, "LHKAN", xlsx, &b);
	if (!rc && strcmp(file, "-"))
		zi_cli_info(cli, _("LHKAN recap of %d on %s written to %s\n"), year, o.as_of, file);
	zi_buf_release(&b);
	return rc;
}

static int cmd_export(struct zi_cli *cli)
{
	const char *dir = zi_cli_opt(cli, "portalrb");
	int year, rc;
	if (zi_cli_opt(cli, "lhkan"))
		return export_lhkan(cli, zi_cli_opt(cli, "lhkan"));
	if (!dir)
		return zi_cli_usage(cli, _("--portalrb DIR or --lhkan FILE is required"));
	if ((rc = zi_cli_year(cli, &year)))
		return rc;
	struct zi_model *m;
	if ((rc = get_model(cli, year, &m)))
		return rc;
	size_t n;
	rc = zi_portalrb_export(&cli->store, m, year, dir, &n, &cli->diag);
	if (!rc)
		zi_cli_info(cli, _("exported %zu proposed units of %d to %s\n"), n, year, dir);
	zi_model_free(m);
	return rc;
}

/* --- the table of subcommands --- */

#define MODEL_OPT                                                                \
	{                                                                        \
		"model", 0, ZI_VALUE, "NAME|FILE",                               \
			N_("the LKE model (default: the year's built-in model)") \
	}
#define YEAR_OPT                                                                    \
	{                                                                           \
		"year", 'y', ZI_VALUE, "YEAR", N_("the evaluation year (required)") \
	}

static const struct zi_opt models_opts[] = {
	{"master", 0, ZI_VALUE, "FILE", N_("check the model against an official PortalRB master")},
	MODEL_OPT,
	{0},
};
static const struct zi_opt template_opts[] = {
	YEAR_OPT,
	MODEL_OPT,
	{"output", 'o', ZI_VALUE, "FILE", N_("write to FILE (a workbook with --format xlsx)")},
	{0},
};
static const struct zi_opt import_opts[] = {
	YEAR_OPT,
	{"layer", 0, ZI_VALUE, "unit|tpi|tpn", N_("whose answers the file holds (default unit)")},
	MODEL_OPT,
	{0},
};
static const struct zi_opt score_opts[] = {
	YEAR_OPT,
	{"layer", 0, ZI_VALUE, "auto|unit|tpi|tpn",
	 N_("whose answers (default: tpi where answered, else unit)")},
	{"explain", 0, ZI_FLAG, NULL, N_("show the derivation of every number down to the answers")},
	{"require", 0, ZI_VALUE, "WBK|WBBM",
	 N_("exit 1 when the predicate's thresholds are not met")},
	{"all", 'a', ZI_FLAG, NULL, N_("score every unit (also when UNIT is omitted)")},
	{"output", 'o', ZI_VALUE, "FILE", N_("write to FILE (for --format xlsx, --csv excel)")},
	MODEL_OPT,
	{0},
};
static const struct zi_opt survey_opts[] = {
	YEAR_OPT,
	{"value", 0, ZI_VALUE, "X", N_("ipak/ipkp: the value an external surveyor measured (0-4)")},
	{"map", 0, ZI_VALUE, "FILE",
	 N_("CSV of column,field pairs (u1..u9, respondent, date) for unusual headers")},
	MODEL_OPT,
	{0},
};
static const struct zi_opt complaint_add_opts[] = {
	{"date", 0, ZI_VALUE, "DATE", N_("the day it was received (required)")},
	{"summary", 0, ZI_VALUE, "TEXT", N_("what it is about (required)")},
	{"channel", 0, ZI_VALUE, "CHANNEL",
	 N_("how it came: SP4N-LAPOR!, kotak saran, WhatsApp...")},
	{"category", 0, ZI_VALUE, "CATEGORY", N_("pungli, pelayanan, gratifikasi...")},
	{0},
};
static const struct zi_opt complaint_resolve_opts[] = {
	{"date", 0, ZI_VALUE, "DATE", N_("the day it was settled (required)")},
	{"ref", 0, ZI_VALUE, "REF", N_("the follow-up letter or report")},
	{"reject", 0, ZI_FLAG, NULL, N_("rejected (ditolak) rather than resolved (selesai)")},
	{0},
};
static const struct zi_opt complaint_list_opts[] = {
	{"unit", 0, ZI_VALUE, "UNIT", N_("only this unit's complaints")},
	{"status", 0, ZI_VALUE, "STATUS", N_("only diterima, diproses, selesai or ditolak")},
	{0},
};
static const struct zi_opt export_opts[] = {
	{"portalrb", 0, ZI_VALUE, "DIR", N_("write the files PortalRB fetches under DIR")},
	{"lhkan", 0, ZI_VALUE, "FILE",
	 N_("write PortalRB's LHKAN recap (CSV) to FILE (- for standard output)")},
	{"as-of", 0, ZI_VALUE, "DATE",
	 N_("with --lhkan: the rosters on this day (default the year's end, or today)")},
	{"per-unit", 0, ZI_FLAG, NULL, N_("with --lhkan: a row per unit before the instansi's")},
	{"pic", 0, ZI_VALUE, "NAME", N_("with --lhkan: the person in charge (PIC column)")},
	{"link", 0, ZI_VALUE, "URL", N_("with --lhkan: the link to the recap (Link Rekap column)")},
	{"note", 0, ZI_VALUE, "TEXT", N_("with --lhkan: a note (Catatan column)")},
	YEAR_OPT,
	MODEL_OPT,
	{0},
};

static const struct zi_subcmd subs[] = {
	{"models", NULL, N_("list the LKE models, or check one against an official master"),
	 models_opts, 0, 0, cmd_models, ZI_NO_STORE},
	{"template", "UNIT --year YEAR",
	 N_("print the LKE worksheet as CSV to fill in a spreadsheet"), template_opts, 1, 1,
	 cmd_template, ZI_CSV_OUT},
	{"import", "UNIT --year YEAR FILE",
	 N_("take a filled worksheet (CSV) or a PortalRB jawaban-unit JSON"), import_opts, 2, 2,
	 cmd_import, ZI_WRITES | ZI_IMPORTS | ZI_OWN_HEADER},
	{"score", "[UNIT] --year YEAR",
	 N_("score a unit (or every unit) and give the WBK/WBBM verdict"), score_opts, 0, 1,
	 cmd_score, ZI_TABLE_OUT},
	{"survey ikm", "UNIT --year YEAR FILE",
	 N_("store IKM responses; the nine element means, SKM, IKM and grade"), survey_opts, 1, 2,
	 cmd_survey_ikm, ZI_WRITES | ZI_READS},
	{"survey ipak", "UNIT --year YEAR FILE|--value X",
	 N_("store IPAK responses (or the surveyor's value); the mean of element means"),
	 survey_opts, 1, 2, cmd_survey_ipak, ZI_WRITES | ZI_READS},
	{"survey ipkp", "UNIT --year YEAR FILE|--value X",
	 N_("store IPKP responses (or the surveyor's value); the mean of element means"),
	 survey_opts, 1, 2, cmd_survey_ipkp, ZI_WRITES | ZI_READS},
	{"complaint add", "UNIT --date DATE --summary TEXT", N_("record a public complaint"),
	 complaint_add_opts, 1, 1, cmd_complaint_add, ZI_WRITES},
	{"complaint resolve", "ID --date DATE", N_("record that a complaint was settled"),
	 complaint_resolve_opts, 1, 1, cmd_complaint_resolve, ZI_WRITES},
	{"complaint list", NULL, N_("list the complaints"), complaint_list_opts, 0, 0,
	 cmd_complaint_list, ZI_TABLE_OUT},
	{"export", "(--portalrb DIR | --lhkan FILE) --year YEAR",
	 N_("write the static files the national PortalRB fetches, or its LHKAN recap"),
	 export_opts, 0, 0, cmd_export, 0},
	{0},
};

int main(int argc, char **argv)
{
	return zi_cli_main(argc, argv, "zi-eval",
			   N_("The LKE self-assessment of PermenPAN-RB 90/2021: worksheets, scores "
			      "with their reasons, WBK/WBBM verdicts, surveys, complaints, and the "
			      "PortalRB export."),
			   subs);
}
