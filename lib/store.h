/* The records directory: manifest, lock, atomic writes, and the git journal. */
#ifndef ZI_STORE_H
#define ZI_STORE_H

#include <jansson.h>

#include "diag.h"
#include "table.h"

struct zi_pending {
	char *tmp;   /* written and synced, not yet in place */
	char *final;
	char *rel;
};

struct zi_store {
	char *dir;
	int lockfd;
	json_t *manifest; /* zi.json */
	int commit;       /* make each change a git commit */
	int dry_run;      /* validate everything, write nothing */
	struct zi_pending *pending;
	size_t npending;
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
/* Takes the exclusive lock, waiting up to wait seconds; ZI_EIO after that. */
int zi_store_lock(struct zi_store *st, double wait, struct zi_diag *d);
/* A path inside the directory; the caller frees it. rel is built from slugs. */
char *zi_store_path(const struct zi_store *st, const char *rel);
/* Loads rel into t (empty when the file is missing). */
int zi_store_load(struct zi_store *st, const char *rel, struct zi_table *t, struct zi_diag *d);
/* Writes a table, or bytes, to a synced temporary file beside rel; nothing is
 * visible until zi_store_commit. */
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
 * commit on, makes one git commit with message (the actor is added). */
int zi_store_commit(struct zi_store *st, const char *message, struct zi_diag *d);
/* Commits everything under the directory to git (git init first when it is
 * in no repository); the message gets an Actor: line. */
int zi_store_git_commit(struct zi_store *st, const char *message, struct zi_diag *d);
/* ZI_ACTOR, else git's user.name, else the login name; caller frees. */
char *zi_store_actor(void);
/* Creates the directories leading to path (not path itself). */
int zi_mkdirs_for(const char *path);

#endif
