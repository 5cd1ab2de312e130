/* The transparency site (zi-report site): the public edition of the
 * programme as static pages. The state at the end of a month comes from
 * zi_report_gather (public: no NIP, no staff name, no complaint summary or
 * complainant); the history of each unit, its declarations and the complaint
 * statistics are read here from stages.csv, declarations.csv and
 * complaints.csv. Every page is complete HTML with a local style sheet and
 * inline SVG charts (no script, no fetch), lang set to the report's
 * language, tables that scroll on a phone; every record text is escaped.
 *
 * The tree is written into a directory made by mkdtemp beside the target
 * (files created exclusively, never through a link, each synced), then
 * exchanged with the target in one rename (renameat2 RENAME_EXCHANGE; where
 * the file system lacks it, two renames) and the old tree removed: a reader
 * sees the old site or the new one, never half of one, and a failure leaves
 * the old one as it was. Nothing reads the clock: the same records and month
 * give the same bytes. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <math.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "complaint.h"
#include "declare.h"
#include "fmt.h"
#include "jsonio.h"
#include "report.h"
#include "schema.h"
#include "site.h"
#include "stages.h"
#include "texttable.h"
#include "units.h"
#include "util.h"

#define GENERATOR "zi-report site"

/* The output tree */

struct tree {
	int pfd; /* the directory DIR is in */
	char *base; /* DIR's last component */
	char *tmpbase; /* the temporary directory's name in pfd */
	int fd; /* the temporary directory */
	int exists; /* DIR is there (an empty directory or an old site) */
	mode_t mode; /* of the new DIR */
	const char *dir; /* as given, for messages */
	size_t files;
};

static int io_error(struct zi_diag *d, const char *path, int err)
{
	zi_diag_error(d, path, 0, NULL, "io-write", _("cannot write: %s"), strerror(err));
	return ZI_EIO;
}

/* Removes the tree name in pfd without following any link: a link is
 * removed, never what it points to. */
static int rm_tree(int pfd, const char *name)
{
	int fd = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return unlinkat(pfd, name, 0) && errno != ENOENT ? -1 : 0;
	DIR *dh = fdopendir(fd);
	if (!dh) {
		close(fd);
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(dh))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (rm_tree(dirfd(dh), e->d_name))
			rc = -1;
	}
	closedir(dh);
	if (unlinkat(pfd, name, AT_REMOVEDIR) && errno != ENOENT)
		rc = -1;
	return rc;
}

/* Whether the directory fd is empty (1), holds a site this made (2) or
 * something else (0). */
