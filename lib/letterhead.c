/* Letterhead and signature settings: see letterhead.h. */
#include "letterhead.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "util.h"

/* The logo may not be larger than this: it is a letterhead, not a photo. */
#define LOGO_MAX (1024 * 1024)

static char *setting(struct zi_store *st, const char *key)
{
	const char *v = json_string_value(json_object_get(st->manifest, key));
	return zi_xstrdup(v ? v : "");
}

int zi_letterhead_logo_check(const struct zi_store *st, const char *rel, char *why, size_t n)
{
	size_t len = strlen(rel);
	if (len < 5 || (strcasecmp(rel + len - 4, ".png") && strcasecmp(rel + len - 4, ".svg"))) {
		snprintf(why, n, "%s", _("a .png or .svg file in the records directory"));
		return ZI_EDATA;
	}
	/* the words of the path first: nothing may lead out of the directory */
	int up = rel[0] == '/';
	for (const char *p = rel; *p && !up; p = strchr(p, '/') ? strchr(p, '/') + 1 : p + strlen(p))
		up = !strncmp(p, "..", 2) && (p[2] == '/' || !p[2]);
	if (up) {
		snprintf(why, n, _("'%s' is outside the records directory"), rel);
		return ZI_EDATA;
	}
	struct zi_diag quiet;
	zi_diag_init(&quiet);
	int rc = zi_store_check(st, rel, &quiet);
	if (rc == 1)
		snprintf(why, n, _("the logo file %s is missing"), rel);
	else if (rc)
		snprintf(why, n, "%s", quiet.n ? quiet.v[0].message : _("not a regular file"));
	zi_diag_release(&quiet);
	return rc ? ZI_EDATA : 0;
}

static int load_logo(struct zi_store *st, const char *logo, char **uri, struct zi_diag *d)
{
	char why[512];
	if (zi_letterhead_logo_check(st, logo, why, sizeof(why))) {
		zi_diag_error(d, "zi.json", 0, "logo", "logo-missing", "%s", why);
		return ZI_EDATA;
	}
	char *path = zi_store_path(st, logo);
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
		const char *mime = strcasecmp(logo + len - 4, ".svg") ? "image/png"
								      : "image/svg+xml";
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
