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

/* Direct gemm (kernels/kernels.h): 4 x 4 blocks of C accumulated in
 * registers straight from A and B; edge blocks shrink. */
#define LANES_SCALAR_DIRECT(T, ARGS, NAME)                                                     \
    void NAME(const ARGS *args)                                                                \
    {                                                                                          \
        LANES_DIRECT_UNPACK(args);                                                             \
        for (size_t j0 = 0; j0 < n; j0 += 4)                                                   \
            for (size_t i0 = 0; i0 < m; i0 += 4) {                                             \
                size_t rows = m - i0 < 4 ? m - i0 : 4, cols = n - j0 < 4 ? n - j0 : 4;         \
                T acc[4][4] = {{0}};                                                           \
                const T *bj = b + (ptrdiff_t)j0 * csb;                                         \
                for (size_t p = 0; p < k; p++) {                                               \
                    const T *ap = a + i0 + p * lda, *bp = bj + (ptrdiff_t)p * rsb;             \
                    for (size_t jj = 0; jj < cols; jj++) {                                     \
                        T bv = bp[(ptrdiff_t)jj * csb];                                        \
                        for (size_t ii = 0; ii < rows; ii++)                                   \
                            acc[jj][ii] += ap[ii] * bv;                                        \
                    }                                                                          \
                }                                                                              \
                for (size_t jj = 0; jj < cols; jj++)                                           \
                    for (size_t ii = 0; ii < rows; ii++) {                                     \
                        T *cij = c + (i0 + ii) + (j0 + jj) * ldc;                              \
                        *cij = beta == 0 ? alpha * acc[jj][ii] : alpha * acc[jj][ii] + beta * *cij; \
                    }                                                                          \
            }                                                                                  \
    }

LANES_SCALAR_DIRECT(float, struct lanes_sgemm_direct_args, lanes_sgemm_direct_scalar)
LANES_SCALAR_DIRECT(double, struct lanes_dgemm_direct_args, lanes_dgemm_direct_scalar)
