/* lib/jsonio: loading with file:line errors, canonical dumps, rows as JSON
 * (issue 2: booleans as JSON booleans, numbers as numbers, empty fields left out). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "jsonio.h"
#include "table.h"
#include "zitest.h"

static char *dump(const json_t *v, int compact)
{
	struct zi_buf b;
	zi_buf_init(&b);
	if (compact)
		zi_json_dump_compact(v, &b);
	else
		zi_json_dump(v, &b);
	return b.data ? b.data : zi_xstrdup("");
}

static void test_dump_pretty(void **state)
{
	(void)state;
	json_t *o = json_object();
	json_object_set_new(o, "zeta", json_integer(1));
	json_object_set_new(o, "alpha", json_string("caf\xC3\xA9 \"q\"\n"));
	json_t *a = json_array();
	json_array_append_new(a, json_true());
	json_array_append_new(a, json_null());
	json_array_append_new(a, json_real(0.1));
	json_object_set_new(o, "list", a);
	json_object_set_new(o, "empty_obj", json_object());
	json_object_set_new(o, "empty_arr", json_array());
	json_t *in = json_object();
	json_object_set_new(in, "x", json_false());
	json_object_set_new(o, "inner", in);
	char *s = dump(o, 0);
	/* insertion order, two spaces, short reals, UTF-8 kept, final newline */
	assert_str(s, "{\n"
		      "  \"zeta\": 1,\n"
		      "  \"alpha\": \"caf\xC3\xA9 \\\"q\\\"\\n\",\n"
		      "  \"list\": [\n"
		      "    true,\n"
		      "    null,\n"
		      "    0.1\n"
		      "  ],\n"
		      "  \"empty_obj\": {},\n"
		      "  \"empty_arr\": [],\n"
		      "  \"inner\": {\n"
		      "    \"x\": false\n"
		      "  }\n"
		      "}\n");
	free(s);
	s = dump(o, 1);
	assert_str(s, "{\"zeta\":1,\"alpha\":\"caf\xC3\xA9 \\\"q\\\"\\n\",\"list\":[true,null,0.1],"
		      "\"empty_obj\":{},\"empty_arr\":[],\"inner\":{\"x\":false}}");
	free(s);
	json_decref(o);
}

