/* The commands' shared front end: options anywhere on the line checked
 * against each subcommand's table, --help and --version, the language, the
 * records directory found and opened, where the output goes (CSV dialects,
 * workbooks), the diagnostics printed, the exit code; and the printing of
 * tables and records. The import helpers are lib/cli_import.c. */
#include "cli.h"

#include <malloc.h>

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "jsonio.h"
#include "locate.h"
#include "sheet.h"
#include "texttable.h"
#include "unit_edit.h"
#include "values.h"
#include "xlsxout.h"

#ifndef ZI_VERSION
#define ZI_VERSION "0.0.0"
#endif
#ifndef ZI_LOCALEDIR
#define ZI_LOCALEDIR "/usr/local/share/locale"
#endif

static const struct zi_opt global_opts[] = {
	{"directory", 'C', ZI_VALUE, "DIR",
	 N_("the records directory (default $ZI_RECORDS, else found from here upward)")},
	{"format", 'f', ZI_VALUE, "FMT",
	 N_("output format: text, csv, json (reports also md, html)")},
	{"lang", 0, ZI_VALUE, "id|en", N_("language of messages and labels")},
	{"quiet", 'q', ZI_FLAG, NULL, N_("say nothing but errors")},
	{"diagnostics", 0, ZI_VALUE, "text|json", N_("diagnostics as text or as JSON lines")},
	{"help", 'h', ZI_FLAG, NULL, N_("show this help")},
	{"version", 0, ZI_FLAG, NULL, N_("show the version")},
	{0},
};

static const struct zi_opt write_opts[] = {
	{"dry-run", 'n', ZI_FLAG, NULL, N_("check everything, write nothing")},
	{"commit", 0, ZI_FLAG, NULL, N_("make the change one git commit")},
	{"wait", 0, ZI_VALUE, "SECONDS", N_("wait this long for another writer (default 10)")},
	{0},
};

static const struct zi_opt read_opts[] = {
	{"delimiter", 0, ZI_VALUE, "auto|,|;|tab", N_("field separator (default: sniffed)")},
	{"encoding", 0, ZI_VALUE, "auto|utf-8|cp1252|utf-16",
	 N_("character encoding (default: detected)")},
	{"sheet", 0, ZI_VALUE, "NAME|N",
	 N_("the sheet of an .xlsx or .ods file (default: the first visible one)")},
	{0},
};

static const struct zi_opt import_opts[] = {
	{"map", 0, ZI_VALUE, "FILE", N_("CSV of column,field pairs for unusual headers")},
	{"reject", 0, ZI_VALUE, "FILE",
	 N_("import the good rows; write the bad ones, with a reason, to FILE")},
	{0},
};

/* For the imports through zi_cli_import: where the header is, and whether a
 * column that is not imported stops the import. */
static const struct zi_opt header_opts[] = {
	{"header-row", 0, ZI_VALUE, "N",
	 N_("the header is on line (row) N (default: found among the first 20)")},
	{"strict", 0, ZI_FLAG, NULL,
	 N_("a column with data but no header, or a header that matches no field, is an error")},
	{0},
};

/* What writes CSV for people: tables (--format csv), the template, --reject
 * files. */
static const struct zi_opt csv_opts[] = {
	{"csv", 0, ZI_VALUE, "canonical|excel",
	 N_("CSV that zi writes: canonical (default), or excel: ';', BOM, CRLF, decimal comma")},
	{0},
};
#define ZI_WRITES_CSV (ZI_TABLE_OUT | ZI_CSV_OUT | 8u)

static const struct zi_opt *find_in(const struct zi_opt *set, const char *name, char sh)
{
	for (const struct zi_opt *o = set; o && o->name; o++)
		if ((name && !strcmp(o->name, name)) || (sh && o->short_name == sh))
			return o;
	return NULL;
}

static const struct zi_opt *find_any(const struct zi_subcmd *subs, const char *name, char sh)
{
	const struct zi_opt *o = find_in(global_opts, name, sh);
	if (!o)
		o = find_in(write_opts, name, sh);
	if (!o)
		o = find_in(read_opts, name, sh);
	if (!o)
		o = find_in(import_opts, name, sh);
	if (!o)
		o = find_in(header_opts, name, sh);
	if (!o)
		o = find_in(csv_opts, name, sh);
	for (const struct zi_subcmd *s = subs; !o && s->name; s++)
		o = find_in(s->opts, name, sh);
	return o;
}

static int allowed(const struct zi_subcmd *sub, const struct zi_opt *opt)
{
	if (find_in(global_opts, opt->name, 0))
		return 1;
	if ((sub->flags & ZI_WRITES) && find_in(write_opts, opt->name, 0))
		return 1;
	if ((sub->flags & ZI_READS) && find_in(read_opts, opt->name, 0))
		return 1;
	if ((sub->flags & ZI_IMPORTS) == ZI_IMPORTS && find_in(import_opts, opt->name, 0))
		return 1;
	if ((sub->flags & ZI_IMPORTS) == ZI_IMPORTS && !(sub->flags & ZI_OWN_HEADER) &&
	    find_in(header_opts, opt->name, 0))
		return 1;
	if ((sub->flags & ZI_WRITES_CSV) && find_in(csv_opts, opt->name, 0))
		return 1;
	return find_in(sub->opts, opt->name, 0) != NULL;
}

