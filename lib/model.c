/* The LKE model: parsed from its JSON (schemas/lke/lke-YEAR.json, format in
 * man/zi-model.5) into the tree of nodes, questions, derived percentages,
 * areas and predicates; loaded by name or from a file; the year's model
 * chosen (zi_model_for); compared with PortalRB's official master; one
 * answer checked against its question's type. Scoring under a model is
 * lib/lkescore.c, its explanation lib/explain.c, scoring from the records
 * lib/scorer.c. */
#include "model.h"

#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsonio.h"
#include "records.h"
#include "schema.h"

static const char *const builtin_models[] = {"lke-2026", NULL};

const char *const *zi_model_names(void)
{
	return builtin_models;
}

void zi_model_free(struct zi_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nq; i++) {
		struct zi_question *q = &m->q[i];
		for (size_t c = 0; c < q->nchoices; c++)
			free(q->choices[c].key);
		free(q->choices);
		free(q->type);
		free(q->source);
		free(q->text);
		free(q->note);
		free(q->excel.sheet);
	}
	for (size_t i = 0; i < m->nnodes; i++) {
		struct zi_node *n = &m->nodes[i];
		free(n->level);
		free(n->name);
		free(n->children);
		free(n->questions);
		free(n->derived);
	}
	for (size_t i = 0; i < m->ndv; i++) {
		free(m->dv[i].id);
		free(m->dv[i].name);
	}
	for (size_t i = 0; i < m->nareas; i++) {
		free(m->areas[i].id);
		free(m->areas[i].name);
	}
	for (size_t p = 0; p < m->npred; p++) {
		for (size_t c = 0; c < m->pred[p].ncrit; c++) {
			struct zi_criterion *cr = &m->pred[p].crit[c];
			free(cr->id);
			for (size_t r = 0; r < cr->nrequires; r++)
				free(cr->requires[r]);
			free(cr->requires);
		}
		free(m->pred[p].crit);
		free(m->pred[p].name);
	}
	free(m->pred);
	free(m->q);
	free(m->nodes);
	free(m->dv);
	free(m->areas);
	free(m->roots);
	free(m->by_id);
	free(m->name);
	free(m->title);
	free(m);
}

long zi_model_question(const struct zi_model *m, long id)
{
	if (id < 0 || id > m->max_id)
		return -1;
	return m->by_id[id];
}

static long node_by_id(const struct zi_model *m, long id)
{
	for (size_t i = 0; i < m->nnodes; i++)
		if (m->nodes[i].id == id)
			return (long)i;
	return -1;
}

long zi_model_area_of(const struct zi_model *m, size_t node)
{
	for (long n = (long)node; n >= 0; n = m->nodes[n].parent)
		for (size_t a = 0; a < m->nareas; a++)
			for (size_t k = 0; k < m->areas[a].nnodes; k++)
				if (m->areas[a].nodes[k] == (size_t)n)
					return (long)a;
	return -1;
}

/* Parsing */
struct parse {
	struct zi_model *m;
	const char *name;
	struct zi_diag *d;
	int bad;
	size_t capq, capn;
};

static void perr(struct parse *p, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void perr(struct parse *p, const char *field, const char *fmt, ...)
{
	char msg[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	zi_diag_error(p->d, p->name, 0, field, "model-invalid", "%s", msg);
	p->bad = 1;
}

static char *jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? zi_xstrdup(s) : NULL;
}

static size_t *push_idx(size_t *v, size_t *n, size_t x)
{
	v = zi_xrealloc(v, (*n + 1) * sizeof(*v));
	v[(*n)++] = x;
	return v;
}

static int kind_of(const char *type, enum zi_qkind *k)
{
	if (zi_strcaseeq(type, "JUMLAH"))
		*k = ZI_Q_COUNT;
	else if (!strcmp(type, "0-4"))
		*k = ZI_Q_SURVEY;
	else if (zi_strcaseeq(type, "YA_TIDAK") || zi_strcaseeq(type, "ABC") ||
		 zi_strcaseeq(type, "ABCD") || zi_strcaseeq(type, "ABCDE") ||
		 !strncmp(type, "CHOICE", 6))
		*k = ZI_Q_CHOICE;
	else
		return -1;
	return 0;
}

/* A column of the workbook: one to three letters, A to XFD. */
static int excel_col(const char *s, char out[4])
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 3)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return -1;
	memcpy(out, s, n + 1);
	return 0;
}

