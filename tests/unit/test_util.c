/* lib/util: buffers, arena, allocation helpers, trimming, name folding, UTF-8
 * validation, today's date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "zitest.h"

static void test_buf_grows_and_stays_terminated(void **state)
{
	(void)state;
	struct zi_buf b;
	zi_buf_init(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	zi_buf_adds(&b, "ab");
	zi_buf_addc(&b, 'c');
	zi_buf_add(&b, "dexxx", 2);
	assert_int_equal(b.len, 5);
	assert_str(b.data, "abcde");
	for (int i = 0; i < 1000; i++)
		zi_buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 5 + 2000);
	assert_int_equal(b.data[b.len], 0);
	assert_true(b.cap > b.len);
	assert_memory_equal(b.data + 5, "0,1,2,", 6);
	zi_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_str(b.data, "");
	zi_buf_printf(&b, "%s-%05.1f", "x", 2.25);
	assert_str(b.data, "x-002.2");
	/* a NUL byte inside is kept, the length counts it */
	zi_buf_reset(&b);
	zi_buf_add(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 4);
	zi_buf_release(&b);
	assert_null(b.data);
	assert_int_equal(b.cap, 0);
	/* reset on a buffer that never held anything */
	zi_buf_reset(&b);
	assert_null(b.data);
}

static void test_buf_printf_large(void **state)
{
	(void)state;
	struct zi_buf b;
	zi_buf_init(&b);
	char big[5000];
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	zi_buf_printf(&b, "<%s>", big);
	assert_int_equal(b.len, sizeof(big) + 1);
	assert_int_equal(b.data[0], '<');
	assert_int_equal(b.data[b.len - 1], '>');
	assert_int_equal(b.data[b.len], 0);
	zi_buf_release(&b);
}

static void test_arena(void **state)
{
	(void)state;
	struct zi_arena a;
	zi_arena_init(&a);
	char *prev = NULL;
	for (int i = 0; i < 100000; i++) {
		size_t n = (size_t)(i % 37) + 1;
		char *p = zi_arena_alloc(&a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 8, 0);
		memset(p, 'a' + i % 26, n);
		if (prev)
			assert_true(prev != p);
		prev = p;
	}
	/* a block bigger than a quarter chunk, then small ones still work */
	char *big = zi_arena_alloc(&a, 3u << 20);
	memset(big, 1, 3u << 20);
	char *s = zi_arena_strdup(&a, "Dinas Kesehatan");
	assert_str(s, "Dinas Kesehatan");
	char *e = zi_arena_strdup(&a, "");
	assert_str(e, "");
	zi_arena_release(&a);
	assert_null(a.head);
	/* a big block first of all */
	char *only = zi_arena_alloc(&a, 2u << 20);
	only[(2u << 20) - 1] = 1;
	zi_arena_release(&a);
}

static void test_alloc_helpers(void **state)
{
	(void)state;
	char *s = zi_xstrdup("hello");
	assert_str(s, "hello");
	free(s);
	s = zi_xstrndup("hello", 3);
	assert_str(s, "hel");
	free(s);
	s = zi_xasprintf("%s:%lu: %d", "a.csv", 12ul, -3);
	assert_str(s, "a.csv:12: -3");
	free(s);
	int *z = zi_xcalloc(10, sizeof(int));
	for (int i = 0; i < 10; i++)
		assert_int_equal(z[i], 0);
	z = zi_xrealloc(z, 100 * sizeof(int));
	z[99] = 1;
	free(z);
	void *m = zi_xmalloc(0); /* never NULL */
	assert_non_null(m);
	free(m);
}

static void test_trim(void **state)
{
	(void)state;
	char a[] = "  Budi Santoso \t\r\n";
	assert_str(zi_trim(a), "Budi Santoso");
	char b[] = "\xC2\xA0"
		   "NIP\xC2\xA0"; /* no-break spaces from a spreadsheet */
	assert_str(zi_trim(b), "NIP");
	char c[] = "   ";
	assert_str(zi_trim(c), "");
	char d[] = "";
	assert_str(zi_trim(d), "");
	char e[] = "a  b";
	assert_str(zi_trim(e), "a  b");
	char f[] = "\xC2\xA0\xC2\xA0";
	assert_str(zi_trim(f), "");
	/* a lone 0xA0 byte after another letter is not a no-break space */
	char g[] = "caf\xC3\xA9";
	assert_str(zi_trim(g), "caf\xC3\xA9");
}

