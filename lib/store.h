/* The records directory: manifest, lock, atomic writes (one file, or several
 * through a journal), the only way in to its files (no symbolic links, no
 * pipes or devices), and the git journal. */
#ifndef ZI_STORE_H
#define ZI_STORE_H

#include <jansson.h>

#include "diag.h"
#include "table.h"

struct zi_pending {
	char *tmp; /* written and synced, not yet in place */
	char *final;
	char *rel;
	int dirfd; /* the directory both are in, reached without links */
};

struct zi_store {
	char *dir;
	int lockfd;
	json_t *manifest; /* zi.json */
	int commit; /* make each change a git commit */
	int dry_run; /* validate everything, write nothing */
	struct zi_pending *pending;
	size_t npending;
	char **written; /* rel of each file the last zi_store_commit put in place */
	size_t nwritten;
	int interrupted; /* a journal of a half-done change is there */
	int told; /* ... and a reader was warned of it */
	int rootfd; /* the directory, opened once (when has_rootfd) */
	int has_rootfd;
};

#define ZI_FORMAT_VERSION 1

/* Creates dir (if needed) with zi.json and a .gitignore for the lock file.
 * Fails with ZI_EDATA when zi.json is already there. */
int zi_store_create(const char *dir, const char *name, const char *code, const char *lang,
		    int commit, struct zi_diag *d);
/* Checks zi.json as read (m): the format version this zi reads, text without
 * control characters, commit a boolean. ZI_EDATA and diagnostics on path. */
int zi_store_check_manifest(const json_t *m, const char *path, struct zi_diag *d);
/* Opens an existing records directory (reads zi.json, checked). */
int zi_store_open(struct zi_store *st, const char *dir, struct zi_diag *d);
/* Drops what was not committed, releases the lock, frees everything. */
void zi_store_close(struct zi_store *st);
/* Takes the exclusive lock, waiting up to wait seconds; ZI_EIO after that.
 * Then completes a change to several files that an interrupted command left
 * half done (a warning "interrupted-completed" says which). */
int zi_store_lock(struct zi_store *st, double wait, struct zi_diag *d);
/* A path inside the directory; the caller frees it. rel is built from slugs. */
char *zi_store_path(const struct zi_store *st, const char *rel);
/* Whether rel is a regular file reached through real directories from the
 * records root (no symbolic link, pipe or device on the way or at the end):
 * 0 yes, 1 missing, ZI_EDATA with a diagnostic "not-regular" naming what is
 * there instead, ZI_EIO with one. Every read of a records file asks this
 * first; writes walk the same way. */
int zi_store_check(const struct zi_store *st, const char *rel, struct zi_diag *d);
int zi_store_check_in(const char *root, const char *rel, struct zi_diag *d);
/* Opens rel for reading after zi_store_check: a descriptor, -1 when missing
 * (no diagnostic), or ZI_EDATA/ZI_EIO with one. */
int zi_store_open_read(const struct zi_store *st, const char *rel, struct zi_diag *d);
/* The bytes of path into b (reset first; NUL-terminated past b->len): 0;
 * 1 when there is no such file and missing_ok; else ZI_EIO with a
 * diagnostic naming name. A plain read of a file, no store checks: check
 * and lib/records.c read records files with it. */
int zi_read_file(const char *path, const char *name, int missing_ok, struct zi_buf *b,
		 struct zi_diag *d);
/* Writes an output (a report, an export) to path whole: a temporary file
 * made by mkostemp (exclusive, unguessable) beside it, synced and renamed
 * over it with the mode of the file it replaces. What is no regular file
 * (/dev/null, a pipe) is written to directly, not replaced. 0 or ZI_EIO. */
int zi_write_output(const char *path, const void *data, size_t len, struct zi_diag *d);
/* Whether path (existing or not; links followed) lies in the records
 * directory: outputs are refused there. */
int zi_store_inside(const struct zi_store *st, const char *path);
/* Loads rel into t (empty when the file is missing). */
int zi_store_load(struct zi_store *st, const char *rel, struct zi_table *t, struct zi_diag *d);
/* Writes a table, or bytes, to a synced temporary file beside rel; nothing is
 * visible until zi_store_commit. The temporary file is made exclusively under
 * a random name and gets the mode and group of the file it replaces; a new
 * file gets the records directory's mode without execute bits. */
int zi_store_put_table(struct zi_store *st, const char *rel, const struct zi_table *t,
		       struct zi_diag *d);
int zi_store_put_bytes(struct zi_store *st, const char *rel, const void *data, size_t len,
		       struct zi_diag *d);
/* Writes rel as zi_store_put_bytes does, from bytes made in pieces: gen calls
 * out(octx, data, len) for each piece in order and returns 0 or what out
 * returned. When the file in place already holds exactly these bytes,
 * nothing is written and *unchanged is set (a file read again costs less
 * than one written and synced). */
typedef int (*zi_store_out_fn)(void *octx, const void *data, size_t len);
typedef int (*zi_store_gen_fn)(void *gctx, zi_store_out_fn out, void *octx);
int zi_store_put_pieces(struct zi_store *st, const char *rel, zi_store_gen_fn gen, void *gctx,
			int *unchanged, struct zi_diag *d);
/* Renames every pending file into place and syncs the directories; then, with
 * commit on, makes one git commit of those files with message (the actor is
 * added). Two files or more: a journal naming them is written and synced
 * first and removed after the last rename, so that a change cut short is
 * completed by zi_store_lock or zi_store_recover; when a rename fails after
 * others were done, the journal stays and the error says so. */
int zi_store_commit(struct zi_store *st, const char *message, struct zi_diag *d);
/* Completes a half-done change (see zi_store_commit) under the lock; *done
 * when there was one. */
int zi_store_recover(struct zi_store *st, int *done, struct zi_diag *d);
/* Commits to git the files the last zi_store_commit wrote, or zi.json and
 * .gitignore when it wrote none (zi-unit init); git init first when the
 * directory is in no repository. The message gets an Actor: line. */
int zi_store_git_commit(struct zi_store *st, const char *message, struct zi_diag *d);
/* git add and git commit of exactly paths (relative to the directory). */
int zi_store_git_commit_paths(struct zi_store *st, const char *message, const char *const *paths,
			      size_t n, struct zi_diag *d);
/* Files under the directory changed since git's HEAD or new and not ignored
 * (zi's lock, journal and temporary files left out): 0 and the list (caller
 * frees each and the array), 1 when the directory is in no repository. */
int zi_store_git_uncommitted(struct zi_store *st, char ***paths, size_t *n);
/* ZI_ACTOR, else git's user.name, else the login name; caller frees. */
char *zi_store_actor(void);
/* Runs git -C DIR ARGS... (args ends with NULL) and puts its whole standard
 * output in out (NUL bytes kept, for -z); its standard error is discarded.
 * Returns git's exit status, -1 when git could not be run. */
int zi_store_git_output(const struct zi_store *st, const char *const *args, struct zi_buf *out);
/* Creates the directories leading to path (not path itself). */
int zi_mkdirs_for(const char *path);

#endif
