/* Speed for large inputs: huge-page memory, pages let go, parts, UTF-8 in
 * slices, the two-CPU sort, the hash index and its lookups fetched ahead.
 * bench/PROFILE.md says where the
 * time of a million-row import goes and what each of these saved; read it
 * before changing one, and measure (bench/run.sh) after. Threads only
 * through lib/pool; no state of its own. */
#include "bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pool.h"
#include "util.h"

/* ---- memory ---- */

#define HUGE_PAGE (2u << 20)
/* Below this a growing vector stays in the heap: a mapping costs system
 * calls */
#define MAP_MIN (1u << 20)

static size_t huge_round(size_t n)
{
	return (n + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
}

static void out_of_memory(void)
{
	fputs("zi: out of memory\n", stderr);
	abort();
}

/* A fresh mapping of huge_round(n) bytes on a huge-page boundary (the
 * kernel backs only aligned 2 MiB ranges with huge pages): a larger one,
 * its ends cut off. */
static void *huge_map(size_t n)
{
	size_t want = huge_round(n), more = want + HUGE_PAGE;
	char *m = mmap(NULL, more, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	uintptr_t at = ((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	char *p = (char *)at;
	if (p > m)
		munmap(m, (size_t)(p - m));
	if (m + more > p + want)
		munmap(p + want, (size_t)(m + more - (p + want)));
	madvise(p, want, MADV_HUGEPAGE);
	return p;
}

/* From the heap, not a mapping of its own: a command frees and allocates
 * its large arrays over and over, and the heap hands back pages already
 * faulted in (zi_cli_main keeps freed memory) where a fresh mapping costs a
 * page fault and the kernel's zeroing per page (PROFILE.md: fresh memory is
 * dear). */
void *zi_bulk_alloc(size_t n)
{
	if (n < HUGE_PAGE)
		return zi_xmalloc(n ? n : 1);
	size_t total = huge_round(n);
	void *p = aligned_alloc(HUGE_PAGE, total);
	if (!p)
		out_of_memory();
	madvise(p, total, MADV_HUGEPAGE);
	return p;
}

void *zi_bulk_calloc(size_t n)
{
	void *p = zi_bulk_alloc(n);
	return memset(p, 0, n ? n : 1);
}

void zi_bulk_free(void *p)
{
	free(p);
}

void zi_bulk_vec_reserve(struct zi_bulk_vec *v, size_t bytes)
{
	if (bytes <= v->cap)
		return;
	size_t want = v->cap * 2 > bytes ? v->cap * 2 : bytes;
	if (want < MAP_MIN) {
		v->p = zi_xrealloc(v->p, want);
		v->cap = want;
		return;
	}
	want = huge_round(want);
	void *q;
	if (v->mapped) {
		q = mremap(v->p, v->cap, want, MREMAP_MAYMOVE);
		if (q != MAP_FAILED)
			madvise(q, want, MADV_HUGEPAGE);
	} else {
		q = huge_map(want);
		if (!q)
			q = MAP_FAILED;
	}
	if (q == MAP_FAILED) {
		/* no mapping: the heap will do */
		if (v->mapped) {
			void *h = zi_xmalloc(want);
			memcpy(h, v->p, v->cap);
			munmap(v->p, v->cap);
			v->p = h;
			v->mapped = 0;
		} else {
			v->p = zi_xrealloc(v->p, want);
		}
		v->cap = want;
		return;
	}
	if (!v->mapped && v->p) {
		memcpy(q, v->p, v->cap);
		free(v->p);
	}
	v->p = q;
	v->cap = want;
	v->mapped = 1;
}

void zi_bulk_vec_release(struct zi_bulk_vec *v)
{
	if (v->mapped)
		munmap(v->p, v->cap);
	else
		free(v->p);
	memset(v, 0, sizeof(*v));
}

void zi_bulk_drop(const void *from, const void *to)
{
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = ((uintptr_t)from + pg - 1) & ~(pg - 1);
	uintptr_t b = (uintptr_t)to & ~(pg - 1);
	if (b > a)
		madvise((void *)a, b - a, MADV_DONTNEED);
}

/* ---- a file read in parts ---- */

/* How many bytes of a word are c (a word of c bytes: rep), exactly. */
static inline unsigned count_in_word(uint64_t w, uint64_t rep)
{
	uint64_t x = w ^ rep; /* 0 where the byte is c */
	uint64_t lo7 = 0x7F7F7F7F7F7F7F7Full;
	uint64_t nonzero = ((x & lo7) + lo7) | x;
	/* one bit per such byte, summed by a multiply (no popcnt on the
	 * baseline x86-64 this is built for) */
	uint64_t ones = (~nonzero & ~lo7) >> 7;
	return (unsigned)((ones * 0x0101010101010101ull) >> 56);
}

/* Adds the quotes and line ends (eol) of p[0, n) to *quotes and *lines:
 * eight bytes at a time (a quote-heavy file would cost a memchr per quote). */
static void count_quotes_lines(const char *p, size_t n, char eol, unsigned long *quotes,
			       unsigned long *lines)
{
	const uint64_t q8 = 0x2222222222222222ull;
	const uint64_t nl8 = (uint64_t)(unsigned char)eol * 0x0101010101010101ull;
	unsigned long q = 0, l = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		q += count_in_word(w, q8);
		l += count_in_word(w, nl8);
	}
	for (; i < n; i++) {
		q += p[i] == '"';
		l += p[i] == eol;
	}
	*quotes += q;
	*lines += l;
}

size_t zi_bulk_cuts(const char *buf, size_t from, size_t len, size_t want, size_t *cut,
		    unsigned long *lines, char eol)
{
	cut[0] = from;
	lines[0] = 0; /* part 0 goes on from where its reader is */
	size_t n = 1, scanned = 0;
	unsigned long quotes = 0, nl = 0;
	if (len - from < 2 * (size_t)ZI_BULK_PART_MIN)
		return 1;
	if (want > (len - from) / ZI_BULK_PART_MIN)
		want = (len - from) / ZI_BULK_PART_MIN;
	for (size_t k = 1; k < want; k++) {
		size_t at = from + (len - from) / want * k;
		if (at <= cut[n - 1])
			continue;
		for (;;) {
			const char *e = memchr(buf + at, eol, len - at);
			if (!e)
				return n;
			at = (size_t)(e - buf) + 1;
			count_quotes_lines(buf + scanned, at - scanned, eol, &quotes, &nl);
			scanned = at;
			if (!(quotes & 1))
				break;
		}
		if (at >= len)
			return n;
		cut[n] = at;
		lines[n] = nl;
		n++;
	}
	return n;
}

/* UTF-8 validation of a large buffer, a slice at a time. */
#define UTF8_SLICE (16u << 20)

struct utf8_job {
	const char *buf;
	size_t len;
	int drop;
};

/* Where slice i begins: never inside a multibyte sequence. */
static size_t utf8_slice_start(const struct utf8_job *j, size_t i)
{
	size_t at = i * (size_t)UTF8_SLICE;
	if (at >= j->len)
		return j->len;
	/* a sequence has at most three bytes after its first */
	for (int k = 0; k < 3 && at > 0 && ((unsigned char)j->buf[at] & 0xC0) == 0x80; k++)
		at--;
	return at;
}

static int utf8_work(void *ctx, unsigned worker, size_t i)
{
	(void)worker;
	const struct utf8_job *j = ctx;
	size_t from = utf8_slice_start(j, i), to = utf8_slice_start(j, i + 1);
	if (!zi_is_utf8(j->buf + from, to - from, NULL))
		return 1;
	if (j->drop && to < j->len)
		zi_bulk_drop(j->buf + from, j->buf + to);
	return 0;
}

int zi_bulk_utf8(const char *buf, size_t len, unsigned threads, int drop)
{
	struct utf8_job j = {.buf = buf, .len = len, .drop = drop};
	size_t nslices = (len + UTF8_SLICE - 1) / UTF8_SLICE;
	int ok = zi_pool_each(nslices, threads, utf8_work, &j) == 0;
	if (ok && drop)
		zi_bulk_drop(buf, buf + len);
	return ok;
}

/* ---- sorting ---- */

static inline int item_cmp(const struct zi_bulk_sort *s, const struct zi_bulk_item *a,
			   const struct zi_bulk_item *b)
{
	if (a->k0 != b->k0)
		return a->k0 < b->k0 ? -1 : 1;
	if (a->k1 != b->k1)
		return a->k1 < b->k1 ? -1 : 1;
	int c = s->cmp(s->ctx, a->idx, b->idx);
	if (c)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

void zi_bulk_prefix(const char *s, struct zi_bulk_item *it)
{
	const unsigned char *v = (const unsigned char *)s;
	it->k0 = 0;
	it->k1 = 0;
	size_t i = 0;
	for (; i < 8 && v[i]; i++)
		it->k0 |= (uint64_t)v[i] << (56 - 8 * i);
	if (i < 8)
		return;
	for (size_t j = 0; j < 8 && v[8 + j]; j++)
		it->k1 |= (uint64_t)v[8 + j] << (56 - 8 * j);
}

/* Insertion sort of runs of 16, then a merge sort with the comparison
 * inline. */
static void sort_items(const struct zi_bulk_sort *s, struct zi_bulk_item *a,
		       struct zi_bulk_item *tmp, size_t n)
{
	const size_t run = 16;
	for (size_t lo = 0; lo < n; lo += run) {
		size_t hi = lo + run < n ? lo + run : n;
		for (size_t i = lo + 1; i < hi; i++) {
			struct zi_bulk_item v = a[i];
			size_t j = i;
			while (j > lo && item_cmp(s, &v, &a[j - 1]) < 0) {
				a[j] = a[j - 1];
				j--;
			}
			a[j] = v;
		}
	}
	struct zi_bulk_item *src = a, *dst = tmp;
	for (size_t w = run; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			if (mid == hi || item_cmp(s, &src[mid - 1], &src[mid]) <= 0) {
				memcpy(dst + lo, src + lo, (hi - lo) * sizeof(*src));
				continue;
			}
			while (i < mid && j < hi)
				dst[k++] = item_cmp(s, &src[j], &src[i]) < 0 ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		struct zi_bulk_item *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
}

/* The items of elements [first, first + n) made and sorted: a half of a
 * large sort, on a CPU of its own. */
struct half {
	const struct zi_bulk_sort *s;
	struct zi_bulk_item *a, *tmp;
	size_t n, first;
};

static void sort_half(const struct half *h)
{
	for (size_t i = 0; i < h->n; i++) {
		h->s->prefix(h->s->ctx, h->first + i, &h->a[i]);
		h->a[i].idx = h->first + i;
	}
	sort_items(h->s, h->a, h->tmp, h->n);
}

static int half_work(void *ctx, unsigned worker, size_t i)
{
	(void)worker;
	sort_half((const struct half *)ctx + i);
	return 0;
}

/* Below this many elements, one CPU sorts faster than two start. */
#define SORT_SPLIT (1u << 16)

int zi_bulk_sort(const struct zi_bulk_sort *s, struct zi_bulk_item *items, struct zi_bulk_item *tmp,
		 size_t n)
{
	unsigned threads = n >= SORT_SPLIT ? zi_pool_threads(2) : 1;
	if (threads < 2) {
		struct half all = {s, items, tmp, n, 0};
		sort_half(&all);
	} else {
		size_t h = n / 2;
		struct half halves[2] = {{s, items, tmp, h, 0}, {s, items + h, tmp + h, n - h, h}};
		zi_pool_each(2, threads, half_work, halves);
		size_t i = 0, k = h, o = 0;
		while (i < h && k < n)
			tmp[o++] = item_cmp(s, &items[k], &items[i]) < 0 ? items[k++] : items[i++];
		while (i < h)
			tmp[o++] = items[i++];
		while (k < n)
			tmp[o++] = items[k++];
		memcpy(items, tmp, n * sizeof(*items));
	}
	int unique = 1;
	for (size_t i = 1; i < n && unique; i++)
		if (items[i].k0 == items[i - 1].k0 && items[i].k1 == items[i - 1].k1)
			unique = s->cmp(s->ctx, items[i - 1].idx, items[i].idx) != 0;
	return unique;
}

/* ---- the hash index ---- */

uint64_t zi_bulk_hash(const char *const *vals, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t k = 0; k < n; k++) {
		for (const unsigned char *p = (const unsigned char *)vals[k]; *p; p++)
			h = (h ^ *p) * 0x100000001b3ull;
		h = (h ^ 0xff) * 0x100000001b3ull;
	}
	return h ^ (h >> 29);
}

struct index_job {
	struct zi_bulk_index *x;
	uint64_t (*entry)(void *ctx, size_t i, void **item);
	void *ctx;
	size_t n, parts;
};

/* Puts part i of the items into the index; two parts may run at once, so a
 * slot is taken with a compare-and-swap (nothing reads the index until both
 * are done). */
static int index_fill(void *ctx, unsigned worker, size_t part)
{
	(void)worker;
	const struct index_job *j = ctx;
	struct zi_bulk_slot *slot = j->x->slot;
	size_t from = j->n / j->parts * part;
	size_t to = part + 1 < j->parts ? j->n / j->parts * (part + 1) : j->n;
	for (size_t r = from; r < to; r++) {
		void *item;
		uint64_t h = j->entry(j->ctx, r, &item);
		for (size_t i = zi_bulk_index_at(j->x, h);; i = zi_bulk_index_next(j->x, i)) {
			void *none = NULL;
			if (!__atomic_load_n(&slot[i].item, __ATOMIC_RELAXED) &&
			    __atomic_compare_exchange_n(&slot[i].item, &none, item, 0,
							__ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
				slot[i].hash = h;
				break;
			}
		}
	}
	return 0;
}

/* Below this many items, one CPU builds faster than two start. */
#define INDEX_SPLIT (1u << 15)

void zi_bulk_index_build(struct zi_bulk_index *x, size_t n,
			 uint64_t (*entry)(void *ctx, size_t i, void **item), void *ctx)
{
	size_t cap = 16;
	while (cap < n * 2)
		cap *= 2;
	/* probed at random: in huge pages, or every probe is a TLB miss too */
	x->bytes = cap * sizeof(*x->slot);
	x->slot = zi_bulk_calloc(x->bytes);
	x->mask = cap - 1;
	unsigned threads = n >= INDEX_SPLIT ? zi_pool_threads(2) : 1;
	struct index_job j = {x, entry, ctx, n, threads > 1 ? 2 : 1};
	zi_pool_each(j.parts, threads, index_fill, &j);
}

void zi_bulk_index_free(struct zi_bulk_index *x)
{
	zi_bulk_free(x->slot);
	x->slot = NULL;
	x->bytes = 0;
}

/* ---- lookups in the index, fetched ahead ---- */

void zi_bulk_ahead_init(struct zi_bulk_ahead *a, const struct zi_bulk_index *x, size_t nvals,
			void (*done)(void *ctx, uint64_t hash, const char *const *vals,
				     unsigned long line),
			void *ctx)
{
	memset(a, 0, sizeof(*a));
	a->x = x;
	a->nvals = nvals;
	a->done = done;
	a->ctx = ctx;
	a->vals = zi_xcalloc(nvals + 1, sizeof(*a->vals));
}

/* The oldest row out, to done. */
static void ahead_pop(struct zi_bulk_ahead *a)
{
	const struct zi_bulk_ahead_row *e = &a->ring[a->head];
	const char *p = e->text;
	for (size_t f = 0; f < a->nvals; f++) {
		a->vals[f] = p;
		p += strlen(p) + 1;
	}
	a->head = (a->head + 1) % ZI_BULK_AHEAD;
	a->n--;
	a->done(a->ctx, e->hash, a->vals, e->line);
}

void zi_bulk_ahead_push(struct zi_bulk_ahead *a, uint64_t h, const char *const *vals,
			unsigned long line)
{
	if (a->n == ZI_BULK_AHEAD)
		ahead_pop(a);
	if (a->n >= ZI_BULK_AHEAD / 2) {
		/* half a ring ago its slot was asked for: ask for its item */
		const struct zi_bulk_ahead_row *o =
			&a->ring[(a->head + a->n - ZI_BULK_AHEAD / 2) % ZI_BULK_AHEAD];
		const struct zi_bulk_index *x = a->x;
		for (size_t i = zi_bulk_index_at(x, o->hash); x->slot[i].item;
		     i = zi_bulk_index_next(x, i))
			if (x->slot[i].hash == o->hash) {
				__builtin_prefetch(x->slot[i].item);
				__builtin_prefetch((char *)x->slot[i].item + 64);
				break;
			}
	}
	struct zi_bulk_ahead_row *e = &a->ring[(a->head + a->n) % ZI_BULK_AHEAD];
	e->len = 0;
	for (size_t f = 0; f < a->nvals; f++) {
		size_t k = strlen(vals[f]) + 1;
		if (e->len + k > e->cap) {
			e->cap = (e->len + k) * 2;
			e->text = zi_xrealloc(e->text, e->cap);
		}
		memcpy(e->text + e->len, vals[f], k);
		e->len += k;
	}
	e->hash = h;
	e->line = line;
	a->n++;
	__builtin_prefetch(&a->x->slot[zi_bulk_index_at(a->x, h)]);
}

void zi_bulk_ahead_flush(struct zi_bulk_ahead *a)
{
	while (a->n)
		ahead_pop(a);
}

void zi_bulk_ahead_release(struct zi_bulk_ahead *a)
{
	for (size_t e = 0; e < ZI_BULK_AHEAD; e++)
		free(a->ring[e].text);
	free(a->vals);
	memset(a, 0, sizeof(*a));
}
