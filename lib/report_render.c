/* Rendering the monthly report gathered by report_gather.c: one walk of its
 * sections in three dialects (text, Markdown, HTML with the charts of
 * chart.c), the JSON and CSV forms, and the tables of the workbook. The
 * public edition (r->public) leaves out every NIP and name. */
#include "report_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "csvio.h"
#include "jsonio.h"
#include "prereq.h"
#include "stages.h"
#include "summary.h"

static const char *html_style =
	"<style>\n"
	"body{font-family:\"DejaVu "
	"Sans\",Arial,sans-serif;font-size:13px;color:#222;max-width:60em;margin:1em "
	"auto;padding:0 1em}\n"
	"h1{font-size:20px;border-bottom:2px solid "
	"#1f5f8b}h2{font-size:16px;margin-top:1.6em;color:#1f5f8b}\n"
	"table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:2px "
	"6px;text-align:left;vertical-align:top}\n"
	"th{background:#eef3f7}td.n,th.n{text-align:right}\n"
	".chart{display:block;margin:.5em 0;max-width:100%;height:auto}\n"
	".note{color:#666;font-size:12px}\n"
	/* a wide table scrolls in its own region on a narrow screen; on paper
	 * it is laid out whole */
	".scroll{overflow-x:auto;max-width:100%;margin:.5em 0}\n"
	".scroll:focus{outline:3px solid #b35900}.scroll table{margin:0}\n"
	/* A4 print: page numbers at the foot, a table's header repeated on each
	 * page it spans, no row or chart cut in two, no heading left alone at
	 * the foot of a page */
	"@media print{body{max-width:none;margin:0;font-size:10pt}h2,h3{break-after:avoid}"
	".chart,tr{break-inside:avoid}a{color:inherit;text-decoration:none}"
	".scroll{overflow:visible}}\n"
	"thead{display:table-header-group}\n"
	"@page{size:A4;margin:15mm 15mm 18mm;"
	"@bottom-center{content:counter(page) \" / \" counter(pages);font-size:9pt;color:#666}}\n"
	".logo{display:block;max-height:72px;margin:0 auto}\n"
	".signature{margin:2em 0 0 auto;width:22em;page-break-inside:avoid}\n"
	".signature .signer{margin-top:4em;font-weight:bold;text-decoration:underline}\n"
	"</style>\n";

/* The summary: sentences from the data (lib/summary.c), then one line per
 * unit that needs action. */
static void summary(const struct zi_report *r, struct zi_rep_out *o)
{
	struct zi_summary s;
	zi_summary_make(r, &s);
	zi_rep_heading(o, 2, _("Summary"));
	for (size_t i = 0; i < s.nfacts; i++)
		zi_rep_para(o, s.lines[i]);
	if (s.n > s.nfacts)
		zi_rep_para(o, _("Units that need action:"));
	for (size_t i = s.nfacts; i < s.n; i++) {
		if (o->kind == ZI_OUT_HTML) {
			zi_rep_para(o, s.lines[i]);
		} else {
			char *l = zi_xasprintf("- %s", s.lines[i]);
			zi_rep_para(o, l);
			free(l);
		}
	}
	zi_summary_release(&s);
}

/* The signature block: place and date, the signer's title, room to sign,
 * name and NIP; nothing when zi.json names no place and no signer. */
static void signature(const struct zi_report *r, struct zi_rep_out *o)
{
	const struct zi_letterhead *lh = &r->lh;
	if (!zi_letterhead_signed(lh))
		return;
	char on[64], line[512];
	zi_rep_hdate(on, sizeof(on), r->signed_on);
	const char *lines[4] = {NULL, lh->signer_title, lh->signer_name, NULL};
	snprintf(line, sizeof(line), "%s%s%s", lh->place, *lh->place ? ", " : "", on);
	lines[0] = line;
	char nip[64] = "";
	if (*lh->signer_nip && !r->public) /* the public edition names no NIP */
		snprintf(nip, sizeof(nip), "%s %s", _("NIP"), lh->signer_nip);
	lines[3] = nip;
	if (o->kind == ZI_OUT_HTML) {
		zi_buf_adds(o->b, "<div class=\"signature\">\n");
		for (int i = 0; i < 4; i++) {
			if (!*lines[i])
				continue;
			zi_buf_adds(o->b, i == 2 ? "<p class=\"signer\">" : "<p>");
			zi_esc(o->b, lines[i], ZI_ESC_HTML);
			zi_buf_adds(o->b, "</p>\n");
		}
		zi_buf_adds(o->b, "</div>\n");
		return;
	}
	zi_buf_addc(o->b, '\n');
	for (int i = 0; i < 4; i++) {
		if (!*lines[i])
			continue;
		if (i == 2) /* room for the signature and the stamp */
			zi_buf_adds(o->b, "\n\n\n");
		zi_buf_printf(o->b, o->kind == ZI_OUT_MD ? "%s  \n" : "%s\n", lines[i]);
	}
}

