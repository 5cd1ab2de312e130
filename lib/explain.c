/* Explanation output: a unit's score (struct zi_score, computed by
 * lib/lkescore.c) for people and for programs. zi_score_json gives the whole
 * score as JSON, with --explain the tree down to every answer; zi_score_text
 * the summary and the verdicts as text, with --explain the derivation of
 * every number. Nothing here computes a score: it reads what is there. */
#include "explain.h"

#include <math.h>
#include <string.h>

#include "jsonio.h"

static const char *src_name(enum zi_vsrc v)
{
	static const char *const n[] = {"", "unit", "tpi", "tpn", "derived"};
	return n[v];
}

static json_t *num(double v)
{
	return zi_json_real(v, 6);
}

static json_t *question_json(const struct zi_score *s, size_t qi)
{
	const struct zi_model *m = s->m;
	const struct zi_qscore *q = &s->q[qi];
	const struct zi_question *mq = &m->q[qi];
	json_t *o = json_object();
	json_object_set_new(o, "soal_id", json_integer(mq->id));
	json_object_set_new(o, "type", json_string(mq->type));
	json_object_set_new(o, "answer", q->answer ? json_string(q->answer) : json_null());
	json_object_set_new(o, "source", q->answer ? json_string(src_name(q->src)) : json_null());
	if (q->why)
		json_object_set_new(o, q->answer ? "derived_from" : "missing_record",
				    json_string(q->why));
	json_object_set_new(o, "value", num(q->value));
	if (mq->scored)
		json_object_set_new(o, "score", num(q->score));
	else
		json_object_set_new(o, "scored", json_false());
	return o;
}

static json_t *node_json(const struct zi_score *s, size_t k)
{
	const struct zi_model *m = s->m;
	const struct zi_node *n = &m->nodes[k];
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(n->id));
	json_object_set_new(o, "name", json_string(n->name));
	json_object_set_new(o, "score", num(s->node[k]));
	json_object_set_new(o, "max", num(n->weight));
	static const char *const rn[] = {"sum", "mean", "weighted"};
	json_object_set_new(o, "rollup", json_string(rn[n->rollup]));
	if (n->nchildren) {
		json_t *a = json_array();
		for (size_t c = 0; c < n->nchildren; c++)
			json_array_append_new(a, node_json(s, n->children[c]));
		json_object_set_new(o, "children", a);
	}
	if (n->nquestions) {
		json_t *a = json_array();
		for (size_t c = 0; c < n->nquestions; c++)
			json_array_append_new(a, question_json(s, n->questions[c]));
		json_object_set_new(o, "questions", a);
	}
	if (n->nderived) {
		json_t *a = json_array();
		for (size_t c = 0; c < n->nderived; c++) {
			const struct zi_derived *dv = &m->dv[n->derived[c]];
			const struct zi_dscore *ds = &s->dv[n->derived[c]];
			json_t *x = json_object();
			json_object_set_new(x, "id", json_string(dv->id));
			json_object_set_new(x, "name", json_string(dv->name));
			json_object_set_new(x, "numerator", num(ds->num));
			json_object_set_new(x, "denominator", num(ds->den));
			json_object_set_new(x, "value", num(ds->value));
			if (ds->unanswered)
				json_object_set_new(x, "unanswered", json_true());
			if (ds->zero)
				json_object_set_new(x, "zero_denominator", json_true());
			if (ds->capped)
				json_object_set_new(x, "capped", json_true());
			json_array_append_new(a, x);
		}
		json_object_set_new(o, "derived", a);
	}
	return o;
}

/* {WBK: {eligible, failed: [{criterion, name, value, min}]}, ...} */
static json_t *verdict_json(const struct zi_score *s)
{
	json_t *verdict = json_object();
	for (size_t p = 0; p < s->nverdict; p++) {
		const struct zi_verdict *v = &s->verdict[p];
		json_t *x = json_object(), *failed = json_array();
		json_object_set_new(x, "eligible", json_boolean(v->eligible));
		for (size_t f = 0; f < v->nfailed; f++) {
			const struct zi_failed *fl = &v->failed[f];
			json_t *c = json_object();
			json_object_set_new(c, "criterion", json_string(fl->criterion));
			if (fl->name)
				json_object_set_new(c, "name", json_string(fl->name));
			if (fl->required) {
				json_object_set_new(c, "value",
						    *fl->held ? json_string(fl->held) : json_null());
				json_object_set_new(c, "min", json_string(fl->required));
			} else {
				json_object_set_new(c, "value", num(fl->value));
				json_object_set_new(c, "min", num(fl->min));
			}
			json_array_append_new(failed, c);
		}
		json_object_set_new(x, "failed", failed);
		json_object_set_new(verdict, v->predicate, x);
	}
	return verdict;
}

