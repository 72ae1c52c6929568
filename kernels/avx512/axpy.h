/* axpy for one type, AVX-512 (included by axpy.c with T, V, W, MASK,
 * MASKGEN, OP, FMA, NAME and the 256-bit V256, OP256, NAME256): the shared main
 * loop of kernels/axpy_dot_loops.h at the width wide_narrow.h picks by size,
 * with y's loads and stores aligned. */

#define LANES_AXPY_DOT_LOOPS_AXPY
#include "wide_narrow.h"
#undef LANES_AXPY_DOT_LOOPS_AXPY

/* y[i, n) += a x[i, n), one scalar FMA each */
static inline void LANES_CAT(NAME, _scalar)(size_t i, size_t n, T a, const T *x, T *y)
{
    for (; i < n; i++)
        y[i] = FMA(a, x[i], y[i]);
}

void NAME(size_t n, T a, const T *x, T *y)
{
    /* shorter than one 256-bit vector: scalar FMAs before anything else,
     * so that the call needs no frame, broadcast or vzeroupper (lanes_ab,
     * saxpy of 1-7 floats: 1.09-1.58x) */
    if (n < 32 / sizeof(T)) {
        LANES_CAT(NAME, _scalar)(0, n, a, x, y);
        return;
    }
    if (n >= LANES_WIDE_MIN && n <= LANES_WIDE_MAX) {
        /* No masked access: a masked store whose masked-off lanes reach a
         * page not yet touched costs ~350 cycles on Zen 5 (one crossing any
         * page ~15), and a masked tail loaded after the loop's stores to its
         * line waits for them.  The last W elements are computed from the
         * original x and y before the loop and stored after it; a y off
         * 64 bytes takes W elements at y and W at its first boundary (h),
         * both unaligned-safe plain stores, and the loop starts aligned at
         * h + W.  Lanes stored twice get the same value both times. */
        const V va = OP(set1)(a);
        const V last = OP(fmadd)(va, OP(loadu)(x + n - W), OP(loadu)(y + n - W));
        size_t h = lanes_align_head(y, n, sizeof(T), 64);
        if (h) {
            const V first = OP(fmadd)(va, OP(loadu)(x), OP(loadu)(y));
            const V second = OP(fmadd)(va, OP(loadu)(x + h), OP(loadu)(y + h));
            OP(storeu)(y, first);
            OP(storeu)(y + h, second);
            h += W;
        }
        /* x and y on one offset in their cache lines: interleaved stores */
        const size_t i = h + LANES_CAT(NAME, _full)(n - h, va, x + h, y + h,
                                                    ((uintptr_t)x - (uintptr_t)y) % 64 == 0);
        if (i < n)
            OP(storeu)(y + n - W, last);
        return;
    }
    if (n > LANES_WIDE_MAX) {
        /* y's loads and stores aligned (lanes_align_head): a masked head */
        const size_t h = lanes_align_head(y, n, sizeof(T), 64);
        const MASK m = MASKGEN(h);
        OP(mask_storeu)(y, m, OP(fmadd)(OP(set1)(a), OP(maskz_loadu)(m, x), OP(maskz_loadu)(m, y)));
        x += h;
        y += h;
        n -= h;
    }
    const size_t i = LANES_CAT(NAME256, _full)(n, OP256(set1)(a), x, y, 0);
    /* a scalar tail, as in the AVX2 kernel: on a 4-float vector it beats the
     * masked one by 15% */
    LANES_CAT(NAME, _scalar)(i, n, a, x, y);
}

#undef LANES_WIDE_MIN
#undef LANES_WIDE_MAX
