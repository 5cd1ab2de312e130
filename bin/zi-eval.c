/* zi-eval: the LKE self-assessment, scores with reasons, surveys, complaints,
 * and the static files the national PortalRB fetches. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "complaint.h"
#include "jsonio.h"
#include "model.h"
#include "scorer.h"
#include "lke.h"
#include "sheet.h"
#include "sign.h"
#include "stages.h"
#include "survey.h"
#include "units.h"
#include "values.h"
#include "xlsxout.h"

/* --- shared helpers --- */

static int opt_year(struct zi_cli *cli, int *year)
{
	const char *y = zi_cli_opt(cli, "year");
	if (!y)
		return zi_cli_usage(cli, _("--year YEAR is required"));
	char *end;
	long v = strtol(y, &end, 10);
	if (*end || v < 2000 || v > 2100)
		return zi_cli_usage(cli, _("--year takes a year such as 2026, got '%s'"), y);
	*year = (int)v;
	return 0;
}

/* --model, else the built-in model of the year, else the manifest's. */
/* The one choice of a year's model (zi_model_for), with --model first. */
static int get_model(struct zi_cli *cli, int year, struct zi_model **m)
{
	return zi_model_for(cli->store_open ? &cli->store : NULL, year, zi_cli_opt(cli, "model"),
			    m, &cli->diag);
}

struct units {
	struct zi_schema *schema;
	struct zi_table t;
};

static int load_units(struct zi_cli *cli, struct units *u)
{
	u->schema = zi_schema_get("units", &cli->diag);
	if (!u->schema)
		return ZI_EINTERNAL;
	zi_table_init(&u->t, u->schema);
	return zi_store_load(&cli->store, "units.csv", &u->t, &cli->diag);
}

static void free_units(struct units *u)
{
	if (u->schema)
		zi_table_release(&u->t);
	zi_schema_free(u->schema);
	u->schema = NULL;
}

static void print_json(struct zi_cli *cli, json_t *v)
{
	struct zi_buf b;
	zi_buf_init(&b);
	zi_json_dump(v, &b);
	fputs(b.data, cli->out);
	zi_buf_release(&b);
}

static int load_lke(struct zi_cli *cli, const char *unit, int year, struct zi_schema **s,
		    struct zi_table *t)
{
	*s = zi_schema_get("lke-answers", &cli->diag);
	if (!*s)
		return ZI_EINTERNAL;
	zi_table_init(t, *s);
	char *rel = zi_lke_file(unit, year);
	int rc = zi_store_load(&cli->store, rel, t, &cli->diag);
	free(rel);
	return rc;
}

/* --- models --- */

static int cmd_models(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,json");
	if (rc)
		return rc;
	const char *master = zi_cli_opt(cli, "master");
	if (master) {
		struct zi_model *m;
		if ((rc = get_model(cli, 0, &m)))
			return rc;
		long n = zi_model_check_master(m, master, &cli->diag);
		if (n < 0) {
			zi_model_free(m);
			return (int)n;
		}
		if (!strcmp(cli->format, "json")) {
			json_t *o = json_object();
			json_object_set_new(o, "model", json_string(m->name));
			json_object_set_new(o, "master", json_string(master));
			json_object_set_new(o, "differences", json_integer(n));
			print_json(cli, o);
			json_decref(o);
		} else if (n == 0) {
			fprintf(cli->out, _("model %s matches %s: no difference\n"), m->name, master);
		} else {
			fprintf(cli->out, _("model %s differs from %s: %ld differences\n"), m->name,
				master, n);
		}
		zi_model_free(m);
		return n ? ZI_EDATA : 0;
	}
	const char *const *names = zi_model_names();
	json_t *a = json_array();
	const char *hdr[] = {_("model"), _("year"), _("questions"), _("title")};
	size_t cap = 0;
	for (const char *const *p = names; *p; p++)
		cap++;
	char **cells = zi_xcalloc(cap * 4 + 1, sizeof(char *));
	size_t n = 0;
	for (const char *const *p = names; *p; p++) {
		struct zi_model *m;
		if ((rc = zi_model_load(*p, &m, &cli->diag)))
			break;
		json_t *o = json_object();
		json_object_set_new(o, "model", json_string(m->name));
		json_object_set_new(o, "year", json_integer(m->year));
		json_object_set_new(o, "questions", json_integer((json_int_t)m->nq));
		json_object_set_new(o, "title", json_string(m->title));
		json_array_append_new(a, o);
		cells[n * 4] = zi_xstrdup(m->name);
		cells[n * 4 + 1] = zi_xasprintf("%d", m->year);
		cells[n * 4 + 2] = zi_xasprintf("%zu", m->nq);
		cells[n * 4 + 3] = zi_xstrdup(m->title);
		n++;
		zi_model_free(m);
	}
	if (!rc) {
		if (!strcmp(cli->format, "json"))
			print_json(cli, a);
		else
			zi_cli_print_aligned(cli->out, hdr, (const char *const *)cells, n, 4);
	}
	for (size_t i = 0; i < n * 4; i++)
		free(cells[i]);
	free(cells);
	json_decref(a);
	return rc;
}

/* --- template --- */

static const struct zi_node *ancestor(const struct zi_model *m, size_t node, const char *level)
{
	for (long n = (long)node; n >= 0; n = m->nodes[n].parent)
		if (!strcmp(m->nodes[n].level, level))
			return &m->nodes[n];
	return NULL;
}

static int cmd_template(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	int year, rc;
	if ((rc = opt_year(cli, &year)) || (rc = zi_unit_require(&cli->store, unit, 0, &cli->diag)))
		return rc;
	struct zi_model *m;
	if ((rc = get_model(cli, year, &m)))
		return rc;
	struct zi_schema *s;
	struct zi_table t;
	rc = load_lke(cli, unit, year, &s, &t);
	if (rc) {
		zi_table_release(&t);
		zi_schema_free(s);
		zi_model_free(m);
		return rc;
	}
	if (cli->format && !strcmp(cli->format, "xlsx")) {
		char *path;
		int tmp;
		rc = zi_cli_xlsx_path(cli, &path, &tmp);
		if (!rc) {
			/* the official workbook's rule: a sub-area is the mean of its
			 * answered questions */
			rc = zi_xlsx_write_template(path, m, unit, year, &t, m->unanswered_zero, &cli->diag);
			rc = zi_cli_xlsx_done(cli, path, tmp, rc);
			free(path);
		}
		zi_table_release(&t);
		zi_schema_free(s);
		zi_model_free(m);
		return rc;
	}
	if (cli->format && strcmp(cli->format, "csv") && strcmp(cli->format, "text")) {
		rc = zi_cli_usage(cli, _("--format must be one of %s, got '%s'"), "csv,xlsx",
				  cli->format);
		zi_table_release(&t);
		zi_schema_free(s);
		zi_model_free(m);
		return rc;
	}
	struct zi_buf b, choices;
	zi_buf_init(&b);
	zi_buf_init(&choices);
	static const char *const hdr[] = {"soal_id", "area", "sub_area", "question", "type",
					  "choices", "answer", "note", "evidence"};
	zi_csv_add_row(&b, hdr, 9);
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
		const char *key[1] = {id};
		long r = zi_table_find(&t, key);
		const char *row[9] = {id,
				      area ? area->name : comp ? comp->name : "",
				      sub ? sub->name : "",
				      q->text ? q->text : "",
				      q->type,
				      choices.data ? choices.data : "",
				      r >= 0 ? zi_table_get(&t, (size_t)r, ZI_A_UNIT) : "",
				      r >= 0 ? zi_table_get(&t, (size_t)r, ZI_A_UNIT_NOTE) : "",
				      r >= 0 ? zi_table_get(&t, (size_t)r, ZI_A_UNIT_EVIDENCE) : ""};
		zi_csv_add_row(&b, row, 9);
	}
	const char *o = zi_cli_opt(cli, "output");
	if (o && strcmp(o, "-") && !cli->real_out)
		rc = zi_cli_write_csv(cli, o, b.data, b.len);
	else
		fputs(b.data, cli->out);
	zi_buf_release(&b);
	zi_buf_release(&choices);
	zi_table_release(&t);
	zi_schema_free(s);
	zi_model_free(m);
	return rc;
}

/* --- import --- */

struct incoming {
	long qi;
	unsigned long line;
	char *answer, *note, *evidence, *tpi_answer, *tpi_note; /* NULL: not given */
};

struct lke_import {
	struct zi_cli *cli;
	const struct zi_model *m;
	const char *file;
	enum zi_layer layer;
	int header_seen, header_bad;
	int c_soal, c_answer, c_note, c_evidence, c_question;
	int c_rowno; /* a bare "ID" or "No" column: Excel row numbers, never soal ids */
	struct incoming *rows;
	size_t n, cap;
	struct zi_buf canon;
	int bad;
	const char *const *map; /* --map: header, field pairs */
	/* --reject: bad rows are set aside with their reason, not fatal */
	int keep_rejected, row_bad;
	struct zi_buf rejects, reason;
	unsigned long rejected;
};

/* A bad value: an error, or with --reject a warning and the row set aside. */
static void problem(struct lke_import *im, unsigned long line, const char *field,
		    const char *code, const char *msg)
{
	zi_diag_add(&im->cli->diag, im->keep_rejected ? ZI_WARNING : ZI_ERROR, im->file, line,
		    field, code, "%s", msg);
	if (!im->keep_rejected)
		im->bad = 1;
	im->row_bad = 1;
	if (im->reason.len)
		zi_buf_adds(&im->reason, "; ");
	zi_buf_printf(&im->reason, "%s: %s", field ? field : "", msg);
}