json_t *zi_score_json(const struct zi_score *s, int explain)
{
	const struct zi_model *m = s->m;
	json_t *o = json_object();
	json_object_set_new(o, "unit", json_string(s->unit));
	json_object_set_new(o, "year", json_integer(s->year));
	json_object_set_new(o, "layer", json_string(zi_layer_name(s->layer)));
	json_object_set_new(o, "model", json_string(m->name));
	json_object_set_new(o, "total", num(s->total));
	json_object_set_new(o, "pengungkit", num(s->pengungkit));
	json_object_set_new(o, "pemenuhan", num(s->pemenuhan));
	json_object_set_new(o, "reform", num(s->reform));
	json_object_set_new(o, "hasil", num(s->hasil));
	json_t *areas = json_array();
	for (size_t a = 0; a < m->nareas; a++) {
		json_t *x = json_object();
		json_object_set_new(x, "id", json_string(m->areas[a].id));
		json_object_set_new(x, "name", json_string(m->areas[a].name));
		json_object_set_new(x, "score", num(s->area[a]));
		json_object_set_new(x, "max", num(m->areas[a].max));
		json_array_append_new(areas, x);
	}
	json_object_set_new(o, "areas", areas);
	json_object_set_new(o, "verdict", verdict_json(s));
	json_t *unans = json_array(), *der = json_array(), *miss = json_array();
	for (size_t i = 0; i < m->nq; i++) {
		if (!s->q[i].answer)
			json_array_append_new(unans, json_integer(m->q[i].id));
		if (!s->q[i].answer && s->q[i].why) {
			json_t *x = json_object();
			json_object_set_new(x, "soal_id", json_integer(m->q[i].id));
			json_object_set_new(x, "why", json_string(s->q[i].why));
			json_array_append_new(miss, x);
		}
		if (s->q[i].answer && s->q[i].src == ZI_V_DERIVED) {
			json_t *x = json_object();
			json_object_set_new(x, "soal_id", json_integer(m->q[i].id));
			json_object_set_new(x, "value", num(s->q[i].value));
			json_object_set_new(x, "from", json_string(s->q[i].why ? s->q[i].why : ""));
			json_array_append_new(der, x);
		}
	}
	json_object_set_new(o, "answered", json_integer((json_int_t)s->answered));
	json_object_set_new(o, "questions", json_integer((json_int_t)m->nq));
	json_object_set_new(o, "unanswered", unans);
	json_object_set_new(o, "missing_records", miss);
	json_object_set_new(o, "derived", der);
	if (explain) {
		json_object_set_new(o, "total_unanswered_zero", num(s->total_zero));
		json_t *tree = json_array();
		for (size_t r = 0; r < m->nroots; r++)
			json_array_append_new(tree, node_json(s, m->roots[r]));
		json_object_set_new(o, "tree", tree);
	}
	return o;
}

static void indent(struct zi_buf *b, int n)
{
	for (int i = 0; i < n; i++)
		zi_buf_adds(b, "  ");
}

void zi_explain_number(double v, char *out, size_t n)
{
	zi_format_number(round(v * 1e6) / 1e6, out, n);
}

/* The node's line: its score of its weight and how it rolls up. */
static void explain_rollup(const struct zi_score *s, size_t k, struct zi_buf *b)
{
	const struct zi_model *m = s->m;
	const struct zi_node *n = &m->nodes[k];
	indent(b, n->depth);
	char w[32];
	zi_explain_number(n->weight, w, sizeof(w));
	zi_buf_printf(b, "%s: %.2f / %s", n->name, s->node[k], w);
	if (n->rollup == ZI_ROLL_SUM) {
		zi_buf_printf(b, _(" = sum of %zu parts\n"), n->nchildren);
	} else if (n->rollup == ZI_ROLL_WEIGHTED) {
		zi_buf_adds(b, _(" = sum of value x weight\n"));
	} else {
		/* the same count as roll_up: what the model's policy averages */
		int zero = m->unanswered_zero;
		size_t cnt = 0, all = 0;
		double sum = 0;
		for (size_t c = 0; c < n->nquestions; c++)
			if (m->q[n->questions[c]].scored) {
				all++;
				if (!zero && !s->q[n->questions[c]].answer)
					continue;
				cnt++;
				sum += s->q[n->questions[c]].score;
			}
		for (size_t c = 0; c < n->nderived; c++) {
			all++;
			if (!zero && s->dv[n->derived[c]].unanswered)
				continue;
			cnt++;
			sum += s->dv[n->derived[c]].value;
		}
		char mean[32];
		zi_explain_number(cnt ? sum / (double)cnt : 0, mean, sizeof(mean));
		if (cnt < all && !zero)
			zi_buf_printf(b, _(" = mean %s of %zu answered (of %zu) x weight %s\n"),
				      mean, cnt, all, w);
		else
			zi_buf_printf(b, _(" = mean %s of %zu x weight %s\n"), mean, cnt, w);
	}
}

