#include "table.h"
#include "bulk.h"
#include "pool.h"
#include "records.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void zi_table_init(struct zi_table *t, const struct zi_schema *s)
{
	memset(t, 0, sizeof(*t));
	t->schema = s;
	zi_arena_init(&t->arena);
}

void zi_table_release(struct zi_table *t)
{
	free(t->rows);
	free(t->lines);
	zi_arena_release(&t->arena);
	const struct zi_schema *s = t->schema;
	zi_table_init(t, s);
}

static char *make_row(struct zi_table *t, const char *const *values)
{
	size_t nf = t->schema->nfields;
	size_t hdr = nf * sizeof(uint32_t), total = hdr;
	size_t lens[64];
	size_t *lp = nf <= 64 ? lens : zi_xmalloc(nf * sizeof(size_t));
	for (size_t i = 0; i < nf; i++) {
		lp[i] = values[i] ? strlen(values[i]) : 0;
		total += lp[i] + 1;
	}
	char *block = zi_arena_alloc(&t->arena, total);
	uint32_t *off = (uint32_t *)block;
	size_t pos = hdr;
	for (size_t i = 0; i < nf; i++) {
		off[i] = (uint32_t)pos;
		if (lp[i])
			memcpy(block + pos, values[i], lp[i]);
		block[pos + lp[i]] = 0;
		pos += lp[i] + 1;
	}
	if (lp != lens)
		free(lp);
	return block;
}

size_t zi_table_add_shared(struct zi_table *t, char *block, unsigned long line)
{
	t->order = 0;
	t->gen++;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->rows = zi_xrealloc(t->rows, t->cap * sizeof(*t->rows));
		t->lines = zi_xrealloc(t->lines, t->cap * sizeof(*t->lines));
	}
	t->rows[t->n] = block;
	t->lines[t->n] = (uint32_t)line;
	return t->n++;
}

size_t zi_table_add(struct zi_table *t, const char *const *values, unsigned long line)
{
	return zi_table_add_shared(t, make_row(t, values), line);
}

void zi_table_append(struct zi_table *t, struct zi_table *from)
{
	t->order = 0;
	t->gen++;
	if (t->n + from->n > t->cap) {
		t->cap = t->n + from->n;
		t->rows = zi_xrealloc(t->rows, t->cap * sizeof(*t->rows));
		t->lines = zi_xrealloc(t->lines, t->cap * sizeof(*t->lines));
	}
	if (from->n) {
		memcpy(t->rows + t->n, from->rows, from->n * sizeof(*t->rows));
		memcpy(t->lines + t->n, from->lines, from->n * sizeof(*t->lines));
	}
	t->n += from->n;
	zi_arena_adopt(&t->arena, &from->arena);
	zi_table_release(from);
}

void zi_table_set(struct zi_table *t, size_t r, const char *const *values)
{
	t->order = 0;
	t->gen++;
	t->rows[r] = make_row(t, values);
}

void zi_table_row(const struct zi_table *t, size_t r, const char **values)
{
	for (size_t i = 0; i < t->schema->nfields; i++)
		values[i] = zi_table_get(t, r, i);
}

void zi_table_set_value(struct zi_table *t, size_t r, size_t field, const char *value)
{
	t->order = 0;
	t->gen++;
	const char *v[64];
	const char **vp = t->schema->nfields <= 64 ? v
						   : zi_xmalloc(t->schema->nfields * sizeof(*vp));
	zi_table_row(t, r, vp);
	vp[field] = value;
	zi_table_set(t, r, vp);
	if (vp != v)
		free(vp);
}

void zi_table_drop(struct zi_table *t, const unsigned char *drop)
{
	size_t w = 0;
	for (size_t r = 0; r < t->n; r++) {
		if (drop[r])
			continue;
		t->rows[w] = t->rows[r];
		t->lines[w] = t->lines[r];
		w++;
	}
	if (w != t->n)
		t->gen++; /* the rows left keep their order */
	t->n = w;
}

