/* Workbooks zi hands out, written with libxlsxwriter: tables as sheets (the
 * reports, statuses and scores that people open in Excel), and the LKE
 * worksheet a unit fills in. The worksheet carries the score as formulas that
 * follow zi's own rules (lib/lkescore.c zi_score_compute): a question's
 * multiplier, a derived percentage with the model's zero-denominator policy
 * and cap, a sub-area as the mean of its answered questions times its weight
 * (AVERAGE skips the "" of an unanswered one, as the official workbook skips
 * "Blm Diisi"), weighted nodes, sums up to the total. So a unit sees its score
 * while it fills in, and zi-eval import reads the same sheet back: one header
 * row, one row per question with its soal id, heading rows without one. */
#include "xlsxout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "csvio.h"
#include "values.h"

/* The file is written beside its place and renamed, so a reader never sees
 * half a workbook. */
/* A workbook being written: libxlsxwriter writes tmp, renamed over path
 * when it is complete. */
struct book {
	lxw_workbook *wb;
	char *tmp;
	const char *path;
};

/* Starts b for path: 0, or ZI_EIO (said in d) when the place cannot be
 * written. */
static int open_book(struct book *b, const char *path, struct zi_diag *d)
{
	b->path = path;
	b->tmp = zi_xasprintf("%s.tmp%ld", path, (long)getpid());
	b->wb = NULL;
	/* the place is tried first: libxlsxwriter would say why it cannot
	 * write on stderr itself, and the library never prints */
	FILE *f = fopen(b->tmp, "wb");
	if (!f) {
		zi_diag_error(d, path, 0, NULL, "io-write", _("cannot write: %s"), strerror(errno));
		free(b->tmp);
		return ZI_EIO;
	}
	fclose(f);
	lxw_workbook_options o = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	b->wb = workbook_new_opt(b->tmp, &o);
	if (!b->wb) {
		unlink(b->tmp);
		zi_diag_error(d, path, 0, NULL, "io-write", _("cannot write the workbook"));
		free(b->tmp);
		return ZI_EIO;
	}
	return 0;
}

/* Writes b out and renames it into place: 0 or ZI_EIO (said in d). */
static int close_book(struct book *b, struct zi_diag *d)
{
	int rc = 0;
	lxw_error e = workbook_close(b->wb);
	if (e != LXW_NO_ERROR) {
		unlink(b->tmp);
		zi_diag_error(d, b->path, 0, NULL, "io-write", _("cannot write the workbook: %s"),
			      lxw_strerror(e));
		rc = ZI_EIO;
	} else if (rename(b->tmp, b->path) != 0) {
		int err = errno;
		unlink(b->tmp);
		zi_diag_error(d, b->path, 0, NULL, "io-write", _("cannot write: %s"), strerror(err));
		rc = ZI_EIO;
	}
	free(b->tmp);
	return rc;
}

/* --- tables --- */

/* A plain decimal number that a spreadsheet keeps exactly: no leading zero
 * (a code such as 007 or a NIP stays text), at most 15 digits. */
static int plain_number(const char *s)
{
	const char *p = s;
	if (*p == '-')
		p++;
	size_t digits = 0, int_digits = 0;
	int dot = 0;
	if (!*p)
		return 0;
	if (p[0] == '0' && p[1] && p[1] != '.')
		return 0;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			if (!dot)
				int_digits++;
		} else if (*p == '.' && !dot && int_digits) {
			dot = 1;
		} else {
			return 0;
		}
	}
	return digits && digits <= 15 && p[-1] != '.';
}

static int iso_date(const char *s, lxw_datetime *dt)
{
	int y, m, dd;
	char tail;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 || !zi_date_valid(y, m, dd))
		return 0;
	*dt = (lxw_datetime){y, m, dd, 0, 0, 0};
	return 1;
}

