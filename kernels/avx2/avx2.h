/* Helpers shared by the AVX2 kernels.  Everything is static inline and this
 * header is included only from kernels/avx2/, which alone is compiled with
 * -mavx2 -mfma, and from kernels/avx512/ (whose flags include those). */
#ifndef LANES_AVX2_H
#define LANES_AVX2_H

#include <immintrin.h>
#include <stddef.h>

#include "kernels/kernels.h"

/* Lanes [0, rem) of 8 x 32 bit, for maskload/maskstore tails (rem < 8). */
static inline __m256i lanes_avx2_mask_ps(size_t rem)
{
    const __m256i iota = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)rem), iota);
}

/* Lanes [0, rem) of 4 x 64 bit (rem < 4). */
static inline __m256i lanes_avx2_mask_pd(size_t rem)
{
    const __m256i iota = _mm256_setr_epi64x(0, 1, 2, 3);
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)rem), iota);
}

static inline float lanes_avx2_hsum_ps(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

static inline double lanes_avx2_hsum_pd(__m256d v)
{
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    s = _mm_add_sd(s, _mm_unpackhi_pd(s, s));
    return _mm_cvtsd_f64(s);
}

/* y[0, 4) += alpha * (the lane sums of v[0], ..., v[3]): the four
 * reductions share their shuffles (a transposing add tree), where four
 * separate horizontal sums take about four times as many. */
static inline void lanes_avx2_sum4_ps(const __m256 v[4], float alpha, float *y)
{
    /* [a0+a1, a2+a3, b0+b1, b2+b3 | a4+a5, ...], then [a0-3, b0-3, c0-3, d0-3 | a4-7, ...] */
    const __m256 t = _mm256_hadd_ps(_mm256_hadd_ps(v[0], v[1]), _mm256_hadd_ps(v[2], v[3]));
    const __m128 s = _mm_add_ps(_mm256_castps256_ps128(t), _mm256_extractf128_ps(t, 1));
    _mm_storeu_ps(y, _mm_fmadd_ps(_mm_set1_ps(alpha), s, _mm_loadu_ps(y)));
}

static inline void lanes_avx2_sum4_pd(const __m256d v[4], double alpha, double *y)
{
    /* [a0+a1, b0+b1, a2+a3, b2+b3] and the same of c, d */
    const __m256d t0 = _mm256_hadd_pd(v[0], v[1]), t1 = _mm256_hadd_pd(v[2], v[3]);
    const __m256d s = _mm256_add_pd(_mm256_permute2f128_pd(t0, t1, 0x20),
                                    _mm256_permute2f128_pd(t0, t1, 0x31));
    _mm256_storeu_pd(y, _mm256_fmadd_pd(_mm256_set1_pd(alpha), s, _mm256_loadu_pd(y)));
}

#endif
