/* gemv for one type, NEON, column-major A (contract in kernels/kernels.h).
 * Included twice by gemv.c with T, V (vector type), W (lanes), OP(name)
 * (name_f32 / name_f64), AXPY and DOT (this ISA's kernels), NAME_N and
 * NAME_T.  Four columns per sweep, scalar row tail. */

void NAME_N(size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const T *a0 = a + j * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
        T t0 = alpha * x[j], t1 = alpha * x[j + 1], t2 = alpha * x[j + 2], t3 = alpha * x[j + 3];
        size_t i = 0;
        for (; i + W <= m; i += W) {
            V v = OP(vld1q)(y + i);
            v = OP(vfmaq_n)(v, OP(vld1q)(a0 + i), t0);
            v = OP(vfmaq_n)(v, OP(vld1q)(a1 + i), t1);
            v = OP(vfmaq_n)(v, OP(vld1q)(a2 + i), t2);
            v = OP(vfmaq_n)(v, OP(vld1q)(a3 + i), t3);
            OP(vst1q)(y + i, v);
        }
        for (; i < m; i++)
            y[i] += t0 * a0[i] + t1 * a1[i] + t2 * a2[i] + t3 * a3[i];
    }
    for (; j < n; j++)
        AXPY(m, alpha * x[j], a + j * lda, y);
}

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
