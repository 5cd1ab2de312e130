/* lib/table: rows in memory, sort and find by primary key, merge by key with
 * counts, canonical write and load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "table.h"
#include "zitest.h"

/* A small schema: k (key), name, flag (boolean), note. */
static const char *const mini_json =
	"{\"name\": \"mini\", \"path\": \"mini.csv\", \"fields\": ["
	"{\"name\": \"k\", \"type\": \"string\", \"constraints\": {\"required\": true}},"
	"{\"name\": \"name\", \"type\": \"string\"},"
	"{\"name\": \"flag\", \"type\": \"boolean\"},"
	"{\"name\": \"note\", \"type\": \"string\"}],"
	"\"primaryKey\": [\"k\"]}";

static struct zi_schema *parse(const char *json)
{
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *s = zi_schema_parse(json, "test", &d);
	zt_diag_dump(&d);
	assert_non_null(s);
	zi_diag_release(&d);
	return s;
}

static size_t add4(struct zi_table *t, const char *k, const char *name, const char *flag,
		   const char *note, unsigned long line)
{
	const char *v[4] = {k, name, flag, note};
	return zi_table_add(t, v, line);
}

static char *write_str(const struct zi_table *t)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(zi_table_write(t, f), 0);
	fclose(f);
	return text;
}

static void test_add_get_set(void **state)
{
	(void)state;
	struct zi_schema *s = parse(mini_json);
	struct zi_table t;
	zi_table_init(&t, s);
	assert_int_equal(t.n, 0);
	assert_int_equal(add4(&t, "b", "Budi", "true", NULL, 3), 0);
	assert_int_equal(add4(&t, "a", "", "false", "x", 7), 1);
	assert_int_equal(t.n, 2);
	assert_str(zi_table_get(&t, 0, 0), "b");
	assert_str(zi_table_get(&t, 0, 3), ""); /* NULL counts as "" */
	assert_str(zi_table_get(&t, 1, 1), "");
	assert_int_equal(t.lines[0], 3);
	assert_int_equal(t.lines[1], 7);
	const char *row[4];
	zi_table_row(&t, 1, row);
	assert_str(row[0], "a");
	assert_str(row[3], "x");
	zi_table_set_value(&t, 0, 1, "Budi Santoso");
	assert_str(zi_table_get(&t, 0, 1), "Budi Santoso");
	assert_str(zi_table_get(&t, 0, 2), "true"); /* the others stay */
	const char *v[4] = {"b", "B", "false", "n"};
	zi_table_set(&t, 0, v);
	assert_str(zi_table_get(&t, 0, 1), "B");
	assert_str(zi_table_get(&t, 0, 3), "n");
	assert_int_equal(t.lines[0], 3);
	/* the table keeps its own copies */
	char buf[8] = "zz";
	const char *w[4] = {buf, buf, buf, buf};
	zi_table_add(&t, w, 0);
	buf[0] = 'X';
	assert_str(zi_table_get(&t, 2, 0), "zz");
	zi_table_release(&t);
	assert_int_equal(t.n, 0);
	assert_ptr_equal(t.schema, s); /* released, still usable */
	add4(&t, "c", "", "", "", 0);
	assert_int_equal(t.n, 1);
	zi_table_release(&t);
	zi_schema_free(s);
}

