/* lib/survey: IKM with exact 1/9 weights and grades on the unrounded value;
 * IPAK/IPKP as the mean of element means; every bad response reported. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "schema.h"
#include "survey.h"
#include "zitest.h"

static void test_ikm_exact_ninth(void **state)
{
	(void)state;
	double nrr[9] = {3.5, 3, 3.5, 4, 3, 3, 3.5, 3, 3.5};
	double skm = zi_ikm_skm(nrr);
	assert_float_equal(skm, 30.0 / 9, 1e-15);
	assert_float_equal(skm * 25, 83.333333333333, 1e-9);
	/* the rounded weight 0.11 is the known error: 82.50, almost a point off */
	assert_float_equal(30 * 0.11 * 25, 82.5, 1e-9);
	assert_true(fabs(skm * 25 - 82.5) > 0.8);
	/* all 4: exactly 100, where 0.11 would give 99 */
	double four[9] = {4, 4, 4, 4, 4, 4, 4, 4, 4};
	assert_true(zi_ikm_skm(four) * 25 == 100.0);
}

static void test_grades_unrounded(void **state)
{
	(void)state;
	assert_int_equal(zi_ikm_grade(25), 'D');
	assert_int_equal(zi_ikm_grade(64.999), 'D');
	assert_int_equal(zi_ikm_grade(65), 'C');
	assert_int_equal(zi_ikm_grade(76.605), 'C'); /* prints as 76.61 */
	assert_int_equal(zi_ikm_grade(76.61), 'B');
	assert_int_equal(zi_ikm_grade(88.305), 'B'); /* prints as 88.31 */
	assert_int_equal(zi_ikm_grade(88.31), 'A');
	assert_int_equal(zi_ikm_grade(100), 'A');
}

static void test_part(void **state)
{
	(void)state;
	assert_float_equal(zi_survey_part(3.6, 17.5), 15.75, 1e-12);
	assert_true(zi_survey_part(3.6, 17.5) >= 15.75);
	assert_float_equal(zi_survey_part(3.2, 17.5), 14.0, 1e-12);
	assert_true(zi_survey_part(4, 17.5) == 17.5);
}

static int read_text(struct zi_survey *s, const char *text, struct zi_diag *d)
{
	struct zt_tmpfile t = zt_tmpfile_new("s.csv", text);
	int rc = zi_survey_read(s, t.path, "s.csv", NULL, d);
	zt_tmpfile_free(&t);
	return rc;
}

static void test_read_ikm(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_survey s;
	zi_survey_init(&s, ZI_SURVEY_IKM, 1);
	int rc = read_text(&s,
			   "\xEF\xBB\xBFResponden;Tanggal;Unsur 1;Unsur 2;Unsur 3;Unsur 4;Unsur 5;"
			   "Unsur 6;Unsur 7;Unsur 8;Sarana dan Prasarana\r\n"
			   "12;03/02/2026;4;3;3;4;3;3;4;3;3\r\n"
			   "9;02/02/2026;3;3;4;4;3;3;3;3;4\r\n",
			   &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.nelem, 9);
	assert_float_equal(s.mean[0], 3.5, 1e-12);
	assert_float_equal(s.ikm, 30.0 / 9 * 25, 1e-12);
	assert_int_equal(s.grade, 'B');
	/* stored in respondent order (as text: 12 before 9), dates canonical */
	assert_str(s.canon.data, "respondent,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
				 "12,2026-02-03,4,3,3,4,3,3,4,3,3\n"
				 "9,2026-02-02,3,3,4,4,3,3,3,3,4\n");
	zi_survey_release(&s);
	zi_diag_release(&d);
}

