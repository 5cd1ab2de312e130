#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pwd.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jsonio.h"

extern char **environ;

int zi_mkdirs_for(const char *path)
{
	char *p = zi_xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

static int fsync_dir_of(const char *path)
{
	char *copy = zi_xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write, fsync, rename, fsync the directory: old file or new, never a mix. */
static int write_file_atomic(const char *path, const void *data, size_t len,
			     struct zi_diag *d)
{
	char *tmp = zi_xasprintf("%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	int err = fd < 0 || write_all(fd, data, len) || fsync(fd) ? errno : 0;
	if (fd >= 0 && close(fd) && !err) /* closed on failure too: no leak */
		err = errno;
	if (!err && (rename(tmp, path) || fsync_dir_of(path)))
		err = errno;
	if (err) {
		zi_diag_error(d, path, 0, NULL, "io-write", _("cannot write: %s"), strerror(err));
		if (fd >= 0)
			unlink(tmp);
		free(tmp);
		return ZI_EIO;
	}
	free(tmp);
	return 0;
}

int zi_store_create(const char *dir, const char *name, const char *code, const char *lang,
		    int commit, struct zi_diag *d)
{
	char *manifest = zi_xasprintf("%s/zi.json", dir);
	if (access(manifest, F_OK) == 0) {
		zi_diag_error(d, manifest, 0, NULL, "exists",
			      _("a records directory is already here"));
		free(manifest);
		return ZI_EDATA;
	}
	if (zi_mkdirs_for(manifest)) {
		zi_diag_error(d, dir, 0, NULL, "io-write", _("cannot create: %s"), strerror(errno));
		free(manifest);
		return ZI_EIO;
	}
	json_t *m = json_object();
	json_object_set_new(m, "format", json_integer(ZI_FORMAT_VERSION));
	json_object_set_new(m, "instansi", json_string(name ? name : ""));
	json_object_set_new(m, "code", json_string(code ? code : ""));
	json_object_set_new(m, "model", json_string("lke-2026"));
	json_object_set_new(m, "language", json_string(lang ? lang : "en"));
	json_object_set_new(m, "commit", json_boolean(commit));
	struct zi_buf b;
	zi_buf_init(&b);
	zi_json_dump(m, &b);
	json_decref(m);
	int rc = write_file_atomic(manifest, b.data, b.len, d);
	zi_buf_release(&b);
	if (rc == 0) {
		char *gi = zi_xasprintf("%s/.gitignore", dir);
		const char *text = "# zi's lock file and interrupted writes\n.zi.lock\n*.tmp-*\n";
		if (access(gi, F_OK) != 0)
			rc = write_file_atomic(gi, text, strlen(text), d);
		free(gi);
	}
	free(manifest);
	return rc;
}

int zi_store_open(struct zi_store *st, const char *dir, struct zi_diag *d)
{
	memset(st, 0, sizeof(*st));
	st->lockfd = -1;
	st->dir = zi_xstrdup(dir);
	char *manifest = zi_xasprintf("%s/zi.json", dir);
	struct stat sb;
	if (stat(manifest, &sb) != 0) {
		zi_diag_error(d, dir, 0, NULL, "no-records",
			      _("not a records directory (no zi.json): run 'zi-unit init' or "
				"give -C DIR"));
		free(manifest);
		zi_store_close(st);
		return ZI_EIO;
	}
	st->manifest = zi_json_load(manifest, d);
	if (st->manifest && zi_store_check_manifest(st->manifest, manifest, d)) {
		json_decref(st->manifest);
		st->manifest = NULL;
	}
	free(manifest);
	if (!st->manifest) {
		zi_store_close(st);
		return ZI_EDATA;
	}
	st->commit = json_is_true(json_object_get(st->manifest, "commit"));
	return 0;
}

void zi_store_close(struct zi_store *st)
{
	for (size_t i = 0; i < st->npending; i++) {
		unlink(st->pending[i].tmp);
		free(st->pending[i].tmp);
		free(st->pending[i].final);
		free(st->pending[i].rel);
	}
	free(st->pending);
	if (st->lockfd >= 0)
		close(st->lockfd); /* releases the flock */
	json_decref(st->manifest);
	free(st->dir);
	memset(st, 0, sizeof(*st));
	st->lockfd = -1;
}

int zi_store_lock(struct zi_store *st, double wait, struct zi_diag *d)
{
	if (st->lockfd >= 0)
		return 0;
	char *path = zi_xasprintf("%s/.zi.lock", st->dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		zi_diag_error(d, path, 0, NULL, "lock", _("cannot open the lock file: %s"),
			      strerror(errno));
		free(path);
		return ZI_EIO;
	}
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		double waited = (double)(now.tv_sec - start.tv_sec) +
				(double)(now.tv_nsec - start.tv_nsec) / 1e9;
		if (errno != EWOULDBLOCK || waited >= wait) {
			zi_diag_error(d, path, 0, NULL, "lock",
				      _("another zi command is writing these records; gave up after "
					"%g s (see --wait)"),
				      wait);
			close(fd);
			free(path);
			return ZI_EIO;
		}
		struct timespec ts = {0, 5 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	free(path);
	st->lockfd = fd;
	return 0;
}

char *zi_store_path(const struct zi_store *st, const char *rel)
{
	return zi_xasprintf("%s/%s", st->dir, rel);
}

int zi_store_load(struct zi_store *st, const char *rel, struct zi_table *t, struct zi_diag *d)
{
	char *path = zi_store_path(st, rel);
	int rc = zi_table_load(t, path, path, 1, d);
	free(path);
	return rc;
}

static int put_start(struct zi_store *st, const char *rel, char **tmp_out, char **final_out,
		     struct zi_diag *d)
{
	char *final = zi_store_path(st, rel);
	if (zi_mkdirs_for(final)) {
		zi_diag_error(d, final, 0, NULL, "io-write", _("cannot create its directory: %s"),
			      strerror(errno));
		free(final);
		return -1;
	}
	char *tmp = zi_xasprintf("%s.tmp-%ld-%zu", final, (long)getpid(), st->npending);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		zi_diag_error(d, final, 0, NULL, "io-write", _("cannot write: %s"), strerror(errno));
		free(tmp);
		free(final);
		return -1;
	}
	*tmp_out = tmp;
	*final_out = final;
	return fd;
}

static int put_finish(struct zi_store *st, const char *rel, char *tmp, char *final, int fd,
		      int failed, struct zi_diag *d)
{
	if (failed || fsync(fd) != 0) {
		zi_diag_error(d, final, 0, NULL, "io-write", _("cannot write: %s"), strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		free(final);
		return ZI_EIO;
	}
	close(fd);
	st->pending = zi_xrealloc(st->pending, (st->npending + 1) * sizeof(*st->pending));
	st->pending[st->npending++] = (struct zi_pending){tmp, final, zi_xstrdup(rel)};
	return 0;
}

int zi_store_put_table(struct zi_store *st, const char *rel, const struct zi_table *t,
		       struct zi_diag *d)
{
	if (st->dry_run)
		return 0;
	char *tmp, *final;
	int fd = put_start(st, rel, &tmp, &final, d);
	if (fd < 0)
		return ZI_EIO;
	FILE *f = fdopen(dup(fd), "w");
	int failed = !f;
	if (f) {
		static char iobuf[1 << 16];
		setvbuf(f, iobuf, _IOFBF, sizeof(iobuf));
		failed = zi_table_write(t, f) != 0;
		failed |= fclose(f) != 0;
	}
	return put_finish(st, rel, tmp, final, fd, failed, d);
}

int zi_store_put_bytes(struct zi_store *st, const char *rel, const void *data, size_t len,
		       struct zi_diag *d)
{
	if (st->dry_run)
		return 0;
	char *tmp, *final;
	int fd = put_start(st, rel, &tmp, &final, d);
	if (fd < 0)
		return ZI_EIO;
	int failed = write_all(fd, data, len) != 0;
	return put_finish(st, rel, tmp, final, fd, failed, d);
}

/* zi_store_put_pieces: while the pieces equal the file that is there,
 * nothing is written; at the first difference the temporary file gets the
 * equal part (from the old file) and everything after. */
struct piece_writer {
	struct zi_store *st;
	const char *rel;
	const char *old; /* the file in place, mapped; NULL when there is none */
	size_t oldlen;
	size_t pos; /* bytes given so far */
	int same;   /* all of them equal to old's first bytes */
	int fd, failed;
	char *tmp, *final;
	struct zi_diag *d;
};

static int piece_start(struct piece_writer *w)
{
	w->same = 0;
	w->fd = put_start(w->st, w->rel, &w->tmp, &w->final, w->d);
	if (w->fd < 0)
		return ZI_EIO;
	if (w->pos && write_all(w->fd, w->old, w->pos)) {
		w->failed = 1;
		return ZI_EIO;
	}
	return 0;
}

static int piece_out(void *ctx, const void *data, size_t len)
{
	struct piece_writer *w = ctx;
	if (w->same) {
		if (w->old && w->pos + len <= w->oldlen && !memcmp(w->old + w->pos, data, len)) {
			w->pos += len;
			return 0;
		}
		if (piece_start(w))
			return ZI_EIO;
	}
	if (write_all(w->fd, data, len)) {
		w->failed = 1;
		return ZI_EIO;
	}
	w->pos += len;
	return 0;
}

int zi_store_put_pieces(struct zi_store *st, const char *rel, zi_store_gen_fn gen, void *gctx,
			int *unchanged, struct zi_diag *d)
{
	*unchanged = 0;
	if (st->dry_run)
		return 0;
	struct piece_writer w = {.st = st, .rel = rel, .same = 1, .fd = -1, .d = d};
	char *path = zi_store_path(st, rel);
	int ofd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	struct stat sb;
	if (ofd >= 0 && fstat(ofd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
		void *m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, ofd,
			       0);
		if (m != MAP_FAILED) {
			w.old = m;
			w.oldlen = (size_t)sb.st_size;
		}
	}
	if (ofd >= 0)
		close(ofd);
	int rc = gen(gctx, piece_out, &w);
	if (!rc && w.same && w.old && w.pos == w.oldlen) {
		*unchanged = 1; /* the same bytes: nothing to write */
	} else if (!rc && w.same) {
		rc = piece_start(&w); /* the start of the old file, or nothing */
	}
	if (w.old)
		munmap((void *)w.old, w.oldlen);
	if (*unchanged)
		return 0;
	if (w.fd < 0)
		return rc ? rc : ZI_EIO;
	if (rc && !w.failed) {
		/* gen failed: nothing of it stays */
		close(w.fd);
		unlink(w.tmp);
		free(w.tmp);
		free(w.final);
		return rc;
	}
	int prc = put_finish(st, rel, w.tmp, w.final, w.fd, w.failed, d);
	return rc ? rc : prc;
}

static int run(char *const argv[], int quiet_out)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (quiet_out)
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *capture(char *const argv[])
{
	int p[2];
	if (pipe(p))
		return NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc) {
		close(p[0]);
		return NULL;
	}
	struct zi_buf b;
	zi_buf_init(&b);
	char chunk[512];
	ssize_t n;
	while ((n = read(p[0], chunk, sizeof(chunk))) > 0)
		zi_buf_add(&b, chunk, (size_t)n);
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !b.data) {
		zi_buf_release(&b);
		return NULL;
	}
	zi_trim(b.data);
	return b.data;
}

char *zi_store_actor(void)
{
	const char *a = getenv("ZI_ACTOR");
	if (a && *a)
		return zi_xstrdup(a);
	char *argv[] = {"git", "config", "user.name", NULL};
	char *g = capture(argv);
	if (g && *g)
		return g;
	free(g);
	struct passwd *pw = getpwuid(getuid());
	return zi_xstrdup(pw ? pw->pw_name : "unknown");
}

int zi_store_git_commit(struct zi_store *st, const char *message, struct zi_diag *d)
{
	char *inside[] = {"git", "-C", st->dir, "rev-parse", "--is-inside-work-tree", NULL};
	char *r = capture(inside);
	if (!r) {
		char *init[] = {"git", "init", "-q", st->dir, NULL};
		if (run(init, 1) != 0) {
			zi_diag_error(d, st->dir, 0, NULL, "git", _("git init failed"));
			return ZI_EIO;
		}
	}
	free(r);
	char *actor = zi_store_actor();
	char *msg = zi_xasprintf("%s\n\nActor: %s\n", message, actor);
	if (getenv("ZI_ACTOR") && *getenv("ZI_ACTOR"))
		setenv("GIT_AUTHOR_NAME", actor, 1);
	if (!getenv("EMAIL"))
		setenv("EMAIL", "zi@localhost", 0);
	free(actor);
	char *add[] = {"git", "-C", st->dir, "add", "-A", "--", ".", NULL};
	char *commit[] = {"git", "-C", st->dir, "commit", "-q", "-m", msg, "--", ".", NULL};
	int rc = 0;
	if (run(add, 1) != 0 || run(commit, 1) != 0) {
		zi_diag_error(d, st->dir, 0, NULL, "git",
			      _("the records were written, but git commit failed"));
		rc = ZI_EIO;
	}
	free(msg);
	return rc;
}

int zi_store_commit(struct zi_store *st, const char *message, struct zi_diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < st->npending; i++) {
		struct zi_pending *p = &st->pending[i];
		if (rc == 0 && (rename(p->tmp, p->final) != 0 || fsync_dir_of(p->final) != 0)) {
			zi_diag_error(d, p->final, 0, NULL, "io-write", _("cannot write: %s"),
				      strerror(errno));
			rc = ZI_EIO;
		}
		if (rc)
			unlink(p->tmp);
		free(p->tmp);
		free(p->final);
		free(p->rel);
	}
	size_t n = st->npending;
	free(st->pending);
	st->pending = NULL;
	st->npending = 0;
	if (rc == 0 && n && st->commit && !st->dry_run)
		rc = zi_store_git_commit(st, message, d);
	return rc;
}

/* Text from zi.json lands in reports and commit messages: it is held to what
 * a value on the command line may hold, as 'zi-unit init --name' wrote it
 * (jansson has refused invalid UTF-8 already). */
static int manifest_text_ok(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n') || *s == 0x7f)
			return 0;
	return 1;
}

int zi_store_check_manifest(const json_t *m, const char *path, struct zi_diag *d)
{
	if (!json_is_object(m)) {
		zi_diag_error(d, path, 0, NULL, "manifest-value", _("must be a JSON object"));
		return ZI_EDATA;
	}
	int rc = 0;
	json_t *fmt = json_object_get(m, "format");
	if (!json_is_integer(fmt) || json_integer_value(fmt) != ZI_FORMAT_VERSION) {
		char *got = fmt ? json_dumps(fmt, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
		zi_diag_error(d, path, 0, "format", "format-version",
			      _("format %s is not one this zi reads: it reads format %d"),
			      got ? got : _("(missing)"), ZI_FORMAT_VERSION);
		free(got);
		rc = ZI_EDATA;
	}
	static const char *const texts[] = {"instansi", "code", "model", "language"};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		json_t *v = json_object_get(m, texts[i]);
		if (v && (!json_is_string(v) || !manifest_text_ok(json_string_value(v)))) {
			zi_diag_error(d, path, 0, texts[i], "manifest-value",
				      _("must be text without control characters (but tab and line break)"));
			rc = ZI_EDATA;
		}
	}
	json_t *c = json_object_get(m, "commit");
	if (c && !json_is_boolean(c)) {
		zi_diag_error(d, path, 0, "commit", "manifest-value", _("must be true or false"));
		rc = ZI_EDATA;
	}
	return rc;
}