const char *zi_cli_opt(const struct zi_cli *cli, const char *name)
{
	const char *v = NULL;
	for (size_t i = 0; i < cli->nvals; i++)
		if (!strcmp(cli->vals[i].opt->name, name))
			v = cli->vals[i].value;
	return v;
}

int zi_cli_flag(const struct zi_cli *cli, const char *name)
{
	return zi_cli_opt(cli, name) != NULL;
}

const char **zi_cli_multi(const struct zi_cli *cli, const char *name, size_t *n)
{
	const char **v = zi_xcalloc(cli->nvals + 1, sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < cli->nvals; i++)
		if (!strcmp(cli->vals[i].opt->name, name))
			v[(*n)++] = cli->vals[i].value;
	return v;
}

static void print_opts(FILE *out, const struct zi_opt *set)
{
	for (const struct zi_opt *o = set; o && o->name; o++) {
		char left[80];
		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->name,
				 o->metavar ? " " : "", o->metavar ? o->metavar : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->metavar ? " " : "",
				 o->metavar ? o->metavar : "");
		/* a long option name puts its help on the next line, aligned */
		if (strlen(left) > 34)
			fprintf(out, "  %s\n%37s", left, "");
		else
			fprintf(out, "  %-34s ", left);
		fprintf(out, "%s%s\n", _(o->help), o->kind == ZI_MULTI ? _(" (repeatable)") : "");
	}
}

static void usage_line(FILE *out, const char *prog, const struct zi_subcmd *s)
{
	fprintf(out, _("usage: %s [options] %s%s%s\n"), prog, s->name, s->args ? " " : "",
		s->args ? s->args : "");
}

static void sub_help(FILE *out, const char *prog, const struct zi_subcmd *s)
{
	usage_line(out, prog, s);
	fprintf(out, "\n%s\n", _(s->summary));
	if (s->opts && s->opts->name) {
		fprintf(out, _("\nOptions:\n"));
		print_opts(out, s->opts);
	}
	if (s->flags & ZI_READS) {
		fprintf(out, _("\nReading the spreadsheet:\n"));
		print_opts(out, read_opts);
		if ((s->flags & ZI_IMPORTS) == ZI_IMPORTS)
			print_opts(out, import_opts);
		if ((s->flags & ZI_IMPORTS) == ZI_IMPORTS && !(s->flags & ZI_OWN_HEADER))
			print_opts(out, header_opts);
	}
	if (s->flags & ZI_WRITES) {
		fprintf(out, _("\nWriting:\n"));
		print_opts(out, write_opts);
	}
	if (s->flags & ZI_WRITES_CSV) {
		fprintf(out, _("\nCSV for spreadsheets:\n"));
		print_opts(out, csv_opts);
	}
	fprintf(out, _("\nCommon options:\n"));
	print_opts(out, global_opts);
	fprintf(out, _("\nSee %s(1).\n"), prog);
}

static void cmd_help(FILE *out, const char *prog, const char *summary, const struct zi_subcmd *subs)
{
	fprintf(out, _("usage: %s [options] SUBCOMMAND [ARGS]\n\n%s\n\nSubcommands:\n"), prog,
		_(summary));
	for (const struct zi_subcmd *s = subs; s->name; s++) {
		char left[80];
		snprintf(left, sizeof(left), "%s%s%s", s->name, s->args ? " " : "",
			 s->args ? s->args : "");
		fprintf(out, "  %-40s %s\n", left, _(s->summary));
	}
	fprintf(out, _("\nCommon options:\n"));
	print_opts(out, global_opts);
	fprintf(out,
		_("\n'%s SUBCOMMAND --help' tells more. Exit codes: 0 done, 1 invalid data or "
		  "failed check, 2 usage, 3 input/output or lock, 4 internal error.\n"),
		prog);
}

int zi_cli_usage(struct zi_cli *cli, const char *fmt, ...)
{
	fprintf(stderr, "%s: ", cli->prog);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cli->sub)
		usage_line(stderr, cli->prog, cli->sub);
	return ZI_EUSAGE;
}

int zi_cli_check_format(struct zi_cli *cli, const char *allowed_list)
{
	if (!cli->format) {
		cli->format = "text";
		return 0;
	}
	size_t n = strlen(cli->format);
	for (const char *p = allowed_list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && !strncmp(p, cli->format, n))
			return 0;
		p = e ? e + 1 : NULL;
	}
	return zi_cli_usage(cli, _("--format must be one of %s, got '%s'"), allowed_list,
			    cli->format);
}

int zi_cli_date(struct zi_cli *cli, const char *name, char out[11], int required)
{
	const char *v = zi_cli_opt(cli, name);
	out[0] = 0;
	if (!v) {
		if (required)
			return zi_cli_usage(cli, _("--%s DATE is required"), name);
		return 0;
	}
	struct zi_verr err;
	char *copy = zi_xstrdup(v);
	int rc = zi_value_date(zi_trim(copy), out, &err);
	free(copy);
	if (rc)
		return zi_cli_usage(cli, "--%s: %s", name, err.msg);
	return 0;
}

