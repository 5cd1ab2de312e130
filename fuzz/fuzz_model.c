/* LKE models and PortalRB masters: the first byte chooses. A model text is
 * parsed and, when it loads, scored with no answers (nothing may count as
 * full marks, and nothing may crash); a master file is checked against the
 * built-in model as 'zi-eval models --master FILE' does. */
#include "fuzz.h"
#include "model.h"

static struct zi_model *builtin;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct zi_diag d;
	zi_diag_init(&d);
	if (zi_model_load("lke-2026", &builtin, &d) != 0)
		abort();
	zi_diag_release(&d);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct zi_diag d;
	zi_diag_init(&d);
	if (data[0] & 1) {
		const char *path = fz_file(0, "master.json", data + 1, size - 1);
		zi_model_check_master(builtin, path, &d);
	} else {
		char *text = fz_str(data + 1, size - 1);
		struct zi_model *m = NULL;
		if (zi_model_parse(text, "fuzz", &m, &d) == 0 && m) {
			struct zi_score s;
			zi_score_init(&s, m);
			zi_score_compute(&s, &d);
			zi_score_release(&s);
			zi_model_free(m);
		}
		free(text);
	}
	zi_diag_release(&d);
	return 0;
}
