/* axpy for one type, AVX-512 (included by axpy.c with T, V, W, MASK,
 * MASKGEN, OP, NAME): the shared main loop of kernels/axpy_dot_loops.h, one
 * masked tail. */

#define LANES_AXPY_DOT_LOOPS_AXPY
#include "kernels/axpy_dot_loops.h"
#undef LANES_AXPY_DOT_LOOPS_AXPY

void NAME(size_t n, T a, const T *x, T *y)
{
    const V va = OP(set1)(a);
    size_t i = LANES_CAT(NAME, _full)(n, va, x, y);
    if (i < n) {
        MASK m = MASKGEN(n - i);
        V v = OP(fmadd)(va, OP(maskz_loadu)(m, x + i), OP(maskz_loadu)(m, y + i));
        OP(mask_storeu)(y + i, m, v);
    }
}