static void test_dump_scalars_and_reals(void **state)
{
	(void)state;
	struct {
		json_t *v;
		const char *want;
	} cases[] = {
		{json_real(0.1), "0.1"},    {json_real(87.25), "87.25"},
		{json_real(-2.5), "-2.5"},  {json_real(0.1 + 0.2), "0.30000000000000004"},
		{json_integer(-42), "-42"}, {json_integer(9007199254740993LL), "9007199254740993"},
		{json_string(""), "\"\""},  {json_string("a/b"), "\"a/b\""},
		{json_true(), "true"},	    {json_null(), "null"},
		{json_object(), "{}"},	    {json_array(), "[]"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *s = dump(cases[i].v, 1);
		assert_str(s, cases[i].want);
		free(s);
		s = dump(cases[i].v, 0);
		char *want = zi_xasprintf("%s\n", cases[i].want);
		assert_str(s, want);
		free(want);
		free(s);
		json_decref(cases[i].v);
	}
	/* a real that reads back the same after the dump */
	json_t *r = json_real(1.0 / 3.0);
	char *s = dump(r, 1);
	json_error_t je;
	json_t *back = json_loads(s, JSON_DECODE_ANY, &je);
	assert_non_null(back);
	assert_true(json_number_value(back) == 1.0 / 3.0);
	json_decref(back);
	json_decref(r);
	free(s);
}

static void test_json_real_rounds(void **state)
{
	(void)state;
	json_t *r = zi_json_real(0.123456, 2);
	char *s = dump(r, 1);
	assert_str(s, "0.12");
	free(s);
	json_decref(r);
	r = zi_json_real(2.5, 0);
	s = dump(r, 1);
	assert_str(s, "3");
	free(s);
	json_decref(r);
	r = zi_json_real(87.6666666, 3);
	s = dump(r, 1);
	assert_str(s, "87.667");
	free(s);
	json_decref(r);
}

static void test_load(void **state)
{
	(void)state;
	char *dir = zt_tmpdir();
	char *p = zi_xasprintf("%s/x.json", dir);
	zt_writes(p, "{\"a\": [1, 2], \"b\": \"c\"}\n");
	struct zi_diag d;
	zi_diag_init(&d);
	json_t *v = zi_json_load(p, &d);
	assert_non_null(v);
	assert_int_equal(json_array_size(json_object_get(v, "a")), 2);
	json_decref(v);
	assert_int_equal(d.n, 0);
	/* a syntax error on line 3 */
	zt_writes(p, "{\n  \"a\": 1,\n  \"b\": }\n");
	assert_null(zi_json_load(p, &d));
	const struct zi_diag_entry *e = zt_diag_find(&d, "json-invalid", 3);
	assert_non_null(e);
	assert_str(e->file, p);
	assert_non_null(strstr(e->message, "column"));
	zi_diag_release(&d);
	/* duplicate keys are refused */
	zt_writes(p, "{\"a\": 1, \"a\": 2}");
	assert_null(zi_json_load(p, &d));
	assert_non_null(zt_diag_find(&d, "json-invalid", 0));
	zi_diag_release(&d);
	/* a missing file */
	char *missing = zi_xasprintf("%s/none.json", dir);
	assert_null(zi_json_load(missing, &d));
	assert_non_null(zt_diag_find(&d, "json-invalid", 0));
	zi_diag_release(&d);
	free(missing);
	free(p);
	zt_rmtree(dir);
	free(dir);
}

static void test_rows_as_json(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *s = zi_schema_get("units", &d);
	assert_non_null(s);
	struct zi_table t;
	zi_table_init(&t, s);
	const char *a[13] = {"dinkes", "Dinas Kesehatan", "Dinkes",	"", "dinas", "WBK",
			     "true",   "pembangunan",	  "2024-03-01", "", "",	     "",
			     "false"};
	const char *b[13] = {"bappeda", "Bappeda", "", "", "badan", "",	    "false",
			     "calon",	"",	   "", "", "",	    "false"};
	zi_table_add(&t, a, 0);
	zi_table_add(&t, b, 0);
	json_t *o = zi_json_row(&t, 0);
	char *txt = dump(o, 1);
	/* field order of the schema, empty fields left out, booleans as booleans */
	assert_str(txt,
		   "{\"id\":\"dinkes\",\"name\":\"Dinas Kesehatan\",\"short_name\":\"Dinkes\","
		   "\"kind\":\"dinas\",\"target\":\"WBK\",\"afirmasi\":true,"
		   "\"stage\":\"pembangunan\",\"stage_date\":\"2024-03-01\",\"retired\":false}");
	free(txt);
	json_decref(o);
	json_t *arr = zi_json_table(&t);
	assert_true(json_is_array(arr));
	assert_int_equal(json_array_size(arr), 2);
	json_t *second = json_array_get(arr, 1);
	assert_str(json_string_value(json_object_get(second, "id")), "bappeda");
	assert_null(json_object_get(second, "target"));
	assert_true(json_is_false(json_object_get(second, "afirmasi")));
	json_decref(arr);
	zi_table_release(&t);
	/* an empty table is an empty array */
	arr = zi_json_table(&t);
	txt = dump(arr, 0);
	assert_str(txt, "[]\n");
	free(txt);
	json_decref(arr);
	zi_schema_free(s);

	/* numbers as JSON numbers */
	s = zi_schema_parse("{\"name\": \"n\", \"fields\": [{\"name\": \"k\", \"type\": "
			    "\"integer\"},"
			    "{\"name\": \"x\", \"type\": \"number\"}, {\"name\": \"s\"}],"
			    "\"primaryKey\": [\"k\"]}",
			    "n", &d);
	assert_non_null(s);
	zi_table_init(&t, s);
	const char *r[3] = {"42", "0.5", "007"};
	zi_table_add(&t, r, 0);
	const char *r2[3] = {"-3", "", ""};
	zi_table_add(&t, r2, 0);
	o = zi_json_table(&t);
	txt = dump(o, 1);
	assert_str(txt, "[{\"k\":42,\"x\":0.5,\"s\":\"007\"},{\"k\":-3}]");
	free(txt);
	json_decref(o);
	zi_table_release(&t);
	zi_schema_free(s);
	zi_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump_pretty),
		cmocka_unit_test(test_dump_scalars_and_reals),
		cmocka_unit_test(test_json_real_rounds),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_rows_as_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