int zi_cli_value(struct zi_cli *cli, const struct zi_schema *s, size_t f, const char *raw,
		 struct zi_buf *out)
{
	return zi_edit_value(s, f, raw, out, &cli->diag);
}

/* Text people type: valid UTF-8, and no control character but a tab or a
 * line break (nl: those too, for what must be one line). What is wrong, as
 * a translated phrase, or NULL. */
static const char *bad_text(const char *v, int nl, char *buf, size_t bufsz)
{
	size_t len = strlen(v), bad;
	if (!zi_is_utf8(v, len, &bad)) {
		snprintf(buf, bufsz, _("byte 0x%02X is not valid UTF-8"), (unsigned char)v[bad]);
		return buf;
	}
	for (const char *p = v; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c < 0x20 && (!nl || (c != '\t' && c != '\n'))) || c == 0x7f) {
			snprintf(buf, bufsz, _("control character 0x%02X is not allowed"), c);
			return buf;
		}
	}
	return NULL;
}

/* Does a word of a usage line name a file or directory? Names need not be
 * UTF-8 (a Latin-1 file name is still a file); values must. */
static int names_path(const char *w)
{
	static const char *const paths[] = {"FILE", "DIR", "PATH", "BASE", "OURS", "THEIRS"};
	w += *w == '[';
	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++)
		if (!strncmp(w, paths[i], strlen(paths[i])))
			return 1;
	return 0;
}

/* The usage word of positional argument i ("ID", "FILE"), from the
 * subcommand's usage line without its options; "" when there is none. */
static void positional_word(const char *usage, size_t i, char *out, size_t outsz)
{
	char last[64] = "";
	int skip = 0;
	size_t k = 0;
	out[0] = 0;
	for (const char *p = usage ? usage : ""; *p;) {
		size_t n = strcspn(p, " ");
		if (n) {
			char w[64];
			snprintf(w, sizeof(w), "%.*s", (int)n, p);
			if (w[0] == '-' || w[0] == '(' || w[0] == '|') {
				skip = 1; /* an option: the next word is its value */
			} else if (skip) {
				skip = 0;
			} else {
				snprintf(last, sizeof(last), "%s", w);
				if (k++ == i) {
					snprintf(out, outsz, "%s", w);
					return;
				}
			}
		}
		p += n;
		p += *p == ' ';
	}
	if (strstr(last, "...")) /* FIELD=VALUE... takes the rest */
		snprintf(out, outsz, "%s", last);
}

/* Every value on the command line and in the environment is checked as an
 * imported one would be, before anything runs: what is written later can
 * then be read back. */
static int check_inputs(struct zi_cli *cli)
{
	char why[128];
	const char *b;
	for (size_t i = 0; i < cli->nvals; i++) {
		const struct zi_opt *o = cli->vals[i].opt;
		if (o->metavar && names_path(o->metavar))
			continue;
		if ((b = bad_text(cli->vals[i].value, 1, why, sizeof(why))))
			return zi_cli_usage(cli, "--%s: %s", o->name, b);
	}
	for (size_t i = 0; i < cli->nargs; i++) {
		char w[64];
		positional_word(cli->sub->args, i, w, sizeof(w));
		if (names_path(w))
			continue;
		if ((b = bad_text(cli->args[i], 1, why, sizeof(why)))) {
			const char *eq = strchr(cli->args[i], '=');
			if (strchr(w, '=') && eq && /* FIELD=VALUE: name the field */
			    zi_is_utf8(cli->args[i], (size_t)(eq - cli->args[i]), NULL))
				snprintf(w, sizeof(w), "%.*s", (int)(eq - cli->args[i]),
					 cli->args[i]);
			return zi_cli_usage(cli, "%s: %s", *w ? w : _("argument"), b);
		}
	}
	const char *actor = getenv("ZI_ACTOR");
	if (actor && (b = bad_text(actor, 0, why, sizeof(why))))
		return zi_cli_usage(cli, "ZI_ACTOR: %s", b);
	/* "today" goes into records (a stage's date by default) */
	const char *today = getenv("ZI_TODAY");
	char iso[11];
	struct zi_verr err;
	if (today && *today &&
	    (strlen(today) != 10 || zi_value_date(today, iso, &err) || strcmp(iso, today)))
		return zi_cli_usage(cli, _("ZI_TODAY must be a date YYYY-MM-DD, got '%s'"),
				    bad_text(today, 0, why, sizeof(why)) ? "?" : today);
	return 0;
}

int zi_cli_lock(struct zi_cli *cli)
{
	return zi_store_lock(&cli->store, cli->wait, &cli->diag);
}

