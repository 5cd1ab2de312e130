/* Which units a command works on (zi-eval score, zi-sign status): the one
 * named, or every unit not retired. */
#ifndef ZI_PICK_H
#define ZI_PICK_H

#include "diag.h"
#include "table.h"

/* The ids of units (a units table) to work on, into ids (room for units->n
 * + 1; the strings borrowed from units), *n how many: with only NULL every
 * unit not retired, in table order; else only, retired or not, which must
 * be a unit id (ZI_EUSAGE) of the table (ZI_EDATA, "unit-unknown"). */
int zi_units_pick(const struct zi_table *units, const char *only, const char **ids, size_t *n,
		  struct zi_diag *d);

#endif
