#include "survey.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "schema.h"
#include "values.h"

static const char *const kind_names[] = {"ikm", "ipak", "ipkp"};

int zi_survey_kind_parse(const char *s, enum zi_survey_kind *out)
{
	for (int i = 0; i < 3; i++)
		if (zi_strcaseeq(s, kind_names[i])) {
			*out = (enum zi_survey_kind)i;
			return 0;
		}
	return -1;
}

const char *zi_survey_kind_name(enum zi_survey_kind k)
{
	return kind_names[k];
}

char *zi_survey_file(const char *unit, int year, enum zi_survey_kind k)
{
	return zi_xasprintf("surveys/%d/%s-%s.csv", year, unit, kind_names[k]);
}

void zi_survey_init(struct zi_survey *s, enum zi_survey_kind kind, int keep)
{
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->keep = keep;
	zi_buf_init(&s->canon);
}

void zi_survey_release(struct zi_survey *s)
{
	zi_buf_release(&s->canon);
	memset(s, 0, sizeof(*s));
}

double zi_ikm_skm(const double *nrr)
{
	double sum = 0;
	for (int i = 0; i < ZI_IKM_ELEMENTS; i++)
		sum += nrr[i];
	return sum / ZI_IKM_ELEMENTS; /* exactly 1/9 each, never 0.11 */
}

char zi_ikm_grade(double ikm)
{
	return ikm < 65 ? 'D' : ikm < 76.61 ? 'C' : ikm < 88.31 ? 'B' : 'A';
}

double zi_survey_part(double value, double weight)
{
	return value / 4 * weight;
}

void zi_survey_finish(struct zi_survey *s)
{
	double sum = 0;
	for (size_t e = 0; e < s->nelem; e++) {
		s->mean[e] = s->n ? (double)s->sum[e] / (double)s->n : 0;
		sum += s->mean[e];
	}
	s->value = s->nelem ? sum / (double)s->nelem : 0;
	if (s->kind == ZI_SURVEY_IKM && s->nelem == ZI_IKM_ELEMENTS) {
		s->skm = zi_ikm_skm(s->mean);
		s->ikm = s->skm * 25;
		s->grade = zi_ikm_grade(s->ikm);
	}
}

/* One response, compact: respondent, line, date and its place in the
 * element array. Most respondents are numbers: those compare as their
 * decimal text without making it (padded to 19 digits, then shorter first),
 * so "10" < "9" as in every records file; only the others keep their text.
 * The canonical text is written once, in key order, at the end. */
struct resp {
	uint64_t num;
	const char *key; /* NULL for a number */
	uint32_t line, idx, date; /* date as YYYYMMDD, 0 when none */
	unsigned char nd;
};

static const uint64_t pow10_tab[20] = {
	1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
	100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
	10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
	100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull};

static int cmp_key(const struct resp *x, const struct resp *y)
{
	if (!x->key && !y->key) {
		uint64_t a = x->num * pow10_tab[19 - x->nd], b = y->num * pow10_tab[19 - y->nd];
		if (a != b)
			return a < b ? -1 : 1;
		return x->nd < y->nd ? -1 : x->nd > y->nd;
	}
	char bx[24], by[24];
	const char *kx = x->key, *ky = y->key;
	if (!kx) {
		snprintf(bx, sizeof(bx), "%llu", (unsigned long long)x->num);
		kx = bx;
	}
	if (!ky) {
		snprintf(by, sizeof(by), "%llu", (unsigned long long)y->num);
		ky = by;
	}
	return strcmp(kx, ky);
}

struct rctx {
	struct zi_survey *s;
	const char *name;
	struct zi_diag *d;
	struct zi_schema *schema; /* for the element names */
	int header_seen, header_bad;
	size_t ncols;
	int *col;         /* per column: -1 ignored, -2 respondent, -3 date, else element */
	int resp_col, date_col;
	int *elem_col;    /* per element: its column */
	/* respondents are numbers; usually 1, 2, 3... in order, when nothing
	 * needs sorting and no number can repeat */
	int sorted;
	struct resp *resp;
	size_t nresp, capresp;
	struct zi_arena keys;
	unsigned char *elems; /* nelem values per stored response */
	int all_num;
	size_t capresp_elems;
	int bad;
};

/* "u1", "unsur1", "u01", "unsur01" -> 1; 0 when it is not that form. */
static int element_number(const char *folded)
{
	const char *p = folded;
	if (!strncmp(p, "unsur", 5))
		p += 5;
	else if (*p == 'u')
		p++;
	else
		return 0;
	if (!*p || strlen(p) > 3)
		return 0;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return 0;
	return atoi(p);
}

