/* gemv for one type, AVX2 + FMA, column-major A (contract in
 * kernels/kernels.h).  Included twice by gemv.c with T, V (vector type), W
 * (lanes), MASKGEN(rem) (lane mask for a tail of rem < W), OP(name)
 * (_mm256_name_ps/_pd), HSUM (horizontal sum), DOT (this ISA's dot), NAME_N
 * and NAME_T.  gemv_n streams four columns per sweep of y (axpy form);
 * gemv_t reduces four columns per sweep of x (dot form).  Tails use masked
 * loads. */

void NAME_N(size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    __m256i tail = MASKGEN(m % W);
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const T *a0 = a + j * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
        V t0 = OP(set1)(alpha * x[j]), t1 = OP(set1)(alpha * x[j + 1]);
        V t2 = OP(set1)(alpha * x[j + 2]), t3 = OP(set1)(alpha * x[j + 3]);
        size_t i = 0;
        for (; i + W <= m; i += W) {
            V v = OP(loadu)(y + i);
            v = OP(fmadd)(t0, OP(loadu)(a0 + i), v);
            v = OP(fmadd)(t1, OP(loadu)(a1 + i), v);
            v = OP(fmadd)(t2, OP(loadu)(a2 + i), v);
            v = OP(fmadd)(t3, OP(loadu)(a3 + i), v);
            OP(storeu)(y + i, v);
        }
        if (i < m) {
            V v = OP(maskload)(y + i, tail);
            v = OP(fmadd)(t0, OP(maskload)(a0 + i, tail), v);
            v = OP(fmadd)(t1, OP(maskload)(a1 + i, tail), v);
            v = OP(fmadd)(t2, OP(maskload)(a2 + i, tail), v);
            v = OP(fmadd)(t3, OP(maskload)(a3 + i, tail), v);
            OP(maskstore)(y + i, tail, v);
        }
    }
    for (; j < n; j++) {
        const T *a0 = a + j * lda;
        V t0 = OP(set1)(alpha * x[j]);
        size_t i = 0;
        for (; i + W <= m; i += W)
            OP(storeu)(y + i,
                             OP(fmadd)(t0, OP(loadu)(a0 + i), OP(loadu)(y + i)));
        if (i < m)
            OP(maskstore)(y + i, tail,
                                OP(fmadd)(t0, OP(maskload)(a0 + i, tail),
                                                OP(maskload)(y + i, tail)));
    }
}

void NAME_T(size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    __m256i tail = MASKGEN(m % W);
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const T *col[4] = {a + j * lda, a + (j + 1) * lda, a + (j + 2) * lda,
                           a + (j + 3) * lda};
        V acc[4] = {OP(setzero)(), OP(setzero)(), OP(setzero)(),
                    OP(setzero)()};
        size_t i = 0;
        for (; i + W <= m; i += W) {
            V xv = OP(loadu)(x + i);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = OP(fmadd)(OP(loadu)(col[c] + i), xv, acc[c]);
        }
        if (i < m) {
            V xv = OP(maskload)(x + i, tail);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = OP(fmadd)(OP(maskload)(col[c] + i, tail), xv, acc[c]);
        }
        for (int c = 0; c < 4; c++)
            y[j + c] += alpha * HSUM(acc[c]);
    }
    for (; j < n; j++)
        y[j] += alpha * DOT(m, a + j * lda, x);
}
