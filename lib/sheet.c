/* Reading .xlsx and .ods spreadsheets as rows of cells, the shape CSV rows
 * have, so that every import takes them: libzip opens the container,
 * libxml2's SAX2 push parser parses each part as it is read out of it (a
 * chunk at a time), and only one row of cells is ever held, plus the
 * workbook's shared strings and styles. */
#include "sheet.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "pool.h"
#include "util.h"
#include "values.h"

#define MAX_COLS 16384 /* column XFD, the last Excel has */
#define MAX_ROWS 1048576 /* row 1048576, the last Excel has */

void zi_sheet_col_name(size_t col, char out[8])
{
	char tmp[8];
	size_t n = 0;
	col++;
	while (col && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = 0;
}

/* ---- what a file is ---------------------------------------------------- */

static int zip_has(zip_t *z, const char *name)
{
	return zip_name_locate(z, name, 0) >= 0;
}

static int zip_has_prefix(zip_t *z, const char *prefix)
{
	zip_int64_t n = zip_get_num_entries(z, 0);
	size_t pl = strlen(prefix);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *nm = zip_get_name(z, (zip_uint64_t)i, 0);
		if (nm && !strncmp(nm, prefix, pl))
			return 1;
	}
	return 0;
}

/* The first bytes of a ZIP member (for the OpenDocument mimetype). */
static size_t zip_peek(zip_t *z, const char *name, char *buf, size_t n)
{
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return 0;
	zip_int64_t got = zip_fread(f, buf, n - 1);
	zip_fclose(f);
	if (got < 0)
		got = 0;
	buf[got] = 0;
	return (size_t)got;
}

static enum zi_file_kind sniff_zip(const char *path, char *what, size_t whatsz)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	if (!z) {
		snprintf(what, whatsz, "%s",
			 _("looks like a damaged ZIP file (an .xlsx or .ods file cut short?)"));
		return ZI_FILE_OTHER;
	}
	enum zi_file_kind k = ZI_FILE_OTHER;
	char mt[128] = "";
	zip_peek(z, "mimetype", mt, sizeof(mt));
	if (zip_has(z, "xl/workbook.xml"))
		k = ZI_FILE_XLSX;
	else if (!strcmp(mt, "application/vnd.oasis.opendocument.spreadsheet") ||
		 (!mt[0] && zip_has(z, "content.xml")))
		k = ZI_FILE_ODS;
	else if (zip_has(z, "xl/workbook.bin"))
		snprintf(what, whatsz, "%s",
			 _("looks like an Excel binary workbook (.xlsb): save it as .xlsx or CSV"));
	else if (zip_has_prefix(z, "word/") || strstr(mt, "opendocument.text"))
		snprintf(what, whatsz, "%s",
			 _("looks like a word-processor document (.docx or .odt), not a "
			   "spreadsheet: put the table in a spreadsheet and save it as .xlsx or "
			   "CSV"));
	else if (zip_has_prefix(z, "ppt/") || strstr(mt, "opendocument.presentation"))
		snprintf(what, whatsz, "%s",
			 _("looks like a presentation (.pptx or .odp), not a spreadsheet: save "
			   "the table as .xlsx or CSV"));
	else
		snprintf(what, whatsz, "%s",
			 _("looks like a ZIP archive of other files, not a spreadsheet: unpack "
			   "it and import the .xlsx, .ods or CSV file inside"));
	zip_discard(z);
	return k;
}

/* A file that is no table by its first bytes (an old Office file, a PDF,
 * an image): what it looks like into what, and 1. */
static int sniff_not_table(const unsigned char *b, size_t n, char *what, size_t whatsz)
{
	if (n >= 8 && !memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		snprintf(what, whatsz, "%s",
			 _("looks like an Excel 97-2003 .xls file (or another old Office "
			   "file): save it as .xlsx or CSV"));
		return 1;
	}
	if (n >= 5 && !memcmp(b, "%PDF-", 5)) {
		snprintf(what, whatsz, "%s",
			 _("looks like a PDF document: zi cannot read tables out of it; import "
			   "the spreadsheet it was made from, as .xlsx or CSV"));
		return 1;
	}
	const char *img = NULL;
	if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1A\n", 8))
		img = "PNG";
	else if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		img = "JPEG";
	else if (n >= 6 && (!memcmp(b, "GIF87a", 6) || !memcmp(b, "GIF89a", 6)))
		img = "GIF";
	else if (n >= 12 && !memcmp(b, "RIFF", 4) && !memcmp(b + 8, "WEBP", 4))
		img = "WebP";
	if (img) {
		snprintf(what, whatsz,
			 _("looks like an image (%s), not a table: type the data into a "
			   "spreadsheet and save it as .xlsx or CSV"),
			 img);
		return 1;
	}
	return 0;
}

/* An old "Save as web page" .xls: HTML, after a BOM and spaces. */
static int sniff_html(const unsigned char *b, size_t n)
{
	size_t i = 0;
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		i = 3;
	while (i < n && isspace(b[i]))
		i++;
	return n - i >= 5 &&
	       (!strncasecmp((const char *)b + i, "<html", 5) ||
		!strncasecmp((const char *)b + i, "<!doctype html", n - i < 14 ? n - i : 14));
}

/* Text by its bytes: UTF-16 without a BOM (every other byte NUL), or
 * binary. */
static enum zi_file_kind sniff_text(const unsigned char *b, size_t n, char *what, size_t whatsz)
{
	size_t pairs = n / 2, odd = 0, even = 0, nul = 0;
	for (size_t k = 0; k < pairs * 2; k += 2) {
		even += b[k] == 0;
		odd += b[k + 1] == 0;
	}
	size_t ctrl = 0;
	for (size_t k = 0; k < n; k++) {
		nul += b[k] == 0;
		ctrl += b[k] && b[k] < 0x20 && b[k] != '\t' && b[k] != '\n' && b[k] != '\r';
	}
	if (pairs >= 2 && odd * 10 >= pairs * 8 && even * 10 < pairs)
		return ZI_FILE_UTF16LE;
	if (pairs >= 2 && even * 10 >= pairs * 8 && odd * 10 < pairs) {
		snprintf(what, whatsz, "%s",
			 _("looks like UTF-16 (big-endian) text without a byte order mark: save "
			   "it as CSV UTF-8"));
		return ZI_FILE_OTHER;
	}
	/* text with a stray NUL or two: the CSV reader refuses it naming the
	 * line and column, which says more than "binary" */
	if (nul && (nul > 8 || ctrl)) {
		snprintf(what, whatsz, "%s",
			 _("looks like a binary file, not CSV or a spreadsheet: save the table "
			   "as .xlsx or CSV"));
		return ZI_FILE_OTHER;
	}
	return ZI_FILE_TEXT;
}

enum zi_file_kind zi_sheet_sniff(const char *path, char *what, size_t whatsz)
{
	what[0] = 0;
	if (!strcmp(path, "-"))
		return ZI_FILE_TEXT;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ZI_FILE_TEXT; /* the CSV reader says why it cannot */
	unsigned char b[4096];
	ssize_t got = read(fd, b, sizeof(b));
	close(fd);
	if (got <= 0)
		return ZI_FILE_TEXT;
	size_t n = (size_t)got;
	if (n >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5) &&
	    (b[3] == 4 || b[3] == 6))
		return sniff_zip(path, what, whatsz);
	if (sniff_not_table(b, n, what, whatsz))
		return ZI_FILE_OTHER;
	if (sniff_html(b, n)) {
		snprintf(what, whatsz, "%s",
			 _("looks like a web page (HTML), perhaps an .xls saved as a web page: "
			   "open it in a spreadsheet and save it as .xlsx or CSV"));
		return ZI_FILE_OTHER;
	}
	/* a BOM says what it is: the CSV reader decodes it */
	if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
		return ZI_FILE_TEXT;
	return sniff_text(b, n, what, whatsz);
}

/* ---- streaming a ZIP member through libxml2 ----------------------------- */

/* The handlers of the small parts (workbook, relationships, styles, shared
 * strings, .ods content): names as written ("table:table", prefix and all)
 * and NUL-terminated attributes, name, value, ..., NULL. A large sheet's
 * cells have handlers of their own that take libxml2's arguments as they
 * come (see xl_sheet_start). */
typedef void (*xml_start_fn)(void *u, const char *el, const char **atts);
typedef void (*xml_end_fn)(void *u, const char *el);
typedef void (*xml_text_fn)(void *u, const char *s, int len);

struct xml_job {
	xmlParserCtxtPtr p;
	int stop; /* set by a callback: what fn returned */
	int enough; /* set by a callback: the rest of the part is not needed */
	int suspend; /* set by a callback: return after this chunk (start_parts) */
	/* for the small parts' handlers */
	void *u;
	xml_start_fn s;
	xml_end_fn e;
	xml_text_fn t;
	struct zi_buf names; /* the element's and attributes' names and values */
	size_t *aoff;
	const char **atts;
	size_t acap;
};

