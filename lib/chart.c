/* SVG charts of the monthly report: see chart.h. */
#include "chart.h"

#include <math.h>
#include <string.h>

#include "report_int.h"

/* SVG charts: drawn in a fixed coordinate space, so the same data gives the
 * same bytes. */
static const char *const doc_colors[ZI_DOC_COUNT] = {"#1f5f8b", "#3f8f5f", "#c07f1f", "#8f3f6f",
						     "#5f5f5f"};

void zi_chart_coverage(const struct zi_report *r, struct zi_buf *b)
{
	size_t n = r->nunits;
	int label_w = 190, bar_w = 420, row_h = 26;
	int h = 40 + (int)n * row_h;
	zi_buf_printf(b, "<svg class=\"chart\" id=\"chart-coverage\" xmlns=\"http://www.w3.org/2000/svg\" "
			 "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		      label_w + bar_w + 60, h, label_w + bar_w + 60, h);
	zi_esc(b, _("Coverage per unit"), ZI_ESC_HTML);
	zi_buf_adds(b, "\">\n");
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		zi_buf_printf(b, "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
				 "<text x=\"%d\" y=\"15\" font-size=\"11\">",
			      label_w + k * 85, doc_colors[k], label_w + k * 85 + 14);
		zi_esc(b, zi_rep_doc_label(k), ZI_ESC_HTML);
		zi_buf_adds(b, "</text>\n");
	}
	for (int p = 0; p <= 100; p += 25)
		zi_buf_printf(b, "<line x1=\"%d\" y1=\"24\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>"
				 "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%d%%</text>\n",
			      label_w + p * bar_w / 100, label_w + p * bar_w / 100, h - 12,
			      label_w + p * bar_w / 100, h - 2, p);
	for (size_t i = 0; i < n; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		int y = 28 + (int)i * row_h;
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">",
			      label_w - 6, y + 14);
		zi_esc(b, zi_rep_uname(u), ZI_ESC_HTML);
		zi_buf_adds(b, "</text>\n");
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			if (!u->cov[k].required || isnan(u->cov[k].percent)) {
				/* no data: a dashed empty outline, never a bar of 0 or 100 */
				zi_buf_printf(b, "<rect class=\"nodata\" x=\"%d\" y=\"%d\" width=\"%d\" "
						 "height=\"4\" fill=\"none\" stroke=\"%s\" "
						 "stroke-dasharray=\"2,3\"><title>",
					      label_w, y + k * 5 + 2, bar_w, doc_colors[k]);
				zi_esc(b, _("no data"), ZI_ESC_HTML);
				zi_buf_adds(b, "</title></rect>\n");
				continue;
			}
			char wv[32];
			zi_rep_fmt2(wv, sizeof(wv), u->cov[k].percent * bar_w / 100.0);
			zi_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"4\" fill=\"%s\"/>\n",
				      label_w, y + k * 4 + 2, wv, doc_colors[k]);
		}
	}
	zi_buf_adds(b, "</svg>\n");
}

void zi_chart_scores(const struct zi_report *r, struct zi_buf *b)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nunits; i++)
		n += r->units[i].has_score;
	int label_w = 190, bar_w = 420, row_h = 18;
	int h = 44 + (int)n * row_h;
	zi_buf_printf(b, "<svg class=\"chart\" id=\"chart-scores\" xmlns=\"http://www.w3.org/2000/svg\" "
			 "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		      label_w + bar_w + 60, h, label_w + bar_w + 60, h);
	zi_esc(b, _("LKE score per unit"), ZI_ESC_HTML);
	zi_buf_adds(b, "\">\n");
	int x75 = label_w + 75 * bar_w / 100, x85 = label_w + 85 * bar_w / 100;
	zi_buf_printf(b, "<line x1=\"%d\" y1=\"18\" x2=\"%d\" y2=\"%d\" stroke=\"#c03030\" stroke-dasharray=\"4 2\"/>"
			 "<text x=\"%d\" y=\"14\" font-size=\"10\" text-anchor=\"middle\">WBK 75</text>\n",
		      x75, x75, h - 14, x75);
	zi_buf_printf(b, "<line x1=\"%d\" y1=\"18\" x2=\"%d\" y2=\"%d\" stroke=\"#2040a0\" stroke-dasharray=\"4 2\"/>"
			 "<text x=\"%d\" y=\"14\" font-size=\"10\" text-anchor=\"middle\">WBBM 85</text>\n",
		      x85, x85, h - 14, x85);
	for (int p = 0; p <= 100; p += 25)
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%d</text>\n",
			      label_w + p * bar_w / 100, h - 2, p);
	size_t row = 0;
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		if (!u->has_score)
			continue;
		int y = 22 + (int)row++ * row_h;
		char wv[32], tv[32];
		zi_rep_fmt2(wv, sizeof(wv), (u->total < 0 ? 0 : u->total) * bar_w / 100.0);
		zi_rep_hnum(tv, sizeof(tv), u->total);
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">",
			      label_w - 6, y + 11);
		zi_esc(b, zi_rep_uname(u), ZI_ESC_HTML);
		zi_buf_printf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"12\" fill=\"%s\"/>"
				 "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>\n",
			      label_w, y + 1, wv, u->wbbm ? "#2040a0" : u->wbk ? "#3f8f5f" : "#999",
			      label_w + bar_w + 4, y + 11, tv);
	}
	zi_buf_adds(b, "</svg>\n");
}

void zi_chart_trend(const struct zi_report *r, struct zi_buf *b)
{
	int left = 40, w = 560, top = 24, h = 200;
	zi_buf_printf(b, "<svg class=\"chart\" id=\"chart-trend\" xmlns=\"http://www.w3.org/2000/svg\" "
			 "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		      left + w + 20, top + h + 30, left + w + 20, top + h + 30);
	zi_esc(b, _("Coverage over the last 12 months"), ZI_ESC_HTML);
	zi_buf_adds(b, "\">\n");
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		zi_buf_printf(b, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>"
				 "<text x=\"%d\" y=\"13\" font-size=\"11\">",
			      left + k * 110, doc_colors[k], left + k * 110 + 14);
		zi_esc(b, zi_rep_doc_label(k), ZI_ESC_HTML);
		zi_buf_adds(b, "</text>\n");
	}
	for (int p = 0; p <= 100; p += 25) {
		int y = top + h - p * h / 100;
		zi_buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
				 "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"end\">%d%%</text>\n",
			      left, y, left + w, y, left - 4, y + 3, p);
	}
	int step = w / (ZI_TREND_MONTHS - 1);
	for (int m = 0; m < ZI_TREND_MONTHS; m++)
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%s</text>\n",
			      left + m * step, top + h + 14, r->trend_months[m]);
	for (int k = 0; k < ZI_DOC_COUNT; k++) {
		struct zi_buf pts;
		zi_buf_init(&pts);
		for (int m = 0; m < ZI_TREND_MONTHS; m++) {
			if (r->trend[m][k] < 0)
				continue;
			char yv[32];
			zi_rep_fmt2(yv, sizeof(yv), top + h - r->trend[m][k] * h / 100.0);
			zi_buf_printf(&pts, "%s%d,%s", pts.len ? " " : "", left + m * step, yv);
		}
		if (pts.len)
			zi_buf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
				      doc_colors[k], pts.data);
		zi_buf_release(&pts);
	}
	zi_buf_adds(b, "</svg>\n");
}
