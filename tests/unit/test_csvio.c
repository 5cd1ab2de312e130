/* lib/csvio: reading any spreadsheet CSV (issue 2, "Spreadsheet import") and
 * writing canonical CSV. Includes the public csv-spectrum conformance suite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>

#include "csvio.h"
#include "zitest.h"

/* Reads a buffer with the given options; returns the reader's status. */
static int read_mem(const char *buf, size_t len, struct zi_csv_opts *o, struct zt_rows *rows,
		    struct zi_diag *d)
{
	memset(rows, 0, sizeof(*rows));
	zi_diag_init(d);
	return zi_csv_read_mem(buf, len, "in.csv", o, zt_collect, rows, d);
}

#define READ_STR(s, o, rows, d) read_mem((s), sizeof(s) - 1, (o), (rows), (d))

/* ---- csv-spectrum ---- */

/* Errata of the corpus: csv-spectrum 2.0.0's location_coordinates.json expects
 * a phone number that is not in its CSV (the CSV has 2095257564, the JSON
 * 1234567890; upstream later corrected both files to 02095257564). A reader
 * that gave 1234567890 would be wrong, so the value the CSV holds is expected.
 * Every other field of every file is compared exactly as the JSON says. */
static const struct {
	const char *file, *column, *corpus_value, *true_value;
} errata[] = {
	{"location_coordinates", "Contact Phone Number", "1234567890", "2095257564"},
};

static const char *expected_value(const char *file, const char *column, const char *v)
{
	for (size_t i = 0; i < sizeof(errata) / sizeof(*errata); i++)
		if (!strcmp(errata[i].file, file) && !strcmp(errata[i].column, column) &&
		    !strcmp(errata[i].corpus_value, v))
			return errata[i].true_value;
	return v;
}

static void check_spectrum_file(const char *dir, const char *base)
{
	char *csv = zi_xasprintf("%s/csvs/%s.csv", dir, base);
	char *js = zi_xasprintf("%s/json/%s.json", dir, base);
	json_error_t je;
	json_t *want = json_load_file(js, 0, &je);
	if (!want)
		fprintf(stderr, "  %s: %s\n", js, je.text);
	assert_non_null(want);
	/* the JSON is an array of objects; one file has a bare object */
	if (json_is_object(want)) {
		json_t *a = json_array();
		json_array_append(a, want);
		json_decref(want);
		want = a;
	}
	assert_true(json_is_array(want));
	struct zt_rows rows = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_csv_opts o = {0};
	int rc = zi_csv_read(csv, NULL, &o, zt_collect, &rows, &d);
	if (rc || d.n) {
		fprintf(stderr, "  %s: status %d\n", csv, rc);
		zt_diag_dump(&d);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(o.used_delimiter, ',');
	/* a header, then one record per object */
	if (rows.n != json_array_size(want) + 1)
		fprintf(stderr, "  %s: %zu records, expected a header and %zu\n", base, rows.n,
			json_array_size(want));
	assert_int_equal(rows.n, json_array_size(want) + 1);
	const struct zt_row *hdr = &rows.v[0];
	for (size_t r = 0; r < json_array_size(want); r++) {
		json_t *obj = json_array_get(want, r);
		assert_true(json_is_object(obj));
		const struct zt_row *row = &rows.v[r + 1];
		if (row->n != json_object_size(obj) || hdr->n != row->n)
			fprintf(stderr, "  %s row %zu: %zu fields, expected %zu\n", base, r + 1,
				row->n, json_object_size(obj));
		assert_int_equal(hdr->n, json_object_size(obj));
		assert_int_equal(row->n, json_object_size(obj));
		for (size_t c = 0; c < hdr->n; c++) {
			const char *v = json_string_value(json_object_get(obj, hdr->f[c]));
			if (!v)
				fprintf(stderr, "  %s: column '%s' not in the expected JSON\n",
					base, hdr->f[c]);
			assert_non_null(v);
			v = expected_value(base, hdr->f[c], v);
			if (strcmp(v, row->f[c]))
				fprintf(stderr,
					"  %s row %zu column '%s': got '%s', expected '%s'\n", base,
					r + 1, hdr->f[c], row->f[c], v);
			assert_str(row->f[c], v);
		}
	}
	zt_rows_free(&rows);
	zi_diag_release(&d);
	json_decref(want);
	free(csv);
	free(js);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_csv_spectrum(void **state)
{
	(void)state;
	char *dir = zt_corpus("csv-spectrum");
	char *csvs = zi_xasprintf("%s/csvs", dir);
	DIR *dh = opendir(csvs);
	if (!dh)
		fprintf(stderr, "  csv-spectrum not found at %s\n", csvs);
	assert_non_null(dh);
	char *names[256];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dh)) && n < 256) {
		size_t l = strlen(e->d_name);
		if (l > 4 && !strcmp(e->d_name + l - 4, ".csv"))
			names[n++] = zi_xstrndup(e->d_name, l - 4);
	}
	closedir(dh);
	qsort(names, n, sizeof(*names), cmp_names);
	/* the suite as shipped: twelve files, all of them checked */
	assert_true(n >= 12);
	for (size_t i = 0; i < n; i++) {
		check_spectrum_file(dir, names[i]);
		free(names[i]);
	}
	free(csvs);
	free(dir);
}

/* ---- real-world spreadsheet files ---- */

/* Inputs read without a problem: the options given, what the reader found
 * (delimiter, encoding), no diagnostics at all where clean, how many rows,
 * and rows by index: first line and fields. What a case does not say is not
 * looked at. */
#define IN(s) .in = s, .len = sizeof(s) - 1
struct want_row {
	size_t i;
	unsigned long line;
	const char *f[5];
};