/* How much is inflated and handed to libxml2 at a time: fewer, larger calls
 * into libzip and libxml2 (a large sheet is hundreds of megabytes of XML). */
#define FEED_SIZE (1 << 18)

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

/* "prefix:local", or "local", into b NUL-terminated; its offset. */
static size_t job_name(struct zi_buf *b, const xmlChar *prefix, const xmlChar *local)
{
	size_t at = b->len;
	if (prefix) {
		zi_buf_adds(b, (const char *)prefix);
		zi_buf_addc(b, ':');
	}
	zi_buf_adds(b, (const char *)local);
	b->len++; /* keep the NUL */
	return at;
}

static void job_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
		      int nns, const xmlChar **ns, int natt, int ndef, const xmlChar **a)
{
	struct xml_job *j = ctx;
	(void)uri, (void)nns, (void)ns, (void)ndef;
	if (!j->s)
		return;
	size_t need = 2 * (size_t)natt + 2;
	if (need > j->acap) {
		j->acap = need;
		j->aoff = zi_xrealloc(j->aoff, need * sizeof(size_t));
		j->atts = zi_xrealloc(j->atts, need * sizeof(char *));
	}
	zi_buf_reset(&j->names);
	size_t el = job_name(&j->names, prefix, local);
	for (int i = 0; i < natt; i++) {
		const xmlChar *const *at = a + 5 * i;
		j->aoff[2 * i] = job_name(&j->names, at[1], at[0]);
		j->aoff[2 * i + 1] = j->names.len;
		zi_buf_add(&j->names, at[3], (size_t)(at[4] - at[3]));
		j->names.len++;
	}
	for (size_t i = 0; i < 2 * (size_t)natt; i++)
		j->atts[i] = j->names.data + j->aoff[i];
	j->atts[2 * natt] = NULL;
	j->s(j->u, j->names.data + el, j->atts);
}

static void job_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct xml_job *j = ctx;
	(void)uri;
	if (!j->e)
		return;
	zi_buf_reset(&j->names);
	size_t at = job_name(&j->names, prefix, local);
	j->e(j->u, j->names.data + at);
}

static void job_text(void *ctx, const xmlChar *s, int len)
{
	struct xml_job *j = ctx;
	if (j->t)
		j->t(j->u, (const char *)s, len);
}

/* libxml2 prints nothing: an error is read from the context (xml_error) */
static void xml_quiet(void *u, xmlErrorPtr e)
{
	(void)u, (void)e;
}

/* A push parser calling h's handlers with u. No network, no DTD loaded, no
 * entity of a DTD expanded (the handlers for them are left out), and the
 * bytes read as UTF-8 whatever the declaration says (as Excel and
 * LibreOffice write them). */
static xmlParserCtxtPtr new_parser(void *u, xmlSAXHandler *h)
{
	pthread_once(&xml_once, xml_init);
	h->initialized = XML_SAX2_MAGIC;
	h->serror = xml_quiet;
	h->ignorableWhitespace = h->characters;
	h->cdataBlock = h->characters;
	xmlParserCtxtPtr p = xmlCreatePushParserCtxt(h, u, NULL, 0, NULL);
	if (!p)
		abort();
	xmlCtxtUseOptions(p, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOERROR |
				     XML_PARSE_NOWARNING);
	return p;
}

/* A parser for the small parts: job's handlers, called with u. */
static xmlParserCtxtPtr job_parser(struct xml_job *job, void *u, xml_start_fn s, xml_end_fn e,
				   xml_text_fn t)
{
	job->u = u;
	job->s = s;
	job->e = e;
	job->t = t;
	xmlSAXHandler h;
	memset(&h, 0, sizeof(h));
	h.startElementNs = job_start;
	h.endElementNs = job_end;
	h.characters = t ? job_text : NULL;
	return new_parser(job, &h);
}

static void job_release(struct xml_job *job)
{
	zi_buf_release(&job->names);
	free(job->aoff);
	free(job->atts);
	job->aoff = NULL;
	job->atts = NULL;
	job->acap = 0;
}

static void free_parser(xmlParserCtxtPtr p)
{
	if (p->myDoc)
		xmlFreeDoc(p->myDoc);
	xmlFreeParserCtxt(p);
}

static void xml_error(struct zi_diag *d, const char *name, const char *member, xmlParserCtxtPtr p)
{
	const xmlError *e = &p->lastError;
	char msg[200];
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = 0;
	zi_diag_error(d, name, 0, NULL, "sheet-invalid",
		      _("part '%s' of the spreadsheet is not well-formed XML (line %lu: %s)"),
		      member, (unsigned long)(e->line > 0 ? e->line : 0), msg);
}

/* Feeds the rest of f to p (started or resumed). Returns 0 when the part is
 * read or a callback said enough or suspended the parser (a large sheet's
 * first part, see start_parts), ZI_EDATA (reported) or the callbacks' stop
 * value. A namespace error (a prefix not declared) is not one: the names
 * are read as written. */
static int feed_member(zip_file_t *f, const char *member, const char *name, xmlParserCtxtPtr p,
		       struct xml_job *job, struct zi_diag *d)
{
	char *buf = zi_xmalloc(FEED_SIZE);
	int rc = 0;
	for (;;) {
		zip_int64_t got = zip_fread(f, buf, FEED_SIZE);
		if (got < 0) {
			zi_diag_error(d, name, 0, NULL, "sheet-invalid",
				      _("cannot read part '%s' of the spreadsheet: %s"), member,
				      zip_file_strerror(f));
			rc = ZI_EDATA;
			break;
		}
		xmlParseChunk(p, got ? buf : NULL, (int)got, got == 0);
		if (job->stop || job->enough) {
			rc = job->stop;
			break;
		}
		if (!p->wellFormed) {
			xml_error(d, name, member, p);
			rc = ZI_EDATA;
			break;
		}
		if (job->suspend || got == 0)
			break;
	}
	free(buf);
	return rc;
}

/* Parses one member of z a chunk at a time. Returns 0, ZI_EDATA (missing or
 * malformed; reported) or the callbacks' stop value. */
static int parse_member(zip_t *z, const char *member, const char *name, xmlParserCtxtPtr p,
			struct xml_job *job, struct zi_diag *d, int required)
{
	zip_file_t *f = zip_fopen(z, member, 0);
	if (!f) {
		if (!required)
			return 0;
		zi_diag_error(d, name, 0, NULL, "sheet-invalid",
			      _("the spreadsheet has no part '%s': a damaged file?"), member);
		return ZI_EDATA;
	}
	job->p = p;
	int rc = feed_member(f, member, name, p, job, d);
	zip_fclose(f);
	return rc;
}

/* The local name of an element or attribute as written (the small parts'
 * handlers get prefixes: files use the usual ones, or none, for OOXML). */
static const char *local(const char *n)
{
	/* names are a few bytes: a loop, not a call, for every element */
	for (const char *c = n; *c; c++)
		if (*c == ':')
			return c + 1;
	return n;
}

static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (!strcmp(atts[i], name))
			return atts[i + 1];
	return NULL;
}

