#include "report.h"
#include "fmt.h"
#include "summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "jsonio.h"
#include "model.h"
#include "pool.h"
#include "prereq.h"
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

static void month_shift(const char *month, int delta, char out[8])
{
	int y = atoi(month), m = atoi(month + 5);
	int idx = y * 12 + (m - 1) + delta;
	char t[32];
	snprintf(t, sizeof(t), "%04d-%02d", (idx / 12) % 10000, idx % 12 + 1);
	memcpy(out, t, 7);
	out[7] = 0;
}

static void month_end(const char *month, char out[11])
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
	month_shift(cur, -1, out);
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

static int load(struct zi_store *st, const char *rel, const char *schema, struct zi_table *t,
		struct zi_schema **sp, struct zi_diag *d)
{
	*sp = zi_schema_get(schema, d);
	if (!*sp)
		return ZI_EINTERNAL;
	zi_table_init(t, *sp);
	int rc = zi_store_check(st, rel, d);
	if (rc < 0)
		return rc;
	char *path = zi_store_path(st, rel);
	rc = zi_records_read(t, path, path, d);
	free(path);
	return rc;
}

static void unload(struct zi_table *t, struct zi_schema *s)
{
	zi_table_release(t);
	zi_schema_free(s);
}

static long unit_index(const struct zi_report *r, const char *id)
{
	size_t lo = 0, hi = r->nunits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->units[mid].id, id);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
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

/* Scoring the units of a report on the ordered pool: a scorer (fork) and a
 * score per worker; each unit's results go into its own zi_rep_unit, the
 * warning for a unit that cannot be scored is said in unit order. */
#define SCORE_THREADS 8

struct score_job {
	struct zi_store *st;
	struct zi_report *r;
	const struct zi_model *m;
	struct zi_scorer *sc[SCORE_THREADS];
	struct zi_score s[SCORE_THREADS];
	struct zi_diag local[SCORE_THREADS];
	unsigned char *failed; /* per unit: could not be scored */
	struct zi_diag *d;
};