void zi_cli_info(struct zi_cli *cli, const char *fmt, ...)
{
	if (cli->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

int zi_cli_year(struct zi_cli *cli, int *year)
{
	const char *y = zi_cli_opt(cli, "year");
	if (!y)
		return zi_cli_usage(cli, _("--year YEAR is required"));
	char *end;
	long v = strtol(y, &end, 10);
	if (*end || v < 2000 || v > 2100)
		return zi_cli_usage(cli, _("--year takes a year such as 2026, got '%s'"), y);
	*year = (int)v;
	return 0;
}

int zi_cli_commit(struct zi_cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = zi_xvasprintf(fmt, ap);
	va_end(ap);
	int rc = zi_store_commit(&cli->store, msg, &cli->diag);
	free(msg);
	return rc;
}

void zi_cli_print_buf(struct zi_cli *cli, const struct zi_buf *b)
{
	if (b->len)
		fwrite(b->data, 1, b->len, cli->out);
}

int zi_cli_out(void *octx, const void *data, size_t len)
{
	fwrite(data, 1, len, ((struct zi_cli *)octx)->out);
	return 0;
}

int zi_cli_put_csv(struct zi_cli *cli, const char *file, const char *sheet, int xlsx,
		   const struct zi_buf *b)
{
	if (xlsx) {
		const char *names[1] = {sheet}, *csv[1] = {b->data};
		size_t len[1] = {b->len};
		return zi_xlsx_write_csv(file, names, csv, len, 1, &cli->diag);
	}
	if (!strcmp(file, "-")) {
		zi_cli_print_buf(cli, b);
		return 0;
	}
	return zi_write_output(file, b->data ? b->data : "", b->len, &cli->diag);
}

void zi_cli_print_json(struct zi_cli *cli, json_t *v)
{
	struct zi_buf b;
	zi_buf_init(&b);
	zi_json_dump(v, &b);
	zi_cli_print_buf(cli, &b);
	zi_buf_release(&b);
}

void zi_cli_print_aligned(FILE *out, const char *const *headers, const char *const *cells,
			  size_t nrows, size_t ncols)
{
	/* the headers, when given, as the first row of one table */
	size_t h = headers ? 1 : 0;
	const char **all = zi_xcalloc((nrows + h) * ncols + 1, sizeof(char *));
	if (headers)
		memcpy(all, headers, ncols * sizeof(char *));
	if (nrows)
		memcpy(all + h * ncols, cells, nrows * ncols * sizeof(char *));
	struct zi_buf b;
	zi_buf_init(&b);
	zi_text_align(&b, "", all, nrows + h, ncols, NULL);
	if (b.len)
		fwrite(b.data, 1, b.len, out);
	zi_buf_release(&b);
	free(all);
}

static void set_language(const char *lang)
{
	setlocale(LC_CTYPE, "");
	setenv("LANGUAGE", lang && !strcmp(lang, "id") ? "id" : "en", 1);
	const char *m = setlocale(LC_MESSAGES, "");
	if (!m || !strcmp(m, "C") || !strcmp(m, "POSIX"))
		setlocale(LC_MESSAGES, "C.UTF-8"); /* gettext ignores LANGUAGE under C */
	const char *dir = getenv("ZI_LOCALEDIR");
	char exe[4096], built[4200];
	if (!dir) {
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n > 0) {
			exe[n] = 0;
			char *slash = strrchr(exe, '/');
			if (slash)
				*slash = 0;
			struct stat st;
			snprintf(built, sizeof(built), "%s/locale", exe);
			if (stat(built, &st) == 0)
				dir = built;
		}
	}
	bindtextdomain("zi", dir ? dir : ZI_LOCALEDIR);
	bind_textdomain_codeset("zi", "UTF-8");
}

/* The language zi.json names, into lang (8 bytes), or NULL. */
static const char *manifest_language(const char *dir, char *lang)
{
	char *path = zi_xasprintf("%s/zi.json", dir);
	json_t *m = json_load_file(path, 0, NULL);
	free(path);
	const char *l = json_string_value(json_object_get(m, "language"));
	lang[0] = 0;
	if (l)
		snprintf(lang, 8, "%s", l);
	json_decref(m);
	return lang[0] ? lang : NULL;
}

/* After this many diagnostics of one code about one file, the text output
 * says how many more there are instead (--diagnostics json gives them all). */
#define DIAG_CAP 20

struct diag_count {
	const char *file, *code;
	size_t n;
	int severity;
};

static void print_diags(struct zi_cli *cli, const char *prog)
{
	struct diag_count *cnt = NULL;
	size_t ncnt = 0;
	for (size_t i = 0; i < cli->diag.n; i++) {
		const struct zi_diag_entry *e = &cli->diag.v[i];
		if (cli->quiet && e->severity == ZI_WARNING)
			continue;
		if (!cli->diag_json) {
			const char *f = e->file ? e->file : "";
			size_t k = 0;
			while (k < ncnt && (strcmp(cnt[k].file, f) || strcmp(cnt[k].code, e->code)))
				k++;
			if (k == ncnt) {
				cnt = zi_xrealloc(cnt, (ncnt + 1) * sizeof(*cnt));
				cnt[ncnt++] = (struct diag_count){f, e->code, 0, (int)e->severity};
			}
			if (++cnt[k].n > DIAG_CAP)
				continue;
		}
		zi_diag_print(stderr, prog, e, cli->diag_json);
	}
	for (size_t k = 0; k < ncnt; k++) {
		if (cnt[k].n <= DIAG_CAP)
			continue;
		struct zi_diag_entry more = {
			.severity = (enum zi_severity)cnt[k].severity,
			.file = cnt[k].file[0] ? (char *)cnt[k].file : NULL,
			.code = cnt[k].code,
		};
		char *msg = zi_xasprintf(_("... and %zu more of this kind (%s) not shown; "
					   "--diagnostics json lists "
					   "them all"),
					 cnt[k].n - DIAG_CAP, cnt[k].code);
		more.message = msg;
		zi_diag_print(stderr, prog, &more, 0);
		free(msg);
	}
	free(cnt);
}

int zi_cli_write_csv(struct zi_cli *cli, const char *path, const char *csv, size_t len)
{
	struct zi_buf x;
	zi_buf_init(&x);
	if (cli->csv_excel) {
		if (zi_csv_to_excel(csv ? csv : "", len, &x, &cli->diag)) {
			zi_buf_release(&x);
			return ZI_EINTERNAL;
		}
		csv = x.data;
		len = x.len;
	}
	FILE *f = fopen(path, "w");
	int ok = f && fwrite(csv ? csv : "", 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok)
		zi_diag_error(&cli->diag, path, 0, NULL, "io-write", _("cannot write: %s"),
			      strerror(errno));
	zi_buf_release(&x);
	return ok ? 0 : ZI_EIO;
}

int zi_cli_xlsx_path(struct zi_cli *cli, char **path, int *tmp)
{
	const char *o = zi_cli_opt(cli, "output");
	*tmp = 0;
	if (o && strcmp(o, "-")) {
		*path = zi_xstrdup(o);
		return 0;
	}
	if (isatty(STDOUT_FILENO))
		return zi_cli_usage(cli, _("--format xlsx writes a workbook, not text for a "
					   "terminal: give -o FILE.xlsx"));
	/* a directory of its own: no name another user could have placed */
	const char *t = getenv("TMPDIR");
	char *dir = zi_xasprintf("%s/zi-xlsx-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(dir)) {
		zi_diag_error(&cli->diag, dir, 0, NULL, "io-write", _("cannot write: %s"),
			      strerror(errno));
		free(dir);
		return ZI_EIO;
	}
	*path = zi_xasprintf("%s/out.xlsx", dir);
	free(dir);
	*tmp = 1;
	return 0;
}

int zi_cli_xlsx_done(struct zi_cli *cli, const char *path, int tmp, int rc)
{
	if (!tmp)
		return rc;
	if (!rc) {
		FILE *f = fopen(path, "rb");
		char buf[65536];
		size_t n;
		while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
			if (fwrite(buf, 1, n, stdout) != n)
				break;
		if (!f || ferror(f) || ferror(stdout)) {
			zi_diag_error(&cli->diag, NULL, 0, NULL, "io-write",
				      _("cannot write the output: %s"), strerror(errno));
			rc = ZI_EIO;
		}
		if (f)
			fclose(f);
	}
	unlink(path);
	char *dir = zi_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = 0;
		rmdir(dir);
	}
	free(dir);
	return rc;
}

