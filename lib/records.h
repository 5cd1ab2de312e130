/* The records layout and its one reader. Every record type is a built-in
 * schema with a "path" ("staff/{unit}.csv", "lke/{year}/{unit}.csv",
 * "surveys/{year}/{unit}-{kind=ikm}.csv"): which file holds which records,
 * and which type a file is, are answered here from those patterns, and
 * every records file is read through here (a canonical CSV whose header
 * names the schema's fields), by type from the store or, for a file outside
 * it (a side of a merge), by path. */
#ifndef ZI_RECORDS_H
#define ZI_RECORDS_H

#include "diag.h"
#include "schema.h"
#include "store.h"
#include "table.h"
#include "util.h"

/* The file of record type `type` ("staff") relative to the records
 * directory: its schema's path with {unit} and {year} filled in. unit is
 * needed by the types kept per unit, year (> 0) by those kept per year.
 * NULL, with an internal diagnostic in d (none when d is NULL), for a type
 * without a path or a part missing. The caller frees it. */
char *zi_records_rel(const char *type, const char *unit, int year, struct zi_diag *d);
/* The same for a type whose files come in kinds: a path part {kind=ikm}
 * says the files of the schema are those of kind "ikm" (kind NULL gives
 * them), and that the files of another kind (surveys: "ipak", "ipkp") lie
 * beside them with that kind in its place but have a form of their own
 * (zi_records_type_of does not give the type for them). A kind asked of a
 * type without a {kind} part, or one with a slash, is an internal error. */
char *zi_records_rel_kind(const char *type, const char *unit, int year, const char *kind,
			  struct zi_diag *d);

/* Which record type a file is (its schema's name, NULL for none) from the
 * path patterns; rel may carry leading directories (a path in a git
 * repository): the longest matching tail wins. Copies the {unit} and {year}
 * parts into unit and year (empty when the pattern has none; either may be
 * NULL). */
const char *zi_records_type_of(const char *rel, char *unit, size_t unitsz, char *year,
			       size_t yearsz);

/* Loads the records of `type` (for unit, NULL for a type kept in one file)
 * from the store: t is zi_table_init'ed here with the type's built-in schema
 * (pass a table not in use; the caller releases it), sorted by key. A
 * missing file has no records. Through zi_store_load: a link, a pipe or a
 * device is refused, an interrupted change is warned of. Returns 0,
 * ZI_EDATA (a bad header or row, with diagnostics naming file, line and
 * column), ZI_EIO or ZI_EINTERNAL. */
int zi_records_load(struct zi_store *st, const char *type, const char *unit, struct zi_table *t,
		    struct zi_diag *d);
/* The same for a type kept per year (lke-answers). */
int zi_records_load_year(struct zi_store *st, const char *type, const char *unit, int year,
			 struct zi_table *t, struct zi_diag *d);

/* Reads one records file by path into t (initialised by the caller with
 * the file's schema), in one thread: the same result and diagnostics as
 * zi_records_load, a missing file being empty; name (NULL: path) is what
 * diagnostics say. */
int zi_records_read(struct zi_table *t, const char *path, const char *name, struct zi_diag *d);
/* The same, keeping only the fields with keep[f] set (the others read as "";
 * keep NULL keeps all). */
int zi_records_read_fields(struct zi_table *t, const char *path, const char *name,
			   const unsigned char *keep, struct zi_diag *d);

/* Reads a records file of schema s as zi_records_read does (the same
 * diagnostics; a missing file has no records) without making a table:
 * fn gets each record's values in schema order ("" for a field the file
 * lacks), in file order, valid during the call. After a bad header or row,
 * fn gets no more records and ZI_EDATA is returned. The file's bytes are read
 * into raw (kept for the next call: reading many small files costs fewer
 * system calls and allocations). */
typedef void (*zi_records_fn)(void *ctx, unsigned long line, const char *const *values);
int zi_records_each(const struct zi_schema *s, const char *path, const char *name,
		    struct zi_buf *raw, zi_records_fn fn, void *ctx, struct zi_diag *d);

/* The header of a records file: columns (n of them) to schema fields.
 * field_of[i] is column i's field, -1 for an unknown column (an error
 * "column-unknown" on line, the file being name); col_of (may be NULL) gets
 * each field's column, -1 when absent. Returns 0, or ZI_EDATA when a column
 * is unknown. Every reader of records files maps its header here. */
int zi_records_header(const struct zi_schema *s, char **cols, size_t n, int *field_of, int *col_of,
		      const char *name, unsigned long line, struct zi_diag *d);

#endif
