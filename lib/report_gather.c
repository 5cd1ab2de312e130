/* Gathering the monthly report: a month's state of the programme read from
 * the records one unit's files at a time (units and their stages,
 * declarations, complaints, each unit's roster and signatures, surveys, LKE
 * scores on the pool, Tabel 5), kept in a struct zi_report for the
 * renderers (report_render.c, report_ready.c, report_unit.c). Nothing here
 * writes output or reads the clock, except zi_rep_gather_today, which is
 * asked for today's state. */
#include "report_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "complaint.h"
#include "csvio.h"
#include "declare.h"
#include "jsonio.h"
#include "model.h"
#include "scorer.h"
#include "prereq.h"
#include "records.h"
#include "stages.h"
#include "survey.h"
#include "table.h"
#include "units.h"
#include "values.h"

/* Dates */

static int days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

void zi_rep_month_shift(const char *month, int delta, char out[8])
{
	int y = atoi(month), m = atoi(month + 5);
	int idx = y * 12 + (m - 1) + delta;
	char t[32];
	snprintf(t, sizeof(t), "%04d-%02d", (idx / 12) % 10000, idx % 12 + 1);
	memcpy(out, t, 7);
	out[7] = 0;
}

void zi_rep_month_end(const char *month, char out[11])
{
	int y = atoi(month), m = atoi(month + 5);
	char t[32];
	snprintf(t, sizeof(t), "%04d-%02d-%02d", y % 10000, m % 100, days_in_month(y, m));
	memcpy(out, t, 10);
	out[10] = 0;
}

void zi_report_default_month(char out[8])
{
	char today[11];
	zi_today(today);
	char cur[8];
	snprintf(cur, sizeof(cur), "%.7s", today);
	zi_rep_month_shift(cur, -1, out);
}