static void test_many_rows_and_wide_rows(void **state)
{
	(void)state;
	struct zi_schema *s = parse(mini_json);
	struct zi_table t;
	zi_table_init(&t, s);
	char k[32], name[64];
	for (int i = 0; i < 20000; i++) {
		snprintf(k, sizeof(k), "k%05d", (i * 7919) % 20000);
		snprintf(name, sizeof(name), "name %d", i);
		add4(&t, k, name, "false", "", (unsigned long)i + 2);
	}
	assert_false(zi_table_is_sorted(&t));
	zi_table_sort(&t);
	assert_true(zi_table_is_sorted(&t));
	for (int i = 0; i < 20000; i++) {
		snprintf(k, sizeof(k), "k%05d", i);
		assert_str(zi_table_get(&t, (size_t)i, 0), k);
		const char *key[1] = {k};
		assert_int_equal(zi_table_find(&t, key), i);
	}
	/* the line numbers travelled with their rows */
	for (size_t r = 0; r < t.n; r++) {
		int i = atoi(zi_table_get(&t, r, 1) + 5);
		assert_int_equal(t.lines[r], (uint32_t)i + 2);
	}
	zi_table_release(&t);
	zi_schema_free(s);

	/* more than 64 fields */
	struct zi_buf j;
	zi_buf_init(&j);
	zi_buf_adds(&j, "{\"name\": \"wide\", \"fields\": [");
	for (int i = 0; i < 80; i++)
		zi_buf_printf(&j, "%s{\"name\": \"f%d\"}", i ? "," : "", i);
	zi_buf_adds(&j, "], \"primaryKey\": [\"f0\"]}");
	s = parse(j.data);
	zi_buf_release(&j);
	zi_table_init(&t, s);
	const char *vals[80];
	char bufs[80][16];
	for (int i = 0; i < 80; i++) {
		snprintf(bufs[i], sizeof(bufs[i]), "v%d", i);
		vals[i] = bufs[i];
	}
	zi_table_add(&t, vals, 1);
	assert_str(zi_table_get(&t, 0, 79), "v79");
	zi_table_set_value(&t, 0, 70, "changed");
	assert_str(zi_table_get(&t, 0, 70), "changed");
	assert_str(zi_table_get(&t, 0, 79), "v79");
	zi_table_release(&t);
	zi_schema_free(s);
}

static void test_sort_is_stable_and_find(void **state)
{
	(void)state;
	struct zi_schema *s = parse(mini_json);
	struct zi_table t;
	zi_table_init(&t, s);
	const char *key[1] = {"a"};
	assert_int_equal(zi_table_find(&t, key), -1); /* empty */
	add4(&t, "c", "first c", "", "", 1);
	add4(&t, "a", "first a", "", "", 2);
	add4(&t, "c", "second c", "", "", 3);
	add4(&t, "b", "b", "", "", 4);
	add4(&t, "a", "second a", "", "", 5);
	zi_table_sort(&t);
	assert_true(zi_table_is_sorted(&t));
	const char *want[] = {"first a", "second a", "b", "first c", "second c"};
	for (size_t i = 0; i < 5; i++)
		assert_str(zi_table_get(&t, i, 1), want[i]);
	assert_int_equal(t.lines[0], 2);
	assert_int_equal(t.lines[4], 3);
	key[0] = "b";
	assert_int_equal(zi_table_find(&t, key), 2);
	key[0] = "0";
	assert_int_equal(zi_table_find(&t, key), -1);
	key[0] = "bb";
	assert_int_equal(zi_table_find(&t, key), -1);
	key[0] = "z";
	assert_int_equal(zi_table_find(&t, key), -1);
	assert_int_equal(zi_table_find_value(&t, 1, "b", 0), 2);
	assert_int_equal(zi_table_find_value(&t, 1, "b", 3), -1);
	assert_int_equal(zi_table_find_value(&t, 1, "nobody", 0), -1);
	/* duplicates: each one after the first reported with both lines */
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_table_check_unique(&t, "mini.csv", &d), ZI_EDATA);
	assert_int_equal(zt_diag_count(&d, "duplicate-key"), 2);
	const struct zi_diag_entry *e = zt_diag_find(&d, "duplicate-key", 5);
	assert_non_null(e);
	assert_str(e->field, "k");
	assert_non_null(strstr(e->message, "line 2"));
	assert_non_null(zt_diag_find(&d, "duplicate-key", 3));
	zi_diag_release(&d);
	zi_table_release(&t);
	zi_schema_free(s);
}