/* Tabel 5 of 5/2024: per unit, how many rows are met and what is not. */
static void render_prereq(const struct zi_report *r, struct zi_rep_out *o)
{
	char title[256];
	snprintf(title, sizeof(title),
		 _("Proposal prerequisites %d (PermenPAN-RB 5/2024, Tabel 5)"), r->year);
	zi_rep_heading(o, 2, title);
	struct zi_ttable t;
	const char *hdr[] = {_("unit"), _("toward"), _("met"), _("not met")};
	zi_rep_table_start(&t, "llrl", hdr);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		if (!u->has_prq)
			continue;
		int met = 0;
		for (int k = 0; k < ZI_PRQ_COUNT; k++)
			met += u->prq[k].status == ZI_PRQ_MET;
		char n[32];
		snprintf(n, sizeof(n), "%d/%d", met, ZI_PRQ_COUNT);
		const char *kat = zi_rep_kategori(u, u->prq_pred);
		int first = 1;
		for (int k = 0; k < ZI_PRQ_COUNT; k++) {
			if (u->prq[k].status == ZI_PRQ_MET)
				continue;
			char *p = zi_rep_prq_problem(&u->prq[k], r->year);
			const char *row[] = {first ? u->id : "", first ? kat : "", first ? n : "",
					     p};
			zi_tt_add(&t, row);
			free(p);
			first = 0;
		}
		if (first) {
			const char *row[] = {u->id, kat, n, ""};
			zi_tt_add(&t, row);
		}
	}
	zi_rep_table(o, &t);
}

/* What every section of the document needs: the report, where it goes,
 * and the month, its end and the end of the month before as people write
 * them. */
struct doc {
	const struct zi_report *r;
	struct zi_rep_out *o;
	char mlong[64], endlong[64], prevlong[64];
};

/* The title, the letterhead and what the report covers, then the summary. */
static void doc_head(const struct doc *x)
{
	const struct zi_report *r = x->r;
	struct zi_rep_out *o = x->o;
	struct zi_buf *b = o->b;
	char title[512];
	snprintf(title, sizeof(title), _("Zona Integritas monthly report %s"), x->mlong);
	if (o->kind == ZI_OUT_HTML) {
		zi_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"");
		zi_buf_adds(b, _("en"));
		zi_buf_adds(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
			       "<meta name=\"viewport\" content=\"width=device-width, "
			       "initial-scale=1\">\n<title>");
		zi_esc(b, title, ZI_ESC_HTML);
		zi_buf_adds(b, "</title>\n");
		zi_buf_adds(b, html_style);
		zi_buf_adds(b, "</head>\n<body>\n");
		if (r->lh.logo_uri) {
			zi_buf_adds(b, "<img class=\"logo\" src=\"");
			zi_esc(b, r->lh.logo_uri, ZI_ESC_HTML);
			zi_buf_adds(b, "\" alt=\"");
			zi_esc(b, _("logo"), ZI_ESC_HTML);
			zi_buf_adds(b, "\">\n");
		}
		zi_rep_heading(o, 1, title);
	} else if (o->kind == ZI_OUT_MD) {
		zi_buf_adds(b, "# ");
		zi_esc(b, title, ZI_ESC_MD);
		zi_buf_addc(b, '\n');
	} else {
		zi_buf_printf(b, "%s\n", title);
		for (size_t i = 0, n = zi_text_width(title); i < n; i++)
			zi_buf_addc(b, '=');
		zi_buf_addc(b, '\n');
	}
	char line[1024];
	if (o->kind != ZI_OUT_TEXT)
		zi_buf_addc(b, '\n');
	if (*r->instansi)
		zi_rep_para(o, r->instansi);
	snprintf(line, sizeof(line), _("State at the end of %s (%s), with the change since %s."),
		 x->mlong, x->endlong, x->prevlong);
	zi_rep_para(o, line);
	if (r->public)
		zi_rep_para(o, zi_rep_public_note());
	summary(r, o);
}

/* 1. Units by stage, and the predicates held. */
static void sec_stages(const struct doc *x)
{
	const struct zi_report *r = x->r;
	struct zi_rep_out *o = x->o;
	char line[1024];
	zi_rep_heading(o, 2, _("Units by stage"));
	struct zi_ttable t;
	const char *hdr3[] = {_("stage"), _("units"), _("change")};
	zi_rep_table_start(&t, "lrr", hdr3);
	for (int s = 0; s < ZI_STAGE_COUNT; s++) {
		long now = 0, before = 0;
		for (size_t i = 0; i < r->nunits; i++) {
			now += !strcmp(r->units[i].stage, zi_stage_names[s]);
			before += !strcmp(r->units[i].prev_stage, zi_stage_names[s]);
		}
		char a[32], c[32];
		zi_rep_hint(a, sizeof(a), now);
		if (now == before)
			snprintf(c, sizeof(c), "=");
		else
			snprintf(c, sizeof(c), "%+ld", now - before);
		const char *row[] = {zi_stage_names[s], a, c};
		zi_tt_add(&t, row);
	}
	zi_rep_table(o, &t);
	unsigned long wbk = 0, wbbm = 0;
	for (size_t i = 0; i < r->nunits; i++) {
		wbk += !strcmp(r->units[i].predicate, "WBK");
		wbbm += !strcmp(r->units[i].predicate, "WBBM");
	}
	snprintf(line, sizeof(line),
		 _("%zu units in the programme; predicates held: WBK %lu, WBBM %lu."), r->nunits,
		 wbk, wbbm);
	zi_rep_para(o, line);
}

