/* Direct (unpacked) gemm for one type, AVX-512; contract in kernels/kernels.h.
 * Included twice by gemm.c with
 *   T, V (vector type), W (lanes), MASK (mask type), OP(name) (_mm512_name_ps/_pd), NAME
 * Register block: up to 2 vectors down a column of C (2W rows) x 12 columns,
 * 24 accumulators.  Row edges use masks (a masked-off lane is never read);
 * column edges use a block specialised for that width. */

static inline __attribute__((always_inline)) void LANES_CAT(NAME, _block)(
    const int mv, const int nr, size_t k, T alpha, const T *a, size_t lda, const T *b,
    ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c, size_t ldc, MASK m0, MASK m1)
{
    V acc[12][2];
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 2
        for (int v = 0; v < mv; v++)
            acc[j][v] = OP(setzero)();
    for (size_t p = 0; p < k; p++, a += lda, b += rsb) {
        V a0 = OP(maskz_loadu)(m0, a), a1 = mv > 1 ? OP(maskz_loadu)(m1, a + W) : a0;
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++) {
            V bj = OP(set1)(b[j * csb]);
            acc[j][0] = OP(fmadd)(a0, bj, acc[j][0]);
            if (mv > 1)
                acc[j][1] = OP(fmadd)(a1, bj, acc[j][1]);
        }
    }
    const V va = OP(set1)(alpha), vb = OP(set1)(beta);
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 2
        for (int v = 0; v < mv; v++) {
            T *cj = c + j * ldc + v * W;
            MASK m = v ? m1 : m0;
            V r = alpha == 1 ? acc[j][v] : OP(mul)(va, acc[j][v]);
            if (beta != 0)
                r = OP(fmadd)(vb, OP(maskz_loadu)(m, cj), r);
            OP(mask_storeu)(cj, m, r);
        }
}

/* One function per (vectors, columns) block: constants let the compiler keep
 * the accumulators in registers and unroll the j loop, and a table of small
 * functions (rather than one switch over all of them) keeps the call of a
 * tiny problem free of the register spills a large function needs. */
typedef void LANES_CAT(NAME, _block_fn)(size_t k, T alpha, const T *a, size_t lda, const T *b,
                                        ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c, size_t ldc,
                                        MASK m0, MASK m1);
#define LANES_DIRECT_FN(MV, NR)                                                                  \
    static void LANES_CAT(NAME, _b##MV##x##NR)(size_t k, T alpha, const T *a, size_t lda,        \
                                               const T *b, ptrdiff_t rsb, ptrdiff_t csb, T beta, \
                                               T *c, size_t ldc, MASK m0, MASK m1)               \
    {                                                                                            \
        LANES_CAT(NAME, _block)(MV, NR, k, alpha, a, lda, b, rsb, csb, beta, c, ldc, m0, m1);    \
    }
#define LANES_DIRECT_FNS(MV)                                                                     \
    LANES_DIRECT_FN(MV, 1) LANES_DIRECT_FN(MV, 2) LANES_DIRECT_FN(MV, 3)                         \
    LANES_DIRECT_FN(MV, 4) LANES_DIRECT_FN(MV, 5) LANES_DIRECT_FN(MV, 6)                         \
    LANES_DIRECT_FN(MV, 7) LANES_DIRECT_FN(MV, 8) LANES_DIRECT_FN(MV, 9)                         \
    LANES_DIRECT_FN(MV, 10) LANES_DIRECT_FN(MV, 11) LANES_DIRECT_FN(MV, 12)
LANES_DIRECT_FNS(1)
LANES_DIRECT_FNS(2)
#define LANES_DIRECT_ROW(MV)                                                                     \
    {LANES_CAT(NAME, _b##MV##x1),  LANES_CAT(NAME, _b##MV##x2),  LANES_CAT(NAME, _b##MV##x3),    \
     LANES_CAT(NAME, _b##MV##x4),  LANES_CAT(NAME, _b##MV##x5),  LANES_CAT(NAME, _b##MV##x6),    \
     LANES_CAT(NAME, _b##MV##x7),  LANES_CAT(NAME, _b##MV##x8),  LANES_CAT(NAME, _b##MV##x9),    \
     LANES_CAT(NAME, _b##MV##x10), LANES_CAT(NAME, _b##MV##x11), LANES_CAT(NAME, _b##MV##x12)}
static LANES_CAT(NAME, _block_fn) *const LANES_CAT(NAME, _blocks)[2][12] = {
    LANES_DIRECT_ROW(1), LANES_DIRECT_ROW(2)};
#undef LANES_DIRECT_FN
#undef LANES_DIRECT_FNS
#undef LANES_DIRECT_ROW

void NAME(size_t m, size_t n, size_t k, T alpha, const T *a, size_t lda, const T *b,
          ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c, size_t ldc)
{
    const MASK full = (MASK)~(MASK)0;
    /* j outer: the 12 columns of B being broadcast stay in L1 while the
     * row blocks of A stream past. */
    for (size_t j0 = 0; j0 < n; j0 += 12) {
        int nr = n - j0 < 12 ? (int)(n - j0) : 12;
        for (size_t i0 = 0; i0 < m; i0 += 2 * W) {
            size_t rows = m - i0;
            MASK m0 = rows >= W ? full : (MASK)((1u << rows) - 1);
            MASK m1 = rows >= 2 * W ? full : rows > W ? (MASK)((1u << (rows - W)) - 1) : 0;
            LANES_CAT(NAME, _blocks)[rows > W][nr - 1](k, alpha, a + i0, lda,
                                                       b + (ptrdiff_t)j0 * csb, rsb, csb, beta,
                                                       c + i0 + j0 * ldc, ldc, m0, m1);
        }
    }
}
