/* SVG charts of the monthly report, inline in its HTML: coverage per unit,
 * the LKE score per unit against the WBK and WBBM thresholds, and the
 * programme's coverage over the last 12 months. Drawn in a fixed coordinate
 * space, so the same data gives the same bytes; "no data" is drawn apart
 * from 0 %. */
#ifndef ZI_CHART_H
#define ZI_CHART_H

#include "report.h"

/* A threshold on a 0-100 axis: a dashed line at `at` with its label above. */
struct zi_chart_mark {
	double at;
	const char *label, *color;
};
#define ZI_CHART_MARK_FONT 10 /* px, the labels' font size */
#define ZI_CHART_MARK_ROW 12 /* px between two rows of labels */

/* The row of each mark's label (row[i], 0 nearest the chart) so that no two
 * labels of one row can overlap, centred on x0 + at * bar_w / 100 at font
 * size fs; returns the rows used. */
int zi_chart_mark_rows(const struct zi_chart_mark *m, size_t n, int x0, int bar_w, int fs, int *row);
/* Draws the marks: lines from top to bottom, labels above top in their
 * rows. */
void zi_chart_marks(struct zi_buf *b, const struct zi_chart_mark *m, size_t n, int x0, int bar_w,
		    int top, int bottom);

void zi_chart_coverage(const struct zi_report *r, struct zi_buf *b);
void zi_chart_scores(const struct zi_report *r, struct zi_buf *b);
void zi_chart_trend(const struct zi_report *r, struct zi_buf *b);

#endif
