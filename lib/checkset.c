/* Which records files a change touches, so that a check of those alone
 * (zi_check_scoped) reports for them exactly what the whole check reports.
 * What the whole check reads besides a file is what depends on what:
 *   staff/U.csv       signatures/U.csv (each staff signer on that day's roster)
 *   units.csv         every file naming a unit whose row changed against HEAD:
 *                     U's own files (staff, signatures, lke/Y/U.csv,
 *                     surveys/Y/U-ikm.csv) and the directory-wide files with a
 *                     unit column (declarations, stages, complaints)
 *   stages.csv        units.csv (the stage histories join the two)
 *   zi.json           with another model than HEAD's: every LKE answer file
 *                     (the check holds the answers of every year to that model)
 *   the model file    every LKE answer file
 *   evidence/U/...    signatures/U.csv (the rows that name evidence files)
 * The units and rosters read for reference are read by zi_check_scoped. */
#include "checkset.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "csvio.h"
#include "records.h"

/* The directory-wide records files whose rows name units (the foreign keys
 * to units of schemas/complaints.json, declarations.json, stages.json). */
static const char *const unit_referrers[] = {"complaints.csv", "declarations.csv", "stages.csv",
					     NULL};

static void scope_add(struct zi_check_scope *s, const char *rel)
{
	if (!rel)
		return; /* no such file (zi_records_rel of a unit without an id) */
	for (size_t i = 0; i < s->nfiles; i++)
		if (!strcmp(s->files[i], rel))
			return;
	s->files = zi_xrealloc(s->files, (s->nfiles + 1) * sizeof(char *));
	s->files[s->nfiles++] = zi_xstrdup(rel);
}

void zi_checkset_release(struct zi_check_scope *scope)
{
	for (size_t i = 0; i < scope->nfiles; i++)
		free(scope->files[i]);
	free(scope->files);
	scope->files = NULL;
	scope->nfiles = 0;
}

/* Adds DIR/YEAR/NAME for every year directory under DIR that holds one
 * (lke/2026/U.csv); name NULL: every .csv there. */
static void add_per_year(struct zi_store *st, const char *dir, const char *name,
			 struct zi_check_scope *scope)
{
	char *path = zi_store_path(st, dir);
	DIR *dp = opendir(path);
	free(path);
	if (!dp)
		return;
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		char *ydir = zi_xasprintf("%s/%s", dir, de->d_name);
		if (name) {
			char *rel = zi_xasprintf("%s/%s", ydir, name);
			char *full = zi_store_path(st, rel);
			if (access(full, F_OK) == 0)
				scope_add(scope, rel);
			free(full);
			free(rel);
		} else {
			char *full = zi_store_path(st, ydir);
			DIR *yd = opendir(full);
			free(full);
			struct dirent *fe;
			while (yd && (fe = readdir(yd))) {
				size_t len = strlen(fe->d_name);
				if (fe->d_name[0] == '.' || len < 5 ||
				    strcmp(fe->d_name + len - 4, ".csv"))
					continue;
				char *rel = zi_xasprintf("%s/%s", ydir, fe->d_name);
				scope_add(scope, rel);
				free(rel);
			}
			if (yd)
				closedir(yd);
		}
		free(ydir);
	}
	closedir(dp);
}

/* The rows of a CSV text as "KEY\x1fFIELD\x1f..." lines, KEY the value of
 * column key: two such lists sorted show which keys' rows differ. */
struct keyrows {
	const char *key;
	int col; /* -1 before the header, -2 when there is no such column */
	char **v;
	size_t n;
};

static int keyrow(void *ctx, unsigned long line, char **fields, size_t n)
{
	(void)line;
	struct keyrows *k = ctx;
	if (k->col == -1) {
		k->col = -2;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(fields[i], k->key))
				k->col = (int)i;
		return 0;
	}
	if (k->col < 0 || (size_t)k->col >= n)
		return 0;
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, fields[k->col]);
	for (size_t i = 0; i < n; i++) {
		zi_buf_addc(&b, '\x1f');
		zi_buf_adds(&b, fields[i]);
	}
	k->v = zi_xrealloc(k->v, (k->n + 1) * sizeof(char *));
	k->v[k->n++] = b.data;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a CSV text into k; 0, or -1 when it has no column k->key. */
