/* axpy for one type, NEON (included by axpy.c with T, V, W, OP, FMA, NAME):
 * four W-lane streams, scalar tail of at most W - 1 elements. */

void NAME(size_t n, T a, const T *x, T *y)
{
    size_t i = 0;
    for (; i + 4 * W <= n; i += 4 * W) {
        V y0 = OP(vfmaq_n)(OP(vld1q)(y + i), OP(vld1q)(x + i), a);
        V y1 = OP(vfmaq_n)(OP(vld1q)(y + i + W), OP(vld1q)(x + i + W), a);
        V y2 = OP(vfmaq_n)(OP(vld1q)(y + i + 2 * W), OP(vld1q)(x + i + 2 * W), a);
        V y3 = OP(vfmaq_n)(OP(vld1q)(y + i + 3 * W), OP(vld1q)(x + i + 3 * W), a);
        OP(vst1q)(y + i, y0);
        OP(vst1q)(y + i + W, y1);
        OP(vst1q)(y + i + 2 * W, y2);
        OP(vst1q)(y + i + 3 * W, y3);
    }
    for (; i + W <= n; i += W)
        OP(vst1q)(y + i, OP(vfmaq_n)(OP(vld1q)(y + i), OP(vld1q)(x + i), a));
    for (; i < n; i++)
        y[i] = FMA(a, x[i], y[i]);
}
