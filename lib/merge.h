/* The three-way merge of a records file by primary key, git's merge driver
 * for records (lib/merge.c). */
#ifndef ZI_MERGE_H
#define ZI_MERGE_H

#include "diag.h"
#include "util.h"

/* A three-way merge of one records file by primary key: rows added, changed
 * or removed on one side are taken; a field changed differently on both
 * sides is a conflict. The result, in canonical form, goes to out (a buffer);
 * conflicting rows appear between git's conflict markers and each conflict is
 * an error in d naming the key. path (what git calls the file) chooses the
 * schema. Returns 0, ZI_EDATA on a conflict, ZI_EUSAGE when path is no
 * records file, ZI_EIO when a file cannot be read. *conflicts counts them. */
int zi_merge3(const char *base, const char *ours, const char *theirs, const char *path,
	      struct zi_buf *out, unsigned long *conflicts, struct zi_diag *d);

#endif
