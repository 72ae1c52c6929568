/* axpy, NEON (ASIMD is baseline on aarch64): four 4-lane streams, scalar
 * tail of at most 3 elements. */
#include <arm_neon.h>

#include "kernels/kernels.h"

void lanes_saxpy_neon(size_t n, float a, const float *x, float *y)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        float32x4_t y0 = vfmaq_n_f32(vld1q_f32(y + i), vld1q_f32(x + i), a);
        float32x4_t y1 = vfmaq_n_f32(vld1q_f32(y + i + 4), vld1q_f32(x + i + 4), a);
        float32x4_t y2 = vfmaq_n_f32(vld1q_f32(y + i + 8), vld1q_f32(x + i + 8), a);
        float32x4_t y3 = vfmaq_n_f32(vld1q_f32(y + i + 12), vld1q_f32(x + i + 12), a);
        vst1q_f32(y + i, y0);
        vst1q_f32(y + i + 4, y1);
        vst1q_f32(y + i + 8, y2);
        vst1q_f32(y + i + 12, y3);
    }
    for (; i + 4 <= n; i += 4)
        vst1q_f32(y + i, vfmaq_n_f32(vld1q_f32(y + i), vld1q_f32(x + i), a));
    for (; i < n; i++)
        y[i] = __builtin_fmaf(a, x[i], y[i]);
}

void lanes_daxpy_neon(size_t n, double a, const double *x, double *y)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        float64x2_t y0 = vfmaq_n_f64(vld1q_f64(y + i), vld1q_f64(x + i), a);
        float64x2_t y1 = vfmaq_n_f64(vld1q_f64(y + i + 2), vld1q_f64(x + i + 2), a);
        float64x2_t y2 = vfmaq_n_f64(vld1q_f64(y + i + 4), vld1q_f64(x + i + 4), a);
        float64x2_t y3 = vfmaq_n_f64(vld1q_f64(y + i + 6), vld1q_f64(x + i + 6), a);
        vst1q_f64(y + i, y0);
        vst1q_f64(y + i + 2, y1);
        vst1q_f64(y + i + 4, y2);
        vst1q_f64(y + i + 6, y3);
    }
    for (; i + 2 <= n; i += 2)
        vst1q_f64(y + i, vfmaq_n_f64(vld1q_f64(y + i), vld1q_f64(x + i), a));
    for (; i < n; i++)
        y[i] = __builtin_fma(a, x[i], y[i]);
}