int zi_report_month_parse(const char *s, char out[8])
{
	if (strlen(s) != 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int m = atoi(s + 5);
	if (m < 1 || m > 12 || atoi(s) < 1900)
		return -1;
	memcpy(out, s, 8);
	return 0;
}

/* Loading the records */

int zi_rep_load(struct zi_store *st, const char *type, struct zi_table *t, struct zi_schema **sp,
		struct zi_diag *d)
{
	*sp = zi_schema_get(type, d);
	if (!*sp)
		return ZI_EINTERNAL;
	return zi_records_load(st, type, NULL, t, d);
}

void zi_rep_unload(struct zi_table *t, struct zi_schema *s)
{
	zi_table_release(t);
	zi_schema_free(s);
}

long zi_rep_unit_index(const struct zi_report *r, const char *id)
{
	return zi_find_str(r->units, r->nunits, sizeof(*r->units), offsetof(struct zi_rep_unit, id),
			   id);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* People who miss at least one document they owe: each counted once, however
 * many documents they miss. */
static unsigned long count_people(const struct zi_coverage_set *cov)
{
	size_t n = 0;
	for (size_t k = 0; k < cov->n; k++)
		n += cov->docs[k].nmissing;
	const char **v = zi_xcalloc(n + 1, sizeof(char *));
	n = 0;
	for (size_t k = 0; k < cov->n; k++)
		for (size_t m = 0; m < cov->docs[k].nmissing; m++)
			v[n++] = cov->docs[k].missing[m].nip;
	qsort(v, n, sizeof(char *), cmp_cstr);
	unsigned long people = 0;
	for (size_t i = 0; i < n; i++)
		people += !i || strcmp(v[i - 1], v[i]);
	free(v);
	return people;
}

static void add_stale(struct zi_rep_unit *u, const char *code, const char *text)
{
	u->stale = zi_xrealloc(u->stale, (u->nstale + 2) * sizeof(char *));
	u->stale[u->nstale++] = zi_xstrdup(code);
	u->stale[u->nstale++] = zi_xstrdup(text);
}

static void take_failed(const struct zi_verdict *v, struct zi_rep_failed **out, size_t *n)
{
	*n = v->nfailed;
	*out = zi_xcalloc(v->nfailed + 1, sizeof(**out));
	for (size_t k = 0; k < v->nfailed; k++) {
		const struct zi_failed *f = &v->failed[k];
		if (f->name)
			(*out)[k].criterion = zi_xasprintf("%s (%s)", f->criterion, f->name);
		else if (f->required)
			(*out)[k].criterion = zi_xasprintf("%s: %s", f->criterion, f->required);
		else
			(*out)[k].criterion = zi_xstrdup(f->criterion);
		(*out)[k].value = f->value;
		(*out)[k].min = f->min;
	}
}

/* Scoring the units of a report through zi_scorer_each (lib/scorer.c):
 * each unit's results go into its own zi_rep_unit on the worker; the warning
 * for a unit that cannot be scored is said in unit order. */
struct score_job {
	struct zi_report *r;
	const struct zi_model *m;
	unsigned char *failed; /* per unit: could not be scored */
	struct zi_diag *d;
};

static int score_take(void *ctx, size_t i, int rc, const struct zi_score *s, struct zi_diag *said)
{
	(void)said;
	struct score_job *j = ctx;
	if (rc == ZI_SCORER_NO_ANSWERS)
		return 0;
	if (rc) {
		j->failed[i] = 1;
		return 0;
	}
	struct zi_rep_unit *u = &j->r->units[i];
	u->has_score = 1;
	u->answered = s->answered;
	u->questions = j->m->nq;
	u->total = s->total;
	u->pengungkit = s->pengungkit;
	u->hasil = s->hasil;
	for (size_t k = 0; k < s->nverdict; k++) {
		const struct zi_verdict *v = &s->verdict[k];
		if (!strcmp(v->predicate, "WBK")) {
			u->wbk = v->eligible;
			take_failed(v, &u->failed_wbk, &u->nfailed_wbk);
		} else if (!strcmp(v->predicate, "WBBM")) {
			u->wbbm = v->eligible;
			take_failed(v, &u->failed_wbbm, &u->nfailed_wbbm);
		}
	}
	return 0;
}

static int score_warn(void *ctx, size_t i)
{
	struct score_job *j = ctx;
	if (j->failed[i])
		zi_diag_warn(j->d, NULL, 0, NULL, "score-failed",
			     _("unit %s: the LKE answers of %d cannot be scored (see 'zi-eval "
			       "score')"),
			     j->r->units[i].id, j->r->year);
	return 0;
}

/* The LKE score of every unit with answers for the year, when the model
 * loads; a unit that cannot be scored gets a warning, not a failed report. */
static void gather_scores(struct zi_store *st, struct zi_report *r, struct zi_diag *d)
{
	struct zi_model *m = NULL;
	struct zi_diag local;
	zi_diag_init(&local);
	/* the model zi-eval score uses for the year: one choice for all */
	if (zi_model_for(st, r->year, NULL, &m, &local) || !m) {
		zi_diag_warn(d, NULL, 0, NULL, "model-unavailable",
			     _("no LKE model '%s': scores left out"), r->model);
		zi_diag_release(&local);
		return;
	}
	struct zi_scorer *sc = zi_scorer_new(st, m, r->year, &local);
	if (!sc) {
		zi_diag_warn(d, NULL, 0, NULL, "model-unavailable",
			     _("cannot score: scores left out"));
		zi_diag_release(&local);
		zi_model_free(m);
		return;
	}
	/* the state at the month's end, whatever the day the report runs */
	zi_scorer_set_asof(sc, r->month_end);
	r->scores_available = 1;
	const char **ids = zi_xcalloc(r->nunits + 1, sizeof(char *));
	for (size_t i = 0; i < r->nunits; i++)
		ids[i] = r->units[i].id;
	struct score_job j = {.r = r, .m = m, .d = d, .failed = zi_xcalloc(r->nunits + 1, 1)};
	/* what the scorer says is not the report's (NULL): only whether it scored */
	zi_scorer_each(sc, ids, r->nunits, ZI_LAYER_AUTO, ZI_SCORER_ANSWERED, 0, score_take,
		       score_warn, &j, NULL);
	free(j.failed);
	free(ids);
	zi_scorer_free(sc);
	zi_model_free(m);
	zi_diag_release(&local);
}

/* A survey file of the year: the mean of the element means of the responses
 * dated on or before end (0-4 scale), and the respondents counted. */
static int survey_value(struct zi_store *st, const struct zi_schema *s, int year, const char *unit,
			const char *kind, const char *end, double *value, unsigned long *n,
			struct zi_diag *d)
{
	enum zi_survey_kind k = ZI_SURVEY_IKM;
	zi_survey_kind_parse(kind, &k);
	char *rel = zi_records_rel_kind("survey", unit, year, zi_survey_kind_name(k), NULL);
	char *path = zi_store_path(st, rel);
	int there = zi_store_check(st, rel, d);
	free(rel);
	*n = 0;
	if (there) {
		free(path);
		return there > 0 ? 0 : there;
	}
	/* read as zi-eval reads it: IPAK and IPKP files have any number of
	 * elements u1..uN, not the nine of the IKM schema */
	struct zi_survey sv;
	zi_survey_init(&sv, k, 0);
	snprintf(sv.until, sizeof(sv.until), "%s", end);
	struct zi_csv_opts o = {.delimiter = ',', .encoding = ZI_ENC_UTF8, .records = 1};
	int rc = zi_survey_read(&sv, path, path, &o, d);
	free(path);
	*n = sv.n;
	if (!rc && sv.n && sv.nelem)
		*value = sv.value;
	zi_survey_release(&sv);
	return rc;
}

/* The records the whole programme shares, loaded once per report. */
struct gather_tables {
	struct zi_schema *us, *ss, *ds, *cs;
	struct zi_table units, stages, decls, complaints;
};

static void tables_release(struct gather_tables *g)
{
	if (g->us)
		zi_rep_unload(&g->units, g->us);
	if (g->ss)
		zi_rep_unload(&g->stages, g->ss);
	if (g->ds)
		zi_rep_unload(&g->decls, g->ds);
	if (g->cs)
		zi_rep_unload(&g->complaints, g->cs);
	memset(g, 0, sizeof(*g));
}

static int tables_load(struct zi_store *st, struct gather_tables *g, struct zi_diag *d)
{
	memset(g, 0, sizeof(*g));
	int rc = zi_rep_load(st, "units", &g->units, &g->us, d);
	if (!rc)
		rc = zi_rep_load(st, "stages", &g->stages, &g->ss, d);
	if (!rc)
		rc = zi_rep_load(st, "declarations", &g->decls, &g->ds, d);
	if (!rc)
		rc = zi_rep_load(st, "complaints", &g->complaints, &g->cs, d);
	if (rc)
		tables_release(g);
	return rc;
}

/* The report's own fields: the month, its end and the one before, the
 * instansi and model from zi.json, the months of the trend (the last one
 * ends at end, which is today for zi_rep_gather_today), the letterhead. */
static int gather_begin(struct zi_store *st, const char *month, const char *end,
			const char *prev_end, int detail, struct zi_report *r,
			char trend_end[ZI_TREND_MONTHS][11], struct zi_diag *d)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->month, sizeof(r->month), "%s", month);
	snprintf(r->month_end, sizeof(r->month_end), "%s", end);
	snprintf(r->prev_end, sizeof(r->prev_end), "%s", prev_end);
	r->year = atoi(end);
	r->detail = detail;
	r->c_oldest_open_days = -1;
	const char *inst = json_string_value(json_object_get(st->manifest, "instansi"));
	r->instansi = zi_xstrdup(inst ? inst : "");
	const char *model = json_string_value(json_object_get(st->manifest, "model"));
	r->model = zi_xstrdup(model ? model : ZI_MODEL_DEFAULT);
	for (int i = 0; i < ZI_TREND_MONTHS; i++) {
		zi_rep_month_shift(month, i - (ZI_TREND_MONTHS - 1), r->trend_months[i]);
		zi_rep_month_end(r->trend_months[i], trend_end[i]);
		if (i == ZI_TREND_MONTHS - 1)
			snprintf(trend_end[i], 11, "%s", end);
	}
	snprintf(r->signed_on, sizeof(r->signed_on), "%s", end);
	return zi_letterhead_load(st, &r->lh, d);
}

