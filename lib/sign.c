#include "sign.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stddef.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "csvio.h"
#include "entry.h"
#include "evidence.h"
#include "import.h"
#include "jsonio.h"
#include "records.h"
#include "texttable.h"
#include "unit_edit.h"
#include "units.h"

/* What the coverage needs of a signature, pointing into a table or a buffer. */
struct zi_sig_ref {
	const char *nip, *date;
	long day; /* date as a number (date_key), -1 until key_dates */
	signed char doc; /* enum zi_doc, -1 when unknown */
	signed char external;
};

/* What the coverage needs of a roster row. */
struct zi_staff_ref {
	const char *nip, *name, *start, *end;
	long start_day, end_day; /* date_key, -1 until key_dates */
	size_t lo, hi; /* the person's signatures: refs[lo..hi), found by index_people */
	int lhkpn; /* 1 owes an LHKPN, 0 an LHKASN, -1 unknown (lhkpn left empty) */
};

/* The coverage is computed for many days from one roster and its signatures
 * (zi-report: the month, the month before and each month of the trend):
 * the NIPs are matched once per unit (index_people) and the dates made
 * numbers once, so that each day costs comparisons of integers. A canonical
 * date YYYY-MM-DD becomes YYYYMMDD, which orders as the text does; anything
 * else is -1 and compared as text (date_cmp), so the result is the same as
 * comparing the strings. */
static long date_key(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	if (s[10])
		return -1;
	return (s[0] - '0') * 10000000L + (s[1] - '0') * 1000000L + (s[2] - '0') * 100000L +
	       (s[3] - '0') * 10000L + (s[5] - '0') * 1000L + (s[6] - '0') * 100L +
	       (s[8] - '0') * 10L + (s[9] - '0');
}

/* strcmp(a, b) in sign, from the keys when both have one. */
static int date_cmp(const char *a, long ak, const char *b, long bk)
{
	if (ak >= 0 && bk >= 0)
		return (ak > bk) - (ak < bk);
	return strcmp(a, b);
}

static int lhkpn_duty(const char *v)
{
	return !strcmp(v, "true") ? 1 : *v ? 0 : -1;
}

const char *const zi_doc_names[ZI_DOC_COUNT] = {"pakta", "gratifikasi", "lhkpn", "lhkasn", "coi"};

int zi_doc_parse(const char *s)
{
	const char *doc;
	if (zi_value_doc(s, &doc, NULL))
		return -1;
	for (int i = 0; i < ZI_DOC_COUNT; i++)
		if (!strcmp(doc, zi_doc_names[i]))
			return i;
	return -1;
}

/* The stored form only: the coverage reads it for every row. */
static int doc_of(const char *s)
{
	switch (s[0]) {
	case 'p':
		return strcmp(s, "pakta") ? -1 : ZI_DOC_PAKTA;
	case 'g':
		return strcmp(s, "gratifikasi") ? -1 : ZI_DOC_GRATIFIKASI;
	case 'l':
		return !strcmp(s, "lhkpn")    ? ZI_DOC_LHKPN
		       : !strcmp(s, "lhkasn") ? ZI_DOC_LHKASN
					      : -1;
	case 'c':
		return strcmp(s, "coi") ? -1 : ZI_DOC_COI;
	default:
		return zi_doc_parse(s);
	}
}

int zi_sign_check_signer(const struct zi_table *staff, const char *unit, const char *nip,
			 const char *date, long *row, struct zi_verr *err)
{
	const char *key[1] = {nip};
	long r = zi_table_find(staff, key);
	*row = r;
	if (r < 0) {
		err->code = "nip-not-on-roster";
		snprintf(err->msg, sizeof(err->msg),
			 _("NIP %s is not on the roster of %s (staff/%s.csv); someone from outside "
			   "signs with --external --name NAME"),
			 nip, unit, unit);
		return ZI_EDATA;
	}
	if (zi_staff_on_roster(staff, (size_t)r, date))
		return 0;
	const char *start = zi_table_get(staff, (size_t)r, ZI_S_START);
	const char *end = zi_table_get(staff, (size_t)r, ZI_S_END);
	if (*start && strcmp(date, start) < 0) {
		err->code = "date-before-start";
		snprintf(err->msg, sizeof(err->msg),
			 _("NIP %s signed on %s, before starting at %s on %s (roster "
			   "staff/%s.csv)"),
			 nip, date, unit, start, unit);
	} else {
		err->code = "date-after-end";
		snprintf(err->msg, sizeof(err->msg),
			 _("NIP %s signed on %s, after leaving %s on %s (roster staff/%s.csv)"),
			 nip, date, unit, end, unit);
	}
	return ZI_EDATA;
}

/* Coverage */

int zi_coverage_init(struct zi_coverage_set *cs, struct zi_diag *d)
{
	memset(cs, 0, sizeof(*cs));
	cs->staff_schema = zi_schema_get("staff", d);
	cs->sig_schema = zi_schema_get("signatures", d);
	if (!cs->staff_schema || !cs->sig_schema) {
		zi_schema_free(cs->staff_schema);
		zi_schema_free(cs->sig_schema);
		memset(cs, 0, sizeof(*cs));
		return ZI_EINTERNAL;
	}
	zi_table_init(&cs->staff, cs->staff_schema);
	zi_table_init(&cs->sigs, cs->sig_schema);
	zi_buf_init(&cs->io);
	zi_buf_init(&cs->sigio);
	zi_buf_init(&cs->staffio);
	zi_buf_init(&cs->raw);
	return 0;
}

