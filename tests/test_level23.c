/* gemv and gemm, every ISA, against double-precision loops. */
#include "common.h"
#include "kernels/frame/frame.h"

#include <unistd.h>

#define T float
#define X(name) s##name
#define EPS ((double)FLT_EPSILON)
#include "vec_tmpl.h"
#include "level23_tmpl.h"
#undef T
#undef X
#undef EPS

#define T double
#define X(name) d##name
#define EPS ((double)DBL_EPSILON)
#include "vec_tmpl.h"
#include "level23_tmpl.h"
#undef T
#undef X
#undef EPS

ISA_TEST(gemv, sgemv) { (void)isa; sgemv_sweep(); sgemv_guard(); }
ISA_TEST(gemv, dgemv) { (void)isa; dgemv_sweep(); dgemv_guard(); }
ISA_TEST(gemv, sgemv_threads) { (void)isa; sgemv_threads(); }
ISA_TEST(gemv, dgemv_threads) { (void)isa; dgemv_threads(); }
ISA_TEST(gemm, sgemm_guard) { (void)isa; sgemm_guard(); }
ISA_TEST(gemm, dgemm_guard) { (void)isa; dgemm_guard(); }
/* (the packed path's edge tiles, stored under masks straight into C) */
ISA_TEST(gemm, sgemm_guard_packed)
{
    (void)isa;
    lanes_gemm_path = LANES_GEMM_PACKED;
    sgemm_guard();
}
ISA_TEST(gemm, dgemm_guard_packed)
{
    (void)isa;
    lanes_gemm_path = LANES_GEMM_PACKED;
    dgemm_guard();
}
/* Each gemm sweep runs three times: the automatic choice, and each of the
 * packed and direct paths forced wherever it applies. */
#define GEMM_TESTS(fn)                                                          \
    ISA_TEST(gemm, fn) { (void)isa; fn(); }                                     \
    ISA_TEST(gemm, fn##_packed) { (void)isa; lanes_gemm_path = LANES_GEMM_PACKED; fn(); } \
    ISA_TEST(gemm, fn##_direct) { (void)isa; lanes_gemm_path = LANES_GEMM_DIRECT; fn(); }
GEMM_TESTS(sgemm_shapes)
GEMM_TESTS(dgemm_shapes)
GEMM_TESTS(sgemm_scalars)
GEMM_TESTS(dgemm_scalars)
GEMM_TESTS(sgemm_edges)
GEMM_TESTS(dgemm_edges)
GEMM_TESTS(sgemm_threads)
GEMM_TESTS(dgemm_threads)
/* Prepared gemms: the small products they take themselves, and the sweeps
 * above run through plans (whose runs must give lanes_?gemm's bits). */
ISA_TEST(gemm, sgemm_tt) { (void)isa; sgemm_tt(); }
ISA_TEST(gemm, dgemm_tt) { (void)isa; dgemm_tt(); }
ISA_TEST(gemm, sgemm_plans) { (void)isa; sgemm_plans(); }
ISA_TEST(gemm, dgemm_plans) { (void)isa; dgemm_plans(); }
ISA_TEST(gemm, sgemm_shapes_plan) { (void)isa; svia_plan = 1; sgemm_shapes(); svia_plan = 0; }
ISA_TEST(gemm, dgemm_shapes_plan) { (void)isa; dvia_plan = 1; dgemm_shapes(); dvia_plan = 0; }
ISA_TEST(gemm, sgemm_scalars_plan) { (void)isa; svia_plan = 1; sgemm_scalars(); svia_plan = 0; }
ISA_TEST(gemm, dgemm_scalars_plan) { (void)isa; dvia_plan = 1; dgemm_scalars(); dvia_plan = 0; }
ISA_TEST(gemm, sgemm_guard_plan) { (void)isa; svia_plan = 1; sgemm_guard(); svia_plan = 0; }
ISA_TEST(gemm, dgemm_guard_plan) { (void)isa; dvia_plan = 1; dgemm_guard(); dvia_plan = 0; }

/* No oversubscription: a second concurrent team, or a call from inside a
 * caller's OpenMP region, runs on one thread. */
Test(gemm, no_oversubscription, .fini = lanes_test_fini)
{
    lanes_set_num_threads(2);
    int first = lanes_parallel_begin(1000, 1000, 1000);
    cr_assert_eq(first, 2);
    cr_assert_eq(lanes_parallel_begin(1000, 1000, 1000), 1, "a second team while one runs");
    lanes_parallel_end(first);
    cr_assert_eq(lanes_parallel_begin(10, 10, 10), 1, "small problems stay serial");
    int inside = 0;
#pragma omp parallel num_threads(2)
    {
#pragma omp single
        inside = lanes_parallel_begin(1000, 1000, 1000);
    }
    cr_assert_eq(inside, 1, "inside a caller's parallel region");
    int again = lanes_parallel_begin(1000, 1000, 1000);
    cr_assert_eq(again, 2);
    lanes_parallel_end(again);
    lanes_set_num_threads(0);
}

Test(gemm, num_threads_api, .fini = lanes_test_fini)
{
    int def = lanes_get_num_threads();
    cr_assert_geq(def, 1);
    lanes_set_num_threads(3);
    cr_assert_eq(lanes_get_num_threads(), 3);
    lanes_set_num_threads(0);
    cr_assert_eq(lanes_get_num_threads(), def);
}

/* Rebalancing shares: every unit of [0, count) is taken exactly once, and a
 * thread that starts late finds part of its share done by the others. */
Test(gemm, steal_shares, .fini = lanes_test_fini)
{
    enum { COUNT = 1000, NTH = 3 };
    static struct lanes_steal slots[NTH];
    static int taken[COUNT], by_other[NTH];
    int team = 0, bad = 0;
#pragma omp parallel num_threads(NTH)
    {
        int tid = lanes_thread_id(), nth = lanes_team_size();
#pragma omp single
        team = nth;
        lanes_steal_own(slots, COUNT, tid, nth);
#pragma omp barrier
        if (tid == 0)
            usleep(50000); /* the others finish their shares and come for this one */
        size_t lo = 0, hi = 0, own_lo, own_hi;
        lanes_share(COUNT, tid, nth, 1, &own_lo, &own_hi);
        while (lanes_steal_next(slots, tid, nth, COUNT, 1 + (size_t)tid, &lo, &hi)) {
            if (lo >= hi || hi > COUNT) {
#pragma omp atomic write
                bad = 1;
                break;
            }
            for (size_t i = lo; i < hi; i++) {
#pragma omp atomic
                taken[i]++;
                if (i < own_lo || i >= own_hi)
                    by_other[tid] = 1;
            }
        }
    }
    cr_assert(!bad, "an empty or out-of-range chunk");
    for (int i = 0; i < COUNT; i++)
        cr_assert_eq(taken[i], 1, "unit %d taken %d times", i, taken[i]);
    if (team > 1)
        cr_assert(by_other[1] || by_other[2], "no thread took from the late thread's share");
}