/* The units in the programme at the month's end, in units.csv's order (by
 * id), with where they stood then and at the end of the month before. */
static void gather_units(struct zi_report *r, const struct gather_tables *g, const char *end,
			 const char *prev_end)
{
	const struct zi_table *units = &g->units;
	r->units = zi_xcalloc(units->n + 1, sizeof(*r->units));
	for (size_t i = 0; i < units->n; i++) {
		if (!strcmp(zi_table_get(units, i, ZI_U_RETIRED), "true"))
			continue;
		const char *id = zi_table_get(units, i, ZI_U_ID);
		struct zi_stage_state now, before;
		if (!zi_unit_state_at(units, i, &g->stages, end, &now))
			continue; /* it joined after the month */
		zi_unit_state_at(units, i, &g->stages, prev_end, &before);
		struct zi_rep_unit *u = &r->units[r->nunits++];
		u->id = zi_xstrdup(id);
		u->name = zi_xstrdup(zi_table_get(units, i, ZI_U_NAME));
		u->short_name = zi_xstrdup(zi_table_get(units, i, ZI_U_SHORT));
		u->kind = zi_xstrdup(zi_table_get(units, i, ZI_U_KIND));
		u->target = zi_xstrdup(zi_table_get(units, i, ZI_U_TARGET));
		u->afirmasi = !strcmp(zi_table_get(units, i, ZI_U_AFIRMASI), "true");
		u->stage = zi_xstrdup(now.stage);
		u->prev_stage = zi_xstrdup(before.stage ? before.stage : "");
		u->building_since = zi_xstrdup(now.building);
		u->predicate = zi_xstrdup(now.predicate);
		u->first_declared = zi_xstrdup("");
		u->c_oldest_open_days = -1;
		for (int m = 0; m < ZI_TREND_MONTHS; m++)
			u->trend[m] = -1;
	}
}