/* 2. Declarations: how many units have declared, the ceremonies of the month. */
static void sec_decls(const struct doc *x)
{
	const struct zi_report *r = x->r;
	struct zi_rep_out *o = x->o;
	const char *mlong = x->mlong;
	char line[1024];
	struct zi_ttable t;
	zi_rep_heading(o, 2, _("Declarations"));
	snprintf(line, sizeof(line),
		 _("%lu units have declared (%+ld this month); declarations held in %s: %zu."),
		 r->decl_total, (long)r->decl_total - (long)r->decl_total_prev, mlong, r->ndecls);
	zi_rep_para(o, line);
	const char *hdr5[] = {_("date"), _("unit"), _("id"), _("venue"), _("re-declaration")};
	zi_rep_table_start(&t, "lllll", hdr5);
	for (size_t i = 0; i < r->ndecls; i++) {
		const struct zi_rep_decl *e = &r->decls[i];
		long ui = zi_rep_unit_index(r, e->unit);
		char dl[64];
		zi_rep_hdate(dl, sizeof(dl), e->date);
		const char *row[] = {dl, ui >= 0 ? zi_rep_uname(&r->units[ui]) : e->unit, e->id,
				     e->venue, e->redeclaration ? _("yes") : _("no")};
		zi_tt_add(&t, row);
	}
	if (r->ndecls)
		zi_rep_table(o, &t);
	else
		zi_tt_release(&t);
}

/* 3. Coverage of the documents per unit, and (with detail) who is missing. */
static void sec_coverage(const struct doc *x)
{
	const struct zi_report *r = x->r;
	struct zi_rep_out *o = x->o;
	struct zi_buf *b = o->b;
	const char *endlong = x->endlong;
	const char *prevlong = x->prevlong;
	char line[1024];
	struct zi_ttable t;
	zi_rep_heading(o, 2, _("Pacts, gratification statements and wealth reports"));
	snprintf(line, sizeof(line),
		 _("Share of the staff on each unit's roster at %s who signed (or filed), "
		   "and the change since %s; '-' where nobody is concerned."),
		 endlong, prevlong);
	zi_rep_para(o, line);
	if (o->kind == ZI_OUT_HTML)
		zi_chart_coverage(r, b);
	const char *hdr8[] = {_("unit"),	   _("id"),
			      _("staff"),	   zi_rep_doc_label(0),
			      zi_rep_doc_label(1), zi_rep_doc_label(2),
			      zi_rep_doc_label(3), zi_rep_doc_label(4),
			      _("missing"),	   _("change")};
	zi_rep_table_start(&t, "llrrrrrrrr", hdr8);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		char cells[ZI_DOC_COUNT][32], staff[32], miss[32], ch[32];
		double now[ZI_DOC_COUNT], before[ZI_DOC_COUNT];
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			zi_rep_pct(cells[k], sizeof(cells[k]), &u->cov[k]);
			now[k] = u->cov[k].percent;
			before[k] = u->cov[k].prev_percent;
		}
		zi_rep_hint(staff, sizeof(staff), (long)u->staff);
		/* people, not signatures */
		zi_rep_hint(miss, sizeof(miss), (long)u->missing_people);
		double mn = zi_rep_mean_known(now, ZI_DOC_COUNT),
		       mb = zi_rep_mean_known(before, ZI_DOC_COUNT);
		if (isnan(mn) || isnan(mb))
			snprintf(ch, sizeof(ch), "-");
		else
			zi_rep_delta(ch, sizeof(ch), mn, mb);
		const char *row[] = {zi_rep_uname(u), u->id,	staff,	  cells[0], cells[1],
				     cells[2],	      cells[3], cells[4], miss,	    ch};
		zi_tt_add(&t, row);
	}
	zi_rep_table(o, &t);
	if (r->detail && !r->public) {
		zi_rep_heading(o, 3, _("Who is missing"));
		const char *hdr[] = {_("unit"), _("id"), _("document"), _("NIP"), _("name")};
		zi_rep_table_start(&t, "lllll", hdr);
		for (size_t i = 0; i < r->nunits; i++)
			for (int k = 0; k < ZI_DOC_COUNT; k++)
				for (size_t m = 0; m < r->units[i].cov[k].nmissing; m++) {
					const struct zi_rep_missing *p =
						&r->units[i].cov[k].missing[m];
					const char *row[] = {zi_rep_uname(&r->units[i]),
							     r->units[i].id, zi_rep_doc_label(k),
							     p->nip, p->name};
					zi_tt_add(&t, row);
				}
		zi_rep_table(o, &t);
	}
}

