#include "survey.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "bulk.h"
#include "jsonio.h"
#include "pool.h"
#include "schema.h"
#include "sheet.h"
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

void zi_survey_init(struct zi_survey *s, enum zi_survey_kind kind, int keep)
{
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->keep = keep;
	zi_buf_init(&s->canon);
}

static void data_free(struct zi_survey_data *sd);

void zi_survey_release(struct zi_survey *s)
{
	data_free(s->data);
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

int zi_survey_value_parse(const char *raw, double *v, struct zi_diag *d)
{
	char *copy = zi_xstrdup(raw);
	struct zi_verr err;
	int bad = zi_value_number(zi_trim(copy), v, &err) || *v < 0 || *v > 4;
	free(copy);
	if (!bad)
		return 0;
	zi_diag_error(d, NULL, 0, "value", "value-range",
		      _("a survey value is a number from 0 to 4, got '%s'"), raw);
	return ZI_EDATA;
}

json_t *zi_survey_json(const struct zi_survey *s, const char *unit, int year)
{
	json_t *o = json_object(), *el = json_array();
	json_object_set_new(o, "unit", json_string(unit));
	json_object_set_new(o, "year", json_integer(year));
	json_object_set_new(o, "kind", json_string(zi_survey_kind_name(s->kind)));
	json_object_set_new(o, "respondents", json_integer((json_int_t)s->n));
	for (size_t e = 0; e < s->nelem; e++)
		json_array_append_new(el, zi_json_real(s->mean[e], 6));
	json_object_set_new(o, "elements", el);
	if (s->kind == ZI_SURVEY_IKM) {
		json_object_set_new(o, "skm", zi_json_real(s->skm, 6));
		json_object_set_new(o, "ikm", zi_json_real(s->ikm, 6));
		char g[2] = {s->grade, 0};
		json_object_set_new(o, "grade", json_string(g));
	} else {
		json_object_set_new(o, "value", zi_json_real(s->value, 6));
	}
	return o;
}

void zi_survey_text(const struct zi_survey *s, const char *unit, int year, struct zi_buf *b)
{
	/* the service quality of each grade (PermenPAN-RB 14/2017) */
	static const char *const perf[] = {N_("sangat baik"), N_("baik"), N_("kurang baik"),
					   N_("tidak baik")};
	zi_buf_printf(b, _("%s %s %d: %lu respondents\n"), zi_survey_kind_name(s->kind), unit, year,
		      s->n);
	for (size_t e = 0; e < s->nelem; e++)
		zi_buf_printf(b, "  u%-3zu %.2f\n", e + 1, s->mean[e]);
	if (s->kind == ZI_SURVEY_IKM) {
		zi_buf_printf(b, "SKM    %.4f\nIKM    %.2f\n", s->skm, s->ikm);
		zi_buf_printf(b, _("grade  %c (%s)\n"), s->grade, _(perf[s->grade - 'A']));
	} else {
		zi_buf_printf(b, _("value  %.2f (mean of %zu element means, 0-4)\n"), s->value,
			      s->nelem);
	}
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

/* One response, compact: its key, line and date; its element values are in
 * a byte array beside it. Most respondents are numbers: their key orders
 * them as their decimal text without making it (the number padded to 17
 * digits, then its count of digits, so "10" < "9" as in every records file);
 * the others keep their text and the key says which. The canonical text is
 * made once, in key order, at the end, and handed over in pieces. */
struct resp {
	uint64_t key;
	uint32_t line, date; /* date as YYYYMMDD, 0 when none */
};

#define KEY_TEXT (1ull << 63) /* the other bits: the index of the text */

static const uint64_t pow10_tab[20] = {1ull,
				       10ull,
				       100ull,
				       1000ull,
				       10000ull,
				       100000ull,
				       1000000ull,
				       10000000ull,
				       100000000ull,
				       1000000000ull,
				       10000000000ull,
				       100000000000ull,
				       1000000000000ull,
				       10000000000000ull,
				       100000000000000ull,
				       1000000000000000ull,
				       10000000000000000ull,
				       100000000000000000ull,
				       1000000000000000000ull,
				       10000000000000000000ull};

static uint64_t num_key(uint64_t num, unsigned nd)
{
	return num * pow10_tab[17 - nd] * 32 + nd;
}

static uint64_t key_num(uint64_t key, unsigned *nd)
{
	*nd = (unsigned)(key & 31);
	return (key >> 5) / pow10_tab[17 - *nd];
}

struct rctx;

/* The responses of one part of the file (all of it, unless it was read in
 * parts on several threads), in file order. */
struct part {
	ZI_APART; /* parts are written by different threads */
	struct rctx *c;
	struct zi_diag *d;
	struct zi_bulk_vec resp, elems, texts;
	size_t n, ntexts;
	struct zi_arena arena; /* the texts of respondents that are not numbers */
	unsigned long counted;
	unsigned long long sum[ZI_SURVEY_MAX];
	int bad;
	int all_num; /* every respondent a number */
	int ordered; /* keys strictly increasing: already in text order */
	int numinc; /* numbers strictly increasing as numbers */
};

struct rctx {
	struct zi_survey *s;
	const char *name;
	struct zi_diag *d;
	const struct zi_schema *schema; /* lent: the fields' names and aliases */
	int header_seen, header_bad;
	size_t ncols;
	int *col; /* per column: -1 ignored, -2 respondent, -3 date, else element */
	int resp_col, date_col;
	int *elem_col; /* per element: its column */
	uint32_t until; /* YYYYMMDD, 0: none */
	size_t estimate; /* responses expected in a part, from the file's size */
	/* a Forms export: */
	const struct forms *forms;
	int date_month_first; /* the date column is a Forms time stamp: 1 month
			       * first (English), 0 day first; -1 a plain date */
	unsigned long header_line; /* no respondent column: numbered by row from it */
	char **hdr; /* per column: its header as written, for messages */
};

/* What a survey keeps for writing its canonical copy. */
struct zi_survey_data {
	struct part *parts;
	size_t nparts;
	enum { ORDER_FILE, ORDER_RUNS, ORDER_ARRAY } how;
	uint32_t *order; /* ORDER_ARRAY: indexes into parts[0] */
};

static const char *key_text(const struct part *p, uint64_t key, char buf[24])
{
	if (key & KEY_TEXT)
		return ((char **)p->texts.p)[key & ~KEY_TEXT];
	unsigned nd;
	snprintf(buf, 24, "%llu", (unsigned long long)key_num(key, &nd));
	return buf;
}

/* Text order of two keys (of parts px and py). */
static int cmp_keys(const struct part *px, uint64_t x, const struct part *py, uint64_t y)
{
	if (!((x | y) & KEY_TEXT))
		return x < y ? -1 : x > y;
	char bx[24], by[24];
	return strcmp(key_text(px, x, bx), key_text(py, y, by));
}

/* --- Forms exports: Google Forms and Microsoft Forms as downloaded ---
 * The time stamp headers, the element keywords and the answer texts come
 * from schemas/survey-forms.json; here they are folded once (zi_fold_name:
 * letters and digits, lower case) for the header and every text answer. */

#define FORMS_MAX 16
#define FORMS_WORD 48

struct forms_elem {
	int elem; /* 1..9 */
	const char *name;
	char kw[8][FORMS_WORD]; /* folded keywords */
	size_t nkw;
	char lev[4][4][FORMS_WORD]; /* per level 1-4: its folded texts */
	size_t nlev[4];
	char shown[320]; /* the scale as people read it */
};

struct forms {
	json_t *root;
	struct forms_elem e[FORMS_MAX];
	size_t ne;
	char mfirst[8][FORMS_WORD], dfirst[8][FORMS_WORD], prefer[8][FORMS_WORD];
	size_t nmfirst, ndfirst, nprefer;
};

static size_t fold_list(json_t *a, char out[8][FORMS_WORD])
{
	size_t n = 0;
	for (size_t i = 0; i < json_array_size(a) && n < 8; i++) {
		const char *t = json_string_value(json_array_get(a, i));
		if (t)
			zi_fold_name(t, out[n++], FORMS_WORD);
	}
	return n;
}

static void forms_free(struct forms *f)
{
	if (f)
		json_decref(f->root);
	free(f);
}

static struct forms *forms_load(struct zi_diag *d)
{
	const char *text = zi_embedded_file("survey-forms");
	json_t *root = text ? json_loads(text, 0, NULL) : NULL;
	if (!root) {
		zi_diag_error(d, "survey-forms.json", 0, NULL, "internal",
			      _("the built-in Forms survey data cannot be read"));
		return NULL;
	}
	struct forms *f = zi_xcalloc(1, sizeof(*f));
	f->root = root;
	json_t *ts = json_object_get(root, "timestamp");
	f->nmfirst = fold_list(json_object_get(ts, "month_first"), f->mfirst);
	f->ndfirst = fold_list(json_object_get(ts, "day_first"), f->dfirst);
	f->nprefer = fold_list(json_object_get(ts, "prefer"), f->prefer);
	json_t *els = json_object_get(root, "elements");
	for (size_t i = 0; i < json_array_size(els) && f->ne < FORMS_MAX; i++) {
		json_t *je = json_array_get(els, i);
		struct forms_elem *e = &f->e[f->ne++];
		e->elem = (int)json_integer_value(json_object_get(je, "element"));
		e->name = json_string_value(json_object_get(je, "name"));
		e->nkw = fold_list(json_object_get(je, "keywords"), e->kw);
		json_t *sc = json_object_get(je, "scale");
		size_t at = 0;
		for (size_t l = 0; l < 4 && l < json_array_size(sc); l++) {
			json_t *texts = json_array_get(sc, l);
			for (size_t k = 0; k < json_array_size(texts) && k < 4; k++)
				zi_fold_name(json_string_value(json_array_get(texts, k)),
					     e->lev[l][e->nlev[l]++], FORMS_WORD);
			at += (size_t)snprintf(e->shown + at,
					       at < sizeof(e->shown) ? sizeof(e->shown) - at : 0,
					       "%s%s", l ? " / " : "",
					       json_string_value(json_array_get(texts, 0)));
			if (at >= sizeof(e->shown))
				at = sizeof(e->shown) - 1;
		}
	}
	return f;
}

static const struct forms_elem *forms_elem(const struct forms *f, int elem)
{
	for (size_t i = 0; f && i < f->ne; i++)
		if (f->e[i].elem == elem)
			return &f->e[i];
	return NULL;
}

static int in_list(const char list[8][FORMS_WORD], size_t n, const char *folded)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], folded))
			return 1;
	return 0;
}