static const struct read_case {
	const char *name, *in;
	size_t len;
	int delimiter;
	enum zi_encoding encoding;
	int used_delimiter;
	enum zi_encoding used_encoding;
	int clean;
	size_t nrows;
	struct want_row rows[6];
} reads[] = {
	/* no BOM in the first header, no CR at the end of the last field */
	{.name = "BOM, semicolons, CRLF",
	 IN("\xEF\xBB\xBFNIP;Nama;Jabatan\r\n"
	    "198503152010011001;Budi Santoso;Kepala Dinas\r\n"
	    "198703222011012002;\"Sari; S.Kom\";Analis\r\n"),
	 .used_delimiter = ';',
	 .used_encoding = ZI_ENC_UTF8,
	 .clean = 1,
	 .nrows = 3,
	 .rows = {{0, 1, {"NIP", "Nama", "Jabatan"}},
		  {1, 2, {"198503152010011001", "Budi Santoso", "Kepala Dinas"}},
		  {2, 3, {"198703222011012002", "Sari; S.Kom", "Analis"}}}},
	{.name = "tabs",
	 IN("nip\tnama\tjabatan\n"
	    "198503152010011001\tBudi, S.E.\tKepala\n"),
	 .used_delimiter = '\t',
	 .nrows = 2,
	 .rows = {{1, 2, {"198503152010011001", "Budi, S.E.", "Kepala"}}}},
	/* three semicolons outside quotes beat two commas inside them */
	{.name = "delimiters in quotes",
	 IN("\"Nama, Gelar\";\"Unit, Bagian\";NIP;Gol\nBudi;Dinkes;1;III/a\n"),
	 .used_delimiter = ';',
	 .rows = {{0, 1, {"Nama, Gelar", "Unit, Bagian", "NIP", "Gol"}}}},
	/* a given delimiter is used as given */
	{.name = "delimiter given",
	 IN("a;b,c\n1;2,3\n"),
	 .delimiter = ',',
	 .used_delimiter = ',',
	 .rows = {{1, 2, {"1;2", "3"}}}},
	/* e-acute, curly quotes and an en dash as Excel writes them in CP1252 */
	{.name = "CP1252 found",
	 IN("nama;catatan\n"
	    "Caf\xE9 Kecamatan;\x93"
	    "baik\x94 \x96 ok\n"
	    "Andr\xE9;x\n"),
	 .used_encoding = ZI_ENC_CP1252,
	 .clean = 1,
	 .nrows = 3,
	 .rows = {{1,
		   2,
		   {"Caf\xC3\xA9 Kecamatan", "\xE2\x80\x9C"
					     "baik\xE2\x80\x9D \xE2\x80\x93 ok"}},
		  {2, 3, {"Andr\xC3\xA9", "x"}}}},
	/* forced CP1252 on the same bytes */
	{.name = "CP1252 given",
	 IN("nama;catatan\n"
	    "Caf\xE9 Kecamatan;\x93"
	    "baik\x94 \x96 ok\n"
	    "Andr\xE9;x\n"),
	 .encoding = ZI_ENC_CP1252,
	 .used_encoding = ZI_ENC_CP1252,
	 .rows = {{2, 3, {"Andr\xC3\xA9", "x"}}}},
	/* 37°36'37.8"N: a quote inside an unquoted field is a literal quote (as
	 * csv-spectrum's location_coordinates expects), not a malformed file */
	{.name = "quote inside an unquoted field",
	 IN("lokasi,kota\n37\xC2\xB0"
	    "36'37.8\"N,Modesto\n5\" disk,x\n"),
	 .nrows = 3,
	 .rows = {{1,
		   2,
		   {"37\xC2\xB0"
		    "36'37.8\"N",
		    "Modesto"}},
		  {2, 3, {"5\" disk", "x"}}}},
	/* a record over lines is at the line it starts on, the next at its own */
	{.name = "fields over lines",
	 IN("id,alamat\n"
	    "1,\"Jl. Merdeka 1\n"
	    "Kel. Sukajadi\n"
	    "Bandung\"\n"
	    "2,\"Jl. A\r\nRT 01\"\r\n"
	    "3,biasa\n"),
	 .nrows = 4,
	 .rows = {{1, 2, {"1", "Jl. Merdeka 1\nKel. Sukajadi\nBandung"}},
		  {2, 5, {"2", "Jl. A\r\nRT 01"}},
		  {3, 7, {"3", "biasa"}}}},
	/* blank lines are skipped but kept inside quotes; a row of empty cells
	 * is a row */
	{.name = "blank lines",
	 IN("a,b\n"
	    "\n"
	    "1,2\n"
	    "\r\n"
	    "\n"
	    "3,\"x\n"
	    "\n"
	    "y\"\n"
	    ",\n"
	    "5,6\n"
	    "\n"),
	 .clean = 1,
	 .nrows = 5,
	 .rows = {{0, 1, {"a", "b"}},
		  {1, 3, {"1", "2"}},
		  {2, 6, {"3", "x\n\ny"}},
		  {3, 9, {"", ""}},
		  {4, 10, {"5", "6"}}}},
	/* the final row without a newline: plain, quoted, an empty last field */
	{.name = "last row without newline",
	 IN("a,b\n1,2\n3,4"),
	 .nrows = 3,
	 .rows = {{2, 3, {"3", "4"}}}},
	{.name = "quoted last row without newline",
	 IN("a,b\r\n1,\"quoted, last\""),
	 .nrows = 2,
	 .rows = {{1, 2, {"1", "quoted, last"}}}},
	{.name = "empty last field without newline",
	 IN("a,b\n1,"),
	 .nrows = 2,
	 .rows = {{1, 2, {"1", ""}}}},
	/* libcsv would trim these: the reader keeps them, the import trims later */
	{.name = "spaces kept",
	 IN("a,b,c\n  lead,trail  , both \n\" q \", x\t,\t\n"),
	 .delimiter = ',',
	 .nrows = 3,
	 .rows = {{1, 2, {"  lead", "trail  ", " both "}}, {2, 3, {" q ", " x\t", "\t"}}}},
};
#undef IN

/* One row as zt_assert_row checks it, the case named when it fails. */
static void check_row(const char *name, const struct zt_rows *rows, const struct want_row *w)
{
	size_t nf = 0;
	while (w->f[nf])
		nf++;
	zt_case_true(w->i < rows->n, "%s: row %zu", name, w->i);
	const struct zt_row *r = &rows->v[w->i];
	zt_case_int(r->line, w->line, "%s: row %zu", name, w->i);
	zt_case_int(r->n, nf, "%s: row %zu", name, w->i);
	for (size_t k = 0; k < nf; k++)
		zt_case_str(r->f[k], w->f[k], "%s: row %zu field %zu", name, w->i, k);
}

static void test_reads(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(reads) / sizeof(*reads); i++) {
		const struct read_case *c = &reads[i];
		struct zi_csv_opts o = {.delimiter = c->delimiter, .encoding = c->encoding};
		struct zt_rows rows;
		struct zi_diag d;
		int rc = read_mem(c->in, c->len, &o, &rows, &d);
		if (rc)
			zt_diag_dump(&d);
		zt_case_int(rc, 0, "%s", c->name);
		if (c->clean)
			zt_case_int(d.n, 0, "%s", c->name);
		if (c->used_delimiter)
			zt_case_int(o.used_delimiter, c->used_delimiter, "%s", c->name);
		if (c->used_encoding)
			zt_case_int(o.used_encoding, c->used_encoding, "%s", c->name);
		if (c->nrows)
			zt_case_int(rows.n, c->nrows, "%s", c->name);
		for (const struct want_row *w = c->rows; w->f[0]; w++)
			check_row(c->name, &rows, w);
		zt_rows_free(&rows);
		zi_diag_release(&d);
	}
}

