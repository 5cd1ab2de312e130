/* Helpers shared by the cmocka unit tests (header-only: the Makefile builds
 * each tests/unit/test_*.c on its own). Include after <cmocka.h>. */
#ifndef ZI_TEST_H
#define ZI_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"
#include "diag.h"
#include "store.h"
#include "util.h"

/* cmocka's assert_string_equal crashes on NULL: check the pointer first. */
#define assert_str(a, b)                               \
	do {                                           \
		const char *zt_a_ = (a), *zt_b_ = (b); \
		assert_non_null(zt_a_);                \
		assert_non_null(zt_b_);                \
		assert_string_equal(zt_a_, zt_b_);     \
	} while (0)

/* ---- table-driven cases ---- */

/* Assertions in a loop over a table of cases. When one fails it first names
 * the case (a printf format with its arguments), then cmocka shows the values
 * and the line as usual; each still counts as the one assertion it wraps. */
#define zt_case_fail_(...) (print_error("case: " __VA_ARGS__), print_error("\n"))

#define zt_case_int(a, b, ...)                                           \
	do {                                                             \
		intmax_t zt_ca_ = (intmax_t)(a), zt_cb_ = (intmax_t)(b); \
		if (zt_ca_ != zt_cb_)                                    \
			zt_case_fail_(__VA_ARGS__);                      \
		assert_int_equal(zt_ca_, zt_cb_);                        \
	} while (0)

#define zt_case_str(a, b, ...)                                    \
	do {                                                      \
		const char *zt_ca_ = (a), *zt_cb_ = (b);          \
		if (!zt_ca_ || !zt_cb_ || strcmp(zt_ca_, zt_cb_)) \
			zt_case_fail_(__VA_ARGS__);               \
		assert_str(zt_ca_, zt_cb_);                       \
	} while (0)

#define zt_case_true(cond, ...)                               \
	do {                                                  \
		int zt_ok_ = !!(cond);                        \
		if (!zt_ok_)                                  \
			zt_case_fail_(__VA_ARGS__);           \
		if (!zt_ok_)                                  \
			print_error("not true: %s\n", #cond); \
		assert_true(zt_ok_);                          \
	} while (0)

/* ---- temporary directories ---- */

static int zt_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void zt_rmtree(const char *dir)
{
	nftw(dir, zt_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A fresh directory under $TMPDIR (or /tmp); the caller frees the name and
 * removes the tree with zt_rmtree. */
static inline char *zt_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *t = zi_xasprintf("%s/zi-unit-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(t)) {
		fprintf(stderr, "mkdtemp %s: %s\n", t, strerror(errno));
		abort();
	}
	return t;
}

static inline void zt_write(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static inline void zt_writes(const char *path, const char *text)
{
	zt_write(path, text, strlen(text));
}

/* A file in a fresh temporary directory of its own. */
struct zt_tmpfile {
	char *dir, *path;
};

/* The file name in a new directory, with text in it unless text is NULL;
 * zt_tmpfile_free removes the directory and frees the names. */
static inline struct zt_tmpfile zt_tmpfile_new(const char *name, const char *text)
{
	struct zt_tmpfile t = {zt_tmpdir(), NULL};
	t.path = zi_xasprintf("%s/%s", t.dir, name);
	if (text)
		zt_writes(t.path, text);
	return t;
}

static inline void zt_tmpfile_free(struct zt_tmpfile *t)
{
	zt_rmtree(t->dir);
	free(t->path);
	free(t->dir);
}

/* text written to dir/rel, the directories on the way made */
static inline void zt_put(const char *dir, const char *rel, const char *text)
{
	char *p = zi_xasprintf("%s/%s", dir, rel);
	zi_mkdirs_for(p);
	zt_writes(p, text);
	free(p);
}

/* The whole file, NUL-terminated; NULL when it cannot be read. */
static inline char *zt_read(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct zi_buf b;
	zi_buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		zi_buf_add(&b, chunk, n);
	fclose(f);
	if (!b.data)
		b.data = zi_xstrdup("");
	if (lenp)
		*lenp = b.len;
	return b.data;
}

static inline int zt_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* ---- rows read by csvio ---- */

struct zt_row {
	unsigned long line;
	size_t n;
	char **f;
};

struct zt_rows {
	struct zt_row *v;
	size_t n, cap;
};

static inline int zt_collect(void *ctx, unsigned long line, char **fields, size_t n)
{
	struct zt_rows *r = ctx;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->v = zi_xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	struct zt_row *row = &r->v[r->n++];
	row->line = line;
	row->n = n;
	row->f = zi_xcalloc(n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		row->f[i] = zi_xstrdup(fields[i]);
	return 0;
}

static inline void zt_rows_free(struct zt_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t j = 0; j < r->v[i].n; j++)
			free(r->v[i].f[j]);
		free(r->v[i].f);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Asserts one row: its first line and its fields (NULL-terminated list). */
#define zt_assert_row(rows, i, ln, ...)                                    \
	do {                                                               \
		const char *zt_exp_[] = {__VA_ARGS__, NULL};               \
		size_t zt_ne_ = 0;                                         \
		while (zt_exp_[zt_ne_])                                    \
			zt_ne_++;                                          \
		assert_true((size_t)(i) < (rows)->n);                      \
		assert_int_equal((rows)->v[i].line, (ln));                 \
		assert_int_equal((rows)->v[i].n, zt_ne_);                  \
		for (size_t zt_k_ = 0; zt_k_ < zt_ne_; zt_k_++)            \
			assert_str((rows)->v[i].f[zt_k_], zt_exp_[zt_k_]); \
	} while (0)

/* ---- diagnostics ---- */

/* The first entry with this code (and line, unless line is 0), or NULL. */
static inline const struct zi_diag_entry *zt_diag_find(const struct zi_diag *d, const char *code,
						       unsigned long line)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].code && !strcmp(d->v[i].code, code) && (!line || d->v[i].line == line))
			return &d->v[i];
	return NULL;
}

static inline size_t zt_diag_count(const struct zi_diag *d, const char *code)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].code && !strcmp(d->v[i].code, code))
			n++;
	return n;
}

