/* SVG charts of the monthly report: see chart.h. */
#include "chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* SVG charts: drawn in a fixed coordinate space, so the same data gives the
 * same bytes. */
static const char *const doc_colors[ZI_DOC_COUNT] = {"#1f5f8b", "#3f8f5f", "#c07f1f", "#8f3f6f",
						     "#5f5f5f"};

/* The width text of font size fs takes at most in a common sans-serif face
 * (DejaVu Sans is the widest): capitals and digits wide, narrow letters
 * narrow; for placing legends, which may not overlap. */
static double text_width(const char *s, int fs)
{
	double w = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c & 0xC0) == 0x80)
			continue;
		if (strchr("WMmw", c))
			w += 1.0;
		else if (c >= 'A' && c <= 'Z')
			w += 0.8;
		else if (c == ' ' || strchr("iljft.,:;'|!", c))
			w += 0.4;
		else if (c < 0x80)
			w += 0.65;
		else
			w += 1.0; /* any other letter: as wide as the widest */
	}
	return w * fs;
}

/* One entry of a legend: a swatch (filled, or dashed when nodata) and its
 * label. */
struct legend_item {
	const char *color, *label;
	int nodata;
};

/* Draws a legend from (x0, y) (the top of its first line), entries side by
 * side, wrapping before maxx; returns the lines used (16 px each). */
static int legend(struct zi_buf *b, const struct legend_item *it, size_t n, int x0, int y, int maxx)
{
	int x = x0, lines = 1;
	for (size_t i = 0; i < n; i++) {
		int w = 14 + (int)ceil(text_width(it[i].label, 11)) + 12;
		if (x > x0 && x + w - 12 > maxx) {
			x = x0;
			lines++;
		}
		int ty = y + (lines - 1) * 16;
		if (it[i].nodata)
			zi_buf_printf(b,
				      "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
				      "fill=\"none\" "
				      "stroke=\"%s\" stroke-dasharray=\"2,3\"/>",
				      x, ty, it[i].color);
		else
			zi_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>",
				      x, ty, it[i].color);
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\">", x + 14, ty + 9);
		zi_esc(b, it[i].label, ZI_ESC_HTML);
		zi_buf_adds(b, "</text>\n");
		x += w;
	}
	return lines;
}

/* The documents' colours and names, and (with nodata) what a dashed outline
 * means. */
static size_t doc_legend(struct legend_item it[ZI_DOC_COUNT + 1], int nodata)
{
	size_t n = 0;
	for (int k = 0; k < ZI_DOC_COUNT; k++)
		it[n++] = (struct legend_item){doc_colors[k], zi_rep_doc_label(k), 0};
	if (nodata)
		it[n++] = (struct legend_item){"#5f5f5f", _("no data (nobody owes it), not 0 %"), 1};
	return n;
}

/* The chart's <svg> element: its id, size in px (the viewBox the same) and
 * the name a screen reader says. */
static void svg_open(struct zi_buf *b, const char *id, int w, int h, const char *label)
{
	zi_buf_printf(b,
		      "<svg class=\"chart\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
		      "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		      id, w, h, w, h);
	zi_esc(b, label, ZI_ESC_HTML);
	zi_buf_adds(b, "\">\n");
}

void zi_chart_coverage(const struct zi_report *r, struct zi_buf *b)
{
	size_t n = r->nunits;
	int label_w = 190, bar_w = 420, row_h = 26;
	struct legend_item it[ZI_DOC_COUNT + 1];
	size_t nit = doc_legend(it, 1);
	/* the legend first, to know how many lines it takes */
	struct zi_buf lb;
	zi_buf_init(&lb);
	int off = (legend(&lb, it, nit, label_w, 6, label_w + bar_w + 60) - 1) * 16;
	int h = off + 40 + (int)n * row_h;
	svg_open(b, "chart-coverage", label_w + bar_w + 60, h, _("Coverage per unit"));
	zi_buf_add(b, lb.data, lb.len);
	zi_buf_release(&lb);
	for (int p = 0; p <= 100; p += 25)
		zi_buf_printf(b,
			      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>"
			      "<text x=\"%d\" y=\"%d\" font-size=\"9\" "
			      "text-anchor=\"middle\">%d%%</text>\n",
			      label_w + p * bar_w / 100, off + 24, label_w + p * bar_w / 100,
			      h - 12, label_w + p * bar_w / 100, h - 2, p);
	for (size_t i = 0; i < n; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		int y = off + 28 + (int)i * row_h;
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">",
			      label_w - 6, y + 14);
		zi_esc(b, zi_rep_uname(u), ZI_ESC_HTML);
		zi_buf_adds(b, "</text>\n");
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			if (!u->cov[k].required || isnan(u->cov[k].percent)) {
				/* no data: a dashed empty outline, never a bar of 0 or 100 */
				zi_buf_printf(b,
					      "<rect class=\"nodata\" x=\"%d\" y=\"%d\" "
					      "width=\"%d\" "
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
				      label_w, y + k * 5 + 2, wv, doc_colors[k]);
		}
	}
	zi_buf_adds(b, "</svg>\n");
}