static int dir_kind(int fd)
{
	int dup_fd = dup(fd);
	DIR *dh = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	if (!dh) {
		if (dup_fd >= 0)
			close(dup_fd);
		return 0;
	}
	int empty = 1;
	struct dirent *e;
	while ((e = readdir(dh)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = 0;
			break;
		}
	closedir(dh);
	if (empty)
		return 1;
	int jfd = openat(fd, "data.json", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (jfd < 0)
		return 0;
	json_error_t err;
	json_t *j = json_loadfd(jfd, 0, &err);
	close(jfd);
	const char *g = json_string_value(json_object_get(j, "generator"));
	int ours = g && !strcmp(g, GENERATOR);
	json_decref(j);
	return ours ? 2 : 0;
}

/* DIR as it stands, when it is there: a site this made or an empty
 * directory that may be replaced (t->exists, its mode kept), else an error
 * that says why not. */
static int tree_check_target(struct tree *t, struct zi_diag *d)
{
	const char *dir = t->dir;
	struct stat sb;
	if (fstatat(t->pfd, t->base, &sb, AT_SYMLINK_NOFOLLOW))
		return 0;
	if (S_ISLNK(sb.st_mode)) {
		zi_diag_error(d, dir, 0, NULL, "not-regular",
			      _("is a symbolic link: the site is not written through "
				"links"));
		return ZI_EIO;
	}
	if (!S_ISDIR(sb.st_mode)) {
		zi_diag_error(d, dir, 0, NULL, "site-dir",
			      _("exists and is not a directory: nothing written"));
		return ZI_EIO;
	}
	int fd = openat(t->pfd, t->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int kind = fd >= 0 ? dir_kind(fd) : 0;
	if (fd >= 0)
		close(fd);
	if (!kind) {
		zi_diag_error(d, dir, 0, NULL, "site-dir",
			      _("is neither empty nor a site made by zi-report site: not "
				"replaced"));
		return ZI_EIO;
	}
	if (faccessat(t->pfd, t->base, W_OK, 0)) {
		zi_diag_error(d, dir, 0, NULL, "io-write", _("cannot write: %s"), strerror(errno));
		return ZI_EIO;
	}
	t->exists = 1;
	t->mode = sb.st_mode & 07777;
	return 0;
}

/* The temporary directory the new tree is written into: beside DIR (path,
 * without its trailing slashes), so that the rename stays in one file
 * system. */
static int tree_mktemp(struct tree *t, const char *path, struct zi_diag *d)
{
	char *tmpl = zi_xasprintf("%s.zi-XXXXXX", path);
	if (!mkdtemp(tmpl)) {
		int rc = io_error(d, t->dir, errno);
		free(tmpl);
		return rc;
	}
	char *tb = zi_xstrdup(tmpl);
	t->tmpbase = zi_xstrdup(basename(tb));
	free(tb);
	free(tmpl);
	t->fd = openat(t->pfd, t->tmpbase, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (t->fd < 0) {
		int rc = io_error(d, t->dir, errno);
		unlinkat(t->pfd, t->tmpbase, AT_REMOVEDIR);
		free(t->tmpbase);
		t->tmpbase = NULL;
		return rc;
	}
	return 0;
}

/* Ready to write the site at dir: its parent open, dir checked (it may be
 * replaced) and an empty temporary tree beside it. */
static int tree_open(struct tree *t, const char *dir, struct zi_diag *d)
{
	memset(t, 0, sizeof(*t));
	t->pfd = t->fd = -1;
	t->dir = dir;
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	char *path = zi_xstrndup(dir, len);
	char *c1 = zi_xstrdup(path), *c2 = zi_xstrdup(path);
	char *parent = dirname(c1), *base = basename(c2);
	int rc = 0;
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..") || !strcmp(base, "/")) {
		zi_diag_error(d, dir, 0, NULL, "site-dir",
			      _("name a directory of its own for the site, not '%s'"), dir);
		rc = ZI_EIO;
	} else {
		t->base = zi_xstrdup(base);
		t->pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (t->pfd < 0) {
			zi_diag_error(d, parent, 0, NULL, "io-read", _("cannot open: %s"),
				      strerror(errno));
			rc = ZI_EIO;
		}
	}
	if (!rc) {
		mode_t um = umask(0);
		umask(um);
		t->mode = 0777 & ~um;
		rc = tree_check_target(t, d);
	}
	if (!rc)
		rc = tree_mktemp(t, path, d);
	free(path);
	free(c1);
	free(c2);
	return rc;
}

static void tree_close(struct tree *t)
{
	if (t->fd >= 0)
		close(t->fd);
	if (t->tmpbase)
		rm_tree(t->pfd, t->tmpbase);
	if (t->pfd >= 0)
		close(t->pfd);
	free(t->base);
	free(t->tmpbase);
	memset(t, 0, sizeof(*t));
}

static int tree_mkdir(struct tree *t, const char *rel, struct zi_diag *d)
{
	if (mkdirat(t->fd, rel, t->mode | 0700))
		return io_error(d, t->dir, errno);
	return 0;
}

/* A new file at rel in the temporary tree: created exclusively (nothing is
 * there to follow), written whole and synced. */
static int tree_put(struct tree *t, const char *rel, const void *data, size_t len, struct zi_diag *d)
{
	int fd = openat(t->fd, rel, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			(t->mode & 0666) | 0600);
	if (fd < 0)
		return io_error(d, t->dir, errno);
	const char *p = data;
	size_t left = len;
	int err = 0;
	while (left && !err) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			err = w < 0 ? errno : EIO;
		else {
			p += w;
			left -= (size_t)w;
		}
	}
	if (!err && fsync(fd))
		err = errno;
	if (close(fd) && !err)
		err = errno;
	if (err)
		return io_error(d, t->dir, err);
	t->files++;
	return 0;
}

static int sync_dir(int pfd, const char *rel)
{
	int fd = openat(pfd, rel, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* The complete tree takes DIR's place. */
static int tree_commit(struct tree *t, struct zi_diag *d)
{
	if (sync_dir(t->fd, "units") || sync_dir(t->fd, "archive") || fsync(t->fd) ||
	    fchmod(t->fd, t->mode))
		return io_error(d, t->dir, errno);
	if (!t->exists) {
		if (renameat2(t->pfd, t->tmpbase, t->pfd, t->base, RENAME_NOREPLACE) &&
		    (errno != EINVAL || renameat(t->pfd, t->tmpbase, t->pfd, t->base)))
			return io_error(d, t->dir, errno);
		free(t->tmpbase);
		t->tmpbase = NULL;
	} else if (renameat2(t->pfd, t->tmpbase, t->pfd, t->base, RENAME_EXCHANGE) == 0) {
		/* the old site is now at the temporary name: tree_close removes it */
	} else {
		/* no exchange here: the old site to a name of its own, the new one
		 * in its place (DIR is missing between the two renames) */
		int why = errno;
		if (why != EINVAL && why != ENOSYS && why != EOPNOTSUPP)
			return io_error(d, t->dir, why);
		char *tmpl = zi_xasprintf(".%s.zi-old-XXXXXX", t->base);
		/* mkdtemp needs a path: the parent reached through /proc/self/fd */
		char *full = zi_xasprintf("/proc/self/fd/%d/%s", t->pfd, tmpl);
		int ok = mkdtemp(full) != NULL;
		const char *oldname = ok ? strrchr(full, '/') + 1 : NULL;
		if (!ok || renameat(t->pfd, t->base, t->pfd, oldname)) {
			int e = errno;
			if (ok)
				unlinkat(t->pfd, oldname, AT_REMOVEDIR);
			free(tmpl);
			free(full);
			return io_error(d, t->dir, e);
		}
		if (renameat(t->pfd, t->tmpbase, t->pfd, t->base)) {
			int e = errno;
			renameat(t->pfd, oldname, t->pfd, t->base); /* the old one back */
			free(tmpl);
			free(full);
			return io_error(d, t->dir, e);
		}
		free(t->tmpbase);
		t->tmpbase = zi_xstrdup(oldname);
		free(tmpl);
		free(full);
	}
	fsync(t->pfd);
	return 0;
}

/* HTML */

/* the one markup escape (lib/texttable.c) */
static void esc(struct zi_buf *b, const char *s)
{
	zi_esc(b, s, ZI_ESC_HTML);
}

/* A unit's page name: ids are slugs (zi_unit_id_check), safe in a path. */
static void unit_href(struct zi_buf *b, const char *root, const char *id)
{
	zi_buf_printf(b, "%sunits/", root);
	esc(b, id);
	zi_buf_adds(b, ".html");
}

/* The per unit data the gathered report has not got */

struct hist {
	const char *date, *stage, *ref, *predicate;
};

struct cstat {
	unsigned long received, resolved, rejected, open;
};

struct group {
	const char *key;
	struct cstat c;
	long *days;
	size_t ndays;
};

struct site {
	struct zi_store *st;
	struct zi_report r;
	const char *lang;
	struct zi_schema *ss, *ds, *cs, *fs;
	struct zi_table stages, decls, complaints;
	char first_month[8];
	struct cstat *uc; /* complaints per unit of r (up to the month's end) */
	struct cstat all;
	struct group *chan, *cat;
	size_t nchan, ncat;
	long *days; /* days to resolve of every resolved complaint */
	struct people *people;
	size_t ndays;
};

static const char *doc_label(int k)
{
	static const char *const labels[ZI_DOC_COUNT] = {N_("pact"), N_("gratification"),
							 N_("LHKPN"), N_("LHKASN"),
							 N_("conflict of interest")};
	return _(labels[k]);
}

static const char *stage_label(const char *s)
{
	static const char *const labels[ZI_STAGE_COUNT] = {"Calon",	  "Pencanangan",
							   "Pembangunan", "Penilaian TPI",
							   "Pengusulan",  "Evaluasi TPN",
							   "Penetapan"};
	int i = zi_stage_parse(s);
	return i >= 0 ? labels[i] : s;
}

static void num(struct site *x, char *out, size_t n, double v)
{
	zi_fmt_num(x->lang, v, 2, 0, out, n);
}

static void ulong_s(struct site *x, char *out, size_t n, unsigned long v)
{
	zi_fmt_int(x->lang, (long)v, out, n);
}

static void date_s(struct site *x, char *out, size_t n, const char *iso)
{
	zi_fmt_date_long(x->lang, iso, out, n);
}

/* The share of every document due that is signed (NAN: nothing due). */
static double coverage(const struct zi_rep_unit *u, unsigned long *req, unsigned long *sig)
{
	*req = *sig = 0;
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		*req += u->cov[k].required;
		*sig += u->cov[k].signed_n;
	}
	return *req ? 100.0 * (double)*sig / (double)*req : NAN;
}

static const char *verdict(const struct zi_rep_unit *u)
{
	if (!u->has_score)
		return NULL;
	return u->wbbm ? "WBBM" : u->wbk ? "WBK" : _("not eligible");
}

static const char *css =
	"*{box-sizing:border-box}\n"
	"html{-webkit-text-size-adjust:100%}\n"
	"body{margin:0;font-family:\"DejaVu Sans\",Arial,sans-serif;font-size:16px;"
	"line-height:1.5;color:#1a1a1a;background:#fff}\n"
	"a{color:#0b4f8a}a:focus{outline:3px solid #b35900;outline-offset:2px}\n"
	".skip{position:absolute;left:-10000px}.skip:focus{left:.5em;top:.5em;background:#fff;"
	"padding:.3em;z-index:1}\n"
	"header{background:#0b3d62;color:#fff;padding:.6em 1em}\n"
	"header p{margin:0;font-weight:bold}header img{max-height:48px;vertical-align:middle;"
	"margin-right:.5em;background:#fff}\n"
	"nav ul{list-style:none;margin:.4em 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.2em "
	"1.2em}\n"
	"nav a{color:#fff}nav a[aria-current]{font-weight:bold;text-decoration:none;"
	"border-bottom:3px solid #fff}\n"
	"main{max-width:80em;margin:0 auto;padding:.5em 1em 2em}\n"
	"h1{font-size:1.5em;margin:.6em 0 .3em}h2{font-size:1.25em;margin:1.6em 0 .4em;"
	"color:#0b3d62}h3{font-size:1.05em;margin:1.2em 0 .3em}\n"
	".id{color:#4d4d4d;font-size:.85em}\n"
	".scroll{overflow-x:auto;max-width:100%;margin:.5em 0}\n"
	".scroll:focus{outline:3px solid #b35900}\n"
	"table{border-collapse:collapse}th,td{border:1px solid #8a8a8a;padding:.3em .5em;"
	"text-align:left;vertical-align:top}\n"
	"thead th{background:#e4ecf2}td.n,th.n{text-align:right}td.n{white-space:nowrap}\n"
	"caption{text-align:left;font-weight:bold;padding:.2em 0}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}\n"
	"dl.facts dt{font-weight:bold}dl.facts dd{margin:0}\n"
	"ol.timeline{list-style:none;padding:0;margin:.5em 0;border-left:3px solid #0b3d62}\n"
	"ol.timeline li{margin:0 0 .7em;padding-left:1em;position:relative}\n"
	"ol.timeline li:before{content:\"\";position:absolute;left:-.5em;top:.45em;width:.7em;"
	"height:.7em;border-radius:50%;background:#0b3d62}\n"
	"ol.timeline .ref{display:block;color:#4d4d4d;font-size:.9em;overflow-wrap:anywhere}\n"
	"svg.chart{display:block;width:100%;max-width:32em;height:auto;margin:.5em 0}\n"
	"ul.months{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1em}\n"
	"footer{border-top:1px solid #8a8a8a;color:#4d4d4d;font-size:.9em;padding:.5em 1em;"
	"max-width:80em;margin:0 auto}\n"
	"td,th,dd,p,li{overflow-wrap:break-word}\n"
	"table.units th[scope=row]{min-width:14em;position:sticky;left:0;background:#fff;"
	"z-index:1}\n"
	"@media (max-width:40em){body{font-size:15px}main{padding:.3em .7em 1.5em}"
	"table{font-size:.875em}th,td{padding:.25em .35em}"
	"table.units th[scope=row]{min-width:9em}}\n"
	"@media print{header nav,.skip{display:none}.scroll{overflow:visible}}\n";

/* the page's place in the navigation (a unit page has none) */
enum page { P_INDEX, P_COMPLAINTS, P_ARCHIVE, P_UNIT = 9 };

static void page_start(struct site *x, struct zi_buf *b, const char *root, enum page cur,
		       const char *title)
{
	zi_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		      x->lang);
	zi_buf_adds(b,
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	zi_buf_adds(b, "<title>");
	esc(b, title);
	if (*x->r.instansi) {
		zi_buf_adds(b, " - ");
		esc(b, x->r.instansi);
	}
	zi_buf_printf(b,
		      "</title>\n<link rel=\"stylesheet\" href=\"%sstyle.css\">\n</head>\n<body>\n",
		      root);
	zi_buf_printf(b, "<a class=\"skip\" href=\"#main\">%s</a>\n<header>\n<p>",
		      _("Skip to the content"));
	if (x->r.lh.logo_uri) {
		zi_buf_adds(b, "<img src=\"");
		esc(b, x->r.lh.logo_uri);
		zi_buf_adds(b, "\" alt=\"\">");
	}
	esc(b, *x->r.instansi ? x->r.instansi : _("Zona Integritas programme"));
	zi_buf_printf(b, "</p>\n<nav aria-label=\"%s\"><ul>\n", _("Site"));
	static const char *const items[][2] = {{"index.html", N_("Units")},
					       {"complaints.html", N_("Complaints")},
					       {"archive/index.html", N_("Monthly reports")},
					       {"data.json", N_("Data (JSON)")}};
	for (int i = 0; i < 4; i++)
		zi_buf_printf(b, "<li><a href=\"%s%s\"%s>%s</a></li>\n", root, items[i][0],
			      (int)cur == i ? " aria-current=\"page\"" : "", _(items[i][1]));
	zi_buf_adds(b, "</ul></nav>\n</header>\n<main id=\"main\">\n");
}

static void page_end(struct site *x, struct zi_buf *b)
{
	char m[64];
	zi_fmt_month_long(x->lang, x->r.month, m, sizeof(m));
	zi_buf_adds(b, "</main>\n<footer>\n<p>");
	zi_buf_printf(b,
		      _("State at the end of %s, from the programme's records (zi-report site). "
			"Public edition: no NIP, no staff name, no complaint text."),
		      m);
	zi_buf_adds(b, "</p>\n</footer>\n</body>\n</html>\n");
}

/* A table in a region that scrolls on its own on a narrow screen (focusable,
 * so that it scrolls from the keyboard too). */
static void table_start_c(struct zi_buf *b, const char *cls, const char *caption,
			  const char *const *heads, const int *numeric, size_t n)
{
	zi_buf_adds(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
	esc(b, caption);
	zi_buf_printf(b, "\">\n<table%s%s%s>\n<caption>", cls ? " class=\"" : "", cls ? cls : "",
		      cls ? "\"" : "");
	esc(b, caption);
	zi_buf_adds(b, "</caption>\n<thead><tr>");
	for (size_t i = 0; i < n; i++) {
		zi_buf_printf(b, "<th scope=\"col\"%s>",
			      numeric && numeric[i] ? " class=\"n\"" : "");
		esc(b, heads[i]);
		zi_buf_adds(b, "</th>");
	}
	zi_buf_adds(b, "</tr></thead>\n<tbody>\n");
}

static void table_start(struct zi_buf *b, const char *caption, const char *const *heads,
			const int *numeric, size_t n)
{
	table_start_c(b, NULL, caption, heads, numeric, n);
}

static void table_end(struct zi_buf *b)
{
	zi_buf_adds(b, "</tbody>\n</table>\n</div>\n");
}

static void td(struct zi_buf *b, const char *text, int numeric)
{
	zi_buf_adds(b, numeric ? "<td class=\"n\">" : "<td>");
	esc(b, text);
	zi_buf_adds(b, "</td>");
}

static void td_num(struct site *x, struct zi_buf *b, unsigned long v)
{
	char s[32];
	ulong_s(x, s, sizeof(s), v);
	td(b, s, 1);
}

/* A percent, or "no data": unknown is never shown as 0 or 100. */
static void pct_s(struct site *x, char *out, size_t n, double v)
{
	if (isnan(v) || v < 0) {
		snprintf(out, n, "%s", _("no data"));
		return;
	}
	char s[32];
	num(x, s, sizeof(s), v);
	snprintf(out, n, "%s %%", s);
}

/* Charts */

/* Coverage of each document: a bar per document; no data drawn as a dashed
 * outline with the words, never as an empty bar (0 %). */
static void chart_docs(struct site *x, struct zi_buf *b, const struct zi_rep_unit *u)
{
	const int row = 34, top = 8, lw = 160, bw = 180;
	int h = top * 2 + row * ZI_DOC_COUNT;
	zi_buf_printf(b,
		      "<svg class=\"chart\" viewBox=\"0 0 420 %d\" role=\"img\" "
		      "aria-labelledby=\"docs-t docs-d\" xmlns=\"http://www.w3.org/2000/svg\">\n",
		      h);
	zi_buf_adds(b, "<title id=\"docs-t\">");
	esc(b, _("Coverage by document"));
	zi_buf_adds(b, "</title>\n<desc id=\"docs-d\">");
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		char p[48];
		pct_s(x, p, sizeof(p), u->cov[k].required ? u->cov[k].percent : NAN);
		zi_buf_printf(b, "%s%s: ", k ? "; " : "", doc_label(k));
		esc(b, p);
	}
	zi_buf_adds(b, "</desc>\n");
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		int y = top + k * row;
		const struct zi_rep_cov *c = &u->cov[k];
		zi_buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"15\" fill=\"#1a1a1a\">%s</text>\n",
			      y + 21, doc_label(k));
		if (!c->required || isnan(c->percent)) {
			zi_buf_printf(b,
				      "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" "
				      "fill=\"#fff\" "
				      "stroke=\"#595959\" stroke-dasharray=\"4 3\"/>\n",
				      lw, y + 5, bw);
			zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"14\" fill=\"#1a1a1a\">%s</text>\n",
				      lw + 8, y + 21, _("no data"));
			continue;
		}
		char w[32], p[48];
		snprintf(w, sizeof(w), "%.1f", c->percent * bw / 100.0);
		pct_s(x, p, sizeof(p), c->percent);
		zi_buf_printf(
			b,
			"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" fill=\"#e6e6e6\"/>"
			"<rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"22\" fill=\"#1d6b43\"/>\n",
			lw, y + 5, bw, lw, y + 5, w);
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"15\" fill=\"#1a1a1a\">%s</text>\n",
			      lw + bw + 8, y + 21, p);
	}
	zi_buf_adds(b, "</svg>\n");
}