/* Sends what a ZI_TABLE_OUT subcommand printed, captured as canonical CSV,
 * where it goes: a workbook (--format xlsx), or Excel's CSV (--csv excel) to
 * -o FILE or standard output. */
static int flush_captured(struct zi_cli *cli, int rc)
{
	fclose(cli->out);
	cli->out = cli->real_out;
	if (rc || (!cli->xlsx && !cli->csv_excel))
		return rc; /* the command wrote its workbook itself */
	const char *o = zi_cli_opt(cli, "output");
	if (cli->xlsx) {
		char *path;
		int tmp;
		if ((rc = zi_cli_xlsx_path(cli, &path, &tmp)))
			return rc;
		const char *name = cli->sub->name;
		const char *sp = strrchr(name, ' ');
		const char *names[1] = {sp ? sp + 1 : name};
		const char *csv[1] = {cli->captured ? cli->captured : ""};
		size_t len[1] = {cli->captured_len};
		rc = zi_xlsx_write_csv(path, names, csv, len, 1, &cli->diag);
		rc = zi_cli_xlsx_done(cli, path, tmp, rc);
		free(path);
		return rc;
	}
	if (o && strcmp(o, "-"))
		return zi_cli_write_csv(cli, o, cli->captured, cli->captured_len);
	struct zi_buf x;
	zi_buf_init(&x);
	rc = zi_csv_to_excel(cli->captured ? cli->captured : "", cli->captured_len, &x, &cli->diag);
	if (!rc && x.len && fwrite(x.data, 1, x.len, cli->out) != x.len)
		rc = ZI_EIO;
	zi_buf_release(&x);
	return rc ? (rc == ZI_EIO ? rc : ZI_EINTERNAL) : 0;
}

