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
static inline __attribute__((always_inline)) void LANES_CAT(NAME_T, _narrow)(
    const int safe, size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    const __mmask8 k = (__mmask8)((1u << m) - 1);
#define LANES_LOADK(p) (safe ? ROW2(p, m) : OP2(maskz_loadu)(k, p))
    const V2 xv = LANES_LOADK(x);
    size_t j = 0;
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
