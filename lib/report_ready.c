/* Readiness for WBK or WBBM: every unit's state today judged against the
 * predicate (coverage, a year of building, the LKE verdict, Tabel 5 of
 * 5/2024), closest first, as text, Markdown, CSV or JSON. */
#include "report_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "jsonio.h"
#include "prereq.h"

struct ready {
	const struct zi_rep_unit *u;
	const char *pred;
	char **why; /* problems, translated */
	size_t nwhy;
	double closeness;
	struct zi_prq_row prq[ZI_PRQ_COUNT]; /* Tabel 5 of 5/2024 */
};

static void why_add(struct ready *x, char *text)
{
	x->why = zi_xrealloc(x->why, (x->nwhy + 1) * sizeof(char *));
	x->why[x->nwhy++] = text;
}

/* The failing rows of Tabel 5 that the other checks of readiness do not
 * already name (coverage below 100 % or without data, no roster, a year of
 * building). */
static void prq_problems(struct ready *x, int year)
{
	for (int k = 0; k < ZI_PRQ_COUNT; k++) {
		const struct zi_prq_row *row = &x->prq[k];
		if (row->status == ZI_PRQ_MET || k == ZI_PRQ_BUILDING ||
		    (k == ZI_PRQ_LHK && (row->status == ZI_PRQ_NOT_MET || !x->u->staff)))
			continue;
		why_add(x, zi_rep_prq_problem(row, year));
	}
}

static int cmp_ready(const void *a, const void *b)
{
	const struct ready *x = a, *y = b;
	if (x->nwhy != y->nwhy)
		return x->nwhy < y->nwhy ? -1 : 1;
	if (isnan(x->closeness) != isnan(y->closeness))
		return isnan(x->closeness) ? 1 : -1; /* no data after any data */
	if (!isnan(x->closeness) && x->closeness != y->closeness)
		return x->closeness > y->closeness ? -1 : 1;
	return strcmp(x->u->id, y->u->id);
}

/* Judges one unit for its predicate (or pred): every problem in why, the
 * rows of Tabel 5, how close its coverage is. */
static void judge(struct ready *x, const struct zi_report *r, const struct zi_rep_unit *u,
		  const char *predicate, const struct zi_prq_facts *facts)
{
	x->u = u;
	x->pred = predicate ? predicate : *u->target ? u->target : "WBK";
	int wbbm = !strcmp(x->pred, "WBBM");
	double cv[ZI_DOC_COUNT];
	if (!u->staff)
		why_add(x, zi_xasprintf(_("no roster on %s: coverage has no data"), r->month_end));
	/* the documents of the programme and of Tabel 5; the conflict-of-
	 * interest declaration (17/2024) is no proposal prerequisite */
	for (int k = 0; k < ZI_DOC_COI; k++) {
		cv[k] = u->cov[k].percent;
		if (isnan(cv[k]) && u->staff) { /* no data is not met */
			why_add(x, zi_xasprintf(_("%s coverage: no data (nobody on the roster "
						  "owes it)"),
						zi_rep_doc_label(k)));
		} else if (cv[k] < 100.0) {
			/* a sentence for people, in csv and json too: numbers as
			 * the language writes them */
			char pc[32];
			zi_rep_hnum(pc, sizeof(pc), u->cov[k].percent);
			why_add(x, zi_xasprintf(_("%s coverage %s%% is below 100%% (%lu of %lu)"),
						zi_rep_doc_label(k), pc, u->cov[k].signed_n,
						u->cov[k].required));
		}
	}
	if (u->no_lhkpn || u->no_category)
		why_add(x, zi_xasprintf(_("the roster lacks lhkpn for %lu and category for %lu "
					  "people: LHKPN/LHKASN compliance unknown"),
					u->no_lhkpn, u->no_category));
	x->closeness = zi_rep_mean_known(cv, ZI_DOC_COI);
	if (!*u->building_since) {
		why_add(x, zi_xasprintf(_("not yet in pembangunan (stage %s)"), u->stage));
	} else {
		char year[11];
		zi_date_plus_year(u->building_since, year);
		if (strcmp(year, r->month_end) > 0)
			why_add(x, zi_xasprintf(_("built since %s: a year of building ends %s"),
						u->building_since, year));
	}
	if (wbbm && strcmp(u->predicate, "WBK") && strcmp(u->predicate, "WBBM"))
		why_add(x, zi_xasprintf(_("WBBM needs WBK first (holds %s)"),
					*u->predicate ? u->predicate : _("none")));
	if (!u->has_score) {
		why_add(x, zi_xasprintf(_("no LKE score for %d"), r->year));
	} else {
		if (u->answered < u->questions)
			why_add(x, zi_xasprintf(_("LKE %d incomplete: answered %zu of %zu "
						  "(see 'zi-eval score')"),
						r->year, u->answered, u->questions));
		const struct zi_rep_failed *fl = wbbm ? u->failed_wbbm : u->failed_wbk;
		size_t nf = wbbm ? u->nfailed_wbbm : u->nfailed_wbk;
		for (size_t k = 0; k < nf; k++) {
			char fv[32], fm[32];
			zi_rep_hnum(fv, sizeof(fv), fl[k].value);
			zi_rep_hnum(fm, sizeof(fm), fl[k].min);
			why_add(x, isnan(fl[k].value) ? zi_xasprintf("%s", fl[k].criterion)
						      : zi_xasprintf(_("%s %s below %s"),
								     fl[k].criterion, fv, fm));
		}
	}
	zi_rep_prq_unit(facts, r, u, x->pred, x->prq);
	prq_problems(x, r->year);
}