static enum zi_xtype column_type(const struct zi_xtable *t, size_t c)
{
	enum zi_xtype ty = t->types ? t->types[c] : ZI_XT_AUTO;
	if (ty != ZI_XT_AUTO)
		return ty;
	int num = 1, date = 1, yesno = 1, any = 0;
	lxw_datetime dt;
	for (size_t r = 0; r < t->nrows && (num || date || yesno); r++) {
		const char *v = t->cells[r * t->ncols + c];
		if (!v || !*v)
			continue;
		any = 1;
		num = num && plain_number(v);
		date = date && iso_date(v, &dt);
		yesno = yesno && (!strcmp(v, "true") || !strcmp(v, "false"));
	}
	return !any    ? ZI_XT_TEXT
	       : num   ? ZI_XT_NUMBER
	       : date  ? ZI_XT_DATE
	       : yesno ? ZI_XT_BOOL
		       : ZI_XT_TEXT;
}

/* Display width of UTF-8 text: its code points (a spreadsheet's widths are
 * counted in characters). */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A sheet name Excel takes: at most 31 characters, none of []:*?/\ and
 * unique in the workbook (sheet i's name, names[0..i-1] taken: a repeated or
 * empty one gets its number). */
static void sheet_name(const char *in, size_t i, char names[][40])
{
	char *out = names[i];
	size_t k = 0;
	for (const char *p = in; *p && k < 31; p++)
		out[k++] = strchr("[]:*?/\\", *p) ? '_' : *p;
	out[k] = 0;
	int taken = !k;
	for (size_t j = 0; j < i && !taken; j++)
		taken = zi_strcaseeq(names[j], out);
	if (taken)
		snprintf(out + (k > 27 ? 27 : k), 40 - (k > 27 ? 27 : k), "%s%zu", k ? " " : "",
			 i + 1);
}

/* One cell of a table, as its column's type says: a number, date or
 * boolean as one when it is one, else text. */
static void write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t c, enum zi_xtype ty,
		       const char *v, lxw_format *datef)
{
	lxw_datetime dt;
	if (ty == ZI_XT_NUMBER && plain_number(v))
		worksheet_write_number(ws, row, c, strtod(v, NULL), NULL);
	else if (ty == ZI_XT_DATE && iso_date(v, &dt))
		worksheet_write_datetime(ws, row, c, &dt, datef);
	else if (ty == ZI_XT_BOOL && (!strcmp(v, "true") || !strcmp(v, "false")))
		worksheet_write_boolean(ws, row, c, v[0] == 't', NULL);
	else
		worksheet_write_string(ws, row, c, v, NULL);
}

/* Table x on sheet ws: the header in bold, columns as wide as their
 * contents (up to 60), the header frozen and filtered. */
static void write_table(lxw_worksheet *ws, const struct zi_xtable *x, lxw_format *bold,
			lxw_format *datef)
{
	enum zi_xtype *ty = zi_xcalloc(x->ncols + 1, sizeof(*ty));
	size_t *width = zi_xcalloc(x->ncols + 1, sizeof(size_t));
	for (size_t c = 0; c < x->ncols; c++) {
		ty[c] = column_type(x, c);
		const char *h = x->header[c] ? x->header[c] : "";
		worksheet_write_string(ws, 0, (lxw_col_t)c, h, bold);
		width[c] = chars(h);
		if (ty[c] == ZI_XT_DATE && width[c] < 10)
			width[c] = 10;
	}
	for (size_t r = 0; r < x->nrows; r++)
		for (size_t c = 0; c < x->ncols; c++) {
			const char *v = x->cells[r * x->ncols + c];
			if (!v || !*v)
				continue;
			write_cell(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, ty[c], v, datef);
			size_t w = chars(v);
			if (w > width[c])
				width[c] = w;
		}
	for (size_t c = 0; c < x->ncols; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
				     (double)(width[c] > 60 ? 60 : width[c]) + 2, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	if (x->ncols)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)x->nrows, (lxw_col_t)(x->ncols - 1));
	free(ty);
	free(width);
}

int zi_xlsx_write_tables(const char *path, const struct zi_xtable *t, size_t n, struct zi_diag *d)
{
	struct book b;
	if (open_book(&b, path, d))
		return ZI_EIO;
	lxw_format *bold = workbook_add_format(b.wb);
	format_set_bold(bold);
	format_set_bg_color(bold, 0xDDEBF7);
	format_set_border(bold, LXW_BORDER_THIN);
	lxw_format *datef = workbook_add_format(b.wb);
	format_set_num_format(datef, "yyyy-mm-dd");
	char(*names)[40] = zi_xcalloc(n + 1, sizeof(*names));
	for (size_t s = 0; s < n; s++) {
		sheet_name(t[s].name ? t[s].name : "", s, names);
		write_table(workbook_add_worksheet(b.wb, names[s]), &t[s], bold, datef);
	}
	free(names);
	return close_book(&b, d);
}

