/* gemv for one type, AVX-512, column-major A (contract in kernels/kernels.h).
 * Included twice by gemv.c with T, V (vector type), W (lanes), MASK (mask
 * type), MASKGEN(rem) (lanes [0, rem)), OP(name) (_mm512_name_ps/_pd),
 * ROW(p, n), ROW2(p, n) (n < W, n <= W/2 elements into the low lanes of a
 * 512- or 256-bit vector by plain loads, avx512.h), STROW(p, n, v) (its
 * low n lanes stored by plain stores),
 * DOT (this ISA's unit-stride dot), SUM4(v, alpha, y, ys) (y[c * ys] += alpha *
 * the lane sum of v[c], c < 4), V2, OP2(name), SUM4_256 and HSUM256 (the 256-bit
 * vector type, its intrinsics, SUM4 and horizontal sum), NAME_N and NAME_T.
 * gemv_n: kernels/gemv_n_cols.h around this file's sweep of y, four
 * columns at a time; gemv_t: kernels/gemv_t_cols.h around four column dots
 * per pass over x.  A masked head step aligns the columns where their
 * distance allows, and the last partial vector of every column is one
 * masked step. */

/* A column's (or x's, y's) tail of m - full elements at p: masked, or in
 * the safe copy by plain loads into the same lanes (in NAME_N's sweep and
 * NAME_T, where m, full, tail and safe are in scope) */
#define LANES_LOADT(p) (safe ? ROW(p, m - full) : OP(maskz_loadu)(tail, p))

/* One sweep of y over NC columns step apart (NC 1-4, a constant after
 * inlining): NC concurrent streams of A, and y read and written once. */
static inline __attribute__((always_inline)) void LANES_CAT(NAME_N, _sweep)(
    const int nc, const int safe, size_t m, T alpha, const T *a, size_t step, const T *x,
    size_t xs, T *y)
{
    /* a masked head step aligns the columns' loads when step keeps them all
     * on one offset (as in NAME_T) */
    const size_t h = lanes_columns_head(a, m, step, sizeof(T), 64);
    const MASK tail = MASKGEN((m - h) % W);
    const size_t full = m - (m - h) % W;
    const T *col[4];
    V t[4];
#pragma GCC unroll 4
    for (int c = 0; c < nc; c++) {
        col[c] = a + (size_t)c * step;
        t[c] = OP(set1)(alpha * x[(size_t)c * xs]);
    }
    if (h) {
        const MASK mh = MASKGEN(h);
        V v = OP(maskz_loadu)(mh, y);
#pragma GCC unroll 4
        for (int c = 0; c < nc; c++)
            v = OP(fmadd)(t[c], OP(maskz_loadu)(mh, col[c]), v);
        OP(mask_storeu)(y, mh, v);
    }
    for (size_t i = h; i < full; i += W) {
        V v = OP(loadu)(y + i);
#pragma GCC unroll 4
        for (int c = 0; c < nc; c++)
            v = OP(fmadd)(t[c], OP(loadu)(col[c] + i), v);
        OP(storeu)(y + i, v);
    }
    if (tail) {
        V v = LANES_LOADT(y + full);
#pragma GCC unroll 4
        for (int c = 0; c < nc; c++)
            v = OP(fmadd)(t[c], LANES_LOADT(col[c] + full), v);
        if (safe)
            STROW(y + full, m - full, v);
        else
            OP(mask_storeu)(y + full, tail, v);
    }
}

#define SHORT_NV 8   /* columns of up to 8 vectors */
#define SHORT_ACC 16 /* accumulators, of the 32 registers */
#define LOADM(p, k) OP(maskz_loadu)(k, p)
#define STOREM(p, k, v) OP(mask_storeu)(p, k, v)
#define LANES_GEMV_PAGE_SAFE
#include "kernels/gemv_n_short.h"
#include "kernels/gemv_n_cols.h"
#undef LANES_GEMV_PAGE_SAFE
#undef SHORT_NV
#undef SHORT_ACC
#undef LOADM
#undef STOREM