static void ready_json(const struct ready *v, size_t n, struct zi_buf *out)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "unit", json_string(v[i].u->id));
		json_object_set_new(o, "predicate", json_string(v[i].pred));
		json_object_set_new(o, "kategori", json_string(zi_rep_kategori(v[i].u, v[i].pred)));
		json_object_set_new(o, "afirmasi", json_boolean(v[i].u->afirmasi));
		json_object_set_new(o, "eligible", json_boolean(v[i].nwhy == 0));
		json_object_set_new(o, "coverage", zi_rep_jreal(v[i].closeness));
		json_t *w = json_array();
		for (size_t k = 0; k < v[i].nwhy; k++)
			json_array_append_new(w, json_string(v[i].why[k]));
		json_object_set_new(o, "problems", w);
		json_object_set_new(o, "prerequisites", zi_rep_prq_json(v[i].prq));
		json_array_append_new(a, o);
	}
	zi_json_dump(a, out);
	json_decref(a);
}

static void ready_csv(const struct ready *v, size_t n, struct zi_buf *out)
{
	zi_buf_adds(out, "unit,predicate,eligible,coverage,problems,kategori\n");
	for (size_t i = 0; i < n; i++) {
		struct zi_buf w;
		zi_buf_init(&w);
		for (size_t k = 0; k < v[i].nwhy; k++)
			zi_buf_printf(&w, "%s%s", k ? "; " : "", v[i].why[k]);
		zi_csv_add_field_safe(out, v[i].u->id);
		zi_buf_printf(out, ",%s,%s,", v[i].pred, v[i].nwhy ? "false" : "true");
		if (!isnan(v[i].closeness))
			zi_rep_add2(out, v[i].closeness);
		zi_buf_addc(out, ',');
		zi_csv_add_field_safe(out, w.data ? w.data : "");
		zi_buf_printf(out, ",%s\n", zi_rep_kategori(v[i].u, v[i].pred));
		zi_buf_release(&w);
	}
}

static void ready_text(const struct ready *v, size_t n, const char *month_end, const char *format,
		       int public, struct zi_buf *out)
{
	struct zi_rep_out o = {.kind = !strcmp(format, "md") ? ZI_OUT_MD : ZI_OUT_TEXT, .b = out};
	char title[256], asof[64];
	zi_rep_hdate(asof, sizeof(asof), month_end);
	snprintf(title, sizeof(title), _("Readiness on %s"), asof);
	if (o.kind == ZI_OUT_MD) {
		zi_buf_adds(out, "# ");
		zi_esc(out, title, ZI_ESC_MD);
		zi_buf_adds(out, "\n\n");
	} else
		zi_buf_printf(out, "%s\n", title);
	if (public)
		zi_rep_para(&o, zi_rep_public_note());
	struct zi_ttable t;
	const char *hdr[] = {_("unit"),	 _("id"),	_("predicate"),
			     _("ready"), _("coverage"), _("what is missing")};
	zi_rep_table_start(&t, "llllrl", hdr);
	for (size_t i = 0; i < n; i++) {
		char c[32];
		zi_rep_hnum(c, sizeof(c), v[i].closeness);
		char pred[48];
		snprintf(pred, sizeof(pred), v[i].u->afirmasi ? _("%s (afirmasi)") : "%s",
			 v[i].pred);
		for (size_t k = 0; k < (v[i].nwhy ? v[i].nwhy : 1); k++) {
			const char *row[] = {k ? "" : zi_rep_uname(v[i].u),
					     k ? "" : v[i].u->id,
					     k ? "" : pred,
					     k ? "" : v[i].nwhy ? _("no") : _("yes"),
					     k ? "" : c,
					     v[i].nwhy ? v[i].why[k] : ""};
			zi_tt_add(&t, row);
		}
	}
	zi_rep_table(&o, &t);
}

int zi_report_readiness(struct zi_store *st, const char *predicate, const char *format, int public,
			struct zi_buf *out, struct zi_diag *d)
{
	struct zi_report r;
	/* readiness names nobody: the public edition only says what it is */
	int rc = zi_rep_gather_today(st, 0, public, &r, d);
	if (rc) {
		zi_report_release(&r);
		return rc;
	}
	struct zi_prq_facts facts;
	rc = zi_prq_load(st, &facts, d);
	if (rc) {
		zi_prq_release(&facts);
		zi_report_release(&r);
		return rc;
	}
	struct ready *v = zi_xcalloc(r.nunits + 1, sizeof(*v));
	for (size_t i = 0; i < r.nunits; i++)
		judge(&v[i], &r, &r.units[i], predicate, &facts);
	zi_prq_release(&facts);
	qsort(v, r.nunits, sizeof(*v), cmp_ready);
	if (!strcmp(format, "json"))
		ready_json(v, r.nunits, out);
	else if (!strcmp(format, "csv"))
		ready_csv(v, r.nunits, out);
	else
		ready_text(v, r.nunits, r.month_end, format, public, out);
	for (size_t i = 0; i < r.nunits; i++) {
		for (size_t k = 0; k < v[i].nwhy; k++)
			free(v[i].why[k]);
		free(v[i].why);
	}
	free(v);
	zi_report_release(&r);
	return 0;
}
