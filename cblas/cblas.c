/* The CBLAS interface (include/lanes_cblas.h): reference CBLAS argument
 * checks, in the reference order and with the reference positions, then
 * the native lanes call.  The checks are those of netlib's cblas_<x>.c
 * wrappers (layout, transposes) followed by those of the Fortran routine
 * they call (sizes, leading dimensions, increments), whose INFO numbers
 * reference CBLAS maps back to positions in the C call; here that mapping is
 * written out directly, for both layouts. */
#include <stdarg.h>
#include <stdio.h>

#include "lanes.h"
#include "lanes_cblas.h"

/* Weak, default visibility, called through the PLT: a program's own
 * cblas_xerbla replaces it, for calls from inside this library too.  The
 * message is the reference one; unlike the reference it returns instead of
 * calling exit(). */
__attribute__((weak)) void cblas_xerbla(CBLAS_INT p, const char *rout, const char *form, ...)
{
    va_list ap;
    va_start(ap, form);
    if (p)
        fprintf(stderr, "Parameter %d to routine %s was incorrect\n", (int)p, rout);
    vfprintf(stderr, form, ap);
    va_end(ap);
}

static int valid_trans(CBLAS_TRANSPOSE t)
{
    return t == CblasNoTrans || t == CblasTrans || t == CblasConjTrans;
}

static CBLAS_INT max1(CBLAS_INT v)
{
    return v > 1 ? v : 1;
}

/* A native error that the reference does not check (NULL where data is
 * read or written, out of memory): reported through cblas_xerbla too, with
 * the same position (the native calls keep the CBLAS argument order). */
static void native_error(int rc, const char *rout)
{
    if (rc != 0)
        cblas_xerbla(rc < 0 && rc > -100 ? -rc : 0, rout, "%s\n", lanes_last_error_message());
}

/* ---- level 1: the reference checks nothing; n <= 0 returns ---------- */

void cblas_saxpy(const CBLAS_INT N, const float alpha, const float *X, const CBLAS_INT incX,
                 float *Y, const CBLAS_INT incY)
{
    native_error(lanes_saxpy(N, alpha, X, incX, Y, incY), "cblas_saxpy");
}

void cblas_daxpy(const CBLAS_INT N, const double alpha, const double *X, const CBLAS_INT incX,
                 double *Y, const CBLAS_INT incY)
{
    native_error(lanes_daxpy(N, alpha, X, incX, Y, incY), "cblas_daxpy");
}

float cblas_sdot(const CBLAS_INT N, const float *X, const CBLAS_INT incX, const float *Y,
                 const CBLAS_INT incY)
{
    if (N > 0 && (!X || !Y)) {
        cblas_xerbla(X ? 4 : 2, "cblas_sdot", "%s is NULL\n", X ? "Y" : "X");
        return 0;
    }
    return lanes_sdot(N, X, incX, Y, incY);
}

double cblas_ddot(const CBLAS_INT N, const double *X, const CBLAS_INT incX, const double *Y,
                  const CBLAS_INT incY)
{
    if (N > 0 && (!X || !Y)) {
        cblas_xerbla(X ? 4 : 2, "cblas_ddot", "%s is NULL\n", X ? "Y" : "X");
        return 0;
    }
    return lanes_ddot(N, X, incX, Y, incY);
}

/* ---- gemv ------------------------------------------------------------ */

/* 0 if the arguments pass the reference checks, else the error is reported. */
static int gemv_args_bad(const char *rout, CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA,
                         CBLAS_INT M, CBLAS_INT N, CBLAS_INT lda, CBLAS_INT incX,
                         CBLAS_INT incY)
{
    int p = 0;
    if (layout != CblasColMajor && layout != CblasRowMajor) {
        cblas_xerbla(1, rout, "Illegal layout setting, %d\n", (int)layout);
        return 1;
    }
    if (!valid_trans(TransA)) {
        cblas_xerbla(2, rout, "Illegal TransA setting, %d\n", (int)TransA);
        return 1;
    }
    /* Fortran xGEMV(TRANS, M, N, ..., LDA, X, INCX, ..., INCY) sees N x M
     * for a row-major A: its first size check is then on N. */
    CBLAS_INT first = layout == CblasColMajor ? M : N, second = layout == CblasColMajor ? N : M;
    int pfirst = layout == CblasColMajor ? 3 : 4, psecond = layout == CblasColMajor ? 4 : 3;
    if (first < 0)
        p = pfirst;
    else if (second < 0)
        p = psecond;
    else if (lda < max1(first))
        p = 7;
    else if (incX == 0)
        p = 9;
    else if (incY == 0)
        p = 12;
    if (p)
        cblas_xerbla(p, rout, "");
    return p != 0;
}

