/* Importing a unit's LKE answers (zi-eval import): zi's worksheet (the
 * columns of schemas/lke-worksheet.json, found by their names and aliases)
 * through the common import path (import.c, zi_cli_import) with this file's
 * hooks: the header's required columns, each answer checked against its own
 * question (a choice, a count, a survey value) and the rows upserted into
 * the field of the layer imported (unit, tpi or tpn); an official workbook
 * (lke.c) or a PortalRB jawaban-unit file (portalrb.c), each answer checked
 * the same way; the upsert into the unit's lke-answers table; and the
 * worksheet zi-eval template writes. */
#include "lke.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "portalrb.h"
#include "records.h"
#include "schema.h"
#include "sheet.h"
#include "util.h"

void zi_lke_import_init(struct zi_lke_import *im, const struct zi_model *m, const char *file,
			enum zi_layer layer, struct zi_diag *d)
{
	memset(im, 0, sizeof(*im));
	im->m = m;
	im->file = file;
	im->layer = layer;
	im->d = d;
	zi_buf_init(&im->rejects);
	zi_buf_init(&im->mapping);
	zi_buf_init(&im->canon);
}

static void free_in(struct zi_lke_in *r)
{
	free(r->answer);
	free(r->note);
	free(r->evidence);
	free(r->tpi_answer);
	free(r->tpi_note);
}

void zi_lke_import_release(struct zi_lke_import *im)
{
	for (size_t i = 0; i < im->n; i++)
		free_in(&im->rows[i]);
	free(im->rows);
	zi_buf_release(&im->rejects);
	zi_buf_release(&im->mapping);
	zi_buf_release(&im->canon);
	memset(im, 0, sizeof(*im));
}

/* A bad value: an error, or with --reject a warning (the answer not taken). */
static void problem(struct zi_lke_import *im, unsigned long line, const char *field,
		    const char *code, const char *msg)
{
	zi_diag_add(im->d, im->keep_rejected ? ZI_WARNING : ZI_ERROR, im->file, line, field, code,
		    "%s", msg);
	if (im->keep_rejected)
		im->rejected++;
	else
		im->bad = 1;
}

void zi_lke_import_take(struct zi_lke_import *im, long qi, unsigned long line, const char *field,
			const char *raw, char **out)
{
	struct zi_verr err;
	if (zi_model_check_answer(im->m, &im->m->q[qi], raw, &im->canon, &err)) {
		problem(im, line, field, err.code, err.msg);
		return;
	}
	*out = zi_xstrdup(im->canon.data ? im->canon.data : "");
}

struct zi_lke_in *zi_lke_import_add(struct zi_lke_import *im, long qi, unsigned long line)
{
	if (im->n == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 128;
		im->rows = zi_xrealloc(im->rows, im->cap * sizeof(*im->rows));
	}
	struct zi_lke_in *r = &im->rows[im->n++];
	memset(r, 0, sizeof(*r));
	r->qi = qi;
	r->line = line;
	return r;
}

long zi_lke_import_soal(struct zi_lke_import *im, const char *raw, unsigned long line,
			const char *field)
{
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%s", raw);
	zi_trim(tmp);
	char *end;
	long id = strtol(tmp, &end, 10);
	long qi = (*tmp && !*end) ? zi_model_question(im->m, id) : -1;
	if (qi < 0) {
		char msg[200];
		snprintf(msg, sizeof(msg), _("'%s' is not a question id of model %s"), raw,
			 im->m->name);
		problem(im, line, field, "soal-unknown", msg);
	}
	return qi;
}

/* An official workbook's answers (zi_lke_read) taken into im, with the
 * mapping (soal_id,cell,question,answer) in im->mapping. */
