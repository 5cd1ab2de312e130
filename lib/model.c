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
#include "schema.h"

/* Scores are compared with their thresholds unrounded; this only absorbs the
 * last bit of binary noise (3.6 / 4 x 17.5 must meet 15.75). */
#define ZI_EPS 1e-9

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
			perr(p, "excel", _("question %ld: excel.%s is not a column (A to XFD)"), q->id,
			     keys[k]);
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
		perr(p, "id", _("a question without a positive integer id (node %ld)"), m->nodes[node].id);
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
			perr(p, "choices", _("question %ld: a choice question needs choices"), q->id);
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
		json_t *zb = json_object_get(zero, "both"), *zn = json_object_get(zero, "numerator");
		const char *above = json_string_value(json_object_get(jd, "above"));
		if (!json_is_number(zb) || !json_is_number(zn))
			perr(p, "derived", _("formula '%s' must declare its zero-denominator policy "
					     "(\"zero\": {\"both\": N, \"numerator\": N})"),
			     dv->id);
		if (!above || (strcmp(above, "cap") && strcmp(above, "error")))
			perr(p, "derived", _("formula '%s' must declare \"above\": \"cap\" or "
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
				perr(p, "derived", _("formula '%s' needs a numerator and a "
						     "denominator"), dv->id);
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

int zi_model_parse(const char *text, const char *name, struct zi_model **out,
		   struct zi_diag *d)
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
		perr(&p, "unanswered", _("the model must declare \"unanswered\": \"skip\" or "
					 "\"zero\""));
	m->unanswered_zero = un && !strcmp(un, "zero");
	json_t *tree = json_object_get(root, "tree");
	if (!json_array_size(tree))
		perr(&p, "tree", _("the model has no tree"));
	for (size_t i = 0; i < json_array_size(tree); i++)
		parse_node(&p, json_array_get(tree, i), -1, 0);
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
			perr(&p, "id", _("question %ld appears twice"), m->q[i].id);
		m->by_id[m->q[i].id] = (long)i;
	}
	for (size_t i = 0; i < m->nnodes; i++)
		for (size_t j = i + 1; j < m->nnodes; j++)
			if (m->nodes[i].id == m->nodes[j].id)
				perr(&p, "id", _("node %ld appears twice"), m->nodes[i].id);
	for (size_t i = 0; i < json_array_size(tree); i++)
		parse_derived(&p, json_array_get(tree, i));
	json_t *parts = json_object_get(root, "parts");
	m->pengungkit = part(&p, parts, "pengungkit");
	m->pemenuhan = part(&p, parts, "pemenuhan");
	m->reform = part(&p, parts, "reform");
	m->hasil = part(&p, parts, "hasil");
	json_t *areas = json_object_get(root, "areas");
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
				perr(&p, "areas", _("area '%s' names unknown node %ld"), ar->id,
				     (long)json_integer_value(json_array_get(ns, k)));
				continue;
			}
			ar->nodes[ar->nnodes++] = (size_t)n;
			ar->max += m->nodes[n].weight;
		}
	}
	json_t *v = json_object_get(root, "verdicts");
	const char *am = json_string_value(json_object_get(v, "area_minimum"));
	if (am && strcmp(am, "combined") && strcmp(am, "each_half"))
		perr(&p, "area_minimum", _("area_minimum is 'combined' or 'each_half', not '%s'"), am);
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
			parse_criterion(&p, json_array_get(cs, c), &pr->crit[c]);
	}
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

