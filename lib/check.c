#include "check.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"
#include "evidence.h"
#include "jsonio.h"
#include "model.h"
#include "records.h"
#include "sign.h"
#include "stages.h"
#include "table.h"
#include "units.h"

const char *zi_check_schema_for(const char *rel, char *unit, size_t unitsz, char *year,
				size_t yearsz)
{
	return zi_records_type_of(rel, unit, unitsz, year, yearsz);
}

void zi_check_result_release(struct zi_check_result *r)
{
	for (size_t i = 0; i < r->nfixed; i++)
		free(r->fixed[i]);
	free(r->fixed);
	for (size_t i = 0; i < r->nremoved; i++)
		free(r->removed[i]);
	free(r->removed);
	for (size_t i = 0; i < r->ncommitted; i++)
		free(r->committed[i]);
	free(r->committed);
	memset(r, 0, sizeof(*r));
}

/* One file to check, and where it belongs. */
struct item {
	char *rel;
	int odd; /* not a regular file: reported, never read */
	const char *schema; /* NULL: not a records file */
	char unit[72];
	char year[8];
	int group; /* 0 units.csv, 1 other files of the whole directory, 2 a unit's */
	int prio; /* within a unit: roster before signatures before the rest */
	int context; /* read for what the others need (units, a roster), not reported */
};

static int cmp_item(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	if (a->group != b->group)
		return a->group - b->group;
	int c = strcmp(a->unit, b->unit);
	if (c)
		return c;
	if (a->prio != b->prio)
		return a->prio - b->prio;
	return strcmp(a->rel, b->rel);
}

struct walk {
	struct item *v;
	size_t n, cap;
};

static void walk_add(struct walk *w, const char *rel, int context)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->v = zi_xrealloc(w->v, w->cap * sizeof(*w->v));
	}
	struct item *it = &w->v[w->n++];
	memset(it, 0, sizeof(*it));
	it->rel = zi_xstrdup(rel);
	it->context = context;
}

static void walk_dir(const char *root, const char *rel, struct walk *w)
{
	char *path = *rel ? zi_xasprintf("%s/%s", root, rel) : zi_xstrdup(root);
	DIR *dir = opendir(path);
	free(path);
	if (!dir)
		return;
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' && strncmp(de->d_name, ".zi.journal.tmp-", 16))
			continue; /* ., .., .git, .zi.lock, .gitignore; not a journal's temporary file */
		char *sub = *rel ? zi_xasprintf("%s/%s", rel, de->d_name) : zi_xstrdup(de->d_name);
		int type = de->d_type;
		if (type == DT_UNKNOWN) {
			char *full = zi_xasprintf("%s/%s", root, sub);
			struct stat st;
			if (lstat(full, &st) == 0)
				type = S_ISDIR(st.st_mode)   ? DT_DIR
				       : S_ISREG(st.st_mode) ? DT_REG
							     : DT_LNK;
			free(full);
		}
		/* a link is never followed, to a directory or a file */
		int odd = type != DT_DIR && type != DT_REG;
		if (type == DT_DIR) {
			walk_dir(root, sub, w);
			free(sub);
			continue;
		}
		walk_add(w, sub, 0);
		w->v[w->n - 1].odd = odd;
		free(sub);
	}
	closedir(dir);
}

static int in_scope(const struct zi_check_scope *scope, const char *rel)
{
	for (size_t i = 0; i < scope->nfiles; i++)
		if (!strcmp(scope->files[i], rel))
			return 1;
	return 0;
}

/* The files of a scope that exist, and what checking them reads besides:
 * units.csv always (every reference to a unit), a signatures file's roster. */
static void scope_items(struct zi_store *st, const struct zi_check_scope *scope, struct walk *w)
{
	struct stat sb;
	for (size_t i = 0; i < scope->nfiles; i++) {
		char *path = zi_store_path(st, scope->files[i]);
		if (lstat(path, &sb) == 0) {
			walk_add(w, scope->files[i], 0);
			w->v[w->n - 1].odd = !S_ISREG(sb.st_mode); /* reported as the walk does */
		}
		free(path);
	}
	char *units = zi_store_path(st, "units.csv");
	if (!in_scope(scope, "units.csv") && lstat(units, &sb) == 0 && S_ISREG(sb.st_mode))
		walk_add(w, "units.csv", 1);
	free(units);
	for (size_t i = 0, n = w->n; i < n; i++) {
		char unit[72];
		const char *name = zi_records_type_of(w->v[i].rel, unit, sizeof(unit), NULL, 0);
		if (!name || strcmp(name, "signatures"))
			continue;
		char *rel = zi_records_rel("staff", unit, 0, NULL);
		char *path = zi_store_path(st, rel);
		if (!in_scope(scope, rel) && lstat(path, &sb) == 0 && S_ISREG(sb.st_mode))
			walk_add(w, rel, 1);
		free(path);
		free(rel);
	}
}

