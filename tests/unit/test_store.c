/* lib/store: the records directory (DESIGN.md "Safety"): create and open,
 * the lock, atomic writes visible only at commit, dry runs, the git journal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "store.h"
#include "zitest.h"

struct fixture {
	char *dir; /* a fresh temporary directory */
	char *records; /* dir/records, created by setup */
	struct zi_diag d;
	struct zi_schema *units;
};

static int setup(void **state)
{
	struct fixture *f = zi_xcalloc(1, sizeof(*f));
	f->dir = zt_tmpdir();
	f->records = zi_xasprintf("%s/records", f->dir);
	zi_diag_init(&f->d);
	if (zi_store_create(f->records, "Pemerintah Kota Contoh", "kota-contoh", "id", 0, &f->d))
		return -1;
	f->units = zi_schema_get("units", &f->d);
	if (!f->units)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	zi_schema_free(f->units);
	zi_diag_release(&f->d);
	zt_rmtree(f->dir);
	free(f->records);
	free(f->dir);
	free(f);
	return 0;
}

static char *path_in(const struct fixture *f, const char *rel)
{
	return zi_xasprintf("%s/%s", f->records, rel);
}

/* How many names in dir (not . and ..) contain ".tmp-". */
static int count_tmp(const char *dir)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(dh)))
		if (strstr(e->d_name, ".tmp-"))
			n++;
	closedir(dh);
	return n;
}

static void one_unit(struct zi_table *t, const char *id, const char *name)
{
	const char *v[13] = {id,      name, "", "", "dinas", "WBK",  "false",
			     "calon", "",   "", "", "",	     "false"};
	zi_table_add(t, v, 0);
}

static void test_create(void **state)
{
	struct fixture *f = *state;
	char *m = path_in(f, "zi.json");
	json_error_t je;
	json_t *j = json_load_file(m, 0, &je);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "format")), ZI_FORMAT_VERSION);
	assert_str(json_string_value(json_object_get(j, "instansi")), "Pemerintah Kota Contoh");
	assert_str(json_string_value(json_object_get(j, "code")), "kota-contoh");
	assert_str(json_string_value(json_object_get(j, "language")), "id");
	assert_true(json_is_false(json_object_get(j, "commit")));
	json_decref(j);
	/* canonical JSON: ends with a newline */
	size_t len;
	char *text = zt_read(m, &len);
	assert_non_null(text);
	assert_true(len > 0);
	assert_int_equal(text[len - 1], '\n');
	free(text);
	char *gi = path_in(f, ".gitignore");
	text = zt_read(gi, NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, ".zi.lock\n"));
	free(text);
	free(gi);
	/* a second init in the same place is refused */
	assert_int_equal(zi_store_create(f->records, "x", "y", "en", 0, &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "exists", 0));
	/* and the first manifest is untouched */
	j = json_load_file(m, 0, &je);
	assert_str(json_string_value(json_object_get(j, "code")), "kota-contoh");
	json_decref(j);
	free(m);
	/* nested directories are created; defaults fill the blanks */
	char *deep = zi_xasprintf("%s/a/b/c", f->dir);
	zi_diag_release(&f->d);
	assert_int_equal(zi_store_create(deep, NULL, NULL, NULL, 1, &f->d), 0);
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, deep, &f->d), 0);
	assert_int_equal(st.commit, 1);
	assert_str(json_string_value(json_object_get(st.manifest, "language")), "en");
	zi_store_close(&st);
	free(deep);
}

