/* Letterhead and signature settings: see letterhead.h. */
#include "letterhead.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "evidence.h"
#include "util.h"

/* The logo may not be larger than this: it is a letterhead, not a photo. */
#define LOGO_MAX (1024 * 1024)

static char *setting(struct zi_store *st, const char *key)
{
	const char *v = json_string_value(json_object_get(st->manifest, key));
	return zi_xstrdup(v ? v : "");
}

static int load_logo(struct zi_store *st, const char *logo, char **uri, struct zi_diag *d)
{
	struct zi_verr err = {0};
	char *rel;
	if (zi_evidence_resolve(st->dir, logo, &rel, &err)) {
		zi_diag_error(d, "zi.json", 0, "logo", err.code, "%s", err.msg);
		return ZI_EDATA;
	}
	char *path = zi_store_path(st, rel);
	free(rel);
	FILE *f = fopen(path, "rb");
	if (!f) {
		zi_diag_error(d, path, 0, "logo", "io-read", _("cannot read: %s"), strerror(errno));
		free(path);
		return ZI_EIO;
	}
	unsigned char *data = zi_xmalloc(LOGO_MAX + 1);
	size_t n = fread(data, 1, LOGO_MAX + 1, f);
	int bad = ferror(f);
	fclose(f);
	int rc = 0;
	if (bad) {
		zi_diag_error(d, path, 0, "logo", "io-read", _("cannot read: %s"), strerror(EIO));
		rc = ZI_EIO;
	} else if (n > LOGO_MAX) {
		zi_diag_error(d, path, 0, "logo", "logo-too-large",
			      _("the logo is larger than %d bytes"), LOGO_MAX);
		rc = ZI_EDATA;
	} else {
		size_t len = strlen(logo);
		const char *mime = strcasecmp(logo + len - 4, ".svg") ? "image/png" : "image/svg+xml";
		/* base64 is 4 bytes for every 3, plus the terminating NUL */
		unsigned char *b64 = zi_xmalloc(4 * ((n + 2) / 3) + 1);
		EVP_EncodeBlock(b64, data, (int)n);
		*uri = zi_xasprintf("data:%s;base64,%s", mime, (char *)b64);
		free(b64);
	}
	free(data);
	free(path);
	return rc;
}

int zi_letterhead_load(struct zi_store *st, struct zi_letterhead *lh, struct zi_diag *d)
{
	memset(lh, 0, sizeof(*lh));
	lh->place = setting(st, "place");
	lh->signer_title = setting(st, "signer_title");
	lh->signer_name = setting(st, "signer_name");
	lh->signer_nip = setting(st, "signer_nip");
	const char *logo = json_string_value(json_object_get(st->manifest, "logo"));
	if (logo && *logo)
		return load_logo(st, logo, &lh->logo_uri, d);
	return 0;
}

void zi_letterhead_release(struct zi_letterhead *lh)
{
	free(lh->logo_uri);
	free(lh->place);
	free(lh->signer_title);
	free(lh->signer_name);
	free(lh->signer_nip);
	memset(lh, 0, sizeof(*lh));
}

int zi_letterhead_signed(const struct zi_letterhead *lh)
{
	return (lh->place && *lh->place) || (lh->signer_title && *lh->signer_title) ||
	       (lh->signer_name && *lh->signer_name);
}
