/* dot for one type, AVX2 + FMA (included by dot.c with T, V, W, MASKGEN,
 * OP, HSUM, NAME, LOADN(p, n) (n < W elements, masked unless the window
 * crosses a page, avx2.h), SHORTDOT (the dot of up to W elements)): up to W
 * by SHORTDOT; a long x aligned by a masked head step, the
 * shared main loops of kernels/axpy_dot_loops.h, then a LOADN tail (zeros
 * past the end); INC_MAX, INC_MASK and INC_MASK_OF for the strided one. */

#define LANES_AXPY_DOT_LOOPS_DOT
#define LANES_DOT_ALIGN 32
#define LANES_DOT_MLOAD(h, p) OP(maskload)(p, MASKGEN(h))
#include "kernels/axpy_dot_loops.h"
#undef LANES_AXPY_DOT_LOOPS_DOT

T NAME(size_t n, const T *x, const T *y)
{
    if (n <= W)
        return SHORTDOT(n, x, y);
    /* a long x's loads aligned (lanes_align_head): a masked head step first */
    V head = n >= 1024 / sizeof(T) ? LANES_CAT(NAME, _head)(&x, &y, &n) : OP(setzero)();
    V acc[2];
    size_t i = LANES_CAT(NAME, _full)(n, x, y, acc, 8);
    if (i < n)
        acc[1] = OP(fmadd)(LOADN(x + i, n - i), LOADN(y + i, n - i), acc[1]);
    return HSUM(OP(add)(OP(add)(acc[0], head), acc[1]));
}

/* one stride on both (kernels/axpy_dot_inc.h): the lanes between zeroed in
 * x and y alike, so that what they hold cannot make a NaN */
#define INC_FMADD(x, y, acc, m) OP(fmadd)(OP(and)(x, m), OP(and)(y, m), acc)
#define INC_SUM HSUM
#define LANES_AXPY_DOT_INC_DOT
#include "kernels/axpy_dot_inc.h"
#undef LANES_AXPY_DOT_INC_DOT
#undef INC_FMADD
#undef INC_SUM

#undef LANES_DOT_ALIGN
#undef LANES_DOT_MLOAD
