/* The register block of the AVX-512 direct gemm (gemm_direct.h), for one
 * vector width: included by gemm_direct.h with T, W (the 512-bit lanes) and
 *   BV (vector type), BOP(name) (its intrinsics), BMASK (its mask type),
 *   BHALF(a, b, c) (the FMA of a half-wide second vector), BNAME
 * Up to 2 vectors down a column of C x nr <= 12 columns, 3 x 8 or 4 x 6, the
 * first vector masked by m0, the last (of two or more) by m1, any between
 * them whole; mv, half and nr are constants after inlining. */

#define BVMASK(v) ((v) == 0 ? m0 : (v) == mv - 1 ? m1 : (BMASK) ~(BMASK)0)
static inline __attribute__((always_inline)) void BNAME(
    const int mv, const int half, const int nr, size_t k, T alpha, const T *a, size_t lda,
    const T *b, ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c, size_t ldc, BMASK m0, BMASK m1)
{
    BV acc[12][4];
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 4
        for (int v = 0; v < mv; v++)
            acc[j][v] = BOP(setzero)();
    /* B's columns through four bases 3 columns apart: b[j * csb] is
     * bq[j / 3][(j % 3) * csb], two index registers instead of eleven (the
     * compiler spilled them) */
    const T *bq[4] = {b, b + 3 * csb, b + 6 * csb, b + 9 * csb};
#ifdef BKPAIR
    if (rsb == 1 && k >= 2) { /* a lone vector's k steps in pairs: all of them */
        BKPAIR(nr, k, a, lda, b, csb, m0, acc);
        k = 0;
    }
#endif
    /* (two k steps a trip: a prepared 4 x 4 x 4 float 1.06x as fast, 118
     * instructions a run, not 123; 5 1.07x, 8 to 32 0.98-1.02x) */
#pragma GCC unroll 2
    for (size_t p = 0; p < k; p++, a += lda) {
        BV av[4];
#pragma GCC unroll 4
        for (int v = 0; v < mv; v++)
            av[v] = BOP(maskz_loadu)(BVMASK(v), a + v * W);
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++) {
            BV bj = BOP(set1)(bq[j / 3][(j % 3) * csb]);
            acc[j][0] = BOP(fmadd)(av[0], bj, acc[j][0]);
            /* half: the second vector's live lanes are its low W/2 */
            if (mv == 2 && half)
                acc[j][1] = BHALF(av[1], bj, acc[j][1]);
            else
#pragma GCC unroll 4
                for (int v = 1; v < mv; v++)
                    acc[j][v] = BOP(fmadd)(av[v], bj, acc[j][v]);
        }
#pragma GCC unroll 4
        for (int q = 0; q < (nr + 2) / 3; q++)
            bq[q] += rsb;
    }
    const BV va = BOP(set1)(alpha), vb = BOP(set1)(beta);
    if (beta == 0) {
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++)
#pragma GCC unroll 4
            for (int v = 0; v < mv; v++)
                BOP(mask_storeu)(c + j * ldc + v * W, BVMASK(v),
                                 alpha == 1 ? acc[j][v] : BOP(mul)(va, acc[j][v]));
        return;
    }
    /* Every load of C before any store: a masked load waits for each
     * earlier store into its window, masked-off lanes included, and with
     * ldc < W a window reaches into the next column (Zen 5, beta = 1: 13 x
     * 13 x 13 float 1.9x, 5 x 5 x 5 double 2.0x as fast) */
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 4
        for (int v = 0; v < mv; v++)
            acc[j][v] = BOP(fmadd)(vb, BOP(maskz_loadu)(BVMASK(v), c + j * ldc + v * W),
                                   alpha == 1 ? acc[j][v] : BOP(mul)(va, acc[j][v]));
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 4
        for (int v = 0; v < mv; v++)
            BOP(mask_storeu)(c + j * ldc + v * W, BVMASK(v), acc[j][v]);
}
#undef BVMASK