static int score_work(void *ctx, unsigned w, size_t i)
{
	struct score_job *j = ctx;
	struct zi_rep_unit *u = &j->r->units[i];
	char *rel = zi_lke_file(u->id, j->r->year);
	struct zi_diag quiet;
	zi_diag_init(&quiet);
	/* anything but a regular file is the scorer's to refuse */
	int exists = zi_store_check(j->st, rel, &quiet) != 1;
	zi_diag_release(&quiet);
	free(rel);
	if (!exists)
		return 0;
	struct zi_score *s = &j->s[w];
	/* what the scorer says is not the report's: only whether it scored */
	zi_diag_release(&j->local[w]);
	zi_diag_init(&j->local[w]);
	if (zi_scorer_unit(j->sc[w], u->id, ZI_LAYER_AUTO, s, &j->local[w])) {
		j->failed[i] = 1;
		return 0;
	}
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

static int score_emit(void *ctx, size_t i)
{
	struct score_job *j = ctx;
	if (j->failed[i])
		zi_diag_warn(j->d, NULL, 0, NULL, "score-failed",
			     _("unit %s: the LKE answers of %d cannot be scored (see 'zi-eval score')"),
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
		zi_diag_warn(d, NULL, 0, NULL, "model-unavailable", _("cannot score: scores left out"));
		zi_diag_release(&local);
		zi_model_free(m);
		return;
	}
	/* the state at the month's end, whatever the day the report runs */
	zi_scorer_set_asof(sc, r->month_end);
	r->scores_available = 1;
	struct score_job *j = zi_xcalloc(1, sizeof(*j));
	j->st = st;
	j->r = r;
	j->m = m;
	j->d = d;
	j->sc[0] = sc;
	zi_score_init(&j->s[0], m);
	for (unsigned t = 0; t < SCORE_THREADS; t++)
		zi_diag_init(&j->local[t]);
	j->failed = zi_xcalloc(r->nunits + 1, 1);
	/* the forks are made here, before any scoring: a fork copies what the
	 * first scorer holds, which worker 0 changes as it scores */
	unsigned threads = zi_pool_threads(SCORE_THREADS);
	for (unsigned t = 1; t < threads; t++) {
		j->sc[t] = zi_scorer_fork(j->sc[0]);
		zi_score_init(&j->s[t], m);
	}
	zi_pool_run(r->nunits, threads, 64, score_work, score_emit, j);
	for (unsigned t = 0; t < SCORE_THREADS; t++) {
		if (j->sc[t])
			zi_score_release(&j->s[t]);
		if (t)
			zi_scorer_free(j->sc[t]);
		zi_diag_release(&j->local[t]);
	}
	free(j->failed);
	free(j);
	zi_scorer_free(sc);
	zi_model_free(m);
	zi_diag_release(&local);
}

/* A survey file of the year: the mean of the element means of the responses
 * dated on or before end (0-4 scale), and the respondents counted. */
static int survey_value(struct zi_store *st, const struct zi_schema *s, int year,
			const char *unit, const char *kind, const char *end, double *value,
			unsigned long *n, struct zi_diag *d)
{
	char *rel = zi_xasprintf("surveys/%d/%s-%s.csv", year, unit, kind);
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
	enum zi_survey_kind k = ZI_SURVEY_IKM;
	zi_survey_kind_parse(kind, &k);
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

/* The gathering itself: the state at end, the change since prev_end, the
 * trend over the months ending with month. */
static int gather(struct zi_store *st, const char *month, const char *end, const char *prev_end,
		  int detail, struct zi_report *r, struct zi_diag *d)
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
	r->model = zi_xstrdup(model ? model : "lke-2026");
	char trend_end[ZI_TREND_MONTHS][11];
	for (int i = 0; i < ZI_TREND_MONTHS; i++) {
		month_shift(month, i - (ZI_TREND_MONTHS - 1), r->trend_months[i]);
		month_end(r->trend_months[i], trend_end[i]);
		if (i == ZI_TREND_MONTHS - 1)
			snprintf(trend_end[i], 11, "%s", end);
	}

	struct zi_schema *us = NULL, *ss = NULL, *ds = NULL, *cs_ = NULL, *svs;
	struct zi_table units, stages, decls, compl;
	memset(&units, 0, sizeof(units));
	memset(&stages, 0, sizeof(stages));
	memset(&decls, 0, sizeof(decls));
	memset(&compl, 0, sizeof(compl));
	snprintf(r->signed_on, sizeof(r->signed_on), "%s", end);
	int rc = zi_letterhead_load(st, &r->lh, d);
	if (rc)
		return rc;
	rc = load(st, "units.csv", "units", &units, &us, d);
	if (!rc)
		rc = load(st, "stages.csv", "stages", &stages, &ss, d);
	if (!rc)
		rc = load(st, "declarations.csv", "declarations", &decls, &ds, d);
	if (!rc)
		rc = load(st, "complaints.csv", "complaints", &compl, &cs_, d);
	if (rc) {
		if (us)
			unload(&units, us);
		if (ss)
			unload(&stages, ss);
		if (ds)
			unload(&decls, ds);
		if (cs_)
			unload(&compl, cs_);
		return rc;
	}
	svs = zi_schema_get("survey", d);

	/* the units in the programme at the month's end */
	r->units = zi_xcalloc(units.n + 1, sizeof(*r->units));
	for (size_t i = 0; i < units.n; i++) {
		if (!strcmp(zi_table_get(&units, i, ZI_U_RETIRED), "true"))
			continue;
		const char *id = zi_table_get(&units, i, ZI_U_ID);
		struct zi_stage_state now, before;
		if (!zi_unit_state_at(&units, i, &stages, end, &now))
			continue; /* it joined after the month */
		zi_unit_state_at(&units, i, &stages, prev_end, &before);
		struct zi_rep_unit *u = &r->units[r->nunits++];
		u->id = zi_xstrdup(id);
		u->name = zi_xstrdup(zi_table_get(&units, i, ZI_U_NAME));
		u->short_name = zi_xstrdup(zi_table_get(&units, i, ZI_U_SHORT));
		u->kind = zi_xstrdup(zi_table_get(&units, i, ZI_U_KIND));
		u->target = zi_xstrdup(zi_table_get(&units, i, ZI_U_TARGET));
		u->afirmasi = !strcmp(zi_table_get(&units, i, ZI_U_AFIRMASI), "true");
		u->stage = zi_xstrdup(now.stage);
		u->prev_stage = zi_xstrdup(before.stage ? before.stage : "");
		u->building_since = zi_xstrdup(now.building);
		u->predicate = zi_xstrdup(now.predicate);
		u->first_declared = zi_xstrdup("");
		u->c_oldest_open_days = -1;
		for (int m = 0; m < ZI_TREND_MONTHS; m++)
			u->trend[m] = -1;
	}

	/* declarations */
	r->decls = zi_xcalloc(decls.n + 1, sizeof(*r->decls));
	for (size_t i = 0; i < decls.n; i++) {
		const char *date = zi_table_get(&decls, i, 2);
		const char *unit = zi_table_get(&decls, i, 1);
		if (strcmp(date, end) > 0)
			continue;
		long ui = unit_index(r, unit);
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
		x->id = zi_xstrdup(zi_table_get(&decls, i, 0));
		x->unit = zi_xstrdup(unit);
		x->date = zi_xstrdup(date);
		x->venue = zi_xstrdup(zi_table_get(&decls, i, 3));
		x->head = zi_xstrdup(zi_table_get(&decls, i, 4));
		x->redeclaration = !strcmp(zi_table_get(&decls, i, 8), "true");
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

	/* complaints */
	long end_days = zi_date_days(end);
	for (size_t i = 0; i < compl.n; i++) {
		const char *unit = zi_table_get(&compl, i, 1);
		const char *recv = zi_table_get(&compl, i, 2);
		const char *status = zi_table_get(&compl, i, 6);
		const char *res = zi_table_get(&compl, i, 7);
		long ui = unit_index(r, unit);
		struct zi_rep_unit *u = ui >= 0 ? &r->units[ui] : NULL;
		if (strcmp(recv, end) > 0)
			continue;
		int closed_end = (*res && strcmp(res, end) <= 0) ||
				 (!*res && (!strcmp(status, "selesai") || !strcmp(status, "ditolak")));
		int in_prev = strcmp(recv, prev_end) <= 0;
		int closed_prev = (*res && strcmp(res, prev_end) <= 0) ||
				  (!*res && (!strcmp(status, "selesai") || !strcmp(status, "ditolak")));
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

	/* per unit: roster and signatures, surveys, evaluation */
	struct zi_coverage_set cov;
	rc = zi_coverage_init(&cov, d);
	unsigned long treq[ZI_TREND_MONTHS][ZI_DOC_COUNT] = {{0}};
	unsigned long tsig[ZI_TREND_MONTHS][ZI_DOC_COUNT] = {{0}};
	for (size_t i = 0; !rc && i < r->nunits; i++) {
		struct zi_rep_unit *u = &r->units[i];
		rc = zi_coverage_unit(st, u->id, end, ZI_DOC_ALL, &cov, d);
		if (rc)
			break;
		/* who joined after the first pacts were signed, and has none */
		const char *first_pakta = NULL;
		for (size_t j = 0; j < cov.sigs.n; j++) {
			const char *dt = zi_table_get(&cov.sigs, j, ZI_G_DATE);
			if (!strcmp(zi_table_get(&cov.sigs, j, ZI_G_DOC), "pakta") &&
			    strcmp(dt, end) <= 0 && (!first_pakta || strcmp(dt, first_pakta) < 0))
				first_pakta = dt;
		}
		unsigned long newcomers = 0;
		for (size_t k = 0; k < cov.n; k++) {
			const struct zi_coverage *c = &cov.docs[k];
			struct zi_rep_cov *rc_ = &u->cov[c->doc];
			rc_->required = c->required;
			rc_->signed_n = c->signed_n;
			rc_->percent = c->percent;
			if (c->doc == ZI_DOC_PAKTA && first_pakta)
				for (size_t m = 0; m < c->nmissing; m++) {
					const char *key[1] = {c->missing[m].nip};
					long sr = zi_table_find(&cov.staff, key);
					if (sr >= 0 && strcmp(zi_table_get(&cov.staff, (size_t)sr, ZI_S_START),
							      first_pakta) > 0)
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
		for (size_t s = 0; s < cov.staff.n; s++)
			u->staff += zi_staff_on_roster(&cov.staff, s, end);
		u->missing_people = count_people(&cov);
		size_t nl, nc;
		zi_staff_duty_gaps(&cov.staff, end, &nl, &nc);
		u->no_lhkpn = nl;
		u->no_category = nc;
		if (nl || nc) {
			char *t = zi_xasprintf(_("the roster lacks lhkpn for %lu and category for %lu "
						 "of %lu people: who owes LHKPN or LHKASN is unknown"),
					       u->no_lhkpn, u->no_category, u->staff);
			add_stale(u, "roster-without-duties", t);
			free(t);
		}
		zi_coverage_compute(&cov, &cov.staff, &cov.sigs, u->id, prev_end, ZI_DOC_ALL);
		for (size_t k = 0; k < cov.n; k++)
			u->cov[cov.docs[k].doc].prev_percent = cov.docs[k].percent;
		for (int m = 0; m < ZI_TREND_MONTHS; m++) {
			struct zi_stage_state then;
			long ur = zi_unit_find(&units, u->id, NULL);
			if ((ur < 0 || !zi_unit_state_at(&units, (size_t)ur, &stages, trend_end[m], &then)) &&
			    strcmp(trend_end[m], end) != 0)
				continue;
			zi_coverage_compute(&cov, &cov.staff, &cov.sigs, u->id, trend_end[m],
					    ZI_DOC_ALL);
			unsigned long req = 0, sig = 0;
			for (size_t k = 0; k < cov.n; k++) {
				treq[m][cov.docs[k].doc] += cov.docs[k].required;
				tsig[m][cov.docs[k].doc] += cov.docs[k].signed_n;
				req += cov.docs[k].required;
				sig += cov.docs[k].signed_n;
			}
			u->trend[m] = req ? 100.0 * (double)sig / (double)req : -1; /* no data */
		}
		if (newcomers) {
			char *t = zi_xasprintf(_("%lu staff joined after the pacts of %s and have not "
						 "signed a new pact"),
					       newcomers, first_pakta);
			add_stale(u, "roster-without-pacts", t);
			free(t);
		}
		/* surveys of the year */
		if (svs) {
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
		/* an evaluation this year */
		int si = zi_stage_parse(u->stage);
		char *lke = zi_xasprintf("lke/%d/%s.csv", r->year, u->id);
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
	if (!rc)
		gather_scores(st, r, d);
	for (int m = 0; m < ZI_TREND_MONTHS; m++)
		for (int k = 0; k < ZI_DOC_COUNT; k++)
			r->trend[m][k] =
				treq[m][k] ? 100.0 * (double)tsig[m][k] / (double)treq[m][k] : -1;
	zi_coverage_release(&cov);
	zi_schema_free(svs);
	unload(&units, us);
	unload(&stages, ss);
	unload(&decls, ds);
	unload(&compl, cs_);
	return rc;
}

static void prq_unit(const struct zi_prq_facts *f, const struct zi_report *r,
		     const struct zi_rep_unit *u, const char *pred, struct zi_prq_row *rows);

/* Tabel 5 of every unit toward its target, from instansi.csv and
 * unit-years.csv. */
static int gather_prereq(struct zi_store *st, struct zi_report *r, struct zi_diag *d)
{
	struct zi_prq_facts f;
	int rc = zi_prq_load(st, &f, d);
	for (size_t i = 0; !rc && i < r->nunits; i++) {
		struct zi_rep_unit *u = &r->units[i];
		u->prq_pred = !strcmp(u->target, "WBBM") ? "WBBM" : "WBK";
		prq_unit(&f, r, u, u->prq_pred, u->prq);
		u->has_prq = 1;
	}
	zi_prq_release(&f);
	return rc;
}

int zi_report_gather(struct zi_store *st, const char *month, int detail, struct zi_report *r,
		     struct zi_diag *d)
{
	char end[11], prev[8], prev_end[11];
	month_end(month, end);
	month_shift(month, -1, prev);
	month_end(prev, prev_end);
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

/* Rendering helpers */

static void fmt2(char *out, size_t n, double v)
{
	snprintf(out, n, "%.2f", v);
	if (!strcmp(out, "-0.00"))
		snprintf(out, n, "0.00");
}

/* Human formats (text, Markdown, HTML) show numbers and dates the way the
 * report's language writes them (lib/fmt.c); CSV, JSON and SVG coordinates
 * keep fmt2 and ISO dates. */
static void hnum(char *out, size_t n, double v)
{
	zi_fmt_num(zi_fmt_lang(), v, 2, 0, out, n);
}

static void hint(char *out, size_t n, long v)
{
	zi_fmt_int(zi_fmt_lang(), v, out, n);
}

static void hdate(char *out, size_t n, const char *iso)
{
	zi_fmt_date_long(zi_fmt_lang(), iso, out, n);
}

static void hmonth(char *out, size_t n, const char *iso)
{
	zi_fmt_month_long(zi_fmt_lang(), iso, out, n);
}

/* A unit as people call it: its short name where there is one, else its
 * name; the id only where a reader must act on it (its own column). */
static const char *uname(const struct zi_rep_unit *u)
{
	return u->short_name && *u->short_name ? u->short_name : u->name;
}

static void add2(struct zi_buf *b, double v)
{
	char t[32];
	fmt2(t, sizeof(t), v);
	zi_buf_adds(b, t);
}

static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

/* A text table, columns aligned, numbers right-aligned where right[c]. */
struct ttable {
	size_t ncols, nrows;
	char **cells; /* row-major, row 0 the header */
	int right[16];
};

static void tt_init(struct ttable *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

static void tt_add(struct ttable *t, const char *const *vals)
{
	t->cells = zi_xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof(char *));
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = zi_xstrdup(vals[c] ? vals[c] : "");
	t->nrows++;
}

static void tt_free(struct ttable *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = 0;
}

/* Markdown passes HTML through: a unit named <script> must show as text, as
 * in the HTML report. A '|' would end a table cell, a line break the row. */
static void md_esc(struct zi_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			zi_buf_adds(b, "&amp;");
			break;
		case '<':
			zi_buf_adds(b, "&lt;");
			break;
		case '>':
			zi_buf_adds(b, "&gt;");
			break;
		case '|':
			zi_buf_adds(b, "\\|");
			break;
		case '\n':
			zi_buf_addc(b, ' ');
			break;
		default:
			zi_buf_addc(b, *s);
		}
	}
}

static char *md_strdup(const char *s)
{
	struct zi_buf b;
	zi_buf_init(&b);
	md_esc(&b, s);
	return b.data ? b.data : zi_xstrdup("");
}

static void tt_render(struct ttable *t, struct zi_buf *b, int md)
{
	size_t w[16] = {0};
	/* escaped first, so that the columns line up as shown */
	for (size_t i = 0; md && i < t->nrows * t->ncols; i++) {
		char *e = md_strdup(t->cells[i]);
		free(t->cells[i]);
		t->cells[i] = e;
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t x = width(t->cells[r * t->ncols + c]);
			if (x > w[c])
				w[c] = x;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		if (md)
			zi_buf_adds(b, "|");
		else
			zi_buf_adds(b, "  ");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];
			size_t pad = w[c] - width(v);
			int last = c + 1 == t->ncols;
			if (md)
				zi_buf_addc(b, ' ');
			if (t->right[c])
				for (size_t k = 0; k < pad; k++)
					zi_buf_addc(b, ' ');
			zi_buf_adds(b, v);
			if (!t->right[c] && (md || !last))
				for (size_t k = 0; k < pad; k++)
					zi_buf_addc(b, ' ');
			if (md)
				zi_buf_adds(b, " |");
			else if (!last)
				zi_buf_adds(b, "  ");
		}
		while (!md && b->len && b->data[b->len - 1] == ' ')
			b->len--;
		zi_buf_addc(b, '\n');
		if (md && r == 0) {
			zi_buf_adds(b, "|");
			for (size_t c = 0; c < t->ncols; c++) {
				zi_buf_adds(b, t->right[c] ? " " : " ");
				for (size_t k = 0; k < (w[c] > 3 ? w[c] : 3) - (t->right[c] ? 1 : 0); k++)
					zi_buf_addc(b, '-');
				zi_buf_adds(b, t->right[c] ? ": |" : " |");
			}
			zi_buf_addc(b, '\n');
		}
	}
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = 0;
}

static void html_esc(struct zi_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			zi_buf_adds(b, "&amp;");
			break;
		case '<':
			zi_buf_adds(b, "&lt;");
			break;
		case '>':
			zi_buf_adds(b, "&gt;");
			break;
		case '"':
			zi_buf_adds(b, "&quot;");
			break;
		case '\'':
			zi_buf_adds(b, "&#39;");
			break;
		default:
			zi_buf_addc(b, *s);
		}
	}
}

/* An HTML table with the same cells as the text one. */
static void tt_html(struct ttable *t, struct zi_buf *b)
{
	zi_buf_adds(b, "<table>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		zi_buf_adds(b, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *tag = r == 0 ? "th" : "td";
			zi_buf_printf(b, "<%s%s>", tag, t->right[c] ? " class=\"n\"" : "");
			html_esc(b, t->cells[r * t->ncols + c]);
			zi_buf_printf(b, "</%s>", tag);
		}
		zi_buf_adds(b, "</tr>\n");
	}
	zi_buf_adds(b, "</table>\n");
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = 0;
}

enum out_kind { OUT_TEXT, OUT_MD, OUT_HTML };

struct out {
	enum out_kind kind;
	struct zi_buf *b;
};

static void heading(struct out *o, int level, const char *text)
{
	switch (o->kind) {
	case OUT_TEXT:
		zi_buf_printf(o->b, "\n%s\n", text);
		for (size_t i = 0, n = width(text); i < n; i++)
			zi_buf_addc(o->b, level == 1 ? '=' : '-');
		zi_buf_addc(o->b, '\n');
		break;
	case OUT_MD:
		zi_buf_printf(o->b, "\n%.*s ", level, "###");
		md_esc(o->b, text);
		zi_buf_adds(o->b, "\n\n");
		break;
	case OUT_HTML:
		zi_buf_printf(o->b, "<h%d>", level);
		html_esc(o->b, text);
		zi_buf_printf(o->b, "</h%d>\n", level);
		break;
	}
}

static void para(struct out *o, const char *text)
{
	switch (o->kind) {
	case OUT_TEXT:
		zi_buf_printf(o->b, "%s\n", text);
		break;
	case OUT_MD:
		md_esc(o->b, text);
		zi_buf_adds(o->b, "\n\n");
		break;
	case OUT_HTML:
		zi_buf_adds(o->b, "<p>");
		html_esc(o->b, text);
		zi_buf_adds(o->b, "</p>\n");
		break;
	}
}

static void table_out(struct out *o, struct ttable *t)
{
	if (t->nrows <= 1) {
		for (size_t i = 0; i < t->nrows * t->ncols; i++)
			free(t->cells[i]);
		free(t->cells);
		t->cells = NULL;
		t->nrows = 0;
		para(o, _("(none)"));
		return;
	}
	if (o->kind == OUT_HTML)
		tt_html(t, o->b);
	else {
		tt_render(t, o->b, o->kind == OUT_MD);
		if (o->kind == OUT_MD)
			zi_buf_addc(o->b, '\n');
	}
}

static const char *doc_label(int k)
{
	static const char *const labels[ZI_DOC_COUNT] = {N_("pact"), N_("gratification"),
							 N_("LHKPN"), N_("LHKASN"),
							 N_("conflict of interest")};
	return _(labels[k]);
}

static void pct(char *out, size_t n, const struct zi_rep_cov *c)
{
	if (!c->required || isnan(c->percent))
		snprintf(out, n, "-");
	else
		hnum(out, n, c->percent);
}

/* The mean of the percents that have data (NAN when none has): no data is
 * neither 0 nor 100 in an average. */
static double mean_known(const double *v, int n)
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

static void delta(char *out, size_t n, double now, double before)
{
	double dv = now - before;
	if (fabs(dv) < 0.005)
		snprintf(out, n, "=");
	else
		zi_fmt_num(zi_fmt_lang(), dv, 2, 1, out, n);
}

/* SVG charts: drawn in a fixed coordinate space, so the same data gives the
 * same bytes. */
static const char *const doc_colors[ZI_DOC_COUNT] = {"#1f5f8b", "#3f8f5f", "#c07f1f", "#8f3f6f",
						     "#5f5f5f"};

static void svg_coverage(const struct zi_report *r, struct zi_buf *b)
{
	size_t n = r->nunits;
	int label_w = 190, bar_w = 420, row_h = 26;
	int h = 40 + (int)n * row_h;
	zi_buf_printf(b, "<svg class=\"chart\" id=\"chart-coverage\" xmlns=\"http://www.w3.org/2000/svg\" "
			 "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		      label_w + bar_w + 60, h, label_w + bar_w + 60, h);
	html_esc(b, _("Coverage per unit"));
	zi_buf_adds(b, "\">\n");
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		zi_buf_printf(b, "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
				 "<text x=\"%d\" y=\"15\" font-size=\"11\">",
			      label_w + k * 85, doc_colors[k], label_w + k * 85 + 14);
		html_esc(b, doc_label(k));
		zi_buf_adds(b, "</text>\n");
	}
	for (int p = 0; p <= 100; p += 25)
		zi_buf_printf(b, "<line x1=\"%d\" y1=\"24\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>"
				 "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%d%%</text>\n",
			      label_w + p * bar_w / 100, label_w + p * bar_w / 100, h - 12,
			      label_w + p * bar_w / 100, h - 2, p);
	for (size_t i = 0; i < n; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		int y = 28 + (int)i * row_h;
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">",
			      label_w - 6, y + 14);
		html_esc(b, uname(u));
		zi_buf_adds(b, "</text>\n");
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			if (!u->cov[k].required || isnan(u->cov[k].percent)) {
				/* no data: a dashed empty outline, never a bar of 0 or 100 */
				zi_buf_printf(b, "<rect class=\"nodata\" x=\"%d\" y=\"%d\" width=\"%d\" "
						 "height=\"4\" fill=\"none\" stroke=\"%s\" "
						 "stroke-dasharray=\"2,3\"><title>",
					      label_w, y + k * 5 + 2, bar_w, doc_colors[k]);
				html_esc(b, _("no data"));
				zi_buf_adds(b, "</title></rect>\n");
				continue;
			}
			char wv[32];
			fmt2(wv, sizeof(wv), u->cov[k].percent * bar_w / 100.0);
			zi_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"4\" fill=\"%s\"/>\n",
				      label_w, y + k * 4 + 2, wv, doc_colors[k]);
		}
	}
	zi_buf_adds(b, "</svg>\n");
}

