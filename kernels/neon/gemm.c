/* gemm micro-kernels, NEON (BLIS contract, kernels/kernels.h).  s 8x12 and
 * d 8x6: 24 accumulators of the 32 q registers, vectors down the columns
 * of C, B broadcast by element. */
#include <arm_neon.h>

#include "kernels/kernels.h"

void lanes_sgemm_ukr_neon_8x12(size_t k, float alpha, const float *ap, const float *bp,
                               float beta, float *c, size_t ldc)
{
    float32x4_t acc[12][2];
#pragma GCC unroll 12
    for (int j = 0; j < 12; j++)
        acc[j][0] = acc[j][1] = vdupq_n_f32(0);
    for (size_t p = 0; p < k; p++, ap += 8, bp += 12) {
        float32x4_t a0 = vld1q_f32(ap), a1 = vld1q_f32(ap + 4);
#pragma GCC unroll 12
        for (int j = 0; j < 12; j++) {
            acc[j][0] = vfmaq_n_f32(acc[j][0], a0, bp[j]);
            acc[j][1] = vfmaq_n_f32(acc[j][1], a1, bp[j]);
        }
    }
#pragma GCC unroll 12
    for (int j = 0; j < 12; j++) {
        float *cj = c + j * ldc;
        float32x4_t r0 = vmulq_n_f32(acc[j][0], alpha), r1 = vmulq_n_f32(acc[j][1], alpha);
        if (beta != 0) {
            r0 = vfmaq_n_f32(r0, vld1q_f32(cj), beta);
            r1 = vfmaq_n_f32(r1, vld1q_f32(cj + 4), beta);
        }
        vst1q_f32(cj, r0);
        vst1q_f32(cj + 4, r1);
    }
}

void lanes_dgemm_ukr_neon_8x6(size_t k, double alpha, const double *ap, const double *bp,
                              double beta, double *c, size_t ldc)
{
    float64x2_t acc[6][4];
#pragma GCC unroll 6
    for (int j = 0; j < 6; j++)
        acc[j][0] = acc[j][1] = acc[j][2] = acc[j][3] = vdupq_n_f64(0);
    for (size_t p = 0; p < k; p++, ap += 8, bp += 6) {
        float64x2_t a[4] = {vld1q_f64(ap), vld1q_f64(ap + 2), vld1q_f64(ap + 4), vld1q_f64(ap + 6)};
#pragma GCC unroll 6
        for (int j = 0; j < 6; j++)
#pragma GCC unroll 4
            for (int i = 0; i < 4; i++)
                acc[j][i] = vfmaq_n_f64(acc[j][i], a[i], bp[j]);
    }
#pragma GCC unroll 6
    for (int j = 0; j < 6; j++) {
        double *cj = c + j * ldc;
#pragma GCC unroll 4
        for (int i = 0; i < 4; i++) {
            float64x2_t r = vmulq_n_f64(acc[j][i], alpha);
            if (beta != 0)
                r = vfmaq_n_f64(r, vld1q_f64(cj + 2 * i), beta);
            vst1q_f64(cj + 2 * i, r);
        }
    }
}

#define T float
#define V float32x4_t
#define W 4
#define OP(name, suffix) name##q##suffix##_f32
#define ARGS struct lanes_sgemm_direct_args
#define NAME lanes_sgemm_direct_neon
#include "gemm_direct.h"
#undef T
#undef V
#undef W
#undef OP
#undef ARGS
#undef NAME

#define T double
#define V float64x2_t
#define W 2
#define OP(name, suffix) name##q##suffix##_f64
#define ARGS struct lanes_dgemm_direct_args
#define NAME lanes_dgemm_direct_neon
#include "gemm_direct.h"
#undef T
#undef V
#undef W
#undef OP
#undef ARGS
#undef NAME
