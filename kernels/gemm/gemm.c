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
#else
#define LANES_PACK_CLONES
#endif

/* T, the integer type of T's size (vector shuffles), and the s/d prefix */
#define T float
#define IT int32_t
#define X(name) s##name
#include "gemm_tmpl.h"
#undef T
#undef IT
#undef X

#define T double
#define IT int64_t
#define X(name) d##name
#include "gemm_tmpl.h"
#undef T
#undef IT
#undef X