static const char *attr_local(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

/* ---- one row of cells --------------------------------------------------- */

struct row {
	struct zi_buf text; /* the cells' values, NUL-terminated, one after another */
	size_t *off; /* per column: offset in text, or SIZE_MAX for empty */
	size_t ncols, cap;
	char **fields;
	size_t fcap;
	int any;
	char empty[1]; /* an empty cell: the row's own (a reader writes in fields) */
};

static void row_reset(struct row *r)
{
	zi_buf_reset(&r->text);
	r->ncols = 0;
	r->any = 0;
}

static void row_set(struct row *r, size_t col, const char *v, size_t len)
{
	if (col >= MAX_COLS || !len)
		return;
	if (col >= r->cap) {
		size_t nc = r->cap ? r->cap : 16;
		while (nc <= col)
			nc *= 2;
		r->off = zi_xrealloc(r->off, nc * sizeof(size_t));
		r->cap = nc;
	}
	for (size_t i = r->ncols; i <= col; i++)
		r->off[i] = SIZE_MAX;
	if (col + 1 > r->ncols)
		r->ncols = col + 1;
	r->off[col] = r->text.len;
	zi_buf_add(&r->text, v, len);
	r->text.len++; /* the NUL zi_buf_add wrote ends the cell */
	for (size_t i = 0; !r->any && i < len; i++)
		r->any = !isspace((unsigned char)v[i]);
}

/* Hands the row to fn; trailing empty cells are not part of it. */
static int row_emit(struct row *r, unsigned long line, zi_csv_row_fn fn, void *ctx)
{
	if (!r->any)
		return 0;
	size_t n = r->ncols;
	while (n && r->off[n - 1] == SIZE_MAX)
		n--;
	if (n + 1 > r->fcap) {
		r->fcap = n + 16;
		r->fields = zi_xrealloc(r->fields, r->fcap * sizeof(char *));
	}
	r->empty[0] = 0;
	for (size_t i = 0; i < n; i++)
		r->fields[i] = r->off[i] == SIZE_MAX ? r->empty : r->text.data + r->off[i];
	r->fields[n] = NULL;
	return fn(ctx, line, r->fields, n);
}

static void row_release(struct row *r)
{
	zi_buf_release(&r->text);
	free(r->off);
	free(r->fields);
}

/* ---- values ------------------------------------------------------------- */

/* A number as the spreadsheet keeps it: at most 15 significant digits (an
 * 18-digit NIP typed as a number has lost its last ones and shows as
 * 1.98503122010012E+17), with a point whatever the locale. */
static void format_number(const char *v, char *out, size_t outsz)
{
	/* the common case, a whole number of at most 15 digits, as it is */
	size_t n = 0;
	while (v[n] >= '0' && v[n] <= '9')
		n++;
	if (!v[n] && n && n <= 15 && n < outsz && (v[0] != '0' || n == 1)) {
		memcpy(out, v, n + 1);
		return;
	}
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end) {
		snprintf(out, outsz, "%s", v);
		return;
	}
	if (x == floor(x) && fabs(x) < 1e15) {
		snprintf(out, outsz, "%.0f", x);
		return;
	}
	snprintf(out, outsz, "%.15g", x);
	for (char *p = out; *p; p++)
		if (*p == ',')
			*p = '.';
		else if (*p == 'e')
			*p = 'E';
}

/* An ISO date-time as the cell shows: the date, and the time when there is one. */
static void format_iso(const char *v, char *out, size_t outsz)
{
	int y, mo, da, h = 0, mi = 0, s = 0;
	if (sscanf(v, "%4d-%2d-%2d", &y, &mo, &da) != 3) {
		snprintf(out, outsz, "%s", v);
		return;
	}
	const char *t = strchr(v, 'T');
	if (t)
		sscanf(t + 1, "%2d:%2d:%2d", &h, &mi, &s);
	if (h || mi || s)
		snprintf(out, outsz, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, da, h, mi, s);
	else
		snprintf(out, outsz, "%04d-%02d-%02d", y, mo, da);
}

/* ---- .xlsx -------------------------------------------------------------- */

/* Whole-day serials already turned into YYYY-MM-DD, by serial modulo
 * DAY_MEMO (89 years of days: a roster's dates hardly ever collide): gmtime_r
 * takes a lock of libc's in every call, and a large sheet has a date or two
 * in every row, read on several threads. */
#define DAY_MEMO 32768
struct day_memo {
	long serial[DAY_MEMO];
	char iso[DAY_MEMO][11];
};

struct xsheet {
	char *name;
	char *rid;
	char *target;
	int hidden;
};

struct xlsx {
	zip_t *z;
	const char *name;
	struct zi_diag *d;
	struct xml_job job;
	/* workbook */
	struct xsheet *sheets;
	size_t nsheets;
	int date1904;
	char *sst_target, *styles_target;
	/* styles */
	int in_numfmts, in_cellxfs;
	int *fmt_is_date; /* per custom numFmtId < 512 */
	unsigned char *xf_date; /* per cellXfs index */
	size_t nxf, xfcap;
	/* shared strings */
	struct zi_buf sst;
	size_t *sst_off;
	size_t nsst, sstcap;
	int in_si, in_t, in_rph;
	/* the sheet */
	struct row row;
	unsigned long rownum;
	long col;
	char ctype; /* the cell's t=: s, n, b, e, d; S for str, i for inlineStr */
	long cstyle;
	int in_v, in_is, in_cell;
	struct zi_buf val;
	zi_csv_row_fn fn;
	void *ctx;
	/* a large sheet read in parts (see read_sheet_parts) */
	size_t base; /* the part's first byte in the sheet, less the wrapper's */
	size_t stop_at; /* the first row starting at or after this is the next part's */
	unsigned long emitted;
	int row_refs; /* every row so far had its number (r=) */
	struct day_memo *days; /* this part's own, made at its first date cell */
	struct zi_buf nsdecl; /* part 0: " xmlns:p=..." declared above the rows */
	char pfx_data[32]; /* part 0: "x:" of <x:sheetData>, or "" */
	char pfx_row[32]; /* part 0: "x:" of <x:row>, or "" */
	int pfx_long; /* a prefix too long for those: one part */
	struct sheet_parts *parts; /* part 0 only: starts the others */
};

static void xl_workbook_start(void *u, const char *el, const char **atts)
{
	struct xlsx *x = u;
	const char *l = local(el);
	if (!strcmp(l, "sheet")) {
		x->sheets = zi_xrealloc(x->sheets, (x->nsheets + 1) * sizeof(*x->sheets));
		struct xsheet *s = &x->sheets[x->nsheets++];
		const char *nm = attr(atts, "name"), *st = attr(atts, "state");
		const char *rid = attr_local(atts, "id");
		s->name = zi_xstrdup(nm ? nm : "");
		s->rid = zi_xstrdup(rid ? rid : "");
		s->target = NULL;
		s->hidden = st && strcmp(st, "visible");
	} else if (!strcmp(l, "workbookPr")) {
		const char *v = attr(atts, "date1904");
		x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	}
}

/* A relationship target, as a path in the ZIP: relative to xl/ unless it
 * starts with '/'. */
static char *xl_path(const char *target)
{
	if (target[0] == '/')
		return zi_xstrdup(target + 1);
	return zi_xasprintf("xl/%s", target);
}

static void xl_rels_start(void *u, const char *el, const char **atts)
{
	struct xlsx *x = u;
	if (strcmp(local(el), "Relationship"))
		return;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"),
		   *target = attr(atts, "Target");
	if (!id || !type || !target)
		return;
	size_t tl = strlen(type);
	if (tl >= 14 && !strcmp(type + tl - 14, "/sharedStrings")) {
		free(x->sst_target);
		x->sst_target = xl_path(target);
	} else if (tl >= 7 && !strcmp(type + tl - 7, "/styles")) {
		free(x->styles_target);
		x->styles_target = xl_path(target);
	}
	for (size_t i = 0; i < x->nsheets; i++)
		if (!strcmp(x->sheets[i].rid, id) && !x->sheets[i].target)
			x->sheets[i].target = xl_path(target);
}

/* Does a number format show a date? Its code has d, m or y (or h, s) outside
 * quoted text, brackets ([Red], [$-421]) and escapes; m alone could be
 * minutes only with h, which a date-time has too. */
static int format_is_date(const char *code)
{
	int q = 0, br = 0;
	for (const char *p = code; *p; p++) {
		char c = *p;
		if (c == '"')
			q = !q;
		else if (q)
			continue;
		else if (c == '\\' || c == '_' || c == '*') {
			if (p[1])
				p++;
		} else if (c == '[')
			br = 1;
		else if (c == ']')
			br = 0;
		else if (!br && strchr("dDmMyY", c))
			return 1;
		else if (c == ';')
			break; /* the positive section decides */
	}
	return 0;
}

static int builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

static void xl_styles_start(void *u, const char *el, const char **atts)
{
	struct xlsx *x = u;
	const char *l = local(el);
	if (!strcmp(l, "numFmts")) {
		x->in_numfmts = 1;
	} else if (!strcmp(l, "cellXfs")) {
		x->in_cellxfs = 1;
	} else if (x->in_numfmts && !strcmp(l, "numFmt")) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		long n = id ? strtol(id, NULL, 10) : -1;
		if (n >= 0 && n < 512 && code)
			x->fmt_is_date[n] = format_is_date(code);
	} else if (x->in_cellxfs && !strcmp(l, "xf")) {
		const char *id = attr(atts, "numFmtId");
		long n = id ? strtol(id, NULL, 10) : 0;
		if (x->nxf == x->xfcap) {
			x->xfcap = x->xfcap ? x->xfcap * 2 : 64;
			x->xf_date = zi_xrealloc(x->xf_date, x->xfcap);
		}
		x->xf_date[x->nxf++] = (unsigned char)(n >= 0 && n < 512 &&
						       (x->fmt_is_date[n] == 1 ||
							(x->fmt_is_date[n] < 0 && builtin_date(n))));
	}
}

static void xl_styles_end(void *u, const char *el)
{
	struct xlsx *x = u;
	const char *l = local(el);
	if (!strcmp(l, "numFmts"))
		x->in_numfmts = 0;
	else if (!strcmp(l, "cellXfs"))
		x->in_cellxfs = 0;
}

