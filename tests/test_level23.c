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