/* What the whole check carries from file to file. */
struct checker {
	struct zi_store *st;
	struct zi_diag *d;
	int fix;
	struct zi_check_result *res;
	struct zi_schema **schemas; /* loaded once per name */
	const char **schema_names;
	size_t nschemas;
	struct zi_schema *units_schema;
	struct zi_table units; /* units.csv as stored */
	struct zi_schema *staff_schema;
	struct zi_table roster; /* the roster of roster_unit */
	char roster_unit[72];
	struct zi_buf file, canon, nbuf;
	struct zi_model *model; /* the model of model_year (zi_model_for), loaded at an answer file */
	int model_tried, model_year;
};

static struct zi_schema *schema_of(struct checker *c, const char *name)
{
	for (size_t i = 0; i < c->nschemas; i++)
		if (!strcmp(c->schema_names[i], name))
			return c->schemas[i];
	struct zi_schema *s = zi_schema_get(name, c->d);
	c->schemas = zi_xrealloc(c->schemas, (c->nschemas + 1) * sizeof(*c->schemas));
	c->schema_names = zi_xrealloc(c->schema_names, (c->nschemas + 1) * sizeof(char *));
	c->schemas[c->nschemas] = s;
	c->schema_names[c->nschemas++] = name;
	return s;
}

static int date_ok(const char *v)
{
	if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
			return 0;
	return zi_date_valid(atoi(v), atoi(v + 5), atoi(v + 8));
}

/* Is a stored value already canonical and valid? The common case, decided
 * without allocating; anything doubtful goes to zi_schema_normalise. */
static int fast_ok(const struct zi_field *f, const char *v)
{
	if (!*v)
		return !f->required && f->type != ZI_T_BOOLEAN;
	switch (f->type) {
	case ZI_T_DATE:
		return date_ok(v);
	case ZI_T_BOOLEAN:
		return !strcmp(v, "true") || !strcmp(v, "false");
	case ZI_T_STRING:
		break;
	default:
		return 0;
	}
	if (!strcmp(f->name, "nip")) {
		for (int i = 0; i < 18; i++)
			if (v[i] < '0' || v[i] > '9')
				return 0;
		return v[18] == 0 ? 2 : 0; /* 2: the full NIP check is still due */
	}
	if (f->nenums) {
		for (size_t i = 0; i < f->nenums; i++)
			if (!strcmp(f->enums[i], v))
				return 1;
		return 0;
	}
	size_t n = strlen(v);
	if (v[0] == ' ' || v[n - 1] == ' ' || v[0] == '\t' || v[n - 1] == '\t' || v[n - 1] == '\n')
		return 0;
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
			return 0;
	if (f->has_pattern)
		return regexec(&f->pattern, v, 0, NULL, 0) == 0;
	return 1;
}

/* The state of reading one file. */
struct filectx {
	struct checker *c;
	const struct zi_schema *s;
	struct zi_table *t;
	const char *name;
	int *col_to_field;
	size_t ncols;
	const char **vals;
	char **fixed_vals; /* values normalised for --fix, per field */
	int structure_bad; /* the file cannot be rewritten without losing data */
	int check_utf8; /* the file is not all UTF-8: each value is checked */
	unsigned long rows;
	char last_nip[19];
};

/* The header row: each column's field; unknown, twice-named and missing
 * required columns are errors (the first two make the file unrewritable). */
static void check_header(struct filectx *fc, unsigned long line, char **fields, size_t n)
{
	const struct zi_schema *s = fc->s;
	struct zi_diag *d = fc->c->d;
	fc->ncols = n;
	fc->col_to_field = zi_xmalloc((n ? n : 1) * sizeof(int));
	int *seen = zi_xcalloc(s->nfields, sizeof(int));
	for (size_t i = 0; i < n; i++) {
		int f = zi_schema_field(s, fields[i]);
		fc->col_to_field[i] = f;
		if (f < 0) {
			zi_diag_error(d, fc->name, line, fields[i], "column-unknown",
				      _("no such field in the schema '%s'"), s->name);
			fc->structure_bad = 1;
		} else if (seen[f]++) {
			zi_diag_error(d, fc->name, line, fields[i], "column-duplicate",
				      _("the column appears twice"));
			fc->col_to_field[i] = -1;
			fc->structure_bad = 1;
		}
	}
	for (size_t f = 0; f < s->nfields; f++)
		if (!seen[f] && s->fields[f].required)
			zi_diag_error(d, fc->name, line, s->fields[f].name, "column-missing",
				      _("the required column is missing"));
	free(seen);
}

/* Field f of the row at line (fc->vals[f]): valid UTF-8, valid, canonical;
 * with --fix a value that is valid but not canonical is replaced by its
 * canonical form. */
