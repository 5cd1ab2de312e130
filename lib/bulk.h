/* Speed for large inputs, in one place: large memory in huge pages, pages
 * of a mapped file let go, a file cut into parts to read on every CPU, UTF-8
 * checked in slices, a sort of a million rows on two CPUs, the index a
 * re-import looks its rows up in, fetched ahead. Why each is here, with the figures:
 * bench/PROFILE.md. Every one has a plain single-thread path, taken for small
 * inputs, with one CPU or ZI_THREADS=1; threads only through lib/pool, and
 * what the threads make is the same bytes as that path's. */
#ifndef ZI_BULK_H
#define ZI_BULK_H

#include <stddef.h>
#include <stdint.h>

/* ---- memory ---- */

/* n bytes; a large block in huge pages where the system has them (fewer
 * page faults and TLB misses; pages never touched cost nothing). Aborts when
 * memory is exhausted, as zi_xmalloc. zi_bulk_calloc: zeroed. Both freed
 * with zi_bulk_free (or free()). */
void *zi_bulk_alloc(size_t n);
void *zi_bulk_calloc(size_t n);
void zi_bulk_free(void *p);

/* A growable block for arrays that may grow large (a million survey
 * responses): the heap while small, then zi_bulk memory grown in place
 * where the system can (mremap). Zero-initialise; bytes past what was
 * written are unspecified. */
struct zi_bulk_vec {
	void *p;
	size_t cap; /* bytes */
	int mapped;
};
void zi_bulk_vec_reserve(struct zi_bulk_vec *v, size_t bytes);
void zi_bulk_vec_release(struct zi_bulk_vec *v);

/* Lets go of the whole pages within [from, to) of a read-only file mapping:
 * what was read need not stay in memory (it is read again from the page
 * cache if touched). */
void zi_bulk_drop(const void *from, const void *to);

/* ---- a file read in parts ---- */

/* Below this many bytes, one thread reads faster than several start. */
#define ZI_BULK_PART_MIN (1u << 20)

/* Where the parts of buf[from, len) begin: cut[0] = from; cut[k] just after
 * a line end (eol) where the quotes seen so far are balanced (outside a
 * quoted field, unless the text has a literal quote: the parse checks);
 * lines[k] (k > 0) how many line ends of buf come before cut[k] (its reader
 * counts on from there). At most
 * want parts (cut and lines hold want). Returns how many. */
size_t zi_bulk_cuts(const char *buf, size_t from, size_t len, size_t want, size_t *cut,
		    unsigned long *lines, char eol);

/* Whether buf is UTF-8, checked in slices on up to `threads` threads; with
 * drop (a file mapping), the pages checked are let go. */
int zi_bulk_utf8(const char *buf, size_t len, unsigned threads, int drop);

/* ---- sorting a million rows ---- */

/* An element's place in a sort: the first 16 bytes of its key (zero padded,
 * big-endian, so number order is byte order; 0 0 for a key that has no byte
 * prefix) and its index. Only items with equal prefixes look at the
 * elements. */
struct zi_bulk_item {
	uint64_t k0, k1;
	size_t idx;
};

struct zi_bulk_sort {
	/* fills it->k0 and it->k1 for element i */
	void (*prefix)(void *ctx, size_t i, struct zi_bulk_item *it);
	/* compares elements a and b by key (0: the same key) */
	int (*cmp)(void *ctx, size_t a, size_t b);
	void *ctx;
};

/* Big-endian prefix of a string, for a prefix function. */
void zi_bulk_prefix(const char *s, struct zi_bulk_item *it);

/* Sorts elements 0 .. n - 1 by key, equal keys in index order: items[k].idx
 * is the k-th element (items and tmp: room for n each; tmp is scratch,
 * free for the caller's use afterwards). A large sort runs on two CPUs, a
 * half each, then merges. Returns whether each key comes once. */
int zi_bulk_sort(const struct zi_bulk_sort *s, struct zi_bulk_item *items, struct zi_bulk_item *tmp,
		 size_t n);

/* ---- an index of a million rows by hash ---- */

/* A hash of strings (key values), the same on every machine. */
uint64_t zi_bulk_hash(const char *const *vals, size_t n);

/* Open addressing: a slot holds the hash (so a probe rarely reads an item)
 * and the item (one cache miss fewer than its number). Built on two CPUs
 * when large; read-only afterwards. */
struct zi_bulk_slot {
	uint64_t hash;
	void *item;
};
struct zi_bulk_index {
	struct zi_bulk_slot *slot;
	size_t mask, bytes;
};

/* Indexes items 0 .. n - 1: entry returns item i's hash and sets *item
 * (not NULL). */
void zi_bulk_index_build(struct zi_bulk_index *x, size_t n,
			 uint64_t (*entry)(void *ctx, size_t i, void **item), void *ctx);
void zi_bulk_index_free(struct zi_bulk_index *x);

/* The slots to probe for hash h: from zi_bulk_index_at(x, h), on with
 * zi_bulk_index_next, until a slot without an item. */
static inline size_t zi_bulk_index_at(const struct zi_bulk_index *x, uint64_t h)
{
	return h & x->mask;
}
static inline size_t zi_bulk_index_next(const struct zi_bulk_index *x, size_t i)
{
	return (i + 1) & x->mask;
}

/* ---- lookups in the index, fetched ahead ---- */

/* A re-import looks every row up in the index of the records file: two
 * cache misses (the slot, then the item) per row. Rows wait in a ring so
 * that both are fetched ahead: the slot when the row is pushed, the item
 * half a ring later; a ring later the row comes out (to `done`), in the
 * order pushed. One per reader (part): no threads. */
#define ZI_BULK_AHEAD 16

struct zi_bulk_ahead_row {
	char *text; /* the values, one after another, each NUL-terminated */
	size_t len, cap;
	uint64_t hash;
	unsigned long line;
};
struct zi_bulk_ahead {
	const struct zi_bulk_index *x;
	size_t nvals;
	/* called with each row as it comes out: its hash, values and line */
	void (*done)(void *ctx, uint64_t hash, const char *const *vals, unsigned long line);
	void *ctx;
	struct zi_bulk_ahead_row ring[ZI_BULK_AHEAD];
	size_t head, n;
	const char **vals; /* nvals: the row coming out, split */
};

void zi_bulk_ahead_init(struct zi_bulk_ahead *a, const struct zi_bulk_index *x, size_t nvals,
			void (*done)(void *ctx, uint64_t hash, const char *const *vals,
				     unsigned long line),
			void *ctx);
/* Queues row vals (nvals strings, copied) whose key has hash h; the oldest
 * row comes out first when the ring is full. */
void zi_bulk_ahead_push(struct zi_bulk_ahead *a, uint64_t h, const char *const *vals,
			unsigned long line);
/* Every row still queued comes out, in order. */
void zi_bulk_ahead_flush(struct zi_bulk_ahead *a);
void zi_bulk_ahead_release(struct zi_bulk_ahead *a);

#endif