/* Inputs refused, each with the code of its problem named at the line where
 * the record with it starts (its file too, where given); ndiag: how many
 * diagnostics in all (-1: not looked at). */
#define IN(s) s, sizeof(s) - 1
static const struct refusal {
	const char *name, *in;
	size_t len;
	enum zi_encoding encoding;
	const char *code;
	unsigned long line;
	long ndiag;
	const char *file;
} refusals[] = {
	/* 0x81 is neither UTF-8 nor CP1252 */
	{"cp1252 undefined byte", IN("a,b\n1,2\n3,\x81\n"), ZI_ENC_AUTO, "encoding-invalid", 3, -1,
	 "in.csv"},
	/* lines ending in CR alone (Excel's "CSV (Macintosh)"): a bad byte in
	 * UTF-8 or in CP1252 is named by its line too */
	{"CR lines, bad UTF-8", IN("a,b\r1,2\rJos\xC3\xA9,\xFF\r"), ZI_ENC_UTF8, "encoding-invalid",
	 3, -1, NULL},
	{"CR lines, bad CP1252", IN("a,b\r1,2\rx,\x81\r"), ZI_ENC_CP1252, "encoding-invalid", 3, -1,
	 NULL},
	/* a lone low surrogate on line 2, then more text: one error, on line 2 */
	{"UTF-16 lone surrogate",
	 IN("\xFF\xFE"
	    "a\0,\0b\0\n\0"
	    "1\0,\0\x00\xDC\n\0"
	    "2\0,\0x\0\n\0"),
	 ZI_ENC_AUTO, "encoding-invalid", 2, 1, NULL},
	/* a quote left open at the very end, without a newline */
	{"unterminated at the end", IN("a,b\n1,\"x"), ZI_ENC_AUTO, "csv-unterminated", 2, -1, NULL},
	/* text after the closing quote of a record over two lines */
	{"broken multi-line record", IN("a,b\n1,\"two\nlines\" x\n4,5\n"), ZI_ENC_AUTO, "csv-quote",
	 2, -1, NULL},
};
#undef IN

static void test_refusals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(refusals) / sizeof(*refusals); i++) {
		const struct refusal *c = &refusals[i];
		struct zi_csv_opts o = {.encoding = c->encoding};
		struct zt_rows rows;
		struct zi_diag d;
		zt_case_int(read_mem(c->in, c->len, &o, &rows, &d), ZI_EDATA, "%s", c->name);
		const struct zi_diag_entry *e = zt_diag_find(&d, c->code, 0);
		if (!e || (c->ndiag >= 0 && d.n != (size_t)c->ndiag))
			zt_diag_dump(&d);
		if (c->ndiag >= 0)
			zt_case_int(d.n, c->ndiag, "%s", c->name);
		zt_case_true(e != NULL, "%s: %s", c->name, c->code);
		zt_case_int(e->line, c->line, "%s", c->name);
		if (c->file)
			zt_case_str(e->file, c->file, "%s", c->name);
		zt_rows_free(&rows);
		zi_diag_release(&d);
	}
}

static void test_cp1252_many_undefined_bytes(void **state)
{
	(void)state;
	/* 2 MiB, two undefined bytes (0x81, 0x8D) on every odd line: the first
	 * twenty are named by their lines, counted once over the file (counting
	 * from the start for each made this quadratic: 22 s for 2 MiB) */
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, "a,b\n");
	for (unsigned long line = 2; b.len < (2u << 20); line++)
		zi_buf_adds(&b, line % 2 ? "x\x81,\xE9\x8D\n" : "\xE9t\xE9,2\n");
	struct zi_csv_opts o = {0};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(read_mem(b.data, b.len, &o, &rows, &d), ZI_EDATA);
	assert_int_equal(zt_diag_count(&d, "encoding-invalid"), 20);
	for (size_t i = 0; i < d.n; i++)
		assert_int_equal(d.v[i].line, 3 + 2 * (i / 2));
	assert_int_equal(rows.n, 0);
	zt_rows_free(&rows);
	zi_diag_release(&d);
	zi_buf_release(&b);
}

/* A quoted field that grows past 1 MiB over lines is let go of and the parse
 * goes on where it was: doubled quotes, commas and line ends after the
 * limit stay inside the field, the record after it is read, and a field
 * closed at the very end of the input (no line end) is no unclosed quote. */
static void test_long_field_over_lines(void **state)
{
	(void)state;
	for (int at_end = 0; at_end <= 1; at_end++) {
		struct zi_buf b;
		zi_buf_init(&b);
		zi_buf_adds(&b, "a,b\n1,\"");
		for (int l = 0; l < 1100; l++) {
			for (int i = 0; i < 990; i++)
				zi_buf_addc(&b, 'y');
			zi_buf_adds(&b, "\"\",z,\n");
		}
		if (at_end) {
			/* past the limit again on the last line, closed there */
			for (size_t i = 0; i < ZI_CSV_FIELD_MAX + 10; i++)
				zi_buf_addc(&b, 'w');
			zi_buf_addc(&b, '"');
		} else {
			zi_buf_adds(&b, "\"\n2,after\n");
		}
		struct zi_csv_opts o = {0};
		struct zt_rows rows;
		struct zi_diag d;
		assert_int_equal(read_mem(b.data, b.len, &o, &rows, &d), ZI_EDATA);
		assert_non_null(zt_diag_find(&d, "csv-field-too-long", 2));
		assert_int_equal(d.n, 1);
		assert_int_equal(rows.n, at_end ? 1 : 2);
		zt_assert_row(&rows, 0, 1, "a", "b");
		if (!at_end)
			zt_assert_row(&rows, 1, 1103, "2", "after");
		zt_rows_free(&rows);
		zi_diag_release(&d);
		zi_buf_release(&b);
	}
}

/* A field over 1 MiB, a line over 16 MiB and a NUL byte are errors naming
 * the line (and column); the record is not delivered, the others are, and
 * what the parser holds stays small. */
