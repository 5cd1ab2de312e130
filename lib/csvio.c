#include "csvio.h"
#include "bulk.h"
#include "pool.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

const char *zi_encoding_name(enum zi_encoding e)
{
	switch (e) {
	case ZI_ENC_UTF8:
		return "utf-8";
	case ZI_ENC_CP1252:
		return "cp1252";
	case ZI_ENC_UTF16:
		return "utf-16";
	default:
		return "auto";
	}
}

int zi_encoding_parse(const char *s, enum zi_encoding *out)
{
	if (zi_strcaseeq(s, "auto"))
		*out = ZI_ENC_AUTO;
	else if (zi_strcaseeq(s, "utf-8") || zi_strcaseeq(s, "utf8"))
		*out = ZI_ENC_UTF8;
	else if (zi_strcaseeq(s, "cp1252") || zi_strcaseeq(s, "windows-1252") ||
		 zi_strcaseeq(s, "latin1") || zi_strcaseeq(s, "iso-8859-1"))
		*out = ZI_ENC_CP1252;
	else if (zi_strcaseeq(s, "utf-16") || zi_strcaseeq(s, "utf16"))
		*out = ZI_ENC_UTF16;
	else
		return -1;
	return 0;
}

int zi_delimiter_parse(const char *s, char *out)
{
	if (zi_strcaseeq(s, "auto"))
		*out = 0;
	else if (!strcmp(s, ",") || zi_strcaseeq(s, "comma"))
		*out = ',';
	else if (!strcmp(s, ";") || zi_strcaseeq(s, "semicolon"))
		*out = ';';
	else if (!strcmp(s, "\t") || zi_strcaseeq(s, "tab"))
		*out = '\t';
	else if (!strcmp(s, "|") || zi_strcaseeq(s, "pipe"))
		*out = '|';
	else
		return -1;
	return 0;
}

static char sniff(const char *buf, size_t len)
{
	size_t counts[3] = {0, 0, 0};
	int inq = 0;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (c == '"')
			inq = !inq;
		else if (!inq && (c == '\n' || c == '\r')) {
			if (counts[0] + counts[1] + counts[2])
				break;
		} else if (!inq && c == ',')
			counts[0]++;
		else if (!inq && c == ';')
			counts[1]++;
		else if (!inq && c == '\t')
			counts[2]++;
	}
	if (counts[1] > counts[0] && counts[1] >= counts[2])
		return ';';
	if (counts[2] > counts[0] && counts[2] > counts[1])
		return '\t';
	return ',';
}

/* What ends a line: LF (or CR LF); CR in a file that has CRs and no LF at all
 * (Excel's "CSV (Macintosh)"). */
static char line_end(const char *buf, size_t len)
{
	return !memchr(buf, '\n', len) && memchr(buf, '\r', len) ? '\r' : '\n';
}

/* Converts from a charset that iconv knows into UTF-8; NULL and diagnostics
 * for bytes that charset does not define. */
static char *convert(const char *buf, size_t len, const char *from, const char *name,
		     size_t *outlen, struct zi_diag *d)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		zi_diag_error(d, name, 0, NULL, "encoding-unsupported",
			      _("this system cannot convert from %s"), from);
		return NULL;
	}
	size_t cap = len * 3 + 16, bad = 0;
	char *out = zi_xmalloc(cap);
	char *in = (char *)buf, *o = out;
	size_t inleft = len, outleft = cap;
	/* where the first bad bytes fell in the output, and what they were */
	enum { SHOWN = 20 };
	size_t at[SHOWN];
	unsigned char what[SHOWN];
	while (inleft) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			break;
		if (errno == EILSEQ || errno == EINVAL) {
			at[bad] = (size_t)(o - out);
			what[bad] = (unsigned char)*in;
			/* the file is refused whatever follows: what is not shown
			 * need not be converted */
			if (++bad == SHOWN)
				break;
			/* skip one code unit: a byte of UTF-16 would misalign the rest */
			size_t unit = !strncmp(from, "UTF-16", 6) && inleft >= 2 ? 2 : 1;
			in += unit;
			inleft -= unit;
		} else {
			break;
		}
	}
	iconv_close(cd);
	if (bad) {
		/* name the lines in one pass over the output (counting from the
		 * start again for each bad byte made a file full of them
		 * quadratic): the line ends before each bad byte, as the parse
		 * would count them (CR and LF are the same bytes in CP1252) */
		char eol = strncmp(from, "UTF-16", 6) ? line_end(buf, len)
						      : line_end(out, (size_t)(o - out));
		unsigned long line = 1;
		const char *p = out;
		for (size_t k = 0; k < bad; k++) {
			for (; (p = memchr(p, eol, (size_t)(out + at[k] - p))); p++)
				line++;
			p = out + at[k];
			zi_diag_error(d, name, line, NULL, "encoding-invalid",
				      _("byte 0x%02X is not valid %s"), what[k], from);
		}
		free(out);
		return NULL;
	}
	*outlen = (size_t)(o - out);
	return out;
}

