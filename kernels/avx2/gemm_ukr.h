/* The packed-panel micro-kernel for one type, AVX2 + FMA (BLIS contract,
 * kernels/kernels.h).  Included twice by gemm.c with T, V, W (lanes),
 * OP(name) (_mm256_name_ps/_pd) and NAME.  Tile 2W x 6: 12 accumulators, 2
 * A vectors and a broadcast of B, 15 of the 16 ymm registers. */

/* One k step: 2 A vectors times 6 broadcasts of B.  B's micro-panel comes
 * from L3 on its first use in a block, A's from L2: both are asked for
 * LANES_PF_STEPS k steps ahead (measured on Zen 4 over a 2040-column packed
 * B panel, best of 200 passes: 88 GFLOP/s without, 116 with; 115 either way
 * over 1020 columns). */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _step)(const T *ap,
                                                                        const T *bp,
                                                                        V acc[6][2])
{
    _mm_prefetch((const char *)(ap + 2 * W * LANES_PF_STEPS), _MM_HINT_T0);
    _mm_prefetch((const char *)(bp + 6 * LANES_PF_STEPS), _MM_HINT_T0);
    V a0 = OP(loadu)(ap), a1 = OP(loadu)(ap + W);
#pragma GCC unroll 6
    for (int j = 0; j < 6; j++) {
        V b = OP(set1)(bp[j]);
        acc[j][0] = OP(fmadd)(a0, b, acc[j][0]);
        acc[j][1] = OP(fmadd)(a1, b, acc[j][1]);
    }
}

/* C's cache line l of 12: the first (l even) or last element of column
 * l / 2 (its 2W elements span one or two lines) */
static inline void LANES_CAT(NAME, _fetch_c)(const T *c, size_t ldc, size_t l)
{
    _mm_prefetch((const char *)(c + l / 2 * ldc + l % 2 * (2 * W - 1)), _MM_HINT_T0);
}

void NAME(size_t k, T alpha, const T *ap, const T *bp, T beta, T *c, size_t ldc)
{
    V acc[6][2];
#pragma GCC unroll 6
    for (int j = 0; j < 6; j++)
        acc[j][0] = acc[j][1] = OP(setzero)();
    /* C's 12 lines are asked for one a k step over the first k steps, as in
     * the AVX-512 kernel: all at once, their misses held up the A and B
     * prefetches */
    const size_t k1 = k < 12 ? k : 12;
    size_t p = 0;
    for (; p < k1; p++, ap += 2 * W, bp += 6) {
        LANES_CAT(NAME, _fetch_c)(c, ldc, p);
        LANES_CAT(NAME, _step)(ap, bp, acc);
    }
    for (size_t l = k1; l < 12; l++)
        LANES_CAT(NAME, _fetch_c)(c, ldc, l);
#pragma GCC unroll 4
    for (; p < k; p++, ap += 2 * W, bp += 6)
        LANES_CAT(NAME, _step)(ap, bp, acc);
    const V va = OP(set1)(alpha);
    if (beta == 0) {
#pragma GCC unroll 6
        for (int j = 0; j < 6; j++) {
            OP(storeu)(c + j * ldc, OP(mul)(va, acc[j][0]));
            OP(storeu)(c + j * ldc + W, OP(mul)(va, acc[j][1]));
        }
    } else {
        const V vb = OP(set1)(beta);
#pragma GCC unroll 6
        for (int j = 0; j < 6; j++) {
            T *cj = c + j * ldc;
            OP(storeu)(cj, OP(fmadd)(vb, OP(loadu)(cj), OP(mul)(va, acc[j][0])));
            OP(storeu)(cj + W, OP(fmadd)(vb, OP(loadu)(cj + W), OP(mul)(va, acc[j][1])));
        }
    }
}
