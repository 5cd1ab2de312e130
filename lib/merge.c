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

static void key_text(const struct zi_table *t, size_t r, struct zi_buf *b)
{
	zi_buf_reset(b);
	for (size_t k = 0; k < t->schema->nkey; k++) {
		if (k)
			zi_buf_adds(b, ", ");
		zi_buf_adds(b, zi_table_get(t, r, t->schema->key[k]));
	}
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

int zi_check_merge3(const char *base, const char *ours, const char *theirs, const char *path,
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
	struct zi_table tb, to, tt;
	zi_table_init(&tb, s);
	zi_table_init(&to, s);
	zi_table_init(&tt, s);
	char *lb = zi_xasprintf("%s (base)", path), *lo = zi_xasprintf("%s (ours)", path),
	     *lt = zi_xasprintf("%s (theirs)", path);
	int rc = load_side(base, lb, &tb, d);
	if (!rc)
		rc = load_side(ours, lo, &to, d);
	if (!rc)
		rc = load_side(theirs, lt, &tt, d);
	if (!rc && (zi_table_check_unique(&to, lo, d) || zi_table_check_unique(&tt, lt, d)))
		rc = ZI_EDATA;
	if (rc)
		goto out;
	zi_table_header(s, out);
	unsigned long line = 1;
	size_t nf = s->nfields;
	size_t ib = 0, io = 0, it = 0;
	const char **vals = zi_xmalloc(nf * sizeof(char *));
	struct zi_table one;
	zi_table_init(&one, s);
	struct zi_buf kb, why;
	zi_buf_init(&kb);
	zi_buf_init(&why);
	while (io < to.n || it < tt.n || ib < tb.n) {
		/* the smallest key among the three heads */
		const struct zi_table *mt = &tb;
		size_t mr = ib;
		if (cmp_at(&to, io, mt, mr) < 0) {
			mt = &to;
			mr = io;
		}
		if (cmp_at(&tt, it, mt, mr) < 0) {
			mt = &tt;
			mr = it;
		}
		int hb = cmp_at(&tb, ib, mt, mr) == 0 && ib < tb.n;
		int ho = cmp_at(&to, io, mt, mr) == 0 && io < to.n;
		int ht = cmp_at(&tt, it, mt, mr) == 0 && it < tt.n;
		size_t rb = ib, ro = io, rt = it;
		ib += hb;
		io += ho;
		it += ht;
		if (ho && ht) {
			int conflict = 0;
			zi_buf_reset(&why);
			for (size_t f = 0; f < nf; f++) {
				const char *ov = zi_table_get(&to, ro, f), *tv = zi_table_get(&tt, rt, f);
				const char *bv = hb ? zi_table_get(&tb, rb, f) : NULL;
				if (!strcmp(ov, tv))
					vals[f] = ov;
				else if (bv && !strcmp(ov, bv))
					vals[f] = tv;
				else if (bv && !strcmp(tv, bv))
					vals[f] = ov;
				else {
					conflict = 1;
					vals[f] = ov;
					zi_buf_printf(&why, "%s%s: ours '%s', theirs '%s'%s%s%s",
						      why.len ? "; " : "", s->fields[f].name, ov, tv,
						      bv ? ", base '" : "", bv ? bv : "", bv ? "'" : "");
				}
			}
			if (!conflict) {
				zi_table_release(&one);
				zi_table_add(&one, vals, 0);
				add_row(out, &one, 0, &line);
				continue;
			}
			key_text(&to, ro, &kb);
			zi_diag_error(d, path, line + 2, NULL, "merge-conflict",
				      _("'%s' changed on both sides: %s"), kb.data, why.data);
			(*conflicts)++;
			zi_buf_adds(out, "<<<<<<< ours\n");
			line++;
			add_row(out, &to, ro, &line);
			zi_buf_adds(out, "=======\n");
			line++;
			add_row(out, &tt, rt, &line);
			zi_buf_adds(out, ">>>>>>> theirs\n");
			line++;
			continue;
		}
		if (!ho && !ht)
			continue; /* removed on both sides */
		const struct zi_table *side = ho ? &to : &tt;
		size_t rs = ho ? ro : rt;
		if (!hb) {
			add_row(out, side, rs, &line); /* added on one side */
			continue;
		}
		if (rows_equal(side, rs, &tb, rb))
			continue; /* unchanged here, removed on the other side */
		key_text(side, rs, &kb);
		zi_diag_error(d, path, line + 1, NULL, "merge-conflict",
			      ho ? _("'%s' changed in ours and removed in theirs")
				 : _("'%s' removed in ours and changed in theirs"),
			      kb.data);
		(*conflicts)++;
		zi_buf_adds(out, "<<<<<<< ours\n");
		line++;
		if (ho)
			add_row(out, &to, ro, &line);
		zi_buf_adds(out, "=======\n");
		line++;
		if (ht)
			add_row(out, &tt, rt, &line);
		zi_buf_adds(out, ">>>>>>> theirs\n");
		line++;
	}
	free(vals);
	zi_table_release(&one);
	zi_buf_release(&kb);
	zi_buf_release(&why);
	if (*conflicts)
		rc = ZI_EDATA;
out:
	free(lb);
	free(lo);
	free(lt);
	zi_table_release(&tb);
	zi_table_release(&to);
	zi_table_release(&tt);
	zi_schema_free(s);
	return rc;
}
