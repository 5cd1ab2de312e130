/* What every command shares: options anywhere on the line, --help on the
 * command and each subcommand, the language, diagnostics and exit codes
 * (lib/cli.c), and the import helpers (lib/cli_import.c, cli_import.h). This
 * is the one place that prints on a command's behalf. */
#ifndef ZI_CLI_H
#define ZI_CLI_H

#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "csvio.h"
#include "diag.h"
#include "store.h"

enum zi_opt_kind { ZI_FLAG, ZI_VALUE, ZI_MULTI };

struct zi_opt {
	const char *name; /* long name without dashes */
	char short_name; /* 0 for none */
	enum zi_opt_kind kind;
	const char *metavar;
	const char *help;
};

struct zi_cli;

struct zi_subcmd {
	const char *name; /* "add", or two words: "staff import" */
	const char *args; /* "ID --name NAME" for the usage line */
	const char *summary;
	const struct zi_opt *opts; /* terminated by a zeroed entry; may be NULL */
	int min_args, max_args; /* positional arguments after the name; -1: any */
	int (*run)(struct zi_cli *cli);
	unsigned flags;
};

/* flags of a subcommand */
#define ZI_WRITES 1u /* takes --dry-run, --commit, --wait */
#define ZI_NO_STORE 2u /* does not need a records directory */
#define ZI_READS 4u /* reads a spreadsheet: takes --delimiter, --encoding */
#define ZI_IMPORTS (8u | ZI_READS) /* imports one: also --map, --reject, --header-row, --strict */
/* prints a table: with --format csv its output is CSV, which zi_cli turns
 * into the Excel dialect (--csv excel) or, with --format xlsx, into a
 * workbook written to -o FILE */
#define ZI_TABLE_OUT 16u
#define ZI_CSV_OUT 32u /* prints CSV whatever --format says (the template) */
#define ZI_OWN_HEADER 64u /* an import with its own header rules: no --header-row, --strict */

struct zi_cli_value {
	const struct zi_opt *opt;
	const char *value;
};

struct zi_cli {
	const char *prog;
	const struct zi_subcmd *sub;
	char **args;
	size_t nargs;
	struct zi_cli_value *vals;
	size_t nvals;
	/* the global options, resolved */
	const char *dir;
	const char *format;
	const char *lang;
	int quiet, diag_json, dry_run, commit;
	double wait;
	struct zi_diag diag;
	struct zi_store store; /* opened (not locked) unless ZI_NO_STORE */
	int store_open;
	FILE *out;
	/* --csv excel (or "csv": "excel" in zi.json): CSV in the Excel dialect */
	int csv_excel;
	/* --format xlsx of a ZI_TABLE_OUT subcommand: it runs with format "csv"
	 * into a buffer that becomes a workbook, unless it writes the workbook
	 * itself (and sets xlsx to 0) */
	int xlsx;
	FILE *real_out;
	char *captured;
	size_t captured_len;
	char *note; /* a last word after the diagnostics (text only); freed by zi_cli_main */
	/* the run's own state, never a static of the library: the language
	 * zi.json names, the progress line of an import */
	char manifest_lang[8];
	struct zi_cli_progress {
		struct timespec start;
		int shown;
	} progress;
};

/* Runs a command: parses argv, sets the language, opens the records directory,
 * calls the subcommand, prints diagnostics, and returns the exit code. */
int zi_cli_main(int argc, char **argv, const char *prog, const char *summary,
		const struct zi_subcmd *subs);

/* The last value given for an option, or NULL. */
const char *zi_cli_opt(const struct zi_cli *cli, const char *name);
int zi_cli_flag(const struct zi_cli *cli, const char *name);
/* Every value of a repeatable option, in order; *n their count. Caller frees
 * the array (not the strings). */
const char **zi_cli_multi(const struct zi_cli *cli, const char *name, size_t *n);

