#include "lhkpn.h"

#include <stdlib.h>
#include <string.h>

#include "jsonio.h"
#include "records.h"
#include "sign.h"
#include "units.h"
#include "util.h"

/* Titles and degrees people also write without a full stop. */
static const char *const titles[] = {
	"dr",	"drg",	"drs", "dra", "ir",   "h",  "hj",   "prof", "kh",  "apt", "ns",
	"skom", "sked", "skm", "spd", "ssos", "sh", "se",   "st",   "ssi", "sip", "sap",
	"mkes", "msi",	"mm",  "mpd", "mh",   "mt", "mkom", "map",  "amd", "amk", "phd",
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

/* The list matched to the rosters. */

static void fold_key(const char *in, char **out)
{
	size_t n = strlen(in) + 1;
	*out = zi_xmalloc(n);
	zi_fold_name(in, *out, n);
}

static int load_unit(struct zi_store *st, struct zi_lhkpn_unit *u, const char *date,
		     struct zi_diag *d)
{
	int rc = zi_records_load(st, "staff", u->id, &u->staff, d);
	u->keys = zi_xcalloc(u->staff.n + 1, sizeof(char *));
	u->hit = zi_xcalloc(u->staff.n + 1, 1);
	for (size_t r = 0; !rc && r < u->staff.n; r++) {
		if (!zi_staff_on_roster(&u->staff, r, date))
			continue;
		const char *name = zi_table_get(&u->staff, r, ZI_S_NAME);
		u->keys[r] = zi_xmalloc(strlen(name) + 1);
		zi_person_key(name, u->keys[r], strlen(name) + 1);
	}
	return rc;
}

int zi_lhkpn_load(struct zi_lhkpn_match *m, struct zi_store *st, const struct zi_table *units,
		  const char *date, struct zi_diag *d)
{
	*m = (struct zi_lhkpn_match){0};
	snprintf(m->date, sizeof(m->date), "%s", date);
	const struct zi_schema *gs = zi_schema_get("signatures", d);
	if (!gs)
		return ZI_EINTERNAL;
	m->units = zi_xcalloc(units->n + 1, sizeof(*m->units));
	int rc = 0;
	for (size_t r = 0; !rc && r < units->n; r++) {
		if (!strcmp(zi_table_get(units, r, ZI_U_RETIRED), "true"))
			continue;
		struct zi_lhkpn_unit *u = &m->units[m->nunits++];
		u->id = zi_table_get(units, r, ZI_U_ID);
		fold_key(zi_table_get(units, r, ZI_U_NAME), &u->name_key);
		fold_key(zi_table_get(units, r, ZI_U_SHORT), &u->short_key);
		fold_key(u->id, &u->id_key);
		zi_table_init(&u->sigs, gs);
		rc = load_unit(st, u, date, d);
	}
	return rc;
}

/* The unit a text of the list names (its name, short name or id, or a
 * --unit-map line), or -1. */
static long unit_named(const struct zi_lhkpn_unit *units, size_t n, char **map, const char *text)
{
	if (!*text)
		return -1;
	char *k;
	fold_key(text, &k);
	long found = -1;
	for (size_t i = 0; map && map[i] && found < 0; i += 2) {
		char *mk;
		fold_key(map[i], &mk);
		if (!strcmp(mk, k))
			for (size_t u = 0; u < n; u++)
				if (!strcmp(units[u].id, map[i + 1]))
					found = (long)u;
		free(mk);
	}
	for (size_t u = 0; u < n && found < 0; u++)
		if (*k && (!strcmp(k, units[u].name_key) || !strcmp(k, units[u].short_key) ||
			   !strcmp(k, units[u].id_key)))
			found = (long)u;
	free(k);
	return found;
}

/* Row i's person within the unit the list names, anywhere when it names
 * none: the outcome when not exactly one roster row has the key. */
static int match_person(struct zi_lhkpn_match *m, const struct zi_table *list, size_t i, char **map)
{
	const char *name = zi_table_get(list, i, ZI_E_NAME);
	size_t kn = strlen(name) + 1;
	char *key = zi_xmalloc(kn);
	zi_person_key(name, key, kn);
	long only = unit_named(m->units, m->nunits, map, zi_table_get(list, i, ZI_E_SUB_UNIT_KERJA));
	if (only < 0)
		only = unit_named(m->units, m->nunits, map, zi_table_get(list, i, ZI_E_UNIT_KERJA));
	size_t hits = 0;
	struct zi_buf where;
	zi_buf_init(&where);
	size_t from = only < 0 ? 0 : (size_t)only, to = only < 0 ? m->nunits : (size_t)only + 1;
	for (size_t u = from; u < to; u++)
		for (size_t r = 0; r < m->units[u].staff.n; r++)
			if (m->units[u].keys[r] && *key && !strcmp(m->units[u].keys[r], key)) {
				if (!hits++) {
					m->at_unit[i] = (long)u;
					m->at_row[i] = (long)r;
				}
				zi_buf_printf(&where, "%s%s", where.len ? ", " : "", m->units[u].id);
			}
	free(key);
	if (hits != 1)
		/* not matched: the unit it was looked for in, when the list names one */
		m->also[i] = where.data	 ? zi_xstrdup(where.data)
			     : only >= 0 ? zi_xstrdup(m->units[only].id)
					 : NULL;
	zi_buf_release(&where);
	return hits == 1 ? -1 : hits ? ZI_LHKPN_AMBIGUOUS : ZI_LHKPN_NOT_MATCHED;
}

/* A filing of the list's year already recorded (by hand, or by an earlier
 * run of the list) on or before its day is not recorded again. */
static int filed_this_year(const struct zi_table *sigs, const char *nip, const char *date)
{
	for (size_t j = 0; j < sigs->n; j++)
		if (!strcmp(zi_table_get(sigs, j, ZI_G_NIP), nip) &&
		    !strcmp(zi_table_get(sigs, j, ZI_G_DOC), "lhkpn") &&
		    !strncmp(zi_table_get(sigs, j, ZI_G_DATE), date, 4) &&
		    strcmp(zi_table_get(sigs, j, ZI_G_DATE), date) <= 0)
			return 1;
	return 0;
}

int zi_lhkpn_match(struct zi_lhkpn_match *m, struct zi_store *st, const struct zi_table *list,
		   char **map, struct zi_diag *d)
{
	size_t n = m->n = list->n;
	m->outcome = zi_xcalloc(n + 1, 1);
	m->at_unit = zi_xcalloc(n + 1, sizeof(long));
	m->at_row = zi_xcalloc(n + 1, sizeof(long));
	m->also = zi_xcalloc(n + 1, sizeof(char *));
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		int o = match_person(m, list, i, map);
		struct zi_lhkpn_unit *u = o < 0 ? &m->units[m->at_unit[i]] : NULL;
		if (u) {
			u->hit[m->at_row[i]] = 1;
			if (!zi_lhkpn_complete(zi_table_get(list, i, ZI_E_STATUS)))
				o = ZI_LHKPN_NOT_FILED;
		}
		if (o < 0 && !u->sigs_loaded) {
			rc = zi_records_load(st, "signatures", u->id, &u->sigs, d);
			u->sigs_loaded = 1;
			if (rc)
				break;
		}
		size_t r = (size_t)m->at_row[i];
		if (o < 0 &&
		    filed_this_year(&u->sigs, zi_table_get(&u->staff, r, ZI_S_NIP), m->date))
			o = ZI_LHKPN_ALREADY;
		if (o < 0) {
			const char *row[ZI_G_CONFLICT + 1] = {zi_table_get(&u->staff, r, ZI_S_NIP),
							      "lhkpn",
							      m->date,
							      zi_table_get(&u->staff, r, ZI_S_NAME),
							      zi_table_get(&u->staff, r,
									   ZI_S_POSITION),
							      "staff",
							      "",
							      "",
							      "",
							      ""};
			zi_table_add(&u->sigs, row, 0);
			u->added++;
			o = ZI_LHKPN_RECORDED;
		}
		m->outcome[i] = (unsigned char)o;
		m->counts[o]++;
	}
	return rc;
}

