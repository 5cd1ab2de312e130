#include "schema.h"

#include <ctype.h>

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct zi_embedded {
	const char *name;
	const char *text;
};
extern const struct zi_embedded zi_embedded_files[];

const char *zi_embedded_file(const char *name)
{
	for (const struct zi_embedded *e = zi_embedded_files; e->name; e++)
		if (!strcmp(e->name, name))
			return e->text;
	return NULL;
}

/* The built-in schemas, each parsed once per process at its first use and
 * lent to every caller. zi_schema_get used to parse the embedded JSON (and
 * compile the patterns: 0.2 ms a schema) at each of its calls, dozens per
 * command and once per thread of zi-sign status. The table is per process
 * rather than held in the store: many callers (the import of a
 * spreadsheet, the merge driver, tests) ask for a schema without any store.
 * Its index (names and texts) is built under pthread_once; each schema is
 * parsed when first asked for and published with an atomic compare and
 * exchange (two threads asking at once both parse, one copy wins, the other
 * is freed), so a command pays only for the schemas it uses and threads
 * share them without a lock. A published schema never changes (regexec on
 * a shared regex_t is thread-safe in glibc). Nothing frees the table: it
 * lives as long as the process, reachable from here. */
struct builtin {
	const char *name, *text;
	_Atomic(struct zi_schema *) s;
};

static struct {
	struct builtin *v;
	size_t n;
} builtins;
static pthread_once_t builtins_once = PTHREAD_ONCE_INIT;

static void builtins_build(void)
{
	size_t n = 0;
	for (const struct zi_embedded *e = zi_embedded_files; e->name; e++)
		n++;
	builtins.v = zi_xcalloc(n ? n : 1, sizeof(*builtins.v));
	for (const struct zi_embedded *e = zi_embedded_files; e->name; e++) {
		/* the schemas are the top-level files; the models under lke/ are
		 * read by model.c */
		if (strchr(e->name, '/') || !strstr(e->text, "\"fields\""))
			continue;
		struct builtin *b = &builtins.v[builtins.n++];
		b->name = e->name;
		b->text = e->text;
		atomic_init(&b->s, NULL);
	}
}

/* The schema of b, parsed now if no one has yet; NULL (with diagnostics in
 * d) when its text is no valid schema. */
static struct zi_schema *builtin_get(struct builtin *b, struct zi_diag *d)
{
	struct zi_schema *s = atomic_load_explicit(&b->s, memory_order_acquire);
	if (s)
		return s;
	s = zi_schema_parse(b->text, b->name, d);
	if (!s)
		return NULL;
	s->lent = 1;
	struct zi_schema *first = NULL;
	if (!atomic_compare_exchange_strong_explicit(&b->s, &first, s, memory_order_acq_rel,
						     memory_order_acquire)) {
		s->lent = 0; /* another thread's copy came first */
		zi_schema_free(s);
		s = first;
	}
	return s;
}

const struct zi_schema *zi_schema_builtin(size_t i, struct zi_diag *d)
{
	pthread_once(&builtins_once, builtins_build);
	return i < builtins.n ? builtin_get(&builtins.v[i], d) : NULL;
}

size_t zi_schema_builtin_count(void)
{
	pthread_once(&builtins_once, builtins_build);
	return builtins.n;
}

struct zi_schema *zi_schema_get(const char *name, struct zi_diag *d)
{
	pthread_once(&builtins_once, builtins_build);
	for (size_t k = 0; k < builtins.n; k++)
		if (!strcmp(builtins.v[k].name, name))
			return builtin_get(&builtins.v[k], d);
	const char *text = zi_embedded_file(name);
	if (!text) {
		zi_diag_error(d, NULL, 0, NULL, "internal", _("no built-in schema '%s'"), name);
		return NULL;
	}
	/* a file under a directory: parsed for this caller alone, who frees it */
	return zi_schema_parse(text, name, d);
}

static char **string_array(json_t *a, size_t *n, int fold)
{
	*n = json_is_array(a) ? json_array_size(a) : 0;
	if (!*n)
		return NULL;
	char **v = zi_xcalloc(*n, sizeof(*v));
	for (size_t i = 0; i < *n; i++) {
		const char *s = json_string_value(json_array_get(a, i));
		s = s ? s : "";
		if (fold) {
			char buf[256];
			zi_fold_name(s, buf, sizeof(buf));
			v[i] = zi_xstrdup(buf);
		} else {
			v[i] = zi_xstrdup(s);
		}
	}
	return v;
}