/* Declarations: each unit's count and first date up to the month's end, the
 * ceremonies held in the month (by date, then id), the units declared by
 * each month's end. */
static void gather_decls(struct zi_report *r, const struct zi_table *decls, const char *month,
			 const char *end, const char *prev_end)
{
	r->decls = zi_xcalloc(decls->n + 1, sizeof(*r->decls));
	for (size_t i = 0; i < decls->n; i++) {
		const char *date = zi_table_get(decls, i, ZI_D_DATE);
		const char *unit = zi_table_get(decls, i, ZI_D_UNIT);
		if (strcmp(date, end) > 0)
			continue;
		long ui = zi_rep_unit_index(r, unit);
		if (ui >= 0) {
			struct zi_rep_unit *u = &r->units[ui];
			u->declarations++;
			if (!*u->first_declared || strcmp(date, u->first_declared) < 0) {
				free(u->first_declared);
				u->first_declared = zi_xstrdup(date);
			}
		}
		if (strncmp(date, month, 7))
			continue;
		struct zi_rep_decl *x = &r->decls[r->ndecls++];
		x->id = zi_xstrdup(zi_table_get(decls, i, ZI_D_ID));
		x->unit = zi_xstrdup(unit);
		x->date = zi_xstrdup(date);
		x->venue = zi_xstrdup(zi_table_get(decls, i, ZI_D_VENUE));
		x->head = zi_xstrdup(zi_table_get(decls, i, ZI_D_HEAD));
		x->redeclaration = !strcmp(zi_table_get(decls, i, ZI_D_REDECLARATION), "true");
	}
	/* by date, then id: the order of the ceremonies */
	for (size_t i = 1; i < r->ndecls; i++)
		for (size_t j = i; j > 0; j--) {
			struct zi_rep_decl *a = &r->decls[j - 1], *b = &r->decls[j];
			int c = strcmp(a->date, b->date);
			if (c < 0 || (c == 0 && strcmp(a->id, b->id) <= 0))
				break;
			struct zi_rep_decl t = *a;
			*a = *b;
			*b = t;
		}
	for (size_t i = 0; i < r->nunits; i++) {
		if (*r->units[i].first_declared)
			r->decl_total++;
		if (*r->units[i].first_declared && strcmp(r->units[i].first_declared, prev_end) <= 0)
			r->decl_total_prev++;
	}
}

