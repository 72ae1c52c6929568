/* Helpers shared by the AVX-512 kernels (F, BW, DQ, VL).  Included only from
 * kernels/avx512/, the one directory built with those flags.  Tails use
 * masked loads and stores (a masked-off lane is never read, so no fault), or,
 * where a kernel is short enough for it to matter, none: a masked access
 * whose masked-off lanes reach a page not yet touched costs ~350 cycles
 * (Zen 5: 371 a load, 348 a store, against 1-12 with the page present), and
 * a vector may end anywhere. */
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

/* n < 16 floats in one vector without a masked access ("short layout"):
 * n >= 8: lanes 0-7 hold x[0, 8), lanes 8-15 x[n-8, n);
 * n >= 4: lanes 0-3 hold x[0, 4), lanes 4-7 x[n-4, n), lanes 8-15 fill;
 * n < 4:  lanes 0 to n-1 hold x[0, n), the rest fill.
 * Elementwise work only: the middle elements of the first two sit in two
 * lanes (a reduction takes lanes_avx512_load_row's layout). */
static inline __m512 lanes_avx512_load_short(size_t n, const float *x, __m512 fill)
{
    if (n >= 8)
        return _mm512_insertf32x8(_mm512_castps256_ps512(_mm256_loadu_ps(x)),
                                  _mm256_loadu_ps(x + n - 8), 1);
    if (n >= 4)
        return _mm512_insertf32x4(_mm512_insertf32x4(fill, _mm_loadu_ps(x), 0),
                                  _mm_loadu_ps(x + n - 4), 1);
    return _mm512_mask_mov_ps(fill, lanes_avx512_mask16(n),
                              _mm512_castps128_ps512(lanes_load3_ps(n, x)));
}

/* v, in the short layout of n < 16 elements, to y[0, n); a lane held twice
 * must hold the same value twice. */
static inline void lanes_avx512_store_short(size_t n, float *y, __m512 v)
{
    if (n >= 8) {
        _mm256_storeu_ps(y, _mm512_castps512_ps256(v));
        _mm256_storeu_ps(y + n - 8, _mm512_extractf32x8_ps(v, 1));
    } else if (n >= 4) {
        _mm_storeu_ps(y, _mm512_castps512_ps128(v));
        _mm_storeu_ps(y + n - 4, _mm512_extractf32x4_ps(v, 1));
    } else {
        lanes_store3_ps(n, y, _mm512_castps512_ps128(v));
    }
}

/* The elements a short layout of n < w (16 floats, 8 doubles) takes from
 * the front, h: w/2, w/4, or all of them below that.  Element j >= h sits
 * in short lane j + 2h - n; short lane s >= h holds element s + n - 2h. */
static inline int lanes_short_front(size_t n, int w)
{
    return n >= (size_t)w / 2 ? w / 2 : n >= (size_t)w / 4 ? w / 4 : w;
}

/* The permute index 0, 1, ..., 15 with d added from lane h on */
static inline __m512i lanes_avx512_shift_from_epi32(int h, int d)
{
    const __m512i j = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    return _mm512_mask_add_epi32(j, _mm512_cmpge_epi32_mask(j, _mm512_set1_epi32(h)), j,
                                 _mm512_set1_epi32(d));
}

/* The same over 8 x 64 bits */
static inline __m512i lanes_avx512_shift_from_epi64(int h, int d)
{
    const __m512i j = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm512_mask_add_epi64(j, _mm512_cmpge_epi64_mask(j, _mm512_set1_epi64(h)), j,
                                 _mm512_set1_epi64(d));
}

/* x[0, n) (n < 16) into lanes 0 to n-1, zeros above, without a masked
 * access. */
static inline __m512 lanes_avx512_load_row(size_t n, const float *x)
{
    const int h = lanes_short_front(n, 16);
    return _mm512_maskz_permutexvar_ps(lanes_avx512_mask16(n),
                                       lanes_avx512_shift_from_epi32(h, 2 * h - (int)n),
                                       lanes_avx512_load_short(n, x, _mm512_setzero_ps()));
}

/* Lanes 0 to n-1 of v to y[0, n) (n < 16) without a masked access. */
static inline void lanes_avx512_store_row(size_t n, float *y, __m512 v)
{
    const int h = lanes_short_front(n, 16);
    lanes_avx512_store_short(
        n, y, _mm512_permutexvar_ps(lanes_avx512_shift_from_epi32(h, (int)n - 2 * h), v));
}

/* x[0, n) (n < 8 doubles) into lanes 0 to n-1, zeros above, without a
 * masked access: x[0, 4) and x[n-4, n) (n >= 4), x[0, 2) and x[n-2, n)
 * (n >= 2) or x[0] alone, permuted into place. */
