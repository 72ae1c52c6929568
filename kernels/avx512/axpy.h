/* axpy for one type, AVX-512 (included by axpy.c with T, V, W, MASK,
 * MASKGEN, OP, FMA, NAME and the 256-bit V256, OP256, NAME256): the shared main
 * loop of kernels/axpy_dot_loops.h at the width wide_narrow.h picks by size,
 * with y's loads and stores aligned; on Intel, vectors shorter than 1 KiB by
 * a 512-bit loop of their own (NAME##_short512). */

#define LANES_AXPY_DOT_LOOPS_AXPY
#include "wide_narrow.h"
#undef LANES_AXPY_DOT_LOOPS_AXPY

/* y[i, n) += a x[i, n), one scalar FMA each */
static inline void LANES_CAT(NAME, _scalar)(size_t i, size_t n, T a, const T *x, T *y)
{
    for (; i < n; i++)
        y[i] = FMA(a, x[i], y[i]);
}

/* W <= n < LANES_WIDE_MIN where lanes_stream_wide (Intel): 512-bit steps,
 * each vector of y stored right after its FMA (as OpenBLAS's SkylakeX
 * kernel), then one 256-bit step and scalar FMAs, so that each store is
 * one a back-to-back call's load of y is forwarded from whole (an
 * overlapping last vector, the wide path's, made that load need two).
 * Emerald Rapids: saxpy 64 0.65-0.78 -> 0.84-0.93x OpenBLAS's speed,
 * daxpy 64 0.81 -> 1.07-1.11x (bench_blas); against the 256-bit loop it
 * replaces, saxpy 192-240 1.00-1.48x, daxpy 20-127 0.99-1.38x over x and y
 * offsets in their cache lines (lanes_ab, LANES_AB_OFFSETS).  Its loops are
 * NAME##_full's with interleaved stores, written out: through that helper,
 * saxpy 64 ran 0.92x, 100 0.94x, daxpy 64 0.95x as fast (lanes_ab, tight
 * quartiles).  A length of whole 4-vector steps returns after them: saxpy
 * 64 0.79-0.81 -> 0.89-0.90x OpenBLAS, daxpy 64 1.09-1.10 -> 1.18-1.19x
 * (bench_blas, two runs of each build; lanes_ab, which loads both builds in
 * one process, measured daxpy 32-100 0.89-0.94x, saxpy 16-192 1.02-1.13x). */
static inline void LANES_CAT(NAME, _short512)(size_t n, T a, const T *x, T *y)
{
    const V va = OP(set1)(a);
    size_t i = 0;
    for (; i + 4 * W <= n; i += 4 * W)
#pragma GCC unroll 4
        for (size_t j = i; j < i + 4 * W; j += W)
            OP(storeu)(y + j, OP(fmadd)(va, OP(loadu)(x + j), OP(loadu)(y + j)));
    if (i == n)
        return;
    for (; i + W <= n; i += W)
        OP(storeu)(y + i, OP(fmadd)(va, OP(loadu)(x + i), OP(loadu)(y + i)));
    if (i + W / 2 <= n) {
        const V256 v = OP256(fmadd)(OP256(set1)(a), OP256(loadu)(x + i), OP256(loadu)(y + i));
        OP256(storeu)(y + i, v);
        i += W / 2;
    }
    LANES_CAT(NAME, _scalar)(i, n, a, x, y);
}

/* n >= 32 bytes, except the short 512-bit case: out of line, so that the
 * short calls of NAME need no stack frame */
static __attribute__((noinline)) void LANES_CAT(NAME, _rest)(size_t n, T a, const T *x, T *y)
{
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

void NAME(size_t n, T a, const T *x, T *y)
{
    /* shorter than one 256-bit vector: scalar FMAs before anything else,
     * so that the call needs no frame, broadcast or vzeroupper (lanes_ab,
     * saxpy of 1-7 floats: 1.09-1.58x) */
    if (n < 32 / sizeof(T)) {
        LANES_CAT(NAME, _scalar)(0, n, a, x, y);
        return;
    }
    if (n < LANES_WIDE_MIN && n >= W && lanes_stream_wide)
        LANES_CAT(NAME, _short512)(n, a, x, y);
    else
        LANES_CAT(NAME, _rest)(n, a, x, y);
}

/* one stride of 2 to W / 4 on both (kernels/axpy_dot_inc.h) */
#define INC_MASK MASK
#define INC_MASK_OF(b) ((MASK)(b))
#define INC_STORE(p, m, v) OP(mask_storeu)(p, m, v)
#define LANES_AXPY_DOT_INC_AXPY
#include "kernels/axpy_dot_inc.h"
#undef LANES_AXPY_DOT_INC_AXPY
#undef INC_MASK
#undef INC_MASK_OF
#undef INC_STORE

#undef LANES_WIDE_MIN
#undef LANES_WIDE_MAX
