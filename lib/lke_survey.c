/* Surveys into the records for the LKE: the responses kept, a surveyor's
 * value as an answer (see lke_survey.h). */
#include "lke_survey.h"

#include <stdlib.h>

#include "values.h"
#include "lke.h"
#include "records.h"

/* zi_survey_canon hands its pieces to the store's writer. */
static int survey_gen(void *gctx, zi_store_out_fn out, void *octx)
{
	return zi_survey_canon(gctx, out, octx);
}

int zi_lke_survey_store(struct zi_store *st, struct zi_survey *s, const char *file, const char *unit,
			int year, double wait, char **rel, int *unchanged, struct zi_diag *d)
{
	*rel = NULL;
	*unchanged = 0;
	if (!s->n) {
		zi_diag_error(d, file, 0, NULL, "no-responses", _("no responses in the file"));
		return ZI_EDATA;
	}
	*rel = zi_records_rel_kind("survey", unit, year, zi_survey_kind_name(s->kind), d);
	if (!*rel)
		return ZI_EINTERNAL;
	int rc = zi_store_lock(st, wait, d);
	if (!rc)
		rc = zi_store_put_pieces(st, *rel, survey_gen, s, unchanged, d);
	return rc;
}

int zi_lke_survey_value(struct zi_store *st, const struct zi_model *m, const char *unit, int year,
			enum zi_survey_kind k, double v, double wait, struct zi_survey_answer *a,
			struct zi_diag *d)
{
	*a = (struct zi_survey_answer){0};
	long qi = zi_lke_survey_question_need(m, zi_survey_kind_name(k), d);
	if (qi < 0)
		return ZI_EDATA;
	a->soal = m->q[qi].id;
	a->weight = m->q[qi].weight;
	a->part = zi_survey_part(v, a->weight);
	zi_format_number(v, a->value, sizeof(a->value));
	int rc = zi_store_lock(st, wait, d);
	if (!rc)
		rc = zi_lke_store_answer(st, unit, year, a->soal, a->value, _("external surveyor"),
					 &a->changed, d);
	return rc;
}
