/* Level-3 entry points (gemm); the framework is gemm_tmpl.h. */
#include "kernels/frame/frame.h"

/* Largest MR x NR of any micro-kernel in kernels/list.inc. */
#define LANES_GEMM_MAX_TILE (32 * 12)

int lanes_gemm_path = LANES_GEMM_AUTO;

#include <stdint.h>
#include <string.h>

/* Packing is portable C, but its copies and 4 x 4 transposes are wider
 * with AVX2: on x86-64 GCC compiles it twice and picks the AVX2 copy at load
 * time where the CPU has it. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LANES_PACK_CLONES __attribute__((target_clones("avx2", "default")))
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
