/* Direct (unpacked) gemm for one type, NEON; contract in kernels/kernels.h.
 * Included twice by gemm.c with T, V (vector type), W (lanes), OP(name)
 * (vname##q_f32 / _f64), ARGS (the argument struct), NAME.  Register block:
 * 2 vectors down a column of C x up to 12 columns (24 accumulators).  Rows
 * past the last whole vector are done by a scalar loop: NEON has no masked
 * loads. */

static inline __attribute__((always_inline)) void LANES_CAT(NAME, _block)(
    const int mv, const int nr, size_t k, T alpha, const T *a, size_t lda, const T *b,
    ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c, size_t ldc)
{
    V acc[12][2];
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 2
        for (int v = 0; v < mv; v++)
            acc[j][v] = OP(vdup, _n)(0);
    for (size_t p = 0; p < k; p++, a += lda, b += rsb) {
        V a0 = OP(vld1, )(a), a1 = mv > 1 ? OP(vld1, )(a + W) : a0;
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++) {
            acc[j][0] = OP(vfma, _n)(acc[j][0], a0, b[j * csb]);
            if (mv > 1)
                acc[j][1] = OP(vfma, _n)(acc[j][1], a1, b[j * csb]);
        }
    }
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 2
        for (int v = 0; v < mv; v++) {
            T *cj = c + j * ldc + v * W;
            V r = OP(vmul, _n)(acc[j][v], alpha);
            if (beta != 0)
                r = OP(vfma, _n)(r, OP(vld1, )(cj), beta);
            OP(vst1, )(cj, r);
        }
}

#define LANES_DIRECT_CASE(MV, NR)                                                                \
    case MV * 16 + NR:                                                                           \
        LANES_CAT(NAME, _block)(MV, NR, k, alpha, a, lda, b, rsb, csb, beta, c, ldc);            \
        break;
#define LANES_DIRECT_CASES(MV)                                                                   \
    LANES_DIRECT_CASE(MV, 1) LANES_DIRECT_CASE(MV, 2) LANES_DIRECT_CASE(MV, 3)                   \
    LANES_DIRECT_CASE(MV, 4) LANES_DIRECT_CASE(MV, 5) LANES_DIRECT_CASE(MV, 6)                   \
    LANES_DIRECT_CASE(MV, 7) LANES_DIRECT_CASE(MV, 8) LANES_DIRECT_CASE(MV, 9)                   \
    LANES_DIRECT_CASE(MV, 10) LANES_DIRECT_CASE(MV, 11) LANES_DIRECT_CASE(MV, 12)

static void LANES_CAT(NAME, _tile)(int mv, int nr, size_t k, T alpha, const T *a, size_t lda,
                                   const T *b, ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c,
                                   size_t ldc)
{
    switch (mv * 16 + nr) {
        LANES_DIRECT_CASES(1)
        LANES_DIRECT_CASES(2)
    }
}
#undef LANES_DIRECT_CASE
#undef LANES_DIRECT_CASES

void NAME(const ARGS *args)
{
    LANES_DIRECT_UNPACK(args);
    const size_t mfull = m / W * W;
    for (size_t j0 = 0, cols; j0 < n; j0 += cols) {
        cols = lanes_direct_cols(n - j0, 12);
        const int nr = (int)cols;
        const T *bj = b + (ptrdiff_t)j0 * csb;
        for (size_t i0 = 0; i0 < mfull; i0 += 2 * W)
            LANES_CAT(NAME, _tile)(mfull - i0 >= 2 * W ? 2 : 1, nr, k, alpha, a + i0, lda, bj, rsb,
                                   csb, beta, c + i0 + j0 * ldc, ldc);
        for (size_t i = mfull; i < m; i++)
#pragma GCC unroll 12
            for (int j = 0; j < nr; j++) {
                T s = 0;
                for (size_t p = 0; p < k; p++)
                    s += a[i + p * lda] * bj[(ptrdiff_t)p * rsb + j * csb];
                T *cij = c + i + (j0 + (size_t)j) * ldc;
                *cij = beta == 0 ? alpha * s : alpha * s + beta * *cij;
            }
    }
}
