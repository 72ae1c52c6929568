/* A direct gemm kernel's row edge of 1-4 rows below whole blocks (at most
 * half a vector), for one type and x86 ISA: included by the ISA's gemm_direct.h, before its loop,
 * with T, V, W, OP(name), NAME, ARGS (as there), ROW(p, n) and DOTS_ACC
 * (gemm_dots.h's row load and accumulating block, included before), and
 *   DOTS_NC (columns of a block of dots), DOTS_ACC_NC (DOTS_ACC's
 *   accumulator columns), DOTS_SUMS(acc, alpha, t) (t[4 j + i] := alpha
 *   times the lane sum of acc[j][i], j < DOTS_NC, i < 4), optionally
 *   DOTS_SUMS_C(acc, alpha, beta, c, ldc) (the same sums into C, as the
 *   t path below updates it), ROWVEC_NV (vectors of a block along B's
 *   rows), LANES_FMA(x, y, z) (x y + z rounded once, type T).
 * The loop takes the edge rows out of its blocks where LANES_DIRECT_EDGES
 * says so, and calls _edge_begin, _edge_cols and _edge_end (at the end). */

/* The row edge as dot products where B's columns are contiguous (rsb 1):
 * C's last r rows (r <= LANES_DIRECT_EDGE_ROWS) over a copy of A's last r
 * rows, their k steps contiguous.  A block of vectors down the columns
 * takes as many FMAs for r rows as for W, each fed by a broadcast of B;
 * dots take r/W of them (DOTS_ACC, gemm_dots.h).  Zen 5, 1 thread,
 * AVX-512, against the edge blocks (its fold): float 97 x 100 x 100
 * 1.08-1.11x (97 rows had cost as much as 112), 97 x 64 x 64 1.09x, 33 x
 * 64 x 64 1.29x, 65 x 64 x 64 1.18x, double 49 x 64 x 64 1.09x; 5-8 float
 * rows (two blocks of dots) 0.94-1.01x, and k < W lost (100 x 300 x 4
 * 0.73x).  Each column's sums go through one add tree (DOTS_SUMS:
 * AVX-512's 4 x 4 tree, AVX2's 4 rows of a column) with zeros for missing
 * rows and columns, so an element's bits depend on its own row and column
 * only, whatever block its column falls in: a thread's share of columns,
 * or a prepared gemm, computes what the whole product does (AVX-512: a
 * tree a row at a time for fewer than 4 rows was no faster).  k in chunks
 * of KC steps from step 0 (the copy's size), each chunk's sums added to C;
 * with one chunk the columns go right after the blocks above them, while
 * B's columns are in L1. */
/* The edge rows either way takes: at most 4 and half a vector (more gained
 * nothing: AVX-512 float rows 5-8, 0.94-1.09x) */
#define LANES_DIRECT_EDGE_ROWS (W / 2 < 4 ? W / 2 : 4)
#ifndef LANES_DIRECT_DOTS_K
#define LANES_DIRECT_DOTS_K W
#endif
/* Whether dots pay for an edge of r rows k deep, past LANES_DIRECT_DOTS_K
 * (an ISA's gemm.c may say where its edge blocks win) */
#ifndef LANES_DIRECT_DOTS_PAY
#define LANES_DIRECT_DOTS_PAY(r, k) 1
#endif
/* Whether problem p's edge of r rows takes dots: B's k steps contiguous,
 * k filling a vector, and dots paying */
#define LANES_DIRECT_DOTS(p, r)                                                                  \
    ((p)->rsb == 1 && (p)->k >= LANES_DIRECT_DOTS_K && LANES_DIRECT_DOTS_PAY(r, (p)->k))
/* Whether problem p's row edge, below blocks of MB rows, goes here: dots
 * (LANES_DIRECT_DOTS), else rowvec where B's rows are contiguous */
#define LANES_DIRECT_EDGES(p, MB)                                                                \
    ((p)->m > (MB) && (p)->m % (MB) - 1 < (size_t)LANES_DIRECT_EDGE_ROWS &&                      \
     (LANES_DIRECT_DOTS(p, (p)->m % (MB)) || (p)->csb == 1))