static void check_value(struct filectx *fc, unsigned long line, size_t f)
{
	const struct zi_schema *s = fc->s;
	struct zi_diag *d = fc->c->d;
	const struct zi_field *fd = &s->fields[f];
	size_t bad;
	if (fc->check_utf8 && !zi_is_utf8(fc->vals[f], strlen(fc->vals[f]), &bad)) {
		/* which character was meant cannot be known: --fix leaves
		 * the file as it is and says what to do */
		zi_diag_error(d, fc->name, line, fd->name, "encoding-invalid",
			      _("byte 0x%02X (after '%.*s') is not valid UTF-8: records "
				"files are UTF-8, and which character was meant cannot "
				"be known; correct the value in a text editor that saves "
				"UTF-8, then run check again"),
			      (unsigned char)fc->vals[f][bad], (int)(bad > 40 ? 40 : bad),
			      fc->vals[f] + (bad > 40 ? bad - 40 : 0));
		fc->structure_bad = 1;
		return;
	}
	int ok = fast_ok(fd, fc->vals[f]);
	if (ok == 2) {
		/* a NIP: the same digits as the row before need no second look */
		if (!strcmp(fc->last_nip, fc->vals[f]))
			return;
		ok = 0;
	}
	if (ok)
		return;
	char *copy = zi_xstrdup(fc->vals[f]);
	struct zi_verr err = {0};
	int rc = zi_schema_normalise(s, f, copy, &fc->c->nbuf, &err);
	free(copy);
	const char *norm = fc->c->nbuf.data ? fc->c->nbuf.data : "";
	if (rc) {
		zi_diag_error(d, fc->name, line, fd->name, err.code ? err.code : "invalid", "%s",
			      err.msg);
	} else if (strcmp(norm, fc->vals[f])) {
		if (fc->c->fix) {
			free(fc->fixed_vals[f]);
			fc->fixed_vals[f] = zi_xstrdup(norm);
			fc->vals[f] = fc->fixed_vals[f];
		} else {
			zi_diag_error(d, fc->name, line, fd->name, "not-canonical",
				      _("'%s' is not in canonical form ('%s')"), fc->vals[f], norm);
		}
	} else if (!strcmp(fd->name, "nip")) {
		snprintf(fc->last_nip, sizeof(fc->last_nip), "%s", norm);
	}
}

static int check_row(void *ctx, unsigned long line, char **fields, size_t n)
{
	struct filectx *fc = ctx;
	const struct zi_schema *s = fc->s;
	if (!fc->col_to_field) {
		check_header(fc, line, fields, n);
		return 0;
	}
	fc->rows++;
	if (n != fc->ncols) {
		zi_diag_error(fc->c->d, fc->name, line, NULL, "row-width",
			      _("%zu fields, the header has %zu"), n, fc->ncols);
		fc->structure_bad = 1;
		return 0;
	}
	for (size_t i = 0; i < s->nfields; i++)
		fc->vals[i] = "";
	for (size_t i = 0; i < n; i++)
		if (fc->col_to_field[i] >= 0)
			fc->vals[fc->col_to_field[i]] = fields[i];
	for (size_t f = 0; f < s->nfields; f++)
		check_value(fc, line, f);
	zi_table_add(fc->t, fc->vals, line);
	return 0;
}

static int unit_known(struct checker *c, const char *id)
{
	const char *key[1] = {id};
	return zi_table_find(&c->units, key) >= 0;
}

/* References: the schema's foreign keys to units and to its own table. */
static void check_foreign_keys(struct checker *c, const struct zi_table *t, const char *name)
{
	const struct zi_schema *s = t->schema;
	for (size_t k = 0; k < s->nfks; k++) {
		const struct zi_foreign_key *fk = &s->fks[k];
		int to_units = !strcmp(fk->resource, "units");
		int to_self = !*fk->resource;
		if (!to_units && !to_self)
			continue;
		int ref = to_self ? zi_schema_field(s, fk->ref_field) : ZI_U_ID;
		int by_key = to_self && s->nkey == 1 && (size_t)ref == s->key[0];
		for (size_t r = 0; r < t->n; r++) {
			const char *v = zi_table_get(t, r, fk->field);
			if (!*v)
				continue;
			int found;
			if (to_units) {
				found = unit_known(c, v);
			} else if (ref < 0) {
				found = 1;
			} else if (by_key) {
				const char *key[1] = {v};
				found = zi_table_find(t, key) >= 0;
			} else {
				found = zi_table_find_value(t, (size_t)ref, v, 0) >= 0;
			}
			if (!found && to_units)
				zi_diag_error(c->d, name, t->lines[r], s->fields[fk->field].name,
					      "unit-unknown", _("no unit '%s' in units.csv"), v);
			else if (!found)
				zi_diag_error(c->d, name, t->lines[r], s->fields[fk->field].name,
					      "reference-unknown",
					      _("no row with %s '%s' in this file"), fk->ref_field,
					      v);
		}
	}
}

/* The relations no schema states: a staff signature's signer on the roster
 * that day; an evidence file present and unchanged. */