static void test_limits(void **state)
{
	(void)state;
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, "a,b\n1,ok\n");
	/* line 3: a field of 1 MiB + 1 on one line */
	zi_buf_adds(&b, "2,");
	for (size_t i = 0; i < ZI_CSV_FIELD_MAX + 1; i++)
		zi_buf_addc(&b, 'x');
	zi_buf_adds(&b, "\n3,fine\n");
	/* line 5: a quoted field of 1100 lines of 1000 bytes (each line short) */
	zi_buf_adds(&b, "4,\"");
	for (int l = 0; l < 1100; l++) {
		for (int i = 0; i < 999; i++)
			zi_buf_addc(&b, 'y');
		zi_buf_addc(&b, '\n');
	}
	zi_buf_adds(&b, "\"\n5,after\n");
	/* line 1107: a NUL byte in column 2 */
	zi_buf_add(&b, "6,a\0b\n7,last\n", 13);
	struct zi_csv_opts o = {0};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(read_mem(b.data, b.len, &o, &rows, &d), ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "csv-field-too-long", 3));
	assert_non_null(zt_diag_find(&d, "csv-field-too-long", 5));
	const struct zi_diag_entry *e = zt_diag_find(&d, "csv-nul", 1107);
	assert_non_null(e);
	assert_non_null(strstr(e->message, "column 2"));
	assert_int_equal(d.n, 3);
	assert_int_equal(rows.n, 5);
	zt_assert_row(&rows, 0, 1, "a", "b");
	zt_assert_row(&rows, 1, 2, "1", "ok");
	zt_assert_row(&rows, 2, 4, "3", "fine");
	zt_assert_row(&rows, 3, 1106, "5", "after");
	zt_assert_row(&rows, 4, 1108, "7", "last");
	zt_rows_free(&rows);
	zi_diag_release(&d);

	/* a line of 16 MiB + 1 (in a file, mapped), then a good one */
	zi_buf_reset(&b);
	zi_buf_adds(&b, "a,b\n1,");
	zi_buf_reserve(&b, ZI_CSV_LINE_MAX + 64);
	memset(b.data + b.len, 'z', ZI_CSV_LINE_MAX);
	b.len += ZI_CSV_LINE_MAX;
	zi_buf_adds(&b, "\n2,ok\n");
	char *dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/long.csv", dir);
	zt_write(path, b.data, b.len);
	memset(&rows, 0, sizeof(rows));
	zi_diag_init(&d);
	assert_int_equal(zi_csv_read(path, "long.csv", &o, zt_collect, &rows, &d), ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "csv-line-too-long", 2));
	assert_int_equal(d.n, 1);
	assert_int_equal(rows.n, 2);
	zt_assert_row(&rows, 1, 3, "2", "ok");
	zt_rows_free(&rows);
	zi_diag_release(&d);

	/* a header that breaks a limit: nothing more is read */
	static const char head[] = "a,b\0c\n1,2\n";
	assert_int_equal(READ_STR(head, &o, &rows, &d), ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "csv-nul", 1));
	assert_int_equal(rows.n, 0);
	zt_rows_free(&rows);
	zi_diag_release(&d);
	free(path);
	zt_rmtree(dir);
	free(dir);
	zi_buf_release(&b);
}

static void test_cr_only_lines(void **state)
{
	(void)state;
	/* Excel's "CSV (Macintosh)": lines end in CR alone; each is its own
	 * line, blank ones too, and a line end inside quotes is kept */
	static const char in[] = "a,b\r1,2\r\r\"x\ry\",3\r4,\"5\r";
	struct zi_csv_opts o = {0};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(READ_STR(in, &o, &rows, &d), ZI_EDATA);
	assert_int_equal(rows.n, 3);
	zt_assert_row(&rows, 1, 2, "1", "2");
	zt_assert_row(&rows, 2, 4, "x\ry", "3");
	/* the unterminated quote is named by the line it opens on */
	assert_non_null(zt_diag_find(&d, "csv-unterminated", 6));
	zt_rows_free(&rows);
	zi_diag_release(&d);
	/* a bad byte on such lines: test_refusals */
}

static void test_mixed_encoding_refused(void **state)
{
	(void)state;
	/* UTF-8 (e-acute as C3 A9) with one stray CP1252 byte on line 3: not read
	 * as CP1252, which would turn the good letters into two wrong ones */
	static const char in[] = "nama,catatan\nCaf\xC3\xA9,ok\nAndr\xE9,x\nJos\xC3\xA9,y\n";
	struct zi_csv_opts o = {0};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(READ_STR(in, &o, &rows, &d), ZI_EDATA);
	assert_int_equal(rows.n, 0);
	assert_int_equal(d.n, 1);
	const struct zi_diag_entry *e = zt_diag_find(&d, "encoding-mixed", 3);
	assert_non_null(e);
	zt_rows_free(&rows);
	zi_diag_release(&d);
	/* said outright, the file is read in that encoding */
	struct zi_csv_opts o2 = {.encoding = ZI_ENC_CP1252};
	assert_int_equal(READ_STR(in, &o2, &rows, &d), 0);
	zt_assert_row(&rows, 2, 3, "Andr\xC3\xA9", "x");
	zt_rows_free(&rows);
	zi_diag_release(&d);
}

/* text as UTF-16 code units in the given byte order, with a BOM */
static size_t to_utf16(const char *ascii_or_latin1, int le, unsigned char *out)
{
	size_t n = 0;
	out[n++] = le ? 0xFF : 0xFE;
	out[n++] = le ? 0xFE : 0xFF;
	for (const unsigned char *p = (const unsigned char *)ascii_or_latin1; *p; p++) {
		out[n++] = le ? *p : 0;
		out[n++] = le ? 0 : *p;
	}
	return n;
}

static void test_utf16(void **state)
{
	(void)state;
	unsigned char buf[256];
	/* Latin-1 0xC4 is U+00C4 (A with diaeresis) */
	const char *text = "nip\tnama\r\n198503152010011001\tB\xC4rbel\r\n2\tx\r\n";
	for (int le = 1; le >= 0; le--) {
		size_t n = to_utf16(text, le, buf);
		struct zi_csv_opts o = {0};
		struct zt_rows rows;
		struct zi_diag d;
		int rc = read_mem((const char *)buf, n, &o, &rows, &d);
		zt_diag_dump(&d);
		assert_int_equal(rc, 0);
		assert_int_equal(o.used_encoding, ZI_ENC_UTF16);
		assert_int_equal(o.used_delimiter, '\t');
		assert_int_equal(rows.n, 3);
		zt_assert_row(&rows, 0, 1, "nip", "nama");
		zt_assert_row(&rows, 1, 2, "198503152010011001", "B\xC3\x84rbel");
		zt_assert_row(&rows, 2, 3, "2", "x");
		zt_rows_free(&rows);
		zi_diag_release(&d);
	}
}

