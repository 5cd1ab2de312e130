/* What the libFuzzer harnesses share: a private scratch directory, writing an
 * input to a file there, and a trap that libFuzzer reports as a crash when a
 * property (not only memory safety) fails. Header-only: each harness is one
 * program (make fuzz). */
#ifndef ZI_FUZZ_H
#define ZI_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* A property that must hold: a failure is a finding, as a crash is. */
#define FZ_ASSERT(c)                                                                             \
	do {                                                                                     \
		if (!(c)) {                                                                      \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #c); \
			abort();                                                                 \
		}                                                                                \
	} while (0)

static char fz_scratch[256];

static int fz_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void fz_cleanup(void)
{
	nftw(fz_scratch, fz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The scratch directory of this process, made at the first call and removed
 * when the process exits (libFuzzer exits through exit()). */
static inline const char *fz_dir(void)
{
	if (!fz_scratch[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(fz_scratch, sizeof(fz_scratch), "%s/zi-fuzz-XXXXXX",
			 base && *base ? base : "/tmp");
		if (!mkdtemp(fz_scratch))
			abort();
		atexit(fz_cleanup);
	}
	return fz_scratch;
}

/* Writes data to name in the scratch directory; returns the path (static
 * per name slot: slot 0..3). */
static inline const char *fz_file(int slot, const char *name, const void *data, size_t len)
{
	static char paths[4][512];
	snprintf(paths[slot], sizeof(paths[slot]), "%s/%s", fz_dir(), name);
	FILE *f = fopen(paths[slot], "wb");
	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0)
		abort();
	return paths[slot];
}

/* A NUL-terminated copy of data (what a command line or a cell can hold). */
static inline char *fz_str(const uint8_t *data, size_t len)
{
	char *s = zi_xmalloc(len + 1);
	memcpy(s, data, len);
	s[len] = 0;
	return s;
}

#endif
