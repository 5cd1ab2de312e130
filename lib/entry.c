/* Records entered one at a time: a typed value through its schema field
 * and the date of what it records (see entry.h). */
#include "entry.h"

#include <stdlib.h>
#include <string.h>

int zi_entry_value(const struct zi_schema *s, size_t f, const char *raw, struct zi_buf *out,
		   struct zi_diag *d)
{
	/* the normaliser may change its input in place: a copy */
	char *copy = zi_xstrdup(raw ? raw : "");
	struct zi_verr err = {0};
	zi_buf_reset(out);
	int rc = zi_schema_normalise(s, f, copy, out, &err);
	free(copy);
	if (rc) {
		zi_diag_error(d, NULL, 0, s->fields[f].name, err.code, "%s", err.msg);
		return ZI_EDATA;
	}
	if (!out->data)
		zi_buf_adds(out, "");
	return 0;
}

int zi_entry_date_check(const char *date, const char *why, struct zi_diag *d)
{
	char today[11];
	zi_today(today);
	if (strcmp(date, today) <= 0)
		return 0;
	zi_diag_error(d, NULL, 0, "date", "date-future", _("%s is after today (%s): %s"), date,
		      today, why);
	return ZI_EDATA;
}
