/* lib/pool: every item worked once, emitted in order, whatever the number of
 * threads; the window bounds how far work runs ahead; the first failure in
 * item order is what the run returns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>

#include "pool.h"
#include "zitest.h"

#define N 500
#define WINDOW 8

struct job {
	size_t window;
	unsigned long slot[N]; /* what work(i) made, in slot i % window */
	atomic_int worked[N]; /* times work(i) ran */
	atomic_size_t emitted; /* emit calls so far */
	size_t order[N]; /* the items in the order emitted */
	atomic_int ahead; /* work ran beyond the window */
	atomic_uint workers_seen;
	size_t fail_work, fail_emit; /* an item that fails, or N */
	struct zi_buf out;
};

static _Atomic unsigned long sink;

static int work(void *ctx, unsigned worker, size_t i)
{
	struct job *j = ctx;
	atomic_fetch_or(&j->workers_seen, 1u << (worker & 31));
	if (i >= atomic_load(&j->emitted) + j->window)
		atomic_store(&j->ahead, 1);
	atomic_fetch_add(&j->worked[i], 1);
	/* uneven work, so the threads finish out of order */
	unsigned long v = i * 2654435761u;
	for (unsigned k = 0; k < (i % 7) * 2000; k++)
		v = v * 6364136223846793005u + 1442695040888963407u;
	sink = v;
	j->slot[i % j->window] = i * 1000;
	if (i == j->fail_work)
		return -7;
	return 0;
}

static int emit(void *ctx, size_t i)
{
	struct job *j = ctx;
	size_t k = atomic_fetch_add(&j->emitted, 1);
	j->order[k] = i;
	zi_buf_printf(&j->out, "%zu:%lu\n", i, j->slot[i % j->window]);
	return i == j->fail_emit ? -9 : 0;
}

static struct job *job_new(size_t window)
{
	struct job *j = zi_xcalloc(1, sizeof(*j));
	j->window = window;
	j->fail_work = j->fail_emit = N;
	zi_buf_init(&j->out);
	return j;
}

static void job_free(struct job *j)
{
	zi_buf_release(&j->out);
	free(j);
}

static void test_order_and_identical_output(void **state)
{
	(void)state;
	char *first = NULL;
	static const unsigned threads[] = {1, 2, 3, 4, 8};
	for (size_t t = 0; t < sizeof(threads) / sizeof(*threads); t++) {
		struct job *j = job_new(WINDOW);
		assert_int_equal(zi_pool_run(N, threads[t], WINDOW, work, emit, j), 0);
		assert_int_equal(atomic_load(&j->emitted), N);
		for (size_t i = 0; i < N; i++) {
			assert_int_equal(j->order[i], i);
			assert_int_equal(atomic_load(&j->worked[i]), 1);
		}
		assert_int_equal(atomic_load(&j->ahead), 0);
		if (threads[t] == 1)
			assert_int_equal(atomic_load(&j->workers_seen), 1);
		if (!first)
			first = zi_xstrdup(j->out.data);
		else
			assert_str(j->out.data, first);
		job_free(j);
	}
	free(first);
}

static void test_window_of_one(void **state)
{
	(void)state;
	struct job *j = job_new(1);
	assert_int_equal(zi_pool_run(N, 4, 1, work, emit, j), 0);
	for (size_t i = 0; i < N; i++)
		assert_int_equal(j->order[i], i);
	assert_int_equal(atomic_load(&j->ahead), 0);
	job_free(j);
}

static void test_work_failure_stops_in_order(void **state)
{
	(void)state;
	for (unsigned t = 1; t <= 4; t++) {
		struct job *j = job_new(WINDOW);
		j->fail_work = 123;
		assert_int_equal(zi_pool_run(N, t, WINDOW, work, emit, j), -7);
		/* everything before the failure, nothing after */
		assert_int_equal(atomic_load(&j->emitted), 123);
		for (size_t i = 0; i < 123; i++)
			assert_int_equal(j->order[i], i);
		/* no item started beyond the window after it */
		for (size_t i = 123 + WINDOW + 1; i < N; i++)
			assert_int_equal(atomic_load(&j->worked[i]), 0);
		job_free(j);
	}
}

static void test_emit_failure_stops(void **state)
{
	(void)state;
	for (unsigned t = 1; t <= 4; t++) {
		struct job *j = job_new(WINDOW);
		j->fail_emit = 40;
		assert_int_equal(zi_pool_run(N, t, WINDOW, work, emit, j), -9);
		assert_int_equal(atomic_load(&j->emitted), 41);
		job_free(j);
	}
}

