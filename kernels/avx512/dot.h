/* dot for one type, AVX-512 (included by dot.c with T, V, W, MASK, MASKGEN,
 * OP, NAME and the 256-bit V256, OP256, HSUM256 (its sum), JOIN256 (two
 * of them as one 512-bit vector), NAME256): the
 * shared main loops of kernels/axpy_dot_loops.h at the width wide_narrow.h
 * picks by size, x aligned by a masked head step, then one masked step.  Up
 * to W/2 elements take one masked 256-bit step with its shorter reduction. */

#define LANES_AXPY_DOT_LOOPS_DOT
#define LANES_DOT_HEAD(p, n) lanes_align_head(p, n, sizeof(T), 64)
#define LANES_DOT_MLOAD(h, p) OP(maskz_loadu)(MASKGEN(h), p)
#include "wide_narrow.h"
#undef LANES_AXPY_DOT_LOOPS_DOT

T NAME(size_t n, const T *x, const T *y)
{
    if (n <= W / 2) {
        __mmask8 m = (__mmask8)((1u << n) - 1);
        return HSUM256(OP256(mul)(OP256(maskz_loadu)(m, x), OP256(maskz_loadu)(m, y)));
    }
    /* a long x's loads aligned (lanes_align_head): a masked head step first */
    V head = n >= LANES_WIDE_MIN ? LANES_CAT(NAME, _head)(&x, &y, &n) : OP(setzero)();
    /* dot keeps 512 bits only while x and y fit in L1 (Zen 5: 48 KiB):
     * from L2 on, aligned 256-bit loads are faster (ddot, 4K-16K doubles:
     * 154-161 GB/s against 142-149), whereas short dots need the 512-bit
     * loop's fewer steps more than axpy does */
    size_t i;
    V acc[2];
    if (n <= 24 * 1024 / sizeof(T)) {
        i = LANES_CAT(NAME, _full)(n, x, y, acc);
    } else {
        V256 a2[2];
        i = LANES_CAT(NAME256, _full)(n, x, y, a2);
        acc[0] = JOIN256(a2[0], a2[1]);
        acc[1] = OP(setzero)();
    }
    if (i < n) {
        MASK m = MASKGEN(n - i);
        acc[1] = OP(fmadd)(OP(maskz_loadu)(m, x + i), OP(maskz_loadu)(m, y + i), acc[1]);
    }
    return OP(reduce_add)(OP(add)(OP(add)(acc[0], head), acc[1]));
}

#undef LANES_WIDE_MIN
#undef LANES_DOT_HEAD
#undef LANES_DOT_MLOAD
#undef LANES_WIDE_MAX