void cblas_sgemv(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA, const CBLAS_INT M,
                 const CBLAS_INT N, const float alpha, const float *A, const CBLAS_INT lda,
                 const float *X, const CBLAS_INT incX, const float beta, float *Y,
                 const CBLAS_INT incY)
{
    if (gemv_args_bad("cblas_sgemv", layout, TransA, M, N, lda, incX, incY))
        return;
    native_error(lanes_sgemv((lanes_layout)layout, (lanes_transpose)TransA, M, N, alpha, A, lda,
                             X, incX, beta, Y, incY),
                 "cblas_sgemv");
}

void cblas_dgemv(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA, const CBLAS_INT M,
                 const CBLAS_INT N, const double alpha, const double *A, const CBLAS_INT lda,
                 const double *X, const CBLAS_INT incX, const double beta, double *Y,
                 const CBLAS_INT incY)
{
    if (gemv_args_bad("cblas_dgemv", layout, TransA, M, N, lda, incX, incY))
        return;
    native_error(lanes_dgemv((lanes_layout)layout, (lanes_transpose)TransA, M, N, alpha, A, lda,
                             X, incX, beta, Y, incY),
                 "cblas_dgemv");
}

/* ---- gemm ------------------------------------------------------------ */

static int gemm_args_bad(const char *rout, CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA,
                         CBLAS_TRANSPOSE TransB, CBLAS_INT M, CBLAS_INT N, CBLAS_INT K,
                         CBLAS_INT lda, CBLAS_INT ldb, CBLAS_INT ldc)
{
    if (layout != CblasColMajor && layout != CblasRowMajor) {
        cblas_xerbla(1, rout, "Illegal layout setting, %d\n", (int)layout);
        return 1;
    }
    if (!valid_trans(TransA)) {
        cblas_xerbla(2, rout, "Illegal TransA setting, %d\n", (int)TransA);
        return 1;
    }
    if (!valid_trans(TransB)) {
        cblas_xerbla(3, rout, "Illegal TransB setting, %d\n", (int)TransB);
        return 1;
    }
    int p = 0, nota = TransA == CblasNoTrans, notb = TransB == CblasNoTrans;
    if (layout == CblasColMajor) {
        /* Fortran xGEMM(TA, TB, M, N, K, ..., A, LDA, B, LDB, ..., C, LDC) */
        if (M < 0)
            p = 4;
        else if (N < 0)
            p = 5;
        else if (K < 0)
            p = 6;
        else if (lda < max1(nota ? M : K))
            p = 9;
        else if (ldb < max1(notb ? K : N))
            p = 11;
        else if (ldc < max1(M))
            p = 14;
    } else {
        /* Row-major C = A B is column-major C^T = B^T A^T: Fortran is called
         * with (TB, TA, N, M, K, ..., B, LDB, A, LDA, ..., C, LDC). */
        if (N < 0)
            p = 5;
        else if (M < 0)
            p = 4;
        else if (K < 0)
            p = 6;
        else if (ldb < max1(notb ? N : K))
            p = 11;
        else if (lda < max1(nota ? K : M))
            p = 9;
        else if (ldc < max1(N))
            p = 14;
    }
    if (p)
        cblas_xerbla(p, rout, "");
    return p != 0;
}

void cblas_sgemm(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA,
                 const CBLAS_TRANSPOSE TransB, const CBLAS_INT M, const CBLAS_INT N,
                 const CBLAS_INT K, const float alpha, const float *A, const CBLAS_INT lda,
                 const float *B, const CBLAS_INT ldb, const float beta, float *C,
                 const CBLAS_INT ldc)
{
    if (gemm_args_bad("cblas_sgemm", layout, TransA, TransB, M, N, K, lda, ldb, ldc))
        return;
    native_error(lanes_sgemm((lanes_layout)layout, (lanes_transpose)TransA,
                             (lanes_transpose)TransB, M, N, K, alpha, A, lda, B, ldb, beta, C,
                             ldc),
                 "cblas_sgemm");
}

void cblas_dgemm(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA,
                 const CBLAS_TRANSPOSE TransB, const CBLAS_INT M, const CBLAS_INT N,
                 const CBLAS_INT K, const double alpha, const double *A, const CBLAS_INT lda,
                 const double *B, const CBLAS_INT ldb, const double beta, double *C,
                 const CBLAS_INT ldc)
{
    if (gemm_args_bad("cblas_dgemm", layout, TransA, TransB, M, N, K, lda, ldb, ldc))
        return;
    native_error(lanes_dgemm((lanes_layout)layout, (lanes_transpose)TransA,
                             (lanes_transpose)TransB, M, N, K, alpha, A, lda, B, ldb, beta, C,
                             ldc),
                 "cblas_dgemm");
}