/* A field's "type"; -1 when it names none zi knows. */
static int field_type(const char *type)
{
	static const char *const names[] = {"string", "integer", "number", "boolean", "date"};
	static const enum zi_ftype types[] = {ZI_T_STRING, ZI_T_INTEGER, ZI_T_NUMBER, ZI_T_BOOLEAN,
					      ZI_T_DATE};
	if (!type)
		return ZI_T_STRING;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(type, names[i]))
			return (int)types[i];
	return -1;
}

/* Field jf of schema name into f; 1 when it is wrong (said in d). */
static int parse_field(json_t *jf, struct zi_field *f, const char *name, struct zi_diag *d)
{
	int bad = 0;
	const char *fname = json_string_value(json_object_get(jf, "name"));
	const char *type = json_string_value(json_object_get(jf, "type"));
	f->name = zi_xstrdup(fname ? fname : "");
	int t = field_type(type);
	if (t >= 0) {
		f->type = (enum zi_ftype)t;
	} else {
		zi_diag_error(d, name, 0, f->name, "schema-invalid", _("unknown field type '%s'"),
			      type);
		bad = 1;
	}
	json_t *c = json_object_get(jf, "constraints");
	f->required = json_is_true(json_object_get(c, "required"));
	f->enums = string_array(json_object_get(c, "enum"), &f->nenums, 0);
	f->aliases = string_array(json_object_get(jf, "aliases"), &f->naliases, 1);
	f->empty_unknown = json_is_true(json_object_get(jf, "unknownWhenEmpty"));
	const char *pat = json_string_value(json_object_get(c, "pattern"));
	if (pat) {
		char *anchored = zi_xasprintf("^(%s)$", pat);
		if (regcomp(&f->pattern, anchored, REG_EXTENDED | REG_NOSUB) == 0) {
			f->has_pattern = 1;
		} else {
			zi_diag_error(d, name, 0, f->name, "schema-invalid", _("bad pattern '%s'"),
				      pat);
			bad = 1;
		}
		free(anchored);
	}
	json_t *mn = json_object_get(c, "minimum"), *mx = json_object_get(c, "maximum");
	if (json_is_number(mn)) {
		f->has_minimum = 1;
		f->minimum = json_number_value(mn);
	}
	if (json_is_number(mx)) {
		f->has_maximum = 1;
		f->maximum = json_number_value(mx);
	}
	return bad;
}

/* "primaryKey": one field's name or a list of (up to four); 1 when it names
 * an unknown field (said in d). */
static int parse_primary_key(struct zi_schema *s, json_t *pk, const char *name, struct zi_diag *d)
{
	int bad = 0;
	if (json_is_string(pk)) {
		int k = zi_schema_field(s, json_string_value(pk));
		if (k >= 0)
			s->key[s->nkey++] = (size_t)k;
	}
	for (size_t i = 0; json_is_array(pk) && i < json_array_size(pk) && s->nkey < 4; i++) {
		int k = zi_schema_field(s, json_string_value(json_array_get(pk, i)));
		if (k < 0) {
			zi_diag_error(d, name, 0, NULL, "schema-invalid",
				      _("primary key names an unknown field"));
			bad = 1;
		} else {
			s->key[s->nkey++] = (size_t)k;
		}
	}
	return bad;
}

/* A "fields" of a foreign key or of its reference: a name or a list whose
 * first name counts. */
static const char *first_name(json_t *v)
{
	return json_is_array(v) ? json_string_value(json_array_get(v, 0)) : json_string_value(v);
}

/* "foreignKeys"; 1 when one is wrong (said in d). */
static int parse_foreign_keys(struct zi_schema *s, json_t *fks, const char *name, struct zi_diag *d)
{
	int bad = 0;
	s->nfks = json_array_size(fks);
	s->fks = s->nfks ? zi_xcalloc(s->nfks, sizeof(*s->fks)) : NULL;
	for (size_t i = 0; i < s->nfks; i++) {
		json_t *fk = json_array_get(fks, i);
		const char *fname = first_name(json_object_get(fk, "fields"));
		json_t *ref = json_object_get(fk, "reference");
		const char *rfname = first_name(json_object_get(ref, "fields"));
		const char *res = json_string_value(json_object_get(ref, "resource"));
		int k = fname ? zi_schema_field(s, fname) : -1;
		if (k < 0 || !rfname) {
			zi_diag_error(d, name, 0, NULL, "schema-invalid", _("bad foreign key"));
			bad = 1;
			k = 0;
		}
		s->fks[i].field = (size_t)k;
		s->fks[i].resource = zi_xstrdup(res ? res : "");
		s->fks[i].ref_field = zi_xstrdup(rfname ? rfname : "");
	}
	return bad;
}

