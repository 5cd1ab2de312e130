/* Scoring and verdicts: a unit's answers (struct zi_score) under an LKE
 * model (lib/model.c) give every question's score, the derived
 * percentages, every node, the parts, the total, and for each predicate of
 * the model (WBK, WBBM) the verdict naming every criterion failed. The
 * answers come from an lke table in one layer (unit, tpi, tpn, auto) or are
 * set one by one (lib/scorer.c derives counts from the records); the output
 * for people and programs is lib/explain.c. Missing data is never a pass: an
 * unanswered question or formula has no value, and the model's policy says
 * whether it is skipped or counts 0. */
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"

/* Scores are compared with their thresholds unrounded; this only absorbs the
 * last bit of binary noise (3.6 / 4 x 17.5 must meet 15.75). */
#define ZI_EPS 1e-9

static const char *const layer_names[] = {"auto", "unit", "tpi", "tpn"};

int zi_layer_parse(const char *s, enum zi_layer *out)
{
	for (int i = 0; i < 4; i++)
		if (zi_strcaseeq(s, layer_names[i])) {
			*out = (enum zi_layer)i;
			return 0;
		}
	return -1;
}

const char *zi_layer_name(enum zi_layer l)
{
	return layer_names[l];
}

/* Scores */
void zi_score_init(struct zi_score *s, const struct zi_model *m)
{
	memset(s, 0, sizeof(*s));
	s->m = m;
	s->q = zi_xcalloc(m->nq + 1, sizeof(*s->q));
	s->dv = zi_xcalloc(m->ndv + 1, sizeof(*s->dv));
	s->node = zi_xcalloc(m->nnodes + 1, sizeof(double));
	s->area = zi_xcalloc(m->nareas * 8 + 1, sizeof(double));
	s->verdict = zi_xcalloc(m->npred + 1, sizeof(*s->verdict));
	s->nverdict = m->npred;
	for (size_t p = 0; p < m->npred; p++) {
		size_t maxf = m->pred[p].ncrit + m->nareas * 8 + 1;
		s->verdict[p].failed = zi_xcalloc(maxf, sizeof(struct zi_failed));
	}
	zi_arena_init(&s->arena);
}