/* The share of documents signed at each of the last 12 month ends. */
static void chart_trend(struct site *x, struct zi_buf *b, const struct zi_rep_unit *u)
{
	const int l = 46, r = 392, t = 12, bt = 172;
	zi_buf_adds(b,
		    "<svg class=\"chart\" viewBox=\"0 0 420 210\" role=\"img\" "
		    "aria-labelledby=\"trend-t trend-d\" xmlns=\"http://www.w3.org/2000/svg\">\n");
	zi_buf_adds(b, "<title id=\"trend-t\">");
	esc(b, _("Documents signed, last 12 months"));
	zi_buf_adds(b, "</title>\n<desc id=\"trend-d\">");
	for (int m = 0; m < ZI_TREND_MONTHS; m++) {
		char p[48];
		pct_s(x, p, sizeof(p), u->trend[m]);
		zi_buf_printf(b, "%s%s: ", m ? "; " : "", x->r.trend_months[m]);
		esc(b, p);
	}
	zi_buf_adds(b, "</desc>\n");
	for (int g = 0; g <= 100; g += 50) {
		int y = bt - (bt - t) * g / 100;
		zi_buf_printf(b,
			      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#8a8a8a\" "
			      "stroke-width=\"1\"/>"
			      "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"end\" "
			      "fill=\"#1a1a1a\">%d %%</text>\n",
			      l, y, r, y, l - 4, y + 5, g);
	}
	double step = (double)(r - l - 20) / (ZI_TREND_MONTHS - 1);
	struct zi_buf line;
	zi_buf_init(&line);
	for (int m = 0; m < ZI_TREND_MONTHS; m++) {
		double cx = l + 10 + step * m;
		if (m % 3 == 2) {
			const char *mo = x->r.trend_months[m];
			zi_buf_printf(b,
				      "<text x=\"%.1f\" y=\"%d\" font-size=\"14\" "
				      "text-anchor=\"middle\" "
				      "fill=\"#1a1a1a\">%.2s/%.4s</text>\n",
				      cx, bt + 20, mo + 5, mo);
		}
		double v = u->trend[m];
		if (v < 0 || isnan(v)) {
			/* a gap in the line, and a hollow mark on the axis: no data */
			if (line.len) {
				zi_buf_printf(b,
					      "<polyline points=\"%s\" fill=\"none\" "
					      "stroke=\"#0b4f8a\" "
					      "stroke-width=\"2.5\"/>\n",
					      line.data);
				zi_buf_reset(&line);
			}
			zi_buf_printf(b,
				      "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"#fff\" "
				      "stroke=\"#595959\"/>\n",
				      cx, bt);
			continue;
		}
		double cy = bt - (bt - t) * v / 100.0;
		zi_buf_printf(&line, "%s%.1f,%.1f", line.len ? " " : "", cx, cy);
		zi_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#0b4f8a\"/>\n", cx,
			      cy);
	}
	if (line.len)
		zi_buf_printf(b,
			      "<polyline points=\"%s\" fill=\"none\" stroke=\"#0b4f8a\" "
			      "stroke-width=\"2.5\"/>\n",
			      line.data);
	zi_buf_release(&line);
	zi_buf_adds(b, "</svg>\n");
}