void zi_coverage_release(struct zi_coverage_set *cs)
{
	if (cs->staff_schema) {
		zi_table_release(&cs->staff);
		zi_table_release(&cs->sigs);
	}
	zi_schema_free(cs->staff_schema);
	zi_schema_free(cs->sig_schema);
	free(cs->people);
	free(cs->unit);
	free(cs->refs);
	free(cs->srefs);
	zi_buf_release(&cs->io);
	zi_buf_release(&cs->sigio);
	zi_buf_release(&cs->staffio);
	zi_buf_release(&cs->raw);
	memset(cs, 0, sizeof(*cs));
}

/* Room for n elements of size bytes in v, whose capacity is *cap (doubled
 * as it grows). */
static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n <= *cap)
		return v;
	*cap = n > 2 * *cap ? n : 2 * *cap;
	return zi_xrealloc(v, *cap * size);
}

static int cmp_nip_first(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

_Static_assert(offsetof(struct zi_sig_ref, nip) == 0, "a reference begins with its nip");
_Static_assert(offsetof(struct zi_staff_ref, nip) == 0, "a reference begins with its nip");

/* An array of references (structs that begin with their nip) in nip order:
 * a table sorted by key is so already. */
static void sort_by_nip(void *v, size_t n, size_t size)
{
	const char *p = v;
	for (size_t i = 1; i < n; i++)
		if (strcmp(*(const char *const *)(p + (i - 1) * size),
			   *(const char *const *)(p + i * size)) > 0) {
			qsort(v, n, size, cmp_nip_first);
			return;
		}
}

static void refs_from_table(struct zi_coverage_set *cs, const struct zi_table *sigs)
{
	cs->refs = grow(cs->refs, &cs->cap_refs, sigs->n + 1, sizeof(*cs->refs));
	for (size_t j = 0; j < sigs->n; j++)
		cs->refs[j] =
			(struct zi_sig_ref){zi_table_get(sigs, j, ZI_G_NIP),
					    zi_table_get(sigs, j, ZI_G_DATE), -1,
					    (signed char)doc_of(zi_table_get(sigs, j, ZI_G_DOC)),
					    !strcmp(zi_table_get(sigs, j, ZI_G_ROLE), "external")};
	cs->nrefs = sigs->n;
	sort_by_nip(cs->refs, cs->nrefs, sizeof(*cs->refs));
	cs->indexed = cs->computes = 0;
}

/* First reference whose nip is not less than nip. */
static size_t lower_bound_nip(const struct zi_sig_ref *refs, size_t n, const char *nip)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(refs[mid].nip, nip) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void srefs_from_table(struct zi_coverage_set *cs, const struct zi_table *staff)
{
	cs->srefs = grow(cs->srefs, &cs->cap_srefs, staff->n + 1, sizeof(*cs->srefs));
	for (size_t r = 0; r < staff->n; r++)
		cs->srefs[r] = (struct zi_staff_ref){zi_table_get(staff, r, ZI_S_NIP),
						     zi_table_get(staff, r, ZI_S_NAME),
						     zi_table_get(staff, r, ZI_S_START),
						     zi_table_get(staff, r, ZI_S_END),
						     -1,
						     -1,
						     0,
						     0,
						     lhkpn_duty(zi_table_get(staff, r, ZI_S_LHKPN))};
	cs->nsrefs = staff->n;
	sort_by_nip(cs->srefs, cs->nsrefs, sizeof(*cs->srefs));
	cs->indexed = cs->computes = 0;
}

static void key_dates(struct zi_coverage_set *cs)
{
	for (size_t j = 0; j < cs->nrefs; j++)
		cs->refs[j].day = date_key(cs->refs[j].date);
	for (size_t r = 0; r < cs->nsrefs; r++) {
		cs->srefs[r].start_day = date_key(cs->srefs[r].start);
		cs->srefs[r].end_day = date_key(cs->srefs[r].end);
	}
}

/* Finds each person's signatures (both sides in NIP order: one walk). */
static void index_people(struct zi_coverage_set *cs)
{
	const struct zi_sig_ref *refs = cs->refs;
	size_t nrefs = cs->nrefs, from = 0;
	for (size_t r = 0; r < cs->nsrefs; r++) {
		struct zi_staff_ref *sr = &cs->srefs[r];
		const char *nip = sr->nip;
		if (from > 0 && strcmp(refs[from - 1].nip, nip) >= 0)
			from = lower_bound_nip(refs, nrefs, nip); /* a NIP twice on the roster */
		while (from < nrefs && strcmp(refs[from].nip, nip) < 0)
			from++;
		size_t to = from;
		while (to < nrefs && !strcmp(refs[to].nip, nip))
			to++;
		sr->lo = from;
		sr->hi = to;
	}
	cs->indexed = 1;
}

static void compute(struct zi_coverage_set *cs, const char *unit, const char *as_of, unsigned docs)
{
	if (!cs->unit || strcmp(cs->unit, unit)) {
		free(cs->unit);
		cs->unit = zi_xstrdup(unit);
	}
	if (!cs->indexed)
		index_people(cs);
	/* the dates as numbers pay from the second day on (zi-sign status
	 * computes one day: the text is compared then) */
	if (cs->computes++ == 1)
		key_dates(cs);
	size_t nstaff = cs->nsrefs ? cs->nsrefs : 1;
	size_t need = nstaff * ZI_DOC_COUNT;
	if (need > cs->cap_people) {
		free(cs->people);
		cs->cap_people = need;
		cs->people = zi_xmalloc(need * sizeof(*cs->people));
	}
	int entry_of[ZI_DOC_COUNT];
	cs->n = 0;
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		entry_of[k] = -1;
		if (!(docs & (1u << k)))
			continue;
		struct zi_coverage *e = &cs->docs[cs->n];
		*e = (struct zi_coverage){.unit = cs->unit, .doc = (enum zi_doc)k};
		e->missing = cs->people + (size_t)k * nstaff;
		entry_of[k] = (int)cs->n++;
	}
	const struct zi_sig_ref *refs = cs->refs;
	long day = date_key(as_of);
	for (size_t r = 0; r < cs->nsrefs; r++) {
		const struct zi_staff_ref *sr = &cs->srefs[r];
		/* on the roster: start <= as_of < end (the first day off) */
		if ((*sr->start && date_cmp(sr->start, sr->start_day, as_of, day) > 0) ||
		    (*sr->end && date_cmp(sr->end, sr->end_day, as_of, day) <= 0))
			continue;
		int lhkpn = sr->lhkpn;
		unsigned done = 0;
		for (size_t j = sr->lo; j < sr->hi; j++) {
			const struct zi_sig_ref *g = &refs[j];
			int doc = g->doc;
			if (doc < 0 || g->external || date_cmp(g->date, g->day, as_of, day) > 0)
				continue;
			if (doc == ZI_DOC_PAKTA && *sr->start &&
			    date_cmp(g->date, g->day, sr->start, sr->start_day) < 0)
				continue; /* signed for an earlier posting */
			done |= 1u << doc;
		}
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			/* whose duty is unknown owes neither as far as we know: not
			 * counted, so coverage of nobody known is no data, not a guess */
			if (entry_of[k] < 0 || (k == ZI_DOC_LHKPN && lhkpn != 1) ||
			    (k == ZI_DOC_LHKASN && lhkpn != 0) ||
			    /* owed by those who file an LHKPN: by those known to */
			    (k == ZI_DOC_COI && (cs->coi_owed == ZI_COI_NONE ||
						 (cs->coi_owed == ZI_COI_LHKPN && lhkpn != 1))))
				continue;
			struct zi_coverage *e = &cs->docs[entry_of[k]];
			e->required++;
			if (done & (1u << k))
				e->signed_n++;
			else
				e->missing[e->nmissing++] = (struct zi_person){sr->nip, sr->name};
		}
	}
	for (size_t i = 0; i < cs->n; i++) {
		struct zi_coverage *e = &cs->docs[i];
		/* nobody owes it: no data, never 100 % */
		e->percent = e->required ? 100.0 * (double)e->signed_n / (double)e->required : NAN;
	}
}