void zi_score_release(struct zi_score *s)
{
	for (size_t p = 0; p < s->nverdict; p++)
		free(s->verdict[p].failed);
	free(s->verdict);
	free(s->q);
	free(s->dv);
	free(s->node);
	free(s->area);
	zi_arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

void zi_score_reset(struct zi_score *s)
{
	const struct zi_model *m = s->m;
	memset(s->q, 0, m->nq * sizeof(*s->q));
	memset(s->dv, 0, m->ndv * sizeof(*s->dv));
	zi_arena_reset(&s->arena);
	s->unit[0] = 0;
	s->held[0] = 0;
	s->unanswered = s->derived = 0;
}

void zi_score_set_answer(struct zi_score *s, size_t qi, const char *canon, enum zi_vsrc src)
{
	struct zi_qscore *q = &s->q[qi];
	q->answer = zi_arena_strdup(&s->arena, canon);
	q->src = src;
	q->value = zi_model_answer_value(&s->m->q[qi], canon);
	q->why = NULL;
}

void zi_score_set_derived(struct zi_score *s, size_t qi, double value, const char *why)
{
	struct zi_qscore *q = &s->q[qi];
	char num[64];
	zi_explain_number(value, num, sizeof(num)); /* shown, not used */
	q->answer = zi_arena_strdup(&s->arena, num);
	q->src = ZI_V_DERIVED;
	q->value = value;
	q->why = why ? zi_arena_strdup(&s->arena, why) : NULL;
}

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

static double criterion_value(const struct zi_score *s, const struct zi_criterion *c)
{
	const struct zi_model *m = s->m;
	switch (c->kind) {
	case ZI_C_TOTAL:
		return s->total;
	case ZI_C_NODE:
		return s->node[c->ref];
	case ZI_C_QUESTION:
		return s->q[c->ref].score * m->q[c->ref].weight;
	default:
		return NAN;
	}
}

/* The area criterion: each area (or, when the model says so, each half of
 * it) at least min_share of its maximum; every area short of it fails. */
static void fail_areas(const struct zi_score *s, const struct zi_criterion *c, struct zi_verdict *v)
{
	const struct zi_model *m = s->m;
	for (size_t a = 0; a < m->nareas; a++) {
		const struct zi_area *ar = &m->areas[a];
		size_t parts = m->area_each_half ? ar->nnodes : 1;
		for (size_t k = 0; k < parts; k++) {
			const struct zi_node *half = &m->nodes[ar->nodes[k]];
			double val = m->area_each_half ? s->node[ar->nodes[k]] : s->area[a];
			double max = m->area_each_half ? half->weight : ar->max;
			const char *name = m->area_each_half ? half->name : ar->name;
			double min = c->min_share * max;
			if (val + ZI_EPS < min)
				v->failed[v->nfailed++] = (struct zi_failed){.criterion = c->id,
									     .name = name,
									     .value = val,
									     .min = min};
		}
	}
}

/* The predicate criterion: the unit holds one of the predicates required. */
static void fail_predicate(const struct zi_score *s, const struct zi_criterion *c,
			   struct zi_verdict *v)
{
	for (size_t r = 0; r < c->nrequires; r++)
		if (!strcmp(s->held, c->requires[r]))
			return;
	const char *required = c->nrequires ? c->requires[0] : "";
	v->failed[v->nfailed++] = (struct zi_failed){.criterion = c->id,
						     .value = NAN,
						     .min = NAN,
						     .held = s->held,
						     .required = required};
}

static void verdicts(struct zi_score *s)
{
	const struct zi_model *m = s->m;
	for (size_t p = 0; p < m->npred; p++) {
		struct zi_verdict *v = &s->verdict[p];
		v->predicate = m->pred[p].name;
		v->nfailed = 0;
		for (size_t ci = 0; ci < m->pred[p].ncrit; ci++) {
			const struct zi_criterion *c = &m->pred[p].crit[ci];
			if (c->kind == ZI_C_AREAS) {
				fail_areas(s, c, v);
				continue;
			}
			if (c->kind == ZI_C_PREDICATE) {
				fail_predicate(s, c, v);
				continue;
			}
			double val = criterion_value(s, c);
			if (val + ZI_EPS < c->min)
				v->failed[v->nfailed++] = (struct zi_failed){.criterion = c->id,
									     .value = val,
									     .min = c->min};
		}
		v->eligible = v->nfailed == 0;
	}
}

void zi_score_set_missing(struct zi_score *s, size_t qi, const char *why)
{
	struct zi_qscore *q = &s->q[qi];
	q->answer = NULL;
	q->src = ZI_V_NONE;
	q->value = q->score = 0;
	q->why = why ? zi_arena_strdup(&s->arena, why) : NULL;
}

/* "113+114+115": the ids of a formula's side, for messages. */
static void id_sum(const struct zi_model *m, const size_t *v, size_t n, char *out, size_t len)
{
	size_t at = 0;
	out[0] = 0;
	for (size_t i = 0; i < n && at < len; i++)
		at += (size_t)snprintf(out + at, len - at, "%s%ld", i ? "+" : "", m->q[v[i]].id);
}

/* Every node from the questions and derived values; with zero, an unanswered
 * question or formula counts 0 in its mean, else as the model says. */
static void roll_up(const struct zi_score *s, int zero, double *node)
{
	const struct zi_model *m = s->m;
	for (size_t k = m->nnodes; k-- > 0;) {
		const struct zi_node *n = &m->nodes[k];
		double v = 0;
		if (n->rollup == ZI_ROLL_SUM) {
			for (size_t c = 0; c < n->nchildren; c++)
				v += node[n->children[c]];
		} else if (n->rollup == ZI_ROLL_WEIGHTED) {
			for (size_t c = 0; c < n->nquestions; c++) {
				size_t qi = n->questions[c];
				if (m->q[qi].scored)
					v += s->q[qi].score * m->q[qi].weight;
			}
		} else {
			double sum = 0;
			size_t cnt = 0;
			for (size_t c = 0; c < n->nquestions; c++) {
				size_t qi = n->questions[c];
				if (!m->q[qi].scored || (!zero && !s->q[qi].answer))
					continue;
				sum += s->q[qi].score;
				cnt++;
			}
			for (size_t c = 0; c < n->nderived; c++) {
				if (!zero && s->dv[n->derived[c]].unanswered)
					continue;
				sum += s->dv[n->derived[c]].value;
				cnt++;
			}
			/* no answered question: nothing to average, 0 (as the workbook) */
			v = cnt ? sum / (double)cnt * n->weight : 0;
		}
		node[k] = v;
	}
}

/* Every question's score from its value: a choice its multiplier, a survey
 * value its quarter, a count nothing (counts feed formulas); the tallies. */
static void score_questions(struct zi_score *s)
{
	const struct zi_model *m = s->m;
	s->unanswered = s->derived = s->answered = 0;
	for (size_t i = 0; i < m->nq; i++) {
		struct zi_qscore *q = &s->q[i];
		const struct zi_question *mq = &m->q[i];
		if (!q->answer) {
			q->src = ZI_V_NONE;
			q->value = q->score = 0;
			s->unanswered++;
			continue;
		}
		s->answered++;
		if (q->src == ZI_V_DERIVED)
			s->derived++;
		q->score = mq->kind == ZI_Q_CHOICE   ? q->value
			   : mq->kind == ZI_Q_SURVEY ? clamp01(q->value / 4)
						     : 0;
		if (!mq->scored)
			q->score = 0;
	}
}

/* Derived value i from its inputs, under the model's zero and above
 * policies; ZI_EDATA (in d) for a numerator above its denominator where the
 * model says that is an error. */
static int derive(struct zi_score *s, size_t i, struct zi_diag *d)
{
	const struct zi_model *m = s->m;
	int rc = 0;
	const struct zi_derived *dv = &m->dv[i];
	struct zi_dscore *ds = &s->dv[i];
	memset(ds, 0, sizeof(*ds));
	int missing = 0;
	if (dv->formula == ZI_F_RATIO) {
		for (size_t k = 0; k < dv->nnum; k++) {
			ds->num += s->q[dv->num[k]].value;
			missing |= !s->q[dv->num[k]].answer;
		}
		for (size_t k = 0; k < dv->nden; k++) {
			ds->den += s->q[dv->den[k]].value;
			missing |= !s->q[dv->den[k]].answer;
		}
	} else {
		ds->den = s->q[dv->num[0]].value; /* before */
		ds->num = s->q[dv->num[1]].value; /* after */
		missing = !s->q[dv->num[0]].answer || !s->q[dv->num[1]].answer;
	}
	for (size_t k = 0; k < dv->nreq; k++)
		missing |= !s->q[dv->req[k]].answer;
	if (missing) {
		/* the workbook's "Blm Diisi": no value, never free points */
		ds->unanswered = 1;
		ds->value = 0;
		return 0;
	}
	if (dv->formula == ZI_F_DECREASE) {
		if (ds->den == 0) {
			ds->zero = 1;
			ds->value = ds->num == 0 ? dv->zero_both : dv->zero_num;
		} else {
			ds->value = clamp01((ds->den - ds->num) / ds->den);
		}
		return 0;
	}
	if (ds->num > ds->den && dv->above_error) {
		/* a filing above its requirement (a zero one too) is a data error
		 * to report, never a score to give silently */
		char a[64], b[64], sn[32], sd[32];
		id_sum(m, dv->num, dv->nnum, a, sizeof(a));
		id_sum(m, dv->den, dv->nden, b, sizeof(b));
		zi_explain_number(ds->num, sn, sizeof(sn));
		zi_explain_number(ds->den, sd, sizeof(sd));
		zi_diag_error(d, s->unit[0] ? s->unit : NULL, 0, dv->id, "numerator-above",
			      _("%s: %s is more than %s (soal %s over soal %s)"), dv->name, sn, sd,
			      a, b);
		rc = ZI_EDATA;
	}
	if (ds->den == 0) {
		ds->zero = 1;
		ds->value = ds->num == 0 ? dv->zero_both : dv->zero_num;
		return rc;
	}
	double v = ds->num / ds->den;
	if (v > 1)
		ds->capped = 1;
	ds->value = clamp01(v);
	return rc;
}

int zi_score_compute(struct zi_score *s, struct zi_diag *d)
{
	const struct zi_model *m = s->m;
	int rc = 0;
	score_questions(s);
	for (size_t i = 0; i < m->ndv; i++)
		if (derive(s, i, d))
			rc = ZI_EDATA;
	/* the total as if every unanswered question were 0, then as the model says */
	roll_up(s, 1, s->node);
	s->total_zero = 0;
	for (size_t r = 0; r < m->nroots; r++)
		s->total_zero += s->node[m->roots[r]];
	roll_up(s, m->unanswered_zero, s->node);
	s->total = 0;
	for (size_t r = 0; r < m->nroots; r++)
		s->total += s->node[m->roots[r]];
	s->pengungkit = m->pengungkit >= 0 ? s->node[m->pengungkit] : 0;
	s->pemenuhan = m->pemenuhan >= 0 ? s->node[m->pemenuhan] : 0;
	s->reform = m->reform >= 0 ? s->node[m->reform] : 0;
	s->hasil = m->hasil >= 0 ? s->node[m->hasil] : 0;
	for (size_t a = 0; a < m->nareas; a++) {
		s->area[a] = 0;
		for (size_t k = 0; k < m->areas[a].nnodes; k++)
			s->area[a] += s->node[m->areas[a].nodes[k]];
	}
	verdicts(s);
	return rc;
}

int zi_score_take_raw(struct zi_score *s, size_t qi, const char *raw, enum zi_vsrc src,
		      struct zi_buf *canon, struct zi_verr *err)
{
	const struct zi_question *mq = &s->m->q[qi];
	struct zi_qscore *q = &s->q[qi];
	/* the stored forms first: what zi_model_check_answer would give back as
	 * it is, without copying it or reading it twice */
	size_t n = strlen(raw);
	int plain = n && n < 60 && raw[0] != ' ' && raw[0] != '\t' && raw[n - 1] != ' ' &&
		    raw[n - 1] != '\t';
	if (plain && mq->kind == ZI_Q_CHOICE && !(n == 2 && (raw[1] == '.' || raw[1] == ')'))) {
		for (size_t i = 0; i < mq->nchoices; i++)
			if (zi_strcaseeq(raw, mq->choices[i].key)) {
				q->answer = mq->choices[i].key; /* the model outlives the score */
				q->src = src;
				q->value = mq->choices[i].mult;
				q->why = NULL;
				return 0;
			}
	} else if (plain && mq->kind == ZI_Q_COUNT && n <= 15 && (raw[0] != '0' || n == 1)) {
		long long v = 0;
		size_t k = 0;
		while (k < n && raw[k] >= '0' && raw[k] <= '9')
			v = v * 10 + (raw[k++] - '0');
		if (k == n) {
			char *p = zi_arena_alloc(&s->arena, n + 1);
			memcpy(p, raw, n + 1);
			q->answer = p;
			q->src = src;
			q->value = (double)v;
			q->why = NULL;
			return 0;
		}
	}
	if (zi_model_check_answer(s->m, mq, raw, canon, err))
		return -1;
	zi_score_set_answer(s, qi, canon->data ? canon->data : "", src);
	return 0;
}

const char *zi_layer_value(const char *const *v, enum zi_layer layer, enum zi_vsrc *src)
{
	switch (layer) {
	case ZI_LAYER_UNIT:
		*src = ZI_V_UNIT;
		return v[ZI_A_UNIT];
	case ZI_LAYER_TPI:
		*src = ZI_V_TPI;
		return v[ZI_A_TPI];
	case ZI_LAYER_TPN:
		*src = ZI_V_TPN;
		return v[ZI_A_TPN];
	default:
		*src = *v[ZI_A_TPI] ? ZI_V_TPI : ZI_V_UNIT;
		return *v[ZI_A_TPI] ? v[ZI_A_TPI] : v[ZI_A_UNIT];
	}
}

const char *zi_vsrc_field(enum zi_vsrc src)
{
	return src == ZI_V_TPI ? "tpi_answer" : src == ZI_V_TPN ? "tpn_answer" : "unit_answer";
}

int zi_score_take_answers(struct zi_score *s, const struct zi_table *t, enum zi_layer layer,
			  const char *file, struct zi_diag *d)
{
	const struct zi_model *m = s->m;
	int rc = 0;
	struct zi_buf canon;
	zi_buf_init(&canon);
	for (size_t r = 0; r < t->n; r++) {
		const char *v[ZI_A_NFIELDS];
		zi_table_row(t, r, v);
		long qi = zi_model_soal_index(m, v[ZI_A_SOAL]);
		if (qi < 0) {
			zi_diag_error(d, file, t->lines[r], "soal_id", "soal-unknown",
				      _("soal %s is not a question of model %s"), v[ZI_A_SOAL],
				      m->name);
			rc = ZI_EDATA;
			continue;
		}
		enum zi_vsrc src;
		const char *a = zi_layer_value(v, layer, &src);
		if (!*a)
			continue;
		struct zi_verr err;
		if (zi_score_take_raw(s, (size_t)qi, a, src, &canon, &err)) {
			zi_diag_error(d, file, t->lines[r], zi_vsrc_field(src), err.code, "%s",
				      err.msg);
			rc = ZI_EDATA;
		}
	}
	zi_buf_release(&canon);
	return rc;
}