static void parse_excel(struct parse *p, struct zi_question *q, json_t *je)
{
	if (!je)
		return;
	json_t *row = json_object_get(je, "row");
	q->excel.sheet = jstr(je, "sheet");
	if (!q->excel.sheet || !q->excel.sheet[0] || !json_is_integer(row) ||
	    json_integer_value(row) < 1) {
		perr(p, "excel", _("question %ld: excel needs a sheet and a row from 1"), q->id);
		return;
	}
	q->excel.row = (unsigned long)json_integer_value(row);
	static const char *const keys[] = {"unit", "tpi", "unit_note", "unit_evidence", "tpi_note"};
	char *cols[] = {q->excel.unit, q->excel.tpi, q->excel.unit_note, q->excel.unit_evidence,
			q->excel.tpi_note};
	for (int k = 0; k < 5; k++) {
		json_t *v = json_object_get(je, keys[k]);
		if (v && excel_col(json_string_value(v), cols[k]))
			perr(p, "excel", _("question %ld: excel.%s is not a column (A to XFD)"),
			     q->id, keys[k]);
	}
}

static void parse_question(struct parse *p, json_t *jq, size_t node)
{
	struct zi_model *m = p->m;
	if (m->nq == p->capq) {
		p->capq = p->capq ? p->capq * 2 : 64;
		m->q = zi_xrealloc(m->q, p->capq * sizeof(*m->q));
	}
	struct zi_question *q = &m->q[m->nq++];
	memset(q, 0, sizeof(*q));
	q->node = node;
	json_t *id = json_object_get(jq, "id");
	q->id = json_is_integer(id) ? (long)json_integer_value(id) : -1;
	if (q->id < 1)
		perr(p, "id", _("a question without a positive integer id (node %ld)"),
		     m->nodes[node].id);
	q->type = jstr(jq, "type");
	if (!q->type || kind_of(q->type, &q->kind)) {
		perr(p, "type", _("question %ld: unknown type"), q->id);
		if (!q->type)
			q->type = zi_xstrdup("");
	}
	json_t *w = json_object_get(jq, "weight");
	q->weight = json_is_number(w) ? json_number_value(w) : 0;
	json_t *sc = json_object_get(jq, "scored");
	q->scored = q->kind != ZI_Q_COUNT && !json_is_false(sc);
	q->source = jstr(jq, "source");
	q->text = jstr(jq, "text");
	q->note = jstr(jq, "note");
	parse_excel(p, q, json_object_get(jq, "excel"));
	json_t *ch = json_object_get(jq, "choices");
	if (q->kind == ZI_Q_CHOICE) {
		q->nchoices = json_array_size(ch);
		q->choices = zi_xcalloc(q->nchoices + 1, sizeof(*q->choices));
		for (size_t i = 0; i < q->nchoices; i++) {
			json_t *c = json_array_get(ch, i);
			const char *k = json_string_value(json_array_get(c, 0));
			json_t *mult = json_array_get(c, 1);
			if (!k || !json_is_number(mult)) {
				perr(p, "choices", _("question %ld: a choice is [key, multiplier]"),
				     q->id);
				k = "";
			}
			q->choices[i].key = zi_xstrdup(k);
			q->choices[i].mult = json_number_value(mult);
		}
		if (!q->nchoices)
			perr(p, "choices", _("question %ld: a choice question needs choices"),
			     q->id);
	}
}

static void parse_node(struct parse *p, json_t *jn, long parent, int depth)
{
	struct zi_model *m = p->m;
	if (m->nnodes == p->capn) {
		p->capn = p->capn ? p->capn * 2 : 64;
		m->nodes = zi_xrealloc(m->nodes, p->capn * sizeof(*m->nodes));
	}
	size_t me = m->nnodes++;
	struct zi_node *n = &m->nodes[me];
	memset(n, 0, sizeof(*n));
	json_t *id = json_object_get(jn, "id");
	n->id = json_is_integer(id) ? (long)json_integer_value(id) : -1;
	n->level = jstr(jn, "level");
	n->name = jstr(jn, "name");
	if (!n->level)
		n->level = zi_xstrdup("");
	if (!n->name)
		n->name = zi_xstrdup("");
	json_t *w = json_object_get(jn, "weight");
	if (!json_is_number(w))
		perr(p, "weight", _("node %ld has no weight"), n->id);
	n->weight = json_number_value(w);
	n->parent = parent;
	n->depth = depth;
	const char *r = json_string_value(json_object_get(jn, "rollup"));
	json_t *kids = json_object_get(jn, "children");
	if (!r)
		r = json_array_size(kids) ? "sum" : "mean";
	if (!strcmp(r, "sum"))
		n->rollup = ZI_ROLL_SUM;
	else if (!strcmp(r, "mean"))
		n->rollup = ZI_ROLL_MEAN;
	else if (!strcmp(r, "weighted"))
		n->rollup = ZI_ROLL_WEIGHTED;
	else
		perr(p, "rollup", _("unknown rollup '%s' (node %ld)"), r, n->id);
	if (parent >= 0) {
		struct zi_node *pn = &m->nodes[parent];
		pn->children = push_idx(pn->children, &pn->nchildren, me);
	} else {
		m->roots = push_idx(m->roots, &m->nroots, me);
	}
	json_t *qs = json_object_get(jn, "questions");
	for (size_t i = 0; i < json_array_size(qs); i++) {
		parse_question(p, json_array_get(qs, i), me);
		n = &m->nodes[me];
		n->questions = push_idx(n->questions, &n->nquestions, m->nq - 1);
	}
	for (size_t i = 0; i < json_array_size(kids); i++)
		parse_node(p, json_array_get(kids, i), (long)me, depth + 1);
}