static void take_answer(struct lke_import *im, long qi, unsigned long line, const char *field,
			const char *raw, char **out)
{
	struct zi_verr err;
	if (zi_model_check_answer(im->m, &im->m->q[qi], raw, &im->canon, &err)) {
		problem(im, line, field, err.code, err.msg);
		return;
	}
	*out = zi_xstrdup(im->canon.data ? im->canon.data : "");
}

static struct incoming *new_row(struct lke_import *im, long qi, unsigned long line)
{
	if (im->n == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 128;
		im->rows = zi_xrealloc(im->rows, im->cap * sizeof(*im->rows));
	}
	struct incoming *r = &im->rows[im->n++];
	memset(r, 0, sizeof(*r));
	r->qi = qi;
	r->line = line;
	return r;
}

static long soal_index(struct lke_import *im, const char *raw, unsigned long line,
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

static int import_csv_row(void *ctx, unsigned long line, char **f, size_t n)
{
	struct lke_import *im = ctx;
	if (!im->header_seen) {
		im->header_seen = 1;
		im->c_soal = im->c_answer = im->c_note = im->c_evidence = im->c_question = -1;
		im->c_rowno = -1;
		for (size_t i = 0; i < n; i++) {
			char k[128];
			zi_fold_name(f[i], k, sizeof(k));
			for (const char *const *p = im->map; p && p[0]; p += 2) {
				char mk[128];
				zi_fold_name(p[0], mk, sizeof(mk));
				if (!strcmp(mk, k)) {
					zi_fold_name(p[1], k, sizeof(k));
					break;
				}
			}
			int *slot = NULL;
			if (!strcmp(k, "soalid") || !strcmp(k, "nosoal") || !strcmp(k, "soal") ||
			    !strcmp(k, "idsoal") || !strcmp(k, "nomorsoal"))
				slot = &im->c_soal;
			else if (!strcmp(k, "id") || !strcmp(k, "no") || !strcmp(k, "nomor")) {
				/* in real workbooks this column numbers the rows */
				im->c_rowno = (int)i;
				continue;
			} else if (!strcmp(k, "question") || !strcmp(k, "pertanyaan") ||
				   !strcmp(k, "uraian"))
				slot = &im->c_question;
			else if (!strcmp(k, "answer") || !strcmp(k, "jawaban"))
				slot = &im->c_answer;
			else if (!strcmp(k, "note") || !strcmp(k, "catatan"))
				slot = &im->c_note;
			else if (!strcmp(k, "evidence") || !strcmp(k, "bukti") ||
				 !strcmp(k, "buktidukung"))
				slot = &im->c_evidence;
			else if (!strcmp(k, "area") || !strcmp(k, "subarea") || !strcmp(k, "type") ||
				 !strcmp(k, "choices") || !strcmp(k, "tipe") ||
				 !strcmp(k, "pilihanjawaban") || !strcmp(k, "nilai"))
				continue; /* the template's reading aids */
			if (!slot) {
				if (f[i][0])
					zi_diag_warn(&im->cli->diag, im->file, line, NULL,
						     "column-unknown",
						     _("column %zu '%s' matches no field; ignored"),
						     i + 1, f[i]);
				continue;
			}
			if (*slot >= 0) {
				zi_diag_error(&im->cli->diag, im->file, line, f[i],
					      "column-duplicate",
					      _("two columns give this field (column %zu)"), i + 1);
				im->header_bad = 1;
			}
			*slot = (int)i;
		}
		if (im->keep_rejected) {
			for (size_t i = 0; i < n; i++) {
				zi_csv_add_field(&im->rejects, f[i]);
				zi_buf_addc(&im->rejects, ',');
			}
			zi_buf_adds(&im->rejects, "reason\n");
		}
		if (im->c_soal < 0 && im->c_rowno >= 0) {
			zi_diag_error(&im->cli->diag, im->file, line, "soal_id", "column-missing",
				      _("required column is missing: column %d '%s' is not taken as "
					"soal_id (in workbooks it numbers the rows); name the soal "
					"column soal_id, or use --map"),
				      im->c_rowno + 1, f[im->c_rowno]);
			im->header_bad = 1;
		} else if (im->c_soal < 0 || im->c_answer < 0) {
			zi_diag_error(&im->cli->diag, im->file, line,
				      im->c_soal < 0 ? "soal_id" : "answer", "column-missing",
				      _("required column is missing"));
			im->header_bad = 1;
		}
		return 0;
	}
	if (im->header_bad)
		return 0;
	int blank = 1;
	for (size_t i = 0; i < n && blank; i++)
		if (zi_trim(f[i])[0])
			blank = 0;
	if (blank)
		return 0;
	/* a spreadsheet leaves a row's trailing empty cells out: a cell past
	 * the row's end is empty (an unanswered question), not an error */
	char empty[1] = "";
	char *soal = (size_t)im->c_soal < n ? f[im->c_soal] : empty;
	char *answer = (size_t)im->c_answer < n ? f[im->c_answer] : empty;
	/* a heading, derived or total row of the xlsx template: no soal id and
	 * nothing answered */
	if (!soal[0] && !answer[0])
		return 0;
	im->row_bad = 0;
	zi_buf_reset(&im->reason);
	long qi = soal_index(im, soal, line, "soal_id");
	if (qi >= 0 && im->c_question >= 0 && (size_t)im->c_question < n &&
	    !same_question(f[im->c_question], im->m->q[qi].text)) {
		/* the id and the question disagree: a shifted or renumbered column */
		char msg[400];
		snprintf(msg, sizeof(msg), _("soal %ld of model %s is '%.80s', not '%.80s'"),
			 im->m->q[qi].id, im->m->name, im->m->q[qi].text, f[im->c_question]);
		problem(im, line, "question", "question-mismatch", msg);
		qi = -1;
	}
	if (qi >= 0) {
		struct incoming *r = new_row(im, qi, line);
		take_answer(im, qi, line, "answer", answer, &r->answer);
		if (im->c_note >= 0 && (size_t)im->c_note < n)
			r->note = zi_xstrdup(f[im->c_note]);
		if (im->c_evidence >= 0 && (size_t)im->c_evidence < n)
			r->evidence = zi_xstrdup(f[im->c_evidence]);
		if (im->row_bad && im->keep_rejected) {
			im->n--;
			free(r->answer);
			free(r->note);
			free(r->evidence);
		}
	}
	if (im->row_bad && im->keep_rejected) {
		for (size_t i = 0; i < n; i++) {
			zi_csv_add_field(&im->rejects, f[i]);
			zi_buf_addc(&im->rejects, ',');
		}
		zi_csv_add_field(&im->rejects, im->reason.data ? im->reason.data : "");
		zi_buf_addc(&im->rejects, '\n');
		im->rejected++;
	}
	return 0;
}

static const char *json_text(json_t *v, char *buf, size_t n)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, n, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		zi_format_number(json_real_value(v), buf, n);
		return buf;
	}
	return NULL;
}

static void import_portalrb(struct lke_import *im, json_t *root, const char *unit, int year)
{
	struct zi_diag *d = &im->cli->diag;
	const char *uid = json_string_value(json_object_get(root, "unit_id"));
	json_t *tahun = json_object_get(root, "tahun");
	json_t *answers = json_object_get(root, "answers");
	if (!uid || strcmp(uid, unit)) {
		zi_diag_error(d, im->file, 0, "unit_id", "unit-mismatch",
			      _("the file is for unit '%s', not '%s'"), uid ? uid : "", unit);
		im->bad = 1;
	}
	if (!json_is_integer(tahun) || json_integer_value(tahun) != year) {
		zi_diag_error(d, im->file, 0, "tahun", "year-mismatch",
			      _("the file is for year %lld, not %d"),
			      (long long)json_integer_value(tahun), year);
		im->bad = 1;
	}
	if (!json_is_array(answers)) {
		zi_diag_error(d, im->file, 0, "answers", "json-invalid",
			      _("not a PortalRB jawaban-unit file: no answers array"));
		im->bad = 1;
		return;
	}
	for (size_t i = 0; i < json_array_size(answers); i++) {
		json_t *a = json_array_get(answers, i);
		char field[64], buf[64], idbuf[32];
		json_t *sid = json_object_get(a, "soal_id");
		snprintf(field, sizeof(field), "answers[%zu].soal_id", i);
		const char *idtext = json_is_integer(sid) ? json_text(sid, idbuf, sizeof(idbuf)) : "?";
		long qi = soal_index(im, idtext, 0, field);
		if (qi < 0)
			continue;
		struct incoming *r = new_row(im, qi, 0);
		static const char *const keys[] = {"jawaban_unit", "jawaban_tpi", "catatan_unit",
						   "bukti_dukung_unit", "catatan_tpi"};
		char **slots[] = {&r->answer, &r->tpi_answer, &r->note, &r->evidence, &r->tpi_note};
		for (int k = 0; k < 5; k++) {
			json_t *v = json_object_get(a, keys[k]);
			const char *t = v && !json_is_null(v) ? json_text(v, buf, sizeof(buf)) : "";
			snprintf(field, sizeof(field), "answers[%zu].%s", i, keys[k]);
			if (!t) {
				zi_diag_error(d, im->file, 0, field, "json-invalid",
					      _("soal %ld: a string, a number or null expected"),
					      im->m->q[qi].id);
				im->bad = 1;
				continue;
			}
			if (k < 2)
				take_answer(im, qi, 0, field, t, slots[k]);
			else
				*slots[k] = zi_xstrdup(t);
		}
	}
}