void zi_coverage_compute(struct zi_coverage_set *cs, const struct zi_table *staff,
			 const struct zi_table *sigs, const char *unit, const char *as_of,
			 unsigned docs)
{
	/* the set's own tables, as zi_coverage_unit loaded and read them (no
	 * row changed since: gen): their references are still good */
	if (sigs != &cs->sigs || cs->sigs_gen != sigs->gen + 1) {
		refs_from_table(cs, sigs);
		cs->sigs_gen = 0;
	}
	if (staff != &cs->staff || cs->staff_gen != staff->gen + 1) {
		srefs_from_table(cs, staff);
		cs->staff_gen = 0;
	}
	compute(cs, unit, as_of, docs);
}

/* The coverage reads only a few fields of each file: they are copied into a
 * buffer of the set, reused from unit to unit. While a file is read that
 * buffer may still move, so the references first record offsets (in cs->io,
 * in reference order), made pointers once the file is read. keep_values
 * copies n (at most 4) values of a record. */
static void keep_values(struct zi_buf *vals, struct zi_buf *offs, const char *const *v, size_t n)
{
	size_t len[4], total = 0;
	for (size_t i = 0; i < n; i++)
		total += len[i] = strlen(v[i]) + 1;
	zi_buf_reserve(vals, total);
	zi_buf_reserve(offs, n * sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		size_t off = vals->len;
		memcpy(vals->data + vals->len, v[i], len[i]);
		vals->len += len[i];
		memcpy(offs->data + offs->len, &off, sizeof(off));
		offs->len += sizeof(off);
	}
	vals->data[vals->len] = 0;
	offs->data[offs->len] = 0;
}

/* The k-th offset recorded, as a pointer into vals. */
static const char *kept(const struct zi_buf *vals, const struct zi_buf *offs, size_t k)
{
	size_t off;
	memcpy(&off, offs->data + k * sizeof(off), sizeof(off));
	return vals->data + off;
}

static void sig_ref_row(void *ctx, unsigned long line, const char *const *rec)
{
	(void)line;
	struct zi_coverage_set *cs = ctx;
	cs->refs = grow(cs->refs, &cs->cap_refs, cs->nrefs + 1, sizeof(*cs->refs));
	struct zi_sig_ref *g = &cs->refs[cs->nrefs++];
	const char *v[2] = {rec[ZI_G_NIP], rec[ZI_G_DATE]};
	keep_values(&cs->sigio, &cs->io, v, 2);
	const char *doc = rec[ZI_G_DOC];
	g->doc = (signed char)(*doc ? doc_of(doc) : -1);
	g->external = !strcmp(rec[ZI_G_ROLE], "external");
}

