/* bench/csvread: floors for the benchmarks. Reads every file given and does
 * nothing with the rows:
 *
 *   csvread [-j N] [--bare] FILE...
 *
 * By default through the foundation's CSV reader (lib/csvio: the floor of
 * `zi-eval score --all`); with --bare through libcsv alone, with callbacks
 * that only count (what parsing the bytes costs at the least, whoever reads
 * them). -j N reads the files on N threads (lib/pool), as zi-sign status
 * and zi-eval score do. Built by bench/run.sh against libzi.a. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "pool.h"

struct job {
	char **files;
	int bare;
	unsigned long rows[64];
	struct zi_buf buf[64];
};

static int count(void *ctx, unsigned long line, char **fields, size_t n)
{
	(void)line;
	(void)fields;
	(void)n;
	(*(unsigned long *)ctx)++;
	return 0;
}

static void bare_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	(void)data;
}

static void bare_row(int c, void *data)
{
	(void)c;
	(*(unsigned long *)data)++;
}

static int read_one(void *ctx, unsigned worker, size_t i)
{
	struct job *j = ctx;
	unsigned long *rows = &j->rows[worker];
	if (!j->bare) {
		struct zi_diag d;
		zi_diag_init(&d);
		struct zi_csv_opts o = {.delimiter = ',', .encoding = ZI_ENC_UTF8, .trim = 1};
		int rc = zi_csv_read(j->files[i], NULL, &o, count, rows, &d);
		zi_diag_release(&d);
		return rc ? 1 : 0;
	}
	FILE *f = fopen(j->files[i], "rb");
	if (!f)
		return 1;
	struct zi_buf *b = &j->buf[worker];
	zi_buf_reset(b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		zi_buf_add(b, chunk, n);
	fclose(f);
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	csv_parse(&p, b->data ? b->data : "", b->len, bare_field, bare_row, rows);
	csv_fini(&p, bare_field, bare_row, rows);
	csv_free(&p);
	return 0;
}

int main(int argc, char **argv)
{
	struct job j = {0};
	unsigned threads = 1;
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "-j") && i + 1 < argc)
			threads = (unsigned)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--bare"))
			j.bare = 1;
		else
			break;
	}
	if (threads < 1 || threads > 64) {
		fprintf(stderr, "csvread: -j takes 1 to 64\n");
		return 2;
	}
	j.files = argv + i;
	for (unsigned k = 0; k < 64; k++)
		zi_buf_init(&j.buf[k]);
	if (zi_pool_run((size_t)(argc - i), threads, 64, read_one, NULL, &j)) {
		fprintf(stderr, "csvread: a file could not be read\n");
		return 1;
	}
	unsigned long rows = 0;
	for (unsigned k = 0; k < 64; k++) {
		rows += j.rows[k];
		zi_buf_release(&j.buf[k]);
	}
	printf("%lu rows\n", rows);
	return 0;
}
