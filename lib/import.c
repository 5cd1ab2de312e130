#include "import.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bulk.h"
#include "sheet.h"

void zi_import_init(struct zi_import *im, const struct zi_schema *s)
{
	memset(im, 0, sizeof(*im));
	zi_table_init(&im->rows, s);
	im->present = zi_xcalloc(s->nfields, sizeof(int));
	zi_buf_init(&im->rejects);
}

void zi_import_release(struct zi_import *im)
{
	zi_table_release(&im->rows);
	free(im->present);
	free(im->col_to_field);
	free(im->dropped);
	free(im->order);
	zi_buf_release(&im->rejects);
	memset(im, 0, sizeof(*im));
}

/* A re-import looks every row up in an index of the records file's rows
 * (im->same) by the hash of the key (lib/bulk): a row equal in every field
 * is not copied again. */
static uint64_t key_hash(const struct zi_schema *s, const char *const *key_vals)
{
	return zi_bulk_hash(key_vals, s->nkey);
}

static uint64_t same_entry(void *ctx, size_t r, void **item)
{
	const struct zi_table *t = ctx;
	const struct zi_schema *s = t->schema;
	const char *key[4];
	for (size_t k = 0; k < s->nkey; k++)
		key[k] = zi_table_get(t, r, s->key[k]);
	*item = t->rows[r];
	return key_hash(s, key);
}

/* The row block of t equal to vals in every field, or NULL. */
static char *same_find(const struct zi_bulk_index *x, const struct zi_table *t,
		       const char *const *vals, uint64_t h)
{
	const struct zi_schema *s = t->schema;
	for (size_t i = zi_bulk_index_at(x, h); x->slot[i].item; i = zi_bulk_index_next(x, i)) {
		if (x->slot[i].hash != h)
			continue;
		const char *row = x->slot[i].item;
		const uint32_t *off = (const uint32_t *)row;
		size_t f = 0;
		for (; f < s->nfields; f++)
			if (strcmp(row + off[f], vals[f]))
				break;
		if (f == s->nfields)
			return x->slot[i].item;
	}
	return NULL;
}

/* A row read before the header is known (at most HEADER_SCAN of them). */
struct pend_row {
	unsigned long line;
	size_t n;
	char **fields;
};

#define HEADER_SCAN 20
/* Returned by the row function to have the file read again, on one part,
 * looking for the header among the first rows. */
#define RESTART 1000

/* What every part of a read shares: the header, the options, the index. */
struct import_shared {
	struct zi_bulk_index same;
	struct zi_import *im;
	const struct zi_import_opts *o;
	int header_bad;
	int header_seen;
	int search; /* the header is looked for among the first rows */
	int can_restart;
	struct pend_row pend[HEADER_SCAN + 1];
	size_t npend;
	/* columns not imported: their index and header ("" for none) */
	size_t *unk_cols;
	char **unk_hdr;
	/* published with a release store: a spreadsheet read in parts adds
	 * the columns right of the header as its parts find them (under
	 * unk_lock, into room made with the header: entries never move) */
	size_t nunk, unk_cap;
	pthread_mutex_t unk_lock;
	long presence_col; /* the signature column, or -1 */
	int *defaulted; /* per field: its default value, canonical, in def_vals */
	char **def_vals;
};

/* What one part saw in the columns not imported: the first values. */
struct unk_seen {
	char *v[3];
	unsigned nv;
};

/* One part of a read (zi_csv_read_parts): its rows, rejects and problems,
 * joined in file order afterwards. Part 0 writes into im directly. */
struct import_ctx {
	ZI_APART;
	struct zi_bulk_ahead ahead; /* a re-import's lookups (lib/bulk) */
	struct import_shared *sh;
	struct zi_diag *d;
	struct zi_table *rows;
	struct zi_buf *rejects;
	unsigned long bad_rows, blank_rows;
	struct zi_buf *canon; /* one buffer per field */
	const char **vals;
	struct zi_table own_rows;
	struct zi_buf own_rejects;
	struct zi_diag own_diag;
	unsigned long absent_rows;
	struct unk_seen *unk; /* per column of sh->unk_cols */
	size_t nunk;
	char **pad; /* a spreadsheet's short row, made as long as the header */
	size_t npad;
	struct zi_buf hook_buf; /* the row hook's values */
	char empty[1]; /* the cells it lacks (this part's: values are trimmed in place) */
};

static void reject_fields(struct zi_import *im, struct zi_buf *out, const char *const *fields,
			  size_t n, const char *reason)
{
	if (!im->keep_rejected)
		return;
	/* people open it in a spreadsheet to mend the rows: a cell that would
	 * run as a formula is neutralised as in every CSV made for people */
	for (size_t i = 0; i < n || i < im->ncols; i++) {
		zi_csv_add_field_safe(out, i < n ? fields[i] : "");
		zi_buf_addc(out, ',');
	}
	zi_csv_add_field_safe(out, reason);
	zi_buf_addc(out, '\n');
}

/* A row out of the lookup ring: the records file's row when it is the same,
 * else a copy. */
