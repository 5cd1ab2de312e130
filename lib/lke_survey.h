/* Surveys into the records for the LKE (zi-eval survey): a survey's
 * responses kept canonically as surveys/YEAR/UNIT-KIND.csv, and an external
 * surveyor's IPAK or IPKP value kept as the unit's answer to the model's
 * survey question, with the part of the score it makes. */
#ifndef ZI_LKE_SURVEY_H
#define ZI_LKE_SURVEY_H

#include "diag.h"
#include "model.h"
#include "store.h"
#include "survey.h"

/* Stores s (read with ZI_SURVEY_KEEP_STREAM from file) as the unit's survey
 * of the year: a file without responses is ZI_EDATA ("no-responses", naming
 * file); then the store is locked (waiting up to wait seconds) and the
 * canonical copy written piece by piece (*unchanged: the same bytes were
 * there; nothing committed). *rel is the records file (caller frees; NULL
 * when nothing was tried). */
int zi_lke_survey_store(struct zi_store *st, struct zi_survey *s, const char *file, const char *unit,
			int year, double wait, char **rel, int *unchanged, struct zi_diag *d);

/* What a surveyor's value became. */
struct zi_survey_answer {
	long soal; /* the model's survey question (soal_id) */
	double weight; /* its weight */
	double part; /* the score it makes: value / 4 x weight */
	char value[64]; /* the value as stored */
	int changed; /* the answer was not already that */
};
/* Keeps v (0-4, zi_survey_value_parse) as the answer of unit for the year
 * to m's question of kind k: m must have one ("model-no-question"); then the
 * store is locked (waiting up to wait seconds) and lke/YEAR/UNIT.csv written
 * when the answer changed, noted as from an external surveyor (nothing
 * committed). Returns 0 or a negative status. */
int zi_lke_survey_value(struct zi_store *st, const struct zi_model *m, const char *unit, int year,
			enum zi_survey_kind k, double v, double wait, struct zi_survey_answer *a,
			struct zi_diag *d);

#endif
