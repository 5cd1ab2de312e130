/* bench/csvread: the floor for `zi-eval score --all`: read every file given
 * with the foundation's CSV reader (lib/csvio) and do nothing with the rows.
 * Built by bench/run.sh against libzi.a. */
#include <stdio.h>

#include "csvio.h"

static unsigned long rows;

static int count(void *ctx, unsigned long line, char **fields, size_t n)
{
	(void)ctx;
	(void)line;
	(void)fields;
	(void)n;
	rows++;
	return 0;
}

int main(int argc, char **argv)
{
	struct zi_diag d;
	zi_diag_init(&d);
	for (int i = 1; i < argc; i++) {
		struct zi_csv_opts o = {.delimiter = ',', .encoding = ZI_ENC_UTF8};
		if (zi_csv_read(argv[i], argv[i], &o, count, NULL, &d))
			return 1;
	}
	printf("%lu rows\n", rows);
	zi_diag_release(&d);
	return 0;
}