static int id_list(struct parse *p, json_t *a, size_t *out, size_t max, const char *what)
{
	size_t n = 0;
	if (json_is_integer(a)) {
		long qi = zi_model_question(p->m, (long)json_integer_value(a));
		if (qi < 0)
			perr(p, what, _("%s names unknown question %ld"), what,
			     (long)json_integer_value(a));
		else
			out[n++] = (size_t)qi;
		return (int)n;
	}
	for (size_t i = 0; i < json_array_size(a) && n < max; i++) {
		long id = (long)json_integer_value(json_array_get(a, i));
		long qi = zi_model_question(p->m, id);
		if (qi < 0)
			perr(p, what, _("%s names unknown question %ld"), what, id);
		else
			out[n++] = (size_t)qi;
	}
	return (int)n;
}

/* Second pass: what refers to question and node ids. */
static void parse_derived(struct parse *p, json_t *jn)
{
	struct zi_model *m = p->m;
	json_t *id = json_object_get(jn, "id");
	long ni = node_by_id(m, (long)json_integer_value(id));
	json_t *dvs = json_object_get(jn, "derived");
	for (size_t i = 0; ni >= 0 && i < json_array_size(dvs); i++) {
		json_t *jd = json_array_get(dvs, i);
		m->dv = zi_xrealloc(m->dv, (m->ndv + 1) * sizeof(*m->dv));
		struct zi_derived *dv = &m->dv[m->ndv];
		memset(dv, 0, sizeof(*dv));
		dv->id = jstr(jd, "id");
		dv->name = jstr(jd, "name");
		if (!dv->id)
			dv->id = zi_xstrdup("");
		if (!dv->name)
			dv->name = zi_xstrdup(dv->id);
		dv->node = (size_t)ni;
		const char *f = json_string_value(json_object_get(jd, "formula"));
		/* both policies are the model's to declare: the workbook's answers
		 * differ by formula (#DIV/0!, 1, a cap), so nothing is assumed here */
		json_t *zero = json_object_get(jd, "zero");
		json_t *zb = json_object_get(zero, "both"),
		       *zn = json_object_get(zero, "numerator");
		const char *above = json_string_value(json_object_get(jd, "above"));
		if (!json_is_number(zb) || !json_is_number(zn))
			perr(p, "derived",
			     _("formula '%s' must declare its zero-denominator policy "
			       "(\"zero\": {\"both\": N, \"numerator\": N})"),
			     dv->id);
		if (!above || (strcmp(above, "cap") && strcmp(above, "error")))
			perr(p, "derived",
			     _("formula '%s' must declare \"above\": \"cap\" or "
			       "\"error\""),
			     dv->id);
		dv->zero_both = json_number_value(zb);
		dv->zero_num = json_number_value(zn);
		dv->above_error = above && !strcmp(above, "error");
		if (f && !strcmp(f, "ratio")) {
			dv->formula = ZI_F_RATIO;
			dv->nnum = (size_t)id_list(p, json_object_get(jd, "numerator"), dv->num, 8,
						   "numerator");
			dv->nden = (size_t)id_list(p, json_object_get(jd, "denominator"), dv->den,
						   8, "denominator");
			if (!dv->nnum || !dv->nden)
				perr(p, "derived",
				     _("formula '%s' needs a numerator and a "
				       "denominator"),
				     dv->id);
		} else if (f && !strcmp(f, "decrease")) {
			dv->formula = ZI_F_DECREASE;
			size_t a = (size_t)id_list(p, json_object_get(jd, "before"), dv->num, 1,
						   "before");
			size_t b = (size_t)id_list(p, json_object_get(jd, "after"), dv->num + 1, 1,
						   "after");
			dv->nnum = 2;
			if (a != 1 || b != 1)
				perr(p, "derived", _("formula '%s' needs before and after"), dv->id);
		} else {
			perr(p, "derived", _("formula '%s': unknown formula"), dv->id);
		}
		json_t *jr = json_object_get(jd, "requires");
		if (jr)
			dv->nreq = (size_t)id_list(p, jr, dv->req, 8, "requires");
		for (size_t k = 0; k < dv->nreq; k++)
			m->q[dv->req[k]].input = 1;
		for (size_t k = 0; k < dv->nnum; k++)
			m->q[dv->num[k]].input = 1;
		for (size_t k = 0; k < dv->nden; k++)
			m->q[dv->den[k]].input = 1;
		struct zi_node *n = &m->nodes[ni];
		n->derived = push_idx(n->derived, &n->nderived, m->ndv);
		m->ndv++;
	}
	json_t *kids = json_object_get(jn, "children");
	for (size_t i = 0; i < json_array_size(kids); i++)
		parse_derived(p, json_array_get(kids, i));
}

