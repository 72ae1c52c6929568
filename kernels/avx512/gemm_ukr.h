/* The packed-panel micro-kernel for one type, AVX-512 (BLIS contract,
 * kernels/kernels.h).  Included by gemm.c with T, V, W (lanes), OP(name)
 * (_mm512_name_ps/_pd), NAME and the tile: UMV vectors (MR = UMV * W) x UNR
 * columns, UMV * UNR accumulators, UMV A vectors and a broadcast of B in the
 * 32 zmm registers. */

void NAME(size_t k, T alpha, const T *ap, const T *bp, T beta, T *c, size_t ldc)
{
    V acc[UNR][UMV];
#pragma GCC unroll 12
    for (int j = 0; j < UNR; j++)
#pragma GCC unroll 4
        for (int v = 0; v < UMV; v++)
            acc[j][v] = OP(setzero)();
    /* C's UNR columns (UMV lines each) arrive while the k loop runs. */
    for (int j = 0; j < UNR; j++)
#pragma GCC unroll 4
        for (int v = 0; v < UMV; v++)
            _mm_prefetch((const char *)(c + j * ldc + v * W), _MM_HINT_T0);
#pragma GCC unroll 4
    for (size_t p = 0; p < k; p++, ap += UMV * W, bp += UNR) {
        /* A streams from L2, B from L3 on its first use in a block: ask for
         * both LANES_PF_STEPS k steps ahead */
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
