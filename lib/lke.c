/* The official LKE workbooks as they arrive, beside zi's own worksheet (a
 * soal_id column, read by lke_import.c): which layout a sheet has, and where its
 * answers are.
 *
 * - The 2026 PortalRB workbook: every question's cells are where the master
 *   says (the model's excel: sheet, row and the columns of the unit's and the
 *   TPI's answer and note, and the unit's evidence). Told by the sheet's name.
 * - Lampiran III of PermenPAN-RB 90/2021 (sheet "LKE ZI"): title rows, then a
 *   header with "Pilihan Jawaban" and "Jawaban" (and Nilai, Catatan,
 *   evidence) and no soal id column; the rows are not where the master's rows say, and a number
 *   column numbers rows, not questions. A question row (one with choices or
 *   an answer) is matched to the question whose text it holds, compared on
 *   letters and digits in any case; a text that several questions share goes
 *   by order (the k-th such row to the k-th such question) only when the
 *   sheet has as many such rows as the model has questions. Otherwise, and
 *   for a row whose text is no question's, an error names the cell: nothing
 *   is guessed. */
#include "lke.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet.h"
#include "util.h"

int zi_lke_grid_add(void *ctx, unsigned long line, char **cells, size_t n)
{
	struct zi_lke_grid *g = ctx;
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 256;
		g->r = zi_xrealloc(g->r, g->cap * sizeof(*g->r));
	}
	struct zi_lke_grid_row *r = &g->r[g->n++];
	r->line = line;
	r->n = n;
	r->cells = zi_xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		r->cells[i] = zi_xstrdup(zi_trim(cells[i]));
	return 0;
}

void zi_lke_grid_free(struct zi_lke_grid *g)
{
	for (size_t i = 0; i < g->n; i++) {
		for (size_t c = 0; c < g->r[i].n; c++)
			free(g->r[i].cells[c]);
		free(g->r[i].cells);
	}
	free(g->r);
	memset(g, 0, sizeof(*g));
}

void zi_lke_found_free(struct zi_lke_found_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].answer);
		free(l->v[i].note);
		free(l->v[i].evidence);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct zi_lke_found *found_add(struct zi_lke_found_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 128;
		l->v = zi_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	struct zi_lke_found *f = &l->v[l->n++];
	memset(f, 0, sizeof(*f));
	return f;
}

char *zi_lke_text_key(const char *s)
{
	char *o = zi_xstrdup(s ? s : "");
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
		if (*p >= 0x80 || isalnum(*p))
			o[n++] = (char)tolower(*p);
	o[n] = 0;
	return o;
}

static const char *cell(const struct zi_lke_grid_row *r, long c)
{
	return c >= 0 && (size_t)c < r->n ? r->cells[c] : "";
}

/* 0-based column of letters "K", or -1. */
static long col_index(const char *letters)
{
	long c = 0;
	if (!letters || !letters[0])
		return -1;
	for (const char *p = letters; *p; p++)
		c = c * 26 + (*p - 'A' + 1);
	return c - 1;
}

/* A diagnostic naming its cell (Sheet!B14). */
static void cell_error(struct zi_diag *d, const char *file, const char *sheet, unsigned long line,
		       long col, const char *field, const char *code, const char *msg)
{
	zi_diag_error(d, file, line, field, code, "%s", msg);
	char letters[8] = "";
	if (col >= 0)
		zi_sheet_col_name((size_t)col, letters);
	d->v[d->n - 1].cell = zi_xasprintf("%s!%s%lu", sheet, letters, line);
}

/* The Lampiran III header: its row index in g, and its columns. */
struct l3_cols {
	long choices, answer, note, evidence;
};

