/* dot, NEON: eight independent accumulators, scalar tail. */
#include <arm_neon.h>

#include "kernels/kernels.h"

float lanes_sdot_neon(size_t n, const float *x, const float *y)
{
    float32x4_t acc[8];
    for (int j = 0; j < 8; j++)
        acc[j] = vdupq_n_f32(0);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            acc[j] = vfmaq_f32(acc[j], vld1q_f32(x + i + 4 * j), vld1q_f32(y + i + 4 * j));
    }
    for (; i + 4 <= n; i += 4)
        acc[0] = vfmaq_f32(acc[0], vld1q_f32(x + i), vld1q_f32(y + i));
    for (int s = 4; s > 0; s /= 2)
        for (int j = 0; j < s; j++)
            acc[j] = vaddq_f32(acc[j], acc[j + s]);
    float sum = vaddvq_f32(acc[0]);
    for (; i < n; i++)
        sum = __builtin_fmaf(x[i], y[i], sum);
    return sum;
}

double lanes_ddot_neon(size_t n, const double *x, const double *y)
{
    float64x2_t acc[8];
    for (int j = 0; j < 8; j++)
        acc[j] = vdupq_n_f64(0);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            acc[j] = vfmaq_f64(acc[j], vld1q_f64(x + i + 2 * j), vld1q_f64(y + i + 2 * j));
    }
    for (; i + 2 <= n; i += 2)
        acc[0] = vfmaq_f64(acc[0], vld1q_f64(x + i), vld1q_f64(y + i));
    for (int s = 4; s > 0; s /= 2)
        for (int j = 0; j < s; j++)
            acc[j] = vaddq_f64(acc[j], acc[j + s]);
    double sum = vaddvq_f64(acc[0]);
    for (; i < n; i++)
        sum = __builtin_fma(x[i], y[i], sum);
    return sum;
}
