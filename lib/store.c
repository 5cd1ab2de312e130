#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jsonio.h"
#include "model.h"

extern char **environ;

/* The intent of a change to several files: written (and synced) before the
 * first of its renames, removed after the last. */
#define JOURNAL ".zi.journal"
/* A journal is a few lines; anything bigger is not one of ours. */
#define JOURNAL_MAX (1 << 20)

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

/* What is left of fd appended to b, NUL-terminated past b->len; with max,
 * it stops once b holds max bytes or more. 0, or -1 on a read error (errno
 * set; b keeps what came before). Records files are read in one piece: b
 * is made the file's size at once. */
static int read_rest(int fd, struct zi_buf *b, size_t max)
{
	struct stat sb;
	size_t want = fstat(fd, &sb) == 0 && sb.st_size > 0 ? (size_t)sb.st_size + 1 : 4096;
	zi_buf_reserve(b, max && want > max + 1 ? max + 1 : want);
	for (;;) {
		if (max && b->len >= max)
			break;
		if (b->cap - b->len < 2)
			zi_buf_reserve(b, b->cap);
		ssize_t got = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			b->data[b->len] = 0;
			return got < 0 ? -1 : 0;
		}
		b->len += (size_t)got;
	}
	b->data[b->len] = 0;
	return 0;
}

int zi_read_file(const char *path, const char *name, int missing_ok, struct zi_buf *b,
		 struct zi_diag *d)
{
	zi_buf_reset(b);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (missing_ok && errno == ENOENT)
			return 1;
		zi_diag_error(d, name, 0, NULL, "io-read", _("cannot open: %s"), strerror(errno));
		return ZI_EIO;
	}
	int rc = read_rest(fd, b, 0);
	if (rc)
		zi_diag_error(d, name, 0, NULL, "io-read", _("cannot read: %s"), strerror(errno));
	close(fd);
	return rc ? ZI_EIO : 0;
}

/* 128 bits from getrandom(2) as hex: a temporary name nobody can plant a
 * symbolic link at in advance. */
static int random_hex(char out[33])
{
	unsigned char r[16];
	size_t got = 0;
	while (got < sizeof(r)) {
		ssize_t n = getrandom(r + got, sizeof(r) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		got += (size_t)n;
	}
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < sizeof(r); i++) {
		out[2 * i] = digits[r[i] >> 4];
		out[2 * i + 1] = digits[r[i] & 15];
	}
	out[32] = 0;
	return 0;
}

/* A path relative to the records root that stays under it by its words: not
 * empty, not absolute, no empty, "." or ".." component. */
static int rel_ok(const char *rel)
{
	if (!*rel || *rel == '/')
		return 0;
	for (const char *p = rel; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || n > NAME_MAX || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n + (e != NULL);
		if (e && !*p)
			return 0;
	}
	return 1;
}

static const char *base_of(const char *rel)
{
	const char *s = strrchr(rel, '/');
	return s ? s + 1 : rel;
}

/* Closes a directory walk_parent gave, unless it is the store's root. */
static void dir_done(int fd, int rootfd)
{
	if (fd >= 0 && fd != rootfd)
		close(fd);
}

/* Opens the directory that holds rel's last component, walking from root one
 * component at a time with O_NOFOLLOW: a symbolic link or a file on the way
 * fails with ELOOP or ENOTDIR and *bad is the length of the prefix of rel that
 * is wrong. With create, missing directories are made with root's
 * permissions. root itself is followed (it is what the user named); rootst,
 * when given, gets its stat. Returns the descriptor (rootfd itself when rel
 * is a plain name: give it to dir_done) or -1 with errno. */
static int walk_parent(const char *root, int rootfd, const char *rel, int create, size_t *bad,
		       struct stat *rootst)
{
	*bad = 0;
	/* the store's descriptor of the root when it has one: a file read
	 * costs a call or two fewer */
	int fd = rootfd >= 0 ? rootfd : open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat rs;
	if ((rootst || create) && fstat(fd, &rs) != 0) {
		int e = errno;
		dir_done(fd, rootfd);
		errno = e;
		return -1;
	}
	if (rootst)
		*rootst = rs;
	char comp[NAME_MAX + 1];
	for (const char *p = rel;;) {
		const char *slash = strchr(p, '/');
		if (!slash)
			return fd;
		size_t len = (size_t)(slash - p);
		memcpy(comp, p, len);
		comp[len] = 0;
		int nfd = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (nfd < 0 && errno == ENOENT && create) {
			mode_t m = rs.st_mode & 07777;
			if (mkdirat(fd, comp, m) != 0 && errno != EEXIST)
				goto fail;
			nfd = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (nfd >= 0)
				(void)fchmod(nfd, m); /* the root's, not the umask's */
		}
		if (nfd < 0)
			goto fail;
		dir_done(fd, rootfd);
		fd = nfd;
		p = slash + 1;
		continue;
	fail:;
		int e = errno;
		dir_done(fd, rootfd);
		*bad = (size_t)(slash - rel);
		errno = e;
		return -1;
	}
}