/* An answer's soal id must be a question of the records' model. */
static void check_soal_ids(struct checker *c, const struct zi_table *t, const char *name)
{
	/* lke/YEAR/UNIT.csv: the year's model, chosen as zi-eval score chooses it */
	const char *at = strstr(name, "lke/"), *next;
	while (at && (next = strstr(at + 4, "lke/")))
		at = next; /* the records directory's own path may hold "lke/" too */
	int year = at ? atoi(at + 4) : 0;
	if (!c->model_tried || c->model_year != year) {
		c->model_tried = 1;
		c->model_year = year;
		zi_model_free(c->model);
		c->model = NULL;
		zi_model_for(c->st, year, NULL, &c->model, c->d);
	}
	int f = zi_schema_field(t->schema, "soal_id");
	if (!c->model || f < 0)
		return;
	for (size_t r = 0; r < t->n; r++) {
		const char *v = zi_table_get(t, r, (size_t)f);
		if (*v && zi_model_question(c->model, atol(v)) < 0)
			zi_diag_error(c->d, name, t->lines[r], "soal_id", "soal-unknown",
				      _("soal %s is not a question of the model %s"), v,
				      c->model->name);
	}
}

/* Audit findings followed up (TLHP) cannot outnumber the findings. */
static void check_tlhp(struct checker *c, const struct zi_table *t, const char *name)
{
	int ff = zi_schema_field(t->schema, "findings"),
	    fu = zi_schema_field(t->schema, "followed_up");
	for (size_t r = 0; ff >= 0 && fu >= 0 && r < t->n; r++) {
		const char *n = zi_table_get(t, r, (size_t)ff),
			   *done = zi_table_get(t, r, (size_t)fu);
		if (*n && *done && atol(done) > atol(n))
			zi_diag_error(c->d, name, t->lines[r], "followed_up", "tlhp-above-findings",
				      _("%s findings followed up, more than the %s findings"), done,
				      n);
	}
}

/* A signature's conflict (coi only): true, false or nothing. */
static void check_conflict(struct checker *c, const struct zi_table *t, const char *name)
{
	int fc = zi_schema_field(t->schema, "conflict"), fd = zi_schema_field(t->schema, "doc");
	for (size_t r = 0; fc >= 0 && fd >= 0 && r < t->n; r++) {
		const char *v = zi_table_get(t, r, (size_t)fc);
		if (!*v)
			continue;
		if (strcmp(v, "true") && strcmp(v, "false"))
			zi_diag_error(c->d, name, t->lines[r], "conflict", "enum-invalid",
				      _("'%s' is not one of %s"), v, "true, false");
		else if (strcmp(zi_table_get(t, r, (size_t)fd), "coi"))
			zi_diag_error(c->d, name, t->lines[r], "conflict", "conflict-not-coi",
				      _("only a conflict-of-interest declaration (doc coi) says "
					"whether there is a conflict"));
	}
}

static void check_relations(struct checker *c, const struct zi_table *t, const char *name,
			    const char *unit)
{
	if (!strcmp(t->schema->name, "signatures"))
		check_conflict(c, t, name);
	if (!strcmp(t->schema->name, "lke-answers"))
		check_soal_ids(c, t, name);
	if (!strcmp(t->schema->name, "unit-years"))
		check_tlhp(c, t, name);
	const struct zi_schema *s = t->schema;
	int fnip = zi_schema_field(s, "nip"), fdate = zi_schema_field(s, "date");
	int frole = zi_schema_field(s, "role");
	int fev = zi_schema_field(s, "evidence"), fsha = zi_schema_field(s, "sha256");
	int is_signatures = !strcmp(s->name, "signatures");
	if (is_signatures && *unit && fnip >= 0 && fdate >= 0) {
		int have = !strcmp(c->roster_unit, unit);
		for (size_t r = 0; r < t->n; r++) {
			const char *role = frole >= 0 ? zi_table_get(t, r, (size_t)frole) : "staff";
			const char *nip = zi_table_get(t, r, (size_t)fnip);
			if (strcmp(role, "staff") || !*nip)
				continue;
			const char *date = zi_table_get(t, r, (size_t)fdate);
			const char *key[1] = {nip};
			long at = have ? zi_table_find(&c->roster, key) : -1;
			if (at < 0)
				zi_diag_error(c->d, name, t->lines[r], "nip", "not-on-roster",
					      _("%s is not on the roster staff/%s.csv"), nip, unit);
			else if (!zi_staff_on_roster(&c->roster, (size_t)at, date))
				zi_diag_error(c->d, name, t->lines[r], "nip", "not-on-roster",
					      _("%s is not on the roster staff/%s.csv on %s"), nip,
					      unit, date);
		}
	}
	if (fev >= 0) {
		for (size_t r = 0; r < t->n; r++) {
			const char *ev = zi_table_get(t, r, (size_t)fev);
			if (!*ev)
				continue;
			const char *sha = fsha >= 0 ? zi_table_get(t, r, (size_t)fsha) : "";
			char actual[65] = "";
			switch (zi_evidence_verify(c->st->dir, ev, sha, actual)) {
			case ZI_EVIDENCE_OK:
				break;
			case ZI_EVIDENCE_OUTSIDE:
				zi_diag_error(c->d, name, t->lines[r], "evidence",
					      "evidence-outside",
					      _("'%s' is outside the records directory"), ev);
				break;
			case ZI_EVIDENCE_MISSING:
				zi_diag_error(c->d, name, t->lines[r], "evidence",
					      "evidence-missing",
					      _("the evidence file %s is missing"), ev);
				break;
			case ZI_EVIDENCE_CHANGED:
				zi_diag_error(c->d, name, t->lines[r], "evidence",
					      "evidence-changed",
					      _("the evidence file %s has changed (SHA-256 %s, "
						"recorded %s)"),
					      ev, actual, sha);
				break;
			default:
				zi_diag_error(c->d, name, t->lines[r], "evidence",
					      "evidence-unreadable",
					      _("the evidence file %s cannot be read"), ev);
				break;
			}
		}
	}
}