int zi_model_for(const struct zi_store *st, int year, const char *override,
		 struct zi_model **out, struct zi_diag *d)
{
	if (override && *override)
		return zi_model_load(override, out, d);
	const char *named =
		st ? json_string_value(json_object_get(st->manifest, "model")) : NULL;
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
		differs(c, "soal", _("question %ld: in node %ld in the master, %ld in the model"), id,
			parent_node, m->nodes[q->node].id);
	const char *type = json_string_value(json_object_get(s, "jenis_jawaban"));
	if (!type || !zi_strcaseeq(type, q->type))
		differs(c, "type", _("question %ld: type '%s' in the master, '%s' in the model"), id,
			type ? type : "", q->type);
	double w = json_number_value(json_object_get(s, "bobot_maksimal"));
	if (!same(w, q->weight))
		differs(c, "weight", _("question %ld: weight %g in the master, %g in the model"), id,
			w, q->weight);
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
			differs(c, "choices", _("question %ld: choice %zu is '%s' in the master, '%s' "
						"in the model"),
				id, i + 1, k ? k : "", q->choices[i].key);
		else if (!same(mult, q->choices[i].mult))
			differs(c, "choices", _("question %ld: choice %s multiplies by %g in the "
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
			differs(c, "weight", _("node %ld '%s': weight %g in the master, %g in the model"),
				id, n->name, w, n->weight);
		const char *level = json_string_value(json_object_get(jn, "level"));
		if (level && strcmp(level, n->level))
			differs(c, "level", _("node %ld: level '%s' in the master, '%s' in the model"),
				id, level, n->level);
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
static int verr(struct zi_verr *err, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int verr(struct zi_verr *err, const char *code, const char *fmt, ...)
{
	err->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int zi_model_check_answer(const struct zi_model *m, const struct zi_question *q,
			  const char *raw, struct zi_buf *out, struct zi_verr *err)
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
		return verr(err, "answer-invalid", _("soal %ld (%s): '%s' is not one of %s"), q->id,
			    q->type, raw, list);
	}
	case ZI_Q_COUNT: {
		long long v;
		struct zi_verr e2;
		if (zi_value_integer(tmp, &v, &e2)) {
			double dv;
			if (!zi_value_number(tmp, &dv, &e2) && dv == floor(dv) && dv >= 0 && dv < 1e15) {
				v = (long long)dv; /* "12,0" from a spreadsheet */
			} else {
				return verr(err, "answer-invalid",
					    _("soal %ld (%s): a count is a whole number, got '%s'"), q->id,
					    q->type, tmp);
			}
		}
		if (v < 0)
			return verr(err, "answer-invalid",
				    _("soal %ld (%s): a count cannot be negative, got '%s'"), q->id,
				    q->type, tmp);
		zi_buf_printf(out, "%lld", v);
		return 0;
	}
	case ZI_Q_SURVEY: {
		double v;
		struct zi_verr e2;
		if (zi_value_number(tmp, &v, &e2))
			return verr(err, "answer-invalid",
				    _("soal %ld (%s): a survey value is a number from 0 to 4, got '%s'"),
				    q->id, q->type, tmp);
		if (v < 0 || v > 4)
			return verr(err, "answer-invalid",
				    _("soal %ld (%s): a survey value is from 0 to 4, got '%s'"), q->id,
				    q->type, tmp);
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
	zi_format_number(round(value * 1e6) / 1e6, num, sizeof(num)); /* shown, not used */
	q->answer = zi_arena_strdup(&s->arena, num);
	q->src = ZI_V_DERIVED;
	q->value = value;
	q->why = why ? zi_arena_strdup(&s->arena, why) : NULL;
}

static void fmt_g(double v, char *out, size_t n);

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
				for (size_t a = 0; a < m->nareas; a++) {
					const struct zi_area *ar = &m->areas[a];
					size_t parts = m->area_each_half ? ar->nnodes : 1;
					for (size_t k = 0; k < parts; k++) {
						double val = m->area_each_half ? s->node[ar->nodes[k]] : s->area[a];
						double max = m->area_each_half ? m->nodes[ar->nodes[k]].weight : ar->max;
						double min = c->min_share * max;
						if (val + ZI_EPS >= min)
							continue;
						v->failed[v->nfailed++] = (struct zi_failed){
							c->id, m->area_each_half ? m->nodes[ar->nodes[k]].name : ar->name,
							val, min, NULL, NULL};
					}
				}
				continue;
			}
			if (c->kind == ZI_C_PREDICATE) {
				int ok = 0;
				for (size_t r = 0; r < c->nrequires; r++)
					if (!strcmp(s->held, c->requires[r]))
						ok = 1;
				if (!ok)
					v->failed[v->nfailed++] = (struct zi_failed){
						c->id, NULL, NAN, NAN, s->held,
						c->nrequires ? c->requires[0] : ""};
				continue;
			}
			double val = criterion_value(s, c);
			if (val + ZI_EPS < c->min)
				v->failed[v->nfailed++] =
					(struct zi_failed){c->id, NULL, val, c->min, NULL, NULL};
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

int zi_score_compute(struct zi_score *s, struct zi_diag *d)
{
	const struct zi_model *m = s->m;
	int rc = 0;
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
		q->score = mq->kind == ZI_Q_CHOICE ? q->value
			   : mq->kind == ZI_Q_SURVEY ? clamp01(q->value / 4)
						     : 0;
		if (!mq->scored)
			q->score = 0;
	}
	for (size_t i = 0; i < m->ndv; i++) {
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
			continue;
		}
		if (dv->formula == ZI_F_DECREASE) {
			if (ds->den == 0) {
				ds->zero = 1;
				ds->value = ds->num == 0 ? dv->zero_both : dv->zero_num;
			} else {
				ds->value = clamp01((ds->den - ds->num) / ds->den);
			}
			continue;
		}
		if (ds->num > ds->den && dv->above_error) {
			/* a filing above its requirement (a zero one too) is a data
			 * error to report, never a score to give silently */
			char a[64], b[64], sn[32], sd[32];
			id_sum(m, dv->num, dv->nnum, a, sizeof(a));
			id_sum(m, dv->den, dv->nden, b, sizeof(b));
			fmt_g(ds->num, sn, sizeof(sn));
			fmt_g(ds->den, sd, sizeof(sd));
			zi_diag_error(d, s->unit[0] ? s->unit : NULL, 0, dv->id, "numerator-above",
				      _("%s: %s is more than %s (soal %s over soal %s)"), dv->name, sn,
				      sd, a, b);
			rc = ZI_EDATA;
		}
		if (ds->den == 0) {
			ds->zero = 1;
			ds->value = ds->num == 0 ? dv->zero_both : dv->zero_num;
			continue;
		}
		double v = ds->num / ds->den;
		if (v > 1)
			ds->capped = 1;
		ds->value = clamp01(v);
	}
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

/* Output */
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
				json_object_set_new(c, "value", *fl->held ? json_string(fl->held)
									  : json_null());
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
	json_object_set_new(o, "verdict", verdict);
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

static void fmt_g(double v, char *out, size_t n)
{
	zi_format_number(round(v * 1e6) / 1e6, out, n);
}

static void explain_node(const struct zi_score *s, size_t k, struct zi_buf *b)
{
	const struct zi_model *m = s->m;
	const struct zi_node *n = &m->nodes[k];
	indent(b, n->depth);
	char w[32];
	fmt_g(n->weight, w, sizeof(w));
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
		fmt_g(cnt ? sum / (double)cnt : 0, mean, sizeof(mean));
		if (cnt < all && !zero)
			zi_buf_printf(b, _(" = mean %s of %zu answered (of %zu) x weight %s\n"), mean,
				      cnt, all, w);
		else
			zi_buf_printf(b, _(" = mean %s of %zu x weight %s\n"), mean, cnt, w);
	}
	for (size_t c = 0; c < n->nquestions; c++) {
		size_t qi = n->questions[c];
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
			fmt_g(q->score, v, sizeof(v));
			fmt_g(mq->weight, wq, sizeof(wq));
			zi_buf_printf(b, " -> %s x %s = %.2f", v, wq, q->score * mq->weight);
		} else {
			fmt_g(q->score, v, sizeof(v));
			zi_buf_printf(b, " -> %s", v);
		}
		if (!mq->scored && mq->note)
			zi_buf_printf(b, _(" (not scored: %s)"), mq->note);
		zi_buf_addc(b, '\n');
	}
	for (size_t c = 0; c < n->nderived; c++) {
		const struct zi_derived *dv = &m->dv[n->derived[c]];
		const struct zi_dscore *ds = &s->dv[n->derived[c]];
		indent(b, n->depth + 1);
		char a[32], bb[32], v[32];
		fmt_g(ds->num, a, sizeof(a));
		fmt_g(ds->den, bb, sizeof(bb));
		fmt_g(ds->value, v, sizeof(v));
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
				      m->q[dv->num[0]].id, m->q[dv->num[1]].id, m->q[dv->num[0]].id, bb,
				      a, bb);
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
			zi_buf_printf(b, "    %-42.42s %7.2f / %6.2f\n", m->nodes[h->children[c]].name,
				      s->node[h->children[c]], m->nodes[h->children[c]].weight);
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
				zi_buf_printf(b, "  soal %ld = %s: %s\n", m->q[i].id, s->q[i].answer,
					      s->q[i].why ? s->q[i].why : "");
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

char *zi_lke_file(const char *unit, int year)
{
	return zi_xasprintf("lke/%d/%s.csv", year, unit);
}

int zi_lke_put(struct zi_store *st, const char *unit, int year, struct zi_table *t,
	       struct zi_diag *d)
{
	zi_table_sort(t);
	char *rel = zi_lke_file(unit, year);
	int rc = zi_store_put_table(st, rel, t, d);
	free(rel);
	return rc;
}
