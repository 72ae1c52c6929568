/* gemv for one type, AVX-512, column-major A (contract in kernels/kernels.h).
 * Included twice by gemv.c with T, V (vector type), W (lanes), MASK (mask
 * type), MASKGEN(rem) (lanes [0, rem)), OP(name) (_mm512_name_ps/_pd),
 * DOT (this ISA's unit-stride dot), NAME_N and NAME_T.
 * gemv_n: four or eight columns per sweep of y (the last 1-3 in one more);
 * gemv_t: four column dots per sweep of x.  The last partial vector of every
 * column is one masked step. */

/* One sweep of y over NC columns (1-8, a constant after inlining): NC
 * concurrent streams of A, and y read and written once. */
static inline __attribute__((always_inline)) void LANES_CAT(NAME_N, _sweep)(
    const int nc, size_t m, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    const MASK tail = MASKGEN(m % W);
    const size_t full = m - m % W;
    const T *col[8];
    V t[8];
#pragma GCC unroll 8
    for (int c = 0; c < nc; c++) {
        col[c] = a + (size_t)c * lda;
        t[c] = OP(set1)(alpha * x[c]);
    }
    for (size_t i = 0; i < full; i += W) {
        V v = OP(loadu)(y + i);
#pragma GCC unroll 8
        for (int c = 0; c < nc; c++)
            v = OP(fmadd)(t[c], OP(loadu)(col[c] + i), v);
        OP(storeu)(y + i, v);
    }
    if (tail) {
        V v = OP(maskz_loadu)(tail, y + full);
#pragma GCC unroll 8
        for (int c = 0; c < nc; c++)
            v = OP(fmadd)(t[c], OP(maskz_loadu)(tail, col[c] + full), v);
        OP(mask_storeu)(y + full, tail, v);
    }
}

void NAME_N(size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    size_t j = 0;
    /* Measured on Zen 4: four streams of A per sweep read a cache-resident A
     * faster (1024 x 1024 float: +25%), eight a DRAM-resident one (4096 x
     * 4096: +8%). */
    if ((double)m * (double)n * sizeof(T) > 8.0 * 1024 * 1024)
        for (; j + 8 <= n; j += 8)
            LANES_CAT(NAME_N, _sweep)(8, m, alpha, a + j * lda, lda, x + j, y);
    for (; j + 4 <= n; j += 4)
        LANES_CAT(NAME_N, _sweep)(4, m, alpha, a + j * lda, lda, x + j, y);
    /* The last 1-3 columns in one more sweep, not one axpy each: a short y
     * would otherwise go through a masked store and reload per column, and
     * Zen 4 cannot forward a masked store to the next load. */
    if (n - j == 3)
        LANES_CAT(NAME_N, _sweep)(3, m, alpha, a + j * lda, lda, x + j, y);
    else if (n - j == 2)
        LANES_CAT(NAME_N, _sweep)(2, m, alpha, a + j * lda, lda, x + j, y);
    else if (n - j == 1)
        LANES_CAT(NAME_N, _sweep)(1, m, alpha, a + j * lda, lda, x + j, y);
}

void NAME_T(size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    const MASK tail = MASKGEN(m % W);
    const size_t full = m - m % W;
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const T *col[4] = {a + j * lda, a + (j + 1) * lda, a + (j + 2) * lda,
                           a + (j + 3) * lda};
        V acc[4] = {OP(setzero)(), OP(setzero)(), OP(setzero)(),
                    OP(setzero)()};
        for (size_t i = 0; i < full; i += W) {
            V xv = OP(loadu)(x + i);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = OP(fmadd)(OP(loadu)(col[c] + i), xv, acc[c]);
        }
        if (tail) {
            V xv = OP(maskz_loadu)(tail, x + full);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = OP(fmadd)(OP(maskz_loadu)(tail, col[c] + full), xv, acc[c]);
        }
        for (int c = 0; c < 4; c++)
            y[j + c] += alpha * OP(reduce_add)(acc[c]);
    }
    for (; j < n; j++)
        y[j] += alpha * DOT(m, a + j * lda, x);
}