static void test_invalid_utf8_named_by_line(void **state)
{
	(void)state;
	static const char in[] = "nip,nama\n"
				 "198503152010011001,Budi\n"
				 "198703222011012002,Andr\xE9\n"
				 "198703222011012003,ok\n"
				 "198703222011012004,\xFF\xFE\n";
	struct zi_csv_opts o = {.encoding = ZI_ENC_UTF8};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(READ_STR(in, &o, &rows, &d), ZI_EDATA);
	assert_int_equal(zt_diag_count(&d, "encoding-invalid"), 2);
	assert_non_null(zt_diag_find(&d, "encoding-invalid", 3));
	assert_non_null(zt_diag_find(&d, "encoding-invalid", 5));
	assert_int_equal(d.errors, 2);
	const struct zi_diag_entry *e = zt_diag_find(&d, "encoding-invalid", 3);
	assert_non_null(strstr(e->message, "0xE9"));
	zt_rows_free(&rows);
	zi_diag_release(&d);
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	static const char in[] = "a,b\n"
				 "1,2\n"
				 "3,\"never closed\n"
				 "4,5\n"
				 "6,7\n";
	struct zi_csv_opts o = {0};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(READ_STR(in, &o, &rows, &d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&d, "csv-unterminated", 0);
	assert_non_null(e);
	assert_int_equal(e->line, 3); /* where the record starts, not the end of the file */
	assert_int_equal(e->severity, ZI_ERROR);
	/* the rows before it were delivered */
	assert_true(rows.n >= 2);
	zt_assert_row(&rows, 1, 2, "1", "2");
	zt_rows_free(&rows);
	zi_diag_release(&d);
	/* the same at the very end without a newline: test_refusals */
}

static void test_malformed_quotes(void **state)
{
	(void)state;
	/* text after a closing quote on line 3; later rows still come, with their lines */
	static const char in[] = "a,b\n"
				 "1,2\n"
				 "3,\"abc\"def\n"
				 "4,5\n";
	struct zi_csv_opts o = {0};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(READ_STR(in, &o, &rows, &d), ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&d, "csv-quote", 0);
	assert_non_null(e);
	assert_int_equal(e->line, 3);
	assert_int_equal(zt_diag_count(&d, "csv-quote"), 1);
	assert_int_equal(rows.n, 3);
	zt_assert_row(&rows, 1, 2, "1", "2");
	zt_assert_row(&rows, 2, 4, "4", "5");
	zt_rows_free(&rows);
	zi_diag_release(&d);
	/* a broken multi-line record, reported at the line where it starts:
	 * test_refusals */
}

/* ---- reading a large file in parts (zi_csv_read_parts) ---- */

/* The rows of parts 0 .. used-1, in order, with the diagnostics, must be what
 * one reader gives: same fields, same lines, same problems. */
static void check_parts_same(const char *path, size_t nparts, size_t *used_out)
{
	struct zi_csv_opts o = {.delimiter = ','};
	struct zt_rows one;
	memset(&one, 0, sizeof(one));
	struct zi_diag d1;
	zi_diag_init(&d1);
	int rc1 = zi_csv_read(path, "big.csv", &o, zt_collect, &one, &d1);

	struct zt_rows parts[8];
	struct zi_diag pd[8];
	void *ctxs[8];
	struct zi_diag *ds[8];
	for (size_t k = 0; k < nparts; k++) {
		memset(&parts[k], 0, sizeof(parts[k]));
		zi_diag_init(&pd[k]);
		ctxs[k] = &parts[k];
		ds[k] = &pd[k];
	}
	struct zi_csv_opts o2 = {.delimiter = ','};
	size_t used = 0;
	int rc2 = zi_csv_read_parts(path, "big.csv", &o2, zt_collect, ctxs, ds, nparts, &used);
	assert_int_equal(rc1, rc2);
	assert_true(used >= 1 && used <= nparts);
	size_t i = 0, nd = 0;
	for (size_t k = 0; k < used; k++) {
		for (size_t r = 0; r < parts[k].n; r++, i++) {
			assert_true(i < one.n);
			assert_int_equal(parts[k].v[r].line, one.v[i].line);
			assert_int_equal(parts[k].v[r].n, one.v[i].n);
			for (size_t f = 0; f < one.v[i].n; f++)
				assert_str(parts[k].v[r].f[f], one.v[i].f[f]);
		}
		for (size_t e = 0; e < pd[k].n; e++, nd++) {
			assert_true(nd < d1.n);
			assert_int_equal(pd[k].v[e].line, d1.v[nd].line);
			assert_str(pd[k].v[e].code, d1.v[nd].code);
		}
	}
	assert_int_equal(i, one.n);
	assert_int_equal(nd, d1.n);
	for (size_t k = 0; k < nparts; k++) {
		zt_rows_free(&parts[k]);
		zi_diag_release(&pd[k]);
	}
	zt_rows_free(&one);
	zi_diag_release(&d1);
	*used_out = used;
}

/* A file of about 3 MiB: plain rows, CRLF rows, blank lines, quoted fields
 * with line ends and quotes; optionally a literal quote early on (which makes
 * the quote count odd at every real record end after it) and bad quotes. */
static void write_big_eol(const char *path, int literal_quote, int bad_quotes, int cr);

static void write_big(const char *path, int literal_quote, int bad_quotes)
{
	write_big_eol(path, literal_quote, bad_quotes, 0);
}

/* cr: every line ends in CR alone (no LF anywhere) */
static void write_big_eol(const char *path, int literal_quote, int bad_quotes, int cr)
{
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, "id,name,note\n");
	for (unsigned i = 0; b.len < (3u << 20); i++) {
		if (i == 10 && literal_quote)
			zi_buf_adds(&b, "x,37°36'37.8\"N,plain\n");
		if (bad_quotes && i % 20000 == 7)
			zi_buf_printf(&b, "%u,\"bad\"quote,z\n", i);
		switch (i % 7) {
		case 0:
			zi_buf_printf(&b, "%u,\"line one\nline two, \"\"quoted\"\"\",n\n", i);
			break;
		case 1:
			zi_buf_printf(&b, "%u,crlf row,x\r\n", i);
			break;
		case 2:
			zi_buf_adds(&b, "\n");
			break;
		default:
			zi_buf_printf(&b, "%u,name %u,note %u\n", i, i * 7, i % 13);
		}
	}
	if (cr)
		for (size_t i = 0; i < b.len; i++)
			if (b.data[i] == '\n')
				b.data[i] = '\r';
	zt_write(path, b.data, b.len);
	zi_buf_release(&b);
}

/* The limits hold when a large file is read in parts: the same records and
 * the same problems, on the same lines, as one reader gives. */
