#include "prereq.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sign.h"
#include "values.h"

const char *const zi_prq_codes[ZI_PRQ_COUNT] = {"bpk-opinion", "sakip",	    "rb-index",
						"spip",	       "tlhp",	    "lhkpn-lhkasn",
						"building",    "unit-sakip"};

const char *const zi_prq_status_codes[3] = {"met", "not-met", "not-recorded"};

const char *zi_prq_label(enum zi_prq k)
{
	switch (k) {
	case ZI_PRQ_BPK:
		return _("BPK opinion");
	case ZI_PRQ_SAKIP:
		return _("instansi SAKIP");
	case ZI_PRQ_RB:
		return _("RB index");
	case ZI_PRQ_SPIP:
		return _("SPIP maturity");
	case ZI_PRQ_TLHP:
		return _("audit follow-up (TLHP)");
	case ZI_PRQ_LHK:
		return _("LHKPN and LHKASN");
	case ZI_PRQ_BUILDING:
		return _("a year of building");
	case ZI_PRQ_UNIT_SAKIP:
		return _("unit SAKIP");
	default:
		return "";
	}
}

const char *zi_prq_kind(const struct zi_store *st)
{
	const char *k = json_string_value(json_object_get(st->manifest, "kind"));
	return k && (!strcmp(k, "pemda") || !strcmp(k, "kl")) ? k : "";
}

const char *zi_prq_kind_parse(const char *s)
{
	char f[32];
	zi_fold_name(s, f, sizeof(f));
	if (!strcmp(f, "pemda") || !strcmp(f, "pemerintahdaerah"))
		return "pemda";
	if (!strcmp(f, "kl") || !strcmp(f, "kementerianlembaga"))
		return "kl";
	return NULL;
}

static int load_one(struct zi_store *st, const char *name, struct zi_schema **s, struct zi_table *t,
		    struct zi_diag *d)
{
	*s = zi_schema_get(name, d);
	if (!*s)
		return ZI_EINTERNAL;
	return zi_records_load(st, name, NULL, t, d);
}

int zi_prq_load(struct zi_store *st, struct zi_prq_facts *f, struct zi_diag *d)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->kind, sizeof(f->kind), "%s", zi_prq_kind(st));
	int rc = load_one(st, "instansi", &f->is, &f->inst, d);
	if (!rc)
		rc = load_one(st, "unit-years", &f->ys, &f->years, d);
	return rc;
}

void zi_prq_release(struct zi_prq_facts *f)
{
	if (f->is)
		zi_table_release(&f->inst);
	if (f->ys)
		zi_table_release(&f->years);
	zi_schema_free(f->is);
	zi_schema_free(f->ys);
	memset(f, 0, sizeof(*f));
}

/* Rank of a predicate (AA best) or an opinion (WTP best); -1 unknown. */
static int rank(const char *v, const char *const *order, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(v, order[i]))
			return i;
	return -1;
}

static const char *const predicates[] = {"AA", "A", "BB", "B", "CC", "C", "D"};
static const char *const opinions[] = {"WTP", "WDP", "TW", "TMP"};

static void not_recorded(struct zi_prq_row *r)
{
	r->status = ZI_PRQ_NOT_RECORDED;
	snprintf(r->value, sizeof(r->value), "%s", _("not recorded"));
}

/* A graded fact (a predicate or an opinion) against its minimum. */
static void graded(struct zi_prq_row *r, const char *value, const char *ref, const char *min,
		   const char *const *order, int n)
{
	snprintf(r->min, sizeof(r->min), "%s", min);
	snprintf(r->ref, sizeof(r->ref), "%s", ref ? ref : "");
	int v = value ? rank(value, order, n) : -1;
	if (v < 0) {
		not_recorded(r);
		return;
	}
	snprintf(r->value, sizeof(r->value), "%s", value);
	r->has_value = 1;
	r->status = v <= rank(min, order, n) ? ZI_PRQ_MET : ZI_PRQ_NOT_MET;
}

/* Field fld of row r of t, or NULL when there is no such row or the value
 * is empty (not recorded). */
static const char *fact(const struct zi_table *t, long r, size_t fld)
{
	const char *v = r >= 0 ? zi_table_get(t, (size_t)r, fld) : NULL;
	return v && *v ? v : NULL;
}

/* The RB index against its minimum, which depends on the kind of
 * government (zi.json kind): until that is known a met one is unknown. */
static void check_rb(struct zi_prq_row *rb, const char *kind, int wbbm, const char *value,
		     const char *ref)
{
	if (!strcmp(kind, "pemda") || !strcmp(kind, "kl")) {
		int kl = !strcmp(kind, "kl");
		const char *min = wbbm ? (kl ? "BB" : "B") : (kl ? "B" : "CC");
		graded(rb, value, ref, min, predicates, 7);
		snprintf(rb->min, sizeof(rb->min), "%s (%s)", min, kl ? "K/L" : "Pemda");
		return;
	}
	graded(rb, value, ref, "D", predicates, 7);
	snprintf(rb->min, sizeof(rb->min), "%s",
		 wbbm ? "B (Pemda), BB (K/L)" : "CC (Pemda), B (K/L)");
	if (rb->status == ZI_PRQ_MET) {
		rb->status = ZI_PRQ_NOT_RECORDED;
		snprintf(rb->value + strlen(rb->value), sizeof(rb->value) - strlen(rb->value),
			 "; %s", _("Pemda or K/L not recorded (zi.json kind)"));
	}
}