static int looks_json(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	int c;
	while ((c = fgetc(f)) != EOF && (c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
					 c == 0xEF || c == 0xBB || c == 0xBF))
		;
	fclose(f);
	return c == '{';
}

static int set_field(struct zi_table *t, size_t r, size_t f, const char *v)
{
	if (!v || !strcmp(zi_table_get(t, r, f), v))
		return 0;
	zi_table_set_value(t, r, f, v);
	return 1;
}

/* An official workbook (lke.c): its sheet read whole (they are small), its
 * layout told, and, for PortalRB or Lampiran III, its answers taken into im
 * (with --dry-run, the mapping printed). The sheet is --sheet, else the first
 * of zi_lke_default_sheet's that the file has, else the first visible one;
 * it stays in copts for zi's own worksheet (ZI_LKE_PLAIN, read by the
 * caller). */
static enum zi_lke_layout read_workbook(struct lke_import *im, struct zi_csv_opts *copts, int *rc)
{
	struct zi_cli *cli = im->cli;
	char what[256];
	*rc = 0;
	if (!strcmp(im->file, "-"))
		return ZI_LKE_PLAIN;
	enum zi_file_kind kind = zi_sheet_sniff(im->file, what, sizeof(what));
	if (kind != ZI_FILE_XLSX && kind != ZI_FILE_ODS)
		return ZI_LKE_PLAIN;
	struct zi_lke_grid g = {0};
	int got = 0;
	for (size_t i = 0; !copts->sheet && !got; i++) {
		const char *name = zi_lke_default_sheet(im->m, i);
		if (!name)
			break;
		struct zi_diag quiet;
		zi_diag_init(&quiet);
		copts->sheet = name;
		got = !zi_table_read(im->file, im->file, copts, zi_lke_grid_add, &g, &quiet);
		zi_diag_release(&quiet);
		if (!got) {
			zi_lke_grid_free(&g);
			copts->sheet = NULL; /* the file has no such sheet */
		}
	}
	if (!got && (*rc = zi_table_read(im->file, im->file, copts, zi_lke_grid_add, &g,
					 &cli->diag))) {
		zi_lke_grid_free(&g);
		return ZI_LKE_PLAIN;
	}
	enum zi_lke_layout layout = zi_lke_layout(im->m, copts->used_sheet, &g);
	if (layout == ZI_LKE_PLAIN) {
		zi_lke_grid_free(&g);
		return layout;
	}
	struct zi_lke_found_list found = {0};
	if (zi_lke_read(im->m, layout, im->file, copts->used_sheet, &g, im->layer, &found,
			&cli->diag))
		im->bad = 1;
	im->c_soal = im->c_answer = im->c_note = im->c_evidence = im->c_question = -1;
	struct zi_buf map;
	zi_buf_init(&map);
	zi_buf_adds(&map, "soal_id,cell,question,answer\n");
	for (size_t i = 0; i < found.n; i++) {
		struct zi_lke_found *f = &found.v[i];
		struct incoming *r = new_row(im, f->qi, f->line);
		size_t from = cli->diag.n;
		take_answer(im, f->qi, f->line, "answer", f->answer, &r->answer);
		for (size_t k = from; k < cli->diag.n; k++)
			if (!cli->diag.v[k].cell)
				cli->diag.v[k].cell = zi_xasprintf("%s!%s", copts->used_sheet, f->cell);
		r->note = f->note ? zi_xstrdup(f->note) : NULL;
		r->evidence = f->evidence ? zi_xstrdup(f->evidence) : NULL;
		zi_buf_printf(&map, "%ld,", im->m->q[f->qi].id);
		char *c = zi_xasprintf("%s!%s", copts->used_sheet, f->cell);
		zi_csv_add_field(&map, c);
		free(c);
		zi_buf_addc(&map, ',');
		zi_csv_add_field(&map, f->text ? f->text : "");
		zi_buf_addc(&map, ',');
		/* the answer as it would be stored (Ya, B), as written when it is bad */
		zi_csv_add_field(&map, r->answer ? r->answer : f->answer);
		zi_buf_addc(&map, '\n');
	}
	if (cli->dry_run)
		fwrite(map.data, 1, map.len, cli->out);
	zi_buf_release(&map);
	zi_lke_found_free(&found);
	zi_lke_grid_free(&g);
	return layout;
}

static int cmd_import(struct zi_cli *cli)
{
	const char *unit = cli->args[0], *file = cli->args[1];
	int year, rc;
	if ((rc = opt_year(cli, &year)))
		return rc;
	enum zi_layer layer = ZI_LAYER_UNIT;
	const char *ls = zi_cli_opt(cli, "layer");
	if (ls && (zi_layer_parse(ls, &layer) || layer == ZI_LAYER_AUTO))
		return zi_cli_usage(cli, _("--layer must be unit, tpi or tpn, got '%s'"), ls);
	struct zi_csv_opts copts;
	if ((rc = zi_cli_csv_opts(cli, &copts)) || (rc = zi_unit_require(&cli->store, unit, 1, &cli->diag)))
		return rc;
	struct zi_model *m;
	if ((rc = get_model(cli, year, &m)))
		return rc;
	struct lke_import im = {.cli = cli, .m = m, .file = file, .layer = layer};
	zi_buf_init(&im.canon);
	zi_buf_init(&im.rejects);
	zi_buf_init(&im.reason);
	const char *reject = zi_cli_opt(cli, "reject");
	int is_json = strcmp(file, "-") && looks_json(file);
	if (reject && is_json) {
		zi_model_free(m);
		return zi_cli_usage(cli, _("--reject is for spreadsheets, not PortalRB JSON"));
	}
	im.keep_rejected = reject != NULL;
	char **map = NULL;
	const char *mapfile = zi_cli_opt(cli, "map");
	if (mapfile && (rc = zi_import_read_map(mapfile, &map, &cli->diag))) {
		zi_model_free(m);
		return rc;
	}
	im.map = (const char *const *)map;
	enum zi_lke_layout layout = ZI_LKE_PLAIN;
	if (is_json) {
		json_t *root = zi_json_load(file, &cli->diag);
		if (!root) {
			rc = ZI_EDATA;
		} else {
			import_portalrb(&im, root, unit, year);
			json_decref(root);
		}
	} else {
		layout = read_workbook(&im, &copts, &rc);
		if (!rc && layout == ZI_LKE_PLAIN)
			rc = zi_table_read(file, file, &copts, import_csv_row, &im, &cli->diag);
		if (!rc && layout == ZI_LKE_PLAIN && !im.header_seen) {
			zi_diag_error(&cli->diag, file, 0, NULL, "empty-file",
				      _("the file is empty: no header row"));
			rc = ZI_EDATA;
		}
	}
	/* a question given twice */
	for (size_t i = 0; i < im.n; i++)
		for (size_t j = i + 1; j < im.n; j++)
			if (im.rows[i].qi == im.rows[j].qi) {
				zi_diag_error(&cli->diag, file, im.rows[j].line, "soal_id",
					      "duplicate-key", _("soal %ld appears again (first on line %lu)"),
					      m->q[im.rows[i].qi].id, im.rows[i].line);
				im.bad = 1;
			}
	if (!rc && (im.bad || im.header_bad))
		rc = ZI_EDATA;
	if (!is_json && copts.used_sheet[0] && layout == ZI_LKE_PLAIN) {
		/* a spreadsheet: the diagnostics name their cells (Sheet1!B14) */
		int cols[] = {im.c_soal, im.c_answer, im.c_note, im.c_evidence};
		const char *names[] = {"soal_id", "answer", "note", "evidence"};
		const char *by_col[64] = {0};
		for (int k = 0; k < 4; k++)
			if (cols[k] >= 0 && cols[k] < 64)
				by_col[cols[k]] = names[k];
		zi_sheet_name_cells(&cli->diag, 0, file, copts.used_sheet, by_col, 64);
	}
	struct zi_schema *s = NULL;
	struct zi_table t;
	unsigned long added = 0, updated = 0, unchanged = 0;
	if (!rc && !(rc = zi_cli_lock(cli)) && !(rc = load_lke(cli, unit, year, &s, &t))) {
		for (size_t i = 0; i < im.n; i++) {
			struct incoming *in = &im.rows[i];
			char id[24];
			snprintf(id, sizeof(id), "%ld", m->q[in->qi].id);
			const char *key[1] = {id};
			long r = zi_table_find(&t, key);
			int isnew = r < 0;
			if (isnew) {
				const char *row[ZI_A_NFIELDS] = {id, "", "", "", "", "", ""};
				r = (long)zi_table_add(&t, row, 0);
				zi_table_sort(&t);
				r = zi_table_find(&t, key);
			}
			size_t rr = (size_t)r;
			int ch = 0;
			if (is_json) {
				ch |= set_field(&t, rr, ZI_A_UNIT, in->answer);
				ch |= set_field(&t, rr, ZI_A_TPI, in->tpi_answer);
				ch |= set_field(&t, rr, ZI_A_UNIT_NOTE, in->note);
				ch |= set_field(&t, rr, ZI_A_UNIT_EVIDENCE, in->evidence);
				ch |= set_field(&t, rr, ZI_A_TPI_NOTE, in->tpi_note);
			} else if (layer == ZI_LAYER_UNIT) {
				ch |= set_field(&t, rr, ZI_A_UNIT, in->answer);
				ch |= set_field(&t, rr, ZI_A_UNIT_NOTE, in->note);
				ch |= set_field(&t, rr, ZI_A_UNIT_EVIDENCE, in->evidence);
			} else if (layer == ZI_LAYER_TPI) {
				ch |= set_field(&t, rr, ZI_A_TPI, in->answer);
				ch |= set_field(&t, rr, ZI_A_TPI_NOTE, in->note);
			} else {
				ch |= set_field(&t, rr, ZI_A_TPN, in->answer);
			}
			if (isnew)
				added++;
			else if (ch)
				updated++;
			else
				unchanged++;
		}
		if (added || updated) {
			rc = zi_lke_put(&cli->store, unit, year, &t, &cli->diag);
			if (!rc) {
				char *msg = zi_xasprintf("zi-eval import %s: %s answers of %d from %s: "
							 "added %lu, updated %lu",
							 unit, is_json ? "unit and tpi" : zi_layer_name(layer),
							 year, file, added, updated);
				rc = zi_store_commit(&cli->store, msg, &cli->diag);
				free(msg);
			}
		}
		if (!rc && reject && !cli->dry_run) {
			rc = zi_cli_write_csv(cli, reject, im.rejects.data, im.rejects.len);
		}
		if (!rc && !cli->quiet)
			fprintf(cli->out, "%sadded %lu, updated %lu, unchanged %lu, rejected %lu\n",
				cli->dry_run ? "dry run: " : "", added, updated, unchanged, im.rejected);
	}
	if (s)
		zi_table_release(&t);
	zi_schema_free(s);
	for (size_t i = 0; i < im.n; i++) {
		free(im.rows[i].answer);
		free(im.rows[i].note);
		free(im.rows[i].evidence);
		free(im.rows[i].tpi_answer);
		free(im.rows[i].tpi_note);
	}
	free(im.rows);
	zi_buf_release(&im.canon);
	zi_buf_release(&im.rejects);
	zi_buf_release(&im.reason);
	zi_import_free_map(map);
	zi_model_free(m);
	return rc;
}