/* Reads a signatures file into references (the hot path of status: the
 * values the coverage needs, nothing else). */
static int refs_from_file(struct zi_coverage_set *cs, const char *path, struct zi_diag *d)
{
	cs->nrefs = 0;
	zi_buf_reset(&cs->sigio);
	zi_buf_reset(&cs->io);
	int rc = zi_records_each(cs->sig_schema, path, path, &cs->raw, sig_ref_row, cs, d);
	if (rc) {
		cs->nrefs = 0;
		return rc;
	}
	for (size_t j = 0; j < cs->nrefs; j++) {
		cs->refs[j].nip = kept(&cs->sigio, &cs->io, 2 * j);
		cs->refs[j].date = kept(&cs->sigio, &cs->io, 2 * j + 1);
		cs->refs[j].day = -1;
	}
	sort_by_nip(cs->refs, cs->nrefs, sizeof(*cs->refs));
	cs->indexed = cs->computes = 0;
	return 0;
}

static void staff_ref_row(void *ctx, unsigned long line, const char *const *rec)
{
	(void)line;
	struct zi_coverage_set *cs = ctx;
	cs->srefs = grow(cs->srefs, &cs->cap_srefs, cs->nsrefs + 1, sizeof(*cs->srefs));
	struct zi_staff_ref *s = &cs->srefs[cs->nsrefs++];
	const char *v[4] = {rec[ZI_S_NIP], rec[ZI_S_NAME], rec[ZI_S_START], rec[ZI_S_END]};
	keep_values(&cs->staffio, &cs->io, v, 4);
	s->lhkpn = lhkpn_duty(rec[ZI_S_LHKPN]);
}

/* Reads a roster into references. */
static int srefs_from_file(struct zi_coverage_set *cs, const char *path, struct zi_diag *d)
{
	cs->nsrefs = 0;
	zi_buf_reset(&cs->staffio);
	zi_buf_reset(&cs->io);
	int rc = zi_records_each(cs->staff_schema, path, path, &cs->raw, staff_ref_row, cs, d);
	if (rc) {
		cs->nsrefs = 0;
		return rc;
	}
	for (size_t j = 0; j < cs->nsrefs; j++) {
		struct zi_staff_ref *s = &cs->srefs[j];
		s->nip = kept(&cs->staffio, &cs->io, 4 * j);
		s->name = kept(&cs->staffio, &cs->io, 4 * j + 1);
		s->start = kept(&cs->staffio, &cs->io, 4 * j + 2);
		s->end = kept(&cs->staffio, &cs->io, 4 * j + 3);
		s->start_day = s->end_day = -1;
	}
	sort_by_nip(cs->srefs, cs->nsrefs, sizeof(*cs->srefs));
	cs->indexed = cs->computes = 0;
	return 0;
}

int zi_coverage_unit(struct zi_store *st, const char *unit, const char *as_of, unsigned docs,
		     struct zi_coverage_set *cs, struct zi_diag *d)
{
	zi_table_release(&cs->staff);
	zi_table_release(&cs->sigs);
	cs->n = 0;
	cs->staff_gen = cs->sigs_gen = 0;
	char *rel = zi_records_rel("staff", unit, 0, d);
	char *staff = rel ? zi_store_path(st, rel) : NULL;
	int rc = rel ? zi_store_check(st, rel, d) : ZI_EINTERNAL;
	free(rel);
	rel = zi_records_rel("signatures", unit, 0, d);
	char *sigs = rel ? zi_store_path(st, rel) : NULL;
	if (rc >= 0)
		rc = rel ? zi_store_check(st, rel, d) : ZI_EINTERNAL;
	free(rel);
	if (rc < 0) {
		/* a link, a pipe or a device: said, never read */
	} else if (cs->fast) {
		/* only what the coverage needs, no tables */
		rc = srefs_from_file(cs, staff, d);
		if (!rc)
			rc = refs_from_file(cs, sigs, d);
	} else {
		rc = zi_records_read(&cs->staff, staff, staff, d);
		if (!rc) {
			srefs_from_table(cs, &cs->staff);
			cs->staff_gen = cs->staff.gen + 1;
			rc = zi_records_read(&cs->sigs, sigs, sigs, d);
		}
		if (!rc) {
			refs_from_table(cs, &cs->sigs);
			cs->sigs_gen = cs->sigs.gen + 1;
		}
	}
	free(staff);
	free(sigs);
	if (rc)
		return rc;
	cs->coi_owed = zi_coi_owed(st, unit);
	compute(cs, unit, as_of, docs);
	return 0;
}

const char *const zi_coi_owed_names[3] = {"all", "lhkpn", "none"};

static enum zi_coi_owed owed_of(json_t *v, enum zi_coi_owed dflt)
{
	const char *s = json_string_value(v);
	for (int i = 0; s && i < 3; i++)
		if (!strcmp(s, zi_coi_owed_names[i]))
			return (enum zi_coi_owed)i;
	return dflt;
}

enum zi_coi_owed zi_coi_owed(const struct zi_store *st, const char *unit)
{
	json_t *coi = json_object_get(st->manifest, "coi");
	enum zi_coi_owed all = owed_of(json_object_get(coi, "owed"), ZI_COI_ALL);
	return owed_of(json_object_get(json_object_get(coi, "units"), unit), all);
}

