/* zi-report: the monthly report, one unit's file, readiness, the check of the
 * whole records directory, and the merge driver for git. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "merge.h"
#include "checkset.h"
#include "cli.h"
#include "report.h"
#include "site.h"
#include "xlsxout.h"
#include "units.h"

static int cmd_check(struct zi_cli *cli)
{
	int fix = zi_cli_flag(cli, "fix");
	int rc = 0;
	if (fix && (rc = zi_cli_lock(cli)))
		return rc;
	int staged = zi_cli_flag(cli, "staged");
	if (staged && cli->nargs)
		return zi_cli_usage(cli, _("--staged or paths, not both"));
	struct zi_check_scope scope = {0};
	if (staged)
		rc = zi_checkset_staged(&cli->store, &scope, &cli->diag);
	else if (cli->nargs)
		rc = zi_checkset_paths(&cli->store, (const char *const *)cli->args, cli->nargs,
				       &scope, &cli->diag);
	if (rc)
		return rc;
	struct zi_check_result res;
	rc = zi_check_scoped(&cli->store, staged || cli->nargs ? &scope : NULL, fix, &res,
			     &cli->diag);
	zi_checkset_release(&scope);
	if (fix && res.nfixed) {
		char *msg = zi_xasprintf("zi-report check --fix: %zu file(s) rewritten in "
					 "canonical form",
					 res.nfixed);
		int crc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
		if (crc && (!rc || rc == ZI_EDATA))
			rc = crc;
		for (size_t i = 0; i < res.nfixed && !crc; i++)
			fprintf(cli->out, _("%sfixed %s/%s (rewritten in canonical form)\n"),
				cli->dry_run ? _("dry run: ") : "", cli->dir, res.fixed[i]);
	}
	for (size_t i = 0; i < res.ncommitted; i++)
		fprintf(cli->out,
			_("committed %s/%s (left uncommitted by an interrupted command)\n"),
			cli->dir, res.committed[i]);
	for (size_t i = 0; i < res.nremoved; i++)
		fprintf(cli->out, _("%sremoved %s/%s (left by an interrupted write)\n"),
			cli->dry_run ? _("dry run: ") : "", cli->dir, res.removed[i]);
	if (!cli->quiet)
		zi_cli_info(cli, _("%lu files, %lu records checked, %zu problems\n"), res.files,
			    res.rows, cli->diag.errors);
	zi_check_result_release(&res);
	return rc;
}

static int write_file(const char *path, const struct zi_buf *b, struct zi_diag *d)
{
	return zi_write_output(path, b->data ? b->data : "", b->len, d);
}

static int cmd_merge(struct zi_cli *cli)
{
	struct zi_buf out;
	zi_buf_init(&out);
	unsigned long conflicts = 0;
	int rc = zi_merge3(cli->args[0], cli->args[1], cli->args[2], cli->args[3], &out, &conflicts,
			   &cli->diag);
	if (rc == 0 || (rc == ZI_EDATA && conflicts)) {
		int wrc = write_file(cli->args[1], &out, &cli->diag);
		if (wrc)
			rc = wrc;
		else if (conflicts)
			zi_cli_info(cli, _("%s: %lu conflict(s) left between markers\n"),
				    cli->args[3], conflicts);
	}
	zi_buf_release(&out);
	return rc;
}

/* Output goes to -o PATH (written whole, then renamed into place) or stdout. */
static int emit(struct zi_cli *cli, const struct zi_buf *b)
{
	const char *path = zi_cli_opt(cli, "output");
	/* a workbook or Excel's CSV: zi_cli converts the output and writes it */
	if (!path || !strcmp(path, "-") || cli->real_out) {
		if (b->len && fwrite(b->data, 1, b->len, cli->out) != b->len)
			return ZI_EIO;
		return 0;
	}
	/* a report written over units.csv would be a records file lost */
	if (zi_store_inside(&cli->store, path))
		return zi_cli_usage(cli,
				    _("-o %s is inside the records directory %s: write reports "
				      "elsewhere"),
				    path, cli->dir);
	return write_file(path, b, &cli->diag);
}

/* --month YYYY-MM, or the month before today. */
static int month_opt(struct zi_cli *cli, char month[8])
{
	const char *m = zi_cli_opt(cli, "month");
	if (m && zi_report_month_parse(m, month))
		return zi_cli_usage(cli, _("--month must be YYYY-MM, got '%s'"), m);
	if (!m)
		zi_report_default_month(month);
	return 0;
}

static int cmd_monthly(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,md,csv,json,html");
	if (rc)
		return rc;
	char month[8];
	if ((rc = month_opt(cli, month)))
		return rc;
	char signed_on[11];
	if ((rc = zi_cli_date(cli, "signed-on", signed_on, 0)))
		return rc;
	int public = zi_cli_flag(cli, "public"), detail = zi_cli_flag(cli, "detail");
	if (public && detail)
		return zi_cli_usage(cli,
				    _("--public and --detail contradict each other: the public "
				      "edition names nobody"));
	struct zi_report r;
	/* the public edition gathers no name at all */
	rc = zi_report_gather(&cli->store, month, detail, &r, &cli->diag);
	r.public = public;
	if (!rc && *signed_on)
		snprintf(r.signed_on, sizeof(r.signed_on), "%s", signed_on);
	if (!rc && cli->xlsx) {
		/* a workbook: a sheet per table of the report */
		cli->xlsx = 0; /* written here, not from the captured CSV */
		const char *names[8];
		struct zi_buf csv[8];
		size_t n = zi_report_tables(&r, names, csv);
		const char *text[8];
		size_t len[8];
		for (size_t i = 0; i < n; i++) {
			text[i] = csv[i].data ? csv[i].data : "";
			len[i] = csv[i].len;
		}
		char *path;
		int tmp;
		rc = zi_cli_xlsx_path(cli, &path, &tmp);
		if (!rc) {
			rc = zi_xlsx_write_csv(path, names, text, len, n, &cli->diag);
			rc = zi_cli_xlsx_done(cli, path, tmp, rc);
			free(path);
		}
		for (size_t i = 0; i < 8; i++)
			zi_buf_release(&csv[i]);
	} else if (!rc) {
		struct zi_buf b;
		zi_buf_init(&b);
		rc = zi_report_render(&r, cli->format, &b);
		if (!rc)
			rc = emit(cli, &b);
		zi_buf_release(&b);
	}
	zi_report_release(&r);
	return rc;
}