static void ahead_done(void *ctx, uint64_t hash, const char *const *vals, unsigned long line)
{
	struct import_ctx *c = ctx;
	char *same = same_find(&c->sh->same, c->sh->im->same, vals, hash);
	if (same)
		zi_table_add_shared(c->rows, same, line);
	else
		zi_table_add(c->rows, vals, line);
}

static int is_ignored(const struct zi_import_opts *o, const char *field)
{
	for (const char *const *p = o->ignore; p && *p; p++)
		if (!strcmp(*p, field))
			return 1;
	return 0;
}

static const char *default_of(const struct zi_import_opts *o, const char *field)
{
	for (const char *const *p = o->defaults; p && p[0]; p += 2)
		if (!strcmp(p[0], field))
			return p[1];
	return NULL;
}

/* Is e a problem of the header (not a required column that has a default)? */
static int header_problem(const struct zi_import_opts *o, const struct zi_diag_entry *e)
{
	return e->severity == ZI_ERROR &&
	       !(!strcmp(e->code, "column-missing") && e->field && default_of(o, e->field));
}

static int is_presence(const struct zi_import_opts *o, const char *hdr)
{
	char a[256], b[256];
	zi_fold_name(hdr, a, sizeof(a));
	for (const char *const *p = o->presence; a[0] && p && *p; p++) {
		zi_fold_name(*p, b, sizeof(b));
		if (!strcmp(a, b))
			return 1;
	}
	return 0;
}

static void add_unknown(struct import_shared *sh, size_t col, const char *hdr)
{
	if (sh->nunk == sh->unk_cap)
		return; /* a column beyond the last a spreadsheet has */
	sh->unk_cols[sh->nunk] = col;
	sh->unk_hdr[sh->nunk] = zi_xstrdup(hdr);
	__atomic_store_n(&sh->nunk, sh->nunk + 1, __ATOMIC_RELEASE);
}

static int blank_text(const char *p)
{
	for (; *p; p++)
		if (!isspace((unsigned char)*p))
			return 0;
	return 1;
}

/* The columns not imported, named with their letter, header and first
 * values: a warning (an error with --strict). */
static void report_unknown(struct import_shared *sh, struct import_ctx *parts, size_t nparts,
			   struct zi_diag *d)
{
	struct zi_import *im = sh->im;
	for (size_t k = 0; k < sh->nunk; k++) {
		struct zi_buf vals;
		zi_buf_init(&vals);
		unsigned nv = 0;
		for (size_t p = 0; parts && p < nparts && nv < 3; p++)
			for (unsigned i = 0; k < parts[p].nunk && i < parts[p].unk[k].nv && nv < 3;
			     i++, nv++)
				zi_buf_printf(&vals, "%s'%s'", nv ? ", " : "", parts[p].unk[k].v[i]);
		const char *hdr = sh->unk_hdr[k];
		if (!hdr[0] && !nv)
			continue; /* an empty column */
		char letters[8];
		zi_sheet_col_name(sh->unk_cols[k], letters);
		enum zi_severity sev = sh->o->strict ? ZI_ERROR : ZI_WARNING;
		size_t at = d->n;
		if (hdr[0] && nv)
			zi_diag_add(d, sev, im->file, im->header_line, NULL, "column-unknown",
				    _("column %s '%s' matches no field; ignored (first values: "
				      "%s)"),
				    letters, hdr, vals.data);
		else if (hdr[0])
			zi_diag_add(d, sev, im->file, im->header_line, NULL, "column-unknown",
				    _("column %s '%s' matches no field; ignored"), letters, hdr);
		else
			zi_diag_add(d, sev, im->file, im->header_line, NULL, "column-unnamed",
				    _("column %s has data but no header; ignored (first values: "
				      "%s)"),
				    letters, vals.data);
		if (im->csv.used_sheet[0])
			d->v[at].cell = zi_xasprintf("%s!%s%lu", im->csv.used_sheet, letters,
						     im->header_line);
		zi_buf_release(&vals);
	}
}

/* The defaults, canonical, for the fields that have one. */
static void header_defaults(struct import_shared *sh)
{
	struct zi_import *im = sh->im;
	const struct zi_schema *s = im->rows.schema;
	sh->defaulted = zi_xcalloc(s->nfields, sizeof(int));
	sh->def_vals = zi_xcalloc(s->nfields, sizeof(char *));
	for (size_t f = 0; f < s->nfields; f++) {
		const char *v = default_of(sh->o, s->fields[f].name);
		if (!v)
			continue;
		struct zi_buf b;
		zi_buf_init(&b);
		char *raw = zi_xstrdup(v);
		struct zi_verr err = {0};
		if (zi_schema_normalise(s, f, raw, &b, &err) == 0) {
			sh->defaulted[f] = 1;
			sh->def_vals[f] = zi_xstrdup(b.data ? b.data : "");
			im->present[f] = 1;
		}
		free(raw);
		zi_buf_release(&b);
	}
}

