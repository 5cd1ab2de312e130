/* Records entered one at a time (zi-sign add, zi-declare add): such a
 * record is never dated after today. (A value typed for one of its fields
 * goes through the schema as an import's cell would: zi_edit_value.) */
#ifndef ZI_ENTRY_H
#define ZI_ENTRY_H

#include "diag.h"
#include "util.h"

/* A record is entered once what it records took place: date (YYYY-MM-DD)
 * after today is ZI_EDATA, "date-future" on field date, the message ending
 * with why (translated: "a document is recorded once it is signed"). */
int zi_entry_date_check(const char *date, const char *why, struct zi_diag *d);

#endif