/* Where the bytes first differ from the canonical form, said for people. */
static void report_form(struct checker *c, const char *name, const struct zi_buf *file,
			const struct zi_buf *canon)
{
	const char *a = file->data ? file->data : "", *b = canon->data ? canon->data : "";
	if (file->len >= 3 && !memcmp(a, "\xEF\xBB\xBF", 3)) {
		zi_diag_error(c->d, name, 1, NULL, "not-canonical",
			      _("starts with a byte order mark (canonical files have none)"));
		return;
	}
	size_t i = 0;
	unsigned long line = 1;
	size_t line_start = 0;
	while (i < file->len && i < canon->len && a[i] == b[i]) {
		if (a[i] == '\n') {
			line++;
			line_start = i + 1;
		}
		i++;
	}
	const char *nl = memchr(a + line_start, '\n', file->len - line_start);
	size_t alen = nl ? (size_t)(nl - a - line_start) : file->len - line_start;
	if (alen && a[line_start + alen - 1] == '\r') {
		zi_diag_error(c->d, name, line, NULL, "not-canonical",
			      _("line ends with CR LF (canonical files end lines with LF)"));
		return;
	}
	if (i == canon->len && i < file->len) {
		zi_diag_error(c->d, name, line, NULL, "not-canonical",
			      _("text after the last record (blank lines?)"));
		return;
	}
	if (i == file->len && i < canon->len) {
		zi_diag_error(c->d, name, line, NULL, "not-canonical",
			      file->len && a[file->len - 1] != '\n'
				      ? _("the last line has no final newline")
				      : _("the file is empty; canonical form has a header line"));
		return;
	}
	const char *cnl = memchr(b + line_start, '\n', canon->len - line_start);
	size_t blen = cnl ? (size_t)(cnl - b - line_start) : canon->len - line_start;
	if (line == 1)
		zi_diag_error(c->d, name, line, NULL, "not-canonical",
			      _("the header is not the schema's: expected '%.*s'"),
			      (int)(blen > 200 ? 200 : blen), b + line_start);
	else
		zi_diag_error(c->d, name, line, NULL, "not-canonical",
			      _("not in canonical form (rows sorted by key, quotes only where "
				"needed): "
				"expected '%.*s' here"),
			      (int)(blen > 200 ? 200 : blen), b + line_start);
}

static void add_fixed(struct checker *c, const char *rel)
{
	struct zi_check_result *r = c->res;
	r->fixed = zi_xrealloc(r->fixed, (r->nfixed + 1) * sizeof(char *));
	r->fixed[r->nfixed++] = zi_xstrdup(rel);
}

/* The table a file is read into: units.csv and a roster are kept for the
 * files after them (references to units, signers); any other in own. */
static struct zi_table *check_table_for(struct checker *c, const struct zi_schema *s,
					const struct item *it, struct zi_table *own)
{
	struct zi_table *t = own;
	if (!strcmp(s->name, "units")) {
		t = &c->units;
	} else if (!strcmp(s->name, "staff")) {
		zi_table_release(&c->roster);
		t = &c->roster;
		snprintf(c->roster_unit, sizeof(c->roster_unit), "%s", it->unit);
	}
	zi_table_init(t, s);
	return t;
}

/* A roster's people without lhkpn or category: without them, who owes LHKPN
 * or LHKASN is unknown, the LKE's counts stay unanswered and the coverage of
 * both is not to be trusted. */
static void check_staff_duties(struct checker *c, const struct zi_table *t, const char *path,
			       const char *unit)
{
	char today[11];
	zi_today(today);
	size_t nl, nc, on = zi_staff_duty_gaps(t, today, &nl, &nc);
	if (nl || nc)
		zi_diag_warn(c->d, path, 0, nl ? "lhkpn" : "category", "roster-without-duties",
			     _("unit %s: %zu of %zu people on the roster without lhkpn, %zu "
			       "without category: who owes LHKPN or LHKASN is unknown"),
			     unit, nl, on, nc);
}