static void test_open(void **state)
{
	struct fixture *f = *state;
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	assert_str(st.dir, f->records);
	assert_int_equal(st.commit, 0);
	assert_int_equal(st.lockfd, -1);
	char *p = zi_store_path(&st, "staff/dinkes.csv");
	char *want = path_in(f, "staff/dinkes.csv");
	assert_str(p, want);
	free(p);
	free(want);
	zi_store_close(&st);
	/* no zi.json: not a records directory */
	assert_int_equal(zi_store_open(&st, f->dir, &f->d), ZI_EIO);
	assert_non_null(zt_diag_find(&f->d, "no-records", 0));
	zi_store_close(&st);
	/* a broken zi.json names its line */
	char *m = path_in(f, "zi.json");
	zt_writes(m, "{\n  \"format\": 1,\n  oops\n}\n");
	assert_int_equal(zi_store_open(&st, f->records, &f->d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "json-invalid", 0);
	assert_non_null(e);
	assert_int_equal(e->line, 3);
	zi_store_close(&st);
	free(m);
}

static void test_lock_in_one_process(void **state)
{
	struct fixture *f = *state;
	struct zi_store a, b;
	assert_int_equal(zi_store_open(&a, f->records, &f->d), 0);
	assert_int_equal(zi_store_open(&b, f->records, &f->d), 0);
	assert_int_equal(zi_store_lock(&a, 0, &f->d), 0);
	assert_int_equal(zi_store_lock(&a, 0, &f->d), 0); /* taking it again is fine */
	char *lock = path_in(f, ".zi.lock");
	assert_true(zt_exists(lock));
	free(lock);
	/* a second open file description: the lock is held */
	assert_int_equal(zi_store_lock(&b, 0, &f->d), ZI_EIO);
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "lock", 0);
	assert_non_null(e);
	assert_int_equal(e->severity, ZI_ERROR);
	assert_int_equal(b.lockfd, -1);
	/* waiting a little does not help while it is held */
	assert_int_equal(zi_store_lock(&b, 0.05, &f->d), ZI_EIO);
	zi_store_close(&a); /* releases it */
	assert_int_equal(zi_store_lock(&b, 0, &f->d), 0);
	zi_store_close(&b);
}

static void test_lock_across_processes(void **state)
{
	struct fixture *f = *state;
	int held[2], release[2];
	assert_int_equal(pipe(held), 0);
	assert_int_equal(pipe(release), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* the child takes the lock and keeps it until told */
		close(held[0]);
		close(release[1]);
		struct zi_store st;
		struct zi_diag d;
		zi_diag_init(&d);
		char ok = zi_store_open(&st, f->records, &d) == 0 && zi_store_lock(&st, 0, &d) == 0
				  ? 'y'
				  : 'n';
		if (write(held[1], &ok, 1) != 1)
			_exit(2);
		char c;
		if (read(release[0], &c, 1) < 0)
			_exit(2);
		zi_store_close(&st);
		zi_diag_release(&d);
		_exit(0);
	}
	close(held[1]);
	close(release[0]);
	char ok = 0;
	assert_int_equal(read(held[0], &ok, 1), 1);
	assert_int_equal(ok, 'y');
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	assert_int_equal(zi_store_lock(&st, 0, &f->d), ZI_EIO);
	assert_non_null(zt_diag_find(&f->d, "lock", 0));
	/* released while we wait: the wait succeeds */
	char c = 'x';
	assert_int_equal(write(release[1], &c, 1), 1);
	assert_int_equal(zi_store_lock(&st, 10, &f->d), 0);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	zi_store_close(&st);
	close(held[0]);
	close(release[1]);
}

static void test_put_and_commit(void **state)
{
	struct fixture *f = *state;
	char *units = path_in(f, "units.csv");
	zt_writes(units, "old content\n");
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	assert_int_equal(zi_store_lock(&st, 0, &f->d), 0);
	struct zi_table t;
	zi_table_init(&t, f->units);
	one_unit(&t, "dinkes", "Dinas Kesehatan");
	one_unit(&t, "bappeda", "Bappeda, Kota");
	zi_table_sort(&t);
	assert_int_equal(zi_store_put_table(&st, "units.csv", &t, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "staff/dinkes.csv", "nip,name\n", 9, &f->d), 0);
	/* nothing visible before the commit: the old file, no new one */
	char *text = zt_read(units, NULL);
	assert_str(text, "old content\n");
	free(text);
	char *staff = path_in(f, "staff/dinkes.csv");
	assert_false(zt_exists(staff));
	assert_int_equal(count_tmp(f->records), 1);
	assert_int_equal(st.npending, 2);
	assert_int_equal(zi_store_commit(&st, "test", &f->d), 0);
	assert_int_equal(st.npending, 0);
	/* both in place, whole, and no temporary file left */
	text = zt_read(units, NULL);
	assert_str(text, "id,name,short_name,parent,kind,target,afirmasi,stage,stage_date,"
			 "predicate,predicate_date,predicate_ref,retired\n"
			 "bappeda,\"Bappeda, Kota\",,,dinas,WBK,false,calon,,,,,false\n"
			 "dinkes,Dinas Kesehatan,,,dinas,WBK,false,calon,,,,,false\n");
	free(text);
	text = zt_read(staff, NULL);
	assert_str(text, "nip,name\n");
	free(text);
	assert_int_equal(count_tmp(f->records), 0);
	char *sd = path_in(f, "staff");
	assert_int_equal(count_tmp(sd), 0);
	free(sd);
	/* and it loads back */
	struct zi_table back;
	zi_table_init(&back, f->units);
	assert_int_equal(zi_store_load(&st, "units.csv", &back, &f->d), 0);
	assert_int_equal(back.n, 2);
	assert_str(zi_table_get(&back, 0, 1), "Bappeda, Kota");
	zi_table_release(&back);
	/* a missing file loads as an empty table */
	assert_int_equal(zi_store_load(&st, "stages.csv", &back, &f->d), 0);
	assert_int_equal(back.n, 0);
	zi_table_release(&back);
	/* a commit with nothing pending is fine */
	assert_int_equal(zi_store_commit(&st, "nothing", &f->d), 0);
	zi_table_release(&t);
	zi_store_close(&st);
	free(staff);
	free(units);
}