/* 4. The LKE score per unit and what it fails. */
static void sec_lke(const struct doc *x)
{
	const struct zi_report *r = x->r;
	struct zi_rep_out *o = x->o;
	struct zi_buf *b = o->b;
	char line[1024];
	struct zi_ttable t;
	snprintf(line, sizeof(line), _("LKE scores %d"), r->year);
	zi_rep_heading(o, 2, line);
	if (!r->scores_available) {
		zi_rep_para(o, _("Not available: the LKE model could not be loaded; the section is "
				 "left "
				 "empty."));
	} else {
		if (o->kind == ZI_OUT_HTML)
			zi_chart_scores(r, b);
		const char *hdr[] = {_("unit"),	 _("total"),   _("pengungkit"),
				     _("hasil"), _("verdict"), _("failed criteria")};
		zi_rep_table_start(&t, "lrrrll", hdr);
		for (size_t i = 0; i < r->nunits; i++) {
			const struct zi_rep_unit *u = &r->units[i];
			if (!u->has_score)
				continue;
			char tot[32], pg[32], hs[32];
			zi_rep_hnum(tot, sizeof(tot), u->total);
			zi_rep_hnum(pg, sizeof(pg), u->pengungkit);
			zi_rep_hnum(hs, sizeof(hs), u->hasil);
			struct zi_buf f;
			zi_buf_init(&f);
			const struct zi_rep_failed *fl = u->wbk ? u->failed_wbbm : u->failed_wbk;
			size_t nf = u->wbk ? u->nfailed_wbbm : u->nfailed_wbk;
			if (nf)
				zi_buf_printf(&f, "%s: ", u->wbk ? "WBBM" : "WBK");
			for (size_t k = 0; k < nf; k++) {
				zi_buf_printf(&f, "%s%s", k ? "; " : "", fl[k].criterion);
				if (!isnan(fl[k].value)) {
					char fv[32], fm[32];
					zi_rep_hnum(fv, sizeof(fv), fl[k].value);
					zi_rep_hnum(fm, sizeof(fm), fl[k].min);
					zi_buf_printf(&f, " %s < %s", fv, fm);
				}
			}
			const char *row[] = {zi_rep_uname(u),
					     tot,
					     pg,
					     hs,
					     u->wbbm ? "WBBM" : u->wbk ? "WBK" : _("not yet"),
					     f.data ? f.data : ""};
			zi_tt_add(&t, row);
			zi_buf_release(&f);
		}
		zi_rep_table(o, &t);
	}
}

/* 5. Surveys of the year. */
static void sec_surveys(const struct doc *x)
{
	const struct zi_report *r = x->r;
	struct zi_rep_out *o = x->o;
	char line[1024];
	struct zi_ttable t;
	snprintf(line, sizeof(line), _("Surveys %d"), r->year);
	zi_rep_heading(o, 2, line);
	const char *hdrs[] = {_("unit"),  _("respondents"), _("IKM"),
			      _("grade"), _("IPAK"),	    _("IPKP")};
	zi_rep_table_start(&t, "lrrlrr", hdrs);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		if (!u->has_ikm && !u->has_ipak && !u->has_ipkp)
			continue;
		char n[32] = "", ikm[32] = "", g[4] = "", ipak[32] = "", ipkp[32] = "";
		if (u->has_ikm) {
			zi_rep_hint(n, sizeof(n), (long)u->ikm_respondents);
			zi_rep_hnum(ikm, sizeof(ikm), u->ikm);
			g[0] = u->ikm_grade;
		}
		if (u->has_ipak)
			zi_rep_hnum(ipak, sizeof(ipak), u->ipak);
		if (u->has_ipkp)
			zi_rep_hnum(ipkp, sizeof(ipkp), u->ipkp);
		const char *row[] = {zi_rep_uname(u), n, ikm, g, ipak, ipkp};
		zi_tt_add(&t, row);
	}
	zi_rep_table(o, &t);
}

