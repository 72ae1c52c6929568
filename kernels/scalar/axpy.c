/* axpy, portable C: the reference for every ISA. */
#include "kernels/kernels.h"

void lanes_saxpy_scalar(size_t n, float a, const float *x, float *y)
{
    for (size_t i = 0; i < n; i++)
        y[i] += a * x[i];
}

void lanes_daxpy_scalar(size_t n, double a, const double *x, double *y)
{
    for (size_t i = 0; i < n; i++)
        y[i] += a * x[i];
}
