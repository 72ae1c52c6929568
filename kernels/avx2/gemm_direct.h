/* Direct (unpacked) gemm for one type, AVX2 + FMA; contract in
 * kernels/kernels.h.  Included twice by gemm.c with
 *   T, V (vector type), W (lanes), OP(name) (_mm256_name_ps/_pd), NAME,
 *   HV, HOP(name) (the 128-bit vector type and intrinsics),
 *   ARGS (the argument struct),
 *   BLOCK_OF, BLOCK, BLOCK_FN (the prepared gemm's block lookup, its result
 *   and block types, kernels.h),
 *   MASKGEN(rem) (lane mask for rem <= W lanes)
 * Register block: up to 2 vectors down a column of C x 6 columns, 12
 * accumulators of the 16 ymm.  Row edges use maskload/maskstore, but for
 * exactly W/2 rows (4 floats, 2 doubles), a block 128 bits wide. */

/* maskload/maskstore are slow on AMD: a block whose rows are all inside C
 * (edge == 0) uses plain loads and stores. */
#define LOADM(p, m) (edge ? OP(maskload)(p, m) : OP(loadu)(p))
#define STOREM(p, m, v) (edge ? OP(maskstore)(p, m, v) : OP(storeu)(p, v))

static inline __attribute__((always_inline)) void LANES_CAT(NAME, _block)(
    const int mv, const int nr, const int edge, size_t k, T alpha, const T *a, size_t lda,
    const T *b, ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c, size_t ldc, __m256i m0, __m256i m1)
{
    V acc[6][2];
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 2
        for (int v = 0; v < mv; v++)
            acc[j][v] = OP(setzero)();
    for (size_t p = 0; p < k; p++, a += lda, b += rsb) {
        V a0 = LOADM(a, m0), a1 = mv > 1 ? LOADM(a + W, m1) : a0;
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++) {
            V bj = OP(set1)(b[j * csb]);
            acc[j][0] = OP(fmadd)(a0, bj, acc[j][0]);
            if (mv > 1)
                acc[j][1] = OP(fmadd)(a1, bj, acc[j][1]);
        }
    }
    const V va = OP(set1)(alpha), vb = OP(set1)(beta);
    if (beta == 0) {
#pragma GCC unroll 12
        for (int j = 0; j < nr; j++)
#pragma GCC unroll 2
            for (int v = 0; v < mv; v++)
                STOREM(c + j * ldc + v * W, v ? m1 : m0,
                       alpha == 1 ? acc[j][v] : OP(mul)(va, acc[j][v]));
        return;
    }
    /* Every load of C before any store: a load waits for an earlier
     * maskstore into its window (AMD does not forward them), and with ldc <
     * W a window reaches into the next column (Zen 5, beta = 1: 4 to 13
     * float 1.2-1.4x as fast) */
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 2
        for (int v = 0; v < mv; v++)
            acc[j][v] = OP(fmadd)(vb, LOADM(c + j * ldc + v * W, v ? m1 : m0),
                                  alpha == 1 ? acc[j][v] : OP(mul)(va, acc[j][v]));
#pragma GCC unroll 12
    for (int j = 0; j < nr; j++)
#pragma GCC unroll 2
        for (int v = 0; v < mv; v++)
            STOREM(c + j * ldc + v * W, v ? m1 : m0, acc[j][v]);
}