static int read_header(struct import_ctx *c, unsigned long line, char **fields, size_t n)
{
	struct import_shared *sh = c->sh;
	struct zi_import *im = sh->im;
	const struct zi_schema *s = im->rows.schema;
	sh->header_seen = 1;
	im->header_line = line;
	im->ncols = n;
	/* room for every column: the header's, and a spreadsheet's up to XFD */
	sh->unk_cap = n + (im->csv.used_sheet[0] ? 16384 : 0);
	sh->unk_cols = zi_xcalloc(sh->unk_cap + 1, sizeof(size_t));
	sh->unk_hdr = zi_xcalloc(sh->unk_cap + 1, sizeof(char *));
	im->col_to_field = zi_xmalloc((n ? n : 1) * sizeof(int));
	/* the columns that match nothing are reported after the rows, with
	 * their first values */
	struct zi_diag hd;
	zi_diag_init(&hd);
	zi_schema_map_header(s, fields, n, sh->o->map, im->col_to_field, im->file, line, &hd);
	for (size_t i = 0; i < hd.n; i++) {
		struct zi_diag_entry *e = &hd.v[i];
		if (!strcmp(e->code, "column-unknown") ||
		    (e->severity == ZI_ERROR && !header_problem(sh->o, e)))
			continue;
		sh->header_bad |= e->severity == ZI_ERROR;
		zi_diag_add(c->d, e->severity, e->file, e->line, e->field, e->code, "%s",
			    e->message);
	}
	zi_diag_release(&hd);
	sh->presence_col = -1;
	for (size_t i = 0; i < n; i++) {
		int f = im->col_to_field[i];
		if (f >= 0 && is_ignored(sh->o, s->fields[f].name)) {
			zi_diag_warn(c->d, im->file, line, s->fields[f].name, "column-managed",
				     _("this field has its own command and is not imported; column "
				       "ignored"));
			im->col_to_field[i] = -1;
		} else if (f >= 0) {
			im->present[f] = 1;
		} else if (sh->presence_col < 0 && is_presence(sh->o, fields[i])) {
			sh->presence_col = (long)i;
		} else {
			add_unknown(sh, i, zi_trim(fields[i]));
		}
	}
	header_defaults(sh);
	/* the command's own header check, said after the columns not imported */
	struct zi_diag own;
	zi_diag_init(&own);
	if (!sh->header_bad && sh->o->header && sh->o->header(sh->o->ctx, im, fields, n, line, &own))
		sh->header_bad = 1;
	if (sh->header_bad)
		report_unknown(sh, NULL, 0, c->d);
	zi_diag_move(c->d, &own);
	zi_diag_release(&own);
	if (im->keep_rejected) {
		for (size_t i = 0; i < n; i++) {
			zi_csv_add_field_safe(&im->rejects, fields[i]);
			zi_buf_addc(&im->rejects, ',');
		}
		zi_buf_adds(&im->rejects, "reason\n");
	}
	return 0;
}

/* How well a row does as the header: the fields it gives (0 when it
 * leaves a required one out or gives one twice, -1 when it gives none). */
static int header_score(struct import_shared *sh, char **fields, size_t n)
{
	const struct zi_schema *s = sh->im->rows.schema;
	int *map = zi_xmalloc((n ? n : 1) * sizeof(int));
	struct zi_diag hd;
	zi_diag_init(&hd);
	zi_schema_map_header(s, fields, n, sh->o->map, map, NULL, 0, &hd);
	int bad = 0;
	for (size_t i = 0; i < hd.n; i++)
		bad |= header_problem(sh->o, &hd.v[i]);
	int score = 0;
	for (size_t i = 0; i < n; i++)
		score += map[i] >= 0;
	zi_diag_release(&hd);
	free(map);
	return !score ? -1 : bad ? 0 : score;
}

/* How many columns of a row match a field. */
static int header_matches(struct import_shared *sh, char **fields, size_t n)
{
	int *map = zi_xmalloc((n ? n : 1) * sizeof(int));
	struct zi_diag hd;
	zi_diag_init(&hd);
	zi_schema_map_header(sh->im->rows.schema, fields, n, sh->o->map, map, NULL, 0, &hd);
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += map[i] >= 0;
	zi_diag_release(&hd);
	free(map);
	return k;
}

/* The header written over two rows: a group title (merged across its
 * columns, so only in the first of them) above the columns' own titles. */
static char **header_join(struct import_shared *sh, const struct pend_row *top,
			  const struct pend_row *sub, size_t *n)
{
	const struct zi_schema *s = sh->im->rows.schema;
	size_t w = top->n > sub->n ? top->n : sub->n;
	char **out = zi_xcalloc(w + 1, sizeof(char *));
	const char *group = "";
	for (size_t i = 0; i < w; i++) {
		const char *t = i < top->n ? top->fields[i] : "";
		const char *b = i < sub->n ? sub->fields[i] : "";
		if (t[0])
			group = b[0] ? t : "";
		else if (b[0])
			t = group; /* under the group title to its left */
		else
			group = "";
		if (!b[0] || !t[0]) {
			out[i] = zi_xstrdup(b[0] ? b : t);
			continue;
		}
		/* "Jabatan" above "TMT": "Jabatan TMT" when a field has that
		 * name, else the column's own title */
		char *both = zi_xasprintf("%s %s", t, b);
		char *one[1] = {both};
		int f;
		struct zi_diag hd;
		zi_diag_init(&hd);
		zi_schema_map_header(s, one, 1, sh->o->map, &f, NULL, 0, &hd);
		zi_diag_release(&hd);
		if (f >= 0) {
			out[i] = both;
		} else {
			free(both);
			out[i] = zi_xstrdup(b);
		}
	}
	*n = w;
	return out;
}

