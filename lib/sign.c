#include "sign.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "units.h"

/* What the coverage needs of a signature, pointing into a table or a buffer. */
struct zi_sig_ref {
	const char *nip, *date;
	signed char doc; /* enum zi_doc, -1 when unknown */
	signed char external;
};

/* What the coverage needs of a roster row. */
struct zi_staff_ref {
	const char *nip, *name, *start, *end;
	int lhkpn;
};

const char *const zi_doc_names[ZI_DOC_COUNT] = {"pakta", "gratifikasi", "lhkpn", "lhkasn"};

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
		return !strcmp(s, "lhkpn") ? ZI_DOC_LHKPN : !strcmp(s, "lhkasn") ? ZI_DOC_LHKASN : -1;
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
			 _("NIP %s signed on %s, before starting at %s on %s (roster staff/%s.csv)"),
			 nip, date, unit, start, unit);
	} else {
		err->code = "date-after-end";
		snprintf(err->msg, sizeof(err->msg),
			 _("NIP %s signed on %s, after leaving %s on %s (roster staff/%s.csv)"), nip,
			 date, unit, end, unit);
	}
	return ZI_EDATA;
}

/* Fast reading of canonical CSV */

/* The whole file into b (reset first), NUL-terminated. */
static int read_file(const char *path, struct zi_buf *b)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return -1;
	}
	zi_buf_reset(b);
	zi_buf_reserve(b, (size_t)sb.st_size + 2);
	for (;;) {
		if (b->cap - b->len < 2)
			zi_buf_reserve(b, b->cap);
		ssize_t got = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (got == 0)
			break;
		b->len += (size_t)got;
	}
	close(fd);
	b->data[b->len] = 0;
	return 0;
}

/* Splits the record at *pp in place (quotes undone) into fields; returns the
 * count, or -1 on malformed quotes. *lines counts the line breaks consumed. */
static long split_record(char **pp, char *end, char ***fields, size_t *cap,
			 unsigned long *lines)
{
	char *p = *pp;
	size_t n = 0;
	for (;;) {
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*fields = zi_xrealloc(*fields, *cap * sizeof(char *));
		}
		char *start = p;
		(*fields)[n++] = start;
		if (p < end && *p == '"') {
			char *w = p;
			p++;
			for (;;) {
				char *q = memchr(p, '"', (size_t)(end - p));
				if (!q)
					return -1;
				for (char *nl = p; (nl = memchr(nl, '\n', (size_t)(q - nl))); nl++)
					(*lines)++;
				if (w != p)
					memmove(w, p, (size_t)(q - p));
				w += q - p;
				p = q + 1;
				if (p < end && *p == '"') {
					*w++ = '"';
					p++;
					continue;
				}
				break;
			}
			*w = 0;
			if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
				p++;
			if (p >= end || *p == '\n') {
				*pp = p < end ? p + 1 : p;
				(*lines)++;
				return (long)n;
			}
			if (*p != ',')
				return -1;
			p++;
			continue;
		}
		/* the buffer ends in a NUL, which stops the scan too */
		p += strcspn(p, ",\n\"");
		if (p < end && *p == '"')
			return -1;
		if (p >= end || *p == '\n') {
			char *stop = p;
			if (stop > start && stop[-1] == '\r')
				stop--;
			*stop = 0;
			*pp = p < end ? p + 1 : p;
			(*lines)++;
			return (long)n;
		}
		*p++ = 0;
	}
}

/* A line without quotes splits at its commas: the common case, and fast. */
static long split_plain(char **pp, char *end, char ***fields, size_t *cap)
{
	char *p = *pp;
	char *nl = memchr(p, '\n', (size_t)(end - p));
	char *stop = nl ? nl : end;
	if (memchr(p, '"', (size_t)(stop - p)))
		return -2;
	size_t n = 0;
	for (;;) {
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*fields = zi_xrealloc(*fields, *cap * sizeof(char *));
		}
		(*fields)[n++] = p;
		char *c = memchr(p, ',', (size_t)(stop - p));
		if (!c)
			break;
		*c = 0;
		p = c + 1;
	}
	if (stop > *pp && stop[-1] == '\r')
		stop[-1] = 0;
	*stop = 0;
	*pp = nl ? nl + 1 : end;
	return (long)n;
}

int zi_records_load(struct zi_table *t, const char *path, const char *name, struct zi_diag *d)
{
	return zi_records_load_fields(t, path, name, NULL, NULL, d);
}

