/* The national PortalRB's wire format: jawaban-unit files (a unit's answers
 * of both layers as JSON) in and out, the pengusulan lists, and the rule of
 * who is "proposed" for a year. The files are static: PortalRB fetches them
 * from wherever the export was put. */
#include "portalrb.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonio.h"
#include "records.h"
#include "sign.h"
#include "stages.h"
#include "units.h"
#include "util.h"
#include "values.h"

int zi_portalrb_is_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	int c;
	while ((c = fgetc(f)) != EOF && (c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
					 c == 0xEF || c == 0xBB || c == 0xBF))
		;
	fclose(f);
	return c == '{';
}

/* A value as text: a string, or a number written as zi writes it; NULL for
 * anything else. */
static const char *json_text(json_t *v, char *buf, size_t n)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, n, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		zi_format_number(json_real_value(v), buf, n);
		return buf;
	}
	return NULL;
}

/* The file is the unit's of the year. */
static void check_head(struct zi_lke_import *im, json_t *root, const char *unit, int year)
{
	const char *uid = json_string_value(json_object_get(root, "unit_id"));
	json_t *tahun = json_object_get(root, "tahun");
	if (!uid || strcmp(uid, unit)) {
		zi_diag_error(im->d, im->file, 0, "unit_id", "unit-mismatch",
			      _("the file is for unit '%s', not '%s'"), uid ? uid : "", unit);
		im->bad = 1;
	}
	if (!json_is_integer(tahun) || json_integer_value(tahun) != year) {
		zi_diag_error(im->d, im->file, 0, "tahun", "year-mismatch",
			      _("the file is for year %lld, not %d"),
			      (long long)json_integer_value(tahun), year);
		im->bad = 1;
	}
}

/* answers[i]: its soal and the five values. */
static void read_answer(struct zi_lke_import *im, json_t *a, size_t i)
{
	static const char *const keys[] = {"jawaban_unit", "jawaban_tpi", "catatan_unit",
					   "bukti_dukung_unit", "catatan_tpi"};
	char field[64], buf[64], idbuf[32];
	json_t *sid = json_object_get(a, "soal_id");
	snprintf(field, sizeof(field), "answers[%zu].soal_id", i);
	const char *idtext = json_is_integer(sid) ? json_text(sid, idbuf, sizeof(idbuf)) : "?";
	long qi = zi_lke_import_soal(im, idtext, 0, field);
	if (qi < 0)
		return;
	struct zi_lke_in *r = zi_lke_import_add(im, qi, 0);
	char **slots[] = {&r->answer, &r->tpi_answer, &r->note, &r->evidence, &r->tpi_note};
	for (int k = 0; k < 5; k++) {
		json_t *v = json_object_get(a, keys[k]);
		const char *t = v && !json_is_null(v) ? json_text(v, buf, sizeof(buf)) : "";
		snprintf(field, sizeof(field), "answers[%zu].%s", i, keys[k]);
		if (!t) {
			zi_diag_error(im->d, im->file, 0, field, "json-invalid",
				      _("soal %ld: a string, a number or null expected"),
				      im->m->q[qi].id);
			im->bad = 1;
		} else if (k < 2) {
			zi_lke_import_take(im, qi, 0, field, t, slots[k]);
		} else {
			*slots[k] = zi_xstrdup(t);
		}
	}
}

int zi_portalrb_read(struct zi_lke_import *im, const char *unit, int year)
{
	json_t *root = zi_json_load(im->file, im->d);
	if (!root)
		return ZI_EDATA;
	check_head(im, root, unit, year);
	json_t *answers = json_object_get(root, "answers");
	if (!json_is_array(answers)) {
		zi_diag_error(im->d, im->file, 0, "answers", "json-invalid",
			      _("not a PortalRB jawaban-unit file: no answers array"));
		im->bad = 1;
	}
	for (size_t i = 0; i < json_array_size(answers); i++)
		read_answer(im, json_array_get(answers, i), i);
	json_decref(root);
	return im->bad ? ZI_EDATA : 0;
}

/* --- out --- */

static json_t *answer_value(const struct zi_question *q, const char *v)
{
	if (!*v)
		return json_null();
	if (q && q->kind == ZI_Q_COUNT)
		return json_integer(strtoll(v, NULL, 10));
	if (q && q->kind == ZI_Q_SURVEY) {
		double d = strtod(v, NULL);
		if (d == floor(d))
			return json_integer((json_int_t)d);
		return json_real(d);
	}
	return json_string(v);
}