static int header(struct rctx *c, unsigned long line, char **fields, size_t n)
{
	struct zi_survey *s = c->s;
	c->header_seen = 1;
	c->ncols = n;
	c->col = zi_xcalloc(n + 1, sizeof(int));
	c->resp_col = c->date_col = -1;
	int seen[ZI_SURVEY_MAX + 1] = {0};
	int maxe = 0;
	for (size_t i = 0; i < n; i++) {
		char f[256];
		zi_fold_name(fields[i], f, sizeof(f));
		int e = 0;
		c->col[i] = -1;
		if (!strcmp(f, "respondent") || !strcmp(f, "responden") || !strcmp(f, "noresponden") ||
		    !strcmp(f, "idresponden") || !strcmp(f, "no") || !strcmp(f, "id")) {
			if (c->resp_col >= 0)
				goto dup;
			c->resp_col = (int)i;
			c->col[i] = -2;
			continue;
		}
		if (!strcmp(f, "date") || !strcmp(f, "tanggal") || !strcmp(f, "tgl") ||
		    !strcmp(f, "tanggalsurvei")) {
			if (c->date_col >= 0)
				goto dup;
			c->date_col = (int)i;
			c->col[i] = -3;
			continue;
		}
		e = element_number(f);
		if (!e && c->schema) {
			/* the element names of 14/2017, as aliases of u1..u9 */
			for (size_t k = 0; k < c->schema->nfields && !e; k++) {
				int num = element_number(c->schema->fields[k].name);
				for (size_t a = 0; num && a < c->schema->fields[k].naliases; a++)
					if (!strcmp(c->schema->fields[k].aliases[a], f))
						e = num;
			}
		}
		if (e < 1 || e > ZI_SURVEY_MAX) {
			if (fields[i][0])
				zi_diag_warn(c->d, c->name, line, NULL, "column-unknown",
					     _("column %zu '%s' is not an element (u1..uN); ignored"),
					     i + 1, fields[i]);
			continue;
		}
		if (seen[e]++)
			goto dup;
		c->col[i] = e - 1;
		if (e > maxe)
			maxe = e;
		continue;
	dup:
		zi_diag_error(c->d, c->name, line, fields[i], "column-duplicate",
			      _("two columns give this field (column %zu)"), i + 1);
		c->header_bad = 1;
	}
	if (c->resp_col < 0) {
		zi_diag_error(c->d, c->name, line, "respondent", "column-missing",
			      _("required column is missing"));
		c->header_bad = 1;
	}
	for (int e = 1; e <= maxe; e++)
		if (!seen[e]) {
			zi_diag_error(c->d, c->name, line, NULL, "column-missing",
				      _("element u%d is missing (elements are u1..u%d)"), e, maxe);
			c->header_bad = 1;
		}
	if (!maxe) {
		zi_diag_error(c->d, c->name, line, NULL, "column-missing",
			      _("no element columns u1..uN"));
		c->header_bad = 1;
	}
	if (s->kind == ZI_SURVEY_IKM && maxe && maxe != ZI_IKM_ELEMENTS) {
		zi_diag_error(c->d, c->name, line, NULL, "ikm-elements",
			      _("an IKM survey has 9 elements, this file has %d"), maxe);
		c->header_bad = 1;
	}
	s->nelem = (size_t)maxe;
	c->elem_col = zi_xcalloc((size_t)maxe + 1, sizeof(int));
	for (size_t i = 0; i < n; i++)
		if (c->col[i] >= 0)
			c->elem_col[c->col[i]] = (int)i;
	if (s->keep && !c->header_bad) {
		zi_buf_adds(&s->canon, "respondent,date");
		for (int e = 1; e <= maxe; e++)
			zi_buf_printf(&s->canon, ",u%d", e);
		zi_buf_addc(&s->canon, '\n');
	}
	return 0;
}