/* Integer keys (soal_id) sort as numbers: 2 before 10, as people read them. */
static int cmp_value(const struct zi_schema *s, size_t f, const char *a, const char *b)
{
	if (s->fields[f].type == ZI_T_INTEGER && *a && *b) {
		long long x = strtoll(a, NULL, 10), y = strtoll(b, NULL, 10);
		if (x != y)
			return x < y ? -1 : 1;
	}
	return strcmp(a, b);
}

static int cmp_blocks(const struct zi_schema *s, const char *a, const char *b)
{
	const uint32_t *oa = (const uint32_t *)a, *ob = (const uint32_t *)b;
	for (size_t k = 0; k < s->nkey; k++) {
		int c = cmp_value(s, s->key[k], a + oa[s->key[k]], b + ob[s->key[k]]);
		if (c)
			return c;
	}
	return 0;
}

int zi_table_cmp_rows(const struct zi_table *t, size_t a, size_t b)
{
	return cmp_blocks(t->schema, t->rows[a], t->rows[b]);
}

int zi_table_cmp_key(const struct zi_table *t, size_t r, const char *const *key)
{
	const struct zi_schema *s = t->schema;
	for (size_t k = 0; k < s->nkey; k++) {
		int c = cmp_value(s, s->key[k], zi_table_get(t, r, s->key[k]), key[k]);
		if (c)
			return c;
	}
	return 0;
}

/* Sorting (lib/bulk): items carry the first 16 bytes of the first key
 * field, so only items with equal prefixes look at the rows; then one
 * permutation of the rows. */
static void row_prefix(void *ctx, size_t i, struct zi_bulk_item *it)
{
	const struct zi_table *t = ctx;
	const struct zi_schema *s = t->schema;
	if (i + 8 < t->n)
		__builtin_prefetch(t->rows[i + 8]);
	if (s->nkey == 0 || s->fields[s->key[0]].type == ZI_T_INTEGER) {
		it->k0 = it->k1 = 0; /* integers compare as numbers: no byte prefix */
		return;
	}
	zi_bulk_prefix(zi_table_get(t, i, s->key[0]), it);
}

static int row_cmp(void *ctx, size_t a, size_t b)
{
	const struct zi_table *t = ctx;
	return cmp_blocks(t->schema, t->rows[a], t->rows[b]);
}

/* The items of t sorted by key (items and tmp: n each); returns whether
 * each key comes once. */
static int sort_rows(const struct zi_table *t, struct zi_bulk_item *items, struct zi_bulk_item *tmp)
{
	struct zi_bulk_sort s = {row_prefix, row_cmp, (void *)t};
	return zi_bulk_sort(&s, items, tmp, t->n);
}

void zi_table_sort(struct zi_table *t)
{
	if (t->n < 2 || zi_table_is_sorted(t))
		return;
	t->gen++;
	size_t n = t->n, bytes = n * sizeof(struct zi_bulk_item);
	struct zi_bulk_item *items = zi_bulk_alloc(bytes);
	/* the merge buffer, then the room for the permuted rows and lines */
	struct zi_bulk_item *tmp = zi_bulk_alloc(bytes);
	int unique = sort_rows(t, items, tmp);
	char **rows = (char **)(void *)tmp;
	for (size_t i = 0; i < n; i++)
		rows[i] = t->rows[items[i].idx];
	memcpy(t->rows, rows, n * sizeof(*rows));
	uint32_t *lines = (uint32_t *)(void *)tmp;
	for (size_t i = 0; i < n; i++)
		lines[i] = t->lines[items[i].idx];
	memcpy(t->lines, lines, n * sizeof(*lines));
	zi_bulk_free(tmp);
	zi_bulk_free(items);
	t->order = unique ? ZI_SORTED_UNIQUE : ZI_SORTED;
}

int zi_table_sort_order(const struct zi_table *t, size_t *order)
{
	size_t n = t->n;
	if (t->order) {
		for (size_t i = 0; i < n; i++)
			order[i] = i;
		return t->order == ZI_SORTED_UNIQUE;
	}
	if (n < 2) {
		if (n)
			order[0] = 0;
		return 1;
	}
	size_t bytes = n * sizeof(struct zi_bulk_item);
	struct zi_bulk_item *items = zi_bulk_alloc(bytes);
	struct zi_bulk_item *tmp = zi_bulk_alloc(bytes);
	int unique = sort_rows(t, items, tmp);
	for (size_t i = 0; i < n; i++)
		order[i] = items[i].idx;
	zi_bulk_free(tmp);
	zi_bulk_free(items);
	return unique;
}