int zi_lhkpn_save(struct zi_lhkpn_match *m, struct zi_store *st, struct zi_diag *d)
{
	int rc = 0;
	for (size_t u = 0; !rc && u < m->nunits; u++) {
		if (!m->units[u].added)
			continue;
		zi_table_sort(&m->units[u].sigs);
		char *rel = zi_unit_file("signatures", m->units[u].id, ".csv");
		rc = zi_store_put_table(st, rel, &m->units[u].sigs, d);
		free(rel);
	}
	return rc;
}

void zi_lhkpn_release(struct zi_lhkpn_match *m)
{
	for (size_t i = 0; m->also && i < m->n; i++)
		free(m->also[i]);
	free(m->also);
	free(m->outcome);
	free(m->at_unit);
	free(m->at_row);
	for (size_t u = 0; u < m->nunits; u++) {
		struct zi_lhkpn_unit *x = &m->units[u];
		for (size_t r = 0; x->keys && r < x->staff.n; r++)
			free(x->keys[r]);
		free(x->keys);
		free(x->hit);
		free(x->name_key);
		free(x->short_key);
		free(x->id_key);
		zi_table_release(&x->staff);
		zi_table_release(&x->sigs);
	}
	free(m->units);
	*m = (struct zi_lhkpn_match){0};
}

