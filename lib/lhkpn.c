#include "lhkpn.h"

#include <string.h>

#include "util.h"

/* Titles and degrees people also write without a full stop. */
static const char *const titles[] = {
	"dr",   "drg",  "drs", "dra",  "ir",  "h",    "hj",   "prof", "kh",  "apt", "ns",
	"skom", "sked", "skm", "spd",  "ssos", "sh",  "se",   "st",   "ssi", "sip", "sap",
	"mkes", "msi",  "mm",  "mpd",  "mh",  "mt",   "mkom", "map",  "amd", "amk", "phd",
};

static int is_title(const char *folded)
{
	for (size_t i = 0; i < sizeof(titles) / sizeof(*titles); i++)
		if (!strcmp(folded, titles[i]))
			return 1;
	return 0;
}

void zi_person_key(const char *name, char *out, size_t outsz)
{
	size_t o = 0;
	if (!outsz)
		return;
	out[0] = 0;
	const char *end = strchr(name, ',');
	if (!end)
		end = name + strlen(name);
	const char *p = name;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		const char *w = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		if (p == w)
			break;
		char raw[128], folded[128];
		size_t n = (size_t)(p - w) < sizeof(raw) - 1 ? (size_t)(p - w) : sizeof(raw) - 1;
		memcpy(raw, w, n);
		raw[n] = 0;
		zi_fold_name(raw, folded, sizeof(folded));
		if (!*folded || strchr(raw, '.') || is_title(folded))
			continue;
		size_t len = strlen(folded);
		if (o + (o ? 1 : 0) + len + 1 > outsz)
			break;
		if (o)
			out[o++] = ' ';
		memcpy(out + o, folded, len);
		o += len;
		out[o] = 0;
	}
}

int zi_lhkpn_complete(const char *status)
{
	char f[64];
	zi_fold_name(status, f, sizeof(f));
	return !strcmp(f, "diumumkanlengkap") || !strcmp(f, "terverifikasilengkap");
}
