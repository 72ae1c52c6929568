/* dot for one type, AVX-512 (included by dot.c with T, V, W, MASK, MASKGEN,
 * OP, OP256 and HSUM256 (the 256-bit ops and sum), NAME).  Long vectors:
 * eight independent accumulators (FMA latency 4 x 2 pipes on Zen 4).  Short
 * ones pay mostly for the final reduction, so they use as few accumulators
 * as the length needs, and up to W/2 elements take one masked 256-bit step
 * with its shorter reduction. */

T NAME(size_t n, const T *x, const T *y)
{
    if (n <= W / 2) {
        __mmask8 m = (__mmask8)((1u << n) - 1);
        return HSUM256(OP256(mul)(OP256(maskz_loadu)(m, x), OP256(maskz_loadu)(m, y)));
    }
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
        MASK m = MASKGEN(n - i);
        acc[1] = OP(fmadd)(OP(maskz_loadu)(m, x + i), OP(maskz_loadu)(m, y + i), acc[1]);
    }
    return OP(reduce_add)(OP(add)(acc[0], acc[1]));
}
