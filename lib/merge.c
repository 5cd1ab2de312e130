/* The merge driver git calls for records files (zi-report merge BASE OURS
 * THEIRS PATH): a three-way merge of one records file by primary key. The
 * three sides are read as tables of the file's schema (chosen from PATH by
 * the record types' path patterns, lib/check.c), walked together in key
 * order, and written in canonical form; a field changed differently on both
 * sides, or a row changed on one side and removed on the other, becomes a
 * conflict between git's markers and an error naming the key. */
#include "merge.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "csvio.h"
#include "table.h"

static int load_side(const char *path, const char *label, struct zi_table *t, struct zi_diag *d)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		zi_diag_error(d, label, 0, NULL, "io-read", _("cannot open: %s"), strerror(errno));
		return ZI_EIO;
	}
	return zi_table_load(t, path, label, 0, d);
}

static void add_row(struct zi_buf *out, const struct zi_table *t, size_t r, unsigned long *line)
{
	for (size_t f = 0; f < t->schema->nfields; f++) {
		if (f)
			zi_buf_addc(out, ',');
		zi_csv_add_field(out, zi_table_get(t, r, f));
	}
	zi_buf_addc(out, '\n');
	(*line)++;
}

static int rows_equal(const struct zi_table *a, size_t ra, const struct zi_table *b, size_t rb)
{
	for (size_t f = 0; f < a->schema->nfields; f++)
		if (strcmp(zi_table_get(a, ra, f), zi_table_get(b, rb, f)))
			return 0;
	return 1;
}

/* Compares the keys of two rows of tables with the same schema; a missing
 * row (n reached) sorts last. */
static int cmp_at(const struct zi_table *a, size_t ra, const struct zi_table *b, size_t rb)
{
	if (ra >= a->n)
		return rb >= b->n ? 0 : 1;
	if (rb >= b->n)
		return -1;
	const struct zi_schema *s = a->schema;
	for (size_t k = 0; k < s->nkey; k++) {
		int c = strcmp(zi_table_get(a, ra, s->key[k]), zi_table_get(b, rb, s->key[k]));
		if (c)
			return c;
	}
	return 0;
}

/* One merge under way: the three sides, loaded, and where the result is. */
struct merge {
	const struct zi_schema *s;
	const char *path;
	struct zi_table base, ours, theirs;
	struct zi_buf *out;
	unsigned long line; /* lines of out so far */
	unsigned long *conflicts;
	struct zi_diag *d;
	const char **vals; /* a merged row's values */
	struct zi_table one;
	struct zi_buf kb, why;
};

/* The rows of ours (ro) and theirs (rt) between git's markers; a side
 * without the row (has 0) leaves its part empty. */
static void put_conflict(struct merge *mg, int ho, size_t ro, int ht, size_t rt)
{
	zi_buf_adds(mg->out, "<<<<<<< ours\n");
	mg->line++;
	if (ho)
		add_row(mg->out, &mg->ours, ro, &mg->line);
	zi_buf_adds(mg->out, "=======\n");
	mg->line++;
	if (ht)
		add_row(mg->out, &mg->theirs, rt, &mg->line);
	zi_buf_adds(mg->out, ">>>>>>> theirs\n");
	mg->line++;
}

/* A key both sides have (the base too when hb): field by field, the side
 * that changed it wins; changed differently on both is a conflict. */
static void merge_both(struct merge *mg, int hb, size_t rb, size_t ro, size_t rt)
{
	const struct zi_schema *s = mg->s;
	int conflict = 0;
	zi_buf_reset(&mg->why);
	for (size_t f = 0; f < s->nfields; f++) {
		const char *ov = zi_table_get(&mg->ours, ro, f);
		const char *tv = zi_table_get(&mg->theirs, rt, f);
		const char *bv = hb ? zi_table_get(&mg->base, rb, f) : NULL;
		if (!strcmp(ov, tv))
			mg->vals[f] = ov;
		else if (bv && !strcmp(ov, bv))
			mg->vals[f] = tv;
		else if (bv && !strcmp(tv, bv))
			mg->vals[f] = ov;
		else {
			conflict = 1;
			mg->vals[f] = ov;
			zi_buf_printf(&mg->why, "%s%s: ours '%s', theirs '%s'%s%s%s",
				      mg->why.len ? "; " : "", s->fields[f].name, ov, tv,
				      bv ? ", base '" : "", bv ? bv : "", bv ? "'" : "");
		}
	}
	if (!conflict) {
		zi_table_release(&mg->one);
		zi_table_add(&mg->one, mg->vals, 0);
		add_row(mg->out, &mg->one, 0, &mg->line);
		return;
	}
	zi_table_key_text(&mg->ours, ro, &mg->kb);
	zi_diag_error(mg->d, mg->path, mg->line + 2, NULL, "merge-conflict",
		      _("'%s' changed on both sides: %s"), mg->kb.data, mg->why.data);
	(*mg->conflicts)++;
	put_conflict(mg, 1, ro, 1, rt);
}

