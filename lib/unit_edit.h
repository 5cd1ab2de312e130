/* Changing a unit's records one command at a time (zi-unit add, set, stage,
 * retire, facts set, instansi set): every check, and the change put pending
 * in the store. The caller holds the lock, commits, and tells people; a
 * FIELD=VALUE argument that cannot be used is a usage error whose message
 * comes back in a buffer, for the command to print with its usage line. */
#ifndef ZI_UNIT_EDIT_H
#define ZI_UNIT_EDIT_H

#include "diag.h"
#include "schema.h"
#include "stages.h"
#include "store.h"
#include "table.h"
#include "util.h"

/* A value typed for field f of s (raw NULL: none), normalised as an import
 * would (trimmed, line breaks as LF); out always holds a string after
 * success. A bad value is ZI_EDATA with an error naming the field. */
int zi_edit_value(const struct zi_schema *s, size_t f, const char *raw, struct zi_buf *out,
		  struct zi_diag *d);

/* A new records directory at dir (zi-unit init): refused inside another
 * (inside-records) and where one is already (exists); zi.json with name,
 * code, lang and kind (pemda, kl, or NULL for none), and with commit its
 * first git commit. dry_run checks and writes nothing. *created is set
 * once the directory is there (or would be): a failing git commit after
 * it is reported too. */
int zi_instansi_create(const char *dir, const char *name, const char *code, const char *lang,
		       const char *kind, int commit, int dry_run, int *created, struct zi_diag *d);

/* What a change did, for the commit message and for people. */
struct zi_edit {
	int added; /* the row was new */
	int changed; /* something is pending in the store */
	struct zi_buf what; /* "FIELD 'old' -> 'new', ..." */
};
void zi_edit_init(struct zi_edit *e);
void zi_edit_release(struct zi_edit *e);

/* A new unit as typed: NULL for what was not given. */
struct zi_unit_new {
	const char *id; /* checked with zi_unit_id_check */
	const char *name, *short_name, *parent, *kind, *target;
	int afirmasi;
	const char *date; /* its registration (calon), YYYY-MM-DD */
	const char *note; /* for the stage history */
};
/* Adds the unit at calon to units.csv and its registration to stages.csv.
 * A unit already there is an error on its line (duplicate-key); then the
 * first bad value in the order name, short name, parent, kind, target; the
 * parent checked (zi_unit_parent_check); the note; the registration
 * entered. name gets the name as written. 0 or a status; nothing pending
 * in the store on error. */
int zi_unit_add(struct zi_store *st, const struct zi_unit_new *u, struct zi_buf *name,
		struct zi_diag *d);

/* zi-unit set's FIELD=VALUE arguments: each has an '=' and names one of
 * name, short_name, parent, kind, target, afirmasi. 0, or ZI_EUSAGE with
 * the message for the first that does not in why. */
int zi_unit_set_check(const char *const *args, size_t n, struct zi_buf *why);
/* Sets the fields of unit id (args checked by zi_unit_set_check): every bad
 * value is reported (a parent also by zi_unit_parent_check), then nothing
 * is written; else units.csv put pending when a value changed. */
int zi_unit_set(struct zi_store *st, const char *id, const char *const *args, size_t n,
		struct zi_edit *e, struct zi_diag *d);

/* One stage change of a unit, as typed (checked: a known stage, a predicate
 * WBK, WBBM or ""). */
struct zi_stage_change {
	const char *unit, *date;
	int stage; /* enum zi_stage */
	const char *predicate; /* "WBK", "WBBM" or "" */
	const char *ref, *note; /* NULL: none */
};
/* What the change did. */
struct zi_stage_done {
	char from[32]; /* the stage units.csv said before */
	char now[32]; /* and says after: the last of the history */
	int last; /* the change is the last of the history (the unit is now there) */
	struct zi_stage_moved moved; /* where the registration went */
};
/* Enters the change in the unit's history where its date puts it; the
 * history must stay a valid sequence. Errors in this order: the unit
 * unknown, retired, without a history while units.csv says it is past
 * calon, a bad ref, a bad note, then the rule broken (field stage,
 * stage-invalid, when the change is the last of the history: the rule
 * alone; else field date, the rule with the two rows). units.csv and
 * stages.csv put pending. */
int zi_unit_stage(struct zi_store *st, const struct zi_stage_change *c, struct zi_stage_done *done,
		  struct zi_diag *d);

/* Marks unit id retired; e->changed 0 when it was already. name gets its
 * name. units.csv put pending. */
int zi_unit_retire(struct zi_store *st, const char *id, struct zi_edit *e, struct zi_buf *name,
		   struct zi_diag *d);

/* FIELD=VALUE arguments for a yearly facts file of schema s: each has an
 * '=' and names a field of s that is not part of its key. 0, or ZI_EUSAGE
 * with the message for the first that does not in why. */
int zi_facts_assign_check(const struct zi_schema *s, const char *const *args, size_t n,
			  struct zi_buf *why);
/* Sets fields (args checked by zi_facts_assign_check) of the row with key
 * (made when missing: e->added) of the records file rel: every bad value
 * is reported, then nothing is written; followed-up findings above the
 * findings are refused (tlhp-above-findings). rel put pending when the row
 * is new or a value changed. */
int zi_facts_set(struct zi_store *st, const struct zi_schema *s, const char *rel,
		 const char *const *key, const char *const *args, size_t n, struct zi_edit *e,
		 struct zi_diag *d);

/* instansi set without --year: the arguments name kind, name, code, coi or
 * coi.UNIT (UNIT a valid id: else ZI_EUSAGE with its diagnostic in d and
 * why empty). 0, or ZI_EUSAGE with the message in why. */
int zi_manifest_assign_check(const char *const *args, size_t n, struct zi_buf *why,
			     struct zi_diag *d);

#endif