/* Record texts on a public page: withheld when they hold a NIP (18 digits
 * in a row, spaces, dots and dashes between them allowed) or the name or
 * NIP of anyone on a roster, who may not be named on the site (a head or
 * witness typed by name). Names are compared folded (zi_fold_name), as a
 * run of whole words of the text, through a hash table of every roster. */
struct people {
	struct hsearch_data h;
	struct zi_arena a;
	int made;
};

#define NAME_MAX_BYTES 200

static int people_load(struct site *x, struct people *p, struct zi_diag *d)
{
	memset(p, 0, sizeof(*p));
	zi_arena_init(&p->a);
	size_t n = x->r.nunits;
	struct zi_table *t = zi_xcalloc(n + 1, sizeof(*t));
	size_t rows = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		zi_table_init(&t[i], x->fs);
	for (size_t i = 0; i < n && !rc; i++) {
		char *rel = zi_unit_file("staff", x->r.units[i].id, ".csv");
		rc = zi_store_load(x->st, rel, &t[i], d);
		free(rel);
		rows += t[i].n;
	}
	if (!rc && !hcreate_r(rows * 2 * 2 + 16, &p->h))
		rc = ZI_EINTERNAL;
	else if (!rc)
		p->made = 1;
	for (size_t i = 0; i < n && !rc; i++)
		for (size_t r = 0; r < t[i].n; r++) {
			const size_t f[2] = {ZI_S_NAME, ZI_S_NIP};
			for (int k = 0; k < 2; k++) {
				char key[NAME_MAX_BYTES + 1];
				zi_fold_name(zi_table_get(&t[i], r, f[k]), key, sizeof(key));
				if (!*key)
					continue;
				ENTRY e = {zi_arena_strdup(&p->a, key), NULL}, *ep;
				if (!hsearch_r(e, ENTER, &ep, &p->h))
					rc = ZI_EINTERNAL;
			}
		}
	for (size_t i = 0; i < n; i++)
		zi_table_release(&t[i]);
	free(t);
	return rc;
}

static void people_release(struct people *p)
{
	if (p->made)
		hdestroy_r(&p->h);
	zi_arena_release(&p->a);
}

static int word_char(char c)
{
	return isalnum((unsigned char)c);
}

static int names_person(struct people *p, const char *s)
{
	int run = 0;
	for (const char *q = s; *q; q++) {
		if (*q >= '0' && *q <= '9')
			run++;
		else if (*q != ' ' && *q != '.' && *q != '-')
			run = 0;
		if (run >= 18)
			return 1;
	}
	/* every run of whole words, up to a name's length */
	for (size_t i = 0; s[i]; i++) {
		if (!word_char(s[i]) || (i && word_char(s[i - 1])))
			continue;
		for (size_t j = i + 1; s[j - 1] && j - i <= NAME_MAX_BYTES; j++) {
			if (!word_char(s[j - 1]) || word_char(s[j]))
				continue;
			char raw[NAME_MAX_BYTES + 1], key[NAME_MAX_BYTES + 1];
			memcpy(raw, s + i, j - i);
			raw[j - i] = 0;
			zi_fold_name(raw, key, sizeof(key));
			ENTRY e = {key, NULL}, *ep = NULL;
			if (hsearch_r(e, FIND, &ep, &p->h) && ep)
				return 1;
		}
	}
	return 0;
}

static const char *public_text(struct people *p, const char *s)
{
	return names_person(p, s) ? _("(withheld: names a person)") : s;
}

/* The list of a field "A | B" as items. */
static void list_items(struct zi_buf *b, json_t *arr, struct people *ro, const char *s)
{
	if (!*s) {
		zi_buf_adds(b, "-");
		return;
	}
	zi_buf_adds(b, "<ul>");
	const char *p = s;
	while (*p) {
		const char *e = strstr(p, ZI_LIST_SEP);
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *item = zi_xstrndup(p, n);
		const char *shown = public_text(ro, item);
		zi_buf_adds(b, "<li>");
		esc(b, shown);
		zi_buf_adds(b, "</li>");
		json_array_append_new(arr, json_string(shown));
		free(item);
		p += n;
		if (e)
			p += strlen(ZI_LIST_SEP);
	}
	zi_buf_adds(b, "</ul>");
}

static json_t *jreal(double v)
{
	return isnan(v) || v < 0 ? json_null() : zi_json_real(v, 2);
}

/* Loading */

static int load(struct zi_store *st, const char *rel, const char *schema, struct zi_table *t,
		struct zi_schema **sp, struct zi_diag *d)
{
	*sp = zi_schema_get(schema, d);
	if (!*sp)
		return ZI_EINTERNAL;
	zi_table_init(t, *sp);
	return zi_store_load(st, rel, t, d);
}

static long unit_of(const struct zi_report *r, const char *id)
{
	return zi_find_str(r->units, r->nunits, sizeof(*r->units), offsetof(struct zi_rep_unit, id),
			   id);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static double median(long *v, size_t n)
{
	if (!n)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_long);
	return n % 2 ? (double)v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

static struct group *group_of(struct group **g, size_t *n, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*g)[i].key, key))
			return &(*g)[i];
	*g = zi_xrealloc(*g, (*n + 1) * sizeof(**g));
	struct group *e = &(*g)[(*n)++];
	memset(e, 0, sizeof(*e));
	e->key = key;
	return e;
}

static int cmp_group(const void *a, const void *b)
{
	return strcmp(((const struct group *)a)->key, ((const struct group *)b)->key);
}

/* The complaints received up to the month's end, in their state that day. */
static void count_complaints(struct site *x)
{
	const char *end = x->r.month_end;
	x->uc = zi_xcalloc(x->r.nunits + 1, sizeof(*x->uc));
	x->days = zi_xcalloc(x->complaints.n + 1, sizeof(*x->days));
	for (size_t i = 0; i < x->complaints.n; i++) {
		const struct zi_table *t = &x->complaints;
		const char *recv = zi_table_get(t, i, ZI_K_RECEIVED);
		if (strcmp(recv, end) > 0)
			continue;
		const char *status = zi_table_get(t, i, ZI_K_STATUS);
		const char *res = zi_table_get(t, i, ZI_K_RESOLVED);
		int closed = *res ? strcmp(res, end) <= 0
				  : !strcmp(status, "selesai") || !strcmp(status, "ditolak");
		int resolved = closed && !strcmp(status, "selesai");
		int rejected = closed && !strcmp(status, "ditolak");
		long ui = unit_of(&x->r, zi_table_get(t, i, ZI_K_UNIT));
		struct group *ch = group_of(&x->chan, &x->nchan, zi_table_get(t, i, ZI_K_CHANNEL));
		struct group *ca = group_of(&x->cat, &x->ncat, zi_table_get(t, i, ZI_K_CATEGORY));
		struct cstat *cs[4] = {&x->all, &ch->c, &ca->c, ui >= 0 ? &x->uc[ui] : NULL};
		for (int k = 0; k < 4; k++) {
			if (!cs[k])
				continue;
			cs[k]->received++;
			cs[k]->resolved += resolved;
			cs[k]->rejected += rejected;
			cs[k]->open += !closed;
		}
		if (resolved && *res) {
			long days = zi_date_days(res) - zi_date_days(recv);
			if (days >= 0) {
				x->days[x->ndays++] = days;
				struct group *gs[2] = {ch, ca};
				for (int k = 0; k < 2; k++) {
					gs[k]->days = zi_xrealloc(gs[k]->days, (gs[k]->ndays +
										1) * sizeof(long));
					gs[k]->days[gs[k]->ndays++] = days;
				}
			}
		}
	}
	qsort(x->chan, x->nchan, sizeof(*x->chan), cmp_group);
	qsort(x->cat, x->ncat, sizeof(*x->cat), cmp_group);
}

/* The month of the programme's first record: its first stage change,
 * declaration or complaint (the month itself when there is none before). */
static void first_month(struct site *x)
{
	const char *first = x->r.month_end;
	const struct {
		const struct zi_table *t;
		size_t f;
	} cols[] = {{&x->stages, ZI_ST_DATE},
		    {&x->decls, ZI_D_DATE},
		    {&x->complaints, ZI_K_RECEIVED}};
	for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
		for (size_t i = 0; i < cols[c].t->n; i++) {
			const char *v = zi_table_get(cols[c].t, i, cols[c].f);
			if (strlen(v) >= 7 && atoi(v) >= 1900 && strcmp(v, first) < 0)
				first = v;
		}
	snprintf(x->first_month, sizeof(x->first_month), "%.7s", first);
}

static void month_next(char m[8])
{
	int y = atoi(m), mo = atoi(m + 5) + 1;
	if (mo > 12) {
		mo = 1;
		y++;
	}
	char buf[32];
	snprintf(buf, sizeof(buf), "%04d-%02d", y, mo);
	snprintf(m, 8, "%.7s", buf);
}

