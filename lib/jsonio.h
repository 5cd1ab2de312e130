/* jansson wrappers: loading with file:line:col errors, canonical dumps. */
#ifndef ZI_JSONIO_H
#define ZI_JSONIO_H

#include <jansson.h>
#include <stdio.h>

#include "diag.h"
#include "util.h"

/* Loads a JSON file; NULL with a diagnostic naming file, line and column. */
json_t *zi_json_load(const char *path, struct zi_diag *d);
/* Two-space indent, keys in insertion order, reals as the shortest text that
 * reads back the same, a final newline. Appends to b. */
void zi_json_dump(const json_t *v, struct zi_buf *b);
/* The same without indentation or final newline (JSON Lines). */
void zi_json_dump_compact(const json_t *v, struct zi_buf *b);
/* A real rounded to the given decimals, as a JSON number (for scores). */
json_t *zi_json_real(double v, int decimals);

struct zi_schema;
struct zi_table;
/* A row as an object keyed by field name: booleans as true/false, integers
 * and numbers as numbers, empty values left out. */
json_t *zi_json_row(const struct zi_table *t, size_t r);
json_t *zi_json_table(const struct zi_table *t);

#endif