static void xl_sst_start(void *u, const char *el, const char **atts)
{
	struct xlsx *x = u;
	const char *l = local(el);
	if (!strcmp(l, "si")) {
		x->in_si = 1;
		zi_buf_reset(&x->val);
	} else if (!strcmp(l, "rPh")) {
		x->in_rph = 1; /* phonetic hints are not what the cell shows */
	} else if (!strcmp(l, "t") && x->in_si && !x->in_rph) {
		x->in_t = 1;
	}
}

static void xl_sst_end(void *u, const char *el)
{
	struct xlsx *x = u;
	const char *l = local(el);
	if (!strcmp(l, "t")) {
		x->in_t = 0;
	} else if (!strcmp(l, "rPh")) {
		x->in_rph = 0;
	} else if (!strcmp(l, "si")) {
		x->in_si = 0;
		if (x->nsst + 1 >= x->sstcap) {
			x->sstcap = x->sstcap ? x->sstcap * 2 : 1024;
			x->sst_off = zi_xrealloc(x->sst_off, x->sstcap * sizeof(size_t));
		}
		x->sst_off[x->nsst++] = x->sst.len;
		zi_buf_add(&x->sst, x->val.data ? x->val.data : "", x->val.len);
		zi_buf_addc(&x->sst, 0);
		/* and where the next one starts: a string's length without strlen */
		x->sst_off[x->nsst] = x->sst.len;
	}
}

static void xl_text(void *u, const char *s, int len)
{
	struct xlsx *x = u;
	if (x->in_t || x->in_v)
		zi_buf_add(&x->val, s, (size_t)len);
}

struct sheet_parts;
static void start_parts(struct xlsx *x);

/* "C14" -> column 2; -1 when there is no reference. */
static long ref_col(const xmlChar *r, const xmlChar *end)
{
	long c = 0;
	int any = 0;
	for (; r < end && *r >= 'A' && *r <= 'Z'; r++) {
		c = c * 26 + (*r - 'A' + 1);
		any = 1;
		if (c > MAX_COLS)
			return MAX_COLS;
	}
	return any ? c - 1 : -1;
}

/* A cell's style index, or 0. */
static long style_index(const xmlChar *v, const xmlChar *end)
{
	long n = 0;
	for (; v < end && *v >= '0' && *v <= '9' && n < (1L << 30); v++)
		n = n * 10 + (*v - '0');
	return n;
}

/* "prefix:" into out[32], or "": 1 when it is too long for it. */
static int set_prefix(char out[32], const xmlChar *prefix)
{
	size_t n = prefix ? strlen((const char *)prefix) : 0;
	out[0] = 0;
	if (n + 2 > 32)
		return 1;
	if (n)
		snprintf(out, 32, "%s:", (const char *)prefix);
	return 0;
}

/* A row number (r= of <row>) as strtoul reads it. */
static unsigned long attr_ulong(const xmlChar *v, const xmlChar *end)
{
	char buf[64];
	size_t n = (size_t)(end - v);
	if (n >= sizeof(buf)) {
		char *t = zi_xstrndup((const char *)v, n);
		unsigned long r = strtoul(t, NULL, 10);
		free(t);
		return r;
	}
	memcpy(buf, v, n);
	buf[n] = 0;
	return strtoul(buf, NULL, 10);
}

/* Where the element whose start tag was just read begins, in bytes of the
 * part: the last '<' before the parser's position (a '<' cannot be in an
 * attribute value; the whole tag is in libxml2's buffer when it is read). */
static size_t tag_pos(xmlParserCtxtPtr p)
{
	const xmlChar *base = p->input->base, *cur = p->input->cur;
	const xmlChar *lt = memrchr(base, '<', (size_t)(cur - base));
	return (size_t)p->input->consumed + (size_t)((lt ? lt : cur) - base);
}

/* <c r= t= s=>: the three attributes in one pass over libxml2's (local
 * name, prefix, URI, value, end) five-tuples (a large sheet has millions of
 * cells); an attribute with a prefix is not one of them. */
static void xl_cell_start(struct xlsx *x, int natt, const xmlChar **a)
{
	const xmlChar *r = NULL, *t = NULL, *s = NULL, *re = NULL, *te = NULL, *se = NULL;
	for (int i = 0; i < natt; i++, a += 5) {
		const xmlChar *n = a[0];
		if (n[1] || a[1])
			continue;
		if (n[0] == 'r')
			r = a[3], re = a[4];
		else if (n[0] == 't')
			t = a[3], te = a[4];
		else if (n[0] == 's')
			s = a[3], se = a[4];
	}
	long c = r ? ref_col(r, re) : -1;
	x->col = c >= 0 ? c : x->col + 1;
	size_t tl = t ? (size_t)(te - t) : 0;
	x->ctype = !t					   ? 'n'
		   : tl == 3 && !memcmp(t, "str", 3)	   ? 'S'
		   : tl == 9 && !memcmp(t, "inlineStr", 9) ? 'i'
		   : tl					   ? (char)t[0]
							   : 0;
	x->cstyle = s ? style_index(s, se) : 0;
	x->in_cell = 1;
	x->val.len = 0;
	if (x->val.data)
		x->val.data[0] = 0;
}

static void xl_sheet_start(void *u, const xmlChar *el, const xmlChar *prefix, const xmlChar *uri,
			   int nns, const xmlChar **ns, int natt, int ndef, const xmlChar **atts)
{
	struct xlsx *x = u;
	const char *l = (const char *)el;
	(void)prefix, (void)uri, (void)ndef;
	switch (l[0]) {
	case 'c':
		if (!l[1])
			xl_cell_start(x, natt, atts);
		return;
	case 'v':
		if (!l[1] && x->in_cell)
			x->in_v = 1;
		return;
	case 'i':
		if (l[1] == 's' && !l[2] && x->in_cell)
			x->in_is = 1;
		return;
	case 't':
		if (!l[1] && x->in_is && !x->in_rph)
			x->in_t = 1;
		return;
	case 'r':
		if (!strcmp(l, "rPh"))
			x->in_rph = 1;
		else if (!strcmp(l, "row"))
			break;
		return;
	default:
		/* the namespaces declared above the rows and the prefix of
		 * sheetData, for the other parts' prologue (see part_run) */
		if (x->parts && !strcmp(l, "sheetData"))
			x->pfx_long |= set_prefix(x->pfx_data, prefix);
		if (x->parts && nns > 0)
			for (int i = 0; i < nns; i++) {
				zi_buf_adds(&x->nsdecl, ns[2 * i] ? " xmlns:" : " xmlns");
				if (ns[2 * i])
					zi_buf_adds(&x->nsdecl, (const char *)ns[2 * i]);
				zi_buf_adds(&x->nsdecl, "=\"");
				for (const xmlChar *c = ns[2 * i + 1]; c && *c; c++)
					if (*c == '"')
						zi_buf_adds(&x->nsdecl, "&quot;");
					else if (*c == '&')
						zi_buf_adds(&x->nsdecl, "&amp;");
					else if (*c == '<')
						zi_buf_adds(&x->nsdecl, "&lt;");
					else
						zi_buf_addc(&x->nsdecl, (char)*c);
				zi_buf_addc(&x->nsdecl, '"');
			}
		return;
	}
	/* <row> */
	if (x->stop_at != SIZE_MAX && x->base + tag_pos(x->job.p) >= x->stop_at) {
		x->job.enough = 1; /* the next part's first row */
		xmlStopParser(x->job.p);
		return;
	}
	const xmlChar *r = NULL, *re = NULL;
	for (int i = 0; i < natt; i++)
		if (!atts[5 * i + 1] && !strcmp((const char *)atts[5 * i], "r")) {
			r = atts[5 * i + 3];
			re = atts[5 * i + 4];
			break;
		}
	unsigned long n = r ? attr_ulong(r, re) : 0;
	if (!n)
		x->row_refs = 0;
	x->rownum = n ? n : x->rownum + 1;
	x->col = -1;
	row_reset(&x->row);
}

/* Days since 1970-01-01 of a spreadsheet serial, in the workbook's system. */
static int serial_to_iso(double v, int date1904, char *out, size_t outsz)
{
	if (!(v >= 0 && v < 2958466))
		return -1;
	double days = floor(v);
	long secs = lround((v - days) * 86400.0);
	if (secs >= 86400) {
		days += 1;
		secs -= 86400;
	}
	struct tm tm;
	if (zi_date_from_serial((long)days, date1904, &tm))
		return -1;
	if (secs) {
		snprintf(out, outsz, "%04d-%02d-%02d %02ld:%02ld:%02ld", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday, secs / 3600, secs / 60 % 60, secs % 60);
	} else if (outsz > 10) {
		/* no snprintf for every date cell of a large sheet */
		zi_date_iso((unsigned)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
			    (unsigned)tm.tm_mday, out);
		out[10] = 0;
	}
	return 0;
}

