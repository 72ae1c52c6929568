/* Direct (unpacked) gemm for one type, AVX-512; contract in kernels/kernels.h.
 * Included twice by gemm.c with
 *   T, V (vector type), W (lanes), MASK (mask type), OP(name) (_mm512_name_ps/_pd),
 *   HALF_FMADD(a, b, c) (the FMA of the low W/2 lanes, in a 256-bit op),
 *   V2, OP2(name) (the 256-bit type and intrinsics),
 *   KP_JOIN(lo, hi), KP_LO(v), KP_HI(v) (a 512-bit vector from and to its
 *   256-bit halves), KP_BPAIR(p) (p[0] in the low half's lanes, p[1] in the
 *   high half's),
 *   QV, QOP(name) (the 128-bit ones), QBCAST(q) (a 128-bit vector to all four
 *   quarters), QEXTRACT(v, i) (quarter i), ARGS (the argument struct), NAME,
 *   BLOCK_OF, BLOCK (the block lookup's name and result type, kernels.h)
 * Register block: up to 2 vectors down a column of C (2W rows) x 12 columns,
 * 24 accumulators, or 4 vectors x 6 columns while A stays in L1; the last
 * full block and a row edge below it as 3 vectors x 8 or 4 x 6.  Row edges
 * use masks (a masked-off lane is never read); column edges use a block
 * specialised for that width.  When the second
 * vector has at most W/2 live lanes its FMAs are 256 bits wide: Zen 4 runs a
 * 512-bit FMA as two 256-bit halves, so a 10-row double block costs 3 halves
 * per column, not 4. */

#define BV V
#define BOP OP
#define BMASK MASK
#define BHALF HALF_FMADD
#define BNAME LANES_CAT(NAME, _block)
#include "gemm_direct_block.h"
#undef BV
#undef BOP
#undef BMASK
#undef BHALF
#undef BNAME
/* Rows <= W/2 alone (m <= 8 floats or 4 doubles at the edge): the whole
 * block 256 bits wide.  Measured at 8 x 8 x 8 float: 14 ns against 20 for
 * masked 512-bit vectors, while 256-bit FMAs into 512-bit registers lost 40%
 * (a lone short vector is latency bound; the mixed widths only add moves).
 * Where B's k steps are contiguous (rsb 1) it takes them in pairs (_kpair,
 * below). */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _kpair)(
    const int nr, size_t k, const T *a, size_t lda, const T *b, ptrdiff_t csb, __mmask8 m0,
    V2 sum[12][4]);
#define BKPAIR LANES_CAT(NAME, _kpair)
#define BV V2
#define BOP OP2
#define BMASK __mmask8
#define BHALF(a, b, c) OP2(fmadd)(a, b, c) /* never used: one vector */
#define BNAME LANES_CAT(NAME, _narrow)
#include "gemm_direct_block.h"
#undef BKPAIR
#undef BV
#undef BOP
#undef BMASK
#undef BHALF
#undef BNAME
/* Rows <= W/4 (4 floats, 2 doubles): 128 bits wide.  Four rows exactly then
 * have no masked-off lane, so they never need the page-edge copies the
 * wider masked blocks do (LANES_DIRECT_BOUNCE below): 4 x 4 x 4 float paid
 * for that test on every call, and twice its time near a page end. */
#define BV QV
#define BOP QOP
#define BMASK __mmask8
#define BHALF(a, b, c) QOP(fmadd)(a, b, c) /* never used: one vector */
#define BNAME LANES_CAT(NAME, _qnarrow)
#include "gemm_direct_block.h"
#undef BV
#undef BOP
#undef BMASK
#undef BHALF
#undef BNAME

/* The narrow block with B's k steps contiguous: two k steps a 512-bit FMA,
 * A's columns p and p + 1 in the low and high halves of one vector times
 * B(p, j) in the low half and B(p + 1, j) in the high one (one load of the
 * pair and a permute), the halves summed at the end; an odd last step 256
 * bits wide.  Half the FMAs of the 256-bit form, and chains half as deep:
 * 8 x 8 x 8 float, alone in a loop, 21.5-23.3 TSC ticks a call against
 * 29.2-29.9 (Zen 5).  sum[j][0] := column j's k products. */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _kpair)(
    const int nr, size_t k, const T *a, size_t lda, const T *b, ptrdiff_t csb, __mmask8 m0,
    V2 sum[12][4])
{
    V acc[12];
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
        acc[j] = OP(setzero)();
    const T *bq[4] = {b, b + 3 * csb, b + 6 * csb, b + 9 * csb}; /* as in the block */
    size_t p = 0;
    for (; p + 2 <= k; p += 2, a += 2 * lda) {
        const V av = KP_JOIN(OP2(maskz_loadu)(m0, a), OP2(maskz_loadu)(m0, a + lda));
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++)
            acc[j] = OP(fmadd)(av, KP_BPAIR(bq[j / 3] + (j % 3) * csb + p), acc[j]);
    }
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
        sum[j][0] = OP2(add)(KP_LO(acc[j]), KP_HI(acc[j]));
    if (p < k) {
        const V2 av = OP2(maskz_loadu)(m0, a);
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++)
            sum[j][0] = OP2(fmadd)(av, OP2(set1)(bq[j / 3][(j % 3) * csb + p]), sum[j][0]);
    }
}

