/* Where the records directory is when neither -C nor ZI_RECORDS says: found
 * the way git finds its repository, from the working directory upward. */
#ifndef ZI_LOCATE_H
#define ZI_LOCATE_H

#include "diag.h"
#include "util.h"

/* From the working directory up, at each directory DIR: DIR itself when it
 * holds zi.json, else DIR/records when that does. The search ends after /,
 * or after the top of a git work tree (a directory holding .git), so that it
 * never leaves the repository it started in. Returns the path relative to
 * the working directory (".", "records", "../..", "../records"), or NULL when
 * there is none; the caller frees. */
char *zi_locate_records(void);

/* The no-records error of a search that found nothing, naming where it
 * looked; returns ZI_EIO. */
int zi_locate_fail(struct zi_diag *d);

/* The records directory that dir (which need not exist yet) would lie inside,
 * dir itself not counted: the nearest directory above it holding zi.json, as
 * an absolute path, or NULL. The caller frees. */
char *zi_locate_enclosing(const char *dir);

#endif