/* The width a label can take at font size fs: one em per character, as wide
 * as the widest capital (W, M) of any sans-serif face, so that boxes that do
 * not overlap here do not overlap as drawn. */
static double label_width(const char *s, int fs)
{
	return (double)zi_text_width(s) * fs;
}

int zi_chart_mark_rows(const struct zi_chart_mark *m, size_t n, int x0, int bar_w, int fs, int *row)
{
	int rows = n ? 1 : 0;
	for (size_t i = 0; i < n; i++) {
		double xi = x0 + m[i].at * bar_w / 100.0, wi = label_width(m[i].label, fs) / 2 + 2;
		/* the lowest row where the label meets none placed before it */
		for (row[i] = 0;; row[i]++) {
			size_t j = 0;
			for (; j < i; j++) {
				double xj = x0 + m[j].at * bar_w / 100.0;
				double wj = label_width(m[j].label, fs) / 2 + 2;
				if (row[j] == row[i] && fabs(xi - xj) < wi + wj)
					break;
			}
			if (j == i)
				break;
		}
		if (row[i] + 1 > rows)
			rows = row[i] + 1;
	}
	return rows;
}

void zi_chart_marks(struct zi_buf *b, const struct zi_chart_mark *m, size_t n, int x0, int bar_w,
		    int top, int bottom)
{
	int *row = zi_xcalloc(n + 1, sizeof(int));
	int fs = ZI_CHART_MARK_FONT;
	int rows = zi_chart_mark_rows(m, n, x0, bar_w, fs, row);
	(void)rows;
	for (size_t i = 0; i < n; i++) {
		int x = x0 + (int)(m[i].at * bar_w / 100);
		zi_buf_printf(b,
			      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
			      "stroke-dasharray=\"4 2\"/>"
			      "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\">",
			      x, top, x, bottom, m[i].color, x,
			      top - 4 - row[i] * ZI_CHART_MARK_ROW, fs);
		zi_esc(b, m[i].label, ZI_ESC_HTML);
		zi_buf_adds(b, "</text>\n");
	}
	free(row);
}

void zi_chart_scores(const struct zi_report *r, struct zi_buf *b)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nunits; i++)
		n += r->units[i].has_score;
	int label_w = 190, bar_w = 420, row_h = 18;
	/* the thresholds of the verdicts; their labels stack where they would
	 * meet, and the chart moves down by the rows added */
	const struct zi_chart_mark marks[] = {{75, "WBK 75", "#c03030"}, {85, "WBBM 85", "#2040a0"}};
	int row[2];
	int top = 18 + (zi_chart_mark_rows(marks, 2, label_w, bar_w, ZI_CHART_MARK_FONT, row) - 1) *
			       ZI_CHART_MARK_ROW;
	int h = top + 26 + (int)n * row_h;
	svg_open(b, "chart-scores", label_w + bar_w + 60, h, _("LKE score per unit"));
	zi_chart_marks(b, marks, 2, label_w, bar_w, top, h - 14);
	for (int p = 0; p <= 100; p += 25)
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%d</text>\n",
			      label_w + p * bar_w / 100, h - 2, p);
	size_t nrow = 0;
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		if (!u->has_score)
			continue;
		int y = top + 4 + (int)nrow++ * row_h;
		char wv[32], tv[32];
		zi_rep_fmt2(wv, sizeof(wv), (u->total < 0 ? 0 : u->total) * bar_w / 100.0);
		zi_rep_hnum(tv, sizeof(tv), u->total);
		zi_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">",
			      label_w - 6, y + 11);
		zi_esc(b, zi_rep_uname(u), ZI_ESC_HTML);
		zi_buf_printf(b,
			      "</text><rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"12\" "
			      "fill=\"%s\"/>"
			      "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>\n",
			      label_w, y + 1, wv,
			      u->wbbm  ? "#2040a0"
			      : u->wbk ? "#3f8f5f"
				       : "#999",
			      label_w + bar_w + 4, y + 11, tv);
	}
	zi_buf_adds(b, "</svg>\n");
}

void zi_chart_trend(const struct zi_report *r, struct zi_buf *b)
{
	int left = 40, w = 560, h = 200;
	struct legend_item it[ZI_DOC_COUNT + 1];
	size_t nit = doc_legend(it, 0);
	struct zi_buf lb;
	zi_buf_init(&lb);
	int top = 24 + (legend(&lb, it, nit, left, 4, left + w + 20) - 1) * 16;
	svg_open(b, "chart-trend", left + w + 20, top + h + 30,
		 _("Coverage over the last 12 months"));
	zi_buf_add(b, lb.data, lb.len);
	zi_buf_release(&lb);
	for (int p = 0; p <= 100; p += 25) {
		int y = top + h - p * h / 100;
		zi_buf_printf(b,
			      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
			      "<text x=\"%d\" y=\"%d\" font-size=\"9\" "
			      "text-anchor=\"end\">%d%%</text>\n",
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
			zi_buf_printf(b,
				      "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
				      "points=\"%s\"/>\n",
				      doc_colors[k], pts.data);
		zi_buf_release(&pts);
	}
	zi_buf_adds(b, "</svg>\n");
}
