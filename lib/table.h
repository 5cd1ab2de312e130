/* A table in memory: rows of canonical text values in schema order. Rows live
 * in an arena, each one block: uint32 offsets, then the NUL-terminated values. */
#ifndef ZI_TABLE_H
#define ZI_TABLE_H

#include <stddef.h> /* offsetof, for zi_find_str */
#include <stdint.h>
#include <stdio.h>

#include "csvio.h"
#include "schema.h"

struct zi_table {
	const struct zi_schema *schema; /* borrowed */
	size_t n, cap;
	char **rows;
	uint32_t *lines; /* source line of each row, 0 if none */
	struct zi_arena arena;
	/* What is known of the order, so that no pass is made twice: 0
	 * nothing, ZI_SORTED keys in order, ZI_SORTED_UNIQUE each key once
	 * and in order. Any change of the rows clears it; gen counts them. */
	int order;
	unsigned long gen;
};

enum { ZI_SORTED = 1, ZI_SORTED_UNIQUE = 2 };

void zi_table_init(struct zi_table *t, const struct zi_schema *s);
void zi_table_release(struct zi_table *t);

static inline const char *zi_table_get(const struct zi_table *t, size_t row, size_t field)
{
	const uint32_t *off = (const uint32_t *)t->rows[row];
	return t->rows[row] + off[field];
}

/* Appends a copy of the values (schema order; NULL counts as ""); returns its index. */
size_t zi_table_add(struct zi_table *t, const char *const *values, unsigned long line);
/* Appends a row block of another table of the same schema, not a copy: that
 * table's storage must outlive t's use of the row. */
size_t zi_table_add_shared(struct zi_table *t, char *block, unsigned long line);
/* Moves every row of from (same schema) to the end of t, storage and all;
 * from ends empty. */
void zi_table_append(struct zi_table *t, struct zi_table *from);
/* Replaces row r with a copy of values. */
void zi_table_set(struct zi_table *t, size_t r, const char *const *values);
/* Replaces one value of row r. */
void zi_table_set_value(struct zi_table *t, size_t r, size_t field, const char *value);
/* Removes the rows whose drop[r] is set; the others keep their order. */
void zi_table_drop(struct zi_table *t, const unsigned char *drop);
/* Fills values[] (nfields pointers into the table) for row r. */
void zi_table_row(const struct zi_table *t, size_t r, const char **values);

/* Compares rows by the schema's primary key. */
int zi_table_cmp_rows(const struct zi_table *t, size_t a, size_t b);
/* Compares row r's key with key values given in key order. */
int zi_table_cmp_key(const struct zi_table *t, size_t r, const char *const *key);
/* Sorts by primary key, keeping the order of equal keys. */
void zi_table_sort(struct zi_table *t);
int zi_table_is_sorted(struct zi_table *t);
/* The rows' order by key without moving them: order[i] (n of them) is the
 * index of the i-th row by key, equal keys in table order. Returns whether
 * each key comes once. */
int zi_table_sort_order(const struct zi_table *t, size_t *order);
/* Binary search in a sorted table; -1 when absent. */
long zi_table_find(const struct zi_table *t, const char *const *key);
/* Binary search over n things in order, cmp(ctx, i, key) comparing the i-th
 * with key (<0, 0, >0): the first i (0 to n) whose thing is not less than
 * key. Inline, so that a search whose cmp is known where it is called (a
 * row's key or field) compares without a call through a pointer. */
typedef int (*zi_sorted_cmp_fn)(const void *ctx, size_t i, const void *key);
static inline size_t zi_lower_bound(size_t n, zi_sorted_cmp_fn cmp, const void *ctx, const void *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp(ctx, mid, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
/* The same search: the index of a thing equal to key, or -1. */
static inline long zi_sorted_find(size_t n, zi_sorted_cmp_fn cmp, const void *ctx, const void *key)
{
	size_t i = zi_lower_bound(n, cmp, ctx, key);
	return i < n && cmp(ctx, i, key) == 0 ? (long)i : -1;
}
/* The first row (0 to t->n) whose field is not less than value, in a table
 * sorted by that field first (its key's first field): where the rows of
 * one unit or one person begin. */
size_t zi_table_lower_bound(const struct zi_table *t, size_t field, const char *value);
/* zi_sorted_find over an array of n structs of size bytes, sorted by the
 * string (a char *) at offset in each (e.g. offsetof(struct zi_rep_unit,
 * id)): the index of the one that is key, or -1. */
long zi_find_str(const void *base, size_t n, size_t size, size_t offset, const char *key);
/* Linear search by one field's value; -1 when absent. */
long zi_table_find_value(const struct zi_table *t, size_t field, const char *value, size_t from);
/* Reports every pair of rows with the same key (the table must be sorted). */
int zi_table_check_unique(const struct zi_table *t, const char *file, struct zi_diag *d);
/* Row r's key values into b (reset first), ", " between them: how a
 * message names a row. */
void zi_table_key_text(const struct zi_table *t, size_t r, struct zi_buf *b);

/* Canonical CSV: header, rows, LF; writes to out. Returns 0 or ZI_EIO. */
int zi_table_write(const struct zi_table *t, FILE *out);
void zi_table_header(const struct zi_schema *s, struct zi_buf *b);

/* Reads a records file (canonical CSV, header by field name, mapped by
 * zi_records_header), a large one in parts on the pool. A missing file is
 * an empty table when missing_ok. Values are taken as stored: zi-report check
 * is what validates them. Records are loaded through lib/records.c
 * (zi_records_load), which comes here by zi_store_load. */
int zi_table_load(struct zi_table *t, const char *path, const char *name, int missing_ok,
		  struct zi_diag *d);

/* Merges incoming rows into dst by primary key: fields that incoming does not
 * have (present[f] == 0) keep their value. Counts what happened; dst ends
 * sorted. A row whose key appears twice in incoming is an error in d.
 * New rows are not copied: dst takes over incoming's row storage, so the rows
 * of incoming stay readable as long as dst lives (release dst last). */
struct zi_merge_counts {
	unsigned long added, updated, unchanged;
};
int zi_table_merge(struct zi_table *dst, struct zi_table *incoming, const int *present,
		   const char *file, struct zi_merge_counts *c, struct zi_diag *d);

#endif
