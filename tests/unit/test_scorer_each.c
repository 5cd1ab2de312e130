/* lib/scorer's zi_scorer_each: every unit of a list scored on the pool, the
 * results handed over in unit order, the same with one thread or many; a
 * unit without answers skipped when asked; a stop in the middle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model.h"
#include "schema.h"
#include "scorer.h"
#include "store.h"
#include "zitest.h"

#define NUNITS 150

struct fx {
	char *top, *dir;
	struct zi_store st;
	struct zi_model *m;
	char *ids[NUNITS];
};

static int setup(void **state)
{
	struct fx *f = zi_xcalloc(1, sizeof(*f));
	setenv("ZI_TODAY", "2026-11-22", 1);
	struct zi_diag d;
	zi_diag_init(&d);
	f->dir = zt_records(&f->top, NULL, 0, &d);
	struct zi_buf units;
	zi_buf_init(&units);
	zi_buf_adds(&units, ZT_UNITS_HEADER);
	static const char *const abc[] = {"A", "B", "C"};
	for (int i = 0; i < NUNITS; i++) {
		/* unit-000 .. unit-149: sorted as written */
		f->ids[i] = zi_xasprintf("unit-%03d", i);
		zi_buf_printf(&units,
			      "%s,Unit %d,,,dinas,WBK,false,pembangunan,2026-01-01,,,,false\n",
			      f->ids[i], i);
		if (i % 7 == 3)
			continue; /* no answers */
		char *rel = zi_xasprintf("lke/2026/%s.csv", f->ids[i]);
		char *text = zi_xasprintf("soal_id,unit_answer,unit_note,unit_evidence,tpi_answer,"
					  "tpi_note,tpn_answer\n"
					  "1,%s,,,,,\n2,%s,,,,,\n",
					  i % 2 ? "Ya" : "Tidak", abc[i % 3]);
		zt_put(f->dir, rel, text);
		free(text);
		free(rel);
	}
	zt_put(f->dir, "units.csv", units.data);
	zi_buf_release(&units);
	int rc = zi_store_open(&f->st, f->dir, &d);
	if (!rc)
		rc = zi_model_load("lke-2026", &f->m, &d);
	zt_diag_dump(&d);
	assert_int_equal(rc, 0);
	zi_diag_release(&d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < NUNITS; i++)
		free(f->ids[i]);
	zi_model_free(f->m);
	zi_store_close(&f->st);
	zt_records_free(f->top, f->dir);
	free(f);
	return 0;
}

/* A run's results: each unit's line made on its worker, joined in the order
 * handed over. */
struct run {
	char *line[ZI_SCORER_WINDOW];
	struct zi_buf out;
	size_t next; /* the unit emit expects */
	long stop_at; /* scored() fails there; -1: never */
	size_t skipped; /* ZI_SCORER_NO_ANSWERS seen */
};

static int scored(void *ctx, size_t i, int rc, const struct zi_score *s, struct zi_diag *d)
{
	struct run *r = ctx;
	size_t k = i % ZI_SCORER_WINDOW;
	free(r->line[k]);
	r->line[k] = NULL;
	if ((long)i == r->stop_at)
		return ZI_EIO;
	if (rc == ZI_SCORER_NO_ANSWERS) {
		assert_null(s);
		r->line[k] = zi_xasprintf("%zu none\n", i);
		return 0;
	}
	zi_diag_warn(d, NULL, 0, NULL, "test-said", "unit %zu", i);
	r->line[k] = zi_xasprintf("%zu %s %d %.4f %zu\n", i, s->unit, rc, s->total, s->answered);
	return 0;
}

static int emit(void *ctx, size_t i)
{
	struct run *r = ctx;
	assert_int_equal(i, r->next);
	r->next++;
	const char *line = r->line[i % ZI_SCORER_WINDOW];
	if (strstr(line, " none"))
		r->skipped++;
	zi_buf_adds(&r->out, line);
	return 0;
}

static int run(struct fx *f, unsigned threads, unsigned flags, long stop_at, struct run *r,
	       struct zi_diag *d)
{
	memset(r, 0, sizeof(*r));
	zi_buf_init(&r->out);
	r->stop_at = stop_at;
	struct zi_scorer *sc = zi_scorer_new(&f->st, f->m, 2026, d);
	assert_non_null(sc);
	int rc = zi_scorer_each(sc, (const char *const *)f->ids, NUNITS, ZI_LAYER_AUTO, flags,
				threads, scored, emit, r, d);
	zi_scorer_free(sc);
	for (size_t k = 0; k < ZI_SCORER_WINDOW; k++)
		free(r->line[k]);
	return rc;
}

/* One thread and four give the same lines and the same diagnostics, in unit
 * order. */
static void test_each_same_with_threads(void **state)
{
	struct fx *f = *state;
	struct run one, many;
	struct zi_diag d1, d4;
	zi_diag_init(&d1);
	zi_diag_init(&d4);
	assert_int_equal(run(f, 1, 0, -1, &one, &d1), 0);
	assert_int_equal(run(f, 4, 0, -1, &many, &d4), 0);
	assert_int_equal(one.next, NUNITS);
	assert_str(one.out.data, many.out.data);
	assert_int_equal(d1.n, d4.n);
	for (size_t i = 0; i < d1.n; i++)
		assert_str(d1.v[i].message, d4.v[i].message);
	/* the test's own warnings came in unit order */
	assert_int_equal(zt_diag_count(&d1, "test-said"), NUNITS);
	size_t seen = 0;
	for (size_t i = 0; i < d1.n; i++) {
		if (strcmp(d1.v[i].code, "test-said"))
			continue;
		char want[32];
		snprintf(want, sizeof(want), "unit %zu", seen++);
		assert_str(d1.v[i].message, want);
	}
	assert_non_null(strstr(one.out.data, "0 unit-000 "));
	assert_null(strstr(one.out.data, " none"));
	zi_buf_release(&one.out);
	zi_buf_release(&many.out);
	zi_diag_release(&d1);
	zi_diag_release(&d4);
}

/* With ZI_SCORER_ANSWERED, a unit without an answer file is not scored. */
static void test_each_answered_only(void **state)
{
	struct fx *f = *state;
	struct run r;
	struct zi_diag d;
	zi_diag_init(&d);
	assert_int_equal(run(f, 3, ZI_SCORER_ANSWERED, -1, &r, &d), 0);
	size_t want = 0;
	for (int i = 0; i < NUNITS; i++)
		want += i % 7 == 3;
	assert_int_equal(r.skipped, want);
	assert_non_null(strstr(r.out.data, "\n3 none\n"));
	assert_null(strstr(r.out.data, "\n4 none\n"));
	zi_buf_release(&r.out);
	zi_diag_release(&d);
}

/* A unit whose callback fails stops the run: every unit before it handed
 * over, none after, its status returned. */
static void test_each_stops(void **state)
{
	struct fx *f = *state;
	for (unsigned threads = 1; threads <= 4; threads += 3) {
		struct run r;
		struct zi_diag d;
		zi_diag_init(&d);
		assert_int_equal(run(f, threads, 0, 100, &r, &d), ZI_EIO);
		assert_int_equal(r.next, 100);
		assert_int_equal(zt_diag_count(&d, "test-said"), 100);
		zi_buf_release(&r.out);
		zi_diag_release(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_each_same_with_threads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_answered_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_stops, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