void zi_coi_count(const struct zi_coverage_set *cs, const char *as_of, struct zi_coi_counts *c)
{
	for (size_t i = 0; i < cs->n; i++)
		if (cs->docs[i].doc == ZI_DOC_COI) {
			c->owed += cs->docs[i].required;
			c->declared += cs->docs[i].signed_n;
		}
	const struct zi_table *st = &cs->staff, *sg = &cs->sigs;
	for (size_t r = 0; r < st->n; r++) {
		if (!zi_staff_on_roster(st, r, as_of))
			continue;
		int lhkpn = !strcmp(zi_table_get(st, r, ZI_S_LHKPN), "true");
		if (cs->coi_owed == ZI_COI_NONE || (cs->coi_owed == ZI_COI_LHKPN && !lhkpn))
			continue;
		const char *nip = zi_table_get(st, r, ZI_S_NIP);
		const char *latest = NULL, *conflict = "";
		/* signatures are sorted by nip first: from the first of this nip */
		size_t lo = zi_table_lower_bound(sg, ZI_G_NIP, nip);
		for (size_t j = lo; j < sg->n && !strcmp(zi_table_get(sg, j, ZI_G_NIP), nip); j++) {
			const char *date = zi_table_get(sg, j, ZI_G_DATE);
			if (strcmp(zi_table_get(sg, j, ZI_G_DOC), "coi") ||
			    !strcmp(zi_table_get(sg, j, ZI_G_ROLE), "external") ||
			    strcmp(date, as_of) > 0 || (latest && strcmp(date, latest) < 0))
				continue;
			latest = date;
			conflict = zi_table_get(sg, j, ZI_G_CONFLICT);
		}
		c->conflicts += latest && !strcmp(conflict, "true");
	}
}

/* zi-sign import: the rows of a spreadsheet made into signature rows. */

int zi_sign_import_init(struct zi_sign_import *is, struct zi_store *st, const char *unit,
			const char *doc, struct zi_diag *d)
{
	*is = (struct zi_sign_import){.store = st, .unit = unit, .doc = doc};
	const struct zi_schema *ss = zi_schema_get("staff", d);
	zi_table_init(&is->staff, ss);
	zi_today(is->today);
	return ss ? 0 : ZI_EINTERNAL;
}

void zi_sign_import_release(struct zi_sign_import *is)
{
	zi_table_release(&is->staff);
}

void zi_sign_import_prepare(void *ctx, struct zi_import *im, struct zi_diag *d)
{
	struct zi_sign_import *is = ctx;
	zi_records_load(is->store, "staff", is->unit, &is->staff, d);
	struct zi_table *t = &im->rows;
	for (size_t r = 0; r < t->n; r++) {
		const char *nip = zi_table_get(t, r, ZI_G_NIP);
		if (!*zi_table_get(t, r, ZI_G_DOC) && is->doc)
			zi_table_set_value(t, r, ZI_G_DOC, is->doc);
		if (!*zi_table_get(t, r, ZI_G_ROLE))
			zi_table_set_value(t, r, ZI_G_ROLE, *nip ? "staff" : "external");
		if (strcmp(zi_table_get(t, r, ZI_G_ROLE), "staff") || !*nip)
			continue;
		const char *key[1] = {nip};
		long s = zi_table_find(&is->staff, key);
		if (s < 0)
			continue;
		zi_table_set_value(t, r, ZI_G_NAME, zi_table_get(&is->staff, (size_t)s, ZI_S_NAME));
		if (!*zi_table_get(t, r, ZI_G_POSITION))
			zi_table_set_value(t, r, ZI_G_POSITION,
					   zi_table_get(&is->staff, (size_t)s, ZI_S_POSITION));
	}
	im->present[ZI_G_DOC] = im->present[ZI_G_ROLE] = im->present[ZI_G_NAME] = 1;
}