/* --- tables from CSV text --- */

struct csv_grid {
	char **cells;
	size_t n, cap, ncols, nrows;
	char **header;
};

static int grid_row(void *ctx, unsigned long line, char **f, size_t nf)
{
	struct csv_grid *g = ctx;
	if (!g->header) {
		g->ncols = nf;
		g->header = zi_xcalloc(nf + 1, sizeof(char *));
		for (size_t i = 0; i < nf; i++)
			g->header[i] = zi_xstrdup(f[i]);
		return 0;
	}
	if (g->n + g->ncols > g->cap) {
		g->cap = (g->cap + g->ncols) * 2;
		g->cells = zi_xrealloc(g->cells, g->cap * sizeof(char *));
	}
	for (size_t i = 0; i < g->ncols; i++) {
		const char *v = i < nf ? f[i] : "";
		/* zi_csv_add_field_safe's apostrophe: not needed in a text cell */
		if (v[0] == '\'' && v[1] && strchr("=+-@\t\r", v[1]))
			v++;
		g->cells[g->n++] = zi_xstrdup(v);
	}
	g->nrows++;
	return 0;
}

int zi_xlsx_write_csv(const char *path, const char *const *names, const char *const *csv,
		      const size_t *len, size_t n, struct zi_diag *d)
{
	struct csv_grid *g = zi_xcalloc(n + 1, sizeof(*g));
	struct zi_xtable *t = zi_xcalloc(n + 1, sizeof(*t));
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		struct zi_csv_opts o = {.delimiter = ',', .encoding = ZI_ENC_UTF8};
		rc = zi_csv_read_mem(csv[i], len[i], path, &o, grid_row, &g[i], d);
		t[i] = (struct zi_xtable){names[i],   (const char *const *)g[i].header,
					  NULL,	      (const char *const *)g[i].cells,
					  g[i].ncols, g[i].nrows};
		if (!g[i].header) {
			static const char *const none[1] = {""};
			t[i].header = none;
			t[i].ncols = 0;
		}
	}
	if (rc)
		rc = ZI_EINTERNAL; /* zi wrote the CSV itself: it always reads back */
	else
		rc = zi_xlsx_write_tables(path, t, n, d);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < g[i].n; k++)
			free(g[i].cells[k]);
		for (size_t k = 0; g[i].header && k < g[i].ncols; k++)
			free(g[i].header[k]);
		free(g[i].cells);
		free(g[i].header);
	}
	free(g);
	free(t);
	return rc;
}

/* --- the LKE worksheet --- */

/* Columns of the worksheet; their headers are the names zi-eval import
 * knows (ID Soal, Jawaban, Catatan, Bukti Dukung) and reading aids it skips. */
enum {
	C_ID,
	C_AREA,
	C_SUB,
	C_TEXT,
	C_TYPE,
	C_CHOICES,
	C_ANSWER,
	C_NOTE,
	C_EVIDENCE,
	C_SCORE,
	NCOLS
};
static const char *const tmpl_header[NCOLS] = {"ID Soal",    "Area",	"Sub Area",
					       "Pertanyaan", "Tipe",	"Pilihan Jawaban",
					       "Jawaban",    "Catatan", "Bukti Dukung",
					       "Nilai"};
static const double tmpl_width[NCOLS] = {8, 24, 28, 70, 9, 16, 11, 30, 30, 10};

/* "G12": a cell of the worksheet (rows from 0). */
static void cell(char *out, size_t n, int col, size_t row)
{
	snprintf(out, n, "%c%zu", 'A' + col, row + 1);
}

/* A number as a formula writes it: shortest round-trip form, never a
 * locale's comma. */
static void num(struct zi_buf *b, double v)
{
	char s[40];
	zi_format_number(v, s, sizeof(s));
	zi_buf_adds(b, s);
}

static const struct zi_node *ancestor(const struct zi_model *m, size_t node, const char *level)
{
	for (long k = (long)node; k >= 0; k = m->nodes[k].parent)
		if (!strcmp(m->nodes[k].level, level))
			return &m->nodes[k];
	return NULL;
}

