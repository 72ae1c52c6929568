/* dot, AVX-512: eight independent accumulators (FMA latency x pipes on
 * Zen 4), one masked tail. */
#include "avx512.h"

float lanes_sdot_avx512(size_t n, const float *x, const float *y)
{
    __m512 acc[8];
    for (int j = 0; j < 8; j++)
        acc[j] = _mm512_setzero_ps();
    size_t i = 0;
    for (; i + 128 <= n; i += 128) {
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            acc[j] = _mm512_fmadd_ps(_mm512_loadu_ps(x + i + 16 * j),
                                     _mm512_loadu_ps(y + i + 16 * j), acc[j]);
    }
    for (; i + 16 <= n; i += 16)
        acc[0] = _mm512_fmadd_ps(_mm512_loadu_ps(x + i), _mm512_loadu_ps(y + i), acc[0]);
    if (i < n) {
        __mmask16 m = lanes_avx512_mask16(n - i);
        acc[1] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, x + i), _mm512_maskz_loadu_ps(m, y + i),
                                 acc[1]);
    }
    for (int s = 4; s > 0; s /= 2)
        for (int j = 0; j < s; j++)
            acc[j] = _mm512_add_ps(acc[j], acc[j + s]);
    return _mm512_reduce_add_ps(acc[0]);
}

double lanes_ddot_avx512(size_t n, const double *x, const double *y)
{
    __m512d acc[8];
    for (int j = 0; j < 8; j++)
        acc[j] = _mm512_setzero_pd();
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            acc[j] = _mm512_fmadd_pd(_mm512_loadu_pd(x + i + 8 * j), _mm512_loadu_pd(y + i + 8 * j),
                                     acc[j]);
    }
    for (; i + 8 <= n; i += 8)
        acc[0] = _mm512_fmadd_pd(_mm512_loadu_pd(x + i), _mm512_loadu_pd(y + i), acc[0]);
    if (i < n) {
        __mmask8 m = lanes_avx512_mask8(n - i);
        acc[1] = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(m, x + i), _mm512_maskz_loadu_pd(m, y + i),
                                 acc[1]);
    }
    for (int s = 4; s > 0; s /= 2)
        for (int j = 0; j < s; j++)
            acc[j] = _mm512_add_pd(acc[j], acc[j + s]);
    return _mm512_reduce_add_pd(acc[0]);
}
