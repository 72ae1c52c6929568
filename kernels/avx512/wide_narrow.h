/* Instantiates the shared axpy/dot loops (kernels/axpy_dot_loops.h, with
 * LANES_AXPY_DOT_LOOPS_AXPY or _DOT defined) twice for the AVX-512 template
 * including it: at 512 bits as NAME##_full and at 256 bits (V256, OP256,
 * NAME256) as NAME256##_full.  The includer's V, W, OP and NAME are kept. */

#include "kernels/axpy_dot_loops.h"

#pragma push_macro("V")
#pragma push_macro("W")
#pragma push_macro("OP")
#pragma push_macro("NAME")
#undef V
#undef W
#undef OP
#undef NAME
#define V V256
#define W (32 / sizeof(T))
#define OP OP256
#define NAME NAME256
#include "kernels/axpy_dot_loops.h"
#pragma pop_macro("V")
#pragma pop_macro("W")
#pragma pop_macro("OP")
#pragma pop_macro("NAME")

/* Vector lengths, in elements, between which 512-bit vectors beat 256-bit
 * ones: from 1 KiB of a vector until the operands fill half of L2 (Zen 4
 * and 5: 1 MiB).  Measured on Zen 5 (bench_blas axpy and dot, each width
 * forced): 512-bit loads and stores win while the data is in L1 or L2
 * (1.2-1.4x at 1K elements), 256-bit ones when streaming from L3 or memory
 * (1.3-1.8x at 4M elements) and on short axpy vectors (less set-up).  On
 * CPUs where lanes_stream_wide is set (kernels.h) 512-bit vectors win past
 * L2 too: Intel family 6 model 207, against OpenBLAS in one process, sdot
 * 16384 1.19x as fast, 32M 1.02-1.05x; there LANES_WIDE_MAX is unbounded. */
#define LANES_WIDE_MIN (1024 / sizeof(T))
#define LANES_WIDE_MAX (lanes_stream_wide ? SIZE_MAX : LANES_L2_VECTOR_BYTES / sizeof(T))