/* Does buf hold a multibyte UTF-8 sequence? A CP1252 export has none (its
 * accented letters are single bytes, which UTF-8 never lets stand alone). */
static int has_utf8_sequence(const char *buf, size_t len)
{
	const unsigned char *u = (const unsigned char *)buf;
	for (size_t i = 0; i < len; i++) {
		if (u[i] < 0xC2 || u[i] > 0xF4)
			continue;
		size_t n = u[i] < 0xE0 ? 2 : u[i] < 0xF0 ? 3 : 4;
		if (i + n <= len && zi_is_utf8(buf + i, n, NULL))
			return 1;
	}
	return 0;
}

/* mixed: 0 a file in one encoding, 1 UTF-8 with stray bytes, 2 a records
 * file */
static void report_bad_utf8(const char *buf, size_t len, const char *name, struct zi_diag *d,
			    int mixed)
{
	size_t pos = 0, bad, reported = 0;
	unsigned long line = 1;
	size_t counted = 0;
	char eol = line_end(buf, len);
	while (pos < len && !zi_is_utf8(buf + pos, len - pos, &bad)) {
		size_t at = pos + bad;
		for (const char *p = buf + counted; (p = memchr(p, eol, (size_t)(buf + at - p)));
		     p++)
			line++;
		counted = at;
		if (reported++ < 20 && mixed == 1)
			zi_diag_error(d, name, line, NULL, "encoding-mixed",
				      _("byte 0x%02X is not valid UTF-8, but the file has UTF-8 "
					"text elsewhere: fix this line, or give --encoding if the "
					"whole file is in another encoding"),
				      (unsigned char)buf[at]);
		else if (reported <= 20 && mixed == 2)
			zi_diag_error(d, name, line, NULL, "encoding-invalid",
				      _("byte 0x%02X is not valid UTF-8 (records files are UTF-8: "
					"'zi-report check' names the field and says what to do)"),
				      (unsigned char)buf[at]);
		else if (reported <= 20)
			zi_diag_error(d, name, line, NULL, "encoding-invalid",
				      _("byte 0x%02X is not valid UTF-8 (try --encoding cp1252)"),
				      (unsigned char)buf[at]);
		const char *nl = memchr(buf + at, eol, len - at);
		pos = nl ? (size_t)(nl - buf) + 1 : len;
		if (nl) {
			line++;
			counted = pos;
		}
	}
}

/* The state of one read (or of one part of a read): libcsv calls back into
 * it. */
struct reader {
	const char *name;
	struct zi_diag *d;
	zi_csv_row_fn fn;
	void *ctx;
	struct csv_parser p;
	char delim;
	char eol; /* what ends a line: LF, or CR in a file without LF */
	int trim;
	struct zi_buf fieldbuf; /* all fields of the current row, NUL-separated */
	size_t *offs; /* start of each field in fieldbuf */
	size_t noffs, capoffs;
	char **ptrs;
	size_t capptrs;
	unsigned long line; /* physical line being fed */
	unsigned long row_start; /* first line of the open record, 0 if none */
	unsigned long rows;
	int stop; /* what fn returned, when it asked to stop */
	int head; /* its first record is the file's header */
	int row_bad; /* the open record broke a limit: not delivered */
	int nul_seen; /* a NUL byte was fed: fields are checked for one */
	int rc; /* ZI_EDATA once a record was malformed */
	/* where the pages behind may be let go (a mapped file), else NULL */
	const char *mapped;
	size_t dropped;
	struct zi_csv_opts *progress; /* the part that reports progress */
	size_t total, base, scale;
};

