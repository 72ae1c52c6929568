/* gemm micro-kernels, AVX2 + FMA (BLIS contract, kernels/kernels.h).
 * Vectors run down the MR rows of a column of C, so C's columns are stored
 * whole: s 16x6 and d 8x6 use 12 accumulators, 2 A vectors and a broadcast
 * of B, 15 of the 16 ymm registers. */
#include "avx2.h"

/* How many k steps ahead the micro-kernels prefetch their packed A and B. */
#ifndef LANES_PF_STEPS
#define LANES_PF_STEPS 8
#endif

#define T float
#define V __m256
#define W 8
#define OP(name) _mm256_##name##_ps
#define HV __m128
#define HOP(name) _mm_##name##_ps
#define MASKGEN(rem) lanes_avx2_mask_ps(rem)
#define NAME lanes_sgemm_ukr_avx2_16x6
#include "gemm_ukr.h"
#undef NAME
/* the dot kernel first: the direct kernel's row edge runs its blocks (DOTS_ACC) */
#define ROW(p, n) lanes_avx2_load_row(n, p)
#define SUM4 lanes_avx2_sum4_ps
#define BC 2
#define NAME lanes_sgemm_dots_avx2
#include "kernels/gemm_dots.h"
#undef SUM4
#undef BC
#undef NAME
#define ARGS struct lanes_sgemm_direct_args
#define DOTS_ACC lanes_sgemm_dots_avx2_acc
#define DOTS_NC 2
#define DOTS_ACC_NC 2
#define DOTS_SUMS(acc, alpha, t)                                                                 \
    (lanes_avx2_sum4_ps(acc[0], alpha, t, 1), lanes_avx2_sum4_ps(acc[1], alpha, t + 4, 1))
#define ROWVEC_NV 2
#define LANES_FMA __builtin_fmaf
#define NAME lanes_sgemm_direct_avx2
#define BLOCK_OF lanes_sgemm_block_of_avx2
#define BLOCK struct lanes_sgemm_block
#define BLOCK_FN lanes_sgemm_block_fn
#include "gemm_direct.h"
#undef T
#undef V
#undef W
#undef OP
#undef HV
#undef HOP
#undef MASKGEN
#undef ARGS
#undef ROW
#undef DOTS_ACC
#undef DOTS_NC
#undef DOTS_ACC_NC
#undef DOTS_SUMS
#undef ROWVEC_NV
#undef LANES_FMA
#undef NAME
#undef BLOCK_OF
#undef BLOCK
#undef BLOCK_FN

#define T double
#define V __m256d
#define W 4
#define OP(name) _mm256_##name##_pd
#define HV __m128d
#define HOP(name) _mm_##name##_pd
#define MASKGEN(rem) lanes_avx2_mask_pd(rem)
#define NAME lanes_dgemm_ukr_avx2_8x6
#include "gemm_ukr.h"
#undef NAME
#define ROW(p, n) lanes_avx2_load_row_pd(n, p)
#define SUM4 lanes_avx2_sum4_pd
#define BC 2
#define NAME lanes_dgemm_dots_avx2
#include "kernels/gemm_dots.h"
#undef SUM4
#undef BC
#undef NAME
#define ARGS struct lanes_dgemm_direct_args
#define DOTS_ACC lanes_dgemm_dots_avx2_acc
#define DOTS_NC 2
#define DOTS_ACC_NC 2
#define DOTS_SUMS(acc, alpha, t)                                                                 \
    (lanes_avx2_sum4_pd(acc[0], alpha, t, 1), lanes_avx2_sum4_pd(acc[1], alpha, t + 4, 1))
#define ROWVEC_NV 2
#define LANES_FMA __builtin_fma
#define NAME lanes_dgemm_direct_avx2
#define BLOCK_OF lanes_dgemm_block_of_avx2
#define BLOCK struct lanes_dgemm_block
#define BLOCK_FN lanes_dgemm_block_fn
#include "gemm_direct.h"
#undef T
#undef V
#undef W
#undef OP
#undef HV
#undef HOP
#undef MASKGEN
#undef ARGS
#undef ROW
#undef DOTS_ACC
#undef DOTS_NC
#undef DOTS_ACC_NC
#undef DOTS_SUMS
#undef ROWVEC_NV
#undef LANES_FMA
#undef NAME
#undef BLOCK_OF
#undef BLOCK
#undef BLOCK_FN
