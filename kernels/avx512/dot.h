/* dot for one type, AVX-512 (included by dot.c with T, V, W, MASK, MASKGEN,
 * OP, NAME, the 256-bit V256, OP256, HSUM256 (its sum), JOIN256 (two of
 * them as one 512-bit vector), NAME256, and SHORTDOT, the dot of up to
 * SHORTMAX = 16 elements by two overlapping pieces (avx2.h, dot.c)): the
 * shared main loops of kernels/axpy_dot_loops.h at the width wide_narrow.h
 * picks by size, x aligned by a masked head step (in bounds: long vectors
 * only), then the last W elements whole.  No masked access reaches past the
 * vectors. */

#define LANES_AXPY_DOT_LOOPS_DOT
#define LANES_DOT_ALIGN 64
#define LANES_DOT_MLOAD(h, p) OP(maskz_loadu)(MASKGEN(h), p)
#include "wide_narrow.h"
#undef LANES_AXPY_DOT_LOOPS_DOT

T NAME(size_t n, const T *x, const T *y)
{
    if (n <= SHORTMAX)
        return SHORTDOT(n, x, y);
    /* By the size of each vector and the offsets of x and y in their cache
     * lines (Zen 5, every pair of offsets measured): in L1, x aligned by a
     * masked head step (lanes_align_head), then 512-bit loads; past L1, the
     * same head and aligned 256-bit loads, which stream best when y is then
     * aligned too - except in L2 (up to LANES_WIDE_MAX) with x and y on
     * different offsets, where unaligned 512-bit loads from both are 1.1-1.2x
     * faster than y's split 256-bit ones.  Four 512-bit accumulators beat
     * eight by 1-7% (two 512-bit loads a cycle keep one FMA busy).  Where
     * lanes_stream_wide is set (wide_narrow.h), 512-bit loads at every
     * size. */
    V head = OP(setzero)();
    size_t i;
    V acc[2];
    if (n < 8 * W) {
        /* short (under 512 bytes): what the L1 case below does there, with
         * none of its tests.  Intel Xeon 6 model 207, bench_blas against
         * OpenBLAS with the kernel 16, 32, 48 and 64 bytes past a 64-byte
         * boundary, two runs each on a busy host: sdot 64 0.97-1.06x (mean
         * 1.00), against 0.70-1.42x (1.03) with the tests first; ddot 64
         * 0.89-1.05x (0.95), against 0.81-1.02x (0.92). */
        i = LANES_CAT(NAME, _full)(n, x, y, acc, 4);
    } else {
        const int in_l1 = n <= 24 * 1024 / sizeof(T);
        const int l2_split =
            !in_l1 && n <= LANES_WIDE_MAX && ((uintptr_t)x ^ (uintptr_t)y) % 64 != 0;
        if (n >= LANES_WIDE_MIN && !l2_split)
            head = LANES_CAT(NAME, _head)(&x, &y, &n);
        if (in_l1 || l2_split || lanes_stream_wide) {
            i = LANES_CAT(NAME, _full)(n, x, y, acc, 4);
        } else {
            V256 a2[2];
            i = LANES_CAT(NAME256, _full)(n, x, y, a2, 8);
            acc[0] = JOIN256(a2[0], a2[1]);
            acc[1] = OP(setzero)();
        }
    }
    if (i < n) {
        /* the last W elements as plain loads, the lanes already summed left
         * out: a masked load whose masked-off lanes reach a page not yet
         * touched costs hundreds of cycles */
        const MASK m = (MASK)~MASKGEN(W - (n - i));
        acc[1] = OP(mask3_fmadd)(OP(loadu)(x + n - W), OP(loadu)(y + n - W), acc[1], m);
    }
    return OP(reduce_add)(OP(add)(OP(add)(acc[0], head), acc[1]));
}

/* one stride of 2 to W / 4 on both (kernels/axpy_dot_inc.h) */
#define INC_MASK MASK
#define INC_MASK_OF(b) ((MASK)(b))
#define INC_FMADD(x, y, acc, m) OP(mask3_fmadd)(x, y, acc, m)
#define INC_SUM(v) OP(reduce_add)(v)
#define LANES_AXPY_DOT_INC_DOT
#include "kernels/axpy_dot_inc.h"
#undef LANES_AXPY_DOT_INC_DOT
#undef INC_MASK
#undef INC_MASK_OF
#undef INC_FMADD
#undef INC_SUM

#undef LANES_WIDE_MIN
#undef LANES_DOT_ALIGN
#undef LANES_DOT_MLOAD
#undef LANES_WIDE_MAX
