/* zi-report: the monthly report, one unit's file, readiness, the check of the
 * whole records directory, and the merge driver for git. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "report.h"

static int cmd_check(struct zi_cli *cli)
{
	int fix = zi_cli_flag(cli, "fix");
	int rc = 0;
	if (fix && (rc = zi_cli_lock(cli)))
		return rc;
	struct zi_check_result res;
	rc = zi_check_records(&cli->store, fix, &res, &cli->diag);
	if (fix && res.nfixed) {
		char *msg = zi_xasprintf("zi-report check --fix: %zu file(s) rewritten in canonical form",
					 res.nfixed);
		int crc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
		if (crc && (!rc || rc == ZI_EDATA))
			rc = crc;
		for (size_t i = 0; i < res.nfixed && !crc; i++)
			fprintf(cli->out, _("%sfixed %s/%s (rewritten in canonical form)\n"),
				cli->dry_run ? _("dry run: ") : "", cli->dir, res.fixed[i]);
	}
	if (!cli->quiet)
		zi_cli_info(cli, _("%lu files, %lu records checked, %zu problems\n"), res.files,
			    res.rows, cli->diag.errors);
	zi_check_result_release(&res);
	return rc;
}

static int write_file(const char *path, const struct zi_buf *b, struct zi_diag *d)
{
	char *tmp = zi_xasprintf("%s.zi-merge-%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	int ok = f && fwrite(b->data ? b->data : "", 1, b->len, f) == b->len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (ok && rename(tmp, path) != 0)
		ok = 0;
	if (!ok) {
		zi_diag_error(d, path, 0, NULL, "io-write", _("cannot write: %s"), strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok ? 0 : ZI_EIO;
}

static int cmd_merge(struct zi_cli *cli)
{
	struct zi_buf out;
	zi_buf_init(&out);
	unsigned long conflicts = 0;
	int rc = zi_check_merge3(cli->args[0], cli->args[1], cli->args[2], cli->args[3], &out,
				 &conflicts, &cli->diag);
	if (rc == 0 || (rc == ZI_EDATA && conflicts)) {
		int wrc = write_file(cli->args[1], &out, &cli->diag);
		if (wrc)
			rc = wrc;
		else if (conflicts)
			zi_cli_info(cli, _("%s: %lu conflict(s) left between markers\n"), cli->args[3],
				    conflicts);
	}
	zi_buf_release(&out);
	return rc;
}

static int cmd_monthly(struct zi_cli *cli)
{
	return zi_cli_usage(cli, "not yet");
}

static const struct zi_opt check_opts[] = {
	{"fix", 0, ZI_FLAG, NULL, N_("rewrite files into canonical form (and nothing else)")},
	{0},
};

static const struct zi_subcmd subs[] = {
	{"monthly", NULL, N_("the monthly report"), NULL, 0, 0, cmd_monthly, 0},
	{"check", NULL, N_("check the whole records directory"), check_opts, 0, 0, cmd_check, ZI_WRITES},
	{"merge", "BASE OURS THEIRS PATH", N_("three-way merge of a records file (a git merge driver)"), NULL, 4, 4, cmd_merge, ZI_NO_STORE},
	{0},
};

int main(int argc, char **argv)
{
	return zi_cli_main(argc, argv, "zi-report",
			   N_("Reports on the Zona Integritas programme, and checks of its records."),
			   subs);
}
