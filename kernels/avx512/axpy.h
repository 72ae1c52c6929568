/* axpy for one type, AVX-512 (included by axpy.c with T, V, W, MASK,
 * MASKGEN, OP, V2, OP2, MASK2, MASKGEN2, NAME): the shared main loop of
 * kernels/axpy_dot_loops.h at 512 and at 256 bits, one masked tail each.
 *
 * The width follows the size (measured on Zen 5, bench_blas saxpy/daxpy):
 * 512-bit stores win while x and y stay in L2 (1.4x at 1K floats, 1.17x at
 * 16K), 256-bit ones on short vectors (up to 1.3x at 64 doubles) and when
 * streaming from L3 or memory (1.3-1.5x at 4M, 1.15x at 32M). */

#define LANES_AXPY_DOT_LOOPS_AXPY
#include "kernels/axpy_dot_loops.h"
#undef NAME
#define NAME LANES_CAT(NAME_512, _ymm)
#undef V
#define V V2
#undef OP
#define OP OP2
#undef W
#define W (W512 / 2)
#include "kernels/axpy_dot_loops.h"
#undef LANES_AXPY_DOT_LOOPS_AXPY
#undef NAME
#define NAME NAME_512
#undef V
#define V V512
#undef OP
#define OP OP512
#undef W
#define W W512

/* from 1 KiB of y until x and y together fill half of L2 (Zen 4 and 5:
 * 1 MiB) */
#define LANES_AXPY_WIDE_MIN (1024 / sizeof(T))
#define LANES_AXPY_WIDE_MAX (256 * 1024 / sizeof(T))

void NAME(size_t n, T a, const T *x, T *y)
{
    if (n >= LANES_AXPY_WIDE_MIN && n <= LANES_AXPY_WIDE_MAX) {
        const V va = OP(set1)(a);
        size_t i = LANES_CAT(NAME, _full)(n, va, x, y);
        if (i < n) {
            MASK m = MASKGEN(n - i);
            OP(mask_storeu)(y + i, m, OP(fmadd)(va, OP(maskz_loadu)(m, x + i),
                                                 OP(maskz_loadu)(m, y + i)));
        }
        return;
    }
    const V2 va = OP2(set1)(a);
    size_t i = LANES_CAT(LANES_CAT(NAME, _ymm), _full)(n, va, x, y);
    /* a scalar tail, as in the AVX2 kernel: on a 4-float vector it beats the
     * masked one by 15% */
    for (; i < n; i++)
        y[i] = sizeof(T) == 4 ? __builtin_fmaf((float)a, (float)x[i], (float)y[i])
                              : (T)__builtin_fma(a, x[i], y[i]);
}

#undef LANES_AXPY_WIDE_MIN
#undef LANES_AXPY_WIDE_MAX