static int keyrows_read(const struct zi_buf *text, struct keyrows *k)
{
	k->col = -1;
	struct zi_csv_opts o = {.delimiter = ',', .encoding = ZI_ENC_UTF8};
	struct zi_diag quiet;
	zi_diag_init(&quiet);
	zi_csv_read_mem(text->data ? text->data : "", text->len, "", &o, keyrow, k, &quiet);
	zi_diag_release(&quiet);
	qsort(k->v, k->n, sizeof(char *), cmp_str);
	return k->col == -2 ? -1 : 0;
}

static void keyrows_release(struct keyrows *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	free(k->v);
}

static void key_of(const char *row, char *out, size_t outsz)
{
	const char *e = strchr(row, '\x1f');
	snprintf(out, outsz, "%.*s", (int)(e ? e - row : (long)strlen(row)), row);
}

/* The file as HEAD has it; 0, or -1 when git has none (no repository, no
 * commit, not in HEAD). */
static int head_version(struct zi_store *st, const char *rel, struct zi_buf *out)
{
	char *spec = zi_xasprintf("HEAD:./%s", rel);
	const char *args[] = {"show", spec, NULL};
	int rc = zi_store_git_output(st, args, out);
	free(spec);
	return rc == 0 ? 0 : -1;
}

/* Every unit whose rows of units.csv differ from HEAD's (added, removed or
 * changed); when the file cannot be compared, every unit in either. Calls
 * fn for each, once. */
static void changed_units(struct zi_store *st, void (*fn)(struct zi_store *, const char *, void *),
			  void *ctx)
{
	struct zi_buf now, old;
	zi_buf_init(&now);
	zi_buf_init(&old);
	char *path = zi_store_path(st, "units.csv");
	FILE *f = fopen(path, "rb");
	free(path);
	if (f) {
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			zi_buf_add(&now, chunk, n);
		fclose(f);
	}
	int have_old = head_version(st, "units.csv", &old) == 0;
	struct keyrows a = {.key = "id"}, b = {.key = "id"};
	int okn = keyrows_read(&now, &a) == 0;
	int oko = have_old && keyrows_read(&old, &b) == 0;
	size_t i = 0, j = 0;
	char last[128] = "", key[128];
	while (i < a.n || j < b.n) {
		/* nothing to compare with: every unit named on either side */
		int c = i >= a.n ? 1 : j >= b.n ? -1 : !okn || !oko ? -1 : strcmp(a.v[i], b.v[j]);
		if (c == 0) {
			i++;
			j++;
			continue;
		}
		key_of(c < 0 ? a.v[i] : b.v[j], key, sizeof(key));
		if (c < 0)
			i++;
		else
			j++;
		if (strcmp(key, last)) {
			fn(st, key, ctx);
			snprintf(last, sizeof(last), "%s", key);
		}
	}
	keyrows_release(&a);
	keyrows_release(&b);
	zi_buf_release(&now);
	zi_buf_release(&old);
}

static void add_unit_files(struct zi_store *st, const char *unit, void *ctx)
{
	struct zi_check_scope *scope = ctx;
	char *rel = zi_records_rel("staff", unit, 0, NULL);
	scope_add(scope, rel);
	free(rel);
	rel = zi_records_rel("signatures", unit, 0, NULL);
	scope_add(scope, rel);
	free(rel);
	rel = zi_xasprintf("%s.csv", unit);
	add_per_year(st, "lke", rel, scope);
	free(rel);
	rel = zi_xasprintf("%s-ikm.csv", unit);
	add_per_year(st, "surveys", rel, scope);
	free(rel);
	for (size_t i = 0; unit_referrers[i]; i++)
		scope_add(scope, unit_referrers[i]);
}

/* The "model" of a zi.json text, or "" (caller frees). */
static char *model_of(const struct zi_buf *b)
{
	json_t *m = b->data ? json_loadb(b->data, b->len, 0, NULL) : NULL;
	const char *v = json_string_value(json_object_get(m, "model"));
	char *r = zi_xstrdup(v ? v : "");
	json_decref(m);
	return r;
}

/* Is rel the model file zi.json names (a path, not a built-in name)? */
static int is_model_file(struct zi_store *st, const char *rel)
{
	const char *mn = json_string_value(json_object_get(st->manifest, "model"));
	if (!mn || (!strchr(mn, '/') && !strstr(mn, ".json")))
		return 0;
	char *path = zi_store_path(st, rel);
	char a[PATH_MAX], b[PATH_MAX];
	int same = realpath(mn, a) && realpath(path, b) && !strcmp(a, b);
	free(path);
	return same;
}