static void test_limits_in_parts(void **state)
{
	(void)state;
	char *dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/big.csv", dir);
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, "a,b,c\n");
	for (int i = 0; b.len < (6u << 20); i++) {
		if (i % 20000 == 7000) { /* a field of 1 MiB + 10, quoted over lines */
			zi_buf_printf(&b, "%d,\"", i);
			for (size_t k = 0; k < ZI_CSV_FIELD_MAX + 10; k++)
				zi_buf_addc(&b, k % 100 == 99 ? '\n' : 'q');
			zi_buf_adds(&b, "\",x\n");
		} else if (i % 20000 == 13000) {
			zi_buf_printf(&b, "%d,nul", i);
			zi_buf_add(&b, "\0here,x\n", 8);
		} else {
			zi_buf_printf(&b, "%d,row %d,\"x\ny\"\n", i, i);
		}
	}
	zt_write(path, b.data, b.len);
	for (size_t nparts = 1; nparts <= 4; nparts++) {
		size_t used;
		check_parts_same(path, nparts, &used);
	}
	/* and the problems are there, once each */
	struct zi_csv_opts o = {.delimiter = ','};
	struct zt_rows rows;
	memset(&rows, 0, sizeof(rows));
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_csv_read(path, "big.csv", &o, zt_collect, &rows, &d), ZI_EDATA);
	assert_true(zt_diag_count(&d, "csv-field-too-long") >= 1);
	assert_true(zt_diag_count(&d, "csv-nul") >= 1);
	assert_int_equal(d.n,
			 zt_diag_count(&d, "csv-field-too-long") + zt_diag_count(&d, "csv-nul"));
	zt_rows_free(&rows);
	zi_diag_release(&d);
	zi_buf_release(&b);
	free(path);
	zt_rmtree(dir);
	free(dir);
}

static void test_parts_like_one_reader(void **state)
{
	(void)state;
	char *dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/big.csv", dir);
	size_t used;
	write_big(path, 0, 0);
	for (size_t n = 1; n <= 8; n *= 2) {
		check_parts_same(path, n, &used);
		/* with no literal quote, every cut is at a record end (parts
		 * of at least 1 MiB: two of this file) */
		assert_int_equal(used, n < 2 ? n : 2);
	}
	/* a literal quote: the cuts fall inside quoted fields, and the part
	 * before each reads on */
	write_big(path, 1, 0);
	for (size_t n = 2; n <= 8; n *= 2)
		check_parts_same(path, n, &used);
	/* malformed rows in every part: every one reported, in order */
	write_big(path, 0, 1);
	for (size_t n = 2; n <= 8; n *= 2)
		check_parts_same(path, n, &used);
	/* lines that end in CR alone: cut there, and counted so */
	write_big_eol(path, 0, 1, 1);
	check_parts_same(path, 2, &used);
	assert_int_equal(used, 2);
	zt_rmtree(dir);
	free(path);
	free(dir);
}

/* A reader that stops at a given row. */
struct stopper {
	unsigned long at_line, rows;
};

static int stop_at(void *ctx, unsigned long line, char **fields, size_t n)
{
	(void)fields;
	(void)n;
	struct stopper *s = ctx;
	s->rows++;
	return line == s->at_line ? 42 : 0;
}

static void test_parts_stop(void **state)
{
	(void)state;
	char *dir = zt_tmpdir();
	char *path = zi_xasprintf("%s/big.csv", dir);
	write_big(path, 0, 0);
	/* a record in the second half: its part stops and says so */
	struct zt_rows all;
	memset(&all, 0, sizeof(all));
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_csv_opts o = {.delimiter = ','};
	assert_int_equal(zi_csv_read(path, NULL, &o, zt_collect, &all, &d), 0);
	unsigned long late = all.v[all.n - 10].line;
	zt_rows_free(&all);
	struct stopper s[2] = {{late, 0}, {late, 0}};
	void *ctxs[2] = {&s[0], &s[1]};
	struct zi_diag d2;
	zi_diag_init(&d2);
	struct zi_diag *ds[2] = {&d, &d2};
	size_t used;
	assert_int_equal(zi_csv_read_parts(path, NULL, &o, stop_at, ctxs, ds, 2, &used), 42);
	assert_int_equal(used, 2);
	assert_true(s[0].rows > 1000 && s[1].rows > 1000);
	zi_diag_release(&d);
	zi_diag_release(&d2);
	zt_rmtree(dir);
	free(path);
	free(dir);
}

static void test_trim(void **state)
{
	(void)state;
	/* trim: libcsv's rule, for readers that trim anyway */
	static const char in[] = "a,b,c\n  lead,trail  , both \n\" q \", x\t,\t\n";
	struct zi_csv_opts o = {.delimiter = ',', .trim = 1};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(READ_STR(in, &o, &rows, &d), 0);
	assert_int_equal(rows.n, 3);
	zt_assert_row(&rows, 1, 2, "lead", "trail", "both");
	zt_assert_row(&rows, 2, 3, " q ", "x", "");
	zt_rows_free(&rows);
	zi_diag_release(&d);
	/* a line of spaces is no record, and does not shift the next one's line */
	static const char in2[] = "a,b\n   \n1,2\n";
	assert_int_equal(READ_STR(in2, &o, &rows, &d), 0);
	assert_int_equal(rows.n, 2);
	zt_assert_row(&rows, 1, 3, "1", "2");
	zt_rows_free(&rows);
	zi_diag_release(&d);
}

static void test_empty_input(void **state)
{
	(void)state;
	struct zi_csv_opts o = {0};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(read_mem("", 0, &o, &rows, &d), 0);
	assert_int_equal(rows.n, 0);
	zi_diag_release(&d);
	assert_int_equal(read_mem("\xEF\xBB\xBF", 3, &o, &rows, &d), 0);
	assert_int_equal(rows.n, 0);
	zi_diag_release(&d);
	assert_int_equal(read_mem("\n\n\r\n", 4, &o, &rows, &d), 0);
	assert_int_equal(rows.n, 0);
	zi_diag_release(&d);
}

static int count_rows(void *ctx, unsigned long line, char **fields, size_t n)
{
	(void)line;
	(void)fields;
	(void)n;
	++*(unsigned long *)ctx;
	return 0;
}

static int stop_at_second(void *ctx, unsigned long line, char **fields, size_t n)
{
	int *calls = ctx;
	(void)line;
	(void)fields;
	(void)n;
	return ++*calls == 2 ? 42 : 0;
}

static void test_callback_stops_reading(void **state)
{
	(void)state;
	static const char in[] = "a\n1\n2\n3\n";
	int calls = 0;
	struct zi_csv_opts o = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(zi_csv_read_mem(in, sizeof(in) - 1, NULL, &o, stop_at_second, &calls, &d),
			 42);
	assert_int_equal(calls, 2);
	zi_diag_release(&d);
}

static void on_progress(void *ctx, unsigned long rows, size_t done, size_t total)
{
	unsigned long *last = ctx;
	assert_true(done <= total);
	last[0] = rows;
	last[1] = done;
	last[2] = total;
}