static void test_compound_and_integer_keys(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_schema *s = zi_schema_get("stages", &d);
	assert_non_null(s);
	struct zi_table t;
	zi_table_init(&t, s);
	const char *rows[][6] = {
		{"dinkes", "2024-03-01", "pembangunan", "", "", ""},
		{"bappeda", "2024-05-01", "pencanangan", "", "", ""},
		{"dinkes", "2024-01-10", "pencanangan", "", "", ""},
		{"dinkes", "2024-03-01", "pencanangan", "", "", ""},
	};
	for (size_t i = 0; i < 4; i++)
		zi_table_add(&t, rows[i], i + 2);
	zi_table_sort(&t);
	assert_str(zi_table_get(&t, 0, 0), "bappeda");
	assert_str(zi_table_get(&t, 1, 1), "2024-01-10");
	assert_str(zi_table_get(&t, 2, 2), "pembangunan");
	assert_str(zi_table_get(&t, 3, 2), "pencanangan");
	const char *key[3] = {"dinkes", "2024-03-01", "pencanangan"};
	assert_int_equal(zi_table_find(&t, key), 3);
	assert_int_equal(zi_table_check_unique(&t, "stages.csv", &d), 0);
	zi_table_release(&t);
	zi_schema_free(s);

	/* integer keys sort as numbers: 2 before 10 */
	s = parse("{\"name\": \"q\", \"fields\": [{\"name\": \"n\", \"type\": \"integer\"},"
		  "{\"name\": \"v\"}], \"primaryKey\": [\"n\"]}");
	zi_table_init(&t, s);
	const char *nums[] = {"10", "2", "1", "33", "100"};
	for (size_t i = 0; i < 5; i++) {
		const char *v[2] = {nums[i], ""};
		zi_table_add(&t, v, 0);
	}
	zi_table_sort(&t);
	const char *want[] = {"1", "2", "10", "33", "100"};
	for (size_t i = 0; i < 5; i++)
		assert_str(zi_table_get(&t, i, 0), want[i]);
	const char *k10[1] = {"10"};
	assert_int_equal(zi_table_find(&t, k10), 2);
	zi_table_release(&t);
	zi_schema_free(s);
	zi_diag_release(&d);
}

static void test_write_canonical(void **state)
{
	(void)state;
	struct zi_schema *s = parse(mini_json);
	struct zi_table t;
	zi_table_init(&t, s);
	add4(&t, "a", "Budi", "true", "", 0);
	add4(&t, "b", "Jl. A, No 5", "false", "say \"hi\"", 0);
	add4(&t, "c", " spaced ", "false", "two\nlines", 0);
	add4(&t, "d", "semi;colon", "false", "caf\xC3\xA9", 0);
	char *out = write_str(&t);
	assert_str(out, "k,name,flag,note\n"
			"a,Budi,true,\n"
			"b,\"Jl. A, No 5\",false,\"say \"\"hi\"\"\"\n"
			"c,\" spaced \",false,\"two\nlines\"\n"
			"d,semi;colon,false,caf\xC3\xA9\n");
	free(out);
	zi_table_release(&t);
	/* an empty table is its header */
	out = write_str(&t);
	assert_str(out, "k,name,flag,note\n");
	free(out);
	struct zi_buf b;
	zi_buf_init(&b);
	zi_table_header(s, &b);
	assert_str(b.data, "k,name,flag,note\n");
	zi_buf_release(&b);
	zi_schema_free(s);
}

static void test_write_large_flushes(void **state)
{
	(void)state;
	/* more than the 1 MiB write buffer: everything arrives, in order */
	struct zi_schema *s = parse(mini_json);
	struct zi_table t;
	zi_table_init(&t, s);
	char k[16];
	char name[200];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	for (int i = 0; i < 20000; i++) {
		snprintf(k, sizeof(k), "%06d", i);
		add4(&t, k, name, "false", "", 0);
	}
	char *out = write_str(&t);
	size_t rowlen = 6 + 1 + 199 + 1 + 5 + 1 + 1;
	assert_int_equal(strlen(out), strlen("k,name,flag,note\n") + 20000 * rowlen);
	assert_memory_equal(out + strlen(out) - rowlen, "019999,", 7);
	free(out);
	zi_table_release(&t);
	zi_schema_free(s);
}

