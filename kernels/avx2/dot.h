/* dot for one type, AVX2 + FMA (included by dot.c with T, V, W, MASKGEN,
 * OP, HSUM, NAME): a long x aligned by a masked head step, the shared main
 * loops of kernels/axpy_dot_loops.h, then
 * masked loads (zeros past the end) for the tail. */

#define LANES_AXPY_DOT_LOOPS_DOT
#define LANES_DOT_HEAD(p, n) lanes_align_head(p, n, sizeof(T), 32)
#define LANES_DOT_MLOAD(h, p) OP(maskload)(p, MASKGEN(h))
#include "kernels/axpy_dot_loops.h"
#undef LANES_AXPY_DOT_LOOPS_DOT

T NAME(size_t n, const T *x, const T *y)
{
    /* a long x's loads aligned (lanes_align_head): a masked head step first */
    V head = n >= 1024 / sizeof(T) ? LANES_CAT(NAME, _head)(&x, &y, &n) : OP(setzero)();
    V acc[2];
    size_t i = LANES_CAT(NAME, _full)(n, x, y, acc, 8);
    if (i < n) {
        __m256i m = MASKGEN(n - i);
        acc[1] = OP(fmadd)(OP(maskload)(x + i, m), OP(maskload)(y + i, m), acc[1]);
    }
    return HSUM(OP(add)(OP(add)(acc[0], head), acc[1]));
}

#undef LANES_DOT_HEAD
#undef LANES_DOT_MLOAD