struct tmpl {
	const struct zi_model *m;
	lxw_worksheet *ws;
	size_t *qrow; /* sheet row of each question */
	size_t *drow; /* of each derived percentage */
	size_t *nrow; /* of each node's heading */
	size_t *nfirst, *nlast; /* the rows of a node's own questions and formulas */
	int zero;
	struct zi_buf f;
	lxw_format *head[4], *text, *wrap, *open, *opennum, *score, *total;
};

/* Rows: a heading per node in pre-order, its questions and derived
 * percentages right under it, the total last. */
static size_t layout(struct tmpl *t)
{
	const struct zi_model *m = t->m;
	size_t row = 1;
	for (size_t k = 0; k < m->nnodes; k++) {
		const struct zi_node *n = &m->nodes[k];
		t->nrow[k] = row++;
		t->nfirst[k] = row;
		for (size_t i = 0; i < n->nquestions; i++)
			t->qrow[n->questions[i]] = row++;
		for (size_t i = 0; i < n->nderived; i++)
			t->drow[n->derived[i]] = row++;
		t->nlast[k] = row; /* one past */
	}
	return row;
}

static void choice_formula(struct tmpl *t, const struct zi_question *q, const char *a)
{
	/* =IF(G5="","",IF(G5="A",1,IF(G5="B",0.5,""))): a text that is no
	 * choice scores nothing, like an empty cell; Excel compares text
	 * without case, as zi reads a choice */
	zi_buf_printf(&t->f, "=IF(%s=\"\",\"\",", a);
	for (size_t c = 0; c < q->nchoices; c++) {
		zi_buf_printf(&t->f, "IF(%s=\"", a);
		for (const char *p = q->choices[c].key; *p; p++) {
			if (*p == '"')
				zi_buf_addc(&t->f, '"');
			zi_buf_addc(&t->f, *p);
		}
		zi_buf_adds(&t->f, "\",");
		num(&t->f, q->choices[c].mult);
		zi_buf_addc(&t->f, ',');
	}
	zi_buf_adds(&t->f, "\"\"");
	for (size_t c = 0; c <= q->nchoices; c++)
		zi_buf_addc(&t->f, ')');
}

static void sum_of(struct tmpl *t, const size_t *qi, size_t n)
{
	zi_buf_addc(&t->f, '(');
	for (size_t i = 0; i < n; i++) {
		char a[16];
		cell(a, sizeof(a), C_ANSWER, t->qrow[qi[i]]);
		zi_buf_printf(&t->f, "%s%s", i ? "+" : "", a);
	}
	zi_buf_addc(&t->f, ')');
}

/* A derived percentage as zi computes it: no value while an input is empty;
 * the model's value for a zero denominator; decrease (before - after) /
 * before; a ratio capped at 1. */
static void derived_formula(struct tmpl *t, const struct zi_derived *dv)
{
	const size_t *in[2] = {dv->num, dv->den};
	size_t nin[2] = {dv->nnum, dv->nden};
	if (dv->formula == ZI_F_DECREASE)
		nin[1] = 0; /* before and after are num[0], num[1] */
	zi_buf_adds(&t->f, "=IF(OR(");
	int first = 1;
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < nin[s]; i++) {
			char a[16];
			cell(a, sizeof(a), C_ANSWER, t->qrow[in[s][i]]);
			zi_buf_printf(&t->f, "%s%s=\"\"", first ? "" : ",", a);
			first = 0;
		}
	zi_buf_adds(&t->f, "),\"\",");
	if (dv->formula == ZI_F_DECREASE) {
		char before[16], after[16];
		cell(before, sizeof(before), C_ANSWER, t->qrow[dv->num[0]]);
		cell(after, sizeof(after), C_ANSWER, t->qrow[dv->num[1]]);
		zi_buf_printf(&t->f, "IF(%s=0,IF(%s=0,", before, after);
		num(&t->f, dv->zero_both);
		zi_buf_addc(&t->f, ',');
		num(&t->f, dv->zero_num);
		zi_buf_printf(&t->f, "),MIN(MAX((%s-%s)/%s,0),1)))", before, after, before);
		return;
	}
	zi_buf_adds(&t->f, "IF(");
	sum_of(t, dv->den, dv->nden);
	zi_buf_adds(&t->f, "=0,IF(");
	sum_of(t, dv->num, dv->nnum);
	zi_buf_adds(&t->f, "=0,");
	num(&t->f, dv->zero_both);
	zi_buf_addc(&t->f, ',');
	num(&t->f, dv->zero_num);
	zi_buf_adds(&t->f, "),MIN(MAX(");
	sum_of(t, dv->num, dv->nnum);
	zi_buf_addc(&t->f, '/');
	sum_of(t, dv->den, dv->nden);
	zi_buf_adds(&t->f, ",0),1)))");
}

