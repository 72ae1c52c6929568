/* Plain loops; see plain.h.  Built with -fno-tree-vectorize. */
#include "plain.h"

#include <math.h>

void plain_vadd(size_t n, const float *x, float *y)
{
    for (size_t i = 0; i < n; i++)
        y[i] = x[i] + y[i];
}

void plain_saxpy(size_t n, float a, const float *x, float *y)
{
    for (size_t i = 0; i < n; i++)
        y[i] += a * x[i];
}

void plain_daxpy(size_t n, double a, const double *x, double *y)
{
    for (size_t i = 0; i < n; i++)
        y[i] += a * x[i];
}

float plain_sdot(size_t n, const float *x, const float *y)
{
    float s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

double plain_ddot(size_t n, const double *x, const double *y)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

void plain_sgemv(size_t m, size_t n, const float *a, const float *x, float *y)
{
    for (size_t i = 0; i < m; i++)
        y[i] = plain_sdot(n, a + i * n, x);
}

void plain_dgemv(size_t m, size_t n, const double *a, const double *x, double *y)
{
    for (size_t i = 0; i < m; i++)
        y[i] = plain_ddot(n, a + i * n, x);
}

void plain_sgemm(size_t m, size_t n, size_t k, const float *a, const float *b, float *c)
{
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            float s = 0;
            for (size_t p = 0; p < k; p++)
                s += a[i * k + p] * b[p * n + j];
            c[i * n + j] = s;
        }
}

void plain_dgemm(size_t m, size_t n, size_t k, const double *a, const double *b, double *c)
{
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            double s = 0;
            for (size_t p = 0; p < k; p++)
                s += a[i * k + p] * b[p * n + j];
            c[i * n + j] = s;
        }
}

void plain_expf(size_t n, const float *x, float *y)
{
    for (size_t i = 0; i < n; i++)
        y[i] = expf(x[i]);
}

void plain_sigmoidf(size_t n, const float *x, float *y)
{
    for (size_t i = 0; i < n; i++)
        y[i] = 1.0f / (1.0f + expf(-x[i]));
}

void plain_softmaxf(size_t rows, size_t cols, const float *x, float *y)
{
    for (size_t r = 0; r < rows; r++, x += cols, y += cols) {
        float m = x[0];
        for (size_t j = 1; j < cols; j++)
            m = x[j] > m ? x[j] : m;
        float s = 0;
        for (size_t j = 0; j < cols; j++) {
            y[j] = expf(x[j] - m);
            s += y[j];
        }
        for (size_t j = 0; j < cols; j++)
            y[j] /= s;
    }
}
