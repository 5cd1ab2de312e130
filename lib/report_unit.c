/* One unit's whole file today: stage history, declarations, coverage with
 * who is missing, the survey of the year, complaints; as text, Markdown or
 * JSON. The public edition names nobody: no NIP or name of who is missing,
 * no complaint summary. */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "declare.h"
#include "jsonio.h"
#include "stages.h"

/* What the file shows: the report of today, the unit in it, its rows of the
 * programme's tables. */
struct unit_file {
	struct zi_report r;
	const struct zi_rep_unit *u;
	struct zi_schema *ss, *ds, *cs;
	struct zi_table stages, decls, complaints;
	size_t *hist, nh; /* the unit's stage changes in the order they happened */
	int public;
};

static void unit_release(struct unit_file *f)
{
	free(f->hist);
	if (f->ss)
		zi_rep_unload(&f->stages, f->ss);
	if (f->ds)
		zi_rep_unload(&f->decls, f->ds);
	if (f->cs)
		zi_rep_unload(&f->complaints, f->cs);
	zi_report_release(&f->r);
}

static int unit_load(struct zi_store *st, const char *unit, int public, struct unit_file *f,
		     struct zi_diag *d)
{
	memset(f, 0, sizeof(*f));
	f->public = public;
	int rc = zi_rep_gather_today(st, 1, public, &f->r, d);
	if (rc)
		return rc;
	long ui = zi_rep_unit_index(&f->r, unit);
	if (ui < 0) {
		zi_diag_error(d, NULL, 0, NULL, "unit-unknown",
			      _("no unit '%s' in the programme (see 'zi-unit list')"), unit);
		return ZI_EDATA;
	}
	f->u = &f->r.units[ui];
	rc = zi_rep_load(st, "stages", &f->stages, &f->ss, d);
	if (!rc)
		rc = zi_rep_load(st, "declarations", &f->decls, &f->ds, d);
	if (!rc)
		rc = zi_rep_load(st, "complaints", &f->complaints, &f->cs, d);
	if (!rc)
		f->nh = zi_stage_history(&f->stages, unit, &f->hist);
	return rc;
}

static void unit_json(const struct unit_file *f, struct zi_buf *out)
{
	const struct zi_rep_unit *u = f->u;
	json_t *o = json_object();
	json_object_set_new(o, "unit", json_string(u->id));
	json_object_set_new(o, "name", json_string(u->name));
	json_object_set_new(o, "stage", json_string(u->stage));
	json_object_set_new(o, "predicate", *u->predicate ? json_string(u->predicate) : json_null());
	json_object_set_new(o, "as_of", json_string(f->r.month_end));
	if (f->public)
		json_object_set_new(o, "public", json_true());
	json_t *h = json_array();
	for (size_t k = 0; k < f->nh; k++)
		json_array_append_new(h, zi_json_row(&f->stages, f->hist[k]));
	json_object_set_new(o, "stages", h);
	json_t *dl = json_array();
	for (size_t i = 0; i < f->decls.n; i++)
		if (!strcmp(zi_table_get(&f->decls, i, ZI_D_UNIT), u->id))
			json_array_append_new(dl, zi_json_row(&f->decls, i));
	json_object_set_new(o, "declarations", dl);
	json_t *cv = json_array();
	for (int k = 0; k < ZI_DOC_COUNT; k++)
		json_array_append_new(cv, zi_rep_coverage_json(u, k, 0, 0, !f->public));
	json_object_set_new(o, "coverage", cv);
	if (u->has_ikm) {
		json_t *s = json_object();
		json_object_set_new(s, "year", json_integer(f->r.year));
		json_object_set_new(s, "ikm", zi_rep_jreal(u->ikm));
		char g[2] = {u->ikm_grade, 0};
		json_object_set_new(s, "grade", json_string(g));
		json_object_set_new(o, "ikm", s);
	}
	json_t *cl = json_array();
	for (size_t i = 0; i < f->complaints.n; i++)
		if (!strcmp(zi_table_get(&f->complaints, i, ZI_K_UNIT), u->id)) {
			json_t *c = zi_json_row(&f->complaints, i);
			if (f->public) /* what the complainant told */
				json_object_del(c, f->complaints.schema->fields[ZI_K_SUMMARY].name);
			json_array_append_new(cl, c);
		}
	json_object_set_new(o, "complaints", cl);
	zi_json_dump(o, out);
	json_decref(o);
}

static void unit_stages(const struct unit_file *f, struct zi_rep_out *o)
{
	zi_rep_heading(o, 2, _("Stage history"));
	struct zi_ttable t;
	const char *h1[] = {_("date"), _("stage"), _("ref"), _("note")};
	zi_rep_table_start(&t, "llll", h1);
	for (size_t k = 0; k < f->nh; k++) {
		size_t i = f->hist[k];
		char dl[64];
		zi_rep_hdate(dl, sizeof(dl), zi_table_get(&f->stages, i, ZI_ST_DATE));
		const char *row[] = {dl, zi_table_get(&f->stages, i, ZI_ST_STAGE),
				     zi_table_get(&f->stages, i, ZI_ST_REF),
				     zi_table_get(&f->stages, i, ZI_ST_NOTE)};
		zi_tt_add(&t, row);
	}
	zi_rep_table(o, &t);
}

