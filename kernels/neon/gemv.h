/* gemv for one type, NEON, column-major A (contract in kernels/kernels.h).
 * Included twice by gemv.c with T, V (vector type), W (lanes), OP(name)
 * (name_f32 / name_f64), DOT (this ISA's dot), NAME_N and NAME_T.  gemv_n
 * is kernels/gemv_n_cols.h around this file's sweep of y; gemv_t is
 * kernels/gemv_t_cols.h around four column dots per pass over x.  Scalar row
 * tails. */

/* One sweep of y over NC columns step apart (1-4, a constant after
 * inlining). */
static inline __attribute__((always_inline)) void LANES_CAT(NAME_N, _sweep)(
    const int nc, size_t m, T alpha, const T *a, size_t step, const T *x, size_t xs, T *y)
{
    const T *col[4];
    T t[4];
#pragma GCC unroll 4
    for (int c = 0; c < nc; c++) {
        col[c] = a + (size_t)c * step;
        t[c] = alpha * x[(size_t)c * xs];
    }
    size_t i = 0;
    for (; i + W <= m; i += W) {
        V v = OP(vld1q)(y + i);
#pragma GCC unroll 4
        for (int c = 0; c < nc; c++)
            v = OP(vfmaq_n)(v, OP(vld1q)(col[c] + i), t[c]);
        OP(vst1q)(y + i, v);
    }
    for (; i < m; i++) {
        T s = 0;
#pragma GCC unroll 4
        for (int c = 0; c < nc; c++)
            s += t[c] * col[c][i];
        y[i] += s;
    }
}

#include "kernels/gemv_n_cols.h"

/* Four column dots in one pass over x (kernels/gemv_t_cols.h) */
static inline __attribute__((always_inline)) void LANES_CAT(NAME_T, _dots4)(
    size_t m, size_t h, T alpha, const T *a, size_t step, const T *x, T *y, size_t ys)
{
    (void)h;
    const T *col[4] = {a, a + step, a + 2 * step, a + 3 * step};
    V acc[4] = {OP(vdupq_n)(0), OP(vdupq_n)(0), OP(vdupq_n)(0), OP(vdupq_n)(0)};
    size_t i = 0;
    for (; i + W <= m; i += W) {
        V xv = OP(vld1q)(x + i);
#pragma GCC unroll 4
        for (int c = 0; c < 4; c++)
            acc[c] = OP(vfmaq)(acc[c], OP(vld1q)(col[c] + i), xv);
    }
    for (int c = 0; c < 4; c++) {
        T s = OP(vaddvq)(acc[c]);
        for (size_t t = i; t < m; t++)
            s += col[c][t] * x[t];
        y[(size_t)c * ys] += alpha * s;
    }
}

#define DOTS_ALIGN 16 /* unused: these dots take no head step */
#include "kernels/gemv_t_cols.h"
#undef DOTS_ALIGN
