/* The packed-panel micro-kernel for one type, AVX-512 (BLIS contract,
 * kernels/kernels.h).  Included by gemm.c with T, V, W (lanes), OP(name)
 * (_mm512_name_ps/_pd), NAME and the tile: UMV vectors (MR = UMV * W) x UNR
 * columns, UMV * UNR accumulators, UMV A vectors and a broadcast of B in the
 * 32 zmm registers.
 *
 * B's micro-panel comes in groups of KG = W k steps (list.inc): a group
 * holds each of the UNR columns' next W values in one vector, the way a
 * column-major B holds them.  Packing such a B is then a copy, where the
 * row-after-row layout needed a transpose, and the first tile of a column
 * panel can pack it on the way (NAME##_packb), one vector load and store a
 * column per W k steps next to the FMAs.  A column-major A's micro-panel is
 * a copy too, and the first tile to use it packs it the same way
 * (NAME##_packa): each k step loads A's column from A itself, not
 * from the packed panel, and stores it there. */

/* One k step: umv A vectors times unr broadcasts of B, B(., j) at bp[j * W].
 * A streams from L2; it is asked for LANES_PF_STEPS k steps ahead.  Where
 * the tile packs A (packa), step p reads A's column p in place (as, lda
 * apart), stores it to ap for the tiles after, and asks for the column
 * LANES_PF_SRC steps ahead. */
static inline __attribute__((always_inline)) void
LANES_CAT(NAME, _step)(const T *ap, const T *bp, const T *as, size_t lda, size_t p, int packa,
                       const int umv, const int unr, V acc[UNR][UMV])
{
    V a[UMV];
    if (packa) {
        as += p * lda;
        const T *ahead = as + LANES_PF_SRC * lda;
#pragma GCC unroll 4
        for (int v = 0; v < umv; v++)
            _mm_prefetch((const char *)(ahead + v * W), _MM_HINT_T0);
        _mm_prefetch((const char *)(ahead + umv * W - 1), _MM_HINT_T0);
#pragma GCC unroll 4
        for (int v = 0; v < umv; v++) {
            a[v] = OP(loadu)(as + v * W);
            OP(storeu)((T *)ap + v * W, a[v]);
        }
    } else {
#pragma GCC unroll 4
        for (int v = 0; v < umv; v++)
            _mm_prefetch((const char *)(ap + UMV * W * LANES_PF_STEPS + v * W), _MM_HINT_T0);
#pragma GCC unroll 4
        for (int v = 0; v < umv; v++)
            a[v] = OP(loadu)(ap + v * W);
    }
#pragma GCC unroll 12
    for (int j = 0; j < unr; j++) {
        V b = OP(set1)(bp[j * W]);
#pragma GCC unroll 4
        for (int v = 0; v < umv; v++)
            acc[j][v] = OP(fmadd)(a[v], b, acc[j][v]);
    }
}

/* C's cache line l of UNR * umv: line l % umv of column l / umv */
static inline void LANES_CAT(NAME, _fetch_c)(const T *c, size_t ldc, size_t l, const int umv)
{
    _mm_prefetch((const char *)(c + l / (size_t)umv * ldc + l % (size_t)umv * W), _MM_HINT_T0);
}

/* Copies the first n (<= W) values of UNR columns ldb apart from b into the
 * packed group at bp. */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _copy)(const T *b, size_t ldb,
                                                                        T *bp, size_t n)
{
    if (n == W) {
#pragma GCC unroll 12
        for (int j = 0; j < UNR; j++)
            OP(storeu)(bp + j * W, OP(loadu)(b + j * ldb));
    } else {
        const unsigned m = (1u << n) - 1;
        for (int j = 0; j < UNR; j++)
            OP(mask_storeu)(bp + j * W, m, OP(maskz_loadu)(m, b + j * ldb));
    }
}

/* W k steps from p (B's group at bp, its source at b + p if packs), C's
 * lines asked for where c is given (the first LINES k steps). */