static int import_row(void *ctx, unsigned long line, char **fields, size_t n);

/* Chooses the header among the rows read so far, then reads the rows after it. */
static void header_decide(struct import_ctx *c)
{
	struct import_shared *sh = c->sh;
	struct zi_import *im = sh->im;
	size_t best = 0, best_rows = 1, best_part_row = 0;
	int best_score = -2, best_partial = 0;
	for (size_t i = 0; i < sh->npend; i++) {
		struct pend_row *r = &sh->pend[i];
		int sc = header_score(sh, r->fields, r->n);
		int partial = header_matches(sh, r->fields, r->n);
		if (best_score <= 0 && sc <= 0 && partial > best_partial) {
			/* no row is a whole header yet: the one closest to it, so
			 * that what is missing is said about the right row */
			best_partial = partial;
			best_part_row = i;
		}
		if (sc > best_score) {
			best_score = sc;
			best = i;
			best_rows = 1;
		}
		if (i + 1 < sh->npend && sh->pend[i + 1].line == r->line + 1) {
			size_t jn;
			char **j = header_join(sh, r, &sh->pend[i + 1], &jn);
			int jsc = header_score(sh, j, jn);
			int next = header_score(sh, sh->pend[i + 1].fields, sh->pend[i + 1].n);
			if (jsc > best_score && jsc > sc && jsc > next) {
				best_score = jsc;
				best = i;
				best_rows = 2;
			}
			for (size_t k = 0; k < jn; k++)
				free(j[k]);
			free(j);
		}
	}
	if (best_score <= 0) {
		best = best_part_row; /* else the first row, as always */
		best_rows = 1;
	}
	struct pend_row *h = &sh->pend[best];
	if (best_rows == 2) {
		size_t jn;
		char **j = header_join(sh, h, &sh->pend[best + 1], &jn);
		read_header(c, h->line, j, jn);
		for (size_t k = 0; k < jn; k++)
			free(j[k]);
		free(j);
	} else {
		read_header(c, h->line, h->fields, h->n);
	}
	if (best)
		zi_diag_warn(c->d, im->file, h->line, NULL, "header-found",
			     _("the header is on line %lu; rows above it skipped: %zu (give "
			       "--header-row N to choose)"),
			     h->line, best);
	for (size_t i = best + best_rows; i < sh->npend; i++)
		import_row(c, sh->pend[i].line, sh->pend[i].fields, sh->pend[i].n);
	for (size_t i = 0; i < sh->npend; i++) {
		for (size_t k = 0; k < sh->pend[i].n; k++)
			free(sh->pend[i].fields[k]);
		free(sh->pend[i].fields);
	}
	sh->npend = 0;
}

/* Before the header: the first row, when it matches well (the fast way,
 * on every part); else the rows are held until the header is chosen. */
static int before_header(struct import_ctx *c, unsigned long line, char **fields, size_t n)
{
	struct import_shared *sh = c->sh;
	if (sh->o->header_row) {
		if (line < sh->o->header_row)
			return 0;
		return read_header(c, line, fields, n);
	}
	if (!sh->search && sh->im->csv.used_sheet[0])
		sh->search = 1; /* a spreadsheet is read on one part anyway */
	if (!sh->search) {
		/* an empty title may be the one under a group title spread over
		 * it: the rows below are looked at too */
		int gap = 0;
		for (size_t i = 0; i < n && !gap; i++)
			gap = blank_text(fields[i]);
		if (!sh->can_restart || (header_score(sh, fields, n) > 0 && !gap))
			return read_header(c, line, fields, n);
		return RESTART;
	}
	struct pend_row *r = &sh->pend[sh->npend++];
	r->line = line;
	r->n = n;
	r->fields = zi_xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		r->fields[i] = zi_xstrdup(fields[i]);
	if (sh->npend > HEADER_SCAN)
		header_decide(c);
	return 0;
}

/* The first values of the columns not imported. */
static void note_unknown(struct import_ctx *c, char **fields, size_t n)
{
	struct import_shared *sh = c->sh;
	size_t nunk = __atomic_load_n(&sh->nunk, __ATOMIC_ACQUIRE);
	if (c->nunk < nunk) {
		c->unk = zi_xrealloc(c->unk, nunk * sizeof(*c->unk));
		memset(c->unk + c->nunk, 0, (nunk - c->nunk) * sizeof(*c->unk));
		c->nunk = nunk;
	}
	for (size_t k = 0; k < nunk; k++) {
		size_t col = sh->unk_cols[k];
		struct unk_seen *u = &c->unk[k];
		if (col < n && u->nv < 3 && !blank_text(fields[col])) {
			const char *t = zi_trim(fields[col]);
			char *v = zi_xstrndup(t, strnlen(t, 40));
			u->v[u->nv++] = v;
		}
	}
}

static int blank_row(char **fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (const char *p = fields[i]; *p; p++)
			if (*p != ' ' && *p != '\t')
				return 0;
	return 1;
}