static void svg_scores(const struct zi_report *r, struct zi_buf *b)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nunits; i++)
		n += r->units[i].has_score;
	int label_w = 190, bar_w = 420, row_h = 18;
	int h = 44 + (int)n * row_h;
	zi_buf_printf(b, "<svg class=\"chart\" id=\"chart-scores\" xmlns=\"http://www.w3.org/2000/svg\" "
			 "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		      label_w + bar_w + 60, h, label_w + bar_w + 60, h);
	html_esc(b, _("LKE score per unit"));
	zi_buf_adds(b, "\">\n");
	int x75 = label_w + 75 * bar_w / 100, x85 = label_w + 85 * bar_w / 100;
	zi_buf_printf(b, "<line x1=\"%d\" y1=\"18\" x2=\"%d\" y2=\"%d\" stroke=\"#c03030\" stroke-dasharray=\"4 2\"/>"
			 "<text x=\"%d\" y=\"14\" font-size=\"10\" text-anchor=\"middle\">WBK 75</text>\n",
		      x75, x75, h - 14, x75);
	zi_buf_printf(b, "<line x1=\"%d\" y1=\"18\" x2=\"%d\" y2=\"%d\" stroke=\"#2040a0\" stroke-dasharray=\"4 2\"/>"
			 "<text x=\"%d\" y=\"14\" font-size=\"10\" text-anchor=\"middle\">WBBM 85</text>\n",
		      x85, x85, h - 14, x85);
	for (int p = 0; p <= 100; p += 25)
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%d</text>\n",
			      label_w + p * bar_w / 100, h - 2, p);
	size_t row = 0;
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		if (!u->has_score)
			continue;
		int y = 22 + (int)row++ * row_h;
		char wv[32], tv[32];
		fmt2(wv, sizeof(wv), (u->total < 0 ? 0 : u->total) * bar_w / 100.0);
		hnum(tv, sizeof(tv), u->total);
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">",
			      label_w - 6, y + 11);
		html_esc(b, uname(u));
		zi_buf_printf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"12\" fill=\"%s\"/>"
				 "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>\n",
			      label_w, y + 1, wv, u->wbbm ? "#2040a0" : u->wbk ? "#3f8f5f" : "#999",
			      label_w + bar_w + 4, y + 11, tv);
	}
	zi_buf_adds(b, "</svg>\n");
}

