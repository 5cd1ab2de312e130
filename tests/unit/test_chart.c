/* lib/chart (threshold labels that never overlap) and lib/texttable (the
 * aligned table of cli and report, markup escaping). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "zitest.h"

#include "chart.h"
#include "texttable.h"

struct box {
	double x0, x1, y0, y1;
};

/* The boxes of the middle-anchored <text> labels in svg: one em per
 * character wide (no glyph of a sans-serif face is wider), the font size
 * high, above the baseline. */
static size_t label_boxes(const char *svg, struct box *out, size_t max)
{
	size_t n = 0;
	for (const char *p = svg; (p = strstr(p, "<text ")) && n < max; p++) {
		double x, y;
		int fs, len = 0;
		if (sscanf(p, "<text x=\"%lf\" y=\"%lf\" font-size=\"%d\" text-anchor=\"middle\">%n",
			   &x, &y, &fs, &len) != 3 ||
		    !len)
			continue;
		const char *end = strstr(p + len, "</text>");
		assert_non_null(end);
		double w = (double)(end - (p + len)) * fs;
		out[n++] = (struct box){x - w / 2, x + w / 2, y - fs, y};
	}
	return n;
}

static void check_no_overlap(const double *at, size_t n)
{
	struct zi_chart_mark m[8];
	char labels[8][32];
	for (size_t i = 0; i < n; i++) {
		snprintf(labels[i], sizeof(labels[i]), i % 2 ? "WBBM %g" : "WBK %g", at[i]);
		m[i] = (struct zi_chart_mark){at[i], labels[i], "#000"};
	}
	int row[8];
	int rows = zi_chart_mark_rows(m, n, 190, 420, ZI_CHART_MARK_FONT, row);
	int top = 18 + (rows - 1) * ZI_CHART_MARK_ROW;
	struct zi_buf b;
	zi_buf_init(&b);
	zi_chart_marks(&b, m, n, 190, 420, top, 300);
	struct box bx[8];
	size_t nb = label_boxes(b.data, bx, 8);
	assert_int_equal(nb, n);
	for (size_t i = 0; i < nb; i++) {
		assert_true(bx[i].y0 >= 0); /* inside the chart */
		assert_true(bx[i].y1 <= top); /* above the lines */
		for (size_t j = 0; j < i; j++) {
			int apart = bx[i].x1 <= bx[j].x0 || bx[j].x1 <= bx[i].x0 ||
				    bx[i].y1 <= bx[j].y0 || bx[j].y1 <= bx[i].y0;
			if (!apart)
				fail_msg("labels %g and %g overlap:\n%s", at[i], at[j], b.data);
		}
	}
	zi_buf_release(&b);
}

static void test_threshold_labels(void **state)
{
	(void)state;
	const double wbk_wbbm[] = {75, 85}, close[] = {75, 60}, touching[] = {75, 76},
		     three[] = {75, 76, 77}, apart[] = {10, 90}, same[] = {75, 75};
	check_no_overlap(wbk_wbbm, 2);
	check_no_overlap(close, 2);
	check_no_overlap(touching, 2);
	check_no_overlap(three, 3);
	check_no_overlap(apart, 2);
	check_no_overlap(same, 2);
	/* far apart: one row, nothing moved */
	struct zi_chart_mark m[2] = {{10, "WBK 10", "#000"}, {90, "WBBM 90", "#000"}};
	int row[2];
	assert_int_equal(zi_chart_mark_rows(m, 2, 190, 420, ZI_CHART_MARK_FONT, row), 1);
	/* the thresholds of the report (75, 85) are too close for one row */
	m[0].at = 75;
	m[1].at = 85;
	assert_int_equal(zi_chart_mark_rows(m, 2, 190, 420, ZI_CHART_MARK_FONT, row), 2);
}

static void test_texttable(void **state)
{
	(void)state;
	struct zi_ttable t;
	struct zi_buf b;
	zi_buf_init(&b);
	zi_tt_init(&t, 3);
	t.right[1] = 1;
	const char *h[] = {"unit", "n", "note"}, *r1[] = {"dinas é", "7", ""},
		   *r2[] = {"a|b", "12", "<x>"};
	zi_tt_add(&t, h);
	zi_tt_add(&t, r1);
	zi_tt_add(&t, r2);
	zi_tt_text(&t, "  ", &b);
	/* display width, not bytes; numbers right; no trailing blanks */
	assert_str(b.data, "  unit      n  note\n"
			   "  dinas é   7\n"
			   "  a|b      12  <x>\n");
	assert_int_equal(t.nrows, 0);
	zi_buf_reset(&b);
	zi_tt_add(&t, h);
	zi_tt_add(&t, r2);
	zi_tt_md(&t, &b);
	assert_str(b.data, "| unit |  n | note      |\n"
			   "| ---- | --: | --------- |\n"
			   "| a\\|b | 12 | &lt;x&gt; |\n");
	zi_buf_reset(&b);
	zi_tt_add(&t, h);
	zi_tt_add(&t, r2);
	zi_tt_html(&t, &b);
	assert_str(b.data,
		   "<table>\n<thead>\n<tr><th>unit</th><th class=\"n\">n</th><th>note</th></tr>\n"
		   "</thead>\n<tbody>\n<tr><td>a|b</td><td "
		   "class=\"n\">12</td><td>&lt;x&gt;</td></tr>\n"
		   "</tbody>\n</table>\n");
	zi_buf_reset(&b);
	zi_esc(&b, "a'b\"c&\n", ZI_ESC_HTML);
	assert_str(b.data, "a&#39;b&quot;c&amp;\n");
	zi_buf_reset(&b);
	zi_esc(&b, "a'b\"c&\n", ZI_ESC_MD);
	assert_str(b.data, "a'b\"c&amp; ");
	zi_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threshold_labels),
		cmocka_unit_test(test_texttable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