int zi_records_load_fields(struct zi_table *t, const char *path, const char *name,
			   const unsigned char *keep, struct zi_buf *scratch, struct zi_diag *d)
{
	struct zi_buf own;
	zi_buf_init(&own);
	struct zi_buf *io = scratch ? scratch : &own;
	name = name ? name : path;
	if (read_file(path, io) != 0) {
		int e = errno;
		zi_buf_release(&own);
		if (e == ENOENT)
			return 0;
		zi_diag_error(d, name, 0, NULL, "io-read", _("cannot read: %s"), strerror(e));
		return ZI_EIO;
	}
	const struct zi_schema *s = t->schema;
	char *p = io->data, *end = io->data + io->len;
	if (io->len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	char **fields = NULL;
	size_t cap = 0, ncols = 0;
	int *col_to_field = NULL;
	const char **vals = zi_xcalloc(s->nfields + 1, sizeof(char *));
	unsigned long line = 1;
	int rc = 0, header = 1;
	while (p < end) {
		if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')) {
			p += *p == '\r' ? 2 : 1;
			line++;
			continue;
		}
		unsigned long at = line;
		long n = split_plain(&p, end, &fields, &cap);
		if (n == -2)
			n = split_record(&p, end, &fields, &cap, &line);
		else
			line++;
		if (n < 0) {
			rc = -1; /* the careful reader says what is wrong */
			break;
		}
		if (header) {
			header = 0;
			ncols = (size_t)n;
			col_to_field = zi_xmalloc((ncols + 1) * sizeof(int));
			for (size_t i = 0; i < ncols; i++) {
				col_to_field[i] = zi_schema_field(s, fields[i]);
				if (col_to_field[i] < 0) {
					zi_diag_error(d, name, at, fields[i], "column-unknown",
						      _("unknown column in a records file"));
					rc = ZI_EDATA;
				} else if (keep && !keep[col_to_field[i]]) {
					col_to_field[i] = -2;
				}
			}
			continue;
		}
		if ((size_t)n != ncols) {
			zi_diag_error(d, name, at, NULL, "row-width",
				      _("%zu fields, the header has %zu"), (size_t)n, ncols);
			rc = ZI_EDATA;
			continue;
		}
		if (rc)
			continue;
		for (size_t i = 0; i < s->nfields; i++)
			vals[i] = "";
		for (size_t i = 0; i < ncols; i++)
			if (col_to_field[i] >= 0)
				vals[col_to_field[i]] = fields[i];
		zi_table_add(t, vals, at);
	}
	free(fields);
	free(col_to_field);
	free(vals);
	zi_buf_release(&own);
	if (rc == -1) {
		zi_table_release(t);
		return zi_table_load(t, path, name, 1, d);
	}
	if (rc == 0)
		zi_table_sort(t);
	return rc;
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
	memset(cs, 0, sizeof(*cs));
}

static struct zi_sig_ref *refs_reserve(struct zi_coverage_set *cs, size_t n)
{
	if (n > cs->cap_refs) {
		cs->cap_refs = n > 2 * cs->cap_refs ? n : 2 * cs->cap_refs;
		cs->refs = zi_xrealloc(cs->refs, cs->cap_refs * sizeof(*cs->refs));
	}
	return cs->refs;
}

static int cmp_ref(const void *a, const void *b)
{
	return strcmp(((const struct zi_sig_ref *)a)->nip, ((const struct zi_sig_ref *)b)->nip);
}

/* The references in NIP order (a table sorted by key is already). */
static void refs_sort(struct zi_coverage_set *cs)
{
	for (size_t i = 1; i < cs->nrefs; i++)
		if (strcmp(cs->refs[i - 1].nip, cs->refs[i].nip) > 0) {
			qsort(cs->refs, cs->nrefs, sizeof(*cs->refs), cmp_ref);
			return;
		}
}