/* A date cell holding a whole number of days (the usual date cell), through
 * x->days: 1 with out set to YYYY-MM-DD, 0 when it is anything else. */
static int day_iso(struct xlsx *x, const char *v, size_t vl, char out[11])
{
	if (!vl || vl > 7)
		return 0;
	long n = 0;
	for (size_t i = 0; i < vl; i++) {
		if (v[i] < '0' || v[i] > '9')
			return 0;
		n = n * 10 + (v[i] - '0');
	}
	if (!x->days) {
		x->days = zi_xmalloc(sizeof(*x->days));
		for (size_t i = 0; i < DAY_MEMO; i++)
			x->days->serial[i] = -1;
	}
	size_t k = (size_t)n % DAY_MEMO;
	if (x->days->serial[k] != n) {
		char buf[64];
		if (serial_to_iso((double)n, x->date1904, buf, sizeof(buf)) || strlen(buf) != 10)
			return 0;
		memcpy(x->days->iso[k], buf, 11);
		x->days->serial[k] = n;
	}
	memcpy(out, x->days->iso[k], 11);
	return 1;
}

/* </c>: the cell's value as a person sees it, into the row. */
static void xl_cell_end(struct xlsx *x)
{
	x->in_cell = 0;
	const char *v = x->val.data ? x->val.data : "";
	size_t vl = x->val.len;
	char buf[64];
	char t = x->ctype;
	if (t == 's') {
		char *e;
		unsigned long i = strtoul(v, &e, 10);
		if (e != v && i < x->nsst) {
			v = x->sst.data + x->sst_off[i];
			vl = x->sst_off[i + 1] - x->sst_off[i] - 1;
		} else {
			vl = 0;
		}
	} else if (t == 'b') {
		v = !strcmp(v, "1") ? "TRUE" : vl ? "FALSE" : "";
		vl = strlen(v);
	} else if (t == 'd') {
		format_iso(v, buf, sizeof(buf));
		v = buf;
		vl = strlen(v);
	} else if (t == 'n' && vl) {
		int isdate = x->cstyle >= 0 && (size_t)x->cstyle < x->nxf && x->xf_date[x->cstyle];
		if (isdate && day_iso(x, v, vl, buf)) {
			v = buf;
			vl = 10;
		} else {
			char *e;
			double dv = isdate ? strtod(v, &e) : 0;
			if (!(isdate && e != v && !*e &&
			      serial_to_iso(dv, x->date1904, buf, sizeof(buf)) == 0))
				format_number(v, buf, sizeof(buf));
			v = buf;
			vl = strlen(v);
		}
	}
	/* str, inlineStr, e: the text as it is */
	row_set(&x->row, (size_t)x->col, v, vl);
}

static void xl_sheet_end(void *u, const xmlChar *el, const xmlChar *prefix, const xmlChar *uri)
{
	struct xlsx *x = u;
	const char *l = (const char *)el;
	(void)uri;
	switch (l[0]) {
	case 'v':
		if (!l[1])
			x->in_v = 0;
		return;
	case 't':
		if (!l[1])
			x->in_t = 0;
		return;
	case 'i':
		if (l[1] == 's' && !l[2])
			x->in_is = 0;
		return;
	case 'c':
		if (!l[1] && x->in_cell)
			xl_cell_end(x);
		return;
	case 'r':
		if (!strcmp(l, "rPh"))
			x->in_rph = 0;
		else if (!strcmp(l, "row"))
			break;
		return;
	case 's':
		if (!strcmp(l, "sheetData")) {
			/* what follows (merged ranges, print settings) changes no value */
			x->job.enough = 1;
			xmlStopParser(x->job.p);
		}
		return;
	default:
		return;
	}
	/* </row> */
	if (x->rownum > MAX_ROWS)
		return;
	int any = x->row.any;
	int rc = row_emit(&x->row, x->rownum, x->fn, x->ctx);
	if (rc) {
		x->job.stop = rc;
		xmlStopParser(x->job.p);
	}
	row_reset(&x->row);
	if (any && !rc && x->parts && ++x->emitted == ZI_SHEET_HEAD_ROWS && x->row_refs) {
		x->pfx_long |= set_prefix(x->pfx_row, prefix);
		start_parts(x);
	}
}

static void xl_sheet_text(void *u, const xmlChar *s, int len)
{
	struct xlsx *x = u;
	if (x->in_t || x->in_v)
		zi_buf_add(&x->val, s, (size_t)len);
}

/* A parser with the sheet's own handlers (they take libxml2's arguments). */
static xmlParserCtxtPtr sheet_parser(struct xlsx *x)
{
	xmlSAXHandler h;
	memset(&h, 0, sizeof(h));
	h.startElementNs = xl_sheet_start;
	h.endElementNs = xl_sheet_end;
	h.characters = xl_sheet_text;
	return new_parser(x, &h);
}

static int run_part(struct xlsx *x, const char *member, xml_start_fn s, xml_end_fn e, xml_text_fn t,
		    int required)
{
	xmlParserCtxtPtr p = job_parser(&x->job, x, s, e, t);
	x->job.stop = x->job.enough = x->job.suspend = 0;
	int rc = parse_member(x->z, member, x->name, p, &x->job, x->d, required);
	free_parser(p);
	return rc;
}

/* Which sheet: by name (exactly, then ignoring case), by 1-based number, or
 * the first visible one. -1 when none (reported). */
static long pick_sheet(const char *name, struct zi_diag *d, const char *want,
		       const char *const *names, const int *hidden, size_t n)
{
	if (!want) {
		for (size_t i = 0; i < n; i++)
			if (!hidden[i])
				return (long)i;
		if (n)
			return 0;
		zi_diag_error(d, name, 0, NULL, "sheet-missing", _("the spreadsheet has no sheet"));
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], want))
			return (long)i;
	for (size_t i = 0; i < n; i++)
		if (zi_strcaseeq(names[i], want))
			return (long)i;
	char *e;
	long k = strtol(want, &e, 10);
	if (e != want && !*e && k >= 1 && (size_t)k <= n)
		return k - 1;
	struct zi_buf b;
	zi_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i)
			zi_buf_adds(&b, ", ");
		zi_buf_printf(&b, "'%s'", names[i]);
	}
	zi_diag_error(d, name, 0, NULL, "sheet-missing",
		      _("there is no sheet '%s'; the sheets are: %s (give --sheet NAME or a "
			"number from 1)"),
		      want, b.data ? b.data : "");
	zi_buf_release(&b);
	return -1;
}

/* ---- a large sheet on several threads ------------------------------------
 * Part 0 reads from the start. After its first ZI_SHEET_HEAD_ROWS rows (the
 * header is known by then) it suspends its parser, the rest of the sheet's
 * bytes are cut in spans, and the parts run on the pool (lib/pool.c): part 0
 * resumes, part k reads the rows that start in span k with its own handle on
 * the archive (a zip_t is one thread's), inflating and dropping the bytes
 * before its span. A row starts at "<row" (the only place those bytes can
 * be: '<' in text is escaped), so every part knows where the next one begins.
 * A later part inflates more before its span, so it gets a shorter span:
 * each part then takes about as long (see cut_spans). */

struct xpart {
	struct sheet_parts *sp;
	struct xlsx x; /* part 0's, copied when the parts are cut */
	size_t from, to;
	zip_t *z; /* opened before the pool runs (libzip sets the */
	zip_file_t *f; /* time zone when it opens: not from several threads) */
};

struct sheet_parts {
	const char *path;
	const char *member;
	size_t size; /* the sheet part, inflated */
	zi_csv_row_fn fn;
	void **ctxs;
	struct zi_diag **ds;
	size_t n; /* parts wanted */
	size_t used; /* parts cut, part 0 included */
	struct xlsx *x0; /* part 0, suspended after its first rows */
	zip_file_t *f0;
	struct xpart p[64];
};

/* Part k's own struct xlsx: part 0's shared strings and styles, read only,
 * with buffers, rows and date memo of its own. */
static void part_xlsx(struct xlsx *x, const struct xpart *pt, struct zi_diag *d, void *ctx)
{
	*x = pt->x;
	memset(&x->row, 0, sizeof(x->row));
	zi_buf_init(&x->val);
	x->d = d;
	x->ctx = ctx;
	x->parts = NULL;
	x->stop_at = pt->to;
	x->in_v = x->in_is = x->in_cell = x->in_t = x->in_rph = 0;
	x->rownum = 0;
	x->days = NULL;
	memset(&x->job, 0, sizeof(x->job)); /* part 0's buffers stay its own */
}