/* How many of an element's keywords are words of a question text. */
static size_t keyword_hits(const struct forms_elem *e, const char *text)
{
	size_t hits = 0;
	for (size_t k = 0; k < e->nkw; k++) {
		const char *p = text;
		while (*p) {
			while (*p && !isalnum((unsigned char)*p))
				p++;
			char w[FORMS_WORD];
			size_t n = 0;
			while (*p && isalnum((unsigned char)*p)) {
				if (n + 1 < sizeof(w))
					w[n++] = (char)tolower((unsigned char)*p);
				p++;
			}
			w[n] = 0;
			if (n && !strcmp(w, e->kw[k])) {
				hits++;
				break;
			}
		}
	}
	return hits;
}

/* A text answer on an element's scale as 1-4, 0 when it is none. "a. Sesuai"
 * and "4. Sangat sesuai" (a form's numbering) read as the text. */
static int scale_value(const struct forms_elem *e, const char *v)
{
	if (!e)
		return 0;
	if (v[0] && (v[1] == '.' || v[1] == ')') && v[2] == ' ')
		v += 3;
	char f[FORMS_WORD * 2];
	zi_fold_name(v, f, sizeof(f));
	for (int l = 0; l < 4; l++)
		for (size_t k = 0; k < e->nlev[l]; k++)
			if (!strcmp(e->lev[l][k], f))
				return l + 1;
	return 0;
}

/* The date of a Forms time stamp: "2026/10/03 9:14:22 AM GMT+7",
 * "10/3/2026 9:14:22" (month first in an English export, day first in an
 * Indonesian one; a first number above 12 is a day either way), also with a
 * two-digit year. 0 when it is none of these. */
static uint32_t stamp_date(const char *v, int month_first)
{
	unsigned a, b, y;
	char sep1, sep2;
	int used = 0;
	if (sscanf(v, "%4u%c%2u%c%2u%n", &y, &sep1, &a, &sep2, &b, &used) == 5 && y > 999 &&
	    sep1 == sep2 && (sep1 == '/' || sep1 == '-') && (!v[used] || v[used] == ' '))
		return zi_date_valid((int)y, (int)a, (int)b) ? y * 10000 + a * 100 + b : 0;
	if (sscanf(v, "%2u%c%2u%c%4u%n", &a, &sep1, &b, &sep2, &y, &used) != 5 || sep1 != sep2 ||
	    (sep1 != '/' && sep1 != '.' && sep1 != '-') || (v[used] && v[used] != ' '))
		return 0;
	if (y < 100)
		y += 2000;
	unsigned m = month_first ? a : b, d = month_first ? b : a;
	if (m > 12 && d <= 12) {
		unsigned t = m;
		m = d;
		d = t;
	}
	return zi_date_valid((int)y, (int)m, (int)d) ? y * 10000 + m * 100 + d : 0;
}

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