static void unit_decls(const struct unit_file *f, struct zi_rep_out *o)
{
	zi_rep_heading(o, 2, _("Declarations"));
	struct zi_ttable t;
	const char *h2[] = {_("date"), _("id"), _("venue"), _("witnesses")};
	zi_rep_table_start(&t, "llll", h2);
	for (size_t i = 0; i < f->decls.n; i++)
		if (!strcmp(zi_table_get(&f->decls, i, ZI_D_UNIT), f->u->id)) {
			char dl[64];
			zi_rep_hdate(dl, sizeof(dl), zi_table_get(&f->decls, i, ZI_D_DATE));
			const char *row[] = {dl, zi_table_get(&f->decls, i, ZI_D_ID),
					     zi_table_get(&f->decls, i, ZI_D_VENUE),
					     zi_table_get(&f->decls, i, ZI_D_WITNESSES)};
			zi_tt_add(&t, row);
		}
	zi_rep_table(o, &t);
}

/* Coverage per document; who is missing (NIP and name) only when not
 * public. */
static void unit_coverage(const struct unit_file *f, struct zi_rep_out *o)
{
	const struct zi_rep_unit *u = f->u;
	zi_rep_heading(o, 2, _("Coverage"));
	struct zi_ttable t;
	const char *h3[] = {_("document"), _("required"), _("signed"), _("percent"), _("missing")};
	zi_rep_table_start(&t, f->public ? "lrrr" : "lrrrl", h3);
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		char a[32], b2[32], c[32];
		zi_rep_hint(a, sizeof(a), (long)u->cov[k].required);
		zi_rep_hint(b2, sizeof(b2), (long)u->cov[k].signed_n);
		zi_rep_pct(c, sizeof(c), &u->cov[k]);
		struct zi_buf m;
		zi_buf_init(&m);
		for (size_t j = 0; !f->public && j < u->cov[k].nmissing; j++)
			zi_buf_printf(&m, "%s%s %s", j ? ", " : "", u->cov[k].missing[j].nip,
				      u->cov[k].missing[j].name);
		const char *row[] = {zi_rep_doc_label(k), a, b2, c, m.data ? m.data : ""};
		zi_tt_add(&t, row);
		zi_buf_release(&m);
	}
	zi_rep_table(o, &t);
}

static void unit_survey(const struct unit_file *f, struct zi_rep_out *o)
{
	const struct zi_rep_unit *u = f->u;
	char line[512];
	snprintf(line, sizeof(line), _("Surveys %d"), f->r.year);
	zi_rep_heading(o, 2, line);
	if (!u->has_ikm) {
		zi_rep_para(o, _("(none)"));
		return;
	}
	char ikm[32], nr[32];
	zi_rep_hnum(ikm, sizeof(ikm), u->ikm);
	zi_rep_hint(nr, sizeof(nr), (long)u->ikm_respondents);
	snprintf(line, sizeof(line), _("IKM %s (grade %c) from %s respondents."), ikm, u->ikm_grade,
		 nr);
	zi_rep_para(o, line);
}

/* The unit's complaints; their summaries (what the complainant told) only
 * when not public. */
static void unit_complaints(const struct unit_file *f, struct zi_rep_out *o)
{
	zi_rep_heading(o, 2, _("Public complaints"));
	struct zi_ttable t;
	const char *h4[] = {_("id"), _("received"), _("status"), _("resolved"), _("summary")};
	zi_rep_table_start(&t, f->public ? "llll" : "lllll", h4);
	for (size_t i = 0; i < f->complaints.n; i++)
		if (!strcmp(zi_table_get(&f->complaints, i, ZI_K_UNIT), f->u->id)) {
			char rd[64], sd[64];
			zi_rep_hdate(rd, sizeof(rd), zi_table_get(&f->complaints, i, ZI_K_RECEIVED));
			zi_rep_hdate(sd, sizeof(sd), zi_table_get(&f->complaints, i, ZI_K_RESOLVED));
			const char *row[] = {zi_table_get(&f->complaints, i, ZI_K_ID), rd,
					     zi_table_get(&f->complaints, i, ZI_K_STATUS), sd,
					     zi_table_get(&f->complaints, i, ZI_K_SUMMARY)};
			zi_tt_add(&t, row);
		}
	zi_rep_table(o, &t);
}

static void unit_text(const struct unit_file *f, const char *format, struct zi_buf *out)
{
	const struct zi_rep_unit *u = f->u;
	struct zi_rep_out o = {.kind = !strcmp(format, "md") ? ZI_OUT_MD : ZI_OUT_TEXT, .b = out};
	char title[512];
	snprintf(title, sizeof(title), "%s: %s", u->id, u->name);
	if (o.kind == ZI_OUT_MD) {
		zi_buf_adds(out, "# ");
		zi_esc(out, title, ZI_ESC_MD);
		zi_buf_adds(out, "\n\n");
	} else {
		zi_buf_printf(out, "%s\n", title);
	}
	char line[512], asof[64];
	zi_rep_hdate(asof, sizeof(asof), f->r.month_end);
	snprintf(line, sizeof(line), _("Stage %s, predicate %s, on %s."), u->stage,
		 *u->predicate ? u->predicate : _("none"), asof);
	zi_rep_para(&o, line);
	if (f->public)
		zi_rep_para(&o, zi_rep_public_note());
	unit_stages(f, &o);
	unit_decls(f, &o);
	unit_coverage(f, &o);
	unit_survey(f, &o);
	unit_complaints(f, &o);
}

int zi_report_unit(struct zi_store *st, const char *unit, const char *format, int public,
		   struct zi_buf *out, struct zi_diag *d)
{
	struct unit_file f;
	int rc = unit_load(st, unit, public, &f, d);
	if (!rc && !strcmp(format, "json"))
		unit_json(&f, out);
	else if (!rc)
		unit_text(&f, format, out);
	unit_release(&f);
	return rc;
}
