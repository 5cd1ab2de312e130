/* The records layout and its one reader (see records.h): paths of the
 * record types from their schemas' "path" patterns, and reading records
 * files through csvio (libcsv), a header of field names first. */
#include "records.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"

/* Path patterns: every built-in schema with a "path" names the files it
 * governs (zi_schema_builtin walks them in the order of the files, the
 * order in which they are tried). */

struct captures {
	const char *unit, *year;
	size_t unitlen, yearlen;
};

static int slug_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Matches s against a pattern whose {name} parts stand for a slug ({unit}),
 * four digits ({year}), the text after '=' ({kind=ikm}: the schema's files
 * are those of that kind), or any text without a slash; backtracks so that
 * "{unit}-{kind}.csv" splits at the last dash that works. */
static int pat_match(const char *p, const char *s, struct captures *c)
{
	while (*p && *p != '{') {
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (!*p)
		return *s == 0;
	const char *close = strchr(p, '}');
	if (!close)
		return 0;
	size_t nlen = (size_t)(close - p - 1);
	const char *name = p + 1;
	const char *eq = memchr(name, '=', nlen);
	if (eq) {
		size_t vlen = (size_t)(close - eq - 1);
		return !strncmp(s, eq + 1, vlen) && pat_match(close + 1, s + vlen, c);
	}
	int is_unit = nlen == 4 && !strncmp(name, "unit", 4);
	int is_year = nlen == 4 && !strncmp(name, "year", 4);
	size_t max = 0;
	while (s[max] && s[max] != '/' && (!is_unit || slug_char(s[max])) &&
	       (!is_year || (s[max] >= '0' && s[max] <= '9')))
		max++;
	for (size_t n = max; n >= 1; n--) {
		if (is_year && n != 4)
			continue;
		if (is_unit && (s[0] == '-' || n > 64))
			continue;
		if (pat_match(close + 1, s + n, c)) {
			if (is_unit) {
				c->unit = s;
				c->unitlen = n;
			} else if (is_year) {
				c->year = s;
				c->yearlen = n;
			}
			return 1;
		}
	}
	return 0;
}

const char *zi_records_type_of(const char *rel, char *unit, size_t unitsz, char *year, size_t yearsz)
{
	for (const char *tail = rel; tail; tail = strchr(tail, '/') ? strchr(tail, '/') + 1 : NULL) {
		for (size_t i = 0, n = zi_schema_builtin_count(); i < n; i++) {
			struct zi_diag quiet; /* the built-in schemas are tested valid */
			zi_diag_init(&quiet);
			const struct zi_schema *s = zi_schema_builtin(i, &quiet);
			zi_diag_release(&quiet);
			struct captures c = {0};
			if (!s || !*s->path || !pat_match(s->path, tail, &c))
				continue;
			if (unit)
				snprintf(unit, unitsz, "%.*s", (int)c.unitlen, c.unit ? c.unit : "");
			if (year)
				snprintf(year, yearsz, "%.*s", (int)c.yearlen, c.year ? c.year : "");
			return s->name;
		}
	}
	return NULL;
}

/* The {name} part at p (p at its '{'): appends what it stands for to b and
 * returns its length in the pattern, or 0 when the part is not given. */
static size_t fill_part(const char *p, const char *unit, int year, const char *kind,
			struct zi_buf *b)
{
	const char *close = strchr(p, '}');
	if (!close)
		return 0;
	size_t len = (size_t)(close - p + 1);
	if (!strncmp(p, "{unit}", len)) {
		if (!unit || !*unit)
			return 0;
		zi_buf_adds(b, unit);
	} else if (!strncmp(p, "{year}", len)) {
		if (year <= 0)
			return 0;
		zi_buf_printf(b, "%d", year);
	} else if (!strncmp(p, "{kind", 5) && (p[5] == '}' || p[5] == '=')) {
		/* a kind is a slug: never a directory of its own */
		if (kind && (!*kind || strchr(kind, '/')))
			return 0;
		if (kind)
			zi_buf_adds(b, kind);
		else if (p[5] == '=')
			zi_buf_add(b, p + 6, (size_t)(close - p - 6));
		else
			return 0;
	} else {
		return 0;
	}
	return len;
}

char *zi_records_rel_kind(const char *type, const char *unit, int year, const char *kind,
			  struct zi_diag *d)
{
	struct zi_diag quiet;
	zi_diag_init(&quiet);
	const struct zi_schema *s = zi_schema_get(type, d ? d : &quiet);
	zi_diag_release(&quiet);
	if (!s)
		return NULL;
	struct zi_buf b;
	zi_buf_init(&b);
	const char *p = s->path;
	int ok = *p != 0, kinds = 0;
	while (ok && *p) {
		if (*p == '{') {
			kinds += !strncmp(p, "{kind", 5);
			size_t len = fill_part(p, unit, year, kind, &b);
			ok = len > 0;
			p += len;
		} else {
			zi_buf_addc(&b, *p++);
		}
	}
	if (kind && !kinds)
		ok = 0; /* a kind asked of a type that has none */
	if (!ok) {
		if (d)
			zi_diag_error(d, NULL, 0, NULL, "internal",
				      _("no file of record type '%s' for unit '%s', year %d (path "
					"'%s')"),
				      type, unit ? unit : "", year, s->path);
		zi_buf_release(&b);
		return NULL;
	}
	zi_buf_addc(&b, 0); /* a buffer never written has no data */
	char *rel = zi_xstrdup(b.data);
	zi_buf_release(&b);
	return rel;
}

char *zi_records_rel(const char *type, const char *unit, int year, struct zi_diag *d)
{
	return zi_records_rel_kind(type, unit, year, NULL, d);
}

int zi_records_load_year(struct zi_store *st, const char *type, const char *unit, int year,
			 struct zi_table *t, struct zi_diag *d)
{
	const struct zi_schema *s = zi_schema_get(type, d);
	char *rel = s ? zi_records_rel(type, unit, year, d) : NULL;
	zi_table_init(t, s);
	if (!rel)
		return ZI_EINTERNAL;
	int rc = zi_store_load(st, rel, t, d);
	free(rel);
	return rc;
}

int zi_records_load(struct zi_store *st, const char *type, const char *unit, struct zi_table *t,
		    struct zi_diag *d)
{
	return zi_records_load_year(st, type, unit, 0, t, d);
}

/* Reading records files. Every byte goes through csvio (libcsv): the row
 * callbacks below keep only what their caller needs. */

/* What the header of a records file says, and what a reader does with each
 * record after it. */
struct rec_read {
	const struct zi_schema *s;
	const char *name;
	struct zi_diag *d;
	const unsigned char *keep; /* NULL: every field */
	int *field_of; /* column -> schema field, -1 unknown, -2 not kept */
	int *col_of; /* schema field -> column, -1 absent */
	size_t ncols;
	int seen_header, bad;
	void (*row)(struct rec_read *r, unsigned long line, char **fields);
	void *ctx;
};

int zi_records_header(const struct zi_schema *s, char **cols, size_t n, int *field_of, int *col_of,
		      const char *name, unsigned long line, struct zi_diag *d)
{
	int bad = 0;
	for (size_t f = 0; col_of && f < s->nfields; f++)
		col_of[f] = -1;
	for (size_t i = 0; i < n; i++) {
		int f = zi_schema_field(s, cols[i]);
		field_of[i] = f;
		if (f < 0) {
			zi_diag_error(d, name, line, cols[i], "column-unknown",
				      _("unknown column in a records file"));
			bad = 1;
		} else if (col_of) {
			col_of[f] = (int)i;
		}
	}
	return bad ? ZI_EDATA : 0;
}

static int rec_row(void *ctx, unsigned long line, char **fields, size_t n)
{
	struct rec_read *r = ctx;
	if (!r->seen_header) {
		r->seen_header = 1;
		r->ncols = n;
		r->field_of = zi_xmalloc((n ? n : 1) * sizeof(int));
		r->col_of = zi_xmalloc((r->s->nfields ? r->s->nfields : 1) * sizeof(int));
		if (zi_records_header(r->s, fields, n, r->field_of, r->col_of, r->name, line, r->d))
			r->bad = 1;
		for (size_t i = 0; r->keep && i < n; i++)
			if (r->field_of[i] >= 0 && !r->keep[r->field_of[i]]) {
				r->col_of[r->field_of[i]] = -1;
				r->field_of[i] = -2;
			}
		return 0;
	}
	if (n != r->ncols) {
		zi_diag_error(r->d, r->name, line, NULL, "row-width",
			      _("%zu fields, the header has %zu"), n, r->ncols);
		r->bad = 1;
		return 0;
	}
	/* after a problem, only the diagnostics of the rest are of use */
	if (!r->bad)
		r->row(r, line, fields);
	return 0;
}

/* Reads path into r->row; a missing file has no rows. With raw, the file's
 * bytes are read into it and csvio parses them from memory: zi-sign status
 * reads thousands of small files from several threads, and csvio maps each
 * file it opens, which then costs more than the parsing (every map and unmap
 * flushes the other threads' TLBs). Returns 0, ZI_EDATA (with diagnostics)
 * or ZI_EIO. */
static int rec_read_file(struct rec_read *r, const char *path, struct zi_buf *raw)
{
	/* trim: the writer quotes a value that begins or ends with a space */
	struct zi_csv_opts o = {.delimiter = ',', .encoding = ZI_ENC_UTF8, .records = 1, .trim = 1};
	int rc;
	if (raw) {
		rc = zi_read_file(path, r->name, 1, raw, r->d);
		if (rc)
			return rc > 0 ? 0 : rc;
		rc = zi_csv_read_mem(raw->data ? raw->data : "", raw->len, r->name, &o, rec_row, r,
				     r->d);
	} else {
		if (access(path, F_OK) != 0 && errno == ENOENT)
			return 0;
		rc = zi_csv_read(path, r->name, &o, rec_row, r, r->d);
	}
	free(r->field_of);
	free(r->col_of);
	r->field_of = r->col_of = NULL;
	if (rc == 0 && r->bad)
		rc = ZI_EDATA;
	return rc;
}

struct table_load {
	struct zi_table *t;
	const char **vals;
};

/* A record's values in schema order into vals: "" for a field the file
 * lacks or that is not kept. */
static void values_of(const struct rec_read *r, char **fields, const char **vals)
{
	for (size_t f = 0; f < r->s->nfields; f++)
		vals[f] = "";
	for (size_t i = 0; i < r->ncols; i++)
		if (r->field_of[i] >= 0)
			vals[r->field_of[i]] = fields[i];
}

static void table_row(struct rec_read *r, unsigned long line, char **fields)
{
	struct table_load *tl = r->ctx;
	values_of(r, fields, tl->vals);
	zi_table_add(tl->t, tl->vals, line);
}

int zi_records_read(struct zi_table *t, const char *path, const char *name, struct zi_diag *d)
{
	return zi_records_read_fields(t, path, name, NULL, d);
}

int zi_records_read_fields(struct zi_table *t, const char *path, const char *name,
			   const unsigned char *keep, struct zi_diag *d)
{
	struct table_load tl = {t, zi_xcalloc(t->schema->nfields + 1, sizeof(char *))};
	struct rec_read r = {.s = t->schema,
			     .name = name ? name : path,
			     .d = d,
			     .keep = keep,
			     .row = table_row,
			     .ctx = &tl};
	int rc = rec_read_file(&r, path, NULL);
	free(tl.vals);
	if (rc == 0)
		zi_table_sort(t);
	return rc;
}

struct each_load {
	zi_records_fn fn;
	void *ctx;
	const char **vals;
};

static void each_row(struct rec_read *r, unsigned long line, char **fields)
{
	struct each_load *el = r->ctx;
	values_of(r, fields, el->vals);
	el->fn(el->ctx, line, el->vals);
}

int zi_records_each(const struct zi_schema *s, const char *path, const char *name,
		    struct zi_buf *raw, zi_records_fn fn, void *ctx, struct zi_diag *d)
{
	struct each_load el = {fn, ctx, zi_xcalloc(s->nfields + 1, sizeof(char *))};
	struct rec_read r = {.s = s, .name = name ? name : path, .d = d, .row = each_row, .ctx = &el};
	int rc = rec_read_file(&r, path, raw);
	free(el.vals);
	return rc;
}
