/* The transparency site (zi-report site): a static tree of HTML pages and
 * data.json that any web server can serve, made from the public edition of
 * the reports only (no NIP, no staff name, no complaint text or
 * complainant). The tree is built whole in a temporary directory beside the
 * target and renamed over it, so a reader sees the old site or the new one;
 * the same records and month give the same bytes. */
#ifndef ZI_SITE_H
#define ZI_SITE_H

#include "diag.h"
#include "store.h"

/* Writes the site of the state at the end of month (YYYY-MM) to dir: the
 * index of units, a page per unit, the complaint statistics, the archive of
 * monthly reports from the programme's first record up to month, and
 * data.json. dir must be missing, an empty directory, or a site this made
 * before; a symbolic link, a file or another directory is refused (ZI_EIO),
 * as is a dir inside the records (ZI_EUSAGE). On any failure dir is left as
 * it was. *pages gets the number of files written. */
int zi_site_write(struct zi_store *st, const char *dir, const char *month, size_t *pages,
		  struct zi_diag *d);

#endif