static long part(struct parse *p, json_t *parts, const char *k)
{
	json_t *v = json_object_get(parts, k);
	if (!v)
		return -1;
	long n = node_by_id(p->m, (long)json_integer_value(v));
	if (n < 0)
		perr(p, "parts", _("part '%s' names unknown node %ld"), k,
		     (long)json_integer_value(v));
	return n;
}

static void parse_criterion(struct parse *p, json_t *jc, struct zi_criterion *c)
{
	c->id = jstr(jc, "id");
	if (!c->id)
		c->id = zi_xstrdup("");
	const char *v = json_string_value(json_object_get(jc, "value"));
	c->min = json_number_value(json_object_get(jc, "min"));
	c->min_share = json_number_value(json_object_get(jc, "min_share"));
	if (!v) {
		perr(p, "verdicts", _("criterion '%s' has no value"), c->id);
		return;
	}
	if (!strcmp(v, "total")) {
		c->kind = ZI_C_TOTAL;
	} else if (!strcmp(v, "areas")) {
		c->kind = ZI_C_AREAS;
	} else if (!strcmp(v, "predicate")) {
		c->kind = ZI_C_PREDICATE;
		json_t *r = json_object_get(jc, "requires");
		c->nrequires = json_array_size(r);
		c->requires = zi_xcalloc(c->nrequires + 1, sizeof(char *));
		for (size_t i = 0; i < c->nrequires; i++) {
			const char *s = json_string_value(json_array_get(r, i));
			c->requires[i] = zi_xstrdup(s ? s : "");
		}
	} else if (!strncmp(v, "node:", 5)) {
		c->kind = ZI_C_NODE;
		long n = node_by_id(p->m, atol(v + 5));
		if (n < 0)
			perr(p, "verdicts", _("criterion '%s' names an unknown node"), c->id);
		c->ref = n < 0 ? 0 : (size_t)n;
	} else if (!strncmp(v, "question:", 9)) {
		c->kind = ZI_C_QUESTION;
		long q = zi_model_question(p->m, atol(v + 9));
		if (q < 0)
			perr(p, "verdicts", _("criterion '%s' names an unknown question"), c->id);
		c->ref = q < 0 ? 0 : (size_t)q;
	} else {
		perr(p, "verdicts", _("criterion '%s': unknown value"), c->id);
	}
}

/* The question index by id (m->by_id), and every question and node id once. */
static void index_ids(struct parse *p)
{
	struct zi_model *m = p->m;
	m->max_id = 0;
	for (size_t i = 0; i < m->nq; i++)
		if (m->q[i].id > m->max_id)
			m->max_id = m->q[i].id;
	m->by_id = zi_xmalloc((size_t)(m->max_id + 1) * sizeof(long));
	for (long i = 0; i <= m->max_id; i++)
		m->by_id[i] = -1;
	for (size_t i = 0; i < m->nq; i++) {
		if (m->q[i].id < 0)
			continue;
		if (m->by_id[m->q[i].id] >= 0)
			perr(p, "id", _("question %ld appears twice"), m->q[i].id);
		m->by_id[m->q[i].id] = (long)i;
	}
	for (size_t i = 0; i < m->nnodes; i++)
		for (size_t j = i + 1; j < m->nnodes; j++)
			if (m->nodes[i].id == m->nodes[j].id)
				perr(p, "id", _("node %ld appears twice"), m->nodes[i].id);
}