/* Pages */

/* When the unit first declared, as people write it, or "not yet". */
static void declared_s(struct site *x, char *out, size_t n, const struct zi_rep_unit *u)
{
	if (*u->first_declared)
		date_s(x, out, n, u->first_declared);
	else
		snprintf(out, n, "%s", _("not yet"));
}

/* The counts of complaints as members of o. */
static void cstat_json(json_t *o, const struct cstat *c)
{
	json_object_set_new(o, "received", json_integer((json_int_t)c->received));
	json_object_set_new(o, "resolved", json_integer((json_int_t)c->resolved));
	json_object_set_new(o, "rejected", json_integer((json_int_t)c->rejected));
	json_object_set_new(o, "open", json_integer((json_int_t)c->open));
}

/* A unit's row in the index. */
static void unit_row(struct site *x, struct zi_buf *b, size_t i)
{
	const struct zi_rep_unit *u = &x->r.units[i];
	char s[128], s2[64];
	zi_buf_adds(b, "<tr><th scope=\"row\"><a href=\"");
	unit_href(b, "", u->id);
	zi_buf_adds(b, "\">");
	esc(b, u->name);
	zi_buf_adds(b, "</a> <span class=\"id\">");
	esc(b, u->id);
	zi_buf_adds(b, "</span></th>");
	td(b, stage_label(u->stage), 0);
	td(b, *u->predicate ? u->predicate : "-", 0);
	declared_s(x, s, sizeof(s), u);
	td(b, s, 0);
	unsigned long req, sig;
	pct_s(x, s, sizeof(s), coverage(u, &req, &sig));
	td(b, s, 1);
	if (u->has_score) {
		num(x, s2, sizeof(s2), u->total);
		if (u->answered < u->questions)
			snprintf(s, sizeof(s), _("%s (incomplete)"), s2);
		else
			snprintf(s, sizeof(s), "%s", s2);
	} else
		snprintf(s, sizeof(s), "%s", _("no data"));
	td(b, s, 1);
	td(b, verdict(u) ? verdict(u) : _("no data"), 0);
	if (u->has_ikm) {
		num(x, s, sizeof(s), u->ikm);
		td(b, s, 1);
		snprintf(s, sizeof(s), "%c", u->ikm_grade);
		td(b, s, 0);
	} else {
		td(b, _("no data"), 1);
		td(b, _("no data"), 0);
	}
	td_num(x, b, x->uc[i].received);
	td_num(x, b, x->uc[i].resolved);
	td_num(x, b, x->uc[i].open);
	zi_buf_adds(b, "</tr>\n");
}

/* The coverage of a unit in data.json: the whole and each document. */
static json_t *coverage_json(const struct zi_rep_unit *u)
{
	unsigned long req, sig;
	double cv = coverage(u, &req, &sig);
	json_t *jc = json_object();
	json_object_set_new(jc, "required", json_integer((json_int_t)req));
	json_object_set_new(jc, "signed", json_integer((json_int_t)sig));
	json_object_set_new(jc, "percent", jreal(cv));
	json_t *jd = json_object();
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		json_t *e = json_object();
		json_object_set_new(e, "required", json_integer((json_int_t)u->cov[k].required));
		json_object_set_new(e, "signed", json_integer((json_int_t)u->cov[k].signed_n));
		json_object_set_new(e, "percent",
				    jreal(u->cov[k].required ? u->cov[k].percent : NAN));
		json_object_set_new(jd, zi_doc_names[k], e);
	}
	json_object_set_new(jc, "documents", jd);
	return jc;
}

/* The LKE score and the IKM of the year in data.json (null: no data). */
static json_t *lke_json(struct site *x, const struct zi_rep_unit *u)
{
	if (!u->has_score)
		return json_null();
	json_t *jl = json_object();
	json_object_set_new(jl, "year", json_integer(x->r.year));
	json_object_set_new(jl, "total", jreal(u->total));
	json_object_set_new(jl, "answered", json_integer((json_int_t)u->answered));
	json_object_set_new(jl, "questions", json_integer((json_int_t)u->questions));
	json_object_set_new(jl, "verdict",
			    json_string(u->wbbm	 ? "WBBM"
					: u->wbk ? "WBK"
						 : "not-eligible"));
	return jl;
}

static json_t *ikm_json(struct site *x, const struct zi_rep_unit *u)
{
	if (!u->has_ikm)
		return json_null();
	json_t *ji = json_object();
	json_object_set_new(ji, "year", json_integer(x->r.year));
	json_object_set_new(ji, "value", jreal(u->ikm));
	json_object_set_new(ji, "grade", json_sprintf("%c", u->ikm_grade));
	json_object_set_new(ji, "respondents", json_integer((json_int_t)u->ikm_respondents));
	return ji;
}

/* A unit in data.json, as far as the index knows it (its page adds its
 * history, trend and declarations). */
static void unit_json(struct site *x, json_t *ju, size_t i)
{
	const struct zi_rep_unit *u = &x->r.units[i];
	const char *const text[][2] = {{"id", u->id},
				       {"name", u->name},
				       {"short_name", u->short_name},
				       {"kind", u->kind},
				       {"target", u->target},
				       {"stage", u->stage}};
	for (size_t k = 0; k < sizeof(text) / sizeof(text[0]); k++)
		json_object_set_new(ju, text[k][0], json_string(text[k][1]));
	/* empty: none yet */
	const char *const maybe[][2] = {{"predicate", u->predicate},
					{"first_declared", u->first_declared}};
	for (size_t k = 0; k < sizeof(maybe) / sizeof(maybe[0]); k++)
		json_object_set_new(ju, maybe[k][0],
				    *maybe[k][1] ? json_string(maybe[k][1]) : json_null());
	json_object_set_new(ju, "page", json_sprintf("units/%s.html", u->id));
	json_object_set_new(ju, "coverage", coverage_json(u));
	json_object_set_new(ju, "lke", lke_json(x, u));
	json_object_set_new(ju, "ikm", ikm_json(x, u));
	json_t *jk = json_object();
	cstat_json(jk, &x->uc[i]);
	json_object_set_new(ju, "complaints", jk);
}

static void index_page(struct site *x, struct zi_buf *b, json_t *jus)
{
	char m[64], s[256];
	zi_fmt_month_long(x->lang, x->r.month, m, sizeof(m));
	page_start(x, b, "", P_INDEX, _("Zona Integritas: the units"));
	zi_buf_printf(b, "<h1>%s</h1>\n", _("Zona Integritas: the units"));
	unsigned long wbk = 0, wbbm = 0;
	for (size_t i = 0; i < x->r.nunits; i++) {
		wbk += !strcmp(x->r.units[i].predicate, "WBK");
		wbbm += !strcmp(x->r.units[i].predicate, "WBBM");
	}
	char end[64];
	date_s(x, end, sizeof(end), x->r.month_end);
	zi_buf_adds(b, "<p>");
	snprintf(s, sizeof(s),
		 _("At the end of %s (%s): %zu units in the programme, %lu declared, "
		   "%lu holding WBK and %lu WBBM."),
		 m, end, x->r.nunits, x->r.decl_total, wbk, wbbm);
	esc(b, s);
	zi_buf_adds(b, "</p>\n<p>");
	esc(b, _("Coverage is the share of the integrity pacts, gratification statements, wealth "
		 "reports and conflict-of-interest statements due that are signed or filed. The "
		 "LKE is the self-assessment of the year; its verdict says whether the unit may "
		 "be proposed for WBK or WBBM. IKM is the public satisfaction index. Complaints "
		 "count those received up to the month's end."));
	zi_buf_adds(b, "</p>\n");
	const char *heads[] = {_("Unit"),	 _("Stage"),
			       _("Predicate"),	 _("Declared on"),
			       _("Coverage"),	 _("LKE total"),
			       _("LKE verdict"), _("IKM"),
			       _("IKM grade"),	 _("Complaints received"),
			       _("resolved"),	 _("open")};
	const int numeric[] = {0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1};
	zi_buf_printf(b, "<h2>%s</h2>\n", _("All units"));
	table_start_c(b, "units", _("Units, their stage, coverage, scores and complaints"), heads,
		      numeric, 12);
	for (size_t i = 0; i < x->r.nunits; i++) {
		unit_row(x, b, i);
		json_t *ju = json_object();
		unit_json(x, ju, i);
		json_array_append_new(jus, ju);
	}
	table_end(b);
	if (!x->r.nunits)
		zi_buf_printf(b, "<p>%s</p>\n", _("No unit is in the programme yet."));
	page_end(x, b);
}

/* One fact of a unit's page: a term and its value. */
static void fact(struct zi_buf *b, const char *term, const char *value)
{
	zi_buf_adds(b, "<dt>");
	esc(b, term);
	zi_buf_adds(b, "</dt><dd>");
	esc(b, value);
	zi_buf_adds(b, "</dd>\n");
}