/* Where in buf[0, len) the first row tag (tag, tl bytes, then ' ' or '>')
 * at or after i starts. When there is none whole in it: len when no '<' is
 * left, else the '<' (or the byte) past len - tl - 1 where the look ended,
 * which the caller compares with the span's end. */
static size_t find_row_tag(const char *buf, size_t i, size_t len, const char *tag, size_t tl)
{
	for (; i + tl + 1 <= len; i++) {
		const char *lt = memchr(buf + i, '<', len - i);
		if (!lt)
			return len;
		i = (size_t)(lt - buf);
		if (i + tl + 1 <= len && !memcmp(buf + i, tag, tl) &&
		    (buf[i + tl] == ' ' || buf[i + tl] == '>'))
			return i;
	}
	return i;
}

/* Opens the part's parse at sheet offset at, where its first row starts:
 * inside a sheetData of its own, with the namespaces declared above part
 * 0's rows (the last part's </sheetData> closes it). */
static int part_open(struct xlsx *x, xmlParserCtxtPtr p, size_t at, const char *member,
		     struct zi_diag *d)
{
	struct zi_buf wrap;
	zi_buf_init(&wrap);
	zi_buf_printf(&wrap, "<%ssheetData%s>", x->pfx_data, x->nsdecl.data ? x->nsdecl.data : "");
	x->base = at - wrap.len;
	xmlParseChunk(p, wrap.data, (int)wrap.len, 0);
	zi_buf_release(&wrap);
	if (!p->wellFormed) {
		xml_error(d, x->name, member, p);
		return ZI_EDATA;
	}
	return 0;
}

/* Part k >= 1: the rows that start in [from, to). The sheet's bytes are
 * inflated from the start of the member; those before the first row tag
 * of the span are only looked through (the last few kept, as a tag may
 * straddle two reads), then everything from it on is parsed. */
static int part_run(struct xpart *pt, struct zi_diag *d, void *ctx)
{
	struct sheet_parts *sp = pt->sp;
	struct xlsx x;
	part_xlsx(&x, pt, d, ctx);
	zip_file_t *f = pt->f;
	xmlParserCtxtPtr p = sheet_parser(&x);
	x.job.p = p;
	/* "<row" or "<x:row", as part 0's rows are written */
	char tag[40];
	size_t tl = (size_t)snprintf(tag, sizeof(tag), "<%srow", x.pfx_row);
	const size_t LOOK = tl + 1;
	char *buf = zi_xmalloc(FEED_SIZE + sizeof(tag));
	size_t keep = 0, off = 0; /* off: the sheet offset of buf[0] */
	int feeding = 0, rc = 0;
	for (;;) {
		zip_int64_t got = zip_fread(f, buf + keep, FEED_SIZE);
		if (got < 0) {
			zi_diag_error(d, x.name, 0, NULL, "sheet-invalid",
				      _("cannot read part '%s' of the spreadsheet: %s"), sp->member,
				      zip_file_strerror(f));
			rc = ZI_EDATA;
			break;
		}
		size_t len = keep + (size_t)got, at = 0;
		if (!feeding) {
			size_t i = find_row_tag(buf, pt->from > off ? pt->from - off : 0, len, tag,
						tl);
			if (i + LOOK > len || off + i >= pt->to) {
				if (got == 0 || off + i >= pt->to)
					break; /* no row starts in this span */
				/* keep the last bytes: a "<row" may straddle */
				size_t k = len < LOOK ? len : LOOK;
				memmove(buf, buf + len - k, k);
				off += len - k;
				keep = k;
				continue;
			}
			feeding = 1;
			if ((rc = part_open(&x, p, off + i, sp->member, d)))
				break;
			at = i;
		}
		xmlParseChunk(p, buf + at, (int)(len - at), got == 0);
		if (x.job.stop || x.job.enough) {
			rc = x.job.stop;
			break;
		}
		if (!p->wellFormed) {
			xml_error(d, x.name, sp->member, p);
			rc = ZI_EDATA;
			break;
		}
		if (got == 0)
			break;
		off += len;
		keep = 0;
	}
	free(buf);
	free_parser(p);
	zi_buf_release(&x.val);
	row_release(&x.row);
	free(x.days);
	return rc;
}

/* Part 0, going on where start_parts had it return. */
static int part0_run(struct sheet_parts *sp)
{
	struct xlsx *x = sp->x0;
	if (x->job.stop || x->job.enough)
		return x->job.stop;
	x->job.suspend = 0;
	return feed_member(sp->f0, sp->member, x->name, x->job.p, &x->job, x->d);
}

static int part_work(void *ctx, unsigned worker, size_t k)
{
	struct sheet_parts *sp = ctx;
	(void)worker;
	if (!k)
		return part0_run(sp);
	return part_run(&sp->p[k], sp->ds[k], sp->ctxs[k]);
}

/* Where the spans of parts 0 .. n-1 end (cut[k]; the last is size), part 0
 * starting at pos. Part k inflates every byte before its end and parses its
 * span; parsing a byte costs about PARSE_COST times inflating it (a profile
 * of the bench roster). Equal times T: cut[k+1] = (T + b cut[k]) / (a + b). */
#define PARSE_COST 6.0
static void cut_spans(size_t pos, size_t size, size_t n, size_t *cut)
{
	double a = 1, b = PARSE_COST, r = b / (a + b), rn = 1, sum = 0;
	for (size_t k = 0; k < n; k++) {
		sum += rn;
		rn *= r;
	}
	double t = ((double)size - rn * (double)pos) * (a + b) / sum;
	double c = (double)pos;
	for (size_t k = 0; k + 1 < n; k++) {
		c = (t + b * c) / (a + b);
		cut[k] = (size_t)c;
	}
	cut[n - 1] = size;
}

/* Called by part 0 after its first rows: cuts the rest, opens the other
 * parts' handles and suspends part 0's parser (read_sheet_parts then runs
 * the parts on the pool). */
static void start_parts(struct xlsx *x)
{
	struct sheet_parts *sp = x->parts;
	x->parts = NULL;
	xmlParserCtxtPtr p = x->job.p;
	size_t pos = (size_t)p->input->consumed + (size_t)(p->input->cur - p->input->base);
	/* the other parts look for "<row" in the bytes as they are: not in a
	 * sheet libxml2 converts (UTF-16), nor with an unusually long prefix */
	if (x->pfx_long || (p->input->buf && p->input->buf->encoder))
		return;
	if (sp->n < 2 || sp->size <= pos || sp->size - pos < (4u << 20))
		return;
	size_t n = sp->n < 64 ? sp->n : 64;
	if ((sp->size - pos) / n < (2u << 20))
		n = (sp->size - pos) / (2u << 20) + 1;
	for (size_t k = 1; k < n; k++) {
		int err = 0;
		struct xpart *pt = &sp->p[k];
		pt->z = zip_open(sp->path, ZIP_RDONLY, &err);
		pt->f = pt->z ? zip_fopen(pt->z, sp->member, 0) : NULL;
		if (!pt->f) {
			/* then part 0 reads on alone */
			for (size_t j = 1; j <= k; j++) {
				if (sp->p[j].f)
					zip_fclose(sp->p[j].f);
				if (sp->p[j].z)
					zip_discard(sp->p[j].z);
				sp->p[j].z = NULL;
				sp->p[j].f = NULL;
			}
			return;
		}
	}
	size_t cut[64];
	cut_spans(pos, sp->size, n, cut);
	x->stop_at = cut[0];
	for (size_t k = 1; k < n; k++) {
		struct xpart *pt = &sp->p[k];
		pt->sp = sp;
		pt->x = *x;
		pt->from = cut[k - 1];
		pt->to = k + 1 < n ? cut[k] : SIZE_MAX;
	}
	sp->used = n;
	/* libxml2 cannot suspend: part 0 returns after the chunk being
	 * parsed (its rows past the header are part 0's all the same) */
	x->job.suspend = 1;
}

