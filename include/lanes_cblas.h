/* lanes_cblas: the CBLAS interface to lanes, for programs written against
 * cblas.h.  It declares exactly what liblanes_cblas provides, with the
 * standard enum values and int sizes:
 *   cblas_saxpy cblas_daxpy cblas_sdot cblas_ddot
 *   cblas_sgemv cblas_dgemv cblas_sgemm cblas_dgemm   and cblas_xerbla.
 * Semantics are the reference CBLAS's (netlib), including argument checks:
 * an invalid argument calls cblas_xerbla(position, "cblas_<name>", format, ...)
 * with the position of the argument in the C call, touches no memory, and
 * returns.  cblas_xerbla is weak: define your own to take over.  The default
 * prints the reference message and returns (the reference one exits). */
#ifndef LANES_CBLAS_H
#define LANES_CBLAS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define LANES_CBLAS_API
#else
#define LANES_CBLAS_API __attribute__((visibility("default")))
#endif

#ifndef CBLAS_INT
#define CBLAS_INT int
#endif

typedef enum CBLAS_LAYOUT { CblasRowMajor = 101, CblasColMajor = 102 } CBLAS_LAYOUT;
typedef enum CBLAS_TRANSPOSE {
    CblasNoTrans = 111,
    CblasTrans = 112,
    CblasConjTrans = 113
} CBLAS_TRANSPOSE;
typedef CBLAS_LAYOUT CBLAS_ORDER; /* the older name */

LANES_CBLAS_API void cblas_saxpy(const CBLAS_INT N, const float alpha, const float *X,
                                 const CBLAS_INT incX, float *Y, const CBLAS_INT incY);
LANES_CBLAS_API void cblas_daxpy(const CBLAS_INT N, const double alpha, const double *X,
                                 const CBLAS_INT incX, double *Y, const CBLAS_INT incY);
LANES_CBLAS_API float cblas_sdot(const CBLAS_INT N, const float *X, const CBLAS_INT incX,
                                 const float *Y, const CBLAS_INT incY);
LANES_CBLAS_API double cblas_ddot(const CBLAS_INT N, const double *X, const CBLAS_INT incX,
                                  const double *Y, const CBLAS_INT incY);
LANES_CBLAS_API void cblas_sgemv(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA,
                                 const CBLAS_INT M, const CBLAS_INT N, const float alpha,
                                 const float *A, const CBLAS_INT lda, const float *X,
                                 const CBLAS_INT incX, const float beta, float *Y,
                                 const CBLAS_INT incY);
LANES_CBLAS_API void cblas_dgemv(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA,
                                 const CBLAS_INT M, const CBLAS_INT N, const double alpha,
                                 const double *A, const CBLAS_INT lda, const double *X,
                                 const CBLAS_INT incX, const double beta, double *Y,
                                 const CBLAS_INT incY);
LANES_CBLAS_API void cblas_sgemm(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA,
                                 const CBLAS_TRANSPOSE TransB, const CBLAS_INT M,
                                 const CBLAS_INT N, const CBLAS_INT K, const float alpha,
                                 const float *A, const CBLAS_INT lda, const float *B,
                                 const CBLAS_INT ldb, const float beta, float *C,
                                 const CBLAS_INT ldc);
LANES_CBLAS_API void cblas_dgemm(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA,
                                 const CBLAS_TRANSPOSE TransB, const CBLAS_INT M,
                                 const CBLAS_INT N, const CBLAS_INT K, const double alpha,
                                 const double *A, const CBLAS_INT lda, const double *B,
                                 const CBLAS_INT ldb, const double beta, double *C,
                                 const CBLAS_INT ldc);
LANES_CBLAS_API void cblas_xerbla(CBLAS_INT p, const char *rout, const char *form, ...);

#ifdef __cplusplus
}
#endif
#endif
