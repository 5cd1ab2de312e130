/* The one place that starts threads. The ordered pool: items are taken in
 * order from a shared counter, at most `window` ahead of the output; the
 * calling thread emits what is done in order and works on the next item when
 * nothing is ready to emit. Tasks: a few threads started, joined later. */
#include "pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

#define POOL_MAX_THREADS 64

unsigned zi_pool_threads(unsigned max)
{
	long n = 0;
	const char *env = getenv("ZI_THREADS");
	if (env && *env)
		n = strtol(env, NULL, 10);
	if (n <= 0) {
		/* one system call, no state kept: sysconf's count of the CPUs
		 * online reads a file in /sys every time (the monthly report
		 * asked 4,005 times), and the CPUs this process may use are
		 * the ones that matter */
		cpu_set_t set;
		CPU_ZERO(&set);
		n = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 1;
	}
	if (n < 1)
		n = 1;
	if (max && (unsigned long)n > max)
		n = max;
	if (n > POOL_MAX_THREADS)
		n = POOL_MAX_THREADS;
	return (unsigned)n;
}

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t n, window;
	size_t next; /* the next item to take */
	size_t emitted; /* items emitted so far */
	int stop; /* a failure: take no more items */
	unsigned char *done;
	int *rc;
	zi_pool_work_fn work;
	void *ctx;
};

struct worker {
	struct pool *p;
	unsigned id;
};

/* With the lock held: may an item be taken now? */
static int can_take(const struct pool *p)
{
	return !p->stop && p->next < p->n && p->next < p->emitted + p->window;
}

/* Works item i (taken with the lock held), and takes the lock again. */
static void run_item(struct pool *p, unsigned id, size_t i)
{
	pthread_mutex_unlock(&p->mu);
	int r = p->work(p->ctx, id, i);
	pthread_mutex_lock(&p->mu);
	p->done[i % p->window] = 1;
	p->rc[i % p->window] = r;
	if (r)
		p->stop = 1;
	pthread_cond_broadcast(&p->cv);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->p;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!can_take(p) && !p->stop && p->next < p->n)
			pthread_cond_wait(&p->cv, &p->mu);
		if (!can_take(p))
			break;
		run_item(p, w->id, p->next++);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int zi_pool_run(size_t n, unsigned threads, size_t window, zi_pool_work_fn work,
		zi_pool_emit_fn emit, void *ctx)
{
	if (!n)
		return 0;
	if (threads < 1)
		threads = 1;
	if (threads > POOL_MAX_THREADS)
		threads = POOL_MAX_THREADS;
	if (threads > n)
		threads = (unsigned)n;
	if (window < 1)
		window = 1;
	if (threads == 1) {
		/* no thread, no lock: the plain loop */
		for (size_t i = 0; i < n; i++) {
			int r = work(ctx, 0, i);
			if (!r && emit)
				r = emit(ctx, i);
			if (r)
				return r;
		}
		return 0;
	}
	struct pool p = {.n = n, .window = window, .work = work, .ctx = ctx};
	p.done = zi_xcalloc(window, 1);
	p.rc = zi_xcalloc(window, sizeof(int));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	pthread_t tids[POOL_MAX_THREADS];
	struct worker ws[POOL_MAX_THREADS];
	unsigned started = 0;
	for (unsigned t = 1; t < threads; t++) {
		ws[started] = (struct worker){&p, started + 1};
		if (pthread_create(&tids[started], NULL, worker_main, &ws[started]) != 0)
			break;
		started++;
	}
	int rc = 0;
	pthread_mutex_lock(&p.mu);
	while (p.emitted < n) {
		size_t slot = p.emitted % window;
		if (p.done[slot]) {
			int r = p.rc[slot];
			p.done[slot] = 0;
			if (!r && emit) {
				pthread_mutex_unlock(&p.mu);
				r = emit(ctx, p.emitted);
				pthread_mutex_lock(&p.mu);
			}
			if (r) {
				rc = r;
				break;
			}
			p.emitted++;
			pthread_cond_broadcast(&p.cv);
			continue;
		}
		if (can_take(&p)) {
			run_item(&p, 0, p.next++);
			continue;
		}
		pthread_cond_wait(&p.cv, &p.mu);
	}
	p.stop = 1;
	pthread_cond_broadcast(&p.cv);
	pthread_mutex_unlock(&p.mu);
	for (unsigned t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	free(p.done);
	free(p.rc);
	return rc;
}

int zi_pool_each(size_t n, unsigned threads, zi_pool_work_fn work, void *ctx)
{
	return zi_pool_run(n, threads, n ? n : 1, work, NULL, ctx);
}

struct task {
	struct zi_pool_tasks *g;
	size_t i;
	pthread_t th;
	int started;
	int rc;
};

struct zi_pool_tasks {
	size_t n;
	zi_pool_work_fn work;
	void *ctx;
	struct task t[];
};

static void *task_main(void *arg)
{
	struct task *t = arg;
	t->rc = t->g->work(t->g->ctx, (unsigned)(t->i + 1), t->i);
	return NULL;
}

struct zi_pool_tasks *zi_pool_start(size_t n, zi_pool_work_fn work, void *ctx)
{
	struct zi_pool_tasks *g = zi_xcalloc(1, sizeof(*g) + (n ? n : 1) * sizeof(struct task));
	g->n = n;
	g->work = work;
	g->ctx = ctx;
	for (size_t i = 0; i < n; i++) {
		struct task *t = &g->t[i];
		t->g = g;
		t->i = i;
		/* beyond the most threads a process of ours starts: inline */
		t->started = i < POOL_MAX_THREADS && pthread_create(&t->th, NULL, task_main, t) == 0;
		if (!t->started)
			task_main(t);
	}
	return g;
}

int zi_pool_join(struct zi_pool_tasks *g)
{
	if (!g)
		return 0;
	int rc = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (g->t[i].started)
			pthread_join(g->t[i].th, NULL);
		if (!rc)
			rc = g->t[i].rc;
	}
	free(g);
	return rc;
}
