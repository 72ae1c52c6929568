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
