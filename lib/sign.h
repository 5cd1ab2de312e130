/* Signed documents of a unit's staff (pacts, gratification statements,
 * wealth reports): who may sign, and coverage: who on the roster has signed,
 * who is missing. zi-sign and zi-report share these. Also the rows zi-sign
 * add and import make, status's rendering of coverage and coi's counts. */
#ifndef ZI_SIGN_H
#define ZI_SIGN_H

#include "diag.h"
#include "records.h"
#include "store.h"
#include "table.h"
#include "values.h"

/* coi: the declaration of potential conflicts of interest (PermenPAN-RB
 * 17/2024); who owes it is zi_coi_owed's. */
enum zi_doc {
	ZI_DOC_PAKTA,
	ZI_DOC_GRATIFIKASI,
	ZI_DOC_LHKPN,
	ZI_DOC_LHKASN,
	ZI_DOC_COI,
	ZI_DOC_COUNT
};
extern const char *const zi_doc_names[ZI_DOC_COUNT];
#define ZI_DOC_ALL ((1u << ZI_DOC_COUNT) - 1)

/* A document name as people write it (see zi_value_doc); -1 when unknown. */
int zi_doc_parse(const char *s);

/* Field indexes of signatures/UNIT.csv, in schema order. */
enum zi_sig_field {
	ZI_G_NIP,
	ZI_G_DOC,
	ZI_G_DATE,
	ZI_G_NAME,
	ZI_G_POSITION,
	ZI_G_ROLE,
	ZI_G_WITNESS,
	ZI_G_EVIDENCE,
	ZI_G_SHA256,
	ZI_G_CONFLICT
};

/* Who owes the conflict-of-interest declaration at a unit: everyone on the
 * roster (the default), only those with lhkpn true, or no one. zi.json's
 * "coi" object says it: {"owed": WHO, "units": {"UNIT": WHO}}. */
enum zi_coi_owed { ZI_COI_ALL, ZI_COI_LHKPN, ZI_COI_NONE };
extern const char *const zi_coi_owed_names[3]; /* "all", "lhkpn", "none" */
enum zi_coi_owed zi_coi_owed(const struct zi_store *st, const char *unit);

/* May the staff member nip sign on date at unit? staff is the unit's roster
 * (sorted by nip). On success *row is the roster row. Fails with err->code
 * "nip-not-on-roster" (never on it), "date-before-start" (signed before the
 * person's start on this unit) or "date-after-end" (after they left). */
int zi_sign_check_signer(const struct zi_table *staff, const char *unit, const char *nip,
			 const char *date, long *row, struct zi_verr *err);

struct zi_person {
	const char *nip;
	const char *name;
};

/* Coverage of one document at one unit on one day. */
struct zi_coverage {
	const char *unit;
	enum zi_doc doc;
	unsigned long required; /* on the roster and concerned by the document */
	unsigned long signed_n; /* of those, how many signed */
	double percent; /* 100 * signed / required; NAN (no data) when none required */
	/* LHKPN and LHKASN: people whose lhkpn is unknown are required by neither */
	struct zi_person *missing; /* in NIP order */
	size_t nmissing;
};

struct zi_sig_ref; /* private to sign.c */
struct zi_staff_ref; /* private to sign.c */

/* The coverage of one unit, one entry per document asked for, in document
 * order. It owns everything its entries point to and is reused from unit to
 * unit: memory stays bounded by the largest unit. */
