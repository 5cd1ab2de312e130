/* An ordered pool of threads: work(i) for every item i on up to N threads,
 * emit(i) on the calling thread in item order. What every item produces is
 * handed over in the same order whatever the number of threads, so output
 * made in emit is byte for byte the same with one thread or many. */
#ifndef ZI_POOL_H
#define ZI_POOL_H

#include <stddef.h>

/* Item i on worker `worker` (0 .. threads - 1; worker 0 is the calling
 * thread, so per-worker state indexed by it needs no lock). Returns 0, or
 * non-zero to stop: no item is started after it. */
typedef int (*zi_pool_work_fn)(void *ctx, unsigned worker, size_t i);
/* Called for i = 0, 1, 2 ... in order, on the calling thread, once work(i)
 * returned 0. Non-zero stops. */
typedef int (*zi_pool_emit_fn)(void *ctx, size_t i);

/* How many threads for up to max: the CPUs this process may run on, or
 * ZI_THREADS from the environment (tests compare one thread with many); at
 * least 1. */
unsigned zi_pool_threads(unsigned max);

/* Runs work(i) for i in 0 .. n - 1 on up to `threads` threads (the calling
 * thread is one of them; 1 runs everything there, in order), never more than
 * `window` items beyond the last one emitted: what work(i) makes can live in
 * slot i % window, which is free again once emit(i) returned. emit may be
 * NULL. Returns 0, or the non-zero value of the first item in order whose
 * work or emit failed: emit has been called for every item before it and for
 * none after it. A thread that cannot be started is no error: the others
 * (the calling thread at least) do its share. */
int zi_pool_run(size_t n, unsigned threads, size_t window, zi_pool_work_fn work,
		zi_pool_emit_fn emit, void *ctx);

/* Tasks that run beside the calling thread: zi_pool_start starts work(i)
 * for i in 0 .. n - 1, each on a thread of its own, and returns while they
 * run, so that the caller does its own share meanwhile; zi_pool_join waits
 * for them. worker is i + 1 (0 is the calling thread's), so per-worker state
 * indexed by it needs no lock. A task whose thread cannot be started runs on
 * the calling thread before zi_pool_start returns: every task has run once
 * when zi_pool_join returns, whatever the number of threads. What tasks make
 * is for the caller to take after the join, in task order. */
struct zi_pool_tasks;
struct zi_pool_tasks *zi_pool_start(size_t n, zi_pool_work_fn work, void *ctx);
/* Returns 0, or the non-zero value of the first task in order that
 * returned one; frees g (NULL: nothing to wait for, 0). */
int zi_pool_join(struct zi_pool_tasks *g);

/* Runs work(i) for i in 0 .. n - 1 at once, up to `threads` at a time (the
 * calling thread one of them), and waits: zi_pool_run without an emit. */
int zi_pool_each(size_t n, unsigned threads, zi_pool_work_fn work, void *ctx);

#endif