static void node_formula(struct tmpl *t, size_t k)
{
	const struct zi_model *m = t->m;
	const struct zi_node *n = &m->nodes[k];
	char a[16], b[16];
	if (n->rollup == ZI_ROLL_SUM) {
		zi_buf_adds(&t->f, "=0");
		for (size_t c = 0; c < n->nchildren; c++) {
			cell(a, sizeof(a), C_SCORE, t->nrow[n->children[c]]);
			zi_buf_printf(&t->f, "+%s", a);
		}
		return;
	}
	if (n->rollup == ZI_ROLL_WEIGHTED) {
		zi_buf_adds(&t->f, "=0");
		for (size_t c = 0; c < n->nquestions; c++) {
			size_t qi = n->questions[c];
			if (!m->q[qi].scored)
				continue;
			cell(a, sizeof(a), C_SCORE, t->qrow[qi]);
			zi_buf_printf(&t->f, "+N(%s)*", a);
			num(&t->f, m->q[qi].weight);
		}
		return;
	}
	if (t->nlast[k] == t->nfirst[k]) {
		zi_buf_adds(&t->f, "=0");
		return;
	}
	cell(a, sizeof(a), C_SCORE, t->nfirst[k]);
	cell(b, sizeof(b), C_SCORE, t->nlast[k] - 1);
	if (t->zero) {
		/* every scored question and formula counts, an empty one as 0 */
		size_t cnt = n->nderived;
		for (size_t c = 0; c < n->nquestions; c++)
			cnt += m->q[n->questions[c]].scored;
		if (!cnt) {
			zi_buf_adds(&t->f, "=0");
			return;
		}
		zi_buf_printf(&t->f, "=SUM(%s:%s)/%zu*", a, b, cnt);
		num(&t->f, n->weight);
		return;
	}
	/* the mean of the answered: the score cells of unanswered questions
	 * hold "", of counts nothing; AVERAGE and COUNT skip both */
	zi_buf_printf(&t->f, "=IF(COUNT(%s:%s)=0,0,AVERAGE(%s:%s)*", a, b, a, b);
	num(&t->f, n->weight);
	zi_buf_addc(&t->f, ')');
}

static const char *prefill(const struct zi_table *answers, long id, size_t field)
{
	if (!answers)
		return "";
	char sid[24];
	snprintf(sid, sizeof(sid), "%ld", id);
	const char *key[1] = {sid};
	long r = zi_table_find(answers, key);
	return r >= 0 ? zi_table_get(answers, (size_t)r, field) : "";
}

/* Question q's list of answers (text into ch, e.g. "a/b/c") and the data
 * validation of its answer cell; *list (freed by the caller after the
 * validation is written) holds a choice question's keys. */