/* A question of node n: its answer, whose it is (or why it is missing),
 * and what it scores. */
static void explain_question(const struct zi_score *s, const struct zi_node *n, size_t qi,
			     struct zi_buf *b)
{
	const struct zi_model *m = s->m;
	const struct zi_question *mq = &m->q[qi];
	const struct zi_qscore *q = &s->q[qi];
	indent(b, n->depth + 1);
	zi_buf_printf(b, _("soal %ld (%s): "), mq->id, mq->type);
	if (!q->answer) {
		zi_buf_adds(b, _("unanswered"));
		if (q->why)
			zi_buf_printf(b, " [%s]", q->why);
	} else {
		zi_buf_printf(b, "%s [%s", q->answer, src_name(q->src));
		if (q->why)
			zi_buf_printf(b, ": %s", q->why);
		zi_buf_adds(b, "]");
	}
	char v[32];
	if (!mq->scored && mq->kind != ZI_Q_COUNT) {
		zi_buf_adds(b, _(" -> not scored"));
	} else if (mq->kind == ZI_Q_COUNT) {
		zi_buf_adds(b, mq->input ? _(" -> input of a formula") : "");
	} else if (n->rollup == ZI_ROLL_WEIGHTED) {
		char wq[32];
		zi_explain_number(q->score, v, sizeof(v));
		zi_explain_number(mq->weight, wq, sizeof(wq));
		zi_buf_printf(b, " -> %s x %s = %.2f", v, wq, q->score * mq->weight);
	} else {
		zi_explain_number(q->score, v, sizeof(v));
		zi_buf_printf(b, " -> %s", v);
	}
	if (!mq->scored && mq->note)
		zi_buf_printf(b, _(" (not scored: %s)"), mq->note);
	zi_buf_addc(b, '\n');
}

/* A derived value of node n: its formula over soal ids, the numbers, and
 * which policy gave the value. */
static void explain_derived(const struct zi_score *s, const struct zi_node *n, size_t di,
			    struct zi_buf *b)
{
	const struct zi_model *m = s->m;
	const struct zi_derived *dv = &m->dv[di];
	const struct zi_dscore *ds = &s->dv[di];
	indent(b, n->depth + 1);
	char a[32], bb[32], v[32];
	zi_explain_number(ds->num, a, sizeof(a));
	zi_explain_number(ds->den, bb, sizeof(bb));
	zi_explain_number(ds->value, v, sizeof(v));
	if (dv->formula == ZI_F_RATIO) {
		zi_buf_printf(b, "%s = ", dv->name);
		for (size_t i = 0; i < dv->nnum; i++)
			zi_buf_printf(b, "%s%ld", i ? "+" : "", m->q[dv->num[i]].id);
		zi_buf_adds(b, " / ");
		for (size_t i = 0; i < dv->nden; i++)
			zi_buf_printf(b, "%s%ld", i ? "+" : "", m->q[dv->den[i]].id);
		zi_buf_printf(b, " = %s / %s", a, bb);
	} else {
		zi_buf_printf(b, "%s = (%ld - %ld) / %ld = (%s - %s) / %s", dv->name,
			      m->q[dv->num[0]].id, m->q[dv->num[1]].id, m->q[dv->num[0]].id, bb, a,
			      bb);
	}
	if (ds->unanswered && !m->unanswered_zero)
		zi_buf_adds(b, _(" -> unanswered (an input is unanswered)\n"));
	else if (ds->unanswered)
		zi_buf_printf(b, _(" -> %s (an input is unanswered)\n"), v);
	else if (ds->zero)
		zi_buf_printf(b, _(" -> %s (zero denominator: the model's policy)\n"), v);
	else if (ds->capped)
		zi_buf_printf(b, _(" -> %s (capped at 1)\n"), v);
	else
		zi_buf_printf(b, " -> %s\n", v);
}

/* A node, its questions and derived values, then its children, indented by
 * depth. */
static void explain_node(const struct zi_score *s, size_t k, struct zi_buf *b)
{
	const struct zi_node *n = &s->m->nodes[k];
	explain_rollup(s, k, b);
	for (size_t c = 0; c < n->nquestions; c++)
		explain_question(s, n, n->questions[c], b);
	for (size_t c = 0; c < n->nderived; c++)
		explain_derived(s, n, n->derived[c], b);
	for (size_t c = 0; c < n->nchildren; c++)
		explain_node(s, n->children[c], b);
}