static void svg_trend(const struct zi_report *r, struct zi_buf *b)
{
	int left = 40, w = 560, top = 24, h = 200;
	zi_buf_printf(b, "<svg class=\"chart\" id=\"chart-trend\" xmlns=\"http://www.w3.org/2000/svg\" "
			 "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		      left + w + 20, top + h + 30, left + w + 20, top + h + 30);
	html_esc(b, _("Coverage over the last 12 months"));
	zi_buf_adds(b, "\">\n");
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		zi_buf_printf(b, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>"
				 "<text x=\"%d\" y=\"13\" font-size=\"11\">",
			      left + k * 110, doc_colors[k], left + k * 110 + 14);
		html_esc(b, doc_label(k));
		zi_buf_adds(b, "</text>\n");
	}
	for (int p = 0; p <= 100; p += 25) {
		int y = top + h - p * h / 100;
		zi_buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
				 "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"end\">%d%%</text>\n",
			      left, y, left + w, y, left - 4, y + 3, p);
	}
	int step = w / (ZI_TREND_MONTHS - 1);
	for (int m = 0; m < ZI_TREND_MONTHS; m++)
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%s</text>\n",
			      left + m * step, top + h + 14, r->trend_months[m]);
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		struct zi_buf pts;
		zi_buf_init(&pts);
		for (int m = 0; m < ZI_TREND_MONTHS; m++) {
			if (r->trend[m][k] < 0)
				continue;
			char yv[32];
			fmt2(yv, sizeof(yv), top + h - r->trend[m][k] * h / 100.0);
			zi_buf_printf(&pts, "%s%d,%s", pts.len ? " " : "", left + m * step, yv);
		}
		if (pts.len)
			zi_buf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
				      doc_colors[k], pts.data);
		zi_buf_release(&pts);
	}
	zi_buf_adds(b, "</svg>\n");
}

static const char *html_style =
	"<style>\n"
	"body{font-family:\"DejaVu Sans\",Arial,sans-serif;font-size:13px;color:#222;max-width:60em;margin:1em auto;padding:0 1em}\n"
	"h1{font-size:20px;border-bottom:2px solid #1f5f8b}h2{font-size:16px;margin-top:1.6em;color:#1f5f8b}\n"
	"table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}\n"
	"th{background:#eef3f7}td.n,th.n{text-align:right}\n"
	".chart{display:block;margin:.5em 0;max-width:100%;height:auto}\n"
	".note{color:#666;font-size:12px}\n"
	"@media print{body{max-width:none;margin:0;font-size:10pt}h2{page-break-after:avoid}"
	"table,.chart{page-break-inside:avoid}a{color:inherit;text-decoration:none}}\n"
	"@page{size:A4;margin:15mm}\n"
	".logo{display:block;max-height:72px;margin:0 auto}\n"
	".signature{margin:2em 0 0 auto;width:22em;page-break-inside:avoid}\n"
	".signature .signer{margin-top:4em;font-weight:bold;text-decoration:underline}\n"
	"</style>\n";

/* The summary: sentences from the data (lib/summary.c), then one line per
 * unit that needs action. */
static void summary(const struct zi_report *r, struct out *o)
{
	struct zi_summary s;
	zi_summary_make(r, &s);
	heading(o, 2, _("Summary"));
	for (size_t i = 0; i < s.nfacts; i++)
		para(o, s.lines[i]);
	if (s.n > s.nfacts)
		para(o, _("Units that need action:"));
	for (size_t i = s.nfacts; i < s.n; i++) {
		if (o->kind == OUT_HTML) {
			para(o, s.lines[i]);
		} else {
			char *l = zi_xasprintf("- %s", s.lines[i]);
			para(o, l);
			free(l);
		}
	}
	zi_summary_release(&s);
}

/* The signature block: place and date, the signer's title, room to sign,
 * name and NIP; nothing when zi.json names no place and no signer. */
static void signature(const struct zi_report *r, struct out *o)
{
	const struct zi_letterhead *lh = &r->lh;
	if (!zi_letterhead_signed(lh))
		return;
	char on[64], line[512];
	hdate(on, sizeof(on), r->signed_on);
	const char *lines[4] = {NULL, lh->signer_title, lh->signer_name, NULL};
	snprintf(line, sizeof(line), "%s%s%s", lh->place, *lh->place ? ", " : "", on);
	lines[0] = line;
	char nip[64] = "";
	if (*lh->signer_nip)
		snprintf(nip, sizeof(nip), "%s %s", _("NIP"), lh->signer_nip);
	lines[3] = nip;
	if (o->kind == OUT_HTML) {
		zi_buf_adds(o->b, "<div class=\"signature\">\n");
		for (int i = 0; i < 4; i++) {
			if (!*lines[i])
				continue;
			zi_buf_adds(o->b, i == 2 ? "<p class=\"signer\">" : "<p>");
			html_esc(o->b, lines[i]);
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
		zi_buf_printf(o->b, o->kind == OUT_MD ? "%s  \n" : "%s\n", lines[i]);
	}
}

/* The document in text, Markdown or HTML: one walk, three dialects. */
static const char *kategori(const struct zi_rep_unit *u, const char *pred);
static char *prq_problem(const struct zi_prq_row *row, int year);

/* Tabel 5 of 5/2024: per unit, how many rows are met and what is not. */
static void render_prereq(const struct zi_report *r, struct out *o)
{
	char title[256];
	snprintf(title, sizeof(title), _("Proposal prerequisites %d (PermenPAN-RB 5/2024, Tabel 5)"),
		 r->year);
	heading(o, 2, title);
	struct ttable t;
	tt_init(&t, 4);
	t.right[2] = 1;
	const char *hdr[] = {_("unit"), _("toward"), _("met"), _("not met")};
	tt_add(&t, hdr);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		if (!u->has_prq)
			continue;
		int met = 0;
		for (int k = 0; k < ZI_PRQ_COUNT; k++)
			met += u->prq[k].status == ZI_PRQ_MET;
		char n[32];
		snprintf(n, sizeof(n), "%d/%d", met, ZI_PRQ_COUNT);
		const char *kat = kategori(u, u->prq_pred);
		int first = 1;
		for (int k = 0; k < ZI_PRQ_COUNT; k++) {
			if (u->prq[k].status == ZI_PRQ_MET)
				continue;
			char *p = prq_problem(&u->prq[k], r->year);
			const char *row[] = {first ? u->id : "", first ? kat : "", first ? n : "", p};
			tt_add(&t, row);
			free(p);
			first = 0;
		}
		if (first) {
			const char *row[] = {u->id, kat, n, ""};
			tt_add(&t, row);
		}
	}
	table_out(o, &t);
}

