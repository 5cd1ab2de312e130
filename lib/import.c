#include "import.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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

/* An index of im->same by key: open addressing; a slot holds the key's hash
 * (so a probe rarely reads a row) and the row block itself (one cache miss
 * fewer than its number). */
struct same_slot {
	uint64_t hash;
	char *row;
};

struct same_index {
	struct same_slot *slot;
	size_t mask;
	size_t bytes; /* mapped, or 0: from malloc */
};

static uint64_t key_hash(const struct zi_schema *s, const char *const *key_vals)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t k = 0; k < s->nkey; k++) {
		for (const unsigned char *p = (const unsigned char *)key_vals[k]; *p; p++)
			h = (h ^ *p) * 0x100000001b3ull;
		h = (h ^ 0xff) * 0x100000001b3ull;
	}
	return h ^ (h >> 29);
}

struct index_fill {
	struct same_index *x;
	const struct zi_table *t;
	size_t from, to;
};

/* Puts rows [from, to) into the index; two of these run at once on halves
 * of the table, so a slot is taken with a compare-and-swap (nothing reads
 * the index until both are joined). */
static void *index_fill(void *arg)
{
	struct index_fill *j = arg;
	const struct zi_schema *s = j->t->schema;
	struct same_slot *slot = j->x->slot;
	const char *key[4];
	for (size_t r = j->from; r < j->to; r++) {
		for (size_t k = 0; k < s->nkey; k++)
			key[k] = zi_table_get(j->t, r, s->key[k]);
		uint64_t h = key_hash(s, key);
		char *row = j->t->rows[r];
		for (size_t i = h & j->x->mask;; i = (i + 1) & j->x->mask) {
			char *none = NULL;
			if (!__atomic_load_n(&slot[i].row, __ATOMIC_RELAXED) &&
			    __atomic_compare_exchange_n(&slot[i].row, &none, row, 0, __ATOMIC_RELAXED,
							__ATOMIC_RELAXED)) {
				slot[i].hash = h;
				break;
			}
		}
	}
	return NULL;
}

