/* Direct (unpacked) gemm for one type, AVX-512; contract in kernels/kernels.h.
 * Included twice by gemm.c with
 *   T, V (vector type), W (lanes), MASK (mask type), OP(name) (_mm512_name_ps/_pd),
 *   HALF_FMADD(a, b, c) (the FMA of the low W/2 lanes, in a 256-bit op), NAME
 * Register block: up to 2 vectors down a column of C (2W rows) x 12 columns,
 * 24 accumulators.  Row edges use masks (a masked-off lane is never read);
 * column edges use a block specialised for that width.  When the second
 * vector has at most W/2 live lanes its FMAs are 256 bits wide: Zen 4 runs a
 * 512-bit FMA as two 256-bit halves, so a 10-row double block costs 3 halves
 * per column, not 4. */

static inline __attribute__((always_inline)) void LANES_CAT(NAME, _block)(
    const int mv, const int half, const int nr, size_t k, T alpha, const T *a, size_t lda,
    const T *b, ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c, size_t ldc, MASK m0, MASK m1)
{
    V acc[12][2];
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 2
        for (int v = 0; v < mv; v++)
            acc[j][v] = OP(setzero)();
    /* B's columns through four bases 3 columns apart: b[j * csb] is
     * bq[j / 3][(j % 3) * csb], two index registers instead of eleven (the
     * compiler spilled them) */
    const T *bq[4] = {b, b + 3 * csb, b + 6 * csb, b + 9 * csb};
    for (size_t p = 0; p < k; p++, a += lda) {
        V a0 = OP(maskz_loadu)(m0, a), a1 = mv > 1 ? OP(maskz_loadu)(m1, a + W) : a0;
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++) {
            V bj = OP(set1)(bq[j / 3][(j % 3) * csb]);
            acc[j][0] = OP(fmadd)(a0, bj, acc[j][0]);
            /* half: the second vector's live lanes are its low W/2 */
            if (mv > 1 && half)
                acc[j][1] = HALF_FMADD(a1, bj, acc[j][1]);
            else if (mv > 1)
                acc[j][1] = OP(fmadd)(a1, bj, acc[j][1]);
        }
#pragma GCC unroll 4
        for (int q = 0; q < (nr + 2) / 3; q++)
            bq[q] += rsb;
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
typedef void LANES_CAT(NAME, _rows_fn)(size_t blocks, size_t k, T alpha, const T *a, size_t lda,
                                       const T *b, ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c,
                                       size_t ldc);
/* An edge block, and `blocks` full blocks down the rows (2W rows apart, the
 * column addresses set up once; the loop is kept out of the edge blocks,
 * whose set-up it would make longer). */
#define LANES_DIRECT_FN(MV, H, NR)                                                               \
    static void LANES_CAT(NAME, _b##MV##H##x##NR)(size_t k, T alpha, const T *a, size_t lda,     \
                                                  const T *b, ptrdiff_t rsb, ptrdiff_t csb,      \
                                                  T beta, T *c, size_t ldc, MASK m0, MASK m1)    \
    {                                                                                            \
        LANES_CAT(NAME, _block)(MV, H, NR, k, alpha, a, lda, b, rsb, csb, beta, c, ldc, m0, m1); \
    }
#define LANES_DIRECT_ROWS_FN(NR)                                                                 \
    static void LANES_CAT(NAME, _rows##x##NR)(size_t blocks, size_t k, T alpha, const T *a,      \
                                              size_t lda, const T *b, ptrdiff_t rsb,             \
                                              ptrdiff_t csb, T beta, T *c, size_t ldc)           \
    {                                                                                            \
        const MASK f = (MASK)~(MASK)0;                                                           \
        for (size_t i = 0; i < blocks; i++)                                                      \
            LANES_CAT(NAME, _block)(2, 0, NR, k, alpha, a + i * 2 * W, lda, b, rsb, csb, beta,   \
                                    c + i * 2 * W, ldc, f, f);                                   \
    }
#define LANES_DIRECT_FNS(F, ...)                                                                 \
    F(__VA_ARGS__ 1) F(__VA_ARGS__ 2) F(__VA_ARGS__ 3) F(__VA_ARGS__ 4) F(__VA_ARGS__ 5)         \
    F(__VA_ARGS__ 6) F(__VA_ARGS__ 7) F(__VA_ARGS__ 8) F(__VA_ARGS__ 9) F(__VA_ARGS__ 10)        \
    F(__VA_ARGS__ 11) F(__VA_ARGS__ 12)
LANES_DIRECT_FNS(LANES_DIRECT_FN, 1, 0, )
LANES_DIRECT_FNS(LANES_DIRECT_FN, 2, 0, )
LANES_DIRECT_FNS(LANES_DIRECT_FN, 2, 1, )
LANES_DIRECT_FNS(LANES_DIRECT_ROWS_FN, )
#define LANES_DIRECT_ROW(P)                                                                      \
    {LANES_CAT(P, 1), LANES_CAT(P, 2), LANES_CAT(P, 3),  LANES_CAT(P, 4),                        \
     LANES_CAT(P, 5), LANES_CAT(P, 6), LANES_CAT(P, 7),  LANES_CAT(P, 8),                        \
     LANES_CAT(P, 9), LANES_CAT(P, 10), LANES_CAT(P, 11), LANES_CAT(P, 12)}
/* [one vector, two, two with a half-wide second][columns - 1] */
static LANES_CAT(NAME, _block_fn) *const LANES_CAT(NAME, _blocks)[3][12] = {
    LANES_DIRECT_ROW(LANES_CAT(NAME, _b10x)), LANES_DIRECT_ROW(LANES_CAT(NAME, _b20x)),
    LANES_DIRECT_ROW(LANES_CAT(NAME, _b21x))};
static LANES_CAT(NAME, _rows_fn) *const LANES_CAT(NAME, _rows)[12] =
    LANES_DIRECT_ROW(LANES_CAT(NAME, _rowsx));
#undef LANES_DIRECT_FN
#undef LANES_DIRECT_ROWS_FN
#undef LANES_DIRECT_FNS
#undef LANES_DIRECT_ROW

void NAME(size_t m, size_t n, size_t k, T alpha, const T *a, size_t lda, const T *b,
          ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c, size_t ldc)
{
    const MASK full = (MASK)~(MASK)0;
    /* j outer: the 12 columns of B being broadcast stay in L1 while the
     * row blocks of A stream past. */
    const size_t full_rows = m / (2 * W) * (2 * W), rows = m - full_rows;
    const MASK m0 = rows >= W ? full : (MASK)((1u << rows) - 1);
    const MASK m1 = rows > W ? (MASK)((1u << (rows - W)) - 1) : 0;
    /* a second vector with at most W/2 live lanes runs half wide (measured:
     * a lone first vector does not gain, its short problems are latency
     * bound, and lose 40% at 8 x 8 x 8 to the mixed widths) */
    const int half = rows > W && rows - W <= W / 2;
    for (size_t j0 = 0; j0 < n; j0 += 12) {
        int nr = n - j0 < 12 ? (int)(n - j0) : 12;
        const T *bj = b + (ptrdiff_t)j0 * csb;
        T *cj = c + j0 * ldc;
        if (full_rows)
            LANES_CAT(NAME, _rows)[nr - 1](full_rows / (2 * W), k, alpha, a, lda, bj, rsb, csb,
                                           beta, cj, ldc);
        if (rows)
            LANES_CAT(NAME, _blocks)[rows > W ? 1 + half : 0][nr - 1](
                k, alpha, a + full_rows, lda, bj, rsb, csb, beta, cj + full_rows, ldc, m0, m1);
    }
}
