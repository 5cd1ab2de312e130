/* SVG charts of the monthly report, inline in its HTML: coverage per unit,
 * the LKE score per unit against the WBK and WBBM thresholds, and the
 * programme's coverage over the last 12 months. Drawn in a fixed coordinate
 * space, so the same data gives the same bytes; "no data" is drawn apart
 * from 0 %. */
#ifndef ZI_CHART_H
#define ZI_CHART_H

#include "report.h"

void zi_chart_coverage(const struct zi_report *r, struct zi_buf *b);
void zi_chart_scores(const struct zi_report *r, struct zi_buf *b);
void zi_chart_trend(const struct zi_report *r, struct zi_buf *b);

#endif