/* A row edge of exactly W/2 rows: one 128-bit vector down each column, by
 * plain loads and stores.  The masked 256-bit block there paid for
 * maskload and maskstore (slow on AMD) and, with no lane of its window
 * outside C, still for the page test (NAME, below). */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _half)(
    const int nr, size_t k, T alpha, const T *a, size_t lda, const T *b, ptrdiff_t rsb,
    ptrdiff_t csb, T beta, T *c, size_t ldc)
{
    HV acc[6];
#pragma GCC unroll 6
    for (int j = 0; j < nr; j++)
        acc[j] = HOP(setzero)();
    for (size_t p = 0; p < k; p++, a += lda, b += rsb) {
        const HV a0 = HOP(loadu)(a);
#pragma GCC unroll 6
        for (int j = 0; j < nr; j++)
            acc[j] = HOP(fmadd)(a0, HOP(set1)(b[j * csb]), acc[j]);
    }
    const HV va = HOP(set1)(alpha), vb = HOP(set1)(beta);
#pragma GCC unroll 6
    for (int j = 0; j < nr; j++) {
        const HV r = alpha == 1 ? acc[j] : HOP(mul)(va, acc[j]);
        HOP(storeu)(c + j * ldc, beta == 0 ? r : HOP(fmadd)(vb, HOP(loadu)(c + j * ldc), r));
    }
}

/* One function per (vectors, columns, edge) block: constants let the
 * compiler keep the accumulators in registers and unroll the j loop, and a
 * table of small functions (rather than one switch over all of them) keeps
 * the call of a tiny problem free of the register spills a large function
 * needs. */
typedef void LANES_CAT(NAME, _block_fn)(size_t k, T alpha, const T *a, size_t lda, const T *b,
                                        ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c, size_t ldc,
                                        __m256i m0, __m256i m1);
/* E: 0 plain, 1 masked, 2 the 128-bit block (m0, m1 unused).  Each block
 * twice: _b, the loop's, and _p, the same with a prepared gemm's signature
 * (kernels.h, lanes_sgemm_block_fn), whose m0 and m1 count the live rows of
 * the first and second vector. */
#define LANES_DIRECT_FN(E, MV, NR)                                                               \
    static void LANES_CAT(NAME, _b##E##_##MV##x##NR)(size_t k, T alpha, const T *a, size_t lda,  \
                                                     const T *b, ptrdiff_t rsb, ptrdiff_t csb,   \
                                                     T beta, T *c, size_t ldc, __m256i m0,       \
                                                     __m256i m1)                                 \
    {                                                                                            \
        if (E == 2)                                                                              \
            LANES_CAT(NAME, _half)(NR, k, alpha, a, lda, b, rsb, csb, beta, c, ldc);             \
        else                                                                                     \
            LANES_CAT(NAME, _block)(MV, NR, E, k, alpha, a, lda, b, rsb, csb, beta, c, ldc, m0,  \
                                    m1);                                                         \
    }                                                                                            \
    static int LANES_CAT(NAME, _p##E##_##MV##x##NR)(const ARGS *p, const T *a, const T *b,       \
                                                    T *c, unsigned m0, unsigned m1)              \
    {                                                                                            \
        const __m256i none = _mm256_setzero_si256();                                             \
        LANES_CAT(NAME, _b##E##_##MV##x##NR)(p->k, p->alpha, a, p->lda, b, p->rsb, p->csb,       \
                                             p->beta, c, p->ldc, E == 1 ? MASKGEN(m0) : none,    \
                                             E == 1 ? MASKGEN(m1) : none);                       \
        return 0;                                                                                \
    }
#define LANES_DIRECT_FNS(F, E, MV)                                                               \
    F(E, MV, 1) F(E, MV, 2) F(E, MV, 3) F(E, MV, 4) F(E, MV, 5) F(E, MV, 6)
