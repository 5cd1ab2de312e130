/* lib/bulk: memory zeroed and kept when grown, pages let go still readable,
 * cuts at line ends outside quotes, UTF-8 in slices, the sort and the index
 * the same with one thread and with several. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/mman.h>

#include "bulk.h"
#include "zitest.h"

static void test_alloc_zeroed(void **state)
{
	(void)state;
	static const size_t sizes[] = {0, 1, 4096, (1u << 20) - 1, 1u << 20, (5u << 20) + 7};
	for (size_t k = 0; k < sizeof(sizes) / sizeof(*sizes); k++) {
		unsigned char *q = zi_bulk_alloc(sizes[k]);
		assert_non_null(q);
		if (sizes[k])
			memset(q, 0xCD, sizes[k]);
		zi_bulk_free(q);
		unsigned char *p = zi_bulk_calloc(sizes[k]);
		assert_non_null(p);
		for (size_t i = 0; i < sizes[k]; i += 997)
			assert_int_equal(p[i], 0);
		if (sizes[k]) {
			assert_int_equal(p[sizes[k] - 1], 0);
			memset(p, 0xAB, sizes[k]);
		}
		zi_bulk_free(p);
	}
	zi_bulk_free(NULL);
}

static void test_vec_keeps_content(void **state)
{
	(void)state;
	struct zi_bulk_vec v = {0};
	/* from the heap to a mapping, then grown in place */
	size_t n = 0;
	for (size_t want = 100; want < (9u << 20); want = want * 3) {
		zi_bulk_vec_reserve(&v, want * sizeof(uint32_t));
		assert_true(v.cap >= want * sizeof(uint32_t));
		uint32_t *a = v.p;
		for (; n < want; n++)
			a[n] = (uint32_t)(n * 2654435761u);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(a[i], (uint32_t)(i * 2654435761u));
	}
	assert_true(v.mapped);
	zi_bulk_vec_release(&v);
	assert_null(v.p);
	assert_int_equal(v.cap, 0);
}

static void test_drop_mapping_readable(void **state)
{
	(void)state;
	char dir[] = "/tmp/zi-bulk-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/f", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 100000; i++)
		fprintf(f, "%d\n", i);
	fclose(f);
	int fd = open(path, O_RDONLY);
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	size_t len = (size_t)st.st_size;
	const char *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	assert_true(m != MAP_FAILED);
	close(fd);
	/* not page-aligned ends: only whole pages inside go */
	zi_bulk_drop(m + 3, m + len - 5);
	zi_bulk_drop(m + 10, m + 20);
	assert_memory_equal(m, "0\n1\n2\n", 6);
	assert_memory_equal(m + len - 6, "99999\n", 6);
	munmap((void *)m, len);
	zt_rmtree(dir);
}

/* A text of about `size` bytes with quoted fields over lines, literal
 * quotes doubled inside them. */
static char *make_csv(size_t size, size_t *len)
{
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, "a,b\n");
	for (unsigned long i = 0; b.len < size; i++) {
		if (i % 7 == 0)
			zi_buf_printf(&b, "%lu,\"two\nlines \"\"q\"\"\"\n", i);
		else
			zi_buf_printf(&b, "%lu,plain\n", i);
	}
	*len = b.len;
	return b.data;
}

static void test_cuts_at_record_ends(void **state)
{
	(void)state;
	size_t len;
	char *buf = make_csv(9u << 20, &len);
	size_t cut[8];
	unsigned long lines[8];
	/* too small for parts: one */
	assert_int_equal(zi_bulk_cuts(buf, 4, (1u << 20), 4, cut, lines, '\n'), 1);
	assert_int_equal(cut[0], 4);
	size_t n = zi_bulk_cuts(buf, 4, len, 4, cut, lines, '\n');
	assert_int_equal(n, 4);
	assert_int_equal(cut[0], 4);
	for (size_t k = 1; k < n; k++) {
		assert_true(cut[k] > cut[k - 1]);
		assert_int_equal(buf[cut[k] - 1], '\n');
		/* balanced quotes before the cut, and the right line count */
		unsigned long q = 0, nl = 0;
		for (size_t i = 0; i < cut[k]; i++) {
			q += buf[i] == '"';
			nl += buf[i] == '\n';
		}
		assert_int_equal(q % 2, 0);
		assert_int_equal(lines[k], nl);
		/* a record begins there: a number */
		assert_true(buf[cut[k]] >= '0' && buf[cut[k]] <= '9');
	}
	free(buf);
}