static void refs_from_table(struct zi_coverage_set *cs, const struct zi_table *sigs)
{
	refs_reserve(cs, sigs->n + 1);
	for (size_t j = 0; j < sigs->n; j++)
		cs->refs[j] = (struct zi_sig_ref){
			zi_table_get(sigs, j, ZI_G_NIP), zi_table_get(sigs, j, ZI_G_DATE),
			(signed char)doc_of(zi_table_get(sigs, j, ZI_G_DOC)),
			!strcmp(zi_table_get(sigs, j, ZI_G_ROLE), "external")};
	cs->nrefs = sigs->n;
	refs_sort(cs);
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

static struct zi_staff_ref *srefs_reserve(struct zi_coverage_set *cs, size_t n)
{
	if (n > cs->cap_srefs) {
		cs->cap_srefs = n > 2 * cs->cap_srefs ? n : 2 * cs->cap_srefs;
		cs->srefs = zi_xrealloc(cs->srefs, cs->cap_srefs * sizeof(*cs->srefs));
	}
	return cs->srefs;
}

static int cmp_sref(const void *a, const void *b)
{
	return strcmp(((const struct zi_staff_ref *)a)->nip, ((const struct zi_staff_ref *)b)->nip);
}

static void srefs_sort(struct zi_coverage_set *cs)
{
	for (size_t i = 1; i < cs->nsrefs; i++)
		if (strcmp(cs->srefs[i - 1].nip, cs->srefs[i].nip) > 0) {
			qsort(cs->srefs, cs->nsrefs, sizeof(*cs->srefs), cmp_sref);
			return;
		}
}

static void srefs_from_table(struct zi_coverage_set *cs, const struct zi_table *staff)
{
	srefs_reserve(cs, staff->n + 1);
	for (size_t r = 0; r < staff->n; r++)
		cs->srefs[r] = (struct zi_staff_ref){
			zi_table_get(staff, r, ZI_S_NIP), zi_table_get(staff, r, ZI_S_NAME),
			zi_table_get(staff, r, ZI_S_START), zi_table_get(staff, r, ZI_S_END),
			!strcmp(zi_table_get(staff, r, ZI_S_LHKPN), "true")};
	cs->nsrefs = staff->n;
	srefs_sort(cs);
}

static void compute(struct zi_coverage_set *cs, const char *unit, const char *as_of, unsigned docs)
{
	if (!cs->unit || strcmp(cs->unit, unit)) {
		free(cs->unit);
		cs->unit = zi_xstrdup(unit);
	}
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
	size_t nrefs = cs->nrefs, from = 0;
	/* both are in NIP order: one walk through each */
	for (size_t r = 0; r < cs->nsrefs; r++) {
		const struct zi_staff_ref *sr = &cs->srefs[r];
		/* on the roster: start <= as_of < end (the first day off) */
		if ((*sr->start && strcmp(sr->start, as_of) > 0) ||
		    (*sr->end && strcmp(sr->end, as_of) <= 0))
			continue;
		const char *nip = sr->nip;
		const char *start = sr->start;
		int lhkpn = sr->lhkpn;
		unsigned done = 0;
		if (from > 0 && strcmp(refs[from - 1].nip, nip) >= 0)
			from = lower_bound_nip(refs, nrefs, nip); /* the roster is not in NIP order */
		while (from < nrefs && strcmp(refs[from].nip, nip) < 0)
			from++;
		for (size_t j = from; j < nrefs && !strcmp(refs[j].nip, nip); j++) {
			const char *date = refs[j].date;
			int doc = refs[j].doc;
			if (doc < 0 || refs[j].external || strcmp(date, as_of) > 0)
				continue;
			if (doc == ZI_DOC_PAKTA && *start && strcmp(date, start) < 0)
				continue; /* signed for an earlier posting */
			done |= 1u << doc;
		}
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			if (entry_of[k] < 0 || (k == ZI_DOC_LHKPN && !lhkpn) ||
			    (k == ZI_DOC_LHKASN && lhkpn))
				continue;
			struct zi_coverage *e = &cs->docs[entry_of[k]];
			e->required++;
			if (done & (1u << k))
				e->signed_n++;
			else
				e->missing[e->nmissing++] = (struct zi_person){nip, sr->name};
		}
	}
	for (size_t i = 0; i < cs->n; i++) {
		struct zi_coverage *e = &cs->docs[i];
		e->percent = e->required ? 100.0 * (double)e->signed_n / (double)e->required : 100.0;
	}
}

void zi_coverage_compute(struct zi_coverage_set *cs, const struct zi_table *staff,
			 const struct zi_table *sigs, const char *unit, const char *as_of,
			 unsigned docs)
{
	refs_from_table(cs, sigs);
	srefs_from_table(cs, staff);
	compute(cs, unit, as_of, docs);
}

/* Reads a signatures file straight into references (the hot path of status:
 * no copy of any value). Returns 0, or -1 when the file is not plain
 * canonical CSV: the careful reader then reports what is wrong. */