/* The instansi's facts of the year: BPK opinion, SAKIP, RB index, SPIP. */
static void check_instansi(const struct zi_prq_facts *f, const char *year, int wbbm,
			   struct zi_prq_row *rows)
{
	const struct zi_table *t = &f->inst;
	const char *ikey[1] = {year};
	long ir = f->is ? zi_table_find(t, ikey) : -1;
	graded(&rows[ZI_PRQ_BPK], fact(t, ir, ZI_I_BPK), fact(t, ir, ZI_I_BPK_REF), "WTP", opinions,
	       4);
	graded(&rows[ZI_PRQ_SAKIP], fact(t, ir, ZI_I_SAKIP), fact(t, ir, ZI_I_SAKIP_REF),
	       wbbm ? "BB" : "B", predicates, 7);
	check_rb(&rows[ZI_PRQ_RB], f->kind, wbbm, fact(t, ir, ZI_I_RB), fact(t, ir, ZI_I_RB_REF));
	struct zi_prq_row *sp = &rows[ZI_PRQ_SPIP];
	snprintf(sp->min, sizeof(sp->min), "%s", _("level 3"));
	const char *spip = fact(t, ir, ZI_I_SPIP), *ref = fact(t, ir, ZI_I_SPIP_REF);
	snprintf(sp->ref, sizeof(sp->ref), "%s", ref ? ref : "");
	if (!spip) {
		not_recorded(sp);
	} else {
		snprintf(sp->value, sizeof(sp->value), _("level %s"), spip);
		sp->has_value = 1;
		sp->status = atoi(spip) >= 3 ? ZI_PRQ_MET : ZI_PRQ_NOT_MET;
	}
}

/* The unit's facts of the year: audit follow-up (TLHP), unit SAKIP. */
static void check_unit_year(const struct zi_prq_facts *f, const char *unit, const char *year,
			    int wbbm, struct zi_prq_row *rows)
{
	const struct zi_table *t = &f->years;
	const char *ykey[2] = {unit, year};
	long yr = f->ys ? zi_table_find(t, ykey) : -1;
	struct zi_prq_row *tl = &rows[ZI_PRQ_TLHP];
	snprintf(tl->min, sizeof(tl->min), "100%%");
	const char *ref = fact(t, yr, ZI_Y_TLHP_REF);
	snprintf(tl->ref, sizeof(tl->ref), "%s", ref ? ref : "");
	const char *findings = fact(t, yr, ZI_Y_FINDINGS), *followed = fact(t, yr, ZI_Y_FOLLOWED);
	if (!findings || !followed) {
		not_recorded(tl);
	} else {
		long n = atol(findings), done = atol(followed);
		/* no findings: nothing is left to follow up */
		double pct = n ? 100.0 * (double)done / (double)n : 100.0;
		snprintf(tl->value, sizeof(tl->value), _("%ld of %ld (%.2f%%)"), done, n, pct);
		tl->has_value = 1;
		tl->status = done >= n ? ZI_PRQ_MET : ZI_PRQ_NOT_MET;
	}
	graded(&rows[ZI_PRQ_UNIT_SAKIP], fact(t, yr, ZI_Y_SAKIP), fact(t, yr, ZI_Y_SAKIP_REF),
	       wbbm ? "BB" : "B", predicates, 7);
}

/* LHKPN and LHKASN: all who owe one have filed it. */
static void check_lhk(const struct zi_prq_unit *u, struct zi_prq_row *lh)
{
	snprintf(lh->min, sizeof(lh->min), "100%%");
	if (!u->lhkpn_required && !u->lhkasn_required) {
		/* no roster: compliance is unknown, not complete */
		not_recorded(lh);
		return;
	}
	lh->has_value = 1;
	snprintf(lh->value, sizeof(lh->value), _("LHKPN %lu of %lu, LHKASN %lu of %lu"),
		 u->lhkpn_signed, u->lhkpn_required, u->lhkasn_signed, u->lhkasn_required);
	lh->status = u->lhkpn_signed >= u->lhkpn_required && u->lhkasn_signed >= u->lhkasn_required
			     ? ZI_PRQ_MET
			     : ZI_PRQ_NOT_MET;
}

/* A year in pembangunan by the as-of date. */
static void check_building(const struct zi_prq_unit *u, struct zi_prq_row *bu)
{
	snprintf(bu->min, sizeof(bu->min), "%s", _("1 year"));
	if (!u->building_since || !*u->building_since) {
		bu->status = ZI_PRQ_NOT_MET;
		snprintf(bu->value, sizeof(bu->value), "%s", _("not in pembangunan yet"));
		return;
	}
	char end[11];
	zi_date_plus_year(u->building_since, end);
	bu->has_value = 1;
	snprintf(bu->value, sizeof(bu->value), _("since %s (a year on %s)"), u->building_since, end);
	bu->status = strcmp(end, u->as_of) <= 0 ? ZI_PRQ_MET : ZI_PRQ_NOT_MET;
}

int zi_prq_check(const struct zi_prq_facts *f, const struct zi_prq_unit *u,
		 struct zi_prq_row rows[ZI_PRQ_COUNT])
{
	int wbbm = u->predicate && !strcmp(u->predicate, "WBBM");
	char year[16];
	snprintf(year, sizeof(year), "%d", u->year);
	memset(rows, 0, ZI_PRQ_COUNT * sizeof(*rows));
	for (int k = 0; k < ZI_PRQ_COUNT; k++)
		rows[k].which = (enum zi_prq)k;
	check_instansi(f, year, wbbm, rows);
	check_unit_year(f, u->unit, year, wbbm, rows);
	check_lhk(u, &rows[ZI_PRQ_LHK]);
	check_building(u, &rows[ZI_PRQ_BUILDING]);
	int unmet = 0;
	for (int k = 0; k < ZI_PRQ_COUNT; k++)
		unmet += rows[k].status != ZI_PRQ_MET;
	return unmet;
}