/* The rows of the list whose outcome is k: their line, the NIP and name of
 * the staff they matched (or the name on the list), the unit(s) and the
 * status; in text under the heading of k, in JSON into arr. */
static void render_outcome(const struct zi_lhkpn_match *m, const struct zi_table *list, int k,
			   json_t *arr, struct zi_buf *b)
{
	static const char *const heads[5] = {N_("recorded:"), N_("already recorded this year:"),
					     N_("not filed (status not complete):"),
					     N_("not matched to a roster:"),
					     N_("matched more than once:")};
	if (!arr && m->counts[k])
		zi_buf_printf(b, "%s\n", _(heads[k]));
	for (size_t i = 0; i < m->n; i++) {
		if (m->outcome[i] != k)
			continue;
		int matched = k <= ZI_LHKPN_NOT_FILED;
		const struct zi_lhkpn_unit *u = matched ? &m->units[m->at_unit[i]] : NULL;
		size_t r = matched ? (size_t)m->at_row[i] : 0;
		const char *nip = matched ? zi_table_get(&u->staff, r, ZI_S_NIP) : "";
		const char *name = matched ? zi_table_get(&u->staff, r, ZI_S_NAME)
					   : zi_table_get(list, i, ZI_E_NAME);
		const char *status = zi_table_get(list, i, ZI_E_STATUS);
		const char *where = matched ? u->id : m->also[i] ? m->also[i] : "";
		unsigned long line = list->lines[i];
		if (!arr) {
			zi_buf_printf(b, "  %s %lu  %s%s%s  %s%s%s\n", _("line"), line, nip,
				      *nip ? " " : "", name, where, *where ? "  " : "", status);
			continue;
		}
		json_t *x = json_object();
		json_object_set_new(x, "line", json_integer((json_int_t)line));
		json_object_set_new(x, "name", json_string(name));
		if (matched)
			json_object_set_new(x, "nip", json_string(nip));
		json_object_set_new(x, matched ? "unit" : "units", json_string(where));
		json_object_set_new(x, "status", json_string(status));
		json_array_append_new(arr, x);
	}
}

/* Row r of unit u's roster: a line of text, or {unit, nip, name} in arr. */
static void render_staff(const struct zi_lhkpn_unit *u, size_t r, json_t *arr, struct zi_buf *b)
{
	const char *nip = zi_table_get(&u->staff, r, ZI_S_NIP);
	const char *name = zi_table_get(&u->staff, r, ZI_S_NAME);
	if (!arr) {
		zi_buf_printf(b, "  %s  %s %s\n", u->id, nip, name);
		return;
	}
	json_t *x = json_object();
	json_object_set_new(x, "unit", json_string(u->id));
	json_object_set_new(x, "nip", json_string(nip));
	json_object_set_new(x, "name", json_string(name));
	json_array_append_new(arr, x);
}