/* --- score --- */

/* What zi-eval score prints of each unit: made on the worker that scored it
 * (in its slot), printed in unit order. */
struct score_job {
	struct zi_cli *cli;
	const struct zi_model *m;
	const char **list;
	int year;
	enum zi_layer layer;
	long reqp;
	int explain, json, csv, many;
	struct zi_buf out[ZI_SCORER_WINDOW];
	unsigned char data_bad[ZI_SCORER_WINDOW], unmet[ZI_SCORER_WINDOW];
	int any_bad, any_unmet;
};

static void score_line(struct score_job *j, const struct zi_score *s, struct zi_buf *b)
{
	if (j->json) {
		json_t *o = zi_score_json(s, j->explain);
		if (j->many)
			zi_json_dump_compact(o, b);
		else
			zi_json_dump(o, b);
		json_decref(o);
	} else if (j->csv) {
		zi_buf_printf(b, "%s,%d,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%zu", s->unit, j->year,
			      zi_layer_name(j->layer), s->total, s->pengungkit, s->pemenuhan,
			      s->reform, s->hasil, s->answered);
		for (size_t p = 0; p < s->nverdict; p++)
			zi_buf_adds(b, s->verdict[p].eligible ? ",true" : ",false");
		zi_buf_addc(b, '\n');
	} else if (j->many && !j->explain) {
		char ans[32];
		snprintf(ans, sizeof(ans), "%zu/%zu", s->answered, j->m->nq);
		zi_buf_printf(b, "%-24s %8.2f %10.2f %7.2f %8s", s->unit, s->total, s->pengungkit,
			      s->hasil, ans);
		for (size_t p = 0; p < s->nverdict; p++)
			zi_buf_printf(b, p + 1 < s->nverdict ? " %-5s" : " %s",
				      s->verdict[p].eligible ? _("yes") : _("no"));
		zi_buf_addc(b, '\n');
	} else {
		zi_score_text(s, j->explain, b);
	}
}

static int score_one(void *ctx, size_t i, int r, const struct zi_score *s, struct zi_diag *d)
{
	struct score_job *j = ctx;
	size_t k = i % ZI_SCORER_WINDOW;
	zi_buf_reset(&j->out[k]);
	j->data_bad[k] = j->unmet[k] = 0;
	if (r == ZI_EIO || r == ZI_EINTERNAL)
		return r;
	if (r)
		j->data_bad[k] = 1;
	if (j->reqp >= 0 && !s->verdict[j->reqp].eligible) {
		j->unmet[k] = 1;
		zi_diag_error(d, NULL, 0, NULL, "require-unmet",
			      _("%s does not meet %s (%zu criteria failed)"), j->list[i],
			      j->m->pred[j->reqp].name, s->verdict[j->reqp].nfailed);
	}
	score_line(j, s, &j->out[k]);
	return 0;
}

static int score_print(void *ctx, size_t i)
{
	struct score_job *j = ctx;
	size_t k = i % ZI_SCORER_WINDOW;
	FILE *out = j->cli->out;
	j->any_bad |= j->data_bad[k];
	j->any_unmet |= j->unmet[k];
	if (j->json && j->many)
		fputs(i ? ",\n" : "\n", out);
	else if (!j->json && !j->csv && !(j->many && !j->explain) && i)
		fputc('\n', out);
	fwrite(j->out[k].data ? j->out[k].data : "", 1, j->out[k].len, out);
	return 0;
}

static void score_header(struct score_job *j)
{
	FILE *out = j->cli->out;
	const struct zi_model *m = j->m;
	if (j->json && j->many)
		fputs("[", out);
	if (j->csv) {
		fputs("unit,year,layer,total,pengungkit,pemenuhan,reform,hasil,answered", out);
		for (size_t p = 0; p < m->npred; p++)
			fprintf(out, ",%s", m->pred[p].name);
		fputc('\n', out);
	}
	if (j->json || j->csv || !j->many || j->explain)
		return;
	fprintf(out, "%-24s %8s %10s %7s %8s", _("unit"), _("total"), _("pengungkit"), _("hasil"),
		_("answered"));
	for (size_t p = 0; p < m->npred; p++)
		fprintf(out, p + 1 < m->npred ? " %-5s" : " %s", m->pred[p].name);
	fputc('\n', out);
}

/* The units to score: every unit not retired, or the one named. */
static int score_list(struct zi_cli *cli, const struct zi_table *units, int all,
		      const char **list, size_t *n)
{
	*n = 0;
	if (all) {
		for (size_t r = 0; r < units->n; r++)
			if (strcmp(zi_table_get(units, r, ZI_U_RETIRED), "true"))
				list[(*n)++] = zi_table_get(units, r, ZI_U_ID);
		return 0;
	}
	int rc = zi_unit_id_check(cli->args[0], &cli->diag);
	if (!rc && zi_unit_find(units, cli->args[0], &cli->diag) < 0)
		rc = ZI_EDATA;
	list[(*n)++] = cli->args[0];
	return rc;
}

static int score_run(struct zi_cli *cli, struct score_job *j, const struct zi_table *units,
		     size_t n)
{
	struct zi_scorer *sc = zi_scorer_new_units(&cli->store, j->m, j->year, units, &cli->diag);
	if (!sc)
		return ZI_EDATA;
	for (size_t k = 0; k < ZI_SCORER_WINDOW; k++)
		zi_buf_init(&j->out[k]);
	score_header(j);
	int rc = zi_scorer_each(sc, j->list, n, j->layer, 0, 0, score_one, score_print, j,
				&cli->diag);
	if (!rc && j->json && j->many)
		fputs("\n]\n", cli->out);
	for (size_t k = 0; k < ZI_SCORER_WINDOW; k++)
		zi_buf_release(&j->out[k]);
	zi_scorer_free(sc);
	if (!rc && (j->any_bad || j->any_unmet))
		rc = ZI_EDATA;
	return rc;
}

static int cmd_score(struct zi_cli *cli)
{
	int year, rc;
	if ((rc = zi_cli_check_format(cli, "text,csv,json")) || (rc = opt_year(cli, &year)))
		return rc;
	enum zi_layer layer = ZI_LAYER_AUTO;
	const char *ls = zi_cli_opt(cli, "layer");
	if (ls && zi_layer_parse(ls, &layer))
		return zi_cli_usage(cli, _("--layer must be auto, unit, tpi or tpn, got '%s'"), ls);
	const char *req = zi_cli_opt(cli, "require");
	int all = zi_cli_flag(cli, "all") || cli->nargs == 0;
	if (zi_cli_flag(cli, "all") && cli->nargs)
		return zi_cli_usage(cli, _("--all scores every unit: give no UNIT"));
	struct zi_model *m;
	if ((rc = get_model(cli, year, &m)))
		return rc;
	long reqp = -1;
	for (size_t p = 0; req && p < m->npred; p++)
		if (zi_strcaseeq(req, m->pred[p].name))
			reqp = (long)p;
	if (req && reqp < 0) {
		zi_model_free(m);
		return zi_cli_usage(cli, _("--require takes WBK or WBBM, got '%s'"), req);
	}
	struct units u = {0};
	const char **list = NULL;
	size_t n = 0;
	if (!(rc = load_units(cli, &u))) {
		list = zi_xcalloc(u.t.n + 2, sizeof(char *));
		rc = score_list(cli, &u.t, all, list, &n);
	}
	if (!rc) {
		struct score_job *j = zi_xcalloc(1, sizeof(*j));
		*j = (struct score_job){.cli = cli, .m = m, .list = list, .year = year,
					.layer = layer, .reqp = reqp,
					.explain = zi_cli_flag(cli, "explain"),
					.json = !strcmp(cli->format, "json"),
					.csv = !strcmp(cli->format, "csv"), .many = all};
		rc = score_run(cli, j, &u.t, n);
		free(j);
	}
	free(list);
	free_units(&u);
	zi_model_free(m);
	return rc;
}

