/* dot, AVX2 + FMA.  Long vectors: eight independent accumulators (FMA
 * latency 4 x 2 pipes on Zen 4); short ones use as few as the length needs,
 * since they pay mostly for the final reduction.  Masked loads give zeros
 * in the tail. */
#include "avx2.h"

float lanes_sdot_avx2(size_t n, const float *x, const float *y)
{
    __m256 acc[8];
    size_t i = 0;
    acc[0] = acc[1] = _mm256_setzero_ps();
    if (n >= 64) {
        for (int j = 2; j < 8; j++)
            acc[j] = _mm256_setzero_ps();
        for (; i + 64 <= n; i += 64) {
#pragma GCC unroll 8
            for (int j = 0; j < 8; j++)
                acc[j] = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 8 * j),
                                         _mm256_loadu_ps(y + i + 8 * j), acc[j]);
        }
        for (int j = 0; j < 2; j++)
            acc[j] = _mm256_add_ps(_mm256_add_ps(acc[j], acc[j + 2]),
                                   _mm256_add_ps(acc[j + 4], acc[j + 6]));
    }
    for (; i + 16 <= n; i += 16) {
        acc[0] = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), acc[0]);
        acc[1] = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(y + i + 8), acc[1]);
    }
    if (i + 8 <= n) {
        acc[0] = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), acc[0]);
        i += 8;
    }
    if (i < n) {
        __m256i m = lanes_avx2_mask_ps(n - i);
        acc[1] = _mm256_fmadd_ps(_mm256_maskload_ps(x + i, m), _mm256_maskload_ps(y + i, m), acc[1]);
    }
    return lanes_avx2_hsum_ps(_mm256_add_ps(acc[0], acc[1]));
}

double lanes_ddot_avx2(size_t n, const double *x, const double *y)
{
    __m256d acc[8];
    size_t i = 0;
    acc[0] = acc[1] = _mm256_setzero_pd();
    if (n >= 32) {
        for (int j = 2; j < 8; j++)
            acc[j] = _mm256_setzero_pd();
        for (; i + 32 <= n; i += 32) {
#pragma GCC unroll 8
            for (int j = 0; j < 8; j++)
                acc[j] = _mm256_fmadd_pd(_mm256_loadu_pd(x + i + 4 * j),
                                         _mm256_loadu_pd(y + i + 4 * j), acc[j]);
        }
        for (int j = 0; j < 2; j++)
            acc[j] = _mm256_add_pd(_mm256_add_pd(acc[j], acc[j + 2]),
                                   _mm256_add_pd(acc[j + 4], acc[j + 6]));
    }
    for (; i + 8 <= n; i += 8) {
        acc[0] = _mm256_fmadd_pd(_mm256_loadu_pd(x + i), _mm256_loadu_pd(y + i), acc[0]);
        acc[1] = _mm256_fmadd_pd(_mm256_loadu_pd(x + i + 4), _mm256_loadu_pd(y + i + 4), acc[1]);
    }
    if (i + 4 <= n) {
        acc[0] = _mm256_fmadd_pd(_mm256_loadu_pd(x + i), _mm256_loadu_pd(y + i), acc[0]);
        i += 4;
    }
    if (i < n) {
        __m256i m = lanes_avx2_mask_pd(n - i);
        acc[1] = _mm256_fmadd_pd(_mm256_maskload_pd(x + i, m), _mm256_maskload_pd(y + i, m), acc[1]);
    }
    return lanes_avx2_hsum_pd(_mm256_add_pd(acc[0], acc[1]));
}