/* A record that breaks a limit is reported once and not delivered. */
static void row_fails(struct reader *r, const char *code, const char *msg, size_t column)
{
	unsigned long line = r->row_start ? r->row_start : r->line;
	if (!r->row_bad && column)
		zi_diag_error(r->d, r->name, line, NULL, code, _("column %zu: %s"), column, msg);
	else if (!r->row_bad)
		zi_diag_error(r->d, r->name, line, NULL, code, "%s", msg);
	r->row_bad = 1;
	r->rc = ZI_EDATA;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (len > ZI_CSV_FIELD_MAX) {
		row_fails(r, "csv-field-too-long", _("field too long (the limit is 1 MiB)"),
			  r->noffs + 1);
		len = 0;
	} else if (r->nul_seen && memchr(s, 0, len)) {
		row_fails(r, "csv-nul", _("a NUL byte (0x00) in the field: a cell holds text"),
			  r->noffs + 1);
	}
	if (r->noffs == r->capoffs) {
		r->capoffs = r->capoffs ? r->capoffs * 2 : 32;
		r->offs = zi_xrealloc(r->offs, r->capoffs * sizeof(*r->offs));
	}
	struct zi_buf *b = &r->fieldbuf;
	r->offs[r->noffs++] = b->len;
	if (b->len + len + 1 > b->cap)
		zi_buf_reserve(b, len + 1);
	if (len)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len++] = 0;
}

static void on_row(int c, void *data)
{
	(void)c;
	struct reader *r = data;
	unsigned long line = r->row_start ? r->row_start : r->line;
	r->row_start = 0;
	if (r->row_bad) {
		r->row_bad = 0;
		/* without its header a file cannot be read on */
		if (r->head && !r->rows)
			r->stop = ZI_EDATA;
		r->rows++;
		r->noffs = 0;
		r->fieldbuf.len = 0;
		return;
	}
	if (r->stop) {
		r->noffs = 0;
		r->fieldbuf.len = 0;
		return;
	}
	if (r->noffs > r->capptrs) {
		r->capptrs = r->noffs;
		r->ptrs = zi_xrealloc(r->ptrs, r->capptrs * sizeof(*r->ptrs));
	}
	for (size_t i = 0; i < r->noffs; i++)
		r->ptrs[i] = r->fieldbuf.data + r->offs[i];
	r->rows++;
	int rc = r->fn(r->ctx, line, r->ptrs, r->noffs);
	if (rc)
		r->stop = rc;
	r->noffs = 0;
	r->fieldbuf.len = 0;
}

static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void parser_start(struct reader *r)
{
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_delim(&r->p, (unsigned char)r->delim);
	/* libcsv's own test (space or tab) is inlined; a function is called
	 * for every byte */
	if (!r->trim)
		csv_set_space_func(&r->p, never_space);
}

static void reader_init(struct reader *r, const char *name, struct zi_diag *d, zi_csv_row_fn fn,
			void *ctx, const struct zi_csv_opts *opts, char delim)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->d = d;
	r->fn = fn;
	r->ctx = ctx;
	r->delim = delim;
	r->trim = opts->trim;
	r->scale = 1;
	zi_buf_init(&r->fieldbuf);
	/* a page: the parts' buffers are made on one thread, one after
	 * another, and must not share the lines each thread writes */
	zi_buf_reserve(&r->fieldbuf, 4096);
	parser_start(r);
}

/* Is the parser between records, as a fresh one is? */
static int reader_at_boundary(const struct reader *r)
{
	return !r->stop && r->p.pstate == 0 && !r->noffs && !r->row_start;
}

/* A fresh parser, the record begun dropped: after a line too long or bad
 * quotes, to go on at the next line and report later problems too. */
static void reader_restart(struct reader *r)
{
	csv_free(&r->p);
	parser_start(r);
	r->noffs = 0;
	r->fieldbuf.len = 0;
	r->row_start = 0;
	r->row_bad = 0;
}

/* A line longer than ZI_CSV_LINE_MAX: said before the parser holds any of
 * it, so a 2 GB line fails at once instead of filling the memory. */
