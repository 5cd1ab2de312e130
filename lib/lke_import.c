/* Importing a unit's LKE answers (zi-eval import): zi's worksheet (the
 * columns of schemas/lke-worksheet.json, found by their names and aliases),
 * an official workbook (lke.c) or a PortalRB jawaban-unit file (portalrb.c),
 * each answer checked against the model's question; then the upsert into the
 * unit's lke-answers table, and the worksheet zi-eval template writes.
 *
 * Why not zi_import_read: a worksheet's answers are not values of one field
 * type; each is checked against its own question (a choice, a count, a
 * survey value), and the column "answer" goes to the field of the layer
 * imported (unit, tpi or tpn). The header matching, the --reject file and
 * its reasons follow import.c's. */
#include "lke.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portalrb.h"
#include "records.h"
#include "schema.h"
#include "sheet.h"
#include "util.h"

/* The fields of schemas/lke-worksheet.json, in its order; from WS_AREA on the
 * template's reading aids, which are not read. */
enum { WS_SOAL, WS_ANSWER, WS_NOTE, WS_EVIDENCE, WS_QUESTION, WS_NO, WS_AREA };

void zi_lke_import_init(struct zi_lke_import *im, const struct zi_model *m, const char *file,
			enum zi_layer layer, struct zi_diag *d)
{
	memset(im, 0, sizeof(*im));
	im->m = m;
	im->file = file;
	im->layer = layer;
	im->d = d;
	im->c_soal = im->c_answer = im->c_note = im->c_evidence = im->c_question = -1;
	im->c_rowno = -1;
	zi_buf_init(&im->rejects);
	zi_buf_init(&im->mapping);
	zi_buf_init(&im->canon);
	zi_buf_init(&im->reason);
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
	zi_buf_release(&im->reason);
	zi_schema_free(im->ws);
	memset(im, 0, sizeof(*im));
}

