/* dot, NEON: the template dot.h for float and double. */
#include <arm_neon.h>

#include "kernels/kernels.h"
#include "kernels/axpy_dot_inc.h" /* the strided dot's limits */

#define T float
#define V float32x4_t
#define W 4
#define OP(name) name##_f32
#define FMA __builtin_fmaf
#define NAME lanes_sdot_neon
#define INC_MAX 4
#include "dot.h"
#undef T
#undef V
#undef W
#undef OP
#undef FMA
#undef NAME
#undef INC_MAX

#define T double
#define V float64x2_t
#define W 2
#define OP(name) name##_f64
#define FMA __builtin_fma
#define NAME lanes_ddot_neon
#define INC_MAX 2
#include "dot.h"