static json_t *text_or_null(const char *v)
{
	return *v ? json_string(v) : json_null();
}

json_t *zi_portalrb_answers(const struct zi_model *m, const struct zi_table *t, const char *unit,
			    const char *name, int year)
{
	json_t *doc = json_object(), *answers = json_array();
	json_object_set_new(doc, "unit_id", json_string(unit));
	json_object_set_new(doc, "nama_unit", json_string(name));
	json_object_set_new(doc, "tahun", json_integer(year));
	for (size_t i = 0; i < t->n; i++) {
		const char *v[ZI_A_NFIELDS];
		zi_table_row(t, i, v);
		if (!*v[ZI_A_UNIT] && !*v[ZI_A_TPI] && !*v[ZI_A_UNIT_NOTE] &&
		    !*v[ZI_A_UNIT_EVIDENCE] && !*v[ZI_A_TPI_NOTE])
			continue;
		long qi = zi_model_question(m, atol(v[ZI_A_SOAL]));
		const struct zi_question *q = qi >= 0 ? &m->q[qi] : NULL;
		json_t *a = json_object();
		json_object_set_new(a, "soal_id", json_integer(atol(v[ZI_A_SOAL])));
		json_object_set_new(a, "jawaban_unit", answer_value(q, v[ZI_A_UNIT]));
		json_object_set_new(a, "jawaban_tpi", answer_value(q, v[ZI_A_TPI]));
		json_object_set_new(a, "catatan_unit", text_or_null(v[ZI_A_UNIT_NOTE]));
		json_object_set_new(a, "bukti_dukung_unit", text_or_null(v[ZI_A_UNIT_EVIDENCE]));
		json_object_set_new(a, "catatan_tpi", text_or_null(v[ZI_A_TPI_NOTE]));
		json_array_append_new(answers, a);
	}
	json_object_set_new(doc, "answers", answers);
	return doc;
}

int zi_portalrb_proposed(const struct zi_table *units, size_t r, const struct zi_table *stages,
			 int year, const char **held)
{
	if (!strcmp(zi_table_get(units, r, ZI_U_RETIRED), "true"))
		return 0;
	size_t *h, n = zi_stage_history(stages, zi_table_get(units, r, ZI_U_ID), &h);
	const char *on = NULL;
	for (size_t i = 0; i < n; i++)
		if (zi_stage_parse(zi_table_get(stages, h[i], ZI_ST_STAGE)) == ZI_STAGE_PENGUSULAN &&
		    atoi(zi_table_get(stages, h[i], ZI_ST_DATE)) == year)
			on = zi_table_get(stages, h[i], ZI_ST_DATE);
	free(h);
	struct zi_stage_state s;
	if (!on && !n) {
		/* no history: units.csv alone */
		char end[11];
		snprintf(end, sizeof(end), "%04d-12-31", year);
		if (zi_unit_state_at(units, r, stages, end, &s) &&
		    zi_stage_parse(s.stage) >= ZI_STAGE_PENGUSULAN && atoi(s.date) == year)
			on = s.date;
	}
	if (!on)
		return 0;
	zi_unit_state_at(units, r, stages, on, &s);
	*held = s.predicate;
	return 1;
}

static int write_json(const char *path, json_t *doc, struct zi_diag *d)
{
	if (zi_mkdirs_for(path)) {
		zi_diag_error(d, path, 0, NULL, "io-write", _("cannot create: %s"), strerror(errno));
		return ZI_EIO;
	}
	struct zi_buf b;
	zi_buf_init(&b);
	zi_json_dump(doc, &b);
	int rc = zi_write_output(path, b.data ? b.data : "", b.len, d);
	zi_buf_release(&b);
	return rc;
}

/* The pengusulan entry of unit row r; *wbbm: which list it goes to. */
static json_t *proposal(const struct zi_table *units, size_t r, const char *held, int *wbbm)
{
	int afirmasi = !strcmp(zi_table_get(units, r, ZI_U_AFIRMASI), "true");
	*wbbm = !strcmp(zi_table_get(units, r, ZI_U_TARGET), "WBBM") && !strcmp(held, "WBK");
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(zi_table_get(units, r, ZI_U_ID)));
	json_object_set_new(o, "nama", json_string(zi_table_get(units, r, ZI_U_NAME)));
	json_object_set_new(o, "kategori",
			    json_string(*wbbm	   ? "WBBM"
					: afirmasi ? "WBK-AFIRMASI"
						   : "WBK"));
	json_object_set_new(o, "afirmasi", json_boolean(afirmasi));
	return o;
}

