/* lib/config: zi.json's settings; here the instansi assignments of
 * zi_config_assign (kind, name, code, coi, coi.UNIT): applied, unchanged
 * when zi.json already says so, refused with nothing pending on a bad value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <limits.h>

#include "config.h"
#include "zitest.h"

static int setup(void **state)
{
	*state = zt_fx_new(NULL, 0, 1);
	return 0;
}

static int teardown(void **state)
{
	zt_fx_free(*state);
	return 0;
}

/* Assigns, commits, and opens the store again to read zi.json. */
static int assign(struct zt_fx *f, const char *const *a, size_t n, int *changed)
{
	int rc = zi_config_assign(&f->st, a, n, changed, &f->d);
	if (rc)
		return rc;
	assert_int_equal(zi_store_commit(&f->st, "test", &f->d), 0);
	zi_store_close(&f->st);
	assert_int_equal(zi_store_open(&f->st, f->dir, &f->d), 0);
	assert_int_equal(zi_store_lock(&f->st, 0, &f->d), 0);
	return 0;
}

static const char *get(struct zt_fx *f, const char *k1, const char *k2, const char *k3)
{
	json_t *j = json_object_get(f->st.manifest, k1);
	if (k2)
		j = json_object_get(j, k2);
	if (k3)
		j = json_object_get(j, k3);
	return json_string_value(j);
}

static void test_assign(void **state)
{
	struct zt_fx *f = *state;
	const char *a[] = {"name=Kab X", "code=3301", "kind=pemda", "coi=lhkpn", "coi.dkk=all"};
	int changed = -1;
	assert_int_equal(assign(f, a, 5, &changed), 0);
	assert_int_equal(changed, 1);
	assert_str(get(f, "instansi", NULL, NULL), "Kab X");
	assert_str(get(f, "code", NULL, NULL), "3301");
	assert_str(get(f, "kind", NULL, NULL), "pemda");
	assert_str(get(f, "coi", "owed", NULL), "lhkpn");
	assert_str(get(f, "coi", "units", "dkk"), "all");
	/* the same again: nothing to write */
	assert_int_equal(zi_config_assign(&f->st, a, 5, &changed, &f->d), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(f->st.npending, 0);
	/* empty values unset: the coi object goes when empty */
	const char *b[] = {"coi.dkk=", "coi=", "kind="};
	assert_int_equal(assign(f, b, 3, &changed), 0);
	assert_int_equal(changed, 1);
	assert_null(json_object_get(f->st.manifest, "coi"));
	assert_null(json_object_get(f->st.manifest, "kind"));
	assert_str(get(f, "instansi", NULL, NULL), "Kab X");
}

static void test_bad_values(void **state)
{
	struct zt_fx *f = *state;
	int changed;
	const char *a[] = {"name=Kab Y", "kind=desa"};
	assert_int_equal(zi_config_assign(&f->st, a, 2, &changed, &f->d), ZI_EDATA);
	assert_int_equal(zt_diag_count(&f->d, "enum-invalid"), 1);
	assert_str(zt_diag_find(&f->d, "enum-invalid", 0)->field, "kind");
	assert_int_equal(f->st.npending, 0);
	const char *b[] = {"coi.dkk=some"};
	assert_int_equal(zi_config_assign(&f->st, b, 1, &changed, &f->d), ZI_EDATA);
	assert_int_equal(zt_diag_count(&f->d, "enum-invalid"), 2);
	assert_int_equal(f->st.npending, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_assign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_values, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
