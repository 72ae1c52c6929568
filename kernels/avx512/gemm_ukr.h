/* The packed-panel micro-kernel for one type, AVX-512 (BLIS contract,
 * kernels/kernels.h).  Included by gemm.c with T, V, W (lanes), OP(name)
 * (_mm512_name_ps/_pd), NAME and the tile: UMV vectors (MR = UMV * W) x UNR
 * columns, UMV * UNR accumulators, UMV A vectors and a broadcast of B in the
 * 32 zmm registers. */

/* One k step: UMV A vectors times UNR broadcasts of B.  A streams from L2,
 * B from L3 on its first use in a block: both are asked for LANES_PF_STEPS
 * k steps ahead. */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _step)(const T *ap,
                                                                        const T *bp,
                                                                        V acc[UNR][UMV])
{
#pragma GCC unroll 4
    for (int v = 0; v < UMV; v++)
        _mm_prefetch((const char *)(ap + UMV * W * LANES_PF_STEPS + v * W), _MM_HINT_T0);
    _mm_prefetch((const char *)(bp + UNR * LANES_PF_STEPS), _MM_HINT_T0);
    V a[UMV];
#pragma GCC unroll 4
    for (int v = 0; v < UMV; v++)
        a[v] = OP(loadu)(ap + v * W);
#pragma GCC unroll 12
    for (int j = 0; j < UNR; j++) {
        V b = OP(set1)(bp[j]);
#pragma GCC unroll 4
        for (int v = 0; v < UMV; v++)
            acc[j][v] = OP(fmadd)(a[v], b, acc[j][v]);
    }
}

/* C's cache line l of UNR * UMV: line l % UMV of column l / UMV */
static inline void LANES_CAT(NAME, _fetch_c)(const T *c, size_t ldc, size_t l)
{
    _mm_prefetch((const char *)(c + l / UMV * ldc + l % UMV * W), _MM_HINT_T0);
}

void NAME(size_t k, T alpha, const T *ap, const T *bp, T beta, T *c, size_t ldc)
{
    V acc[UNR][UMV];
#pragma GCC unroll 12
    for (int j = 0; j < UNR; j++)
#pragma GCC unroll 4
        for (int v = 0; v < UMV; v++)
            acc[j][v] = OP(setzero)();
    /* C's UNR * UMV cache lines are asked for one a k step over the first
     * k steps, not all at once: in a large gemm they come from memory, and
     * 24 misses issued together held up the A and B prefetches behind them
     * (Zen 5, tiles over a 2048-row C: s 211 -> 216, d 101.5 -> 104
     * GFLOP/s). */
    enum { LINES = UNR * UMV };
    const size_t k1 = k < LINES ? k : LINES;
    size_t p = 0;
    for (; p < k1; p++, ap += UMV * W, bp += UNR) {
        LANES_CAT(NAME, _fetch_c)(c, ldc, p);
        LANES_CAT(NAME, _step)(ap, bp, acc);
    }
    for (size_t l = k1; l < LINES; l++)
        LANES_CAT(NAME, _fetch_c)(c, ldc, l);
#pragma GCC unroll 4
    for (; p < k; p++, ap += UMV * W, bp += UNR)
        LANES_CAT(NAME, _step)(ap, bp, acc);
    const V va = OP(set1)(alpha);
    if (beta == 0) {
#pragma GCC unroll 12
        for (int j = 0; j < UNR; j++)
#pragma GCC unroll 4
            for (int v = 0; v < UMV; v++)
                OP(storeu)(c + j * ldc + v * W, OP(mul)(va, acc[j][v]));
    } else {
        const V vb = OP(set1)(beta);
#pragma GCC unroll 12
        for (int j = 0; j < UNR; j++)
#pragma GCC unroll 4
            for (int v = 0; v < UMV; v++) {
                T *cj = c + j * ldc + v * W;
                OP(storeu)(cj, OP(fmadd)(vb, OP(loadu)(cj), OP(mul)(va, acc[j][v])));
            }
    }
}