/* What the header row says as it is read, column by column. c->col[i] is
 * column i's field of the survey layout (enum zi_survey_field: the
 * respondent, the date, element e at ZI_SV_U1 + e - 1), -1 when ignored. */
struct hdr {
	unsigned long line;
	int seen[ZI_SURVEY_MAX + 1]; /* per element: columns naming it */
	int maxe;
	size_t *hits; /* per column: how many keywords of kw_elem it has */
	int *kw_elem; /* per column: the element its question text names */
	int date_preferred;
};

/* Whether a folded header names field f of the survey schema (its name or
 * an alias). */
static int names_field(const struct zi_schema *sc, size_t f, const char *folded)
{
	if (!strcmp(sc->fields[f].name, folded))
		return 1;
	for (size_t a = 0; a < sc->fields[f].naliases; a++)
		if (!strcmp(sc->fields[f].aliases[a], folded))
			return 1;
	return 0;
}

/* A Forms time stamp column: the response's date (Microsoft Forms has a
 * start and a completion time: the completion wins). 0 when f is none. */
static int header_stamp(struct rctx *c, struct hdr *h, size_t i, const char *f)
{
	const struct forms *fm = c->forms;
	if (!fm || !(in_list(fm->mfirst, fm->nmfirst, f) || in_list(fm->dfirst, fm->ndfirst, f)))
		return 0;
	int pref = in_list(fm->prefer, fm->nprefer, f);
	if (c->date_col >= 0 && (h->date_preferred || !pref))
		return 1;
	if (c->date_col >= 0)
		c->col[c->date_col] = -1;
	h->date_preferred = pref;
	c->date_col = (int)i;
	c->col[i] = ZI_SV_DATE;
	c->date_month_first = in_list(fm->mfirst, fm->nmfirst, f);
	return 1;
}

/* A question text of a Forms export: the element whose keywords it has
 * most, kept in h for header_forms. Returns whether it named one. */
static int header_question(struct rctx *c, struct hdr *h, size_t i, const char *text)
{
	const struct forms *fm = c->forms;
	size_t best = 0;
	int tie = 0;
	for (size_t k = 0; k < fm->ne; k++) {
		size_t hk = keyword_hits(&fm->e[k], text);
		if (hk > best) {
			best = hk;
			h->kw_elem[i] = fm->e[k].elem;
			tie = 0;
		} else if (hk && hk == best) {
			tie = fm->e[k].elem;
		}
	}
	if (tie) {
		zi_diag_error(c->d, c->name, h->line, text, "column-ambiguous",
			      _("column %zu names elements u%d and u%d alike; say "
				"which "
				"with --map"),
			      i + 1, h->kw_elem[i], tie);
		c->header_bad = 1;
		h->kw_elem[i] = 0;
	}
	h->hits[i] = best;
	return h->kw_elem[i] != 0;
}

static void not_element(struct rctx *c, struct hdr *h, size_t i, const char *text)
{
	zi_diag_warn(c->d, c->name, h->line, NULL, "column-unknown",
		     _("column %zu '%s' is not an element (u1..uN); "
		       "ignored"),
		     i + 1, text);
}

/* Column i, its header as written text and folded f (after --map: mapped):
 * sets c->col[i]. Returns -1 when another column gave the same field. */
static int header_column(struct rctx *c, struct hdr *h, size_t i, const char *text, const char *f,
			 int mapped)
{
	const struct zi_schema *sc = c->schema;
	c->col[i] = -1;
	if (mapped && !strcmp(f, "ignore"))
		return 0; /* --map said so: not a warning */
	if (header_stamp(c, h, i, f))
		return 0;
	/* "ID" too: a column that numbers the responses in a spreadsheet */
	if (names_field(sc, ZI_SV_RESPONDENT, f) || !strcmp(f, "id")) {
		if (c->resp_col >= 0)
			return -1;
		c->resp_col = (int)i;
		c->col[i] = ZI_SV_RESPONDENT;
		return 0;
	}
	if (names_field(sc, ZI_SV_DATE, f)) {
		if (c->date_col >= 0)
			return -1;
		c->date_col = (int)i;
		c->col[i] = ZI_SV_DATE;
		c->date_month_first = -1;
		return 0;
	}
	int e = element_number(f);
	/* the element names of 14/2017, as aliases of u1..u9 */
	for (size_t k = ZI_SV_U1; k < sc->nfields && !e; k++)
		for (size_t a = 0; a < sc->fields[k].naliases && !e; a++)
			if (!strcmp(sc->fields[k].aliases[a], f))
				e = (int)(k - ZI_SV_U1) + 1;
	if (!e && c->forms && text[0] && !mapped && header_question(c, h, i, text))
		return 0;
	if (e < 1 || e > ZI_SURVEY_MAX) {
		if (text[0])
			not_element(c, h, i, text);
		return 0;
	}
	if (h->seen[e]++)
		return -1;
	c->col[i] = ZI_SV_U1 + e - 1;
	if (e > h->maxe)
		h->maxe = e;
	return 0;
}

/* Each element's best question text in a Forms export, unless a column
 * named it. */
static void header_forms(struct rctx *c, struct hdr *h, char **fields, size_t n)
{
	for (int e = 1; e <= ZI_IKM_ELEMENTS; e++) {
		long best = -1;
		for (size_t i = 0; i < n; i++) {
			if (h->kw_elem[i] != e)
				continue;
			if (h->seen[e] || (best >= 0 && h->hits[i] < h->hits[best])) {
				not_element(c, h, i, fields[i]);
				continue;
			}
			if (best >= 0 && h->hits[i] == h->hits[best]) {
				zi_diag_error(c->d, c->name, h->line, fields[i], "column-ambiguous",
					      _("columns %ld and %zu both name element u%d; say "
						"which "
						"with --map"),
					      best + 1, i + 1, e);
				c->header_bad = 1;
				continue;
			}
			if (best >= 0)
				not_element(c, h, (size_t)best, fields[best]);
			best = (long)i;
		}
		if (best >= 0 && !h->seen[e]) {
			h->seen[e] = 1;
			c->col[best] = ZI_SV_U1 + e - 1;
			if (e > h->maxe)
				h->maxe = e;
		}
	}
}

/* Every element u1..uN there (nine in an IKM survey); each element's
 * column into c->elem_col. */