/* The areas: each names its nodes by id; its maximum is their weights'
 * sum. */
static void parse_areas(struct parse *p, json_t *areas)
{
	struct zi_model *m = p->m;
	m->nareas = json_array_size(areas);
	m->areas = zi_xcalloc(m->nareas + 1, sizeof(*m->areas));
	for (size_t a = 0; a < m->nareas; a++) {
		json_t *ja = json_array_get(areas, a);
		struct zi_area *ar = &m->areas[a];
		ar->id = jstr(ja, "id");
		ar->name = jstr(ja, "name");
		if (!ar->id)
			ar->id = zi_xstrdup("");
		if (!ar->name)
			ar->name = zi_xstrdup(ar->id);
		json_t *ns = json_object_get(ja, "nodes");
		for (size_t k = 0; k < json_array_size(ns) && ar->nnodes < 8; k++) {
			long n = node_by_id(m, (long)json_integer_value(json_array_get(ns, k)));
			if (n < 0) {
				perr(p, "areas", _("area '%s' names unknown node %ld"), ar->id,
				     (long)json_integer_value(json_array_get(ns, k)));
				continue;
			}
			ar->nodes[ar->nnodes++] = (size_t)n;
			ar->max += m->nodes[n].weight;
		}
	}
}

/* The verdicts: how the area minimum applies, and each predicate with its
 * criteria. */
static void parse_verdicts(struct parse *p, json_t *v)
{
	struct zi_model *m = p->m;
	const char *am = json_string_value(json_object_get(v, "area_minimum"));
	if (am && strcmp(am, "combined") && strcmp(am, "each_half"))
		perr(p, "area_minimum", _("area_minimum is 'combined' or 'each_half', not '%s'"),
		     am);
	m->area_each_half = am && !strcmp(am, "each_half");
	json_t *preds = json_object_get(v, "predicates");
	m->npred = json_array_size(preds);
	m->pred = zi_xcalloc(m->npred + 1, sizeof(*m->pred));
	for (size_t i = 0; i < m->npred; i++) {
		json_t *jp = json_array_get(preds, i);
		struct zi_predicate *pr = &m->pred[i];
		pr->name = jstr(jp, "predicate");
		if (!pr->name)
			pr->name = zi_xstrdup("");
		json_t *cs = json_object_get(jp, "criteria");
		pr->ncrit = json_array_size(cs);
		pr->crit = zi_xcalloc(pr->ncrit + 1, sizeof(*pr->crit));
		for (size_t c = 0; c < pr->ncrit; c++)
			parse_criterion(p, json_array_get(cs, c), &pr->crit[c]);
	}
}

int zi_model_parse(const char *text, const char *name, struct zi_model **out, struct zi_diag *d)
{
	*out = NULL;
	json_error_t je;
	json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		zi_diag_error(d, name, (unsigned long)(je.line > 0 ? je.line : 0), NULL,
			      "model-invalid", "%s", je.text);
		return ZI_EDATA;
	}
	struct zi_model *m = zi_xcalloc(1, sizeof(*m));
	struct parse p = {.m = m, .name = name, .d = d};
	m->name = jstr(root, "model");
	m->title = jstr(root, "title");
	if (!m->name)
		m->name = zi_xstrdup(name);
	if (!m->title)
		m->title = zi_xstrdup("");
	m->year = (int)json_integer_value(json_object_get(root, "year"));
	const char *un = json_string_value(json_object_get(root, "unanswered"));
	if (!un || (strcmp(un, "skip") && strcmp(un, "zero")))
		perr(&p, "unanswered",
		     _("the model must declare \"unanswered\": \"skip\" or "
		       "\"zero\""));
	m->unanswered_zero = un && !strcmp(un, "zero");
	json_t *tree = json_object_get(root, "tree");
	if (!json_array_size(tree))
		perr(&p, "tree", _("the model has no tree"));
	for (size_t i = 0; i < json_array_size(tree); i++)
		parse_node(&p, json_array_get(tree, i), -1, 0);
	index_ids(&p);
	for (size_t i = 0; i < json_array_size(tree); i++)
		parse_derived(&p, json_array_get(tree, i));
	json_t *parts = json_object_get(root, "parts");
	m->pengungkit = part(&p, parts, "pengungkit");
	m->pemenuhan = part(&p, parts, "pemenuhan");
	m->reform = part(&p, parts, "reform");
	m->hasil = part(&p, parts, "hasil");
	parse_areas(&p, json_object_get(root, "areas"));
	parse_verdicts(&p, json_object_get(root, "verdicts"));
	json_decref(root);
	if (p.bad) {
		zi_model_free(m);
		return ZI_EDATA;
	}
	*out = m;
	return 0;
}

