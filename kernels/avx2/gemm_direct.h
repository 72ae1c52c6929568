/* Direct (unpacked) gemm for one type, AVX2 + FMA; contract in
 * kernels/kernels.h.  Included twice by gemm.c with
 *   T, V (vector type), W (lanes), OP(name) (_mm256_name_ps/_pd), NAME,
 *   ARGS (the argument struct),
 *   MASKGEN(rem) (lane mask for rem < W lanes)
 * Register block: up to 2 vectors down a column of C x 6 columns, 12
 * accumulators of the 16 ymm.  Row edges use maskload/maskstore. */

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

/* One function per (vectors, columns, edge) block: constants let the
 * compiler keep the accumulators in registers and unroll the j loop, and a
 * table of small functions (rather than one switch over all of them) keeps
 * the call of a tiny problem free of the register spills a large function
 * needs. */
typedef void LANES_CAT(NAME, _block_fn)(size_t k, T alpha, const T *a, size_t lda, const T *b,
                                        ptrdiff_t rsb, ptrdiff_t csb, T beta, T *c, size_t ldc,
                                        __m256i m0, __m256i m1);
#define LANES_DIRECT_FN(E, MV, NR)                                                               \
    static void LANES_CAT(NAME, _b##E##_##MV##x##NR)(size_t k, T alpha, const T *a, size_t lda,  \
                                                     const T *b, ptrdiff_t rsb, ptrdiff_t csb,   \
                                                     T beta, T *c, size_t ldc, __m256i m0,       \
                                                     __m256i m1)                                 \
    {                                                                                            \
        LANES_CAT(NAME, _block)(MV, NR, E, k, alpha, a, lda, b, rsb, csb, beta, c, ldc, m0, m1); \
    }
#define LANES_DIRECT_FNS(E, MV)                                                                  \
    LANES_DIRECT_FN(E, MV, 1) LANES_DIRECT_FN(E, MV, 2) LANES_DIRECT_FN(E, MV, 3)                \
    LANES_DIRECT_FN(E, MV, 4) LANES_DIRECT_FN(E, MV, 5) LANES_DIRECT_FN(E, MV, 6)
LANES_DIRECT_FNS(0, 1)
LANES_DIRECT_FNS(0, 2)
LANES_DIRECT_FNS(1, 1)
LANES_DIRECT_FNS(1, 2)
#define LANES_DIRECT_ROW(E, MV)                                                                  \
    {LANES_CAT(NAME, _b##E##_##MV##x1), LANES_CAT(NAME, _b##E##_##MV##x2),                      \
     LANES_CAT(NAME, _b##E##_##MV##x3), LANES_CAT(NAME, _b##E##_##MV##x4),                      \
     LANES_CAT(NAME, _b##E##_##MV##x5), LANES_CAT(NAME, _b##E##_##MV##x6)}
static LANES_CAT(NAME, _block_fn) *const LANES_CAT(NAME, _blocks)[2][2][6] = {
    {LANES_DIRECT_ROW(0, 1), LANES_DIRECT_ROW(0, 2)},
    {LANES_DIRECT_ROW(1, 1), LANES_DIRECT_ROW(1, 2)}};
#undef LANES_DIRECT_FN
#undef LANES_DIRECT_FNS
#undef LANES_DIRECT_ROW
#undef LOADM
#undef STOREM

static void LANES_CAT(NAME, _loop)(const ARGS *p)
{
    LANES_DIRECT_UNPACK(p);
    const __m256i full = _mm256_set1_epi32(-1), none = _mm256_setzero_si256();
    for (size_t j0 = 0, nr; j0 < n; j0 += nr) {
        nr = lanes_direct_cols(n - j0, 6);
        for (size_t i0 = 0; i0 < m; i0 += 2 * W) {
            size_t rows = m - i0;
            __m256i m0 = rows >= W ? full : MASKGEN(rows);
            __m256i m1 = rows >= 2 * W ? full : rows > W ? MASKGEN(rows - W) : none;
            LANES_CAT(NAME, _blocks)[rows < 2 * W && rows != W][rows > W][nr - 1](
                k, alpha, a + i0, lda, b + (ptrdiff_t)j0 * csb, rsb, csb, beta, c + i0 + j0 * ldc,
                ldc, m0, m1);
        }
    }
}

/* A row edge (maskload/maskstore) whose last window could reach another
 * page runs on copies (LANES_DIRECT_BOUNCE): with the next page not yet
 * touched, 4 x 4 x 4 float took 621 tsc a call, not 37 (Zen 5). */
void NAME(const ARGS *p)
{
    if (__builtin_expect(p->m % W != 0 && LANES_DIRECT_NEAR_PAGE(p), 0))
        LANES_DIRECT_BOUNCE(p, LANES_CAT(NAME, _loop));
    else
        LANES_CAT(NAME, _loop)(p);
}