void zi_sign_import_check(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d)
{
	struct zi_sign_import *is = ctx;
	struct zi_table *t = &im->rows;
	const char *nip = zi_table_get(t, r, ZI_G_NIP);
	const char *date = zi_table_get(t, r, ZI_G_DATE);
	struct zi_verr err;
	if (!*zi_table_get(t, r, ZI_G_DOC))
		zi_import_fail(im, r, "doc", "required", d,
			       _("a value is required (or give --doc DOC for the whole file)"));
	/* conflict: yes/no as people write it, stored true/false, coi only */
	const char *conflict = zi_table_get(t, r, ZI_G_CONFLICT);
	if (*conflict) {
		int yes;
		if (zi_value_bool(conflict, &yes, &err))
			zi_import_fail(im, r, "conflict", err.code, d, "%s", err.msg);
		else if (strcmp(zi_table_get(t, r, ZI_G_DOC), "coi"))
			zi_import_fail(im, r, "conflict", "conflict-not-coi", d,
				       _("only a conflict-of-interest declaration (doc coi) says "
					 "whether there is a conflict"));
		else
			zi_table_set_value(t, r, ZI_G_CONFLICT, yes ? "true" : "false");
	}
	if (strcmp(date, is->today) > 0)
		zi_import_fail(im, r, "date", "date-future", d, _("%s is after today (%s)"), date,
			       is->today);
	if (!strcmp(zi_table_get(t, r, ZI_G_ROLE), "staff")) {
		long s;
		if (!*nip)
			zi_import_fail(im, r, "nip", "required", d,
				       _("a staff member's NIP is required (role external for "
					 "someone outside the roster)"));
		else if (zi_sign_check_signer(&is->staff, is->unit, nip, date, &s, &err))
			zi_import_fail(im, r, "nip", err.code, d, "%s", err.msg);
	} else if (!*zi_table_get(t, r, ZI_G_NAME)) {
		zi_import_fail(im, r, "name", "required", d, _("an external signer needs a name"));
	}
	const char *ev = zi_table_get(t, r, ZI_G_EVIDENCE);
	if (!*ev)
		return;
	char *rel;
	if (zi_evidence_resolve(is->store->dir, ev, &rel, &err)) {
		zi_import_fail(im, r, "evidence", err.code, d, "%s", err.msg);
		return;
	}
	char *full = zi_store_path(is->store, rel);
	char sha[65];
	if (zi_sha256_file(full, sha, d) == 0) {
		const char *given = zi_table_get(t, r, ZI_G_SHA256);
		if (*given && strcmp(given, sha))
			zi_import_fail(im, r, "sha256", "evidence-changed", d,
				       _("%s has digest %s, not the %s given"), rel, sha, given);
		else {
			zi_table_set_value(t, r, ZI_G_EVIDENCE, rel);
			zi_table_set_value(t, r, ZI_G_SHA256, sha);
			im->present[ZI_G_SHA256] = 1;
		}
	} else {
		zi_import_fail(im, r, "evidence", "evidence-unreadable", d, _("cannot read %s"),
			       rel);
	}
	free(full);
	free(rel);
}

/* zi-sign status: coverage as text, CSV or JSON. */

static void json_str(struct zi_buf *b, const char *s)
{
	zi_buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			zi_buf_adds(b, "\\\"");
			break;
		case '\\':
			zi_buf_adds(b, "\\\\");
			break;
		case '\n':
			zi_buf_adds(b, "\\n");
			break;
		case '\t':
			zi_buf_adds(b, "\\t");
			break;
		case '\r':
			zi_buf_adds(b, "\\r");
			break;
		default:
			if (*p < 0x20)
				zi_buf_printf(b, "\\u%04x", *p);
			else
				zi_buf_addc(b, (char)*p);
		}
	}
	zi_buf_addc(b, '"');
}

/* Two decimals, as a JSON number without needless zeros: 66.67, 50.5, 100.
 * No data (nobody owes the document, NAN) is null in JSON, "-" in text
 * (fixed 1) and empty in CSV (fixed 2): never 100. */
static void percent_text(double p, char *out, size_t outsz, int fixed)
{
	if (isnan(p)) {
		snprintf(out, outsz, "%s", fixed == 2 ? "" : fixed ? "-" : "null");
		return;
	}
	snprintf(out, outsz, "%.2f", round(p * 100) / 100);
	if (fixed)
		return;
	char *dot = strchr(out, '.');
	if (!dot)
		return;
	char *e = out + strlen(out);
	while (e > dot + 1 && e[-1] == '0')
		*--e = 0;
	if (e == dot + 1)
		*dot = 0;
}

size_t zi_coverage_render(struct zi_buf *b, const struct zi_coverage_set *cs, const char *fmt,
			  int unit_width)
{
	size_t objects = 0;
	char pct[32];
	for (size_t i = 0; i < cs->n; i++) {
		const struct zi_coverage *c = &cs->docs[i];
		if (!strcmp(fmt, "json")) {
			percent_text(c->percent, pct, sizeof(pct), 0);
			zi_buf_adds(b, objects++ ? ",\n  {\n    \"unit\": " : "  {\n    \"unit\": ");
			json_str(b, c->unit);
			zi_buf_printf(b,
				      ",\n    \"doc\": \"%s\",\n    \"required\": %lu,\n    "
				      "\"signed\": "
				      "%lu,\n    \"percent\": %s,\n    \"missing\": ",
				      zi_doc_names[c->doc], c->required, c->signed_n, pct);
			if (!c->nmissing)
				zi_buf_adds(b, "[]");
			for (size_t m = 0; m < c->nmissing; m++) {
				zi_buf_adds(b, m ? ",\n      {\n        \"nip\": "
						 : "[\n      {\n        \"nip\": ");
				json_str(b, c->missing[m].nip);
				zi_buf_adds(b, ",\n        \"name\": ");
				json_str(b, c->missing[m].name);
				zi_buf_adds(b, "\n      }");
			}
			if (c->nmissing)
				zi_buf_adds(b, "\n    ]");
			zi_buf_adds(b, "\n  }");
		} else if (!strcmp(fmt, "csv")) {
			percent_text(c->percent, pct, sizeof(pct), 2);
			zi_csv_add_field_safe(b, c->unit);
			zi_buf_printf(b, ",%s,%lu,%lu,%s,", zi_doc_names[c->doc], c->required,
				      c->signed_n, pct);
			struct zi_buf m;
			zi_buf_init(&m);
			for (size_t k = 0; k < c->nmissing; k++) {
				if (k)
					zi_buf_adds(&m, " | ");
				zi_buf_adds(&m, c->missing[k].nip);
			}
			zi_csv_add_field_safe(b, m.data ? m.data : "");
			zi_buf_release(&m);
			zi_buf_addc(b, '\n');
		} else {
			percent_text(c->percent, pct, sizeof(pct), 1);
			zi_buf_printf(b, "%-*s  %-11s  %8lu  %8lu  %7s\n", unit_width, c->unit,
				      zi_doc_names[c->doc], c->required, c->signed_n, pct);
			for (size_t k = 0; k < c->nmissing; k++)
				zi_buf_printf(b, "%*s    %s %s  %s\n", unit_width, "",
					      _("missing:"), c->missing[k].nip, c->missing[k].name);
		}
	}
	return objects;
}