/* Complaints: received and resolved in the month, open at its end and at
 * the end of the month before, the oldest open; the programme's and each
 * unit's. Only counts: no summary, no complainant. */
static void gather_complaints(struct zi_report *r, const struct zi_table *complaints,
			      const char *month, const char *end, const char *prev_end)
{
	long end_days = zi_date_days(end);
	for (size_t i = 0; i < complaints->n; i++) {
		const char *unit = zi_table_get(complaints, i, ZI_K_UNIT);
		const char *recv = zi_table_get(complaints, i, ZI_K_RECEIVED);
		const char *status = zi_table_get(complaints, i, ZI_K_STATUS);
		const char *res = zi_table_get(complaints, i, ZI_K_RESOLVED);
		long ui = zi_rep_unit_index(r, unit);
		struct zi_rep_unit *u = ui >= 0 ? &r->units[ui] : NULL;
		if (strcmp(recv, end) > 0)
			continue;
		int closed_end = (*res && strcmp(res, end) <= 0) ||
				 (!*res &&
				  (!strcmp(status, "selesai") || !strcmp(status, "ditolak")));
		int in_prev = strcmp(recv, prev_end) <= 0;
		int closed_prev = (*res && strcmp(res, prev_end) <= 0) ||
				  (!*res &&
				   (!strcmp(status, "selesai") || !strcmp(status, "ditolak")));
		unsigned long got = !strncmp(recv, month, 7);
		unsigned long solved = *res && !strncmp(res, month, 7);
		r->c_received += got;
		r->c_resolved += solved;
		if (u) {
			u->c_received += got;
			u->c_resolved += solved;
		}
		if (in_prev && !closed_prev) {
			r->c_open_prev++;
			if (u)
				u->c_open_prev++;
		}
		if (closed_end)
			continue;
		long age = end_days - zi_date_days(recv);
		r->c_open++;
		if (age > r->c_oldest_open_days)
			r->c_oldest_open_days = age;
		if (u) {
			u->c_open++;
			if (age > u->c_oldest_open_days)
				u->c_oldest_open_days = age;
		}
	}
}

/* The date of a unit's first pact up to end (NULL when none): who joined
 * after it and has none is a newcomer without a pact. */
static const char *first_pakta(const struct zi_coverage_set *cov, const char *end)
{
	const char *first = NULL;
	for (size_t j = 0; j < cov->sigs.n; j++) {
		const char *dt = zi_table_get(&cov->sigs, j, ZI_G_DATE);
		if (!strcmp(zi_table_get(&cov->sigs, j, ZI_G_DOC), "pakta") &&
		    strcmp(dt, end) <= 0 && (!first || strcmp(dt, first) < 0))
			first = dt;
	}
	return first;
}

/* One unit's coverage at the month's end (cov computed for end): counts and
 * percents, who is missing (with detail), people on the roster, duties
 * unknown. Returns how many on the roster joined after first_pact and have
 * not signed a pact. */