static void same_index_build(struct same_index *x, const struct zi_table *t)
{
	size_t cap = 16;
	while (cap < t->n * 2)
		cap *= 2;
	/* probed at random: in huge pages where the system has them, or every
	 * probe is a TLB miss too; fresh from the system, so already zero */
	x->bytes = cap * sizeof(*x->slot);
	x->slot = mmap(NULL, x->bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (x->slot == MAP_FAILED) {
		x->slot = zi_xcalloc(cap, sizeof(*x->slot));
		x->bytes = 0;
	} else {
		madvise(x->slot, x->bytes, MADV_HUGEPAGE);
	}
	x->mask = cap - 1;
	struct index_fill a = {x, t, 0, t->n / 2}, b = {x, t, t->n / 2, t->n};
	pthread_t th;
	if (t->n >= (1u << 15) && zi_csv_parts_hint() > 1 &&
	    pthread_create(&th, NULL, index_fill, &b) == 0) {
		index_fill(&a);
		pthread_join(th, NULL);
	} else {
		a.to = t->n;
		index_fill(&a);
	}
}

static void same_index_free(struct same_index *x)
{
	if (x->bytes)
		munmap(x->slot, x->bytes);
	else
		free(x->slot);
	x->slot = NULL;
}

/* The row block of t equal to vals in every field, or NULL. */
static char *same_index_find(const struct same_index *x, const struct zi_table *t,
			     const char *const *vals, uint64_t h)
{
	const struct zi_schema *s = t->schema;
	for (size_t i = h & x->mask; x->slot[i].row; i = (i + 1) & x->mask) {
		if (x->slot[i].hash != h)
			continue;
		const char *row = x->slot[i].row;
		const uint32_t *off = (const uint32_t *)row;
		size_t f = 0;
		for (; f < s->nfields; f++)
			if (strcmp(row + off[f], vals[f]))
				break;
		if (f == s->nfields)
			return x->slot[i].row;
	}
	return NULL;
}

/* What every part of a read shares: the header, the options, the index. */
struct import_shared {
	struct same_index same;
	struct zi_import *im;
	const struct zi_import_opts *o;
	int header_bad;
	int header_seen;
};

/* A re-import looks every row up in the index of the records file: two
 * cache misses (the slot, then the row) per row. The rows wait in a ring
 * so that both are fetched ahead: the slot when the row is read, the row
 * half a ring later, and the row is compared and added a ring later, in
 * file order. */
#define RING 16

struct pending {
	struct zi_buf text; /* the values, one after another, NUL-terminated */
	uint64_t hash;
	unsigned long line;
};

/* One part of a read (zi_csv_read_parts): its rows, rejects and problems,
 * joined in file order afterwards. Part 0 writes into im directly. */
struct import_ctx {
	ZI_APART;
	struct pending ring[RING];
	size_t ring_head, ring_n;
	const char **ring_vals;
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

/* Adds the oldest row of the ring: the records file's row when it is the
 * same, else a copy. */
static void ring_pop(struct import_ctx *c)
{
	struct pending *e = &c->ring[c->ring_head];
	const struct zi_schema *s = c->rows->schema;
	const char *p = e->text.data;
	for (size_t f = 0; f < s->nfields; f++) {
		c->ring_vals[f] = p;
		p += strlen(p) + 1;
	}
	char *same = same_index_find(&c->sh->same, c->sh->im->same, c->ring_vals, e->hash);
	if (same)
		zi_table_add_shared(c->rows, same, e->line);
	else
		zi_table_add(c->rows, c->ring_vals, e->line);
	c->ring_head = (c->ring_head + 1) % RING;
	c->ring_n--;
}

static void ring_push(struct import_ctx *c, const char *const *vals, uint64_t hash,
		      unsigned long line)
{
	const struct zi_schema *s = c->rows->schema;
	if (c->ring_n == RING)
		ring_pop(c);
	if (c->ring_n >= RING / 2) {
		/* half a ring ago its slot was asked for: ask for its row */
		const struct pending *h = &c->ring[(c->ring_head + c->ring_n - RING / 2) % RING];
		const struct same_index *x = &c->sh->same;
		for (size_t i = h->hash & x->mask; x->slot[i].row; i = (i + 1) & x->mask)
			if (x->slot[i].hash == h->hash) {
				__builtin_prefetch(x->slot[i].row);
				__builtin_prefetch(x->slot[i].row + 64);
				break;
			}
	}
	struct pending *e = &c->ring[(c->ring_head + c->ring_n) % RING];
	zi_buf_reset(&e->text);
	for (size_t f = 0; f < s->nfields; f++)
		zi_buf_add(&e->text, vals[f], strlen(vals[f]) + 1);
	e->hash = hash;
	e->line = line;
	c->ring_n++;
	__builtin_prefetch(&c->sh->same.slot[hash & c->sh->same.mask]);
}

static int is_ignored(const struct zi_import_opts *o, const char *field)
{
	for (const char *const *p = o->ignore; p && *p; p++)
		if (!strcmp(*p, field))
			return 1;
	return 0;
}

static int read_header(struct import_ctx *c, unsigned long line, char **fields, size_t n)
{
	struct import_shared *sh = c->sh;
	struct zi_import *im = sh->im;
	const struct zi_schema *s = im->rows.schema;
	sh->header_seen = 1;
	im->ncols = n;
	im->col_to_field = zi_xmalloc((n ? n : 1) * sizeof(int));
	if (zi_schema_map_header(s, fields, n, sh->o->map, im->col_to_field, im->file, line, c->d))
		sh->header_bad = 1;
	for (size_t i = 0; i < n; i++) {
		int f = im->col_to_field[i];
		if (f >= 0 && is_ignored(sh->o, s->fields[f].name)) {
			zi_diag_warn(c->d, im->file, line, s->fields[f].name, "column-managed",
				     _("this field has its own command and is not imported; column "
				       "ignored"));
			im->col_to_field[i] = -1;
		} else if (f >= 0) {
			im->present[f] = 1;
		}
	}
	if (im->keep_rejected) {
		for (size_t i = 0; i < n; i++) {
			zi_csv_add_field_safe(&im->rejects, fields[i]);
			zi_buf_addc(&im->rejects, ',');
		}
		zi_buf_adds(&im->rejects, "reason\n");
	}
	return 0;
}

static int import_row(void *ctx, unsigned long line, char **fields, size_t n)
{
	struct import_ctx *c = ctx;
	struct import_shared *sh = c->sh;
	struct zi_import *im = sh->im;
	const struct zi_schema *s = im->rows.schema;
	enum zi_severity sev = im->keep_rejected ? ZI_WARNING : ZI_ERROR;
	if (!sh->header_seen)
		return read_header(c, line, fields, n);
	if (sh->header_bad)
		return 0;
	int blank = 1;
	for (size_t i = 0; i < n && blank; i++)
		for (const char *p = fields[i]; *p; p++)
			if (*p != ' ' && *p != '\t') {
				blank = 0;
				break;
			}
	if (blank) {
		c->blank_rows++; /* spreadsheets leave empty rows at the end */
		return 0;
	}
	if (n != im->ncols) {
		/* trailing empty cells beyond the header are harmless */
		size_t last = n;
		while (last > im->ncols && !fields[last - 1][0])
			last--;
		if (last != im->ncols) {
			char reason[200];
			snprintf(reason, sizeof(reason),
				 last < im->ncols ? _("short row: %zu fields, the header has %zu")
						  : _("long row: %zu fields, the header has %zu"),
				 n, im->ncols);
			zi_diag_add(c->d, sev, im->file, line, NULL,
				    last < im->ncols ? "row-short" : "row-long", "%s", reason);
			c->bad_rows++;
			reject_fields(im, c->rejects, (const char *const *)fields, n, reason);
			return 0;
		}
		n = im->ncols;
	}
	for (size_t f = 0; f < s->nfields; f++)
		c->vals[f] = NULL;
	int bad = 0;
	struct zi_buf reason;
	zi_buf_init(&reason);
	for (size_t i = 0; i < n; i++) {
		int f = im->col_to_field[i];
		if (f < 0)
			continue;
		/* not {0}: zeroing the message for every field of every row
		 * costs more than the rest of the normalisation */
		struct zi_verr err;
		err.code = "invalid";
		err.msg[0] = 0;
		if (zi_schema_normalise(s, (size_t)f, fields[i], &c->canon[f], &err)) {
			zi_diag_add(c->d, sev, im->file, line, s->fields[f].name, err.code, "%s",
				    err.msg);
			if (reason.len)
				zi_buf_adds(&reason, "; ");
			zi_buf_printf(&reason, "%s: %s", s->fields[f].name, err.msg);
			bad = 1;
			continue;
		}
		c->vals[f] = c->canon[f].data ? c->canon[f].data : "";
	}
	if (bad) {
		c->bad_rows++;
		reject_fields(im, c->rejects, (const char *const *)fields, n, reason.data);
	} else {
		for (size_t f = 0; f < s->nfields; f++)
			if (!c->vals[f])
				c->vals[f] = s->fields[f].type == ZI_T_BOOLEAN ? "false" : "";
		if (sh->same.slot) {
			const char *key[4];
			for (size_t k = 0; k < s->nkey; k++)
				key[k] = c->vals[s->key[k]];
			ring_push(c, c->vals, key_hash(s, key), line);
		} else {
			zi_table_add(c->rows, c->vals, line);
		}
	}
	zi_buf_release(&reason);
	return 0;
}

int zi_import_read(struct zi_import *im, const char *path, const struct zi_import_opts *o,
		   struct zi_diag *d)
{
	const struct zi_schema *s = im->rows.schema;
	struct import_shared sh = {.im = im, .o = o};
	im->file = path;
	im->keep_rejected = o->keep_rejected;
	im->csv = o->csv;
	im->csv.trim = 1; /* every value is trimmed anyway */
	if (im->same && im->same->n && im->same->schema == s && s->nkey && s->nkey <= 4)
		same_index_build(&sh.same, im->same);
	size_t nparts = zi_csv_parts_hint(), used = 1;
	struct import_ctx *parts = zi_xcalloc_lines(nparts, sizeof(*parts));
	void **ctxs = zi_xcalloc(nparts, sizeof(void *));
	struct zi_diag **ds = zi_xcalloc(nparts, sizeof(struct zi_diag *));
	for (size_t k = 0; k < nparts; k++) {
		struct import_ctx *c = &parts[k];
		c->sh = &sh;
		/* written for every field: apart from the other parts' */
		c->canon = zi_xcalloc_lines(s->nfields, sizeof(*c->canon));
		c->vals = zi_xcalloc_lines(s->nfields, sizeof(*c->vals));
		c->ring_vals = zi_xcalloc_lines(s->nfields, sizeof(*c->ring_vals));
		zi_table_init(&c->own_rows, s);
		zi_buf_init(&c->own_rejects);
		zi_diag_init(&c->own_diag);
		/* not im's own: other parts read im (the header) all along */
		c->rows = &c->own_rows;
		c->rejects = &c->own_rejects;
		c->d = k ? &c->own_diag : d;
		ctxs[k] = c;
		ds[k] = c->d;
	}
	int rc = zi_csv_read_parts(path, path, &im->csv, import_row, ctxs, ds, nparts, &used);
	for (size_t k = 0; k < nparts; k++) {
		struct import_ctx *c = &parts[k];
		while (k < used && c->ring_n)
			ring_pop(c);
		for (size_t e = 0; e < RING; e++)
			zi_buf_release(&c->ring[e].text);
	}
	same_index_free(&sh.same);
	for (size_t k = 0; k < nparts; k++) {
		struct import_ctx *c = &parts[k];
		if (k < used) {
			im->bad_rows += c->bad_rows;
			im->blank_rows += c->blank_rows;
			zi_table_append(&im->rows, &c->own_rows);
			if (c->own_rejects.len)
				zi_buf_add(&im->rejects, c->own_rejects.data, c->own_rejects.len);
			if (k)
				zi_diag_move(d, &c->own_diag);
		}
		zi_table_release(&c->own_rows);
		zi_buf_release(&c->own_rejects);
		zi_diag_release(&c->own_diag);
		for (size_t f = 0; f < s->nfields; f++)
			zi_buf_release(&c->canon[f]);
		free(c->canon);
		free(c->vals);
		free(c->ring_vals);
	}
	free(parts);
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
	int rc = zi_csv_read(path, path, &o, map_row, &m, d);
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

