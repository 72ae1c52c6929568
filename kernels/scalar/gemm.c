/* gemm micro-kernels, portable C, 4x4 register tile. */
#include "kernels/kernels.h"

void lanes_sgemm_ukr_scalar_4x4(size_t k, float alpha, const float *ap, const float *bp,
                                float beta, float *c, size_t ldc)
{
    float acc[4][4] = {{0}};
    for (size_t p = 0; p < k; p++, ap += 4, bp += 4)
        for (int j = 0; j < 4; j++)
            for (int i = 0; i < 4; i++)
                acc[j][i] += ap[i] * bp[j];
    for (int j = 0; j < 4; j++)
        for (int i = 0; i < 4; i++) {
            float *cij = c + i + j * ldc;
            *cij = beta == 0 ? alpha * acc[j][i] : alpha * acc[j][i] + beta * *cij;
        }
}

void lanes_dgemm_ukr_scalar_4x4(size_t k, double alpha, const double *ap, const double *bp,
                                double beta, double *c, size_t ldc)
{
    double acc[4][4] = {{0}};
    for (size_t p = 0; p < k; p++, ap += 4, bp += 4)
        for (int j = 0; j < 4; j++)
            for (int i = 0; i < 4; i++)
                acc[j][i] += ap[i] * bp[j];
    for (int j = 0; j < 4; j++)
        for (int i = 0; i < 4; i++) {
            double *cij = c + i + j * ldc;
            *cij = beta == 0 ? alpha * acc[j][i] : alpha * acc[j][i] + beta * *cij;
        }
}

/* Direct gemm (kernels/kernels.h): one dot product per element of C. */
void lanes_sgemm_direct_scalar(size_t m, size_t n, size_t k, float alpha, const float *a,
                               size_t lda, const float *b, ptrdiff_t rsb, ptrdiff_t csb,
                               float beta, float *c, size_t ldc)
{
    for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < m; i++) {
            float s = 0;
            for (size_t p = 0; p < k; p++)
                s += a[i + p * lda] * b[(ptrdiff_t)p * rsb + (ptrdiff_t)j * csb];
            float *cij = c + i + j * ldc;
            *cij = beta == 0 ? alpha * s : alpha * s + beta * *cij;
        }
}

void lanes_dgemm_direct_scalar(size_t m, size_t n, size_t k, double alpha, const double *a,
                               size_t lda, const double *b, ptrdiff_t rsb, ptrdiff_t csb,
                               double beta, double *c, size_t ldc)
{
    for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < m; i++) {
            double s = 0;
            for (size_t p = 0; p < k; p++)
                s += a[i + p * lda] * b[(ptrdiff_t)p * rsb + (ptrdiff_t)j * csb];
            double *cij = c + i + j * ldc;
            *cij = beta == 0 ? alpha * s : alpha * s + beta * *cij;
        }
}