/* Far above the official model's size (a few hundred KiB). */
#define MODEL_MAX (64L << 20)

static int is_file_name(const char *name);

int zi_model_load(const char *name, struct zi_model **out, struct zi_diag *d)
{
	*out = NULL;
	if (!is_file_name(name)) {
		char key[128];
		snprintf(key, sizeof(key), "lke/%s", name);
		const char *text = zi_embedded_file(key);
		if (!text) {
			zi_diag_error(d, NULL, 0, NULL, "model-unknown",
				      _("no built-in model '%s' (see 'zi-eval models')"), name);
			return ZI_EUSAGE;
		}
		return zi_model_parse(text, name, out, d);
	}
	/* a regular file only, of a size a model can have: a pipe would hang
	 * us and /dev/zero fill the memory */
	int fd = open(name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	FILE *f = NULL;
	if (fd >= 0 && fstat(fd, &sb) == 0 && (!S_ISREG(sb.st_mode) || sb.st_size > MODEL_MAX)) {
		zi_diag_error(d, name, 0, NULL, "model-invalid",
			      S_ISREG(sb.st_mode) ? _("the model file is larger than 64 MiB")
						  : _("the model is not a regular file"));
		close(fd);
		return ZI_EDATA;
	}
	if (fd >= 0 && fcntl(fd, F_SETFL, 0) == 0)
		f = fdopen(fd, "rb");
	if (!f) {
		zi_diag_error(d, name, 0, NULL, "io-read", _("cannot read the model file"));
		if (fd >= 0)
			close(fd);
		return ZI_EIO;
	}
	struct zi_buf b;
	zi_buf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len <= MODEL_MAX)
		zi_buf_add(&b, chunk, n);
	fclose(f);
	int rc = zi_model_parse(b.data ? b.data : "", name, out, d);
	zi_buf_release(&b);
	return rc;
}

/* A model name that is a file, not a built-in name. */
static int is_file_name(const char *name)
{
	return strchr(name, '/') || strstr(name, ".json");
}

int zi_model_for(const struct zi_store *st, int year, const char *override, struct zi_model **out,
		 struct zi_diag *d)
{
	if (override && *override)
		return zi_model_load(override, out, d);
	const char *named = st ? json_string_value(json_object_get(st->manifest, "model")) : NULL;
	if (named && *named && is_file_name(named)) {
		if (named[0] == '/' || !st->dir)
			return zi_model_load(named, out, d);
		char *path = zi_xasprintf("%s/%s", st->dir, named);
		int rc = zi_model_load(path, out, d);
		free(path);
		return rc;
	}
	char key[64];
	snprintf(key, sizeof(key), "lke/lke-%d", year);
	if (year && zi_embedded_file(key))
		return zi_model_load(key + 4, out, d);
	return zi_model_load(named && *named ? named : ZI_MODEL_DEFAULT, out, d);
}

/* The master check */
struct mcheck {
	const struct zi_model *m;
	const char *path;
	struct zi_diag *d;
	long ndiff;
	unsigned char *seen_q, *seen_n;
};