static void render_doc(const struct zi_report *r, struct out *o)
{
	struct zi_buf *b = o->b;
	char title[512], mlong[64], endlong[64], prevlong[64];
	hmonth(mlong, sizeof(mlong), r->month);
	hdate(endlong, sizeof(endlong), r->month_end);
	hdate(prevlong, sizeof(prevlong), r->prev_end);
	snprintf(title, sizeof(title), _("Zona Integritas monthly report %s"), mlong);
	if (o->kind == OUT_HTML) {
		zi_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"");
		zi_buf_adds(b, _("en"));
		zi_buf_adds(b, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
		html_esc(b, title);
		zi_buf_adds(b, "</title>\n");
		zi_buf_adds(b, html_style);
		zi_buf_adds(b, "</head>\n<body>\n");
		if (r->lh.logo_uri) {
			zi_buf_adds(b, "<img class=\"logo\" src=\"");
			html_esc(b, r->lh.logo_uri);
			zi_buf_adds(b, "\" alt=\"");
			html_esc(b, _("logo"));
			zi_buf_adds(b, "\">\n");
		}
		heading(o, 1, title);
	} else if (o->kind == OUT_MD) {
		zi_buf_adds(b, "# ");
		md_esc(b, title);
		zi_buf_addc(b, '\n');
	} else {
		zi_buf_printf(b, "%s\n", title);
		for (size_t i = 0, n = width(title); i < n; i++)
			zi_buf_addc(b, '=');
		zi_buf_addc(b, '\n');
	}
	char line[1024];
	if (o->kind != OUT_TEXT)
		zi_buf_addc(b, '\n');
	if (*r->instansi)
		para(o, r->instansi);
	snprintf(line, sizeof(line), _("State at the end of %s (%s), with the change since %s."),
		 mlong, endlong, prevlong);
	para(o, line);
	summary(r, o);

	/* 1. units by stage */
	heading(o, 2, _("Units by stage"));
	struct ttable t;
	tt_init(&t, 3);
	t.right[1] = t.right[2] = 1;
	const char *hdr3[] = {_("stage"), _("units"), _("change")};
	tt_add(&t, hdr3);
	for (int s = 0; s < ZI_STAGE_COUNT; s++) {
		long now = 0, before = 0;
		for (size_t i = 0; i < r->nunits; i++) {
			now += !strcmp(r->units[i].stage, zi_stage_names[s]);
			before += !strcmp(r->units[i].prev_stage, zi_stage_names[s]);
		}
		char a[32], c[32];
		hint(a, sizeof(a), now);
		if (now == before)
			snprintf(c, sizeof(c), "=");
		else
			snprintf(c, sizeof(c), "%+ld", now - before);
		const char *row[] = {zi_stage_names[s], a, c};
		tt_add(&t, row);
	}
	table_out(o, &t);
	unsigned long wbk = 0, wbbm = 0;
	for (size_t i = 0; i < r->nunits; i++) {
		wbk += !strcmp(r->units[i].predicate, "WBK");
		wbbm += !strcmp(r->units[i].predicate, "WBBM");
	}
	snprintf(line, sizeof(line), _("%zu units in the programme; predicates held: WBK %lu, WBBM %lu."),
		 r->nunits, wbk, wbbm);
	para(o, line);

	/* 2. declarations */
	heading(o, 2, _("Declarations"));
	snprintf(line, sizeof(line),
		 _("%lu units have declared (%+ld this month); declarations held in %s: %zu."),
		 r->decl_total, (long)r->decl_total - (long)r->decl_total_prev, mlong, r->ndecls);
	para(o, line);
	tt_init(&t, 5);
	const char *hdr5[] = {_("date"), _("unit"), _("id"), _("venue"), _("re-declaration")};
	tt_add(&t, hdr5);
	for (size_t i = 0; i < r->ndecls; i++) {
		const struct zi_rep_decl *x = &r->decls[i];
		long ui = unit_index(r, x->unit);
		char dl[64];
		hdate(dl, sizeof(dl), x->date);
		const char *row[] = {dl, ui >= 0 ? uname(&r->units[ui]) : x->unit, x->id, x->venue,
				     x->redeclaration ? _("yes") : _("no")};
		tt_add(&t, row);
	}
	if (r->ndecls)
		table_out(o, &t);
	else
		tt_free(&t);

	/* 3. coverage */
	heading(o, 2, _("Pacts, gratification statements and wealth reports"));
	snprintf(line, sizeof(line),
		 _("Share of the staff on each unit's roster at %s who signed (or filed), "
		   "and the change since %s; '-' where nobody is concerned."),
		 endlong, prevlong);
	para(o, line);
	if (o->kind == OUT_HTML)
		svg_coverage(r, b);
	tt_init(&t, 10);
	for (int c = 2; c < 10; c++)
		t.right[c] = 1;
	const char *hdr8[] = {_("unit"),      _("id"),      _("staff"),   doc_label(0), doc_label(1),
			      doc_label(2),   doc_label(3), doc_label(4), _("missing"), _("change")};
	tt_add(&t, hdr8);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		char cells[ZI_DOC_COUNT][32], staff[32], miss[32], ch[32];
		double now[ZI_DOC_COUNT], before[ZI_DOC_COUNT];
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			pct(cells[k], sizeof(cells[k]), &u->cov[k]);
			now[k] = u->cov[k].percent;
			before[k] = u->cov[k].prev_percent;
		}
		hint(staff, sizeof(staff), (long)u->staff);
		/* people, not signatures */
		hint(miss, sizeof(miss), (long)u->missing_people);
		double mn = mean_known(now, ZI_DOC_COUNT), mb = mean_known(before, ZI_DOC_COUNT);
		if (isnan(mn) || isnan(mb))
			snprintf(ch, sizeof(ch), "-");
		else
			delta(ch, sizeof(ch), mn, mb);
		const char *row[] = {uname(u), u->id,    staff,    cells[0], cells[1],
				     cells[2], cells[3], cells[4], miss,     ch};
		tt_add(&t, row);
	}
	table_out(o, &t);
	if (r->detail) {
		heading(o, 3, _("Who is missing"));
		tt_init(&t, 5);
		const char *hdr[] = {_("unit"), _("id"), _("document"), _("NIP"), _("name")};
		tt_add(&t, hdr);
		for (size_t i = 0; i < r->nunits; i++)
			for (int k = 0; k < ZI_DOC_COUNT; k++)
				for (size_t m = 0; m < r->units[i].cov[k].nmissing; m++) {
					const struct zi_rep_missing *p = &r->units[i].cov[k].missing[m];
					const char *row[] = {uname(&r->units[i]), r->units[i].id,
							     doc_label(k), p->nip, p->name};
					tt_add(&t, row);
				}
		table_out(o, &t);
	}

	/* 4. LKE */
	snprintf(line, sizeof(line), _("LKE scores %d"), r->year);
	heading(o, 2, line);
	if (!r->scores_available) {
		para(o, _("Not available: the LKE model could not be loaded; the section is left "
			  "empty."));
	} else {
		if (o->kind == OUT_HTML)
			svg_scores(r, b);
		tt_init(&t, 6);
		t.right[1] = t.right[2] = t.right[3] = 1;
		const char *hdr[] = {_("unit"), _("total"), _("pengungkit"), _("hasil"), _("verdict"),
				     _("failed criteria")};
		tt_add(&t, hdr);
		for (size_t i = 0; i < r->nunits; i++) {
			const struct zi_rep_unit *u = &r->units[i];
			if (!u->has_score)
				continue;
			char tot[32], pg[32], hs[32];
			hnum(tot, sizeof(tot), u->total);
			hnum(pg, sizeof(pg), u->pengungkit);
			hnum(hs, sizeof(hs), u->hasil);
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
					hnum(fv, sizeof(fv), fl[k].value);
					hnum(fm, sizeof(fm), fl[k].min);
					zi_buf_printf(&f, " %s < %s", fv, fm);
				}
			}
			const char *row[] = {uname(u), tot, pg, hs,
					     u->wbbm ? "WBBM" : u->wbk ? "WBK" : _("not yet"),
					     f.data ? f.data : ""};
			tt_add(&t, row);
			zi_buf_release(&f);
		}
		table_out(o, &t);
	}

	/* 5. surveys */
	snprintf(line, sizeof(line), _("Surveys %d"), r->year);
	heading(o, 2, line);
	tt_init(&t, 6);
	t.right[1] = t.right[2] = t.right[4] = t.right[5] = 1;
	const char *hdrs[] = {_("unit"), _("respondents"), _("IKM"), _("grade"), _("IPAK"), _("IPKP")};
	tt_add(&t, hdrs);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		if (!u->has_ikm && !u->has_ipak && !u->has_ipkp)
			continue;
		char n[32] = "", ikm[32] = "", g[4] = "", ipak[32] = "", ipkp[32] = "";
		if (u->has_ikm) {
			hint(n, sizeof(n), (long)u->ikm_respondents);
			hnum(ikm, sizeof(ikm), u->ikm);
			g[0] = u->ikm_grade;
		}
		if (u->has_ipak)
			hnum(ipak, sizeof(ipak), u->ipak);
		if (u->has_ipkp)
			hnum(ipkp, sizeof(ipkp), u->ipkp);
		const char *row[] = {uname(u), n, ikm, g, ipak, ipkp};
		tt_add(&t, row);
	}
	table_out(o, &t);

	/* 6. complaints */
	heading(o, 2, _("Public complaints"));
	if (r->c_oldest_open_days >= 0)
		snprintf(line, sizeof(line),
			 _("Received %lu, resolved %lu in %s; open at the month's end %lu (%+ld), "
			   "the oldest open for %ld days."),
			 r->c_received, r->c_resolved, mlong, r->c_open,
			 (long)r->c_open - (long)r->c_open_prev, r->c_oldest_open_days);
	else
		snprintf(line, sizeof(line),
			 _("Received %lu, resolved %lu in %s; none open at the month's end (%+ld)."),
			 r->c_received, r->c_resolved, mlong, (long)r->c_open - (long)r->c_open_prev);
	para(o, line);
	tt_init(&t, 5);
	for (int c = 1; c < 5; c++)
		t.right[c] = 1;
	const char *hdrc[] = {_("unit"), _("received"), _("resolved"), _("open"), _("oldest open (days)")};
	tt_add(&t, hdrc);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		if (!u->c_received && !u->c_resolved && !u->c_open)
			continue;
		char a[32], bb[32], c[32], dd[32] = "";
		hint(a, sizeof(a), (long)u->c_received);
		hint(bb, sizeof(bb), (long)u->c_resolved);
		hint(c, sizeof(c), (long)u->c_open);
		if (u->c_oldest_open_days >= 0)
			hint(dd, sizeof(dd), u->c_oldest_open_days);
		const char *row[] = {uname(u), a, bb, c, dd};
		tt_add(&t, row);
	}
	table_out(o, &t);

	/* 7. stale */
	heading(o, 2, _("Stale records"));
	tt_init(&t, 3);
	const char *hdrst[] = {_("unit"), _("id"), _("why")};
	tt_add(&t, hdrst);
	for (size_t i = 0; i < r->nunits; i++)
		for (size_t k = 0; k + 1 < r->units[i].nstale; k += 2) {
			const char *row[] = {uname(&r->units[i]), r->units[i].id,
					     r->units[i].stale[k + 1]};
			tt_add(&t, row);
		}
	table_out(o, &t);

	/* 8. trend */
	heading(o, 2, _("Trend of the last 12 months"));
	if (o->kind == OUT_HTML)
		svg_trend(r, b);
	tt_init(&t, 6);
	for (int c = 1; c < 6; c++)
		t.right[c] = 1;
	const char *hdrt[] = {_("month"),    doc_label(0), doc_label(1),
			      doc_label(2), doc_label(3), doc_label(4)};
	tt_add(&t, hdrt);
	for (int m = 0; m < ZI_TREND_MONTHS; m++) {
		char v[ZI_DOC_COUNT][32];
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			if (r->trend[m][k] < 0)
				snprintf(v[k], sizeof(v[k]), "-");
			else
				hnum(v[k], sizeof(v[k]), r->trend[m][k]);
		}
		char ml[64];
		hmonth(ml, sizeof(ml), r->trend_months[m]);
		const char *row[] = {ml, v[0], v[1], v[2], v[3], v[4]};
		tt_add(&t, row);
	}
	table_out(o, &t);

	render_prereq(r, o);

	/* units */
	heading(o, 2, _("Units"));
	tt_init(&t, 5);
	const char *hdru[] = {_("unit"), _("name"), _("stage"), _("predicate"), _("declared")};
	tt_add(&t, hdru);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		char dl[64];
		hdate(dl, sizeof(dl), u->first_declared);
		const char *row[] = {u->id, u->name, u->stage, u->predicate, dl};
		tt_add(&t, row);
	}
	table_out(o, &t);
	signature(r, o);
	if (o->kind == OUT_HTML) {
		zi_buf_adds(b, "<p class=\"note\">");
		html_esc(b, _("Made by zi-report from the records; the same records give the same report."));
		zi_buf_adds(b, "</p>\n</body>\n</html>\n");
	}
}

