/* Scoring many units at once (scorer.c): the one loop over units on the
 * ordered pool, for zi-eval score and the reports. */
#ifndef ZI_SCORER_H
#define ZI_SCORER_H

#include "model.h"

/* How far scoring runs ahead of the units handed over: what scored(i) keeps
 * for emit(i) may live in slot i % ZI_SCORER_WINDOW. */
#define ZI_SCORER_WINDOW 64

/* The status scored() gets for a unit skipped with ZI_SCORER_ANSWERED. */
#define ZI_SCORER_NO_ANSWERS 1

enum {
	/* a unit without an answer file of the year is not scored: scored()
	 * gets ZI_SCORER_NO_ANSWERS and no score */
	ZI_SCORER_ANSWERED = 1,
};

/* Unit i was scored: rc is zi_scorer_unit's status, s its score (NULL with
 * ZI_SCORER_NO_ANSWERS; valid during the call only), d what was said about
 * the unit (the callback may add to it). Runs on a worker thread: it may
 * write only what belongs to unit i. Non-zero stops the run. */
typedef int (*zi_scored_fn)(void *ctx, size_t i, int rc, const struct zi_score *s,
			    struct zi_diag *d);
/* Unit i handed over, in unit order, on the calling thread. Non-zero stops. */
typedef int (*zi_scored_emit_fn)(void *ctx, size_t i);

/* Scores units[0 .. n-1] with sc (its date set first) and forks of it on the
 * pool (lib/pool.c), up to `threads` of them (0: zi_pool_threads's choice).
 * For every unit scored() runs on a worker; then, in unit order on the
 * calling thread, the unit's diagnostics are moved into d (dropped when d is
 * NULL) and emit() runs (may be NULL). The same results in the same order
 * whatever the number of threads. Returns 0, or the first non-zero return
 * in unit order (the diagnostics of that unit are moved into d too). */
int zi_scorer_each(struct zi_scorer *sc, const char *const *units, size_t n, enum zi_layer layer,
		   unsigned flags, unsigned threads, zi_scored_fn scored, zi_scored_emit_fn emit,
		   void *ctx, struct zi_diag *d);

/* zi-eval score's rows: CSV (its header: the unit, year, layer, the four
 * parts, the answers counted and a column per predicate) and the aligned
 * table for people of many units (its header names translated). Each
 * appends one line to b. */
void zi_score_csv_header(const struct zi_model *m, struct zi_buf *b);
void zi_score_csv_row(const struct zi_score *s, int year, enum zi_layer layer, struct zi_buf *b);
void zi_score_table_header(const struct zi_model *m, struct zi_buf *b);
void zi_score_table_row(const struct zi_score *s, struct zi_buf *b);

/* What zi-eval score writes of units list[0 .. n-1]: text, csv or json (a
 * JSON array when many), the derivation with explain, and a --require
 * predicate (reqp, -1 none) whose failure is an error "require-unmet". */
/* The predicate of m named name (WBK, WBBM; any case), or -1. */
long zi_score_pred(const struct zi_model *m, const char *name);

struct zi_score_out {
	const struct zi_model *m;
	const char *const *list;
	int year;
	enum zi_layer layer;
	long reqp;
	int explain, json, csv, many;
};

/* Scores the units with sc on the pool and hands the output, in unit order,
 * to out(octx, ...) (the library prints nothing itself). Returns 0, ZI_EDATA
 * when a unit's data was bad or the predicate was not met (its output still
 * written), ZI_EIO, ZI_EINTERNAL, or what out returned. */
int zi_score_write(struct zi_scorer *sc, const struct zi_score_out *o, size_t n,
		   zi_store_out_fn out, void *octx, struct zi_diag *d);

#endif