static int roster_says_lhkpn(const struct zi_lhkpn_unit *u, size_t r)
{
	return !strcmp(zi_table_get(&u->staff, r, ZI_S_LHKPN), "true");
}

/* Staff matched by a row of the list whose roster says lhkpn=false. */
static void render_not_required(const struct zi_lhkpn_match *m, json_t *arr, struct zi_buf *b)
{
	unsigned long n = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && !arr && n)
			zi_buf_printf(b, "%s\n", _("on the list, but the roster says lhkpn=false:"));
		for (size_t i = 0; i < m->n; i++) {
			if (m->outcome[i] > ZI_LHKPN_NOT_FILED)
				continue;
			const struct zi_lhkpn_unit *u = &m->units[m->at_unit[i]];
			size_t r = (size_t)m->at_row[i];
			if (roster_says_lhkpn(u, r))
				continue;
			if (pass == 0)
				n++;
			else
				render_staff(u, r, arr, b);
		}
	}
}

/* Staff whose roster says lhkpn=true that no row of the list names. */
static void render_missing(const struct zi_lhkpn_match *m, json_t *arr, struct zi_buf *b)
{
	unsigned long n = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && !arr && n)
			zi_buf_printf(b, "%s\n",
				      _("on a roster with lhkpn=true, missing from the list:"));
		for (size_t u = 0; u < m->nunits; u++)
			for (size_t r = 0; r < m->units[u].staff.n; r++) {
				const struct zi_lhkpn_unit *x = &m->units[u];
				if (!x->keys[r] || x->hit[r] || !roster_says_lhkpn(x, r))
					continue;
				if (pass == 0)
					n++;
				else
					render_staff(x, r, arr, b);
			}
	}
}

/* The report of a match: the counts, each row by outcome, and what the
 * rosters say against the list; text or JSON (format "json"). */
void zi_lhkpn_render(const struct zi_lhkpn_match *m, const struct zi_table *list, const char *file,
		     const char *format, int dry_run, struct zi_buf *b)
{
	const unsigned long *counts = m->counts;
	if (strcmp(format, "json")) {
		zi_buf_printf(b,
			      _("%s%s: %zu rows on %s: %lu lhkpn filings recorded, %lu already "
				"recorded, %lu not filed, %lu not matched, %lu matched more "
				"than once\n"),
			      dry_run ? _("dry run: ") : "", file, m->n, m->date,
			      counts[ZI_LHKPN_RECORDED], counts[ZI_LHKPN_ALREADY],
			      counts[ZI_LHKPN_NOT_FILED], counts[ZI_LHKPN_NOT_MATCHED],
			      counts[ZI_LHKPN_AMBIGUOUS]);
		for (int k = 0; k < 5; k++)
			render_outcome(m, list, k, NULL, b);
		render_not_required(m, NULL, b);
		render_missing(m, NULL, b);
		return;
	}
	static const char *const keys[5] = {"recorded", "already_recorded", "not_filed",
					    "not_matched", "matched_more_than_once"};
	json_t *jo = json_object();
	json_object_set_new(jo, "file", json_string(file));
	json_object_set_new(jo, "date", json_string(m->date));
	json_object_set_new(jo, "rows", json_integer((json_int_t)m->n));
	for (int k = 0; k < 5; k++) {
		json_t *arr = json_array();
		render_outcome(m, list, k, arr, b);
		json_object_set_new(jo, keys[k], arr);
	}
	json_t *jfalse = json_array(), *jmiss = json_array();
	render_not_required(m, jfalse, b);
	render_missing(m, jmiss, b);
	json_object_set_new(jo, "roster_not_required", jfalse);
	json_object_set_new(jo, "missing_from_list", jmiss);
	zi_json_dump(jo, b);
	json_decref(jo);
}
