/* Level-3 entry points (gemm); the framework is gemm_tmpl.h. */
#include "kernels/frame/frame.h"

/* Largest MR x NR of any micro-kernel in kernels/list.inc. */
#define LANES_GEMM_MAX_TILE (32 * 12)

int lanes_gemm_path = LANES_GEMM_AUTO;

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Packing is portable C, but its copies and 4 x 4 transposes are wider
 * with AVX2, and a micro-panel's whole cache lines go in one 512-bit copy
 * with AVX-512: on x86-64 GCC compiles it three times and picks at load time
 * the copy the CPU can run (Zen 5, packing A's 2048 x 2048 in the sgemm:
 * 1.9-2.1% -> 1.4-1.6% of the call; standalone, 0.94 -> 0.72 ms). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LANES_PACK_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
/* and its transposed copies go a cache line square at a time in 512-bit
 * (or two 256-bit) registers (gemm_tmpl.h, X(transpose_line)) */
#define LANES_LINE_TRANSPOSE 1
#else
#define LANES_PACK_CLONES
#define LANES_LINE_TRANSPOSE 0
#endif

/* T, the integer type of T's size (vector shuffles), and the s/d prefix */
#define T float
#define IT int32_t
#define X(name) s##name
#define LINE_LO {0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23}
#define LINE_HI {8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31}
#include "gemm_tmpl.h"
#undef LINE_LO
#undef LINE_HI
#undef T
#undef IT
#undef X

#define T double
#define IT int64_t
#define X(name) d##name
#define LINE_LO {0, 8, 1, 9, 2, 10, 3, 11}
#define LINE_HI {4, 12, 5, 13, 6, 14, 7, 15}
#include "gemm_tmpl.h"
#undef LINE_LO
#undef LINE_HI
#undef T
#undef IT
#undef X
