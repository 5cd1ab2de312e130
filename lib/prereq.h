/* The proposal prerequisites of PermenPAN-RB 5/2024 (Tabel 5, "Syarat
 * Pengusulan ZI"): the instansi's and each unit's facts of a year, and the
 * check of every row of the table for WBK or WBBM. A fact that is not
 * recorded is never met. zi-report (readiness, the monthly report) uses it. */
#ifndef ZI_PREREQ_H
#define ZI_PREREQ_H

#include "diag.h"
#include "store.h"
#include "table.h"

/* The rows of Tabel 5, in the table's order. */
enum zi_prq {
	ZI_PRQ_BPK, /* instansi: BPK opinion */
	ZI_PRQ_SAKIP, /* instansi: SAKIP predicate */
	ZI_PRQ_RB, /* instansi: RB index */
	ZI_PRQ_SPIP, /* instansi: SPIP maturity */
	ZI_PRQ_TLHP, /* unit: audit findings followed up */
	ZI_PRQ_LHK, /* unit: LHKPN and LHKASN compliance */
	ZI_PRQ_BUILDING, /* unit: a year of building */
	ZI_PRQ_UNIT_SAKIP, /* unit: SAKIP predicate from the internal evaluation */
	ZI_PRQ_COUNT
};

/* Stable codes of the rows ("bpk-opinion" ...), for JSON and CSV. */
extern const char *const zi_prq_codes[ZI_PRQ_COUNT];
/* The row's name for people, translated. */
const char *zi_prq_label(enum zi_prq k);

enum zi_prq_status { ZI_PRQ_MET, ZI_PRQ_NOT_MET, ZI_PRQ_NOT_RECORDED };
extern const char *const zi_prq_status_codes[3]; /* "met", "not-met", "not-recorded" */

/* Field indexes of instansi.csv and unit-years.csv, in schema order. */
enum zi_inst_field {
	ZI_I_YEAR,
	ZI_I_BPK,
	ZI_I_BPK_REF,
	ZI_I_SAKIP,
	ZI_I_SAKIP_REF,
	ZI_I_RB,
	ZI_I_RB_REF,
	ZI_I_SPIP,
	ZI_I_SPIP_REF,
	ZI_I_NOTE
};
enum zi_uy_field {
	ZI_Y_UNIT,
	ZI_Y_YEAR,
	ZI_Y_SAKIP,
	ZI_Y_SAKIP_REF,
	ZI_Y_FINDINGS,
	ZI_Y_FOLLOWED,
	ZI_Y_TLHP_REF,
	ZI_Y_NOTE
};

/* The instansi's kind as zi.json says it: "pemda", "kl", or "" when not set. */
const char *zi_prq_kind(const struct zi_store *st);
/* Checks a kind as people write it ("Pemda", "K/L", "kl", "pemda"); the
 * canonical "pemda" or "kl" (static), or NULL. */
const char *zi_prq_kind_parse(const char *s);

/* The facts: instansi.csv and unit-years.csv as loaded, and the kind. */
struct zi_prq_facts {
	struct zi_schema *is, *ys;
	struct zi_table inst, years;
	char kind[8];
};

/* Loads both files (missing files have no facts). 0 or a negative status. */
int zi_prq_load(struct zi_store *st, struct zi_prq_facts *f, struct zi_diag *d);
void zi_prq_release(struct zi_prq_facts *f);

/* One row's verdict. value and min are for people ("WDP", "9 of 10
 * (90.00%)", "not recorded"); ref is the fact's reference, "" if none. */
struct zi_prq_row {
	enum zi_prq which;
	enum zi_prq_status status;
	int has_value; /* a value was recorded (even when the row cannot be judged) */
	char value[96];
	char min[48];
	char ref[160];
};

/* What a unit brings to the check besides the facts files. */
struct zi_prq_unit {
	const char *unit;
	int year;
	const char *predicate; /* "WBK" or "WBBM" */
	const char *building_since; /* date it reached pembangunan, "" if not yet */
	const char *as_of; /* the day the check is made */
	unsigned long lhkpn_required, lhkpn_signed, lhkasn_required, lhkasn_signed;
};

/* Checks every row of Tabel 5 for one unit; rows[k] for each enum zi_prq.
 * Returns how many rows are not met (not recorded counts as not met). */
int zi_prq_check(const struct zi_prq_facts *f, const struct zi_prq_unit *u,
		 struct zi_prq_row rows[ZI_PRQ_COUNT]);

#endif
