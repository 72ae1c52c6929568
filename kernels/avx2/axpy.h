/* axpy for one type, AVX2 + FMA (included by axpy.c with T, V, W, OP, FMA,
 * NAME): four independent W-lane streams, scalar tail. */

void NAME(size_t n, T a, const T *x, T *y)
{
    const V va = OP(set1)(a);
    size_t i = 0;
    for (; i + 4 * W <= n; i += 4 * W) {
        V y0 = OP(fmadd)(va, OP(loadu)(x + i), OP(loadu)(y + i));
        V y1 = OP(fmadd)(va, OP(loadu)(x + i + W), OP(loadu)(y + i + W));
        V y2 = OP(fmadd)(va, OP(loadu)(x + i + 2 * W), OP(loadu)(y + i + 2 * W));
        V y3 = OP(fmadd)(va, OP(loadu)(x + i + 3 * W), OP(loadu)(y + i + 3 * W));
        OP(storeu)(y + i, y0);
        OP(storeu)(y + i + W, y1);
        OP(storeu)(y + i + 2 * W, y2);
        OP(storeu)(y + i + 3 * W, y3);
    }
    for (; i + W <= n; i += W)
        OP(storeu)(y + i, OP(fmadd)(va, OP(loadu)(x + i), OP(loadu)(y + i)));
    /* Scalar tail: a masked store (vmaskmovps) costs more on AMD than up
     * to 7 scalar FMAs. */
    for (; i < n; i++)
        y[i] = FMA(a, x[i], y[i]);
}
