/* Records entered one at a time (zi-sign add, zi-declare add): a value
 * typed on the command line goes through its schema field as an import's
 * cell would, so that the same words make the same record either way. */
#ifndef ZI_ENTRY_H
#define ZI_ENTRY_H

#include "diag.h"
#include "schema.h"
#include "util.h"

/* Normalises raw (NULL: not given, as "") through field f of s into out
 * (reset first; always a string after success). A bad value is ZI_EDATA
 * with an error in d naming the field. */
int zi_entry_value(const struct zi_schema *s, size_t f, const char *raw, struct zi_buf *out,
		   struct zi_diag *d);

#endif
