/* axpy for one type, AVX2 + FMA (included by axpy.c with T, V, W, OP, FMA,
 * NAME, and INC_MAX, INC_MASK_OF, INC_STORE for the strided one): the shared
 * main loop of kernels/axpy_dot_loops.h, y aligned by a scalar head, scalar
 * tail. */

#define LANES_AXPY_DOT_LOOPS_AXPY
#include "kernels/axpy_dot_loops.h"
#undef LANES_AXPY_DOT_LOOPS_AXPY

void NAME(size_t n, T a, const T *x, T *y)
{
    if (n >= 1024 / sizeof(T)) {
        /* y's loads and stores aligned (lanes_align_head): a scalar head */
        const size_t h = lanes_align_head(y, n, sizeof(T), 32);
        for (size_t i = 0; i < h; i++)
            y[i] = FMA(a, x[i], y[i]);
        x += h;
        y += h;
        n -= h;
    }
    size_t i = LANES_CAT(NAME, _full)(n, OP(set1)(a), x, y, 0);
    /* Scalar tail: a masked store (vmaskmovps) costs more on AMD than up
     * to 7 scalar FMAs. */
    for (; i < n; i++)
        y[i] = FMA(a, x[i], y[i]);
}

/* one stride on both (kernels/axpy_dot_inc.h): vmaskmov stores, which a
 * long loop of them runs at speed on Zen 5 (a tail's one does not pay,
 * above) */
#define INC_MASK __m256i
#define LANES_AXPY_DOT_INC_AXPY
#include "kernels/axpy_dot_inc.h"
#undef LANES_AXPY_DOT_INC_AXPY
#undef INC_MASK
