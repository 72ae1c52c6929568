/* Direct gemm into a transposed C, AVX-512 (kernels.h, the direct_t slot):
 * a column-major TT product C = A^T B^T (every dimension up to 64) is C^T
 * = B A, a direct problem whose vectors run down B's columns, along C's
 * rows; here each tile of it is transposed in registers on the way out,
 * where the frame would otherwise store C^T and transpose it through
 * memory, or copy A^T first (Zen 5, 1 thread, 16 x 16 x 16 float TT: 135
 * TSC ticks a call against 195-200, OpenBLAS 185).  Included by gemm.c per
 * type with
 *   T, V, W, MASK, OP(name), ARGS, TNAME (the entry's name), ROW(p, n) and
 *   ROW_STORE(p, n, v) (a row of n < W elements to and from a vector
 *   without a masked access),
 *   TR(acc, mv) (acc[16]: each of mv W x W blocks, acc[v W + s] lane r ->
 *   acc[v W + r] lane s, in place)
 * Every element is its own chain of FMAs in k order, whatever the tile. */

/* A tile is mv vectors of C^T's rows (W each; floats 1, doubles 1 or 2)
 * by up to W of its columns: up to 16 chains of FMAs fed by mv loads of A
 * and W broadcasts of B a k step (2 x 8 doubles: 10 loads for 16 FMAs,
 * 16 floats: 17).  A double tile of 8 rows or fewer is one vector, so that
 * no FMA or load is spent on an empty one. */

/* The tile's sums, acc[v W + s] lane r for row v W + r and column s,
 * transposed (TR) and stored: row v W + r (< rows) at c + (v W + r) ldc,
 * its ns columns (a constant) */
static inline __attribute__((always_inline)) void LANES_CAT(TNAME, _store)(
    const int mv, const int ns, V acc[16], unsigned rows, T alpha, T beta, T *c, size_t ldc)
{
    TR(acc, mv);
    const V va = OP(set1)(alpha), vb = OP(set1)(beta);
#pragma GCC unroll 16
    for (int i = 0; i < mv * W; i++)
        if (alpha != 1)
            acc[i] = OP(mul)(va, acc[i]);
    /* a row short of W by plain accesses (ROW, ROW_STORE), so that C
     * needs no page test; every load of C before any store (with ldc < W
     * a row's loads overlap the next row's first elements) */
    if (beta != 0)
#pragma GCC unroll 16
        for (int i = 0; i < mv * W; i++)
            if ((unsigned)i < rows)
                acc[i] = OP(fmadd)(vb,
                                   ns == W ? OP(loadu)(c + (size_t)i * ldc)
                                           : ROW(c + (size_t)i * ldc, (size_t)ns),
                                   acc[i]);
#pragma GCC unroll 16
    for (int i = 0; i < mv * W; i++)
        if ((unsigned)i < rows) {
            if (ns == W)
                OP(storeu)(c + (size_t)i * ldc, acc[i]);
            else
                ROW_STORE(c + (size_t)i * ldc, (size_t)ns, acc[i]);
        }
}

/* One tile: C^T's rows [0, rows) (am[v]: their lanes of A's vector v) by
 * ns columns; a, b, c at its corner */
static inline __attribute__((always_inline)) void LANES_CAT(TNAME, _tile)(
    const int mv, const int ns, const ARGS *p, const T *a, const T *b, T *c, MASK am0,
    MASK am1, unsigned rows)
{
    V acc[16];
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++)
        acc[i] = OP(setzero)();
    const size_t lda = p->lda;
    const ptrdiff_t rsb = p->rsb, csb = p->csb;
    /* B's columns through bases 4 apart, as the direct block's */
    const T *bq[4] = {b, b + 4 * csb, b + 8 * csb, b + 12 * csb};
#pragma GCC unroll 2
    for (size_t q = 0; q < p->k; q++, a += lda) {
        V av[2];
#pragma GCC unroll 2
        for (int v = 0; v < mv; v++)
            av[v] = OP(maskz_loadu)(v ? am1 : am0, a + v * W);
#pragma GCC unroll 16
        for (int s = 0; s < ns; s++) {
            const V bs = OP(set1)(bq[s / 4][(s % 4) * csb]);
#pragma GCC unroll 2
            for (int v = 0; v < mv; v++)
                acc[v * W + s] = OP(fmadd)(av[v], bs, acc[v * W + s]);
        }
#pragma GCC unroll 4
        for (int g = 0; g < (ns + 3) / 4; g++)
            bq[g] += rsb;
    }
    LANES_CAT(TNAME, _store)(mv, ns, acc, rows, p->alpha, p->beta, c, p->ldc);
}

typedef void LANES_CAT(TNAME, _tile_fn)(const ARGS *p, const T *a, const T *b, T *c, MASK am0,
                                        MASK am1, unsigned rows);
#define LANES_DIRECT_T_FN(MV, NS)                                                                \
    static void LANES_CAT(TNAME, _t##MV##x##NS)(const ARGS *p, const T *a, const T *b, T *c,    \
                                                MASK am0, MASK am1, unsigned rows)               \
    {                                                                                            \
        LANES_CAT(TNAME, _tile)(MV, NS, p, a, b, c, am0, am1, rows);                             \
    }
