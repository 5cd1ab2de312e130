/* Which units a command works on (see pick.h). */
#include "pick.h"

#include "units.h"

int zi_units_pick(const struct zi_table *units, const char *only, const char **ids, size_t *n,
		  struct zi_diag *d)
{
	*n = 0;
	if (!only) {
		*n = zi_units_live(units, ids);
		return 0;
	}
	int rc = zi_unit_id_check(only, d);
	if (rc)
		return rc;
	long r = zi_unit_find(units, only, d);
	if (r < 0)
		return ZI_EDATA;
	ids[(*n)++] = zi_table_get(units, (size_t)r, ZI_U_ID);
	return 0;
}
