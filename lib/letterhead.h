/* The letterhead and signature block of a report, from zi.json: the
 * instansi's logo (a PNG or SVG file in the records, embedded as a data: URI
 * so that the HTML stays one self-contained file), the place, and who signs. */
#ifndef ZI_LETTERHEAD_H
#define ZI_LETTERHEAD_H

#include "diag.h"
#include "store.h"

struct zi_letterhead {
	char *logo_uri; /* data:image/...;base64,... or NULL */
	char *place, *signer_title, *signer_name, *signer_nip; /* "" when unset */
};

/* Reads the settings; a logo that is set but cannot be read is an error
 * naming zi.json's logo (ZI_EDATA or ZI_EIO). */
int zi_letterhead_load(struct zi_store *st, struct zi_letterhead *lh, struct zi_diag *d);
void zi_letterhead_release(struct zi_letterhead *lh);
/* Checks that rel names a .png or .svg file inside the records directory
 * (relative, no "..", no symbolic link or device on the way); 0, or
 * ZI_EDATA with why filled in. */
int zi_letterhead_logo_check(const struct zi_store *st, const char *rel, char *why, size_t n);
/* 1 when there is anything for a signature block. */
int zi_letterhead_signed(const struct zi_letterhead *lh);

#endif
