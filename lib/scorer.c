/* Scoring units from the records directory: one unit at a time
 * (zi_scorer_unit), or every unit of a list on the pool (zi_scorer_each). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "complaint.h"
#include "jsonio.h"
#include "pool.h"
#include "records.h"
#include "scorer.h"
#include "sign.h"
#include "stages.h"
#include "survey.h"
#include "units.h"

struct ccount {
	const char *unit;
	struct zi_complaint_counts c;
};

struct zi_scorer {
	struct zi_store *st;
	const struct zi_model *m;
	int year;
	char asof[11]; /* the roster's date */
	int cutoff; /* asof set by the caller: nothing dated after it counts */
	struct zi_schema *lke_schema, *units_schema, *staff_schema, *sig_schema, *compl_schema;
	struct zi_schema *stages_schema;
	struct zi_table units, complaints, lke, staff, sigs;
	struct zi_table stages; /* for the predicate held on the date */
	const struct zi_table *unitsp; /* &units, or the caller's */
	struct ccount *cc;
	size_t ncc;
	int have_complaints; /* complaints.csv exists: no file is no data, not zero complaints */
	/* NIPs with an lhkpn / lhkasn record in the year, sorted */
	const char **filed[2];
	size_t nfiled[2], capfiled[2];
	struct zi_buf why;
	/* reading the answers: the file's bytes, a scratch buffer, what was
	 * said about the answers (kept until the file proved readable) */
	struct zi_buf raw, canon;
	struct zi_diag said;
	const struct zi_scorer *parent; /* a fork: the records above are the parent's */
};

static int cmp_cc(const void *a, const void *b)
{
	return strcmp(((const struct ccount *)a)->unit, ((const struct ccount *)b)->unit);
}

void zi_scorer_free(struct zi_scorer *sc)
{
	if (!sc)
		return;
	zi_table_release(&sc->lke);
	zi_table_release(&sc->staff);
	zi_table_release(&sc->sigs);
	free(sc->filed[0]);
	free(sc->filed[1]);
	zi_buf_release(&sc->why);
	zi_buf_release(&sc->raw);
	zi_buf_release(&sc->canon);
	zi_diag_release(&sc->said);
	if (sc->parent) {
		free(sc);
		return;
	}
	zi_table_release(&sc->units);
	zi_table_release(&sc->complaints);
	if (sc->stages_schema)
		zi_table_release(&sc->stages);
	zi_schema_free(sc->stages_schema);
	zi_schema_free(sc->lke_schema);
	zi_schema_free(sc->units_schema);
	zi_schema_free(sc->staff_schema);
	zi_schema_free(sc->sig_schema);
	zi_schema_free(sc->compl_schema);
	free(sc->cc);
	free(sc);
}

/* The roster of the year: its last day, or today while the year runs. */
static void default_asof(struct zi_scorer *sc)
{
	char today[11];
	zi_today(today);
	snprintf(sc->asof, sizeof(sc->asof), "%04d-12-31", sc->year);
	if (strcmp(today, sc->asof) < 0)
		memcpy(sc->asof, today, sizeof(sc->asof));
}

/* The complaints of the year per unit. With a cut-off date: only those
 * received on or before it, each in the state it had on that date. */
static void count_complaints(struct zi_scorer *sc)
{
	free(sc->cc);
	sc->cc = NULL;
	sc->ncc = 0;
	/* one pass: sort (unit, row) pairs by unit, count each run */
	size_t n = sc->complaints.n;
	struct ccount *tmp = zi_xcalloc(n + 1, sizeof(*tmp));
	for (size_t r = 0; r < n; r++) {
		tmp[r].unit = zi_table_get(&sc->complaints, r, ZI_K_UNIT);
		zi_complaint_add_row_asof(&sc->complaints, r, sc->year,
					  sc->cutoff ? sc->asof : NULL, &tmp[r].c);
	}
	qsort(tmp, n, sizeof(*tmp), cmp_cc);
	sc->cc = zi_xcalloc(n + 1, sizeof(*sc->cc));
	for (size_t r = 0; r < n; r++) {
		if (!sc->ncc || strcmp(sc->cc[sc->ncc - 1].unit, tmp[r].unit))
			sc->cc[sc->ncc++] = (struct ccount){tmp[r].unit, {0}};
		struct zi_complaint_counts *c = &sc->cc[sc->ncc - 1].c;
		c->to_follow_up += tmp[r].c.to_follow_up;
		c->in_process += tmp[r].c.in_process;
		c->resolved += tmp[r].c.resolved;
		c->rejected += tmp[r].c.rejected;
	}
	free(tmp);
}