/* The LKE fact: the total and verdict, and how much is answered when not
 * all. */
static void lke_fact(struct site *x, struct zi_buf *b, const struct zi_rep_unit *u)
{
	char term[64], v[64], s[256] = "";
	snprintf(term, sizeof(term), _("LKE %d"), x->r.year);
	if (!u->has_score) {
		fact(b, term, _("no data"));
		return;
	}
	num(x, v, sizeof(v), u->total);
	size_t n = (size_t)snprintf(s, sizeof(s), _("%s; verdict: %s"), v, verdict(u));
	if (u->answered < u->questions && n < sizeof(s))
		snprintf(s + n, sizeof(s) - n, _(" (incomplete: %zu of %zu questions answered)"),
			 u->answered, u->questions);
	fact(b, term, s);
}

/* What a unit's page says first: its state at the end of the month. */
static void unit_facts(struct site *x, struct zi_buf *b, size_t i)
{
	const struct zi_rep_unit *u = &x->r.units[i];
	char s[256], v[256], m[64];
	zi_fmt_month_long(x->lang, x->r.month, m, sizeof(m));
	snprintf(s, sizeof(s), _("At the end of %s"), m);
	zi_buf_adds(b, "<h2>");
	esc(b, s);
	zi_buf_adds(b, "</h2>\n<dl class=\"facts\">\n");
	fact(b, _("Stage"), stage_label(u->stage));
	fact(b, _("Predicate"), *u->predicate ? u->predicate : _("none yet"));
	declared_s(x, v, sizeof(v), u);
	fact(b, _("Declared on"), v);
	unsigned long req, sig;
	pct_s(x, v, sizeof(v), coverage(u, &req, &sig));
	if (req) {
		size_t n = strlen(v);
		snprintf(v + n, sizeof(v) - n, _(" (%lu of %lu documents due)"), sig, req);
	}
	fact(b, _("Coverage"), v);
	lke_fact(x, b, u);
	snprintf(s, sizeof(s), _("IKM %d"), x->r.year);
	if (u->has_ikm) {
		char w[64];
		num(x, w, sizeof(w), u->ikm);
		snprintf(v, sizeof(v), _("%s, grade %c"), w, u->ikm_grade);
	} else
		snprintf(v, sizeof(v), "%s", _("no data"));
	fact(b, s, v);
	snprintf(s, sizeof(s), _("%lu received, %lu resolved, %lu rejected, %lu open"),
		 x->uc[i].received, x->uc[i].resolved, x->uc[i].rejected, x->uc[i].open);
	fact(b, _("Complaints"), s);
	zi_buf_adds(b, "</dl>\n");
}

/* The stage changes of a unit up to the month's end, oldest first. */
static void unit_history(struct site *x, struct zi_buf *b, const struct zi_rep_unit *u, json_t *ju)
{
	const struct zi_table *t = &x->stages;
	zi_buf_printf(b, "<h2>%s</h2>\n", _("History"));
	size_t *rows = NULL;
	size_t n = zi_stage_history(t, u->id, &rows);
	json_t *jh = json_array();
	zi_buf_adds(b, "<ol class=\"timeline\">\n");
	for (size_t k = 0; k < n; k++) {
		const char *date = zi_table_get(t, rows[k], ZI_ST_DATE);
		if (strcmp(date, x->r.month_end) > 0)
			continue;
		const char *stage = zi_table_get(t, rows[k], ZI_ST_STAGE);
		const char *ref = public_text(x->people, zi_table_get(t, rows[k], ZI_ST_REF));
		const char *pred = zi_table_get(t, rows[k], ZI_ST_PREDICATE);
		char v[128];
		date_s(x, v, sizeof(v), date);
		zi_buf_printf(b, "<li><time datetime=\"%s\">", date);
		esc(b, v);
		zi_buf_adds(b, "</time>: <strong>");
		esc(b, stage_label(stage));
		if (*pred) {
			zi_buf_adds(b, " ");
			esc(b, pred);
		}
		zi_buf_adds(b, "</strong>");
		if (*ref) {
			zi_buf_adds(b, "<span class=\"ref\">");
			esc(b, ref);
			zi_buf_adds(b, "</span>");
		}
		zi_buf_adds(b, "</li>\n");
		json_t *e = json_object();
		json_object_set_new(e, "date", json_string(date));
		json_object_set_new(e, "stage", json_string(stage));
		json_object_set_new(e, "predicate", *pred ? json_string(pred) : json_null());
		json_object_set_new(e, "ref", json_string(ref));
		json_array_append_new(jh, e);
	}
	zi_buf_adds(b, "</ol>\n");
	free(rows);
	json_object_set_new(ju, "history", jh);
}

/* The two charts of a unit, each with its numbers as a table or in
 * data.json. */
static void unit_charts(struct site *x, struct zi_buf *b, const struct zi_rep_unit *u, json_t *ju)
{
	zi_buf_printf(b, "<h2>%s</h2>\n<h3>%s</h3>\n", _("Charts"), _("Coverage by document"));
	chart_docs(x, b, u);
	const char *dh[] = {_("Document"), _("Due"), _("Signed or filed"), _("Coverage")};
	const int dn[] = {0, 1, 1, 1};
	table_start(b, _("Coverage by document"), dh, dn, 4);
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		char v[64];
		zi_buf_adds(b, "<tr><th scope=\"row\">");
		esc(b, doc_label(k));
		zi_buf_adds(b, "</th>");
		td_num(x, b, u->cov[k].required);
		td_num(x, b, u->cov[k].signed_n);
		pct_s(x, v, sizeof(v), u->cov[k].required ? u->cov[k].percent : NAN);
		td(b, v, 1);
		zi_buf_adds(b, "</tr>\n");
	}
	table_end(b);
	zi_buf_printf(b, "<h3>%s</h3>\n", _("Documents signed, last 12 months"));
	chart_trend(x, b, u);
	json_t *jt = json_array();
	for (int k = 0; k < ZI_TREND_MONTHS; k++) {
		json_t *e = json_object();
		json_object_set_new(e, "month", json_string(x->r.trend_months[k]));
		json_object_set_new(e, "percent", jreal(u->trend[k]));
		json_array_append_new(jt, e);
	}
	json_object_set_new(ju, "trend", jt);
}

/* Declaration k of declarations.csv as a row of the unit's table and an
 * element of data.json; names of people withheld (public_text). */
static json_t *decl_row(struct site *x, struct zi_buf *b, size_t k)
{
	const struct zi_table *t = &x->decls;
	struct people *ro = x->people;
	const char *date = zi_table_get(t, k, ZI_D_DATE);
	const char *venue = public_text(ro, zi_table_get(t, k, ZI_D_VENUE));
	int redecl = !strcmp(zi_table_get(t, k, ZI_D_REDECLARATION), "true");
	char v[128];
	date_s(x, v, sizeof(v), date);
	zi_buf_printf(b, "<tr><th scope=\"row\"><time datetime=\"%s\">", date);
	esc(b, v);
	zi_buf_adds(b, "</time></th>");
	td(b, *venue ? venue : "-", 0);
	json_t *e = json_object();
	json_object_set_new(e, "date", json_string(date));
	json_object_set_new(e, "venue", json_string(venue));
	json_t *jw = json_array(), *jb = json_array();
	zi_buf_adds(b, "<td>");
	list_items(b, jw, ro, zi_table_get(t, k, ZI_D_WITNESSES));
	zi_buf_adds(b, "</td><td>");
	list_items(b, jb, ro, zi_table_get(t, k, ZI_D_BASIS));
	zi_buf_adds(b, "</td>");
	td(b, redecl ? _("re-declaration") : _("first declaration"), 0);
	zi_buf_adds(b, "</tr>\n");
	json_object_set_new(e, "witnesses", jw);
	json_object_set_new(e, "basis", jb);
	json_object_set_new(e, "redeclaration", json_boolean(redecl));
	return e;
}

/* A unit's declarations up to the month's end, as a table (a sentence
 * where there is none). */
static void unit_decls(struct site *x, struct zi_buf *b, const struct zi_rep_unit *u, json_t *ju)
{
	zi_buf_printf(b, "<h2>%s</h2>\n", _("Declarations"));
	json_t *jd = json_array();
	const char *dcol[] = {_("Date"), _("Venue"), _("Witnesses"), _("Legal basis"), _("Kind")};
	struct zi_buf rows;
	zi_buf_init(&rows);
	for (size_t k = 0; k < x->decls.n; k++)
		if (!strcmp(zi_table_get(&x->decls, k, ZI_D_UNIT), u->id) &&
		    strcmp(zi_table_get(&x->decls, k, ZI_D_DATE), x->r.month_end) <= 0)
			json_array_append_new(jd, decl_row(x, &rows, k));
	if (json_array_size(jd)) {
		table_start(b, _("Declarations"), dcol, NULL, 5);
		zi_buf_add(b, rows.data, rows.len);
		table_end(b);
	} else
		zi_buf_printf(b, "<p>%s</p>\n", _("No declaration yet."));
	zi_buf_release(&rows);
	json_object_set_new(ju, "declarations", jd);
}