static void differs(struct mcheck *c, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void differs(struct mcheck *c, const char *field, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	zi_diag_error(c->d, c->path, 0, field, "model-differs", "%s", msg);
	c->ndiff++;
}

static int same(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void check_soal(struct mcheck *c, json_t *s, long parent_node)
{
	const struct zi_model *m = c->m;
	long id = (long)json_integer_value(json_object_get(s, "id"));
	long qi = zi_model_question(m, id);
	if (qi < 0) {
		differs(c, "soal", _("question %ld of the master is not in the model"), id);
		return;
	}
	c->seen_q[qi] = 1;
	const struct zi_question *q = &m->q[qi];
	if (m->nodes[q->node].id != parent_node)
		differs(c, "soal", _("question %ld: in node %ld in the master, %ld in the model"),
			id, parent_node, m->nodes[q->node].id);
	const char *type = json_string_value(json_object_get(s, "jenis_jawaban"));
	if (!type || !zi_strcaseeq(type, q->type))
		differs(c, "type", _("question %ld: type '%s' in the master, '%s' in the model"),
			id, type ? type : "", q->type);
	double w = json_number_value(json_object_get(s, "bobot_maksimal"));
	if (!same(w, q->weight))
		differs(c, "weight", _("question %ld: weight %g in the master, %g in the model"),
			id, w, q->weight);
	json_t *sk = json_object_get(s, "skema_penilaian");
	size_t n = json_array_size(sk);
	if (n != q->nchoices)
		differs(c, "choices", _("question %ld: %zu choices in the master, %zu in the model"),
			id, n, q->nchoices);
	for (size_t i = 0; i < n && i < q->nchoices; i++) {
		json_t *ch = json_array_get(sk, i);
		const char *k = json_string_value(json_object_get(ch, "key"));
		double mult = json_number_value(json_object_get(ch, "multiplier"));
		if (!k || strcmp(k, q->choices[i].key))
			differs(c, "choices",
				_("question %ld: choice %zu is '%s' in the master, '%s' "
				  "in the model"),
				id, i + 1, k ? k : "", q->choices[i].key);
		else if (!same(mult, q->choices[i].mult))
			differs(c, "choices",
				_("question %ld: choice %s multiplies by %g in the "
				  "master, %g in the model"),
				id, k, mult, q->choices[i].mult);
	}
}

static void check_node(struct mcheck *c, json_t *jn, long parent)
{
	const struct zi_model *m = c->m;
	long id = (long)json_integer_value(json_object_get(jn, "id"));
	long ni = node_by_id(m, id);
	const char *name = json_string_value(json_object_get(jn, "nama"));
	if (ni < 0) {
		differs(c, "node", _("node %ld '%s' of the master is not in the model"), id,
			name ? name : "");
	} else {
		c->seen_n[ni] = 1;
		const struct zi_node *n = &m->nodes[ni];
		long mp = n->parent >= 0 ? m->nodes[n->parent].id : -1;
		if (mp != parent)
			differs(c, "node", _("node %ld: parent %ld in the master, %ld in the model"),
				id, parent, mp);
		double w = json_number_value(json_object_get(jn, "bobot_maksimal"));
		if (!same(w, n->weight))
			differs(c, "weight",
				_("node %ld '%s': weight %g in the master, %g in the model"), id,
				n->name, w, n->weight);
		const char *level = json_string_value(json_object_get(jn, "level"));
		if (level && strcmp(level, n->level))
			differs(c, "level",
				_("node %ld: level '%s' in the master, '%s' in the model"), id,
				level, n->level);
	}
	json_t *soals = json_object_get(jn, "soals");
	for (size_t i = 0; i < json_array_size(soals); i++)
		check_soal(c, json_array_get(soals, i), id);
	json_t *kids = json_object_get(jn, "children");
	for (size_t i = 0; i < json_array_size(kids); i++)
		check_node(c, json_array_get(kids, i), id);
}

long zi_model_check_master(const struct zi_model *m, const char *path, struct zi_diag *d)
{
	json_t *root = zi_json_load(path, d);
	if (!root)
		return ZI_EDATA;
	struct mcheck c = {.m = m, .path = path, .d = d};
	c.seen_q = zi_xcalloc(m->nq + 1, 1);
	c.seen_n = zi_xcalloc(m->nnodes + 1, 1);
	json_t *data = json_object_get(root, "data");
	if (!json_is_array(data)) {
		zi_diag_error(d, path, 0, NULL, "master-invalid",
			      _("not a PortalRB LKE master: no \"data\" tree"));
		json_decref(root);
		free(c.seen_q);
		free(c.seen_n);
		return ZI_EDATA;
	}
	json_t *year = json_object_get(root, "tahun");
	if (json_is_integer(year) && m->year && json_integer_value(year) != m->year)
		differs(&c, "tahun", _("the master is for %ld, the model for %ld"),
			(long)json_integer_value(year), (long)m->year);
	for (size_t i = 0; i < json_array_size(data); i++)
		check_node(&c, json_array_get(data, i), -1);
	for (size_t i = 0; i < m->nq; i++)
		if (!c.seen_q[i])
			differs(&c, "soal", _("question %ld of the model is not in the master"),
				m->q[i].id);
	for (size_t i = 0; i < m->nnodes; i++)
		if (!c.seen_n[i])
			differs(&c, "node", _("node %ld '%s' of the model is not in the master"),
				m->nodes[i].id, m->nodes[i].name);
	json_t *total = json_object_get(root, "total_soal");
	if (json_is_integer(total) && (size_t)json_integer_value(total) != m->nq)
		differs(&c, "total_soal", _("the master counts %ld questions, the model has %zu"),
			(long)json_integer_value(total), m->nq);
	json_decref(root);
	free(c.seen_q);
	free(c.seen_n);
	return c.ndiff;
}

/* Answers */
int zi_model_check_answer(const struct zi_model *m, const struct zi_question *q, const char *raw,
			  struct zi_buf *out, struct zi_verr *err)
{
	(void)m;
	zi_buf_reset(out);
	char tmp[64];
	size_t n = strlen(raw);
	while (n && (raw[n - 1] == ' ' || raw[n - 1] == '\t'))
		n--;
	while (n && (*raw == ' ' || *raw == '\t')) {
		raw++;
		n--;
	}
	if (n >= sizeof(tmp))
		n = sizeof(tmp) - 1;
	memcpy(tmp, raw, n);
	tmp[n] = 0;
	if (!n)
		return 0;
	switch (q->kind) {
	case ZI_Q_CHOICE: {
		/* "a." and "A)" as people type them in the worksheet */
		if (n == 2 && (tmp[1] == '.' || tmp[1] == ')'))
			tmp[1] = 0;
		for (size_t i = 0; i < q->nchoices; i++)
			if (zi_strcaseeq(tmp, q->choices[i].key)) {
				zi_buf_adds(out, q->choices[i].key);
				return 0;
			}
		char list[120];
		size_t o = 0;
		list[0] = 0;
		for (size_t i = 0; i < q->nchoices && o < sizeof(list) - 1; i++)
			o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", i ? ", " : "",
					      q->choices[i].key);
		return zi_verr_set(err, "answer-invalid", _("soal %ld (%s): '%s' is not one of %s"),
				   q->id, q->type, raw, list);
	}
	case ZI_Q_COUNT: {
		long long v;
		struct zi_verr e2;
		if (zi_value_integer(tmp, &v, &e2)) {
			double dv;
			if (!zi_value_number(tmp, &dv, &e2) && dv == floor(dv) && dv >= 0 &&
			    dv < 1e15) {
				v = (long long)dv; /* "12,0" from a spreadsheet */
			} else {
				return zi_verr_set(err, "answer-invalid",
						   _("soal %ld (%s): a count is a whole number, "
						     "got '%s'"),
						   q->id, q->type, tmp);
			}
		}
		if (v < 0)
			return zi_verr_set(err, "answer-invalid",
					   _("soal %ld (%s): a count cannot be negative, got '%s'"),
					   q->id, q->type, tmp);
		zi_buf_printf(out, "%lld", v);
		return 0;
	}
	case ZI_Q_SURVEY: {
		double v;
		struct zi_verr e2;
		if (zi_value_number(tmp, &v, &e2))
			return zi_verr_set(err, "answer-invalid",
					   _("soal %ld (%s): a survey value is a number from 0 to "
					     "4, got "
					     "'%s'"),
					   q->id, q->type, tmp);
		if (v < 0 || v > 4)
			return zi_verr_set(err, "answer-invalid",
					   _("soal %ld (%s): a survey value is from 0 to 4, got "
					     "'%s'"),
					   q->id, q->type, tmp);
		zi_format_number(v, tmp, sizeof(tmp));
		zi_buf_adds(out, tmp);
		return 0;
	}
	}
	return 0;
}

double zi_model_answer_value(const struct zi_question *q, const char *canon)
{
	if (q->kind == ZI_Q_CHOICE) {
		for (size_t i = 0; i < q->nchoices; i++)
			if (!strcmp(canon, q->choices[i].key))
				return q->choices[i].mult;
		return 0;
	}
	return strtod(canon, NULL);
}

long zi_model_soal_index(const struct zi_model *m, const char *sid)
{
	/* the stored form: digits only */
	long id = 0;
	size_t k = 0;
	while (k < 9 && sid[k] >= '0' && sid[k] <= '9')
		id = id * 10 + (sid[k++] - '0');
	if (k && !sid[k])
		return zi_model_question(m, id);
	char *end;
	id = strtol(sid, &end, 10);
	return *end || !*sid ? -1 : zi_model_question(m, id);
}

int zi_lke_put(struct zi_store *st, const char *unit, int year, struct zi_table *t,
	       struct zi_diag *d)
{
	zi_table_sort(t);
	char *rel = zi_records_rel("lke-answers", unit, year, d);
	if (!rel)
		return ZI_EINTERNAL;
	int rc = zi_store_put_table(st, rel, t, d);
	free(rel);
	return rc;
}