void zi_checkset_expand(struct zi_store *st, const char *const *rel, size_t n,
			struct zi_check_scope *scope)
{
	for (size_t i = 0; i < n; i++) {
		char unit[72] = "", year[8] = "";
		const char *schema = zi_check_schema_for(rel[i], unit, sizeof(unit), year,
							 sizeof(year));
		if (!strcmp(rel[i], "zi.json")) {
			scope_add(scope, rel[i]);
			struct zi_buf old;
			zi_buf_init(&old);
			char *was = head_version(st, "zi.json", &old) == 0 ? model_of(&old) : NULL;
			const char *now = json_string_value(json_object_get(st->manifest, "model"));
			if (!was || strcmp(was, now ? now : ""))
				add_per_year(st, "lke", NULL, scope);
			free(was);
			zi_buf_release(&old);
		} else if (!strncmp(rel[i], "evidence/", 9)) {
			const char *u = rel[i] + 9, *e = strchr(u, '/');
			if (e) {
				char *sig = zi_xasprintf("signatures/%.*s.csv", (int)(e - u), u);
				scope_add(scope, sig);
				free(sig);
			}
		} else if (schema) {
			scope_add(scope, rel[i]);
			if (!strcmp(schema, "staff")) {
				char *sig = zi_records_rel("signatures", unit, 0, NULL);
				scope_add(scope, sig);
				free(sig);
			} else if (!strcmp(schema, "units")) {
				changed_units(st, add_unit_files, scope);
			} else if (!strcmp(schema, "stages")) {
				scope_add(scope, "units.csv");
			}
		} else if (is_model_file(st, rel[i])) {
			add_per_year(st, "lke", NULL, scope);
		}
	}
}

/* Is rel something a check looks at: a records file, zi.json, an evidence
 * file, the model file? */
static int is_checked(struct zi_store *st, const char *rel)
{
	size_t n = strlen(rel);
	if (!strcmp(rel, "zi.json") || !strncmp(rel, "evidence/", 9))
		return 1;
	if (n > 4 && !strcmp(rel + n - 4, ".csv") && !strstr(rel, ".tmp-") &&
	    zi_check_schema_for(rel, NULL, 0, NULL, 0))
		return 1;
	return is_model_file(st, rel);
}

/* path (relative to the working directory or absolute) made absolute with
 * the links of its directories resolved; a path that does not exist (a
 * removed file, maybe in a removed directory) through the longest part of it
 * that does. NULL when what is not resolved holds "." or "..". */
static char *resolve(const char *path)
{
	char cwd[PATH_MAX], full[PATH_MAX];
	if (path[0] != '/' && !getcwd(cwd, sizeof(cwd)))
		return NULL;
	char *abs = path[0] == '/' ? zi_xstrdup(path) : zi_xasprintf("%s/%s", cwd, path);
	char *r = NULL;
	/* the last component is never followed: a link there is reported as
	 * the whole check reports it, not read */
	for (char *cut = strrchr(abs, '/');;) {
		char save = *cut;
		*cut = 0;
		int ok = realpath(cut == abs ? "/" : abs, full) != NULL;
		*cut = save;
		if (ok) {
			for (const char *p = cut; *p;) {
				while (*p == '/')
					p++;
				size_t n = strcspn(p, "/");
				if ((n == 1 && p[0] == '.') ||
				    (n == 2 && p[0] == '.' && p[1] == '.'))
					goto out;
				p += n;
			}
			r = *cut ? zi_xasprintf("%s/%s", full, cut) : zi_xstrdup(full);
			break;
		}
		if (cut == abs)
			break;
		while (cut > abs && *--cut != '/')
			continue;
	}
out:
	free(abs);
	return r;
}

/* path as a path relative to the records directory; NULL when it lies
 * outside (or is the directory itself). */