/* Quarter i of v (the extract takes an immediate: a switch keeps that true
 * without optimisation too; folded away when i is a constant) */
static inline QV LANES_CAT(NAME, _quarter_of)(V v, int i)
{
    switch (i) {
    case 0:
        return QEXTRACT(v, 0);
    case 1:
        return QEXTRACT(v, 1);
    case 2:
        return QEXTRACT(v, 2);
    default:
        return QEXTRACT(v, 3);
    }
}

/* The k loop of the block below where B's columns are contiguous (rsb 1):
 * its quarters hold four k steps of one column, not one k step of four
 * columns.  A k step built each column group's B vector with three masked
 * moves, which on Intel share ports 0 and 5 with the FMAs (24 of those
 * uops a k step for 15 FMAs); here each column's four B values come with
 * one load and one permute per four k steps (18.75 a k step).  The quarters'
 * partial sums are added at the end into the block's layout (column 4g + s
 * in quarter s of pk[g]).  Emerald Rapids, against OpenBLAS in one process:
 * row-major 256 x 128 x 10 double (here 10 x 256 x 128) 0.86 -> 1.06x,
 * 20 x 256 x 128 float 0.85 -> 1.06x, 9 x 64 x 64 double 0.87 -> 1.04x. */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _quarter_k4)(
    const int nr, size_t k, const T *a, size_t lda, const T *const bq[4], ptrdiff_t csb,
    __mmask8 mq, V acc[12], V pk[3])
{
    enum { Q = W / 4 };
    const MASK low = (MASK)((1u << Q) - 1); /* quarter 0 */
    V pj[12];
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
        pj[j] = OP(setzero)();
    size_t p = 0;
    for (; p + 4 <= k; p += 4, a += 4 * lda) {
#pragma GCC unroll 4
        for (int s = 0; s < 4; s++) {
            const V a0 = OP(loadu)(a + s * lda);
#pragma GCC unroll 12
            for (int j = 0; j < nr; j++)
                acc[j] = OP(fmadd)(a0, OP(set1)(bq[j / 3][(j % 3) * csb + p + s]), acc[j]);
        }
        V a1 = QCAST(QOP(maskz_loadu)(mq, a + W));
        a1 = QINSERT(a1, QOP(maskz_loadu)(mq, a + lda + W), 1);
        a1 = QINSERT(a1, QOP(maskz_loadu)(mq, a + 2 * lda + W), 2);
        a1 = QINSERT(a1, QOP(maskz_loadu)(mq, a + 3 * lda + W), 3);
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++)
            pj[j] = OP(fmadd)(a1, QSPREAD(bq[j / 3] + (j % 3) * csb + p), pj[j]);
    }
    for (; p < k; p++, a += lda) {
        const V a0 = OP(loadu)(a), a1 = QCAST(QOP(maskz_loadu)(mq, a + W));
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++) {
            const V bj = OP(set1)(bq[j / 3][(j % 3) * csb + p]);
            acc[j] = OP(fmadd)(a0, bj, acc[j]);
            pj[j] = OP(mask3_fmadd)(a1, bj, pj[j], low);
        }
    }
    /* column 4g + s's four quarters summed into quarter s of pk[g] */
#pragma GCC unroll 3
    for (int g = 0; g < (nr + 3) / 4; g++) {
        const V z = OP(setzero)(), c0 = pj[4 * g], c1 = 4 * g + 1 < nr ? pj[4 * g + 1] : z,
                c2 = 4 * g + 2 < nr ? pj[4 * g + 2] : z, c3 = 4 * g + 3 < nr ? pj[4 * g + 3] : z;
        const V s01 = OP(add)(QSHUF(c0, c1, _MM_SHUFFLE(1, 0, 1, 0)),
                              QSHUF(c0, c1, _MM_SHUFFLE(3, 2, 3, 2)));
        const V s23 = OP(add)(QSHUF(c2, c3, _MM_SHUFFLE(1, 0, 1, 0)),
                              QSHUF(c2, c3, _MM_SHUFFLE(3, 2, 3, 2)));
        pk[g] = OP(add)(QSHUF(s01, s23, _MM_SHUFFLE(2, 0, 2, 0)),
                        QSHUF(s01, s23, _MM_SHUFFLE(3, 1, 3, 1)));
    }
}