static int refs_from_file(struct zi_coverage_set *cs, const char *path)
{
	cs->nrefs = 0;
	if (read_file(path, &cs->sigio) != 0)
		return errno == ENOENT ? 0 : -1;
	char *p = cs->sigio.data, *end = p + cs->sigio.len;
	char **fields = NULL;
	size_t cap = 0, ncols = 0;
	long col[4] = {-1, -1, -1, -1}; /* nip, doc, date, role */
	static const char *const names[4] = {"nip", "doc", "date", "role"};
	unsigned long line = 1;
	int rc = 0, header = 1;
	while (p < end && rc == 0) {
		if (*p == '\n') {
			p++;
			continue;
		}
		long n = split_plain(&p, end, &fields, &cap);
		if (n == -2)
			n = split_record(&p, end, &fields, &cap, &line);
		if (n < 0) {
			rc = -1;
			break;
		}
		if (header) {
			header = 0;
			ncols = (size_t)n;
			for (size_t i = 0; i < ncols; i++) {
				int f = zi_schema_field(cs->sig_schema, fields[i]);
				if (f < 0)
					rc = -1;
				for (int k = 0; k < 4; k++)
					if (!strcmp(fields[i], names[k]))
						col[k] = (long)i;
			}
			continue;
		}
		if ((size_t)n != ncols) {
			rc = -1;
			break;
		}
		refs_reserve(cs, cs->nrefs + 1);
		struct zi_sig_ref *r = &cs->refs[cs->nrefs++];
		r->nip = col[0] >= 0 ? fields[col[0]] : "";
		r->doc = (signed char)(col[1] >= 0 ? doc_of(fields[col[1]]) : -1);
		r->date = col[2] >= 0 ? fields[col[2]] : "";
		r->external = col[3] >= 0 && !strcmp(fields[col[3]], "external");
	}
	free(fields);
	if (rc == 0)
		refs_sort(cs);
	return rc;
}

/* Reads a roster straight into references; -1 when the file is not plain
 * canonical CSV (the careful reader then reports what is wrong). */
static int srefs_from_file(struct zi_coverage_set *cs, const char *path)
{
	cs->nsrefs = 0;
	if (read_file(path, &cs->staffio) != 0)
		return errno == ENOENT ? 0 : -1;
	char *p = cs->staffio.data, *end = p + cs->staffio.len;
	char **fields = NULL;
	size_t cap = 0, ncols = 0;
	long col[5] = {-1, -1, -1, -1, -1}; /* nip, name, start, end, lhkpn */
	static const char *const names[5] = {"nip", "name", "start", "end", "lhkpn"};
	unsigned long line = 1;
	int rc = 0, header = 1;
	while (p < end && rc == 0) {
		if (*p == '\n') {
			p++;
			continue;
		}
		long n = split_plain(&p, end, &fields, &cap);
		if (n == -2)
			n = split_record(&p, end, &fields, &cap, &line);
		if (n < 0) {
			rc = -1;
			break;
		}
		if (header) {
			header = 0;
			ncols = (size_t)n;
			for (size_t i = 0; i < ncols; i++) {
				if (zi_schema_field(cs->staff_schema, fields[i]) < 0)
					rc = -1;
				for (int k = 0; k < 5; k++)
					if (!strcmp(fields[i], names[k]))
						col[k] = (long)i;
			}
			continue;
		}
		if ((size_t)n != ncols) {
			rc = -1;
			break;
		}
		srefs_reserve(cs, cs->nsrefs + 1);
		struct zi_staff_ref *r = &cs->srefs[cs->nsrefs++];
		r->nip = col[0] >= 0 ? fields[col[0]] : "";
		r->name = col[1] >= 0 ? fields[col[1]] : "";
		r->start = col[2] >= 0 ? fields[col[2]] : "";
		r->end = col[3] >= 0 ? fields[col[3]] : "";
		r->lhkpn = col[4] >= 0 && !strcmp(fields[col[4]], "true");
	}
	free(fields);
	if (rc == 0)
		srefs_sort(cs);
	return rc;
}

int zi_coverage_unit(struct zi_store *st, const char *unit, const char *as_of, unsigned docs,
		     struct zi_coverage_set *cs, struct zi_diag *d)
{
	zi_table_release(&cs->staff);
	zi_table_release(&cs->sigs);
	cs->n = 0;
	char *rel = zi_xasprintf("staff/%s.csv", unit);
	char *staff = zi_store_path(st, rel);
	free(rel);
	rel = zi_xasprintf("signatures/%s.csv", unit);
	char *sigs = zi_store_path(st, rel);
	free(rel);
	int rc = 0;
	/* fast: references into the files' bytes; a file that is not plain
	 * canonical CSV goes through the careful reader, which says what is
	 * wrong */
	if (!cs->fast || srefs_from_file(cs, staff) != 0) {
		rc = zi_records_load_fields(&cs->staff, staff, staff, NULL, &cs->io, d);
		if (!rc)
			srefs_from_table(cs, &cs->staff);
	}
	if (!rc && (!cs->fast || refs_from_file(cs, sigs) != 0)) {
		rc = zi_records_load_fields(&cs->sigs, sigs, sigs, NULL, &cs->io, d);
		if (!rc)
			refs_from_table(cs, &cs->sigs);
	}
	free(staff);
	free(sigs);
	if (rc)
		return rc;
	compute(cs, unit, as_of, docs);
	return 0;
}
