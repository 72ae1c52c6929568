/* axpy for one type, AVX-512 (included by axpy.c with T, V, W, MASK,
 * MASKGEN, OP, NAME and the 256-bit V256, OP256, NAME256): the shared main
 * loop of kernels/axpy_dot_loops.h at the width wide_narrow.h picks by size,
 * y aligned by a masked head step. */

#define LANES_AXPY_DOT_LOOPS_AXPY
#include "wide_narrow.h"
#undef LANES_AXPY_DOT_LOOPS_AXPY

void NAME(size_t n, T a, const T *x, T *y)
{
    if (n >= LANES_WIDE_MIN) {
        /* y's loads and stores aligned (lanes_align_head) */
        const size_t h = lanes_align_head(y, n, sizeof(T), 64);
        const MASK m = MASKGEN(h);
        OP(mask_storeu)(y, m, OP(fmadd)(OP(set1)(a), OP(maskz_loadu)(m, x), OP(maskz_loadu)(m, y)));
        x += h;
        y += h;
        n -= h;
    }
    if (n >= LANES_WIDE_MIN && n <= LANES_WIDE_MAX) {
        const V va = OP(set1)(a);
        size_t i = LANES_CAT(NAME, _full)(n, va, x, y);
        if (i < n) {
            MASK m = MASKGEN(n - i);
            OP(mask_storeu)(y + i, m, OP(fmadd)(va, OP(maskz_loadu)(m, x + i),
                                                 OP(maskz_loadu)(m, y + i)));
        }
        return;
    }
    size_t i = LANES_CAT(NAME256, _full)(n, OP256(set1)(a), x, y);
    /* a scalar tail, as in the AVX2 kernel: on a 4-float vector it beats the
     * masked one by 15% */
    for (; i < n; i++)
        y[i] = sizeof(T) == 4 ? __builtin_fmaf((float)a, (float)x[i], (float)y[i])
                              : (T)__builtin_fma(a, x[i], y[i]);
}

#undef LANES_WIDE_MIN
#undef LANES_WIDE_MAX
