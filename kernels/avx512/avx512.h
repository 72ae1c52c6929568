/* Helpers shared by the AVX-512 kernels (F, BW, DQ, VL).  Included only from
 * kernels/avx512/, the one directory built with those flags.  Tails use
 * masked loads and stores: a masked-off lane is never read, so no fault. */
#ifndef LANES_AVX512_H
#define LANES_AVX512_H

#include <immintrin.h>
#include <stddef.h>

#include "kernels/avx2/avx2.h"
#include "kernels/kernels.h"

/* Lanes [0, rem) for rem < 16 (floats) or rem < 8 (doubles). */
static inline __mmask16 lanes_avx512_mask16(size_t rem)
{
    return (__mmask16)((1u << rem) - 1);
}

static inline __mmask8 lanes_avx512_mask8(size_t rem)
{
    return (__mmask8)((1u << rem) - 1);
}

/* y[0, 4) += alpha * (the lane sums of v[0], ..., v[3]): each vector
 * folded to 256 bits, then AVX2's shared add tree. */
static inline void lanes_avx512_sum4_ps(const __m512 v[4], float alpha, float *y)
{
    __m256 h[4];
    for (int i = 0; i < 4; i++)
        h[i] = _mm256_add_ps(_mm512_castps512_ps256(v[i]), _mm512_extractf32x8_ps(v[i], 1));
    lanes_avx2_sum4_ps(h, alpha, y);
}

static inline void lanes_avx512_sum4_pd(const __m512d v[4], double alpha, double *y)
{
    __m256d h[4];
    for (int i = 0; i < 4; i++)
        h[i] = _mm256_add_pd(_mm512_castpd512_pd256(v[i]), _mm512_extractf64x4_pd(v[i], 1));
    lanes_avx2_sum4_pd(h, alpha, y);
}

#endif