static int cmd_unit(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,md,json");
	if (rc || (rc = zi_unit_id_check(cli->args[0], &cli->diag)))
		return rc;
	struct zi_buf b;
	zi_buf_init(&b);
	rc = zi_report_unit(&cli->store, cli->args[0], cli->format, zi_cli_flag(cli, "public"), &b,
			    &cli->diag);
	if (!rc)
		rc = emit(cli, &b);
	zi_buf_release(&b);
	return rc;
}

static int cmd_readiness(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,md,csv,json");
	if (rc)
		return rc;
	const char *p = zi_cli_opt(cli, "predicate");
	if (p && zi_strcaseeq(p, "wbk"))
		p = "WBK";
	else if (p && zi_strcaseeq(p, "wbbm"))
		p = "WBBM";
	else if (p)
		return zi_cli_usage(cli, _("--predicate must be WBK or WBBM, got '%s'"), p);
	struct zi_buf b;
	zi_buf_init(&b);
	rc = zi_report_readiness(&cli->store, p, cli->format, zi_cli_flag(cli, "public"), &b,
				 &cli->diag);
	if (!rc)
		rc = emit(cli, &b);
	zi_buf_release(&b);
	return rc;
}

/* The public transparency site: a static tree written whole, then renamed
 * over DIR. */
static int cmd_site(struct zi_cli *cli)
{
	char month[8];
	int rc = month_opt(cli, month);
	if (rc)
		return rc;
	if (zi_store_inside(&cli->store, cli->args[0]))
		return zi_cli_usage(cli,
				    _("%s is inside the records directory %s: write the site "
				      "elsewhere"),
				    cli->args[0], cli->dir);
	size_t files = 0;
	rc = zi_site_write(&cli->store, cli->args[0], month, &files, &cli->diag);
	if (!rc && !cli->quiet)
		zi_cli_info(cli, _("%s: the site of %s written (%zu files)\n"), cli->args[0], month,
			    files);
	return rc;
}

static const struct zi_opt site_opts[] = {
	{"month", 0, ZI_VALUE, "YYYY-MM", N_("the month (default: the month before today)")},
	{0},
};

#define PUBLIC_OPT                                                                               \
	{                                                                                        \
		"public", 0, ZI_FLAG, NULL,                                                      \
			N_("the public edition: no NIP, no staff name, no complaint summary or " \
			   "complainant")                                                        \
	}

static const struct zi_opt unit_opts[] = {
	{"output", 'o', ZI_VALUE, "PATH", N_("write to PATH instead of standard output")},
	PUBLIC_OPT,
	{0},
};

static const struct zi_opt readiness_opts[] = {
	{"predicate", 0, ZI_VALUE, "WBK|WBBM",
	 N_("judge every unit for this predicate (default: its target)")},
	{"output", 'o', ZI_VALUE, "PATH", N_("write to PATH instead of standard output")},
	PUBLIC_OPT,
	{0},
};

static const struct zi_opt monthly_opts[] = {
	{"month", 0, ZI_VALUE, "YYYY-MM", N_("the month (default: the month before today)")},
	{"output", 'o', ZI_VALUE, "PATH", N_("write the report to PATH instead of standard output")},
	{"detail", 0, ZI_FLAG, NULL, N_("name everyone still missing a document")},
	{"signed-on", 0, ZI_VALUE, "DATE",
	 N_("the date of the signature (default: the month's last day)")},
	PUBLIC_OPT,
	{0},
};

static const struct zi_opt check_opts[] = {
	{"fix", 0, ZI_FLAG, NULL, N_("rewrite files into canonical form (and nothing else)")},
	{"staged", 0, ZI_FLAG, NULL,
	 N_("check only the records files staged for commit in git and what depends on them")},
	{0},
};

static const struct zi_subcmd subs[] = {
	{"monthly", NULL, N_("the monthly report"), monthly_opts, 0, 0, cmd_monthly, ZI_TABLE_OUT},
	{"unit", "UNIT",
	 N_("one unit's whole file: stages, declarations, coverage, surveys, complaints"),
	 unit_opts, 1, 1, cmd_unit, 0},
	{"readiness", NULL, N_("every unit's readiness for WBK or WBBM, closest first"),
	 readiness_opts, 0, 0, cmd_readiness, ZI_TABLE_OUT},
	{"site", "DIR", N_("the public transparency site of the programme, written whole into DIR"),
	 site_opts, 1, 1, cmd_site, 0},
	{"check", "[PATH...]",
	 N_("check the records directory (PATH..., --staged: only what a change touches)"),
	 check_opts, 0, -1, cmd_check, ZI_WRITES},
	{"merge", "BASE OURS THEIRS PATH",
	 N_("three-way merge of a records file (a git merge driver)"), NULL, 4, 4, cmd_merge,
	 ZI_NO_STORE},
	{0},
};

int main(int argc, char **argv)
{
	return zi_cli_main(argc, argv, "zi-report",
			   N_("Reports on the Zona Integritas programme, and checks of its "
			      "records."),
			   subs);
}
