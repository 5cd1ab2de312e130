/* The pieces every report's output shares: numbers and dates for people in
 * the report's language (lib/fmt.c) or fixed for machines, unit and
 * document names, headings, paragraphs and tables in text, Markdown or HTML
 * (lib/texttable.c), and the JSON values of coverage and Tabel 5. */
#include "report_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "jsonio.h"
#include "prereq.h"

void zi_rep_fmt2(char *out, size_t n, double v)
{
	snprintf(out, n, "%.2f", v);
	if (!strcmp(out, "-0.00"))
		snprintf(out, n, "0.00");
}

/* Human formats (text, Markdown, HTML) show numbers and dates the way the
 * report's language writes them (lib/fmt.c); CSV, JSON and SVG coordinates
 * keep fmt2 and ISO dates. */
void zi_rep_hnum(char *out, size_t n, double v)
{
	zi_fmt_num(zi_fmt_lang(), v, 2, 0, out, n);
}

void zi_rep_hint(char *out, size_t n, long v)
{
	zi_fmt_int(zi_fmt_lang(), v, out, n);
}

void zi_rep_hdate(char *out, size_t n, const char *iso)
{
	zi_fmt_date_long(zi_fmt_lang(), iso, out, n);
}

void zi_rep_hmonth(char *out, size_t n, const char *iso)
{
	zi_fmt_month_long(zi_fmt_lang(), iso, out, n);
}

/* A unit as people call it: its short name where there is one, else its
 * name; the id only where a reader must act on it (its own column). */
const char *zi_rep_uname(const struct zi_rep_unit *u)
{
	return u->short_name && *u->short_name ? u->short_name : u->name;
}

void zi_rep_add2(struct zi_buf *b, double v)
{
	char t[32];
	zi_rep_fmt2(t, sizeof(t), v);
	zi_buf_adds(b, t);
}

void zi_rep_heading(struct zi_rep_out *o, int level, const char *text)
{
	snprintf(o->heading, sizeof(o->heading), "%s", text);
	switch (o->kind) {
	case ZI_OUT_TEXT:
		zi_buf_printf(o->b, "\n%s\n", text);
		for (size_t i = 0, n = zi_text_width(text); i < n; i++)
			zi_buf_addc(o->b, level == 1 ? '=' : '-');
		zi_buf_addc(o->b, '\n');
		break;
	case ZI_OUT_MD:
		zi_buf_printf(o->b, "\n%.*s ", level, "###");
		zi_esc(o->b, text, ZI_ESC_MD);
		zi_buf_adds(o->b, "\n\n");
		break;
	case ZI_OUT_HTML:
		zi_buf_printf(o->b, "<h%d>", level);
		zi_esc(o->b, text, ZI_ESC_HTML);
		zi_buf_printf(o->b, "</h%d>\n", level);
		break;
	}
}

void zi_rep_para(struct zi_rep_out *o, const char *text)
{
	switch (o->kind) {
	case ZI_OUT_TEXT:
		zi_buf_printf(o->b, "%s\n", text);
		break;
	case ZI_OUT_MD:
		zi_esc(o->b, text, ZI_ESC_MD);
		zi_buf_adds(o->b, "\n\n");
		break;
	case ZI_OUT_HTML:
		zi_buf_adds(o->b, "<p>");
		zi_esc(o->b, text, ZI_ESC_HTML);
		zi_buf_adds(o->b, "</p>\n");
		break;
	}
}

void zi_rep_table_start(struct zi_ttable *t, const char *align, const char *const *head)
{
	size_t n = strlen(align);
	zi_tt_init(t, n);
	for (size_t c = 0; c < n; c++)
		t->right[c] = align[c] == 'r';
	zi_tt_add(t, head);
}