/* Rows W+1 to W+W/4 (9-10 doubles, 17-20 floats): the W/4 rows past the first
 * vector, for four columns at once, fill one vector (a quarter each), where a
 * second vector per column would leave 3/4 of its lanes idle.  Each column's
 * quarter gets its B value by masked moves of the columns' broadcasts.  Zen
 * 5, 10 x 12 double blocks (k = 128): 67 -> 102 GFLOP/s.  Every element of
 * C is still its own chain of FMAs in k order, except where B's columns are
 * contiguous (_quarter_k4 above): there the quarter rows' sums run as four
 * chains, k = 0, 1, 2, 3 mod 4, added at the end.  Which applies depends on
 * the layout only, so a prepared gemm and the call still agree bit for bit,
 * for any thread count. */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _quarter)(
    const int nr, size_t k, T alpha, const T *a, size_t lda, const T *b, ptrdiff_t rsb,
    ptrdiff_t csb, T beta, T *c, size_t ldc, MASK m1)
{
    enum { Q = W / 4 };                  /* lanes a column's quarter takes */
    const MASK qmask[4] = {0, (MASK)(((1u << Q) - 1) << Q), (MASK)(((1u << Q) - 1) << 2 * Q),
                           (MASK)(((1u << Q) - 1) << 3 * Q)};
    const __mmask8 mq = (__mmask8)m1;    /* the live rows of a quarter */
    V acc[12], pk[3];
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
        acc[j] = OP(setzero)();
#pragma GCC unroll 3
    for (int g = 0; g < (nr + 3) / 4; g++)
        pk[g] = OP(setzero)();
    const T *bq[4] = {b, b + 3 * csb, b + 6 * csb, b + 9 * csb};
    if (rsb == 1)
        LANES_CAT(NAME, _quarter_k4)(nr, k, a, lda, bq, csb, mq, acc, pk);
    else
        for (size_t p = 0; p < k; p++, a += lda) {
            const V a0 = OP(loadu)(a);
            const V a1 = QBCAST(QOP(maskz_loadu)(mq, a + W)); /* the quarter, 4 times */
            V bj[12];
#pragma GCC unroll 12
            for (int j = 0; j < nr; j++) {
                bj[j] = OP(set1)(bq[j / 3][(j % 3) * csb]);
                acc[j] = OP(fmadd)(a0, bj[j], acc[j]);
            }
#pragma GCC unroll 3
            for (int g = 0; g < (nr + 3) / 4; g++) {
                V v = bj[4 * g];
#pragma GCC unroll 4
                for (int s = 1; s < 4; s++)
                    if (4 * g + s < nr)
                        v = OP(mask_mov)(v, qmask[s], bj[4 * g + s]);
                pk[g] = OP(fmadd)(a1, v, pk[g]);
            }
#pragma GCC unroll 4
            for (int q = 0; q < (nr + 2) / 3; q++)
                bq[q] += rsb;
        }
    const V va = OP(set1)(alpha), vb = OP(set1)(beta);
    const QV qa = QOP(set1)(alpha), qb = QOP(set1)(beta);
    QV rq[12];
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++) {
        QV q = LANES_CAT(NAME, _quarter_of)(pk[j / 4], j % 4);
        rq[j] = alpha == 1 ? q : QOP(mul)(qa, q);
        if (alpha != 1)
            acc[j] = OP(mul)(va, acc[j]);
    }
    /* every load of C before any store, as in the block's epilogue */
    if (beta != 0)
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++) {
            acc[j] = OP(fmadd)(vb, OP(loadu)(c + j * ldc), acc[j]);
            rq[j] = QOP(fmadd)(qb, QOP(maskz_loadu)(mq, c + j * ldc + W), rq[j]);
        }
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++) {
        OP(storeu)(c + j * ldc, acc[j]);
        QOP(mask_storeu)(c + j * ldc + W, mq, rq[j]);
    }
}

/* One function per (vectors, columns) block: constants let the compiler keep
 * the accumulators in registers and unroll the j loop, and a table of small
 * functions (rather than one switch over all of them) keeps the call of a
 * tiny problem free of the register spills a large function needs.  Their
 * arguments all travel in registers (the problem's struct, the block's
 * corner of A, B and C, its masks): a tiny problem reaches its block by one
 * jump. */
typedef int LANES_CAT(NAME, _block_fn)(const ARGS *p, const T *a, const T *b, T *c,
                                       unsigned m0, unsigned m1); /* masks as MASK; 0 */
typedef void LANES_CAT(NAME, _rows_fn)(const ARGS *p, size_t blocks, const T *a, const T *b,
                                       T *c);
/* An edge block, and `blocks` full blocks down the rows (2W rows apart, the
 * column addresses set up once; the loop is kept out of the edge blocks,
 * whose set-up it would make longer).  The kinds that run tiny products
 * (one vector, two, one 256- or 128-bit) have a second copy, suffix _ab,
 * with alpha = 1 and beta = 0 (C := A B, the common call) as constants, so
 * that the epilogue's tests of alpha and beta fold away: taken by a
 * one-block product and by a prepared gemm (_block_of). */
#define LANES_DIRECT_FN_OF(MV, H, NR, SUF, ALPHA, BETA)                                          \
    static int LANES_CAT(NAME, _b##MV##H##x##NR##SUF)(const ARGS *p, const T *a, const T *b,     \
                                                      T *c, unsigned m0, unsigned m1)            \
    {                                                                                            \
        LANES_CAT(NAME, _block)(MV, H, NR, p->k, ALPHA, a, p->lda, b, p->rsb, p->csb, BETA, c,   \
                                p->ldc, (MASK)m0, (MASK)m1);                                     \
        return 0;                                                                                \
    }
