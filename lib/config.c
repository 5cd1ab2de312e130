/* zi.json settings: see config.h. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "letterhead.h"
#include "prereq.h"
#include "jsonio.h"
#include "util.h"
#include "values.h"

const char *const zi_config_keys[] = {"language",    "instansi",   "logo", "place", "signer_title",
				      "signer_name", "signer_nip", "csv",  NULL};

static int known(const char *key)
{
	for (size_t i = 0; zi_config_keys[i]; i++)
		if (!strcmp(zi_config_keys[i], key))
			return 1;
	return 0;
}

static int unknown_key(const char *key, struct zi_diag *d)
{
	zi_diag_error(d, "zi.json", 0, key, "config-key",
		      _("unknown setting '%s' (language, instansi, logo, place, signer_title, "
			"signer_name, signer_nip, csv)"),
		      key);
	return ZI_EUSAGE;
}

int zi_config_get(const struct zi_store *st, const char *key, const char **value, struct zi_diag *d)
{
	if (!known(key))
		return unknown_key(key, d);
	const char *v = json_string_value(json_object_get(st->manifest, key));
	*value = v ? v : "";
	return 0;
}

static int bad_value(const char *key, const char *value, const char *why, struct zi_diag *d)
{
	zi_diag_error(d, "zi.json", 0, key, "config-value", _("'%s' is not a value for %s: %s"),
		      value, key, why);
	return ZI_EUSAGE;
}

/* Checks value for key; *canon gets the form to store (caller frees). */
static int check(struct zi_store *st, const char *key, const char *value, char **canon,
		 struct zi_diag *d)
{
	*canon = NULL;
	size_t bad;
	if (!zi_is_utf8(value, strlen(value), &bad) || strpbrk(value, "\n\r\t"))
		return bad_value(key, value, _("one line of UTF-8 text"), d);
	if (!strcmp(key, "language")) {
		if (strcmp(value, "id") && strcmp(value, "en"))
			return bad_value(key, value, _("id or en"), d);
	} else if (!strcmp(key, "csv")) {
		if (strcmp(value, "canonical") && strcmp(value, "excel"))
			return bad_value(key, value, _("canonical or excel"), d);
	} else if (!strcmp(key, "instansi")) {
		if (!*value)
			return bad_value(key, value, _("the instansi needs a name"), d);
	} else if (!strcmp(key, "signer_nip") && *value) {
		struct zi_verr err = {0};
		char nip[19];
		if (zi_value_nip(value, nip, &err))
			return bad_value(key, value, err.msg, d);
		*canon = zi_xstrdup(nip);
		return 0;
	} else if (!strcmp(key, "logo") && *value) {
		char why[512];
		if (zi_letterhead_logo_check(st, value, why, sizeof(why)))
			return bad_value(key, value, why, d);
	}
	*canon = zi_xstrdup(value);
	return 0;
}

int zi_config_set(struct zi_store *st, const char *key, const char *value, int *changed,
		  struct zi_diag *d)
{
	*changed = 0;
	if (!known(key))
		return unknown_key(key, d);
	char *canon;
	int rc = check(st, key, value, &canon, d);
	if (rc)
		return rc;
	const char *old = json_string_value(json_object_get(st->manifest, key));
	if ((old && !strcmp(old, canon)) || (!old && !*canon)) {
		free(canon);
		return 0;
	}
	json_t *m = json_deep_copy(st->manifest);
	if (*canon)
		json_object_set_new(m, key, json_string(canon));
	else
		json_object_del(m, key);
	free(canon);
	struct zi_buf b;
	zi_buf_init(&b);
	zi_json_dump(m, &b);
	rc = zi_store_put_bytes(st, "zi.json", b.data, b.len, d);
	zi_buf_release(&b);
	if (!rc) {
		json_decref(st->manifest);
		st->manifest = m;
		*changed = 1;
	} else {
		json_decref(m);
	}
	return rc;
}

/* Who owes the conflict-of-interest declaration (zi.json "coi"): coi=WHO
 * for every unit, coi.UNIT=WHO for one; WHO is all, lhkpn or none, empty
 * for the default. */
static int set_coi(json_t *m, const char *a, const char *v, int *changed, struct zi_diag *d)
{
	if (*v && strcmp(v, "all") && strcmp(v, "lhkpn") && strcmp(v, "none")) {
		zi_diag_error(d, NULL, 0, "coi", "enum-invalid",
			      _("'%s': all (everyone on the roster), lhkpn (those who file an "
				"LHKPN) or none expected"),
			      v);
		return ZI_EDATA;
	}
	json_t *coi = json_object_get(m, "coi");
	if (!json_is_object(coi)) {
		coi = json_object();
		json_object_set_new(m, "coi", coi);
	}
	json_t *where = coi;
	const char *key = "owed";
	char *unit = NULL;
	if (a[3] == '.') {
		unit = zi_xstrndup(a + 4, (size_t)(strchr(a, '=') - a - 4));
		where = json_object_get(coi, "units");
		if (!json_is_object(where)) {
			where = json_object();
			json_object_set_new(coi, "units", where);
		}
		key = unit;
	}
	const char *old = json_string_value(json_object_get(where, key));
	if (!*v && old) {
		json_object_del(where, key);
		*changed = 1;
	} else if (*v && (!old || strcmp(old, v))) {
		json_object_set_new(where, key, json_string(v));
		*changed = 1;
	}
	if (json_is_object(json_object_get(coi, "units")) &&
	    !json_object_size(json_object_get(coi, "units")))
		json_object_del(coi, "units");
	if (!json_object_size(coi))
		json_object_del(m, "coi");
	free(unit);
	return 0;
}

int zi_config_assign(struct zi_store *st, const char *const *assign, size_t n, int *changed,
		     struct zi_diag *d)
{
	int rc = 0;
	json_t *m = json_deep_copy(st->manifest);
	*changed = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const char *a = assign[i], *v = strchr(a, '=') + 1;
		if (!strncmp(a, "coi", 3)) {
			if ((rc = set_coi(m, a, v, changed, d)))
				break;
			continue;
		}
		const char *key = !strncmp(a, "name=", 5)   ? "instansi"
				  : !strncmp(a, "code=", 5) ? "code"
							    : "kind";
		if (!strcmp(key, "kind")) {
			const char *k = *v ? zi_prq_kind_parse(v) : "";
			if (!k) {
				zi_diag_error(d, NULL, 0, "kind", "enum-invalid",
					      _("'%s': pemda (a regional government) or kl (a "
						"ministry or agency) expected"),
					      v);
				rc = ZI_EDATA;
				break;
			}
			v = k;
		}
		const char *old = json_string_value(json_object_get(m, key));
		if (!old || strcmp(old, v)) {
			if (!*v && !strcmp(key, "kind"))
				json_object_del(m, key);
			else
				json_object_set_new(m, key, json_string(v));
			*changed = 1;
		}
	}
	if (!rc && *changed) {
		struct zi_buf b;
		zi_buf_init(&b);
		zi_json_dump(m, &b);
		rc = zi_store_put_bytes(st, "zi.json", b.data, b.len, d);
		zi_buf_release(&b);
	}
	json_decref(m);
	return rc;
}
