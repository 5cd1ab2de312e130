/* The import helpers of the commands: zi_cli_import runs one import from a
 * spreadsheet into one records file the way every command does it (the
 * options --map, --reject, --header-row, --strict; lock; read; the job's
 * prepare and check hooks; all or nothing, or the bad rows set aside in the
 * --reject file; merge; the job's finish hook; write and commit), and
 * zi_cli_csv_opts turns --delimiter, --encoding and --sheet into reading
 * options with the progress line on a terminal. A job may hook into the
 * reading (its header and row checks) and replace the merge (zi-eval's
 * worksheet goes into the field of the layer imported). The rest of the commands'
 * shared front end is lib/cli.c. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sheet.h"

static void show_progress(void *ctx, unsigned long rows, size_t done, size_t total)
{
	struct zi_cli *cli = ctx;
	struct zi_cli_progress *p = &cli->progress;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double t = (double)(now.tv_sec - p->start.tv_sec) +
		   (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
	/* a fifth of a second: long enough to be felt, short enough not to
	 * flicker; a large file (16 MiB) always shows it, however fast */
	if (done < total && t < 0.2 && total < (16u << 20))
		return;
	if (done >= total && !p->shown)
		return;
	p->shown = 1;
	if (rows)
		rows--; /* the header is not a row for people */
	fputc('\r', stderr);
	fprintf(stderr, _("%lu rows, %.0f rows/s, %3.0f%%"), rows, t > 0 ? (double)rows / t : 0.0,
		total ? 100.0 * (double)done / (double)total : 100.0);
	if (done >= total)
		fputc('\n', stderr);
}

int zi_cli_csv_opts(struct zi_cli *cli, struct zi_csv_opts *o)
{
	memset(o, 0, sizeof(*o));
	const char *d = zi_cli_opt(cli, "delimiter");
	const char *e = zi_cli_opt(cli, "encoding");
	if (d && zi_delimiter_parse(d, &o->delimiter))
		return zi_cli_usage(cli, _("--delimiter must be auto, ',', ';' or tab, got '%s'"),
				    d);
	if (e && zi_encoding_parse(e, &o->encoding))
		return zi_cli_usage(cli,
				    _("--encoding must be auto, utf-8, cp1252 or utf-16, got '%s'"),
				    e);
	o->sheet = zi_cli_opt(cli, "sheet");
	if (!cli->quiet && isatty(2)) {
		clock_gettime(CLOCK_MONOTONIC, &cli->progress.start);
		cli->progress.shown = 0;
		o->progress = show_progress;
		o->progress_ctx = cli;
	}
	return 0;
}

int zi_cli_read_map(struct zi_cli *cli, char ***map)
{
	return zi_cli_read_map_opt(cli, "map", map);
}

/* The reading options of an import from the command line: the spreadsheet's
 * (zi_cli_csv_opts), --reject, --strict, --header-row, and the --map file
 * read into *map (the caller frees it; NULL on an error). */
static int import_opts(struct zi_cli *cli, struct zi_import_opts *o, char ***map)
{
	*map = NULL;
	int rc = zi_cli_csv_opts(cli, &o->csv);
	if (rc)
		return rc;
	o->keep_rejected = zi_cli_opt(cli, "reject") != NULL;
	o->strict = zi_cli_flag(cli, "strict");
	const char *hr = zi_cli_opt(cli, "header-row");
	if (hr) {
		char *e;
		long v = strtol(hr, &e, 10);
		if (e == hr || *e || v < 1)
			return zi_cli_usage(cli, _("--header-row must be a line number from 1, got '%s'"),
					    hr);
		o->header_row = (unsigned long)v;
	}
	if ((rc = zi_cli_read_map(cli, map)))
		return rc;
	o->map = (const char *const *)*map;
	return 0;
}

/* The checks on the rows read (rc: what reading gave): the job's prepare,
 * duplicate keys, the job's check of each good row. They run on the good
 * rows even when others were bad: every problem of the file is reported in
 * one go. Any error stops the import, with a note saying nothing was
 * imported. */
