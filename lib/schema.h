/* Table Schema (Frictionless) files: fields, types, constraints, keys, and our
 * one extension, "aliases": header names accepted on import. */
#ifndef ZI_SCHEMA_H
#define ZI_SCHEMA_H

#include <regex.h>
#include <stddef.h>

#include "diag.h"
#include "util.h"
#include "values.h"

enum zi_ftype { ZI_T_STRING, ZI_T_INTEGER, ZI_T_NUMBER, ZI_T_BOOLEAN, ZI_T_DATE };

struct zi_field {
	char *name;
	enum zi_ftype type;
	int required;
	char **enums;
	size_t nenums;
	char **aliases; /* folded with zi_fold_name */
	size_t naliases;
	int has_pattern;
	regex_t pattern;
	double minimum, maximum;
	int has_minimum, has_maximum;
	/* a boolean left empty stays "" (unknown) instead of false:
	 * "unknownWhenEmpty": true, for facts whose absence must not read as no */
	int empty_unknown;
};

struct zi_foreign_key {
	size_t field; /* one-field keys are all we use */
	char *resource; /* "" for the same table */
	char *ref_field;
};

struct zi_schema {
	char *name;
	char *path;
	struct zi_field *fields;
	size_t nfields;
	size_t key[4];
	size_t nkey;
	struct zi_foreign_key *fks;
	size_t nfks;
	int lent; /* a built-in schema of zi_schema_get: zi_schema_free leaves it */
};

/* The schema files are built into the library; name is a path under schemas/
 * without ".json" ("units", "staff", "lke/lke-2026"). NULL if there is none. */
const char *zi_embedded_file(const char *name);

/* A built-in schema, parsed once per process and lent: the caller must not
 * change it; zi_schema_free does nothing to it (callers may still call it,
 * so that a schema of their own and a lent one are handled alike). Safe
 * from any thread. NULL with a diagnostic when there is no such schema. */
struct zi_schema *zi_schema_get(const char *name, struct zi_diag *d);
/* The built-in schemas in the order of their files, for walking the record
 * types (lib/records.c): how many, and the i-th (lent; NULL with
 * diagnostics when its text is no valid schema). */
size_t zi_schema_builtin_count(void);
const struct zi_schema *zi_schema_builtin(size_t i, struct zi_diag *d);
/* Parses schema JSON text; name is used in diagnostics. */
struct zi_schema *zi_schema_parse(const char *text, const char *name, struct zi_diag *d);
void zi_schema_free(struct zi_schema *s);
/* Index of a field, or -1. */
int zi_schema_field(const struct zi_schema *s, const char *name);

/* Maps the columns of a header row to fields: col_to_field[i] is a field
 * index or -1. A column matches a field's name or an alias, ignoring case,
 * spaces and punctuation; extra maps header names to field names first (may
 * be NULL; pairs of strings, NULL-terminated). Unknown columns are warned
 * about, missing required fields and duplicate columns are errors. */
int zi_schema_map_header(const struct zi_schema *s, char **cols, size_t ncols,
			 const char *const *extra, int *col_to_field, const char *file,
			 unsigned long line, struct zi_diag *d);

/* Normalises one raw value (trimmed in place) of field f into its canonical
 * text in out. Empty optional values stay empty, except booleans, which become
 * "false". Returns 0 or -1 with err filled. */
int zi_schema_normalise(const struct zi_schema *s, size_t f, char *raw, struct zi_buf *out,
			struct zi_verr *err);
/* Checks a value already in canonical form (used on stored records). */
int zi_schema_check(const struct zi_schema *s, size_t f, const char *value, struct zi_verr *err);

#endif