static long l3_header(const struct zi_lke_grid *g, struct l3_cols *c)
{
	for (size_t i = 0; i < g->n && i < 20; i++) {
		*c = (struct l3_cols){-1, -1, -1, -1};
		for (size_t k = 0; k < g->r[i].n; k++) {
			char f[64];
			zi_fold_name(g->r[i].cells[k], f, sizeof(f));
			long *slot = NULL;
			if (!strcmp(f, "pilihanjawaban"))
				slot = &c->choices;
			else if (!strcmp(f, "jawaban"))
				slot = &c->answer;
			else if (!strcmp(f, "catatan"))
				slot = &c->note;
			else if (!strcmp(f, "buktidukung") || !strcmp(f, "bukti") ||
				 !strcmp(f, "linkbuktidukung") || !strcmp(f, "evidence"))
				slot = &c->evidence;
			if (slot && *slot < 0)
				*slot = (long)k;
			/* zi's own worksheet names its soal column (the xlsx template
			 * has Pilihan Jawaban and Jawaban too): it goes by that */
			if (!strcmp(f, "soalid") || !strcmp(f, "idsoal") || !strcmp(f, "nosoal") ||
			    !strcmp(f, "nomorsoal") || !strcmp(f, "soal"))
				return -1;
		}
		if (c->choices >= 0 && c->answer >= 0)
			return (long)i;
	}
	return -1;
}

const char *zi_lke_default_sheet(const struct zi_model *m, size_t i)
{
	const char *named = NULL;
	for (size_t q = 0; q < m->nq && !named; q++)
		named = m->q[q].excel.sheet;
	if (named && i == 0)
		return named;
	return i == (named ? 1u : 0u) ? "LKE ZI" : NULL;
}

static int names_sheet(const struct zi_model *m, const char *sheet)
{
	for (size_t q = 0; q < m->nq; q++)
		if (m->q[q].excel.sheet && zi_strcaseeq(m->q[q].excel.sheet, sheet))
			return 1;
	return 0;
}

enum zi_lke_layout zi_lke_layout(const struct zi_model *m, const char *sheet,
				 const struct zi_lke_grid *g)
{
	struct l3_cols c;
	if (sheet && names_sheet(m, sheet))
		return ZI_LKE_PORTALRB;
	if (l3_header(g, &c) >= 0)
		return ZI_LKE_LAMPIRAN3;
	return ZI_LKE_PLAIN;
}