struct zi_coverage_set {
	struct zi_coverage docs[ZI_DOC_COUNT];
	size_t n;
	/* After zi_coverage_unit: the unit's roster and signatures, whole, for
	 * callers that need more than the coverage (zi-report); both sorted by
	 * key. Left empty when the caller set fast. */
	struct zi_table staff, sigs;
	/* Set by the caller before zi_coverage_unit: keep only what the coverage
	 * needs of each record (zi-sign status), and no tables. */
	int fast;
	/* Who owes the coi declaration; zi_coverage_unit sets it from the
	 * store, zi_coverage_init to ZI_COI_ALL. */
	enum zi_coi_owed coi_owed;
	/* private */
	struct zi_schema *staff_schema, *sig_schema;
	struct zi_buf io, sigio, staffio, raw;
	struct zi_sig_ref *refs;
	size_t nrefs, cap_refs;
	struct zi_staff_ref *srefs;
	size_t nsrefs, cap_srefs;
	struct zi_person *people;
	size_t cap_people;
	char *unit;
	int indexed; /* each roster reference knows its signatures */
	int computes; /* days computed since the references were made */
	/* 1 + the gen of staff and sigs when their references were made by
	 * zi_coverage_unit (0: not): zi_coverage_compute on them reuses them */
	unsigned long staff_gen, sigs_gen;
};

/* init loads the schemas (ZI_EINTERNAL on failure); release frees all. */
int zi_coverage_init(struct zi_coverage_set *cs, struct zi_diag *d);
void zi_coverage_release(struct zi_coverage_set *cs);

/* Computes the coverage from a roster and signatures already in memory (both
 * sorted by key). Rules: the staff on the roster on as_of (YYYY-MM-DD);
 * LHKPN concerns only staff with lhkpn true, LHKASN only the others, coi
 * whom cs->coi_owed names; a
 * signature counts when dated on or before as_of, and for a pact only when
 * dated on or after the person's start on this unit (a transfer needs a new
 * pact). docs is a bit set of (1 << enum zi_doc). Results live in cs and are
 * valid until the next call; they may point into staff. Called on cs->staff
 * and cs->sigs after zi_coverage_unit, for other days, it reuses what that
 * read (the NIPs matched once): a report's trend costs little per month. */
void zi_coverage_compute(struct zi_coverage_set *cs, const struct zi_table *staff,
			 const struct zi_table *sigs, const char *unit, const char *as_of,
			 unsigned docs);

/* Loads staff/UNIT.csv and signatures/UNIT.csv from the store (into
 * cs->staff and cs->sigs unless cs->fast) and computes their coverage into cs
 * (missing files are empty). Returns 0 or a negative status with
 * diagnostics. */
int zi_coverage_unit(struct zi_store *st, const char *unit, const char *as_of, unsigned docs,
		     struct zi_coverage_set *cs, struct zi_diag *d);

/* The counts PortalRB's conflict-of-interest form asks of an instansi, for
 * one unit: who owes the declaration (on the roster on the day), who made
 * it, and how many of those declared an actual conflict (their latest coi
 * declaration on or before the day says conflict true). */
struct zi_coi_counts {
	unsigned long owed, declared, conflicts;
};
/* From cs after zi_coverage_unit (not fast) with the coi document asked for;
 * as_of as given to it. Adds to c. */
void zi_coi_count(const struct zi_coverage_set *cs, const char *as_of, struct zi_coi_counts *c);

/* zi-sign coi: the counts of each unit of units (the units table) not
 * retired, in its order, into *per (caller frees; ids point into units),
 * and their sum added to total. */
struct zi_coi_unit {
	const char *id;
	struct zi_coi_counts c;
	enum zi_coi_owed owed_by;
};
int zi_coi_units(struct zi_store *st, const struct zi_table *units, const char *as_of,
		 struct zi_coi_unit **per, size_t *n, struct zi_coi_counts *total,
		 struct zi_diag *d);

/* Appends zi-sign coi's output: fmt "text" (an aligned table of the units,
 * then the instansi's line), "csv" (a row per unit, then the instansi's
 * with an empty unit) or "json" (an object: instansi, as_of, the totals,
 * units). A percent without data (nobody owes) is "-" (text) or empty
 * (csv): never 100. */
void zi_coi_render(struct zi_buf *b, const struct zi_coi_unit *per, size_t n,
		   const struct zi_coi_counts *total, const char *as_of, const char *instansi,
		   const char *fmt);