/* --- survey --- */

static int survey_value(struct zi_cli *cli, const char *unit, int year, enum zi_survey_kind k,
			const char *raw)
{
	char *copy = zi_xstrdup(raw);
	double v;
	struct zi_verr err;
	int bad = zi_value_number(zi_trim(copy), &v, &err) || v < 0 || v > 4;
	free(copy);
	if (bad) {
		zi_diag_error(&cli->diag, NULL, 0, "value", "value-range",
			      _("a survey value is a number from 0 to 4, got '%s'"), raw);
		return ZI_EDATA;
	}
	struct zi_model *m;
	int rc = get_model(cli, year, &m);
	if (rc)
		return rc;
	char src[32];
	snprintf(src, sizeof(src), "survey-%s", zi_survey_kind_name(k));
	long qi = -1;
	for (size_t i = 0; i < m->nq; i++)
		if (m->q[i].source && !strcmp(m->q[i].source, src))
			qi = (long)i;
	if (qi < 0) {
		zi_diag_error(&cli->diag, NULL, 0, NULL, "model-no-question",
			      _("model %s has no question for the %s value"), m->name,
			      zi_survey_kind_name(k));
		zi_model_free(m);
		return ZI_EDATA;
	}
	struct zi_schema *s = NULL;
	struct zi_table t;
	char canon[64];
	zi_format_number(v, canon, sizeof(canon));
	if (!(rc = zi_cli_lock(cli)) && !(rc = load_lke(cli, unit, year, &s, &t))) {
		char id[24];
		snprintf(id, sizeof(id), "%ld", m->q[qi].id);
		const char *key[1] = {id};
		long r = zi_table_find(&t, key);
		if (r < 0) {
			const char *row[ZI_A_NFIELDS] = {id, "", "", "", "", "", ""};
			zi_table_add(&t, row, 0);
			zi_table_sort(&t);
			r = zi_table_find(&t, key);
		}
		int ch = set_field(&t, (size_t)r, ZI_A_UNIT, canon);
		ch |= set_field(&t, (size_t)r, ZI_A_UNIT_NOTE, _("external surveyor"));
		if (ch) {
			rc = zi_lke_put(&cli->store, unit, year, &t, &cli->diag);
			if (!rc) {
				char *msg = zi_xasprintf("zi-eval survey %s %s: value %s for %d",
							 zi_survey_kind_name(k), unit, canon, year);
				rc = zi_store_commit(&cli->store, msg, &cli->diag);
				free(msg);
			}
		}
	}
	if (!rc) {
		double part = zi_survey_part(v, m->q[qi].weight);
		if (!strcmp(cli->format, "json")) {
			json_t *o = json_object();
			json_object_set_new(o, "unit", json_string(unit));
			json_object_set_new(o, "year", json_integer(year));
			json_object_set_new(o, "kind", json_string(zi_survey_kind_name(k)));
			json_object_set_new(o, "value", zi_json_real(v, 6));
			json_object_set_new(o, "soal_id", json_integer(m->q[qi].id));
			json_object_set_new(o, "part", zi_json_real(part, 6));
			print_json(cli, o);
			json_decref(o);
		} else {
			fprintf(cli->out, _("%s %s %d: value %.2f (external), soal %ld: %.2f of %.2f\n"),
				zi_survey_kind_name(k), unit, year, v, m->q[qi].id, part,
				m->q[qi].weight);
		}
	}
	if (s)
		zi_table_release(&t);
	zi_schema_free(s);
	zi_model_free(m);
	return rc;
}

static int survey_gen(void *gctx, zi_store_out_fn out, void *octx)
{
	return zi_survey_canon(gctx, out, octx);
}

static int cmd_survey(struct zi_cli *cli, enum zi_survey_kind k)
{
	const char *unit = cli->args[0];
	int year, rc;
	if ((rc = zi_cli_check_format(cli, "text,json")) || (rc = opt_year(cli, &year)))
		return rc;
	const char *value = zi_cli_opt(cli, "value");
	if (value && k == ZI_SURVEY_IKM)
		return zi_cli_usage(cli, _("--value is for ipak and ipkp"));
	if (value && cli->nargs > 1)
		return zi_cli_usage(cli, _("give a FILE of responses or --value, not both"));
	if (!value && cli->nargs < 2)
		return zi_cli_usage(cli, _("a FILE of responses is needed"));
	if ((rc = zi_unit_require(&cli->store, unit, 1, &cli->diag)))
		return rc;
	if (value)
		return survey_value(cli, unit, year, k, value);
	struct zi_csv_opts o;
	if ((rc = zi_cli_csv_opts(cli, &o)))
		return rc;
	struct zi_survey s;
	zi_survey_init(&s, k, ZI_SURVEY_KEEP_STREAM);
	char **map = NULL;
	const char *mapfile = zi_cli_opt(cli, "map");
	if (mapfile && (rc = zi_import_read_map(mapfile, &map, &cli->diag))) {
		zi_import_free_map(map);
		zi_survey_release(&s);
		return rc;
	}
	s.map = (const char *const *)map;
	rc = zi_survey_read(&s, cli->args[1], cli->args[1], &o, &cli->diag);
	if (!rc && !s.n) {
		zi_diag_error(&cli->diag, cli->args[1], 0, NULL, "no-responses",
			      _("no responses in the file"));
		rc = ZI_EDATA;
	}
	char *rel = zi_survey_file(unit, year, k);
	int unchanged = 0;
	/* the canonical copy goes to the file piece by piece; the same responses
	 * again write nothing */
	if (!rc && !(rc = zi_cli_lock(cli)))
		rc = zi_store_put_pieces(&cli->store, rel, survey_gen, &s, &unchanged,
					 &cli->diag);
	if (!rc) {
		char *msg = zi_xasprintf("zi-eval survey %s %s: %lu responses of %d from %s",
					 zi_survey_kind_name(k), unit, s.n, year, cli->args[1]);
		rc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
	}
	if (!rc) {
		if (!strcmp(cli->format, "json")) {
			json_t *o2 = json_object(), *el = json_array();
			json_object_set_new(o2, "unit", json_string(unit));
			json_object_set_new(o2, "year", json_integer(year));
			json_object_set_new(o2, "kind", json_string(zi_survey_kind_name(k)));
			json_object_set_new(o2, "respondents", json_integer((json_int_t)s.n));
			for (size_t e = 0; e < s.nelem; e++)
				json_array_append_new(el, zi_json_real(s.mean[e], 6));
			json_object_set_new(o2, "elements", el);
			if (k == ZI_SURVEY_IKM) {
				json_object_set_new(o2, "skm", zi_json_real(s.skm, 6));
				json_object_set_new(o2, "ikm", zi_json_real(s.ikm, 6));
				char g[2] = {s.grade, 0};
				json_object_set_new(o2, "grade", json_string(g));
			} else {
				json_object_set_new(o2, "value", zi_json_real(s.value, 6));
			}
			print_json(cli, o2);
			json_decref(o2);
		} else {
			fprintf(cli->out, _("%s %s %d: %lu respondents\n"), zi_survey_kind_name(k), unit,
				year, s.n);
			for (size_t e = 0; e < s.nelem; e++)
				fprintf(cli->out, "  u%-3zu %.2f\n", e + 1, s.mean[e]);
			if (k == ZI_SURVEY_IKM) {
				static const char *const perf[] = {N_("sangat baik"), N_("baik"),
								   N_("kurang baik"), N_("tidak baik")};
				fprintf(cli->out, "SKM    %.4f\nIKM    %.2f\n", s.skm, s.ikm);
				fprintf(cli->out, _("grade  %c (%s)\n"), s.grade, _(perf[s.grade - 'A']));
			} else {
				fprintf(cli->out, _("value  %.2f (mean of %zu element means, 0-4)\n"),
					s.value, s.nelem);
			}
		}
		zi_cli_info(cli, _("%sstored %s\n"), cli->dry_run ? _("dry run: ") : "", rel);
	}
	free(rel);
	zi_survey_release(&s);
	zi_import_free_map(map);
	return rc;
}

static int cmd_survey_ikm(struct zi_cli *cli)
{
	return cmd_survey(cli, ZI_SURVEY_IKM);
}

static int cmd_survey_ipak(struct zi_cli *cli)
{
	return cmd_survey(cli, ZI_SURVEY_IPAK);
}

static int cmd_survey_ipkp(struct zi_cli *cli)
{
	return cmd_survey(cli, ZI_SURVEY_IPKP);
}

/* --- complaints --- */

struct complaints {
	struct zi_schema *schema;
	struct zi_table t;
};

static int load_complaints(struct zi_cli *cli, struct complaints *c)
{
	c->schema = zi_schema_get("complaints", &cli->diag);
	if (!c->schema)
		return ZI_EINTERNAL;
	zi_table_init(&c->t, c->schema);
	return zi_store_load(&cli->store, "complaints.csv", &c->t, &cli->diag);
}

