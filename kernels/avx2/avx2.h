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

/* The lanes of bit mask b as a vector mask, 8 x 32 and 4 x 64 bit (the
 * strided axpy and dot, kernels/axpy_dot_inc.h) */
static inline __m256i lanes_avx2_bits_ps(uint32_t b)
{
    const __m256i lane = _mm256_setr_epi32(1, 2, 4, 8, 16, 32, 64, 128);
    return _mm256_cmpeq_epi32(_mm256_and_si256(_mm256_set1_epi32((int)b), lane), lane);
}

static inline __m256i lanes_avx2_bits_pd(uint32_t b)
{
    const __m256i lane = _mm256_setr_epi64x(1, 2, 4, 8);
    return _mm256_cmpeq_epi64(_mm256_and_si256(_mm256_set1_epi64x(b), lane), lane);
}

/* x[0, n) for n < 4 into the low lanes, zeros above, by plain loads: no
 * masked access (a masked store, or an AVX-512 masked load, whose masked-off
 * lanes reach a page not yet touched costs ~350 cycles on Zen 5), and no
 * store to the stack reloaded wider (a store-forwarding stall). */
static inline __m128 lanes_load3_ps(size_t n, const float *x)
{
    if (n == 0)
        return _mm_setzero_ps();
    if (n == 1)
        return _mm_load_ss(x);
    const __m128 lo = _mm_castsi128_ps(_mm_loadl_epi64((const __m128i *)x));
    return n == 2 ? lo : _mm_insert_ps(lo, _mm_load_ss(x + 2), 0x20);
}

/* The low n < 4 lanes of v to y[0, n), by plain stores. */
static inline void lanes_store3_ps(size_t n, float *y, __m128 v)
{
    if (n == 1)
        _mm_store_ss(y, v);
    if (n >= 2)
        _mm_storel_epi64((__m128i *)y, _mm_castps_si128(v));
    if (n == 3)
        _mm_store_ss(y + 2, _mm_movehl_ps(v, v));
}

/* n < 8 floats in one vector without a masked access ("short layout"):
 * n >= 4: lanes 0-3 hold x[0, 4), lanes 4-7 x[n-4, n); n < 4: lanes 0 to
 * n-1 hold x[0, n), the rest fill.  Elementwise work only: middle elements
 * sit in two lanes (a reduction takes lanes_avx2_load_row's layout). */
static inline __m256 lanes_avx2_load_short(size_t n, const float *x, __m256 fill)
{
    if (n >= 4)
        return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(x)),
                                    _mm_loadu_ps(x + n - 4), 1);
    return _mm256_blendv_ps(fill, _mm256_castps128_ps256(lanes_load3_ps(n, x)),
                            _mm256_castsi256_ps(lanes_avx2_mask_ps(n)));
}

/* v, in the short layout of n < 8 elements, to y[0, n). */
static inline void lanes_avx2_store_short(size_t n, float *y, __m256 v)
{
    if (n >= 4) {
        _mm_storeu_ps(y, _mm256_castps256_ps128(v));
        _mm_storeu_ps(y + n - 4, _mm256_extractf128_ps(v, 1));
    } else {
        lanes_store3_ps(n, y, _mm256_castps256_ps128(v));
    }
}

/* The permute index 0, 1, ..., 7 with d added from lane 4 on: between the
 * short layout of n >= 4 elements and lanes 0 to n-1 (element j >= 4 sits
 * in short lane j + 8 - n, d = 8 - n; the inverse, d = n - 8). */
static inline __m256i lanes_avx2_upper_shift(int d)
{
    const __m256i j = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i hi = _mm256_cmpgt_epi32(j, _mm256_set1_epi32(3));
    return _mm256_add_epi32(j, _mm256_and_si256(hi, _mm256_set1_epi32(d)));
}

/* x[0, n) (n < 8) into lanes 0 to n-1, zeros above, without a masked
 * access. */
static inline __m256 lanes_avx2_load_row(size_t n, const float *x)
{
    const __m256 v = lanes_avx2_load_short(n, x, _mm256_setzero_ps());
    if (n < 4)
        return v;
    return _mm256_and_ps(_mm256_permutevar8x32_ps(v, lanes_avx2_upper_shift(8 - (int)n)),
                         _mm256_castsi256_ps(lanes_avx2_mask_ps(n)));
}

/* Lanes 0 to n-1 of v to y[0, n) (n < 8) without a masked access. */
static inline void lanes_avx2_store_row(size_t n, float *y, __m256 v)
{
    if (n >= 4)
        v = _mm256_permutevar8x32_ps(v, lanes_avx2_upper_shift((int)n - 8));
    lanes_avx2_store_short(n, y, v);
}