static unsigned long unit_coverage(struct zi_rep_unit *u, const struct zi_coverage_set *cov,
				   const char *end, const char *first_pact, int detail)
{
	unsigned long newcomers = 0;
	for (size_t k = 0; k < cov->n; k++) {
		const struct zi_coverage *c = &cov->docs[k];
		struct zi_rep_cov *rc_ = &u->cov[c->doc];
		rc_->required = c->required;
		rc_->signed_n = c->signed_n;
		rc_->percent = c->percent;
		if (c->doc == ZI_DOC_PAKTA && first_pact)
			for (size_t m = 0; m < c->nmissing; m++) {
				const char *key[1] = {c->missing[m].nip};
				long sr = zi_table_find(&cov->staff, key);
				if (sr >= 0 &&
				    strcmp(zi_table_get(&cov->staff, (size_t)sr, ZI_S_START),
					   first_pact) > 0)
					newcomers++;
			}
		if (detail && c->nmissing) {
			rc_->missing = zi_xcalloc(c->nmissing, sizeof(*rc_->missing));
			rc_->nmissing = c->nmissing;
			for (size_t m = 0; m < c->nmissing; m++) {
				rc_->missing[m].nip = zi_xstrdup(c->missing[m].nip);
				rc_->missing[m].name = zi_xstrdup(c->missing[m].name);
			}
		}
	}
	for (size_t s = 0; s < cov->staff.n; s++)
		u->staff += zi_staff_on_roster(&cov->staff, s, end);
	u->missing_people = count_people(cov);
	size_t nl, nc;
	zi_staff_duty_gaps(&cov->staff, end, &nl, &nc);
	u->no_lhkpn = nl;
	u->no_category = nc;
	if (nl || nc) {
		char *t = zi_xasprintf(_("the roster lacks lhkpn for %lu and category for %lu "
					 "of %lu people: who owes LHKPN or LHKASN is unknown"),
				       u->no_lhkpn, u->no_category, u->staff);
		add_stale(u, "roster-without-duties", t);
		free(t);
	}
	return newcomers;
}

/* Sums of required and signed documents at each trend month's end. */
struct trend_sums {
	unsigned long req[ZI_TREND_MONTHS][ZI_DOC_COUNT];
	unsigned long sig[ZI_TREND_MONTHS][ZI_DOC_COUNT];
};

/* One unit's coverage at the end of the month before and at each trend
 * month's end it was in the programme (recomputed from the same roster and
 * signatures), added to the programme's sums. */
static void unit_trend(struct zi_rep_unit *u, struct zi_coverage_set *cov,
		       const struct gather_tables *g, const char *end, const char *prev_end,
		       char trend_end[ZI_TREND_MONTHS][11], struct trend_sums *ts)
{
	zi_coverage_compute(cov, &cov->staff, &cov->sigs, u->id, prev_end, ZI_DOC_ALL);
	for (size_t k = 0; k < cov->n; k++)
		u->cov[cov->docs[k].doc].prev_percent = cov->docs[k].percent;
	for (int m = 0; m < ZI_TREND_MONTHS; m++) {
		struct zi_stage_state then;
		long ur = zi_unit_find(&g->units, u->id, NULL);
		if ((ur < 0 ||
		     !zi_unit_state_at(&g->units, (size_t)ur, &g->stages, trend_end[m], &then)) &&
		    strcmp(trend_end[m], end) != 0)
			continue;
		zi_coverage_compute(cov, &cov->staff, &cov->sigs, u->id, trend_end[m], ZI_DOC_ALL);
		unsigned long req = 0, sig = 0;
		for (size_t k = 0; k < cov->n; k++) {
			ts->req[m][cov->docs[k].doc] += cov->docs[k].required;
			ts->sig[m][cov->docs[k].doc] += cov->docs[k].signed_n;
			req += cov->docs[k].required;
			sig += cov->docs[k].signed_n;
		}
		u->trend[m] = req ? 100.0 * (double)sig / (double)req : -1; /* no data */
	}
}

/* One unit's surveys of the year (IKM, IPAK, IPKP) up to end. */
static void unit_surveys(struct zi_store *st, const struct zi_schema *svs, struct zi_report *r,
			 struct zi_rep_unit *u, const char *end, struct zi_diag *d)
{
	unsigned long n = 0;
	double v = 0;
	if (!survey_value(st, svs, r->year, u->id, "ikm", end, &v, &n, d) && n) {
		u->has_ikm = 1;
		u->ikm = v * 25.0;
		u->ikm_grade = zi_ikm_grade(u->ikm);
		u->ikm_respondents = n;
	}
	if (!survey_value(st, svs, r->year, u->id, "ipak", end, &v, &n, d) && n) {
		u->has_ipak = 1;
		u->ipak = v;
	}
	if (!survey_value(st, svs, r->year, u->id, "ipkp", end, &v, &n, d) && n) {
		u->has_ipkp = 1;
		u->ipkp = v;
	}
}

