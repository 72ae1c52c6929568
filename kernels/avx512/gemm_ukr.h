/* The packed-panel micro-kernel for one type, AVX-512 (BLIS contract,
 * kernels/kernels.h).  Included twice by gemm.c with T, V, W (lanes),
 * OP(name) (_mm512_name_ps/_pd) and NAME.  Tile 2W x 12: 24 accumulators, 2
 * A vectors and a broadcast of B in the 32 zmm registers. */

void NAME(size_t k, T alpha, const T *ap, const T *bp, T beta, T *c, size_t ldc)
{
    V acc[12][2];
#pragma GCC unroll 12
    for (int j = 0; j < 12; j++)
        acc[j][0] = acc[j][1] = OP(setzero)();
    /* C's 12 columns (2 lines each) arrive while the k loop runs. */
    for (int j = 0; j < 12; j++) {
        _mm_prefetch((const char *)(c + j * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + j * ldc + 2 * W - 1), _MM_HINT_T0);
    }
#pragma GCC unroll 4
    for (size_t p = 0; p < k; p++, ap += 2 * W, bp += 12) {
        /* A streams from L2, B from L3 on its first use in a block: ask for
         * both LANES_PF_STEPS k steps ahead */
        _mm_prefetch((const char *)(ap + 2 * W * LANES_PF_STEPS), _MM_HINT_T0);
        _mm_prefetch((const char *)(ap + 2 * W * LANES_PF_STEPS + W), _MM_HINT_T0);
        _mm_prefetch((const char *)(bp + 12 * LANES_PF_STEPS), _MM_HINT_T0);
        V a0 = OP(loadu)(ap), a1 = OP(loadu)(ap + W);
#pragma GCC unroll 12
        for (int j = 0; j < 12; j++) {
            V b = OP(set1)(bp[j]);
            acc[j][0] = OP(fmadd)(a0, b, acc[j][0]);
            acc[j][1] = OP(fmadd)(a1, b, acc[j][1]);
        }
    }
    const V va = OP(set1)(alpha);
    if (beta == 0) {
#pragma GCC unroll 12
        for (int j = 0; j < 12; j++) {
            OP(storeu)(c + j * ldc, OP(mul)(va, acc[j][0]));
            OP(storeu)(c + j * ldc + W, OP(mul)(va, acc[j][1]));
        }
    } else {
        const V vb = OP(set1)(beta);
#pragma GCC unroll 12
        for (int j = 0; j < 12; j++) {
            T *cj = c + j * ldc;
            OP(storeu)(cj, OP(fmadd)(vb, OP(loadu)(cj), OP(mul)(va, acc[j][0])));
            OP(storeu)(cj + W, OP(fmadd)(vb, OP(loadu)(cj + W), OP(mul)(va, acc[j][1])));
        }
    }
}
