/* The LKE model (schemas/lke/lke-YEAR.json, format in man/zi-model.5): the
 * tree of components, areas and sub-areas with their weights, every question's
 * type and choice multipliers, the derived percentages as formulas over
 * question ids, and the WBK/WBBM thresholds (lib/model.c). Scoring with the
 * verdict naming every failed criterion (lib/lkescore.c), an explanation of
 * every number (lib/explain.c), scoring units from the records
 * (lib/scorer.c). */
#ifndef ZI_MODEL_H
#define ZI_MODEL_H

#include <jansson.h>

#include "diag.h"
#include "store.h"
#include "table.h"
#include "values.h"

enum zi_qkind { ZI_Q_CHOICE, ZI_Q_COUNT, ZI_Q_SURVEY };

struct zi_choice {
	char *key;
	double mult;
};

struct zi_question {
	long id; /* the official soal_id */
	char *type; /* as the master names it: YA_TIDAK, ABC, ABCD, ABCDE, JUMLAH, 0-4 */
	enum zi_qkind kind;
	double weight; /* explicit weight (a "weighted" node), else 0 */
	struct zi_choice *choices;
	size_t nchoices;
	int scored; /* 0: recorded, never scored (soal 104 in 2026) */
	char *source; /* which records fill it when left empty, or NULL */
	char *text; /* may be NULL */
	char *note;
	size_t node; /* index of its node */
	int input; /* a count that some formula reads */
	/* Where the PortalRB workbook keeps its cells (the master's excel_*
	 * fields): sheet NULL when the model does not say; a column "" when
	 * that cell is not named. */
	struct {
		char *sheet;
		unsigned long row;
		char unit[4], tpi[4], unit_note[4], unit_evidence[4], tpi_note[4];
	} excel;
};

enum zi_formula { ZI_F_RATIO, ZI_F_DECREASE };

/* A derived percentage, scored as one question of its sub-area. Inputs are
 * question indexes (not ids). */
struct zi_derived {
	char *id, *name;
	enum zi_formula formula;
	size_t num[8], den[8];
	size_t nnum, nden; /* decrease: num[0] before, num[1] after */
	size_t req[8], nreq; /* further inputs that must be answered (the workbook's IF(empty)) */
	/* Both policies are declared by the model (zi-model(5)), never assumed. */
	double zero_both; /* value when denominator and numerator are zero */
	double zero_num; /* value when only the denominator is zero (unless above_error) */
	int above_error; /* numerator above denominator (a zero one too): data error, else capped */
	size_t node;
};

enum zi_rollup { ZI_ROLL_SUM, ZI_ROLL_MEAN, ZI_ROLL_WEIGHTED };

struct zi_node {
	long id;
	char *level, *name;
	double weight;
	enum zi_rollup rollup;
	long parent; /* index, -1 for a root */
	int depth;
	size_t *children, nchildren;
	size_t *questions, nquestions;
	size_t *derived, nderived;
};

struct zi_area {
	char *id, *name;
	size_t nodes[8];
	size_t nnodes;
	double max;
};

enum zi_crit_kind { ZI_C_TOTAL, ZI_C_NODE, ZI_C_QUESTION, ZI_C_AREAS, ZI_C_PREDICATE };

struct zi_criterion {
	char *id;
	enum zi_crit_kind kind;
	size_t ref; /* node or question index */
	double min, min_share;
	char **requires;
	size_t nrequires;
};

struct zi_predicate {
	char *name;
	struct zi_criterion *crit;
	size_t ncrit;
};

struct zi_model {
	char *name, *title;
	int year;
	struct zi_question *q;
	size_t nq;
	struct zi_node *nodes; /* in pre-order: a parent before its children */
	size_t nnodes;
	struct zi_derived *dv;
	size_t ndv;
	struct zi_area *areas;
	size_t nareas;
	size_t *roots, nroots;
	long pengungkit, pemenuhan, reform, hasil; /* node indexes, -1 if absent */
	int area_each_half; /* the area minimum applies to each half, not the combined area */
	/* "unanswered": "skip": a sub-area is the mean of its answered questions (the
	 * official workbook's AVERAGE skips "Blm Diisi"); "zero": an unanswered
	 * question counts 0 in the mean */
	int unanswered_zero;
	struct zi_predicate *pred;
	size_t npred;
	long *by_id; /* question index by id, -1 where none */
	long max_id;
};

/* Loads a model: a built-in name ("lke-2026") or a path to a model file.
 * The caller frees it with zi_model_free. */
