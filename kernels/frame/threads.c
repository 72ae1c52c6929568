/* Thread count for the OpenMP-parallel kernels.
 *
 * Default: LANES_NUM_THREADS if set, else the CPUs in this process's
 * affinity mask (so `taskset -c 0` means one thread).  No oversubscription:
 * inside a caller's OpenMP parallel region lanes runs serially, and while
 * one lanes call runs threads, calls from other threads of the application
 * run serially instead of starting more. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "kernels/frame/frame.h"

#ifdef _OPENMP
#include <omp.h>
#endif

static atomic_int user_threads; /* 0: not set by lanes_set_num_threads */
static atomic_int default_threads;

static int compute_default(void)
{
    const char *env = getenv("LANES_NUM_THREADS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v > 0 && v <= 1024)
            return (int)v;
    }
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0)
            return n;
    }
    return 1;
}

int lanes_get_num_threads(void)
{
    int n = atomic_load(&user_threads);
    if (n > 0)
        return n;
    n = atomic_load(&default_threads);
    if (n == 0) {
        n = compute_default();
        atomic_store(&default_threads, n);
    }
    return n;
}

void lanes_set_num_threads(int n)
{
    atomic_store(&user_threads, n > 0 ? n : 0);
}

static atomic_int teams_running;

/* The team for a problem past lanes_parallel_begin's size threshold. */
int lanes_parallel_claim(void)
{
#ifdef _OPENMP
    if (omp_in_parallel())
        return 1;
    int nth = lanes_get_num_threads();
    if (nth <= 1)
        return 1;
    if (atomic_fetch_add(&teams_running, 1) != 0) { /* another call owns the cores */
        atomic_fetch_sub(&teams_running, 1);
        return 1;
    }
    return nth;
#else
    return 1;
#endif
}

void lanes_parallel_end(int nth)
{
    if (nth > 1)
        atomic_fetch_sub(&teams_running, 1);
}

int lanes_thread_id(void)
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

int lanes_team_size(void)
{
#ifdef _OPENMP
    return omp_get_num_threads();
#else
    return 1;
#endif
}

void lanes_steal_own(struct lanes_steal *slots, size_t count, int tid, int nth)
{
    size_t lo, hi;
    lanes_share(count, tid, nth, 1, &lo, &hi);
    __atomic_store_n(&slots[tid].range, (unsigned long long)lo << 32 | hi, __ATOMIC_RELAXED);
}

/* Claims [lo, hi) of a slot's range: from the front (front != 0) or the
 * back.  A compare-and-swap, since the owner and thieves share the word. */
static int claim(struct lanes_steal *slot, size_t chunk, int front, size_t *lo, size_t *hi)
{
    unsigned long long r = __atomic_load_n(&slot->range, __ATOMIC_RELAXED);
    for (;;) {
        size_t l = (size_t)(r >> 32), h = (size_t)(r & 0xffffffffu);
        if (l >= h)
            return 0;
        size_t take = h - l < chunk ? h - l : chunk;
        unsigned long long want = front ? (unsigned long long)(l + take) << 32 | h
                                        : (unsigned long long)l << 32 | (h - take);
        if (__atomic_compare_exchange_n(&slot->range, &r, want, 1, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED)) {
            *lo = front ? l : h - take;
            *hi = front ? l + take : h;
            return 1;
        }
    }
}

int lanes_steal_claim(struct lanes_steal *slots, int tid, int nth, size_t chunk, size_t *lo,
                      size_t *hi)
{
    if (claim(&slots[tid], chunk, 1, lo, hi))
        return 1;
    for (int d = 1; d < nth; d++)
        if (claim(&slots[(tid + d) % nth], 1, 0, lo, hi))
            return 1;
    return 0;
}

void lanes_parallel_range(size_t count, size_t work, size_t align, lanes_range_fn *fn, void *ctx)
{
    int nth = lanes_parallel_begin(work, 16, 1);
    if (nth <= 1) {
        fn(0, count, ctx);
        return;
    }
#pragma omp parallel num_threads(nth)
    {
        size_t lo, hi;
        lanes_share(count, lanes_thread_id(), lanes_team_size(), align, &lo, &hi);
        fn(lo, hi, ctx);
    }
    lanes_parallel_end(nth);
}