static void header_elements(struct rctx *c, struct hdr *h)
{
	struct zi_survey *s = c->s;
	int maxe = h->maxe;
	for (int e = 1; e <= maxe; e++)
		if (!h->seen[e]) {
			zi_diag_error(c->d, c->name, h->line, NULL, "column-missing",
				      _("element u%d is missing (elements are u1..u%d)"), e, maxe);
			c->header_bad = 1;
		}
	if (!maxe) {
		zi_diag_error(c->d, c->name, h->line, NULL, "column-missing",
			      _("no element columns u1..uN"));
		c->header_bad = 1;
	}
	if (s->kind == ZI_SURVEY_IKM && maxe && maxe != ZI_IKM_ELEMENTS) {
		zi_diag_error(c->d, c->name, h->line, NULL, "ikm-elements",
			      _("an IKM survey has 9 elements, this file has %d"), maxe);
		c->header_bad = 1;
	}
	s->nelem = (size_t)maxe;
	c->elem_col = zi_xcalloc((size_t)maxe + 1, sizeof(int));
	for (size_t i = 0; i < c->ncols; i++)
		if (c->col[i] >= ZI_SV_U1)
			c->elem_col[c->col[i] - ZI_SV_U1] = (int)i;
}

static int header(struct rctx *c, unsigned long line, char **fields, size_t n)
{
	c->header_seen = 1;
	c->header_line = line;
	c->ncols = n;
	c->col = zi_xcalloc(n + 1, sizeof(int));
	c->hdr = zi_xcalloc(n + 1, sizeof(char *));
	c->resp_col = c->date_col = -1;
	c->date_month_first = -1;
	struct hdr h = {.line = line};
	/* question texts that name an element by its keywords: the best
	 * column of each element, decided after the whole header */
	h.hits = zi_xcalloc(n + 1, sizeof(size_t));
	h.kw_elem = zi_xcalloc(n + 1, sizeof(int));
	for (size_t i = 0; i < n; i++) {
		char f[256];
		zi_fold_name(fields[i], f, sizeof(f));
		c->hdr[i] = zi_xstrdup(fields[i]);
		int mapped = 0;
		for (const char *const *mp = c->s->map; mp && mp[0] && !mapped; mp += 2) {
			char mk[256];
			zi_fold_name(mp[0], mk, sizeof(mk));
			if (!strcmp(mk, f)) {
				zi_fold_name(mp[1], f, sizeof(f));
				mapped = 1;
			}
		}
		if (header_column(c, &h, i, fields[i], f, mapped) < 0) {
			zi_diag_error(c->d, c->name, line, fields[i], "column-duplicate",
				      _("two columns give this field (column %zu)"), i + 1);
			c->header_bad = 1;
		}
	}
	if (c->forms)
		header_forms(c, &h, fields, n);
	free(h.hits);
	free(h.kw_elem);
	header_elements(c, &h);
	return 0;
}

/* d/m/yyyy (also dd/mm) and YYYY-MM-DD, digits only, as YYYYMMDD; 0 when
 * the text is any other form (zi_value_date then decides). */
static uint32_t quick_date(const char *v)
{
	unsigned a = 0, b = 0, y = 0;
	size_t i = 0, k;
	for (k = 0; v[i] >= '0' && v[i] <= '9' && k < 4; k++)
		a = a * 10 + (unsigned)(v[i++] - '0');
	if (k == 4 && v[i] == '-' && v[i + 1] >= '0' && v[i + 1] <= '9' && v[i + 2] >= '0' &&
	    v[i + 2] <= '9' && v[i + 3] == '-' && v[i + 4] >= '0' && v[i + 4] <= '9' &&
	    v[i + 5] >= '0' && v[i + 5] <= '9' && !v[i + 6]) {
		unsigned m = (unsigned)(v[i + 1] - '0') * 10 + (unsigned)(v[i + 2] - '0');
		unsigned d = (unsigned)(v[i + 4] - '0') * 10 + (unsigned)(v[i + 5] - '0');
		return zi_date_valid((int)a, (int)m, (int)d) ? a * 10000 + m * 100 + d : 0;
	}
	if (k < 1 || k > 2 || v[i] != '/')
		return 0;
	i++;
	for (k = 0; v[i] >= '0' && v[i] <= '9' && k < 3; k++)
		b = b * 10 + (unsigned)(v[i++] - '0');
	if (k < 1 || k > 2 || v[i] != '/')
		return 0;
	i++;
	for (k = 0; v[i] >= '0' && v[i] <= '9' && k < 5; k++)
		y = y * 10 + (unsigned)(v[i++] - '0');
	if (k != 4 || v[i])
		return 0;
	return b && zi_date_valid((int)y, (int)b, (int)a) ? y * 10000 + b * 100 + a : 0;
}

/* A row of empty cells only: skipped. */
static int blank_row(char **fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fields[i][0])
			return 0;
	return 1;
}

/* A short row is a missing element unless the missing cells are ignored
 * ones: returns 1 after saying so. */
static int short_row(struct part *p, unsigned long line, size_t n)
{
	const struct rctx *c = p->c;
	for (size_t e = 0; e < c->s->nelem; e++)
		if ((size_t)c->elem_col[e] >= n) {
			zi_diag_error(p->d, c->name, line, NULL, "row-short",
				      _("short row: %zu fields, the header has %zu"), n, c->ncols);
			p->bad = 1;
			return 1;
		}
	return 0;
}

/* An element's answer that is not one plain digit 1-4: "4,0" as a
 * spreadsheet may write it, or a Forms answer (the text of a level of the
 * element's scale). Returns its level 1-4, 0 after an error. */
static int slow_value(struct part *p, unsigned long line, size_t e, char *v)
{
	const struct rctx *c = p->c;
	v = zi_trim(v);
	char field[32];
	snprintf(field, sizeof(field), "u%d", (int)e + 1);
	if (!*v) {
		zi_diag_error(p->d, c->name, line, field, "response-missing",
			      _("a response is missing"));
		return 0;
	}
	if (v[0] >= '1' && v[0] <= '4' &&
	    (!v[1] || ((v[1] == ',' || v[1] == '.') && v[2] == '0' && !v[3])))
		return v[0] - '0';
	const struct forms_elem *fe = forms_elem(c->forms, (int)e + 1);
	int lv = scale_value(fe, v);
	if (lv)
		return lv;
	if (fe && !(v[0] >= '0' && v[0] <= '9'))
		zi_diag_error(p->d, c->name, line, field, "response-text",
			      _("column %d '%s': '%s' is not on the scale of %s (%s)"),
			      c->elem_col[e] + 1, c->hdr[c->elem_col[e]], v, fe->name, fe->shown);
	else
		zi_diag_error(p->d, c->name, line, field, "response-range",
			      _("response '%s' is outside 1-4"), v);
	return 0;
}

/* The respondent of a row, trimmed (numbered by the row without a
 * respondent column: byrow holds it), and its digits: *len of them, read as
 * *num. */