static inline __attribute__((always_inline)) void
LANES_CAT(NAME, _group)(size_t k, size_t p, const T *ap, T *bp, const T *b, size_t ldb, int packs,
                        const T *as, size_t lda, int packa, const T *c, size_t ldc,
                        const int umv, const int unr, V acc[UNR][UMV])
{
    if (packs && p + W < k)
        LANES_CAT(NAME, _copy)(b + p + W, ldb, bp + W * UNR, k - p - W < W ? k - p - W : W);
#pragma GCC unroll 4
    for (int u = 0; u < W; u++) {
        if (!packs) /* column u's line LANES_PF_B groups on (u >= UNR: one more) */
            _mm_prefetch((const char *)(bp + LANES_PF_B * W * UNR + u * W), _MM_HINT_T0);
        else if (u < UNR)
            _mm_prefetch((const char *)(b + u * ldb + p + 3 * W), _MM_HINT_T0);
        if (c && p + u < (size_t)unr * (size_t)umv)
            LANES_CAT(NAME, _fetch_c)(c, ldc, p + u, umv);
        LANES_CAT(NAME, _step)(ap + u * UMV * W, bp + u, as, lda, p + u, packa, umv, unr, acc);
    }
}

/* C := alpha * acc + beta * C (C not read unless use_beta) over the tile's
 * first `cols` columns and `rows` rows: umv vectors, the last one masked
 * unless the tile is whole. */
static inline __attribute__((always_inline)) void
LANES_CAT(NAME, _store)(T alpha, T beta, const int use_beta, T *c, size_t ldc, const int umv,
                        const int whole, unsigned rows, unsigned cols, V acc[UNR][UMV])
{
    const V va = OP(set1)(alpha), vb = OP(set1)(beta);
    const unsigned tail = rows - (unsigned)(umv - 1) * W;
    const unsigned mask = tail >= W ? ~0u : (1u << tail) - 1;
#pragma GCC unroll 12
    for (int j = 0; j < UNR; j++) {
        if (!whole && (unsigned)j >= cols)
            break;
#pragma GCC unroll 4
        for (int v = 0; v < umv; v++) {
            T *cj = c + j * ldc + v * W;
            const V ab = OP(mul)(va, acc[j][v]);
            if (whole || v < umv - 1)
                OP(storeu)(cj, use_beta ? OP(fmadd)(vb, OP(loadu)(cj), ab) : ab);
            else
                OP(mask_storeu)(cj, mask,
                                use_beta ? OP(fmadd)(vb, OP(maskz_loadu)(mask, cj), ab) : ab);
        }
    }
}

/* The tile's umv * W rows by unr columns (a full tile: UMV vectors, MR
 * rows, UNR columns; an edge tile: fewer vectors, the last one masked to
 * `rows`, and unr columns computed, `cols` <= unr of them stored).  The
 * kernels (packs: B read at b and packed to bp; packa: A read at as, lda
 * apart, and packed to ap; neither: both packed); the arithmetic, and so
 * the result, is the same. */
static inline __attribute__((always_inline)) void
LANES_CAT(NAME, _body)(size_t k, T alpha, const T *ap, T *bp, T beta, T *c, size_t ldc,
                       const T *b, size_t ldb, int packs, const T *as, size_t lda, int packa,
                       const int umv, const int unr, unsigned rows, unsigned cols)
{
    V acc[UNR][UMV];
#pragma GCC unroll 12
    for (int j = 0; j < unr; j++)
#pragma GCC unroll 4
        for (int v = 0; v < umv; v++)
            acc[j][v] = OP(setzero)();
    /* C's UNR * umv cache lines are asked for one a k step over the first
     * k steps, not all at once: in a large gemm they come from memory, and
     * 24 misses issued together held up the A and B prefetches behind them
     * (Zen 5, tiles over a 2048-row C: s 211 -> 216, d 101.5 -> 104
     * GFLOP/s). */
    const size_t lines = (size_t)unr * (size_t)umv;
    /* Packing copies each group one group ahead of its use, so that its
     * stores are in L1 before they are read; the source is asked for three
     * groups ahead, a column a k step, since its columns are far apart. */
    if (packs)
        LANES_CAT(NAME, _copy)(b, ldb, bp, k < W ? k : W);
    size_t p = 0;
    for (; p + W <= k && p < lines; p += W, ap += W * UMV * W, bp += W * UNR)
        LANES_CAT(NAME, _group)(k, p, ap, bp, b, ldb, packs, as, lda, packa, c, ldc, umv, unr,
                                acc);
    for (; p + W <= k; p += W, ap += W * UMV * W, bp += W * UNR)
        LANES_CAT(NAME, _group)(k, p, ap, bp, b, ldb, packs, as, lda, packa, NULL, 0, umv, unr,
                                acc);
    for (size_t l = p; l < lines; l++)
        LANES_CAT(NAME, _fetch_c)(c, ldc, l, umv);
    for (size_t u = 0; p + u < k; u++)
        LANES_CAT(NAME, _step)(ap + u * UMV * W, bp + u, as, lda, p + u, packa, umv, unr, acc);
    /* (a full tile: whole is constant, and the stores are plain) */
    const int whole = rows == (unsigned)umv * W && cols == UNR;
    if (beta == 0)
        LANES_CAT(NAME, _store)(alpha, 0, 0, c, ldc, umv, whole, rows, cols, acc);
    else
        LANES_CAT(NAME, _store)(alpha, beta, 1, c, ldc, umv, whole, rows, cols, acc);
}

