/* The strided axpy and dot of the x86 ISAs: one stride inc (2 to INC_MAX)
 * on both vectors, whole vectors of the span loaded, the stride's lanes
 * picked by masks (lanes_inc_masks, below), so that elements come W /
 * inc a load where a plain loop loads one.  Written once for AVX2 and
 * AVX-512, which hold and apply a mask each their own way.  Included by
 * that ISA's axpy.h or dot.h with T, V, W, OP(name), NAME and
 *   INC_MAX                  the largest stride taken, a literal
 *   INC_MASK, INC_MASK_OF(b) a lane mask's type, and the one of bits b
 *   INC_STORE(p, m, v)       v's lanes in m to p, nothing else written (axpy)
 *   FMA(a, b, c)             a scalar fused multiply-add (axpy)
 *   INC_FMADD(x, y, acc, m)  acc + x y in m's lanes, acc in the others (dot;
 *                            whatever the other lanes of x and y hold)
 *   INC_SUM(v)               the sum of v's lanes (dot)
 * with LANES_AXPY_DOT_INC_AXPY or _DOT defined for the one it gets. */

#ifndef LANES_AXPY_DOT_INC_H
#define LANES_AXPY_DOT_INC_H
/* The lengths and spans taken (judged on the whole vector, kernels.h; the
 * NEON dot, which gathers by structure loads, takes the same),
 * against OpenBLAS with one thread each (Zen 5, AVX-512, in one process,
 * turns interleaved).  Shorter vectors pay more for the set-up and the
 * scalar tail than the loads save (sdot of 12 at stride 4 0.53x, daxpy of 8
 * at 2 0.85x; the plain loop's 0.97x and 1.16x); from 24 and 40 elements
 * the vectors win (daxpy 24 1.05x, sdot 48 at stride 3 1.15x, saxpy 100 at
 * 2 2.96x).  Up to a span of 4 MiB a vector they win in L2 and L3 too
 * (saxpy / sdot 262144 at stride 2 2.03 / 2.02x, at 4 1.14 / 1.11x; daxpy /
 * ddot 262144 at 2 1.09 / 1.04x); from memory they lose (a span of 12-16
 * MiB: saxpy 1M at 3 0.87x, at 4 0.90x, daxpy 1M at 2 0.79x, where the
 * plain loop ran 1.00x).  Where the span exceeds 512 KiB, the axpy asks
 * for y's lines 1 KiB ahead (saxpy 262144 at stride 2 / 3 2.05 / 1.48x
 * OpenBLAS, 1.71 / 1.36x without; 65536 at 4 1.28x, 1.16x without); in
 * L1 and L2 the prefetches only take issue slots (1024 at 2 5.4x, 6.9x
 * without; 65536 at 2 2.4x, 2.7x without). */
#define LANES_INC_AXPY_MIN 24
#define LANES_INC_DOT_MIN 40
#define LANES_INC_SPAN_MAX ((size_t)4 << 20)
#define LANES_INC_PF_SPAN ((size_t)512 << 10)
#define LANES_INC_PF 1024
/* The lanes of a w-lane vector that hold elements of a stride-inc vector,
 * as bit masks (w <= 32, inc <= w): vector c, the w elements from c * w,
 * has bit l set where c * w + l is a multiple of inc.  They repeat every
 * inc vectors (or fewer): masks[0, inc) is written.  For the strided axpy
 * and dot below; no division, as their short calls feel it. */
static inline void lanes_inc_masks(size_t inc, size_t w, uint32_t *masks)
{
    uint64_t every = 0; /* bits 0, inc, 2 inc, ... of two vectors' lanes */
    for (size_t l = 0; l < 2 * w; l += inc)
        every |= (uint64_t)1 << l;
    size_t first = 0; /* the lane of vector c's first element */
    for (size_t c = 0; c < inc; c++) {
        masks[c] = (uint32_t)((every << first) & (((uint64_t)1 << w) - 1));
        while (first < w)
            first += inc;
        first -= w;
    }
}

/* `whole` (kernels.h) takes vectors, at a stride of at most `max` */
#define LANES_INC_TAKES(whole, min, inc, max)                                                    \
    ((whole) >= (min) && (inc) <= (max) &&                                                       \
     ((whole)-1) * (inc) * sizeof(T) < LANES_INC_SPAN_MAX)
/* An entry's return: 1 after BODY(inc) with inc a constant, 2 to INC_MAX
 * (the masks and loops fold), else 0 */
#define LANES_INC_DISPATCH(inc, BODY)                                                            \
    switch (inc) {                                                                               \
    case 2: BODY(2); return 1;                                                                   \
    case 3: if (INC_MAX >= 3) { BODY(3); return 1; } return 0;                                   \
    case 4: if (INC_MAX >= 4) { BODY(4); return 1; } return 0;                                   \
    default: return 0;                                                                           \
    }
/* The dot's entry, NAME##_inc, over the includer's NAME##_inc_body(n, inc,
 * x, y) (this header's, or NEON's) */
#define LANES_INC_DOT_BODY(s) (*sum = LANES_CAT(NAME, _inc_body)(n, s, x, y))
#define LANES_INC_DOT_ENTRY                                                                      \
    int LANES_CAT(NAME, _inc)(size_t n, size_t whole, size_t inc, const T *x, const T *y,        \
                              T *sum)                                                            \
    {                                                                                            \
        if (!LANES_INC_TAKES(whole, LANES_INC_DOT_MIN, inc, INC_MAX))                            \
            return 0;                                                                            \
        LANES_INC_DISPATCH(inc, LANES_INC_DOT_BODY)                                              \
    }
