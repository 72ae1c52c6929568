/* dot for one type, NEON (included by dot.c with T, V, W, OP, FMA, NAME,
 * and INC_MAX for the strided one): eight independent accumulators, scalar
 * tail. */

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

/* One stride of 2 to INC_MAX on both (kernels.h's contract, as the x86
 * kernels'): the structure loads vld2q / vld3q / vld4q read inc vectors'
 * worth of the span and return its stride's W elements as one vector, W
 * elements a load where the plain loop loads one; four accumulators, the
 * elements past the last whole load one at a time.  The length and span
 * limits are the x86 kernels' (kernels/axpy_dot_inc.h): NEON runs only
 * under qemu here, where timings mean nothing.  (No axpy: NEON has no
 * masked store, and a structure store would write the elements between.) */
static inline __attribute__((always_inline)) V LANES_CAT(NAME, _stride)(const T *p,
                                                                      const size_t inc)
{
    return inc == 2 ? OP(vld2q)(p).val[0] : inc == 3 ? OP(vld3q)(p).val[0] : OP(vld4q)(p).val[0];
}

static inline __attribute__((always_inline)) T
LANES_CAT(NAME, _inc_body)(size_t n, const size_t inc, const T *x, const T *y)
{
    const size_t loads = n ? ((n - 1) * inc + 1) / (W * inc) : 0, step = W * inc;
    V acc[4];
    for (int j = 0; j < 4; j++)
        acc[j] = OP(vdupq_n)(0);
    size_t g = 0;
    for (; g + 4 <= loads; g += 4)
#pragma GCC unroll 4
        for (size_t j = 0; j < 4; j++)
            acc[j] = OP(vfmaq)(acc[j], LANES_CAT(NAME, _stride)(x + (g + j) * step, inc),
                               LANES_CAT(NAME, _stride)(y + (g + j) * step, inc));
    for (; g < loads; g++)
        acc[0] = OP(vfmaq)(acc[0], LANES_CAT(NAME, _stride)(x + g * step, inc),
                           LANES_CAT(NAME, _stride)(y + g * step, inc));
    T sum = OP(vaddvq)(OP(vaddq)(OP(vaddq)(acc[0], acc[1]), OP(vaddq)(acc[2], acc[3])));
    for (size_t i = loads * W; i < n; i++)
        sum = FMA(x[i * inc], y[i * inc], sum);
    return sum;
}

LANES_INC_DOT_ENTRY