static void free_complaints(struct complaints *c)
{
	if (c->schema)
		zi_table_release(&c->t);
	zi_schema_free(c->schema);
}

static int clean_text(struct zi_cli *cli, const char *opt, const char *v, struct zi_buf *out)
{
	zi_buf_reset(out);
	char *copy = zi_xstrdup(v ? v : "");
	zi_trim(copy);
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	zi_buf_adds(out, copy);
	free(copy);
	(void)cli;
	(void)opt;
	return 0;
}

static int cmd_complaint_add(struct zi_cli *cli)
{
	const char *unit = cli->args[0];
	char date[11];
	int rc;
	if ((rc = zi_cli_date(cli, "date", date, 1)))
		return rc;
	const char *summary = zi_cli_opt(cli, "summary");
	if (!summary || !*summary)
		return zi_cli_usage(cli, _("--summary TEXT is required"));
	if ((rc = zi_unit_require(&cli->store, unit, 1, &cli->diag)))
		return rc;
	struct complaints c = {0};
	if ((rc = zi_cli_lock(cli)) || (rc = load_complaints(cli, &c))) {
		free_complaints(&c);
		return rc;
	}
	struct zi_buf sum, chan, cat;
	zi_buf_init(&sum);
	zi_buf_init(&chan);
	zi_buf_init(&cat);
	clean_text(cli, "summary", summary, &sum);
	clean_text(cli, "channel", zi_cli_opt(cli, "channel"), &chan);
	clean_text(cli, "category", zi_cli_opt(cli, "category"), &cat);
	char *id = zi_complaint_next_id(&c.t, unit, date);
	const char *row[ZI_K_NFIELDS] = {id, unit, date, chan.data ? chan.data : "",
					 cat.data ? cat.data : "", sum.data, "diterima", "", ""};
	zi_table_add(&c.t, row, 0);
	zi_table_sort(&c.t);
	rc = zi_store_put_table(&cli->store, "complaints.csv", &c.t, &cli->diag);
	if (!rc) {
		char *msg = zi_xasprintf("zi-eval complaint add %s: received %s", id, date);
		rc = zi_store_commit(&cli->store, msg, &cli->diag);
		free(msg);
	}
	if (!rc) {
		fprintf(cli->out, "%s\n", id);
		zi_cli_info(cli, _("%scomplaint %s recorded\n"), cli->dry_run ? _("dry run: ") : "",
			    id);
	}
	free(id);
	zi_buf_release(&sum);
	zi_buf_release(&chan);
	zi_buf_release(&cat);
	free_complaints(&c);
	return rc;
}

static int cmd_complaint_resolve(struct zi_cli *cli)
{
	const char *id = cli->args[0];
	char date[11];
	int rc;
	if ((rc = zi_cli_date(cli, "date", date, 1)))
		return rc;
	struct complaints c = {0};
	if ((rc = zi_cli_lock(cli)) || (rc = load_complaints(cli, &c))) {
		free_complaints(&c);
		return rc;
	}
	const char *key[1] = {id};
	long r = zi_table_find(&c.t, key);
	const char *status = zi_cli_flag(cli, "reject") ? "ditolak" : "selesai";
	if (r < 0) {
		zi_diag_error(&cli->diag, NULL, 0, NULL, "complaint-unknown",
			      _("no complaint '%s' (see 'zi-eval complaint list')"), id);
		rc = ZI_EDATA;
	} else if (strcmp(date, zi_table_get(&c.t, (size_t)r, ZI_K_RECEIVED)) < 0) {
		zi_diag_error(&cli->diag, NULL, 0, "date", "date-order",
			      _("%s is before the complaint was received (%s)"), date,
			      zi_table_get(&c.t, (size_t)r, ZI_K_RECEIVED));
		rc = ZI_EDATA;
	} else {
		const char *ref = zi_cli_opt(cli, "ref");
		int ch = set_field(&c.t, (size_t)r, ZI_K_STATUS, status);
		ch |= set_field(&c.t, (size_t)r, ZI_K_RESOLVED, date);
		if (ref)
			ch |= set_field(&c.t, (size_t)r, ZI_K_REF, ref);
		if (ch) {
			rc = zi_store_put_table(&cli->store, "complaints.csv", &c.t, &cli->diag);
			if (!rc) {
				char *msg = zi_xasprintf("zi-eval complaint resolve %s: %s on %s", id,
							 status, date);
				rc = zi_store_commit(&cli->store, msg, &cli->diag);
				free(msg);
			}
		}
		if (!rc)
			zi_cli_info(cli, _("%scomplaint %s: %s on %s\n"),
				    cli->dry_run ? _("dry run: ") : "", id, status, date);
	}
	free_complaints(&c);
	return rc;
}

static int cmd_complaint_list(struct zi_cli *cli)
{
	int rc = zi_cli_check_format(cli, "text,csv,json");
	if (rc)
		return rc;
	const char *unit = zi_cli_opt(cli, "unit"), *status = zi_cli_opt(cli, "status");
	if (status) {
		int ok = 0;
		for (int i = 0; i < 4; i++)
			ok |= !strcmp(status, zi_complaint_statuses[i]);
		if (!ok)
			return zi_cli_usage(cli, _("--status is diterima, diproses, selesai or ditolak"));
	}
	struct complaints c = {0};
	if ((rc = load_complaints(cli, &c))) {
		free_complaints(&c);
		return rc;
	}
	size_t *rows = zi_xcalloc(c.t.n + 1, sizeof(size_t)), n = 0;
	for (size_t r = 0; r < c.t.n; r++) {
		if (unit && strcmp(unit, zi_table_get(&c.t, r, ZI_K_UNIT)))
			continue;
		if (status && strcmp(status, zi_table_get(&c.t, r, ZI_K_STATUS)))
			continue;
		rows[n++] = r;
	}
	if (!strcmp(cli->format, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, zi_json_row(&c.t, rows[i]));
		print_json(cli, a);
		json_decref(a);
	} else if (!strcmp(cli->format, "csv")) {
		struct zi_buf b;
		zi_buf_init(&b);
		zi_table_header(c.schema, &b);
		for (size_t i = 0; i < n; i++) {
			for (size_t f = 0; f < ZI_K_NFIELDS; f++) {
				if (f)
					zi_buf_addc(&b, ',');
				zi_csv_add_field_safe(&b, zi_table_get(&c.t, rows[i], f));
			}
			zi_buf_addc(&b, '\n');
		}
		fputs(b.data, cli->out);
		zi_buf_release(&b);
	} else {
		static const int cols[] = {ZI_K_ID, ZI_K_RECEIVED, ZI_K_STATUS, ZI_K_RESOLVED,
					   ZI_K_CHANNEL, ZI_K_SUMMARY};
		const char *hdr[6];
		const char **cells = zi_xcalloc(n * 6 + 1, sizeof(char *));
		for (int k = 0; k < 6; k++)
			hdr[k] = c.schema->fields[cols[k]].name;
		for (size_t i = 0; i < n; i++)
			for (int k = 0; k < 6; k++)
				cells[i * 6 + k] = zi_table_get(&c.t, rows[i], (size_t)cols[k]);
		zi_cli_print_aligned(cli->out, hdr, cells, n, 6);
		free(cells);
	}
	free(rows);
	free_complaints(&c);
	return 0;
}

/* --- export --- */

static int write_out(struct zi_cli *cli, const char *path, const struct zi_buf *b)
{
	if (zi_mkdirs_for(path)) {
		zi_diag_error(&cli->diag, path, 0, NULL, "io-write", _("cannot create: %s"),
			      strerror(errno));
		return ZI_EIO;
	}
	return zi_write_output(path, b->data ? b->data : "", b->len, &cli->diag);
}

/* Proposed for the year: a pengusulan in its history dated in that year (for
 * a unit without history, where units.csv says it is). held gets the
 * predicate it held on that day. */
static int proposed(const struct zi_table *units, size_t r, const struct zi_table *stages,
		    int year, const char **held)
{
	if (!strcmp(zi_table_get(units, r, ZI_U_RETIRED), "true"))
		return 0;
	size_t *h, n = zi_stage_history(stages, zi_table_get(units, r, ZI_U_ID), &h);
	const char *on = NULL;
	for (size_t i = 0; i < n; i++)
		if (zi_stage_parse(zi_table_get(stages, h[i], ZI_ST_STAGE)) == ZI_STAGE_PENGUSULAN &&
		    atoi(zi_table_get(stages, h[i], ZI_ST_DATE)) == year)
			on = zi_table_get(stages, h[i], ZI_ST_DATE);
	free(h);
	struct zi_stage_state s;
	if (!on && !n) {
		/* no history: units.csv alone */
		char end[11];
		snprintf(end, sizeof(end), "%04d-12-31", year);
		if (zi_unit_state_at(units, r, stages, end, &s) &&
		    zi_stage_parse(s.stage) >= ZI_STAGE_PENGUSULAN && atoi(s.date) == year)
			on = s.date;
	}
	if (!on)
		return 0;
	zi_unit_state_at(units, r, stages, on, &s);
	*held = s.predicate;
	return 1;
}

static json_t *answer_value(const struct zi_question *q, const char *v)
{
	if (!*v)
		return json_null();
	if (q && q->kind == ZI_Q_COUNT)
		return json_integer(strtoll(v, NULL, 10));
	if (q && q->kind == ZI_Q_SURVEY) {
		double d = strtod(v, NULL);
		if (d == floor(d))
			return json_integer((json_int_t)d);
		return json_real(d);
	}
	return json_string(v);
}