#define LANES_DIRECT_FN(MV, H, NR) LANES_DIRECT_FN_OF(MV, H, NR, , p->alpha, p->beta)
#define LANES_DIRECT_AB_FN(MV, H, NR) LANES_DIRECT_FN_OF(MV, H, NR, _ab, (T)1, (T)0)
/* A lone vector narrower than 512 bits: BLOCK is _narrow (256) or _qnarrow
 * (128), P the functions' prefix in the table */
#define LANES_DIRECT_LONE_FN_OF(P, BLOCK, NR, SUF, ALPHA, BETA)                                  \
    static int LANES_CAT(NAME, P##NR##SUF)(const ARGS *p, const T *a, const T *b, T *c,          \
                                           unsigned m0, unsigned m1)                             \
    {                                                                                            \
        (void)m1;                                                                                \
        LANES_CAT(NAME, BLOCK)(1, 0, NR, p->k, ALPHA, a, p->lda, b, p->rsb, p->csb, BETA, c,     \
                               p->ldc, (__mmask8)m0, 0);                                         \
        return 0;                                                                                \
    }
#define LANES_DIRECT_LONE_FN(P, BLOCK, NR)                                                       \
    LANES_DIRECT_LONE_FN_OF(P, BLOCK, NR, , p->alpha, p->beta)
#define LANES_DIRECT_LONE_AB_FN(P, BLOCK, NR)                                                    \
    LANES_DIRECT_LONE_FN_OF(P, BLOCK, NR, _ab, (T)1, (T)0)
#define LANES_DIRECT_QUARTER_FN(NR)                                                              \
    static int LANES_CAT(NAME, _q##NR)(const ARGS *p, const T *a, const T *b, T *c,             \
                                       unsigned m0, unsigned m1)                                 \
    {                                                                                            \
        (void)m0;                                                                                \
        LANES_CAT(NAME, _quarter)(NR, p->k, p->alpha, a, p->lda, b, p->rsb, p->csb, p->beta, c,  \
                                  p->ldc, (MASK)m1);                                             \
        return 0;                                                                                \
    }
/* `blocks` full blocks of MV vectors down the rows: 2 vectors x up to 12
 * columns, or 4 x up to 6 (24 accumulators fed by 10 loads a k step where
 * 2 x 12 take 14) */
#define LANES_DIRECT_ROWS_FN(MV, NR)                                                             \
    static void LANES_CAT(NAME, _rows##MV##x##NR)(const ARGS *p, size_t blocks, const T *a,      \
                                                  const T *b, T *c)                              \
    {                                                                                            \
        const MASK f = (MASK)~(MASK)0;                                                           \
        for (size_t i = 0; i < blocks; i++)                                                      \
            LANES_CAT(NAME, _block)(MV, 0, NR, p->k, p->alpha, a + i * MV * W, p->lda, b,        \
                                    p->rsb, p->csb, p->beta, c + i * MV * W, p->ldc, f, f);      \
    }
#define LANES_DIRECT_FNS(F, ...)                                                                 \
    F(__VA_ARGS__ 1) F(__VA_ARGS__ 2) F(__VA_ARGS__ 3) F(__VA_ARGS__ 4) F(__VA_ARGS__ 5)         \
    F(__VA_ARGS__ 6) F(__VA_ARGS__ 7) F(__VA_ARGS__ 8) F(__VA_ARGS__ 9) F(__VA_ARGS__ 10)        \
    F(__VA_ARGS__ 11) F(__VA_ARGS__ 12)
LANES_DIRECT_FNS(LANES_DIRECT_FN, 1, 0, )
LANES_DIRECT_FNS(LANES_DIRECT_FN, 2, 0, )
LANES_DIRECT_FNS(LANES_DIRECT_FN, 2, 1, )
LANES_DIRECT_FNS(LANES_DIRECT_AB_FN, 1, 0, )
LANES_DIRECT_FNS(LANES_DIRECT_AB_FN, 2, 0, )
LANES_DIRECT_FNS(LANES_DIRECT_LONE_FN, _n1x, _narrow, )
LANES_DIRECT_FNS(LANES_DIRECT_LONE_FN, _x1x, _qnarrow, )
LANES_DIRECT_FNS(LANES_DIRECT_LONE_AB_FN, _n1x, _narrow, )
LANES_DIRECT_FNS(LANES_DIRECT_LONE_AB_FN, _x1x, _qnarrow, )
LANES_DIRECT_FNS(LANES_DIRECT_QUARTER_FN, )
LANES_DIRECT_FNS(LANES_DIRECT_ROWS_FN, 2, )
LANES_DIRECT_ROWS_FN(4, 1)
LANES_DIRECT_ROWS_FN(4, 2)
LANES_DIRECT_ROWS_FN(4, 3)
LANES_DIRECT_ROWS_FN(4, 4)
LANES_DIRECT_ROWS_FN(4, 5)
LANES_DIRECT_ROWS_FN(4, 6)
/* The last full block's 2W rows and the row edge below them (_loop_body
 * says which edges), as one block of MV vectors (3 x up to 8 columns, 4 x
 * up to 6), the last masked by m1 */
