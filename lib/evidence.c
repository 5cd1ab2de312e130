#include "evidence.h"

#include "records.h"
#include "sign.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void to_hex(const unsigned char *md, unsigned n, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < n && i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = 0;
}

void zi_sha256_mem(const void *data, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	to_hex(md, n, hex);
}

/* -1 with errno on a read error; the digest only on success. */
static int sha256_fd(int fd, char hex[65])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(ctx);
		errno = ENOMEM;
		return -1;
	}
	unsigned char buf[1 << 16]; /* on the stack: evidence is hashed on several threads */
	int rc = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		EVP_DigestUpdate(ctx, buf, (size_t)n);
	}
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdn = 0;
	if (rc == 0) {
		EVP_DigestFinal_ex(ctx, md, &mdn);
		to_hex(md, mdn, hex);
	}
	EVP_MD_CTX_free(ctx);
	return rc;
}

int zi_sha256_file(const char *path, char hex[65], struct zi_diag *d)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || sha256_fd(fd, hex) != 0) {
		zi_diag_error(d, path, 0, NULL, "io-read", _("cannot read: %s"), strerror(errno));
		if (fd >= 0)
			close(fd);
		return ZI_EIO;
	}
	close(fd);
	return 0;
}

void zi_evidence_ext(const char *path, char out[9])
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = 0;
	if (dot && dot != base) {
		for (const char *p = dot + 1; *p && n < 8; p++) {
			char c = *p;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
				n = 0;
				break;
			}
			out[n++] = c;
		}
		if (dot[1] && strlen(dot + 1) > 8)
			n = 0;
	}
	if (n == 0)
		memcpy(out, "bin", 4);
	else
		out[n] = 0;
}

/* Lexical clean-up of an absolute path: no ".", "..", or doubled slashes. */
static char *clean_path(const char *abs)
{
	size_t n = strlen(abs);
	char *out = zi_xmalloc(n + 2);
	size_t o = 0;
	const char *p = abs;
	while (*p) {
		while (*p == '/')
			p++;
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 0)
			break;
		if (len == 1 && p[0] == '.') {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			out[o++] = '/';
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = 0;
	return out;
}

static int inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return path[0] == '/' && path[1];
	return !strncmp(dir, path, n) && path[n] == '/' && path[n + 1];
}

/* The evidence folder itself or something in it. */
static int in_folder(const char *folder, const char *path)
{
	return !strcmp(folder, path) || inside(folder, path);
}

int zi_evidence_resolve(const char *dir, const char *stored, char **rel, struct zi_verr *err)
{
	*rel = NULL;
	if (!*stored) {
		err->code = "evidence-missing";
		snprintf(err->msg, sizeof(err->msg), _("no evidence path"));
		return ZI_EDATA;
	}
	char *realdir = realpath(dir, NULL);
	if (!realdir) {
		err->code = "evidence-missing";
		snprintf(err->msg, sizeof(err->msg), _("cannot resolve the records directory %s"),
			 dir);
		return ZI_EDATA;
	}
	/* evidence is kept in the evidence folder, not anywhere in the records */
	char *folder = zi_xasprintf("%s/evidence", strcmp(realdir, "/") ? realdir : "");
	char *full = stored[0] == '/' ? zi_xstrdup(stored) : zi_xasprintf("%s/%s", realdir, stored);
	char *real = realpath(full, NULL);
	char *clean = clean_path(full);
	/* the words of the path, or for an absolute one through a link to the
	 * records directory, where it leads */
	const char *lexp = inside(realdir, clean) || !real ? clean : real;
	int rc = ZI_EDATA;
	struct stat sb;
	if (!inside(realdir, real ? real : clean)) {
		err->code = "evidence-outside";
		snprintf(err->msg, sizeof(err->msg),
			 _("evidence path '%s' leaves the records directory"), stored);
	} else if (!in_folder(folder, real ? real : clean) || !in_folder(folder, lexp)) {
		err->code = "evidence-outside";
		snprintf(err->msg, sizeof(err->msg),
			 _("evidence path '%s' lies outside the evidence folder"), stored);
	} else if (!real) {
		err->code = "evidence-missing";
		snprintf(err->msg, sizeof(err->msg), _("evidence file '%s' does not exist"), stored);
	} else if (stat(real, &sb) != 0 || S_ISDIR(sb.st_mode)) {
		err->code = "evidence-missing";
		snprintf(err->msg, sizeof(err->msg), _("evidence '%s' is not a file"), stored);
	} else {
		/* the path as written, component by component: no symbolic link,
		 * pipe or device on the way (the store's rule for every file) */
		size_t n = strlen(realdir);
		const char *lex = lexp + (n == 1 ? 1 : n + 1);
		struct zi_diag quiet;
		zi_diag_init(&quiet);
		int k = zi_store_check_in(realdir, lex, &quiet);
		if (k == 0) {
			*rel = zi_xstrdup(lex);
			rc = 0;
		} else if (k == 1) {
			err->code = "evidence-missing";
			snprintf(err->msg, sizeof(err->msg), _("evidence file '%s' does not exist"),
				 stored);
		} else {
			err->code = "not-regular";
			snprintf(err->msg, sizeof(err->msg), "%s '%s': %s", _("evidence"), stored,
				 quiet.n ? quiet.v[0].message : _("not a regular file"));
		}
		zi_diag_release(&quiet);
	}
	free(clean);
	free(real);
	free(full);
	free(folder);
	free(realdir);
	return rc;
}

