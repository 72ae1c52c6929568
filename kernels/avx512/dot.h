/* dot for one type, AVX-512 (included by dot.c with T, V, W, MASK, MASKGEN,
 * OP, OP256 and HSUM256 (the 256-bit ops and sum), NAME): the shared main
 * loops of kernels/axpy_dot_loops.h, then one masked step.  Up to W/2
 * elements take one masked 256-bit step with its shorter reduction. */

#define LANES_AXPY_DOT_LOOPS_DOT
#include "kernels/axpy_dot_loops.h"
#undef LANES_AXPY_DOT_LOOPS_DOT

T NAME(size_t n, const T *x, const T *y)
{
    if (n <= W / 2) {
        __mmask8 m = (__mmask8)((1u << n) - 1);
        return HSUM256(OP256(mul)(OP256(maskz_loadu)(m, x), OP256(maskz_loadu)(m, y)));
    }
    V acc[2];
    size_t i = LANES_CAT(NAME, _full)(n, x, y, acc);
    if (i < n) {
        MASK m = MASKGEN(n - i);
        acc[1] = OP(fmadd)(OP(maskz_loadu)(m, x + i), OP(maskz_loadu)(m, y + i), acc[1]);
    }
    return OP(reduce_add)(OP(add)(acc[0], acc[1]));
}
