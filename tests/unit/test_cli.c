/* lib/cli: parsing a command line with zi_cli_main over a small table of
 * subcommands. Options go anywhere on the line, --name=value or --name value,
 * the last value wins, repeatable ones keep every value; an unknown option, a
 * missing value, a value to a flag, an option of another subcommand, invalid
 * UTF-8 and a wrong number of arguments are usage errors (exit 2) that name
 * what is wrong, and the subcommand never runs. What zi_cli_main says goes to
 * standard error, which each test reads back from a file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli.h"
#include "zitest.h"

/* What the subcommand saw (the test's own state, not the library's). */
static struct {
	int runs;
	char name[64];
	int flag;
	size_t ntags;
	char tags[2][16];
	size_t nargs;
	char arg0[32];
} seen;

static int run_greet(struct zi_cli *cli)
{
	seen.runs++;
	const char *n = zi_cli_opt(cli, "name");
	snprintf(seen.name, sizeof(seen.name), "%s", n ? n : "");
	seen.flag = zi_cli_flag(cli, "loud");
	const char **t = zi_cli_multi(cli, "tag", &seen.ntags);
	for (size_t i = 0; i < seen.ntags && i < 2; i++)
		snprintf(seen.tags[i], sizeof(seen.tags[i]), "%s", t[i]);
	free(t);
	seen.nargs = cli->nargs;
	snprintf(seen.arg0, sizeof(seen.arg0), "%s", cli->nargs ? cli->args[0] : "");
	return 0;
}

static int run_other(struct zi_cli *cli)
{
	(void)cli;
	seen.runs++;
	return 0;
}

static const struct zi_opt greet_opts[] = {
	{"name", 'N', ZI_VALUE, "NAME", "who"},
	{"loud", 0, ZI_FLAG, NULL, "shout"},
	{"tag", 0, ZI_MULTI, "TAG", "a tag"},
	{0},
};

static const struct zi_subcmd subs[] = {
	{"greet", "WORD", "say hello", greet_opts, 1, 1, run_greet, ZI_NO_STORE},
	{"other", NULL, "do nothing", NULL, 0, 0, run_other, ZI_NO_STORE},
	{"two words", NULL, "a two-word subcommand", NULL, 0, 0, run_other, ZI_NO_STORE},
	{0},
};

/* Runs the command line (NULL-terminated) with standard error into a file;
 * the exit code, and *err what was printed there (caller frees). */
static int run(char **err, ...)
{
	char *argv[32];
	int argc = 0;
	argv[argc++] = "zi-test";
	va_list ap;
	va_start(ap, err);
	for (char *a; (a = va_arg(ap, char *)) && argc < 31;)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	memset(&seen, 0, sizeof(seen));

	char *dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/stderr", dir);
	fflush(stderr);
	int saved = dup(2);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	int rc = zi_cli_main(argc, argv, "zi-test", "a test command", subs);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	*err = zt_read(path, NULL);
	assert_non_null(*err);
	zt_rmtree(dir);
	free(dir);
	free(path);
	return rc;
}

static int setup(void **state)
{
	(void)state;
	/* English messages, no records directory found or named */
	setenv("ZI_LANG", "en", 1);
	unsetenv("ZI_RECORDS");
	unsetenv("ZI_TODAY");
	unsetenv("ZI_ACTOR");
	return 0;
}

