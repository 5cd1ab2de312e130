/* The merge driver (zi-report merge BASE OURS THEIRS PATH): the first byte
 * chooses the records file, the next four give the lengths of base and ours,
 * theirs is the rest. A merge that succeeds gives a canonical file that
 * merges with itself to itself. */
#include "merge.h"
#include "fuzz.h"

static const char *const paths[] = {
	"units.csv",	"stages.csv",	     "declarations.csv", "complaints.csv",
	"staff/u1.csv", "signatures/u1.csv", "lke/2026/u1.csv",	 "surveys/2026/u1-ikm.csv",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 5)
		return 0;
	const char *path = paths[data[0] % (sizeof(paths) / sizeof(*paths))];
	size_t rest = size - 5;
	size_t nb = ((size_t)data[1] | (size_t)data[2] << 8) % (rest + 1);
	size_t no = ((size_t)data[3] | (size_t)data[4] << 8) % (rest - nb + 1);
	const uint8_t *p = data + 5;
	const char *base = fz_file(0, "base.csv", p, nb);
	const char *ours = fz_file(1, "ours.csv", p + nb, no);
	const char *theirs = fz_file(2, "theirs.csv", p + nb + no, rest - nb - no);
	struct zi_buf out;
	zi_buf_init(&out);
	unsigned long conflicts = 0;
	struct zi_diag d;
	zi_diag_init(&d);
	int rc = zi_merge3(base, ours, theirs, path, &out, &conflicts, &d);
	FZ_ASSERT(rc == 0 || rc == ZI_EDATA);
	if (rc == 0) {
		/* the result merged with itself over itself is the result */
		const char *r = fz_file(3, "result.csv", out.data ? out.data : "", out.len);
		struct zi_buf again;
		zi_buf_init(&again);
		struct zi_diag d2;
		zi_diag_init(&d2);
		FZ_ASSERT(zi_merge3(r, r, r, path, &again, &conflicts, &d2) == 0);
		FZ_ASSERT(again.len == out.len &&
			  !memcmp(again.data ? again.data : "", out.data ? out.data : "", out.len));
		zi_buf_release(&again);
		zi_diag_release(&d2);
	}
	zi_buf_release(&out);
	zi_diag_release(&d);
	return 0;
}