static void question_validation(const struct zi_question *q, struct zi_buf *ch,
				lxw_data_validation *v, const char ***list)
{
	*list = NULL;
	if (q->kind == ZI_Q_CHOICE) {
		*list = zi_xcalloc(q->nchoices + 1, sizeof(char *));
		for (size_t c = 0; c < q->nchoices; c++) {
			zi_buf_printf(ch, "%s%s", c ? "/" : "", q->choices[c].key);
			(*list)[c] = q->choices[c].key;
		}
		v->validate = LXW_VALIDATION_TYPE_LIST;
		v->value_list = (char **)*list; /* libxlsxwriter only reads it */
		v->error_title = "Jawaban";
		v->error_message = "Pilih salah satu jawaban dari daftar.";
		v->input_title = "Jawaban";
		v->input_message = "Pilih dari daftar.";
	} else if (q->kind == ZI_Q_COUNT) {
		zi_buf_adds(ch, "jumlah >= 0");
		v->validate = LXW_VALIDATION_TYPE_INTEGER;
		v->criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		v->minimum_number = 0;
		v->error_title = "Jumlah";
		v->error_message = "Isi bilangan bulat 0 atau lebih.";
		v->input_title = "Jumlah";
		v->input_message = "Bilangan bulat 0 atau lebih.";
	} else {
		zi_buf_adds(ch, "0-4");
		v->validate = LXW_VALIDATION_TYPE_DECIMAL;
		v->criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		v->minimum_number = 0;
		v->maximum_number = 4;
		v->error_title = "Nilai survei";
		v->error_message = "Isi nilai 0 sampai 4 (boleh desimal).";
		v->input_title = "Nilai survei";
		v->input_message = "Nilai 0 sampai 4, boleh desimal.";
	}
	v->error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
}

/* An open cell: the given text, or blank but open to fill in. */
static void write_open(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *v,
		       lxw_format *open)
{
	if (*v)
		worksheet_write_string(ws, row, col, v, open);
	else
		worksheet_write_blank(ws, row, col, open);
}

/* The open cells of question q: answer, note and evidence as answers (the
 * unit's answers file, or NULL) has them. */
static void write_prefill(struct tmpl *t, lxw_row_t row, const struct zi_question *q,
			  const struct zi_table *answers)
{
	const char *ans = prefill(answers, q->id, ZI_A_UNIT);
	if (*ans && q->kind != ZI_Q_CHOICE && plain_number(ans))
		worksheet_write_number(t->ws, row, C_ANSWER, strtod(ans, NULL), t->opennum);
	else
		write_open(t->ws, row, C_ANSWER, ans, t->open);
	write_open(t->ws, row, C_NOTE, prefill(answers, q->id, ZI_A_UNIT_NOTE), t->open);
	write_open(t->ws, row, C_EVIDENCE, prefill(answers, q->id, ZI_A_UNIT_EVIDENCE), t->open);
}

static void write_question(struct tmpl *t, size_t qi, const struct zi_table *answers)
{
	const struct zi_model *m = t->m;
	const struct zi_question *q = &m->q[qi];
	lxw_worksheet *ws = t->ws;
	lxw_row_t row = (lxw_row_t)t->qrow[qi];
	const struct zi_node *area = ancestor(m, q->node, "area_perubahan");
	const struct zi_node *sub = ancestor(m, q->node, "sub_area");
	const struct zi_node *comp = ancestor(m, q->node, "sub_komponen");
	worksheet_write_number(ws, row, C_ID, (double)q->id, t->text);
	worksheet_write_string(ws, row, C_AREA,
			       area   ? area->name
			       : comp ? comp->name
				      : "",
			       t->wrap);
	worksheet_write_string(ws, row, C_SUB, sub ? sub->name : "", t->wrap);
	worksheet_write_string(ws, row, C_TEXT, q->text ? q->text : "", t->wrap);
	worksheet_write_string(ws, row, C_TYPE, q->type, t->text);
	struct zi_buf ch;
	zi_buf_init(&ch);
	lxw_data_validation v = {0};
	const char **list;
	question_validation(q, &ch, &v, &list);
	worksheet_write_string(ws, row, C_CHOICES, ch.data ? ch.data : "", t->text);
	zi_buf_release(&ch);
	worksheet_data_validation_cell(ws, row, C_ANSWER, &v);
	free(list);
	write_prefill(t, row, q, answers);
	if (!q->scored || q->kind == ZI_Q_COUNT)
		return; /* counts feed a formula; an unscored one nothing */
	char a[16];
	cell(a, sizeof(a), C_ANSWER, row);
	zi_buf_reset(&t->f);
	if (q->kind == ZI_Q_CHOICE)
		choice_formula(t, q, a);
	else
		zi_buf_printf(&t->f, "=IF(%s=\"\",\"\",MIN(MAX(%s/4,0),1))", a, a);
	worksheet_write_formula(ws, row, C_SCORE, t->f.data, t->score);
}