static int unit_page(struct site *x, struct zi_buf *b, size_t i, json_t *ju, struct zi_diag *d)
{
	const struct zi_rep_unit *u = &x->r.units[i];
	page_start(x, b, "../", P_UNIT, u->name);
	zi_buf_adds(b, "<h1>");
	esc(b, u->name);
	zi_buf_adds(b, "</h1>\n<p class=\"id\">");
	esc(b, u->id);
	if (*u->kind) {
		zi_buf_adds(b, " · ");
		esc(b, u->kind);
	}
	if (*u->target) {
		char s[256];
		zi_buf_adds(b, " · ");
		snprintf(s, sizeof(s), _("target %s"), u->target);
		esc(b, s);
	}
	zi_buf_adds(b, "</p>\n");
	unit_facts(x, b, i);
	unit_history(x, b, u, ju);
	unit_charts(x, b, u, ju);
	unit_decls(x, b, u, ju);
	zi_buf_printf(b, "<p><a href=\"../index.html\">%s</a></p>\n", _("All units"));
	page_end(x, b);
	return 0;
}

static json_t *group_json(const struct group *g, const char *keyname)
{
	json_t *e = json_object();
	json_object_set_new(e, keyname, json_string(g->key));
	cstat_json(e, &g->c);
	long *tmp = zi_xcalloc(g->ndays + 1, sizeof(long));
	if (g->ndays)
		memcpy(tmp, g->days, g->ndays * sizeof(long));
	json_object_set_new(e, "median_days_to_resolve", jreal(median(tmp, g->ndays)));
	free(tmp);
	return e;
}

static void group_table(struct site *x, struct zi_buf *b, const char *caption, const char *col,
			struct group *g, size_t n, json_t *arr, const char *keyname)
{
	const char *heads[] = {col,	      _("Received"), _("Resolved"),
			       _("Rejected"), _("Open"),     _("Median days to resolve")};
	const int numeric[] = {0, 1, 1, 1, 1, 1};
	table_start(b, caption, heads, numeric, 6);
	for (size_t i = 0; i < n; i++) {
		zi_buf_adds(b, "<tr><th scope=\"row\">");
		esc(b, *g[i].key ? g[i].key : _("not given"));
		zi_buf_adds(b, "</th>");
		td_num(x, b, g[i].c.received);
		td_num(x, b, g[i].c.resolved);
		td_num(x, b, g[i].c.rejected);
		td_num(x, b, g[i].c.open);
		json_t *e = group_json(&g[i], keyname);
		double med = json_is_null(json_object_get(e, "median_days_to_resolve"))
				     ? NAN
				     : json_number_value(
					       json_object_get(e, "median_days_to_resolve"));
		char s[48];
		if (isnan(med))
			snprintf(s, sizeof(s), "%s", _("no data"));
		else
			zi_fmt_num(x->lang, med, med == floor(med) ? 0 : 1, 0, s, sizeof(s));
		td(b, s, 1);
		zi_buf_adds(b, "</tr>\n");
		json_array_append_new(arr, e);
	}
	table_end(b);
}

/* The complaints of month mo (YYYY-MM): received that month, and resolved
 * and rejected that month, as a row and an element of data.json. */
static json_t *month_row(struct site *x, struct zi_buf *b, const char *mo)
{
	unsigned long got = 0, res = 0, rej = 0;
	for (size_t i = 0; i < x->complaints.n; i++) {
		const char *recv = zi_table_get(&x->complaints, i, ZI_K_RECEIVED);
		const char *rd = zi_table_get(&x->complaints, i, ZI_K_RESOLVED);
		const char *st = zi_table_get(&x->complaints, i, ZI_K_STATUS);
		got += !strncmp(recv, mo, 7);
		if (*rd && !strncmp(rd, mo, 7)) {
			res += !strcmp(st, "selesai");
			rej += !strcmp(st, "ditolak");
		}
	}
	char s[64];
	zi_fmt_month_long(x->lang, mo, s, sizeof(s));
	zi_buf_adds(b, "<tr><th scope=\"row\">");
	esc(b, s);
	zi_buf_adds(b, "</th>");
	td_num(x, b, got);
	td_num(x, b, res);
	td_num(x, b, rej);
	zi_buf_adds(b, "</tr>\n");
	json_t *e = json_object();
	json_object_set_new(e, "month", json_string(mo));
	json_object_set_new(e, "received", json_integer((json_int_t)got));
	json_object_set_new(e, "resolved", json_integer((json_int_t)res));
	json_object_set_new(e, "rejected", json_integer((json_int_t)rej));
	return e;
}

/* Complaints by month: from the first complaint's month to the site's. */
static void complaints_by_month(struct site *x, struct zi_buf *b, json_t *jc)
{
	zi_buf_printf(b, "<h2>%s</h2>\n", _("By month"));
	json_t *jm = json_array();
	char first[8] = "";
	for (size_t i = 0; i < x->complaints.n; i++) {
		const char *recv = zi_table_get(&x->complaints, i, ZI_K_RECEIVED);
		if (strcmp(recv, x->r.month_end) <= 0 && (!*first || strncmp(recv, first, 7) < 0))
			snprintf(first, sizeof(first), "%.7s", recv);
	}
	if (*first) {
		const char *heads[] = {_("Month"), _("Received"), _("Resolved"), _("Rejected")};
		const int numeric[] = {0, 1, 1, 1};
		table_start(b, _("Complaints by month"), heads, numeric, 4);
		for (; strcmp(first, x->r.month) <= 0; month_next(first))
			json_array_append_new(jm, month_row(x, b, first));
		table_end(b);
	} else
		zi_buf_printf(b, "<p>%s</p>\n", _("No complaint received yet."));
	json_object_set_new(jc, "by_month", jm);
}

/* The resolved complaints by how many days they took, in five spans. */
static json_t *days_buckets(struct site *x, struct zi_buf *b)
{
	static const long lo[] = {0, 8, 15, 31, 61}, hi[] = {7, 14, 30, 60, -1};
	unsigned long cnt[5] = {0};
	for (size_t i = 0; i < x->ndays; i++)
		for (int k = 0; k < 5; k++)
			if (x->days[i] >= lo[k] && (hi[k] < 0 || x->days[i] <= hi[k]))
				cnt[k]++;
	const char *heads[] = {_("Days"), _("Complaints")};
	const int numeric[] = {0, 1};
	table_start(b, _("Resolved complaints by days to resolve"), heads, numeric, 2);
	json_t *jb = json_array();
	for (int k = 0; k < 5; k++) {
		char s[64];
		if (hi[k] < 0)
			snprintf(s, sizeof(s), _("more than %ld"), lo[k] - 1);
		else
			snprintf(s, sizeof(s), "%ld-%ld", lo[k], hi[k]);
		zi_buf_adds(b, "<tr><th scope=\"row\">");
		esc(b, s);
		zi_buf_adds(b, "</th>");
		td_num(x, b, cnt[k]);
		zi_buf_adds(b, "</tr>\n");
		json_t *e = json_object();
		json_object_set_new(e, "from", json_integer(lo[k]));
		json_object_set_new(e, "to", hi[k] < 0 ? json_null() : json_integer(hi[k]));
		json_object_set_new(e, "count", json_integer((json_int_t)cnt[k]));
		json_array_append_new(jb, e);
	}
	table_end(b);
	return jb;
}

/* Days to resolve: the median and mean in a sentence, then the spans. */
static void complaints_days(struct site *x, struct zi_buf *b, json_t *jc)
{
	zi_buf_printf(b, "<h2>%s</h2>\n", _("Days to resolve"));
	double sum = 0;
	for (size_t i = 0; i < x->ndays; i++)
		sum += (double)x->days[i];
	double med = median(x->days, x->ndays);
	double mean = x->ndays ? sum / (double)x->ndays : NAN;
	zi_buf_adds(b, "<p>");
	if (x->ndays) {
		char a[32], c[32], s[256];
		zi_fmt_num(x->lang, med, med == floor(med) ? 0 : 1, 0, a, sizeof(a));
		zi_fmt_num(x->lang, mean, 1, 0, c, sizeof(c));
		snprintf(s, sizeof(s),
			 _("%zu resolved complaints with both dates: half were resolved within %s "
			   "days; on average in %s days."),
			 x->ndays, a, c);
		esc(b, s);
	} else
		esc(b, _("No complaint resolved yet: no data."));
	zi_buf_adds(b, "</p>\n");
	json_t *jdays = json_object();
	json_t *jb = days_buckets(x, b);
	json_object_set_new(jdays, "resolved", json_integer((json_int_t)x->ndays));
	json_object_set_new(jdays, "median", jreal(med));
	json_object_set_new(jdays, "mean", jreal(mean));
	json_object_set_new(jdays, "buckets", jb);
	json_object_set_new(jc, "days_to_resolve", jdays);
}