struct zi_schema *zi_schema_parse(const char *text, const char *name, struct zi_diag *d)
{
	json_error_t je;
	json_t *root = json_loads(text, 0, &je);
	if (!root) {
		zi_diag_error(d, name, (unsigned long)je.line, NULL, "schema-invalid", "%s",
			      je.text);
		return NULL;
	}
	struct zi_schema *s = zi_xcalloc(1, sizeof(*s));
	const char *sn = json_string_value(json_object_get(root, "name"));
	const char *sp = json_string_value(json_object_get(root, "path"));
	s->name = zi_xstrdup(sn ? sn : name);
	s->path = zi_xstrdup(sp ? sp : "");
	json_t *fields = json_object_get(root, "fields");
	s->nfields = json_array_size(fields);
	s->fields = zi_xcalloc(s->nfields, sizeof(*s->fields));
	int bad = 0;
	for (size_t i = 0; i < s->nfields; i++)
		bad |= parse_field(json_array_get(fields, i), &s->fields[i], name, d);
	bad |= parse_primary_key(s, json_object_get(root, "primaryKey"), name, d);
	bad |= parse_foreign_keys(s, json_object_get(root, "foreignKeys"), name, d);
	json_decref(root);
	if (bad) {
		zi_schema_free(s);
		return NULL;
	}
	return s;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void zi_schema_free(struct zi_schema *s)
{
	if (!s || s->lent)
		return;
	for (size_t i = 0; i < s->nfields; i++) {
		struct zi_field *f = &s->fields[i];
		free(f->name);
		free_strings(f->enums, f->nenums);
		free_strings(f->aliases, f->naliases);
		if (f->has_pattern)
			regfree(&f->pattern);
	}
	for (size_t i = 0; i < s->nfks; i++) {
		free(s->fks[i].resource);
		free(s->fks[i].ref_field);
	}
	free(s->fks);
	free(s->fields);
	free(s->name);
	free(s->path);
	free(s);
}

int zi_schema_field(const struct zi_schema *s, const char *name)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (!strcmp(s->fields[i].name, name))
			return (int)i;
	return -1;
}

static int match_field(const struct zi_schema *s, const char *folded)
{
	char buf[256];
	for (size_t i = 0; i < s->nfields; i++) {
		zi_fold_name(s->fields[i].name, buf, sizeof(buf));
		if (!strcmp(buf, folded))
			return (int)i;
	}
	for (size_t i = 0; i < s->nfields; i++)
		for (size_t a = 0; a < s->fields[i].naliases; a++)
			if (!strcmp(s->fields[i].aliases[a], folded))
				return (int)i;
	return -1;
}

int zi_schema_map_header(const struct zi_schema *s, char **cols, size_t ncols,
			 const char *const *extra, int *col_to_field, const char *file,
			 unsigned long line, struct zi_diag *d)
{
	int rc = 0;
	int *seen = zi_xcalloc(s->nfields, sizeof(int));
	for (size_t c = 0; c < ncols; c++) {
		char folded[256];
		zi_fold_name(cols[c], folded, sizeof(folded));
		int f = -1;
		for (const char *const *e = extra; e && e[0]; e += 2) {
			char ef[256];
			zi_fold_name(e[0], ef, sizeof(ef));
			if (!strcmp(ef, folded)) {
				f = zi_schema_field(s, e[1]);
				if (f < 0) {
					zi_diag_error(d, file, line, cols[c], "map-unknown-field",
						      _("the map names unknown field '%s'"), e[1]);
					rc = ZI_EDATA;
				}
				break;
			}
		}
		if (f < 0 && folded[0])
			f = match_field(s, folded);
		col_to_field[c] = f;
		if (f < 0) {
			if (cols[c][0] || c + 1 < ncols)
				zi_diag_warn(d, file, line, NULL, "column-unknown",
					     _("column %zu '%s' matches no field; ignored"), c + 1,
					     cols[c]);
			continue;
		}
		if (seen[f]++) {
			zi_diag_error(d, file, line, s->fields[f].name, "column-duplicate",
				      _("two columns give this field (column %zu '%s')"), c + 1,
				      cols[c]);
			rc = ZI_EDATA;
		}
	}
	for (size_t f = 0; f < s->nfields; f++)
		if (s->fields[f].required && !seen[f]) {
			zi_diag_error(d, file, line, s->fields[f].name, "column-missing",
				      _("required column is missing"));
			rc = ZI_EDATA;
		}
	free(seen);
	return rc;
}