/* A key one side has (ours when ho, else theirs): added there, or kept
 * there unchanged and removed on the other side, or a conflict: changed
 * there and removed on the other. */
static void merge_one(struct merge *mg, int hb, size_t rb, int ho, size_t rs)
{
	const struct zi_table *side = ho ? &mg->ours : &mg->theirs;
	if (!hb) {
		add_row(mg->out, side, rs, &mg->line); /* added on one side */
		return;
	}
	if (rows_equal(side, rs, &mg->base, rb))
		return; /* unchanged here, removed on the other side */
	zi_table_key_text(side, rs, &mg->kb);
	zi_diag_error(mg->d, mg->path, mg->line + 1, NULL, "merge-conflict",
		      ho ? _("'%s' changed in ours and removed in theirs")
			 : _("'%s' removed in ours and changed in theirs"),
		      mg->kb.data);
	(*mg->conflicts)++;
	put_conflict(mg, ho, rs, !ho, rs);
}

/* The three sides walked together in key order (each is sorted by key), one
 * key at a time. */
static void merge_walk(struct merge *mg)
{
	const struct zi_table *tb = &mg->base, *to = &mg->ours, *tt = &mg->theirs;
	size_t ib = 0, io = 0, it = 0;
	while (io < to->n || it < tt->n || ib < tb->n) {
		/* the smallest key among the three heads */
		const struct zi_table *mt = tb;
		size_t mr = ib;
		if (cmp_at(to, io, mt, mr) < 0) {
			mt = to;
			mr = io;
		}
		if (cmp_at(tt, it, mt, mr) < 0) {
			mt = tt;
			mr = it;
		}
		int hb = cmp_at(tb, ib, mt, mr) == 0 && ib < tb->n;
		int ho = cmp_at(to, io, mt, mr) == 0 && io < to->n;
		int ht = cmp_at(tt, it, mt, mr) == 0 && it < tt->n;
		size_t rb = ib, ro = io, rt = it;
		ib += hb;
		io += ho;
		it += ht;
		if (ho && ht)
			merge_both(mg, hb, rb, ro, rt);
		else if (ho || ht)
			merge_one(mg, hb, rb, ho, ho ? ro : rt);
		/* else removed on both sides */
	}
}

int zi_merge3(const char *base, const char *ours, const char *theirs, const char *path,
	      struct zi_buf *out, unsigned long *conflicts, struct zi_diag *d)
{
	*conflicts = 0;
	const char *name = zi_check_schema_for(path, NULL, 0, NULL, 0);
	if (!name) {
		zi_diag_error(d, path, 0, NULL, "not-records",
			      _("no record type has files here: merge it as text"));
		return ZI_EUSAGE;
	}
	struct zi_schema *s = zi_schema_get(name, d);
	if (!s)
		return ZI_EINTERNAL;
	struct merge mg = {.s = s, .path = path, .out = out, .conflicts = conflicts, .d = d};
	zi_table_init(&mg.base, s);
	zi_table_init(&mg.ours, s);
	zi_table_init(&mg.theirs, s);
	char *lb = zi_xasprintf("%s (base)", path), *lo = zi_xasprintf("%s (ours)", path),
	     *lt = zi_xasprintf("%s (theirs)", path);
	int rc = load_side(base, lb, &mg.base, d);
	if (!rc)
		rc = load_side(ours, lo, &mg.ours, d);
	if (!rc)
		rc = load_side(theirs, lt, &mg.theirs, d);
	if (!rc &&
	    (zi_table_check_unique(&mg.ours, lo, d) || zi_table_check_unique(&mg.theirs, lt, d)))
		rc = ZI_EDATA;
	if (!rc) {
		zi_table_header(s, out);
		mg.line = 1;
		mg.vals = zi_xmalloc(s->nfields * sizeof(char *));
		zi_table_init(&mg.one, s);
		zi_buf_init(&mg.kb);
		zi_buf_init(&mg.why);
		merge_walk(&mg);
		free(mg.vals);
		zi_table_release(&mg.one);
		zi_buf_release(&mg.kb);
		zi_buf_release(&mg.why);
		if (*conflicts)
			rc = ZI_EDATA;
	}
	free(lb);
	free(lo);
	free(lt);
	zi_table_release(&mg.base);
	zi_table_release(&mg.ours);
	zi_table_release(&mg.theirs);
	zi_schema_free(s);
	return rc;
}