static char *respondent(const struct rctx *c, unsigned long line, char **fields, char byrow[24],
			uint64_t *num, size_t *len)
{
	if (c->resp_col < 0)
		snprintf(byrow, 24, "%lu", line - c->header_line);
	char *resp = c->resp_col < 0 ? byrow : fields[c->resp_col];
	*num = 0;
	*len = 0;
	while (resp[*len] >= '0' && resp[*len] <= '9' && *len < 19)
		*num = *num * 10 + (uint64_t)(resp[(*len)++] - '0');
	if (!*len || resp[*len]) {
		/* not plain digits: as people write it, spaces around */
		resp = zi_trim(resp);
		*num = 0;
		*len = 0;
		while (resp[*len] >= '0' && resp[*len] <= '9' && *len < 19)
			*num = *num * 10 + (uint64_t)(resp[(*len)++] - '0');
	}
	return resp;
}

/* The row's date as YYYYMMDD into *date (0: none). Returns 0, or -1 after
 * an error. */
static int row_date(struct part *p, unsigned long line, char **fields, size_t n, uint32_t *date)
{
	const struct rctx *c = p->c;
	*date = 0;
	if (c->date_col < 0 || (size_t)c->date_col >= n)
		return 0;
	char *dv = fields[c->date_col];
	if (*dv && c->date_month_first >= 0 &&
	    (*date = stamp_date(zi_trim(dv), c->date_month_first)))
		return 0; /* a Forms time stamp */
	if (!*dv || (*date = quick_date(dv)))
		return 0;
	dv = zi_trim(dv);
	char canon[11];
	struct zi_verr err;
	if (*dv && zi_value_date(dv, canon, &err)) {
		zi_diag_error(p->d, c->name, line, c->schema->fields[ZI_SV_DATE].name, err.code,
			      "%s", err.msg);
		return -1;
	}
	if (*dv)
		*date = (uint32_t)(atoi(canon) * 10000 + atoi(canon + 5) * 100 + atoi(canon + 8));
	return 0;
}

/* Keeps a response of part p: its key (the number, or the text), line and
 * date, whether the part is still in order, and with s->keep its values. */
static void keep_response(struct part *p, unsigned long line, const char *resp, uint64_t num,
			  size_t len, uint32_t date, const unsigned char *vals)
{
	const struct rctx *c = p->c;
	const struct zi_survey *s = c->s;
	/* up to 17 digits: the key packs them in 62 bits */
	int is_num = len && len <= 17 && !resp[len] && (resp[0] != '0' || len == 1);
	if (p->n * sizeof(struct resp) >= p->resp.cap)
		zi_bulk_vec_reserve(&p->resp, (p->n + 1 > c->estimate ? p->n + 1 : c->estimate) *
						      sizeof(struct resp));
	struct resp *r = (struct resp *)p->resp.p + p->n;
	if (is_num) {
		r->key = num_key(num, (unsigned)len);
	} else {
		if ((p->ntexts + 1) * sizeof(char *) > p->texts.cap)
			zi_bulk_vec_reserve(&p->texts, (p->ntexts + 1) * sizeof(char *));
		((char **)p->texts.p)[p->ntexts] = zi_arena_strdup(&p->arena, resp);
		r->key = KEY_TEXT | p->ntexts++;
	}
	r->line = (uint32_t)line;
	r->date = date;
	if (p->n) {
		uint64_t prev = r[-1].key;
		if (p->ordered && cmp_keys(p, prev, p, r->key) >= 0)
			p->ordered = 0;
		/* numbers in number order: each count of digits a run in text order */
		if (p->numinc && (!is_num || (prev & KEY_TEXT) || (prev & 31) > len ||
				  ((prev & 31) == len && prev >= r->key)))
			p->numinc = 0;
	}
	if (!is_num)
		p->all_num = p->numinc = 0;
	if (s->keep) {
		size_t need = (p->n + 1) * s->nelem;
		if (need > p->elems.cap)
			zi_bulk_vec_reserve(&p->elems,
					    (p->n + 1 > c->estimate ? p->n + 1 : c->estimate) *
							    s->nelem +
						    1);
		memcpy((unsigned char *)p->elems.p + p->n * s->nelem, vals, s->nelem);
	}
	p->n++;
}

static int row(void *ctx, unsigned long line, char **fields, size_t n)
{
	struct part *p = ctx;
	struct rctx *c = p->c;
	struct zi_survey *s = c->s;
	if (!c->header_seen)
		return header(c, line, fields, n);
	if (c->header_bad)
		return 0;
	if (!fields[0][0] && blank_row(fields, n))
		return 0;
	if (n < c->ncols && short_row(p, line, n))
		return 0;
	unsigned char vals[ZI_SURVEY_MAX];
	int ok = 1;
	for (size_t e = 0; e < s->nelem; e++) {
		const char *v = fields[c->elem_col[e]];
		/* the common case first: one digit 1-4 and nothing else */
		if (v[0] >= '1' && v[0] <= '4' && !v[1])
			vals[e] = (unsigned char)(v[0] - '0');
		else if (!(vals[e] = (unsigned char)slow_value(p, line, e, fields[c->elem_col[e]])))
			ok = 0;
	}
	char byrow[24];
	uint64_t num;
	size_t len;
	char *resp = respondent(c, line, fields, byrow, &num, &len);
	if (!*resp) {
		zi_diag_error(p->d, c->name, line, c->schema->fields[ZI_SV_RESPONDENT].name,
			      "required", _("a value is required"));
		ok = 0;
	}
	uint32_t date;
	if (row_date(p, line, fields, n, &date))
		ok = 0;
	if (!ok) {
		p->bad = 1;
		return 0;
	}
	/* a response dated after until is kept but not counted */
	if (!c->until || !date || date <= c->until) {
		p->counted++;
		for (size_t e = 0; e < s->nelem; e++)
			p->sum[e] += vals[e];
	}
	keep_response(p, line, resp, num, len, date, vals);
	return 0;
}

/* Numbered respondents in text order without comparisons: an LSD radix sort
 * of the keys (stable, so a repeated number keeps its lines in order), 11 bits
 * a pass. */
