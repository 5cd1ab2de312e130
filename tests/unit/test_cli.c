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

/* Runs the command line (words, NULL-terminated) with standard error into a
 * file; the exit code, and *err what was printed there (caller frees). */
static int run_words(char **err, const char *const *words)
{
	char *argv[32];
	int argc = 0;
	argv[argc++] = "zi-test";
	for (size_t i = 0; words[i] && argc < 31; i++)
		argv[argc++] = (char *)words[i];
	argv[argc] = NULL;
	memset(&seen, 0, sizeof(seen));

	struct zt_tmpfile t = zt_tmpfile_new("stderr", NULL);
	fflush(stderr);
	int saved = dup(2);
	int fd = open(t.path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	int rc = zi_cli_main(argc, argv, "zi-test", "a test command", subs);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	*err = zt_read(t.path, NULL);
	assert_non_null(*err);
	zt_tmpfile_free(&t);
	return rc;
}

/* The same with the words as arguments, NULL last. */
static int run(char **err, ...)
{
	const char *words[32];
	size_t n = 0;
	va_list ap;
	va_start(ap, err);
	for (const char *a; (a = va_arg(ap, const char *)) && n < 31;)
		words[n++] = a;
	va_end(ap);
	words[n] = NULL;
	return run_words(err, words);
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

/* Usage errors (exit 2): what standard error says (one or two texts) and,
 * where runs is set, that the subcommand never ran. */
static const struct usage_case {
	const char *name;
	const char *words[8];
	const char *says, *also;
	int runs;
} usage_cases[] = {
	{"unknown option",
	 {"greet", "world", "--bogus"},
	 "unknown option '--bogus'",
	 "zi-test --help",
	 1},
	{"unknown short option", {"greet", "world", "-Z"}, "unknown option '-Z'", NULL, 0},
	{"missing value", {"greet", "world", "--name"}, "--name needs a value", NULL, 1},
	{"flag with a value", {"greet", "world", "--loud=yes"}, "--loud takes no value", NULL, 1},
	/* and the usage line of the subcommand */
	{"option of another subcommand",
	 {"other", "--name", "x"},
	 "--name does not apply to 'zi-test other'",
	 "usage: zi-test [options] other",
	 1},
	{"invalid UTF-8 in a value", {"greet", "world", "--name", "Bud\xe9"}, "--name: ", "0xE9", 1},
	/* an argument: named by its place in the usage line */
	{"invalid UTF-8 in an argument", {"greet", "Bud\xe9"}, "WORD: ", NULL, 1},
	/* a control character is refused too */
	{"control character", {"greet", "world", "--name", "a\x01z"}, "0x01", NULL, 0},
	{"missing arguments", {"greet"}, "missing arguments", NULL, 0},
	{"too many arguments", {"greet", "a", "b"}, "too many arguments", NULL, 0},
	{"unknown subcommand", {"nope"}, "unknown subcommand 'nope'", NULL, 0},
	{"no subcommand", {NULL}, "a subcommand is needed", NULL, 0},
	/* --diagnostics takes text or json only */
	{"diagnostics xml",
	 {"other", "--diagnostics", "xml"},
	 "--diagnostics must be text or json",
	 NULL,
	 1},
};

static void test_usage_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(usage_cases) / sizeof(*usage_cases); i++) {
		const struct usage_case *c = &usage_cases[i];
		char *err;
		int rc = run_words(&err, c->words);
		zt_case_int(rc, 2, "%s", c->name);
		if (c->runs)
			zt_case_int(seen.runs, 0, "%s", c->name);
		zt_case_true(strstr(err, c->says), "%s: says '%s'", c->name, c->says);
		if (c->also)
			zt_case_true(strstr(err, c->also), "%s: says '%s'", c->name, c->also);
		free(err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_anywhere),
		cmocka_unit_test(test_usage_errors),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
