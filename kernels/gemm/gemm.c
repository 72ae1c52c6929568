/* Level-3 entry points (gemm); the framework is gemm_tmpl.h. */
#include "kernels/frame/frame.h"

/* Largest MR x NR of any micro-kernel in kernels/list.inc. */
#define LANES_GEMM_MAX_TILE (32 * 12)

int lanes_gemm_path = LANES_GEMM_AUTO;

#define T float
#define X(name) s##name
#include "gemm_tmpl.h"
#undef T
#undef X

#define T double
#define X(name) d##name
#include "gemm_tmpl.h"
#undef T
#undef X