int zi_sign_upsert(struct zi_table *sigs, const char **row)
{
	const char *key[4] = {row[ZI_G_NIP], row[ZI_G_NAME], row[ZI_G_DOC], row[ZI_G_DATE]};
	long at = zi_table_find(sigs, key);
	if (at < 0) {
		zi_table_add(sigs, row, 0);
		zi_table_sort(sigs);
		return ZI_SIGN_ADDED;
	}
	/* a second add of the same signature keeps what it does not say */
	const char *old[ZI_G_CONFLICT + 1];
	zi_table_row(sigs, (size_t)at, old);
	for (int f = ZI_G_POSITION; f <= ZI_G_CONFLICT; f++)
		if (!*row[f] && f != ZI_G_ROLE)
			row[f] = old[f];
	int same = 1;
	for (int f = 0; f <= ZI_G_CONFLICT; f++)
		same &= !strcmp(row[f], old[f]);
	if (same)
		return ZI_SIGN_UNCHANGED;
	zi_table_set(sigs, (size_t)at, row);
	return ZI_SIGN_UPDATED;
}

/* zi-sign coi: the counts as text, CSV or JSON. */

static json_t *coi_json(const struct zi_coi_unit *per, size_t n, const struct zi_coi_counts *total,
			const char *as_of, const char *instansi)
{
	json_t *ja = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "unit", json_string(per[i].id));
		json_object_set_new(o, "owed", json_integer((json_int_t)per[i].c.owed));
		json_object_set_new(o, "owed_by", json_string(zi_coi_owed_names[per[i].owed_by]));
		json_object_set_new(o, "declared", json_integer((json_int_t)per[i].c.declared));
		json_object_set_new(o, "conflicts", json_integer((json_int_t)per[i].c.conflicts));
		json_array_append_new(ja, o);
	}
	json_t *o = json_object();
	json_object_set_new(o, "instansi", json_string(instansi ? instansi : ""));
	json_object_set_new(o, "as_of", json_string(as_of));
	json_object_set_new(o, "owed", json_integer((json_int_t)total->owed));
	json_object_set_new(o, "declared", json_integer((json_int_t)total->declared));
	json_object_set_new(o, "conflicts", json_integer((json_int_t)total->conflicts));
	json_object_set_new(o, "units", ja);
	return o;
}

/* The percent declared, "" when nobody owes (no data, never 100). */
static void coi_percent(const struct zi_coi_counts *c, char out[24])
{
	if (c->owed)
		snprintf(out, 24, "%.2f", 100.0 * (double)c->declared / (double)c->owed);
	else
		out[0] = 0;
}

void zi_coi_render(struct zi_buf *b, const struct zi_coi_unit *per, size_t n,
		   const struct zi_coi_counts *total, const char *as_of, const char *instansi,
		   const char *fmt)
{
	if (!strcmp(fmt, "json")) {
		json_t *o = coi_json(per, n, total, as_of, instansi);
		zi_json_dump(o, b);
		json_decref(o);
		return;
	}
	int csv = !strcmp(fmt, "csv");
	static const char *const hdr[5] = {N_("unit"), N_("owed"), N_("declared"), N_("percent"),
					   N_("conflicts")};
	const char **cells = zi_xmalloc((n + 1) * 5 * sizeof(char *));
	char(*nums)[4][24] = zi_xcalloc(n + 1, sizeof(*nums));
	for (int k = 0; k < 5; k++)
		cells[k] = _(hdr[k]);
	if (csv)
		zi_buf_adds(b, "unit,owed,declared,percent,conflicts\n");
	for (size_t i = 0; i < n; i++) {
		const struct zi_coi_counts *c = &per[i].c;
		snprintf(nums[i][0], 24, "%lu", c->owed);
		snprintf(nums[i][1], 24, "%lu", c->declared);
		coi_percent(c, nums[i][2]);
		snprintf(nums[i][3], 24, "%lu", c->conflicts);
		const char *row[5] = {per[i].id, nums[i][0], nums[i][1],
				      *nums[i][2] ? nums[i][2] : "-", nums[i][3]};
		memcpy(cells + (i + 1) * 5, row, sizeof(row));
		if (csv) {
			zi_csv_add_field_safe(b, per[i].id);
			zi_buf_printf(b, ",%s,%s,%s,%s\n", row[1], row[2], nums[i][2], row[4]);
		}
	}
	char pct[24];
	coi_percent(total, pct);
	if (csv)
		zi_buf_printf(b, ",%lu,%lu,%s,%lu\n", total->owed, total->declared, pct,
			      total->conflicts);
	else {
		zi_text_align(b, "", cells, n + 1, 5, NULL);
		zi_buf_printf(b,
			      _("instansi on %s: must declare %lu, declared %lu, actual conflicts "
				"declared %lu\n"),
			      as_of, total->owed, total->declared, total->conflicts);
	}
	free(cells);
	free(nums);
}

/* zi-sign add: the entry made a signature row. */