#define LANES_DIRECT_T_FNS(MV)                                                                   \
    LANES_DIRECT_T_FN(MV, 1) LANES_DIRECT_T_FN(MV, 2) LANES_DIRECT_T_FN(MV, 3)                  \
    LANES_DIRECT_T_FN(MV, 4) LANES_DIRECT_T_FN(MV, 5) LANES_DIRECT_T_FN(MV, 6)                  \
    LANES_DIRECT_T_FN(MV, 7) LANES_DIRECT_T_FN(MV, 8)
#define LANES_DIRECT_T_ROW(MV)                                                                   \
    LANES_CAT(TNAME, _t##MV##x1), LANES_CAT(TNAME, _t##MV##x2), LANES_CAT(TNAME, _t##MV##x3),    \
        LANES_CAT(TNAME, _t##MV##x4), LANES_CAT(TNAME, _t##MV##x5),                              \
        LANES_CAT(TNAME, _t##MV##x6), LANES_CAT(TNAME, _t##MV##x7), LANES_CAT(TNAME, _t##MV##x8)
LANES_DIRECT_T_FNS(1)
#if W == 16
LANES_DIRECT_T_FN(1, 9)
LANES_DIRECT_T_FN(1, 10)
LANES_DIRECT_T_FN(1, 11)
LANES_DIRECT_T_FN(1, 12)
LANES_DIRECT_T_FN(1, 13)
LANES_DIRECT_T_FN(1, 14)
LANES_DIRECT_T_FN(1, 15)
LANES_DIRECT_T_FN(1, 16)
/* [mv - 1][ns - 1] */
static LANES_CAT(TNAME, _tile_fn) *const LANES_CAT(TNAME, _tiles)[1][W] = {
    {LANES_DIRECT_T_ROW(1), LANES_CAT(TNAME, _t1x9), LANES_CAT(TNAME, _t1x10),
     LANES_CAT(TNAME, _t1x11), LANES_CAT(TNAME, _t1x12), LANES_CAT(TNAME, _t1x13),
     LANES_CAT(TNAME, _t1x14), LANES_CAT(TNAME, _t1x15), LANES_CAT(TNAME, _t1x16)}};
#else
LANES_DIRECT_T_FNS(2)
static LANES_CAT(TNAME, _tile_fn) *const LANES_CAT(TNAME, _tiles)[2][W] = {
    {LANES_DIRECT_T_ROW(1)}, {LANES_DIRECT_T_ROW(2)}};
#endif
#undef LANES_DIRECT_T_FN
#undef LANES_DIRECT_T_FNS
#undef LANES_DIRECT_T_ROW

/* The tiles, columns of C^T outer (W at a time; a last W + 1 to W + W/2 - 1
 * as two halves, as lanes_direct_cols splits the direct kernel's) */
static __attribute__((noinline)) void LANES_CAT(TNAME, _loop)(const ARGS *p)
{
    const size_t m = p->m, n = p->n;
    for (size_t s0 = 0, ns; s0 < n; s0 += ns) {
        ns = lanes_direct_cols(n - s0, W);
        for (size_t r0 = 0; r0 < m; r0 += 16) {
            const size_t rows = m - r0 < 16 ? m - r0 : 16;
            const MASK am0 = (MASK)(rows >= W ? ~0u : (1u << rows) - 1),
                       am1 = (MASK)(rows <= W ? 0u : rows >= 2 * W ? ~0u : (1u << (rows - W)) - 1);
            LANES_CAT(TNAME, _tiles)[rows > W][ns - 1](
                p, p->a + r0, p->b + (ptrdiff_t)s0 * p->csb, p->c + r0 * p->ldc + s0, am0, am1,
                (unsigned)rows);
        }
    }
}

/* p with A copied to the stack, its rows padded to whole vectors so that
 * no window leaves the copy (a masked-off lane is never read: the pads
 * stay as they are) */
static __attribute__((noinline)) void LANES_CAT(TNAME, _bounce)(const ARGS *p)
{
    const size_t m = p->m, la = (m + W - 1) / W * W;
    T a[64 * 64] __attribute__((aligned(64)));
    for (size_t q = 0; q < p->k; q++)
        memcpy(a + q * la, p->a + q * p->lda, m * sizeof(T));
    ARGS q = *p;
    q.a = a;
    q.lda = la;
    LANES_CAT(TNAME, _loop)(&q);
}

/* C^T (m x n, at most 64 x 64, 1 <= k <= 64) := alpha A B + beta C^T,
 * element (r, s) at c[r * ldc + s] (the shapes it pays for: list.inc).
 * Masked lanes past A's rows whose window could reach a page not yet
 * touched: the same tiles on a copy of A (the same C). */
void TNAME(const ARGS *p)
{
    const size_t m = p->m, end = (p->k - 1) * p->lda + m;
    if (__builtin_expect(m % W && lanes_ends_near_page(p->a + end, p->a + end), 0))
        LANES_CAT(TNAME, _bounce)(p);
    else
        LANES_CAT(TNAME, _loop)(p);
}