/* The file against its canonical form, byte for byte: with --fix (and a
 * structure that loses nothing) rewritten, else the difference reported. */
static int check_canonical(struct checker *c, const struct item *it, const struct zi_table *t,
			   const char *path, int structure_bad)
{
	const struct zi_schema *s = t->schema;
	zi_buf_reset(&c->canon);
	zi_table_header(s, &c->canon);
	for (size_t r = 0; r < t->n; r++) {
		for (size_t f = 0; f < s->nfields; f++) {
			if (f)
				zi_buf_addc(&c->canon, ',');
			zi_csv_add_field(&c->canon, zi_table_get(t, r, f));
		}
		zi_buf_addc(&c->canon, '\n');
	}
	if (c->canon.len == c->file.len && !memcmp(c->canon.data, c->file.data, c->file.len))
		return 0;
	if (!c->fix || structure_bad) {
		report_form(c, path, &c->file, &c->canon);
		return 0;
	}
	int rc = zi_store_put_bytes(c->st, it->rel, c->canon.data, c->canon.len, c->d);
	if (!rc)
		add_fixed(c, it->rel);
	return rc;
}

static int check_csv(struct checker *c, struct item *it)
{
	const struct zi_schema *s = schema_of(c, it->schema);
	if (!s)
		return ZI_EINTERNAL;
	char *path = zi_store_path(c->st, it->rel);
	int rc = zi_read_file(path, path, 0, &c->file, c->d);
	if (rc) {
		free(path);
		return rc;
	}
	struct zi_table own;
	struct zi_table *t = check_table_for(c, s, it, &own);
	struct filectx fc = {.c = c, .s = s, .t = t, .name = path};
	fc.vals = zi_xcalloc(s->nfields, sizeof(char *));
	fc.fixed_vals = zi_xcalloc(s->nfields, sizeof(char *));
	struct zi_csv_opts o = {.delimiter = ',', .encoding = ZI_ENC_UTF8};
	if (!zi_is_utf8(c->file.data ? c->file.data : "", c->file.len, NULL)) {
		/* read as bytes, to name the line and field of each bad one */
		o.encoding = ZI_ENC_BYTES;
		fc.check_utf8 = 1;
	}
	rc = zi_csv_read_mem(c->file.data ? c->file.data : "", c->file.len, path, &o, check_row,
			     &fc, c->d);
	if (rc)
		fc.structure_bad = 1;
	if (rc != ZI_EIO) {
		c->res->files++;
		c->res->rows += fc.rows;
		zi_table_sort(t);
		zi_table_check_unique(t, path, c->d);
		if (*it->unit && !unit_known(c, it->unit))
			zi_diag_error(c->d, path, 0, NULL, "unit-unknown",
				      _("no unit '%s' in units.csv for this file"), it->unit);
		check_foreign_keys(c, t, path);
		check_relations(c, t, path, it->unit);
		if (!strcmp(s->name, "staff"))
			check_staff_duties(c, t, path, it->unit);
		rc = check_canonical(c, it, t, path, fc.structure_bad);
	}
	for (size_t f = 0; f < s->nfields; f++)
		free(fc.fixed_vals[f]);
	free(fc.fixed_vals);
	free(fc.vals);
	free(fc.col_to_field);
	if (t == &own)
		zi_table_release(&own);
	free(path);
	return rc;
}

static int check_manifest(struct checker *c, const char *rel)
{
	char *path = zi_store_path(c->st, rel);
	int rc = zi_read_file(path, path, 0, &c->file, c->d);
	if (rc) {
		free(path);
		return rc;
	}
	c->res->files++;
	json_error_t je;
	json_t *m = json_loadb(c->file.data ? c->file.data : "", c->file.len, 0, &je);
	if (!m) {
		zi_diag_error(c->d, path, (unsigned long)je.line, NULL, "json-invalid", "%s",
			      je.text);
		free(path);
		return 0;
	}
	zi_store_check_manifest(m, path, c->d);
	zi_buf_reset(&c->canon);
	zi_json_dump(m, &c->canon);
	if (c->canon.len != c->file.len || memcmp(c->canon.data, c->file.data, c->file.len)) {
		if (c->fix) {
			rc = zi_store_put_bytes(c->st, rel, c->canon.data, c->canon.len, c->d);
			if (!rc)
				add_fixed(c, rel);
		} else {
			report_form(c, path, &c->file, &c->canon);
		}
	}
	json_decref(m);
	free(path);
	return rc;
}

/* stages.csv against units.csv: every unit has a history; it is a valid
 * sequence (registration first, each change allowed after the one before:
 * two rows of one stage left by a merge are not); its last row is what
 * units.csv says of the unit's stage and predicate. The file's own problems
 * (form, types, duplicate keys) are reported where every file's are. */
