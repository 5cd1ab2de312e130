/* The CSV reader on any bytes, with any encoding, delimiter and trim (the
 * first byte chooses): no memory error, every field delivered is valid UTF-8
 * and within the limits, and what the canonical writer makes of the rows
 * reads back as the same rows. */
#include "csvio.h"
#include "fuzz.h"

struct rows {
	char **f; /* every field, rows one after another */
	size_t *n;
	size_t nrows, nf, capf, caprows;
};

static int collect(void *ctx, unsigned long line, char **fields, size_t n)
{
	struct rows *r = ctx;
	(void)line;
	if (r->nrows == r->caprows) {
		r->caprows = r->caprows ? r->caprows * 2 : 16;
		r->n = zi_xrealloc(r->n, r->caprows * sizeof(*r->n));
	}
	r->n[r->nrows++] = n;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(fields[i]);
		FZ_ASSERT(len <= ZI_CSV_FIELD_MAX);
		if (r->nf == r->capf) {
			r->capf = r->capf ? r->capf * 2 : 64;
			r->f = zi_xrealloc(r->f, r->capf * sizeof(*r->f));
		}
		r->f[r->nf++] = zi_xstrdup(fields[i]);
	}
	return 0;
}

static void rows_free(struct rows *r)
{
	for (size_t i = 0; i < r->nf; i++)
		free(r->f[i]);
	free(r->f);
	free(r->n);
	memset(r, 0, sizeof(*r));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char delims[] = {0, ',', ';', '\t'};
	static const enum zi_encoding encs[] = {ZI_ENC_AUTO, ZI_ENC_UTF8, ZI_ENC_CP1252,
						ZI_ENC_UTF16};
	struct zi_csv_opts o = {.encoding = encs[data[0] & 3],
				.delimiter = delims[(data[0] >> 2) & 3],
				.trim = (data[0] >> 4) & 1};
	struct rows r = {0};
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = zi_csv_read_mem((const char *)data + 1, size - 1, "fuzz.csv", &o, collect, &r, &d);
	FZ_ASSERT(rc == 0 || rc == ZI_EDATA);
	FZ_ASSERT(rc == 0 || d.errors);
	for (size_t i = 0; i < r.nf; i++)
		FZ_ASSERT(zi_is_utf8(r.f[i], strlen(r.f[i]), NULL));
	if (rc == 0) {
		/* the writer's rows read back the same (a row of one empty field
		 * is a blank line, which is no record: left out) */
		struct zi_buf b;
		zi_buf_init(&b);
		size_t at = 0, kept = 0;
		for (size_t i = 0; i < r.nrows; i++) {
			if (!(r.n[i] == 1 && !*r.f[at])) {
				zi_csv_add_row(&b, (const char *const *)r.f + at, r.n[i]);
				kept++;
			}
			at += r.n[i];
		}
		/* a file that begins with U+FEFF begins with a BOM, which is read
		 * as no text: such a first field cannot read back the same (no
		 * records file begins so: its first field is a name) */
		if (b.len >= 3 && !memcmp(b.data, "\xEF\xBB\xBF", 3)) {
			zi_buf_release(&b);
			rows_free(&r);
			zi_diag_release(&d);
			return 0;
		}
		struct rows back = {0};
		struct zi_csv_opts c = {.encoding = ZI_ENC_UTF8, .delimiter = ','};
		struct zi_diag d2;
		zi_diag_init(&d2);
		int rc2 = zi_csv_read_mem(b.data ? b.data : "", b.len, "canon.csv", &c, collect,
					  &back, &d2);
		FZ_ASSERT(rc2 == 0);
		FZ_ASSERT(back.nrows == kept);
		at = 0;
		size_t bat = 0, k = 0;
		for (size_t i = 0; i < r.nrows; i++) {
			if (!(r.n[i] == 1 && !*r.f[at])) {
				FZ_ASSERT(back.n[k] == r.n[i]);
				for (size_t j = 0; j < r.n[i]; j++)
					FZ_ASSERT(!strcmp(back.f[bat + j], r.f[at + j]));
				bat += back.n[k++];
			}
			at += r.n[i];
		}
		rows_free(&back);
		zi_diag_release(&d2);
		zi_buf_release(&b);
	}
	rows_free(&r);
	zi_diag_release(&d);
	return 0;
}