typedef void LANES_CAT(NAME, _wide_fn)(const ARGS *p, const T *a, const T *b, T *c, MASK m1);
#define LANES_DIRECT_WIDE_FN(MV, NR)                                                             \
    static void LANES_CAT(NAME, _wide##MV##x##NR)(const ARGS *p, const T *a, const T *b, T *c,   \
                                                  MASK m1)                                       \
    {                                                                                            \
        LANES_CAT(NAME, _block)(MV, 0, NR, p->k, p->alpha, a, p->lda, b, p->rsb, p->csb,         \
                                p->beta, c, p->ldc, (MASK)~(MASK)0, m1);                         \
    }
LANES_DIRECT_WIDE_FN(3, 1)
LANES_DIRECT_WIDE_FN(3, 2)
LANES_DIRECT_WIDE_FN(3, 3)
LANES_DIRECT_WIDE_FN(3, 4)
LANES_DIRECT_WIDE_FN(3, 5)
LANES_DIRECT_WIDE_FN(3, 6)
LANES_DIRECT_WIDE_FN(3, 7)
LANES_DIRECT_WIDE_FN(3, 8)
LANES_DIRECT_WIDE_FN(4, 1)
LANES_DIRECT_WIDE_FN(4, 2)
LANES_DIRECT_WIDE_FN(4, 3)
LANES_DIRECT_WIDE_FN(4, 4)
LANES_DIRECT_WIDE_FN(4, 5)
LANES_DIRECT_WIDE_FN(4, 6)
#undef LANES_DIRECT_WIDE_FN
/* [vectors - 3][columns - 1] */
static LANES_CAT(NAME, _wide_fn) *const LANES_CAT(NAME, _wide)[2][8] = {
    {LANES_CAT(NAME, _wide3x1), LANES_CAT(NAME, _wide3x2), LANES_CAT(NAME, _wide3x3),
     LANES_CAT(NAME, _wide3x4), LANES_CAT(NAME, _wide3x5), LANES_CAT(NAME, _wide3x6),
     LANES_CAT(NAME, _wide3x7), LANES_CAT(NAME, _wide3x8)},
    {LANES_CAT(NAME, _wide4x1), LANES_CAT(NAME, _wide4x2), LANES_CAT(NAME, _wide4x3),
     LANES_CAT(NAME, _wide4x4), LANES_CAT(NAME, _wide4x5), LANES_CAT(NAME, _wide4x6)}};
static LANES_CAT(NAME, _rows_fn) *const LANES_CAT(NAME, _rows4)[6] = {
    LANES_CAT(NAME, _rows4x1), LANES_CAT(NAME, _rows4x2), LANES_CAT(NAME, _rows4x3),
    LANES_CAT(NAME, _rows4x4), LANES_CAT(NAME, _rows4x5), LANES_CAT(NAME, _rows4x6)};
/* a row of the tables below: P##1##SUF to P##12##SUF */
#define LANES_DIRECT_ROW_OF(P, SUF)                                                              \
    {LANES_CAT(LANES_CAT(P, 1), SUF), LANES_CAT(LANES_CAT(P, 2), SUF),                           \
     LANES_CAT(LANES_CAT(P, 3), SUF), LANES_CAT(LANES_CAT(P, 4), SUF),                           \
     LANES_CAT(LANES_CAT(P, 5), SUF), LANES_CAT(LANES_CAT(P, 6), SUF),                           \
     LANES_CAT(LANES_CAT(P, 7), SUF), LANES_CAT(LANES_CAT(P, 8), SUF),                           \
     LANES_CAT(LANES_CAT(P, 9), SUF), LANES_CAT(LANES_CAT(P, 10), SUF),                          \
     LANES_CAT(LANES_CAT(P, 11), SUF), LANES_CAT(LANES_CAT(P, 12), SUF)}
#define LANES_DIRECT_ROW(P) LANES_DIRECT_ROW_OF(P, )
/* [one vector, two, two with a half-wide second, one 256-bit, one and
 * quarters, one 128-bit][columns - 1] */
static LANES_CAT(NAME, _block_fn) *const LANES_CAT(NAME, _blocks)[6][12] = {
    LANES_DIRECT_ROW(LANES_CAT(NAME, _b10x)), LANES_DIRECT_ROW(LANES_CAT(NAME, _b20x)),
    LANES_DIRECT_ROW(LANES_CAT(NAME, _b21x)), LANES_DIRECT_ROW(LANES_CAT(NAME, _n1x)),
    LANES_DIRECT_ROW(LANES_CAT(NAME, _q)), LANES_DIRECT_ROW(LANES_CAT(NAME, _x1x))};
/* kinds 0, 1, 3 and 5 (one vector, two, one 256-bit, one 128-bit) with
 * alpha = 1, beta = 0; none for the others */
