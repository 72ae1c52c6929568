/* gemm micro-kernels, AVX2 + FMA (BLIS contract, kernels/kernels.h).
 * Vectors run down the MR rows of a column of C, so C's columns are stored
 * whole: s 16x6 and d 8x6 use 12 accumulators, 2 A vectors and a broadcast
 * of B, 15 of the 16 ymm registers. */
#include "avx2.h"

void lanes_sgemm_ukr_avx2_16x6(size_t k, float alpha, const float *ap, const float *bp,
                               float beta, float *c, size_t ldc)
{
    __m256 acc[6][2];
#pragma GCC unroll 6
    for (int j = 0; j < 6; j++)
        acc[j][0] = acc[j][1] = _mm256_setzero_ps();
    for (size_t p = 0; p < k; p++, ap += 16, bp += 6) {
        __m256 a0 = _mm256_loadu_ps(ap), a1 = _mm256_loadu_ps(ap + 8);
#pragma GCC unroll 6
        for (int j = 0; j < 6; j++) {
            __m256 b = _mm256_broadcast_ss(bp + j);
            acc[j][0] = _mm256_fmadd_ps(a0, b, acc[j][0]);
            acc[j][1] = _mm256_fmadd_ps(a1, b, acc[j][1]);
        }
    }
    const __m256 va = _mm256_set1_ps(alpha);
    if (beta == 0) {
#pragma GCC unroll 6
        for (int j = 0; j < 6; j++) {
            _mm256_storeu_ps(c + j * ldc, _mm256_mul_ps(va, acc[j][0]));
            _mm256_storeu_ps(c + j * ldc + 8, _mm256_mul_ps(va, acc[j][1]));
        }
    } else {
        const __m256 vb = _mm256_set1_ps(beta);
#pragma GCC unroll 6
        for (int j = 0; j < 6; j++) {
            float *cj = c + j * ldc;
            _mm256_storeu_ps(cj, _mm256_fmadd_ps(vb, _mm256_loadu_ps(cj),
                                                 _mm256_mul_ps(va, acc[j][0])));
            _mm256_storeu_ps(cj + 8, _mm256_fmadd_ps(vb, _mm256_loadu_ps(cj + 8),
                                                     _mm256_mul_ps(va, acc[j][1])));
        }
    }
}

void lanes_dgemm_ukr_avx2_8x6(size_t k, double alpha, const double *ap, const double *bp,
                              double beta, double *c, size_t ldc)
{
    __m256d acc[6][2];
#pragma GCC unroll 6
    for (int j = 0; j < 6; j++)
        acc[j][0] = acc[j][1] = _mm256_setzero_pd();
    for (size_t p = 0; p < k; p++, ap += 8, bp += 6) {
        __m256d a0 = _mm256_loadu_pd(ap), a1 = _mm256_loadu_pd(ap + 4);
#pragma GCC unroll 6
        for (int j = 0; j < 6; j++) {
            __m256d b = _mm256_broadcast_sd(bp + j);
            acc[j][0] = _mm256_fmadd_pd(a0, b, acc[j][0]);
            acc[j][1] = _mm256_fmadd_pd(a1, b, acc[j][1]);
        }
    }
    const __m256d va = _mm256_set1_pd(alpha);
    if (beta == 0) {
#pragma GCC unroll 6
        for (int j = 0; j < 6; j++) {
            _mm256_storeu_pd(c + j * ldc, _mm256_mul_pd(va, acc[j][0]));
            _mm256_storeu_pd(c + j * ldc + 4, _mm256_mul_pd(va, acc[j][1]));
        }
    } else {
        const __m256d vb = _mm256_set1_pd(beta);
#pragma GCC unroll 6
        for (int j = 0; j < 6; j++) {
            double *cj = c + j * ldc;
            _mm256_storeu_pd(cj, _mm256_fmadd_pd(vb, _mm256_loadu_pd(cj),
                                                 _mm256_mul_pd(va, acc[j][0])));
            _mm256_storeu_pd(cj + 4, _mm256_fmadd_pd(vb, _mm256_loadu_pd(cj + 4),
                                                     _mm256_mul_pd(va, acc[j][1])));
        }
    }
}

#define T float
#define V __m256
#define W 8
#define OP(name) _mm256_##name##_ps
#define MASKGEN(rem) lanes_avx2_mask_ps(rem)
#define NAME lanes_sgemm_direct_avx2
#include "gemm_direct.h"
#undef T
#undef V
#undef W
#undef OP
#undef MASKGEN
#undef NAME

#define T double
#define V __m256d
#define W 4
#define OP(name) _mm256_##name##_pd
#define MASKGEN(rem) lanes_avx2_mask_pd(rem)
#define NAME lanes_dgemm_direct_avx2
#include "gemm_direct.h"
#undef T
#undef V
#undef W
#undef OP
#undef MASKGEN
#undef NAME