static void test_strcaseeq_and_fold(void **state)
{
	(void)state;
	assert_true(zi_strcaseeq("WBK", "wbk"));
	assert_true(zi_strcaseeq("", ""));
	assert_false(zi_strcaseeq("wbk", "wbbm"));
	assert_false(zi_strcaseeq("wb", "wbk"));
	assert_false(zi_strcaseeq("wbk", "wb"));
	char out[64];
	zi_fold_name("Kode Unit", out, sizeof(out));
	assert_str(out, "kodeunit");
	zi_fold_name("Pangkat/Golongan", out, sizeof(out));
	assert_str(out, "pangkatgolongan");
	zi_fold_name("  NIP_Baru. ", out, sizeof(out));
	assert_str(out, "nipbaru");
	zi_fold_name("No.", out, sizeof(out));
	assert_str(out, "no");
	zi_fold_name("---", out, sizeof(out));
	assert_str(out, "");
	char small[4];
	zi_fold_name("abcdef", small, sizeof(small));
	assert_str(small, "abc");
}

static void test_is_utf8(void **state)
{
	(void)state;
	size_t bad = 999;
	assert_true(zi_is_utf8("", 0, &bad));
	assert_true(zi_is_utf8("plain ascii, longer than eight bytes", 36, &bad));
	const char *ok = "Jl. Merdeka \xE2\x80\x93 Bandung \xC3\xA9 \xF0\x9F\x98\x80";
	assert_true(zi_is_utf8(ok, strlen(ok), &bad));
	/* CP1252 e-acute after a long ASCII run: the offset is exact */
	const char *cp = "Kecamatan Caf\xE9";
	assert_false(zi_is_utf8(cp, strlen(cp), &bad));
	assert_int_equal(bad, 13);
	/* overlong, surrogate, out of range, truncated, lone continuation */
	const char *cases[] =
		{"\xC0\x80",	     "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
		 "\xF5\x80\x80\x80", "ab\xE2\x82",   "\x80",	     "\xC3"};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		bad = 999;
		assert_false(zi_is_utf8(cases[i], strlen(cases[i]), &bad));
		assert_true(bad < strlen(cases[i]));
	}
	/* a NULL offset pointer is allowed */
	assert_false(zi_is_utf8("\xFF", 1, NULL));
	/* the length is respected: a bad byte past it does not count */
	assert_true(zi_is_utf8("abc\xFF", 3, NULL));
}

static void test_today(void **state)
{
	(void)state;
	char *saved = getenv("ZI_TODAY") ? zi_xstrdup(getenv("ZI_TODAY")) : NULL;
	char t[11];
	setenv("ZI_TODAY", "2026-11-22", 1);
	zi_today(t);
	assert_str(t, "2026-11-22");
	unsetenv("ZI_TODAY");
	zi_today(t);
	assert_int_equal(strlen(t), 10);
	assert_int_equal(t[4], '-');
	assert_int_equal(t[7], '-');
	/* a malformed ZI_TODAY is not taken */
	setenv("ZI_TODAY", "soon", 1);
	zi_today(t);
	assert_int_equal(strlen(t), 10);
	if (saved) {
		setenv("ZI_TODAY", saved, 1);
		free(saved);
	} else {
		unsetenv("ZI_TODAY");
	}
}

static void test_status_codes(void **state)
{
	(void)state;
	/* exit code = -status (DESIGN.md) */
	assert_int_equal(-ZI_EDATA, 1);
	assert_int_equal(-ZI_EUSAGE, 2);
	assert_int_equal(-ZI_EIO, 3);
	assert_int_equal(-ZI_EINTERNAL, 4);
	assert_int_equal(ZI_OK, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_stays_terminated),
		cmocka_unit_test(test_buf_printf_large),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_alloc_helpers),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_strcaseeq_and_fold),
		cmocka_unit_test(test_is_utf8),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_status_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
