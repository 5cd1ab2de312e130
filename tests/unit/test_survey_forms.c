/* lib/survey, Forms exports (issue 10, "Survey forms"): time stamps as dates
 * (month first in English exports, day first in Indonesian ones, a day above
 * 12 either way), respondents numbered by row, question texts matched to
 * elements by the keywords of schemas/survey-forms.json, text answers on
 * each element's scale, --map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "survey.h"
#include "zitest.h"

static int read_text(struct zi_survey *s, const char *text, struct zi_diag *d)
{
	struct zt_tmpfile t = zt_tmpfile_new("s.csv", text);
	int rc = zi_survey_read(s, t.path, "s.csv", NULL, d);
	zt_tmpfile_free(&t);
	return rc;
}

#define QS                                                                                 \
	"Kesesuaian persyaratan,Kemudahan prosedur,Kecepatan waktu,Kewajaran biaya/tarif," \
	"Kesesuaian produk,Kompetensi petugas,Perilaku petugas,Penanganan pengaduan,"      \
	"Sarana dan prasarana"

static void test_google(void **state)
{
	(void)state;
	struct zi_survey s;
	struct zi_diag d;
	zi_diag_init(&d);
	zi_survey_init(&s, ZI_SURVEY_IKM, 1);
	const char *text =
		"Timestamp,Email Address," QS "\n"
		"10/3/2026 9:14:22,a@x,Sangat sesuai,Sangat mudah,Sangat cepat,Gratis,Sangat "
		"sesuai,"
		"Sangat kompeten,Sangat sopan dan ramah,Dikelola dengan baik,Sangat baik\n"
		"2026/10/04 9:14:22 AM GMT+7,b@x,tidak sesuai,TIDAK MUDAH,Tidak cepat,Sangat mahal,"
		"a. Tidak sesuai,Tidak kompeten,Tidak sopan,Tidak ada,Buruk\n"
		"13/10/2026 10:00:00,c@x,3,3,3,3,3,3,3,3,3\n";
	assert_int_equal(read_text(&s, text, &d), 0);
	assert_int_equal(s.n, 3);
	for (int e = 0; e < 9; e++)
		assert_float_equal(s.mean[e], 8.0 / 3, 1e-12);
	/* numbered by row; the time stamp month first, 13 a day */
	assert_str(s.canon.data, "respondent,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"
				 "1,2026-10-03,4,4,4,4,4,4,4,4,4\n"
				 "2,2026-10-04,1,1,1,1,1,1,1,1,1\n"
				 "3,2026-10-13,3,3,3,3,3,3,3,3,3\n");
	assert_int_equal(zt_diag_count(&d, "column-unknown"), 1); /* the e-mail */
	zi_survey_release(&s);
	zi_diag_release(&d);
}

static void test_indonesian_and_ms(void **state)
{
	(void)state;
	struct zi_survey s;
	struct zi_diag d;
	zi_diag_init(&d);
	zi_survey_init(&s, ZI_SURVEY_IKM, 1);
	/* Indonesian Google: day first */
	assert_int_equal(read_text(&s,
				   "Stempel waktu," QS "\n03/10/2026 9.14.22,4,4,4,4,4,4,4,4,4\n",
				   &d),
			 0);
	assert_non_null(strstr(s.canon.data, "\n1,2026-10-03,"));
	zi_survey_release(&s);
	/* Microsoft: its ID, the completion time (not the start) */
	zi_survey_init(&s, ZI_SURVEY_IKM, 1);
	assert_int_equal(read_text(&s,
				   "ID,Start time,Completion time,Name," QS "\n"
				   "7,9/30/26 23:59:00,10/1/26 0:01:00,,4,4,4,4,4,4,4,4,4\n",
				   &d),
			 0);
	assert_non_null(strstr(s.canon.data, "\n7,2026-10-01,"));
	zi_survey_release(&s);
	zi_diag_release(&d);
}

static void test_refusals(void **state)
{
	(void)state;
	struct zi_survey s;
	struct zi_diag d;
	zi_diag_init(&d);
	zi_survey_init(&s, ZI_SURVEY_IKM, 0);
	/* a text on no scale: line, element, column, header, value, scale */
	assert_int_equal(read_text(&s, "Timestamp," QS "\n10/3/2026,4,4,4,4,4,4,4,4,Lumayan\n", &d),
			 ZI_EDATA);
	const struct zi_diag_entry *e = zt_diag_find(&d, "response-text", 2);
	assert_non_null(e);
	assert_str(e->field, "u9");
	assert_non_null(strstr(e->message, "column 10 'Sarana dan prasarana': 'Lumayan'"));
	assert_non_null(strstr(e->message, "Buruk / Cukup / Baik / Sangat baik"));
	zi_survey_release(&s);
	zi_diag_release(&d);
	/* two question texts naming one element alike */
	zi_diag_init(&d);
	zi_survey_init(&s, ZI_SURVEY_IKM, 0);
	assert_int_equal(read_text(&s,
				   "Timestamp," QS
				   ",Biaya/tarif parkir\n10/3/2026,4,4,4,4,4,4,4,4,4,4\n",
				   &d),
			 ZI_EDATA);
	assert_non_null(zt_diag_find(&d, "column-ambiguous", 1));
	zi_survey_release(&s);
	zi_diag_release(&d);
	/* --map takes it out */
	zi_diag_init(&d);
	zi_survey_init(&s, ZI_SURVEY_IKM, 0);
	const char *map[] = {"Biaya/tarif parkir", "ignore", NULL, NULL};
	s.map = map;
	assert_int_equal(read_text(&s,
				   "Timestamp," QS
				   ",Biaya/tarif parkir\n10/3/2026,4,4,4,4,4,4,4,4,4,4\n",
				   &d),
			 0);
	assert_int_equal(d.n, 0);
	zi_survey_release(&s);
	zi_diag_release(&d);
	/* a plain file without a respondent column: numbered too */
	zi_diag_init(&d);
	zi_survey_init(&s, ZI_SURVEY_IPAK, 1);
	assert_int_equal(read_text(&s, "u1,u2\n4,3\n2,1\n", &d), 0);
	assert_str(s.canon.data, "respondent,date,u1,u2\n1,,4,3\n2,,2,1\n");
	zi_survey_release(&s);
	zi_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_google),
		cmocka_unit_test(test_indonesian_and_ms),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
