/* lib/diag: the list of diagnostics, sorting, moving, printing as text and JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "zitest.h"

static void test_add_counts_and_copies(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	char file[] = "staff.csv", field[] = "nip";
	zi_diag_error(&d, file, 12, field, "nip-length", "18 digits expected, got '%s'", "123");
	zi_diag_warn(&d, NULL, 0, "", "column-unknown", "column %d ignored", 1);
	/* the entry keeps its own copies */
	file[0] = 'X';
	field[0] = 'X';
	assert_int_equal(d.n, 2);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.v[0].severity, ZI_ERROR);
	assert_str(d.v[0].file, "staff.csv");
	assert_str(d.v[0].field, "nip");
	assert_int_equal(d.v[0].line, 12);
	assert_str(d.v[0].code, "nip-length");
	assert_str(d.v[0].message, "18 digits expected, got '123'");
	assert_int_equal(d.v[1].severity, ZI_WARNING);
	assert_null(d.v[1].file);
	assert_null(d.v[1].field); /* an empty field is no field */
	assert_str(d.v[1].message, "column 1 ignored");
	/* many entries: the list grows */
	for (int i = 0; i < 100; i++)
		zi_diag_error(&d, "x", (unsigned long)i, NULL, "c", "%d", i);
	assert_int_equal(d.n, 102);
	assert_int_equal(d.errors, 101);
	zi_diag_release(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.errors, 0);
	assert_null(d.v);
}

static void test_sort_by_file_then_line_stable(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	zi_diag_error(&d, "b.csv", 3, NULL, "c", "b3");
	zi_diag_error(&d, "a.csv", 9, NULL, "c", "a9");
	zi_diag_error(&d, "a.csv", 2, NULL, "c", "a2-first");
	zi_diag_warn(&d, NULL, 0, NULL, "c", "nofile");
	zi_diag_error(&d, "a.csv", 2, NULL, "c", "a2-second");
	zi_diag_error(&d, "a.csv", 2, NULL, "c", "a2-third");
	zi_diag_error(&d, "b.csv", 1, NULL, "c", "b1");
	zi_diag_sort(&d);
	const char *want[] = {"nofile", "a2-first", "a2-second", "a2-third", "a9", "b1", "b3"};
	assert_int_equal(d.n, 7);
	for (size_t i = 0; i < d.n; i++)
		assert_str(d.v[i].message, want[i]);
	zi_diag_release(&d);
	/* sorting an empty list or one entry does nothing */
	zi_diag_sort(&d);
	zi_diag_error(&d, "x", 1, NULL, "c", "only");
	zi_diag_sort(&d);
	assert_str(d.v[0].message, "only");
	zi_diag_release(&d);
}

static void test_sort_many_keeps_ties(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	/* 50 lines, three entries each, added line-descending */
	for (int l = 50; l >= 1; l--)
		for (int k = 0; k < 3; k++)
			zi_diag_error(&d, "f.csv", (unsigned long)l, NULL, "c", "%d", k);
	zi_diag_sort(&d);
	for (size_t i = 0; i < d.n; i++) {
		assert_int_equal(d.v[i].line, i / 3 + 1);
		assert_int_equal(atoi(d.v[i].message), (int)(i % 3));
	}
	zi_diag_release(&d);
}

static void test_move(void **state)
{
	(void)state;
	struct zi_diag a, b;
	zi_diag_init(&a);
	zi_diag_init(&b);
	zi_diag_error(&a, "a", 1, NULL, "c", "one");
	zi_diag_warn(&b, "b", 2, NULL, "c", "two");
	zi_diag_error(&b, "b", 3, NULL, "c", "three");
	zi_diag_move(&a, &b);
	assert_int_equal(a.n, 3);
	assert_int_equal(a.errors, 2);
	assert_int_equal(a.warnings, 1);
	assert_str(a.v[1].message, "two");
	assert_str(a.v[2].message, "three");
	assert_int_equal(b.n, 0);
	assert_int_equal(b.errors, 0);
	assert_null(b.v);
	/* moving an empty list */
	zi_diag_move(&a, &b);
	assert_int_equal(a.n, 3);
	zi_diag_release(&a);
	zi_diag_release(&b);
}

static char *print_one(const struct zi_diag_entry *e, int json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	zi_diag_print(f, "zi-unit", e, json);
	fclose(f);
	return text;
}

