/* Records entered one at a time: the date of what they record (see
 * entry.h). */
#include "entry.h"

#include <string.h>

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