static int read_whole(const char *path, struct zi_buf *b, struct zi_diag *d)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0) {
		zi_diag_error(d, path, 0, "evidence", "evidence-unreadable",
			      _("cannot read the evidence file: %s"), strerror(errno));
		if (fd >= 0)
			close(fd);
		return ZI_EIO;
	}
	if (!S_ISREG(sb.st_mode)) {
		zi_diag_error(d, path, 0, "evidence", "evidence-unreadable",
			      _("the evidence is not a regular file"));
		close(fd);
		return ZI_EIO;
	}
	zi_buf_reserve(b, (size_t)sb.st_size + 1);
	for (;;) {
		zi_buf_reserve(b, 1 << 16);
		ssize_t n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			zi_diag_error(d, path, 0, "evidence", "evidence-unreadable",
				      _("cannot read the evidence file: %s"), strerror(errno));
			close(fd);
			return ZI_EIO;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	b->data[b->len] = 0;
	close(fd);
	return 0;
}

int zi_evidence_put(struct zi_store *st, const char *unit, const char *file, char **rel,
		    char hex[65], struct zi_diag *d)
{
	*rel = NULL;
	struct zi_buf b;
	zi_buf_init(&b);
	int rc = read_whole(file, &b, d);
	if (rc) {
		zi_buf_release(&b);
		return rc;
	}
	zi_sha256_mem(b.data ? b.data : "", b.len, hex);
	char ext[9];
	zi_evidence_ext(file, ext);
	char *r = zi_xasprintf("evidence/%s/%s.%s", unit, hex, ext);
	char *full = zi_store_path(st, r);
	char have[65];
	struct zi_diag quiet;
	zi_diag_init(&quiet);
	/* the same content under the same name is already kept (a regular
	 * file only: anything else is refused by the write) */
	if (zi_store_check(st, r, &quiet) != 0 || zi_sha256_file(full, have, &quiet) != 0 ||
	    strcmp(have, hex) != 0)
		rc = zi_store_put_bytes(st, r, b.data ? b.data : "", b.len, d);
	zi_diag_release(&quiet);
	free(full);
	zi_buf_release(&b);
	if (rc) {
		free(r);
		return rc;
	}
	*rel = r;
	return 0;
}

enum zi_evidence_state zi_evidence_verify(const char *dir, const char *stored, const char *sha256,
					  char actual[65])
{
	actual[0] = 0;
	char *rel;
	struct zi_verr err;
	if (zi_evidence_resolve(dir, stored, &rel, &err) != 0)
		return !strcmp(err.code, "evidence-outside") ? ZI_EVIDENCE_OUTSIDE
		       : !strcmp(err.code, "not-regular")    ? ZI_EVIDENCE_UNREADABLE
							     : ZI_EVIDENCE_MISSING;
	char *full = zi_xasprintf("%s/%s", dir, rel);
	free(rel);
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	free(full);
	struct stat sb;
	if (fd >= 0 && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))) {
		close(fd);
		return ZI_EVIDENCE_UNREADABLE;
	}
	if (fd < 0)
		return errno == ENOENT ? ZI_EVIDENCE_MISSING : ZI_EVIDENCE_UNREADABLE;
	int rc = sha256_fd(fd, actual);
	close(fd);
	if (rc != 0) {
		actual[0] = 0;
		return ZI_EVIDENCE_UNREADABLE;
	}
	return strcmp(actual, sha256) ? ZI_EVIDENCE_CHANGED : ZI_EVIDENCE_OK;
}

/* One diagnostic per evidence file that does not match its signature row,
 * named by the signatures file and line. */
static int verify_row(const char *dir, const struct zi_table *sigs, size_t r, const char *path,
		      struct zi_diag *d)
{
	const char *ev = zi_table_get(sigs, r, ZI_G_EVIDENCE);
	const char *want = zi_table_get(sigs, r, ZI_G_SHA256);
	char got[65];
	unsigned long line = sigs->lines[r];
	switch (zi_evidence_verify(dir, ev, want, got)) {
	case ZI_EVIDENCE_OK:
		return 0;
	case ZI_EVIDENCE_MISSING:
		zi_diag_error(d, path, line, "evidence", "evidence-missing", _("%s is missing"), ev);
		break;
	case ZI_EVIDENCE_OUTSIDE:
		zi_diag_error(d, path, line, "evidence", "evidence-outside",
			      _("%s leaves the records directory"), ev);
		break;
	case ZI_EVIDENCE_UNREADABLE:
		zi_diag_error(d, path, line, "evidence", "evidence-unreadable",
			      _("%s cannot be read"), ev);
		break;
	case ZI_EVIDENCE_CHANGED:
		if (*want)
			zi_diag_error(d, path, line, "evidence", "evidence-changed",
				      _("%s has changed: its SHA-256 is %s, the record says %s"),
				      ev, got, want);
		else
			zi_diag_error(d, path, line, "sha256", "evidence-no-digest",
				      _("%s has no recorded SHA-256 (its digest is %s)"), ev, got);
		break;
	}
	return 1;
}

int zi_evidence_verify_unit(struct zi_store *st, const char *unit, unsigned long *files,
			    unsigned long *bad, struct zi_diag *d)
{
	char *rel = zi_records_rel("signatures", unit, 0, d);
	if (!rel)
		return ZI_EINTERNAL;
	char *path = zi_store_path(st, rel); /* for the messages */
	free(rel);
	struct zi_table sigs;
	int rc = zi_records_load(st, "signatures", unit, &sigs, d);
	for (size_t r = 0; r < sigs.n && !rc; r++) {
		if (!*zi_table_get(&sigs, r, ZI_G_EVIDENCE))
			continue;
		++*files;
		*bad += (unsigned long)verify_row(st->dir, &sigs, r, path, d);
	}
	zi_table_release(&sigs);
	free(path);
	return rc;
}