static json_t *text_or_null(const char *v)
{
	return *v ? json_string(v) : json_null();
}

/* PortalRB's LHKAN recap: one row of counts, for the instansi or a unit. */
struct lhkan {
	unsigned long wajib, tidak_wajib, lhkpn, lhkasn;
};

static void lhkan_row(struct zi_buf *b, int per_unit, const char *unit, const char *name,
		      int year, const struct lhkan *x, const char *pic, const char *link,
		      const char *note)
{
	if (per_unit) {
		zi_csv_add_field_safe(b, unit);
		zi_buf_addc(b, ',');
	}
	zi_csv_add_field_safe(b, name);
	unsigned long belum_lhkpn = x->wajib - x->lhkpn, belum_lhkasn = x->tidak_wajib - x->lhkasn;
	zi_buf_printf(b, ",%d,%lu,%lu,%lu,%lu,%lu,%lu,%lu,", year, x->wajib + x->tidak_wajib,
		      x->wajib, x->tidak_wajib, x->lhkpn, x->lhkasn, belum_lhkasn,
		      belum_lhkpn + belum_lhkasn);
	zi_csv_add_field_safe(b, pic);
	zi_buf_addc(b, ',');
	zi_csv_add_field_safe(b, link);
	zi_buf_addc(b, ',');
	zi_csv_add_field_safe(b, note);
	zi_buf_addc(b, '\n');
}

/* zi-eval export --lhkan FILE --year Y: the staff on the rosters on --as-of
 * (default the year's last day, or today when that is later), and the LHKPN
 * and LHKASN they filed in the year up to that day. */
static int export_lhkan(struct zi_cli *cli, const char *file)
{
	int year, rc;
	if (zi_cli_opt(cli, "portalrb"))
		return zi_cli_usage(cli, _("--lhkan and --portalrb are two exports: one at a time"));
	if ((rc = opt_year(cli, &year)))
		return rc;
	int xlsx = cli->format && !strcmp(cli->format, "xlsx");
	if (xlsx && !strcmp(file, "-"))
		return zi_cli_usage(cli, _("--format xlsx writes a workbook: give --lhkan FILE.xlsx"));
	if (!xlsx && (rc = zi_cli_check_format(cli, "text,csv")))
		return rc;
	char as_of[11], today[11], from[11];
	if ((rc = zi_cli_date(cli, "as-of", as_of, 0)))
		return rc;
	zi_today(today);
	if (!as_of[0]) {
		snprintf(as_of, sizeof(as_of), "%04d-12-31", year);
		if (strcmp(today, as_of) < 0)
			memcpy(as_of, today, sizeof(as_of));
	}
	snprintf(from, sizeof(from), "%04d-01-01", year);
	if (strncmp(as_of, from, 4))
		return zi_cli_usage(cli, _("--as-of %s is not in the year %d"), as_of, year);
	const char *pic = zi_cli_opt(cli, "pic"), *link = zi_cli_opt(cli, "link");
	const char *note = zi_cli_opt(cli, "note");
	int per_unit = zi_cli_flag(cli, "per-unit");
	struct units u = {0};
	if ((rc = load_units(cli, &u))) {
		free_units(&u);
		return rc;
	}
	struct zi_coverage_set cs;
	if ((rc = zi_coverage_init(&cs, &cli->diag))) {
		free_units(&u);
		return rc;
	}
	struct zi_table year_sigs;
	zi_table_init(&year_sigs, cs.sig_schema);
	struct zi_buf b;
	zi_buf_init(&b);
	if (per_unit)
		zi_buf_adds(&b, "Kode Unit,");
	zi_buf_adds(&b, "Nama Instansi,Periode,Total Aparatur,Wajib LHKPN,Tidak Wajib LHKPN,"
			"Realisasi LHKPN,Realisasi SPT Non LHKPN,Belum SPT Non LHKPN,"
			"Total Belum LHKAN,PIC,Link Rekap,Catatan\n");
	const char *inst = json_string_value(json_object_get(cli->store.manifest, "instansi"));
	struct lhkan all = {0};
	const unsigned docs = (1u << ZI_DOC_LHKPN) | (1u << ZI_DOC_LHKASN);
	for (size_t r = 0; r < u.t.n && !rc; r++) {
		if (!strcmp(zi_table_get(&u.t, r, ZI_U_RETIRED), "true"))
			continue;
		const char *id = zi_table_get(&u.t, r, ZI_U_ID);
		rc = zi_coverage_unit(&cli->store, id, as_of, docs, &cs, &cli->diag);
		if (rc)
			break;
		/* a report of an earlier year is no filing for this one */
		zi_table_release(&year_sigs);
		zi_table_init(&year_sigs, cs.sig_schema);
		for (size_t j = 0; j < cs.sigs.n; j++)
			if (strcmp(zi_table_get(&cs.sigs, j, ZI_G_DATE), from) >= 0)
				zi_table_add_shared(&year_sigs, cs.sigs.rows[j], cs.sigs.lines[j]);
		zi_coverage_compute(&cs, &cs.staff, &year_sigs, id, as_of, docs);
		struct lhkan x = {0};
		for (size_t k = 0; k < cs.n; k++) {
			if (cs.docs[k].doc == ZI_DOC_LHKPN) {
				x.wajib = cs.docs[k].required;
				x.lhkpn = cs.docs[k].signed_n;
			} else {
				x.tidak_wajib = cs.docs[k].required;
				x.lhkasn = cs.docs[k].signed_n;
			}
		}
		all.wajib += x.wajib;
		all.tidak_wajib += x.tidak_wajib;
		all.lhkpn += x.lhkpn;
		all.lhkasn += x.lhkasn;
		if (per_unit)
			lhkan_row(&b, 1, id, zi_table_get(&u.t, r, ZI_U_NAME), year, &x, "", "", "");
	}
	if (!rc) {
		lhkan_row(&b, per_unit, "", inst ? inst : "", year, &all, pic ? pic : "",
			  link ? link : "", note ? note : "");
		if (xlsx) {
			/* the same table as a workbook, one sheet */
			const char *names[1] = {"LHKAN"}, *csv[1] = {b.data};
			size_t len[1] = {b.len};
			rc = zi_xlsx_write_csv(file, names, csv, len, 1, &cli->diag);
			if (!rc)
				zi_cli_info(cli, _("LHKAN recap of %d on %s written to %s\n"), year,
					    as_of, file);
		} else if (!strcmp(file, "-")) {
			fputs(b.data, cli->out);
		} else {
			FILE *f = fopen(file, "w");
			if (!f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0) {
				zi_diag_error(&cli->diag, file, 0, NULL, "io-write",
					      _("cannot write: %s"), strerror(errno));
				rc = ZI_EIO;
			} else {
				zi_cli_info(cli, _("LHKAN recap of %d on %s written to %s\n"), year,
					    as_of, file);
			}
		}
	}
	zi_buf_release(&b);
	zi_table_release(&year_sigs);
	zi_coverage_release(&cs);
	free_units(&u);
	return rc;
}