static const char *kind_of(mode_t m)
{
	if (S_ISLNK(m))
		return _("a symbolic link");
	if (S_ISFIFO(m))
		return _("a named pipe (FIFO)");
	if (S_ISCHR(m) || S_ISBLK(m))
		return _("a device");
	if (S_ISDIR(m))
		return _("a directory");
	if (S_ISSOCK(m))
		return _("a socket");
	return _("something other than a regular file");
}

static void say_not_regular(struct zi_diag *d, const char *path, mode_t m)
{
	zi_diag_error(d, path, 0, NULL, "not-regular",
		      _("%s: zi reads and writes only regular files and real directories in the "
			"records directory"),
		      kind_of(m));
}

/* The diagnostic for a walk that failed on the prefix of rel of length bad. */
static int walk_failed(const char *root, const char *rel, size_t bad, int writing, struct zi_diag *d)
{
	int e = errno;
	char *path = zi_xasprintf("%s/%.*s", root, (int)bad, rel);
	struct stat sb;
	int rc;
	if ((e == ELOOP || e == ENOTDIR) && lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		say_not_regular(d, path, sb.st_mode);
		rc = ZI_EDATA;
	} else {
		zi_diag_error(d, path, 0, NULL, writing ? "io-write" : "io-read",
			      writing ? _("cannot create its directory: %s") : _("cannot open: %s"),
			      strerror(e));
		rc = ZI_EIO;
	}
	free(path);
	return rc;
}

static int check_at(const char *root, int rootfd, const char *rel, struct zi_diag *d)
{
	if (!rel_ok(rel)) {
		zi_diag_error(d, rel, 0, NULL, "not-regular",
			      _("not a path inside the records directory"));
		return ZI_EDATA;
	}
	size_t bad;
	int fd = walk_parent(root, rootfd, rel, 0, &bad, NULL);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		return walk_failed(root, rel, bad, 0, d);
	}
	struct stat sb;
	int r = fstatat(fd, base_of(rel), &sb, AT_SYMLINK_NOFOLLOW);
	int e = errno;
	dir_done(fd, rootfd);
	if (r == 0 && S_ISREG(sb.st_mode))
		return 0;
	if (r != 0 && e == ENOENT)
		return 1;
	char *path = zi_xasprintf("%s/%s", root, rel);
	/* a directory in a file's place is an input error, as the readers say */
	if (r == 0 && S_ISDIR(sb.st_mode))
		r = -1, e = EISDIR;
	if (r != 0)
		zi_diag_error(d, path, 0, NULL, "io-read", _("cannot open: %s"), strerror(e));
	else
		say_not_regular(d, path, sb.st_mode);
	free(path);
	return r != 0 ? ZI_EIO : ZI_EDATA;
}

static int root_of(const struct zi_store *st)
{
	return st->has_rootfd ? st->rootfd : -1;
}

int zi_store_check_in(const char *root, const char *rel, struct zi_diag *d)
{
	return check_at(root, -1, rel, d);
}

int zi_store_check(const struct zi_store *st, const char *rel, struct zi_diag *d)
{
	return check_at(st->dir, root_of(st), rel, d);
}

int zi_store_open_read(const struct zi_store *st, const char *rel, struct zi_diag *d)
{
	int rc = zi_store_check(st, rel, d);
	if (rc)
		return rc > 0 ? -1 : rc;
	size_t bad;
	int dfd = walk_parent(st->dir, root_of(st), rel, 0, &bad, NULL);
	if (dfd < 0)
		return walk_failed(st->dir, rel, bad, 0, d);
	/* O_NONBLOCK: a named pipe put there since the check opens without
	 * waiting for a writer, and fstat then refuses it */
	int fd = openat(dfd, base_of(rel), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	int e = errno;
	dir_done(dfd, root_of(st));
	struct stat sb;
	char *path = zi_store_path(st, rel);
	if (fd < 0) {
		zi_diag_error(d, path, 0, NULL, "io-read", _("cannot open: %s"), strerror(e));
		rc = ZI_EIO;
	} else if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		say_not_regular(d, path, sb.st_mode);
		close(fd);
		rc = ZI_EDATA;
	} else {
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		rc = fd;
	}
	free(path);
	return rc;
}