static int fail(struct zi_verr *err, const char *code, const char *fmt, const char *a)
{
	err->code = code;
	snprintf(err->msg, sizeof(err->msg), fmt, a);
	return -1;
}

/* "Penata Muda, III/a", "III-a", "iii a", "Penata Muda (III/a)" -> "III/a" */
static void fold_grade(char *raw)
{
	size_t len = strlen(raw);
	char *open = strrchr(raw, '(');
	if (len && raw[len - 1] == ')' && open) {
		/* the grade in brackets after the rank's name (SIASN) */
		raw[len - 1] = 0;
		memmove(raw, open + 1, strlen(open + 1) + 1);
		zi_trim(raw);
	}
	char *p = raw + strlen(raw);
	while (p > raw && (p[-1] >= 'a' && p[-1] <= 'e'))
		p--;
	if (p == raw || *p == 0 || p[1] != 0)
		return;
	char *sep = p - 1;
	if (*sep != '/' && *sep != '-' && *sep != ' ')
		return;
	char *r = sep;
	while (r > raw && strchr("IVivx", r[-1]))
		r--;
	if (r == sep)
		return;
	char out[16];
	size_t n = 0;
	for (char *q = r; q < sep && n < 8; q++)
		out[n++] = (char)(*q >= 'a' ? *q - 32 : *q);
	out[n++] = '/';
	out[n++] = *p;
	out[n] = 0;
	memmove(raw, out, n + 1);
}

/* A unit code as people type it ("BWS-DINKES", "bws dinkes", "Bws_Dinkes")
 * as a slug: lower case, runs of spaces, '_' and '-' as one '-'. -1 when
 * anything else is in it. */
static int slugify(const char *in, char *out, size_t outsz)
{
	size_t n = 0;
	int dash = 0;
	for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
		if (*p == ' ' || *p == '_' || *p == '-' || *p == '\t') {
			dash = n > 0;
			continue;
		}
		if (!isalnum(*p) || *p >= 0x80)
			return -1;
		if (n + 3 >= outsz)
			return -1;
		if (dash)
			out[n++] = '-';
		dash = 0;
		out[n++] = (char)tolower(*p);
	}
	out[n] = 0;
	return n ? 0 : -1;
}

/* The SIASN export's jenis_jabatan_nama: "Jabatan Fungsional Tertentu"
 * (JFT) is fungsional, "Jabatan Fungsional Umum" (JFU) and "Pelaksana"
 * pelaksana. "Struktural" says no eselon: it stays, and the check asks. */
static const char *fold_category(const char *raw)
{
	char folded[64];
	zi_fold_name(raw, folded, sizeof(folded));
	const char *to = NULL;
	if (!strcmp(folded, "jabatanfungsionaltertentu") || !strcmp(folded, "fungsionaltertentu") ||
	    !strcmp(folded, "jft"))
		to = "fungsional";
	else if (!strcmp(folded, "jabatanfungsionalumum") || !strcmp(folded, "fungsionalumum") ||
		 !strcmp(folded, "jfu") || !strcmp(folded, "jabatanpelaksana"))
		to = "pelaksana";
	return to ? to : raw;
}

/* A value that does not have its field's pattern: an id, unit or parent
 * typed as people type it ("BWS-DINKES", "bws dinkes") is taken as its slug,
 * with a note in err ("id-slugged"); anything else fails. */
static int normalise_unmatched(const struct zi_field *f, const char *raw, struct zi_buf *out,
			       struct zi_verr *err)
{
	if (!strcmp(f->name, "id") || !strcmp(f->name, "unit") || !strcmp(f->name, "parent")) {
		char slug[72];
		if (slugify(raw, slug, sizeof(slug)) == 0 && !zi_value_slug(slug, NULL) &&
		    regexec(&f->pattern, slug, 0, NULL, 0) == 0) {
			if (err) {
				err->code = "id-slugged";
				snprintf(err->msg, sizeof(err->msg), _("'%s' is taken as '%s'"),
					 raw, slug);
			}
			zi_buf_adds(out, slug);
			return 0;
		}
		if (zi_value_slug(raw, err))
			return -1;
	}
	return fail(err, "pattern", _("'%s' does not have the expected form"), raw);
}

