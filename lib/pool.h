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

/* How many threads for up to max: the CPUs online, or ZI_THREADS from the
 * environment (tests compare one thread with many); at least 1. */
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

#endif