static void test_utf8_slices(void **state)
{
	(void)state;
	/* three slices of 16 MiB, a multibyte letter across each boundary */
	size_t len = (40u << 20);
	char *buf = zi_xmalloc(len);
	for (size_t i = 0; i < len; i++)
		buf[i] = (char)('a' + i % 26);
	for (size_t s = 1; s <= 2; s++) {
		size_t at = s * (16u << 20) - 1;
		memcpy(buf + at, "\xC3\xA9", 2); /* é across the boundary */
		memcpy(buf + at + 10, "\xE2\x82\xAC", 3);
	}
	for (unsigned t = 1; t <= 4; t *= 2)
		assert_true(zi_bulk_utf8(buf, len, t, 0));
	buf[(32u << 20) + 5] = (char)0xFF;
	for (unsigned t = 1; t <= 4; t *= 2)
		assert_false(zi_bulk_utf8(buf, len, t, 0));
	assert_true(zi_bulk_utf8(buf, 0, 2, 0));
	free(buf);
}

/* Sorting: elements are strings, some with a common 16-byte prefix, some
 * repeated (their order: by index). */
struct strs {
	char **s;
	size_t n;
};

static void str_prefix(void *ctx, size_t i, struct zi_bulk_item *it)
{
	zi_bulk_prefix(((struct strs *)ctx)->s[i], it);
}

static int str_cmp(void *ctx, size_t a, size_t b)
{
	struct strs *x = ctx;
	return strcmp(x->s[a], x->s[b]);
}

