/* The commands' import helpers (lib/cli_import.c): reading options from the
 * command line, and one import job run from the spreadsheet to the commit.
 * Included by cli.h. */
#ifndef ZI_CLI_IMPORT_H
#define ZI_CLI_IMPORT_H

#include "csvio.h"
#include "import.h"

struct zi_cli;

/* Fills CSV reading options from --delimiter and --encoding, with progress. */
int zi_cli_csv_opts(struct zi_cli *cli, struct zi_csv_opts *o);
/* The --map FILE of column,field pairs, when given, into *map (NULL without
 * --map or on an error; the caller frees it with zi_import_free_map). */
int zi_cli_read_map(struct zi_cli *cli, char ***map);

/* One import from a spreadsheet into one records file, the way every command
 * does it: lock, read, check, all or nothing (or --reject), merge, write. */
struct zi_import_job {
	const struct zi_schema *schema;
	const char *file; /* the spreadsheet */
	const char *target; /* the records file, relative to the directory */
	const char *const *ignore;
	const char *const *defaults; /* see struct zi_import_opts */
	const char *const *presence;
	/* Called once after reading, before the duplicate and row checks: fills
	 * the values the command computes (ids, names from a roster). May be NULL. */
	void (*prepare)(void *ctx, struct zi_import *im, struct zi_diag *d);
	/* Checks row r against the records (zi_import_fail on a problem). */
	void (*check)(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d);
	/* After the merge: may change merged and stage other files; returns the
	 * number of further changes, or a negative status. */
	int (*finish)(void *ctx, struct zi_table *merged, struct zi_import *im,
		      struct zi_merge_counts *c, struct zi_diag *d);
	/* Optional hooks into reading (see struct zi_import_opts): the header's
	 * own check, each row's; pad_short: short CSV rows padded. */
	int (*header)(void *ctx, struct zi_import *im, char **fields, size_t n, unsigned long line,
		      struct zi_diag *d);
	int (*row)(void *ctx, unsigned long line, const char **vals, struct zi_buf *scratch,
		   struct zi_verr *err, const char **field);
	int pad_short;
	/* Instead of zi_table_merge (may be NULL): puts the rows read into
	 * existing, a table of another schema, counting in c; 0 or a status. */
	int (*merge)(void *ctx, struct zi_table *existing, struct zi_import *im,
		     struct zi_merge_counts *c, struct zi_diag *d);
	/* The sheet read when --sheet is not given (NULL: the first). */
	const char *sheet;
	void *ctx;
	/* Loaded before the checks, under the lock: the records file as it is. */
	struct zi_table existing;
};

/* Runs the job; job->existing must be zi_table_init'ed with the schema. */
int zi_cli_import(struct zi_cli *cli, struct zi_import_job *job);

/* The one summary line of an import on cli->out ("dry run: " first in a
 * dry run; nothing with --quiet). */
void zi_cli_import_said(struct zi_cli *cli, unsigned long added, unsigned long updated,
			unsigned long unchanged, unsigned long rejected);

#endif