static void test_progress_reports_the_end(void **state)
{
	(void)state;
	static const char in[] = "a\n1\n2\n";
	unsigned long last[3] = {0, 0, 0};
	struct zi_csv_opts o = {.progress = on_progress, .progress_ctx = last};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(READ_STR(in, &o, &rows, &d), 0);
	assert_int_equal(last[0], 3);
	assert_int_equal(last[1], sizeof(in) - 1);
	assert_int_equal(last[2], sizeof(in) - 1);
	zt_rows_free(&rows);
	zi_diag_release(&d);
}

struct progress_log {
	unsigned long calls, last_rows;
	size_t last_done, total;
	int monotonic;
};

static void log_progress(void *ctx, unsigned long rows, size_t done, size_t total)
{
	struct progress_log *l = ctx;
	if (rows < l->last_rows || done < l->last_done || done > total)
		l->monotonic = 0;
	l->calls++;
	l->last_rows = rows;
	l->last_done = done;
	l->total = total;
}

static void test_progress_on_a_large_input(void **state)
{
	(void)state;
	/* 200,000 records: progress now and then, never backwards, ending at the end */
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, "nip,nama\n");
	for (int i = 0; i < 200000; i++)
		zi_buf_printf(&b, "%018d,Pegawai %d\n", i, i);
	struct progress_log l = {.monotonic = 1};
	struct zi_csv_opts o = {.progress = log_progress, .progress_ctx = &l};
	struct zi_diag d;
	zi_diag_init(&d);
	unsigned long count = 0;
	assert_int_equal(zi_csv_read_mem(b.data, b.len, "big.csv", &o, count_rows, &count, &d), 0);
	assert_int_equal(count, 200001);
	assert_true(l.calls >= 3);
	assert_true(l.monotonic);
	assert_int_equal(l.last_rows, 200001);
	assert_int_equal(l.last_done, b.len);
	assert_int_equal(l.total, b.len);
	zi_diag_release(&d);
	zi_buf_release(&b);
}

static void test_read_files(void **state)
{
	(void)state;
	char *dir = zt_tmpdir();
	char *p = zi_xasprintf("%s/roster.csv", dir);
	zt_writes(p, "\xEF\xBB\xBFnip;nama\r\n1;Budi\r\n2;\"Sari\r\nDewi\"\r\n3;Andi");
	struct zt_rows rows = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_csv_opts o = {0};
	assert_int_equal(zi_csv_read(p, "roster.csv", &o, zt_collect, &rows, &d), 0);
	assert_int_equal(rows.n, 4);
	zt_assert_row(&rows, 2, 3, "2", "Sari\r\nDewi");
	zt_assert_row(&rows, 3, 5, "3", "Andi");
	zt_rows_free(&rows);
	/* standard input */
	int saved = dup(0);
	int fd = open(p, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, 0), 0);
	close(fd);
	assert_int_equal(zi_csv_read("-", NULL, &o, zt_collect, &rows, &d), 0);
	dup2(saved, 0);
	close(saved);
	assert_int_equal(rows.n, 4);
	zt_assert_row(&rows, 3, 5, "3", "Andi");
	zt_rows_free(&rows);
	/* an empty file */
	char *empty = zi_xasprintf("%s/empty.csv", dir);
	zt_writes(empty, "");
	assert_int_equal(zi_csv_read(empty, NULL, &o, zt_collect, &rows, &d), 0);
	assert_int_equal(rows.n, 0);
	assert_int_equal(d.n, 0);
	/* a missing file, a directory: ZI_EIO naming the file */
	char *missing = zi_xasprintf("%s/missing.csv", dir);
	assert_int_equal(zi_csv_read(missing, "missing.csv", &o, zt_collect, &rows, &d), ZI_EIO);
	const struct zi_diag_entry *e = zt_diag_find(&d, "io-read", 0);
	assert_non_null(e);
	assert_str(e->file, "missing.csv");
	zi_diag_release(&d);
	assert_int_equal(zi_csv_read(dir, NULL, &o, zt_collect, &rows, &d), ZI_EIO);
	assert_non_null(zt_diag_find(&d, "io-read", 0));
	assert_int_equal(rows.n, 0);
	zi_diag_release(&d);
	free(missing);
	free(empty);
	free(p);
	zt_rmtree(dir);
	free(dir);
}

/* ---- random round trips ---- */

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

static char *random_field(void)
{
	static const char *const parts[] = {"a",    "Z", "7",  " ",	      ",", "\"", "\n",
					    "\r\n", ";", "\t", "caf\xC3\xA9", "'", "=",	 ""};
	struct zi_buf b;
	zi_buf_init(&b);
	zi_buf_adds(&b, "");
	unsigned n = rnd(6);
	for (unsigned i = 0; i < n; i++)
		zi_buf_adds(&b, parts[rnd(sizeof(parts) / sizeof(*parts))]);
	return b.data;
}

/* Writes random rows (a header first) with LF or CRLF row ends, reads them
 * back with sniffing: the same fields, and each record's first line. */
static void round_trip(int crlf)
{
	enum { ROWS = 400 };
	struct zi_buf out;
	zi_buf_init(&out);
	char **want[ROWS + 1];
	size_t nwant[ROWS + 1];
	unsigned long line[ROWS + 1];
	unsigned long cur = 1;
	for (size_t r = 0; r <= ROWS; r++) {
		size_t nf = r == 0 ? 3 : 1 + rnd(5);
		want[r] = zi_xcalloc(nf, sizeof(char *));
		nwant[r] = nf;
		for (size_t f = 0; f < nf; f++)
			want[r][f] = r == 0 ? zi_xasprintf("h%zu", f) : random_field();
		/* a row that would be a blank line is no record: give it text */
		if (nf == 1 && !want[r][0][0]) {
			free(want[r][0]);
			want[r][0] = zi_xstrdup("x");
		}
		struct zi_buf row;
		zi_buf_init(&row);
		zi_csv_add_row(&row, (const char *const *)want[r], nf);
		if (crlf) {
			row.len--; /* the final LF */
			zi_buf_adds(&row, "\r\n");
		}
		line[r] = cur;
		for (size_t i = 0; i < row.len; i++)
			cur += row.data[i] == '\n';
		zi_buf_add(&out, row.data, row.len);
		zi_buf_release(&row);
	}
	struct zi_csv_opts o = {0};
	struct zt_rows rows;
	struct zi_diag d;
	int rc = read_mem(out.data, out.len, &o, &rows, &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(o.used_delimiter, ',');
	assert_int_equal(rows.n, ROWS + 1);
	for (size_t r = 0; r <= ROWS; r++) {
		if (rows.v[r].line != line[r] || rows.v[r].n != nwant[r])
			fprintf(stderr,
				"  record %zu: line %lu, %zu fields; expected line %lu, "
				"%zu fields\n",
				r, rows.v[r].line, rows.v[r].n, line[r], nwant[r]);
		assert_int_equal(rows.v[r].line, line[r]);
		assert_int_equal(rows.v[r].n, nwant[r]);
		for (size_t f = 0; f < nwant[r]; f++)
			assert_str(rows.v[r].f[f], want[r][f]);
	}
	zt_rows_free(&rows);
	zi_diag_release(&d);
	for (size_t r = 0; r <= ROWS; r++) {
		for (size_t f = 0; f < nwant[r]; f++)
			free(want[r][f]);
		free(want[r]);
	}
	zi_buf_release(&out);
}

static void test_random_round_trips(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 20; seed++) {
		rng_state = seed * 0x9E3779B97F4A7C15ull;
		round_trip((int)(seed & 1));
	}
}