/* x[0, n) (n < 4 doubles) into lanes 0 to n-1, zeros above, by plain
 * loads. */
static inline __m256d lanes_avx2_load_row_pd(size_t n, const double *x)
{
    if (n < 2)
        return n ? _mm256_castpd128_pd256(_mm_load_sd(x)) : _mm256_setzero_pd();
    const __m128d lo = _mm_loadu_pd(x);
    if (n == 2)
        return _mm256_zextpd128_pd256(lo);
    /* x[1, 3) above x[0, 2): x[2] to lane 2, lane 3 cleared */
    const __m256d v = _mm256_insertf128_pd(_mm256_castpd128_pd256(lo), _mm_loadu_pd(x + 1), 1);
    return _mm256_blend_pd(_mm256_permute4x64_pd(v, 0xf4), _mm256_setzero_pd(), 0x8);
}

/* Lanes 0 to n-1 of v to y[0, n) (n < 4 doubles) by plain stores. */
static inline void lanes_avx2_store_row_pd(size_t n, double *y, __m256d v)
{
    if (n == 1)
        _mm_store_sd(y, _mm256_castpd256_pd128(v));
    else if (n == 2)
        _mm_storeu_pd(y, _mm256_castpd256_pd128(v));
    else if (n == 3) { /* y[1, 3) from lanes 1 and 2, then y[0, 2) */
        _mm_storeu_pd(y + 1, _mm256_castpd256_pd128(_mm256_permute4x64_pd(v, 0x9)));
        _mm_storeu_pd(y, _mm256_castpd256_pd128(v));
    }
}

/* A tail of n < W elements (the dot's): masked where its window lies in one
 * page (the common case, and cheapest), else by the row helpers above, out
 * of line so that the caller keeps its registers.  The same lanes either
 * way. */
static __attribute__((noinline, cold)) __m256 lanes_avx2_loadn_ps_cold(const float *p, size_t n)
{
    return lanes_avx2_load_row(n, p);
}

static __attribute__((noinline, cold)) __m256d lanes_avx2_loadn_pd_cold(const double *p,
                                                                        size_t n)
{
    return lanes_avx2_load_row_pd(n, p);
}

static inline __m256 lanes_avx2_loadn_ps(const float *p, size_t n)
{
    return __builtin_expect(lanes_in_page(p, 32), 1) ? _mm256_maskload_ps(p, lanes_avx2_mask_ps(n))
                                                     : lanes_avx2_loadn_ps_cold(p, n);
}

