/* gemv, NEON: the template gemv.h for float and double. */
#include <arm_neon.h>

#include "kernels/kernels.h"

#define T float
#define V float32x4_t
#define W 4
#define OP(name) name##_f32
#define DOT lanes_sdot_neon
#define NAME_N lanes_sgemv_n_neon
#define NAME_T lanes_sgemv_t_neon
#include "gemv.h"
#undef T
#undef V
#undef W
#undef OP
#undef DOT
#undef NAME_N
#undef NAME_T

#define T double
#define V float64x2_t
#define W 2
#define OP(name) name##_f64
#define DOT lanes_ddot_neon
#define NAME_N lanes_dgemv_n_neon
#define NAME_T lanes_dgemv_t_neon
#include "gemv.h"
