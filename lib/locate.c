/* Finding the records directory from the working directory upward (git's
 * repository discovery, with zi.json for .git), and the records directory a
 * new one would lie inside. Relative paths are kept relative, so that
 * messages name files as the user would type them. */
#include "locate.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int holds(const char *dir, const char *name)
{
	char *p = zi_xasprintf("%s/%s", dir, name);
	struct stat sb;
	int ok = stat(p, &sb) == 0;
	free(p);
	return ok;
}

/* a and b are the same directory (/ is its own parent) */
static int same_dir(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

char *zi_locate_records(void)
{
	char *dir = zi_xstrdup(".");
	/* the depth bound only guards against a path that keeps growing */
	for (int depth = 0; depth < PATH_MAX / 3; depth++) {
		if (holds(dir, "zi.json"))
			return dir;
		char *rec = depth ? zi_xasprintf("%s/records", dir) : zi_xstrdup("records");
		if (holds(rec, "zi.json")) {
			free(dir);
			return rec;
		}
		free(rec);
		if (holds(dir, ".git"))
			break;
		char *parent = depth ? zi_xasprintf("%s/..", dir) : zi_xstrdup("..");
		if (same_dir(dir, parent)) {
			free(parent);
			break;
		}
		free(dir);
		dir = parent;
	}
	free(dir);
	return NULL;
}

int zi_locate_fail(struct zi_diag *d)
{
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		snprintf(cwd, sizeof(cwd), ".");
	zi_diag_error(d, NULL, 0, NULL, "no-records",
		      _("no records directory in %s or above it (looked for zi.json, then "
			"records/zi.json, in each directory up to / or the top of a git work "
			"tree): run 'zi-unit init' to create ./records, or give -C DIR"),
		      cwd);
	return ZI_EIO;
}

char *zi_locate_enclosing(const char *dir)
{
	/* the nearest part of dir that exists, resolved; dir itself is skipped */
	char *p = zi_xstrdup(dir);
	char abs[PATH_MAX];
	int self = 1;
	while (!realpath(p, abs)) {
		self = 0;
		char *slash = strrchr(p, '/');
		if (!strcmp(p, ".") || !strcmp(p, "/")) {
			free(p);
			return NULL;
		}
		if (!slash) {
			free(p);
			p = zi_xstrdup(".");
		} else {
			slash[slash == p ? 1 : 0] = 0;
		}
	}
	free(p);
	size_t n = strlen(abs);
	if (self) { /* dir exists: start with its parent */
		while (n > 1 && abs[n - 1] != '/')
			n--;
		abs[n > 1 ? n - 1 : 1] = 0;
	}
	for (;;) {
		if (holds(abs, "zi.json"))
			return zi_xstrdup(abs);
		char *slash = strrchr(abs, '/');
		if (!slash || !strcmp(abs, "/"))
			return NULL;
		slash[slash == abs ? 1 : 0] = 0;
	}
}
