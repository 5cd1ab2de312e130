#include "units.h"

#include <stdio.h>
#include <string.h>

#include "records.h"
#include "values.h"

const char *const zi_stage_names[ZI_STAGE_COUNT] = {
	"calon",      "pencanangan",  "pembangunan", "penilaian-tpi",
	"pengusulan", "evaluasi-tpn", "penetapan",
};

int zi_stage_parse(const char *s)
{
	for (int i = 0; i < ZI_STAGE_COUNT; i++)
		if (zi_strcaseeq(s, zi_stage_names[i]))
			return i;
	return -1;
}

int zi_stage_check(const char *from_s, const char *predicate, const char *to_s,
		   const char *new_predicate, char *why, size_t whysz)
{
	int from = zi_stage_parse(from_s), to = zi_stage_parse(to_s);
	if (to < 0) {
		snprintf(why, whysz, _("unknown stage '%s'"), to_s);
		return -1;
	}
	if (from < 0)
		from = ZI_STAGE_CALON;
	if (new_predicate && *new_predicate && to != ZI_STAGE_PENETAPAN) {
		snprintf(why, whysz, _("a predicate is given only at penetapan"));
		return -1;
	}
	if (to == ZI_STAGE_PEMBANGUNAN &&
	    (from == ZI_STAGE_PENILAIAN_TPI || from == ZI_STAGE_PENGUSULAN ||
	     from == ZI_STAGE_EVALUASI_TPN))
		return 0; /* a failed evaluation */
	if (to == ZI_STAGE_PEMBANGUNAN && from == ZI_STAGE_PENETAPAN) {
		if (!strcmp(predicate, "WBK"))
			return 0; /* a new cycle toward WBBM */
		snprintf(why, whysz,
			 _("a new cycle after penetapan is for a unit holding WBK, working toward "
			   "WBBM"));
		return -1;
	}
	if (from == ZI_STAGE_PENETAPAN) {
		snprintf(why, whysz,
			 _("a unit at penetapan has finished its cycle: only a new cycle "
			   "(pembangunan, for a unit holding WBK) can follow"));
		return -1;
	}
	if (to == from) {
		snprintf(why, whysz, _("the unit is already at stage %s"), zi_stage_names[to]);
		return -1;
	}
	if (to != from + 1) {
		snprintf(why, whysz,
			 _("a unit at stage %s cannot move to %s: stages move forward one at a "
			   "time (next: %s)"),
			 zi_stage_names[from], zi_stage_names[to],
			 from + 1 < ZI_STAGE_COUNT ? zi_stage_names[from + 1] : "-");
		return -1;
	}
	if (to == ZI_STAGE_PENETAPAN) {
		if (!new_predicate || !*new_predicate) {
			snprintf(why, whysz, _("penetapan needs --predicate WBK or WBBM"));
			return -1;
		}
		if (strcmp(new_predicate, "WBK") && strcmp(new_predicate, "WBBM")) {
			snprintf(why, whysz, _("the predicate is WBK or WBBM, got '%s'"),
				 new_predicate);
			return -1;
		}
		if (!strcmp(new_predicate, "WBBM") && strcmp(predicate, "WBK") &&
		    strcmp(predicate, "WBBM")) {
			snprintf(why, whysz, _("WBBM is only for a unit that already holds WBK"));
			return -1;
		}
	}
	return 0;
}

int zi_unit_id_check(const char *id, struct zi_diag *d)
{
	struct zi_verr err;
	if (zi_value_slug(id, &err)) {
		zi_diag_error(d, NULL, 0, NULL, err.code, "%s", err.msg);
		return ZI_EUSAGE;
	}
	return 0;
}

long zi_unit_find(const struct zi_table *units, const char *id, struct zi_diag *d)
{
	const char *key[1] = {id};
	long r = zi_table_find(units, key);
	if (r < 0 && d)
		zi_diag_error(d, NULL, 0, NULL, "unit-unknown",
			      _("no unit '%s' (see 'zi-unit list')"), id);
	return r;
}

long zi_unit_live(const struct zi_table *units, const char *unit, int for_write, char *why,
		  size_t whysz, const char **code)
{
	long r = zi_unit_find(units, unit, NULL);
	if (r < 0) {
		*code = "unit-unknown";
		snprintf(why, whysz, _("no unit '%s' (see 'zi-unit list')"), unit);
	} else if (for_write && !strcmp(zi_table_get(units, (size_t)r, ZI_U_RETIRED), "true")) {
		*code = "unit-retired";
		snprintf(why, whysz, _("unit '%s' is retired"), unit);
		r = -1;
	}
	return r;
}

