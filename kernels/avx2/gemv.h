/* gemv for one type, AVX2 + FMA, column-major A (contract in
 * kernels/kernels.h).  Included twice by gemv.c with T, V (vector type), W
 * (lanes), MASKGEN(rem) (lane mask for a tail of rem < W), ROW(p, n) (n < W
 * elements into the low lanes by plain loads, avx2.h), STROW(p, n, v) (its
 * low n lanes by plain stores), OP(name)
 * (_mm256_name_ps/_pd), SUM4(v, alpha, y, ys) (y[c * ys] += alpha * the lane
 * sum of v[c], c < 4), DOT (this ISA's dot), NAME_N and NAME_T.  gemv_n is
 * kernels/gemv_n_cols.h around this file's sweep of y (axpy form); gemv_t is
 * kernels/gemv_t_cols.h around four column dots per pass over x (dot form).
 * A masked head step aligns the columns where their distance allows; tails
 * use masked loads. */

/* A column's (or x's, y's) tail of m - i elements at p: masked, or in the
 * safe copy by plain loads into the same lanes (in NAME_N's sweep and
 * NAME_T, where m, i, tail and safe are in scope) */
#define LANES_LOADT(p) (safe ? ROW(p, m - i) : OP(maskload)(p, tail))

/* One sweep of y over NC columns step apart (1-4, a constant after
 * inlining). */
static inline __attribute__((always_inline)) void LANES_CAT(NAME_N, _sweep)(
    const int nc, const int safe, size_t m, T alpha, const T *a, size_t step, const T *x,
    size_t xs, T *y)
{
    const T *col[4];
    V t[4];
#pragma GCC unroll 4
    for (int c = 0; c < nc; c++) {
        col[c] = a + (size_t)c * step;
        t[c] = OP(set1)(alpha * x[(size_t)c * xs]);
    }
    /* a masked head step aligns the columns' loads when step keeps them all
     * on one offset (lanes_columns_head) */
    size_t i = lanes_columns_head(a, m, step, sizeof(T), 32);
    if (i) {
        const __m256i head = MASKGEN(i);
        V v = OP(maskload)(y, head);
#pragma GCC unroll 4
        for (int c = 0; c < nc; c++)
            v = OP(fmadd)(t[c], OP(maskload)(col[c], head), v);
        OP(maskstore)(y, head, v);
    }
    const __m256i tail = MASKGEN((m - i) % W);
    for (; i + W <= m; i += W) {
        V v = OP(loadu)(y + i);
#pragma GCC unroll 4
        for (int c = 0; c < nc; c++)
            v = OP(fmadd)(t[c], OP(loadu)(col[c] + i), v);
        OP(storeu)(y + i, v);
    }
    if (i < m) {
        V v = LANES_LOADT(y + i);
#pragma GCC unroll 4
        for (int c = 0; c < nc; c++)
            v = OP(fmadd)(t[c], LANES_LOADT(col[c] + i), v);
        if (safe)
            STROW(y + i, m - i, v);
        else
            OP(maskstore)(y + i, tail, v);
    }
}

#define SHORT_NV 4  /* columns of up to 4 vectors */
#define SHORT_ACC 8 /* accumulators, of the 16 registers */
#define LOADM(p, k) OP(maskload)(p, k)
#define STOREM(p, k, v) OP(maskstore)(p, k, v)
#define LANES_GEMV_PAGE_SAFE
#include "kernels/gemv_n_short.h"
#include "kernels/gemv_n_cols.h"
#undef LANES_GEMV_PAGE_SAFE
#undef SHORT_NV
#undef SHORT_ACC
#undef LOADM
#undef STOREM

/* Four column dots in one pass over x (kernels/gemv_t_cols.h), after a
 * masked head step of h elements that aligns the columns' loads */
static inline __attribute__((always_inline)) void LANES_CAT(NAME_T, _dots4)(
    const int safe, size_t m, size_t h, T alpha, const T *a, size_t step, const T *x, T *y,
    size_t ys)
{
    const __m256i tail = MASKGEN((m - h) % W);
    const T *col[4] = {a, a + step, a + 2 * step, a + 3 * step};
    V acc[4] = {OP(setzero)(), OP(setzero)(), OP(setzero)(), OP(setzero)()};
    if (h) {
        const __m256i head = MASKGEN(h);
        V xh = OP(maskload)(x, head);
#pragma GCC unroll 4
        for (int c = 0; c < 4; c++)
            acc[c] = OP(mul)(OP(maskload)(col[c], head), xh);
    }
    size_t i = h;
    for (; i + W <= m; i += W) {
        V xv = OP(loadu)(x + i);
#pragma GCC unroll 4
        for (int c = 0; c < 4; c++)
            acc[c] = OP(fmadd)(OP(loadu)(col[c] + i), xv, acc[c]);
    }
    if (i < m) {
        V xv = LANES_LOADT(x + i);
#pragma GCC unroll 4
        for (int c = 0; c < 4; c++)
            acc[c] = OP(fmadd)(LANES_LOADT(col[c] + i), xv, acc[c]);
    }
    SUM4(acc, alpha, y, ys);
}

#define LANES_GEMV_PAGE_SAFE
#define DOTS_ALIGN 32
#include "kernels/gemv_t_cols.h"
#undef DOTS_ALIGN
#undef LANES_GEMV_PAGE_SAFE
#undef LANES_LOADT