static LANES_CAT(NAME, _block_fn) *const LANES_CAT(NAME, _blocks_ab)[6][12] = {
    LANES_DIRECT_ROW_OF(LANES_CAT(NAME, _b10x), _ab),
    LANES_DIRECT_ROW_OF(LANES_CAT(NAME, _b20x), _ab), {0},
    LANES_DIRECT_ROW_OF(LANES_CAT(NAME, _n1x), _ab), {0},
    LANES_DIRECT_ROW_OF(LANES_CAT(NAME, _x1x), _ab)};
static LANES_CAT(NAME, _rows_fn) *const LANES_CAT(NAME, _rows)[12] =
    LANES_DIRECT_ROW(LANES_CAT(NAME, _rows2x));
#undef LANES_DIRECT_FN
#undef LANES_DIRECT_ROWS_FN
#undef LANES_DIRECT_LONE_FN
#undef LANES_DIRECT_LONE_AB_FN
#undef LANES_DIRECT_AB_FN
#undef LANES_DIRECT_FN_OF
#undef LANES_DIRECT_LONE_FN_OF
#undef LANES_DIRECT_QUARTER_FN
#undef LANES_DIRECT_FNS
#undef LANES_DIRECT_ROW
#undef LANES_DIRECT_ROW_OF

/* The row edge of a problem m rows tall (rows = m % 2W): its masks, the kind
 * of block (at most W/4 rows past the first vector go four columns to a
 * vector; at most W/2, a half-wide second vector; a lone vector that short,
 * the whole block 256 bits wide, or 128 bits at most W/4), and whether a
 * lane past m is masked off (none at W + W/4 rows either: the quarter
 * block's 128-bit loads and stores are exactly its live rows; with C ending
 * 8 bytes before a page end, 10 x 256 x 128 double 1.14x as fast without
 * the copies, 20 x 64 x 64 float 1.27x, 10 x 10 x 10 double 1.87x).  A
 * table by rows, where working them out cost
 * a one-block product (below) 1-8% of its time (Zen 5, 4, 5 and 8 s and d,
 * lanes_ab). */
struct LANES_CAT(NAME, _one) {
    MASK m0, m1;
    unsigned char kind, masked; /* masked: some lane past m is masked off */
};
#define LANES_ONE(r)                                                                             \
    {(MASK)((r) >= W ? ~0u : (1u << (r)) - 1), (MASK)((r) > W ? (1u << ((r)-W)) - 1 : 0),       \
     (unsigned char)((r) > W ? ((r)-W <= W / 4 ? 4 : (r)-W <= W / 2 ? 2 : 1)                     \
                     : (r) <= W / 4 ? 5                                                          \
                     : (r) <= W / 2 ? 3                                                          \
                                    : 0),                                                        \
     (unsigned char)((r) % W != 0 && (r) != W / 2 && (r) != W / 4 && (r) != W + W / 4)}
#define LANES_ONE4(r) LANES_ONE(r), LANES_ONE(r + 1), LANES_ONE(r + 2), LANES_ONE(r + 3)
/* [m % 2W] */
static const struct LANES_CAT(NAME, _one) LANES_CAT(NAME, _ones)[2 * W] = {
    LANES_ONE4(0), LANES_ONE4(4), LANES_ONE4(8), LANES_ONE4(12),
#if W == 16
    LANES_ONE4(16), LANES_ONE4(20), LANES_ONE4(24), LANES_ONE4(28)
#endif
};
_Static_assert(W == 8 || W == 16, "the table above lists 2W rows");
#undef LANES_ONE
#undef LANES_ONE4

/* The block of a kind and width for p: the copy with alpha = 1 and beta = 0
 * as constants where p has them and the kind has such a copy (a non-null
 * entry of _blocks_ab).  Those tests and the stores they choose between are
 * much of a tiny block's work: prepared 4 x 4 x 4, Emerald Rapids, double
 * 19.2 -> 16.9 tsc a run, float 17.7 -> 16.1; against OpenBLAS (bench_blas)
 * double 4 prepared 2.78-3.04x -> 3.33-3.43x, double 16 prepared
 * 1.15-1.20x -> 1.21-1.32x. */
static inline LANES_CAT(NAME, _block_fn) *LANES_CAT(NAME, _block_of)(const ARGS *p, int kind,
                                                                    size_t nr)
{
    LANES_CAT(NAME, _block_fn) *ab =
        p->alpha == 1 && p->beta == 0 ? LANES_CAT(NAME, _blocks_ab)[kind][nr - 1] : NULL;
    return ab ? ab : LANES_CAT(NAME, _blocks)[kind][nr - 1];
}

#include "kernels/gemm_direct_edge.h"