/* A spreadsheet's cells right of the header: columns without one. */
static void note_unnamed(struct import_ctx *c, char **fields, size_t n)
{
	struct import_shared *sh = c->sh;
	for (size_t i = sh->im->ncols; i < n; i++) {
		if (blank_text(fields[i]))
			continue;
		pthread_mutex_lock(&sh->unk_lock);
		size_t k = 0;
		while (k < sh->nunk && sh->unk_cols[k] != i)
			k++;
		if (k == sh->nunk)
			add_unknown(sh, i, "");
		pthread_mutex_unlock(&sh->unk_lock);
	}
}

/* Makes the row as long as the header: a spreadsheet's row ends at its last
 * cell with a value (so may a CSV row, with opts.pad_short), and trailing
 * empty cells beyond the header are harmless. Returns 0, or -1 for a row of
 * the wrong length (reported and set aside). */
static int row_fit(struct import_ctx *c, unsigned long line, char ***fieldsp, size_t *np)
{
	struct zi_import *im = c->sh->im;
	char **fields = *fieldsp;
	size_t n = *np;
	int pad = im->csv.used_sheet[0] || c->sh->o->pad_short;
	if (n != im->ncols && (im->csv.used_sheet[0] || (pad && n < im->ncols))) {
		if (c->npad < im->ncols + 1) {
			c->npad = im->ncols + 1;
			c->pad = zi_xrealloc(c->pad, c->npad * sizeof(char *));
		}
		c->empty[0] = 0;
		for (size_t i = 0; i < im->ncols; i++)
			c->pad[i] = i < n ? fields[i] : c->empty;
		*fieldsp = c->pad;
		*np = im->ncols;
		return 0;
	}
	if (n == im->ncols)
		return 0;
	size_t last = n;
	while (last > im->ncols && !fields[last - 1][0])
		last--;
	if (last == im->ncols) {
		*np = im->ncols;
		return 0;
	}
	char reason[200];
	snprintf(reason, sizeof(reason),
		 last < im->ncols ? _("short row: %zu fields, the header has %zu")
				  : _("long row: %zu fields, the header has %zu"),
		 n, im->ncols);
	zi_diag_add(c->d, im->keep_rejected ? ZI_WARNING : ZI_ERROR, im->file, line, NULL,
		    last < im->ncols ? "row-short" : "row-long", "%s", reason);
	c->bad_rows++;
	reject_fields(im, c->rejects, (const char *const *)fields, n, reason);
	return -1;
}

/* A sign-in sheet's row without a signature: not a signer (a warning). */
static int row_absent(struct import_ctx *c, unsigned long line, char **fields, size_t n)
{
	struct import_shared *sh = c->sh;
	struct zi_import *im = sh->im;
	const struct zi_schema *s = im->rows.schema;
	if (sh->presence_col < 0 ||
	    ((size_t)sh->presence_col < n && !blank_text(fields[sh->presence_col])))
		return 0;
	struct zi_buf who;
	zi_buf_init(&who);
	for (size_t i = 0; i < n; i++) {
		int f = im->col_to_field[i];
		if (f >= 0 &&
		    (!strcmp(s->fields[f].name, "nip") || !strcmp(s->fields[f].name, "name")) &&
		    !blank_text(fields[i]))
			zi_buf_printf(&who, "%s%s", who.len ? " " : "", zi_trim(fields[i]));
	}
	char letters[8];
	zi_sheet_col_name((size_t)sh->presence_col, letters);
	size_t at = c->d->n;
	zi_diag_warn(c->d, im->file, line, NULL, "no-signature",
		     _("%s: no signature (column %s is empty); not recorded"),
		     who.len ? who.data : "?", letters);
	if (im->csv.used_sheet[0])
		c->d->v[at].cell = zi_xasprintf("%s!%s%lu", im->csv.used_sheet, letters, line);
	zi_buf_release(&who);
	c->absent_rows++;
	return 1;
}

/* A problem with a value of the row: said, and added to the row's reason. */
static void row_problem(struct import_ctx *c, unsigned long line, const char *field,
			const struct zi_verr *err, struct zi_buf *reason)
{
	struct zi_import *im = c->sh->im;
	zi_diag_add(c->d, im->keep_rejected ? ZI_WARNING : ZI_ERROR, im->file, line, field,
		    err->code, "%s", err->msg);
	if (reason->len)
		zi_buf_adds(reason, "; ");
	zi_buf_printf(reason, "%s: %s", field ? field : "", err->msg);
}

/* The row's values, canonical, into c->vals (a field without a column: its
 * default, else empty or false). Returns how many were bad. */