/* 6. Public complaints: counts only. */
static void sec_complaints(const struct doc *x)
{
	const struct zi_report *r = x->r;
	struct zi_rep_out *o = x->o;
	const char *mlong = x->mlong;
	char line[1024];
	struct zi_ttable t;
	zi_rep_heading(o, 2, _("Public complaints"));
	if (r->c_oldest_open_days >= 0)
		snprintf(line, sizeof(line),
			 _("Received %lu, resolved %lu in %s; open at the month's end %lu (%+ld), "
			   "the oldest open for %ld days."),
			 r->c_received, r->c_resolved, mlong, r->c_open,
			 (long)r->c_open - (long)r->c_open_prev, r->c_oldest_open_days);
	else
		snprintf(line, sizeof(line),
			 _("Received %lu, resolved %lu in %s; none open at the month's end "
			   "(%+ld)."),
			 r->c_received, r->c_resolved, mlong,
			 (long)r->c_open - (long)r->c_open_prev);
	zi_rep_para(o, line);
	const char *hdrc[] = {_("unit"), _("received"), _("resolved"), _("open"),
			      _("oldest open (days)")};
	zi_rep_table_start(&t, "lrrrr", hdrc);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		if (!u->c_received && !u->c_resolved && !u->c_open)
			continue;
		char a[32], bb[32], c[32], dd[32] = "";
		zi_rep_hint(a, sizeof(a), (long)u->c_received);
		zi_rep_hint(bb, sizeof(bb), (long)u->c_resolved);
		zi_rep_hint(c, sizeof(c), (long)u->c_open);
		if (u->c_oldest_open_days >= 0)
			zi_rep_hint(dd, sizeof(dd), u->c_oldest_open_days);
		const char *row[] = {zi_rep_uname(u), a, bb, c, dd};
		zi_tt_add(&t, row);
	}
	zi_rep_table(o, &t);
}

/* 7. Stale records. */
static void sec_stale(const struct doc *x)
{
	const struct zi_report *r = x->r;
	struct zi_rep_out *o = x->o;
	struct zi_ttable t;
	zi_rep_heading(o, 2, _("Stale records"));
	const char *hdrst[] = {_("unit"), _("id"), _("why")};
	zi_rep_table_start(&t, "lll", hdrst);
	for (size_t i = 0; i < r->nunits; i++)
		for (size_t k = 0; k + 1 < r->units[i].nstale; k += 2) {
			const char *row[] = {zi_rep_uname(&r->units[i]), r->units[i].id,
					     r->units[i].stale[k + 1]};
			zi_tt_add(&t, row);
		}
	zi_rep_table(o, &t);
}

/* 8. The programme's coverage over the last 12 months. */
static void sec_trend(const struct doc *x)
{
	const struct zi_report *r = x->r;
	struct zi_rep_out *o = x->o;
	struct zi_buf *b = o->b;
	struct zi_ttable t;
	zi_rep_heading(o, 2, _("Trend of the last 12 months"));
	if (o->kind == ZI_OUT_HTML)
		zi_chart_trend(r, b);
	const char *hdrt[] = {_("month"),	   zi_rep_doc_label(0), zi_rep_doc_label(1),
			      zi_rep_doc_label(2), zi_rep_doc_label(3), zi_rep_doc_label(4)};
	zi_rep_table_start(&t, "lrrrrr", hdrt);
	for (int m = 0; m < ZI_TREND_MONTHS; m++) {
		char v[ZI_DOC_COUNT][32];
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			if (r->trend[m][k] < 0)
				snprintf(v[k], sizeof(v[k]), "-");
			else
				zi_rep_hnum(v[k], sizeof(v[k]), r->trend[m][k]);
		}
		char ml[64];
		zi_rep_hmonth(ml, sizeof(ml), r->trend_months[m]);
		const char *row[] = {ml, v[0], v[1], v[2], v[3], v[4]};
		zi_tt_add(&t, row);
	}
	zi_rep_table(o, &t);
}

/* The units: id, name, stage, predicate, first declaration. */
static void sec_units(const struct doc *x)
{
	const struct zi_report *r = x->r;
	struct zi_rep_out *o = x->o;
	struct zi_ttable t;
	zi_rep_heading(o, 2, _("Units"));
	const char *hdru[] = {_("unit"), _("name"), _("stage"), _("predicate"), _("declared")};
	zi_rep_table_start(&t, "lllll", hdru);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		char dl[64];
		zi_rep_hdate(dl, sizeof(dl), u->first_declared);
		const char *row[] = {u->id, u->name, u->stage, u->predicate, dl};
		zi_tt_add(&t, row);
	}
	zi_rep_table(o, &t);
}

/* The document in text, Markdown or HTML: one walk, three dialects. */
static void render_doc(const struct zi_report *r, struct zi_rep_out *o)
{
	struct doc x = {.r = r, .o = o};
	zi_rep_hmonth(x.mlong, sizeof(x.mlong), r->month);
	zi_rep_hdate(x.endlong, sizeof(x.endlong), r->month_end);
	zi_rep_hdate(x.prevlong, sizeof(x.prevlong), r->prev_end);
	doc_head(&x);
	sec_stages(&x);
	sec_decls(&x);
	sec_coverage(&x);
	sec_lke(&x);
	sec_surveys(&x);
	sec_complaints(&x);
	sec_stale(&x);
	sec_trend(&x);
	render_prereq(r, o);
	sec_units(&x);
	signature(r, o);
	if (o->kind == ZI_OUT_HTML) {
		zi_buf_adds(o->b, "<p class=\"note\">");
		zi_esc(o->b, _("Made by zi-report from the records; the same records give the same report."),
		       ZI_ESC_HTML);
		zi_buf_adds(o->b, "</p>\n</body>\n</html>\n");
	}
}

