/* The plain loops: what a user writes without SIMD, compiled without
 * auto-vectorisation (bench/meson.build).  They are the baseline of the
 * "for-loop vs vectorized" comparison in `lanes demo` and the benchmarks,
 * the first rung of the optimisation ladder. */
#ifndef LANES_PLAIN_H
#define LANES_PLAIN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* y[i] = x[i] + y[i]: the Dive into Deep Learning vector add. */
void plain_vadd(size_t n, const float *x, float *y);
void plain_saxpy(size_t n, float a, const float *x, float *y);
void plain_daxpy(size_t n, double a, const double *x, double *y);
float plain_sdot(size_t n, const float *x, const float *y);
double plain_ddot(size_t n, const double *x, const double *y);
/* Row-major y = A x, A m x n. */
void plain_sgemv(size_t m, size_t n, const float *a, const float *x, float *y);
void plain_dgemv(size_t m, size_t n, const double *a, const double *x, double *y);
/* Row-major C = A B, A m x k, B k x n: the textbook i-j-p triple loop. */
void plain_sgemm(size_t m, size_t n, size_t k, const float *a, const float *b, float *c);
void plain_dgemm(size_t m, size_t n, size_t k, const double *a, const double *b, double *c);
/* libm expf, element by element. */
void plain_expf(size_t n, const float *x, float *y);
void plain_sigmoidf(size_t n, const float *x, float *y);
void plain_softmaxf(size_t rows, size_t cols, const float *x, float *y);

#ifdef __cplusplus
}
#endif
#endif
