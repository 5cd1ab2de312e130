/* Public complaints (complaints.csv): ids, handling, and the counts the LKE
 * asks for (soal 110-112 in 2026). */
#ifndef ZI_COMPLAINT_H
#define ZI_COMPLAINT_H

#include "diag.h"
#include "store.h"
#include "table.h"

enum zi_complaint_field {
	ZI_K_ID,
	ZI_K_UNIT,
	ZI_K_RECEIVED,
	ZI_K_CHANNEL,
	ZI_K_CATEGORY,
	ZI_K_SUMMARY,
	ZI_K_STATUS,
	ZI_K_RESOLVED,
	ZI_K_REF,
	ZI_K_NFIELDS
};

extern const char *const zi_complaint_statuses[4]; /* diterima diproses selesai ditolak */

/* The next id of a complaint of unit received on date: UNIT-YYYY-MM-DD-N, N
 * counting from 1 that day. Caller frees. */
char *zi_complaint_next_id(const struct zi_table *t, const char *unit, const char *date);

/* Records a complaint of unit received on date in t (complaints.csv, kept
 * sorted): status diterima, the texts trimmed and any control character
 * made a space (a text stays on one line). Returns its new id (caller frees). */
char *zi_complaint_add(struct zi_table *t, const char *unit, const char *date, const char *channel,
		       const char *category, const char *summary);
/* Settles complaint id on date: selesai, or ditolak when rejected; ref (may be
 * NULL) the follow-up. An unknown id, or a date before it was received, is an
 * error in d (ZI_EDATA). *changed: whether any field changed. */
int zi_complaint_resolve(struct zi_table *t, const char *id, const char *date, int rejected,
			 const char *ref, int *changed, struct zi_diag *d);
/* Is s one of zi_complaint_statuses? */
int zi_complaint_status_ok(const char *s);
/* The rows of unit (NULL: any) with status (NULL: any), in table order, into
 * rows (room for t->n); returns how many. */
size_t zi_complaint_select(const struct zi_table *t, const char *unit, const char *status,
			   size_t *rows);

/* A unit's complaints received in a year: to follow up (every one not
 * rejected), still in process (diterima, diproses), resolved (selesai). */
struct zi_complaint_counts {
	unsigned long to_follow_up, in_process, resolved, rejected;
};
void zi_complaint_count(const struct zi_table *t, const char *unit, int year,
			struct zi_complaint_counts *c);
/* Adds one row to counts (the row's unit is not checked). */
void zi_complaint_add_row(const struct zi_table *t, size_t r, int year,
			  struct zi_complaint_counts *c);
/* The same in the state on asof (YYYY-MM-DD; NULL: the current state): a
 * complaint received after asof is not counted, and one closed (selesai,
 * ditolak) with a resolved date after asof counts as still in process. A
 * closed one without a resolved date counts as closed, as it is. */
void zi_complaint_add_row_asof(const struct zi_table *t, size_t r, int year, const char *asof,
			       struct zi_complaint_counts *c);

/* zi_complaint_add and zi_complaint_resolve on the records: complaints.csv
 * loaded from st, changed, and put back (when it changed) for the caller to
 * commit. *id: the new complaint's id (caller frees). */
int zi_complaint_store_add(struct zi_store *st, const char *unit, const char *date,
			   const char *channel, const char *category, const char *summary,
			   char **id, struct zi_diag *d);
int zi_complaint_store_resolve(struct zi_store *st, const char *id, const char *date, int rejected,
			       const char *ref, int *changed, struct zi_diag *d);

#endif
