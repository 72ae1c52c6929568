/* The dot-product gemm kernel (kernels.h, lanes_sgemm_dots_fn) of one x86
 * ISA: included by that ISA's gemm.c after it defines T, V, W, OP(name),
 * ROW(p, n) (p[0, n), n < W, into lanes 0 to n-1, zeros above, without a
 * masked access), SUM4(v, alpha, y, ys) (y[c * ys] += alpha * the lane sum
 * of v[c], c < 4), BC and NAME; optionally SUM16 and SUM16X2, one add tree
 * for a 4 x 4 block's 16 sums and for a 2 x 8 block's (avx512.h).
 *
 * Blocks of up to 4 rows of op(A) by BC columns of op(B), 4 x BC
 * accumulators: a k step of W values loads 4 + BC vectors for 4 * BC FMAs
 * (AVX-512, BC = 4: 8 loads for 16 FMAs in 24 of the 32 registers; AVX2's
 * 16 registers hold BC = 2).  Each column's 4 sums go down C through
 * SUM4.  A block's row and column counts are compile-time constants, so an
 * edge block does its own FMAs only.  Blocks run down each column block
 * of B, which stays in L1 while op(A) streams past. */

/* (accumulator columns: 8 where SUM16X2, 2 x 8 blocks, is defined) */
#ifdef SUM16X2
#define SUM16X2_NC 8
#else
#define SUM16X2_NC BC
#endif

/* acc[j][i] := the lane-wise sums of row i of A times column j of B (W
 * lanes, k steps W apart; i < R, j < NC).  apad: A's rows are followed by
 * zeros up to a whole vector, read as they are. */
static inline __attribute__((always_inline)) void
LANES_CAT(NAME, _acc)(const int R, const int NC, const int apad, size_t k, const T *a,
                      size_t lda, const T *b, size_t ldb, V acc[SUM16X2_NC][4])
{
#pragma GCC unroll 8
    for (int j = 0; j < NC; j++)
#pragma GCC unroll 4
        for (int i = 0; i < R; i++)
            acc[j][i] = OP(setzero)();
    size_t p = 0;
#pragma GCC unroll 2
    for (; p + W <= k; p += W) {
        V av[4];
#pragma GCC unroll 4
        for (int i = 0; i < R; i++)
            av[i] = OP(loadu)(a + i * lda + p);
#pragma GCC unroll 8
        for (int j = 0; j < NC; j++) {
            const V bv = OP(loadu)(b + j * ldb + p);
#pragma GCC unroll 4
            for (int i = 0; i < R; i++)
                acc[j][i] = OP(fmadd)(av[i], bv, acc[j][i]);
        }
    }
    if (p < k) { /* the last k % W: zeros above it in both */
        V av[4];
#pragma GCC unroll 4
        for (int i = 0; i < R; i++)
            av[i] = apad ? OP(loadu)(a + i * lda + p) : ROW(a + i * lda + p, k - p);
#pragma GCC unroll 8
        for (int j = 0; j < NC; j++) {
            const V bv = ROW(b + j * ldb + p, k - p);
#pragma GCC unroll 4
            for (int i = 0; i < R; i++)
                acc[j][i] = OP(fmadd)(av[i], bv, acc[j][i]);
        }
    }
}

static inline __attribute__((always_inline)) void
LANES_CAT(NAME, _block)(const int R, const int NC, size_t k, T alpha, const T *a, size_t lda,
                        const T *b, size_t ldb, T beta, T *c, size_t ldc)
{
    V acc[SUM16X2_NC][4];
    LANES_CAT(NAME, _acc)(R, NC, 0, k, a, lda, b, ldb, acc);
#ifdef SUM16
    if (R == 4 && NC == 4) {
        SUM16(acc, alpha, beta, c, ldc);
        return;
    }
#endif
#ifdef SUM16X2
    if (R == 2 && NC == 8) {
        const V q[4][4] = {{acc[0][0], acc[0][1], acc[1][0], acc[1][1]},
                           {acc[2][0], acc[2][1], acc[3][0], acc[3][1]},
                           {acc[4][0], acc[4][1], acc[5][0], acc[5][1]},
                           {acc[6][0], acc[6][1], acc[7][0], acc[7][1]}};
        SUM16X2(q, alpha, beta, c, ldc);
        return;
    }
#endif
    /* C's column j: SUM4 adds alpha times the sums to y (C itself where it
     * may be read as it is, else four zeros) */
#pragma GCC unroll 4
    for (int j = 0; j < NC; j++) {
        T *cj = c + j * ldc;
        if (R == 4 && beta == 1) {
            SUM4(acc[j], alpha, cj, 1);
            continue;
        }
        V v[4];
        T t[4] = {0, 0, 0, 0};
#pragma GCC unroll 4
        for (int i = 0; i < 4; i++)
            v[i] = i < R ? acc[j][i] : OP(setzero)();
        SUM4(v, alpha, t, 1);
#pragma GCC unroll 4
        for (int i = 0; i < R; i++)
            cj[i] = beta == 0 ? t[i] : t[i] + beta * cj[i];
    }
}