/* Columns of at most 32 bytes (m <= W/2), 256 bits wide.  A masked load
 * waits for any earlier store into its whole window, masked-off lanes
 * included (Zen 5): a 512-bit load of a short x reaches into a y stored just
 * after it in memory, and a call in a loop stalls on the last call's store
 * of y (col-major 8 x 8 float, y right after x: 37 ns, y 32 bytes further:
 * 17 ns).  Narrower windows end nearer the data; one product per column is
 * then all the work (8 x 8 float: 36 -> 12 ns, 4 x 4 double: 19.5 -> 11.9). */
#if W == 16
/* Float columns of at most 7 values one right after another (lda = m): 16
 * columns are m whole vectors, and element i of each column (element c * m
 * + i of the m vectors) is taken out of them by permutes over pairs of
 * vectors, each pair's lanes under a mask, then times x[i]: m * ceil(m / 2)
 * permutes for 16 columns and no horizontal sums.  y[j, j + 16) += alpha *
 * the products' sums; returns the columns done (a multiple of 16).  Zen 5,
 * 1000 columns, y += A^T x against OpenBLAS (whose kernels for a few rows
 * do the same) in one process: m = 1-7 0.07-0.71x with the narrow loop
 * below, 0.81-2.23x so (m = 2 0.81x, 4 2.23x, 3, 5-7 0.97-1.02x); m = 8
 * 0.97x either way, and stays with the narrow loop. */
static inline __attribute__((always_inline)) size_t
LANES_CAT(NAME_T, _packed_m)(const size_t m, size_t n, T alpha, const T *a, const T *x, T *y)
{
    const __m512i iota = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    const __m512i em = _mm512_mullo_epi32(iota, _mm512_set1_epi32((int)m));
    __m512i idx[8];
    __mmask16 k[8][4];
    V xb[8];
#pragma GCC unroll 8
    for (size_t i = 0; i < m; i++) {
        const __m512i e = _mm512_add_epi32(em, _mm512_set1_epi32((int)i)); /* c * m + i */
        idx[i] = _mm512_and_epi32(e, _mm512_set1_epi32(31));
        const __m512i pair = _mm512_srli_epi32(e, 5);
#pragma GCC unroll 4
        for (size_t q = 0; 2 * q < m; q++)
            k[i][q] = _mm512_cmpeq_epi32_mask(pair, _mm512_set1_epi32((int)q));
        xb[i] = OP(set1)(x[i]);
    }
    const V va = OP(set1)(alpha);
    size_t j = 0;
    for (; j + 16 <= n; j += 16, a += 16 * m) {
        V v[8], p[8];
#pragma GCC unroll 8
        for (size_t r = 0; r < m; r++)
            v[r] = OP(loadu)(a + 16 * r);
        /* element i of the 16 columns: its pieces from each pair of
         * vectors (disjoint lanes) ORed together, then times x[i]; the
         * products summed as a tree, not one chain of FMAs */
#pragma GCC unroll 8
        for (size_t i = 0; i < m; i++) {
            V t = m == 1 ? v[0]
                         : _mm512_maskz_permutex2var_ps(k[i][0], v[0], idx[i], v[1]);
#pragma GCC unroll 4
            for (size_t q = 1; 2 * q < m; q++)
                t = _mm512_or_ps(t, _mm512_maskz_permutex2var_ps(
                                        k[i][q], v[2 * q], idx[i],
                                        v[2 * q + 1 < m ? 2 * q + 1 : 2 * q]));
            p[i] = OP(mul)(t, xb[i]);
        }
#pragma GCC unroll 3
        for (size_t w = 1; w < m; w *= 2)
#pragma GCC unroll 4
            for (size_t i = 0; i + w < m; i += 2 * w)
                p[i] = OP(add)(p[i], p[i + w]);
        OP(storeu)(y + j, OP(fmadd)(va, p[0], OP(loadu)(y + j)));
    }
    return j;
}