static void test_close_without_commit_drops(void **state)
{
	struct fixture *f = *state;
	char *units = path_in(f, "units.csv");
	zt_writes(units, "old content\n");
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	assert_int_equal(zi_store_lock(&st, 0, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "units.csv", "new\n", 4, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "sub/dir/x.csv", "x\n", 2, &f->d), 0);
	zi_store_close(&st);
	char *text = zt_read(units, NULL);
	assert_str(text, "old content\n");
	free(text);
	assert_int_equal(count_tmp(f->records), 0);
	char *x = path_in(f, "sub/dir/x.csv");
	assert_false(zt_exists(x));
	free(x);
	char *sub = path_in(f, "sub/dir");
	assert_int_equal(count_tmp(sub), 0);
	free(sub);
	free(units);
}

static void test_dry_run_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	st.dry_run = 1;
	struct zi_table t;
	zi_table_init(&t, f->units);
	one_unit(&t, "dinkes", "Dinas Kesehatan");
	assert_int_equal(zi_store_put_table(&st, "units.csv", &t, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "staff/x.csv", "x", 1, &f->d), 0);
	assert_int_equal(zi_store_commit(&st, "dry", &f->d), 0);
	char *units = path_in(f, "units.csv");
	assert_false(zt_exists(units));
	char *staff = path_in(f, "staff");
	assert_false(zt_exists(staff));
	assert_int_equal(count_tmp(f->records), 0);
	assert_int_equal(f->d.n, 0);
	zi_table_release(&t);
	zi_store_close(&st);
	free(units);
	free(staff);
}

static void test_write_error_reported(void **state)
{
	struct fixture *f = *state;
	/* a file where a directory should be: fails even for root */
	char *blocker = path_in(f, "staff");
	zt_writes(blocker, "not a directory\n");
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "staff/x.csv", "x", 1, &f->d), ZI_EIO);
	assert_non_null(zt_diag_find(&f->d, "io-write", 0));
	assert_int_equal(st.npending, 0);
	struct zi_table t;
	zi_table_init(&t, f->units);
	assert_int_equal(zi_store_put_table(&st, "staff/y.csv", &t, &f->d), ZI_EIO);
	assert_int_equal(st.npending, 0);
	zi_store_close(&st);
	free(blocker);
}

static int count_fds(void)
{
	DIR *dh = opendir("/proc/self/fd");
	if (!dh)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(dh)))
		n += e->d_name[0] != '.';
	closedir(dh);
	return n;
}

/* In a child: a file size limit makes every write fail (EFBIG). Exit codes
 * say which check failed. */