static int import_check(struct zi_cli *cli, struct zi_import_job *job, struct zi_import *im, int rc)
{
	if (im->col_to_field) {
		if (job->prepare)
			job->prepare(job->ctx, im, &cli->diag);
		zi_import_check_duplicates(im, &cli->diag);
		for (size_t r = 0; job->check && r < im->rows.n; r++)
			if (!im->dropped[r])
				job->check(job->ctx, im, r, &cli->diag);
	}
	if (!cli->diag.errors)
		return rc;
	rc = rc ? rc : ZI_EDATA;
	if (rc == ZI_EDATA && im->bad_rows)
		cli->note = zi_xasprintf(_("nothing was imported; rows with problems: %lu (with "
					   "--reject FILE the good rows are imported and the bad "
					   "ones set aside)"),
					 im->bad_rows);
	else if (rc == ZI_EDATA)
		cli->note = zi_xstrdup(_("nothing was imported"));
	return rc;
}

/* The merged records file written and committed, when anything changed. */
static int import_write(struct zi_cli *cli, const struct zi_import_job *job,
			const struct zi_merge_counts *c, int more)
{
	if (!c->added && !c->updated && !more)
		return 0;
	int rc = zi_store_put_table(&cli->store, job->target, &job->existing, &cli->diag);
	if (!rc) {
		char *msg = zi_xasprintf("%s %s %s: %s: added %lu, updated %lu, unchanged %lu",
					 cli->prog, cli->sub->name, job->file, job->target,
					 c->added, c->updated, c->unchanged);
		rc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
	}
	return rc;
}

void zi_cli_import_said(struct zi_cli *cli, unsigned long added, unsigned long updated,
			unsigned long unchanged, unsigned long rejected)
{
	if (!cli->quiet)
		fprintf(cli->out, "%sadded %lu, updated %lu, unchanged %lu, rejected %lu\n",
			cli->dry_run ? "dry run: " : "", added, updated, unchanged, rejected);
}

int zi_cli_import(struct zi_cli *cli, struct zi_import_job *job)
{
	struct zi_import_opts o = {.ignore = job->ignore,
				   .defaults = job->defaults,
				   .presence = job->presence,
				   .pad_short = job->pad_short,
				   .header = job->header,
				   .row = job->row,
				   .ctx = job->ctx};
	char **map;
	int rc = import_opts(cli, &o, &map);
	if (rc)
		return rc;
	if (!o.csv.sheet)
		o.csv.sheet = job->sheet;
	const char *reject = zi_cli_opt(cli, "reject");
	rc = zi_cli_lock(cli);
	if (rc)
		goto out_map;
	rc = zi_store_load(&cli->store, job->target, &job->existing, &cli->diag);
	if (rc)
		goto out_map;
	struct zi_import im;
	zi_import_init(&im, job->schema);
	im.same = &job->existing; /* unchanged rows are not held twice */
	size_t diag_at = cli->diag.n;
	rc = zi_import_read(&im, job->file, &o, &cli->diag);
	if (rc == ZI_EIO || (rc && !im.col_to_field))
		goto out;
	rc = import_check(cli, job, &im, rc);
	if (cli->diag.errors)
		goto out;
	/* by key from here on: the merge is then linear, and finish may use
	 * zi_table_find on im.rows */
	zi_import_sort(&im);
	struct zi_merge_counts c;
	rc = job->merge ? job->merge(job->ctx, &job->existing, &im, &c, &cli->diag)
			: zi_table_merge(&job->existing, &im.rows, im.present, job->file, &c,
					 &cli->diag);
	if (rc)
		goto out;
	int more = 0;
	if (job->finish) {
		more = job->finish(job->ctx, &job->existing, &im, &c, &cli->diag);
		if (more < 0) {
			rc = more;
			goto out;
		}
	}
	rc = import_write(cli, job, &c, more);
	if (rc)
		goto out;
	if (reject && !cli->dry_run) {
		rc = zi_cli_write_csv(cli, reject, im.rejects.data, im.rejects.len);
		if (rc)
			goto out;
	}
	zi_cli_import_said(cli, c.added, c.updated, c.unchanged, im.bad_rows);
out:
	if (im.csv.used_sheet[0]) {
		const char **cols = zi_import_col_fields(&im);
		zi_sheet_name_cells(&cli->diag, diag_at, job->file, im.csv.used_sheet, cols,
				    im.ncols);
		free(cols);
	}
	zi_import_release(&im);
out_map:
	zi_import_free_map(map);
	return rc;
}