static const struct zi_lke_grid_row *row_at(const struct zi_lke_grid *g, unsigned long line)
{
	size_t lo = 0, hi = g->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->r[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->n && g->r[lo].line == line ? &g->r[lo] : NULL;
}

static char *dup_cell(const struct zi_lke_grid_row *r, long c)
{
	return c >= 0 ? zi_xstrdup(cell(r, c)) : NULL;
}

static void read_portalrb(const struct zi_model *m, const char *sheet, const struct zi_lke_grid *g,
			  enum zi_layer layer, struct zi_lke_found_list *out)
{
	for (size_t qi = 0; qi < m->nq; qi++) {
		const struct zi_question *q = &m->q[qi];
		if (!q->excel.sheet || !zi_strcaseeq(q->excel.sheet, sheet))
			continue;
		const struct zi_lke_grid_row *r = row_at(g, q->excel.row);
		if (!r)
			continue;
		int tpi = layer == ZI_LAYER_TPI;
		long ca = col_index(tpi ? q->excel.tpi : q->excel.unit);
		long cn = col_index(tpi ? q->excel.tpi_note : q->excel.unit_note);
		long ce = tpi ? -1 : col_index(q->excel.unit_evidence);
		/* a row left empty leaves the stored answer alone */
		if (!cell(r, ca)[0] && !cell(r, cn)[0] && !cell(r, ce)[0])
			continue;
		struct zi_lke_found *f = found_add(out);
		f->qi = (long)qi;
		f->line = r->line;
		snprintf(f->cell, sizeof(f->cell), "%s%lu", tpi ? q->excel.tpi : q->excel.unit,
			 r->line);
		f->text = q->text ? zi_xstrdup(q->text) : NULL;
		f->answer = zi_xstrdup(cell(r, ca));
		f->note = dup_cell(r, cn);
		f->evidence = dup_cell(r, ce);
	}
}

/* A Lampiran III question row: the questions its text names. */
struct l3_row {
	const struct zi_lke_grid_row *r;
	long text_col;
	char *key; /* the normalised text that matched, or NULL */
	size_t first, ncand; /* candidates: order[first .. first+ncand) */
};

/* The questions sorted by their text (norm: each one's zi_lke_text_key), in
 * model order within one text, for a binary search by a row's text. */
struct l3_ctx {
	const struct zi_model *m;
	char **norm; /* per question */
	size_t *order;
};

static int by_text(const void *a, const void *b, void *ctx)
{
	const struct l3_ctx *c = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int r = strcmp(c->norm[x], c->norm[y]);
	return r ? r : (x > y) - (x < y);
}

/* The position in ctx->order of the first question whose text is key. */
static size_t l3_first(const struct l3_ctx *ctx, const char *key)
{
	size_t lo = 0, hi = ctx->m->nq;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ctx->norm[ctx->order[mid]], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Finds the cells of row r (left of column text_end) that name a question:
 * the first one's candidates in lr, the longest text cell when none does. */
static void l3_match(const struct l3_ctx *ctx, const struct zi_lke_grid_row *r, long text_end,
		     struct l3_row *lr)
{
	size_t nq = ctx->m->nq, longest = 0;
	lr->r = r;
	lr->text_col = -1;
	for (long k = 0; k < text_end && (size_t)k < r->n; k++) {
		const char *t = r->cells[k];
		char *key = zi_lke_text_key(t);
		size_t lo = l3_first(ctx, key), n = 0;
		while (key[0] && lo + n < nq && !strcmp(ctx->norm[ctx->order[lo + n]], key))
			n++;
		if (n && !lr->key) {
			lr->key = key;
			lr->first = lo;
			lr->ncand = n;
			lr->text_col = k;
			continue;
		}
		if (n) {
			/* two cells of one row name questions */
			lr->ncand += n;
		} else if (!lr->key && strlen(t) > longest) {
			longest = strlen(t);
			lr->text_col = k;
		}
		free(key);
	}
}

/* The question of rows[i], or -1 with the error said: a text no question
 * has, or one several share whose order among the rows does not tell. */
static long l3_question(const struct l3_ctx *ctx, const struct l3_row *rows, size_t nrows, size_t i,
			const char *file, const char *sheet, struct zi_diag *d)
{
	const struct zi_model *m = ctx->m;
	const struct l3_row *lr = &rows[i];
	const char *text = cell(lr->r, lr->text_col);
	if (!lr->key) {
		char *msg = zi_xasprintf(_("row text '%.80s' is no question of model %s"), text,
					 m->name);
		cell_error(d, file, sheet, lr->r->line, lr->text_col, "question",
			   "question-unknown", msg);
		free(msg);
		return -1;
	}
	if (lr->ncand == 1)
		return (long)ctx->order[lr->first];
	/* a shared text: by order, when the counts agree */
	size_t same = 0, k = 0;
	for (size_t j = 0; j < nrows; j++)
		if (rows[j].key && !strcmp(rows[j].key, lr->key)) {
			if (j < i)
				k++;
			same++;
		}
	size_t shared = 0;
	while (lr->first + shared < m->nq &&
	       !strcmp(ctx->norm[ctx->order[lr->first + shared]], lr->key))
		shared++;
	if (same == shared && lr->ncand == shared)
		return (long)ctx->order[lr->first + k];
	struct zi_buf ids;
	zi_buf_init(&ids);
	for (size_t c = 0; c < lr->ncand && lr->first + c < m->nq; c++)
		zi_buf_printf(&ids, "%s%ld", c ? ", " : "", m->q[ctx->order[lr->first + c]].id);
	char *msg = zi_xasprintf(_("row text '%.80s' is the text of more than one "
				   "question (soal %s) and its order does not tell "
				   "which"),
				 text, ids.data ? ids.data : "");
	cell_error(d, file, sheet, lr->r->line, lr->text_col, "question", "question-ambiguous", msg);
	free(msg);
	zi_buf_release(&ids);
	return -1;
}

static int read_lampiran3(const struct zi_model *m, const char *file, const char *sheet,
			  const struct zi_lke_grid *g, struct zi_lke_found_list *out,
			  struct zi_diag *d)
{
	struct l3_cols c;
	long h = l3_header(g, &c);
	long text_end = c.choices < c.answer ? c.choices : c.answer;
	struct l3_ctx ctx = {m, zi_xcalloc(m->nq + 1, sizeof(char *)),
			     zi_xcalloc(m->nq + 1, sizeof(size_t))};
	for (size_t i = 0; i < m->nq; i++) {
		ctx.norm[i] = zi_lke_text_key(m->q[i].text);
		ctx.order[i] = i;
	}
	qsort_r(ctx.order, m->nq, sizeof(*ctx.order), by_text, &ctx);
	struct l3_row *rows = zi_xcalloc(g->n + 1, sizeof(*rows));
	size_t nrows = 0;
	for (size_t i = (size_t)h + 1; i < g->n; i++) {
		const struct zi_lke_grid_row *r = &g->r[i];
		/* headings, titles and totals have neither choices nor an answer */
		if (cell(r, c.choices)[0] || cell(r, c.answer)[0])
			l3_match(&ctx, r, text_end, &rows[nrows++]);
	}
	int bad = 0;
	for (size_t i = 0; i < nrows; i++) {
		const struct zi_lke_grid_row *r = rows[i].r;
		long qi = l3_question(&ctx, rows, nrows, i, file, sheet, d);
		if (qi < 0) {
			bad = 1;
			continue;
		}
		struct zi_lke_found *f = found_add(out);
		f->qi = qi;
		f->line = r->line;
		char letters[8];
		zi_sheet_col_name((size_t)c.answer, letters);
		snprintf(f->cell, sizeof(f->cell), "%s%lu", letters, r->line);
		f->text = zi_xstrdup(cell(r, rows[i].text_col));
		f->answer = zi_xstrdup(cell(r, c.answer));
		f->note = dup_cell(r, c.note);
		f->evidence = dup_cell(r, c.evidence);
	}
	for (size_t i = 0; i < nrows; i++)
		free(rows[i].key);
	free(rows);
	for (size_t i = 0; i < m->nq; i++)
		free(ctx.norm[i]);
	free(ctx.norm);
	free(ctx.order);
	return bad ? ZI_EDATA : 0;
}

int zi_lke_read(const struct zi_model *m, enum zi_lke_layout layout, const char *file,
		const char *sheet, const struct zi_lke_grid *g, enum zi_layer layer,
		struct zi_lke_found_list *out, struct zi_diag *d)
{
	if (layout == ZI_LKE_PORTALRB) {
		read_portalrb(m, sheet, g, layer, out);
		return 0;
	}
	if (layout == ZI_LKE_LAMPIRAN3)
		return read_lampiran3(m, file, sheet, g, out, d);
	return 0;
}

long zi_lke_survey_question_need(const struct zi_model *m, const char *kind, struct zi_diag *d)
{
	long qi = zi_lke_survey_question(m, kind);
	if (qi < 0)
		zi_diag_error(d, NULL, 0, NULL, "model-no-question",
			      _("model %s has no question for the %s value"), m->name, kind);
	return qi;
}

json_t *zi_lke_models_json(struct zi_diag *d, int *rc)
{
	const char *const *names = zi_model_names();
	json_t *a = json_array();
	*rc = 0;
	for (size_t n = 0; names[n]; n++) {
		struct zi_model *m;
		if ((*rc = zi_model_load(names[n], &m, d))) {
			json_decref(a);
			return NULL;
		}
		json_t *o = json_object();
		json_object_set_new(o, "model", json_string(m->name));
		json_object_set_new(o, "year", json_integer(m->year));
		json_object_set_new(o, "questions", json_integer((json_int_t)m->nq));
		json_object_set_new(o, "title", json_string(m->title));
		json_array_append_new(a, o);
		zi_model_free(m);
	}
	return a;
}