static int child_write_failures(const char *dir, const char *records)
{
	signal(SIGXFSZ, SIG_IGN);
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_store st;
	if (zi_store_open(&st, records, &d))
		return 10;
	int before = count_fds();
	struct rlimit rl = {16, 16};
	if (setrlimit(RLIMIT_FSIZE, &rl))
		return 11;
	char big[4096];
	memset(big, 'x', sizeof(big));
	if (zi_store_put_bytes(&st, "units.csv", big, sizeof(big), &d) != ZI_EIO)
		return 12;
	if (st.npending != 0 || count_tmp(records) != 0)
		return 13;
	char *fresh = zi_xasprintf("%s/fresh", dir);
	if (zi_store_create(fresh, "a rather long name that does not fit in sixteen bytes", "code",
			    "en", 0, &d) != ZI_EIO)
		return 14;
	if (count_tmp(fresh) != 0)
		return 15;
	char *m = zi_xasprintf("%s/zi.json", fresh);
	if (zt_exists(m))
		return 16; /* no half-written manifest */
	if (count_fds() != before)
		return 17; /* a descriptor leaked on the error path */
	free(m);
	free(fresh);
	zi_store_close(&st);
	zi_diag_release(&d);
	return 0;
}

static void test_write_failures_leave_nothing(void **state)
{
	struct fixture *f = *state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(child_write_failures(f->dir, f->records));
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_mkdirs_and_actor(void **state)
{
	struct fixture *f = *state;
	char *p = zi_xasprintf("%s/x/y/z/file.csv", f->dir);
	assert_int_equal(zi_mkdirs_for(p), 0);
	char *d = zi_xasprintf("%s/x/y/z", f->dir);
	struct stat sb;
	assert_int_equal(stat(d, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_false(zt_exists(p)); /* not the file itself */
	assert_int_equal(zi_mkdirs_for(p), 0); /* again: fine */
	free(d);
	free(p);
	char *saved = getenv("ZI_ACTOR") ? zi_xstrdup(getenv("ZI_ACTOR")) : NULL;
	setenv("ZI_ACTOR", "Inspektorat Tester", 1);
	char *a = zi_store_actor();
	assert_str(a, "Inspektorat Tester");
	free(a);
	if (saved) {
		setenv("ZI_ACTOR", saved, 1);
		free(saved);
	} else {
		unsetenv("ZI_ACTOR");
	}
}

static void test_git_commit(void **state)
{
	struct fixture *f = *state;
	if (system("git --version >/dev/null 2>&1") != 0)
		skip();
	/* a records directory with commit on, outside any repository; git made
	 * hermetic: no user or system configuration (signing, hooks), a committer */
	static const char *const vars[][2] = {
		{"ZI_ACTOR", "Tester"},
		{"GIT_CONFIG_GLOBAL", ""}, /* an empty file of ours, set below */
		{"GIT_CONFIG_NOSYSTEM", "1"},
		{"GIT_COMMITTER_NAME", "zi unit test"},
		{"GIT_COMMITTER_EMAIL", "zi-test@localhost"},
		{"GIT_AUTHOR_EMAIL", "zi-test@localhost"},
	};
	enum { NVARS = sizeof(vars) / sizeof(*vars) };
	char *saved_vars[NVARS];
	for (size_t i = 0; i < NVARS; i++) {
		const char *v = getenv(vars[i][0]);
		saved_vars[i] = v ? zi_xstrdup(v) : NULL;
		setenv(vars[i][0], vars[i][1], 1);
	}
	char *empty = zi_xasprintf("%s/empty-gitconfig", f->dir);
	zt_writes(empty, "");
	setenv("GIT_CONFIG_GLOBAL", empty, 1);
	free(empty);
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	st.commit = 1;
	assert_int_equal(zi_store_lock(&st, 0, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "units.csv", "id\n", 3, &f->d), 0);
	int rc = zi_store_commit(&st, "zi-unit add dinkes", &f->d);
	zt_diag_dump(&f->d);
	assert_int_equal(rc, 0);
	char *cmd = zi_xasprintf("git -C '%s' log -1 --format=%%B > '%s/msg' 2>/dev/null",
				 f->records, f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	char *mp = zi_xasprintf("%s/msg", f->dir);
	char *msg = zt_read(mp, NULL);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "zi-unit add dinkes"));
	assert_non_null(strstr(msg, "Actor: Tester"));
	free(msg);
	/* the lock file is not part of the commit */
	cmd = zi_xasprintf("git -C '%s' ls-files > '%s/msg' 2>/dev/null", f->records, f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	msg = zt_read(mp, NULL);
	assert_non_null(strstr(msg, "units.csv"));
	assert_non_null(strstr(msg, "zi.json"));
	assert_null(strstr(msg, ".zi.lock"));
	free(msg);
	free(mp);
	zi_store_close(&st);
	for (size_t i = 0; i < NVARS; i++) {
		if (saved_vars[i])
			setenv(vars[i][0], saved_vars[i], 1);
		else
			unsetenv(vars[i][0]);
		free(saved_vars[i]);
	}
	/* the library set these for the commit; leave the environment as found */
	unsetenv("GIT_AUTHOR_NAME");
}

/* zi_store_check: a regular file reached through real directories, or what
 * is there instead, said; writes refuse the same things. */
static void test_check_kinds(void **state)
{
	struct fixture *f = *state;
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	char *units = path_in(f, "units.csv");
	zt_writes(units, "id\n");
	assert_int_equal(zi_store_check(&st, "units.csv", &f->d), 0);
	assert_int_equal(zi_store_check(&st, "stages.csv", &f->d), 1);
	assert_int_equal(zi_store_check(&st, "staff/none.csv", &f->d), 1);
	assert_int_equal(f->d.n, 0);
	/* a link to a file, a named pipe, a linked directory */
	char *link = path_in(f, "complaints.csv");
	assert_int_equal(symlink(units, link), 0);
	assert_int_equal(zi_store_check(&st, "complaints.csv", &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "not-regular", 0));
	char *fifo = path_in(f, "declarations.csv");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(zi_store_check(&st, "declarations.csv", &f->d), ZI_EDATA);
	assert_int_equal(zi_store_open_read(&st, "declarations.csv", &f->d), ZI_EDATA);
	char *elsewhere = zi_xasprintf("%s/elsewhere", f->dir);
	assert_int_equal(mkdir(elsewhere, 0755), 0);
	char *staff = path_in(f, "staff");
	assert_int_equal(symlink(elsewhere, staff), 0);
	assert_int_equal(zi_store_check(&st, "staff/x.csv", &f->d), ZI_EDATA);
	/* writes: through the linked directory, over the link or the pipe */
	assert_int_equal(zi_store_lock(&st, 0, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "staff/x.csv", "x\n", 2, &f->d), ZI_EDATA);
	assert_int_equal(zi_store_put_bytes(&st, "complaints.csv", "x\n", 2, &f->d), ZI_EDATA);
	assert_int_equal(zi_store_put_bytes(&st, "declarations.csv", "x\n", 2, &f->d), ZI_EDATA);
	assert_int_equal(st.npending, 0);
	assert_int_equal(count_tmp(elsewhere), 0);
	char *x = zi_xasprintf("%s/x.csv", elsewhere);
	assert_false(zt_exists(x));
	/* words that leave the directory are no records path */
	assert_int_equal(zi_store_check(&st, "../zi.json", &f->d), ZI_EDATA);
	assert_int_equal(zi_store_check(&st, "/etc/passwd", &f->d), ZI_EDATA);
	zi_store_close(&st);
	free(x);
	free(staff);
	free(elsewhere);
	free(fifo);
	free(link);
	free(units);
}

/* A rewrite keeps the replaced file's mode; a new file takes the records
 * directory's without execute bits, whatever the umask. */
static void test_modes(void **state)
{
	struct fixture *f = *state;
	char *units = path_in(f, "units.csv");
	zt_writes(units, "old\n");
	assert_int_equal(chmod(units, 0600), 0);
	assert_int_equal(chmod(f->records, 0750), 0);
	mode_t old = umask(077);
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	assert_int_equal(zi_store_lock(&st, 0, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "units.csv", "new\n", 4, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "staff/a.csv", "a\n", 2, &f->d), 0);
	assert_int_equal(zi_store_commit(&st, "modes", &f->d), 0);
	umask(old);
	struct stat sb;
	assert_int_equal(stat(units, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	char *a = path_in(f, "staff/a.csv");
	assert_int_equal(stat(a, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	char *sd = path_in(f, "staff");
	assert_int_equal(stat(sd, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0750);
	/* two files: a journal while they move, none after */
	char *j = path_in(f, ".zi.journal");
	assert_false(zt_exists(j));
	zi_store_close(&st);
	free(j);
	free(sd);
	free(a);
	free(units);
}

/* A rename that fails after another was done: the change is half done, the
 * journal stays with the temporary files, and the next lock completes it. */
static void test_half_done_completed(void **state)
{
	struct fixture *f = *state;
	char *units = path_in(f, "units.csv");
	char *stages = path_in(f, "stages.csv");
	zt_writes(units, "old units\n");
	struct zi_store st;
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	assert_int_equal(zi_store_lock(&st, 0, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "units.csv", "new units\n", 10, &f->d), 0);
	assert_int_equal(zi_store_put_bytes(&st, "stages.csv", "new stages\n", 11, &f->d), 0);
	/* a directory with something in it where the second file goes: its
	 * rename fails */
	assert_int_equal(mkdir(stages, 0755), 0);
	char *inner = path_in(f, "stages.csv/x");
	zt_writes(inner, "x");
	assert_int_equal(zi_store_commit(&st, "zi-unit add b1", &f->d), ZI_EIO);
	assert_non_null(zt_diag_find(&f->d, "interrupted-change", 0));
	char *text = zt_read(units, NULL);
	assert_str(text, "new units\n");
	free(text);
	char *journal = path_in(f, ".zi.journal");
	assert_true(zt_exists(journal));
	assert_int_equal(count_tmp(f->records), 1); /* stages.csv's, kept */
	zi_store_close(&st);
	/* a reader is told; the next lock completes the change */
	unlink(inner);
	rmdir(stages);
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	assert_true(st.interrupted);
	assert_int_equal(zi_store_lock(&st, 0, &f->d), 0);
	assert_non_null(zt_diag_find(&f->d, "interrupted-completed", 0));
	text = zt_read(stages, NULL);
	assert_str(text, "new stages\n");
	free(text);
	assert_false(zt_exists(journal));
	assert_int_equal(count_tmp(f->records), 0);
	zi_store_close(&st);
	/* a journal that is not zi's stops writers until it is looked at */
	zt_writes(journal, "{\"zi-journal\": 1, \"files\": [{\"tmp\": \"../x.tmp-1\", "
			   "\"final\": \"../x\"}]}\n");
	assert_int_equal(zi_store_open(&st, f->records, &f->d), 0);
	assert_int_equal(zi_store_lock(&st, 0, &f->d), ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "journal-invalid", 0));
	zi_store_close(&st);
	free(journal);
	free(inner);
	free(stages);
	free(units);
}

/* zi_read_file: a whole file into a buffer (reset first, NUL-terminated),
 * a missing one 1 when that is fine, else an io-read error naming it. */
static void test_read_file(void **state)
{
	struct fixture *f = *state;
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, "left over");
	char *p = path_in(f, "some.csv");
	/* larger than the first guess and than one read of a pipe would be */
	size_t n = 300000;
	char *big = zi_xmalloc(n);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	zt_write(p, big, n);
	assert_int_equal(zi_read_file(p, "some.csv", 0, &b, &f->d), 0);
	assert_int_equal(b.len, n);
	assert_memory_equal(b.data, big, n);
	assert_int_equal(b.data[n], 0);
	zt_write(p, "", 0);
	assert_int_equal(zi_read_file(p, "some.csv", 0, &b, &f->d), 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	assert_int_equal(f->d.n, 0);
	unlink(p);
	assert_int_equal(zi_read_file(p, "some.csv", 1, &b, &f->d), 1);
	assert_int_equal(f->d.n, 0);
	assert_int_equal(zi_read_file(p, "some.csv", 0, &b, &f->d), ZI_EIO);
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "io-read", 0);
	assert_non_null(e);
	assert_string_equal(e->file, "some.csv");
	/* a directory opens but does not read */
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	assert_int_equal(zi_read_file(f->records, "records", 1, &b, &f->d), ZI_EIO);
	assert_non_null(zt_diag_find(&f->d, "io-read", 0));
	zi_diag_release(&f->d);
	zi_diag_init(&f->d);
	free(big);
	free(p);
	zi_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_in_one_process, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_across_processes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_and_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_without_commit_drops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_failures_leave_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdirs_and_actor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_git_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_half_done_completed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
