/* Helpers shared by the portable framework (never by ISA kernels). */
#ifndef LANES_FRAME_H
#define LANES_FRAME_H

#include <stddef.h>

#include "kernels/kernels.h"
#include "lanes.h"

/* Records the error for this thread (see lanes.h), calls the handler and
 * returns `code`.  For argument errors code is -position and the message is
 * "<routine>: argument <position> <details>". */
int lanes_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int lanes_arg_error(const char *routine, int pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* 64-byte aligned scratch memory; NULL (and the error recorded) on failure. */
void *lanes_scratch_alloc(const char *routine, size_t bytes);
void lanes_scratch_free(void *p);
/* This thread's packing workspace, at least `bytes`, 64-byte aligned; kept
 * for the next call (do not free).  NULL if it cannot grow, with the error
 * recorded for `routine` (routine NULL: a caller that can do without it,
 * and no error). */
void *lanes_workspace(const char *routine, size_t bytes);
/* The same, a second one per thread: for a copy of an operand that lives
 * across calls which take lanes_workspace (gemm's transposed A). */
void *lanes_operand_workspace(const char *routine, size_t bytes);

/* Threads for an m x n x k problem: 1 for small problems, inside a parallel
 * region, or while another call's team runs; else lanes_get_num_threads().
 * Every begin is paired with lanes_parallel_end(nth).  Inline, so that a
 * small call pays one compare: below ~2 MFLOP thread start-up and barriers
 * cost more than they save. */
int lanes_parallel_claim(void);
static inline int lanes_parallel_begin(size_t m, size_t n, size_t k)
{
    /* (the integer test first: a small call pays no conversions) */
    return (m < 100 && n < 100 && k < 100) || (double)m * (double)n * (double)k < 1e6
               ? 1
               : lanes_parallel_claim();
}
void lanes_parallel_end(int nth);
/* [*lo, *hi) of [0, count) for thread tid of nth: contiguous, balanced,
 * boundaries on multiples of `align`. */
static inline void lanes_share(size_t count, int tid, int nth, size_t align, size_t *lo,
                               size_t *hi)
{
    size_t units = (count + align - 1) / align;
    *lo = units * (size_t)tid / (size_t)nth * align;
    *hi = units * (size_t)(tid + 1) / (size_t)nth * align;
    *lo = *lo < count ? *lo : count;
    *hi = *hi < count ? *hi : count;
}
/* Shares that rebalance.  Each thread of a team owns its lanes_share of
 * [0, count) and takes chunks from the front of it; once its own share is
 * done it takes single units from the back of the others'.  Where one core
 * runs slower for a while (a VM's vCPU, a busy SMT sibling), the team then
 * ends a phase together instead of waiting at the barrier for the slowest.
 * (A claim is a locked compare-and-swap, which waits for the thread's
 * pending stores: owners claim in chunks; thieves take units, so the owner
 * keeps most of the work whose data is in its cache.)
 * One slot (a cache line) per thread; counts below 2^32.
 *   lanes_steal_own: thread tid sets its own slot; a barrier must separate
 *     it from the team's lanes_steal_next calls of this phase and of the
 *     last phase that used these slots.
 *   lanes_steal_next: 1 and the next range [*lo, *hi) for thread tid (at
 *     most `chunk` units of its own share, or one unit of another's); 0 once
 *     all of [0, count) is taken.  Set *lo = *hi = 0 before the first call:
 *     alone (nth = 1), a thread takes all of [0, count) at once and the
 *     slots are not used (may be NULL). */
struct lanes_steal {
    _Alignas(64) unsigned long long range; /* lo << 32 | hi, accessed atomically */
};
void lanes_steal_own(struct lanes_steal *slots, size_t count, int tid, int nth);
int lanes_steal_claim(struct lanes_steal *slots, int tid, int nth, size_t chunk, size_t *lo,
                      size_t *hi);
static inline int lanes_steal_next(struct lanes_steal *slots, int tid, int nth, size_t count,
                                   size_t chunk, size_t *lo, size_t *hi)
{
    if (nth > 1)
        return lanes_steal_claim(slots, tid, nth, chunk, lo, hi);
    if (*hi >= count)
        return 0;
    *lo = *hi;
    *hi = count;
    return 1;
}
/* omp_get_thread_num / omp_get_num_threads, or 0 / 1 without OpenMP. */
int lanes_thread_id(void);
int lanes_team_size(void);

/* fn(lo, hi, ctx) over [0, count): once, or in lanes_share shares (bounds on
 * multiples of `align`) across a team when `work` elementwise operations
 * make one pay.  fn's result for an element must not depend on the split. */
typedef void lanes_range_fn(size_t lo, size_t hi, void *ctx);
void lanes_parallel_range(size_t count, size_t work, size_t align, lanes_range_fn *fn, void *ctx);

/* axpy and dot run on threads from this many elements (frame/blas1_tmpl.h) */
#ifndef LANES_BLAS1_THREAD_MIN
#define LANES_BLAS1_THREAD_MIN 262144
#endif
/* gemv runs on threads where A has at least this many bytes (frame/gemv_tmpl.h,
 * whose quick test takes any A under 512 x 512 for smaller) */
#define LANES_GEMV_THREAD_BYTES (4u << 20)
_Static_assert(512 * 512 * sizeof(double) < LANES_GEMV_THREAD_BYTES,
               "gemv's quick size test (rows, cols < 512) must stay below the threshold");

/* Which gemm path runs when both could (tests force each in turn).  The
 * direct path needs op(A) with unit row stride in the column-major view. */
enum { LANES_GEMM_AUTO, LANES_GEMM_PACKED, LANES_GEMM_DIRECT };
extern int lanes_gemm_path;

static inline ptrdiff_t lanes_max1(ptrdiff_t v)
{
    return v > 1 ? v : 1;
}

/* Address of the first logical element of a BLAS vector of n elements with
 * increment inc: for inc < 0 the vector starts at the far end. */
#define LANES_VEC_START(p, n, inc) ((inc) < 0 ? (p) + ((n)-1) * -(inc) : (p))

#endif