static void line_too_long(struct reader *r)
{
	r->row_start = 0;
	row_fails(r, "csv-line-too-long", _("line too long (the limit is 16 MiB)"), 0);
	if (r->head && !r->rows)
		r->stop = ZI_EDATA;
	reader_restart(r);
}

/* A quoted field going on over lines past ZI_CSV_FIELD_MAX: the parse goes
 * on (the record is not delivered) without keeping the field. Inside a
 * quoted field, a fresh parser fed an opening quote is where this one was,
 * with the field's bytes let go (libcsv has no call for that); at the end of
 * the input after a quote that may close the field (libcsv's state 3), fed
 * two. */
static void field_too_long(struct reader *r)
{
	row_fails(r, "csv-field-too-long", _("field too long (the limit is 1 MiB)"), r->noffs + 1);
	int closing = r->p.pstate == 3;
	csv_free(&r->p);
	parser_start(r);
	csv_parse(&r->p, "\"\"", closing ? 2 : 1, on_field, on_row, r);
}

/* One line, s[0, n), through the parser. */
static void parse_line(struct reader *r, const char *s, size_t n)
{
	size_t done;
	while ((done = csv_parse(&r->p, s, n, on_field, on_row, r)) < n && s[done] == '"' &&
	       !r->p.quoted) {
		/* a quote inside an unquoted field (37°36'37.8"N) is a literal
		 * quote, as csv-spectrum and most readers take it: feed it once
		 * without CSV_STRICT, then go on strictly (the error status left
		 * behind is never read: csv_parse goes on) */
		int opts = csv_get_opts(&r->p);
		csv_set_opts(&r->p, (unsigned char)(opts & ~CSV_STRICT));
		csv_parse(&r->p, s + done, 1, on_field, on_row, r);
		csv_set_opts(&r->p, (unsigned char)opts);
		s += done + 1;
		n -= done + 1;
	}
	if (done != n) {
		zi_diag_error(r->d, r->name, r->row_start ? r->row_start : r->line, NULL,
			      "csv-quote", _("malformed quotes (text after a closing quote)"));
		r->rc = ZI_EDATA;
		reader_restart(r);
	}
	if (r->p.entry_pos > ZI_CSV_FIELD_MAX)
		field_too_long(r);
}

/* Every few records: the pages already parsed let go, and progress told
 * (the first part speaks for all: they go at about its pace). */
static void reader_tick(struct reader *r, size_t pos, unsigned long *next_progress)
{
	if (r->mapped && pos - r->dropped > (4u << 20)) {
		zi_bulk_drop(r->mapped + r->dropped, r->mapped + pos);
		r->dropped = pos;
	}
	if (r->progress && r->progress->progress && r->rows >= *next_progress) {
		size_t at = r->base + (pos - r->base) * r->scale;
		r->progress->progress(r->progress->progress_ctx, r->rows * r->scale,
				      at < r->total ? at : r->total, r->total);
		*next_progress = r->rows + 65536;
	}
}

/* Feeds buf[pos, end) line by line (the line numbers); with one_record, stops
 * after the line that completes the first record. Returns where it stopped. */
static size_t reader_feed(struct reader *r, const char *buf, size_t pos, size_t end, int one_record)
{
	unsigned long next_progress = r->rows + 65536;
	while (pos < end && !r->stop) {
		const char *nl = memchr(buf + pos, r->eol, end - pos);
		size_t stop = nl ? (size_t)(nl - buf) + 1 : end;
		r->line++;
		const char *s = buf + pos;
		size_t n = stop - pos;
		pos = stop;
		if (n > ZI_CSV_LINE_MAX) {
			line_too_long(r);
			continue;
		}
		if (!r->nul_seen && memchr(s, 0, n))
			r->nul_seen = 1;
		if (!r->row_start && !(n == 1 || (n == 2 && s[0] == '\r' && r->eol == '\n')))
			r->row_start = r->line;
		parse_line(r, s, n);
		if (r->p.pstate == 0)
			r->row_start = 0; /* a line of spaces is no record */
		reader_tick(r, pos, &next_progress);
		if (one_record && r->rows && reader_at_boundary(r))
			break;
	}
	return pos;
}