/* A's rows copied: k steps in a chunk (4 rows in 16 KiB), and the copy's
 * leading dimension for kc steps (whole vectors: the last one's lanes past
 * kc are zeros, loaded as they are) */
#define LANES_DOTS_LD(kc) (((kc) + W - 1) / W * W)
enum { LANES_CAT(NAME, _KC) = 16384 / sizeof(T) / 4 };
_Static_assert(LANES_CAT(NAME, _KC) % W == 0, "chunks of whole vectors");

/* R rows by NC columns of C (at most 4 x DOTS_NC) from c: at (A's rows,
 * _dots_rows) times b's columns, a chunk of kc k steps; beta: C's factor */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _dots_block)(
    const int R, const int NC, size_t kc, const T *at, const T *b, ptrdiff_t csb, T alpha,
    T beta, T *c, size_t ldc)
{
    V acc[DOTS_ACC_NC][4];
#pragma GCC unroll 4
    for (int j = 0; j < DOTS_NC; j++) /* zeros where DOTS_ACC leaves rows or columns */
#pragma GCC unroll 4
        for (int i = 0; i < 4; i++)
            acc[j][i] = OP(setzero)();
    DOTS_ACC(R, NC, 1, kc, at, LANES_DOTS_LD(kc), b, csb, acc);
#ifdef DOTS_SUMS_C
    if (R == 4 && NC == DOTS_NC) {
        DOTS_SUMS_C(acc, alpha, beta, c, ldc);
        return;
    }
#endif
    T t[4 * DOTS_NC] = {0}; /* alpha times the sums, column j at 4 j */
    DOTS_SUMS(acc, alpha, t);
#pragma GCC unroll 4
    for (int j = 0; j < NC; j++)
#pragma GCC unroll 4
        for (int i = 0; i < R; i++)
            c[j * ldc + i] =
                beta == 0 ? t[4 * j + i] : LANES_FMA(beta, c[j * ldc + i], t[4 * j + i]);
}

/* C's R rows from c, columns j0 to j1, += the chunk's sums (at: A's rows,
 * _dots_rows; b: the chunk's first k step of column 0; beta: C's factor).
 * One function per R: all sixteen blocks in one were too large for GCC to
 * inline the add tree and the row loads into (the edge alone, 4 x 100 x 100
 * float, 2.5x as slow). */
typedef void LANES_CAT(NAME, _dots_fn)(const ARGS *p, const T *at, size_t kc, const T *b,
                                       T beta, T *c, size_t j0, size_t j1);
#define LANES_DOTS_EDGE_BLOCK(R, NC)                                                             \
    LANES_CAT(NAME, _dots_block)(R, NC, kc, at, bj, p->csb, p->alpha, beta, cj, p->ldc)
#if DOTS_NC == 4
#define LANES_DOTS_EDGE_SHORT(R)                                                                 \
    case 1: LANES_DOTS_EDGE_BLOCK(R, 1); break;                                                  \
    case 2: LANES_DOTS_EDGE_BLOCK(R, 2); break;                                                  \
    case 3: LANES_DOTS_EDGE_BLOCK(R, 3); break;
#else
#define LANES_DOTS_EDGE_SHORT(R) case 1: LANES_DOTS_EDGE_BLOCK(R, 1); break;
#endif
#define LANES_DOTS_EDGE_FN(R)                                                                    \
    static void LANES_CAT(NAME, _dots##R)(const ARGS *p, const T *at, size_t kc, const T *b,     \
                                          T beta, T *c, size_t j0, size_t j1)                    \
    {                                                                                            \
        for (size_t j = j0; j < j1; j += DOTS_NC) {                                              \
            const T *bj = b + (ptrdiff_t)j * p->csb;                                             \
            T *cj = c + j * p->ldc;                                                              \
            switch (j1 - j) {                                                                    \
            LANES_DOTS_EDGE_SHORT(R)                                                             \
            default: LANES_DOTS_EDGE_BLOCK(R, DOTS_NC); break;                                   \
            }                                                                                    \
        }                                                                                        \
    }