static __attribute__((noinline)) size_t LANES_CAT(NAME_T, _packed)(size_t m, size_t n, T alpha,
                                                                   const T *a, const T *x, T *y)
{
    switch (m) {
    case 1: return LANES_CAT(NAME_T, _packed_m)(1, n, alpha, a, x, y);
    case 2: return LANES_CAT(NAME_T, _packed_m)(2, n, alpha, a, x, y);
    case 3: return LANES_CAT(NAME_T, _packed_m)(3, n, alpha, a, x, y);
    case 4: return LANES_CAT(NAME_T, _packed_m)(4, n, alpha, a, x, y);
    case 5: return LANES_CAT(NAME_T, _packed_m)(5, n, alpha, a, x, y);
    case 6: return LANES_CAT(NAME_T, _packed_m)(6, n, alpha, a, x, y);
    default: return LANES_CAT(NAME_T, _packed_m)(7, n, alpha, a, x, y);
    }
}
#endif

static inline __attribute__((always_inline)) void LANES_CAT(NAME_T, _narrow)(
    const int safe, size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    const __mmask8 k = (__mmask8)((1u << m) - 1);
#define LANES_LOADK(p) (safe ? ROW2(p, m) : OP2(maskz_loadu)(k, p))
    const V2 xv = LANES_LOADK(x);
    size_t j = 0;
#if W == 16
    if (lda == m && m < 8 && n >= 16) {
        j = LANES_CAT(NAME_T, _packed)(m, n, alpha, a, x, y);
        a += j * lda;
        y += j;
        n -= j;
        j = 0;
    }
#endif
    for (; j + 4 <= n; j += 4) {
        V2 p[4];
#pragma GCC unroll 4
        for (int c = 0; c < 4; c++)
            p[c] = OP2(mul)(LANES_LOADK(a + (j + (size_t)c) * lda), xv);
        SUM4_256(p, alpha, y + j, 1);
    }
    for (; j < n; j++)
        y[j] += alpha * HSUM256(OP2(mul)(LANES_LOADK(a + j * lda), xv));
#undef LANES_LOADK
}

/* Four column dots in one pass over x (kernels/gemv_t_cols.h), after a
 * masked head step of h elements that aligns the columns' loads */
static inline __attribute__((always_inline)) void LANES_CAT(NAME_T, _dots4)(
    const int safe, size_t m, size_t h, T alpha, const T *a, size_t step, const T *x, T *y,
    size_t ys)
{
    const MASK tail = MASKGEN((m - h) % W);
    const size_t full = m - (m - h) % W;
    const T *col[4] = {a, a + step, a + 2 * step, a + 3 * step};
    V acc[4] = {OP(setzero)(), OP(setzero)(), OP(setzero)(), OP(setzero)()};
    if (h) {
        const MASK head = MASKGEN(h);
        const V xh = OP(maskz_loadu)(head, x);
#pragma GCC unroll 4
        for (int c = 0; c < 4; c++)
            acc[c] = OP(mul)(OP(maskz_loadu)(head, col[c]), xh);
    }
    for (size_t i = h; i < full; i += W) {
        V xv = OP(loadu)(x + i);
#pragma GCC unroll 4
        for (int c = 0; c < 4; c++)
            acc[c] = OP(fmadd)(OP(loadu)(col[c] + i), xv, acc[c]);
    }
    if (tail) {
        V xv = LANES_LOADT(x + full);
#pragma GCC unroll 4
        for (int c = 0; c < 4; c++)
            acc[c] = OP(fmadd)(LANES_LOADT(col[c] + full), xv, acc[c]);
    }
    SUM4(acc, alpha, y, ys);
}

#define LANES_GEMV_PAGE_SAFE
#define DOTS_ALIGN 64
#define DOTS_NARROW (W / 2)
#include "kernels/gemv_t_cols.h"
#undef DOTS_NARROW
#undef DOTS_ALIGN
#undef LANES_GEMV_PAGE_SAFE
#undef LANES_LOADT