/* A unit's LKE score of the year with both verdicts and what fails. */
static json_t *score_json(const struct zi_rep_unit *u, int year)
{
	json_t *s = json_object();
	json_object_set_new(s, "unit", json_string(u->id));
	json_object_set_new(s, "year", json_integer(year));
	json_object_set_new(s, "total", zi_rep_jreal(u->total));
	json_object_set_new(s, "pengungkit", zi_rep_jreal(u->pengungkit));
	json_object_set_new(s, "hasil", zi_rep_jreal(u->hasil));
	json_t *v = json_object();
	for (int p = 0; p < 2; p++) {
		json_t *e = json_object();
		json_object_set_new(e, "eligible", json_boolean(p ? u->wbbm : u->wbk));
		json_t *fa = json_array();
		const struct zi_rep_failed *fl = p ? u->failed_wbbm : u->failed_wbk;
		size_t nf = p ? u->nfailed_wbbm : u->nfailed_wbk;
		for (size_t k = 0; k < nf; k++) {
			json_t *f = json_object();
			json_object_set_new(f, "criterion", json_string(fl[k].criterion));
			json_object_set_new(f, "value",
					    isnan(fl[k].value) ? json_null()
							       : zi_rep_jreal(fl[k].value));
			json_object_set_new(f, "min",
					    isnan(fl[k].min) ? json_null()
							     : zi_rep_jreal(fl[k].min));
			json_array_append_new(fa, f);
		}
		json_object_set_new(e, "failed", fa);
		json_object_set_new(v, p ? "WBBM" : "WBK", e);
	}
	json_object_set_new(s, "verdict", v);
	return s;
}

/* A unit's surveys of the year, appended to surveys. */
static void surveys_json(const struct zi_rep_unit *u, json_t *surveys)
{
	if (u->has_ikm) {
		json_t *s = json_object();
		json_object_set_new(s, "unit", json_string(u->id));
		json_object_set_new(s, "kind", json_string("ikm"));
		json_object_set_new(s, "value", zi_rep_jreal(u->ikm / 25.0));
		json_object_set_new(s, "ikm", zi_rep_jreal(u->ikm));
		char g[2] = {u->ikm_grade, 0};
		json_object_set_new(s, "grade", json_string(g));
		json_object_set_new(s, "respondents", json_integer((json_int_t)u->ikm_respondents));
		json_array_append_new(surveys, s);
	}
	for (int k = 0; k < 2; k++) {
		if (!(k ? u->has_ipkp : u->has_ipak))
			continue;
		json_t *s = json_object();
		json_object_set_new(s, "unit", json_string(u->id));
		json_object_set_new(s, "kind", json_string(k ? "ipkp" : "ipak"));
		json_object_set_new(s, "value", zi_rep_jreal(k ? u->ipkp : u->ipak));
		json_array_append_new(surveys, s);
	}
}

/* Tabel 5 of every unit checked. */
static json_t *prereq_json(const struct zi_report *r)
{
	json_t *prq = json_array();
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		if (!u->has_prq)
			continue;
		json_t *x = json_object();
		int met = 0;
		for (int k = 0; k < ZI_PRQ_COUNT; k++)
			met += u->prq[k].status == ZI_PRQ_MET;
		json_object_set_new(x, "unit", json_string(u->id));
		json_object_set_new(x, "year", json_integer(r->year));
		json_object_set_new(x, "predicate", json_string(u->prq_pred));
		json_object_set_new(x, "kategori", json_string(zi_rep_kategori(u, u->prq_pred)));
		json_object_set_new(x, "afirmasi", json_boolean(u->afirmasi));
		json_object_set_new(x, "met", json_boolean(met == ZI_PRQ_COUNT));
		json_object_set_new(x, "rows", zi_rep_prq_json(u->prq));
		json_array_append_new(prq, x);
	}
	return prq;
}

/* The programme's coverage per document at each month's end. */
static json_t *trend_json(const struct zi_report *r)
{
	json_t *tr = json_array();
	for (int m = 0; m < ZI_TREND_MONTHS; m++) {
		json_t *x = json_object();
		json_object_set_new(x, "month", json_string(r->trend_months[m]));
		for (int k = 0; k < ZI_DOC_COUNT; k++)
			json_object_set_new(x, zi_doc_names[k],
					    r->trend[m][k] < 0 ? json_null()
							       : zi_rep_jreal(r->trend[m][k]));
		json_array_append_new(tr, x);
	}
	return tr;
}

