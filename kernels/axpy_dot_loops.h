/* The unit-stride main loops of axpy and dot, shared by the x86 ISAs whose
 * intrinsics have the same names at each width (AVX2, AVX-512): included by
 * that ISA's axpy.h or dot.h with T, V, W, OP(name) and NAME.  Each ISA then
 * finishes the last partial vector its own way (masks differ) and reduces.
 * LANES_AXPY_DOT_LOOPS_AXPY / _DOT choose which helper the includer gets. */

#ifdef LANES_AXPY_DOT_LOOPS_AXPY
/* y[0, i) += a x[0, i) for the largest i <= n that is a multiple of W: four
 * independent W-lane streams, then single vectors.  Each step loads its
 * four vectors of x and y before it stores, or, with `interleave` (the
 * caller's test, hoisted out of the loop by the compiler), stores each
 * vector of y right after its FMA: the better order where x and y share
 * their offset in a cache line (Zen 5, in L1, 512-bit: 1.03-1.09x), the
 * worse one where they do not (down to 0.86x at some distances apart).
 * Returns i. */
static inline size_t LANES_CAT(NAME, _full)(size_t n, V va, const T *x, T *y, const int interleave)
{
    size_t i = 0;
    for (; i + 4 * W <= n; i += 4 * W) {
        V v[4];
#pragma GCC unroll 4
        for (int j = 0; j < 4; j++) {
            v[j] = OP(fmadd)(va, OP(loadu)(x + i + j * W), OP(loadu)(y + i + j * W));
            if (interleave)
                OP(storeu)(y + i + j * W, v[j]);
        }
        if (!interleave)
#pragma GCC unroll 4
            for (int j = 0; j < 4; j++)
                OP(storeu)(y + i + j * W, v[j]);
    }
    for (; i + W <= n; i += W)
        OP(storeu)(y + i, OP(fmadd)(va, OP(loadu)(x + i), OP(loadu)(y + i)));
    return i;
}
#endif

#ifdef LANES_AXPY_DOT_LOOPS_DOT
/* The products of x and y up to x's alignment boundary, as one vector (zero
 * lanes past them), with x, y and n moved past those elements: the head
 * step of a long dot, so that the main loop's loads of x do not cross cache
 * lines; none where x is aligned already (sdot 1024, AVX-512: 41.4 -> 40.3
 * tsc a call).  The includer defines LANES_DOT_ALIGN (the bytes its main
 * loop's loads take) and LANES_DOT_MLOAD(h, p) (lanes [0, h) of p, zero
 * above). */
static inline V LANES_CAT(NAME, _head)(const T **x, const T **y, size_t *n)
{
    if ((uintptr_t)*x % LANES_DOT_ALIGN == 0)
        return OP(setzero)();
    const size_t h = lanes_align_head(*x, *n, sizeof(T), LANES_DOT_ALIGN);
    const V v = OP(mul)(LANES_DOT_MLOAD(h, *x), LANES_DOT_MLOAD(h, *y));
    *x += h;
    *y += h;
    *n -= h;
    return v;
}

/* The products of x[0, i) and y[0, i) for the largest i <= n that is a
 * multiple of W, summed into acc[0] and acc[1] (set here).  Long vectors
 * (8 W or more): `streams` (4 or 8, the includer's choice) independent
 * accumulators, folded into two: eight cover the FMA latency (4 cycles x 2
 * pipes) where the loads can feed two FMAs a cycle (256 bits), four suffice
 * where two 512-bit loads a cycle feed one; shorter ones use two, since
 * they pay mostly for the final reduction.  Returns i. */
static inline size_t LANES_CAT(NAME, _full)(size_t n, const T *x, const T *y, V acc[2],
                                            const int streams)
{
    V a[8];
    size_t i = 0;
    a[0] = a[1] = OP(setzero)();
    if (n >= 8 * W) {
        /* (this loop and the fold below unrolled, or GCC keeps a[] on the
         * stack: AVX2 sdot 64-1024 1.03-1.12x as fast (lanes_ab); AVX-512,
         * bench_blas over four code placements, two runs each, ddot 64 mean
         * 1.05x OpenBLAS against 0.94x, ddot 1024 1.09x against 1.05x) */
#pragma GCC unroll 8
        for (int j = 2; j < streams; j++)
            a[j] = OP(setzero)();
        const T *px = x, *py = y;
        const T *const pe = x + n / (streams * W) * (streams * W);
        for (; px != pe; px += streams * W, py += streams * W) {
#pragma GCC unroll 8
            for (int j = 0; j < streams; j++)
                a[j] = OP(fmadd)(OP(loadu)(px + W * j), OP(loadu)(py + W * j), a[j]);
        }
        i = (size_t)(px - x);
#pragma GCC unroll 4
        for (int j = 2; j < streams; j += 2) {
            a[0] = OP(add)(a[0], a[j]);
            a[1] = OP(add)(a[1], a[j + 1]);
        }
    }
    for (; i + 2 * W <= n; i += 2 * W) {
        a[0] = OP(fmadd)(OP(loadu)(x + i), OP(loadu)(y + i), a[0]);
        a[1] = OP(fmadd)(OP(loadu)(x + i + W), OP(loadu)(y + i + W), a[1]);
    }
    if (i + W <= n) {
        a[0] = OP(fmadd)(OP(loadu)(x + i), OP(loadu)(y + i), a[0]);
        i += W;
    }
    acc[0] = a[0];
    acc[1] = a[1];
    return i;
}
#endif