void zi_rep_table(struct zi_rep_out *o, struct zi_ttable *t)
{
	if (t->nrows <= 1) {
		zi_tt_release(t);
		zi_rep_para(o, _("(none)"));
		return;
	}
	if (o->kind == ZI_OUT_HTML) {
		zi_buf_adds(o->b,
			    "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
		zi_esc(o->b, o->heading, ZI_ESC_HTML);
		zi_buf_adds(o->b, "\">\n");
		zi_tt_html(t, o->b);
		zi_buf_adds(o->b, "</div>\n");
	} else if (o->kind == ZI_OUT_MD) {
		zi_tt_md(t, o->b);
		zi_buf_addc(o->b, '\n');
	} else {
		zi_tt_text(t, "  ", o->b);
	}
}

const char *zi_rep_doc_label(int k)
{
	static const char *const labels[ZI_DOC_COUNT] = {N_("pact"), N_("gratification"),
							 N_("LHKPN"), N_("LHKASN"),
							 N_("conflict of interest")};
	return _(labels[k]);
}

void zi_rep_pct(char *out, size_t n, const struct zi_rep_cov *c)
{
	if (!c->required || isnan(c->percent))
		snprintf(out, n, "-");
	else
		zi_rep_hnum(out, n, c->percent);
}

/* The mean of the percents that have data (NAN when none has): no data is
 * neither 0 nor 100 in an average. */
double zi_rep_mean_known(const double *v, int n)
{
	double sum = 0;
	int k = 0;
	for (int i = 0; i < n; i++)
		if (!isnan(v[i])) {
			sum += v[i];
			k++;
		}
	return k ? sum / k : NAN;
}

void zi_rep_delta(char *out, size_t n, double now, double before)
{
	double dv = now - before;
	if (fabs(dv) < 0.005)
		snprintf(out, n, "=");
	else
		zi_fmt_num(zi_fmt_lang(), dv, 2, 1, out, n);
}

/* NAN (no data) is null, never a number. */
json_t *zi_rep_jreal(double v)
{
	return isnan(v) ? json_null() : zi_json_real(v, 2);
}

/* One unit's coverage of document k: unit (when given), doc, required, signed,
 * percent, percent_before (with before), missing (with missing). */
json_t *zi_rep_coverage_json(const struct zi_rep_unit *u, int k, int with_unit, int before,
			     int missing)
{
	json_t *c = json_object();
	if (with_unit)
		json_object_set_new(c, "unit", json_string(u->id));
	json_object_set_new(c, "doc", json_string(zi_doc_names[k]));
	json_object_set_new(c, "required", json_integer((json_int_t)u->cov[k].required));
	json_object_set_new(c, "signed", json_integer((json_int_t)u->cov[k].signed_n));
	json_object_set_new(c, "percent", zi_rep_jreal(u->cov[k].percent));
	if (before)
		json_object_set_new(c, "percent_before", zi_rep_jreal(u->cov[k].prev_percent));
	if (missing) {
		json_t *m = json_array();
		for (size_t j = 0; j < u->cov[k].nmissing; j++) {
			json_t *p = json_object();
			json_object_set_new(p, "nip", json_string(u->cov[k].missing[j].nip));
			json_object_set_new(p, "name", json_string(u->cov[k].missing[j].name));
			json_array_append_new(m, p);
		}
		json_object_set_new(c, "missing", m);
	}
	return c;
}

/* A failing row of Tabel 5 as a problem for people. */
char *zi_rep_prq_problem(const struct zi_prq_row *row, int year)
{
	if (row->status == ZI_PRQ_NOT_RECORDED && row->has_value)
		return zi_xasprintf(_("%s: %s (at least %s; Tabel 5)"), zi_prq_label(row->which),
				    row->value, row->min);
	if (row->status == ZI_PRQ_NOT_RECORDED)
		return zi_xasprintf(_("%s: not recorded for %d (at least %s; Tabel 5)"),
				    zi_prq_label(row->which), year, row->min);
	return zi_xasprintf(_("%s: %s, at least %s (Tabel 5)"), zi_prq_label(row->which),
			    row->value, row->min);
}

/* The rows of Tabel 5 as JSON. */
json_t *zi_rep_prq_json(const struct zi_prq_row *rows)
{
	json_t *a = json_array();
	for (int k = 0; k < ZI_PRQ_COUNT; k++) {
		const struct zi_prq_row *row = &rows[k];
		json_t *o = json_object();
		json_object_set_new(o, "row", json_string(zi_prq_codes[k]));
		json_object_set_new(o, "level", json_string(k < ZI_PRQ_TLHP ? "instansi" : "unit"));
		json_object_set_new(o, "status", json_string(zi_prq_status_codes[row->status]));
		json_object_set_new(o, "value",
				    row->has_value ? json_string(row->value) : json_null());
		json_object_set_new(o, "minimum", json_string(row->min));
		json_object_set_new(o, "ref", *row->ref ? json_string(row->ref) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

/* PortalRB's kategori of a unit toward pred. */
const char *zi_rep_kategori(const struct zi_rep_unit *u, const char *pred)
{
	if (!strcmp(pred, "WBBM"))
		return "WBBM";
	return u->afirmasi ? "WBK-AFIRMASI" : "WBK";
}

const char *zi_rep_public_note(void)
{
	return _("Public edition: without NIPs, staff names, complaint summaries or "
		 "complainants.");
}