static void test_write_blocks_like_one_thread(void **state)
{
	(void)state;
	/* a table large enough to be written in blocks on several threads:
	 * the same bytes as one thread writes, quoting included */
	struct zi_schema *s = parse(mini_json);
	struct zi_table t;
	zi_table_init(&t, s);
	char k[16], name[64];
	for (int i = 0; i < 150001; i++) {
		snprintf(k, sizeof(k), "%07d", i);
		snprintf(name, sizeof(name), i % 5 ? "Nama %d" : "\"Nama\", %d ", i);
		add4(&t, k, name, i % 2 ? "true" : "false", i % 3 ? "" : "\tcatatan", 0);
	}
	setenv("ZI_THREADS", "1", 1);
	char *one = write_str(&t);
	setenv("ZI_THREADS", "4", 1);
	char *many = write_str(&t);
	unsetenv("ZI_THREADS");
	assert_int_equal(strlen(one), strlen(many));
	assert_true(strcmp(one, many) == 0);
	assert_non_null(strstr(one, "\n0000030,\"\"\"Nama\"\", 30 \",false,\"\tcatatan\"\n"));
	free(one);
	free(many);
	zi_table_release(&t);
	zi_schema_free(s);
}

static void test_load(void **state)
{
	(void)state;
	struct zi_schema *s = parse(mini_json);
	char *dir = zt_tmpdir();
	char *p = zi_xasprintf("%s/mini.csv", dir);
	/* columns by name in any order, rows in any order: loaded sorted */
	zt_writes(p, "note,k,flag,name\n"
		     ",c,false,Cici\n"
		     "\"say \"\"hi\"\"\",a,true,\"Jl. A, No 5\"\n"
		     "\"two\nlines\",b,false,\" x \"\n");
	struct zi_table t;
	zi_table_init(&t, s);
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_table_load(&t, p, "mini.csv", 0, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(t.n, 3);
	assert_str(zi_table_get(&t, 0, 0), "a");
	assert_str(zi_table_get(&t, 0, 1), "Jl. A, No 5");
	assert_str(zi_table_get(&t, 0, 2), "true");
	assert_str(zi_table_get(&t, 0, 3), "say \"hi\"");
	assert_str(zi_table_get(&t, 1, 1), " x "); /* spaces kept */
	assert_str(zi_table_get(&t, 1, 3), "two\nlines");
	assert_int_equal(t.lines[0], 3);
	assert_int_equal(t.lines[1], 4);
	assert_int_equal(t.lines[2], 2);
	/* written back canonical, then loaded and written again: the same bytes */
	char *once = write_str(&t);
	zt_writes(p, once);
	zi_table_release(&t);
	assert_int_equal(zi_table_load(&t, p, NULL, 0, &d), 0);
	char *twice = write_str(&t);
	assert_str(twice, once);
	free(once);
	free(twice);
	zi_table_release(&t);

	/* a missing file: empty when allowed, ZI_EIO otherwise */
	char *missing = zi_xasprintf("%s/none.csv", dir);
	assert_int_equal(zi_table_load(&t, missing, NULL, 1, &d), 0);
	assert_int_equal(t.n, 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(zi_table_load(&t, missing, NULL, 0, &d), ZI_EIO);
	assert_non_null(zt_diag_find(&d, "io-read", 0));
	zi_diag_release(&d);

	/* a column the schema does not know, a row of the wrong width */
	zt_writes(p, "k,name,colour\na,A,red\n");
	assert_int_equal(zi_table_load(&t, p, "mini.csv", 0, &d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&d, "column-unknown", 1);
	assert_non_null(e);
	assert_str(e->file, "mini.csv");
	zi_diag_release(&d);
	zi_table_release(&t);
	zt_writes(p, "k,name,flag,note\na,A,false,\nb,B\nc,C,false,,extra\n");
	assert_int_equal(zi_table_load(&t, p, "mini.csv", 0, &d), ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "row-width", 3));
	assert_non_null(zt_diag_find(&d, "row-width", 4));
	zi_diag_release(&d);
	zi_table_release(&t);
	/* a header only: an empty table */
	zt_writes(p, "k,name,flag,note\n");
	assert_int_equal(zi_table_load(&t, p, NULL, 0, &d), 0);
	assert_int_equal(t.n, 0);
	zi_table_release(&t);
	zi_diag_release(&d);
	free(missing);
	free(p);
	zt_rmtree(dir);
	free(dir);
	zi_schema_free(s);
}

static void test_merge_counts(void **state)
{
	(void)state;
	struct zi_schema *s = parse(mini_json);
	struct zi_table dst, in;
	zi_table_init(&dst, s);
	zi_table_init(&in, s);
	add4(&dst, "c", "Cici", "true", "keep me", 2);
	add4(&dst, "a", "Ani", "false", "old note", 3);
	add4(&dst, "b", "Budi", "false", "b note", 4);
	/* incoming, unsorted: b changed, c the same, d new; no note column */
	add4(&in, "d", "Dodi", "true", "", 10);
	add4(&in, "b", "Budi Santoso", "false", "", 11);
	add4(&in, "c", "Cici", "true", "", 12);
	int present[4] = {1, 1, 1, 0};
	struct zi_merge_counts c;
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_table_merge(&dst, &in, present, "in.csv", &c, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(c.added, 1);
	assert_int_equal(c.updated, 1);
	assert_int_equal(c.unchanged, 1);
	assert_int_equal(dst.n, 4);
	assert_true(zi_table_is_sorted(&dst));
	assert_str(zi_table_get(&dst, 0, 0), "a");
	assert_str(zi_table_get(&dst, 0, 3), "old note"); /* untouched row */
	assert_str(zi_table_get(&dst, 1, 1), "Budi Santoso");
	assert_str(zi_table_get(&dst, 1, 3), "b note"); /* absent from the file: kept */
	assert_str(zi_table_get(&dst, 2, 3), "keep me");
	assert_str(zi_table_get(&dst, 3, 0), "d");
	assert_str(zi_table_get(&dst, 3, 1), "Dodi");
	/* the incoming table was not reordered */
	assert_str(zi_table_get(&in, 0, 0), "d");
	assert_str(zi_table_get(&in, 1, 0), "b");
	/* merging the same again changes nothing */
	assert_int_equal(zi_table_merge(&dst, &in, present, "in.csv", &c, &d), 0);
	assert_int_equal(c.added, 0);
	assert_int_equal(c.updated, 0);
	assert_int_equal(c.unchanged, 3);
	assert_int_equal(dst.n, 4);
	/* with the note column present, an empty note is a change */
	int all[4] = {1, 1, 1, 1};
	assert_int_equal(zi_table_merge(&dst, &in, all, "in.csv", &c, &d), 0);
	assert_int_equal(c.updated, 2); /* b and c lose their notes; d had none */
	assert_int_equal(c.unchanged, 1);
	assert_str(zi_table_get(&dst, 1, 3), "");
	zi_diag_release(&d);
	zi_table_release(&dst);
	zi_table_release(&in);
	zi_schema_free(s);
}

static void test_merge_nothing_in(void **state)
{
	/* --reject set every row aside: the incoming table never had a row
	 * (its arrays are NULL), which UBSan catches in a memcpy of 0 bytes */
	(void)state;
	struct zi_schema *s = parse(mini_json);
	struct zi_table dst, in;
	zi_table_init(&dst, s);
	zi_table_init(&in, s);
	add4(&dst, "a", "Ani", "false", "", 2);
	int present[4] = {1, 1, 1, 1};
	struct zi_merge_counts c;
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_table_merge(&dst, &in, present, "in.csv", &c, &d), 0);
	assert_int_equal(c.added + c.updated + c.unchanged, 0);
	assert_int_equal(dst.n, 1);
	/* and into an empty table too */
	struct zi_table empty;
	zi_table_init(&empty, s);
	assert_int_equal(zi_table_merge(&empty, &in, present, "in.csv", &c, &d), 0);
	assert_int_equal(empty.n, 0);
	assert_int_equal(d.n, 0);
	zi_diag_release(&d);
	zi_table_release(&empty);
	zi_table_release(&dst);
	zi_table_release(&in);
	zi_schema_free(s);
}

static void test_merge_duplicate_keys(void **state)
{
	(void)state;
	struct zi_schema *s = parse(mini_json);
	struct zi_table dst, in;
	zi_table_init(&dst, s);
	zi_table_init(&in, s);
	add4(&dst, "a", "Ani", "false", "", 2);
	add4(&in, "b", "B1", "false", "", 2);
	add4(&in, "a", "A", "false", "", 3);
	add4(&in, "b", "B2", "false", "", 4);
	int present[4] = {1, 1, 1, 1};
	struct zi_merge_counts c;
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_table_merge(&dst, &in, present, "in.csv", &c, &d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&d, "duplicate-key", 4);
	assert_non_null(e);
	assert_str(e->file, "in.csv");
	assert_non_null(strstr(e->message, "line 2"));
	/* nothing merged */
	assert_int_equal(dst.n, 1);
	assert_str(zi_table_get(&dst, 0, 1), "Ani");
	zi_diag_release(&d);
	zi_table_release(&dst);
	zi_table_release(&in);
	zi_schema_free(s);
}

static void test_merge_many(void **state)
{
	(void)state;
	/* 5000 rows stored, 6000 incoming: 1000 new, every third changed */
	struct zi_schema *s = parse(mini_json);
	struct zi_table dst, in;
	zi_table_init(&dst, s);
	zi_table_init(&in, s);
	char k[16];
	for (int i = 0; i < 5000; i++) {
		snprintf(k, sizeof(k), "%05d", i * 2);
		add4(&dst, k, "same", "false", "", 0);
	}
	unsigned long want_add = 0, want_upd = 0, want_same = 0;
	for (int i = 5999; i >= 0; i--) {
		int key = i < 5000 ? i * 2 : (i - 5000) * 2 + 1;
		snprintf(k, sizeof(k), "%05d", key);
		int change = i % 3 == 0;
		add4(&in, k, change ? "changed" : "same", "false", "", (unsigned long)i);
		if (i >= 5000)
			want_add++;
		else if (change)
			want_upd++;
		else
			want_same++;
	}
	int present[4] = {1, 1, 1, 1};
	struct zi_merge_counts c;
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_table_merge(&dst, &in, present, "in.csv", &c, &d), 0);
	assert_int_equal(c.added, want_add);
	assert_int_equal(c.updated, want_upd);
	assert_int_equal(c.unchanged, want_same);
	assert_int_equal(dst.n, 6000);
	assert_true(zi_table_is_sorted(&dst));
	assert_int_equal(zi_table_check_unique(&dst, "x", &d), 0);
	zi_diag_release(&d);
	zi_table_release(&dst);
	zi_table_release(&in);
	zi_schema_free(s);
}

/* zi_sorted_find: the callback search every sorted lookup shares. */
static int cmp_int_at(const void *ctx, size_t i, const void *key)
{
	int a = ((const int *)ctx)[i], b = *(const int *)key;
	return (a > b) - (a < b);
}

static void test_sorted_find(void **state)
{
	(void)state;
	static const int v[] = {2, 3, 5, 7, 11, 13};
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(zi_sorted_find(6, cmp_int_at, v, &v[i]), (long)i);
	static const int absent[] = {0, 4, 12, 14};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(zi_sorted_find(6, cmp_int_at, v, &absent[i]), -1);
	assert_int_equal(zi_sorted_find(0, cmp_int_at, v, &v[0]), -1);
	assert_int_equal(zi_sorted_find(1, cmp_int_at, v, &v[0]), 0);
	/* the first not less than the key: where it is or would go */
	static const int dup[] = {1, 3, 3, 3, 8};
	int k = 3;
	assert_int_equal(zi_lower_bound(5, cmp_int_at, dup, &k), 1);
	assert_int_equal(zi_sorted_find(5, cmp_int_at, dup, &k) >= 1, 1);
	k = 0;
	assert_int_equal(zi_lower_bound(5, cmp_int_at, dup, &k), 0);
	k = 4;
	assert_int_equal(zi_lower_bound(5, cmp_int_at, dup, &k), 4);
	k = 9;
	assert_int_equal(zi_lower_bound(5, cmp_int_at, dup, &k), 5);
	assert_int_equal(zi_lower_bound(0, cmp_int_at, dup, &k), 0);
}

/* zi_table_lower_bound: where one unit's (one person's) rows begin. */
static void test_table_lower_bound(void **state)
{
	(void)state;
	struct zi_schema *s = parse("{\"name\": \"two\", \"fields\": [{\"name\": \"u\"}, "
				    "{\"name\": \"n\"}], \"primaryKey\": [\"u\", \"n\"]}");
	struct zi_table t;
	zi_table_init(&t, s);
	const char *rows[][2] = {{"b", "2"}, {"a", "1"}, {"b", "1"}, {"d", "1"}, {"b", "3"}};
	for (size_t i = 0; i < 5; i++)
		zi_table_add(&t, rows[i], i + 1);
	zi_table_sort(&t);
	assert_int_equal(zi_table_lower_bound(&t, 0, "a"), 0);
	assert_int_equal(zi_table_lower_bound(&t, 0, "b"), 1);
	assert_string_equal(zi_table_get(&t, 1, 1), "1");
	assert_int_equal(zi_table_lower_bound(&t, 0, "c"), 4);
	assert_int_equal(zi_table_lower_bound(&t, 0, "d"), 4);
	assert_int_equal(zi_table_lower_bound(&t, 0, "e"), 5);
	assert_int_equal(zi_table_lower_bound(&t, 0, ""), 0);
	zi_table_release(&t);
	zi_schema_free(s);
}

/* zi_find_str: a string member of a sorted array of structs. */
struct named {
	int n;
	const char *id;
};

static void test_find_str(void **state)
{
	(void)state;
	static const struct named v[] = {{1, "a-unit"}, {2, "b"}, {3, "bb"}, {4, "c"}};
	size_t off = offsetof(struct named, id);
	assert_int_equal(zi_find_str(v, 4, sizeof(*v), off, "a-unit"), 0);
	assert_int_equal(zi_find_str(v, 4, sizeof(*v), off, "bb"), 2);
	assert_int_equal(zi_find_str(v, 4, sizeof(*v), off, "c"), 3);
	assert_int_equal(zi_find_str(v, 4, sizeof(*v), off, "b-"), -1);
	assert_int_equal(zi_find_str(v, 4, sizeof(*v), off, ""), -1);
	assert_int_equal(zi_find_str(v, 4, sizeof(*v), off, "d"), -1);
	assert_int_equal(zi_find_str(NULL, 0, sizeof(*v), off, "a"), -1);
}

/* zi_table_key_text: the key as a message names a row, compound keys
 * joined by ", ". */
static void test_key_text(void **state)
{
	(void)state;
	struct zi_schema *s = parse(mini_json);
	struct zi_table t;
	zi_table_init(&t, s);
	add4(&t, "k1", "Ani", "true", "", 1);
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, "old text");
	zi_table_key_text(&t, 0, &b);
	assert_string_equal(b.data, "k1");
	zi_table_release(&t);
	zi_schema_free(s);
	s = parse("{\"name\": \"two\", \"fields\": [{\"name\": \"a\"}, {\"name\": \"b\"}, "
		  "{\"name\": \"c\"}], \"primaryKey\": [\"c\", \"a\"]}");
	zi_table_init(&t, s);
	const char *v[3] = {"x", "y", "z"};
	zi_table_add(&t, v, 1);
	zi_table_key_text(&t, 0, &b);
	assert_string_equal(b.data, "z, x");
	zi_buf_release(&b);
	zi_table_release(&t);
	zi_schema_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_get_set),
		cmocka_unit_test(test_many_rows_and_wide_rows),
		cmocka_unit_test(test_sort_is_stable_and_find),
		cmocka_unit_test(test_compound_and_integer_keys),
		cmocka_unit_test(test_write_canonical),
		cmocka_unit_test(test_write_large_flushes),
		cmocka_unit_test(test_write_blocks_like_one_thread),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_merge_counts),
		cmocka_unit_test(test_merge_duplicate_keys),
		cmocka_unit_test(test_merge_nothing_in),
		cmocka_unit_test(test_merge_many),
		cmocka_unit_test(test_sorted_find),
		cmocka_unit_test(test_table_lower_bound),
		cmocka_unit_test(test_find_str),
		cmocka_unit_test(test_key_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