static int cmd_export(struct zi_cli *cli)
{
	const char *dir = zi_cli_opt(cli, "portalrb");
	int year, rc;
	if (zi_cli_opt(cli, "lhkan"))
		return export_lhkan(cli, zi_cli_opt(cli, "lhkan"));
	if (!dir)
		return zi_cli_usage(cli, _("--portalrb DIR or --lhkan FILE is required"));
	if ((rc = opt_year(cli, &year)))
		return rc;
	struct zi_model *m;
	if ((rc = get_model(cli, year, &m)))
		return rc;
	struct units u = {0};
	struct zi_schema *ss = zi_schema_get("stages", &cli->diag);
	struct zi_table stages;
	zi_table_init(&stages, ss);
	if ((rc = load_units(cli, &u)) ||
	    (rc = zi_store_load(&cli->store, "stages.csv", &stages, &cli->diag))) {
		zi_table_release(&stages);
		zi_schema_free(ss);
		free_units(&u);
		zi_model_free(m);
		return rc;
	}
	json_t *lists[2];
	for (int k = 0; k < 2; k++) {
		lists[k] = json_object();
		json_object_set_new(lists[k], "tahun", json_integer(year));
		json_object_set_new(lists[k], "units", json_array());
	}
	struct zi_buf b;
	zi_buf_init(&b);
	size_t nunits = 0;
	for (size_t r = 0; !rc && r < u.t.n; r++) {
		const char *held = "";
		if (!proposed(&u.t, r, &stages, year, &held))
			continue;
		const char *id = zi_table_get(&u.t, r, ZI_U_ID);
		const char *name = zi_table_get(&u.t, r, ZI_U_NAME);
		int afirmasi = !strcmp(zi_table_get(&u.t, r, ZI_U_AFIRMASI), "true");
		int wbbm = !strcmp(zi_table_get(&u.t, r, ZI_U_TARGET), "WBBM") &&
			   !strcmp(held, "WBK");
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(id));
		json_object_set_new(o, "nama", json_string(name));
		json_object_set_new(o, "kategori", json_string(wbbm       ? "WBBM"
								 : afirmasi ? "WBK-AFIRMASI"
									    : "WBK"));
		json_object_set_new(o, "afirmasi", json_boolean(afirmasi));
		json_array_append_new(json_object_get(lists[wbbm], "units"), o);
		/* the answers */
		struct zi_schema *ls;
		struct zi_table t;
		rc = load_lke(cli, id, year, &ls, &t);
		if (!rc) {
			json_t *doc = json_object(), *answers = json_array();
			json_object_set_new(doc, "unit_id", json_string(id));
			json_object_set_new(doc, "nama_unit", json_string(name));
			json_object_set_new(doc, "tahun", json_integer(year));
			for (size_t i = 0; i < t.n; i++) {
				const char *v[ZI_A_NFIELDS];
				zi_table_row(&t, i, v);
				if (!*v[ZI_A_UNIT] && !*v[ZI_A_TPI] && !*v[ZI_A_UNIT_NOTE] &&
				    !*v[ZI_A_UNIT_EVIDENCE] && !*v[ZI_A_TPI_NOTE])
					continue;
				long qi = zi_model_question(m, atol(v[ZI_A_SOAL]));
				const struct zi_question *q = qi >= 0 ? &m->q[qi] : NULL;
				json_t *a = json_object();
				json_object_set_new(a, "soal_id", json_integer(atol(v[ZI_A_SOAL])));
				json_object_set_new(a, "jawaban_unit", answer_value(q, v[ZI_A_UNIT]));
				json_object_set_new(a, "jawaban_tpi", answer_value(q, v[ZI_A_TPI]));
				json_object_set_new(a, "catatan_unit", text_or_null(v[ZI_A_UNIT_NOTE]));
				json_object_set_new(a, "bukti_dukung_unit",
						    text_or_null(v[ZI_A_UNIT_EVIDENCE]));
				json_object_set_new(a, "catatan_tpi", text_or_null(v[ZI_A_TPI_NOTE]));
				json_array_append_new(answers, a);
			}
			json_object_set_new(doc, "answers", answers);
			zi_buf_reset(&b);
			zi_json_dump(doc, &b);
			json_decref(doc);
			char *path = zi_xasprintf("%s/lke/jawaban-unit/%s", dir, id);
			rc = write_out(cli, path, &b);
			free(path);
			nunits++;
		}
		zi_table_release(&t);
		zi_schema_free(ls);
	}
	static const char *const names[2] = {"unit-wbk", "unit-wbbm"};
	for (int k = 0; k < 2; k++) {
		if (!rc) {
			zi_buf_reset(&b);
			zi_json_dump(lists[k], &b);
			char *path = zi_xasprintf("%s/pengusulan/%s", dir, names[k]);
			rc = write_out(cli, path, &b);
			free(path);
		}
		json_decref(lists[k]);
	}
	if (!rc)
		zi_cli_info(cli, _("exported %zu proposed units of %d to %s\n"), nunits, year, dir);
	zi_buf_release(&b);
	zi_table_release(&stages);
	zi_schema_free(ss);
	free_units(&u);
	zi_model_free(m);
	return rc;
}

/* --- the table of subcommands --- */

#define MODEL_OPT {"model", 0, ZI_VALUE, "NAME|FILE", N_("the LKE model (default: the year's built-in model)")}
#define YEAR_OPT {"year", 'y', ZI_VALUE, "YEAR", N_("the evaluation year (required)")}

static const struct zi_opt models_opts[] = {
	{"master", 0, ZI_VALUE, "FILE", N_("check the model against an official PortalRB master")},
	MODEL_OPT,
	{0},
};
static const struct zi_opt template_opts[] = {
	YEAR_OPT, MODEL_OPT,
	{"output", 'o', ZI_VALUE, "FILE", N_("write to FILE (a workbook with --format xlsx)")},
	{0},
};
static const struct zi_opt import_opts[] = {
	YEAR_OPT,
	{"layer", 0, ZI_VALUE, "unit|tpi|tpn", N_("whose answers the file holds (default unit)")},
	MODEL_OPT,
	{0},
};
static const struct zi_opt score_opts[] = {
	YEAR_OPT,
	{"layer", 0, ZI_VALUE, "auto|unit|tpi|tpn", N_("whose answers (default: tpi where answered, else unit)")},
	{"explain", 0, ZI_FLAG, NULL, N_("show the derivation of every number down to the answers")},
	{"require", 0, ZI_VALUE, "WBK|WBBM", N_("exit 1 when the predicate's thresholds are not met")},
	{"all", 'a', ZI_FLAG, NULL, N_("score every unit (also when UNIT is omitted)")},
	{"output", 'o', ZI_VALUE, "FILE", N_("write to FILE (for --format xlsx, --csv excel)")},
	MODEL_OPT,
	{0},
};
static const struct zi_opt survey_opts[] = {
	YEAR_OPT,
	{"value", 0, ZI_VALUE, "X", N_("ipak/ipkp: the value an external surveyor measured (0-4)")},
	{"map", 0, ZI_VALUE, "FILE", N_("CSV of column,field pairs (u1..u9, respondent, date) for unusual headers")},
	MODEL_OPT,
	{0},
};
static const struct zi_opt complaint_add_opts[] = {
	{"date", 0, ZI_VALUE, "DATE", N_("the day it was received (required)")},
	{"summary", 0, ZI_VALUE, "TEXT", N_("what it is about (required)")},
	{"channel", 0, ZI_VALUE, "CHANNEL", N_("how it came: SP4N-LAPOR!, kotak saran, WhatsApp...")},
	{"category", 0, ZI_VALUE, "CATEGORY", N_("pungli, pelayanan, gratifikasi...")},
	{0},
};
static const struct zi_opt complaint_resolve_opts[] = {
	{"date", 0, ZI_VALUE, "DATE", N_("the day it was settled (required)")},
	{"ref", 0, ZI_VALUE, "REF", N_("the follow-up letter or report")},
	{"reject", 0, ZI_FLAG, NULL, N_("rejected (ditolak) rather than resolved (selesai)")},
	{0},
};
static const struct zi_opt complaint_list_opts[] = {
	{"unit", 0, ZI_VALUE, "UNIT", N_("only this unit's complaints")},
	{"status", 0, ZI_VALUE, "STATUS", N_("only diterima, diproses, selesai or ditolak")},
	{0},
};
static const struct zi_opt export_opts[] = {
	{"portalrb", 0, ZI_VALUE, "DIR", N_("write the files PortalRB fetches under DIR")},
	{"lhkan", 0, ZI_VALUE, "FILE", N_("write PortalRB's LHKAN recap (CSV) to FILE (- for standard output)")},
	{"as-of", 0, ZI_VALUE, "DATE", N_("with --lhkan: the rosters on this day (default the year's end, or today)")},
	{"per-unit", 0, ZI_FLAG, NULL, N_("with --lhkan: a row per unit before the instansi's")},
	{"pic", 0, ZI_VALUE, "NAME", N_("with --lhkan: the person in charge (PIC column)")},
	{"link", 0, ZI_VALUE, "URL", N_("with --lhkan: the link to the recap (Link Rekap column)")},
	{"note", 0, ZI_VALUE, "TEXT", N_("with --lhkan: a note (Catatan column)")},
	YEAR_OPT,
	MODEL_OPT,
	{0},
};

static const struct zi_subcmd subs[] = {
	{"models", NULL, N_("list the LKE models, or check one against an official master"), models_opts, 0, 0, cmd_models, ZI_NO_STORE},
	{"template", "UNIT --year YEAR", N_("print the LKE worksheet as CSV to fill in a spreadsheet"), template_opts, 1, 1, cmd_template, ZI_CSV_OUT},
	{"import", "UNIT --year YEAR FILE", N_("take a filled worksheet (CSV) or a PortalRB jawaban-unit JSON"), import_opts, 2, 2, cmd_import, ZI_WRITES | ZI_IMPORTS | ZI_OWN_HEADER},
	{"score", "[UNIT] --year YEAR", N_("score a unit (or every unit) and give the WBK/WBBM verdict"), score_opts, 0, 1, cmd_score, ZI_TABLE_OUT},
	{"survey ikm", "UNIT --year YEAR FILE", N_("store IKM responses; the nine element means, SKM, IKM and grade"), survey_opts, 1, 2, cmd_survey_ikm, ZI_WRITES | ZI_READS},
	{"survey ipak", "UNIT --year YEAR FILE|--value X", N_("store IPAK responses (or the surveyor's value); the mean of element means"), survey_opts, 1, 2, cmd_survey_ipak, ZI_WRITES | ZI_READS},
	{"survey ipkp", "UNIT --year YEAR FILE|--value X", N_("store IPKP responses (or the surveyor's value); the mean of element means"), survey_opts, 1, 2, cmd_survey_ipkp, ZI_WRITES | ZI_READS},
	{"complaint add", "UNIT --date DATE --summary TEXT", N_("record a public complaint"), complaint_add_opts, 1, 1, cmd_complaint_add, ZI_WRITES},
	{"complaint resolve", "ID --date DATE", N_("record that a complaint was settled"), complaint_resolve_opts, 1, 1, cmd_complaint_resolve, ZI_WRITES},
	{"complaint list", NULL, N_("list the complaints"), complaint_list_opts, 0, 0, cmd_complaint_list, ZI_TABLE_OUT},
	{"export", "(--portalrb DIR | --lhkan FILE) --year YEAR", N_("write the static files the national PortalRB fetches, or its LHKAN recap"), export_opts, 0, 0, cmd_export, 0},
	{0},
};

int main(int argc, char **argv)
{
	return zi_cli_main(argc, argv, "zi-eval",
			   N_("The LKE self-assessment of PermenPAN-RB 90/2021: worksheets, scores "
			      "with their reasons, WBK/WBBM verdicts, surveys, complaints, and the "
			      "PortalRB export."),
			   subs);
}
