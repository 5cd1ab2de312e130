/* The whole records directory checked against its schemas (lib/check.c).
 * The merge driver git calls is lib/merge.c (merge.h). */
#ifndef ZI_CHECK_H
#define ZI_CHECK_H

#include "diag.h"
#include "schema.h"
#include "store.h"

/* Which schema governs a records file, found from the "path" patterns of the
 * built-in schemas ("staff/{unit}.csv"). rel may carry leading directories
 * (a path in a git repository): the longest matching tail wins. Returns the
 * schema name (static, NULL when no schema matches) and copies the {unit} and
 * {year} parts into unit and year (empty when the pattern has none). */
const char *zi_check_schema_for(const char *rel, char *unit, size_t unitsz, char *year,
				size_t yearsz);

struct zi_check_result {
	unsigned long files; /* records files checked */
	unsigned long rows; /* data rows read */
	char **fixed; /* relative paths rewritten by --fix, owned */
	size_t nfixed;
	char **removed; /* temporary files of interrupted writes --fix removed */
	size_t nremoved;
	char **committed; /* files an interrupted --commit left, committed by --fix */
	size_t ncommitted;
};

void zi_check_result_release(struct zi_check_result *r);

/* Checks every file of the records directory st: each against its schema
 * (columns, types, constraints), keys unique, references (foreign keys of the
 * schemas, a file's {unit} in units.csv, a staff signature's signer on the
 * roster that day), canonical form byte for byte, evidence files. Reads one
 * file at a time. With fix, files whose only problem is their form are
 * rewritten in canonical form through the store (the caller holds the lock
 * and commits), and the temporary files of interrupted writes are removed
 * (with the lock held, no write is under way); problems that remain are in d.
 * Anything in the directory that is not a regular file or a real directory
 * (a symbolic link, a pipe, a device) is an error "not-regular" and is never
 * read; a half-done change to several files is an error (zi_store_lock, which
 * --fix takes, completes it); with commits on, files changed since git's last
 * commit are a warning, and --fix commits them. Returns 0, ZI_EDATA when any
 * problem remains, ZI_EIO when a file cannot be read. */
int zi_check_records(struct zi_store *st, int fix, struct zi_check_result *res, struct zi_diag *d);

/* Some files of the records directory, relative paths ("staff/dpkp.csv",
 * "zi.json"): what lib/checkset.c finds a change touches. */
struct zi_check_scope {
	char **files;
	size_t nfiles;
};

/* Checks the files of scope (those that exist; NULL: every file) exactly as
 * zi_check_records checks them, reading also what they refer to (units.csv,
 * a signatures file's roster) without reporting its problems. The stage
 * histories are checked when units.csv or stages.csv is in the scope; files
 * left uncommitted are not looked for (a scope is a change to commit). */
int zi_check_scoped(struct zi_store *st, const struct zi_check_scope *scope, int fix,
		    struct zi_check_result *res, struct zi_diag *d);

#endif
