/* gemv, AVX2 + FMA, column-major A (contract in kernels/kernels.h).
 * gemv_n streams four columns per sweep of y (axpy form); gemv_t reduces
 * four columns per sweep of x (dot form).  Tails use masked loads. */
#include "avx2.h"

void lanes_sgemv_n_avx2(size_t m, size_t n, float alpha, const float *a, size_t lda,
                        const float *x, float *y)
{
    __m256i tail = lanes_avx2_mask_ps(m % 8);
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const float *a0 = a + j * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
        __m256 t0 = _mm256_set1_ps(alpha * x[j]), t1 = _mm256_set1_ps(alpha * x[j + 1]);
        __m256 t2 = _mm256_set1_ps(alpha * x[j + 2]), t3 = _mm256_set1_ps(alpha * x[j + 3]);
        size_t i = 0;
        for (; i + 8 <= m; i += 8) {
            __m256 v = _mm256_loadu_ps(y + i);
            v = _mm256_fmadd_ps(t0, _mm256_loadu_ps(a0 + i), v);
            v = _mm256_fmadd_ps(t1, _mm256_loadu_ps(a1 + i), v);
            v = _mm256_fmadd_ps(t2, _mm256_loadu_ps(a2 + i), v);
            v = _mm256_fmadd_ps(t3, _mm256_loadu_ps(a3 + i), v);
            _mm256_storeu_ps(y + i, v);
        }
        if (i < m) {
            __m256 v = _mm256_maskload_ps(y + i, tail);
            v = _mm256_fmadd_ps(t0, _mm256_maskload_ps(a0 + i, tail), v);
            v = _mm256_fmadd_ps(t1, _mm256_maskload_ps(a1 + i, tail), v);
            v = _mm256_fmadd_ps(t2, _mm256_maskload_ps(a2 + i, tail), v);
            v = _mm256_fmadd_ps(t3, _mm256_maskload_ps(a3 + i, tail), v);
            _mm256_maskstore_ps(y + i, tail, v);
        }
    }
    for (; j < n; j++) {
        const float *a0 = a + j * lda;
        __m256 t0 = _mm256_set1_ps(alpha * x[j]);
        size_t i = 0;
        for (; i + 8 <= m; i += 8)
            _mm256_storeu_ps(y + i,
                             _mm256_fmadd_ps(t0, _mm256_loadu_ps(a0 + i), _mm256_loadu_ps(y + i)));
        if (i < m)
            _mm256_maskstore_ps(y + i, tail,
                                _mm256_fmadd_ps(t0, _mm256_maskload_ps(a0 + i, tail),
                                                _mm256_maskload_ps(y + i, tail)));
    }
}

void lanes_sgemv_t_avx2(size_t m, size_t n, float alpha, const float *a, size_t lda,
                        const float *x, float *y)
{
    __m256i tail = lanes_avx2_mask_ps(m % 8);
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const float *col[4] = {a + j * lda, a + (j + 1) * lda, a + (j + 2) * lda,
                               a + (j + 3) * lda};
        __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(),
                         _mm256_setzero_ps()};
        size_t i = 0;
        for (; i + 8 <= m; i += 8) {
            __m256 xv = _mm256_loadu_ps(x + i);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = _mm256_fmadd_ps(_mm256_loadu_ps(col[c] + i), xv, acc[c]);
        }
        if (i < m) {
            __m256 xv = _mm256_maskload_ps(x + i, tail);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = _mm256_fmadd_ps(_mm256_maskload_ps(col[c] + i, tail), xv, acc[c]);
        }
        for (int c = 0; c < 4; c++)
            y[j + c] += alpha * lanes_avx2_hsum_ps(acc[c]);
    }
    for (; j < n; j++)
        y[j] += alpha * lanes_sdot_avx2(m, a + j * lda, x);
}

void lanes_dgemv_n_avx2(size_t m, size_t n, double alpha, const double *a, size_t lda,
                        const double *x, double *y)
{
    __m256i tail = lanes_avx2_mask_pd(m % 4);
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const double *a0 = a + j * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
        __m256d t0 = _mm256_set1_pd(alpha * x[j]), t1 = _mm256_set1_pd(alpha * x[j + 1]);
        __m256d t2 = _mm256_set1_pd(alpha * x[j + 2]), t3 = _mm256_set1_pd(alpha * x[j + 3]);
        size_t i = 0;
        for (; i + 4 <= m; i += 4) {
            __m256d v = _mm256_loadu_pd(y + i);
            v = _mm256_fmadd_pd(t0, _mm256_loadu_pd(a0 + i), v);
            v = _mm256_fmadd_pd(t1, _mm256_loadu_pd(a1 + i), v);
            v = _mm256_fmadd_pd(t2, _mm256_loadu_pd(a2 + i), v);
            v = _mm256_fmadd_pd(t3, _mm256_loadu_pd(a3 + i), v);
            _mm256_storeu_pd(y + i, v);
        }
        if (i < m) {
            __m256d v = _mm256_maskload_pd(y + i, tail);
            v = _mm256_fmadd_pd(t0, _mm256_maskload_pd(a0 + i, tail), v);
            v = _mm256_fmadd_pd(t1, _mm256_maskload_pd(a1 + i, tail), v);
            v = _mm256_fmadd_pd(t2, _mm256_maskload_pd(a2 + i, tail), v);
            v = _mm256_fmadd_pd(t3, _mm256_maskload_pd(a3 + i, tail), v);
            _mm256_maskstore_pd(y + i, tail, v);
        }
    }
    for (; j < n; j++) {
        const double *a0 = a + j * lda;
        __m256d t0 = _mm256_set1_pd(alpha * x[j]);
        size_t i = 0;
        for (; i + 4 <= m; i += 4)
            _mm256_storeu_pd(y + i,
                             _mm256_fmadd_pd(t0, _mm256_loadu_pd(a0 + i), _mm256_loadu_pd(y + i)));
        if (i < m)
            _mm256_maskstore_pd(y + i, tail,
                                _mm256_fmadd_pd(t0, _mm256_maskload_pd(a0 + i, tail),
                                                _mm256_maskload_pd(y + i, tail)));
    }
}

void lanes_dgemv_t_avx2(size_t m, size_t n, double alpha, const double *a, size_t lda,
                        const double *x, double *y)
{
    __m256i tail = lanes_avx2_mask_pd(m % 4);
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const double *col[4] = {a + j * lda, a + (j + 1) * lda, a + (j + 2) * lda,
                                a + (j + 3) * lda};
        __m256d acc[4] = {_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd(),
                          _mm256_setzero_pd()};
        size_t i = 0;
        for (; i + 4 <= m; i += 4) {
            __m256d xv = _mm256_loadu_pd(x + i);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = _mm256_fmadd_pd(_mm256_loadu_pd(col[c] + i), xv, acc[c]);
        }
        if (i < m) {
            __m256d xv = _mm256_maskload_pd(x + i, tail);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = _mm256_fmadd_pd(_mm256_maskload_pd(col[c] + i, tail), xv, acc[c]);
        }
        for (int c = 0; c < 4; c++)
            y[j + c] += alpha * lanes_avx2_hsum_pd(acc[c]);
    }
    for (; j < n; j++)
        y[j] += alpha * lanes_ddot_avx2(m, a + j * lda, x);
}