static json_t *report_json(const struct zi_report *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "month", json_string(r->month));
	json_object_set_new(o, "month_end", json_string(r->month_end));
	json_object_set_new(o, "instansi", json_string(r->instansi));
	if (r->public)
		json_object_set_new(o, "public", json_true());
	json_t *units = json_array(), *cov = json_array(), *scores = json_array(),
	       *surveys = json_array(), *stale = json_array();
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		json_t *x = json_object();
		json_object_set_new(x, "id", json_string(u->id));
		json_object_set_new(x, "name", json_string(u->name));
		json_object_set_new(x, "stage", json_string(u->stage));
		json_object_set_new(x, "predicate",
				    *u->predicate ? json_string(u->predicate) : json_null());
		json_object_set_new(x, "stage_before",
				    *u->prev_stage ? json_string(u->prev_stage) : json_null());
		json_object_set_new(x, "declared",
				    *u->first_declared ? json_string(u->first_declared)
						       : json_null());
		json_object_set_new(x, "staff", json_integer((json_int_t)u->staff));
		json_array_append_new(units, x);
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			json_array_append_new(cov, zi_rep_coverage_json(u, k, 1, 1,
									r->detail && !r->public));
		}
		if (u->has_score)
			json_array_append_new(scores, score_json(u, r->year));
		surveys_json(u, surveys);
		for (size_t k = 0; k + 1 < u->nstale; k += 2) {
			json_t *s = json_object();
			json_object_set_new(s, "unit", json_string(u->id));
			json_object_set_new(s, "reason", json_string(u->stale[k]));
			json_object_set_new(s, "detail", json_string(u->stale[k + 1]));
			json_array_append_new(stale, s);
		}
	}
	json_object_set_new(o, "units", units);
	json_t *decls = json_array();
	for (size_t i = 0; i < r->ndecls; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "id", json_string(r->decls[i].id));
		json_object_set_new(x, "unit", json_string(r->decls[i].unit));
		json_object_set_new(x, "date", json_string(r->decls[i].date));
		json_object_set_new(x, "redeclaration", json_boolean(r->decls[i].redeclaration));
		json_array_append_new(decls, x);
	}
	json_object_set_new(o, "declarations", decls);
	json_object_set_new(o, "declared_units", json_integer((json_int_t)r->decl_total));
	json_object_set_new(o, "coverage", cov);
	json_object_set_new(o, "scores", scores);
	json_object_set_new(o, "surveys", surveys);
	json_t *c = json_object();
	json_object_set_new(c, "received", json_integer((json_int_t)r->c_received));
	json_object_set_new(c, "resolved", json_integer((json_int_t)r->c_resolved));
	json_object_set_new(c, "open", json_integer((json_int_t)r->c_open));
	json_object_set_new(c, "open_before", json_integer((json_int_t)r->c_open_prev));
	json_object_set_new(c, "oldest_open_days",
			    r->c_oldest_open_days >= 0 ? json_integer(r->c_oldest_open_days)
						       : json_null());
	json_object_set_new(o, "complaints", c);
	json_object_set_new(o, "stale", stale);
	json_object_set_new(o, "prerequisites", prereq_json(r));
	json_object_set_new(o, "trend", trend_json(r));
	return o;
}

static void report_csv(const struct zi_report *r, struct zi_buf *b)
{
	zi_buf_adds(b,
		    "unit,name,stage,predicate,declarations,pakta_percent,gratifikasi_percent,"
		    "lhkpn_percent,lhkasn_percent,lke_total,wbk,wbbm,ikm,ikm_grade,complaints_open,"
		    "prerequisites_met,coi_percent\n");
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		char v[32];
		zi_csv_add_field_safe(b, u->id);
		zi_buf_addc(b, ',');
		zi_csv_add_field_safe(b, u->name);
		zi_buf_addc(b, ',');
		zi_csv_add_field_safe(b, u->stage);
		zi_buf_addc(b, ',');
		zi_csv_add_field_safe(b, u->predicate);
		zi_buf_printf(b, ",%u", u->declarations);
		/* coi is the last column: the columns before it keep their places */
		for (int k = 0; k < ZI_DOC_COI; k++) {
			zi_buf_addc(b, ',');
			if (u->cov[k].required && !isnan(u->cov[k].percent))
				zi_rep_add2(b, u->cov[k].percent);
		}
		zi_buf_addc(b, ',');
		if (u->has_score) {
			zi_rep_fmt2(v, sizeof(v), u->total);
			zi_buf_printf(b, "%s,%s,%s", v, u->wbk ? "true" : "false",
				      u->wbbm ? "true" : "false");
		} else {
			zi_buf_adds(b, ",,");
		}
		zi_buf_addc(b, ',');
		if (u->has_ikm) {
			zi_rep_add2(b, u->ikm);
			zi_buf_printf(b, ",%c", u->ikm_grade);
		} else {
			zi_buf_addc(b, ',');
		}
		zi_buf_printf(b, ",%lu,", u->c_open);
		if (u->has_prq) {
			int met = 0;
			for (int k = 0; k < ZI_PRQ_COUNT; k++)
				met += u->prq[k].status == ZI_PRQ_MET;
			zi_buf_printf(b, "%d", met);
		}
		zi_buf_addc(b, ',');
		if (u->cov[ZI_DOC_COI].required && !isnan(u->cov[ZI_DOC_COI].percent))
			zi_rep_add2(b, u->cov[ZI_DOC_COI].percent);
		zi_buf_addc(b, '\n');
	}
}