static char *rel_in_records(struct zi_store *st, const char *path)
{
	char root[PATH_MAX];
	if (!realpath(st->dir, root))
		return NULL;
	char *resolved = resolve(path);
	if (!resolved)
		return NULL;
	/* "//" from a trailing slash of the part that exists */
	for (char *p = resolved; (p = strstr(p, "//"));)
		memmove(p, p + 1, strlen(p));
	size_t rl = strlen(root);
	char *rel = NULL;
	if (!strncmp(resolved, root, rl) && resolved[rl] == '/' && resolved[rl + 1])
		rel = zi_xstrdup(resolved + rl + 1);
	else if (!strcmp(root, "/") && resolved[1])
		rel = zi_xstrdup(resolved + 1);
	free(resolved);
	return rel;
}

int zi_checkset_paths(struct zi_store *st, const char *const *paths, size_t n,
		      struct zi_check_scope *scope, struct zi_diag *d)
{
	memset(scope, 0, sizeof(*scope));
	char **rel = zi_xcalloc(n ? n : 1, sizeof(char *));
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		rel[i] = rel_in_records(st, paths[i]);
		if (!rel[i]) {
			zi_diag_error(d, paths[i], 0, NULL, "not-in-records",
				      _("not a path inside the records directory %s"), st->dir);
			rc = ZI_EUSAGE;
			continue;
		}
		struct stat sb;
		char *full = zi_store_path(st, rel[i]);
		int isdir = stat(full, &sb) == 0 && S_ISDIR(sb.st_mode);
		free(full);
		if (isdir || !is_checked(st, rel[i])) {
			zi_diag_error(d, paths[i], 0, NULL, "not-records",
				      _("not a records file (no record type has files here): "
					"nothing to check"));
			rc = ZI_EUSAGE;
		}
	}
	if (!rc)
		zi_checkset_expand(st, (const char *const *)rel, n, scope);
	for (size_t i = 0; i < n; i++)
		free(rel[i]);
	free(rel);
	return rc;
}

/* Splits git's -z output into the paths a check looks at. */
static size_t split_z(struct zi_store *st, const struct zi_buf *b, char ***out)
{
	size_t n = 0;
	*out = NULL;
	for (size_t i = 0; i < b->len;) {
		const char *p = b->data + i;
		size_t len = strnlen(p, b->len - i);
		if (len && is_checked(st, p)) {
			*out = zi_xrealloc(*out, (n + 1) * sizeof(char *));
			(*out)[n++] = zi_xstrndup(p, len);
		}
		i += len + 1;
	}
	return n;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int zi_checkset_staged(struct zi_store *st, struct zi_check_scope *scope, struct zi_diag *d)
{
	memset(scope, 0, sizeof(*scope));
	struct zi_buf out;
	zi_buf_init(&out);
	/* index against HEAD (against nothing before the first commit), paths
	 * relative to the records directory and inside it */
	const char *staged[] = {"diff",	      "--cached", "--name-only", "-z", "--no-renames",
				"--relative", "--",	  ".",		 NULL};
	if (zi_store_git_output(st, staged, &out) != 0) {
		zi_diag_error(d, st->dir, 0, NULL, "git",
			      _("--staged needs git: the records directory is not in a git work "
				"tree (or git failed)"));
		zi_buf_release(&out);
		return ZI_EUSAGE;
	}
	char **rel;
	size_t n = split_z(st, &out, &rel);
	zi_checkset_expand(st, (const char *const *)rel, n, scope);
	free_list(rel, n);
	/* the working tree is what is checked: say where it is not what is staged */
	const char **unstaged = zi_xcalloc(scope->nfiles + 8, sizeof(char *));
	size_t a = 0;
	const char *head[] = {"diff", "--name-only", "-z", "--no-renames", "--relative", "--"};
	for (size_t i = 0; i < sizeof(head) / sizeof(*head); i++)
		unstaged[a++] = head[i];
	for (size_t i = 0; i < scope->nfiles; i++)
		unstaged[a++] = scope->files[i]; /* only these: git stats no other file */
	if (scope->nfiles && zi_store_git_output(st, unstaged, &out) == 0) {
		n = split_z(st, &out, &rel);
		for (size_t i = 0; i < n; i++) {
			for (size_t j = 0; j < scope->nfiles; j++) {
				if (strcmp(rel[i], scope->files[j]))
					continue;
				char *path = zi_store_path(st, rel[i]);
				zi_diag_warn(d, path, 0, NULL, "unstaged",
					     _("has changes not staged for commit: checked as it "
					       "is "
					       "in the working tree, not as it will be committed"));
				free(path);
			}
		}
		free_list(rel, n);
	}
	free(unstaged);
	zi_buf_release(&out);
	return 0;
}