#endif

#if defined LANES_AXPY_DOT_INC_AXPY || defined LANES_AXPY_DOT_INC_DOT
/* masks[c], c < inc: vector c's stride lanes (lanes_inc_masks);
 * 4 of them, for the dead cases of LANES_INC_DISPATCH too */
static inline __attribute__((always_inline)) void LANES_CAT(NAME, _inc_masks)(const size_t inc,
                                                                            INC_MASK masks[4])
{
    uint32_t bits[4];
    lanes_inc_masks(inc, W, bits);
    for (size_t c = 0; c < inc; c++)
        masks[c] = INC_MASK_OF(bits[c]);
}
#endif

#ifdef LANES_AXPY_DOT_INC_AXPY
/* y's stride lanes stored by a masked store, which writes nothing to the
 * lanes between them (another thread's to change).  The vectors abut, or
 * a load of y would wait for the masked store of an overlapping one, which
 * is not forwarded (inc = 3 in overlapping 15-float steps: 0.44x
 * OpenBLAS).  The elements past the last whole vector take scalar FMAs.
 * With inc a constant (LANES_INC_DISPATCH), the masks stay in registers;
 * `far` (a constant too): y's lines asked for ahead. */
static inline __attribute__((always_inline)) void
LANES_CAT(NAME, _inc_body)(size_t n, const size_t inc, T a, const T *x, T *y, const int far)
{
    const size_t vecs = n ? ((n - 1) * inc + 1) / W : 0;
    INC_MASK masks[4];
    LANES_CAT(NAME, _inc_masks)(inc, masks);
    const V va = OP(set1)(a);
    size_t v = 0;
    for (; v + inc <= vecs; v += inc)
        for (size_t c = 0; c < inc; c++) {
            T *yv = y + (v + c) * W;
            if (far)
                _mm_prefetch((const char *)yv + LANES_INC_PF, _MM_HINT_T0);
            INC_STORE(yv, masks[c], OP(fmadd)(va, OP(loadu)(x + (v + c) * W), OP(loadu)(yv)));
        }
    for (size_t c = 0; v < vecs; v++, c++)
        INC_STORE(y + v * W, masks[c], OP(fmadd)(va, OP(loadu)(x + v * W), OP(loadu)(y + v * W)));
    for (size_t i = (vecs * W + inc - 1) / inc; i < n; i++)
        y[i * inc] = FMA(a, x[i * inc], y[i * inc]);
}

int LANES_CAT(NAME, _inc)(size_t n, size_t whole, size_t inc, T a, const T *x, T *y)
{
    if (!LANES_INC_TAKES(whole, LANES_INC_AXPY_MIN, inc, INC_MAX))
        return 0;
    const int far = (whole - 1) * inc * sizeof(T) >= LANES_INC_PF_SPAN;
#define LANES_INC_AXPY_BODY(s)                                                                   \
    (far ? LANES_CAT(NAME, _inc_body)(n, s, a, x, y, 1)                                          \
         : LANES_CAT(NAME, _inc_body)(n, s, a, x, y, 0))
    LANES_INC_DISPATCH(inc, LANES_INC_AXPY_BODY)
#undef LANES_INC_AXPY_BODY
}
#endif

#ifdef LANES_AXPY_DOT_INC_DOT
/* Four accumulators; the elements past the last whole vector one at a
 * time. */
static inline __attribute__((always_inline)) T
LANES_CAT(NAME, _inc_body)(size_t n, const size_t inc, const T *x, const T *y)
{
    const size_t vecs = n ? ((n - 1) * inc + 1) / W : 0;
    INC_MASK masks[4];
    LANES_CAT(NAME, _inc_masks)(inc, masks);
    V acc[4] = {OP(setzero)(), OP(setzero)(), OP(setzero)(), OP(setzero)()};
    size_t v = 0;
    /* 4 inc vectors a step: each accumulator and mask on fixed lanes */
    for (; v + 4 * inc <= vecs; v += 4 * inc)
        for (size_t c = 0; c < 4 * inc; c++)
            acc[c % 4] = INC_FMADD(OP(loadu)(x + (v + c) * W), OP(loadu)(y + (v + c) * W),
                                   acc[c % 4], masks[c % inc]);
    /* then inc vectors a step, and the last few, still on separate sums */
    for (; v + inc <= vecs; v += inc)
        for (size_t c = 0; c < inc; c++)
            acc[c] = INC_FMADD(OP(loadu)(x + (v + c) * W), OP(loadu)(y + (v + c) * W), acc[c],
                               masks[c]);
    for (size_t c = 0; v < vecs; v++, c++)
        acc[c] = INC_FMADD(OP(loadu)(x + v * W), OP(loadu)(y + v * W), acc[c], masks[c]);
    T sum = INC_SUM(OP(add)(OP(add)(acc[0], acc[1]), OP(add)(acc[2], acc[3])));
    for (size_t i = (vecs * W + inc - 1) / inc; i < n; i++)
        sum += x[i * inc] * y[i * inc];
    return sum;
}

LANES_INC_DOT_ENTRY
#endif