int zi_report_render(const struct zi_report *r, const char *format, struct zi_buf *out)
{
	if (!strcmp(format, "json")) {
		json_t *o = report_json(r);
		zi_json_dump(o, out);
		json_decref(o);
		return 0;
	}
	if (!strcmp(format, "csv")) {
		report_csv(r, out);
		return 0;
	}
	struct zi_rep_out o = {.b = out};
	if (!strcmp(format, "text"))
		o.kind = ZI_OUT_TEXT;
	else if (!strcmp(format, "md"))
		o.kind = ZI_OUT_MD;
	else if (!strcmp(format, "html"))
		o.kind = ZI_OUT_HTML;
	else
		return ZI_EUSAGE;
	render_doc(r, &o);
	return 0;
}

/* The monthly report as tables for a workbook */

static void csv_cell(struct zi_buf *b, const char *s, int last)
{
	zi_csv_add_field(b, s ? s : "");
	zi_buf_addc(b, last ? '\n' : ',');
}

static void csv_num(struct zi_buf *b, double v, int last)
{
	zi_rep_add2(b, v);
	zi_buf_addc(b, last ? '\n' : ',');
}

size_t zi_report_tables(const struct zi_report *r, const char *names[8], struct zi_buf csv[8])
{
	size_t n = 0;
	for (size_t i = 0; i < 8; i++)
		zi_buf_init(&csv[i]);
	names[n] = "units";
	report_csv(r, &csv[n++]);
	/* coverage: per unit and document, with the month before */
	struct zi_buf *b = &csv[n];
	names[n++] = "coverage";
	zi_buf_adds(b, "unit,doc,required,signed,percent,prev_percent\n");
	for (size_t i = 0; i < r->nunits; i++)
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			const struct zi_rep_cov *c = &r->units[i].cov[k];
			if (!c->required && !c->signed_n)
				continue;
			csv_cell(b, r->units[i].id, 0);
			csv_cell(b, zi_doc_names[k], 0);
			zi_buf_printf(b, "%lu,%lu,", c->required, c->signed_n);
			csv_num(b, c->percent, 0);
			csv_num(b, c->prev_percent, 1);
		}
	if (r->detail && !r->public) {
		b = &csv[n];
		names[n++] = "missing";
		zi_buf_adds(b, "unit,doc,nip,name\n");
		for (size_t i = 0; i < r->nunits; i++)
			for (int k = 0; k < ZI_DOC_COUNT; k++)
				for (size_t m = 0; m < r->units[i].cov[k].nmissing; m++) {
					const struct zi_rep_missing *x =
						&r->units[i].cov[k].missing[m];
					csv_cell(b, r->units[i].id, 0);
					csv_cell(b, zi_doc_names[k], 0);
					csv_cell(b, x->nip, 0);
					csv_cell(b, x->name, 1);
				}
	}
	b = &csv[n];
	names[n++] = "declarations";
	zi_buf_adds(b, "id,unit,date,venue,head,redeclaration\n");
	for (size_t i = 0; i < r->ndecls; i++) {
		const struct zi_rep_decl *x = &r->decls[i];
		csv_cell(b, x->id, 0);
		csv_cell(b, x->unit, 0);
		csv_cell(b, x->date, 0);
		csv_cell(b, x->venue, 0);
		csv_cell(b, x->head, 0);
		csv_cell(b, x->redeclaration ? "true" : "false", 1);
	}
	b = &csv[n];
	names[n++] = "complaints";
	zi_buf_adds(b, "unit,received,resolved,open,open_before,oldest_open_days\n");
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		csv_cell(b, u->id, 0);
		zi_buf_printf(b, "%lu,%lu,%lu,%lu,", u->c_received, u->c_resolved, u->c_open,
			      u->c_open_prev);
		if (u->c_oldest_open_days >= 0)
			zi_buf_printf(b, "%ld", u->c_oldest_open_days);
		zi_buf_addc(b, '\n');
	}
	b = &csv[n];
	names[n++] = "trend";
	zi_buf_adds(b, "month");
	for (int k = 0; k < ZI_DOC_COUNT; k++)
		zi_buf_printf(b, ",%s_percent", zi_doc_names[k]);
	zi_buf_addc(b, '\n');
	for (int t = 0; t < ZI_TREND_MONTHS; t++) {
		if (!r->trend_months[t][0])
			continue;
		zi_buf_adds(b, r->trend_months[t]);
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			zi_buf_addc(b, ',');
			if (r->trend[t][k] >= 0)
				zi_rep_add2(b, r->trend[t][k]);
		}
		zi_buf_addc(b, '\n');
	}
	return n;
}