int zi_table_is_sorted(struct zi_table *t)
{
	if (t->order)
		return 1;
	int unique = 1;
	for (size_t i = 1; i < t->n; i++) {
		if (i + 8 < t->n)
			__builtin_prefetch(t->rows[i + 8]);
		int c = zi_table_cmp_rows(t, i - 1, i);
		if (c > 0)
			return 0;
		unique &= c != 0;
	}
	t->order = unique ? ZI_SORTED_UNIQUE : ZI_SORTED;
	return 1;
}

/* An element of an array of structs, as zi_find_str compares it. */
struct str_member {
	const char *base;
	size_t size, offset;
};

static int cmp_str_member(const void *ctx, size_t i, const void *key)
{
	const struct str_member *a = ctx;
	const char *v = *(const char *const *)(a->base + i * a->size + a->offset);
	return strcmp(v, key);
}

long zi_find_str(const void *base, size_t n, size_t size, size_t offset, const char *key)
{
	struct str_member a = {base, size, offset};
	return zi_sorted_find(n, cmp_str_member, &a, key);
}

static int cmp_row_key(const void *ctx, size_t r, const void *key)
{
	return zi_table_cmp_key(ctx, r, key);
}

long zi_table_find(const struct zi_table *t, const char *const *key)
{
	return zi_sorted_find(t->n, cmp_row_key, t, key);
}

/* A table and one of its fields, as zi_table_lower_bound compares them. */
struct field_of {
	const struct zi_table *t;
	size_t field;
};

static int cmp_field_at(const void *ctx, size_t r, const void *value)
{
	const struct field_of *f = ctx;
	return strcmp(zi_table_get(f->t, r, f->field), value);
}

size_t zi_table_lower_bound(const struct zi_table *t, size_t field, const char *value)
{
	struct field_of f = {t, field};
	return zi_lower_bound(t->n, cmp_field_at, &f, value);
}

long zi_table_find_value(const struct zi_table *t, size_t field, const char *value, size_t from)
{
	for (size_t i = from; i < t->n; i++)
		if (!strcmp(zi_table_get(t, i, field), value))
			return (long)i;
	return -1;
}

void zi_table_key_text(const struct zi_table *t, size_t r, struct zi_buf *b)
{
	zi_buf_reset(b);
	for (size_t k = 0; k < t->schema->nkey; k++) {
		if (k)
			zi_buf_adds(b, ", ");
		zi_buf_adds(b, zi_table_get(t, r, t->schema->key[k]));
	}
}

int zi_table_check_unique(const struct zi_table *t, const char *file, struct zi_diag *d)
{
	int rc = 0;
	struct zi_buf b;
	zi_buf_init(&b);
	for (size_t i = 1; i < t->n; i++) {
		if (zi_table_cmp_rows(t, i - 1, i) != 0)
			continue;
		zi_table_key_text(t, i, &b);
		zi_diag_error(d, file, t->lines[i], t->schema->fields[t->schema->key[0]].name,
			      "duplicate-key", _("'%s' appears again (first on line %lu)"), b.data,
			      (unsigned long)t->lines[i - 1]);
		rc = ZI_EDATA;
	}
	zi_buf_release(&b);
	return rc;
}

void zi_table_header(const struct zi_schema *s, struct zi_buf *b)
{
	for (size_t i = 0; i < s->nfields; i++) {
		if (i)
			zi_buf_addc(b, ',');
		zi_csv_add_field(b, s->fields[i].name);
	}
	zi_buf_addc(b, '\n');
}

/* Rows [from, to) as canonical CSV into b; with out, written out whenever
 * b holds a MiB (0, or ZI_EIO when a write failed). */