static int row(void *ctx, unsigned long line, char **fields, size_t n)
{
	struct rctx *c = ctx;
	struct zi_survey *s = c->s;
	if (!c->header_seen)
		return header(c, line, fields, n);
	if (c->header_bad)
		return 0;
	int blank = 1;
	for (size_t i = 0; i < n && blank; i++)
		if (fields[i][0])
			blank = 0;
	if (blank)
		return 0;
	if (n < c->ncols) {
		/* a short row is a missing element unless the missing cells are ignored ones */
		for (size_t e = 0; e < s->nelem; e++)
			if ((size_t)c->elem_col[e] >= n) {
				zi_diag_error(c->d, c->name, line, NULL, "row-short",
					      _("short row: %zu fields, the header has %zu"), n,
					      c->ncols);
				c->bad = 1;
				return 0;
			}
	}
	int vals[ZI_SURVEY_MAX];
	int ok = 1;
	for (size_t e = 0; e < s->nelem; e++) {
		char *v = fields[c->elem_col[e]];
		/* the common case first: one digit 1-4 and nothing else */
		if (v[0] >= '1' && v[0] <= '4' && !v[1]) {
			vals[e] = v[0] - '0';
			continue;
		}
		v = zi_trim(v);
		char field[32];
		snprintf(field, sizeof(field), "u%d", (int)e + 1);
		if (!*v) {
			zi_diag_error(c->d, c->name, line, field, "response-missing",
				      _("a response is missing"));
			ok = 0;
			continue;
		}
		/* 1-4, also "4,0" as a spreadsheet may write it */
		if (v[0] >= '1' && v[0] <= '4' &&
		    (!v[1] || ((v[1] == ',' || v[1] == '.') && v[2] == '0' && !v[3]))) {
			vals[e] = v[0] - '0';
			continue;
		}
		zi_diag_error(c->d, c->name, line, field, "response-range",
			      _("response '%s' is outside 1-4"), v);
		ok = 0;
	}
	char *resp = zi_trim(fields[c->resp_col]);
	uint64_t num = 0;
	size_t len = 0;
	while (resp[len] >= '0' && resp[len] <= '9' && len < 19)
		num = num * 10 + (uint64_t)(resp[len++] - '0');
	/* up to 17 digits: the radix sort below packs them in 62 bits */
	int is_num = len && len <= 17 && !resp[len] && (resp[0] != '0' || len == 1);
	if (!*resp) {
		zi_diag_error(c->d, c->name, line, "respondent", "required",
			      _("a value is required"));
		ok = 0;
	}
	char date[11] = "";
	if (c->date_col >= 0 && (size_t)c->date_col < n) {
		char *dv = zi_trim(fields[c->date_col]);
		struct zi_verr err;
		if (*dv && zi_value_date(dv, date, &err)) {
			zi_diag_error(c->d, c->name, line, "date", err.code, "%s", err.msg);
			ok = 0;
		}
	}
	if (!ok) {
		c->bad = 1;
		return 0;
	}
	/* a response dated after s->until is kept but not counted */
	if (!s->until[0] || !date[0] || strcmp(date, s->until) <= 0) {
		s->n++;
		for (size_t e = 0; e < s->nelem; e++)
			s->sum[e] += (unsigned long long)vals[e];
	}
	if (c->nresp == c->capresp) {
		c->capresp = c->capresp ? c->capresp * 2 : 4096;
		c->resp = zi_xrealloc(c->resp, c->capresp * sizeof(*c->resp));
	}
	struct resp *r = &c->resp[c->nresp++];
	r->num = is_num ? num : 0;
	r->nd = (unsigned char)len;
	r->key = is_num ? NULL : zi_arena_strdup(&c->keys, resp);
	c->all_num &= is_num;
	r->line = (uint32_t)line;
	r->idx = (uint32_t)(c->nresp - 1);
	r->date = date[0] ? (uint32_t)(atoi(date) * 10000 + atoi(date + 5) * 100 + atoi(date + 8)) : 0;
	if (c->nresp > 1 && cmp_key(r - 1, r) >= 0)
		c->sorted = 0;
	if (s->keep) {
		if (c->nresp > c->capresp_elems) {
			c->capresp_elems = c->capresp;
			c->elems = zi_xrealloc(c->elems, c->capresp_elems * s->nelem + 1);
		}
		unsigned char *ev = c->elems + (size_t)r->idx * s->nelem;
		for (size_t e = 0; e < s->nelem; e++)
			ev[e] = (unsigned char)vals[e];
	}
	return 0;
}

/* By number; the same number keeps its lines in order, so the first comes
 * first. */