LANES_DOTS_EDGE_FN(1)
LANES_DOTS_EDGE_FN(2)
LANES_DOTS_EDGE_FN(3)
LANES_DOTS_EDGE_FN(4)
#undef LANES_DOTS_EDGE_FN
#undef LANES_DOTS_EDGE_BLOCK
#undef LANES_DOTS_EDGE_SHORT
/* [rows - 1] */
static LANES_CAT(NAME, _dots_fn) *const LANES_CAT(NAME, _dots)[4] = {
    LANES_CAT(NAME, _dots1), LANES_CAT(NAME, _dots2), LANES_CAT(NAME, _dots3),
    LANES_CAT(NAME, _dots4)};

/* A's r rows from i0, k steps p0 to p0 + kc, to at (ld LANES_DOTS_LD(kc),
 * zeros after each row) */
static inline void LANES_CAT(NAME, _dots_rows)(const ARGS *p, size_t i0, size_t r, size_t p0,
                                               size_t kc, T *at)
{
    const T *a = p->a + i0 + p0 * p->lda;
    const size_t ld = LANES_DOTS_LD(kc);
    for (size_t q = 0; q < kc; q++)
        for (size_t i = 0; i < r; i++)
            at[i * ld + q] = a[q * p->lda + i];
    for (size_t i = 0; i < r; i++)
        for (size_t q = kc; q < ld; q++)
            at[i * ld + q] = 0;
}

/* The whole edge in chunks of KC, after the blocks: k > KC */
static __attribute__((noinline)) void LANES_CAT(NAME, _dots_edge)(const ARGS *p, size_t i0,
                                                                   size_t r)
{
    T at[4 * LANES_CAT(NAME, _KC)] __attribute__((aligned(64)));
    for (size_t p0 = 0, kc; p0 < p->k; p0 += kc) {
        kc = p->k - p0 < LANES_CAT(NAME, _KC) ? p->k - p0 : LANES_CAT(NAME, _KC);
        LANES_CAT(NAME, _dots_rows)(p, i0, r, p0, kc, at);
        LANES_CAT(NAME, _dots)[r - 1](p, at, kc, p->b + p0, p0 ? (T)1 : p->beta, p->c + i0, 0,
                                      p->n);
    }
}

/* The row edge below whole blocks where B's rows are contiguous (csb 1):
 * C's last r rows by vectors of columns, A's element broadcast into an FMA
 * with a vector of B's row, where the edge blocks take as many FMAs for r
 * rows as for W.  Each element of C is still its own chain of FMAs in k
 * order, then alpha, then beta C: the blocks' bits.  Columns in blocks of
 * ROWVEC_NV vectors (AVX-512 4: per k step, 4 loads of B and r broadcasts
 * for 4r FMAs), then one vector at a time, the last n % W columns read as
 * a short row (ROW: nothing past B's row is touched).  Zen 5, 1 thread,
 * AVX-512, against the edge blocks, column-major NT: float 97 x 100 x 100
 * 1.05x, 36 x 100 x 100 1.14x, 65 x 100 x 100 1.08x, 97 x 64 x 64 1.14x,
 * double 52 x 100 x 100 1.08x; 5-8 float rows (two passes) 0.99-1.09x. */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _rowvec_block)(
    const int R, const int NV, size_t nt, const ARGS *p, const T *a, const T *b, T *c)
{
    V acc[4][4];
#pragma GCC unroll 4
    for (int i = 0; i < R; i++)
#pragma GCC unroll 4
        for (int v = 0; v < NV; v++)
            acc[i][v] = OP(setzero)();
    const size_t lda = p->lda, ldc = p->ldc;
    const ptrdiff_t rsb = p->rsb;
    for (size_t q = 0; q < p->k; q++, a += lda, b += rsb) {
        V bv[4];
#pragma GCC unroll 4
        for (int v = 0; v < NV; v++)
            bv[v] = nt ? ROW(b + v * W, nt) : OP(loadu)(b + v * W);
#pragma GCC unroll 4
        for (int i = 0; i < R; i++) {
            const V ai = OP(set1)(a[i]);
#pragma GCC unroll 4
            for (int v = 0; v < NV; v++)
                acc[i][v] = OP(fmadd)(ai, bv[v], acc[i][v]);
        }
    }
    const T alpha = p->alpha, beta = p->beta;
#pragma GCC unroll 4
    for (int i = 0; i < R; i++)
#pragma GCC unroll 4
        for (int v = 0; v < NV; v++) {
            T t[W];
            OP(storeu)(t, alpha == 1 ? acc[i][v] : OP(mul)(OP(set1)(alpha), acc[i][v]));
            T *ci = c + i + (size_t)v * W * ldc;
            for (size_t l = 0; l < (nt ? nt : W); l++)
                ci[l * ldc] = beta == 0 ? t[l] : LANES_FMA(beta, ci[l * ldc], t[l]);
        }
}