static int format_rows(const struct zi_table *t, size_t from, size_t to, struct zi_buf *b, FILE *out)
{
	size_t nf = t->schema->nfields;
	for (size_t r = from; r < to; r++) {
		/* rows in key order are scattered in memory: ask for one ahead */
		if (r + 8 < to)
			__builtin_prefetch(t->rows[r + 8]);
		for (size_t i = 0; i < nf; i++) {
			const char *v = zi_table_get(t, r, i);
			/* the bytes that need quotes (zi_csv_add_field's rule) */
			size_t len = strcspn(v, ",\"\r\n");
			if (v[len] || (len && (v[0] == ' ' || v[0] == '\t' || v[len - 1] == ' ' ||
					       v[len - 1] == '\t'))) {
				if (i)
					zi_buf_addc(b, ',');
				zi_csv_add_field(b, v);
				continue;
			}
			zi_buf_reserve(b, len + 1);
			if (i)
				b->data[b->len++] = ',';
			memcpy(b->data + b->len, v, len);
			b->len += len;
		}
		zi_buf_addc(b, '\n');
		if (out && b->len > (1u << 20)) {
			if (fwrite(b->data, 1, b->len, out) != b->len)
				return ZI_EIO;
			zi_buf_reset(b);
		}
	}
	return 0;
}

/* A large table is written in blocks of rows: the CPUs make the text of
 * the next blocks while the calling thread writes the last one made, in
 * order (lib/pool), so memory holds a few blocks, not the file. */
#define WRITE_BLOCK 16384
#define WRITE_SLOTS 4

struct write_slot {
	ZI_APART; /* each filled by its own thread */
	struct zi_buf b;
};

struct write_job {
	const struct zi_table *t;
	FILE *out;
	struct write_slot slot[WRITE_SLOTS];
};

static int write_work(void *ctx, unsigned worker, size_t i)
{
	(void)worker;
	struct write_job *j = ctx;
	struct zi_buf *b = &j->slot[i % WRITE_SLOTS].b;
	size_t to = (i + 1) * WRITE_BLOCK;
	zi_buf_reset(b);
	format_rows(j->t, i * WRITE_BLOCK, to < j->t->n ? to : j->t->n, b, NULL);
	return 0;
}

static int write_emit(void *ctx, size_t i)
{
	struct write_job *j = ctx;
	struct zi_buf *b = &j->slot[i % WRITE_SLOTS].b;
	return b->len && fwrite(b->data, 1, b->len, j->out) != b->len ? ZI_EIO : 0;
}

int zi_table_write(const struct zi_table *t, FILE *out)
{
	struct zi_buf b;
	zi_buf_init(&b);
	zi_table_header(t->schema, &b);
	int rc = 0;
	unsigned threads = t->n >= 4 * WRITE_BLOCK ? zi_pool_threads(WRITE_SLOTS - 1) : 1;
	if (threads > 1) {
		rc = fwrite(b.data, 1, b.len, out) != b.len ? ZI_EIO : 0;
		struct write_job j = {.t = t, .out = out};
		for (int k = 0; k < WRITE_SLOTS; k++)
			zi_buf_init(&j.slot[k].b);
		if (!rc)
			rc = zi_pool_run((t->n + WRITE_BLOCK - 1) / WRITE_BLOCK, threads,
					 WRITE_SLOTS, write_work, write_emit, &j);
		for (int k = 0; k < WRITE_SLOTS; k++)
			zi_buf_release(&j.slot[k].b);
	} else {
		rc = format_rows(t, 0, t->n, &b, out);
		if (!rc && b.len && fwrite(b.data, 1, b.len, out) != b.len)
			rc = ZI_EIO;
	}
	if (ferror(out))
		rc = ZI_EIO;
	zi_buf_release(&b);
	return rc;
}

/* Loading a stored file: the header is shared, each part of a large file
 * (zi_csv_read_parts) fills a table of its own. */
struct load_header {
	const char *name;
	int *col_to_field;
	size_t ncols;
	int bad;
};

struct load_ctx {
	ZI_APART;
	struct load_header *h;
	struct zi_table *t;
	struct zi_diag *d;
	const char **vals;
	int bad;
	struct zi_table own;
	struct zi_diag own_diag;
};