static inline __m256d lanes_avx2_loadn_pd(const double *p, size_t n)
{
    return __builtin_expect(lanes_in_page(p, 32), 1) ? _mm256_maskload_pd(p, lanes_avx2_mask_pd(n))
                                                     : lanes_avx2_loadn_pd_cold(p, n);
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

/* The dot of n <= 8 floats by plain loads, no mask and no page test (each
 * cost a short dot 5-19%, lanes_ab): the first and the last four, the last
 * four's lanes already in the first left out; below four, scalar FMAs.
 * Wherever x and y sit, the same sum. */
static inline float lanes_sdot8(size_t n, const float *x, const float *y)
{
    if (n < 4) {
        float s = n ? x[0] * y[0] : 0.0f;
        for (size_t i = 1; i < n; i++)
            s = __builtin_fmaf(x[i], y[i], s);
        return s;
    }
    const __m128 dup = _mm_castsi128_ps(
        _mm_cmpgt_epi32(_mm_setr_epi32(0, 1, 2, 3), _mm_set1_epi32(7 - (int)n)));
    __m128 p = _mm_mul_ps(_mm_loadu_ps(x + n - 4), _mm_loadu_ps(y + n - 4));
    p = _mm_add_ps(_mm_and_ps(p, dup), _mm_mul_ps(_mm_loadu_ps(x), _mm_loadu_ps(y)));
    p = _mm_add_ps(p, _mm_movehl_ps(p, p));
    return _mm_cvtss_f32(_mm_add_ss(p, _mm_movehdup_ps(p)));
}

/* n <= 16 floats: the first and the last eight (from n = 8).  Below eight
 * falls through: a taken branch is a cycle of a 4-element dot's dozen or
 * so (lanes_ab on Intel Xeon 6 model 207: sdot 4 1.15x, sdot 16 0.96-1.06x
 * with the 8-16 path behind the branch instead). */
static inline float lanes_sdot16(size_t n, const float *x, const float *y)
{
    if (__builtin_expect(n < 8, 1))
        return lanes_sdot8(n, x, y);
    const __m256i iota = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i top = _mm256_cmpgt_epi32(iota, _mm256_set1_epi32(15 - (int)n));
    const __m256 dup = _mm256_castsi256_ps(top);
    __m256 p = _mm256_mul_ps(_mm256_loadu_ps(x + n - 8), _mm256_loadu_ps(y + n - 8));
    p = _mm256_add_ps(_mm256_and_ps(p, dup), _mm256_mul_ps(_mm256_loadu_ps(x), _mm256_loadu_ps(y)));
    return lanes_avx2_hsum_ps(p);
}

/* The same for n <= 4 doubles: the first and the last two. */
static inline double lanes_ddot4(size_t n, const double *x, const double *y)
{
    if (n < 2)
        return n ? x[0] * y[0] : 0.0;
    const __m128d dup = _mm_castsi128_pd(
        _mm_cmpgt_epi64(_mm_set_epi64x(1, 0), _mm_set1_epi64x(3 - (long long)n)));
    __m128d p = _mm_mul_pd(_mm_loadu_pd(x + n - 2), _mm_loadu_pd(y + n - 2));
    p = _mm_add_pd(_mm_and_pd(p, dup), _mm_mul_pd(_mm_loadu_pd(x), _mm_loadu_pd(y)));
    return _mm_cvtsd_f64(_mm_add_sd(p, _mm_unpackhi_pd(p, p)));
}

/* n <= 8 doubles: the first and the last four (from n = 4) */
static inline double lanes_ddot8(size_t n, const double *x, const double *y)
{
    if (n < 4)
        return lanes_ddot4(n, x, y);
    const __m256d dup = _mm256_castsi256_pd(
        _mm256_cmpgt_epi64(_mm256_setr_epi64x(0, 1, 2, 3), _mm256_set1_epi64x(7 - (long long)n)));
    __m256d p = _mm256_mul_pd(_mm256_loadu_pd(x + n - 4), _mm256_loadu_pd(y + n - 4));
    p = _mm256_add_pd(_mm256_and_pd(p, dup), _mm256_mul_pd(_mm256_loadu_pd(x), _mm256_loadu_pd(y)));
    return lanes_avx2_hsum_pd(p);
}

/* y[c * ys] += alpha * (the lane sum of v[c]) for c < 4: the four
 * reductions share their shuffles (a transposing add tree), where four
 * separate horizontal sums take about four times as many.  One rounding
 * per element (an FMA) whatever ys. */
static inline void lanes_avx2_sum4_ps(const __m256 v[4], float alpha, float *y, size_t ys)
{
    /* [a0+a1, a2+a3, b0+b1, b2+b3 | a4+a5, ...], then [a0-3, b0-3, c0-3, d0-3 | a4-7, ...] */
    const __m256 t = _mm256_hadd_ps(_mm256_hadd_ps(v[0], v[1]), _mm256_hadd_ps(v[2], v[3]));
    const __m128 s = _mm_add_ps(_mm256_castps256_ps128(t), _mm256_extractf128_ps(t, 1));
    if (ys == 1) {
        _mm_storeu_ps(y, _mm_fmadd_ps(_mm_set1_ps(alpha), s, _mm_loadu_ps(y)));
        return;
    }
    float r[4];
    _mm_storeu_ps(r, s);
    for (int c = 0; c < 4; c++)
        y[c * ys] = __builtin_fmaf(alpha, r[c], y[c * ys]);
}

static inline void lanes_avx2_sum4_pd(const __m256d v[4], double alpha, double *y, size_t ys)
{
    /* [a0+a1, b0+b1, a2+a3, b2+b3] and the same of c, d */
    const __m256d t0 = _mm256_hadd_pd(v[0], v[1]), t1 = _mm256_hadd_pd(v[2], v[3]);
    const __m256d s = _mm256_add_pd(_mm256_permute2f128_pd(t0, t1, 0x20),
                                    _mm256_permute2f128_pd(t0, t1, 0x31));
    if (ys == 1) {
        _mm256_storeu_pd(y, _mm256_fmadd_pd(_mm256_set1_pd(alpha), s, _mm256_loadu_pd(y)));
        return;
    }
    double r[4];
    _mm256_storeu_pd(r, s);
    for (int c = 0; c < 4; c++)
        y[c * ys] = __builtin_fma(alpha, r[c], y[c * ys]);
}

#endif