static void complaints_page(struct site *x, struct zi_buf *b, json_t *jc)
{
	char s[256], m[64];
	page_start(x, b, "", P_COMPLAINTS, _("Public complaints"));
	zi_buf_printf(b, "<h1>%s</h1>\n<p>", _("Public complaints"));
	zi_fmt_month_long(x->lang, x->r.month, m, sizeof(m));
	snprintf(s, sizeof(s),
		 _("Up to the end of %s: %lu complaints received, %lu resolved, %lu rejected, %lu "
		   "still open. Statistics only: no complaint text and nothing about who "
		   "complained is published."),
		 m, x->all.received, x->all.resolved, x->all.rejected, x->all.open);
	esc(b, s);
	zi_buf_adds(b, "</p>\n");
	cstat_json(jc, &x->all);
	complaints_by_month(x, b, jc);
	zi_buf_printf(b, "<h2>%s</h2>\n", _("By channel"));
	json_t *jch = json_array();
	group_table(x, b, _("Complaints by channel"), _("Channel"), x->chan, x->nchan, jch,
		    "channel");
	json_object_set_new(jc, "by_channel", jch);
	zi_buf_printf(b, "<h2>%s</h2>\n", _("By category"));
	json_t *jca = json_array();
	group_table(x, b, _("Complaints by category"), _("Category"), x->cat, x->ncat, jca,
		    "category");
	json_object_set_new(jc, "by_category", jca);
	complaints_days(x, b, jc);
	page_end(x, b);
}

/* A monthly report as the site shows it: the public edition in HTML (made
 * for A4 paper; its own viewport and scrolling tables serve a phone). */
static int archive_report(struct site *x, const char *month, struct zi_buf *b, struct zi_diag *d)
{
	struct zi_report r;
	int rc = zi_report_gather(x->st, month, 0, &r, d);
	if (rc)
		return rc;
	r.public = 1;
	r.detail = 0;
	rc = zi_report_render(&r, "html", b);
	zi_report_release(&r);
	return rc;
}

static void archive_index(struct site *x, struct zi_buf *b, json_t *ja)
{
	char s[256];
	page_start(x, b, "../", P_ARCHIVE, _("Monthly reports"));
	zi_buf_printf(b, "<h1>%s</h1>\n<p>", _("Monthly reports"));
	esc(b, _("The monthly report of every month since the programme's first record, in its "
		 "public edition (no NIP, no staff name, no complaint text)."));
	zi_buf_adds(b, "</p>\n");
	/* newest first, a list per year */
	size_t n = json_array_size(ja);
	int year = -1;
	for (size_t k = n; k-- > 0;) {
		const char *mo = json_string_value(json_object_get(json_array_get(ja, k), "month"));
		if (atoi(mo) != year) {
			if (year >= 0)
				zi_buf_adds(b, "</ul>\n");
			year = atoi(mo);
			zi_buf_printf(b, "<h2>%d</h2>\n<ul class=\"months\">\n", year);
		}
		zi_fmt_month_long(x->lang, mo, s, sizeof(s));
		zi_buf_printf(b, "<li><a href=\"%s.html\">", mo);
		esc(b, s);
		zi_buf_adds(b, "</a></li>\n");
	}
	if (year >= 0)
		zi_buf_adds(b, "</ul>\n");
	page_end(x, b);
}

static int put(struct tree *t, const char *rel, struct zi_buf *b, struct zi_diag *d)
{
	int rc = tree_put(t, rel, b->data ? b->data : "", b->len, d);
	zi_buf_reset(b);
	return rc;
}

static void site_release(struct site *x)
{
	zi_report_release(&x->r);
	struct {
		struct zi_table *t;
		struct zi_schema *s;
	} tabs[] = {{&x->stages, x->ss}, {&x->decls, x->ds}, {&x->complaints, x->cs}};
	for (int i = 0; i < 3; i++)
		if (tabs[i].s) {
			zi_table_release(tabs[i].t);
			zi_schema_free(tabs[i].s);
		}
	if (x->fs)
		zi_schema_free(x->fs);
	for (size_t i = 0; i < x->nchan; i++)
		free(x->chan[i].days);
	for (size_t i = 0; i < x->ncat; i++)
		free(x->cat[i].days);
	free(x->chan);
	free(x->cat);
	free(x->uc);
	free(x->days);
}

static int build(struct site *x, struct tree *t, struct zi_diag *d)
{
	struct zi_buf b;
	zi_buf_init(&b);
	json_t *root = json_object();
	json_object_set_new(root, "generator", json_string(GENERATOR));
	json_object_set_new(root, "edition", json_string("public"));
	json_object_set_new(root, "instansi", json_string(x->r.instansi));
	json_object_set_new(root, "language", json_string(x->lang));
	json_object_set_new(root, "month", json_string(x->r.month));
	json_object_set_new(root, "month_end", json_string(x->r.month_end));
	json_t *jus = json_array();
	json_object_set_new(root, "units", jus);
	int rc = tree_mkdir(t, "units", d);
	if (!rc)
		rc = tree_mkdir(t, "archive", d);
	if (!rc) {
		zi_buf_adds(&b, css);
		rc = put(t, "style.css", &b, d);
	}
	if (!rc) {
		index_page(x, &b, jus);
		rc = put(t, "index.html", &b, d);
	}
	for (size_t i = 0; !rc && i < x->r.nunits; i++) {
		json_t *ju = json_array_get(jus, i);
		/* the id names a file: a slug, never a path (checked again here,
		 * whatever units.csv holds) */
		rc = zi_unit_id_check(x->r.units[i].id, d) ? ZI_EDATA : 0;
		if (!rc)
			rc = unit_page(x, &b, i, ju, d);
		char *rel = zi_xasprintf("units/%s.html", x->r.units[i].id);
		if (!rc)
			rc = put(t, rel, &b, d);
		free(rel);
	}
	json_t *jc = json_object();
	json_object_set_new(root, "complaints", jc);
	if (!rc) {
		complaints_page(x, &b, jc);
		rc = put(t, "complaints.html", &b, d);
	}
	json_t *ja = json_array();
	json_object_set_new(root, "archive", ja);
	char mo[8];
	snprintf(mo, sizeof(mo), "%s", x->first_month);
	for (; !rc && strcmp(mo, x->r.month) <= 0; month_next(mo)) {
		rc = archive_report(x, mo, &b, d);
		char *rel = zi_xasprintf("archive/%s.html", mo);
		if (!rc)
			rc = put(t, rel, &b, d);
		free(rel);
		json_t *e = json_object();
		json_object_set_new(e, "month", json_string(mo));
		json_object_set_new(e, "page", json_sprintf("archive/%s.html", mo));
		json_array_append_new(ja, e);
	}
	if (!rc) {
		archive_index(x, &b, ja);
		rc = put(t, "archive/index.html", &b, d);
	}
	if (!rc) {
		zi_json_dump(root, &b);
		rc = put(t, "data.json", &b, d);
	}
	json_decref(root);
	zi_buf_release(&b);
	return rc;
}

int zi_site_write(struct zi_store *st, const char *dir, const char *month, size_t *pages,
		  struct zi_diag *d)
{
	*pages = 0;
	if (zi_store_inside(st, dir)) {
		zi_diag_error(d, dir, 0, NULL, "site-dir",
			      _("is inside the records directory: write the site elsewhere"));
		return ZI_EUSAGE;
	}
	struct site x;
	memset(&x, 0, sizeof(x));
	x.st = st;
	x.lang = zi_fmt_lang();
	int rc = zi_report_gather(st, month, 0, &x.r, d);
	if (rc)
		return rc;
	x.r.public = 1;
	rc = load(st, "stages.csv", "stages", &x.stages, &x.ss, d);
	if (!rc)
		rc = load(st, "declarations.csv", "declarations", &x.decls, &x.ds, d);
	if (!rc)
		rc = load(st, "complaints.csv", "complaints", &x.complaints, &x.cs, d);
	if (!rc && !(x.fs = zi_schema_get("staff", d)))
		rc = ZI_EINTERNAL;
	if (rc) {
		site_release(&x);
		return rc;
	}
	count_complaints(&x);
	first_month(&x);
	struct people people;
	rc = people_load(&x, &people, d);
	x.people = &people;
	struct tree t = {.pfd = -1, .fd = -1};
	if (!rc)
		rc = tree_open(&t, dir, d);
	if (!rc)
		rc = build(&x, &t, d);
	if (!rc)
		rc = tree_commit(&t, d);
	if (!rc)
		*pages = t.files;
	tree_close(&t);
	people_release(&people);
	site_release(&x);
	return rc;
}