int zi_model_load(const char *name, struct zi_model **out, struct zi_diag *d);
int zi_model_parse(const char *text, const char *name, struct zi_model **out, struct zi_diag *d);
/* THE choice of a year's model, made alike by every command that scores,
 * exports or checks (so no two of them score one unit with two models):
 * 1. override (a --model option: a built-in name or a path), when given;
 * 2. the model zi.json names when it is a file: the instansi's own model (a
 *    relative path is relative to the records directory), for every year;
 * 3. the built-in lke-YEAR, when there is one;
 * 4. the built-in model zi.json names; 5. ZI_MODEL_DEFAULT.
 * st may be NULL (no records directory). The caller frees *out. */
int zi_model_for(const struct zi_store *st, int year, const char *override, struct zi_model **out,
		 struct zi_diag *d);
void zi_model_free(struct zi_model *m);
/* The model of a new records directory (zi.json "model"), and the last
 * choice of zi_model_for: the one place that names it. */
#define ZI_MODEL_DEFAULT "lke-2026"
/* The built-in model names, NULL-terminated (static). */
const char *const *zi_model_names(void);
/* Question index of a soal id, or -1. */
long zi_model_question(const struct zi_model *m, long id);
/* The area a node belongs to, or -1. */
long zi_model_area_of(const struct zi_model *m, size_t node);

/* Compares the model with an official PortalRB master file: same question
 * ids, node ids and weights, question types and choice multipliers. Every
 * difference is an error in d (code "model-differs"); returns the number of
 * differences, or a negative status when the master cannot be read. */
long zi_model_check_master(const struct zi_model *m, const char *path, struct zi_diag *d);

/* Checks one answer against its question's type: a choice key (any case),
 * a whole count >= 0, or a survey value 0-4 (decimal point or comma).
 * Writes the canonical text; -1 with err filled. */
int zi_model_check_answer(const struct zi_model *m, const struct zi_question *q, const char *raw,
			  struct zi_buf *out, struct zi_verr *err);
/* The value an answer scores: the multiplier of a choice, else the number. */
double zi_model_answer_value(const struct zi_question *q, const char *canon);

/* Answer layers. AUTO: per question the TPI answer where there is one, else
 * the unit's. */
enum zi_layer { ZI_LAYER_AUTO, ZI_LAYER_UNIT, ZI_LAYER_TPI, ZI_LAYER_TPN };
int zi_layer_parse(const char *s, enum zi_layer *out);
const char *zi_layer_name(enum zi_layer l);

/* Field indexes of lke/YEAR/UNIT.csv (schema lke-answers). */
enum zi_lke_field {
	ZI_A_SOAL,
	ZI_A_UNIT,
	ZI_A_UNIT_NOTE,
	ZI_A_UNIT_EVIDENCE,
	ZI_A_TPI,
	ZI_A_TPI_NOTE,
	ZI_A_TPN,
	ZI_A_NFIELDS
};

/* Where a question's value came from. */
enum zi_vsrc { ZI_V_NONE, ZI_V_UNIT, ZI_V_TPI, ZI_V_TPN, ZI_V_DERIVED };

struct zi_qscore {
	enum zi_vsrc src;
	const char *answer; /* canonical text, NULL when unanswered */
	double value; /* the multiplier of a choice, the number of a count/survey */
	double score; /* 0..1: what it adds to its sub-area's mean */
	char *why; /* for a derived value: from which records; for an
			     * unanswered one: which record is missing, or NULL */
};

struct zi_dscore {
	double value; /* 0..1 after the zero policy and the cap */
	double num, den;
	int zero; /* the zero-denominator policy gave the value */
	int capped;
	int unanswered; /* an input is unanswered: no value (skipped or 0, as the model says) */
};

struct zi_failed {
	const char *criterion; /* the model's criterion id */
	const char *name; /* an area's name, or NULL */
	double value, min; /* for the predicate criterion: NAN */
	const char *held; /* for the predicate criterion: what the unit holds */
	const char *required;
};

struct zi_verdict {
	const char *predicate;
	int eligible;
	struct zi_failed *failed;
	size_t nfailed;
};

/* A unit's scores in one layer. zi_score_init sizes it for a model; answers
 * and derived values are set, then zi_score_compute fills the rest. */
struct zi_score {
	const struct zi_model *m;
	char unit[72];
	int year;
	enum zi_layer layer;
	char held[8]; /* the predicate the unit holds: "", WBK or WBBM */
	struct zi_qscore *q;
	struct zi_dscore *dv;
	double *node;
	double *area;
	double total, pengungkit, pemenuhan, reform, hasil;
	double total_zero; /* the total with every unanswered question at 0 */
	size_t answered; /* questions with an answer (given or derived), of m->nq */
	size_t unanswered, derived;
	struct zi_verdict *verdict;
	size_t nverdict;
	struct zi_arena arena;
};

