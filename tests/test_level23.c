/* gemv and gemm, every ISA, against double-precision loops. */
#include "common.h"
#include "kernels/frame/frame.h"

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

ISA_TEST(gemv, sgemv) { (void)isa; sgemv_sweep(); }
ISA_TEST(gemv, dgemv) { (void)isa; dgemv_sweep(); }
ISA_TEST(gemm, sgemm_shapes) { (void)isa; sgemm_shapes(); }
ISA_TEST(gemm, dgemm_shapes) { (void)isa; dgemm_shapes(); }
ISA_TEST(gemm, sgemm_scalars) { (void)isa; sgemm_scalars(); }
ISA_TEST(gemm, dgemm_scalars) { (void)isa; dgemm_scalars(); }
ISA_TEST(gemm, sgemm_edges) { (void)isa; sgemm_edges(); }
ISA_TEST(gemm, dgemm_edges) { (void)isa; dgemm_edges(); }
ISA_TEST(gemm, sgemm_threads) { (void)isa; sgemm_threads(); }
ISA_TEST(gemm, dgemm_threads) { (void)isa; dgemm_threads(); }

Test(gemm, num_threads_api, .fini = lanes_test_fini)
{
    int def = lanes_get_num_threads();
    cr_assert_geq(def, 1);
    lanes_set_num_threads(3);
    cr_assert_eq(lanes_get_num_threads(), 3);
    lanes_set_num_threads(0);
    cr_assert_eq(lanes_get_num_threads(), def);
}