/* The end of the input: a record without its line end, or an open quote. */
static void reader_fini(struct reader *r)
{
	if (!r->stop && csv_fini(&r->p, on_field, on_row, r) != 0) {
		zi_diag_error(r->d, r->name, r->row_start ? r->row_start : r->line, NULL,
			      "csv-unterminated", _("a quoted field is never closed"));
		r->rc = ZI_EDATA;
	}
}

static void reader_release(struct reader *r)
{
	csv_free(&r->p);
	zi_buf_release(&r->fieldbuf);
	free(r->offs);
	free(r->ptrs);
}

/* A part of a read on a thread of its own. */
struct part {
	ZI_APART;
	struct reader r;
	const char *buf;
	size_t from, to;
};

static int part_run(void *ctx, unsigned worker, size_t i)
{
	(void)worker;
	struct part *pt = (struct part *)ctx + i;
	reader_feed(&pt->r, pt->buf, pt->from, pt->to, 0);
	return 0;
}

static int parse(const char *buf, size_t len, const char *name, struct zi_csv_opts *opts,
		 zi_csv_row_fn fn, void **ctxs, struct zi_diag **ds, size_t nparts, size_t *used,
		 int is_mapped)
{
	char delim = opts->delimiter ? opts->delimiter : sniff(buf, len);
	opts->used_delimiter = delim;
	char eol = line_end(buf, len);
	struct part *pt = zi_xcalloc_lines(nparts ? nparts : 1, sizeof(*pt));
	struct reader *r0 = &pt[0].r;
	reader_init(r0, name, ds[0], fn, ctxs[0], opts, delim);
	r0->eol = eol;
	r0->mapped = is_mapped ? buf : NULL;
	r0->progress = opts;
	r0->total = len;
	r0->head = 1;
	size_t n = 1, pos = 0;
	if (nparts > 1 && len >= 2 * (size_t)ZI_BULK_PART_MIN) {
		pos = reader_feed(r0, buf, 0, len, 1);
		if (!r0->stop && pos < len) {
			size_t cut[64];
			unsigned long lines[64];
			n = zi_bulk_cuts(buf, pos, len, nparts < 64 ? nparts : 64, cut, lines, eol);
			for (size_t k = 0; k < n; k++) {
				pt[k].buf = buf;
				pt[k].from = cut[k];
				pt[k].to = k + 1 < n ? cut[k + 1] : len;
			}
			for (size_t k = 1; k < n; k++) {
				reader_init(&pt[k].r, name, ds[k], fn, ctxs[k], opts, delim);
				pt[k].r.eol = eol;
				pt[k].r.line = lines[k];
				pt[k].r.mapped = r0->mapped;
				pt[k].r.dropped = cut[k];
			}
			/* parts 1 .. n - 1 on threads of their own, part 0 here */
			struct zi_pool_tasks *g = n > 1 ? zi_pool_start(n - 1, part_run, pt + 1)
							: NULL;
			r0->base = pos;
			r0->scale = n;
			pos = reader_feed(r0, buf, pos, pt[0].to, 0);
			zi_pool_join(g);
		}
	}
	/* a part counts when the one before ended between records: else the
	 * cut was inside a quoted field, and the part before reads on */
	size_t last = 0;
	while (last + 1 < n && reader_at_boundary(&pt[last].r))
		last++;
	if (last + 1 < n || n == 1)
		reader_feed(&pt[last].r, buf, n == 1 ? pos : pt[last].to, len, 0);
	reader_fini(&pt[last].r);
	int rc = 0;
	for (size_t k = 0; k <= last && !rc; k++)
		rc = pt[k].r.stop;
	for (size_t k = 0; k <= last && !rc; k++)
		rc = pt[k].r.rc;
	if (opts->progress) {
		unsigned long rows = 0;
		for (size_t k = 0; k <= last; k++)
			rows += pt[k].r.rows;
		opts->progress(opts->progress_ctx, rows, len, len);
	}
	for (size_t k = 0; k < n; k++)
		reader_release(&pt[k].r);
	free(pt);
	*used = last + 1;
	return rc;
}

/* Strips a BOM, converts to UTF-8 when needed, then parses. owned says whether
 * buf may be replaced. */
