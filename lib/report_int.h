/* What the report modules share and nobody else uses: the gathering at a
 * date (report_gather.c), the pieces of human output (report_out.c: numbers
 * and dates in the report's language, headings, paragraphs and tables in
 * text, Markdown or HTML, JSON values) and the Tabel 5 helpers. The public
 * interface is report.h; charts are chart.h. */
#ifndef ZI_REPORT_INT_H
#define ZI_REPORT_INT_H

#include <jansson.h>

#include "report.h"
#include "table.h"
#include "texttable.h"

/* Dates: the month delta months from month (YYYY-MM), and a month's last
 * day (YYYY-MM-DD). */
void zi_rep_month_shift(const char *month, int delta, char out[8]);
void zi_rep_month_end(const char *month, char out[11]);

/* Loads the records of type (one file: "units", "stages"...) through
 * zi_records_load; *sp is the schema, released with zi_rep_unload. */
int zi_rep_load(struct zi_store *st, const char *type, struct zi_table *t, struct zi_schema **sp,
		struct zi_diag *d);
void zi_rep_unload(struct zi_table *t, struct zi_schema *s);

/* The state of the programme today (ZI_TODAY honoured), the change since
 * the end of last month: what readiness and one unit's file show. With
 * public, no names are kept (detail is ignored). */
int zi_rep_gather_today(struct zi_store *st, int detail, int public, struct zi_report *r,
			struct zi_diag *d);
/* The index of unit id in r->units (sorted by id), -1 when not there. */
long zi_rep_unit_index(const struct zi_report *r, const char *id);

/* Tabel 5 of 5/2024 for unit u toward pred, as of r's month end. */
void zi_rep_prq_unit(const struct zi_prq_facts *f, const struct zi_report *r,
		     const struct zi_rep_unit *u, const char *pred, struct zi_prq_row *rows);
/* A failing row of Tabel 5 as a sentence for people (caller frees). */
char *zi_rep_prq_problem(const struct zi_prq_row *row, int year);
/* PortalRB's kategori of a unit toward pred. */
const char *zi_rep_kategori(const struct zi_rep_unit *u, const char *pred);

/* Numbers: fmt2 writes %.2f (never -0.00), for CSV, JSON and SVG
 * coordinates; hnum/hint/hdate/hmonth as the report's language writes them
 * (lib/fmt.c), for text, Markdown and HTML. */
void zi_rep_fmt2(char *out, size_t n, double v);
void zi_rep_add2(struct zi_buf *b, double v);
void zi_rep_hnum(char *out, size_t n, double v);
void zi_rep_hint(char *out, size_t n, long v);
void zi_rep_hdate(char *out, size_t n, const char *iso);
void zi_rep_hmonth(char *out, size_t n, const char *iso);
/* A coverage percent, "-" without data; a change of a percent, "=" none. */
void zi_rep_pct(char *out, size_t n, const struct zi_rep_cov *c);
void zi_rep_delta(char *out, size_t n, double now, double before);
/* The mean of the values that are not NAN (NAN when none is): no data is
 * neither 0 nor 100 in an average. */
double zi_rep_mean_known(const double *v, int n);

/* A unit as people call it: its short name where there is one, else its
 * name; the id only where a reader must act on it (its own column). */
const char *zi_rep_uname(const struct zi_rep_unit *u);
/* The line that marks a public edition, translated. */
const char *zi_rep_public_note(void);
/* A document (enum zi_doc) as people call it, translated. */
const char *zi_rep_doc_label(int k);

/* One document of human output: text, Markdown or HTML. */
enum zi_rep_kind { ZI_OUT_TEXT, ZI_OUT_MD, ZI_OUT_HTML };
struct zi_rep_out {
	enum zi_rep_kind kind;
	struct zi_buf *b;
	char heading[256]; /* the last heading: what the next table is about */
};
void zi_rep_heading(struct zi_rep_out *o, int level, const char *text);
void zi_rep_para(struct zi_rep_out *o, const char *text);
/* A table t of strlen(align) columns, those marked 'r' in align aligned to
 * the right, its first row head. */
void zi_rep_table_start(struct zi_ttable *t, const char *align, const char *const *head);
/* Writes the table and empties it; a table of the header alone says
 * "(none)". In HTML the table sits in a region that scrolls on its own on
 * a narrow screen, focusable (it scrolls from the keyboard too) and named
 * by the heading above it. */
void zi_rep_table(struct zi_rep_out *o, struct zi_ttable *t);

/* JSON: NAN (no data) is null, never a number. */
json_t *zi_rep_jreal(double v);
/* One unit's coverage of document k: unit (when with_unit), doc, required,
 * signed, percent, percent_before (with before), missing (with missing). */
json_t *zi_rep_coverage_json(const struct zi_rep_unit *u, int k, int with_unit, int before,
			     int missing);
/* The rows of Tabel 5 as JSON. */
json_t *zi_rep_prq_json(const struct zi_prq_row *rows);

#endif