/* What a unit past a stage should have and has not: an LKE of the year
 * (pembangunan on), a roster (pencanangan on). */
static void unit_stale(struct zi_store *st, const struct zi_report *r, struct zi_rep_unit *u)
{
	int si = zi_stage_parse(u->stage);
	char *lke = zi_records_rel("lke-answers", u->id, r->year, NULL);
	char *lpath = zi_store_path(st, lke);
	if (si >= ZI_STAGE_PEMBANGUNAN && access(lpath, F_OK) != 0) {
		char *t = zi_xasprintf(_("no LKE evaluation recorded for %d"), r->year);
		add_stale(u, "no-evaluation", t);
		free(t);
	}
	free(lke);
	free(lpath);
	if (si >= ZI_STAGE_PENCANANGAN && u->staff == 0)
		add_stale(u, "no-roster", _("no staff on the roster at the month's end"));
}

/* Per unit, one unit's files at a time: roster and signatures, the trend,
 * surveys, what is stale; then the programme's trend. */
static int gather_per_unit(struct zi_store *st, struct zi_report *r, const struct gather_tables *g,
			   char trend_end[ZI_TREND_MONTHS][11], struct zi_diag *d)
{
	const char *end = r->month_end, *prev_end = r->prev_end;
	struct zi_schema *svs = zi_schema_get("survey", d);
	struct zi_coverage_set cov;
	int rc = zi_coverage_init(&cov, d);
	struct trend_sums *ts = zi_xcalloc(1, sizeof(*ts));
	for (size_t i = 0; !rc && i < r->nunits; i++) {
		struct zi_rep_unit *u = &r->units[i];
		rc = zi_coverage_unit(st, u->id, end, ZI_DOC_ALL, &cov, d);
		if (rc)
			break;
		const char *fp = first_pakta(&cov, end);
		unsigned long newcomers = unit_coverage(u, &cov, end, fp, r->detail);
		unit_trend(u, &cov, g, end, prev_end, trend_end, ts);
		if (newcomers) {
			char *t = zi_xasprintf(_("%lu staff joined after the pacts of %s and have "
						 "not "
						 "signed a new pact"),
					       newcomers, fp);
			add_stale(u, "roster-without-pacts", t);
			free(t);
		}
		if (svs)
			unit_surveys(st, svs, r, u, end, d);
		unit_stale(st, r, u);
	}
	for (int m = 0; m < ZI_TREND_MONTHS; m++)
		for (int k = 0; k < ZI_DOC_COUNT; k++)
			r->trend[m][k] = ts->req[m][k] ? 100.0 * (double)ts->sig[m][k] /
								 (double)ts->req[m][k]
						       : -1;
	free(ts);
	zi_coverage_release(&cov);
	zi_schema_free(svs);
	return rc;
}

/* The gathering itself: the state at end, the change since prev_end, the
 * trend over the months ending with month. */
static int gather(struct zi_store *st, const char *month, const char *end, const char *prev_end,
		  int detail, struct zi_report *r, struct zi_diag *d)
{
	char trend_end[ZI_TREND_MONTHS][11];
	int rc = gather_begin(st, month, end, prev_end, detail, r, trend_end, d);
	if (rc)
		return rc;
	struct gather_tables g;
	if ((rc = tables_load(st, &g, d)))
		return rc;
	gather_units(r, &g, end, prev_end);
	gather_decls(r, &g.decls, month, end, prev_end);
	gather_complaints(r, &g.complaints, month, end, prev_end);
	rc = gather_per_unit(st, r, &g, trend_end, d);
	if (!rc)
		gather_scores(st, r, d);
	tables_release(&g);
	return rc;
}

