/* dot for one type, NEON (included by dot.c with T, V, W, OP, FMA, NAME):
 * eight independent accumulators, scalar tail. */

T NAME(size_t n, const T *x, const T *y)
{
    V acc[8];
    for (int j = 0; j < 8; j++)
        acc[j] = OP(vdupq_n)(0);
    size_t i = 0;
    for (; i + 8 * W <= n; i += 8 * W) {
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            acc[j] = OP(vfmaq)(acc[j], OP(vld1q)(x + i + W * j), OP(vld1q)(y + i + W * j));
    }
    for (; i + W <= n; i += W)
        acc[0] = OP(vfmaq)(acc[0], OP(vld1q)(x + i), OP(vld1q)(y + i));
    for (int s = 4; s > 0; s /= 2)
        for (int j = 0; j < s; j++)
            acc[j] = OP(vaddq)(acc[j], acc[j + s]);
    T sum = OP(vaddvq)(acc[0]);
    for (; i < n; i++)
        sum = FMA(x[i], y[i], sum);
    return sum;
}
