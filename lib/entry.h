/* Records entered one at a time (zi-sign add, zi-declare add): a value
 * typed on the command line goes through its schema field as an import's
 * cell would, so that the same words make the same record either way; and
 * such a record is never dated after today. */
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

/* A record is entered once what it records took place: date (YYYY-MM-DD)
 * after today is ZI_EDATA, "date-future" on field date, the message ending
 * with why (translated: "a document is recorded once it is signed"). */
int zi_entry_date_check(const char *date, const char *why, struct zi_diag *d);

#endif