static int ref_cmp(const void *a, const void *b, void *ctx)
{
	const struct zi_bulk_item *x = a, *y = b;
	int c = str_cmp(ctx, x->idx, y->idx);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static void sort_case(size_t n, int repeat)
{
	struct strs x = {zi_xcalloc(n, sizeof(char *)), n};
	for (size_t i = 0; i < n; i++) {
		unsigned long v = (unsigned long)((i * 2654435761u) %
						  (repeat ? n / 3 + 1 : 4000037));
		/* 18 digits, as a NIP: the first 16 often shared */
		x.s[i] = zi_xasprintf("1985010120100%05lu", v);
	}
	struct zi_bulk_item *ref = zi_xmalloc(n * sizeof(*ref));
	for (size_t i = 0; i < n; i++)
		ref[i].idx = i;
	qsort_r(ref, n, sizeof(*ref), ref_cmp, &x);
	int ref_unique = 1;
	for (size_t i = 1; i < n; i++)
		if (!strcmp(x.s[ref[i - 1].idx], x.s[ref[i].idx]))
			ref_unique = 0;
	struct zi_bulk_sort s = {str_prefix, str_cmp, &x};
	static const char *const threads[] = {"1", "2", "4"};
	for (size_t t = 0; t < 3; t++) {
		setenv("ZI_THREADS", threads[t], 1);
		struct zi_bulk_item *items = zi_bulk_alloc(n * sizeof(*items));
		struct zi_bulk_item *tmp = zi_bulk_alloc(n * sizeof(*tmp));
		assert_int_equal(zi_bulk_sort(&s, items, tmp, n), ref_unique);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(items[i].idx, ref[i].idx);
		zi_bulk_free(items);
		zi_bulk_free(tmp);
	}
	unsetenv("ZI_THREADS");
	assert_int_equal(ref_unique, !repeat);
	for (size_t i = 0; i < n; i++)
		free(x.s[i]);
	free(x.s);
	free(ref);
}

static void test_sort_same_with_any_threads(void **state)
{
	(void)state;
	sort_case(0, 0);
	sort_case(1, 0);
	sort_case(37, 1);
	sort_case(5000, 0);
	/* large enough for two CPUs */
	sort_case(150000, 0);
	sort_case(150000, 1);
}

static uint64_t str_entry(void *ctx, size_t i, void **item)
{
	struct strs *x = ctx;
	*item = x->s[i];
	const char *v = x->s[i];
	return zi_bulk_hash(&v, 1);
}

static void test_index_finds_every_item(void **state)
{
	(void)state;
	const char *ab[] = {"a", "b"}, *a_b[] = {"a", ""}, *ab2[] = {"ab", ""};
	/* the same on every machine; the field boundary counts */
	assert_int_equal(zi_bulk_hash(ab, 2), zi_bulk_hash(ab, 2));
	assert_true(zi_bulk_hash(a_b, 2) != zi_bulk_hash(ab2, 2));
	static const size_t counts[] = {0, 5, 100000};
	static const char *const threads[] = {"1", "2"};
	for (size_t c = 0; c < 3; c++)
		for (size_t t = 0; t < 2; t++) {
			setenv("ZI_THREADS", threads[t], 1);
			size_t n = counts[c];
			struct strs x = {zi_xcalloc(n + 1, sizeof(char *)), n};
			for (size_t i = 0; i < n; i++)
				x.s[i] = zi_xasprintf("k%zu", i);
			struct zi_bulk_index ix;
			zi_bulk_index_build(&ix, n, str_entry, &x);
			for (size_t i = 0; i < n; i++) {
				const char *v = x.s[i];
				uint64_t h = zi_bulk_hash(&v, 1);
				int found = 0;
				for (size_t k = zi_bulk_index_at(&ix, h); ix.slot[k].item;
				     k = zi_bulk_index_next(&ix, k))
					found += ix.slot[k].hash == h && ix.slot[k].item == x.s[i];
				assert_int_equal(found, 1);
			}
			const char *none = "absent";
			uint64_t h = zi_bulk_hash(&none, 1);
			for (size_t k = zi_bulk_index_at(&ix, h); ix.slot[k].item;
			     k = zi_bulk_index_next(&ix, k))
				assert_true(strcmp(ix.slot[k].item, "absent"));
			zi_bulk_index_free(&ix);
			for (size_t i = 0; i < n; i++)
				free(x.s[i]);
			free(x.s);
		}
	unsetenv("ZI_THREADS");
}

/* What came out of the lookup ring: every row, in the order pushed, with its
 * values and line, whatever the ring's depth. */
struct ahead_seen {
	size_t n;
	char got[64][32];
	unsigned long line[64];
};

static void ahead_done(void *ctx, uint64_t hash, const char *const *vals, unsigned long line)
{
	struct ahead_seen *s = ctx;
	assert_int_equal(hash, zi_bulk_hash(vals, 1));
	assert_true(s->n < 64);
	snprintf(s->got[s->n], sizeof(s->got[0]), "%s|%s", vals[0], vals[1]);
	s->line[s->n++] = line;
}

static void test_ahead_in_order(void **state)
{
	(void)state;
	struct strs x = {zi_xcalloc(41, sizeof(char *)), 40};
	for (size_t i = 0; i < 40; i++)
		x.s[i] = zi_xasprintf("k%zu", i);
	struct zi_bulk_index ix;
	zi_bulk_index_build(&ix, 20, str_entry, &x); /* half of them indexed */
	static const size_t counts[] = {0, 3, ZI_BULK_AHEAD, 40};
	for (size_t c = 0; c < 4; c++) {
		struct ahead_seen seen = {0};
		struct zi_bulk_ahead a;
		zi_bulk_ahead_init(&a, &ix, 2, ahead_done, &seen);
		for (size_t i = 0; i < counts[c]; i++) {
			const char *vals[2] = {x.s[i], i % 2 ? "" : "a longer second value"};
			zi_bulk_ahead_push(&a, zi_bulk_hash(vals, 1), vals, 100 + i);
			/* at most a ring waits */
			assert_true(i + 1 - seen.n <= ZI_BULK_AHEAD);
		}
		zi_bulk_ahead_flush(&a);
		assert_int_equal(seen.n, counts[c]);
		for (size_t i = 0; i < counts[c]; i++) {
			char want[32];
			snprintf(want, sizeof(want), "%s|%s", x.s[i],
				 i % 2 ? "" : "a longer second value");
			assert_string_equal(seen.got[i], want);
			assert_int_equal(seen.line[i], 100 + i);
		}
		zi_bulk_ahead_release(&a);
	}
	zi_bulk_index_free(&ix);
	for (size_t i = 0; i < 40; i++)
		free(x.s[i]);
	free(x.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_zeroed),
		cmocka_unit_test(test_vec_keeps_content),
		cmocka_unit_test(test_drop_mapping_readable),
		cmocka_unit_test(test_cuts_at_record_ends),
		cmocka_unit_test(test_utf8_slices),
		cmocka_unit_test(test_sort_same_with_any_threads),
		cmocka_unit_test(test_index_finds_every_item),
		cmocka_unit_test(test_ahead_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