struct zi_scorer *zi_scorer_new(struct zi_store *st, const struct zi_model *m, int year,
				struct zi_diag *d)
{
	return zi_scorer_new_units(st, m, year, NULL, d);
}

struct zi_scorer *zi_scorer_new_units(struct zi_store *st, const struct zi_model *m, int year,
				      const struct zi_table *units, struct zi_diag *d)
{
	struct zi_scorer *sc = zi_xcalloc(1, sizeof(*sc));
	sc->st = st;
	sc->m = m;
	sc->year = year;
	zi_buf_init(&sc->why);
	zi_buf_init(&sc->raw);
	zi_buf_init(&sc->canon);
	zi_diag_init(&sc->said);
	default_asof(sc);
	sc->lke_schema = zi_schema_get("lke-answers", d);
	sc->units_schema = zi_schema_get("units", d);
	sc->staff_schema = zi_schema_get("staff", d);
	sc->sig_schema = zi_schema_get("signatures", d);
	sc->compl_schema = zi_schema_get("complaints", d);
	if (!sc->lke_schema || !sc->units_schema || !sc->staff_schema || !sc->sig_schema ||
	    !sc->compl_schema) {
		zi_scorer_free(sc);
		return NULL;
	}
	zi_table_init(&sc->units, sc->units_schema);
	zi_table_init(&sc->complaints, sc->compl_schema);
	zi_table_init(&sc->lke, sc->lke_schema);
	zi_table_init(&sc->staff, sc->staff_schema);
	zi_table_init(&sc->sigs, sc->sig_schema);
	sc->unitsp = units ? units : &sc->units;
	sc->stages_schema = zi_schema_get("stages", d);
	if (!sc->stages_schema) {
		zi_scorer_free(sc);
		return NULL;
	}
	zi_table_init(&sc->stages, sc->stages_schema);
	if ((!units && zi_records_load(st, "units", NULL, &sc->units, d)) ||
	    zi_records_load(st, "stages", NULL, &sc->stages, d) ||
	    zi_records_load(st, "complaints", NULL, &sc->complaints, d)) {
		zi_scorer_free(sc);
		return NULL;
	}
	char *cp = zi_store_path(st, "complaints.csv");
	sc->have_complaints = access(cp, F_OK) == 0;
	free(cp);
	count_complaints(sc);
	return sc;
}

struct zi_scorer *zi_scorer_fork(const struct zi_scorer *sc)
{
	struct zi_scorer *f = zi_xcalloc(1, sizeof(*f));
	/* the read-only part by value: the records, the counts, the date */
	*f = *sc;
	f->parent = sc;
	zi_table_init(&f->lke, sc->lke_schema);
	zi_table_init(&f->staff, sc->staff_schema);
	zi_table_init(&f->sigs, sc->sig_schema);
	f->filed[0] = f->filed[1] = NULL;
	f->nfiled[0] = f->nfiled[1] = f->capfiled[0] = f->capfiled[1] = 0;
	zi_buf_init(&f->why);
	zi_buf_init(&f->raw);
	zi_buf_init(&f->canon);
	zi_diag_init(&f->said);
	return f;
}

void zi_scorer_set_asof(struct zi_scorer *sc, const char *date)
{
	if (!sc || sc->parent)
		return;
	if (date && *date) {
		snprintf(sc->asof, sizeof(sc->asof), "%.10s", date);
		sc->cutoff = 1;
	} else {
		default_asof(sc);
		sc->cutoff = 0;
	}
	count_complaints(sc);
}

const char *zi_scorer_asof(const struct zi_scorer *sc)
{
	return sc->asof;
}