int zi_write_output(const char *path, const void *data, size_t len, struct zi_diag *d)
{
	struct stat sb;
	int have = stat(path, &sb) == 0;
	if (have && !S_ISREG(sb.st_mode)) {
		int fd = open(path, O_WRONLY | O_CLOEXEC);
		int err = fd < 0 || write_all(fd, data, len) ? errno : 0;
		if (fd >= 0 && close(fd) != 0 && !err)
			err = errno;
		if (err)
			zi_diag_error(d, path, 0, NULL, "io-write", _("cannot write: %s"),
				      strerror(err));
		return err ? ZI_EIO : 0;
	}
	char *tmp = zi_xasprintf("%s.zi-XXXXXX", path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	mode_t um = umask(0);
	umask(um);
	int err = fd < 0 || fchmod(fd, have ? sb.st_mode & 07777 : 0666 & ~um) ||
				  write_all(fd, data, len) || fsync(fd)
			  ? errno
			  : 0;
	if (fd >= 0 && close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err) {
		zi_diag_error(d, path, 0, NULL, "io-write", _("cannot write: %s"), strerror(err));
		if (fd >= 0)
			unlink(tmp);
	}
	free(tmp);
	return err ? ZI_EIO : 0;
}

int zi_store_inside(const struct zi_store *st, const char *path)
{
	char *root = realpath(st->dir, NULL);
	if (!root)
		return 0;
	/* the file may not exist yet: resolve the directory it goes into */
	char *copy = zi_xstrdup(path);
	char *slash = strrchr(copy, '/');
	const char *base = slash ? slash + 1 : copy;
	if (slash)
		*slash = 0;
	char *dir = realpath(slash ? (*copy ? copy : "/") : ".", NULL);
	int in = 0;
	if (dir) {
		char *full = zi_xasprintf("%s/%s", strcmp(dir, "/") ? dir : "", base);
		char *real = realpath(full, NULL); /* the file itself, when it is a link */
		const char *p = real ? real : full;
		size_t n = strlen(root);
		in = !strncmp(p, root, n) && (p[n] == '/' || p[n] == 0 || !strcmp(root, "/"));
		free(real);
		free(full);
	}
	free(dir);
	free(copy);
	free(root);
	return in;
}

/* A synced temporary file beside rel under a name nobody can guess, made
 * with O_EXCL and O_NOFOLLOW in a directory reached without following a
 * link. It gets the permissions and group of the file it replaces, or for a
 * new file the records directory's permissions without execute bits. */
static int put_start(struct zi_store *st, const char *rel, struct zi_pending *p, struct zi_diag *d)
{
	memset(p, 0, sizeof(*p));
	p->dirfd = -1;
	if (!rel_ok(rel)) {
		zi_diag_error(d, rel, 0, NULL, "not-regular",
			      _("not a path inside the records directory"));
		return ZI_EINTERNAL;
	}
	size_t bad;
	struct stat rs;
	int dfd = walk_parent(st->dir, root_of(st), rel, 1, &bad, &rs);
	if (dfd >= 0 && dfd == root_of(st))
		dfd = fcntl(dfd, F_DUPFD_CLOEXEC, 0); /* the pending file keeps its own */
	if (dfd < 0)
		return walk_failed(st->dir, rel, bad, 1, d);
	char *final = zi_store_path(st, rel);
	const char *base = base_of(rel);
	struct stat old;
	int have_old = fstatat(dfd, base, &old, AT_SYMLINK_NOFOLLOW) == 0;
	if (have_old && !S_ISREG(old.st_mode)) {
		say_not_regular(d, final, old.st_mode);
		free(final);
		close(dfd);
		return ZI_EDATA;
	}
	mode_t mode = have_old ? old.st_mode & 07777 : rs.st_mode & 0666;
	int fd = -1;
	char hex[33];
	char *tmpbase = NULL;
	for (int tries = 0; fd < 0 && tries < 8; tries++) {
		free(tmpbase);
		tmpbase = NULL;
		if (random_hex(hex) != 0)
			break;
		tmpbase = zi_xasprintf("%s.tmp-%s", base, hex);
		fd = openat(dfd, tmpbase, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	int e = errno;
	/* exactly these bits, whatever the umask; the group as far as we may */
	if (fd >= 0 && fchmod(fd, mode) != 0)
		e = errno, close(fd), unlinkat(dfd, tmpbase, 0), fd = -1;
	if (fd >= 0 && have_old && fchown(fd, (uid_t)-1, old.st_gid) != 0 && errno != EPERM)
		e = errno, close(fd), unlinkat(dfd, tmpbase, 0), fd = -1;
	if (fd < 0) {
		zi_diag_error(d, final, 0, NULL, "io-write", _("cannot write: %s"), strerror(e));
		free(tmpbase);
		free(final);
		close(dfd);
		return ZI_EIO;
	}
	p->tmp = zi_xasprintf("%s.tmp-%s", final, hex);
	p->final = final;
	p->rel = zi_xstrdup(rel);
	p->dirfd = dfd;
	free(tmpbase);
	return fd;
}

static void pending_drop(struct zi_pending *p, int unlink_tmp)
{
	if (unlink_tmp && p->dirfd >= 0 && p->tmp)
		unlinkat(p->dirfd, base_of(p->tmp), 0);
	if (p->dirfd >= 0)
		close(p->dirfd);
	free(p->tmp);
	free(p->final);
	free(p->rel);
	memset(p, 0, sizeof(*p));
	p->dirfd = -1;
}

static int put_finish(struct zi_store *st, struct zi_pending *p, int fd, int failed,
		      struct zi_diag *d)
{
	if (failed || fsync(fd) != 0) {
		zi_diag_error(d, p->final, 0, NULL, "io-write", _("cannot write: %s"),
			      strerror(errno));
		close(fd);
		pending_drop(p, 1);
		return ZI_EIO;
	}
	if (close(fd) != 0) {
		zi_diag_error(d, p->final, 0, NULL, "io-write", _("cannot write: %s"),
			      strerror(errno));
		pending_drop(p, 1);
		return ZI_EIO;
	}
	st->pending = zi_xrealloc(st->pending, (st->npending + 1) * sizeof(*st->pending));
	st->pending[st->npending++] = *p;
	return 0;
}

/* One file written and renamed into place at once (zi.json and .gitignore
 * of a new directory). */
static int write_one(const char *dir, const char *rel, const void *data, size_t len,
		     struct zi_diag *d)
{
	struct zi_store st;
	memset(&st, 0, sizeof(st));
	st.lockfd = -1;
	st.dir = (char *)dir;
	struct zi_pending p;
	int fd = put_start(&st, rel, &p, d);
	int rc = fd < 0 ? fd : put_finish(&st, &p, fd, write_all(fd, data, len) != 0, d);
	if (!rc)
		rc = zi_store_commit(&st, "", d);
	free(st.pending);
	for (size_t i = 0; i < st.nwritten; i++)
		free(st.written[i]);
	free(st.written);
	return rc;
}

int zi_store_create(const char *dir, const char *name, const char *code, const char *lang,
		    int commit, struct zi_diag *d)
{
	char *manifest = zi_xasprintf("%s/zi.json", dir);
	struct stat sb;
	if (lstat(manifest, &sb) == 0) {
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
	free(manifest);
	json_t *m = json_object();
	json_object_set_new(m, "format", json_integer(ZI_FORMAT_VERSION));
	json_object_set_new(m, "instansi", json_string(name ? name : ""));
	json_object_set_new(m, "code", json_string(code ? code : ""));
	json_object_set_new(m, "model", json_string(ZI_MODEL_DEFAULT));
	json_object_set_new(m, "language", json_string(lang ? lang : "en"));
	json_object_set_new(m, "commit", json_boolean(commit));
	struct zi_buf b;
	zi_buf_init(&b);
	zi_json_dump(m, &b);
	json_decref(m);
	int rc = write_one(dir, "zi.json", b.data, b.len, d);
	zi_buf_release(&b);
	char *gi = zi_xasprintf("%s/.gitignore", dir);
	if (rc == 0 && lstat(gi, &sb) != 0) {
		const char *text = "# zi's lock file, interrupted writes and its journal\n"
				   ".zi.lock\n*.tmp-*\n" JOURNAL "\n";
		rc = write_one(dir, ".gitignore", text, strlen(text), d);
	}
	free(gi);
	return rc;
}

int zi_store_open(struct zi_store *st, const char *dir, struct zi_diag *d)
{
	memset(st, 0, sizeof(*st));
	st->lockfd = -1;
	st->dir = zi_xstrdup(dir);
	struct zi_diag quiet;
	zi_diag_init(&quiet);
	int rc = zi_store_check(st, "zi.json", &quiet);
	if (rc == 1 || rc == ZI_EIO) {
		zi_diag_release(&quiet);
		zi_diag_error(d, dir, 0, NULL, "no-records",
			      _("not a records directory (no zi.json): run 'zi-unit init' or "
				"give -C DIR"));
		zi_store_close(st);
		return ZI_EIO;
	}
	zi_diag_move(d, &quiet);
	zi_diag_release(&quiet);
	if (rc) {
		zi_store_close(st);
		return rc;
	}
	char *manifest = zi_store_path(st, "zi.json");
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
	st->rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	st->has_rootfd = st->rootfd >= 0;
	char *journal = zi_store_path(st, JOURNAL);
	struct stat sb;
	st->interrupted = lstat(journal, &sb) == 0;
	free(journal);
	return 0;
}

void zi_store_close(struct zi_store *st)
{
	for (size_t i = 0; i < st->npending; i++)
		pending_drop(&st->pending[i], 1);
	free(st->pending);
	for (size_t i = 0; i < st->nwritten; i++)
		free(st->written[i]);
	free(st->written);
	if (st->lockfd >= 0)
		close(st->lockfd); /* releases the flock */
	if (st->has_rootfd)
		close(st->rootfd);
	json_decref(st->manifest);
	free(st->dir);
	memset(st, 0, sizeof(*st));
	st->lockfd = -1;
}

static int recover(struct zi_store *st, int *done, struct zi_diag *d);

int zi_store_lock(struct zi_store *st, double wait, struct zi_diag *d)
{
	if (st->lockfd >= 0)
		return 0;
	char *path = zi_xasprintf("%s/.zi.lock", st->dir);
	/* O_NOFOLLOW: a link planted there must not be created or truncated
	 * through; O_NONBLOCK: a named pipe must not hang us */
	int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
	struct stat sb;
	if (fd >= 0 && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))) {
		say_not_regular(d, path, sb.st_mode);
		close(fd);
		free(path);
		return ZI_EIO;
	}
	if (fd < 0) {
		if (errno == ELOOP && lstat(path, &sb) == 0)
			say_not_regular(d, path, sb.st_mode);
		else
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
				      _("another zi command is writing these records; gave up "
					"after "
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
	/* a change to several files that an interrupted command left half done
	 * is completed before anything else reads the records */
	int done = 0;
	int rc = st->dry_run ? 0 : recover(st, &done, d);
	if (rc) {
		close(fd);
		st->lockfd = -1;
	}
	return rc;
}

char *zi_store_path(const struct zi_store *st, const char *rel)
{
	return zi_xasprintf("%s/%s", st->dir, rel);
}

int zi_store_load(struct zi_store *st, const char *rel, struct zi_table *t, struct zi_diag *d)
{
	int rc = zi_store_check(st, rel, d);
	if (rc < 0)
		return rc;
	if (st->interrupted && st->lockfd < 0 && !st->told) {
		st->told = 1;
		char *j = zi_store_path(st, JOURNAL);
		zi_diag_warn(d, j, 0, NULL, "interrupted-change",
			     _("a change to several files was interrupted before it was complete; "
			       "the next command that writes here, or 'zi-report check --fix', "
			       "completes it"));
		free(j);
	}
	char *path = zi_store_path(st, rel);
	rc = zi_table_load(t, path, path, 1, d);
	free(path);
	return rc;
}

/* A file written whole: fill(fd, ctx) writes the temporary file beside rel
 * and returns 0, or not when it failed. */
static int put_whole(struct zi_store *st, const char *rel, int (*fill)(int fd, const void *ctx),
		     const void *ctx, struct zi_diag *d)
{
	if (st->dry_run)
		return 0;
	struct zi_pending p;
	int fd = put_start(st, rel, &p, d);
	if (fd < 0)
		return fd;
	return put_finish(st, &p, fd, fill(fd, ctx) != 0, d);
}

static int fill_table(int fd, const void *ctx)
{
	int dfd = dup(fd);
	FILE *f = dfd >= 0 ? fdopen(dfd, "w") : NULL;
	if (!f) {
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	char iobuf[1 << 16]; /* the stream is closed below, before iobuf goes */
	setvbuf(f, iobuf, _IOFBF, sizeof(iobuf));
	int failed = zi_table_write(ctx, f) != 0;
	failed |= fclose(f) != 0;
	return failed;
}

int zi_store_put_table(struct zi_store *st, const char *rel, const struct zi_table *t,
		       struct zi_diag *d)
{
	return put_whole(st, rel, fill_table, t, d);
}

struct bytes {
	const void *data;
	size_t len;
};

static int fill_bytes(int fd, const void *ctx)
{
	const struct bytes *b = ctx;
	return write_all(fd, b->data, b->len);
}

int zi_store_put_bytes(struct zi_store *st, const char *rel, const void *data, size_t len,
		       struct zi_diag *d)
{
	struct bytes b = {data, len};
	return put_whole(st, rel, fill_bytes, &b, d);
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
	int same; /* all of them equal to old's first bytes */
	int fd, failed, rc;
	struct zi_pending p;
	struct zi_diag *d;
};

static int piece_start(struct piece_writer *w)
{
	w->same = 0;
	w->fd = put_start(w->st, w->rel, &w->p, w->d);
	if (w->fd < 0) {
		w->rc = w->fd;
		return w->fd;
	}
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
		int rc = piece_start(w);
		if (rc)
			return rc;
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
	struct zi_diag quiet;
	zi_diag_init(&quiet);
	/* what is there now, if it is a regular file (put_start refuses others) */
	int ofd = zi_store_open_read(st, rel, &quiet);
	zi_diag_release(&quiet);
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
		return rc ? rc : w.rc ? w.rc : ZI_EIO;
	if (rc && !w.failed) {
		/* gen failed: nothing of it stays */
		close(w.fd);
		pending_drop(&w.p, 1);
		return rc;
	}
	int prc = put_finish(st, &w.p, w.fd, w.failed, d);
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

/* Runs argv (stderr to /dev/null) and appends its standard output to out;
 * returns its exit status, or -1 when it could not run or was killed. */
static int spawn_read(char *const argv[], struct zi_buf *out)
{
	int p[2];
	if (pipe(p))
		return -1;
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
		return -1;
	}
	char chunk[65536];
	for (;;) {
		ssize_t r = read(p[0], chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		zi_buf_add(out, chunk, (size_t)r);
	}
	close(p[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The trimmed output of argv, or NULL when it failed or printed nothing. */
static char *capture(char *const argv[])
{
	struct zi_buf b;
	zi_buf_init(&b);
	if (spawn_read(argv, &b) != 0 || !b.data) {
		zi_buf_release(&b);
		return NULL;
	}
	zi_trim(b.data);
	return b.data;
}

int zi_store_git_output(const struct zi_store *st, const char *const *args, struct zi_buf *out)
{
	size_t n = 0;
	while (args[n])
		n++;
	char **argv = zi_xcalloc(n + 6, sizeof(char *));
	size_t a = 0;
	argv[a++] = "git";
	argv[a++] = "-c";
	argv[a++] = "core.quotePath=false";
	argv[a++] = "-C";
	argv[a++] = st->dir;
	for (size_t i = 0; i < n; i++)
		argv[a++] = (char *)args[i];
	zi_buf_reset(out);
	int rc = spawn_read(argv, out);
	free(argv);
	return rc;
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

/* Runs git in the records directory: "add" then "commit" of exactly paths
 * (relative to the directory), never of anything else that is there. A
 * directory in no repository gets one first, and its first commit takes
 * zi.json and .gitignore with it. */
int zi_store_git_commit_paths(struct zi_store *st, const char *message, const char *const *paths,
			      size_t n, struct zi_diag *d)
{
	char *inside[] = {"git", "-C", st->dir, "rev-parse", "--is-inside-work-tree", NULL};
	char *r = capture(inside);
	int fresh = !r;
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
	/* git -C DIR add -- PATHS; git -C DIR commit -q -m MSG -- PATHS */
	size_t extra = fresh ? 2 : 0;
	char **add = zi_xcalloc(n + extra + 8, sizeof(char *));
	char **commit = zi_xcalloc(n + extra + 10, sizeof(char *));
	size_t a = 0, c = 0;
	char *head[] = {"git", "-C", st->dir};
	for (size_t i = 0; i < 3; i++)
		add[a++] = commit[c++] = head[i];
	add[a++] = "add";
	add[a++] = "--";
	commit[c++] = "commit";
	commit[c++] = "-q";
	commit[c++] = "-m";
	commit[c++] = msg;
	commit[c++] = "--";
	static const char *const base[] = {"zi.json", ".gitignore"};
	for (size_t i = 0; fresh && i < 2; i++) {
		char *p = zi_store_path(st, base[i]);
		struct stat sb;
		if (lstat(p, &sb) == 0)
			add[a++] = commit[c++] = (char *)base[i];
		free(p);
	}
	for (size_t i = 0; i < n; i++)
		add[a++] = commit[c++] = (char *)paths[i];
	int rc = 0;
	if (run(add, 1) != 0 || run(commit, 1) != 0) {
		zi_diag_error(d, st->dir, 0, NULL, "git",
			      _("the records were written, but git commit failed"));
		rc = ZI_EIO;
	}
	free(add);
	free(commit);
	free(msg);
	return rc;
}

int zi_store_git_commit(struct zi_store *st, const char *message, struct zi_diag *d)
{
	static const char *const base[] = {"zi.json", ".gitignore"};
	if (st->nwritten)
		return zi_store_git_commit_paths(st, message, (const char *const *)st->written,
						 st->nwritten, d);
	return zi_store_git_commit_paths(st, message, base, 2, d);
}

/* Splits git's output (one path a line) into a list. */
static size_t add_lines(char *text, char ***v, size_t n)
{
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		/* zi's own files that git should ignore, even where an older
		 * .gitignore does not name them */
		if (*line && strncmp(base_of(line), ".zi.", 4) && !strstr(line, ".tmp-")) {
			*v = zi_xrealloc(*v, (n + 1) * sizeof(char *));
			(*v)[n++] = zi_xstrdup(line);
		}
		line = nl ? nl + 1 : NULL;
	}
	return n;
}

int zi_store_git_uncommitted(struct zi_store *st, char ***paths, size_t *n)
{
	*paths = NULL;
	*n = 0;
	char *inside[] = {"git", "-C", st->dir, "rev-parse", "--is-inside-work-tree", NULL};
	char *r = capture(inside);
	if (!r)
		return 1;
	free(r);
	/* changed since HEAD (staged or not), and new files git does not ignore;
	 * paths relative to the records directory */
	char *diff[] = {"git",	"-c",	       "core.quotePath=false", "-C",   st->dir,
			"diff", "--name-only", "--relative",	       "HEAD", "--",
			".",	NULL};
	char *others[] = {"git",      "-c",	  "core.quotePath=false", "-C", st->dir,
			  "ls-files", "--others", "--exclude-standard",	  "--", ".",
			  NULL};
	char *a = capture(diff);
	char *b = capture(others);
	*n = add_lines(a, paths, *n);
	*n = add_lines(b, paths, *n);
	free(a);
	free(b);
	return 0;
}

/* The journal of a change to several files: the message and, for each file,
 * its temporary name and its place, relative to the records directory. */
static int journal_write(struct zi_store *st, const char *message, struct zi_diag *d)
{
	json_t *j = json_object();
	json_object_set_new(j, "zi-journal", json_integer(1));
	json_object_set_new(j, "message", json_string(message ? message : ""));
	json_t *files = json_array();
	for (size_t i = 0; i < st->npending; i++) {
		const struct zi_pending *p = &st->pending[i];
		json_t *f = json_object();
		/* p->tmp is p->final plus ".tmp-HEX": the same tail on rel */
		char *tmprel = zi_xasprintf("%s%s", p->rel, p->tmp + strlen(p->final));
		json_object_set_new(f, "tmp", json_string(tmprel));
		json_object_set_new(f, "final", json_string(p->rel));
		free(tmprel);
		json_array_append_new(files, f);
	}
	json_object_set_new(j, "files", files);
	struct zi_buf b;
	zi_buf_init(&b);
	zi_json_dump(j, &b);
	json_decref(j);
	/* written like any file, but renamed into place at once */
	struct zi_store one;
	memset(&one, 0, sizeof(one));
	one.lockfd = -1;
	one.dir = st->dir;
	struct zi_pending p;
	int fd = put_start(&one, JOURNAL, &p, d);
	int rc = fd < 0 ? fd : put_finish(&one, &p, fd, write_all(fd, b.data, b.len) != 0, d);
	zi_buf_release(&b);
	if (rc)
		return rc;
	p = one.pending[0];
	free(one.pending);
	if (renameat(p.dirfd, base_of(p.tmp), p.dirfd, JOURNAL) != 0 || fsync(p.dirfd) != 0) {
		zi_diag_error(d, p.final, 0, NULL, "io-write", _("cannot write: %s"),
			      strerror(errno));
		pending_drop(&p, 1);
		return ZI_EIO;
	}
	pending_drop(&p, 0);
	return 0;
}

static void journal_remove(struct zi_store *st)
{
	int fd = open(st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (unlinkat(fd, JOURNAL, 0) == 0)
		fsync(fd);
	close(fd);
}

static int journal_bad(struct zi_store *st, const char *why, struct zi_diag *d)
{
	char *path = zi_store_path(st, JOURNAL);
	zi_diag_error(d, path, 0, NULL, "journal-invalid",
		      _("not a journal zi can complete (%s): look at the files it names, then "
			"remove it"),
		      why);
	free(path);
	return ZI_EDATA;
}

/* The journal, parsed, into *j: NULL (and 0) when there is none, the common
 * case; ZI_EDATA when it cannot be read as one (said in d). */
static int journal_read(struct zi_store *st, json_t **j, struct zi_diag *d)
{
	*j = NULL;
	struct zi_diag quiet;
	zi_diag_init(&quiet);
	int fd = zi_store_open_read(st, JOURNAL, &quiet);
	int none = fd == -1 && quiet.n == 0; /* no journal: the common case */
	if (fd < 0 && !none)
		zi_diag_move(d, &quiet);
	zi_diag_release(&quiet);
	if (fd < 0)
		return none ? 0 : fd;
	struct zi_buf b;
	zi_buf_init(&b);
	read_rest(fd, &b, JOURNAL_MAX); /* a read error leaves it unreadable */
	close(fd);
	*j = b.len < JOURNAL_MAX ? json_loadb(b.data ? b.data : "", b.len, 0, NULL) : NULL;
	zi_buf_release(&b);
	json_t *files = json_object_get(*j, "files");
	if (!json_is_array(files) || json_integer_value(json_object_get(*j, "zi-journal")) != 1) {
		json_decref(*j);
		*j = NULL;
		return journal_bad(st, _("unreadable"), d);
	}
	return 0;
}

/* Is every entry of the journal's files a records file and its temporary
 * file (FINAL.tmp- and 32 hex digits)? All are checked before anything
 * moves. */
static int journal_entries_ok(json_t *files)
{
	for (size_t i = 0; i < json_array_size(files); i++) {
		json_t *f = json_array_get(files, i);
		const char *tmp = json_string_value(json_object_get(f, "tmp"));
		const char *fin = json_string_value(json_object_get(f, "final"));
		size_t n = fin ? strlen(fin) : 0;
		if (!tmp || !fin || !rel_ok(tmp) || !rel_ok(fin) || strncmp(tmp, fin, n) ||
		    strncmp(tmp + n, ".tmp-", 5) || strlen(tmp + n + 5) != 32 ||
		    strspn(tmp + n + 5, "0123456789abcdef") != 32)
			return 0;
	}
	return 1;
}

/* Renames the temporary file tmp over fin, when it is still there (else it
 * was renamed already). */
static int journal_rename(struct zi_store *st, const char *tmp, const char *fin, struct zi_diag *d)
{
	size_t bad;
	int dfd = walk_parent(st->dir, root_of(st), fin, 0, &bad, NULL);
	if (dfd < 0)
		return walk_failed(st->dir, fin, bad, 1, d);
	int rc = 0;
	struct stat sb;
	if (fstatat(dfd, base_of(tmp), &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		if (!S_ISREG(sb.st_mode) || renameat(dfd, base_of(tmp), dfd, base_of(fin)) != 0 ||
		    fsync(dfd) != 0) {
			char *path = zi_store_path(st, fin);
			zi_diag_error(d, path, 0, NULL, "io-write", _("cannot write: %s"),
				      S_ISREG(sb.st_mode) ? strerror(errno) : kind_of(sb.st_mode));
			free(path);
			rc = ZI_EIO;
		}
	}
	dir_done(dfd, root_of(st));
	return rc;
}

/* With commits on, the completed change becomes the commit it was to be. A
 * failed commit leaves the files uncommitted, which check reports: no
 * reason to stop the command that took the lock. */
static void journal_commit(struct zi_store *st, json_t *files, const char *msg)
{
	size_t nf = json_array_size(files);
	const char **paths = zi_xcalloc(nf, sizeof(char *));
	for (size_t i = 0; i < nf; i++)
		paths[i] = json_string_value(json_object_get(json_array_get(files, i), "final"));
	char *m = zi_xasprintf("%s (completed after an interruption)", msg && *msg ? msg : "zi");
	struct zi_diag quiet_git;
	zi_diag_init(&quiet_git);
	zi_store_git_commit_paths(st, m, paths, nf, &quiet_git);
	zi_diag_release(&quiet_git);
	free(m);
	free(paths);
}

/* Completes the change a journal describes: every temporary file still there
 * is renamed into place (each was written and synced before the journal
 * was), then the journal goes. *done is set when there was one. */
static int recover(struct zi_store *st, int *done, struct zi_diag *d)
{
	*done = 0;
	json_t *j;
	int rc = journal_read(st, &j, d);
	if (rc || !j)
		return rc;
	json_t *files = json_object_get(j, "files");
	size_t nf = json_array_size(files);
	if (!journal_entries_ok(files)) {
		json_decref(j);
		return journal_bad(st, _("a file entry is wrong"), d);
	}
	for (size_t i = 0; i < nf && !rc; i++) {
		json_t *f = json_array_get(files, i);
		rc = journal_rename(st, json_string_value(json_object_get(f, "tmp")),
				    json_string_value(json_object_get(f, "final")), d);
	}
	if (!rc) {
		journal_remove(st);
		st->interrupted = 0;
		*done = 1;
		char *path = zi_store_path(st, JOURNAL);
		const char *msg = json_string_value(json_object_get(j, "message"));
		zi_diag_warn(d, path, 0, NULL, "interrupted-completed",
			     _("completed a change that an interrupted command left half done: %s"),
			     msg && *msg ? msg : "?");
		free(path);
		if (st->commit && nf)
			journal_commit(st, files, msg);
	}
	json_decref(j);
	return rc;
}

int zi_store_recover(struct zi_store *st, int *done, struct zi_diag *d)
{
	return recover(st, done, d);
}

int zi_store_commit(struct zi_store *st, const char *message, struct zi_diag *d)
{
	for (size_t i = 0; i < st->nwritten; i++)
		free(st->written[i]);
	st->nwritten = 0;
	int rc = 0;
	size_t n = st->npending, renamed = 0;
	/* several files: the journal first, so that a kill between the renames
	 * can be completed by the next command */
	int journal = n >= 2 && !st->dry_run;
	if (journal)
		rc = journal_write(st, message, d);
	for (size_t i = 0; i < n && !rc; i++) {
		struct zi_pending *p = &st->pending[i];
		if (renameat(p->dirfd, base_of(p->tmp), p->dirfd, base_of(p->final)) != 0 ||
		    fsync(p->dirfd) != 0) {
			zi_diag_error(d, p->final, 0, NULL, "io-write", _("cannot write: %s"),
				      strerror(errno));
			rc = ZI_EIO;
			break;
		}
		renamed = i + 1;
	}
	int half = journal && rc && renamed > 0;
	if (half) {
		char *path = zi_store_path(st, JOURNAL);
		zi_diag_error(d, path, 0, NULL, "interrupted-change",
			      _("the change is half done: the next command that writes here, or "
				"'zi-report check --fix', completes it"));
		free(path);
		st->interrupted = 1;
	} else if (journal && rc == 0) {
		journal_remove(st);
	} else if (journal && renamed == 0) {
		journal_remove(st); /* nothing moved: the old state, whole */
	}
	st->written = zi_xrealloc(st->written, (n + 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		struct zi_pending *p = &st->pending[i];
		if (i < renamed)
			st->written[st->nwritten++] = zi_xstrdup(p->rel);
		/* a half-done change keeps its temporary files for the journal */
		pending_drop(p, i >= renamed && !half);
	}
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
				      _("must be text without control characters (but tab and line "
					"break)"));
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