static inline __m512d lanes_avx512_load_row_pd(size_t n, const double *x)
{
    __m512d v;
    if (n >= 4)
        v = _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_loadu_pd(x)),
                               _mm256_loadu_pd(x + n - 4), 1);
    else if (n >= 2)
        v = _mm512_insertf64x2(_mm512_castpd128_pd512(_mm_loadu_pd(x)), _mm_loadu_pd(x + n - 2), 1);
    else
        v = n ? _mm512_castpd128_pd512(_mm_load_sd(x)) : _mm512_setzero_pd();
    const int h = lanes_short_front(n, 8);
    return _mm512_maskz_permutexvar_pd(lanes_avx512_mask8(n),
                                       lanes_avx512_shift_from_epi64(h, 2 * h - (int)n), v);
}

/* Lanes 0 to n-1 of v to y[0, n) (n < 8 doubles) by plain stores: the
 * inverse of lanes_avx512_load_row_pd's permute, then its pieces. */
static inline void lanes_avx512_store_row_pd(size_t n, double *y, __m512d v)
{
    const int h = lanes_short_front(n, 8);
    v = _mm512_permutexvar_pd(lanes_avx512_shift_from_epi64(h, (int)n - 2 * h), v);
    if (n >= 4) {
        _mm256_storeu_pd(y, _mm512_castpd512_pd256(v));
        _mm256_storeu_pd(y + n - 4, _mm512_extractf64x4_pd(v, 1));
    } else if (n >= 2) {
        _mm_storeu_pd(y, _mm512_castpd512_pd128(v));
        _mm_storeu_pd(y + n - 2, _mm512_extractf64x2_pd(v, 1));
    } else if (n) {
        _mm_store_sd(y, _mm512_castpd512_pd128(v));
    }
}

/* y[c * ys] += alpha * (the lane sum of v[c]) for c < 4: each vector
 * folded to 256 bits, then AVX2's shared add tree. */
static inline void lanes_avx512_sum4_ps(const __m512 v[4], float alpha, float *y, size_t ys)
{
    __m256 h[4];
    for (int i = 0; i < 4; i++)
        h[i] = _mm256_add_ps(_mm512_castps512_ps256(v[i]), _mm512_extractf32x8_ps(v[i], 1));
    lanes_avx2_sum4_ps(h, alpha, y, ys);
}

static inline void lanes_avx512_sum4_pd(const __m512d v[4], double alpha, double *y, size_t ys)
{
    __m256d h[4];
    for (int i = 0; i < 4; i++)
        h[i] = _mm256_add_pd(_mm512_castpd512_pd256(v[i]), _mm512_extractf64x4_pd(v[i], 1));
    lanes_avx2_sum4_pd(h, alpha, y, ys);
}

/* The gemm dot kernel's full blocks (kernels/gemm_dots.h): alpha times the
 * lane sums of acc[j][i], i, j < 4, with column j's four in cols[j].  One
 * add tree for all 16 sums, 45 shuffles and adds where four
 * lanes_avx512_sum4_ps take about 80: halves of two vectors added, then
 * quarters, then within 128-bit lanes, the inputs ordered so that column
 * j's four sums end in 128-bit lane j. */
static inline void lanes_avx512_sum16_cols_ps(const __m512 acc[4][4], float alpha, __m128 cols[4])
{
    const __m512 x[16] = {acc[0][0], acc[0][2], acc[0][1], acc[0][3], acc[2][0], acc[2][2],
                          acc[2][1], acc[2][3], acc[1][0], acc[1][2], acc[1][1], acc[1][3],
                          acc[3][0], acc[3][2], acc[3][1], acc[3][3]};
    __m512 y[8], z[4], u[2];
    for (int q = 0; q < 8; q++) /* 256-bit halves of x[q] | of x[q + 8] */
        y[q] = _mm512_add_ps(_mm512_shuffle_f32x4(x[q], x[q + 8], 0x44),
                             _mm512_shuffle_f32x4(x[q], x[q + 8], 0xEE));
    for (int q = 0; q < 4; q++) /* 128-bit lanes: x[q], x[q + 8], x[q + 4], x[q + 12] */
        z[q] = _mm512_add_ps(_mm512_shuffle_f32x4(y[q], y[q + 4], 0x88),
                             _mm512_shuffle_f32x4(y[q], y[q + 4], 0xDD));
    for (int q = 0; q < 2; q++) /* pairs: z[q]'s then z[q + 2]'s */
        u[q] = _mm512_add_ps(_mm512_shuffle_ps(z[q], z[q + 2], _MM_SHUFFLE(1, 0, 1, 0)),
                             _mm512_shuffle_ps(z[q], z[q + 2], _MM_SHUFFLE(3, 2, 3, 2)));
    /* each lane: the sums of z[0], z[2], z[1], z[3]'s vectors there */
    const __m512 s = _mm512_mul_ps(
        _mm512_set1_ps(alpha),
        _mm512_add_ps(_mm512_shuffle_ps(u[0], u[1], _MM_SHUFFLE(2, 0, 2, 0)),
                      _mm512_shuffle_ps(u[0], u[1], _MM_SHUFFLE(3, 1, 3, 1))));
    cols[0] = _mm512_castps512_ps128(s);
    cols[1] = _mm512_extractf32x4_ps(s, 1);
    cols[2] = _mm512_extractf32x4_ps(s, 2);
    cols[3] = _mm512_extractf32x4_ps(s, 3);
}