size_t zi_units_live(const struct zi_table *units, const char **ids)
{
	size_t n = 0;
	for (size_t r = 0; r < units->n; r++)
		if (strcmp(zi_table_get(units, r, ZI_U_RETIRED), "true"))
			ids[n++] = zi_table_get(units, r, ZI_U_ID);
	return n;
}

int zi_units_pick(const struct zi_table *units, const char *only, const char **ids, size_t *n,
		  struct zi_diag *d)
{
	*n = 0;
	if (!only) {
		*n = zi_units_live(units, ids);
		return 0;
	}
	int rc = zi_unit_id_check(only, d);
	if (rc)
		return rc;
	long r = zi_unit_find(units, only, d);
	if (r < 0)
		return ZI_EDATA;
	ids[(*n)++] = zi_table_get(units, (size_t)r, ZI_U_ID);
	return 0;
}

int zi_units_load(struct zi_store *st, struct zi_table *units, struct zi_diag *d)
{
	struct zi_schema *s = zi_schema_get("units", d);
	zi_table_init(units, s);
	return s ? zi_records_load(st, "units", NULL, units, d) : ZI_EINTERNAL;
}

int zi_unit_require(struct zi_store *st, const char *unit, int for_write, struct zi_diag *d)
{
	int rc = zi_unit_id_check(unit, d);
	if (rc)
		return rc;
	struct zi_table t;
	rc = zi_units_load(st, &t, d);
	char why[300];
	const char *code;
	if (!rc && zi_unit_live(&t, unit, for_write, why, sizeof(why), &code) < 0) {
		zi_diag_error(d, NULL, 0, NULL, code, "%s", why);
		rc = ZI_EDATA;
	}
	zi_table_release(&t);
	return rc;
}

size_t zi_units_select(const struct zi_table *units, const unsigned char *in, const char *stage,
		       const char *kind, int all, size_t *rows)
{
	size_t n = 0;
	for (size_t r = 0; r < units->n; r++) {
		if (in && !in[r])
			continue;
		if (stage && !zi_strcaseeq(stage, zi_table_get(units, r, ZI_U_STAGE)))
			continue;
		if (kind && !zi_strcaseeq(kind, zi_table_get(units, r, ZI_U_KIND)))
			continue;
		if (!all && !strcmp(zi_table_get(units, r, ZI_U_RETIRED), "true"))
			continue;
		rows[n++] = r;
	}
	return n;
}

char *zi_unit_file(const char *dir, const char *id, const char *ext)
{
	return zi_xasprintf("%s/%s%s", dir, id, ext);
}

int zi_staff_on_roster(const struct zi_table *staff, size_t r, const char *date)
{
	const char *start = zi_table_get(staff, r, ZI_S_START);
	const char *end = zi_table_get(staff, r, ZI_S_END);
	if (*start && strcmp(start, date) > 0)
		return 0;
	if (*end && strcmp(end, date) <= 0)
		return 0;
	return 1;
}

size_t zi_staff_duty_gaps(const struct zi_table *staff, const char *date, size_t *no_lhkpn,
			  size_t *no_category)
{
	size_t n = 0;
	*no_lhkpn = *no_category = 0;
	for (size_t r = 0; r < staff->n; r++) {
		if (!zi_staff_on_roster(staff, r, date))
			continue;
		n++;
		*no_lhkpn += !*zi_table_get(staff, r, ZI_S_LHKPN);
		*no_category += !*zi_table_get(staff, r, ZI_S_CATEGORY);
	}
	return n;
}

int zi_unit_parent_check(const struct zi_table *units, const char *id, const char *parent,
			 struct zi_diag *d)
{
	if (!*parent)
		return 0;
	if (!strcmp(parent, id)) {
		zi_diag_error(d, NULL, 0, "parent", "parent-self",
			      _("a unit cannot be its own parent"));
		return ZI_EDATA;
	}
	if (zi_unit_find(units, parent, NULL) < 0) {
		zi_diag_error(d, NULL, 0, "parent", "unit-unknown",
			      _("no unit '%s' (see 'zi-unit list')"), parent);
		return ZI_EDATA;
	}
	/* walk up from the new parent: meeting id again would close a loop */
	const char *up = parent;
	for (size_t steps = 0; *up && steps <= units->n; steps++) {
		if (!strcmp(up, id)) {
			zi_diag_error(d, NULL, 0, "parent", "parent-cycle",
				      _("'%s' is below '%s' already: the parents would go round in "
					"a circle"),
				      parent, id);
			return ZI_EDATA;
		}
		long r = zi_unit_find(units, up, NULL);
		up = r < 0 ? "" : zi_table_get(units, (size_t)r, ZI_U_PARENT);
	}
	return 0;
}