/* Prints the diagnostics: called before an assertion fails, to show why. */
static inline void zt_diag_dump(const struct zi_diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "  diag: %s:%lu: %s [%s] %s\n", d->v[i].file ? d->v[i].file : "-",
			d->v[i].line, d->v[i].field ? d->v[i].field : "-",
			d->v[i].code ? d->v[i].code : "-", d->v[i].message);
}

/* ---- a records directory ---- */

/* The header lines of the records files the fixtures write most. */
#define ZT_UNITS_HEADER                                                              \
	"id,name,short_name,parent,kind,target,afirmasi,stage,stage_date,predicate," \
	"predicate_date,predicate_ref,retired\n"
#define ZT_STAGES_HEADER "unit,date,stage,ref,note,predicate\n"
#define ZT_STAFF_HEADER "nip,name,position,grade,category,lhkpn,start,end\n"
#define ZT_SIGNATURES_HEADER "nip,doc,date,name,position,role,witness,evidence,sha256,conflict\n"

/* A file of a fixture: its path below the records directory, its text. */
struct zt_file {
	const char *rel, *text;
};

#define ZT_NFILES(files) (sizeof(files) / sizeof(*(files)))

static inline void zt_put_files(const char *dir, const struct zt_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		zt_put(dir, files[i].rel, files[i].text);
}

/* A records directory as zi-unit init makes it (title "T", code 0000,
 * English) with the n files written into it: TOP/records, TOP a fresh
 * temporary directory by its real path, put in *top. Give both names to
 * zt_records_free. d shows what went wrong when the directory cannot be made. */
static inline char *zt_records(char **top, const struct zt_file *files, size_t n, struct zi_diag *d)
{
	char *tmp = zt_tmpdir();
	char buf[PATH_MAX];
	assert_non_null(realpath(tmp, buf));
	free(tmp);
	*top = zi_xstrdup(buf);
	char *dir = zi_xasprintf("%s/records", buf);
	int rc = zi_store_create(dir, "T", "0000", "en", 0, d);
	if (rc)
		zt_diag_dump(d);
	assert_int_equal(rc, 0);
	zt_put_files(dir, files, n);
	return dir;
}

/* The smallest records directory zi_store_open takes (a zi.json of format 1,
 * nothing else) in a fresh temporary directory, to zt_put files into;
 * zt_rmtree and free it. */
static inline char *zt_bare_records(void)
{
	char *dir = zt_tmpdir();
	zt_put(dir, "zi.json", "{\"format\": 1}\n");
	return dir;
}

/* Removes what zt_records made and frees both names. */
static inline void zt_records_free(char *top, char *dir)
{
	zt_rmtree(top);
	free(top);
	free(dir);
}

/* The fixture of most tests over records: a records directory made by
 * zt_records from files, its store open (and locked when lock), a diag list. */
struct zt_fx {
	char *top, *dir;
	struct zi_store st;
	struct zi_diag d;
};

static inline struct zt_fx *zt_fx_new(const struct zt_file *files, size_t n, int lock)
{
	struct zt_fx *f = zi_xcalloc(1, sizeof(*f));
	zi_diag_init(&f->d);
	f->dir = zt_records(&f->top, files, n, &f->d);
	assert_int_equal(zi_store_open(&f->st, f->dir, &f->d), 0);
	if (lock)
		assert_int_equal(zi_store_lock(&f->st, 0, &f->d), 0);
	return f;
}

static inline void zt_fx_free(struct zt_fx *f)
{
	zi_store_close(&f->st);
	zi_diag_release(&f->d);
	zt_records_free(f->top, f->dir);
	free(f);
}

/* ---- locating the repository and its test corpora ---- */

/* Is dir the repository root (it has lib/csvio.h)? */
static inline int zt_is_root(const char *dir)
{
	char *p = zi_xasprintf("%s/lib/csvio.h", dir);
	int ok = zt_exists(p);
	free(p);
	return ok;
}

/* Walks up from start to the repository root; NULL when none. */
static inline char *zt_root_from(const char *start)
{
	char buf[PATH_MAX];
	if (!realpath(start, buf))
		return NULL;
	for (;;) {
		if (zt_is_root(buf))
			return zi_xstrdup(buf);
		char *slash = strrchr(buf, '/');
		if (!slash || slash == buf)
			return NULL;
		*slash = 0;
	}
}

/* The repository root: from the test binary (built in the tree it tests),
 * else from the working directory. */
static inline char *zt_repo_root(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		char *r = zt_root_from(exe);
		if (r)
			return r;
	}
	return zt_root_from(".");
}

/* A file or directory of tests/corpora/ (third-party test data kept in the
 * tree: the tests read nothing outside the checkout). The caller frees. */
static inline char *zt_corpus(const char *rel)
{
	char *root = zt_repo_root();
	char *p = zi_xasprintf("%s/tests/corpora/%s", root ? root : ".", rel);
	free(root);
	return p;
}

#endif