/* c[j * ldc + i] := those sums + beta * c[j * ldc + i] (beta = 0: stored
 * without reading) for a block of 4 rows by 4 columns */
static inline void lanes_avx512_sum16_ps(const __m512 acc[4][4], float alpha, float beta,
                                         float *c, size_t ldc)
{
    __m128 cols[4];
    lanes_avx512_sum16_cols_ps(acc, alpha, cols);
    for (int j = 0; j < 4; j++) {
        float *cj = c + (size_t)j * ldc;
        _mm_storeu_ps(cj, beta == 0 ? cols[j]
                                    : _mm_fmadd_ps(_mm_set1_ps(beta), _mm_loadu_ps(cj), cols[j]));
    }
}

/* The same for a block of 2 rows by 8 columns, held as acc[j / 2][j % 2 *
 * 2 + i] (the lanes of C with two rows: c[j * ldc + i], i < 2, j < 8) */
static inline void lanes_avx512_sum16x2_ps(const __m512 acc[4][4], float alpha, float beta,
                                           float *c, size_t ldc)
{
    __m128 cols[4];
    lanes_avx512_sum16_cols_ps(acc, alpha, cols);
    for (int j = 0; j < 8; j++) {
        float *cj = c + (size_t)j * ldc;
        __m128 v = j % 2 ? _mm_movehl_ps(cols[j / 2], cols[j / 2]) : cols[j / 2];
        if (beta != 0) /* (64-bit loads and stores with no alignment asked) */
            v = _mm_fmadd_ps(_mm_set1_ps(beta), _mm_castsi128_ps(_mm_loadu_si64(cj)), v);
        _mm_storeu_si64(cj, _mm_castps_si128(v));
    }
}

/* The same for doubles: after the 128-bit lanes, u[0] holds rows 0-1 and
 * u[1] rows 2-3 of each column, joined by two permutes. */
static inline void lanes_avx512_sum16_cols_pd(const __m512d acc[4][4], double alpha,
                                              __m256d cols[4])
{
    const __m512d x[16] = {acc[0][0], acc[0][2], acc[0][1], acc[0][3], acc[2][0], acc[2][2],
                           acc[2][1], acc[2][3], acc[1][0], acc[1][2], acc[1][1], acc[1][3],
                           acc[3][0], acc[3][2], acc[3][1], acc[3][3]};
    __m512d y[8], z[4], u[2];
    for (int q = 0; q < 8; q++)
        y[q] = _mm512_add_pd(_mm512_shuffle_f64x2(x[q], x[q + 8], 0x44),
                             _mm512_shuffle_f64x2(x[q], x[q + 8], 0xEE));
    for (int q = 0; q < 4; q++)
        z[q] = _mm512_add_pd(_mm512_shuffle_f64x2(y[q], y[q + 4], 0x88),
                             _mm512_shuffle_f64x2(y[q], y[q + 4], 0xDD));
    for (int q = 0; q < 2; q++)
        u[q] = _mm512_add_pd(_mm512_unpacklo_pd(z[q], z[q + 2]),
                             _mm512_unpackhi_pd(z[q], z[q + 2]));
    const __m512d va = _mm512_set1_pd(alpha);
    const __m512d s01 = _mm512_mul_pd(
        va, _mm512_permutex2var_pd(u[0], _mm512_set_epi64(11, 10, 3, 2, 9, 8, 1, 0), u[1]));
    const __m512d s23 = _mm512_mul_pd(
        va, _mm512_permutex2var_pd(u[0], _mm512_set_epi64(15, 14, 7, 6, 13, 12, 5, 4), u[1]));
    cols[0] = _mm512_castpd512_pd256(s01);
    cols[1] = _mm512_extractf64x4_pd(s01, 1);
    cols[2] = _mm512_castpd512_pd256(s23);
    cols[3] = _mm512_extractf64x4_pd(s23, 1);
}

static inline void lanes_avx512_sum16_pd(const __m512d acc[4][4], double alpha, double beta,
                                         double *c, size_t ldc)
{
    __m256d cols[4];
    lanes_avx512_sum16_cols_pd(acc, alpha, cols);
    for (int j = 0; j < 4; j++) {
        double *cj = c + (size_t)j * ldc;
        _mm256_storeu_pd(cj, beta == 0 ? cols[j]
                                       : _mm256_fmadd_pd(_mm256_set1_pd(beta),
                                                         _mm256_loadu_pd(cj), cols[j]));
    }
}

static inline void lanes_avx512_sum16x2_pd(const __m512d acc[4][4], double alpha, double beta,
                                           double *c, size_t ldc)
{
    __m256d cols[4];
    lanes_avx512_sum16_cols_pd(acc, alpha, cols);
    for (int j = 0; j < 8; j++) {
        double *cj = c + (size_t)j * ldc;
        __m128d v = j % 2 ? _mm256_extractf128_pd(cols[j / 2], 1)
                          : _mm256_castpd256_pd128(cols[j / 2]);
        if (beta != 0)
            v = _mm_fmadd_pd(_mm_set1_pd(beta), _mm_loadu_pd(cj), v);
        _mm_storeu_pd(cj, v);
    }
}

#endif