static int row_values(struct import_ctx *c, unsigned long line, char **fields, size_t n,
		      struct zi_buf *reason)
{
	struct import_shared *sh = c->sh;
	struct zi_import *im = sh->im;
	const struct zi_schema *s = im->rows.schema;
	for (size_t f = 0; f < s->nfields; f++)
		c->vals[f] = NULL;
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		int f = im->col_to_field[i];
		if (f < 0)
			continue;
		/* not {0}: zeroing the message for every field of every row
		 * costs more than the rest of the normalisation */
		struct zi_verr err;
		err.code = "invalid";
		err.msg[0] = 0;
		if (sh->defaulted[f] && blank_text(fields[i]))
			continue; /* the default, below */
		if (zi_schema_normalise(s, (size_t)f, fields[i], &c->canon[f], &err)) {
			row_problem(c, line, s->fields[f].name, &err, reason);
			bad++;
			continue;
		}
		if (err.msg[0]) /* a note on a value taken ("BWS-DINKES" as "bws-dinkes") */
			zi_diag_warn(c->d, im->file, line, s->fields[f].name, err.code, "%s",
				     err.msg);
		c->vals[f] = c->canon[f].data ? c->canon[f].data : "";
	}
	for (size_t f = 0; !bad && f < s->nfields; f++)
		if (!c->vals[f])
			c->vals[f] = sh->defaulted[f] ? sh->def_vals[f]
				     : s->fields[f].type == ZI_T_BOOLEAN &&
						     !s->fields[f].empty_unknown
					     ? "false"
					     : "";
	return bad;
}

/* Keeps the row of c->vals: through the lookup ring on a re-import. */
static void row_keep(struct import_ctx *c, unsigned long line)
{
	const struct zi_schema *s = c->rows->schema;
	if (c->sh->same.slot) {
		const char *key[4];
		for (size_t k = 0; k < s->nkey; k++)
			key[k] = c->vals[s->key[k]];
		zi_bulk_ahead_push(&c->ahead, key_hash(s, key), c->vals, line);
	} else {
		zi_table_add(c->rows, c->vals, line);
	}
}

static int import_row(void *ctx, unsigned long line, char **fields, size_t n)
{
	struct import_ctx *c = ctx;
	struct import_shared *sh = c->sh;
	struct zi_import *im = sh->im;
	if (!sh->header_seen)
		return before_header(c, line, fields, n);
	if (sh->header_bad)
		return 0;
	if (blank_row(fields, n)) {
		c->blank_rows++; /* spreadsheets leave empty rows at the end */
		return 0;
	}
	if (im->csv.used_sheet[0] && n > im->ncols)
		note_unnamed(c, fields, n);
	if (__atomic_load_n(&sh->nunk, __ATOMIC_ACQUIRE))
		note_unknown(c, fields, n);
	if (row_fit(c, line, &fields, &n) || row_absent(c, line, fields, n))
		return 0;
	struct zi_buf reason;
	zi_buf_init(&reason);
	int bad = row_values(c, line, fields, n, &reason);
	if (!bad && sh->o->row) {
		/* the command's own check of the row's values */
		struct zi_verr err = {.code = "invalid"};
		const char *field = NULL;
		int r = sh->o->row(sh->o->ctx, line, c->vals, &c->hook_buf, &err, &field);
		if (r > 0) {
			zi_buf_release(&reason);
			return 0; /* not a row of data */
		}
		if (r < 0) {
			row_problem(c, line, field, &err, &reason);
			bad = 1;
		}
	}
	if (bad) {
		c->bad_rows++;
		reject_fields(im, c->rejects, (const char *const *)fields, n, reason.data);
	} else {
		row_keep(c, line);
	}
	zi_buf_release(&reason);
	return 0;
}

/* The contexts of the parts a file may be read in: part 0 says its problems
 * in d, the others in their own lists, joined in file order afterwards. */
static struct import_ctx *parts_init(struct import_shared *sh, size_t nparts, void **ctxs,
				     struct zi_diag **ds, struct zi_diag *d)
{
	const struct zi_schema *s = sh->im->rows.schema;
	struct import_ctx *parts = zi_xcalloc_lines(nparts, sizeof(*parts));
	for (size_t k = 0; k < nparts; k++) {
		struct import_ctx *c = &parts[k];
		c->sh = sh;
		/* written for every field: apart from the other parts' */
		c->canon = zi_xcalloc_lines(s->nfields, sizeof(*c->canon));
		c->vals = zi_xcalloc_lines(s->nfields, sizeof(*c->vals));
		zi_bulk_ahead_init(&c->ahead, &sh->same, s->nfields, ahead_done, c);
		zi_table_init(&c->own_rows, s);
		zi_buf_init(&c->own_rejects);
		zi_buf_init(&c->hook_buf);
		zi_diag_init(&c->own_diag);
		/* not im's own: other parts read im (the header) all along */
		c->rows = &c->own_rows;
		c->rejects = &c->own_rejects;
		c->d = k ? &c->own_diag : d;
		ctxs[k] = c;
		ds[k] = c->d;
	}
	return parts;
}

/* The rows, rejects, counts and problems of the parts used into im and d,
 * in file order; the parts' own storage freed (not what report_unknown
 * reads: parts_free). */
