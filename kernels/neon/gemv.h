/* gemv for one type, NEON, column-major A (contract in kernels/kernels.h).
 * Included twice by gemv.c with T, V (vector type), W (lanes), OP(name)
 * (name_f32 / name_f64), DOT (this ISA's dot), NAME_N and NAME_T.  gemv_n
 * is kernels/gemv_n_cols.h around this file's sweep of y; gemv_t reduces four
 * columns per sweep of x.  Scalar row tails. */

/* One sweep of y over NC columns (1-4, a constant after inlining). */
static inline __attribute__((always_inline)) void LANES_CAT(NAME_N, _sweep)(
    const int nc, size_t m, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    const T *col[4];
    T t[4];
#pragma GCC unroll 4
    for (int c = 0; c < nc; c++) {
        col[c] = a + (size_t)c * lda;
        t[c] = alpha * x[c];
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

void NAME_T(size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const T *col[4] = {a + j * lda, a + (j + 1) * lda, a + (j + 2) * lda,
                           a + (j + 3) * lda};
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
            y[j + c] += alpha * s;
        }
    }
    for (; j < n; j++)
        y[j] += alpha * DOT(m, a + j * lda, x);
}