/* NAN (no data) is null, never a number. */
static json_t *jreal(double v)
{
	return isnan(v) ? json_null() : zi_json_real(v, 2);
}

/* One unit's coverage of document k: unit (when given), doc, required, signed,
 * percent, percent_before (with before), missing (with missing). */
static json_t *coverage_json(const struct zi_rep_unit *u, int k, int with_unit, int before,
			     int missing)
{
	json_t *c = json_object();
	if (with_unit)
		json_object_set_new(c, "unit", json_string(u->id));
	json_object_set_new(c, "doc", json_string(zi_doc_names[k]));
	json_object_set_new(c, "required", json_integer((json_int_t)u->cov[k].required));
	json_object_set_new(c, "signed", json_integer((json_int_t)u->cov[k].signed_n));
	json_object_set_new(c, "percent", jreal(u->cov[k].percent));
	if (before)
		json_object_set_new(c, "percent_before", jreal(u->cov[k].prev_percent));
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

static json_t *prq_json(const struct zi_prq_row *rows);

static json_t *report_json(const struct zi_report *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "month", json_string(r->month));
	json_object_set_new(o, "month_end", json_string(r->month_end));
	json_object_set_new(o, "instansi", json_string(r->instansi));
	json_t *units = json_array(), *cov = json_array(), *scores = json_array(),
	       *surveys = json_array(), *stale = json_array();
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		json_t *x = json_object();
		json_object_set_new(x, "id", json_string(u->id));
		json_object_set_new(x, "name", json_string(u->name));
		json_object_set_new(x, "stage", json_string(u->stage));
		json_object_set_new(x, "predicate", *u->predicate ? json_string(u->predicate) : json_null());
		json_object_set_new(x, "stage_before", *u->prev_stage ? json_string(u->prev_stage) : json_null());
		json_object_set_new(x, "declared", *u->first_declared ? json_string(u->first_declared) : json_null());
		json_object_set_new(x, "staff", json_integer((json_int_t)u->staff));
		json_array_append_new(units, x);
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			json_array_append_new(cov, coverage_json(u, k, 1, 1, r->detail));
		}
		if (u->has_score) {
			json_t *s = json_object();
			json_object_set_new(s, "unit", json_string(u->id));
			json_object_set_new(s, "year", json_integer(r->year));
			json_object_set_new(s, "total", jreal(u->total));
			json_object_set_new(s, "pengungkit", jreal(u->pengungkit));
			json_object_set_new(s, "hasil", jreal(u->hasil));
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
					json_object_set_new(f, "value", isnan(fl[k].value) ? json_null() : jreal(fl[k].value));
					json_object_set_new(f, "min", isnan(fl[k].min) ? json_null() : jreal(fl[k].min));
					json_array_append_new(fa, f);
				}
				json_object_set_new(e, "failed", fa);
				json_object_set_new(v, p ? "WBBM" : "WBK", e);
			}
			json_object_set_new(s, "verdict", v);
			json_array_append_new(scores, s);
		}
		if (u->has_ikm) {
			json_t *s = json_object();
			json_object_set_new(s, "unit", json_string(u->id));
			json_object_set_new(s, "kind", json_string("ikm"));
			json_object_set_new(s, "value", jreal(u->ikm / 25.0));
			json_object_set_new(s, "ikm", jreal(u->ikm));
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
			json_object_set_new(s, "value", jreal(k ? u->ipkp : u->ipak));
			json_array_append_new(surveys, s);
		}
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
			    r->c_oldest_open_days >= 0 ? json_integer(r->c_oldest_open_days) : json_null());
	json_object_set_new(o, "complaints", c);
	json_object_set_new(o, "stale", stale);
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
		json_object_set_new(x, "kategori", json_string(kategori(u, u->prq_pred)));
		json_object_set_new(x, "afirmasi", json_boolean(u->afirmasi));
		json_object_set_new(x, "met", json_boolean(met == ZI_PRQ_COUNT));
		json_object_set_new(x, "rows", prq_json(u->prq));
		json_array_append_new(prq, x);
	}
	json_object_set_new(o, "prerequisites", prq);
	json_t *tr = json_array();
	for (int m = 0; m < ZI_TREND_MONTHS; m++) {
		json_t *x = json_object();
		json_object_set_new(x, "month", json_string(r->trend_months[m]));
		for (int k = 0; k < ZI_DOC_COUNT; k++)
			json_object_set_new(x, zi_doc_names[k],
					    r->trend[m][k] < 0 ? json_null() : jreal(r->trend[m][k]));
		json_array_append_new(tr, x);
	}
	json_object_set_new(o, "trend", tr);
	return o;
}

