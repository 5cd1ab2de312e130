/* lib/lke_survey: a survey's responses kept canonically, a surveyor's
 * value kept as the answer to the model's survey question; a file without
 * responses and a model without the question refused, nothing written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lke_survey.h"
#include "zitest.h"

static int setup(void **state)
{
	*state = zt_fx_new(NULL, 0, 0);
	return 0;
}

static int teardown(void **state)
{
	zt_fx_free(*state);
	return 0;
}

static int exists(struct zt_fx *f, const char *rel)
{
	char *p = zi_xasprintf("%s/%s", f->dir, rel);
	int e = zt_exists(p);
	free(p);
	return e;
}

static void test_store(void **state)
{
	struct zt_fx *f = *state;
	char *in = zi_xasprintf("%s/ipak.csv", f->dir);
	zt_writes(in, "respondent,u1,u2,u3\n2,4,3,4\n1,4,4,3\n");
	struct zi_survey s;
	zi_survey_init(&s, ZI_SURVEY_IPAK, ZI_SURVEY_KEEP_STREAM);
	struct zi_csv_opts o = {0};
	assert_int_equal(zi_survey_read(&s, in, "ipak.csv", &o, &f->d), 0);
	char *rel;
	int unchanged;
	assert_int_equal(zi_lke_survey_store(&f->st, &s, "ipak.csv", "dpkp", 2026, 0, &rel,
					     &unchanged, &f->d),
			 0);
	assert_str(rel, "surveys/2026/dpkp-ipak.csv");
	assert_false(unchanged);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	char *p = zi_xasprintf("%s/%s", f->dir, rel);
	char *text = zt_read(p, NULL);
	/* canonical: in respondent order */
	assert_non_null(text);
	assert_true(strstr(text, "\n1,") < strstr(text, "\n2,"));
	free(text);
	free(p);
	free(rel);
	zi_survey_release(&s);
	/* the same responses again write nothing */
	zi_survey_init(&s, ZI_SURVEY_IPAK, ZI_SURVEY_KEEP_STREAM);
	assert_int_equal(zi_survey_read(&s, in, "ipak.csv", &o, &f->d), 0);
	assert_int_equal(zi_lke_survey_store(&f->st, &s, "ipak.csv", "dpkp", 2026, 0, &rel,
					     &unchanged, &f->d),
			 0);
	assert_true(unchanged);
	free(rel);
	zi_survey_release(&s);
	assert_int_equal(f->d.n, 0);
	free(in);
}

static void test_store_no_responses(void **state)
{
	struct zt_fx *f = *state;
	char *in = zi_xasprintf("%s/empty.csv", f->dir);
	zt_writes(in, "respondent,u1,u2,u3\n");
	struct zi_survey s;
	zi_survey_init(&s, ZI_SURVEY_IPAK, ZI_SURVEY_KEEP_STREAM);
	struct zi_csv_opts o = {0};
	assert_int_equal(zi_survey_read(&s, in, "empty.csv", &o, &f->d), 0);
	char *rel;
	int unchanged;
	assert_int_equal(zi_lke_survey_store(&f->st, &s, "empty.csv", "dpkp", 2026, 0, &rel,
					     &unchanged, &f->d),
			 ZI_EDATA);
	assert_null(rel);
	const struct zi_diag_entry *e = zt_diag_find(&f->d, "no-responses", 0);
	assert_non_null(e);
	assert_str(e->file, "empty.csv");
	assert_int_equal(f->d.errors, 1);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	assert_false(exists(f, "surveys/2026/dpkp-ipak.csv"));
	zi_survey_release(&s);
	free(in);
}

static void test_value(void **state)
{
	struct zt_fx *f = *state;
	struct zi_model *m;
	assert_int_equal(zi_model_for(&f->st, 2026, NULL, &m, &f->d), 0);
	struct zi_survey_answer a;
	assert_int_equal(zi_lke_survey_value(&f->st, m, "dpkp", 2026, ZI_SURVEY_IPKP, 3.5, 0, &a,
					     &f->d),
			 0);
	assert_true(a.soal > 0);
	assert_true(a.changed);
	assert_str(a.value, "3.5");
	assert_true(a.weight > 0);
	/* value / 4 x weight */
	assert_true(a.part > 0.874 * a.weight && a.part < 0.876 * a.weight);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	assert_true(exists(f, "lke/2026/dpkp.csv"));
	/* the same value again: nothing changed */
	assert_int_equal(zi_lke_survey_value(&f->st, m, "dpkp", 2026, ZI_SURVEY_IPKP, 3.5, 0, &a,
					     &f->d),
			 0);
	assert_false(a.changed);
	assert_int_equal(f->d.n, 0);
	zi_model_free(m);
}

static void test_value_no_question(void **state)
{
	struct zt_fx *f = *state;
	struct zi_model *m;
	assert_int_equal(zi_model_parse("{\"unanswered\": \"skip\", \"tree\": [{\"id\": 1, "
					"\"weight\": 1, \"questions\": [{\"id\": 1, \"type\": "
					"\"JUMLAH\"}]}]}",
					"tiny", &m, &f->d),
			 0);
	struct zi_survey_answer a;
	assert_int_equal(zi_lke_survey_value(&f->st, m, "dpkp", 2026, ZI_SURVEY_IPAK, 3, 0, &a,
					     &f->d),
			 ZI_EDATA);
	assert_non_null(zt_diag_find(&f->d, "model-no-question", 0));
	assert_int_equal(f->d.errors, 1);
	assert_int_equal(zi_store_commit(&f->st, "t", &f->d), 0);
	assert_false(exists(f, "lke/2026/dpkp.csv"));
	zi_model_free(m);
}

int main(void)
{
	setenv("LC_ALL", "C", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_no_responses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_value_no_question, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