void NAME(size_t k, T alpha, const T *ap, const T *bp, T beta, T *c, size_t ldc)
{
    /* (one body for the kernels: it writes bp or ap only when it packs) */
    LANES_CAT(NAME, _body)(k, alpha, ap, (T *)bp, beta, c, ldc, NULL, 0, 0, NULL, 0, 0, UMV, UNR,
                           UMV * W, UNR);
}

void LANES_CAT(NAME, _packb)(size_t k, T alpha, const T *ap, const T *b, size_t ldb, T *bp,
                             T beta, T *c, size_t ldc)
{
    LANES_CAT(NAME, _body)(k, alpha, ap, bp, beta, c, ldc, b, ldb, 1, NULL, 0, 0, UMV, UNR,
                           UMV * W, UNR);
}

void LANES_CAT(NAME, _packa)(size_t k, T alpha, const T *a, size_t lda, T *ap, const T *bp,
                             T beta, T *c, size_t ldc)
{
    LANES_CAT(NAME, _body)(k, alpha, ap, (T *)bp, beta, c, ldc, NULL, 0, 0, a, lda, 1, UMV, UNR,
                           UMV * W, UNR);
}

/* An edge tile of umv vectors, its FMAs over the thirds of UNR that hold
 * its columns */
static inline __attribute__((always_inline)) void
LANES_CAT(NAME, _edge_of)(size_t k, T alpha, const T *ap, const T *bp, T beta, T *c, size_t ldc,
                          const int umv, unsigned rows, unsigned cols)
{
    T *b = (T *)bp; /* (not written: the body packs nothing here) */
    if (cols <= UNR / 3)
        LANES_CAT(NAME, _body)(k, alpha, ap, b, beta, c, ldc, NULL, 0, 0, NULL, 0, 0, umv,
                               UNR / 3, rows, cols);
    else if (cols <= 2 * UNR / 3)
        LANES_CAT(NAME, _body)(k, alpha, ap, b, beta, c, ldc, NULL, 0, 0, NULL, 0, 0, umv,
                               2 * UNR / 3, rows, cols);
    else
        LANES_CAT(NAME, _body)(k, alpha, ap, b, beta, c, ldc, NULL, 0, 0, NULL, 0, 0, umv, UNR,
                               rows, cols);
}

/* An edge tile straight into C: only the vectors that hold its rows and the
 * thirds of the tile's columns that hold its columns are computed (8 rows
 * of a 32-row tile: one vector of floats, not two; 4 columns of 12: 4) and
 * no store reaches past its rows or columns.  (A column edge ran every
 * column's FMAs: sgemm 1024's 4-column edge tiles took 1.3x a full tile's
 * time, 1.4% of the call for 0.3% of its work.  Against that, 1 thread:
 * s 1024, 1000 1.01x, 512 x 520 x 512 1.03x; d 1024, 1000 1.01x.) */
void LANES_CAT(NAME, _edge)(size_t k, T alpha, const T *ap, const T *bp, T beta, T *c,
                            size_t ldc, unsigned rows, unsigned cols)
{
    switch ((rows + W - 1) / W) {
    case 1:
        LANES_CAT(NAME, _edge_of)(k, alpha, ap, bp, beta, c, ldc, 1, rows, cols);
        break;
#if UMV > 2
    case 2:
        LANES_CAT(NAME, _edge_of)(k, alpha, ap, bp, beta, c, ldc, 2, rows, cols);
        break;
    case 3:
        LANES_CAT(NAME, _edge_of)(k, alpha, ap, bp, beta, c, ldc, 3, rows, cols);
        break;
#endif
    default:
        LANES_CAT(NAME, _edge_of)(k, alpha, ap, bp, beta, c, ldc, UMV, rows, cols);
    }
}
