/* Surveys: the public satisfaction index IKM (PermenPAN-RB 14/2017: nine
 * elements, NRR per element, SKM with exact 1/9 weights, IKM = SKM x 25,
 * graded on the unrounded value) and the IPAK / IPKP values of the LKE (mean
 * of the element means, 0-4). Responses are read in one pass; memory is the
 * canonical copy only when it is kept for storing. Respondents are unique;
 * stored rows are in respondent order (as text, like every records file). */
#ifndef ZI_SURVEY_H
#define ZI_SURVEY_H

#include <jansson.h>

#include "csvio.h"
#include "diag.h"
#include "util.h"

enum zi_survey_kind { ZI_SURVEY_IKM, ZI_SURVEY_IPAK, ZI_SURVEY_IPKP };

#define ZI_SURVEY_MAX 64
#define ZI_IKM_ELEMENTS 9

/* Field indexes of surveys/YEAR/UNIT-KIND.csv (schema survey: the IKM file
 * has the nine elements; an IPAK or IPKP file has u1..uN in the same
 * layout). Element e (1..N) is field ZI_SV_U1 + e - 1. */
enum zi_survey_field {
	ZI_SV_RESPONDENT,
	ZI_SV_DATE,
	ZI_SV_U1,
	ZI_SV_NFIELDS = ZI_SV_U1 + ZI_IKM_ELEMENTS /* of an IKM file */
};

int zi_survey_kind_parse(const char *s, enum zi_survey_kind *out);
const char *zi_survey_kind_name(enum zi_survey_kind k);

struct zi_survey {
	enum zi_survey_kind kind;
	size_t nelem; /* u1..uN */
	unsigned long n; /* respondents */
	unsigned long long sum[ZI_SURVEY_MAX]; /* per element */
	double mean[ZI_SURVEY_MAX]; /* NRR per element */
	double value; /* mean of the element means, 0-4 */
	double skm, ikm; /* IKM surveys only */
	char grade; /* A B C D; IKM only */
	int keep; /* build the canonical copy */
	const char *const *map; /* --map: header, field pairs, or NULL */
	char until[11]; /* YYYY-MM-DD: responses dated after it
						 * are not counted; "" counts all */
	struct zi_buf canon; /* canonical CSV, sorted by respondent
						 * (keep 1) */
	struct zi_survey_data *data; /* keep: the responses (private) */
};

/* keep = ZI_SURVEY_KEEP_STREAM: the responses are kept, the canonical copy is
 * made only when asked, in pieces (zi_survey_canon). */
#define ZI_SURVEY_KEEP_STREAM 2

void zi_survey_init(struct zi_survey *s, enum zi_survey_kind kind, int keep);
void zi_survey_release(struct zi_survey *s);

/* Reads a spreadsheet of raw responses: columns respondent, date (optional),
 * and the elements u1..uN (headers also U1, "Unsur 1", U01 or the element
 * names of PermenPAN-RB 14/2017; IKM needs exactly nine). A Google Forms or
 * Microsoft Forms export as downloaded is read too (schemas/survey-forms.json):
 * its time stamp is the date, a question text is the element whose keywords
 * it holds, a text answer is its level 1-4 on the element's scale, and
 * without a respondent column respondents are numbered by row. s->map renames
 * headers first. Every response is
 * 1-4: a value outside, a missing element, a duplicate respondent is an error
 * naming the line; all errors are reported. Then computes the means (see
 * zi_survey_finish). Returns 0, ZI_EDATA or ZI_EIO. */
int zi_survey_read(struct zi_survey *s, const char *path, const char *name, struct zi_csv_opts *o,
		   struct zi_diag *d);
/* The canonical CSV of a survey read with keep: header, then one line per
 * response in respondent order (as text). out gets it in pieces of about a
 * MiB and returns non-zero to stop (returned); out NULL appends it all to
 * s->canon. */
typedef int (*zi_survey_out_fn)(void *ctx, const void *data, size_t len);
int zi_survey_canon(struct zi_survey *s, zi_survey_out_fn out, void *ctx);
/* Means, value, and for IKM the SKM, IKM and grade, from the sums. */
void zi_survey_finish(struct zi_survey *s);

/* SKM = sum of NRR x 1/9 (exact), IKM = SKM x 25. */
double zi_ikm_skm(const double *nrr);
/* D below 65, C below 76.61, B below 88.31, else A: on the unrounded IKM. */
char zi_ikm_grade(double ikm);
/* The LKE part of a 0-4 survey value: value / 4 x weight (17.5 in 2026). */
double zi_survey_part(double value, double weight);

/* A surveyor's value as given (--value): a number from 0 to 4, else an error
 * in d (ZI_EDATA). */
int zi_survey_value_parse(const char *raw, double *v, struct zi_diag *d);
/* A survey's result: as JSON (unit, year, kind, respondents, the element
 * means, then skm, ikm and grade, or value), and as text for people
 * (translated), appended to b. */
json_t *zi_survey_json(const struct zi_survey *s, const char *unit, int year);
void zi_survey_text(const struct zi_survey *s, const char *unit, int year, struct zi_buf *b);

/* What zi-eval survey --value says as JSON: the value kept as the answer of
 * soal_id, and the part of the score it makes. */
json_t *zi_survey_value_json(const char *unit, int year, enum zi_survey_kind k, double v,
			     long soal_id, double part);

#endif