#if BC == 4
#define LANES_DOTS_COLS(R)                                                                       \
    switch (nc) {                                                                                \
    case 1: LANES_CAT(NAME, _block)(R, 1, k, alpha, ai, lda, bj, ldb, beta, cij, ldc); break;          \
    case 2: LANES_CAT(NAME, _block)(R, 2, k, alpha, ai, lda, bj, ldb, beta, cij, ldc); break;          \
    case 3: LANES_CAT(NAME, _block)(R, 3, k, alpha, ai, lda, bj, ldb, beta, cij, ldc); break;          \
    default: LANES_CAT(NAME, _block)(R, 4, k, alpha, ai, lda, bj, ldb, beta, cij, ldc); break;         \
    }
#else
#define LANES_DOTS_COLS(R)                                                                       \
    if (nc == 1)                                                                                 \
        LANES_CAT(NAME, _block)(R, 1, k, alpha, ai, lda, bj, ldb, beta, cij, ldc);                     \
    else                                                                                         \
        LANES_CAT(NAME, _block)(R, 2, k, alpha, ai, lda, bj, ldb, beta, cij, ldc);
#endif

void NAME(size_t m, size_t n, size_t k, T alpha, const T *a, size_t lda, const T *b, size_t ldb,
          T beta, T *c, size_t ldc)
{
    size_t j = 0;
#ifdef SUM16X2
    /* Blocks of 8 columns, whose rows past the last group of 4, if two,
     * go as one 2 x 8 block: one add tree for its 16 sums, where two 2 x 4
     * blocks summed four vectors at a time, half of them zeros (the sums'
     * shuffles, not L2, held C with two rows back).  Whatever C's height,
     * so that a thread's share of the rows (multiples of 8, the last with
     * the edge) sums them as the whole product does. */
    for (; j + 8 <= n; j += 8) {
        const T *bj = b + j * ldb;
        size_t i = 0;
        for (; i + 4 <= m; i += 4) {
            T *cij = c + j * ldc + i;
            LANES_CAT(NAME, _block)(4, 4, k, alpha, a + i * lda, lda, bj, ldb, beta, cij, ldc);
            LANES_CAT(NAME, _block)(4, 4, k, alpha, a + i * lda, lda, bj + 4 * ldb, ldb, beta,
                                    cij + 4 * ldc, ldc);
        }
        const T *ai = a + i * lda;
        T *cij = c + j * ldc + i;
        switch (m - i) {
        case 0: break;
        case 1:
            LANES_CAT(NAME, _block)(1, 4, k, alpha, ai, lda, bj, ldb, beta, cij, ldc);
            LANES_CAT(NAME, _block)(1, 4, k, alpha, ai, lda, bj + 4 * ldb, ldb, beta,
                                    cij + 4 * ldc, ldc);
            break;
        case 2: LANES_CAT(NAME, _block)(2, 8, k, alpha, ai, lda, bj, ldb, beta, cij, ldc); break;
        default:
            LANES_CAT(NAME, _block)(3, 4, k, alpha, ai, lda, bj, ldb, beta, cij, ldc);
            LANES_CAT(NAME, _block)(3, 4, k, alpha, ai, lda, bj + 4 * ldb, ldb, beta,
                                    cij + 4 * ldc, ldc);
        }
    }
#endif
    for (; j < n; j += BC) {
        const size_t nc = n - j < BC ? n - j : BC;
        const T *bj = b + j * ldb;
        for (size_t i = 0; i < m; i += 4) {
            const T *ai = a + i * lda;
            T *cij = c + j * ldc + i;
            switch (m - i < 4 ? m - i : 4) {
            case 1: LANES_DOTS_COLS(1) break;
            case 2: LANES_DOTS_COLS(2) break;
            case 3: LANES_DOTS_COLS(3) break;
            default: LANES_DOTS_COLS(4) break;
            }
        }
    }
}
#undef LANES_DOTS_COLS
#undef SUM16X2_NC