/* Usage error: prints "prog: message" and the usage line; returns ZI_EUSAGE. */
int zi_cli_usage(struct zi_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Checks --format against the formats a subcommand allows ("text,csv,json"). */
int zi_cli_check_format(struct zi_cli *cli, const char *allowed);
/* Parses a date option in any import format into out; usage error otherwise.
 * When the option is not given: required 1 is a usage error, 0 leaves out
 * "", ZI_CLI_TODAY makes it today (--as-of, --date of a recording). */
#define ZI_CLI_TODAY 2
int zi_cli_date(struct zi_cli *cli, const char *name, char out[11], int required);
/* Normalises the value of an option (raw may be NULL) through field f of a
 * schema, as an import would; out always holds a string after success.
 * A bad value is an error naming the field. */
int zi_cli_value(struct zi_cli *cli, const struct zi_schema *s, size_t f, const char *raw,
		 struct zi_buf *out);
/* Writes a CSV file zi hands out (a --reject file) in the dialect asked:
 * canonical, or Excel's (--csv excel). */
int zi_cli_write_csv(struct zi_cli *cli, const char *path, const char *csv, size_t len);
/* Where a workbook goes: -o FILE, else standard output when it is not a
 * terminal (through a temporary file: *tmp set). A terminal is refused with
 * a usage error. The caller frees *path. */
int zi_cli_xlsx_path(struct zi_cli *cli, char **path, int *tmp);
/* After the workbook is written at path: with tmp, copies it to standard
 * output and removes it. */
int zi_cli_xlsx_done(struct zi_cli *cli, const char *path, int tmp, int rc);
/* The map file (CSV of pairs: zi_import_read_map) option opt names, read
 * into *map: NULL when the option is not given or on an error (in the
 * diagnostics). The caller frees it with zi_import_free_map. */
int zi_cli_read_map_opt(struct zi_cli *cli, const char *opt, char ***map);
/* Locks the store, honouring --wait. */
int zi_cli_lock(struct zi_cli *cli);
/* Prints an informational line (not with -q) on stderr. */
void zi_cli_info(struct zi_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* --year YEAR, required: a year from 2000 to 2100; usage error otherwise. */
int zi_cli_year(struct zi_cli *cli, int *year);
/* Commits the change put in the store with a message made as printf does. */
int zi_cli_commit(struct zi_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints a JSON value (indented, as zi_json_dump) on cli->out. */
void zi_cli_print_json(struct zi_cli *cli, json_t *v);
/* Prints what a buffer holds (nothing for a buffer never written) on cli->out. */
void zi_cli_print_buf(struct zi_cli *cli, const struct zi_buf *b);
/* A zi_store_out_fn writing on the command's output (octx: the struct zi_cli),
 * for what the library hands over in pieces. */
int zi_cli_out(void *octx, const void *data, size_t len);
/* A CSV table made for people (b) to file: "-" the command's output, else
 * the file (with xlsx, a workbook of one sheet named sheet). */
int zi_cli_put_csv(struct zi_cli *cli, const char *file, const char *sheet, int xlsx,
		   const struct zi_buf *b);

/* Text output for people: columns aligned by display width. cells is
 * nrows*ncols strings, row-major; headers may be NULL. */
void zi_cli_print_aligned(FILE *out, const char *const *headers, const char *const *cells,
			  size_t nrows, size_t ncols);

/* A table's rows (indexes into t) in cli->format: text shows the columns
 * text_cols with field names as headers, csv and json every field. Then one
 * row as field/value pairs (text), an object (json) or a one-row CSV. */
void zi_cli_print_rows(struct zi_cli *cli, const struct zi_table *t, const size_t *rows, size_t n,
		       const int *text_cols, size_t ntext);
void zi_cli_print_record(struct zi_cli *cli, const struct zi_table *t, size_t r);
/* A JSON array of objects in cli->format: json as it is, text as an aligned
 * table of the members keys[0 .. ncols-1] (strings as they are, numbers
 * written out) under headers. */
void zi_cli_print_objects(struct zi_cli *cli, json_t *a, const char *const *keys,
			  const char *const *headers, size_t ncols);

/* The import helpers (lib/cli_import.c). */
#include "cli_import.h"

#endif