/* C's R rows from c by _rowvec_block: A's rows from a, all of B */
typedef void LANES_CAT(NAME, _rowvec_fn)(const ARGS *p, const T *a, T *c);
#define LANES_ROWVEC_FN(R)                                                                       \
    static void LANES_CAT(NAME, _rowvec##R)(const ARGS *p, const T *a, T *c)                     \
    {                                                                                            \
        const size_t n = p->n;                                                                   \
        size_t j = 0;                                                                            \
        for (; j + ROWVEC_NV * W <= n; j += ROWVEC_NV * W)                                       \
            LANES_CAT(NAME, _rowvec_block)(R, ROWVEC_NV, 0, p, a, p->b + j, c + j * p->ldc);     \
        for (; j + W <= n; j += W)                                                               \
            LANES_CAT(NAME, _rowvec_block)(R, 1, 0, p, a, p->b + j, c + j * p->ldc);             \
        if (j < n)                                                                               \
            LANES_CAT(NAME, _rowvec_block)(R, 1, n - j, p, a, p->b + j, c + j * p->ldc);         \
    }
LANES_ROWVEC_FN(1)
LANES_ROWVEC_FN(2)
LANES_ROWVEC_FN(3)
LANES_ROWVEC_FN(4)
#undef LANES_ROWVEC_FN
/* [rows - 1] */
static LANES_CAT(NAME, _rowvec_fn) *const LANES_CAT(NAME, _rowvec)[4] = {
    LANES_CAT(NAME, _rowvec1), LANES_CAT(NAME, _rowvec2), LANES_CAT(NAME, _rowvec3),
    LANES_CAT(NAME, _rowvec4)};

/* The loop's part: what it does with an edge of r rows from row i0 (at:
 * room for A's rows; NULL, none), decided once here for every ISA, so that
 * a thread's share takes the same way as the whole product. */
#ifndef LANES_DIRECT_EDGE_HOW
#define LANES_DIRECT_EDGE_HOW
enum { LANES_EDGE_NONE, LANES_EDGE_DOTS_HERE, LANES_EDGE_DOTS_AFTER, LANES_EDGE_ROWVEC };
#endif
/* The way, and with dots in one chunk, A's rows copied to at */
static inline __attribute__((always_inline)) int LANES_CAT(NAME, _edge_begin)(const ARGS *p,
                                                                             size_t i0, size_t r,
                                                                             T *at)
{
    if (!at)
        return LANES_EDGE_NONE;
    if (!LANES_DIRECT_DOTS(p, r))
        return LANES_EDGE_ROWVEC;
    if (p->k > LANES_CAT(NAME, _KC))
        return LANES_EDGE_DOTS_AFTER;
    LANES_CAT(NAME, _dots_rows)(p, i0, r, 0, p->k, at);
    return LANES_EDGE_DOTS_HERE;
}
/* After the blocks of columns j0 to j1: their edge, while B's columns are
 * in L1 */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _edge_cols)(
    int how, const ARGS *p, const T *at, size_t i0, size_t r, size_t j0, size_t j1)
{
    if (how == LANES_EDGE_DOTS_HERE)
        LANES_CAT(NAME, _dots)[r - 1](p, at, p->k, p->b, p->beta, p->c + i0, j0, j1);
}
/* After all the blocks */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _edge_end)(int how,
                                                                            const ARGS *p,
                                                                            size_t i0, size_t r)
{
    if (how == LANES_EDGE_DOTS_AFTER)
        LANES_CAT(NAME, _dots_edge)(p, i0, r);
    else if (how == LANES_EDGE_ROWVEC)
        LANES_CAT(NAME, _rowvec)[r - 1](p, p->a + i0, p->c + i0);
}