static int decode_and_parse(const char *buf, size_t len, const char *name, struct zi_csv_opts *opts,
			    zi_csv_row_fn fn, void **ctxs, struct zi_diag **ds, size_t nparts,
			    size_t *used, int is_mapped)
{
	struct zi_diag *d = ds[0];
	const unsigned char *u = (const unsigned char *)buf;
	enum zi_encoding enc = opts->encoding;
	int le = 1;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		buf += 3;
		len -= 3;
		if (enc == ZI_ENC_AUTO)
			enc = ZI_ENC_UTF8;
	} else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		le = u[0] == 0xFF;
		buf += 2;
		len -= 2;
		if (enc == ZI_ENC_AUTO)
			enc = ZI_ENC_UTF16;
	}
	if (enc == ZI_ENC_BYTES) {
		opts->used_encoding = enc;
		return parse(buf, len, name, opts, fn, ctxs, ds, nparts, used, is_mapped);
	}
	if (enc == ZI_ENC_AUTO || enc == ZI_ENC_UTF8) {
		/* validate in slices (on several threads when the read is in
		 * parts) and let go of the pages behind: a large mapped file
		 * need not stay in memory */
		if (zi_bulk_utf8(buf, len, nparts > 1 ? zi_pool_threads((unsigned)nparts) : 1,
				 is_mapped)) {
			opts->used_encoding = ZI_ENC_UTF8;
			return parse(buf, len, name, opts, fn, ctxs, ds, nparts, used, is_mapped);
		}
		if (enc == ZI_ENC_UTF8) {
			report_bad_utf8(buf, len, name, d, opts->records ? 2 : 0);
			return ZI_EDATA;
		}
		if (has_utf8_sequence(buf, len)) {
			/* UTF-8 with a stray byte: read as CP1252, every accented
			 * letter of the rest would turn into two wrong ones */
			report_bad_utf8(buf, len, name, d, 1);
			return ZI_EDATA;
		}
		enc = ZI_ENC_CP1252;
	}
	opts->used_encoding = enc;
	size_t outlen = 0;
	char *conv = convert(buf, len,
			     enc == ZI_ENC_CP1252 ? "CP1252"
			     : le		  ? "UTF-16LE"
						  : "UTF-16BE",
			     name, &outlen, d);
	if (!conv)
		return ZI_EDATA;
	const char *cb = conv;
	if (outlen >= 3 && (unsigned char)cb[0] == 0xEF && (unsigned char)cb[1] == 0xBB &&
	    (unsigned char)cb[2] == 0xBF) {
		cb += 3;
		outlen -= 3;
	}
	int rc = parse(cb, outlen, name, opts, fn, ctxs, ds, nparts, used, 0);
	free(conv);
	return rc;
}

int zi_csv_read_mem(const char *buf, size_t len, const char *name, struct zi_csv_opts *opts,
		    zi_csv_row_fn fn, void *ctx, struct zi_diag *d)
{
	size_t used;
	return decode_and_parse(buf, len, name ? name : "-", opts, fn, &ctx, &d, 1, &used, 0);
}

int zi_csv_read(const char *path, const char *name, struct zi_csv_opts *opts, zi_csv_row_fn fn,
		void *ctx, struct zi_diag *d)
{
	size_t used;
	return zi_csv_read_parts(path, name, opts, fn, &ctx, &d, 1, &used);
}

int zi_csv_read_parts(const char *path, const char *name, struct zi_csv_opts *opts, zi_csv_row_fn fn,
		      void **ctxs, struct zi_diag **ds, size_t nparts, size_t *used)
{
	struct zi_diag *d = ds[0];
	*used = 1;
	if (!nparts)
		nparts = 1;
	if (!name)
		name = path;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0) {
		zi_diag_error(d, name, 0, NULL, "io-read", _("cannot open: %s"), strerror(errno));
		return ZI_EIO;
	}
	struct stat st;
	/* only a large file is mapped: mapping and unmapping thousands of small
	 * ones costs more (TLB flushes across threads) than reading them */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= (1 << 22)) {
		size_t len = (size_t)st.st_size;
		void *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			if (fd)
				close(fd);
			madvise(m, len, MADV_SEQUENTIAL);
			int rc = decode_and_parse(m, len, name, opts, fn, ctxs, ds, nparts, used, 1);
			munmap(m, len);
			return rc;
		}
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		zi_diag_error(d, name, 0, NULL, "io-read", _("cannot read: %s"), strerror(EISDIR));
		if (fd)
			close(fd);
		return ZI_EIO;
	}
	struct zi_buf b;
	zi_buf_init(&b);
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		zi_buf_reserve(&b, (size_t)st.st_size + 1);
	for (;;) {
		zi_buf_reserve(&b, 65536);
		ssize_t n = read(fd, b.data + b.len, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			zi_diag_error(d, name, 0, NULL, "io-read", _("cannot read: %s"),
				      strerror(errno));
			zi_buf_release(&b);
			if (fd)
				close(fd);
			return ZI_EIO;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
	}
	if (fd)
		close(fd);
	int rc = decode_and_parse(b.data ? b.data : "", b.len, name, opts, fn, ctxs, ds, nparts,
				  used, 0);
	zi_buf_release(&b);
	return rc;
}