static void write_sheet(struct tmpl *t, const char *unit, int year, const struct zi_table *answers,
			size_t last)
{
	const struct zi_model *m = t->m;
	lxw_worksheet *ws = t->ws;
	for (int c = 0; c < NCOLS; c++) {
		worksheet_write_string(ws, 0, (lxw_col_t)c, tmpl_header[c], t->head[0]);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, tmpl_width[c], NULL);
	}
	for (size_t k = 0; k < m->nnodes; k++) {
		const struct zi_node *n = &m->nodes[k];
		lxw_format *h = t->head[n->depth < 3 ? n->depth + 1 : 3];
		lxw_row_t row = (lxw_row_t)t->nrow[k];
		for (int c = 0; c < NCOLS; c++)
			worksheet_write_blank(ws, row, (lxw_col_t)c, h);
		char w[40];
		zi_format_number(n->weight, w, sizeof(w));
		char *label = zi_xasprintf("%s (bobot %s)", n->name, w);
		worksheet_write_string(ws, row, C_TEXT, label, h);
		free(label);
		zi_buf_reset(&t->f);
		node_formula(t, k);
		worksheet_write_formula(ws, row, C_SCORE, t->f.data, h);
		for (size_t i = 0; i < n->nquestions; i++)
			write_question(t, n->questions[i], answers);
		for (size_t i = 0; i < n->nderived; i++) {
			const struct zi_derived *dv = &m->dv[n->derived[i]];
			lxw_row_t r = (lxw_row_t)t->drow[n->derived[i]];
			worksheet_write_string(ws, r, C_TEXT, dv->name, t->wrap);
			worksheet_write_string(ws, r, C_TYPE, "%", t->text);
			worksheet_write_string(ws, r, C_CHOICES, "dihitung", t->text);
			zi_buf_reset(&t->f);
			derived_formula(t, dv);
			worksheet_write_formula(ws, r, C_SCORE, t->f.data, t->score);
		}
	}
	/* the total, and what the sheet is */
	zi_buf_reset(&t->f);
	zi_buf_adds(&t->f, "=0");
	for (size_t r = 0; r < m->nroots; r++) {
		char a[16];
		cell(a, sizeof(a), C_SCORE, t->nrow[m->roots[r]]);
		zi_buf_printf(&t->f, "+%s", a);
	}
	for (int c = 0; c < NCOLS; c++)
		worksheet_write_blank(ws, (lxw_row_t)last, (lxw_col_t)c, t->total);
	char *label = zi_xasprintf("NILAI TOTAL %s %d (model %s)", unit, year, m->name);
	worksheet_write_string(ws, (lxw_row_t)last, C_TEXT, label, t->total);
	free(label);
	worksheet_write_formula(ws, (lxw_row_t)last, C_SCORE, t->f.data, t->total);
	worksheet_freeze_panes(ws, 1, 0);
	lxw_protection prot = {.no_select_locked_cells = 0, .format_columns = 1, .format_rows = 1};
	worksheet_protect(ws, NULL, &prot);
}

/* A second sheet: the parts and areas against their maxima, as formulas over
 * the worksheet, for a unit that wants its standing at a glance. */
static void write_summary(struct tmpl *t, lxw_workbook *wb, size_t last)
{
	const struct zi_model *m = t->m;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Ringkasan");
	static const char *const hdr[] = {"Bagian", "Nilai", "Maksimal"};
	for (int c = 0; c < 3; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, hdr[c], t->head[0]);
	worksheet_set_column(ws, 0, 0, 48, NULL);
	worksheet_set_column(ws, 1, 2, 12, NULL);
	lxw_row_t row = 1;
	char a[32];
	const long parts[4] = {m->pengungkit, m->pemenuhan, m->reform, m->hasil};
	for (int p = 0; p < 4; p++) {
		if (parts[p] < 0)
			continue;
		const struct zi_node *n = &m->nodes[parts[p]];
		cell(a, sizeof(a), C_SCORE, t->nrow[parts[p]]);
		char *f = zi_xasprintf("=LKE!%s", a);
		worksheet_write_string(ws, row, 0, n->name, NULL);
		worksheet_write_formula(ws, row, 1, f, t->score);
		worksheet_write_number(ws, row++, 2, n->weight, t->score);
		free(f);
	}
	for (size_t ar = 0; ar < m->nareas; ar++) {
		zi_buf_reset(&t->f);
		zi_buf_adds(&t->f, "=0");
		for (size_t k = 0; k < m->areas[ar].nnodes; k++) {
			cell(a, sizeof(a), C_SCORE, t->nrow[m->areas[ar].nodes[k]]);
			zi_buf_printf(&t->f, "+LKE!%s", a);
		}
		char *label = zi_xasprintf("Area: %s", m->areas[ar].name);
		worksheet_write_string(ws, row, 0, label, NULL);
		worksheet_write_formula(ws, row, 1, t->f.data, t->score);
		worksheet_write_number(ws, row++, 2, m->areas[ar].max, t->score);
		free(label);
	}
	cell(a, sizeof(a), C_SCORE, last);
	char *f = zi_xasprintf("=LKE!%s", a);
	worksheet_write_string(ws, row, 0, "NILAI TOTAL", t->total);
	worksheet_write_formula(ws, row, 1, f, t->total);
	worksheet_write_number(ws, row, 2, 100, t->total);
	free(f);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_protect(ws, NULL, NULL);
}

