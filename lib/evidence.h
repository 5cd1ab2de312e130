/* Evidence files: scanned documents kept in the records directory under a
 * name made from their SHA-256, the checks that keep stored paths inside
 * that directory, and the check of a unit's evidence against its signatures
 * (zi-sign verify). */
#ifndef ZI_EVIDENCE_H
#define ZI_EVIDENCE_H

#include <stddef.h>

#include "diag.h"
#include "store.h"
#include "values.h"

/* SHA-256 (OpenSSL EVP) as 64 lower-case hex digits. The file variant reads in
 * chunks and returns 0, or ZI_EIO with a diagnostic naming path. */
void zi_sha256_mem(const void *data, size_t len, char hex[65]);
int zi_sha256_file(const char *path, char hex[65], struct zi_diag *d);

/* The extension kept on a stored copy: the source name's, lower-cased, letters
 * and digits only, at most 8; "bin" when there is none. */
void zi_evidence_ext(const char *path, char out[9]);

/* Resolves a stored evidence path (relative to dir, or absolute) and checks
 * that it stays inside dir, symbolic links followed. On success *rel is the
 * canonical path relative to dir (caller frees). Fails with err->code
 * "evidence-outside" (the path leaves dir) or "evidence-missing" (inside,
 * but there is no such file). */
int zi_evidence_resolve(const char *dir, const char *stored, char **rel, struct zi_verr *err);

/* Copies file (anywhere) to evidence/UNIT/<sha256>.<ext> through the store's
 * atomic writes (nothing is visible before zi_store_commit; an identical copy
 * already there is left alone). *rel is the stored path (caller frees) and
 * hex its digest. */
int zi_evidence_put(struct zi_store *st, const char *unit, const char *file, char **rel,
		    char hex[65], struct zi_diag *d);

enum zi_evidence_state {
	ZI_EVIDENCE_OK,
	ZI_EVIDENCE_MISSING,
	ZI_EVIDENCE_CHANGED,
	ZI_EVIDENCE_OUTSIDE,
	ZI_EVIDENCE_UNREADABLE,
};

/* Re-hashes a stored evidence file and compares with the recorded digest;
 * actual gets the digest found ("" when none). */
enum zi_evidence_state zi_evidence_verify(const char *dir, const char *stored, const char *sha256,
					  char actual[65]);

/* zi-sign verify for one unit: every evidence file its signatures name,
 * re-hashed against the recorded digest. Adds the files checked to *files
 * and the missing or changed ones to *bad, each with an error naming the
 * signatures file and line; returns 0 or the status of reading the records. */
int zi_evidence_verify_unit(struct zi_store *st, const char *unit, unsigned long *files,
			    unsigned long *bad, struct zi_diag *d);

#endif
