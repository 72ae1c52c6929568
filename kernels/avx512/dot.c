/* dot, AVX-512.  Long vectors: eight independent accumulators (FMA latency
 * 4 x 2 pipes on Zen 4).  Short ones pay mostly for the final reduction, so
 * they use as few accumulators as the length needs, and up to 8 floats (4
 * doubles) take one masked 256-bit step with its shorter reduction. */
#include "avx512.h"
#include "kernels/avx2/avx2.h"

float lanes_sdot_avx512(size_t n, const float *x, const float *y)
{
    if (n <= 8) {
        __mmask8 m = (__mmask8)((1u << n) - 1);
        return lanes_avx2_hsum_ps(
            _mm256_mul_ps(_mm256_maskz_loadu_ps(m, x), _mm256_maskz_loadu_ps(m, y)));
    }
    __m512 acc[8];
    size_t i = 0;
    acc[0] = acc[1] = _mm512_setzero_ps();
    if (n >= 128) {
        for (int j = 2; j < 8; j++)
            acc[j] = _mm512_setzero_ps();
        for (; i + 128 <= n; i += 128) {
#pragma GCC unroll 8
            for (int j = 0; j < 8; j++)
                acc[j] = _mm512_fmadd_ps(_mm512_loadu_ps(x + i + 16 * j),
                                         _mm512_loadu_ps(y + i + 16 * j), acc[j]);
        }
        for (int j = 0; j < 2; j++)
            acc[j] = _mm512_add_ps(_mm512_add_ps(acc[j], acc[j + 2]),
                                   _mm512_add_ps(acc[j + 4], acc[j + 6]));
    }
    for (; i + 32 <= n; i += 32) {
        acc[0] = _mm512_fmadd_ps(_mm512_loadu_ps(x + i), _mm512_loadu_ps(y + i), acc[0]);
        acc[1] = _mm512_fmadd_ps(_mm512_loadu_ps(x + i + 16), _mm512_loadu_ps(y + i + 16), acc[1]);
    }
    if (i + 16 <= n) {
        acc[0] = _mm512_fmadd_ps(_mm512_loadu_ps(x + i), _mm512_loadu_ps(y + i), acc[0]);
        i += 16;
    }
    if (i < n) {
        __mmask16 m = lanes_avx512_mask16(n - i);
        acc[1] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, x + i), _mm512_maskz_loadu_ps(m, y + i),
                                 acc[1]);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(acc[0], acc[1]));
}

double lanes_ddot_avx512(size_t n, const double *x, const double *y)
{
    if (n <= 4) {
        __mmask8 m = (__mmask8)((1u << n) - 1);
        return lanes_avx2_hsum_pd(
            _mm256_mul_pd(_mm256_maskz_loadu_pd(m, x), _mm256_maskz_loadu_pd(m, y)));
    }
    __m512d acc[8];
    size_t i = 0;
    acc[0] = acc[1] = _mm512_setzero_pd();
    if (n >= 64) {
        for (int j = 2; j < 8; j++)
            acc[j] = _mm512_setzero_pd();
        for (; i + 64 <= n; i += 64) {
#pragma GCC unroll 8
            for (int j = 0; j < 8; j++)
                acc[j] = _mm512_fmadd_pd(_mm512_loadu_pd(x + i + 8 * j),
                                         _mm512_loadu_pd(y + i + 8 * j), acc[j]);
        }
        for (int j = 0; j < 2; j++)
            acc[j] = _mm512_add_pd(_mm512_add_pd(acc[j], acc[j + 2]),
                                   _mm512_add_pd(acc[j + 4], acc[j + 6]));
    }
    for (; i + 16 <= n; i += 16) {
        acc[0] = _mm512_fmadd_pd(_mm512_loadu_pd(x + i), _mm512_loadu_pd(y + i), acc[0]);
        acc[1] = _mm512_fmadd_pd(_mm512_loadu_pd(x + i + 8), _mm512_loadu_pd(y + i + 8), acc[1]);
    }
    if (i + 8 <= n) {
        acc[0] = _mm512_fmadd_pd(_mm512_loadu_pd(x + i), _mm512_loadu_pd(y + i), acc[0]);
        i += 8;
    }
    if (i < n) {
        __mmask8 m = lanes_avx512_mask8(n - i);
        acc[1] = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(m, x + i), _mm512_maskz_loadu_pd(m, y + i),
                                 acc[1]);
    }
    return _mm512_reduce_add_pd(_mm512_add_pd(acc[0], acc[1]));
}