/* Appends the coverage of cs as zi-sign status shows it: fmt "text"
 * (unit_width wide unit column, the missing under each line), "csv" (one
 * row per document, the missing NIPs joined by " | ") or "json" (objects
 * of an array, without the brackets; the caller puts ",\n" between units'
 * objects). A percent without data (nobody owes the document) is "-", empty
 * or null: never 100. Returns the number of JSON objects appended. */
size_t zi_coverage_render(struct zi_buf *b, const struct zi_coverage_set *cs, const char *fmt,
			  int unit_width);

/* zi-sign add: row (ZI_G_CONFLICT + 1 values) into sigs. A signature of the
 * same key (nip, name, doc, date) keeps the values row leaves empty (but
 * the role): row then points at them. Returns what happened. */
enum zi_sign_upsert { ZI_SIGN_ADDED, ZI_SIGN_UPDATED, ZI_SIGN_UNCHANGED };
int zi_sign_upsert(struct zi_table *sigs, const char **row);

/* zi-sign add: one signed document as typed on the command line (NULL:
 * not given), and what zi_sign_add made of it. */
struct zi_sign_entry {
	const char *unit, *doc, *date, *nip, *name, *position, *witness, *evidence, *conflict;
	int external; /* outside the roster: no NIP, the name as given */
	/* set by zi_sign_add */
	const char *doc_id; /* the canonical document */
	char nip_id[19]; /* the canonical NIP; "" for an external signer */
	struct zi_buf signer; /* the name recorded: the roster's for staff */
	enum zi_sign_upsert what;
};
/* Records e in signatures/UNIT.csv (not committed). In this order, the first
 * fault winning: doc (zi_value_doc), conflict (yes/no), the NIP, the date
 * not after today (zi_sign_date_check); then the store is locked (waiting up
 * to wait seconds); the unit exists and is not retired (zi_unit_require);
 * name, position and witness normalised as an import would; a staff signer
 * on the unit's roster that day (zi_sign_check_signer), whose name becomes
 * the roster's and position the roster's unless given; the evidence copied
 * (zi_evidence_put); the row upserted (zi_sign_upsert) and the file written
 * unless unchanged. Errors name their field (file none, line 0). The caller
 * checks usage first (doc given; NIP or external with a name; conflict only
 * with doc coi). Returns 0 or a negative status; release e after. */
int zi_sign_add(struct zi_store *st, struct zi_sign_entry *e, double wait, struct zi_diag *d);
void zi_sign_entry_release(struct zi_sign_entry *e);
/* A document is recorded once it is signed: date (YYYY-MM-DD) after today
 * is ZI_EDATA, "date-future" on field date. */
int zi_sign_date_check(const char *date, struct zi_diag *d);

struct zi_import;

/* zi-sign import of one unit's signatures: the hooks of its import job
 * (struct zi_import_job, ctx a struct zi_sign_import). prepare fills what a
 * row leaves out: doc (the given one), role (staff with a NIP, external
 * without), a staff member's name and position from the roster. check fails
 * a row without a doc, with conflict not yes/no or on another document than
 * coi, dated after today, a staff member not on the roster that day or an
 * external signer without a name, evidence outside the records directory,
 * missing, unreadable or not of the digest given; it stores the evidence's
 * canonical path and digest. */
struct zi_sign_import {
	struct zi_store *store;
	const char *unit;
	const char *doc; /* for rows without one; NULL when not given */
	struct zi_table staff;
	char today[11];
};
int zi_sign_import_init(struct zi_sign_import *is, struct zi_store *st, const char *unit,
			const char *doc, struct zi_diag *d);
void zi_sign_import_release(struct zi_sign_import *is);
void zi_sign_import_prepare(void *ctx, struct zi_import *im, struct zi_diag *d);
void zi_sign_import_check(void *ctx, struct zi_import *im, size_t r, struct zi_diag *d);

#endif