static void test_print_text(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	zi_diag_error(&d, "staff.csv", 12, "nip", "nip-scientific", "18 digits expected");
	zi_diag_warn(&d, "staff.csv", 1, NULL, "column-unknown", "column 1 'No' ignored");
	zi_diag_error(&d, "units.csv", 0, "id", "x", "no line");
	zi_diag_error(&d, NULL, 0, NULL, "x", "bare");
	char *s = print_one(&d.v[0], 0);
	assert_str(s, "zi-unit: staff.csv:12: nip: 18 digits expected\n");
	free(s);
	s = print_one(&d.v[1], 0);
	assert_str(s, "zi-unit: staff.csv:1: warning: column 1 'No' ignored\n");
	free(s);
	s = print_one(&d.v[2], 0);
	assert_str(s, "zi-unit: units.csv: id: no line\n");
	free(s);
	s = print_one(&d.v[3], 0);
	assert_str(s, "zi-unit: bare\n");
	free(s);
	zi_diag_release(&d);
}

static void test_print_json(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	zi_diag_error(&d, "staff.csv", 12, "nip", "nip-scientific", "say \"text\"");
	zi_diag_warn(&d, NULL, 0, NULL, "lock", "plain");
	char *s = print_one(&d.v[0], 1);
	/* one line, ending with a newline */
	size_t n = strlen(s);
	assert_true(n > 1);
	assert_int_equal(s[n - 1], '\n');
	assert_null(memchr(s, '\n', n - 1));
	json_error_t je;
	json_t *o = json_loads(s, 0, &je);
	assert_non_null(o);
	assert_str(json_string_value(json_object_get(o, "file")), "staff.csv");
	assert_int_equal(json_integer_value(json_object_get(o, "line")), 12);
	assert_str(json_string_value(json_object_get(o, "field")), "nip");
	assert_str(json_string_value(json_object_get(o, "code")), "nip-scientific");
	assert_str(json_string_value(json_object_get(o, "severity")), "error");
	assert_str(json_string_value(json_object_get(o, "message")), "say \"text\"");
	json_decref(o);
	free(s);
	s = print_one(&d.v[1], 1);
	o = json_loads(s, 0, &je);
	assert_non_null(o);
	assert_true(json_is_null(json_object_get(o, "file")));
	assert_true(json_is_null(json_object_get(o, "line")));
	assert_true(json_is_null(json_object_get(o, "field")));
	assert_str(json_string_value(json_object_get(o, "severity")), "warning");
	json_decref(o);
	free(s);
	zi_diag_release(&d);
}

static void test_print_json_invalid_utf8(void **state)
{
	(void)state;
	/* a file name in Latin-1, a message cut in the middle of a character:
	 * the JSON line still has every key, as valid UTF-8 */
	struct zi_diag d;
	zi_diag_init(&d);
	zi_diag_error(&d, "daftar-pegawai-\xE9.csv", 2, "n\xE9", "date-invalid", "'%.3s' is bad",
		      "ab\xC3\xA9");
	char *s = print_one(&d.v[0], 1);
	json_error_t je;
	json_t *o = json_loads(s, 0, &je);
	if (!o)
		fprintf(stderr, "  not JSON: %s (%s)\n", s, je.text);
	assert_non_null(o);
	const char *keys[] = {"file", "line", "field", "code", "severity", "message"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		if (!json_object_get(o, keys[i]))
			fprintf(stderr, "  key '%s' missing: %s", keys[i], s);
		assert_non_null(json_object_get(o, keys[i]));
	}
	assert_true(json_is_string(json_object_get(o, "file")));
	assert_true(json_is_string(json_object_get(o, "field")));
	const char *m = json_string_value(json_object_get(o, "message"));
	assert_non_null(m);
	assert_non_null(strstr(m, "is bad"));
	assert_true(zi_is_utf8(m, strlen(m), NULL));
	json_decref(o);
	free(s);
	zi_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_counts_and_copies),
		cmocka_unit_test(test_sort_by_file_then_line_stable),
		cmocka_unit_test(test_sort_many_keeps_ties),
		cmocka_unit_test(test_move),
		cmocka_unit_test(test_print_text),
		cmocka_unit_test(test_print_json),
		cmocka_unit_test(test_print_json_invalid_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
