/* gemv, portable C, column-major A (see kernels/kernels.h). */
#include "kernels/kernels.h"

void lanes_sgemv_n_scalar(size_t m, size_t n, float alpha, const float *a, size_t lda,
                          const float *x, float *y)
{
    for (size_t j = 0; j < n; j++) {
        float t = alpha * x[j];
        const float *col = a + j * lda;
        for (size_t i = 0; i < m; i++)
            y[i] += t * col[i];
    }
}

void lanes_sgemv_t_scalar(size_t m, size_t n, float alpha, const float *a, size_t lda,
                          const float *x, float *y)
{
    for (size_t j = 0; j < n; j++)
        y[j] += alpha * lanes_sdot_scalar(m, a + j * lda, x);
}

void lanes_dgemv_n_scalar(size_t m, size_t n, double alpha, const double *a, size_t lda,
                          const double *x, double *y)
{
    for (size_t j = 0; j < n; j++) {
        double t = alpha * x[j];
        const double *col = a + j * lda;
        for (size_t i = 0; i < m; i++)
            y[i] += t * col[i];
    }
}

void lanes_dgemv_t_scalar(size_t m, size_t n, double alpha, const double *a, size_t lda,
                          const double *x, double *y)
{
    for (size_t j = 0; j < n; j++)
        y[j] += alpha * lanes_ddot_scalar(m, a + j * lda, x);
}