size_t zi_csv_parts_hint(void)
{
	return zi_pool_threads(8);
}

static int needs_quotes(const char *s)
{
	if (!*s)
		return 0;
	char last = s[strlen(s) - 1];
	if (s[0] == ' ' || s[0] == '\t' || last == ' ' || last == '\t')
		return 1; /* a reader that trims would lose them */
	return strpbrk(s, ",\"\r\n") != NULL;
}

void zi_csv_add_field(struct zi_buf *b, const char *s)
{
	if (!needs_quotes(s)) {
		zi_buf_adds(b, s);
		return;
	}
	zi_buf_addc(b, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			zi_buf_addc(b, '"');
		zi_buf_addc(b, *p);
	}
	zi_buf_addc(b, '"');
}

void zi_csv_add_row(struct zi_buf *b, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			zi_buf_addc(b, ',');
		zi_csv_add_field(b, fields[i] ? fields[i] : "");
	}
	zi_buf_addc(b, '\n');
}

void zi_csv_add_field_safe(struct zi_buf *b, const char *s)
{
	if (*s && strchr("=+-@\t\r", *s)) {
		struct zi_buf t;
		zi_buf_init(&t);
		zi_buf_addc(&t, '\'');
		zi_buf_adds(&t, s);
		zi_csv_add_field(b, t.data);
		zi_buf_release(&t);
		return;
	}
	zi_csv_add_field(b, s);
}

/* The Excel dialect: what Excel set to an Indonesian (or any comma-decimal)
 * locale opens by double-click without the import wizard. */

struct excel_conv {
	struct zi_buf *out;
};

/* "12.5", "-0.25": a decimal written by zi (never a date, a version or a
 * code with two dots) */
static int decimal_point_number(const char *s)
{
	const char *p = s + (*s == '-');
	size_t before = 0, after = 0;
	while (*p >= '0' && *p <= '9')
		p++, before++;
	if (*p != '.' || !before)
		return 0;
	for (p++; *p >= '0' && *p <= '9'; p++)
		after++;
	return after && !*p;
}

static int excel_row(void *ctx, unsigned long line, char **f, size_t n)
{
	struct excel_conv *c = ctx;
	for (size_t i = 0; i < n; i++) {
		if (i)
			zi_buf_addc(c->out, ';');
		const char *s = f[i];
		if (decimal_point_number(s)) {
			for (; *s; s++)
				zi_buf_addc(c->out, *s == '.' ? ',' : *s);
			continue;
		}
		size_t len = strlen(s);
		int quote = len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
				    s[len - 1] == '\t' || strpbrk(s, ";\"\r\n"));
		if (!quote) {
			zi_buf_adds(c->out, s);
			continue;
		}
		zi_buf_addc(c->out, '"');
		for (; *s; s++) {
			if (*s == '"')
				zi_buf_addc(c->out, '"');
			zi_buf_addc(c->out, *s);
		}
		zi_buf_addc(c->out, '"');
	}
	zi_buf_adds(c->out, "\r\n");
	return 0;
}

int zi_csv_to_excel(const char *csv, size_t len, struct zi_buf *out, struct zi_diag *d)
{
	struct excel_conv c = {out};
	zi_buf_adds(out, "\xEF\xBB\xBF");
	if (!len)
		return 0;
	struct zi_csv_opts o = {.delimiter = ',', .encoding = ZI_ENC_UTF8};
	return zi_csv_read_mem(csv, len, "output", &o, excel_row, &c, d);
}