/* Sorts argv into arguments and option values (options anywhere on the
 * line, "--" ends them). Returns an unknown option, else NULL; an option
 * with a value it does not take, or without one it needs, sets *why (the
 * caller frees it). Either stops at that word. */
static const char *parse_argv(struct zi_cli *cli, int argc, char **argv,
			      const struct zi_subcmd *subs, char **why)
{
	int only_args = 0;
	*why = NULL;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_args || a[0] != '-' || a[1] == 0 || (a[1] >= '0' && a[1] <= '9')) {
			cli->args[cli->nargs++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			continue;
		}
		const struct zi_opt *o;
		const char *val = NULL;
		if (a[1] == '-') {
			char *eq = strchr(a, '=');
			char name[64];
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			snprintf(name, sizeof(name), "%.*s", (int)n, a + 2);
			o = find_any(subs, name, 0);
			if (eq)
				val = eq + 1;
		} else {
			o = find_any(subs, NULL, a[1]);
			if (a[2])
				val = a + 2;
		}
		if (!o)
			return a;
		if (o->kind == ZI_FLAG) {
			if (val) {
				*why = zi_xasprintf(_("--%s takes no value"), o->name);
				return NULL;
			}
			val = "1";
		} else if (!val) {
			if (i + 1 >= argc) {
				*why = zi_xasprintf(_("--%s needs a value"), o->name);
				return NULL;
			}
			val = argv[++i];
		}
		cli->vals[cli->nvals++] = (struct zi_cli_value){o, val};
	}
	return NULL;
}

/* Which subcommand the first arguments name (two words win over one): sets
 * cli->sub, returns how many arguments named it. */
static size_t find_sub(struct zi_cli *cli, const struct zi_subcmd *subs)
{
	size_t skip = 0;
	for (const struct zi_subcmd *s = subs; s->name && cli->nargs; s++) {
		const char *sp = strchr(s->name, ' ');
		if (sp && cli->nargs >= 2 &&
		    !strncmp(s->name, cli->args[0], (size_t)(sp - s->name)) &&
		    strlen(cli->args[0]) == (size_t)(sp - s->name) &&
		    !strcmp(sp + 1, cli->args[1])) {
			cli->sub = s;
			skip = 2;
			break;
		}
	}
	for (const struct zi_subcmd *s = subs; !cli->sub && s->name && cli->nargs; s++)
		if (!strcmp(s->name, cli->args[0])) {
			cli->sub = s;
			skip = 1;
		}
	return skip;
}

/* The global options every subcommand takes: --format, -q, --dry-run,
 * --commit, --diagnostics, --wait. */
static int global_options(struct zi_cli *cli)
{
	cli->format = zi_cli_opt(cli, "format");
	cli->quiet = zi_cli_flag(cli, "quiet");
	cli->dry_run = zi_cli_flag(cli, "dry-run");
	cli->commit = zi_cli_flag(cli, "commit");
	const char *dj = zi_cli_opt(cli, "diagnostics");
	if (dj && strcmp(dj, "json") && strcmp(dj, "text"))
		return zi_cli_usage(cli, _("--diagnostics must be text or json"));
	cli->diag_json = dj && !strcmp(dj, "json");
	const char *w = zi_cli_opt(cli, "wait");
	cli->wait = 10;
	if (w) {
		char *end;
		cli->wait = strtod(w, &end);
		if (*end || cli->wait < 0)
			return zi_cli_usage(cli, _("--wait takes a number of seconds"));
	}
	return 0;
}

/* The records directory opened, unless the subcommand needs none (then
 * "records" here, for init); search: none was named, and found is the one
 * found from here upward or NULL. */
static int open_store(struct zi_cli *cli, int search, const char *found)
{
	if (search && (cli->sub->flags & ZI_NO_STORE))
		cli->dir = "records"; /* init makes ./records, not one found above */
	else if (search && !found)
		return zi_locate_fail(&cli->diag);
	if (!(cli->sub->flags & ZI_NO_STORE)) {
		int rc = zi_store_open(&cli->store, cli->dir, &cli->diag);
		cli->store_open = 1; /* closed at the end even when opening failed */
		if (rc)
			return rc;
		cli->store.dry_run = cli->dry_run;
		if (cli->commit)
			cli->store.commit = 1;
	}
	return 0;
}

/* Where the output goes: --csv (or zi.json's "csv") canonical or excel;
 * the CSV of a table captured to become a workbook (--format xlsx) or Excel's
 * dialect; *capture set when it is captured (zi_cli_main flushes it). */