static void test_no_emit_few_items(void **state)
{
	(void)state;
	struct job *j = job_new(WINDOW);
	assert_int_equal(zi_pool_run(0, 4, WINDOW, work, emit, j), 0);
	assert_int_equal(atomic_load(&j->emitted), 0);
	/* more threads than items, and no emit */
	assert_int_equal(zi_pool_run(3, 8, WINDOW, work, NULL, j), 0);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(atomic_load(&j->worked[i]), 1);
	/* the window is then only what work may use: up to n ahead */
	j->window = N;
	assert_int_equal(zi_pool_run(N, 2, N, work, NULL, j), 0);
	for (size_t i = 0; i < N; i++)
		assert_int_equal(atomic_load(&j->worked[i]), i < 3 ? 2 : 1);
	job_free(j);
}

static void test_threads_from_environment(void **state)
{
	(void)state;
	setenv("ZI_THREADS", "3", 1);
	assert_int_equal(zi_pool_threads(8), 3);
	assert_int_equal(zi_pool_threads(2), 2);
	setenv("ZI_THREADS", "1", 1);
	assert_int_equal(zi_pool_threads(8), 1);
	unsetenv("ZI_THREADS");
	unsigned n = zi_pool_threads(4);
	assert_true(n >= 1 && n <= 4);
	assert_true(zi_pool_threads(0) >= 1);
}

/* Tasks: each runs once, on a worker of its own (i + 1), beside the calling
 * thread, which does its share before the join; what they made, taken in
 * task order afterwards, is the same whatever ZI_THREADS says. */
struct tasks_job {
	unsigned long made[100];
	atomic_int ran[100];
	unsigned worker[100];
	size_t fail; /* a task that returns non-zero, or 100 */
};

static int task_work(void *ctx, unsigned worker, size_t i)
{
	struct tasks_job *j = ctx;
	atomic_fetch_add(&j->ran[i], 1);
	j->worker[i] = worker;
	unsigned long v = i + 1;
	for (unsigned k = 0; k < (i % 5) * 5000; k++)
		v = v * 6364136223846793005u + 1442695040888963407u;
	j->made[i] = v;
	return i == j->fail || i == j->fail + 2 ? (int)(-10 - (int)i) : 0;
}

static void test_tasks_start_join(void **state)
{
	(void)state;
	/* 70: more than the threads a process starts (the rest run inline) */
	static const size_t counts[] = {0, 1, 3, 70};
	for (size_t c = 0; c < sizeof(counts) / sizeof(*counts); c++) {
		struct tasks_job *j = zi_xcalloc(1, sizeof(*j));
		j->fail = 100;
		struct zi_pool_tasks *g = zi_pool_start(counts[c], task_work, j);
		/* the caller's own share, meanwhile */
		unsigned long mine = 0;
		for (unsigned k = 0; k < 100000; k++)
			mine += k;
		assert_int_equal(zi_pool_join(g), 0);
		assert_true(mine > 0);
		for (size_t i = 0; i < counts[c]; i++) {
			assert_int_equal(atomic_load(&j->ran[i]), 1);
			assert_int_equal(j->worker[i], i + 1);
			unsigned long v = i + 1;
			for (unsigned k = 0; k < (i % 5) * 5000; k++)
				v = v * 6364136223846793005u + 1442695040888963407u;
			assert_int_equal(j->made[i], v);
		}
		for (size_t i = counts[c]; i < 100; i++)
			assert_int_equal(atomic_load(&j->ran[i]), 0);
		free(j);
	}
	assert_int_equal(zi_pool_join(NULL), 0);
}

static void test_tasks_first_failure_in_order(void **state)
{
	(void)state;
	struct tasks_job *j = zi_xcalloc(1, sizeof(*j));
	j->fail = 2; /* tasks 2 and 4 fail: 2's value comes back */
	assert_int_equal(zi_pool_join(zi_pool_start(6, task_work, j)), -12);
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(atomic_load(&j->ran[i]), 1);
	free(j);
}

static void test_each_same_result(void **state)
{
	(void)state;
	unsigned long first[100];
	static const unsigned threads[] = {1, 2, 4};
	for (size_t t = 0; t < 3; t++) {
		struct tasks_job *j = zi_xcalloc(1, sizeof(*j));
		j->fail = 100;
		assert_int_equal(zi_pool_each(50, threads[t], task_work, j), 0);
		for (size_t i = 0; i < 50; i++)
			assert_int_equal(atomic_load(&j->ran[i]), 1);
		if (!t)
			memcpy(first, j->made, sizeof(first));
		else
			assert_memory_equal(first, j->made, sizeof(first));
		free(j);
	}
	assert_int_equal(zi_pool_each(0, 4, task_work, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_identical_output),
		cmocka_unit_test(test_window_of_one),
		cmocka_unit_test(test_work_failure_stops_in_order),
		cmocka_unit_test(test_emit_failure_stops),
		cmocka_unit_test(test_no_emit_few_items),
		cmocka_unit_test(test_threads_from_environment),
		cmocka_unit_test(test_tasks_start_join),
		cmocka_unit_test(test_tasks_first_failure_in_order),
		cmocka_unit_test(test_each_same_result),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