int zi_sign_date_check(const char *date, struct zi_diag *d)
{
	return zi_entry_date_check(date, _("a document is recorded once it is signed"), d);
}

/* The values that need no records: document, conflict, NIP, date. */
static int entry_check(struct zi_sign_entry *e, struct zi_diag *d)
{
	struct zi_verr err = {0};
	const char *field = NULL;
	int conflict = 0;
	if (zi_value_doc(e->doc, &e->doc_id, &err))
		field = "doc";
	else if (e->conflict && zi_value_bool(e->conflict, &conflict, &err))
		field = "conflict";
	else if (e->nip && zi_value_nip(e->nip, e->nip_id, &err))
		field = "nip";
	if (field) {
		zi_diag_error(d, NULL, 0, field, err.code, "%s", err.msg);
		return ZI_EDATA;
	}
	if (e->conflict)
		e->conflict = conflict ? "true" : "false";
	return zi_sign_date_check(e->date, d);
}

/* The signer's values: normalised, and for staff the roster's. */
static int entry_signer(struct zi_sign_entry *e, const struct zi_table *staff,
			struct zi_buf *position, struct zi_buf *witness, struct zi_diag *d)
{
	const struct zi_schema *gs = zi_schema_get("signatures", d);
	if (!gs)
		return ZI_EINTERNAL;
	int rc = zi_edit_value(gs, ZI_G_NAME, e->name, &e->signer, d);
	if (!rc)
		rc = zi_edit_value(gs, ZI_G_POSITION, e->position, position, d);
	if (!rc)
		rc = zi_edit_value(gs, ZI_G_WITNESS, e->witness, witness, d);
	if (rc || e->external)
		return rc;
	long r;
	struct zi_verr err = {0};
	if (zi_sign_check_signer(staff, e->unit, e->nip_id, e->date, &r, &err)) {
		zi_diag_error(d, NULL, 0, "nip", err.code, "%s", err.msg);
		return ZI_EDATA;
	}
	/* the roster's name keeps the key the same whoever types it */
	zi_buf_reset(&e->signer);
	zi_buf_adds(&e->signer, zi_table_get(staff, (size_t)r, ZI_S_NAME));
	if (!*position->data)
		zi_buf_adds(position, zi_table_get(staff, (size_t)r, ZI_S_POSITION));
	return 0;
}

int zi_sign_add(struct zi_store *st, struct zi_sign_entry *e, double wait, struct zi_diag *d)
{
	zi_buf_init(&e->signer);
	e->nip_id[0] = 0;
	int rc = entry_check(e, d);
	if (rc || (rc = zi_store_lock(st, wait, d)) || (rc = zi_unit_require(st, e->unit, 1, d)))
		return rc;
	struct zi_table staff, sigs;
	struct zi_buf position, witness;
	zi_buf_init(&position);
	zi_buf_init(&witness);
	char *evidence = NULL, sha[65] = "";
	rc = zi_records_load(st, "staff", e->unit, &staff, d);
	if (!rc)
		rc = zi_records_load(st, "signatures", e->unit, &sigs, d);
	else
		zi_table_init(&sigs, NULL);
	if (!rc)
		rc = entry_signer(e, &staff, &position, &witness, d);
	if (!rc && e->evidence)
		rc = zi_evidence_put(st, e->unit, e->evidence, &evidence, sha, d);
	if (!rc) {
		const char *row[ZI_G_CONFLICT + 1] =
			{e->nip_id,	e->doc_id,
			 e->date,	e->signer.data,
			 position.data, e->external ? "external" : "staff",
			 witness.data,	evidence ? evidence : "",
			 sha,		e->conflict ? e->conflict : ""};
		e->what = zi_sign_upsert(&sigs, row);
		char *rel = zi_unit_file("signatures", e->unit, ".csv");
		if (e->what != ZI_SIGN_UNCHANGED)
			rc = zi_store_put_table(st, rel, &sigs, d);
		free(rel);
	}
	free(evidence);
	zi_buf_release(&position);
	zi_buf_release(&witness);
	zi_table_release(&staff);
	zi_table_release(&sigs);
	return rc;
}

void zi_sign_entry_release(struct zi_sign_entry *e)
{
	zi_buf_release(&e->signer);
}

int zi_coi_units(struct zi_store *st, const struct zi_table *units, const char *as_of,
		 struct zi_coi_unit **per, size_t *n, struct zi_coi_counts *total, struct zi_diag *d)
{
	struct zi_coverage_set cs;
	int rc = zi_coverage_init(&cs, d);
	*per = zi_xcalloc(units->n + 1, sizeof(**per));
	*n = 0;
	for (size_t r = 0; r < units->n && !rc; r++) {
		if (!strcmp(zi_table_get(units, r, ZI_U_RETIRED), "true"))
			continue;
		struct zi_coi_unit *u = &(*per)[*n];
		u->id = zi_table_get(units, r, ZI_U_ID);
		rc = zi_coverage_unit(st, u->id, as_of, 1u << ZI_DOC_COI, &cs, d);
		if (rc)
			break;
		zi_coi_count(&cs, as_of, &u->c);
		u->owed_by = cs.coi_owed;
		total->owed += u->c.owed;
		total->declared += u->c.declared;
		total->conflicts += u->c.conflicts;
		++*n;
	}
	zi_coverage_release(&cs); /* safe after a failed init: all zero */
	return rc;
}