static void test_read_bad(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_survey s;
	zi_survey_init(&s, ZI_SURVEY_IPAK, 0);
	int rc = read_text(&s,
			   "respondent,u1,u2,u3\n"
			   "1,4,5,\n"
			   "2,0,3,2\n"
			   "3,4.5,3,2\n"
			   "R4,1,1,1\n",
			   &d);
	assert_int_equal(rc, ZI_EDATA);
	assert_int_equal(d.errors, 4);
	assert_int_equal(d.v[0].line, 2);
	assert_str(d.v[0].field, "u2");
	assert_str(d.v[0].code, "response-range");
	assert_int_equal(d.v[1].line, 2);
	assert_str(d.v[1].code, "response-missing");
	assert_int_equal(d.v[2].line, 3);
	assert_int_equal(d.v[3].line, 4);
	zi_survey_release(&s);
	zi_diag_release(&d);
	/* IKM needs nine elements; a duplicate respondent is an error */
	zi_diag_init(&d);
	zi_survey_init(&s, ZI_SURVEY_IKM, 0);
	assert_int_equal(read_text(&s, "respondent,u1,u2\nx,1,2\n", &d), ZI_EDATA);
	assert_str(d.v[0].code, "ikm-elements");
	zi_survey_release(&s);
	zi_diag_release(&d);
	zi_diag_init(&d);
	zi_survey_init(&s, ZI_SURVEY_IPKP, 0);
	assert_int_equal(read_text(&s, "respondent,u1\nx,1\ny,2\nx,3\n", &d), ZI_EDATA);
	assert_str(d.v[0].code, "duplicate-key");
	assert_int_equal(d.v[0].line, 4);
	zi_survey_release(&s);
	zi_diag_release(&d);
	/* numbered respondents: in order, then one again */
	zi_diag_init(&d);
	zi_survey_init(&s, ZI_SURVEY_IPKP, 1);
	assert_int_equal(read_text(&s, "respondent,u1\n1,1\n2,2\n10,3\n2,4\n11,1\n", &d), ZI_EDATA);
	assert_int_equal(d.errors, 1);
	assert_str(d.v[0].code, "duplicate-key");
	assert_int_equal(d.v[0].line, 5);
	assert_non_null(strstr(d.v[0].message, "first on line 3"));
	zi_survey_release(&s);
	zi_diag_release(&d);
}

static void test_mean_of_means(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	struct zi_survey s;
	zi_survey_init(&s, ZI_SURVEY_IPAK, 0);
	assert_int_equal(read_text(&s, "respondent,U1,U2,U3,U4\n1,4,4,3,4\n2,4,3,4,3\n", &d), 0);
	assert_int_equal(s.nelem, 4);
	/* element means 4, 3.5, 3.5, 3.5 -> 3.625 */
	assert_float_equal(s.value, 3.625, 1e-12);
	zi_survey_release(&s);
	zi_diag_release(&d);
}

/* The respondent and date columns by every name the survey schema gives
 * them (ZI_SV_RESPONDENT, ZI_SV_DATE: its name and aliases), "ID" too; the
 * canonical copy and the messages name them as the schema does. */
static void test_header_names(void **state)
{
	(void)state;
	struct zi_diag d;
	zi_diag_init(&d);
	const struct zi_schema *sc = zi_schema_get("survey", &d);
	assert_non_null(sc);
	const struct zi_field *rf = &sc->fields[ZI_SV_RESPONDENT], *df = &sc->fields[ZI_SV_DATE];
	assert_true(rf->naliases >= 3);
	assert_true(df->naliases >= 2);
	for (size_t r = 0; r <= rf->naliases + 1; r++)
		for (size_t t = 0; t <= df->naliases; t++) {
			const char *rh = r == 0		     ? rf->name
					 : r <= rf->naliases ? rf->aliases[r - 1]
							     : "ID";
			const char *dh = t == 0 ? df->name : df->aliases[t - 1];
			char *text = zi_xasprintf("%s,%s,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
						  "7,3/2/2026,4,3,3,4,3,3,4,3,3\n",
						  rh, dh);
			struct zi_survey s;
			zi_survey_init(&s, ZI_SURVEY_IKM, 1);
			assert_int_equal(read_text(&s, text, &d), 0);
			assert_int_equal(d.n, 0);
			assert_str(s.canon.data, "respondent,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
						 "7,2026-02-03,4,3,3,4,3,3,4,3,3\n");
			zi_survey_release(&s);
			free(text);
		}
	/* two columns of the respondent; a date that is none; no respondent */
	struct zi_survey s;
	zi_survey_init(&s, ZI_SURVEY_IPAK, 0);
	assert_int_equal(read_text(&s, "Responden,No,u1\n1,2,3\n", &d), ZI_EDATA);
	assert_str(d.v[0].code, "column-duplicate");
	assert_str(d.v[0].field, "No");
	zi_survey_release(&s);
	zi_diag_release(&d);
	zi_diag_init(&d);
	zi_survey_init(&s, ZI_SURVEY_IPAK, 0);
	assert_int_equal(read_text(&s, "Responden,Tgl,u1\n1,31/02/2026,3\n,,4\n", &d), ZI_EDATA);
	assert_int_equal(d.errors, 2);
	assert_str(d.v[0].field, "date");
	assert_int_equal(d.v[0].line, 2);
	assert_str(d.v[1].field, "respondent");
	assert_str(d.v[1].code, "required");
	zi_survey_release(&s);
	zi_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ikm_exact_ninth),
		cmocka_unit_test(test_grades_unrounded),
		cmocka_unit_test(test_part),
		cmocka_unit_test(test_read_ikm),
		cmocka_unit_test(test_read_bad),
		cmocka_unit_test(test_mean_of_means),
		cmocka_unit_test(test_header_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
