/* gemv, NEON, column-major A (contract in kernels/kernels.h): four columns
 * per sweep, scalar row tail. */
#include <arm_neon.h>

#include "kernels/kernels.h"

void lanes_sgemv_n_neon(size_t m, size_t n, float alpha, const float *a, size_t lda,
                        const float *x, float *y)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const float *a0 = a + j * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
        float t0 = alpha * x[j], t1 = alpha * x[j + 1], t2 = alpha * x[j + 2], t3 = alpha * x[j + 3];
        size_t i = 0;
        for (; i + 4 <= m; i += 4) {
            float32x4_t v = vld1q_f32(y + i);
            v = vfmaq_n_f32(v, vld1q_f32(a0 + i), t0);
            v = vfmaq_n_f32(v, vld1q_f32(a1 + i), t1);
            v = vfmaq_n_f32(v, vld1q_f32(a2 + i), t2);
            v = vfmaq_n_f32(v, vld1q_f32(a3 + i), t3);
            vst1q_f32(y + i, v);
        }
        for (; i < m; i++)
            y[i] += t0 * a0[i] + t1 * a1[i] + t2 * a2[i] + t3 * a3[i];
    }
    for (; j < n; j++)
        lanes_saxpy_neon(m, alpha * x[j], a + j * lda, y);
}

void lanes_sgemv_t_neon(size_t m, size_t n, float alpha, const float *a, size_t lda,
                        const float *x, float *y)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const float *col[4] = {a + j * lda, a + (j + 1) * lda, a + (j + 2) * lda,
                               a + (j + 3) * lda};
        float32x4_t acc[4] = {vdupq_n_f32(0), vdupq_n_f32(0), vdupq_n_f32(0), vdupq_n_f32(0)};
        size_t i = 0;
        for (; i + 4 <= m; i += 4) {
            float32x4_t xv = vld1q_f32(x + i);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = vfmaq_f32(acc[c], vld1q_f32(col[c] + i), xv);
        }
        for (int c = 0; c < 4; c++) {
            float s = vaddvq_f32(acc[c]);
            for (size_t t = i; t < m; t++)
                s += col[c][t] * x[t];
            y[j + c] += alpha * s;
        }
    }
    for (; j < n; j++)
        y[j] += alpha * lanes_sdot_neon(m, a + j * lda, x);
}

void lanes_dgemv_n_neon(size_t m, size_t n, double alpha, const double *a, size_t lda,
                        const double *x, double *y)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const double *a0 = a + j * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
        double t0 = alpha * x[j], t1 = alpha * x[j + 1], t2 = alpha * x[j + 2],
               t3 = alpha * x[j + 3];
        size_t i = 0;
        for (; i + 2 <= m; i += 2) {
            float64x2_t v = vld1q_f64(y + i);
            v = vfmaq_n_f64(v, vld1q_f64(a0 + i), t0);
            v = vfmaq_n_f64(v, vld1q_f64(a1 + i), t1);
            v = vfmaq_n_f64(v, vld1q_f64(a2 + i), t2);
            v = vfmaq_n_f64(v, vld1q_f64(a3 + i), t3);
            vst1q_f64(y + i, v);
        }
        for (; i < m; i++)
            y[i] += t0 * a0[i] + t1 * a1[i] + t2 * a2[i] + t3 * a3[i];
    }
    for (; j < n; j++)
        lanes_daxpy_neon(m, alpha * x[j], a + j * lda, y);
}

void lanes_dgemv_t_neon(size_t m, size_t n, double alpha, const double *a, size_t lda,
                        const double *x, double *y)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const double *col[4] = {a + j * lda, a + (j + 1) * lda, a + (j + 2) * lda,
                                a + (j + 3) * lda};
        float64x2_t acc[4] = {vdupq_n_f64(0), vdupq_n_f64(0), vdupq_n_f64(0), vdupq_n_f64(0)};
        size_t i = 0;
        for (; i + 2 <= m; i += 2) {
            float64x2_t xv = vld1q_f64(x + i);
#pragma GCC unroll 4
            for (int c = 0; c < 4; c++)
                acc[c] = vfmaq_f64(acc[c], vld1q_f64(col[c] + i), xv);
        }
        for (int c = 0; c < 4; c++) {
            double s = vaddvq_f64(acc[c]);
            for (size_t t = i; t < m; t++)
                s += col[c][t] * x[t];
            y[j + c] += alpha * s;
        }
    }
    for (; j < n; j++)
        y[j] += alpha * lanes_ddot_neon(m, a + j * lda, x);
}