static void take_found(struct zi_lke_import *im, const char *sheet,
		       const struct zi_lke_found_list *found)
{
	struct zi_buf *map = &im->mapping;
	zi_buf_adds(map, "soal_id,cell,question,answer\n");
	for (size_t i = 0; i < found->n; i++) {
		const struct zi_lke_found *f = &found->v[i];
		struct zi_lke_in *r = zi_lke_import_add(im, f->qi, f->line);
		size_t from = im->d->n;
		zi_lke_import_take(im, f->qi, f->line, "answer", f->answer, &r->answer);
		char *c = zi_xasprintf("%s!%s", sheet, f->cell);
		for (size_t k = from; k < im->d->n; k++)
			if (!im->d->v[k].cell)
				im->d->v[k].cell = zi_xstrdup(c);
		r->note = f->note ? zi_xstrdup(f->note) : NULL;
		r->evidence = f->evidence ? zi_xstrdup(f->evidence) : NULL;
		zi_buf_printf(map, "%ld,", im->m->q[f->qi].id);
		zi_csv_add_field(map, c);
		free(c);
		zi_buf_addc(map, ',');
		zi_csv_add_field(map, f->text ? f->text : "");
		zi_buf_addc(map, ',');
		/* the answer as it would be stored (Ya, B), as written when it is bad */
		zi_csv_add_field(map, r->answer ? r->answer : f->answer);
		zi_buf_addc(map, '\n');
	}
}

/* The sheet of a workbook read whole (they are small): --sheet, else the
 * first of zi_lke_default_sheet's that the file has, else the first visible
 * one. Returns 0 with g filled, or the reader's status. */
static int read_grid(struct zi_lke_import *im, struct zi_csv_opts *copts, struct zi_lke_grid *g)
{
	for (size_t i = 0; !copts->sheet; i++) {
		const char *name = zi_lke_default_sheet(im->m, i);
		if (!name)
			break;
		struct zi_diag quiet;
		zi_diag_init(&quiet);
		copts->sheet = name;
		int got = !zi_table_read(im->file, im->file, copts, zi_lke_grid_add, g, &quiet);
		zi_diag_release(&quiet);
		if (got)
			return 0;
		zi_lke_grid_free(g);
		copts->sheet = NULL; /* the file has no such sheet */
	}
	int rc = zi_table_read(im->file, im->file, copts, zi_lke_grid_add, g, im->d);
	if (rc)
		zi_lke_grid_free(g);
	return rc;
}

/* An official workbook (lke.c): its layout told and, for PortalRB or
 * Lampiran III, its answers taken. ZI_LKE_PLAIN (zi's own worksheet, read by
 * the caller with the sheet left in copts) for anything else. */
static enum zi_lke_layout read_workbook(struct zi_lke_import *im, struct zi_csv_opts *copts, int *rc)
{
	char what[256];
	*rc = 0;
	if (!strcmp(im->file, "-"))
		return ZI_LKE_PLAIN;
	enum zi_file_kind kind = zi_sheet_sniff(im->file, what, sizeof(what));
	if (kind != ZI_FILE_XLSX && kind != ZI_FILE_ODS)
		return ZI_LKE_PLAIN;
	struct zi_lke_grid g = {0};
	if ((*rc = read_grid(im, copts, &g)))
		return ZI_LKE_PLAIN;
	enum zi_lke_layout layout = zi_lke_layout(im->m, copts->used_sheet, &g);
	if (layout != ZI_LKE_PLAIN) {
		struct zi_lke_found_list found = {0};
		if (zi_lke_read(im->m, layout, im->file, copts->used_sheet, &g, im->layer, &found,
				im->d))
			im->bad = 1;
		take_found(im, copts->used_sheet, &found);
		zi_lke_found_free(&found);
	}
	zi_lke_grid_free(&g);
	return layout;
}

