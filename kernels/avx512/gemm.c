/* gemm micro-kernels, AVX-512 (BLIS contract, kernels/kernels.h).
 * Vectors run down the MR rows of a column of C.  s 32x12 and d 16x12 keep
 * 24 accumulators, 2 A vectors and a broadcast of B in the 32 zmm registers:
 * 2 loads per 24 FMAs. */
#include "avx512.h"

/* How many k steps ahead the micro-kernels prefetch their packed A and B
 * (measured on Zen 4: 4-16 all beat no prefetch; 8 is best). */
#ifndef LANES_PF_A
#define LANES_PF_A 8
#endif

void lanes_sgemm_ukr_avx512_32x12(size_t k, float alpha, const float *ap, const float *bp,
                                  float beta, float *c, size_t ldc)
{
    __m512 acc[12][2];
#pragma GCC unroll 12
    for (int j = 0; j < 12; j++)
        acc[j][0] = acc[j][1] = _mm512_setzero_ps();
    /* C's 12 columns (2 lines each) arrive while the k loop runs. */
    for (int j = 0; j < 12; j++) {
        _mm_prefetch((const char *)(c + j * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + j * ldc + 31), _MM_HINT_T0);
    }
#pragma GCC unroll 4
    for (size_t p = 0; p < k; p++, ap += 32, bp += 12) {
        /* A streams from L2: ask for it LANES_PF_A k steps ahead */
        _mm_prefetch((const char *)(ap + 32 * LANES_PF_A), _MM_HINT_T0);
        _mm_prefetch((const char *)(ap + 32 * LANES_PF_A + 16), _MM_HINT_T0);
        _mm_prefetch((const char *)(bp + 12 * LANES_PF_A), _MM_HINT_T0);
        __m512 a0 = _mm512_loadu_ps(ap), a1 = _mm512_loadu_ps(ap + 16);
#pragma GCC unroll 12
        for (int j = 0; j < 12; j++) {
            __m512 b = _mm512_set1_ps(bp[j]);
            acc[j][0] = _mm512_fmadd_ps(a0, b, acc[j][0]);
            acc[j][1] = _mm512_fmadd_ps(a1, b, acc[j][1]);
        }
    }
    const __m512 va = _mm512_set1_ps(alpha);
    if (beta == 0) {
#pragma GCC unroll 12
        for (int j = 0; j < 12; j++) {
            _mm512_storeu_ps(c + j * ldc, _mm512_mul_ps(va, acc[j][0]));
            _mm512_storeu_ps(c + j * ldc + 16, _mm512_mul_ps(va, acc[j][1]));
        }
    } else {
        const __m512 vb = _mm512_set1_ps(beta);
#pragma GCC unroll 12
        for (int j = 0; j < 12; j++) {
            float *cj = c + j * ldc;
            _mm512_storeu_ps(cj, _mm512_fmadd_ps(vb, _mm512_loadu_ps(cj),
                                                 _mm512_mul_ps(va, acc[j][0])));
            _mm512_storeu_ps(cj + 16, _mm512_fmadd_ps(vb, _mm512_loadu_ps(cj + 16),
                                                      _mm512_mul_ps(va, acc[j][1])));
        }
    }
}

void lanes_dgemm_ukr_avx512_16x12(size_t k, double alpha, const double *ap, const double *bp,
                                  double beta, double *c, size_t ldc)
{
    __m512d acc[12][2];
#pragma GCC unroll 12
    for (int j = 0; j < 12; j++)
        acc[j][0] = acc[j][1] = _mm512_setzero_pd();
    for (int j = 0; j < 12; j++) {
        _mm_prefetch((const char *)(c + j * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + j * ldc + 15), _MM_HINT_T0);
    }
#pragma GCC unroll 4
    for (size_t p = 0; p < k; p++, ap += 16, bp += 12) {
        _mm_prefetch((const char *)(ap + 16 * LANES_PF_A), _MM_HINT_T0);
        _mm_prefetch((const char *)(ap + 16 * LANES_PF_A + 8), _MM_HINT_T0);
        _mm_prefetch((const char *)(bp + 12 * LANES_PF_A), _MM_HINT_T0);
        __m512d a0 = _mm512_loadu_pd(ap), a1 = _mm512_loadu_pd(ap + 8);
#pragma GCC unroll 12
        for (int j = 0; j < 12; j++) {
            __m512d b = _mm512_set1_pd(bp[j]);
            acc[j][0] = _mm512_fmadd_pd(a0, b, acc[j][0]);
            acc[j][1] = _mm512_fmadd_pd(a1, b, acc[j][1]);
        }
    }
    const __m512d va = _mm512_set1_pd(alpha);
    if (beta == 0) {
#pragma GCC unroll 12
        for (int j = 0; j < 12; j++) {
            _mm512_storeu_pd(c + j * ldc, _mm512_mul_pd(va, acc[j][0]));
            _mm512_storeu_pd(c + j * ldc + 8, _mm512_mul_pd(va, acc[j][1]));
        }
    } else {
        const __m512d vb = _mm512_set1_pd(beta);
#pragma GCC unroll 12
        for (int j = 0; j < 12; j++) {
            double *cj = c + j * ldc;
            _mm512_storeu_pd(cj, _mm512_fmadd_pd(vb, _mm512_loadu_pd(cj),
                                                 _mm512_mul_pd(va, acc[j][0])));
            _mm512_storeu_pd(cj + 8, _mm512_fmadd_pd(vb, _mm512_loadu_pd(cj + 8),
                                                     _mm512_mul_pd(va, acc[j][1])));
        }
    }
}

#define T float
#define V __m512
#define W 16
#define MASK __mmask16
#define OP(name) _mm512_##name##_ps
#define NAME lanes_sgemm_direct_avx512
#include "gemm_direct.h"
#undef T
#undef V
#undef W
#undef MASK
#undef OP
#undef NAME

#define T double
#define V __m512d
#define W 8
#define MASK __mmask8
#define OP(name) _mm512_##name##_pd
#define NAME lanes_dgemm_direct_avx512
#include "gemm_direct.h"
#undef T
#undef V
#undef W
#undef MASK
#undef OP
#undef NAME
