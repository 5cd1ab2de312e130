/* The summary at the top of the monthly report: sentences made from the
 * gathered data (the programme's size, what changed this month, and each unit
 * that needs action with why and its numbers). Same report, same sentences. */
#ifndef ZI_SUMMARY_H
#define ZI_SUMMARY_H

#include "report.h"

struct zi_summary {
	char **lines; /* translated sentences; the first nfacts about the programme */
	size_t n, nfacts;
};

/* Builds the summary of r in the current language (numbers by lib/fmt.c). */
void zi_summary_make(const struct zi_report *r, struct zi_summary *s);
void zi_summary_release(struct zi_summary *s);

#endif