static void check_stage_histories(struct checker *c)
{
	const struct zi_schema *s = schema_of(c, "stages");
	if (!s)
		return;
	struct zi_table st;
	zi_table_init(&st, s);
	char *path = zi_store_path(c->st, s->path);
	char *upath = zi_store_path(c->st, "units.csv");
	struct zi_diag said; /* the file's own problems are reported with every file's */
	zi_diag_init(&said);
	int rc = zi_records_read(&st, path, path, &said);
	zi_diag_release(&said);
	for (size_t r = 0; !rc && r < c->units.n; r++) {
		const char *id = zi_table_get(&c->units, r, ZI_U_ID);
		unsigned long line = c->units.lines[r];
		struct zi_stage_fault f;
		size_t *h, n = zi_stage_history(&st, id, &h);
		if (!n) {
			const char *p = zi_table_get(&c->units, r, ZI_U_PREDICATE);
			zi_diag_error(c->d, upath, line, "stage", "history-missing",
				      _("unit %s has no stage history in stages.csv (here: %s%s%s "
					"on "
					"%s)"),
				      id, zi_table_get(&c->units, r, ZI_U_STAGE), *p ? ", " : "", p,
				      zi_table_get(&c->units, r, ZI_U_STAGE_DATE));
		} else if (zi_stage_history_check(&st, id, &f)) {
			zi_diag_error(c->d, path, f.line, "stage", f.code, _("unit %s: %s"), id,
				      f.why);
		} else {
			struct zi_stage_state now;
			zi_stage_state_at(&st, id, NULL, &now);
			const char *want[] = {now.stage, now.date, now.predicate};
			static const size_t field[] = {ZI_U_STAGE, ZI_U_STAGE_DATE, ZI_U_PREDICATE};
			for (size_t i = 0; i < 3; i++) {
				const char *have = zi_table_get(&c->units, r, field[i]);
				if (strcmp(have, want[i]))
					zi_diag_error(c->d, upath, line,
						      c->units.schema->fields[field[i]].name,
						      "history-differs",
						      _("'%s', but the stage history of %s ends "
							"with '%s' "
							"(stages.csv line %lu)"),
						      have, id, want[i],
						      (unsigned long)st.lines[h[n - 1]]);
			}
		}
		free(h);
	}
	zi_table_release(&st);
	free(path);
	free(upath);
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcmp(s + n - m, suf);
}

/* A change to several files cut short: its journal is still there. With
 * --fix the lock has completed it already (zi_store_lock). */
static int check_interrupted(struct zi_store *st, int fix, struct zi_diag *d)
{
	if (!st->interrupted || (fix && !st->dry_run))
		return 0;
	char *path = zi_store_path(st, ".zi.journal");
	zi_diag_error(d, path, 0, NULL, "interrupted-change",
		      _("a change to several files was interrupted before it was complete; "
			"'zi-report check --fix' (or the next command that writes here) completes "
			"it"));
	free(path);
	return 0;
}

/* With commits on, every change is a commit of the files it wrote: a file
 * changed since the last commit was left by a command killed between its
 * write and its commit (or changed by hand). --fix commits them, saying so. */