static int read_sheet_parts(struct xlsx *x, const char *member)
{
	struct sheet_parts *sp = x->parts;
	if (sp) {
		zip_stat_t st;
		zip_stat_init(&st);
		if (zip_stat(x->z, member, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
			sp->size = (size_t)st.size;
		sp->member = member;
		if (sp->n < 2 || sp->size < (8u << 20))
			x->parts = NULL;
	}
	if (!x->parts) {
		xmlParserCtxtPtr p = sheet_parser(x);
		x->job.stop = x->job.enough = x->job.suspend = 0;
		int rc = parse_member(x->z, member, x->name, p, &x->job, x->d, 1);
		free_parser(p);
		return rc;
	}
	zip_file_t *f = zip_fopen(x->z, member, 0);
	if (!f) {
		zi_diag_error(x->d, x->name, 0, NULL, "sheet-invalid",
			      _("the spreadsheet has no part '%s': a damaged file?"), member);
		return ZI_EDATA;
	}
	xmlParserCtxtPtr p = sheet_parser(x);
	x->job.p = p;
	x->job.stop = x->job.enough = x->job.suspend = 0;
	int rc = feed_member(f, member, x->name, p, &x->job, x->d);
	if (!rc && sp->used > 1) {
		sp->x0 = x;
		sp->f0 = f;
		rc = zi_pool_run(sp->used, (unsigned)sp->used, sp->used, part_work, NULL, sp);
	}
	for (size_t k = 1; k < sp->used; k++) {
		zip_fclose(sp->p[k].f);
		zip_discard(sp->p[k].z);
	}
	zip_fclose(f);
	free_parser(p);
	return rc;
}

static int read_xlsx(zip_t *z, const char *name, const char *want, zi_csv_row_fn fn, void *ctx,
		     struct zi_diag *d, char *used, size_t usedsz, struct sheet_parts *sp)
{
	struct xlsx x;
	memset(&x, 0, sizeof(x));
	x.z = z;
	x.name = name;
	x.d = d;
	x.fn = fn;
	x.ctx = ctx;
	x.stop_at = SIZE_MAX;
	x.row_refs = 1;
	x.parts = sp;
	zi_buf_init(&x.sst);
	zi_buf_init(&x.val);
	zi_buf_init(&x.row.text);
	zi_buf_init(&x.nsdecl);
	x.fmt_is_date = zi_xmalloc(512 * sizeof(int));
	for (int i = 0; i < 512; i++)
		x.fmt_is_date[i] = -1;
	int rc = run_part(&x, "xl/workbook.xml", xl_workbook_start, NULL, NULL, 1);
	if (!rc)
		rc = run_part(&x, "xl/_rels/workbook.xml.rels", xl_rels_start, NULL, NULL, 1);
	long k = -1;
	if (!rc) {
		const char **names = zi_xcalloc(x.nsheets + 1, sizeof(char *));
		int *hidden = zi_xcalloc(x.nsheets + 1, sizeof(int));
		for (size_t i = 0; i < x.nsheets; i++) {
			names[i] = x.sheets[i].name;
			hidden[i] = x.sheets[i].hidden;
		}
		k = pick_sheet(name, d, want, names, hidden, x.nsheets);
		free(names);
		free(hidden);
		if (k < 0)
			rc = ZI_EDATA;
		else if (!x.sheets[k].target) {
			zi_diag_error(d, name, 0, NULL, "sheet-invalid",
				      _("sheet '%s' has no part in the file: a damaged file?"),
				      x.sheets[k].name);
			rc = ZI_EDATA;
		}
	}
	if (!rc)
		rc = run_part(&x, x.styles_target ? x.styles_target : "xl/styles.xml",
			      xl_styles_start, xl_styles_end, NULL, 0);
	if (!rc)
		rc = run_part(&x, x.sst_target ? x.sst_target : "xl/sharedStrings.xml",
			      xl_sst_start, xl_sst_end, xl_text, 0);
	if (!rc) {
		snprintf(used, usedsz, "%s", x.sheets[k].name);
		zi_buf_reset(&x.val);
		rc = read_sheet_parts(&x, x.sheets[k].target);
	}
	for (size_t i = 0; i < x.nsheets; i++) {
		free(x.sheets[i].name);
		free(x.sheets[i].rid);
		free(x.sheets[i].target);
	}
	free(x.sheets);
	free(x.sst_target);
	free(x.styles_target);
	free(x.fmt_is_date);
	free(x.xf_date);
	free(x.sst_off);
	free(x.days);
	zi_buf_release(&x.sst);
	zi_buf_release(&x.val);
	zi_buf_release(&x.nsdecl);
	job_release(&x.job);
	row_release(&x.row);
	return rc;
}

/* ---- .ods --------------------------------------------------------------- */

struct ods {
	struct xml_job job;
	const char *want;
	/* first pass: the tables and which are hidden */
	char **names;
	int *hidden;
	size_t n;
	char **hidden_styles;
	size_t nhs;
	char *cur_style; /* the table style being read */
	long pick; /* the table to read, or -1 in the first pass */
	/* second pass */
	long table; /* index of the table being parsed */
	int in_pick;
	unsigned long rownum; /* of the row being read (1-based) */
	unsigned long row_rep;
	size_t col;
	size_t cell_rep;
	int in_cell, in_p, in_annotation, pcount;
	int has_value;
	char value[64];
	struct zi_buf val;
	struct row row;
	zi_csv_row_fn fn;
	void *ctx;
	int done;
};

static void ods_scan_start(void *u, const char *el, const char **atts)
{
	struct ods *o = u;
	if (!strcmp(el, "style:style")) {
		const char *fam = attr(atts, "style:family"), *nm = attr(atts, "style:name");
		free(o->cur_style);
		o->cur_style = fam && nm && !strcmp(fam, "table") ? zi_xstrdup(nm) : NULL;
	} else if (!strcmp(el, "style:table-properties") && o->cur_style) {
		const char *disp = attr(atts, "table:display");
		if (disp && !strcmp(disp, "false")) {
			o->hidden_styles = zi_xrealloc(o->hidden_styles,
						       (o->nhs + 1) * sizeof(char *));
			o->hidden_styles[o->nhs++] = zi_xstrdup(o->cur_style);
		}
	} else if (!strcmp(el, "table:table")) {
		const char *nm = attr(atts, "table:name"), *st = attr(atts, "table:style-name");
		o->names = zi_xrealloc(o->names, (o->n + 1) * sizeof(char *));
		o->hidden = zi_xrealloc(o->hidden, (o->n + 1) * sizeof(int));
		o->names[o->n] = zi_xstrdup(nm ? nm : "");
		o->hidden[o->n] = 0;
		for (size_t i = 0; st && i < o->nhs; i++)
			if (!strcmp(o->hidden_styles[i], st))
				o->hidden[o->n] = 1;
		o->n++;
		/* the table wanted is known: the rest need not be scanned */
		char *e;
		long k = o->want ? strtol(o->want, &e, 10) : 0;
		if ((!o->want && !o->hidden[o->n - 1]) ||
		    (o->want && !strcmp(o->want, o->names[o->n - 1])) ||
		    (o->want && e != o->want && !*e && (size_t)k == o->n)) {
			o->job.enough = 1;
			xmlStopParser(o->job.p);
		}
	}
}

static void ods_text(void *u, const char *s, int len)
{
	struct ods *o = u;
	if (o->in_pick && o->in_p && !o->in_annotation)
		zi_buf_add(&o->val, s, (size_t)len);
}

static void ods_start(void *u, const char *el, const char **atts)
{
	struct ods *o = u;
	if (o->done)
		return;
	if (!strcmp(el, "table:table")) {
		o->table++;
		o->in_pick = o->table == o->pick;
		o->rownum = 0;
		return;
	}
	if (!o->in_pick)
		return;
	if (!strcmp(el, "table:table-row")) {
		const char *r = attr(atts, "table:number-rows-repeated");
		o->row_rep = r ? strtoul(r, NULL, 10) : 1;
		if (!o->row_rep)
			o->row_rep = 1;
		o->rownum++;
		o->col = 0;
		row_reset(&o->row);
	} else if (!strcmp(el, "table:table-cell") || !strcmp(el, "table:covered-table-cell")) {
		const char *r = attr(atts, "table:number-columns-repeated");
		o->cell_rep = r ? strtoul(r, NULL, 10) : 1;
		if (!o->cell_rep)
			o->cell_rep = 1;
		o->in_cell = 1;
		o->pcount = 0;
		o->has_value = 0;
		zi_buf_reset(&o->val);
		const char *type = attr(atts, "office:value-type");
		if (!type)
			return;
		const char *v = NULL;
		if (!strcmp(type, "float") || !strcmp(type, "percentage") ||
		    !strcmp(type, "currency")) {
			if ((v = attr(atts, "office:value")))
				format_number(v, o->value, sizeof(o->value));
		} else if (!strcmp(type, "date")) {
			if ((v = attr(atts, "office:date-value")))
				format_iso(v, o->value, sizeof(o->value));
		} else if (!strcmp(type, "boolean")) {
			if ((v = attr(atts, "office:boolean-value")))
				snprintf(o->value, sizeof(o->value), "%s",
					 !strcmp(v, "true") ? "TRUE" : "FALSE");
		}
		o->has_value = v != NULL;
	} else if (!strcmp(el, "office:annotation")) {
		o->in_annotation = 1;
	} else if (o->in_cell && !o->in_annotation && !strcmp(el, "text:p")) {
		if (o->pcount++)
			zi_buf_addc(&o->val, '\n');
		o->in_p++;
	} else if (o->in_p && !o->in_annotation && !strcmp(el, "text:s")) {
		const char *c = attr(atts, "text:c");
		long k = c ? strtol(c, NULL, 10) : 1;
		for (long i = 0; i < k && i < 1024; i++)
			zi_buf_addc(&o->val, ' ');
	} else if (o->in_p && !o->in_annotation && !strcmp(el, "text:tab")) {
		zi_buf_addc(&o->val, '\t');
	} else if (o->in_p && !o->in_annotation && !strcmp(el, "text:line-break")) {
		zi_buf_addc(&o->val, '\n');
	}
}

static void ods_end(void *u, const char *el)
{
	struct ods *o = u;
	if (o->done || !o->in_pick)
		return;
	if (!strcmp(el, "text:p")) {
		if (o->in_p)
			o->in_p--;
	} else if (!strcmp(el, "office:annotation")) {
		o->in_annotation = 0;
	} else if (!strcmp(el, "table:table-cell") || !strcmp(el, "table:covered-table-cell")) {
		o->in_cell = 0;
		const char *v = o->has_value ? o->value : o->val.data ? o->val.data : "";
		size_t vl = strlen(v);
		/* a run of empty cells (often to column 1024 or 16384) is only
		 * counted; a value repeated is set in each column, up to the last */
		if (vl)
			for (size_t i = 0; i < o->cell_rep && o->col + i < MAX_COLS; i++)
				row_set(&o->row, o->col + i, v, vl);
		o->col = o->cell_rep > MAX_COLS ? MAX_COLS : o->col + o->cell_rep;
		if (o->col > MAX_COLS)
			o->col = MAX_COLS;
	} else if (!strcmp(el, "table:table-row")) {
		/* empty rows, however many are repeated, are only counted */
		unsigned long first = o->rownum;
		unsigned long rep = o->row.any ? o->row_rep : 1;
		for (unsigned long i = 0; o->row.any && i < rep && first + i <= MAX_ROWS; i++) {
			int rc = row_emit(&o->row, first + i, o->fn, o->ctx);
			if (rc) {
				o->job.stop = rc;
				o->done = 1;
				xmlStopParser(o->job.p);
				return;
			}
		}
		o->rownum += o->row_rep - 1;
		if (o->rownum > MAX_ROWS)
			o->rownum = MAX_ROWS;
		row_reset(&o->row);
	} else if (!strcmp(el, "table:table")) {
		o->in_pick = 0;
		o->done = 1;
		o->job.enough = 1;
		xmlStopParser(o->job.p);
	}
}

static int read_ods(zip_t *z, const char *name, const char *want, zi_csv_row_fn fn, void *ctx,
		    struct zi_diag *d, char *used, size_t usedsz)
{
	struct ods o;
	memset(&o, 0, sizeof(o));
	o.pick = -1;
	o.want = want;
	o.fn = fn;
	o.ctx = ctx;
	zi_buf_init(&o.val);
	zi_buf_init(&o.row.text);
	/* first the names of the tables and their visibility (styles.xml
	 * and content.xml's automatic styles come before the tables) */
	xmlParserCtxtPtr p = job_parser(&o.job, &o, ods_scan_start, NULL, NULL);
	int rc = parse_member(z, "content.xml", name, p, &o.job, d, 1);
	free_parser(p);
	if (!rc) {
		long k = pick_sheet(name, d, want, (const char *const *)o.names, o.hidden, o.n);
		if (k < 0) {
			rc = ZI_EDATA;
		} else {
			snprintf(used, usedsz, "%s", o.names[k]);
			o.pick = k;
			o.table = -1;
			p = job_parser(&o.job, &o, ods_start, ods_end, ods_text);
			o.job.stop = o.job.enough = 0;
			rc = parse_member(z, "content.xml", name, p, &o.job, d, 1);
			free_parser(p);
		}
	}
	for (size_t i = 0; i < o.n; i++)
		free(o.names[i]);
	for (size_t i = 0; i < o.nhs; i++)
		free(o.hidden_styles[i]);
	free(o.names);
	free(o.hidden);
	free(o.hidden_styles);
	free(o.cur_style);
	zi_buf_release(&o.val);
	job_release(&o.job);
	row_release(&o.row);
	return rc;
}

/* zi_sheet_read on up to nparts parts (an .xlsx sheet of 8 MB or more). */
static int sheet_read_parts(const char *path, const char *name, const char *sheet, zi_csv_row_fn fn,
			    void **ctxs, struct zi_diag **ds, size_t nparts, size_t *used,
			    char *used_sheet, size_t used_sheetsz)
{
	void *ctx = ctxs[0];
	struct zi_diag *d = ds[0];
	*used = 1;
	if (!name)
		name = path;
	if (used_sheetsz)
		used_sheet[0] = 0;
	int err = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	if (!z) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		int io = err == ZIP_ER_OPEN || err == ZIP_ER_READ || err == ZIP_ER_NOENT ||
			 err == ZIP_ER_MEMORY;
		zi_diag_error(d, name, 0, NULL, io ? "io-read" : "sheet-invalid",
			      _("cannot open the spreadsheet: %s"), zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return io ? ZI_EIO : ZI_EDATA;
	}
	char tmp[128];
	int rc;
	if (zip_has(z, "xl/workbook.xml")) {
		struct sheet_parts *sp = NULL;
		if (nparts > 1) {
			sp = zi_xcalloc(1, sizeof(*sp));
			sp->path = path;
			sp->fn = fn;
			sp->ctxs = ctxs;
			sp->ds = ds;
			sp->n = nparts;
			sp->used = 1;
		}
		rc = read_xlsx(z, name, sheet, fn, ctx, d, used_sheet ? used_sheet : tmp,
			       used_sheet ? used_sheetsz : sizeof(tmp), sp);
		if (sp)
			*used = sp->used;
		free(sp);
	} else
		rc = read_ods(z, name, sheet, fn, ctx, d, used_sheet ? used_sheet : tmp,
			      used_sheet ? used_sheetsz : sizeof(tmp));
	zip_discard(z);
	return rc;
}

int zi_sheet_read(const char *path, const char *name, const char *sheet, zi_csv_row_fn fn,
		  void *ctx, struct zi_diag *d, char *used_sheet, size_t used_sheetsz)
{
	size_t used;
	return sheet_read_parts(path, name, sheet, fn, &ctx, &d, 1, &used, used_sheet, used_sheetsz);
}

int zi_table_read_parts(const char *path, const char *name, struct zi_csv_opts *opts,
			zi_csv_row_fn fn, void **ctxs, struct zi_diag **ds, size_t nparts,
			size_t *used)
{
	char what[400];
	if (!name)
		name = path;
	opts->used_sheet[0] = 0;
	switch (zi_sheet_sniff(path, what, sizeof(what))) {
	case ZI_FILE_XLSX:
	case ZI_FILE_ODS:
		return sheet_read_parts(path, name, opts->sheet, fn, ctxs, ds, nparts, used,
					opts->used_sheet, sizeof(opts->used_sheet));
	case ZI_FILE_OTHER:
		*used = 1;
		zi_diag_error(ds[0], name, 0, NULL, "file-not-table", "%s", what);
		return ZI_EDATA;
	case ZI_FILE_UTF16LE:
		if (opts->encoding == ZI_ENC_AUTO)
			opts->encoding = ZI_ENC_UTF16; /* read as little-endian */
		break;
	case ZI_FILE_TEXT:
		break;
	}
	return zi_csv_read_parts(path, name, opts, fn, ctxs, ds, nparts, used);
}

int zi_table_read(const char *path, const char *name, struct zi_csv_opts *opts, zi_csv_row_fn fn,
		  void *ctx, struct zi_diag *d)
{
	size_t used;
	return zi_table_read_parts(path, name, opts, fn, &ctx, &d, 1, &used);
}

void zi_sheet_name_cells(struct zi_diag *d, size_t from, const char *file, const char *sheet,
			 const char *const *col_fields, size_t ncols)
{
	if (!sheet || !sheet[0])
		return;
	for (size_t i = from; i < d->n; i++) {
		struct zi_diag_entry *e = &d->v[i];
		if (!e->line || e->cell || !e->file || strcmp(e->file, file))
			continue;
		long col = -1;
		for (size_t c = 0; e->field && c < ncols && col < 0; c++)
			if (col_fields[c] && !strcmp(col_fields[c], e->field))
				col = (long)c;
		char letters[8] = "";
		if (col >= 0)
			zi_sheet_col_name((size_t)col, letters);
		e->cell = zi_xasprintf("%s!%s%lu", sheet, letters, e->line);
	}
}