/* A cell to fill in: unlocked, light yellow, bordered, at the top; text
 * wraps in it unless it holds a number. */
static lxw_format *open_format(lxw_workbook *wb, int wrap)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_unlocked(f);
	format_set_bg_color(f, 0xFFFFE0);
	format_set_border(f, LXW_BORDER_THIN);
	if (wrap)
		format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	return f;
}

/* The template's formats: headings by level, text, open cells, scores and
 * the total. */
static void template_formats(struct tmpl *t, lxw_workbook *wb)
{
	static const unsigned colors[4] = {0xBDD7EE, 0xDDEBF7, 0xE2EFDA, 0xFFF2CC};
	for (int i = 0; i < 4; i++) {
		t->head[i] = workbook_add_format(wb);
		format_set_bold(t->head[i]);
		format_set_bg_color(t->head[i], colors[i]);
		format_set_text_wrap(t->head[i]);
		format_set_num_format(t->head[i], "0.00");
		format_set_border(t->head[i], LXW_BORDER_THIN);
	}
	t->text = workbook_add_format(wb);
	format_set_align(t->text, LXW_ALIGN_VERTICAL_TOP);
	t->wrap = workbook_add_format(wb);
	format_set_text_wrap(t->wrap);
	format_set_align(t->wrap, LXW_ALIGN_VERTICAL_TOP);
	t->open = open_format(wb, 1);
	t->opennum = open_format(wb, 0);
	t->score = workbook_add_format(wb);
	format_set_num_format(t->score, "0.00");
	format_set_align(t->score, LXW_ALIGN_VERTICAL_TOP);
	t->total = workbook_add_format(wb);
	format_set_bold(t->total);
	format_set_num_format(t->total, "0.00");
	format_set_bg_color(t->total, 0xF8CBAD);
	format_set_border(t->total, LXW_BORDER_THIN);
}

int zi_xlsx_write_template(const char *path, const struct zi_model *m, const char *unit, int year,
			   const struct zi_table *answers, int unanswered_zero, struct zi_diag *d)
{
	struct book b;
	if (open_book(&b, path, d))
		return ZI_EIO;
	struct tmpl t = {.m = m, .zero = unanswered_zero};
	zi_buf_init(&t.f);
	t.qrow = zi_xcalloc(m->nq + 1, sizeof(size_t));
	t.drow = zi_xcalloc(m->ndv + 1, sizeof(size_t));
	t.nrow = zi_xcalloc(m->nnodes + 1, sizeof(size_t));
	t.nfirst = zi_xcalloc(m->nnodes + 1, sizeof(size_t));
	t.nlast = zi_xcalloc(m->nnodes + 1, sizeof(size_t));
	template_formats(&t, b.wb);
	t.ws = workbook_add_worksheet(b.wb, "LKE");
	size_t last = layout(&t);
	write_sheet(&t, unit, year, answers, last);
	write_summary(&t, b.wb, last);
	worksheet_activate(t.ws);
	int rc = close_book(&b, d);
	free(t.qrow);
	free(t.drow);
	free(t.nrow);
	free(t.nfirst);
	free(t.nlast);
	zi_buf_release(&t.f);
	return rc;
}