static void report_csv(const struct zi_report *r, struct zi_buf *b)
{
	zi_buf_adds(b, "unit,name,stage,predicate,declarations,pakta_percent,gratifikasi_percent,"
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
				add2(b, u->cov[k].percent);
		}
		zi_buf_addc(b, ',');
		if (u->has_score) {
			fmt2(v, sizeof(v), u->total);
			zi_buf_printf(b, "%s,%s,%s", v, u->wbk ? "true" : "false",
				      u->wbbm ? "true" : "false");
		} else {
			zi_buf_adds(b, ",,");
		}
		zi_buf_addc(b, ',');
		if (u->has_ikm) {
			add2(b, u->ikm);
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
			add2(b, u->cov[ZI_DOC_COI].percent);
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
	struct out o = {.b = out};
	if (!strcmp(format, "text"))
		o.kind = OUT_TEXT;
	else if (!strcmp(format, "md"))
		o.kind = OUT_MD;
	else if (!strcmp(format, "html"))
		o.kind = OUT_HTML;
	else
		return ZI_EUSAGE;
	render_doc(r, &o);
	return 0;
}

/* Readiness and one unit's file: the state today */

static int gather_today(struct zi_store *st, int detail, struct zi_report *r, struct zi_diag *d)
{
	char today[11], month[8], prev[8], prev_end[11];
	zi_today(today);
	snprintf(month, sizeof(month), "%.7s", today);
	month_shift(month, -1, prev);
	month_end(prev, prev_end);
	return gather(st, month, today, prev_end, detail, r, d);
}

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

/* The rows of Tabel 5 (5/2024) for one unit toward pred, on the day of the
 * report. */
static void prq_unit(const struct zi_prq_facts *f, const struct zi_report *r,
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

/* A failing row of Tabel 5 as a problem for people. */
static char *prq_problem(const struct zi_prq_row *row, int year)
{
	if (row->status == ZI_PRQ_NOT_RECORDED && row->has_value)
		return zi_xasprintf(_("%s: %s (at least %s; Tabel 5)"), zi_prq_label(row->which),
				    row->value, row->min);
	if (row->status == ZI_PRQ_NOT_RECORDED)
		return zi_xasprintf(_("%s: not recorded for %d (at least %s; Tabel 5)"),
				    zi_prq_label(row->which), year, row->min);
	return zi_xasprintf(_("%s: %s, at least %s (Tabel 5)"), zi_prq_label(row->which), row->value,
			    row->min);
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
		why_add(x, prq_problem(row, year));
	}
}

static json_t *prq_json(const struct zi_prq_row *rows)
{
	json_t *a = json_array();
	for (int k = 0; k < ZI_PRQ_COUNT; k++) {
		const struct zi_prq_row *row = &rows[k];
		json_t *o = json_object();
		json_object_set_new(o, "row", json_string(zi_prq_codes[k]));
		json_object_set_new(o, "level", json_string(k < ZI_PRQ_TLHP ? "instansi" : "unit"));
		json_object_set_new(o, "status", json_string(zi_prq_status_codes[row->status]));
		json_object_set_new(o, "value", row->has_value ? json_string(row->value) : json_null());
		json_object_set_new(o, "minimum", json_string(row->min));
		json_object_set_new(o, "ref", *row->ref ? json_string(row->ref) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

/* PortalRB's kategori of a unit toward pred. */
static const char *kategori(const struct zi_rep_unit *u, const char *pred)
{
	if (!strcmp(pred, "WBBM"))
		return "WBBM";
	return u->afirmasi ? "WBK-AFIRMASI" : "WBK";
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

int zi_report_readiness(struct zi_store *st, const char *predicate, const char *format,
			struct zi_buf *out, struct zi_diag *d)
{
	struct zi_report r;
	int rc = gather_today(st, 0, &r, d);
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
	for (size_t i = 0; i < r.nunits; i++) {
		const struct zi_rep_unit *u = &r.units[i];
		struct ready *x = &v[i];
		x->u = u;
		x->pred = predicate ? predicate : *u->target ? u->target : "WBK";
		int wbbm = !strcmp(x->pred, "WBBM");
		double cv[ZI_DOC_COUNT];
		if (!u->staff)
			why_add(x, zi_xasprintf(_("no roster on %s: coverage has no data"),
						r.month_end));
		/* the documents of the programme and of Tabel 5; the conflict-of-
		 * interest declaration (17/2024) is no proposal prerequisite */
		for (int k = 0; k < ZI_DOC_COI; k++) {
			cv[k] = u->cov[k].percent;
			if (isnan(cv[k]) && u->staff) { /* no data is not met */
				why_add(x, zi_xasprintf(_("%s coverage: no data (nobody on the roster "
							  "owes it)"),
							doc_label(k)));
			} else if (cv[k] < 100.0) {
				/* a sentence for people, in csv and json too: numbers as
				 * the language writes them */
				char pc[32];
				hnum(pc, sizeof(pc), u->cov[k].percent);
				why_add(x, zi_xasprintf(_("%s coverage %s%% is below 100%% (%lu of %lu)"),
							doc_label(k), pc, u->cov[k].signed_n,
							u->cov[k].required));
			}
		}
		if (u->no_lhkpn || u->no_category)
			why_add(x, zi_xasprintf(_("the roster lacks lhkpn for %lu and category for %lu "
						  "people: LHKPN/LHKASN compliance unknown"),
						u->no_lhkpn, u->no_category));
		x->closeness = mean_known(cv, ZI_DOC_COI);
		if (!*u->building_since) {
			why_add(x, zi_xasprintf(_("not yet in pembangunan (stage %s)"), u->stage));
		} else {
			char year[11];
			zi_date_plus_year(u->building_since, year);
			if (strcmp(year, r.month_end) > 0)
				why_add(x, zi_xasprintf(_("built since %s: a year of building ends %s"),
							u->building_since, year));
		}
		if (wbbm && strcmp(u->predicate, "WBK") && strcmp(u->predicate, "WBBM"))
			why_add(x, zi_xasprintf(_("WBBM needs WBK first (holds %s)"),
						*u->predicate ? u->predicate : _("none")));
		if (!u->has_score) {
			why_add(x, zi_xasprintf(_("no LKE score for %d"), r.year));
		} else {
			if (u->answered < u->questions)
				why_add(x, zi_xasprintf(_("LKE %d incomplete: answered %zu of %zu "
							  "(see 'zi-eval score')"),
							r.year, u->answered, u->questions));
			const struct zi_rep_failed *fl = wbbm ? u->failed_wbbm : u->failed_wbk;
			size_t nf = wbbm ? u->nfailed_wbbm : u->nfailed_wbk;
			for (size_t k = 0; k < nf; k++) {
				char fv[32], fm[32];
				hnum(fv, sizeof(fv), fl[k].value);
				hnum(fm, sizeof(fm), fl[k].min);
				why_add(x, isnan(fl[k].value)
						   ? zi_xasprintf("%s", fl[k].criterion)
						   : zi_xasprintf(_("%s %s below %s"), fl[k].criterion, fv,
								  fm));
			}
		}
		prq_unit(&facts, &r, u, x->pred, x->prq);
		prq_problems(x, r.year);
	}
	zi_prq_release(&facts);
	qsort(v, r.nunits, sizeof(*v), cmp_ready);
	if (!strcmp(format, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < r.nunits; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "unit", json_string(v[i].u->id));
			json_object_set_new(o, "predicate", json_string(v[i].pred));
			json_object_set_new(o, "kategori", json_string(kategori(v[i].u, v[i].pred)));
			json_object_set_new(o, "afirmasi", json_boolean(v[i].u->afirmasi));
			json_object_set_new(o, "eligible", json_boolean(v[i].nwhy == 0));
			json_object_set_new(o, "coverage", jreal(v[i].closeness));
			json_t *w = json_array();
			for (size_t k = 0; k < v[i].nwhy; k++)
				json_array_append_new(w, json_string(v[i].why[k]));
			json_object_set_new(o, "problems", w);
			json_object_set_new(o, "prerequisites", prq_json(v[i].prq));
			json_array_append_new(a, o);
		}
		zi_json_dump(a, out);
		json_decref(a);
	} else if (!strcmp(format, "csv")) {
		zi_buf_adds(out, "unit,predicate,eligible,coverage,problems,kategori\n");
		for (size_t i = 0; i < r.nunits; i++) {
			struct zi_buf w;
			zi_buf_init(&w);
			for (size_t k = 0; k < v[i].nwhy; k++)
				zi_buf_printf(&w, "%s%s", k ? "; " : "", v[i].why[k]);
			zi_csv_add_field_safe(out, v[i].u->id);
			zi_buf_printf(out, ",%s,%s,", v[i].pred, v[i].nwhy ? "false" : "true");
			if (!isnan(v[i].closeness))
				add2(out, v[i].closeness);
			zi_buf_addc(out, ',');
			zi_csv_add_field_safe(out, w.data ? w.data : "");
			zi_buf_printf(out, ",%s\n", kategori(v[i].u, v[i].pred));
			zi_buf_release(&w);
		}
	} else {
		struct out o = {.kind = !strcmp(format, "md") ? OUT_MD : OUT_TEXT, .b = out};
		char title[256], asof[64];
		hdate(asof, sizeof(asof), r.month_end);
		snprintf(title, sizeof(title), _("Readiness on %s"), asof);
		if (o.kind == OUT_MD) {
			zi_buf_adds(out, "# ");
			md_esc(out, title);
			zi_buf_adds(out, "\n\n");
		}
		else
			zi_buf_printf(out, "%s\n", title);
		struct ttable t;
		tt_init(&t, 6);
		t.right[4] = 1;
		const char *hdr[] = {_("unit"), _("id"), _("predicate"), _("ready"), _("coverage"),
				     _("what is missing")};
		tt_add(&t, hdr);
		for (size_t i = 0; i < r.nunits; i++) {
			char c[32];
			hnum(c, sizeof(c), v[i].closeness);
			char pred[48];
			snprintf(pred, sizeof(pred), v[i].u->afirmasi ? _("%s (afirmasi)") : "%s",
				 v[i].pred);
			for (size_t k = 0; k < (v[i].nwhy ? v[i].nwhy : 1); k++) {
				const char *row[] = {k ? "" : uname(v[i].u), k ? "" : v[i].u->id,
						     k ? "" : pred,
						     k ? "" : v[i].nwhy ? _("no") : _("yes"), k ? "" : c,
						     v[i].nwhy ? v[i].why[k] : ""};
				tt_add(&t, row);
			}
		}
		table_out(&o, &t);
	}
	for (size_t i = 0; i < r.nunits; i++) {
		for (size_t k = 0; k < v[i].nwhy; k++)
			free(v[i].why[k]);
		free(v[i].why);
	}
	free(v);
	zi_report_release(&r);
	return 0;
}

int zi_report_unit(struct zi_store *st, const char *unit, const char *format,
		   struct zi_buf *out, struct zi_diag *d)
{
	struct zi_report r;
	int rc = gather_today(st, 1, &r, d);
	if (rc) {
		zi_report_release(&r);
		return rc;
	}
	long ui = unit_index(&r, unit);
	if (ui < 0) {
		zi_diag_error(d, NULL, 0, NULL, "unit-unknown",
			      _("no unit '%s' in the programme (see 'zi-unit list')"), unit);
		zi_report_release(&r);
		return ZI_EDATA;
	}
	const struct zi_rep_unit *u = &r.units[ui];
	struct zi_schema *ss, *ds, *cs_;
	struct zi_table stages, decls, compl;
	rc = load(st, "stages.csv", "stages", &stages, &ss, d);
	if (!rc)
		rc = load(st, "declarations.csv", "declarations", &decls, &ds, d);
	if (!rc)
		rc = load(st, "complaints.csv", "complaints", &compl, &cs_, d);
	if (rc) {
		zi_report_release(&r);
		return rc;
	}
	/* in the order things happened */
	size_t *hist, nh = zi_stage_history(&stages, unit, &hist);
	if (!strcmp(format, "json")) {
		json_t *o = json_object();
		json_object_set_new(o, "unit", json_string(u->id));
		json_object_set_new(o, "name", json_string(u->name));
		json_object_set_new(o, "stage", json_string(u->stage));
		json_object_set_new(o, "predicate", *u->predicate ? json_string(u->predicate) : json_null());
		json_object_set_new(o, "as_of", json_string(r.month_end));
		json_t *h = json_array();
		for (size_t k = 0; k < nh; k++)
			json_array_append_new(h, zi_json_row(&stages, hist[k]));
		json_object_set_new(o, "stages", h);
		json_t *dl = json_array();
		for (size_t i = 0; i < decls.n; i++)
			if (!strcmp(zi_table_get(&decls, i, 1), unit))
				json_array_append_new(dl, zi_json_row(&decls, i));
		json_object_set_new(o, "declarations", dl);
		json_t *cv = json_array();
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			json_array_append_new(cv, coverage_json(u, k, 0, 0, 1));
		}
		json_object_set_new(o, "coverage", cv);
		if (u->has_ikm) {
			json_t *s = json_object();
			json_object_set_new(s, "year", json_integer(r.year));
			json_object_set_new(s, "ikm", jreal(u->ikm));
			char g[2] = {u->ikm_grade, 0};
			json_object_set_new(s, "grade", json_string(g));
			json_object_set_new(o, "ikm", s);
		}
		json_t *cl = json_array();
		for (size_t i = 0; i < compl.n; i++)
			if (!strcmp(zi_table_get(&compl, i, 1), unit))
				json_array_append_new(cl, zi_json_row(&compl, i));
		json_object_set_new(o, "complaints", cl);
		zi_json_dump(o, out);
		json_decref(o);
	} else {
		struct out o = {.kind = !strcmp(format, "md") ? OUT_MD : OUT_TEXT, .b = out};
		char title[512];
		snprintf(title, sizeof(title), "%s: %s", u->id, u->name);
		if (o.kind == OUT_MD) {
			zi_buf_adds(out, "# ");
			md_esc(out, title);
			zi_buf_adds(out, "\n\n");
		}
		else
			zi_buf_printf(out, "%s\n", title);
		char line[512], asof[64];
		hdate(asof, sizeof(asof), r.month_end);
		snprintf(line, sizeof(line), _("Stage %s, predicate %s, on %s."), u->stage,
			 *u->predicate ? u->predicate : _("none"), asof);
		para(&o, line);
		heading(&o, 2, _("Stage history"));
		struct ttable t;
		tt_init(&t, 4);
		const char *h1[] = {_("date"), _("stage"), _("ref"), _("note")};
		tt_add(&t, h1);
		for (size_t k = 0; k < nh; k++) {
			size_t i = hist[k];
			char dl[64];
			hdate(dl, sizeof(dl), zi_table_get(&stages, i, ZI_ST_DATE));
			const char *row[] = {dl,
					     zi_table_get(&stages, i, ZI_ST_STAGE),
					     zi_table_get(&stages, i, ZI_ST_REF),
					     zi_table_get(&stages, i, ZI_ST_NOTE)};
			tt_add(&t, row);
		}
		table_out(&o, &t);
		heading(&o, 2, _("Declarations"));
		tt_init(&t, 4);
		const char *h2[] = {_("date"), _("id"), _("venue"), _("witnesses")};
		tt_add(&t, h2);
		for (size_t i = 0; i < decls.n; i++)
			if (!strcmp(zi_table_get(&decls, i, 1), unit)) {
				char dl[64];
				hdate(dl, sizeof(dl), zi_table_get(&decls, i, 2));
				const char *row[] = {dl, zi_table_get(&decls, i, 0),
						     zi_table_get(&decls, i, 3), zi_table_get(&decls, i, 5)};
				tt_add(&t, row);
			}
		table_out(&o, &t);
		heading(&o, 2, _("Coverage"));
		tt_init(&t, 5);
		t.right[1] = t.right[2] = t.right[3] = 1;
		const char *h3[] = {_("document"), _("required"), _("signed"), _("percent"), _("missing")};
		tt_add(&t, h3);
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			char a[32], b2[32], c[32];
			hint(a, sizeof(a), (long)u->cov[k].required);
			hint(b2, sizeof(b2), (long)u->cov[k].signed_n);
			pct(c, sizeof(c), &u->cov[k]);
			struct zi_buf m;
			zi_buf_init(&m);
			for (size_t j = 0; j < u->cov[k].nmissing; j++)
				zi_buf_printf(&m, "%s%s %s", j ? ", " : "", u->cov[k].missing[j].nip,
					      u->cov[k].missing[j].name);
			const char *row[] = {doc_label(k), a, b2, c, m.data ? m.data : ""};
			tt_add(&t, row);
			zi_buf_release(&m);
		}
		table_out(&o, &t);
		snprintf(line, sizeof(line), _("Surveys %d"), r.year);
		heading(&o, 2, line);
		if (u->has_ikm) {
			char ikm[32], nr[32];
			hnum(ikm, sizeof(ikm), u->ikm);
			hint(nr, sizeof(nr), (long)u->ikm_respondents);
			snprintf(line, sizeof(line), _("IKM %s (grade %c) from %s respondents."), ikm,
				 u->ikm_grade, nr);
			para(&o, line);
		} else {
			para(&o, _("(none)"));
		}
		heading(&o, 2, _("Public complaints"));
		tt_init(&t, 5);
		const char *h4[] = {_("id"), _("received"), _("status"), _("resolved"), _("summary")};
		tt_add(&t, h4);
		for (size_t i = 0; i < compl.n; i++)
			if (!strcmp(zi_table_get(&compl, i, 1), unit)) {
				char rd[64], sd[64];
				hdate(rd, sizeof(rd), zi_table_get(&compl, i, 2));
				hdate(sd, sizeof(sd), zi_table_get(&compl, i, 7));
				const char *row[] = {zi_table_get(&compl, i, 0), rd,
						     zi_table_get(&compl, i, 6), sd,
						     zi_table_get(&compl, i, 5)};
				tt_add(&t, row);
			}
		table_out(&o, &t);
	}
	free(hist);
	unload(&stages, ss);
	unload(&decls, ds);
	unload(&compl, cs_);
	zi_report_release(&r);
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
	add2(b, v);
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
	if (r->detail) {
		b = &csv[n];
		names[n++] = "missing";
		zi_buf_adds(b, "unit,doc,nip,name\n");
		for (size_t i = 0; i < r->nunits; i++)
			for (int k = 0; k < ZI_DOC_COUNT; k++)
				for (size_t m = 0; m < r->units[i].cov[k].nmissing; m++) {
					const struct zi_rep_missing *x = &r->units[i].cov[k].missing[m];
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
				add2(b, r->trend[t][k]);
		}
		zi_buf_addc(b, '\n');
	}
	return n;
}