LANES_DIRECT_FNS(LANES_DIRECT_FN, 0, 1)
LANES_DIRECT_FNS(LANES_DIRECT_FN, 0, 2)
LANES_DIRECT_FNS(LANES_DIRECT_FN, 1, 1)
LANES_DIRECT_FNS(LANES_DIRECT_FN, 1, 2)
LANES_DIRECT_FNS(LANES_DIRECT_FN, 2, 1)
/* [plain, masked, 128-bit][one vector, two][columns - 1], of _b or _p (P) */
#define LANES_DIRECT_ROW(P, E, MV)                                                               \
    {LANES_CAT(NAME, P##E##_##MV##x1), LANES_CAT(NAME, P##E##_##MV##x2),                        \
     LANES_CAT(NAME, P##E##_##MV##x3), LANES_CAT(NAME, P##E##_##MV##x4),                        \
     LANES_CAT(NAME, P##E##_##MV##x5), LANES_CAT(NAME, P##E##_##MV##x6)}
#define LANES_DIRECT_TABLE(P)                                                                    \
    {{LANES_DIRECT_ROW(P, 0, 1), LANES_DIRECT_ROW(P, 0, 2)},                                     \
     {LANES_DIRECT_ROW(P, 1, 1), LANES_DIRECT_ROW(P, 1, 2)},                                     \
     {LANES_DIRECT_ROW(P, 2, 1), LANES_DIRECT_ROW(P, 2, 1)}}
static LANES_CAT(NAME, _block_fn) *const LANES_CAT(NAME, _blocks)[3][2][6] =
    LANES_DIRECT_TABLE(_b);
static BLOCK_FN *const LANES_CAT(NAME, _plan_blocks)[3][2][6] = LANES_DIRECT_TABLE(_p);
#undef LANES_DIRECT_TABLE
#undef LANES_DIRECT_FN
#undef LANES_DIRECT_FNS
#undef LANES_DIRECT_ROW
#undef LOADM
#undef STOREM

/* The block for the `rows` rows left from a row block's top (2W or more: a
 * full block): its kind (the tables' first index), and the live rows of its
 * first and second vector */
static inline int LANES_CAT(NAME, _kind)(size_t rows)
{
    return rows == W / 2 ? 2 : rows < 2 * W && rows != W;
}
static inline unsigned LANES_CAT(NAME, _live0)(size_t rows)
{
    return rows >= W ? W : (unsigned)rows;
}
static inline unsigned LANES_CAT(NAME, _live1)(size_t rows)
{
    return rows >= 2 * W ? W : rows > W ? (unsigned)(rows - W) : 0;
}
/* Whether an m-row problem's row edge has masked-off lanes (W/2 rows: the
 * 128-bit block, none) */
static inline int LANES_CAT(NAME, _masked)(size_t m)
{
    return m % W != 0 && m % (2 * W) != W / 2;
}

#include "kernels/gemm_direct_edge.h"

/* at (NULL: none): room for the copy of A's edge rows, where the row edge
 * goes to gemm_direct_edge.h, in a copy of the loop of its own (as
 * AVX-512's) */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _loop_body)(const ARGS *p,
                                                                              T *at)
{
    LANES_DIRECT_UNPACK(p);
    /* A row edge of at most half a vector below whole blocks: dot products
     * (B's k steps contiguous) or vectors along B's rows (gemm_direct_edge.h),
     * where a block would run a whole vector for it (Zen 5, 1 thread, AVX2
     * forced, against the blocks: float 97 x 100 x 100 NN 1.07x, NT 1.08x,
     * 33 x 100 x 100 1.25x, 33 x 33 x 33 1.20x; double 17 x 100 x 100
     * 1.20-1.23x, 49 x 100 x 100 1.05-1.11x).  mb: the blocks' rows */
    const size_t edge = m % (2 * W), mb = at ? m - edge : m;
    const int how = LANES_CAT(NAME, _edge_begin)(p, mb, edge, at);
    for (size_t j0 = 0, nr; j0 < n; j0 += nr) {
        nr = lanes_direct_cols(n - j0, 6);
        for (size_t i0 = 0; i0 < mb; i0 += 2 * W) {
            const size_t rows = mb - i0;
            const __m256i m0 = MASKGEN(LANES_CAT(NAME, _live0)(rows)),
                          m1 = MASKGEN(LANES_CAT(NAME, _live1)(rows));
            LANES_CAT(NAME, _blocks)[LANES_CAT(NAME, _kind)(rows)][rows > W][nr - 1](
                k, alpha, a + i0, lda, b + (ptrdiff_t)j0 * csb, rsb, csb, beta, c + i0 + j0 * ldc,
                ldc, m0, m1);
        }
        LANES_CAT(NAME, _edge_cols)(how, p, at, mb, edge, j0, j0 + nr);
    }
    LANES_CAT(NAME, _edge_end)(how, p, mb, edge);
}

static __attribute__((noinline)) void LANES_CAT(NAME, _loop_edges)(const ARGS *p)
{
    T at[4 * LANES_CAT(NAME, _KC)] __attribute__((aligned(64)));
    LANES_CAT(NAME, _loop_body)(p, at);
}

static void LANES_CAT(NAME, _loop)(const ARGS *p)
{
    if (__builtin_expect(LANES_DIRECT_EDGES(p, 2 * W), 0))
        LANES_CAT(NAME, _loop_edges)(p);
    else
        LANES_CAT(NAME, _loop_body)(p, NULL);
}

/* A row edge (maskload/maskstore) whose last window could reach another
 * page runs on copies (LANES_DIRECT_BOUNCE): with the next page not yet
 * touched, 4 x 4 x 4 float took 621 tsc a call, not 37 (Zen 5).  An edge of
 * W/2 rows (the 128-bit block) has no masked-off lane.  A problem that is
 * one block goes straight to it, as the loop would, out of line (inline,
 * its register saves and stack alignment came before every loop too):
 * Zen 5, 4 x 4 x 4 s 31.9 -> 28.9, d 33.8 -> 26.9 tsc a call; 8 and 16 the
 * same. */
static __attribute__((noinline)) void LANES_CAT(NAME, _one)(const ARGS *p)
{
    const size_t m = p->m;
    LANES_CAT(NAME, _blocks)[LANES_CAT(NAME, _kind)(m)][m > W][p->n - 1](
        p->k, p->alpha, p->a, p->lda, p->b, p->rsb, p->csb, p->beta, p->c, p->ldc,
        MASKGEN(LANES_CAT(NAME, _live0)(m)), MASKGEN(LANES_CAT(NAME, _live1)(m)));
}

void NAME(const ARGS *p)
{
    const size_t m = p->m;
    if (__builtin_expect(LANES_CAT(NAME, _masked)(m) && LANES_DIRECT_NEAR_PAGE(p), 0))
        LANES_DIRECT_BOUNCE(p, LANES_CAT(NAME, _loop));
    else if (m <= 2 * W && p->n <= 6)
        LANES_CAT(NAME, _one)(p);
    else
        LANES_CAT(NAME, _loop)(p);
}

/* The blocks of a prepared problem (kernels.h, lanes_sgemm_block_of_fn):
 * those the loop above runs, if p is one row of blocks (up to 2W rows) of
 * at most LANES_PLAN_BLOCKS column blocks. */
int BLOCK_OF(const ARGS *p, BLOCK *blk)
{
    const size_t m = p->m, n = p->n;
    if (m == 0 || m > 2 * W || n == 0)
        return 0;
    const int kind = LANES_CAT(NAME, _kind)(m), two = m > W;
    unsigned count = 0;
    for (size_t j0 = 0, nr; j0 < n; j0 += nr, count++) {
        if (count == LANES_PLAN_BLOCKS)
            return 0;
        nr = lanes_direct_cols(n - j0, 6);
        blk->fn[count] = LANES_CAT(NAME, _plan_blocks)[kind][two][nr - 1];
        blk->boff[count] = (ptrdiff_t)j0 * p->csb;
        blk->coff[count] = j0 * p->ldc;
    }
    blk->count = count;
    blk->m0 = LANES_CAT(NAME, _live0)(m);
    blk->m1 = LANES_CAT(NAME, _live1)(m);
    blk->page_test = LANES_CAT(NAME, _masked)(m);
    return 1;
}
#undef LANES_DOTS_LD