/* ---- writer ---- */

static char *field(const char *s)
{
	struct zi_buf b;
	zi_buf_init(&b);
	zi_csv_add_field(&b, s);
	return b.data ? b.data : zi_xstrdup("");
}

static void expect_field(const char *in, const char *want)
{
	char *got = field(in);
	assert_str(got, want);
	free(got);
}

static void test_canonical_quoting(void **state)
{
	(void)state;
	expect_field("plain", "plain");
	expect_field("", "");
	expect_field("semi;colon", "semi;colon");
	expect_field("tab\there", "tab\there");
	expect_field("Jl. A, No 5", "\"Jl. A, No 5\"");
	expect_field("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_field("\"", "\"\"\"\"");
	expect_field("two\nlines", "\"two\nlines\"");
	expect_field("cr\r", "\"cr\r\"");
	expect_field(" lead", "\" lead\"");
	expect_field("trail ", "\"trail \"");
	expect_field("in side", "in side");
	expect_field("caf\xC3\xA9", "caf\xC3\xA9");
}

static void test_add_row_and_read_back(void **state)
{
	(void)state;
	const char *row[] = {"1", "Jl. A, No 5", "say \"hi\"", "", " x ", "a\nb", NULL};
	struct zi_buf b;
	zi_buf_init(&b);
	zi_csv_add_row(&b, row, 7); /* NULL counts as empty */
	assert_str(b.data, "1,\"Jl. A, No 5\",\"say \"\"hi\"\"\",,\" x \",\"a\nb\",\n");
	struct zi_csv_opts o = {.delimiter = ','};
	struct zt_rows rows;
	struct zi_diag d;
	assert_int_equal(read_mem(b.data, b.len, &o, &rows, &d), 0);
	assert_int_equal(rows.n, 1);
	zt_assert_row(&rows, 0, 1, "1", "Jl. A, No 5", "say \"hi\"", "", " x ", "a\nb", "");
	zt_rows_free(&rows);
	zi_diag_release(&d);
	zi_buf_release(&b);
}

static void expect_safe(const char *in, const char *want)
{
	struct zi_buf b;
	zi_buf_init(&b);
	zi_csv_add_field_safe(&b, in);
	assert_str(b.data ? b.data : "", want);
	zi_buf_release(&b);
}

static void test_formula_safe_fields(void **state)
{
	(void)state;
	expect_safe("=SUM(A1:A9)", "'=SUM(A1:A9)");
	expect_safe("+62 812", "'+62 812");
	expect_safe("-5", "'-5");
	expect_safe("@cmd", "'@cmd");
	expect_safe("\tx", "'\tx");
	expect_safe("=1,2", "\"'=1,2\"");
	expect_safe("Budi", "Budi");
	expect_safe("", "");
	expect_safe("a=b", "a=b");
}

static void test_option_parsers(void **state)
{
	(void)state;
	enum zi_encoding e;
	assert_int_equal(zi_encoding_parse("auto", &e), 0);
	assert_int_equal(e, ZI_ENC_AUTO);
	assert_int_equal(zi_encoding_parse("UTF-8", &e), 0);
	assert_int_equal(e, ZI_ENC_UTF8);
	assert_int_equal(zi_encoding_parse("utf8", &e), 0);
	assert_int_equal(e, ZI_ENC_UTF8);
	assert_int_equal(zi_encoding_parse("cp1252", &e), 0);
	assert_int_equal(e, ZI_ENC_CP1252);
	assert_int_equal(zi_encoding_parse("windows-1252", &e), 0);
	assert_int_equal(e, ZI_ENC_CP1252);
	assert_int_equal(zi_encoding_parse("utf-16", &e), 0);
	assert_int_equal(e, ZI_ENC_UTF16);
	assert_int_equal(zi_encoding_parse("ebcdic", &e), -1);
	assert_str(zi_encoding_name(ZI_ENC_UTF8), "utf-8");
	assert_str(zi_encoding_name(ZI_ENC_CP1252), "cp1252");
	assert_str(zi_encoding_name(ZI_ENC_UTF16), "utf-16");
	assert_str(zi_encoding_name(ZI_ENC_AUTO), "auto");
	char c = 'x';
	assert_int_equal(zi_delimiter_parse("auto", &c), 0);
	assert_int_equal(c, 0);
	assert_int_equal(zi_delimiter_parse(",", &c), 0);
	assert_int_equal(c, ',');
	assert_int_equal(zi_delimiter_parse(";", &c), 0);
	assert_int_equal(c, ';');
	assert_int_equal(zi_delimiter_parse("semicolon", &c), 0);
	assert_int_equal(c, ';');
	assert_int_equal(zi_delimiter_parse("tab", &c), 0);
	assert_int_equal(c, '\t');
	assert_int_equal(zi_delimiter_parse("\t", &c), 0);
	assert_int_equal(c, '\t');
	assert_int_equal(zi_delimiter_parse("comma", &c), 0);
	assert_int_equal(c, ',');
	assert_int_equal(zi_delimiter_parse("::", &c), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_spectrum),
		cmocka_unit_test(test_reads),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_invalid_utf8_named_by_line),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_malformed_quotes),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_callback_stops_reading),
		cmocka_unit_test(test_progress_reports_the_end),
		cmocka_unit_test(test_progress_on_a_large_input),
		cmocka_unit_test(test_read_files),
		cmocka_unit_test(test_random_round_trips),
		cmocka_unit_test(test_canonical_quoting),
		cmocka_unit_test(test_add_row_and_read_back),
		cmocka_unit_test(test_formula_safe_fields),
		cmocka_unit_test(test_option_parsers),
		cmocka_unit_test(test_parts_like_one_reader),
		cmocka_unit_test(test_parts_stop),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_mixed_encoding_refused),
		cmocka_unit_test(test_cr_only_lines),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_long_field_over_lines),
		cmocka_unit_test(test_limits_in_parts),
		cmocka_unit_test(test_cp1252_many_undefined_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