void zi_score_init(struct zi_score *s, const struct zi_model *m);
void zi_score_release(struct zi_score *s);
/* Empties the answers for the next unit, keeping the memory. */
void zi_score_reset(struct zi_score *s);
/* Sets question qi from a canonical answer (copied). */
void zi_score_set_answer(struct zi_score *s, size_t qi, const char *canon, enum zi_vsrc src);
/* Sets question qi to a value derived from the records, with the reason. */
void zi_score_set_derived(struct zi_score *s, size_t qi, double value, const char *why);
/* Leaves question qi unanswered and says why: which record is missing. */
void zi_score_set_missing(struct zi_score *s, size_t qi, const char *why);
/* Computes derived percentages, every node, the parts, the total and the
 * verdicts. A numerator above its denominator (or above a zero one) where the
 * model says it is an error goes to d as an error naming the whole
 * denominator (the value is capped); returns 0 or ZI_EDATA. */
int zi_score_compute(struct zi_score *s, struct zi_diag *d);

/* The question index of a stored soal id; -1 when the model has none. */
long zi_model_soal_index(const struct zi_model *m, const char *sid);
/* The answer of an lke row (values in field order) in a layer, and whose it
 * is (auto: tpi where there is one, else the unit's). */
const char *zi_layer_value(const char *const *values, enum zi_layer layer, enum zi_vsrc *src);
/* The lke field an answer of src comes from: "unit_answer", "tpi_answer"... */
const char *zi_vsrc_field(enum zi_vsrc src);
/* Checks one raw answer (not "") against question qi's type and sets it, as
 * zi_score_take_answers does; -1 with err when it is not an answer of that
 * type. canon is scratch. */
int zi_score_take_raw(struct zi_score *s, size_t qi, const char *raw, enum zi_vsrc src,
		      struct zi_buf *canon, struct zi_verr *err);
/* Takes the answers of one layer from an lke table into s (every answer is
 * checked against its question's type; a bad or unknown one is an error). */
int zi_score_take_answers(struct zi_score *s, const struct zi_table *t, enum zi_layer layer,
			  const char *file, struct zi_diag *d);

/* The whole score as JSON: unit, year, layer, total, pengungkit, hasil,
 * pemenuhan, reform, areas [{name, score, max}], verdict {WBK: {eligible,
 * failed: [...]}, ...}, derived [...], unanswered; with explain, the tree down
 * to every answer. New reference. */
json_t *zi_score_json(const struct zi_score *s, int explain);
/* Text for people: the summary, and with explain the derivation of every
 * number down to the answers. Appends to b. */
void zi_score_text(const struct zi_score *s, int explain, struct zi_buf *b);

/* Scoring units from the records, one at a time: the instansi-wide records
 * (units, complaints) are read once. */
struct zi_scorer;
struct zi_scorer *zi_scorer_new(struct zi_store *st, const struct zi_model *m, int year,
				struct zi_diag *d);
/* The same with the units table the caller loaded (units.csv; borrowed: it
 * must outlive the scorer), which is then not read again. */
struct zi_scorer *zi_scorer_new_units(struct zi_store *st, const struct zi_model *m, int year,
				      const struct zi_table *units, struct zi_diag *d);
void zi_scorer_free(struct zi_scorer *sc);
/* A scorer for another thread: it reads the records sc read (units,
 * complaints, and sc's date: set it first) without a copy and has its own
 * scratch, so sc and its forks may score units at the same time. Free the
 * forks before sc. zi_scorer_set_asof on a fork does nothing. */
struct zi_scorer *zi_scorer_fork(const struct zi_scorer *sc);
/* Scores the state on date (YYYY-MM-DD) instead of the default (the roster
 * of today, or of the year's last day once it is over, and every record of
 * the year as it stands): the roster on date; lhkpn/lhkasn signatures dated
 * in the year on or before it; complaints received in the year on or before
 * it, closed only when their resolved date is on or before it; survey
 * responses dated after it left out (undated ones count); a predicate held
 * only when granted on or before it. NULL or "" restores the default. */
void zi_scorer_set_asof(struct zi_scorer *sc, const char *date);
/* The roster date the scorer uses (static to the scorer). */
const char *zi_scorer_asof(const struct zi_scorer *sc);
/* Scores one unit into res (zi_score_init'ed with the same model): loads
 * lke/YEAR/UNIT.csv, fills the empty counts it can derive from the records
 * (complaints, rosters and signatures, surveys), computes. */
int zi_scorer_unit(struct zi_scorer *sc, const char *unit, enum zi_layer layer,
		   struct zi_score *res, struct zi_diag *d);
/* The same for one unit without keeping a scorer. */
int zi_score_unit(struct zi_store *st, const struct zi_model *m, const char *unit, int year,
		  enum zi_layer layer, struct zi_score *res, struct zi_diag *d);

/* Writes an lke table in canonical form: rows in soal_id order. */
int zi_lke_put(struct zi_store *st, const char *unit, int year, struct zi_table *t,
	       struct zi_diag *d);

#endif
