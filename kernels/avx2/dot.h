/* dot for one type, AVX2 + FMA (included by dot.c with T, V, W, MASKGEN,
 * OP, HSUM, NAME).  Long vectors: eight independent accumulators (FMA latency
 * 4 x 2 pipes on Zen 4); short ones use as few as the length needs, since
 * they pay mostly for the final reduction.  Masked loads give zeros in the
 * tail. */

T NAME(size_t n, const T *x, const T *y)
{
    V acc[8];
    size_t i = 0;
    acc[0] = acc[1] = OP(setzero)();
    if (n >= 8 * W) {
        for (int j = 2; j < 8; j++)
            acc[j] = OP(setzero)();
        for (; i + 8 * W <= n; i += 8 * W) {
#pragma GCC unroll 8
            for (int j = 0; j < 8; j++)
                acc[j] = OP(fmadd)(OP(loadu)(x + i + W * j), OP(loadu)(y + i + W * j), acc[j]);
        }
        for (int j = 0; j < 2; j++)
            acc[j] = OP(add)(OP(add)(acc[j], acc[j + 2]), OP(add)(acc[j + 4], acc[j + 6]));
    }
    for (; i + 2 * W <= n; i += 2 * W) {
        acc[0] = OP(fmadd)(OP(loadu)(x + i), OP(loadu)(y + i), acc[0]);
        acc[1] = OP(fmadd)(OP(loadu)(x + i + W), OP(loadu)(y + i + W), acc[1]);
    }
    if (i + W <= n) {
        acc[0] = OP(fmadd)(OP(loadu)(x + i), OP(loadu)(y + i), acc[0]);
        i += W;
    }
    if (i < n) {
        __m256i m = MASKGEN(n - i);
        acc[1] = OP(fmadd)(OP(maskload)(x + i, m), OP(maskload)(y + i, m), acc[1]);
    }
    return HSUM(OP(add)(acc[0], acc[1]));
}