static int cmp_resp(const void *a, const void *b)
{
	const struct resp *x = a, *y = b;
	int c = cmp_key(x, y);
	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Numbered respondents in text order without comparisons: the number padded
 * to 17 digits, then its count of digits, is one 62-bit key; an LSD radix
 * sort (stable, so a repeated number keeps its lines in order) of 11 bits a
 * pass. */
static void radix_order(const struct resp *r, size_t n, uint32_t *order)
{
	struct kv {
		uint64_t k;
		uint32_t i;
	};
	struct kv *a = zi_xmalloc((n + 1) * sizeof(*a)), *b = zi_xmalloc((n + 1) * sizeof(*b));
	for (size_t i = 0; i < n; i++) {
		a[i].k = r[i].num * pow10_tab[17 - r[i].nd] * 32 + r[i].nd;
		a[i].i = (uint32_t)i;
	}
	size_t cnt[2048];
	for (int shift = 0; shift < 66; shift += 11) {
		memset(cnt, 0, sizeof(cnt));
		for (size_t i = 0; i < n; i++)
			cnt[(a[i].k >> shift) & 2047]++;
		size_t sum = 0;
		for (int j = 0; j < 2048; j++) {
			size_t t = cnt[j];
			cnt[j] = sum;
			sum += t;
		}
		for (size_t i = 0; i < n; i++)
			b[cnt[(a[i].k >> shift) & 2047]++] = a[i];
		struct kv *t = a;
		a = b;
		b = t;
	}
	for (size_t i = 0; i < n; i++)
		order[i] = a[i].i;
	free(a);
	free(b);
}

int zi_survey_read(struct zi_survey *s, const char *path, const char *name,
		   struct zi_csv_opts *o, struct zi_diag *d)
{
	struct rctx c = {.s = s, .name = name ? name : path, .d = d, .sorted = 1, .all_num = 1};
	zi_arena_init(&c.keys);
	c.schema = zi_schema_get("survey", d);
	struct zi_csv_opts def = {0};
	struct stat st;
	if (strcmp(path, "-") && stat(path, &st) == 0 && st.st_size > 0) {
		/* a response takes 20 bytes or more of the file: room for all at once */
		c.capresp = (size_t)st.st_size / 20 + 16;
		c.resp = zi_xmalloc(c.capresp * sizeof(*c.resp));
	}
	int rc = zi_csv_read(path, c.name, o ? o : &def, row, &c, d);
	if (rc == 0 && !c.header_seen) {
		zi_diag_error(d, c.name, 0, NULL, "empty-file", _("the file is empty: no header row"));
		rc = ZI_EDATA;
	}
	/* order[i]: the i-th response in key order */
	uint32_t *order = zi_xmalloc((c.nresp + 1) * sizeof(*order));
	for (size_t i = 0; i < c.nresp; i++)
		order[i] = (uint32_t)i;
	if (rc != ZI_EIO && !c.sorted && c.all_num)
		radix_order(c.resp, c.nresp, order);
	else if (rc != ZI_EIO && !c.sorted)
		qsort(c.resp, c.nresp, sizeof(*c.resp), cmp_resp);
	for (size_t i = 1; rc != ZI_EIO && !c.sorted && i < c.nresp; i++) {
		const struct resp *a = &c.resp[order[i - 1]], *b = &c.resp[order[i]];
		if (cmp_key(a, b))
			continue;
		char num[24];
		snprintf(num, sizeof(num), "%llu", (unsigned long long)b->num);
		zi_diag_error(d, c.name, b->line, "respondent", "duplicate-key",
			      _("'%s' appears again (first on line %lu)"), b->key ? b->key : num,
			      (unsigned long)a->line);
		c.bad = 1;
	}
	if (rc == 0 && (c.header_bad || c.bad))
		rc = ZI_EDATA;
	if (rc == 0 && s->keep) {
		/* the canonical text, in key order, once */
		zi_buf_reset(&s->canon);
		zi_buf_adds(&s->canon, "respondent,date");
		for (size_t e = 1; e <= s->nelem; e++)
			zi_buf_printf(&s->canon, ",u%zu", e);
		zi_buf_addc(&s->canon, '\n');
		zi_buf_reserve(&s->canon, c.nresp * (s->nelem * 2 + 24));
		char line[3 * ZI_SURVEY_MAX + 64];
		for (size_t i = 0; i < c.nresp; i++) {
			const struct resp *r = &c.resp[order[i]];
			size_t t = 0;
			if (r->key) {
				zi_csv_add_field(&s->canon, r->key);
			} else {
				char dig[24];
				int k = 0;
				uint64_t v = r->num;
				do {
					dig[k++] = (char)('0' + v % 10);
					v /= 10;
				} while (v);
				while (k)
					line[t++] = dig[--k];
			}
			line[t++] = ',';
			if (r->date) {
				uint32_t y = r->date / 10000, m = r->date / 100 % 100, dd = r->date % 100;
				line[t++] = (char)('0' + y / 1000);
				line[t++] = (char)('0' + y / 100 % 10);
				line[t++] = (char)('0' + y / 10 % 10);
				line[t++] = (char)('0' + y % 10);
				line[t++] = '-';
				line[t++] = (char)('0' + m / 10);
				line[t++] = (char)('0' + m % 10);
				line[t++] = '-';
				line[t++] = (char)('0' + dd / 10);
				line[t++] = (char)('0' + dd % 10);
			}
			const unsigned char *ev = c.elems + (size_t)r->idx * s->nelem;
			for (size_t e = 0; e < s->nelem; e++) {
				line[t++] = ',';
				line[t++] = (char)('0' + ev[e]);
			}
			line[t++] = '\n';
			zi_buf_add(&s->canon, line, t);
		}
	}
	zi_survey_finish(s);
	free(order);
	free(c.resp);
	free(c.elems);
	zi_arena_release(&c.keys);
	free(c.col);
	free(c.elem_col);
	zi_schema_free(c.schema);
	return rc;
}