static void add_filed(struct zi_scorer *sc, int k, const char *nip)
{
	if (sc->nfiled[k] && !strcmp(sc->filed[k][sc->nfiled[k] - 1], nip))
		return;
	if (sc->nfiled[k] == sc->capfiled[k]) {
		sc->capfiled[k] = sc->capfiled[k] ? sc->capfiled[k] * 2 : 64;
		sc->filed[k] = zi_xrealloc(sc->filed[k], sc->capfiled[k] * sizeof(char *));
	}
	sc->filed[k][sc->nfiled[k]++] = nip;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int has_filed(struct zi_scorer *sc, int k, const char *nip)
{
	return sc->nfiled[k] &&
	       bsearch(&nip, sc->filed[k], sc->nfiled[k], sizeof(char *), cmp_str) != NULL;
}

static int load_people(struct zi_scorer *sc, const char *unit, struct zi_diag *d)
{
	zi_table_release(&sc->staff);
	zi_table_release(&sc->sigs);
	sc->nfiled[0] = sc->nfiled[1] = 0;
	/* one thread's reader (zi_records_read): this runs on the pool, a unit
	 * to a thread */
	char *srel = zi_records_rel("staff", unit, 0, d);
	char *grel = zi_records_rel("signatures", unit, 0, d);
	if (!srel || !grel) {
		free(srel);
		free(grel);
		return ZI_EINTERNAL;
	}
	char *sp = zi_store_path(sc->st, srel), *gp = zi_store_path(sc->st, grel);
	int rc = zi_store_check(sc->st, srel, d);
	if (rc >= 0)
		rc = zi_store_check(sc->st, grel, d);
	rc = rc < 0 ? rc : zi_records_read(&sc->staff, sp, sp, d);
	if (!rc)
		rc = zi_records_read(&sc->sigs, gp, gp, d);
	free(srel);
	free(grel);
	free(sp);
	free(gp);
	if (rc)
		return rc;
	for (size_t r = 0; r < sc->sigs.n; r++) {
		const char *doc = zi_table_get(&sc->sigs, r, ZI_G_DOC);
		const char *date = zi_table_get(&sc->sigs, r, ZI_G_DATE);
		if (atoi(date) != sc->year || (sc->cutoff && strcmp(date, sc->asof) > 0))
			continue;
		if (!strcmp(doc, "lhkpn"))
			add_filed(sc, 0, zi_table_get(&sc->sigs, r, ZI_G_NIP));
		else if (!strcmp(doc, "lhkasn"))
			add_filed(sc, 1, zi_table_get(&sc->sigs, r, ZI_G_NIP));
	}
	for (int k = 0; k < 2; k++)
		if (sc->nfiled[k])
			qsort(sc->filed[k], sc->nfiled[k], sizeof(char *), cmp_str);
	return 0;
}

/* Counts from the roster on sc->asof. */
static unsigned long roster_count(struct zi_scorer *sc, const char *what)
{
	unsigned long n = 0;
	for (size_t r = 0; r < sc->staff.n; r++) {
		if (!zi_staff_on_roster(&sc->staff, r, sc->asof))
			continue;
		const char *cat = zi_table_get(&sc->staff, r, ZI_S_CATEGORY);
		int lhkpn = !strcmp(zi_table_get(&sc->staff, r, ZI_S_LHKPN), "true");
		const char *nip = zi_table_get(&sc->staff, r, ZI_S_NIP);
		int asn = !strcmp(cat, "eselon3") || !strcmp(cat, "eselon4") ||
			  !strcmp(cat, "fungsional") || !strcmp(cat, "pelaksana");
		if (!strcmp(what, "lhkpn-required-pimpinan"))
			n += lhkpn && !strcmp(cat, "pimpinan");
		else if (!strcmp(what, "lhkpn-required-other"))
			n += lhkpn && strcmp(cat, "pimpinan");
		else if (!strcmp(what, "lhkpn-filed"))
			n += lhkpn && has_filed(sc, 0, nip);
		else if (!strcmp(what, "lhkasn-required-eselon3"))
			n += !lhkpn && !strcmp(cat, "eselon3");
		else if (!strcmp(what, "lhkasn-required-eselon4"))
			n += !lhkpn && !strcmp(cat, "eselon4");
		else if (!strcmp(what, "lhkasn-required-fungsional-pelaksana"))
			n += !lhkpn && (!strcmp(cat, "fungsional") || !strcmp(cat, "pelaksana"));
		else if (!strcmp(what, "lhkasn-filed"))
			n += !lhkpn && asn && has_filed(sc, 1, nip);
	}
	return n;
}

static const char *roster_why(const char *what)
{
	if (!strcmp(what, "lhkpn-required-pimpinan"))
		return N_("unit heads (pimpinan) obliged to file an LHKPN");
	if (!strcmp(what, "lhkpn-required-other"))
		return N_("other staff obliged to file an LHKPN");
	if (!strcmp(what, "lhkpn-filed"))
		return N_("of those obliged, with an lhkpn record");
	if (!strcmp(what, "lhkasn-required-eselon3"))
		return N_("eselon III staff without LHKPN");
	if (!strcmp(what, "lhkasn-required-eselon4"))
		return N_("eselon IV staff without LHKPN");
	if (!strcmp(what, "lhkasn-required-fungsional-pelaksana"))
		return N_("fungsional and pelaksana staff without LHKPN");
	return N_("of those, with an lhkasn record");
}

/* A complaints-* source: the unit's count in complaints.csv; missing (not
 * 0 of 0, which would score as full) without a register. */
static int derive_complaints(struct zi_scorer *sc, const char *unit, size_t qi, const char *src,
			     struct zi_score *res)
{
	struct zi_buf *why = &sc->why;
	if (!sc->have_complaints) {
		zi_score_set_missing(res, qi,
				     _("no complaints.csv: the complaints register is missing"));
		return 0;
	}
	struct ccount key = {unit, {0}};
	struct ccount *at = sc->ncc ? bsearch(&key, sc->cc, sc->ncc, sizeof(*sc->cc), cmp_cc)
				    : NULL;
	struct zi_complaint_counts c = at ? at->c : (struct zi_complaint_counts){0};
	unsigned long v;
	if (!strcmp(src, "complaints-to-follow-up")) {
		v = c.to_follow_up;
		zi_buf_printf(why, _("complaints.csv: %lu received in %d, not rejected"), v,
			      sc->year);
	} else if (!strcmp(src, "complaints-in-process")) {
		v = c.in_process;
		zi_buf_printf(why, _("complaints.csv: %lu received in %d, still in process"), v,
			      sc->year);
	} else if (!strcmp(src, "complaints-resolved")) {
		v = c.resolved;
		zi_buf_printf(why, _("complaints.csv: %lu received in %d and resolved"), v,
			      sc->year);
	} else {
		return 0;
	}
	if (sc->cutoff)
		zi_buf_printf(why, _(" (as of %s)"), sc->asof);
	zi_score_set_derived(res, qi, (double)v, why->data);
	return 1;
}

/* An lhkpn-* or lhkasn-* source: a count of the roster (and of the
 * signatures); missing when there is no roster, or one without the duty
 * columns (zero of zero would score as full). */
static int derive_roster(struct zi_scorer *sc, const char *unit, size_t qi, const char *src,
			 struct zi_score *res, int *people_loaded, struct zi_diag *d)
{
	struct zi_buf *why = &sc->why;
	if (!*people_loaded) {
		if (load_people(sc, unit, d))
			return 0;
		*people_loaded = 1;
	}
	size_t no_lhkpn, no_cat;
	size_t on = zi_staff_duty_gaps(&sc->staff, sc->asof, &no_lhkpn, &no_cat);
	if (!on) {
		zi_buf_printf(why, _("no roster: staff/%s.csv has nobody on %s"), unit, sc->asof);
		zi_score_set_missing(res, qi, why->data);
		return 0;
	}
	if (no_lhkpn || no_cat) {
		zi_buf_printf(why,
			      _("staff/%s.csv on %s: %zu of %zu people without lhkpn, "
				"%zu without category (who owes LHKPN or LHKASN is "
				"unknown)"),
			      unit, sc->asof, no_lhkpn, on, no_cat);
		zi_score_set_missing(res, qi, why->data);
		return 0;
	}
	unsigned long v = roster_count(sc, src);
	int filed = strstr(src, "-filed") != NULL;
	zi_buf_printf(why, "%s/%s.csv %s %s: %lu %s", filed ? "signatures" : "staff", unit, _("on"),
		      sc->asof, v, _(roster_why(src)));
	if (filed)
		zi_buf_printf(why, _(" dated in %d"), sc->year);
	if (filed && sc->cutoff)
		zi_buf_printf(why, _(" (as of %s)"), sc->asof);
	zi_score_set_derived(res, qi, (double)v, why->data);
	return 1;
}

/* A survey-KIND source: the mean of the unit's survey of the year; missing
 * when there is none or it has no respondent. */
static int derive_survey(struct zi_scorer *sc, const char *unit, size_t qi, const char *src,
			 struct zi_score *res, struct zi_diag *d)
{
	struct zi_buf *why = &sc->why;
	enum zi_survey_kind k;
	if (zi_survey_kind_parse(src + 7, &k))
		return 0;
	char *rel = zi_records_rel_kind("survey", unit, sc->year, zi_survey_kind_name(k), NULL);
	char *path = zi_store_path(sc->st, rel);
	int done = 0;
	if (zi_store_check(sc->st, rel, d) == 0) {
		struct zi_survey s;
		zi_survey_init(&s, k, 0);
		if (sc->cutoff)
			snprintf(s.until, sizeof(s.until), "%s", sc->asof);
		struct zi_csv_opts o = {.delimiter = ',', .encoding = ZI_ENC_UTF8, .records = 1};
		if (zi_survey_read(&s, path, rel, &o, d) == 0 && s.n) {
			zi_buf_printf(why, _("%s: %lu respondents, mean of %zu element means"), rel,
				      s.n, s.nelem);
			if (sc->cutoff)
				zi_buf_printf(why, _(" (as of %s)"), sc->asof);
			zi_score_set_derived(res, qi, s.value, why->data);
			done = 1;
		}
		zi_survey_release(&s);
	}
	if (!done) {
		zi_buf_reset(why);
		zi_buf_printf(why, _("no survey: %s is missing or has no respondent"), rel);
		zi_score_set_missing(res, qi, why->data);
	}
	free(rel);
	free(path);
	return done;
}

/* Fills question qi from the records when the model names a source for it.
 * Returns 1 when it did. */
static int derive(struct zi_scorer *sc, const char *unit, size_t qi, struct zi_score *res,
		  int *people_loaded, struct zi_diag *d)
{
	const char *src = sc->m->q[qi].source;
	zi_buf_reset(&sc->why);
	if (!strcmp(src, "zero")) {
		zi_score_set_derived(res, qi, 0, _("none in this category (model rule)"));
		return 1;
	}
	if (!strncmp(src, "complaints-", 11))
		return derive_complaints(sc, unit, qi, src, res);
	if (!strncmp(src, "lhkpn-", 6) || !strncmp(src, "lhkasn-", 7))
		return derive_roster(sc, unit, qi, src, res, people_loaded, d);
	if (!strncmp(src, "survey-", 7))
		return derive_survey(sc, unit, qi, src, res, d);
	return 0;
}

/* One record of an lke file: its answer of the layer into the score. */
struct lke_take {
	struct zi_scorer *sc;
	struct zi_score *res;
	enum zi_layer layer;
	const char *file;
	int bad;
};

static void lke_row(void *ctx, unsigned long line, const char *const *v)
{
	struct lke_take *lt = ctx;
	const struct zi_model *m = lt->sc->m;
	long qi = zi_model_soal_index(m, v[ZI_A_SOAL]);
	if (qi < 0) {
		zi_diag_error(&lt->sc->said, lt->file, line, "soal_id", "soal-unknown",
			      _("soal %s is not a question of model %s"), v[ZI_A_SOAL], m->name);
		lt->bad = 1;
		return;
	}
	enum zi_vsrc src;
	const char *a = zi_layer_value(v, lt->layer, &src);
	if (!*a)
		return;
	struct zi_verr err;
	if (zi_score_take_raw(lt->res, (size_t)qi, a, src, &lt->sc->canon, &err)) {
		zi_diag_error(&lt->sc->said, lt->file, line, zi_vsrc_field(src), err.code, "%s",
			      err.msg);
		lt->bad = 1;
	}
}

int zi_scorer_unit(struct zi_scorer *sc, const char *unit, enum zi_layer layer,
		   struct zi_score *res, struct zi_diag *d)
{
	const struct zi_model *m = sc->m;
	zi_score_reset(res);
	snprintf(res->unit, sizeof(res->unit), "%s", unit);
	res->year = sc->year;
	res->layer = layer;
	long u = zi_unit_find(sc->unitsp, unit, NULL);
	struct zi_stage_state now;
	/* with a cut-off date: the predicate held then */
	if (u >= 0 && zi_unit_state_at(sc->unitsp, (size_t)u, &sc->stages,
				       sc->cutoff ? sc->asof : NULL, &now))
		snprintf(res->held, sizeof(res->held), "%s", now.predicate);
	/* the answers straight from the file into res, no table between */
	char *rel = zi_records_rel("lke-answers", unit, sc->year, NULL);
	char *path = zi_store_path(sc->st, rel);
	struct lke_take lt = {sc, res, layer, rel, 0};
	int rc = zi_store_check(sc->st, rel, d);
	if (rc >= 0)
		rc = zi_records_each(sc->lke_schema, path, rel, &sc->raw, lke_row, &lt, d);
	if (!rc) {
		/* as zi_score_take_answers says it, once the file read well */
		rc = lt.bad ? ZI_EDATA : 0;
		zi_diag_move(d, &sc->said);
	} else {
		/* a file that cannot be read gives no answers */
		memset(res->q, 0, m->nq * sizeof(*res->q));
		zi_diag_release(&sc->said);
		zi_diag_init(&sc->said);
	}
	free(path);
	free(rel);
	if (rc == ZI_EIO)
		return rc;
	int people = 0;
	for (size_t qi = 0; qi < m->nq; qi++)
		if (!res->q[qi].answer && m->q[qi].source)
			derive(sc, unit, qi, res, &people, d);
	int rc2 = zi_score_compute(res, d);
	return rc ? rc : rc2;
}

int zi_score_unit(struct zi_store *st, const struct zi_model *m, const char *unit, int year,
		  enum zi_layer layer, struct zi_score *res, struct zi_diag *d)
{
	struct zi_scorer *sc = zi_scorer_new(st, m, year, d);
	if (!sc)
		return ZI_EDATA;
	int rc = zi_scorer_unit(sc, unit, layer, res, d);
	zi_scorer_free(sc);
	return rc;
}

/* --- every unit on the pool --- */

#define EACH_THREADS 8

struct each {
	struct zi_scorer *sc[EACH_THREADS];
	struct zi_score s[EACH_THREADS];
	struct zi_diag said[ZI_SCORER_WINDOW]; /* per slot: what was said of the unit */
	const char *const *units;
	enum zi_layer layer;
	unsigned flags;
	zi_scored_fn scored;
	zi_scored_emit_fn emit;
	void *ctx;
	struct zi_diag *d;
	size_t emitted;
};

static int each_work(void *ctx, unsigned w, size_t i)
{
	struct each *e = ctx;
	struct zi_diag *said = &e->said[i % ZI_SCORER_WINDOW];
	zi_diag_release(said);
	zi_diag_init(said);
	if (e->flags & ZI_SCORER_ANSWERED) {
		char *rel = zi_records_rel("lke-answers", e->units[i], e->sc[0]->year, NULL);
		struct zi_diag quiet;
		zi_diag_init(&quiet);
		/* anything but a regular file is the scorer's to refuse */
		int absent = zi_store_check(e->sc[0]->st, rel, &quiet) == 1;
		zi_diag_release(&quiet);
		free(rel);
		if (absent)
			return e->scored(e->ctx, i, ZI_SCORER_NO_ANSWERS, NULL, said);
	}
	int rc = zi_scorer_unit(e->sc[w], e->units[i], e->layer, &e->s[w], said);
	return e->scored(e->ctx, i, rc, &e->s[w], said);
}

static int each_emit(void *ctx, size_t i)
{
	struct each *e = ctx;
	struct zi_diag *said = &e->said[i % ZI_SCORER_WINDOW];
	if (e->d)
		zi_diag_move(e->d, said);
	e->emitted = i + 1;
	return e->emit ? e->emit(e->ctx, i) : 0;
}

int zi_scorer_each(struct zi_scorer *sc, const char *const *units, size_t n, enum zi_layer layer,
		   unsigned flags, unsigned threads, zi_scored_fn scored, zi_scored_emit_fn emit,
		   void *ctx, struct zi_diag *d)
{
	struct each *e = zi_xcalloc(1, sizeof(*e));
	e->units = units;
	e->layer = layer;
	e->flags = flags;
	e->scored = scored;
	e->emit = emit;
	e->ctx = ctx;
	e->d = d;
	for (size_t k = 0; k < ZI_SCORER_WINDOW; k++)
		zi_diag_init(&e->said[k]);
	if (!threads || threads > EACH_THREADS)
		threads = zi_pool_threads(EACH_THREADS);
	/* the forks are made here, before any scoring: a fork copies what the
	 * first scorer holds, which worker 0 changes as it scores */
	e->sc[0] = sc;
	for (unsigned t = 0; t < threads; t++) {
		if (t)
			e->sc[t] = zi_scorer_fork(sc);
		zi_score_init(&e->s[t], sc->m);
	}
	int rc = zi_pool_run(n, threads, ZI_SCORER_WINDOW, each_work, each_emit, e);
	/* the unit that stopped the run (the one after the last emitted): what
	 * was said about it */
	if (rc && d && e->emitted < n)
		zi_diag_move(d, &e->said[e->emitted % ZI_SCORER_WINDOW]);
	for (unsigned t = 0; t < threads; t++) {
		zi_score_release(&e->s[t]);
		if (t)
			zi_scorer_free(e->sc[t]);
	}
	for (size_t k = 0; k < ZI_SCORER_WINDOW; k++)
		zi_diag_release(&e->said[k]);
	free(e);
	return rc;
}

/* --- rows of many units --- */

void zi_score_csv_header(const struct zi_model *m, struct zi_buf *b)
{
	zi_buf_adds(b, "unit,year,layer,total,pengungkit,pemenuhan,reform,hasil,answered");
	for (size_t p = 0; p < m->npred; p++)
		zi_buf_printf(b, ",%s", m->pred[p].name);
	zi_buf_addc(b, '\n');
}

void zi_score_csv_row(const struct zi_score *s, int year, enum zi_layer layer, struct zi_buf *b)
{
	zi_buf_printf(b, "%s,%d,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%zu", s->unit, year,
		      zi_layer_name(layer), s->total, s->pengungkit, s->pemenuhan, s->reform,
		      s->hasil, s->answered);
	for (size_t p = 0; p < s->nverdict; p++)
		zi_buf_adds(b, s->verdict[p].eligible ? ",true" : ",false");
	zi_buf_addc(b, '\n');
}

void zi_score_table_header(const struct zi_model *m, struct zi_buf *b)
{
	zi_buf_printf(b, "%-24s %8s %10s %7s %8s", _("unit"), _("total"), _("pengungkit"),
		      _("hasil"), _("answered"));
	for (size_t p = 0; p < m->npred; p++)
		zi_buf_printf(b, p + 1 < m->npred ? " %-5s" : " %s", m->pred[p].name);
	zi_buf_addc(b, '\n');
}

void zi_score_table_row(const struct zi_score *s, struct zi_buf *b)
{
	char ans[32];
	snprintf(ans, sizeof(ans), "%zu/%zu", s->answered, s->m->nq);
	zi_buf_printf(b, "%-24s %8.2f %10.2f %7.2f %8s", s->unit, s->total, s->pengungkit, s->hasil,
		      ans);
	for (size_t p = 0; p < s->nverdict; p++)
		zi_buf_printf(b, p + 1 < s->nverdict ? " %-5s" : " %s",
			      s->verdict[p].eligible ? _("yes") : _("no"));
	zi_buf_addc(b, '\n');
}

long zi_score_pred(const struct zi_model *m, const char *name)
{
	long p = -1;
	for (size_t i = 0; i < m->npred; i++)
		if (zi_strcaseeq(name, m->pred[i].name))
			p = (long)i;
	return p;
}

/* zi-eval score's output of each unit: made on the worker that scored it
 * (in its slot), written in unit order. */
struct score_job {
	const struct zi_score_out *o;
	zi_store_out_fn out;
	void *octx;
	struct zi_buf buf[ZI_SCORER_WINDOW];
	unsigned char data_bad[ZI_SCORER_WINDOW], unmet[ZI_SCORER_WINDOW];
	int any_bad, any_unmet;
};

static void score_line(const struct zi_score_out *o, const struct zi_score *s, struct zi_buf *b)
{
	if (o->json) {
		json_t *j = zi_score_json(s, o->explain);
		if (o->many)
			zi_json_dump_compact(j, b);
		else
			zi_json_dump(j, b);
		json_decref(j);
	} else if (o->csv) {
		zi_score_csv_row(s, o->year, o->layer, b);
	} else if (o->many && !o->explain) {
		zi_score_table_row(s, b);
	} else {
		zi_score_text(s, o->explain, b);
	}
}

static int score_one(void *ctx, size_t i, int r, const struct zi_score *s, struct zi_diag *d)
{
	struct score_job *j = ctx;
	const struct zi_score_out *o = j->o;
	size_t k = i % ZI_SCORER_WINDOW;
	zi_buf_reset(&j->buf[k]);
	j->data_bad[k] = j->unmet[k] = 0;
	if (r == ZI_EIO || r == ZI_EINTERNAL)
		return r;
	if (r)
		j->data_bad[k] = 1;
	if (o->reqp >= 0 && !s->verdict[o->reqp].eligible) {
		j->unmet[k] = 1;
		zi_diag_error(d, NULL, 0, NULL, "require-unmet",
			      _("%s does not meet %s (%zu criteria failed)"), o->list[i],
			      o->m->pred[o->reqp].name, s->verdict[o->reqp].nfailed);
	}
	score_line(o, s, &j->buf[k]);
	return 0;
}

/* Writes a string (NULL, or empty: nothing). */
static int score_put(struct score_job *j, const char *data, size_t len)
{
	return len ? j->out(j->octx, data, len) : 0;
}

static int score_emit(void *ctx, size_t i)
{
	struct score_job *j = ctx;
	const struct zi_score_out *o = j->o;
	size_t k = i % ZI_SCORER_WINDOW;
	j->any_bad |= j->data_bad[k];
	j->any_unmet |= j->unmet[k];
	int rc = 0;
	if (o->json && o->many)
		rc = score_put(j, i ? ",\n" : "\n", i ? 2 : 1);
	else if (!o->json && !o->csv && !(o->many && !o->explain) && i)
		rc = score_put(j, "\n", 1);
	return rc ? rc : score_put(j, j->buf[k].data, j->buf[k].len);
}

static int score_header(struct score_job *j)
{
	const struct zi_score_out *o = j->o;
	struct zi_buf b;
	zi_buf_init(&b);
	if (o->json && o->many)
		zi_buf_adds(&b, "[");
	if (o->csv)
		zi_score_csv_header(o->m, &b);
	else if (!o->json && o->many && !o->explain)
		zi_score_table_header(o->m, &b);
	int rc = score_put(j, b.data, b.len);
	zi_buf_release(&b);
	return rc;
}

int zi_score_write(struct zi_scorer *sc, const struct zi_score_out *o, size_t n,
		   zi_store_out_fn out, void *octx, struct zi_diag *d)
{
	struct score_job *j = zi_xcalloc(1, sizeof(*j));
	j->o = o;
	j->out = out;
	j->octx = octx;
	for (size_t k = 0; k < ZI_SCORER_WINDOW; k++)
		zi_buf_init(&j->buf[k]);
	int rc = score_header(j);
	if (!rc)
		rc = zi_scorer_each(sc, o->list, n, o->layer, 0, 0, score_one, score_emit, j, d);
	if (!rc && o->json && o->many)
		rc = score_put(j, "\n]\n", 3);
	for (size_t k = 0; k < ZI_SCORER_WINDOW; k++)
		zi_buf_release(&j->buf[k]);
	if (!rc && (j->any_bad || j->any_unmet))
		rc = ZI_EDATA;
	free(j);
	return rc;
}
