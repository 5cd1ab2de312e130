/* The spreadsheet readers (.xlsx, .ods) and the sniffing that sends a file to
 * them or to the CSV reader: any bytes as "a table file" for an import, the
 * first byte choosing the sheet (the first visible one, or sheet 2, or a name).
 * Every cell delivered is valid UTF-8. */
#include "fuzz.h"
#include "sheet.h"

static int cells(void *ctx, unsigned long line, char **fields, size_t n)
{
	(void)ctx;
	(void)line;
	for (size_t i = 0; i < n; i++)
		FZ_ASSERT(zi_is_utf8(fields[i], strlen(fields[i]), NULL));
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char *const sheets[] = {NULL, "2", "Sheet1", "Lembar1"};
	const char *path = fz_file(0, "in.xlsx", data + 1, size - 1);
	struct zi_csv_opts o = {.sheet = sheets[data[0] & 3]};
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = zi_table_read(path, "in.xlsx", &o, cells, NULL, &d);
	FZ_ASSERT(rc == 0 || rc == ZI_EDATA || rc == ZI_EIO);
	FZ_ASSERT(rc == 0 || d.errors);
	zi_diag_release(&d);
	return 0;
}