static int check_uncommitted(struct zi_store *st, int fix, struct zi_check_result *res,
			     struct zi_diag *d)
{
	if (!st->commit)
		return 0;
	char **paths;
	size_t n;
	if (zi_store_git_uncommitted(st, &paths, &n) != 0 || n == 0)
		return 0;
	int rc = 0;
	if (fix && !st->dry_run) {
		rc = zi_store_git_commit_paths(st,
					       "zi-report check --fix: changes an interrupted "
					       "command left uncommitted",
					       (const char *const *)paths, n, d);
		if (!rc) {
			res->committed = paths;
			res->ncommitted = n;
			return 0;
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			char *path = zi_store_path(st, paths[i]);
			zi_diag_warn(d, path, 0, NULL, "uncommitted",
				     _("changed since the last git commit although commits are on "
				       "(a command interrupted before its commit?); 'zi-report "
				       "check "
				       "--fix' commits it"));
			free(path);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	return rc;
}

int zi_check_records(struct zi_store *st, int fix, struct zi_check_result *res, struct zi_diag *d)
{
	return zi_check_scoped(st, NULL, fix, res, d);
}

/* A temporary file of an interrupted write: removed with --fix, else a
 * warning; those of a half-done change are its to complete (said once, as
 * interrupted-change). */
static void check_leftover_temp(struct zi_store *st, const char *rel, int fix,
				struct zi_check_result *res, struct zi_diag *d)
{
	if (st->interrupted && !fix)
		return;
	char *path = zi_store_path(st, rel);
	if (fix && (st->dry_run || unlink(path) == 0)) {
		res->removed = zi_xrealloc(res->removed, (res->nremoved + 1) * sizeof(char *));
		res->removed[res->nremoved++] = zi_xstrdup(rel);
	} else {
		zi_diag_warn(d, path, 0, NULL, "leftover-temp",
			     _("a temporary file left by an interrupted write (check "
			       "--fix removes it)"));
	}
	free(path);
}

/* What a file found is: odd (said so), a leftover temporary file, a records
 * file (its schema, unit and year; the order it is checked in: units.csv
 * first, then the files of no unit, then the units' files, rosters before
 * signatures), or something else (said so, or passed over). */
static void classify_item(struct zi_store *st, struct item *it, int fix,
			  struct zi_check_result *res, struct zi_diag *d)
{
	it->group = 1;
	if (it->odd) {
		zi_store_check(st, it->rel, d); /* says what it is */
		return;
	}
	/* evidence files are checked through the rows that name them; only
	 * the temporary files of interrupted writes are looked at there */
	if (!strncmp(it->rel, "evidence/", 9) && !strstr(it->rel, ".tmp-"))
		return;
	if (strstr(it->rel, ".tmp-")) {
		check_leftover_temp(st, it->rel, fix, res, d);
		return;
	}
	if (!has_suffix(it->rel, ".csv"))
		return;
	it->schema = zi_records_type_of(it->rel, it->unit, sizeof(it->unit), it->year,
					sizeof(it->year));
	if (!it->schema) {
		char *path = zi_store_path(st, it->rel);
		zi_diag_warn(d, path, 0, NULL, "unknown-file",
			     _("no record type has files here; not checked"));
		free(path);
		return;
	}
	if (!strcmp(it->rel, "units.csv"))
		it->group = 0;
	else if (*it->unit)
		it->group = 2;
	it->prio = !strcmp(it->schema, "staff") ? 0 : !strcmp(it->schema, "signatures") ? 1 : 2;
}

/* A file read only for what other files refer to (units.csv, a roster, in a
 * scoped check): read as the whole check reads it, its own problems unsaid.
 * Only an internal error counts. */
static int check_context(struct checker *c, struct item *it)
{
	struct zi_diag *d = c->d, quiet;
	struct zi_check_result *res = c->res, none = {0};
	int fix = c->fix;
	zi_diag_init(&quiet);
	c->d = &quiet;
	c->res = &none;
	c->fix = 0;
	int r = check_csv(c, it);
	c->d = d;
	c->res = res;
	c->fix = fix;
	zi_diag_release(&quiet);
	zi_check_result_release(&none);
	return r == ZI_EINTERNAL ? r : 0;
}

static void checker_release(struct checker *c)
{
	for (size_t i = 0; i < c->nschemas; i++)
		zi_schema_free(c->schemas[i]);
	free(c->schemas);
	free(c->schema_names);
	zi_table_release(&c->units);
	zi_table_release(&c->roster);
	zi_model_free(c->model);
	zi_schema_free(c->units_schema);
	zi_buf_release(&c->file);
	zi_buf_release(&c->canon);
	zi_buf_release(&c->nbuf);
}

int zi_check_scoped(struct zi_store *st, const struct zi_check_scope *scope, int fix,
		    struct zi_check_result *res, struct zi_diag *d)
{
	memset(res, 0, sizeof(*res));
	struct walk w = {0};
	if (scope)
		scope_items(st, scope, &w);
	else
		walk_dir(st->dir, "", &w);
	for (size_t i = 0; i < w.n; i++)
		classify_item(st, &w.v[i], fix, res, d);
	qsort(w.v, w.n, sizeof(*w.v), cmp_item);
	struct checker c = {.st = st, .d = d, .fix = fix, .res = res};
	c.units_schema = zi_schema_get("units", d);
	if (!c.units_schema) {
		return ZI_EINTERNAL;
	}
	zi_table_init(&c.units, c.units_schema);
	zi_table_init(&c.roster, c.units_schema);
	zi_buf_init(&c.file);
	zi_buf_init(&c.canon);
	zi_buf_init(&c.nbuf);
	int rc = check_interrupted(st, fix, d);
	/* a scope is a change on its way to a commit: not what this looks for */
	if (!rc && !scope)
		rc = check_uncommitted(st, fix, res, d);
	char *manifest = zi_store_path(st, "zi.json");
	if ((!scope || in_scope(scope, "zi.json")) && access(manifest, F_OK) == 0)
		rc = check_manifest(&c, "zi.json");
	free(manifest);
	for (size_t i = 0; i < w.n && rc != ZI_EINTERNAL; i++) {
		if (!w.v[i].schema)
			continue;
		int r;
		if (w.v[i].context && (r = check_context(&c, &w.v[i])))
			rc = r; /* only ZI_EINTERNAL, which stops the check */
		else if (!w.v[i].context && (r = check_csv(&c, &w.v[i])) && !rc)
			rc = r;
	}
	/* the histories join units.csv and stages.csv: checked with either */
	if (rc != ZI_EINTERNAL && c.units.schema && c.units.n &&
	    (!scope || in_scope(scope, "units.csv") || in_scope(scope, "stages.csv")))
		check_stage_histories(&c);
	for (size_t i = 0; i < w.n; i++)
		free(w.v[i].rel);
	free(w.v);
	checker_release(&c);
	if (rc)
		return rc;
	return d->errors ? ZI_EDATA : 0;
}
