/* lib/locate: the records directory found from the working directory upward,
 * and the records directory a new one would lie inside. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "locate.h"
#include "zitest.h"

struct tree {
	char *top; /* the temporary directory, resolved */
	char old[PATH_MAX];
};

/* top/a/records/zi.json, top/a/records/staff/deep, top/a/docs/x, and
 * top/g/.git with top/g/sub (a work tree without records) */
static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));
	char *tmp = zt_tmpdir();
	char buf[PATH_MAX];
	assert_non_null(realpath(tmp, buf));
	free(tmp);
	t->top = zi_xstrdup(buf);
	assert_non_null(getcwd(t->old, sizeof(t->old)));
	const char *dirs[] = {"a",
			      "a/records",
			      "a/records/staff",
			      "a/records/staff/deep",
			      "a/docs",
			      "a/docs/x",
			      "g",
			      "g/.git",
			      "g/sub"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		char *p = zi_xasprintf("%s/%s", t->top, dirs[i]);
		assert_int_equal(mkdir(p, 0777), 0);
		free(p);
	}
	char *m = zi_xasprintf("%s/a/records/zi.json", t->top);
	zt_writes(m, "{}\n");
	free(m);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;
	assert_int_equal(chdir(t->old), 0);
	zt_rmtree(t->top);
	free(t->top);
	free(t);
	return 0;
}

static void found_from(struct tree *t, const char *cwd, const char *want)
{
	char *p = zi_xasprintf("%s/%s", t->top, cwd);
	assert_int_equal(chdir(p), 0);
	free(p);
	char *got = zi_locate_records();
	if (want)
		assert_str(got, want);
	else
		assert_null(got);
	free(got);
}

static void test_found_upward(void **state)
{
	struct tree *t = *state;
	found_from(t, "a", "records"); /* records/ beside */
	found_from(t, "a/records", "."); /* inside */
	found_from(t, "a/records/staff/deep", "../.."); /* below */
	found_from(t, "a/docs/x", "../../records"); /* records/ beside a directory above */
	found_from(t, ".", NULL); /* none here or above (in /tmp) */
}

static void test_stops_at_git_top(void **state)
{
	struct tree *t = *state;
	/* top/a/records is not in this work tree: not found from inside it */
	char *rec = zi_xasprintf("%s/records", t->top);
	char *was = zi_xasprintf("%s/a/records", t->top);
	assert_int_equal(rename(was, rec), 0);
	found_from(t, "g/sub", NULL);
	found_from(t, "g", NULL);
	found_from(t, "a", "../records"); /* no .git in the way */
	assert_int_equal(rename(rec, was), 0);
	free(rec);
	free(was);
}

static void test_fail_names_where(void **state)
{
	struct tree *t = *state;
	char *p = zi_xasprintf("%s/g/sub", t->top);
	assert_int_equal(chdir(p), 0);
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_locate_fail(&d), ZI_EIO);
	assert_int_equal(d.n, 1);
	assert_str(d.v[0].code, "no-records");
	assert_non_null(strstr(d.v[0].message, p));
	assert_non_null(strstr(d.v[0].message, "zi-unit init"));
	zi_diag_release(&d);
	free(p);
}

static void enclosing(struct tree *t, const char *cwd, const char *dir, const char *want)
{
	char *p = zi_xasprintf("%s/%s", t->top, cwd);
	assert_int_equal(chdir(p), 0);
	free(p);
	char *got = zi_locate_enclosing(dir);
	if (want) {
		char *w = zi_xasprintf("%s/%s", t->top, want);
		assert_str(got, w);
		free(w);
	} else {
		assert_null(got);
	}
	free(got);
}

static void test_enclosing(void **state)
{
	struct tree *t = *state;
	enclosing(t, "a", "records", NULL); /* itself: not inside */
	enclosing(t, "a", "elsewhere", NULL); /* beside it */
	enclosing(t, "a", "records/new", "a/records"); /* not yet made */
	enclosing(t, "a", "records/x/y/z", "a/records"); /* several levels not yet made */
	enclosing(t, "a", "records/staff", "a/records"); /* exists */
	enclosing(t, "a/records/staff/deep", "records", "a/records");
	enclosing(t, "a/docs", "../records/q", "a/records");
	char *abs = zi_xasprintf("%s/a/records/q", t->top);
	enclosing(t, "g", abs, "a/records"); /* an absolute path */
	free(abs);
	enclosing(t, "g", "/", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_found_upward, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stops_at_git_top, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fail_names_where, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enclosing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
