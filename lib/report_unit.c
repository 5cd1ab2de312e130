/* One unit's whole file today: stage history, declarations, coverage with
 * who is missing, the survey of the year, complaints; as text, Markdown or
 * JSON. */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "declare.h"
#include "jsonio.h"
#include "stages.h"

int zi_report_unit(struct zi_store *st, const char *unit, const char *format,
		   struct zi_buf *out, struct zi_diag *d)
{
	struct zi_report r;
	int rc = zi_rep_gather_today(st, 1, 0, &r, d);
	if (rc) {
		zi_report_release(&r);
		return rc;
	}
	long ui = zi_rep_unit_index(&r, unit);
	if (ui < 0) {
		zi_diag_error(d, NULL, 0, NULL, "unit-unknown",
			      _("no unit '%s' in the programme (see 'zi-unit list')"), unit);
		zi_report_release(&r);
		return ZI_EDATA;
	}
	const struct zi_rep_unit *u = &r.units[ui];
	struct zi_schema *ss, *ds, *cs_;
	struct zi_table stages, decls, compl;
	rc = zi_rep_load(st, "stages.csv", "stages", &stages, &ss, d);
	if (!rc)
		rc = zi_rep_load(st, "declarations.csv", "declarations", &decls, &ds, d);
	if (!rc)
		rc = zi_rep_load(st, "complaints.csv", "complaints", &compl, &cs_, d);
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
			if (!strcmp(zi_table_get(&decls, i, ZI_D_UNIT), unit))
				json_array_append_new(dl, zi_json_row(&decls, i));
		json_object_set_new(o, "declarations", dl);
		json_t *cv = json_array();
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			json_array_append_new(cv, zi_rep_coverage_json(u, k, 0, 0, 1));
		}
		json_object_set_new(o, "coverage", cv);
		if (u->has_ikm) {
			json_t *s = json_object();
			json_object_set_new(s, "year", json_integer(r.year));
			json_object_set_new(s, "ikm", zi_rep_jreal(u->ikm));
			char g[2] = {u->ikm_grade, 0};
			json_object_set_new(s, "grade", json_string(g));
			json_object_set_new(o, "ikm", s);
		}
		json_t *cl = json_array();
		for (size_t i = 0; i < compl.n; i++)
			if (!strcmp(zi_table_get(&compl, i, ZI_K_UNIT), unit))
				json_array_append_new(cl, zi_json_row(&compl, i));
		json_object_set_new(o, "complaints", cl);
		zi_json_dump(o, out);
		json_decref(o);
	} else {
		struct zi_rep_out o = {.kind = !strcmp(format, "md") ? ZI_OUT_MD : ZI_OUT_TEXT, .b = out};
		char title[512];
		snprintf(title, sizeof(title), "%s: %s", u->id, u->name);
		if (o.kind == ZI_OUT_MD) {
			zi_buf_adds(out, "# ");
			zi_esc(out, title, ZI_ESC_MD);
			zi_buf_adds(out, "\n\n");
		}
		else
			zi_buf_printf(out, "%s\n", title);
		char line[512], asof[64];
		zi_rep_hdate(asof, sizeof(asof), r.month_end);
		snprintf(line, sizeof(line), _("Stage %s, predicate %s, on %s."), u->stage,
			 *u->predicate ? u->predicate : _("none"), asof);
		zi_rep_para(&o, line);
		zi_rep_heading(&o, 2, _("Stage history"));
		struct zi_ttable t;
		zi_tt_init(&t, 4);
		const char *h1[] = {_("date"), _("stage"), _("ref"), _("note")};
		zi_tt_add(&t, h1);
		for (size_t k = 0; k < nh; k++) {
			size_t i = hist[k];
			char dl[64];
			zi_rep_hdate(dl, sizeof(dl), zi_table_get(&stages, i, ZI_ST_DATE));
			const char *row[] = {dl,
					     zi_table_get(&stages, i, ZI_ST_STAGE),
					     zi_table_get(&stages, i, ZI_ST_REF),
					     zi_table_get(&stages, i, ZI_ST_NOTE)};
			zi_tt_add(&t, row);
		}
		zi_rep_table(&o, &t);
		zi_rep_heading(&o, 2, _("Declarations"));
		zi_tt_init(&t, 4);
		const char *h2[] = {_("date"), _("id"), _("venue"), _("witnesses")};
		zi_tt_add(&t, h2);
		for (size_t i = 0; i < decls.n; i++)
			if (!strcmp(zi_table_get(&decls, i, ZI_D_UNIT), unit)) {
				char dl[64];
				zi_rep_hdate(dl, sizeof(dl), zi_table_get(&decls, i, ZI_D_DATE));
				const char *row[] = {dl, zi_table_get(&decls, i, ZI_D_ID),
						     zi_table_get(&decls, i, ZI_D_VENUE), zi_table_get(&decls, i, ZI_D_WITNESSES)};
				zi_tt_add(&t, row);
			}
		zi_rep_table(&o, &t);
		zi_rep_heading(&o, 2, _("Coverage"));
		zi_tt_init(&t, 5);
		t.right[1] = t.right[2] = t.right[3] = 1;
		const char *h3[] = {_("document"), _("required"), _("signed"), _("percent"), _("missing")};
		zi_tt_add(&t, h3);
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			char a[32], b2[32], c[32];
			zi_rep_hint(a, sizeof(a), (long)u->cov[k].required);
			zi_rep_hint(b2, sizeof(b2), (long)u->cov[k].signed_n);
			zi_rep_pct(c, sizeof(c), &u->cov[k]);
			struct zi_buf m;
			zi_buf_init(&m);
			for (size_t j = 0; j < u->cov[k].nmissing; j++)
				zi_buf_printf(&m, "%s%s %s", j ? ", " : "", u->cov[k].missing[j].nip,
					      u->cov[k].missing[j].name);
			const char *row[] = {zi_rep_doc_label(k), a, b2, c, m.data ? m.data : ""};
			zi_tt_add(&t, row);
			zi_buf_release(&m);
		}
		zi_rep_table(&o, &t);
		snprintf(line, sizeof(line), _("Surveys %d"), r.year);
		zi_rep_heading(&o, 2, line);
		if (u->has_ikm) {
			char ikm[32], nr[32];
			zi_rep_hnum(ikm, sizeof(ikm), u->ikm);
			zi_rep_hint(nr, sizeof(nr), (long)u->ikm_respondents);
			snprintf(line, sizeof(line), _("IKM %s (grade %c) from %s respondents."), ikm,
				 u->ikm_grade, nr);
			zi_rep_para(&o, line);
		} else {
			zi_rep_para(&o, _("(none)"));
		}
		zi_rep_heading(&o, 2, _("Public complaints"));
		zi_tt_init(&t, 5);
		const char *h4[] = {_("id"), _("received"), _("status"), _("resolved"), _("summary")};
		zi_tt_add(&t, h4);
		for (size_t i = 0; i < compl.n; i++)
			if (!strcmp(zi_table_get(&compl, i, ZI_K_UNIT), unit)) {
				char rd[64], sd[64];
				zi_rep_hdate(rd, sizeof(rd), zi_table_get(&compl, i, ZI_K_RECEIVED));
				zi_rep_hdate(sd, sizeof(sd), zi_table_get(&compl, i, ZI_K_RESOLVED));
				const char *row[] = {zi_table_get(&compl, i, ZI_K_ID), rd,
						     zi_table_get(&compl, i, ZI_K_STATUS), sd,
						     zi_table_get(&compl, i, ZI_K_SUMMARY)};
				zi_tt_add(&t, row);
			}
		zi_rep_table(&o, &t);
	}
	free(hist);
	zi_rep_unload(&stages, ss);
	zi_rep_unload(&decls, ds);
	zi_rep_unload(&compl, cs_);
	zi_report_release(&r);
	return 0;
}
