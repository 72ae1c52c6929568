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

Test(gemm, num_threads_api, .fini = lanes_test_fini)
{
    int def = lanes_get_num_threads();
    cr_assert_geq(def, 1);
    lanes_set_num_threads(3);
    cr_assert_eq(lanes_get_num_threads(), 3);
    lanes_set_num_threads(0);
    cr_assert_eq(lanes_get_num_threads(), def);
}