static void radix_order(const struct resp *r, size_t n, uint32_t *order)
{
	struct kv {
		uint64_t k;
		uint32_t i;
	};
	struct zi_bulk_vec va = {0}, vb = {0};
	zi_bulk_vec_reserve(&va, (n + 1) * sizeof(struct kv));
	zi_bulk_vec_reserve(&vb, (n + 1) * sizeof(struct kv));
	struct kv *a = va.p, *b = vb.p;
	for (size_t i = 0; i < n; i++) {
		a[i].k = r[i].key;
		a[i].i = (uint32_t)i;
	}
	size_t cnt[2048];
	for (int shift = 0; shift < 66; shift += 11) {
		memset(cnt, 0, sizeof(cnt));
		for (size_t i = 0; i < n; i++)
			cnt[(a[i].k >> shift) & 2047]++;
		if (cnt[(a[0].k >> shift) & 2047] == n)
			continue; /* every key has these bits alike */
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
	zi_bulk_vec_release(&va);
	zi_bulk_vec_release(&vb);
}

/* By key; the same key keeps its lines in order, so the first comes first.
 * The part comes as qsort_r's context: scorer workers read surveys at once. */
static int cmp_order(const void *a, const void *b, void *ctx)
{
	const struct part *sp = ctx;
	const struct resp *r = sp->resp.p;
	const struct resp *x = &r[*(const uint32_t *)a], *y = &r[*(const uint32_t *)b];
	int c = cmp_keys(sp, x->key, sp, y->key);
	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Every part's responses after those of part 0 (the general case: an order
 * to find by sorting). */
static void join_parts(struct zi_survey_data *sd, size_t nelem)
{
	struct part *p0 = &sd->parts[0];
	for (size_t k = 1; k < sd->nparts; k++) {
		struct part *p = &sd->parts[k];
		zi_bulk_vec_reserve(&p0->resp, (p0->n + p->n + 1) * sizeof(struct resp));
		struct resp *dst = (struct resp *)p0->resp.p + p0->n;
		const struct resp *src = p->resp.p;
		for (size_t i = 0; i < p->n; i++) {
			dst[i] = src[i];
			if (src[i].key & KEY_TEXT)
				dst[i].key = KEY_TEXT | (p0->ntexts + (src[i].key & ~KEY_TEXT));
		}
		if (p->ntexts) {
			zi_bulk_vec_reserve(&p0->texts, (p0->ntexts + p->ntexts) * sizeof(char *));
			memcpy((char **)p0->texts.p + p0->ntexts, p->texts.p,
			       p->ntexts * sizeof(char *));
			p0->ntexts += p->ntexts;
		}
		zi_arena_adopt(&p0->arena, &p->arena);
		if (nelem && p->n) {
			zi_bulk_vec_reserve(&p0->elems, (p0->n + p->n) * nelem + 1);
			memcpy((unsigned char *)p0->elems.p + p0->n * nelem, p->elems.p,
			       p->n * nelem);
		}
		p0->n += p->n;
		p->n = p->ntexts = 0;
	}
}

static void part_release(struct part *p)
{
	zi_bulk_vec_release(&p->resp);
	zi_bulk_vec_release(&p->elems);
	zi_bulk_vec_release(&p->texts);
	zi_arena_release(&p->arena);
}

static void data_free(struct zi_survey_data *sd)
{
	if (!sd)
		return;
	for (size_t k = 0; k < sd->nparts; k++)
		part_release(&sd->parts[k]);
	free(sd->parts);
	free(sd->order);
	free(sd);
}

/* Finds the stored order and the duplicates; returns whether any. */
static int find_order(struct zi_survey_data *sd, struct rctx *c, struct zi_diag *d)
{
	int ordered = 1, numinc = 1, all_num = 1;
	const struct part *last = NULL;
	for (size_t k = 0; k < sd->nparts; k++) {
		const struct part *p = &sd->parts[k];
		if (!p->n)
			continue;
		ordered &= p->ordered;
		numinc &= p->numinc;
		all_num &= p->all_num;
		if (last) {
			/* where one part meets the next */
			uint64_t x = ((const struct resp *)last->resp.p)[last->n - 1].key;
			uint64_t y = ((const struct resp *)p->resp.p)[0].key;
			if (cmp_keys(last, x, p, y) >= 0)
				ordered = 0;
			if (((x | y) & KEY_TEXT) || (x & 31) > (y & 31) ||
			    ((x & 31) == (y & 31) && x >= y))
				numinc = 0;
		}
		last = p;
	}
	if (ordered) {
		/* already in text order, so no respondent twice */
		sd->how = ORDER_FILE;
		return 0;
	}
	if (numinc) {
		/* 1, 2 ... 10, 11 ...: each count of digits is a run in text
		 * order, the runs are merged as the copy is written */
		sd->how = ORDER_RUNS;
		return 0;
	}
	join_parts(sd, c->s->keep ? c->s->nelem : 0);
	struct part *p = &sd->parts[0];
	const struct resp *r = p->resp.p;
	sd->how = ORDER_ARRAY;
	sd->order = zi_xmalloc((p->n + 1) * sizeof(uint32_t));
	if (all_num) {
		radix_order(r, p->n, sd->order);
	} else {
		for (size_t i = 0; i < p->n; i++)
			sd->order[i] = (uint32_t)i;
		qsort_r(sd->order, p->n, sizeof(uint32_t), cmp_order, p);
	}
	int dup = 0;
	for (size_t i = 1; i < p->n; i++) {
		const struct resp *a = &r[sd->order[i - 1]], *b = &r[sd->order[i]];
		if (cmp_keys(p, a->key, p, b->key))
			continue;
		char num[24];
		zi_diag_error(d, c->name, b->line, "respondent", "duplicate-key",
			      _("'%s' appears again (first on line %lu)"), key_text(p, b->key, num),
			      (unsigned long)a->line);
		dup = 1;
	}
	return dup;
}

/* Reads the file into sd's parts (a large file in parts, on every CPU),
 * their problems into d in file order. Returns what zi_table_read_parts
 * does. */
static int read_parts(struct rctx *c, struct zi_survey_data *sd, const char *path,
		      struct zi_csv_opts *o)
{
	/* every value is trimmed anyway: libcsv's own space rule is faster */
	struct zi_csv_opts oo = {0};
	if (o)
		oo = *o;
	oo.trim = 1;
	struct stat st;
	size_t nparts = zi_csv_parts_hint(), used = 1;
	if (nparts < 1)
		nparts = 1;
	/* a response takes 20 bytes or more of the file: room for all at once
	 * (only what is used is ever touched) */
	c->estimate = 64;
	if (strcmp(path, "-") && stat(path, &st) == 0 && st.st_size > 0)
		c->estimate = (size_t)st.st_size / 20 / nparts + 16;
	sd->nparts = nparts;
	sd->parts = zi_xcalloc_lines(nparts, sizeof(*sd->parts));
	void **ctxs = zi_xcalloc(nparts, sizeof(void *));
	struct zi_diag **ds = zi_xcalloc(nparts, sizeof(*ds));
	struct zi_diag *pd = zi_xcalloc(nparts, sizeof(*pd));
	for (size_t k = 0; k < nparts; k++) {
		struct part *p = &sd->parts[k];
		p->c = c;
		zi_diag_init(&pd[k]);
		p->d = ds[k] = k ? &pd[k] : c->d;
		p->all_num = p->ordered = p->numinc = 1;
		zi_arena_init(&p->arena);
		ctxs[k] = p;
	}
	int rc = zi_table_read_parts(path, c->name, &oo, row, ctxs, ds, nparts, &used);
	if (o) {
		o->used_delimiter = oo.used_delimiter;
		o->used_encoding = oo.used_encoding;
	}
	/* the parts that count, in file order: their problems after part 0's */
	for (size_t k = 1; k < nparts; k++) {
		if (k < used)
			zi_diag_move(c->d, &pd[k]);
		zi_diag_release(&pd[k]);
		if (k >= used)
			part_release(&sd->parts[k]);
	}
	sd->nparts = used ? used : 1;
	free(pd);
	free(ds);
	free(ctxs);
	return rc;
}

int zi_survey_read(struct zi_survey *s, const char *path, const char *name, struct zi_csv_opts *o,
		   struct zi_diag *d)
{
	data_free(s->data);
	s->data = NULL;
	struct rctx c = {.s = s, .name = name ? name : path, .d = d};
	c.schema = zi_schema_get("survey", d);
	if (!c.schema)
		return ZI_EINTERNAL;
	c.forms = forms_load(d);
	if (s->until[0])
		c.until = (uint32_t)(atoi(s->until) * 10000 + atoi(s->until + 5) * 100 +
				     atoi(s->until + 8));
	struct zi_survey_data *sd = zi_xcalloc(1, sizeof(*sd));
	int rc = read_parts(&c, sd, path, o);
	if (rc == 0 && !c.header_seen) {
		zi_diag_error(d, c.name, 0, NULL, "empty-file",
			      _("the file is empty: no header row"));
		rc = ZI_EDATA;
	}
	int bad = c.header_bad;
	s->n = 0;
	memset(s->sum, 0, sizeof(s->sum));
	for (size_t k = 0; k < sd->nparts; k++) {
		const struct part *p = &sd->parts[k];
		bad |= p->bad;
		s->n += p->counted;
		for (size_t e = 0; e < s->nelem; e++)
			s->sum[e] += p->sum[e];
	}
	if (rc != ZI_EIO && find_order(sd, &c, d))
		bad = 1;
	if (rc == 0 && bad)
		rc = ZI_EDATA;
	zi_survey_finish(s);
	if (rc == 0 && s->keep) {
		s->data = sd;
		if (s->keep != ZI_SURVEY_KEEP_STREAM) {
			zi_buf_reset(&s->canon);
			zi_survey_canon(s, NULL, NULL);
		}
	} else {
		data_free(sd);
	}
	for (size_t i = 0; c.hdr && i < c.ncols; i++)
		free(c.hdr[i]);
	free(c.hdr);
	free(c.col);
	free(c.elem_col);
	forms_free((struct forms *)c.forms);
	return rc;
}

/* The canonical text, in pieces of about this size. */
#define CANON_PIECE (1u << 20)

/* One response as a canonical line. */
static void canon_line(struct zi_buf *b, const struct part *p, size_t i, size_t nelem)
{
	const struct resp *r = (const struct resp *)p->resp.p + i;
	zi_buf_reserve(b, 3 * nelem + 40);
	char *o = b->data + b->len;
	if (r->key & KEY_TEXT) {
		b->len = (size_t)(o - b->data);
		zi_csv_add_field(b, ((char **)p->texts.p)[r->key & ~KEY_TEXT]);
		zi_buf_reserve(b, 3 * nelem + 16);
		o = b->data + b->len;
	} else {
		unsigned nd;
		uint64_t v = key_num(r->key, &nd);
		for (unsigned k = nd; k-- > 0;) {
			o[k] = (char)('0' + v % 10);
			v /= 10;
		}
		o += nd;
	}
	*o++ = ',';
	if (r->date) {
		zi_date_iso(r->date / 10000, r->date / 100 % 100, r->date % 100, o);
		o += 10;
	}
	const unsigned char *ev = (const unsigned char *)p->elems.p + i * nelem;
	for (size_t e = 0; e < nelem; e++) {
		*o++ = ',';
		*o++ = (char)('0' + ev[e]);
	}
	*o++ = '\n';
	*o = 0;
	b->len = (size_t)(o - b->data);
}

/* A place in the responses of all parts, in file order. */
struct cursor {
	size_t k, i, left;
};

static void cursor_skip(const struct zi_survey_data *sd, struct cursor *cu)
{
	while (cu->k < sd->nparts && cu->i >= sd->parts[cu->k].n) {
		cu->k++;
		cu->i = 0;
	}
}

static uint64_t cursor_key(const struct zi_survey_data *sd, const struct cursor *cu)
{
	return ((const struct resp *)sd->parts[cu->k].resp.p)[cu->i].key;
}

/* The runs of responses with the same count of digits, in file order (each
 * run in number order: ORDER_RUNS); returns how many (at most 20). */
static size_t digit_runs(const struct zi_survey_data *sd, struct cursor runs[20])
{
	size_t nruns = 0;
	struct cursor cu = {0, 0, 0};
	cursor_skip(sd, &cu);
	while (cu.k < sd->nparts) {
		uint64_t nd = cursor_key(sd, &cu) & 31;
		struct cursor start = cu;
		size_t len = 0;
		while (cu.k < sd->nparts && (cursor_key(sd, &cu) & 31) == nd) {
			len++;
			cu.i++;
			cursor_skip(sd, &cu);
		}
		start.left = len;
		runs[nruns++] = start;
	}
	return nruns;
}

/* The run whose next response comes first. */
static size_t min_run(const struct zi_survey_data *sd, const struct cursor *runs, size_t nruns)
{
	size_t best = 0;
	uint64_t bk = cursor_key(sd, &runs[0]);
	for (size_t r = 1; r < nruns; r++) {
		uint64_t key = cursor_key(sd, &runs[r]);
		if (key < bk) {
			bk = key;
			best = r;
		}
	}
	return best;
}

/* Moves run best on to its next response; a run used up is dropped. */
static void run_next(const struct zi_survey_data *sd, struct cursor *runs, size_t *nruns,
		     size_t best)
{
	struct cursor *r = &runs[best];
	r->i++;
	cursor_skip(sd, r);
	if (!--r->left)
		runs[best] = runs[--*nruns];
}

/* The header of the canonical copy: the survey schema's respondent and
 * date, then the elements u1..uN (an IKM file's are the schema's u1..u9). */
static void canon_header(struct zi_buf *b, size_t nelem)
{
	struct zi_diag quiet; /* the built-in schemas are tested valid */
	zi_diag_init(&quiet);
	const struct zi_schema *sc = zi_schema_get("survey", &quiet);
	zi_diag_release(&quiet);
	zi_buf_printf(b, "%s,%s", sc->fields[ZI_SV_RESPONDENT].name, sc->fields[ZI_SV_DATE].name);
	for (size_t e = 1; e <= nelem; e++)
		zi_buf_printf(b, ",u%zu", e);
	zi_buf_addc(b, '\n');
}

static int canon_serial(struct zi_survey *s, zi_survey_out_fn out, void *ctx)
{
	const struct zi_survey_data *sd = s->data;
	struct zi_buf own, *b = out ? &own : &s->canon;
	if (out) {
		zi_buf_init(&own);
		zi_buf_reserve(&own, CANON_PIECE + 4096);
	}
	canon_header(b, s->nelem);
	int rc = 0;
#define FLUSH()                                         \
	do {                                            \
		if (out && b->len >= CANON_PIECE) {     \
			rc = out(ctx, b->data, b->len); \
			b->len = 0;                     \
		}                                       \
	} while (0)
	if (!sd) {
		/* nothing kept */
	} else if (sd->how == ORDER_FILE) {
		for (size_t k = 0; !rc && k < sd->nparts; k++)
			for (size_t i = 0; !rc && i < sd->parts[k].n; i++) {
				canon_line(b, &sd->parts[k], i, s->nelem);
				FLUSH();
			}
	} else if (sd->how == ORDER_ARRAY) {
		const struct part *p = &sd->parts[0];
		if (!out)
			zi_buf_reserve(b, p->n * (s->nelem * 2 + 24));
		for (size_t i = 0; !rc && i < p->n; i++) {
			canon_line(b, p, sd->order[i], s->nelem);
			FLUSH();
		}
	} else {
		/* the runs of each count of digits, merged */
		struct cursor runs[20];
		size_t nruns = digit_runs(sd, runs);
		while (!rc && nruns) {
			size_t best = min_run(sd, runs, nruns);
			canon_line(b, &sd->parts[runs[best].k], runs[best].i, s->nelem);
			FLUSH();
			run_next(sd, runs, &nruns, best);
		}
	}
#undef FLUSH
	if (out) {
		if (!rc && b->len)
			rc = out(ctx, b->data, b->len);
		zi_buf_release(&own);
	}
	return rc;
}

/* A large copy is made on every CPU: piece i (PIECE_LINES responses in key
 * order) on a worker of the ordered pool, handed to out in order. */
#define PIECE_LINES 8192

struct canon_job {
	struct zi_survey *s;
	const struct zi_survey_data *sd;
	const uint32_t *ord; /* position -> index over all parts; NULL: the same */
	size_t *prefix; /* responses before part k */
	size_t total;
	struct zi_buf *slots;
	size_t window;
	zi_survey_out_fn out;
	void *ctx;
};

static int canon_work(void *jc, unsigned w, size_t i)
{
	(void)w;
	struct canon_job *j = jc;
	struct zi_buf *b = &j->slots[i % j->window];
	zi_buf_reset(b);
	if (!i)
		canon_header(b, j->s->nelem);
	size_t from = i * PIECE_LINES, to = from + PIECE_LINES;
	if (to > j->total)
		to = j->total;
	size_t k = 0;
	for (size_t g = from; g < to; g++) {
		size_t x = j->ord ? j->ord[g] : g;
		if (j->ord)
			k = 0;
		while (x >= j->prefix[k + 1])
			k++;
		canon_line(b, &j->sd->parts[k], x - j->prefix[k], j->s->nelem);
	}
	return 0;
}

static int canon_emit(void *jc, size_t i)
{
	struct canon_job *j = jc;
	struct zi_buf *b = &j->slots[i % j->window];
	return b->len ? j->out(j->ctx, b->data, b->len) : 0;
}

int zi_survey_canon(struct zi_survey *s, zi_survey_out_fn out, void *ctx)
{
	const struct zi_survey_data *sd = s->data;
	size_t total = 0;
	for (size_t k = 0; sd && k < sd->nparts; k++)
		total += sd->parts[k].n;
	unsigned threads = zi_pool_threads(8);
	if (!out || !sd || total < 2 * PIECE_LINES || threads < 2)
		return canon_serial(s, out, ctx);
	struct canon_job j = {.s = s, .sd = sd, .total = total, .out = out, .ctx = ctx};
	j.prefix = zi_xcalloc(sd->nparts + 2, sizeof(size_t));
	for (size_t k = 0; k < sd->nparts; k++)
		j.prefix[k + 1] = j.prefix[k] + sd->parts[k].n;
	j.prefix[sd->nparts + 1] = (size_t)-1; /* never passed */
	struct zi_bulk_vec ov = {0};
	if (sd->how == ORDER_ARRAY) {
		j.ord = sd->order; /* one part: its indexes are the positions */
	} else if (sd->how == ORDER_RUNS) {
		/* the runs of each count of digits, merged into an order */
		zi_bulk_vec_reserve(&ov, (total + 1) * sizeof(uint32_t));
		uint32_t *ord = ov.p;
		struct cursor runs[20];
		size_t nruns = digit_runs(sd, runs), at = 0;
		while (nruns) {
			size_t best = min_run(sd, runs, nruns);
			ord[at++] = (uint32_t)(j.prefix[runs[best].k] + runs[best].i);
			run_next(sd, runs, &nruns, best);
		}
		j.ord = ord;
	}
	j.window = 2 * (size_t)threads;
	j.slots = zi_xcalloc(j.window, sizeof(struct zi_buf));
	for (size_t k = 0; k < j.window; k++) {
		zi_buf_init(&j.slots[k]);
		zi_buf_reserve(&j.slots[k], PIECE_LINES * (3 * s->nelem + 32) + 4096);
	}
	size_t pieces = (total + PIECE_LINES - 1) / PIECE_LINES;
	int rc = zi_pool_run(pieces, threads, j.window, canon_work, canon_emit, &j);
	for (size_t k = 0; k < j.window; k++)
		zi_buf_release(&j.slots[k]);
	free(j.slots);
	zi_bulk_vec_release(&ov);
	free(j.prefix);
	return rc;
}

json_t *zi_survey_value_json(const char *unit, int year, enum zi_survey_kind k, double v,
			     long soal_id, double part)
{
	json_t *o = json_object();
	json_object_set_new(o, "unit", json_string(unit));
	json_object_set_new(o, "year", json_integer(year));
	json_object_set_new(o, "kind", json_string(zi_survey_kind_name(k)));
	json_object_set_new(o, "value", zi_json_real(v, 6));
	json_object_set_new(o, "soal_id", json_integer(soal_id));
	json_object_set_new(o, "part", zi_json_real(part, 6));
	return o;
}