static void parts_join(struct import_shared *sh, struct import_ctx *parts, size_t nparts,
		       size_t used, struct zi_diag *d)
{
	struct zi_import *im = sh->im;
	const struct zi_schema *s = im->rows.schema;
	for (size_t k = 0; k < nparts; k++) {
		struct import_ctx *c = &parts[k];
		if (k < used)
			zi_bulk_ahead_flush(&c->ahead);
		zi_bulk_ahead_release(&c->ahead);
	}
	zi_bulk_index_free(&sh->same);
	for (size_t k = 0; k < nparts; k++) {
		struct import_ctx *c = &parts[k];
		if (k < used) {
			im->bad_rows += c->bad_rows;
			im->blank_rows += c->blank_rows;
			im->absent_rows += c->absent_rows;
			zi_table_append(&im->rows, &c->own_rows);
			if (c->own_rejects.len)
				zi_buf_add(&im->rejects, c->own_rejects.data, c->own_rejects.len);
			if (k)
				zi_diag_move(d, &c->own_diag);
		}
		zi_table_release(&c->own_rows);
		zi_buf_release(&c->own_rejects);
		zi_buf_release(&c->hook_buf);
		zi_diag_release(&c->own_diag);
		for (size_t f = 0; f < s->nfields; f++)
			zi_buf_release(&c->canon[f]);
		free(c->canon);
		free(c->vals);
	}
}

static void parts_free(struct import_shared *sh, struct import_ctx *parts, size_t nparts)
{
	const struct zi_schema *s = sh->im->rows.schema;
	for (size_t k = 0; k < nparts; k++) {
		for (size_t u = 0; u < parts[k].nunk; u++)
			for (unsigned i = 0; i < parts[k].unk[u].nv; i++)
				free(parts[k].unk[u].v[i]);
		free(parts[k].unk);
		free(parts[k].pad);
	}
	free(parts);
	for (size_t f = 0; sh->def_vals && f < s->nfields; f++)
		free(sh->def_vals[f]);
	free(sh->def_vals);
	free(sh->defaulted);
	for (size_t k = 0; k < sh->nunk; k++)
		free(sh->unk_hdr[k]);
	free(sh->unk_cols);
	free(sh->unk_hdr);
	pthread_mutex_destroy(&sh->unk_lock);
}

int zi_import_read(struct zi_import *im, const char *path, const struct zi_import_opts *o,
		   struct zi_diag *d)
{
	const struct zi_schema *s = im->rows.schema;
	struct import_shared sh = {.im = im, .o = o};
	pthread_mutex_init(&sh.unk_lock, NULL);
	im->file = path;
	im->keep_rejected = o->keep_rejected;
	im->csv = o->csv;
	im->csv.trim = 1; /* every value is trimmed anyway */
	if (im->same && im->same->n && im->same->schema == s && s->nkey && s->nkey <= 4)
		zi_bulk_index_build(&sh.same, im->same->n, same_entry, (void *)im->same);
	/* a header given by line is met by one reader, in order */
	size_t nparts = o->header_row ? 1 : zi_csv_parts_hint(), used = 1;
	void **ctxs = zi_xcalloc(nparts, sizeof(void *));
	struct zi_diag **ds = zi_xcalloc(nparts, sizeof(struct zi_diag *));
	struct import_ctx *parts = parts_init(&sh, nparts, ctxs, ds, d);
	sh.can_restart = strcmp(path, "-") != 0;
	size_t diag_at = d->n;
	int rc = zi_table_read_parts(path, path, &im->csv, import_row, ctxs, ds, nparts, &used);
	if (rc == RESTART) {
		/* the first row is not the header: again, on one part, looking
		 * for it (what the first read said about the file, it says again) */
		zi_diag_truncate(d, diag_at);
		sh.search = 1;
		rc = zi_table_read_parts(path, path, &im->csv, import_row, ctxs, ds, 1, &used);
	}
	if (rc != ZI_EIO && !sh.header_seen && sh.npend)
		header_decide(&parts[0]);
	parts_join(&sh, parts, nparts, used, d);
	if (sh.header_seen && !sh.header_bad) {
		report_unknown(&sh, parts, used, d);
		if (sh.o->strict && sh.nunk && d->errors && rc == 0)
			rc = ZI_EDATA;
	}
	parts_free(&sh, parts, nparts);
	free(ctxs);
	free(ds);
	if (rc == 0 && !sh.header_seen) {
		zi_diag_error(d, path, 0, NULL, "empty-file", _("the file is empty: no header row"));
		rc = ZI_EDATA;
	}
	if (rc == 0 && (sh.header_bad || (im->bad_rows && !im->keep_rejected)))
		rc = ZI_EDATA;
	im->dropped = zi_xcalloc(im->rows.n + 1, 1);
	return rc;
}

void zi_import_fail(struct zi_import *im, size_t row, const char *field, const char *code,
		    struct zi_diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	zi_diag_add(d, im->keep_rejected ? ZI_WARNING : ZI_ERROR, im->file, im->rows.lines[row],
		    field, code, "%s", msg);
	if (im->dropped[row])
		return;
	im->dropped[row] = 1;
	im->bad_rows++;
	if (!im->keep_rejected)
		return;
	/* put the canonical values back in the file's columns */
	const char **cols = zi_xcalloc(im->ncols + 1, sizeof(char *));
	for (size_t i = 0; i < im->ncols; i++)
		cols[i] = im->col_to_field[i] >= 0
				  ? zi_table_get(&im->rows, row, (size_t)im->col_to_field[i])
				  : "";
	char *reason = field ? zi_xasprintf("%s: %s", field, msg) : zi_xstrdup(msg);
	reject_fields(im, &im->rejects, cols, im->ncols, reason);
	free(reason);
	free(cols);
}