static int load_row(void *ctx, unsigned long line, char **fields, size_t n)
{
	struct load_ctx *c = ctx;
	struct load_header *h = c->h;
	const struct zi_schema *s = c->t->schema;
	if (!h->col_to_field) {
		h->ncols = n;
		h->col_to_field = zi_xmalloc((n ? n : 1) * sizeof(int));
		if (zi_records_header(s, fields, n, h->col_to_field, NULL, h->name, line, c->d))
			h->bad = 1;
		return 0;
	}
	if (n != h->ncols) {
		zi_diag_error(c->d, h->name, line, NULL, "row-width",
			      _("%zu fields, the header has %zu"), n, h->ncols);
		c->bad = 1;
		return 0;
	}
	for (size_t i = 0; i < s->nfields; i++)
		c->vals[i] = "";
	for (size_t i = 0; i < n; i++)
		if (h->col_to_field[i] >= 0)
			c->vals[h->col_to_field[i]] = fields[i];
	zi_table_add(c->t, c->vals, line);
	return 0;
}

int zi_table_load(struct zi_table *t, const char *path, const char *name, int missing_ok,
		  struct zi_diag *d)
{
	if (missing_ok && access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	struct load_header h = {.name = name ? name : path};
	size_t nparts = zi_csv_parts_hint(), used = 1;
	struct load_ctx *parts = zi_xcalloc_lines(nparts, sizeof(*parts));
	void **ctxs = zi_xcalloc(nparts, sizeof(void *));
	struct zi_diag **ds = zi_xcalloc(nparts, sizeof(struct zi_diag *));
	for (size_t k = 0; k < nparts; k++) {
		struct load_ctx *c = &parts[k];
		c->h = &h;
		c->vals = zi_xcalloc_lines(t->schema->nfields, sizeof(char *));
		zi_table_init(&c->own, t->schema);
		zi_diag_init(&c->own_diag);
		c->t = k ? &c->own : t;
		c->d = k ? &c->own_diag : d;
		ctxs[k] = c;
		ds[k] = c->d;
	}
	/* trim: the writer quotes a value that begins or ends with a space */
	struct zi_csv_opts o = {.delimiter = ',', .encoding = ZI_ENC_UTF8, .records = 1, .trim = 1};
	int rc = zi_csv_read_parts(path, h.name, &o, load_row, ctxs, ds, nparts, &used);
	int bad = h.bad;
	for (size_t k = 0; k < nparts; k++) {
		struct load_ctx *c = &parts[k];
		if (k < used) {
			bad |= c->bad;
			if (k) {
				zi_table_append(t, &c->own);
				zi_diag_move(d, &c->own_diag);
			}
		}
		zi_table_release(&c->own);
		zi_diag_release(&c->own_diag);
		free(c->vals);
	}
	free(parts);
	free(ctxs);
	free(ds);
	free(h.col_to_field);
	if (rc == 0 && bad)
		rc = ZI_EDATA;
	if (rc == 0)
		zi_table_sort(t);
	return rc;
}

/* in's rows, sorted by key, into *sorted (a view of in: the row blocks are
 * in's; the arrays are copies, which *copied says, unless in was sorted with
 * each key once already). A key that comes twice is an error in d. */
static int sorted_incoming(struct zi_table *in, struct zi_table *sorted, int *copied,
			   const char *file, struct zi_diag *d)
{
	const struct zi_schema *s = in->schema;
	*sorted = *in;
	*copied = in->order != ZI_SORTED_UNIQUE; /* else it is as it must be */
	if (!*copied)
		return 0;
	/* sort the incoming rows by key without touching them */
	sorted->rows = zi_xmalloc((in->n ? in->n : 1) * sizeof(char *));
	sorted->lines = zi_xmalloc((in->n ? in->n : 1) * sizeof(uint32_t));
	if (in->n) { /* a table that never had a row has no arrays */
		memcpy(sorted->rows, in->rows, in->n * sizeof(char *));
		memcpy(sorted->lines, in->lines, in->n * sizeof(uint32_t));
	}
	/* one pass tells whether they are sorted already (zi_import_sort) and,
	 * if so, whether a key comes twice */
	int check = 0;
	for (size_t i = 1; i < sorted->n; i++) {
		if (i + 8 < sorted->n)
			__builtin_prefetch(sorted->rows[i + 8]);
		int cmp = cmp_blocks(s, sorted->rows[i - 1], sorted->rows[i]);
		if (cmp > 0) {
			zi_table_sort(sorted);
			check = 1;
			break;
		}
		if (cmp == 0)
			check = 1;
	}
	int rc = check ? zi_table_check_unique(sorted, file, d) : 0;
	if (rc) {
		free(sorted->rows);
		free(sorted->lines);
		*copied = 0;
	}
	return rc;
}

/* A merge join of the sorted incoming rows into dst (sorted): a key dst has
 * is updated in place (the fields present), a new one appended after dst's
 * first old_n rows as the incoming row block itself. */
static void join_sorted(struct zi_table *dst, const struct zi_table *sorted, const int *present,
			struct zi_merge_counts *c)
{
	const struct zi_schema *s = dst->schema;
	size_t nf = s->nfields, old_n = dst->n, at = 0;
	const char **vals = zi_xmalloc(nf * sizeof(*vals));
	for (size_t r = 0; r < sorted->n; r++) {
		int cmp = 1;
		while (at < old_n && (cmp = cmp_blocks(s, dst->rows[at], sorted->rows[r])) < 0)
			at++;
		if (at == old_n || cmp != 0) {
			/* new: the incoming row block itself, kept alive by the caller */
			zi_table_add_shared(dst, sorted->rows[r], sorted->lines[r]);
			c->added++;
			continue;
		}
		int same = 1;
		for (size_t f = 0; f < nf; f++) {
			const char *cur = zi_table_get(dst, at, f);
			vals[f] = present[f] ? zi_table_get(sorted, r, f) : cur;
			if (same && strcmp(vals[f], cur))
				same = 0;
		}
		if (same) {
			c->unchanged++;
		} else {
			zi_table_set(dst, at, vals);
			dst->lines[at] = sorted->lines[r];
			c->updated++;
		}
		at++;
	}
	free(vals);
}

/* dst's rows are two sorted runs, [0, old_n) and [old_n, n), with no key in
 * common: merges them into one. */
static void merge_runs(struct zi_table *dst, size_t old_n)
{
	const struct zi_schema *s = dst->schema;
	size_t n = dst->n, i = 0, j = old_n, k = 0;
	char **rows = zi_xmalloc(n * sizeof(*rows));
	uint32_t *lines = zi_xmalloc(n * sizeof(*lines));
	while (i < old_n && j < n) {
		size_t from = cmp_blocks(s, dst->rows[j], dst->rows[i]) < 0 ? j++ : i++;
		rows[k] = dst->rows[from];
		lines[k++] = dst->lines[from];
	}
	for (; i < old_n; i++, k++) {
		rows[k] = dst->rows[i];
		lines[k] = dst->lines[i];
	}
	for (; j < n; j++, k++) {
		rows[k] = dst->rows[j];
		lines[k] = dst->lines[j];
	}
	free(dst->rows);
	free(dst->lines);
	dst->rows = rows;
	dst->lines = lines;
	dst->cap = n;
}

int zi_table_merge(struct zi_table *dst, struct zi_table *in, const int *present, const char *file,
		   struct zi_merge_counts *c, struct zi_diag *d)
{
	memset(c, 0, sizeof(*c));
	struct zi_table sorted;
	int copied;
	int rc = sorted_incoming(in, &sorted, &copied, file, d);
	if (rc)
		return rc;
	zi_table_sort(dst);
	int unique = dst->order == ZI_SORTED_UNIQUE;
	size_t old_n = dst->n;
	join_sorted(dst, &sorted, present, c);
	if (copied) {
		free(sorted.rows);
		free(sorted.lines);
	}
	if (c->added) {
		/* dst now shares row blocks with in: it takes in's storage */
		zi_arena_adopt(&dst->arena, &in->arena);
		if (old_n)
			merge_runs(dst, old_n);
	}
	/* both sides had each key once: so has the result (a key of both
	 * was updated in place), and it is in order */
	dst->order = unique ? ZI_SORTED_UNIQUE : ZI_SORTED;
	dst->gen++;
	return 0;
}
