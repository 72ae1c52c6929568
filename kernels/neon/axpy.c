/* axpy, NEON (ASIMD is baseline on aarch64): the template axpy.h for float
 * and double. */
#include <arm_neon.h>

#include "kernels/kernels.h"

#define T float
#define V float32x4_t
#define W 4
#define OP(name) name##_f32
#define FMA __builtin_fmaf
#define NAME lanes_saxpy_neon
#include "axpy.h"
#undef T
#undef V
#undef W
#undef OP
#undef FMA
#undef NAME

#define T double
#define V float64x2_t
#define W 2
#define OP(name) name##_f64
#define FMA __builtin_fma
#define NAME lanes_daxpy_neon
#include "axpy.h"
