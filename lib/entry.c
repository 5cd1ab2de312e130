/* Records entered one at a time: a typed value through its schema field
 * (see entry.h). */
#include "entry.h"

#include <stdlib.h>

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
