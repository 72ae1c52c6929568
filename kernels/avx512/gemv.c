/* gemv, AVX-512, column-major A (contract in kernels/kernels.h).
 * gemv_n: eight columns per sweep of y; gemv_t: four column dots per sweep
 * of x.  The last partial vector of every column is one masked step. */
#include "avx512.h"

void lanes_sgemv_n_avx512(size_t m, size_t n, float alpha, const float *a, size_t lda,
                          const float *x, float *y)
{
    const __mmask16 tail = lanes_avx512_mask16(m % 16);
    const size_t full = m - m % 16;
    size_t j = 0;
    /* Eight columns per sweep of y: eight concurrent streams of A, and y
     * read and written once per eight columns. */
    for (; j + 8 <= n; j += 8) {
        const float *col[8];
        __m512 t[8];
#pragma GCC unroll 8
        for (int c = 0; c < 8; c++) {
            col[c] = a + (j + (size_t)c) * lda;
            t[c] = _mm512_set1_ps(alpha * x[j + (size_t)c]);
        }
        for (size_t i = 0; i < full; i += 16) {
            __m512 v = _mm512_loadu_ps(y + i);
#pragma GCC unroll 8
            for (int c = 0; c < 8; c++)
                v = _mm512_fmadd_ps(t[c], _mm512_loadu_ps(col[c] + i), v);
            _mm512_storeu_ps(y + i, v);
        }
        if (tail) {
            __m512 v = _mm512_maskz_loadu_ps(tail, y + full);
#pragma GCC unroll 8
            for (int c = 0; c < 8; c++)
                v = _mm512_fmadd_ps(t[c], _mm512_maskz_loadu_ps(tail, col[c] + full), v);
            _mm512_mask_storeu_ps(y + full, tail, v);
        }
    }
    for (; j < n; j++)
        lanes_saxpy_avx512(m, alpha * x[j], a + j * lda, y);
}

void lanes_sgemv_t_avx512(size_t m, size_t n, float alpha, const float *a, size_t lda,
                          const float *x, float *y)
{
    const __mmask16 tail = lanes_avx512_mask16(m % 16);
    const size_t full = m - m % 16;
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const float *col[4] = {a + j * lda, a + (j + 1) * lda, a + (j + 2) * lda,
                               a + (j + 3) * lda};
        __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(),
                         _mm512_setzero_ps()};
        for (size_t i = 0; i < full; i += 16) {
            __m512 xv = _mm512_loadu_ps(x + i);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = _mm512_fmadd_ps(_mm512_loadu_ps(col[c] + i), xv, acc[c]);
        }
        if (tail) {
            __m512 xv = _mm512_maskz_loadu_ps(tail, x + full);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, col[c] + full), xv, acc[c]);
        }
        for (int c = 0; c < 4; c++)
            y[j + c] += alpha * _mm512_reduce_add_ps(acc[c]);
    }
    for (; j < n; j++)
        y[j] += alpha * lanes_sdot_avx512(m, a + j * lda, x);
}

void lanes_dgemv_n_avx512(size_t m, size_t n, double alpha, const double *a, size_t lda,
                          const double *x, double *y)
{
    const __mmask8 tail = lanes_avx512_mask8(m % 8);
    const size_t full = m - m % 8;
    size_t j = 0;
    /* Eight columns per sweep of y: eight concurrent streams of A, and y
     * read and written once per eight columns. */
    for (; j + 8 <= n; j += 8) {
        const double *col[8];
        __m512d t[8];
#pragma GCC unroll 8
        for (int c = 0; c < 8; c++) {
            col[c] = a + (j + (size_t)c) * lda;
            t[c] = _mm512_set1_pd(alpha * x[j + (size_t)c]);
        }
        for (size_t i = 0; i < full; i += 8) {
            __m512d v = _mm512_loadu_pd(y + i);
#pragma GCC unroll 8
            for (int c = 0; c < 8; c++)
                v = _mm512_fmadd_pd(t[c], _mm512_loadu_pd(col[c] + i), v);
            _mm512_storeu_pd(y + i, v);
        }
        if (tail) {
            __m512d v = _mm512_maskz_loadu_pd(tail, y + full);
#pragma GCC unroll 8
            for (int c = 0; c < 8; c++)
                v = _mm512_fmadd_pd(t[c], _mm512_maskz_loadu_pd(tail, col[c] + full), v);
            _mm512_mask_storeu_pd(y + full, tail, v);
        }
    }
    for (; j < n; j++)
        lanes_daxpy_avx512(m, alpha * x[j], a + j * lda, y);
}

void lanes_dgemv_t_avx512(size_t m, size_t n, double alpha, const double *a, size_t lda,
                          const double *x, double *y)
{
    const __mmask8 tail = lanes_avx512_mask8(m % 8);
    const size_t full = m - m % 8;
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const double *col[4] = {a + j * lda, a + (j + 1) * lda, a + (j + 2) * lda,
                                a + (j + 3) * lda};
        __m512d acc[4] = {_mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd(),
                          _mm512_setzero_pd()};
        for (size_t i = 0; i < full; i += 8) {
            __m512d xv = _mm512_loadu_pd(x + i);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = _mm512_fmadd_pd(_mm512_loadu_pd(col[c] + i), xv, acc[c]);
        }
        if (tail) {
            __m512d xv = _mm512_maskz_loadu_pd(tail, x + full);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(tail, col[c] + full), xv, acc[c]);
        }
        for (int c = 0; c < 4; c++)
            y[j + c] += alpha * _mm512_reduce_add_pd(acc[c]);
    }
    for (; j < n; j++)
        y[j] += alpha * lanes_ddot_avx512(m, a + j * lda, x);
}