/* A bad value: an error, or with --reject a warning and the row set aside. */
static void problem(struct zi_lke_import *im, unsigned long line, const char *field,
		    const char *code, const char *msg)
{
	zi_diag_add(im->d, im->keep_rejected ? ZI_WARNING : ZI_ERROR, im->file, line, field, code,
		    "%s", msg);
	if (!im->keep_rejected)
		im->bad = 1;
	im->row_bad = 1;
	if (im->reason.len)
		zi_buf_adds(&im->reason, "; ");
	zi_buf_printf(&im->reason, "%s: %s", field ? field : "", msg);
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

/* The worksheet field a header names (after --map), or -1. */
static int ws_field(const struct zi_lke_import *im, const char *header)
{
	char k[128];
	zi_fold_name(header, k, sizeof(k));
	for (const char *const *p = im->map; p && p[0]; p += 2) {
		char mk[128];
		zi_fold_name(p[0], mk, sizeof(mk));
		if (!strcmp(mk, k)) {
			zi_fold_name(p[1], k, sizeof(k));
			break;
		}
	}
	if (!k[0])
		return -1;
	for (size_t f = 0; f < im->ws->nfields; f++) {
		const struct zi_field *fl = &im->ws->fields[f];
		char name[128];
		zi_fold_name(fl->name, name, sizeof(name));
		if (!strcmp(name, k))
			return (int)f;
		for (size_t a = 0; a < fl->naliases; a++)
			if (!strcmp(fl->aliases[a], k))
				return (int)f;
	}
	return -1;
}

static void reject_row(struct zi_lke_import *im, char **f, size_t n, const char *last)
{
	for (size_t i = 0; i < n; i++) {
		zi_csv_add_field(&im->rejects, f[i]);
		zi_buf_addc(&im->rejects, ',');
	}
	zi_csv_add_field(&im->rejects, last);
	zi_buf_addc(&im->rejects, '\n');
}

static void read_header(struct zi_lke_import *im, unsigned long line, char **f, size_t n)
{
	im->header_seen = 1;
	for (size_t i = 0; i < n; i++) {
		int field = ws_field(im, f[i]);
		/* the columns read, in the schema's order */
		int *slots[] = {&im->c_soal, &im->c_answer, &im->c_note, &im->c_evidence,
				&im->c_question};
		int *slot = field >= 0 && field < WS_NO ? slots[field] : NULL;
		if (field == WS_NO) {
			/* in real workbooks this column numbers the rows */
			im->c_rowno = (int)i;
			continue;
		}
		if (field >= WS_AREA)
			continue; /* the template's reading aids */
		if (!slot) {
			if (f[i][0])
				zi_diag_warn(im->d, im->file, line, NULL, "column-unknown",
					     _("column %zu '%s' matches no field; ignored"), i + 1,
					     f[i]);
			continue;
		}
		if (*slot >= 0) {
			zi_diag_error(im->d, im->file, line, f[i], "column-duplicate",
				      _("two columns give this field (column %zu)"), i + 1);
			im->header_bad = 1;
		}
		*slot = (int)i;
	}
	if (im->keep_rejected)
		reject_row(im, f, n, "reason");
	if (im->c_soal < 0 && im->c_rowno >= 0) {
		zi_diag_error(im->d, im->file, line, "soal_id", "column-missing",
			      _("required column is missing: column %d '%s' is not taken as "
				"soal_id (in workbooks it numbers the rows); name the soal "
				"column soal_id, or use --map"),
			      im->c_rowno + 1, f[im->c_rowno]);
		im->header_bad = 1;
	} else if (im->c_soal < 0 || im->c_answer < 0) {
		zi_diag_error(im->d, im->file, line, im->c_soal < 0 ? "soal_id" : "answer",
			      "column-missing", _("required column is missing"));
		im->header_bad = 1;
	}
}

/* A cell of the row, "" past its end: a spreadsheet leaves a row's trailing
 * empty cells out, and an empty cell is an unanswered question. */
static const char *cell(char **f, size_t n, int c)
{
	return c >= 0 && (size_t)c < n ? f[c] : "";
}

static void read_answer_row(struct zi_lke_import *im, unsigned long line, char **f, size_t n)
{
	long qi = zi_lke_import_soal(im, cell(f, n, im->c_soal), line, "soal_id");
	if (qi >= 0 && im->c_question >= 0 && (size_t)im->c_question < n &&
	    !same_question(f[im->c_question], im->m->q[qi].text)) {
		/* the id and the question disagree: a shifted or renumbered column */
		char msg[400];
		snprintf(msg, sizeof(msg), _("soal %ld of model %s is '%.80s', not '%.80s'"),
			 im->m->q[qi].id, im->m->name, im->m->q[qi].text, f[im->c_question]);
		problem(im, line, "question", "question-mismatch", msg);
		qi = -1;
	}
	if (qi < 0)
		return;
	struct zi_lke_in *r = zi_lke_import_add(im, qi, line);
	zi_lke_import_take(im, qi, line, "answer", cell(f, n, im->c_answer), &r->answer);
	if (im->c_note >= 0 && (size_t)im->c_note < n)
		r->note = zi_xstrdup(f[im->c_note]);
	if (im->c_evidence >= 0 && (size_t)im->c_evidence < n)
		r->evidence = zi_xstrdup(f[im->c_evidence]);
	if (im->row_bad && im->keep_rejected) {
		free_in(r);
		im->n--;
	}
}

/* zi's worksheet, a row at a time (a zi_csv_row_fn). */
static int worksheet_row(void *ctx, unsigned long line, char **f, size_t n)
{
	struct zi_lke_import *im = ctx;
	if (!im->header_seen) {
		read_header(im, line, f, n);
		return 0;
	}
	if (im->header_bad)
		return 0;
	int blank = 1;
	for (size_t i = 0; i < n && blank; i++)
		if (zi_trim(f[i])[0])
			blank = 0;
	/* a blank row, or a heading, derived or total row of the xlsx
	 * template: no soal id and nothing answered */
	if (blank || (!cell(f, n, im->c_soal)[0] && !cell(f, n, im->c_answer)[0]))
		return 0;
	im->row_bad = 0;
	zi_buf_reset(&im->reason);
	read_answer_row(im, line, f, n);
	if (im->row_bad && im->keep_rejected) {
		reject_row(im, f, n, im->reason.data ? im->reason.data : "");
		im->rejected++;
	}
	return 0;
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

/* In a spreadsheet the diagnostics name their cells (Sheet1!B14). */
static void name_cells(struct zi_lke_import *im, const char *sheet)
{
	int cols[] = {im->c_soal, im->c_answer, im->c_note, im->c_evidence};
	const char *names[] = {"soal_id", "answer", "note", "evidence"};
	const char *by_col[64] = {0};
	for (int k = 0; k < 4; k++)
		if (cols[k] >= 0 && cols[k] < 64)
			by_col[cols[k]] = names[k];
	zi_sheet_name_cells(im->d, 0, im->file, sheet, by_col, 64);
}

static int read_worksheet(struct zi_lke_import *im, struct zi_csv_opts *copts)
{
	im->ws = zi_schema_get("lke-worksheet", im->d);
	if (!im->ws)
		return ZI_EINTERNAL;
	int rc = zi_table_read(im->file, im->file, copts, worksheet_row, im, im->d);
	if (!rc && !im->header_seen) {
		zi_diag_error(im->d, im->file, 0, NULL, "empty-file",
			      _("the file is empty: no header row"));
		rc = ZI_EDATA;
	}
	return rc;
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
		if (!rc && layout == ZI_LKE_PLAIN)
			rc = read_worksheet(im, copts);
	}
	check_duplicates(im);
	if (!rc && (im->bad || im->header_bad))
		rc = ZI_EDATA;
	if (!im->both_layers && copts->used_sheet[0] && layout == ZI_LKE_PLAIN)
		name_cells(im, copts->used_sheet);
	return rc;
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