void zi_import_check_duplicates(struct zi_import *im, struct zi_diag *d)
{
	struct zi_table *t = &im->rows;
	if (t->n < 2)
		return;
	size_t *idx = zi_xmalloc(t->n * sizeof(size_t));
	int unique = zi_table_sort_order(t, idx);
	const struct zi_schema *s = t->schema;
	for (size_t i = 1; !unique && i < t->n; i++) {
		if (zi_table_cmp_rows(t, idx[i - 1], idx[i]) != 0)
			continue;
		/* walk back to the first of a run */
		size_t j = i - 1;
		while (j > 0 && zi_table_cmp_rows(t, idx[j - 1], idx[i]) == 0)
			j--;
		size_t first = idx[j], again = idx[i];
		const char *k = zi_table_get(t, again, s->key[0]);
		zi_import_fail(im, again, s->fields[s->key[0]].name, "duplicate-key", d,
			       _("'%s' appears again (first on line %lu)"), k,
			       (unsigned long)t->lines[first]);
		if (!im->dropped[first])
			zi_import_fail(im, first, s->fields[s->key[0]].name, "duplicate-key", d,
				       _("'%s' appears again on line %lu"), k,
				       (unsigned long)t->lines[again]);
	}
	free(im->order);
	im->order = idx;
	im->norder = t->n;
	im->order_gen = t->gen;
}

void zi_import_compact(struct zi_import *im)
{
	free(im->order); /* row numbers change */
	im->order = NULL;
	im->norder = 0;
	size_t w = 0;
	for (size_t r = 0; r < im->rows.n; r++) {
		if (im->dropped[r])
			continue;
		im->rows.rows[w] = im->rows.rows[r];
		im->rows.lines[w] = im->rows.lines[r];
		im->dropped[w] = 0;
		w++;
	}
	im->rows.n = w;
}

void zi_import_sort(struct zi_import *im)
{
	struct zi_table *t = &im->rows;
	if (im->order && im->norder == t->n && t->n) {
		char **rows = zi_xmalloc(t->n * sizeof(*rows));
		uint32_t *lines = zi_xmalloc(t->n * sizeof(*lines));
		size_t w = 0;
		for (size_t i = 0; i < t->n; i++) {
			size_t r = im->order[i];
			if (im->dropped[r])
				continue;
			rows[w] = t->rows[r];
			lines[w++] = t->lines[r];
		}
		free(t->rows);
		free(t->lines);
		t->rows = rows;
		t->lines = lines;
		t->cap = t->n;
		t->n = w;
		memset(im->dropped, 0, w);
		/* in key order, and every key that came twice was set aside:
		 * unless a check changed a row since */
		t->order = t->gen == im->order_gen ? ZI_SORTED_UNIQUE : 0;
		t->gen++;
	} else {
		zi_import_compact(im);
		t->order = 0;
		t->gen++;
	}
	free(im->order);
	im->order = NULL;
	im->norder = 0;
	zi_table_sort(t); /* only checks, unless a check changed a key */
}

const char **zi_import_col_fields(const struct zi_import *im)
{
	const char **v = zi_xcalloc(im->ncols + 1, sizeof(char *));
	for (size_t i = 0; i < im->ncols; i++)
		if (im->col_to_field && im->col_to_field[i] >= 0)
			v[i] = im->rows.schema->fields[im->col_to_field[i]].name;
	return v;
}

int zi_import_failed(const struct zi_import *im, const struct zi_diag *d)
{
	(void)im;
	return d->errors > 0;
}
struct map_ctx {
	char **pairs;
	size_t n;
	int header;
	const char *name;
	struct zi_diag *d;
	int bad;
};

static int map_row(void *ctx, unsigned long line, char **fields, size_t n)
{
	struct map_ctx *m = ctx;
	if (!m->header) {
		m->header = 1;
		return 0;
	}
	if (n < 2) {
		zi_diag_error(m->d, m->name, line, NULL, "map-invalid",
			      _("a map row has two columns: the header in the file, the field"));
		m->bad = 1;
		return 0;
	}
	m->pairs = zi_xrealloc(m->pairs, (m->n + 3) * sizeof(char *));
	m->pairs[m->n++] = zi_xstrdup(zi_trim(fields[0]));
	m->pairs[m->n++] = zi_xstrdup(zi_trim(fields[1]));
	m->pairs[m->n] = NULL;
	return 0;
}

int zi_import_read_map(const char *path, char ***pairs, struct zi_diag *d)
{
	struct map_ctx m = {.name = path, .d = d};
	struct zi_csv_opts o = {0};
	int rc = zi_table_read(path, path, &o, map_row, &m, d);
	if (!m.pairs)
		m.pairs = zi_xcalloc(1, sizeof(char *));
	*pairs = m.pairs;
	return rc ? rc : m.bad ? ZI_EDATA : 0;
}

void zi_import_free_map(char **pairs)
{
	for (char **p = pairs; p && *p; p++)
		free(*p);
	free(pairs);
}