static void test_options_anywhere(void **state)
{
	(void)state;
	char *err;
	int rc = run(&err, "--tag", "a", "greet", "--name=Budi", "world", "-N", "Sari", "--loud",
		     "--tag", "b", NULL);
	assert_int_equal(rc, 0);
	assert_str(err, "");
	assert_int_equal(seen.runs, 1);
	assert_str(seen.name, "Sari"); /* the last value wins */
	assert_int_equal(seen.flag, 1);
	assert_int_equal(seen.ntags, 2);
	assert_str(seen.tags[0], "a");
	assert_str(seen.tags[1], "b");
	assert_int_equal(seen.nargs, 1);
	assert_str(seen.arg0, "world");
	free(err);
	/* after --, a word starting with - is an argument */
	rc = run(&err, "greet", "--", "-x", NULL);
	assert_int_equal(rc, 0);
	assert_str(seen.arg0, "-x");
	free(err);
	/* a negative number is an argument, not an option */
	rc = run(&err, "greet", "-5", NULL);
	assert_int_equal(rc, 0);
	assert_str(seen.arg0, "-5");
	free(err);
	/* two words win over one */
	rc = run(&err, "two", "words", NULL);
	assert_int_equal(rc, 0);
	assert_int_equal(seen.runs, 1);
	free(err);
}

static void test_unknown_option(void **state)
{
	(void)state;
	char *err;
	int rc = run(&err, "greet", "world", "--bogus", NULL);
	assert_int_equal(rc, 2);
	assert_int_equal(seen.runs, 0);
	assert_non_null(strstr(err, "unknown option '--bogus'"));
	assert_non_null(strstr(err, "zi-test --help"));
	free(err);
	rc = run(&err, "greet", "world", "-Z", NULL);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "unknown option '-Z'"));
	free(err);
}

static void test_missing_value(void **state)
{
	(void)state;
	char *err;
	int rc = run(&err, "greet", "world", "--name", NULL);
	assert_int_equal(rc, 2);
	assert_int_equal(seen.runs, 0);
	assert_non_null(strstr(err, "--name needs a value"));
	free(err);
}

static void test_flag_with_value(void **state)
{
	(void)state;
	char *err;
	int rc = run(&err, "greet", "world", "--loud=yes", NULL);
	assert_int_equal(rc, 2);
	assert_int_equal(seen.runs, 0);
	assert_non_null(strstr(err, "--loud takes no value"));
	free(err);
}

static void test_option_of_another_subcommand(void **state)
{
	(void)state;
	char *err;
	int rc = run(&err, "other", "--name", "x", NULL);
	assert_int_equal(rc, 2);
	assert_int_equal(seen.runs, 0);
	assert_non_null(strstr(err, "--name does not apply to 'zi-test other'"));
	/* and the usage line of the subcommand */
	assert_non_null(strstr(err, "usage: zi-test [options] other"));
	free(err);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	char *err;
	char bad[] = "Bud\xe9";
	int rc = run(&err, "greet", "world", "--name", bad, NULL);
	assert_int_equal(rc, 2);
	assert_int_equal(seen.runs, 0);
	assert_non_null(strstr(err, "--name: "));
	assert_non_null(strstr(err, "0xE9"));
	free(err);
	/* an argument: named by its place in the usage line */
	rc = run(&err, "greet", bad, NULL);
	assert_int_equal(rc, 2);
	assert_int_equal(seen.runs, 0);
	assert_non_null(strstr(err, "WORD: "));
	free(err);
	/* a control character is refused too */
	rc = run(&err, "greet", "world", "--name", "a\x01z", NULL);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "0x01"));
	free(err);
}

static void test_arguments_and_subcommands(void **state)
{
	(void)state;
	char *err;
	int rc = run(&err, "greet", NULL);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "missing arguments"));
	free(err);
	rc = run(&err, "greet", "a", "b", NULL);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "too many arguments"));
	free(err);
	rc = run(&err, "nope", NULL);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "unknown subcommand 'nope'"));
	free(err);
	rc = run(&err, NULL);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "a subcommand is needed"));
	free(err);
	/* --diagnostics takes text or json only */
	rc = run(&err, "other", "--diagnostics", "xml", NULL);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "--diagnostics must be text or json"));
	free(err);
	assert_int_equal(seen.runs, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_anywhere),
		cmocka_unit_test(test_unknown_option),
		cmocka_unit_test(test_missing_value),
		cmocka_unit_test(test_flag_with_value),
		cmocka_unit_test(test_option_of_another_subcommand),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_arguments_and_subcommands),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