/* Line breaks inside a cell are kept, as LF (a CRLF from Excel would
 * otherwise leave a space before each break); other control bytes become
 * spaces. In place. */
static void clean_controls(char *raw)
{
	char *w = raw;
	for (char *p = raw; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		char c = *p == '\r' ? '\n' : *p;
		*w++ = (unsigned char)c < 0x20 && c != '\n' && c != '\t' ? ' ' : c;
	}
	*w = 0;
}

/* A string field's value (trimmed, not empty): the fields with a form of
 * their own (nip, doc, grade, category), an enum, a pattern, or text. */
static int normalise_string(const struct zi_field *f, char *raw, struct zi_buf *out,
			    struct zi_verr *err)
{
	char tmp[64];
	if (!strcmp(f->name, "nip")) {
		if (zi_value_nip(raw, tmp, err))
			return -1;
		zi_buf_adds(out, tmp);
		return 0;
	}
	if (!strcmp(f->name, "doc")) {
		const char *doc;
		if (zi_value_doc(raw, &doc, err))
			return -1;
		zi_buf_adds(out, doc);
		return 0;
	}
	if (!strcmp(f->name, "grade"))
		fold_grade(raw);
	if (f->nenums) {
		const char *v;
		const char *in = !strcmp(f->name, "category") ? fold_category(raw) : raw;
		if (zi_value_enum(in, (const char *const *)f->enums, f->nenums, &v, err))
			return -1;
		zi_buf_adds(out, v);
		return 0;
	}
	if (f->has_pattern && regexec(&f->pattern, raw, 0, NULL, 0) != 0)
		return normalise_unmatched(f, raw, out, err);
	clean_controls(raw);
	/* what became a space (or a line break) at an end goes as a space
	 * there does: else the value would not read back the same */
	if (!*zi_trim(raw) && f->required)
		return fail(err, "required", _("a value is required%s"), "");
	zi_buf_adds(out, raw);
	return 0;
}

/* Is v outside the field's minimum and maximum? */
static int out_of_range(const struct zi_field *f, double v)
{
	return (f->has_minimum && v < f->minimum) || (f->has_maximum && v > f->maximum);
}

int zi_schema_normalise(const struct zi_schema *s, size_t fi, char *raw, struct zi_buf *out,
			struct zi_verr *err)
{
	const struct zi_field *f = &s->fields[fi];
	zi_buf_reset(out);
	zi_trim(raw);
	if (!*raw) {
		if (f->required)
			return fail(err, "required", _("a value is required%s"), "");
		if (f->type == ZI_T_BOOLEAN && !f->empty_unknown)
			zi_buf_adds(out, "false");
		else
			zi_buf_adds(out, "");
		return 0;
	}
	char tmp[64];
	switch (f->type) {
	case ZI_T_DATE:
		if (zi_value_date(raw, tmp, err))
			return -1;
		zi_buf_adds(out, tmp);
		break;
	case ZI_T_BOOLEAN: {
		int b;
		if (zi_value_bool(raw, &b, err))
			return -1;
		zi_buf_adds(out, b ? "true" : "false");
		break;
	}
	case ZI_T_INTEGER: {
		long long v;
		if (zi_value_integer(raw, &v, err))
			return -1;
		if (out_of_range(f, (double)v))
			return fail(err, "out-of-range", _("'%s' is out of range"), raw);
		zi_buf_printf(out, "%lld", v);
		break;
	}
	case ZI_T_NUMBER: {
		double v;
		if (zi_value_number(raw, &v, err))
			return -1;
		if (out_of_range(f, v))
			return fail(err, "out-of-range", _("'%s' is out of range"), raw);
		zi_format_number(v, tmp, sizeof(tmp));
		zi_buf_adds(out, tmp);
		break;
	}
	case ZI_T_STRING:
		return normalise_string(f, raw, out, err);
	}
	return 0;
}

int zi_schema_check(const struct zi_schema *s, size_t f, const char *value, struct zi_verr *err)
{
	struct zi_buf b;
	zi_buf_init(&b);
	char *copy = zi_xstrdup(value);
	err->code = NULL;
	int rc = zi_schema_normalise(s, f, copy, &b, err);
	if (rc == 0 && strcmp(b.data ? b.data : "", value) != 0) {
		err->code = "not-canonical";
		snprintf(err->msg, sizeof(err->msg), _("'%s' is not in canonical form ('%s')"),
			 value, b.data ? b.data : "");
		rc = -1;
	}
	free(copy);
	zi_buf_release(&b);
	return rc;
}