static int cmp_qi(const void *a, const void *b, void *ctx)
{
	const struct zi_lke_in *rows = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	if (rows[i].qi != rows[j].qi)
		return rows[i].qi < rows[j].qi ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* A question given twice: each repeat an error naming the first. By a sort
 * of the rows' order, not a comparison of every pair. */
static void check_duplicates(struct zi_lke_import *im)
{
	if (im->n < 2)
		return;
	size_t *order = zi_xmalloc(im->n * sizeof(size_t));
	for (size_t i = 0; i < im->n; i++)
		order[i] = i;
	qsort_r(order, im->n, sizeof(size_t), cmp_qi, im->rows);
	size_t first = order[0];
	for (size_t k = 1; k < im->n; k++) {
		const struct zi_lke_in *r = &im->rows[order[k]];
		if (r->qi != im->rows[first].qi) {
			first = order[k];
			continue;
		}
		zi_diag_error(im->d, im->file, r->line, "soal_id", "duplicate-key",
			      _("soal %ld appears again (first on line %lu)"), im->m->q[r->qi].id,
			      im->rows[first].line);
		im->bad = 1;
	}
	free(order);
}

int zi_lke_import_read(struct zi_lke_import *im, struct zi_csv_opts *copts, const char *unit,
		       int year)
{
	int rc = 0;
	enum zi_lke_layout layout = ZI_LKE_PLAIN;
	if (strcmp(im->file, "-") && zi_portalrb_is_file(im->file)) {
		im->both_layers = 1;
		rc = zi_portalrb_read(im, unit, year);
	} else {
		layout = read_workbook(im, copts, &rc);
		if (!rc && layout == ZI_LKE_PLAIN) {
			im->worksheet = 1; /* for zi_lke_worksheet_job */
			return 0;
		}
	}
	check_duplicates(im);
	if (!rc && im->bad)
		rc = ZI_EDATA;
	return rc;
}

/* --- zi's worksheet, through the common import path --- */

/* The fields of schemas/lke-worksheet.json, in its order; from WS_AREA on the
 * template's reading aids, which are not read. */
enum { WS_SOAL, WS_ANSWER, WS_NOTE, WS_EVIDENCE, WS_QUESTION, WS_NO, WS_AREA };

/* Does a worksheet's question text agree with the model's? Compared as
 * zi_lke_text_key: letters and digits alone, any case. An empty cell, or a
 * model without the text, agrees. */
static int same_question(const char *given, const char *model)
{
	if (!model || !*model)
		return 1;
	char *a = zi_lke_text_key(given), *b = zi_lke_text_key(model);
	int same = !*a || !strcmp(a, b);
	free(a);
	free(b);
	return same;
}

/* The question index of a soal id as written, or -1. */
static long soal_index(const struct zi_model *m, const char *raw)
{
	char *end;
	long id = strtol(raw, &end, 10);
	return *raw && !*end ? zi_model_question(m, id) : -1;
}

/* The header hook: the soal and answer columns are required (a workbook's
 * row-number column is no soal column, and the message says so). */
static int ws_header(void *ctx, struct zi_import *im, char **fields, size_t n, unsigned long line,
		     struct zi_diag *d)
{
	(void)ctx;
	long no = -1;
	for (size_t i = 0; i < n && no < 0; i++)
		if (im->col_to_field[i] == WS_NO)
			no = (long)i;
	if (!im->present[WS_SOAL] && no >= 0) {
		/* in real workbooks this column numbers the rows */
		zi_diag_error(d, im->file, line, "soal_id", "column-missing",
			      _("required column is missing: column %d '%s' is not taken as "
				"soal_id (in workbooks it numbers the rows); name the soal "
				"column soal_id, or use --map"),
			      (int)no + 1, fields[no]);
		return 1;
	}
	if (!im->present[WS_SOAL] || !im->present[WS_ANSWER]) {
		zi_diag_error(d, im->file, line, !im->present[WS_SOAL] ? "soal_id" : "answer",
			      "column-missing", _("required column is missing"));
		return 1;
	}
	return 0;
}

/* The row hook: a heading, derived or total row of the xlsx template (no
 * soal id and nothing answered) is left out; the soal must be the model's,
 * the question text (when given) its text, and the answer one its type
 * takes. The soal id and the answer are put canonical in scratch. */
static int ws_row(void *ctx, unsigned long line, const char **vals, struct zi_buf *scratch,
		  struct zi_verr *err, const char **field)
{
	(void)line;
	const struct zi_lke_ws *ws = ctx;
	const struct zi_model *m = ws->m;
	if (!vals[WS_SOAL][0] && !vals[WS_ANSWER][0])
		return 1;
	long qi = soal_index(m, vals[WS_SOAL]);
	if (qi < 0) {
		*field = "soal_id";
		return zi_verr_set(err, "soal-unknown", _("'%s' is not a question id of model %s"),
				   vals[WS_SOAL], m->name);
	}
	const struct zi_question *q = &m->q[qi];
	if (!same_question(vals[WS_QUESTION], q->text)) {
		/* the id and the question disagree: a shifted or renumbered column */
		*field = "question";
		return zi_verr_set(err, "question-mismatch",
				   _("soal %ld of model %s is '%.80s', not '%.80s'"), q->id,
				   m->name, q->text, vals[WS_QUESTION]);
	}
	if (zi_model_check_answer(m, q, vals[WS_ANSWER], scratch, err)) {
		*field = "answer";
		return -1;
	}
	size_t alen = scratch->len;
	zi_buf_addc(scratch, 0);
	zi_buf_printf(scratch, "%ld", q->id);
	vals[WS_ANSWER] = scratch->data;
	vals[WS_SOAL] = scratch->data + alen + 1;
	return 0;
}

/* The merge hook: the rows' answers (and the note and evidence, when the
 * file has their columns) upserted into the unit's answers, in the fields of
 * the layer imported. */
static int ws_merge(void *ctx, struct zi_table *answers, struct zi_import *im,
		    struct zi_merge_counts *c, struct zi_diag *d)
{
	(void)d;
	const struct zi_lke_ws *ws = ctx;
	const struct zi_table *t = &im->rows;
	struct zi_lke_in *in = zi_xcalloc(t->n + 1, sizeof(*in));
	for (size_t r = 0; r < t->n; r++) {
		in[r].qi = soal_index(ws->m, zi_table_get(t, r, WS_SOAL));
		in[r].line = t->lines[r];
		in[r].answer = (char *)zi_table_get(t, r, WS_ANSWER);
		if (im->present[WS_NOTE])
			in[r].note = (char *)zi_table_get(t, r, WS_NOTE);
		if (im->present[WS_EVIDENCE])
			in[r].evidence = (char *)zi_table_get(t, r, WS_EVIDENCE);
	}
	struct zi_lke_counts lc;
	zi_lke_upsert(answers, ws->m, in, t->n, ws->layer, 0, &lc);
	free(in);
	c->added = lc.added;
	c->updated = lc.updated;
	c->unchanged = lc.unchanged;
	return 0;
}

int zi_lke_worksheet_job(struct zi_lke_ws *ws, const struct zi_model *m, enum zi_layer layer,
			 const char *unit, int year, struct zi_import_job *job, struct zi_diag *d)
{
	memset(ws, 0, sizeof(*ws));
	ws->m = m;
	ws->layer = layer;
	ws->worksheet = zi_schema_get("lke-worksheet", d);
	ws->answers = zi_schema_get("lke-answers", d);
	ws->target = zi_records_rel("lke-answers", unit, year, d);
	if (!ws->worksheet || !ws->answers || !ws->target) {
		zi_lke_worksheet_done(ws, job);
		return ZI_EINTERNAL;
	}
	job->schema = ws->worksheet;
	job->target = ws->target;
	job->header = ws_header;
	job->row = ws_row;
	job->merge = ws_merge;
	job->pad_short = 1; /* the note and evidence columns may be left off */
	job->ctx = ws;
	zi_table_init(&job->existing, ws->answers);
	return 0;
}

void zi_lke_worksheet_done(struct zi_lke_ws *ws, struct zi_import_job *job)
{
	if (ws->answers && job->schema == ws->worksheet)
		zi_table_release(&job->existing);
	zi_schema_free(ws->worksheet);
	zi_schema_free(ws->answers);
	free(ws->target);
	memset(ws, 0, sizeof(*ws));
}

/* --- the upsert --- */

int zi_lke_set(struct zi_table *t, size_t r, size_t f, const char *v)
{
	if (!v || !strcmp(zi_table_get(t, r, f), v))
		return 0;
	zi_table_set_value(t, r, f, v);
	return 1;
}

static long find_soal(const struct zi_table *t, long soal_id)
{
	char id[24];
	snprintf(id, sizeof(id), "%ld", soal_id);
	const char *key[1] = {id};
	return zi_table_find(t, key);
}

static size_t add_soal(struct zi_table *t, long soal_id)
{
	char id[24];
	snprintf(id, sizeof(id), "%ld", soal_id);
	const char *row[ZI_A_NFIELDS] = {id, "", "", "", "", "", ""};
	return zi_table_add(t, row, 0);
}

size_t zi_lke_row(struct zi_table *t, long soal_id, int *added)
{
	long r = find_soal(t, soal_id);
	*added = r < 0;
	return r < 0 ? add_soal(t, soal_id) : (size_t)r;
}

static int set_layer(struct zi_table *t, size_t r, const struct zi_lke_in *in, enum zi_layer layer,
		     int both_layers)
{
	int ch = 0;
	if (both_layers) {
		ch |= zi_lke_set(t, r, ZI_A_UNIT, in->answer);
		ch |= zi_lke_set(t, r, ZI_A_TPI, in->tpi_answer);
		ch |= zi_lke_set(t, r, ZI_A_UNIT_NOTE, in->note);
		ch |= zi_lke_set(t, r, ZI_A_UNIT_EVIDENCE, in->evidence);
		ch |= zi_lke_set(t, r, ZI_A_TPI_NOTE, in->tpi_note);
	} else if (layer == ZI_LAYER_UNIT) {
		ch |= zi_lke_set(t, r, ZI_A_UNIT, in->answer);
		ch |= zi_lke_set(t, r, ZI_A_UNIT_NOTE, in->note);
		ch |= zi_lke_set(t, r, ZI_A_UNIT_EVIDENCE, in->evidence);
	} else if (layer == ZI_LAYER_TPI) {
		ch |= zi_lke_set(t, r, ZI_A_TPI, in->answer);
		ch |= zi_lke_set(t, r, ZI_A_TPI_NOTE, in->note);
	} else {
		ch |= zi_lke_set(t, r, ZI_A_TPN, in->answer);
	}
	return ch;
}

void zi_lke_upsert(struct zi_table *t, const struct zi_model *m, const struct zi_lke_in *rows,
		   size_t n, enum zi_layer layer, int both_layers, struct zi_lke_counts *c)
{
	memset(c, 0, sizeof(*c));
	/* every lookup before the first row is added: the table stays sorted
	 * for them, and is sorted once at the end */
	long *at = zi_xmalloc((n + 1) * sizeof(long));
	for (size_t i = 0; i < n; i++)
		at[i] = find_soal(t, m->q[rows[i].qi].id);
	for (size_t i = 0; i < n; i++) {
		int isnew = at[i] < 0;
		size_t r = isnew ? add_soal(t, m->q[rows[i].qi].id) : (size_t)at[i];
		int ch = set_layer(t, r, &rows[i], layer, both_layers);
		if (isnew)
			c->added++;
		else if (ch)
			c->updated++;
		else
			c->unchanged++;
	}
	free(at);
	if (c->added)
		zi_table_sort(t);
}

int zi_lke_load(struct zi_store *st, const char *unit, int year, struct zi_schema **s,
		struct zi_table *t, struct zi_diag *d)
{
	*s = zi_schema_get("lke-answers", d);
	if (!*s)
		return ZI_EINTERNAL;
	return zi_records_load_year(st, "lke-answers", unit, year, t, d);
}

long zi_lke_survey_question(const struct zi_model *m, const char *kind)
{
	char src[32];
	snprintf(src, sizeof(src), "survey-%s", kind);
	long qi = -1;
	for (size_t i = 0; i < m->nq; i++)
		if (m->q[i].source && !strcmp(m->q[i].source, src))
			qi = (long)i;
	return qi;
}

int zi_lke_store_import(struct zi_store *st, const struct zi_lke_import *im, const char *unit,
			int year, struct zi_lke_counts *c, struct zi_diag *d)
{
	struct zi_schema *s;
	struct zi_table t;
	memset(c, 0, sizeof(*c));
	int rc = zi_lke_load(st, unit, year, &s, &t, d);
	if (!rc) {
		zi_lke_upsert(&t, im->m, im->rows, im->n, im->layer, im->both_layers, c);
		if (c->added || c->updated)
			rc = zi_lke_put(st, unit, year, &t, d);
	}
	if (s)
		zi_table_release(&t);
	zi_schema_free(s);
	return rc;
}

int zi_lke_store_answer(struct zi_store *st, const char *unit, int year, long soal_id,
			const char *value, const char *note, int *changed, struct zi_diag *d)
{
	struct zi_schema *s;
	struct zi_table t;
	*changed = 0;
	int rc = zi_lke_load(st, unit, year, &s, &t, d);
	if (!rc) {
		int added;
		size_t r = zi_lke_row(&t, soal_id, &added);
		*changed = zi_lke_set(&t, r, ZI_A_UNIT, value);
		*changed |= zi_lke_set(&t, r, ZI_A_UNIT_NOTE, note);
		if (added)
			zi_table_sort(&t);
		if (*changed)
			rc = zi_lke_put(st, unit, year, &t, d);
	}
	if (s)
		zi_table_release(&t);
	zi_schema_free(s);
	return rc;
}

/* --- the template --- */

static const struct zi_node *ancestor(const struct zi_model *m, size_t node, const char *level)
{
	for (long n = (long)node; n >= 0; n = m->nodes[n].parent)
		if (!strcmp(m->nodes[n].level, level))
			return &m->nodes[n];
	return NULL;
}

void zi_lke_template_csv(const struct zi_model *m, const struct zi_table *t, struct zi_buf *b)
{
	struct zi_buf choices;
	zi_buf_init(&choices);
	static const char *const hdr[] = {"soal_id", "area",   "sub_area", "question", "type",
					  "choices", "answer", "note",	   "evidence"};
	zi_csv_add_row(b, hdr, 9);
	for (size_t i = 0; i < m->nq; i++) {
		const struct zi_question *q = &m->q[i];
		const struct zi_node *area = ancestor(m, q->node, "area_perubahan");
		const struct zi_node *sub = ancestor(m, q->node, "sub_area");
		const struct zi_node *comp = ancestor(m, q->node, "sub_komponen");
		zi_buf_reset(&choices);
		if (q->kind == ZI_Q_CHOICE)
			for (size_t c = 0; c < q->nchoices; c++)
				zi_buf_printf(&choices, "%s%s", c ? "/" : "", q->choices[c].key);
		else
			zi_buf_adds(&choices, q->kind == ZI_Q_COUNT ? _("count >= 0") : "0-4");
		char id[24];
		snprintf(id, sizeof(id), "%ld", q->id);
		long r = find_soal(t, q->id);
		const char *row[9] = {id,
				      area   ? area->name
				      : comp ? comp->name
					     : "",
				      sub ? sub->name : "",
				      q->text ? q->text : "",
				      q->type,
				      choices.data ? choices.data : "",
				      r >= 0 ? zi_table_get(t, (size_t)r, ZI_A_UNIT) : "",
				      r >= 0 ? zi_table_get(t, (size_t)r, ZI_A_UNIT_NOTE) : "",
				      r >= 0 ? zi_table_get(t, (size_t)r, ZI_A_UNIT_EVIDENCE) : ""};
		zi_csv_add_row(b, row, 9);
	}
	zi_buf_release(&choices);
}