/* DIR/lke/jawaban-unit/UNIT of unit row r. */
static int export_answers(struct zi_store *st, const struct zi_model *m, int year, const char *dir,
			  const struct zi_table *units, size_t r, struct zi_diag *d)
{
	const char *id = zi_table_get(units, r, ZI_U_ID);
	struct zi_schema *ls;
	struct zi_table t;
	int rc = zi_lke_load(st, id, year, &ls, &t, d);
	if (!rc) {
		json_t *doc = zi_portalrb_answers(m, &t, id, zi_table_get(units, r, ZI_U_NAME),
						  year);
		char *path = zi_xasprintf("%s/lke/jawaban-unit/%s", dir, id);
		rc = write_json(path, doc, d);
		free(path);
		json_decref(doc);
	}
	if (ls)
		zi_table_release(&t);
	zi_schema_free(ls);
	return rc;
}

static int export_units(struct zi_store *st, const struct zi_model *m, int year, const char *dir,
			const struct zi_table *units, const struct zi_table *stages, size_t *nunits,
			struct zi_diag *d)
{
	json_t *lists[2];
	for (int k = 0; k < 2; k++) {
		lists[k] = json_object();
		json_object_set_new(lists[k], "tahun", json_integer(year));
		json_object_set_new(lists[k], "units", json_array());
	}
	int rc = 0;
	for (size_t r = 0; !rc && r < units->n; r++) {
		const char *held = "";
		if (!zi_portalrb_proposed(units, r, stages, year, &held))
			continue;
		int wbbm;
		json_t *o = proposal(units, r, held, &wbbm);
		json_array_append_new(json_object_get(lists[wbbm], "units"), o);
		rc = export_answers(st, m, year, dir, units, r, d);
		if (!rc)
			(*nunits)++;
	}
	static const char *const names[2] = {"unit-wbk", "unit-wbbm"};
	for (int k = 0; k < 2; k++) {
		if (!rc) {
			char *path = zi_xasprintf("%s/pengusulan/%s", dir, names[k]);
			rc = write_json(path, lists[k], d);
			free(path);
		}
		json_decref(lists[k]);
	}
	return rc;
}

int zi_portalrb_export(struct zi_store *st, const struct zi_model *m, int year, const char *dir,
		       size_t *nunits, struct zi_diag *d)
{
	*nunits = 0;
	struct zi_schema *us = zi_schema_get("units", d), *ss = zi_schema_get("stages", d);
	if (!us || !ss) {
		zi_schema_free(us);
		zi_schema_free(ss);
		return ZI_EINTERNAL;
	}
	struct zi_table units, stages;
	zi_table_init(&units, us);
	zi_table_init(&stages, ss);
	int rc = zi_records_load(st, "units", NULL, &units, d);
	if (!rc)
		rc = zi_records_load(st, "stages", NULL, &stages, d);
	if (!rc)
		rc = export_units(st, m, year, dir, &units, &stages, nunits, d);
	zi_table_release(&units);
	zi_table_release(&stages);
	zi_schema_free(us);
	zi_schema_free(ss);
	return rc;
}

/* --- the LHKAN recap --- */

/* One row of counts, for the instansi or a unit. */
struct lhkan {
	unsigned long wajib, tidak_wajib, lhkpn, lhkasn;
};

static void lhkan_row(struct zi_buf *b, int per_unit, const char *unit, const char *name, int year,
		      const struct lhkan *x, const char *pic, const char *link, const char *note)
{
	if (per_unit) {
		zi_csv_add_field_safe(b, unit);
		zi_buf_addc(b, ',');
	}
	zi_csv_add_field_safe(b, name);
	unsigned long belum_lhkpn = x->wajib - x->lhkpn, belum_lhkasn = x->tidak_wajib - x->lhkasn;
	zi_buf_printf(b, ",%d,%lu,%lu,%lu,%lu,%lu,%lu,%lu,", year, x->wajib + x->tidak_wajib,
		      x->wajib, x->tidak_wajib, x->lhkpn, x->lhkasn, belum_lhkasn,
		      belum_lhkpn + belum_lhkasn);
	zi_csv_add_field_safe(b, pic ? pic : "");
	zi_buf_addc(b, ',');
	zi_csv_add_field_safe(b, link ? link : "");
	zi_buf_addc(b, ',');
	zi_csv_add_field_safe(b, note ? note : "");
	zi_buf_addc(b, '\n');
}

/* The counts of one unit: its staff on the roster on as_of, and the reports
 * they filed from `from` (the year's first day) up to as_of. */
