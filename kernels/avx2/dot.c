/* dot, AVX2 + FMA.  FMA latency 4 x 2 pipes on Zen 4: eight independent
 * accumulators keep both pipes busy; masked loads give zeros in the tail. */
#include "avx2.h"

float lanes_sdot_avx2(size_t n, const float *x, const float *y)
{
    __m256 acc[8];
    for (int j = 0; j < 8; j++)
        acc[j] = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            acc[j] = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 8 * j), _mm256_loadu_ps(y + i + 8 * j),
                                     acc[j]);
    }
    for (; i + 8 <= n; i += 8)
        acc[0] = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), acc[0]);
    if (i < n) {
        __m256i m = lanes_avx2_mask_ps(n - i);
        acc[1] = _mm256_fmadd_ps(_mm256_maskload_ps(x + i, m), _mm256_maskload_ps(y + i, m), acc[1]);
    }
    for (int s = 4; s > 0; s /= 2)
        for (int j = 0; j < s; j++)
            acc[j] = _mm256_add_ps(acc[j], acc[j + s]);
    return lanes_avx2_hsum_ps(acc[0]);
}

double lanes_ddot_avx2(size_t n, const double *x, const double *y)
{
    __m256d acc[8];
    for (int j = 0; j < 8; j++)
        acc[j] = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            acc[j] = _mm256_fmadd_pd(_mm256_loadu_pd(x + i + 4 * j), _mm256_loadu_pd(y + i + 4 * j),
                                     acc[j]);
    }
    for (; i + 4 <= n; i += 4)
        acc[0] = _mm256_fmadd_pd(_mm256_loadu_pd(x + i), _mm256_loadu_pd(y + i), acc[0]);
    if (i < n) {
        __m256i m = lanes_avx2_mask_pd(n - i);
        acc[1] = _mm256_fmadd_pd(_mm256_maskload_pd(x + i, m), _mm256_maskload_pd(y + i, m), acc[1]);
    }
    for (int s = 4; s > 0; s /= 2)
        for (int j = 0; j < s; j++)
            acc[j] = _mm256_add_pd(acc[j], acc[j + s]);
    return lanes_avx2_hsum_pd(acc[0]);
}