static int output_setup(struct zi_cli *cli, int *capture)
{
	const char *dialect = zi_cli_opt(cli, "csv");
	if (!dialect && cli->store_open)
		dialect = json_string_value(json_object_get(cli->store.manifest, "csv"));
	if (dialect && strcmp(dialect, "canonical") && strcmp(dialect, "excel"))
		return zi_cli_usage(cli, _("--csv must be canonical or excel, got '%s'"), dialect);
	cli->csv_excel = dialect && !strcmp(dialect, "excel");
	int xlsx_asked = cli->format && !strcmp(cli->format, "xlsx");
	if ((cli->sub->flags & ZI_TABLE_OUT) && xlsx_asked) {
		const char *o = zi_cli_opt(cli, "output");
		if ((!o || !strcmp(o, "-")) && isatty(STDOUT_FILENO))
			return zi_cli_usage(cli,
					    _("--format xlsx writes a workbook, not text for a "
					      "terminal: give -o FILE.xlsx"));
		cli->xlsx = 1;
		cli->format = "csv";
	}
	*capture = cli->xlsx ||
		   (cli->csv_excel && (((cli->sub->flags & ZI_TABLE_OUT) && cli->format &&
					!strcmp(cli->format, "csv")) ||
				       ((cli->sub->flags & ZI_CSV_OUT) && !xlsx_asked)));
	if (*capture) {
		cli->real_out = cli->out;
		cli->out = open_memstream(&cli->captured, &cli->captured_len);
		if (!cli->out) {
			cli->out = cli->real_out;
			return ZI_EINTERNAL;
		}
	}
	return 0;
}

/* The subcommand's usage: every option given applies to it, the number of
 * arguments, and what check_inputs checks. */
static int check_usage(struct zi_cli *cli)
{
	for (size_t i = 0; i < cli->nvals; i++)
		if (!allowed(cli->sub, cli->vals[i].opt))
			return zi_cli_usage(cli, _("--%s does not apply to '%s %s'"),
					    cli->vals[i].opt->name, cli->prog, cli->sub->name);
	if ((int)cli->nargs < cli->sub->min_args ||
	    (cli->sub->max_args >= 0 && (int)cli->nargs > cli->sub->max_args))
		return zi_cli_usage(cli, (int)cli->nargs < cli->sub->min_args
						 ? _("missing arguments")
						 : _("too many arguments"));
	return check_inputs(cli);
}

/* The records directory: -C, else $ZI_RECORDS, else (*search set) the first
 * one from here upward, as git finds its repository (lib/locate.c), or
 * "records". Returns the one found (the caller frees it), or NULL. */
static char *find_dir(struct zi_cli *cli, int *search)
{
	cli->dir = zi_cli_opt(cli, "directory");
	if (!cli->dir)
		cli->dir = getenv("ZI_RECORDS");
	*search = !cli->dir || !*cli->dir;
	char *found = *search ? zi_locate_records() : NULL;
	if (*search)
		cli->dir = found ? found : "records";
	return found;
}

/* Runs the subcommand, then writes what was captured; an output that
 * cannot be written is an error. */
static int run_sub(struct zi_cli *cli, int capture)
{
	int rc = cli->sub->run(cli);
	if (capture) {
		rc = flush_captured(cli, rc);
		free(cli->captured);
	}
	if (fflush(stdout) != 0 && rc == 0) {
		zi_diag_error(&cli->diag, NULL, 0, NULL, "io-write",
			      _("cannot write the output: %s"), strerror(errno));
		rc = ZI_EIO;
	}
	return rc;
}

/* --version, --help, and a missing or unknown subcommand are answered here,
 * before anything is opened. Returns 1 when that is the whole run (*rc
 * set). */
static int answer_early(const struct zi_cli *cli, const char *summary, const struct zi_subcmd *subs,
			int *rc)
{
	const char *prog = cli->prog;
	if (zi_cli_flag(cli, "version")) {
		printf("%s (zi) %s\n", prog, ZI_VERSION);
		return 1;
	}
	if (zi_cli_flag(cli, "help")) {
		if (cli->sub)
			sub_help(stdout, prog, cli->sub);
		else
			cmd_help(stdout, prog, summary, subs);
		return 1;
	}
	if (!cli->sub) {
		if (cli->nargs)
			fprintf(stderr, _("%s: unknown subcommand '%s'; see '%s --help'\n"), prog,
				cli->args[0], prog);
		else
			fprintf(stderr, _("%s: a subcommand is needed; see '%s --help'\n"), prog,
				prog);
		*rc = ZI_EUSAGE;
		return 1;
	}
	return 0;
}