void zi_score_text(const struct zi_score *s, int explain, struct zi_buf *b)
{
	const struct zi_model *m = s->m;
	zi_buf_printf(b, _("unit %s, year %d, layer %s, model %s\n"), s->unit, s->year,
		      zi_layer_name(s->layer), m->name);
	zi_buf_printf(b, "  %-44s %7.2f / %6.2f\n", _("total"), s->total, 100.0);
	if (m->pengungkit >= 0)
		zi_buf_printf(b, "  %-44s %7.2f / %6.2f\n", _("pengungkit"), s->pengungkit,
			      m->nodes[m->pengungkit].weight);
	if (m->pemenuhan >= 0)
		zi_buf_printf(b, "    %-42s %7.2f / %6.2f\n", _("pemenuhan"), s->pemenuhan,
			      m->nodes[m->pemenuhan].weight);
	if (m->reform >= 0)
		zi_buf_printf(b, "    %-42s %7.2f / %6.2f\n", _("reform"), s->reform,
			      m->nodes[m->reform].weight);
	for (size_t a = 0; a < m->nareas; a++) {
		/* pad by characters, not bytes */
		zi_buf_printf(b, "    %-42s %7.2f / %6.2f  %5.1f%%\n", m->areas[a].name, s->area[a],
			      m->areas[a].max,
			      m->areas[a].max > 0 ? 100 * s->area[a] / m->areas[a].max : 0);
	}
	if (m->hasil >= 0) {
		zi_buf_printf(b, "  %-44s %7.2f / %6.2f\n", _("hasil"), s->hasil,
			      m->nodes[m->hasil].weight);
		const struct zi_node *h = &m->nodes[m->hasil];
		for (size_t c = 0; c < h->nchildren; c++)
			zi_buf_printf(b, "    %-42.42s %7.2f / %6.2f\n",
				      m->nodes[h->children[c]].name, s->node[h->children[c]],
				      m->nodes[h->children[c]].weight);
	}
	zi_buf_printf(b, _("answered %zu of %zu\n"), s->answered, m->nq);
	if (s->unanswered) {
		zi_buf_printf(b, _("unanswered (%zu):"), s->unanswered);
		for (size_t i = 0; i < m->nq; i++)
			if (!s->q[i].answer)
				zi_buf_printf(b, " %ld", m->q[i].id);
		zi_buf_addc(b, '\n');
		/* a count the records would give, but the record is missing */
		for (size_t i = 0; i < m->nq; i++)
			if (!s->q[i].answer && s->q[i].why)
				zi_buf_printf(b, "  soal %ld: %s\n", m->q[i].id, s->q[i].why);
	}
	if (s->derived) {
		zi_buf_printf(b, _("derived from the records (%zu):\n"), s->derived);
		for (size_t i = 0; i < m->nq; i++)
			if (s->q[i].answer && s->q[i].src == ZI_V_DERIVED)
				zi_buf_printf(b, "  soal %ld = %s: %s\n", m->q[i].id,
					      s->q[i].answer, s->q[i].why ? s->q[i].why : "");
	}
	for (size_t p = 0; p < s->nverdict; p++) {
		const struct zi_verdict *v = &s->verdict[p];
		zi_buf_printf(b, "%s: %s\n", v->predicate,
			      v->eligible ? _("eligible") : _("not eligible"));
		for (size_t f = 0; f < v->nfailed; f++) {
			const struct zi_failed *fl = &v->failed[f];
			if (fl->required && !*fl->held)
				zi_buf_printf(b, _("  %s: holds no predicate, needs %s\n"),
					      fl->criterion, fl->required);
			else if (fl->required)
				zi_buf_printf(b, _("  %s: holds %s, needs %s\n"), fl->criterion,
					      fl->held, fl->required);
			else if (fl->name)
				zi_buf_printf(b, _("  %s %s: %.2f, minimum %.2f\n"), fl->criterion,
					      fl->name, fl->value, fl->min);
			else
				zi_buf_printf(b, _("  %s: %.2f, minimum %.2f\n"), fl->criterion,
					      fl->value, fl->min);
		}
	}
	if (explain) {
		if (s->unanswered)
			zi_buf_printf(b, _("total with every unanswered question at 0: %.2f\n"),
				      s->total_zero);
		zi_buf_adds(b, _("\nderivation:\n"));
		for (size_t r = 0; r < m->nroots; r++)
			explain_node(s, m->roots[r], b);
	}
}