/* The rows of Tabel 5 (5/2024) for one unit toward pred, on the day of the
 * report. */
void zi_rep_prq_unit(const struct zi_prq_facts *f, const struct zi_report *r,
		     const struct zi_rep_unit *u, const char *pred, struct zi_prq_row *rows)
{
	struct zi_prq_unit pu = {
		.unit = u->id,
		.year = r->year,
		.predicate = pred,
		.building_since = u->building_since,
		.as_of = r->month_end,
		.lhkpn_required = u->cov[ZI_DOC_LHKPN].required,
		.lhkpn_signed = u->cov[ZI_DOC_LHKPN].signed_n,
		.lhkasn_required = u->cov[ZI_DOC_LHKASN].required,
		.lhkasn_signed = u->cov[ZI_DOC_LHKASN].signed_n,
	};
	zi_prq_check(f, &pu, rows);
}

/* Tabel 5 of every unit toward its target, from instansi.csv and
 * unit-years.csv. */
static int gather_prereq(struct zi_store *st, struct zi_report *r, struct zi_diag *d)
{
	struct zi_prq_facts f;
	int rc = zi_prq_load(st, &f, d);
	for (size_t i = 0; !rc && i < r->nunits; i++) {
		struct zi_rep_unit *u = &r->units[i];
		u->prq_pred = !strcmp(u->target, "WBBM") ? "WBBM" : "WBK";
		zi_rep_prq_unit(&f, r, u, u->prq_pred, u->prq);
		u->has_prq = 1;
	}
	zi_prq_release(&f);
	return rc;
}

int zi_report_gather(struct zi_store *st, const char *month, int detail, struct zi_report *r,
		     struct zi_diag *d)
{
	char end[11], prev[8], prev_end[11];
	zi_rep_month_end(month, end);
	zi_rep_month_shift(month, -1, prev);
	zi_rep_month_end(prev, prev_end);
	int rc = gather(st, month, end, prev_end, detail, r, d);
	return rc ? rc : gather_prereq(st, r, d);
}

void zi_report_release(struct zi_report *r)
{
	for (size_t i = 0; i < r->nunits; i++) {
		struct zi_rep_unit *u = &r->units[i];
		free(u->id);
		free(u->name);
		free(u->short_name);
		free(u->kind);
		free(u->target);
		free(u->stage);
		free(u->prev_stage);
		free(u->predicate);
		free(u->first_declared);
		free(u->building_since);
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			for (size_t m = 0; m < u->cov[k].nmissing; m++) {
				free(u->cov[k].missing[m].nip);
				free(u->cov[k].missing[m].name);
			}
			free(u->cov[k].missing);
		}
		for (size_t k = 0; k < u->nfailed_wbk; k++)
			free(u->failed_wbk[k].criterion);
		for (size_t k = 0; k < u->nfailed_wbbm; k++)
			free(u->failed_wbbm[k].criterion);
		free(u->failed_wbk);
		free(u->failed_wbbm);
		for (size_t k = 0; k < u->nstale; k++)
			free(u->stale[k]);
		free(u->stale);
	}
	free(r->units);
	for (size_t i = 0; i < r->ndecls; i++) {
		free(r->decls[i].id);
		free(r->decls[i].unit);
		free(r->decls[i].date);
		free(r->decls[i].venue);
		free(r->decls[i].head);
	}
	free(r->decls);
	free(r->instansi);
	free(r->model);
	zi_letterhead_release(&r->lh);
	memset(r, 0, sizeof(*r));
}

int zi_rep_gather_today(struct zi_store *st, int detail, int public, struct zi_report *r,
			struct zi_diag *d)
{
	char today[11], month[8], prev[8], prev_end[11];
	zi_today(today);
	snprintf(month, sizeof(month), "%.7s", today);
	zi_rep_month_shift(month, -1, prev);
	zi_rep_month_end(prev, prev_end);
	/* the public edition keeps no names at all */
	int rc = gather(st, month, today, prev_end, detail && !public, r, d);
	r->public = public;
	return rc;
}
