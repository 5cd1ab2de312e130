/* zi.json: any bytes as the manifest of a records directory, opened as every
 * command opens it (and checked as 'zi-report check' checks it). */
#include <jansson.h>

#include "fuzz.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[600];
	snprintf(dir, sizeof(dir), "%s", fz_dir());
	fz_file(0, "zi.json", data, size);
	struct zi_store st;
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = zi_store_open(&st, dir, &d);
	FZ_ASSERT(rc == 0 || d.errors);
	if (rc == 0) {
		/* what it let through is what the checks let through */
		FZ_ASSERT(zi_store_check_manifest(st.manifest, "zi.json", &d) == 0);
		zi_store_close(&st);
	}
	zi_diag_release(&d);
	return 0;
}