/* j outer: the 12 columns of B being broadcast stay in L1 while the row
 * blocks of A stream past.  at (NULL: none): room for the copy of A's edge
 * rows, where the row edge goes to gemm_direct_edge.h (LANES_DIRECT_EDGES),
 * in a copy of the loop of its own: in the one loop, the set-up of that
 * room cost products without such an edge 3-5% (16 x 16 x 16 and 32 x 32
 * x 32 float, 16 x 16 x 16 double). */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _loop_body)(const ARGS *p,
                                                                              T *at)
{
    const size_t m = p->m, n = p->n, ldc = p->ldc;
    const ptrdiff_t csb = p->csb;
    /* While A (m x k) stays in L1, rows go in blocks of 4 vectors first (one
     * load per 2.4 FMAs; measured 64 x 64 x 64: s 1.01-1.02x, d 1.03-1.04x).
     * Past that, the blocks of 6 columns read A from L2 twice as often as
     * blocks of 12 (128 and 256: 0.98x), unless there are no more than 6:
     * then A is read once either way, and 4 vectors keep 4n chains of FMAs
     * where 2 kept 2n, too few to cover the FMA's latency for n <= 4 (Zen 5,
     * against 2 vectors, both builds in one process in either order: m x n
     * x k 256 x 4 x 128 d 1.15-1.23x, s 1.14-1.15x; 256 x 2 x 128 d 1.33x;
     * 512 x 4 x 512 d 1.24-1.83x; 256 x 6 x 128 1.01-1.04x). */
    size_t rows4 =
        m * p->k * sizeof(T) <= 32 * 1024 || n <= 6 ? m / (4 * W) * (4 * W) : 0;
    size_t full_rows = rows4 + (m - rows4) / (2 * W) * (2 * W), rows = m - full_rows;
    /* the row edge as dot products or along B's rows (gemm_direct_edge.h),
     * or by the blocks below */
    const size_t edge = rows;
    const int how = LANES_CAT(NAME, _edge_begin)(p, full_rows, edge, at);
    if (how != LANES_EDGE_NONE)
        rows = 0;
    /* A row edge of at most W/4 rows below a full block: that block's 2W
     * rows and the edge run as one vector (W rows) and one with quarters
     * (W + rows), 12 + 15 FMAs a k step for 12 columns where 24 + 12 ran
     * (the 128-bit edge block takes as many as a full vector). */
    const int fold = rows && rows <= W / 4 && full_rows >= 2 * W;
    const struct LANES_CAT(NAME, _one) *q = &LANES_CAT(NAME, _ones)[fold ? W + rows : 0];
    /* the edge's kind and masks (rows, unless it went above, is m % 2W) */
    const struct LANES_CAT(NAME, _one) *e = &LANES_CAT(NAME, _ones)[m % (2 * W)];
    /* An edge for a 512-bit block (kinds 0-2: more than half a vector, not
     * a quarter past one) below a full block: that block and the edge as
     * one block of 3 or 4 vectors (_wide), 8 or 6 columns wide, where the
     * edge's own block of 12 columns fed each FMA with a load (one vector)
     * or 24 FMAs with 14 (two).  Zen 5, 1 thread, against the two blocks, both
     * builds and OpenBLAS in one process: float 42-46 square 1.06-1.10x,
     * 44 x 200 x 40 1.06x, 54 1.04x, 58 1.02x, 120 x 100 x 64 1.05x; double
     * 21-24 1.03-1.04x, 22 x 200 x 40 1.06x, 27 1.02x, 40 and 56 1.02-1.04x.
     * Not for the narrow and quarter edges (their blocks take k in pairs
     * or fours where B's columns are contiguous): float 38, 40 and 50
     * 0.91-0.94x. */
    const int wide = rows && e->kind <= 2 && full_rows >= 2 * W;
    const size_t wv = 2 + (rows + W - 1) / W; /* its vectors, if wide */
    const MASK wmask = rows > W ? e->m1 : e->m0; /* the last one's */
    if (fold || wide) {
        if (full_rows == rows4)
            rows4 -= 4 * W;
        full_rows -= 2 * W;
        rows = 0;
    }
    for (size_t j0 = 0, nr; rows4 && j0 < n; j0 += nr) {
        nr = lanes_direct_cols(n - j0, 6);
        LANES_CAT(NAME, _rows4)[nr - 1](p, rows4 / (4 * W), p->a, p->b + (ptrdiff_t)j0 * csb,
                                        p->c + j0 * ldc);
    }
    for (size_t j0 = 0, nr; rows4 < m && j0 < n; j0 += nr) {
        nr = lanes_direct_cols(n - j0, 12);
        const T *bj = p->b + (ptrdiff_t)j0 * csb;
        T *cj = p->c + j0 * ldc;
        if (full_rows > rows4)
            LANES_CAT(NAME, _rows)[nr - 1](p, (full_rows - rows4) / (2 * W), p->a + rows4, bj,
                                           cj + rows4);
        if (rows)
            LANES_CAT(NAME, _blocks)[e->kind][nr - 1](p, p->a + full_rows, bj, cj + full_rows,
                                                      e->m0, e->m1);
        if (fold) {
            LANES_CAT(NAME, _blocks)[0][nr - 1](p, p->a + full_rows, bj, cj + full_rows,
                                                (MASK)~(MASK)0, 0);
            LANES_CAT(NAME, _blocks)[q->kind][nr - 1](p, p->a + full_rows + W, bj,
                                                      cj + full_rows + W, q->m0, q->m1);
        }
        LANES_CAT(NAME, _edge_cols)(how, p, at, full_rows, edge, j0, j0 + nr);
    }
    for (size_t j0 = 0, nr; wide && j0 < n; j0 += nr) {
        nr = lanes_direct_cols(n - j0, wv == 3 ? 8 : 6);
        LANES_CAT(NAME, _wide)[wv - 3][nr - 1](p, p->a + full_rows, p->b + (ptrdiff_t)j0 * csb,
                                               p->c + j0 * ldc + full_rows, wmask);
    }
    LANES_CAT(NAME, _edge_end)(how, p, full_rows, edge);
}

