/* Which records files a change touches: the files changed and what depends
 * on them, for a check of only those (zi-report check PATH... and --staged). */
#ifndef ZI_CHECKSET_H
#define ZI_CHECKSET_H

#include "check.h"

/* The scope of a change to paths (as given on a command line: relative to the
 * working directory, or absolute). Every path must lie inside the records
 * directory and be a records file, zi.json, an evidence file or the model
 * file zi.json names; a path that does not exist is a removed file (what
 * depended on it is checked). ZI_EUSAGE naming the path otherwise. */
int zi_checkset_paths(struct zi_store *st, const char *const *paths, size_t n,
		      struct zi_check_scope *scope, struct zi_diag *d);

/* The scope of the changes staged in git's index (git diff --cached against
 * HEAD), paths of the records directory only; other paths are ignored. The
 * files are checked as they are in the working tree: a staged file with
 * changes not staged is a warning. ZI_EUSAGE outside a git work tree. */
int zi_checkset_staged(struct zi_store *st, struct zi_check_scope *scope, struct zi_diag *d);

/* Adds what the changed files rel[0..n) touch to scope (no duplicates): a
 * roster, its unit's signatures; units.csv, every file that names a unit
 * whose row differs from HEAD's units.csv; stages.csv, units.csv (the stage
 * histories join them); zi.json with another model, or the model file, every
 * LKE answer file; an evidence file, the signatures of its unit. */
void zi_checkset_expand(struct zi_store *st, const char *const *rel, size_t n,
			struct zi_check_scope *scope);

void zi_checkset_release(struct zi_check_scope *scope);

#endif