static int lhkan_unit(struct zi_store *st, const char *id, const char *from, const char *as_of,
		      struct zi_coverage_set *cs, struct zi_table *year_sigs, struct lhkan *x,
		      struct zi_diag *d)
{
	const unsigned docs = (1u << ZI_DOC_LHKPN) | (1u << ZI_DOC_LHKASN);
	int rc = zi_coverage_unit(st, id, as_of, docs, cs, d);
	if (rc)
		return rc;
	/* a report of an earlier year is no filing for this one */
	zi_table_release(year_sigs);
	zi_table_init(year_sigs, cs->sig_schema);
	for (size_t j = 0; j < cs->sigs.n; j++)
		if (strcmp(zi_table_get(&cs->sigs, j, ZI_G_DATE), from) >= 0)
			zi_table_add_shared(year_sigs, cs->sigs.rows[j], cs->sigs.lines[j]);
	zi_coverage_compute(cs, &cs->staff, year_sigs, id, as_of, docs);
	memset(x, 0, sizeof(*x));
	for (size_t k = 0; k < cs->n; k++) {
		if (cs->docs[k].doc == ZI_DOC_LHKPN) {
			x->wajib = cs->docs[k].required;
			x->lhkpn = cs->docs[k].signed_n;
		} else {
			x->tidak_wajib = cs->docs[k].required;
			x->lhkasn = cs->docs[k].signed_n;
		}
	}
	return 0;
}

static int lhkan_units(struct zi_store *st, const struct zi_table *units,
		       const struct zi_portalrb_lhkan *o, struct zi_buf *b, struct lhkan *all,
		       struct zi_diag *d)
{
	struct zi_coverage_set cs;
	int rc = zi_coverage_init(&cs, d);
	if (rc)
		return rc;
	char from[11];
	snprintf(from, sizeof(from), "%04d-01-01", o->year);
	struct zi_table year_sigs;
	zi_table_init(&year_sigs, cs.sig_schema);
	for (size_t r = 0; r < units->n && !rc; r++) {
		if (!strcmp(zi_table_get(units, r, ZI_U_RETIRED), "true"))
			continue;
		const char *id = zi_table_get(units, r, ZI_U_ID);
		struct lhkan x;
		if ((rc = lhkan_unit(st, id, from, o->as_of, &cs, &year_sigs, &x, d)))
			break;
		all->wajib += x.wajib;
		all->tidak_wajib += x.tidak_wajib;
		all->lhkpn += x.lhkpn;
		all->lhkasn += x.lhkasn;
		if (o->per_unit)
			lhkan_row(b, 1, id, zi_table_get(units, r, ZI_U_NAME), o->year, &x, "", "",
				  "");
	}
	zi_table_release(&year_sigs);
	zi_coverage_release(&cs);
	return rc;
}

int zi_portalrb_lhkan(struct zi_store *st, const struct zi_portalrb_lhkan *o, struct zi_buf *b,
		      struct zi_diag *d)
{
	struct zi_schema *us = zi_schema_get("units", d);
	if (!us)
		return ZI_EINTERNAL;
	struct zi_table units;
	zi_table_init(&units, us);
	int rc = zi_records_load(st, "units", NULL, &units, d);
	if (o->per_unit)
		zi_buf_adds(b, "Kode Unit,");
	zi_buf_adds(b, "Nama Instansi,Periode,Total Aparatur,Wajib LHKPN,Tidak Wajib LHKPN,"
		       "Realisasi LHKPN,Realisasi SPT Non LHKPN,Belum SPT Non LHKPN,"
		       "Total Belum LHKAN,PIC,Link Rekap,Catatan\n");
	struct lhkan all = {0};
	if (!rc)
		rc = lhkan_units(st, &units, o, b, &all, d);
	if (!rc) {
		const char *inst = json_string_value(json_object_get(st->manifest, "instansi"));
		lhkan_row(b, o->per_unit, "", inst ? inst : "", o->year, &all, o->pic, o->link,
			  o->note);
	}
	zi_table_release(&units);
	zi_schema_free(us);
	return rc;
}

int zi_portalrb_lhkan_as_of(int year, char as_of[11])
{
	char today[11], y[5];
	zi_today(today);
	if (!as_of[0]) {
		snprintf(as_of, 11, "%04d-12-31", year);
		if (strcmp(today, as_of) < 0)
			memcpy(as_of, today, 11);
	}
	snprintf(y, sizeof(y), "%04d", year);
	return strncmp(as_of, y, 4) ? -1 : 0;
}