static __attribute__((noinline)) void LANES_CAT(NAME, _loop_edges)(const ARGS *p)
{
    T at[4 * LANES_CAT(NAME, _KC)] __attribute__((aligned(64)));
    LANES_CAT(NAME, _loop_body)(p, at);
}

static __attribute__((noinline)) void LANES_CAT(NAME, _loop)(const ARGS *p)
{
    if (__builtin_expect(LANES_DIRECT_EDGES(p, 2 * W), 0))
        LANES_CAT(NAME, _loop_edges)(p);
    else
        LANES_CAT(NAME, _loop_body)(p, NULL);
}

/* The kind and masks of one row of blocks m rows tall (0 < m <= 2W), as the
 * loop runs it: 2W rows are its one block of two full vectors (_rows),
 * fewer the row edge's own (_ones) */
static const struct LANES_CAT(NAME, _one) LANES_CAT(NAME, _two) = {(MASK)~(MASK)0,
                                                                   (MASK)~(MASK)0, 1, 0};
static inline const struct LANES_CAT(NAME, _one) *LANES_CAT(NAME, _row_of)(size_t m)
{
    return m == 2 * W ? &LANES_CAT(NAME, _two) : &LANES_CAT(NAME, _ones)[m % (2 * W)];
}

/* A problem of one row of blocks (m <= 2W) by its blocks, left to right as
 * the loop runs them (the same C), without the loop's set-up */
static __attribute__((noinline)) void LANES_CAT(NAME, _row)(const ARGS *p, int kind, MASK m0,
                                                            MASK m1)
{
    const size_t n = p->n;
    for (size_t j0 = 0, nr; j0 < n; j0 += nr) {
        nr = lanes_direct_cols(n - j0, 12);
        LANES_CAT(NAME, _block_of)(p, kind, nr)(p, p->a, p->b + (ptrdiff_t)j0 * p->csb,
                                                p->c + j0 * p->ldc, m0, m1);
    }
}

/* A problem that is one block (m < 2W rows, n <= 12 columns) goes straight
 * to it (a tail call): the loop's set-up and saved registers cost a 4 x 4 x
 * 4 float product 16% of its time (Zen 5); one row of blocks to _row.  A
 * row edge with masked-off lanes whose last window could reach another page
 * runs on copies (LANES_DIRECT_BOUNCE): with the next page not yet touched,
 * 4 x 4 x 4 float took 669 tsc a call, not 33. */
void NAME(const ARGS *p)
{
    const size_t m = p->m;
    const struct LANES_CAT(NAME, _one) *e = &LANES_CAT(NAME, _ones)[m % (2 * W)];
    if (__builtin_expect(e->masked && LANES_DIRECT_NEAR_PAGE(p), 0)) {
        LANES_DIRECT_BOUNCE(p, LANES_CAT(NAME, _loop));
        return;
    }
    if (m < 2 * W && p->n <= 12) {
        LANES_CAT(NAME, _block_of)(p, e->kind, p->n)(p, p->a, p->b, p->c, e->m0, e->m1);
        return;
    }
    if (m <= 2 * W) {
        const struct LANES_CAT(NAME, _one) *r = LANES_CAT(NAME, _row_of)(m);
        LANES_CAT(NAME, _row)(p, r->kind, r->m0, r->m1);
        return;
    }
    LANES_CAT(NAME, _loop)(p);
}

/* The blocks of a prepared problem (kernels.h, lanes_sgemm_block_of_fn):
 * those the code above runs, if p is one row of blocks: up to 2W rows, as
 * the loop takes them (2W rows: its one row block of two full vectors),
 * and at most LANES_PLAN_BLOCKS column blocks. */
int BLOCK_OF(const ARGS *p, BLOCK *blk)
{
    const size_t m = p->m, n = p->n;
    if (m == 0 || m > 2 * W || n == 0)
        return 0;
    const struct LANES_CAT(NAME, _one) *r = LANES_CAT(NAME, _row_of)(m);
    unsigned count = 0;
    for (size_t j0 = 0, nr; j0 < n; j0 += nr, count++) {
        if (count == LANES_PLAN_BLOCKS)
            return 0;
        nr = lanes_direct_cols(n - j0, 12);
        blk->fn[count] = LANES_CAT(NAME, _block_of)(p, r->kind, nr);
        blk->boff[count] = (ptrdiff_t)j0 * p->csb;
        blk->coff[count] = j0 * p->ldc;
    }
    blk->count = count;
    blk->m0 = r->m0;
    blk->m1 = r->m1;
    blk->page_test = r->masked;
    return 1;
}
#undef LANES_DOTS_LD
