/* The monthly report: a month's state of the programme gathered from the
 * records one unit at a time, then rendered as text, Markdown, CSV, JSON or
 * HTML (one self-contained file with inline SVG charts). The same records and
 * month give the same bytes whatever day it runs: nothing reads the clock. */
#ifndef ZI_REPORT_H
#define ZI_REPORT_H

#include "diag.h"
#include "letterhead.h"
#include "prereq.h"
#include "sign.h"
#include "store.h"

#define ZI_TREND_MONTHS 12

struct zi_rep_missing {
	char *nip, *name;
};

struct zi_rep_cov {
	unsigned long required, signed_n;
	double percent; /* NAN: no data (nobody owes the document), never 100 */
	double prev_percent; /* at the end of the month before; NAN likewise */
	struct zi_rep_missing *missing; /* only with detail */
	size_t nmissing;
};

struct zi_rep_failed {
	char *criterion;
	double value, min; /* NAN when not a number (the prior predicate) */
};

/* One unit's state at the end of the month. Strings are owned. */
struct zi_rep_unit {
	char *id, *name, *kind, *target, *stage, *prev_stage, *predicate;
	char *short_name; /* "" when units.csv gives none */
	int afirmasi;
	char *first_declared; /* date of the first declaration, "" if none */
	unsigned declarations; /* held up to the month's end */
	char *building_since; /* date the unit reached pembangunan, "" if not yet */
	struct zi_rep_cov cov[ZI_DOC_COUNT];
	unsigned long staff; /* on the roster at the month's end */
	/* of those, people who miss at least one document they owe (people, not
	 * signatures), and people without lhkpn / category (their LHKPN or LHKASN
	 * duty unknown) */
	unsigned long missing_people, no_lhkpn, no_category;
	/* LKE of the month's year, when a model and answers exist */
	int has_score;
	double total, pengungkit, hasil;
	size_t answered, questions; /* of the LKE: an incomplete one is not ready */
	int wbk, wbbm;
	struct zi_rep_failed *failed_wbk, *failed_wbbm;
	size_t nfailed_wbk, nfailed_wbbm;
	/* surveys of the month's year; has_*: a value exists */
	int has_ikm, has_ipak, has_ipkp;
	double ikm, ipak, ipkp;
	char ikm_grade;
	unsigned long ikm_respondents;
	/* complaints */
	unsigned long c_received, c_resolved, c_open, c_open_prev;
	long c_oldest_open_days; /* -1 when none open */
	/* trend: percent of all required documents signed at each month end,
	 * oldest first; -1 when the unit was not in the programme yet */
	double trend[ZI_TREND_MONTHS];
	char **stale; /* reasons, already translated */
	size_t nstale;
	/* Tabel 5 of 5/2024 toward the unit's target (WBK when none), for the
	 * month's year at the month's end; has_prq: checked */
	int has_prq;
	const char *prq_pred;
	struct zi_prq_row prq[ZI_PRQ_COUNT];
};

struct zi_rep_decl {
	char *id, *unit, *date, *venue, *head;
	int redeclaration;
};

struct zi_report {
	char month[8], month_end[11], prev_end[11];
	int year;
	char *instansi;
	int detail;
	/* the public edition: no NIP, no staff name, no complaint summary or
	 * complainant; counts, percentages, stages, scores, verdicts, IKM and
	 * complaint statistics stay (set by the caller before rendering) */
	int public;
	int scores_available; /* a model was there to score with */
	char *model;
	struct zi_rep_unit *units;
	size_t nunits;
	struct zi_rep_decl *decls; /* held in the month */
	size_t ndecls;
	unsigned long decl_total, decl_total_prev; /* units declared by each month end */
	unsigned long c_received, c_resolved, c_open, c_open_prev;
	long c_oldest_open_days;
	char trend_months[ZI_TREND_MONTHS][8];
	double trend[ZI_TREND_MONTHS][ZI_DOC_COUNT]; /* whole programme, per document */
	struct zi_letterhead lh; /* logo, place and signer from zi.json */
	char signed_on[11]; /* the signature's date: the month's end unless set */
};

/* The calendar month before today (ZI_TODAY honoured) as YYYY-MM. */
void zi_report_default_month(char out[8]);
/* Checks YYYY-MM; 0 or -1. */
int zi_report_month_parse(const char *s, char out[8]);

/* Gathers the state of month (YYYY-MM) from the records, one unit's files at a
 * time. With detail, the names of who is missing are kept: for the public
 * edition pass detail 0 (then no name is kept at all) and set r->public
 * before rendering. Returns 0 or a negative status with diagnostics. */
int zi_report_gather(struct zi_store *st, const char *month, int detail, struct zi_report *r,
		     struct zi_diag *d);
void zi_report_release(struct zi_report *r);

/* Renders the report in format (text, md, csv, json, html), appending to out.
 * Labels are translated (the caller sets the language); ZI_EUSAGE for an
 * unknown format. With r->public, no NIP or name is written (not who is
 * missing, not the signer's NIP), even when they were gathered. */
int zi_report_render(const struct zi_report *r, const char *format, struct zi_buf *out);
/* The report as tables of canonical CSV, for a workbook (zi-report monthly
 * --format xlsx): units (the csv format's table), coverage per unit and
 * document, missing signers (with detail), declarations of the month,
 * complaints per unit, and the programme's trend. Fills names (static) and
 * csv (initialised here; the caller releases all 8); returns how many. With
 * r->public, no table of missing signers. */
size_t zi_report_tables(const struct zi_report *r, const char *names[8], struct zi_buf csv[8]);

/* One unit's whole file: stage history, declarations, coverage now, scores
 * and surveys over the years, complaints. Rendered as text, md or json.
 * public: no NIP or name of who is missing, no complaint summary. */
int zi_report_unit(struct zi_store *st, const char *unit, const char *format, int public,
		   struct zi_buf *out, struct zi_diag *d);

/* Readiness for a predicate (WBK or WBBM; NULL: each unit's target): every
 * unit, eligible or not, with the failing criteria and the missing
 * prerequisites, closest first. Rendered as text, md, csv or json. It names
 * nobody; public only marks the edition. */
int zi_report_readiness(struct zi_store *st, const char *predicate, const char *format, int public,
			struct zi_buf *out, struct zi_diag *d);

#endif
