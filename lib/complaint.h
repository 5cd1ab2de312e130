/* Public complaints (complaints.csv): ids, handling, and the counts the LKE
 * asks for (soal 110-112 in 2026). */
#ifndef ZI_COMPLAINT_H
#define ZI_COMPLAINT_H

#include "table.h"

enum zi_complaint_field { ZI_K_ID, ZI_K_UNIT, ZI_K_RECEIVED, ZI_K_CHANNEL, ZI_K_CATEGORY,
			  ZI_K_SUMMARY, ZI_K_STATUS, ZI_K_RESOLVED, ZI_K_REF, ZI_K_NFIELDS };

extern const char *const zi_complaint_statuses[4]; /* diterima diproses selesai ditolak */

/* The next id of a complaint of unit received on date: UNIT-YYYY-MM-DD-N, N
 * counting from 1 that day. Caller frees. */
char *zi_complaint_next_id(const struct zi_table *t, const char *unit, const char *date);

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

#endif