int zi_cli_main(int argc, char **argv, const char *prog, const char *summary,
		const struct zi_subcmd *subs)
{
	/* every command loads and frees tables over and over (a unit at a time,
	 * or a large import's arrays): keep freed memory in the process instead
	 * of handing it back and faulting fresh zeroed pages in again, which
	 * costs more than the work on a VM */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	struct zi_cli cli = {.prog = prog, .out = stdout};
	zi_diag_init(&cli.diag);
	cli.args = zi_xcalloc((size_t)argc + 1, sizeof(char *));
	cli.vals = zi_xcalloc((size_t)argc + 1, sizeof(*cli.vals));
	int rc = 0;
	char *badbuf = NULL;
	/* early language so that usage errors are in the right one */
	const char *envlang = getenv("ZI_LANG");
	const char *bad = parse_argv(&cli, argc, argv, subs, &badbuf);
	cli.lang = zi_cli_opt(&cli, "lang");
	int search;
	char *found = find_dir(&cli, &search);
	if (!cli.lang)
		cli.lang = envlang && *envlang ? envlang
					       : manifest_language(cli.dir, cli.manifest_lang);
	set_language(cli.lang);
	if (bad || badbuf) {
		if (bad)
			fprintf(stderr, _("%s: unknown option '%s'; see '%s --help'\n"), prog, bad,
				prog);
		else
			fprintf(stderr, "%s: %s\n", prog, badbuf);
		free(badbuf);
		rc = ZI_EUSAGE;
		goto done;
	}
	size_t skip = find_sub(&cli, subs);
	if (answer_early(&cli, summary, subs, &rc))
		goto done;
	cli.args += skip;
	cli.nargs -= skip;
	rc = check_usage(&cli);
	if (rc)
		goto done_args;
	rc = global_options(&cli);
	if (rc)
		goto done_args;
	rc = open_store(&cli, search, found);
	if (rc)
		goto done_args;
	int capture = 0;
	rc = output_setup(&cli, &capture);
	if (rc)
		goto done_args;
	rc = run_sub(&cli, capture);
done_args:
	cli.args -= skip;
	zi_diag_sort(&cli.diag);
	print_diags(&cli, prog);
	if (cli.note && !cli.quiet && !cli.diag_json)
		fprintf(stderr, "%s: %s\n", prog, cli.note);
done:
	free(found);
	free(cli.note);
	if (cli.store_open)
		zi_store_close(&cli.store);
	zi_diag_release(&cli.diag);
	free(cli.args);
	free(cli.vals);
	if (rc > 0)
		rc = 0;
	return -rc;
}

void zi_cli_print_rows(struct zi_cli *cli, const struct zi_table *t, const size_t *rows, size_t n,
		       const int *text_cols, size_t ntext)
{
	struct zi_buf b;
	zi_buf_init(&b);
	size_t nf = t->schema->nfields;
	if (!strcmp(cli->format, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, zi_json_row(t, rows[i]));
		zi_json_dump(a, &b);
		json_decref(a);
	} else if (!strcmp(cli->format, "csv")) {
		zi_table_header(t->schema, &b);
		const char **vals = zi_xmalloc(nf * sizeof(char *));
		for (size_t i = 0; i < n; i++) {
			zi_table_row(t, rows[i], vals);
			for (size_t f = 0; f < nf; f++) {
				if (f)
					zi_buf_addc(&b, ',');
				zi_csv_add_field_safe(&b, vals[f]);
			}
			zi_buf_addc(&b, '\n');
		}
		free(vals);
	} else {
		const char **hdr = zi_xmalloc((ntext + 1) * sizeof(char *));
		const char **cells = zi_xmalloc((n * ntext + 1) * sizeof(char *));
		for (size_t c = 0; c < ntext; c++)
			hdr[c] = t->schema->fields[text_cols[c]].name;
		for (size_t i = 0; i < n; i++)
			for (size_t c = 0; c < ntext; c++)
				cells[i * ntext + c] = zi_table_get(t, rows[i],
								    (size_t)text_cols[c]);
		zi_cli_print_aligned(cli->out, hdr, cells, n, ntext);
		free(hdr);
		free(cells);
	}
	if (b.data)
		fputs(b.data, cli->out);
	zi_buf_release(&b);
}

void zi_cli_print_record(struct zi_cli *cli, const struct zi_table *t, size_t r)
{
	if (strcmp(cli->format, "text")) {
		if (!strcmp(cli->format, "json")) {
			struct zi_buf b;
			zi_buf_init(&b);
			json_t *o = zi_json_row(t, r);
			zi_json_dump(o, &b);
			json_decref(o);
			fputs(b.data, cli->out);
			zi_buf_release(&b);
		} else {
			zi_cli_print_rows(cli, t, &r, 1, NULL, 0);
		}
		return;
	}
	size_t nf = t->schema->nfields;
	const char **cells = zi_xmalloc(nf * 2 * sizeof(char *));
	for (size_t f = 0; f < nf; f++) {
		cells[f * 2] = t->schema->fields[f].name;
		cells[f * 2 + 1] = zi_table_get(t, r, f);
	}
	zi_cli_print_aligned(cli->out, NULL, cells, nf, 2);
	free(cells);
}

void zi_cli_print_objects(struct zi_cli *cli, json_t *a, const char *const *keys,
			  const char *const *headers, size_t ncols)
{
	if (!strcmp(cli->format, "json")) {
		zi_cli_print_json(cli, a);
		return;
	}
	size_t n = json_array_size(a);
	char **cells = zi_xcalloc(n * ncols + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; c < ncols; c++) {
			json_t *v = json_object_get(json_array_get(a, i), keys[c]);
			cells[i * ncols + c] =
				json_is_integer(v)
					? zi_xasprintf("%lld", (long long)json_integer_value(v))
				: json_is_number(v)
					? zi_xasprintf("%g", json_number_value(v))
					: zi_xstrdup(json_is_string(v) ? json_string_value(v) : "");
		}
	zi_cli_print_aligned(cli->out, headers, (const char *const *)cells, n, ncols);
	for (size_t i = 0; i < n * ncols; i++)
		free(cells[i]);
	free(cells);
}
