/* lanes: hand-written SIMD kernels (BLAS level 1-3 subset, float32 vector
 * math) with one run-time dispatcher.  This is the whole public C API.
 *
 * Conventions
 * - BLAS routines keep BLAS argument order and semantics.  Sizes, strides
 *   and leading dimensions are ptrdiff_t so that negative values (a common
 *   bug when int arithmetic wraps) are detected, not read as huge sizes.
 * - Layout and transpose enums have CBLAS's values, so CblasRowMajor,
 *   CblasNoTrans, ... can be passed unchanged.  For real types
 *   LANES_CONJ_TRANS means LANES_TRANS.
 * - Negative increments follow BLAS: the vector starts at the far end.
 *
 * Errors (one mechanism for every routine)
 * - An invalid argument is detected before any memory is read or written.
 *   BLAS routines then return -i, where i is the 1-based position of the
 *   first offending argument in the C call (LAPACK's INFO convention);
 *   success returns 0.  lanes_sdot/lanes_ddot return NaN on error, and the
 *   vector-math routines return nothing.
 * - In every case the error is also recorded for the calling thread:
 *   lanes_last_error() gives the code and lanes_last_error_message() a
 *   one-line explanation such as
 *     "lanes_sgemm: argument 9 (lda = 3) must be >= max(1, k) = 5".
 *   Like errno, a successful call does not clear it; lanes_clear_error()
 *   does.  An optional handler (lanes_set_error_handler) is called too.
 */
#ifndef LANES_H
#define LANES_H

#include <stddef.h>

#include "lanes_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define LANES_API
#else
#define LANES_API __attribute__((visibility("default")))
#endif

typedef enum lanes_layout {
    LANES_ROW_MAJOR = 101,
    LANES_COL_MAJOR = 102
} lanes_layout;

typedef enum lanes_transpose {
    LANES_NO_TRANS = 111,
    LANES_TRANS = 112,
    LANES_CONJ_TRANS = 113
} lanes_transpose;

/* The library's version, "MAJOR.MINOR.PATCH" (LANES_VERSION_STRING is the
 * headers'). */
LANES_API const char *lanes_version(void);

/* ---- run-time dispatch -------------------------------------------------
 * The best ISA the CPU and OS support is chosen on first use (thread-safe).
 * LANES_ISA=scalar|avx2|avx512|neon in the environment forces one; a value
 * this machine or build cannot run prints one line on stderr and the best
 * supported ISA is used instead. */

/* Name of the ISA in use: "scalar", "avx2", "avx512" or "neon". */
LANES_API const char *lanes_isa(void);
/* Switch every kernel to ISA `name` ("auto" or NULL: back to the best one).
 * Returns 0 on success; nonzero, changing nothing, if the name is unknown
 * or the CPU, OS or build cannot run it. */
LANES_API int lanes_set_isa(const char *name);
/* 1 if this machine and build can run ISA `name`, else 0. */
LANES_API int lanes_isa_supported(const char *name);
/* Writes up to `cap` names of runnable ISAs, worst to best, into `names`;
 * returns how many there are in total. */
LANES_API size_t lanes_supported_isas(const char **names, size_t cap);
/* The ISA whose kernel runs for `kernel` ("saxpy", "sgemm", "expf", ...),
 * or NULL for an unknown name.  By default a family may run a lower ISA
 * than lanes_isa() where that measured faster (see README); forcing an ISA
 * makes every kernel that ISA. */
LANES_API const char *lanes_kernel_isa(const char *kernel);
/* The register tile and cache blocks the active table's "sgemm" or "dgemm"
 * runs with: b[0..5] = MR, NR, MC, KC, NC, and NC for one thread (NC when
 * the same).  They depend on the CPU (README, "Cache blocks"), the forced
 * ISA and LANES_SGEMM_BLOCKS / LANES_DGEMM_BLOCKS.  0; -1 (b untouched) for
 * another name, -2 for b NULL. */
LANES_API int lanes_gemm_blocks(const char *kernel, unsigned b[6]);
/* The deeper KC "sgemm" or "dgemm" takes where C exceeds 8 MiB (C then
 * comes from memory at every k slice, and fewer slices pass over it less
 * often), or 0 where KC is the same for every C (also for another name). */
LANES_API unsigned lanes_gemm_deep_kc(const char *kernel);
/* The i-th kernel name (0-based), NULL past the last: for listing. */
LANES_API const char *lanes_kernel_name(size_t i);
/* A multi-line, human-readable description of the CPU: vendor, model,
 * detected features, OS-enabled register state.  Static storage. */
LANES_API const char *lanes_cpu_report(void);

/* ---- threads ---------------------------------------------------------
 * gemm runs on OpenMP threads for large problems (results do not depend on
 * the count).  Default: LANES_NUM_THREADS, else the CPUs in the process's
 * affinity mask.  Inside a caller's OpenMP parallel region lanes runs
 * serially. */
LANES_API int lanes_get_num_threads(void);
/* n <= 0 restores the default. */
LANES_API void lanes_set_num_threads(int n);

/* ---- errors ---------------------------------------------------------- */
#define LANES_OK 0
/* Codes below -1000 are not argument positions. */
#define LANES_ENOMEM (-1001)

LANES_API int lanes_last_error(void);
LANES_API const char *lanes_last_error_message(void);
LANES_API void lanes_clear_error(void);
typedef void (*lanes_error_handler)(int code, const char *message);
/* Set a function called on every error (NULL: none, the default).
 * Returns the previous handler. */
LANES_API lanes_error_handler lanes_set_error_handler(lanes_error_handler h);

/* ---- BLAS level 1 ---------------------------------------------------- */
/* y := alpha*x + y */
LANES_API int lanes_saxpy(ptrdiff_t n, float alpha, const float *x, ptrdiff_t incx,
                          float *y, ptrdiff_t incy);
LANES_API int lanes_daxpy(ptrdiff_t n, double alpha, const double *x, ptrdiff_t incx,
                          double *y, ptrdiff_t incy);
/* x . y  (0 when n <= 0) */
LANES_API float lanes_sdot(ptrdiff_t n, const float *x, ptrdiff_t incx,
                           const float *y, ptrdiff_t incy);
LANES_API double lanes_ddot(ptrdiff_t n, const double *x, ptrdiff_t incx,
                            const double *y, ptrdiff_t incy);

/* ---- BLAS level 2 ---------------------------------------------------- */
/* y := alpha*op(A)*x + beta*y,  A is m x n. */
LANES_API int lanes_sgemv(lanes_layout layout, lanes_transpose trans, ptrdiff_t m,
                          ptrdiff_t n, float alpha, const float *a, ptrdiff_t lda,
                          const float *x, ptrdiff_t incx, float beta, float *y,
                          ptrdiff_t incy);
LANES_API int lanes_dgemv(lanes_layout layout, lanes_transpose trans, ptrdiff_t m,
                          ptrdiff_t n, double alpha, const double *a, ptrdiff_t lda,
                          const double *x, ptrdiff_t incx, double beta, double *y,
                          ptrdiff_t incy);

/* ---- BLAS level 3 ---------------------------------------------------- */
/* C := alpha*op(A)*op(B) + beta*C,  op(A) m x k, op(B) k x n, C m x n. */
LANES_API int lanes_sgemm(lanes_layout layout, lanes_transpose transa,
                          lanes_transpose transb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                          float alpha, const float *a, ptrdiff_t lda, const float *b,
                          ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc);
LANES_API int lanes_dgemm(lanes_layout layout, lanes_transpose transa,
                          lanes_transpose transb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                          double alpha, const double *a, ptrdiff_t lda, const double *b,
                          ptrdiff_t ldb, double beta, double *c, ptrdiff_t ldc);

/* ---- prepared gemm ----------------------------------------------------
 * A gemm whose layout, transposes, sizes, alpha, beta and leading
 * dimensions are fixed, run on many operands (the small products of a
 * model, say): the argument checks and the choice of path and kernel are
 * made once, when the plan is created, so a run of a tiny product costs
 * little more than its arithmetic (the idea of MKL's JIT gemm and libxsmm's
 * dispatched kernels; lanes generates no code).  A run computes what
 * lanes_sgemm computes with the same arguments, bit for bit, with the ISA
 * in use when the plan was created (a later lanes_set_isa does not change
 * a plan).  A plan is read-only: threads may run one at once.
 *
 * create returns NULL on an invalid argument (the error recorded as for
 * lanes_sgemm, argument positions counted in create's own list: lda is
 * the 8th, ldb the 9th, ldc the 11th) or out of memory (LANES_ENOMEM).
 * run returns 0, or -1 for a NULL plan, -2/-3/-4 for a NULL A/B/C that the
 * product needs, touching nothing.  destroy(NULL) does nothing. */
typedef struct lanes_sgemm_plan lanes_sgemm_plan;
typedef struct lanes_dgemm_plan lanes_dgemm_plan;
LANES_API lanes_sgemm_plan *lanes_sgemm_plan_create(lanes_layout layout, lanes_transpose transa,
                                                    lanes_transpose transb, ptrdiff_t m,
                                                    ptrdiff_t n, ptrdiff_t k, float alpha,
                                                    ptrdiff_t lda, ptrdiff_t ldb, float beta,
                                                    ptrdiff_t ldc);
/* C := alpha*op(A)*op(B) + beta*C with the plan's arguments */
LANES_API int lanes_sgemm_plan_run(const lanes_sgemm_plan *plan, const float *a,
                                   const float *b, float *c);
LANES_API void lanes_sgemm_plan_destroy(lanes_sgemm_plan *plan);
LANES_API lanes_dgemm_plan *lanes_dgemm_plan_create(lanes_layout layout, lanes_transpose transa,
                                                    lanes_transpose transb, ptrdiff_t m,
                                                    ptrdiff_t n, ptrdiff_t k, double alpha,
                                                    ptrdiff_t lda, ptrdiff_t ldb, double beta,
                                                    ptrdiff_t ldc);
LANES_API int lanes_dgemm_plan_run(const lanes_dgemm_plan *plan, const double *a,
                                   const double *b, double *c);
LANES_API void lanes_dgemm_plan_destroy(lanes_dgemm_plan *plan);

/* ---- float32 vector math --------------------------------------------
 * y may equal x (in place); partial overlap is not allowed. */
/* y[i] = exp(x[i]), max error 1 ULP, subnormal results kept. */
LANES_API void lanes_expf(size_t n, const float *x, float *y);
/* y[i] = 1 / (1 + exp(-x[i])), max error 3 ULP. */
LANES_API void lanes_sigmoidf(size_t n, const float *x, float *y);
/* Row-wise softmax of a contiguous row-major rows x cols matrix, computed as
 * exp(x - rowmax) / sum, so any finite input is safe.  -Inf entries give 0;
 * a row that contains NaN or +Inf, or is all -Inf, becomes all NaN. */
LANES_API void lanes_softmaxf(size_t rows, size_t cols, const float *x, float *y);
/* Row-wise log-softmax: y = x - max - log(sum exp(x - max)), stable for any
 * finite input; y == x allowed.  Non-finite rows as for lanes_softmaxf. */
LANES_API void lanes_log_softmaxf(size_t rows, size_t cols, const float *x, float *y);
/* Softmax cross-entropy of logits x (rows x cols, row-major) against integer
 * labels in [0, cols), fused in one pass per row:
 *   loss[r] = log(sum_j exp(x[r][j])) - x[r][labels[r]]      (if loss != NULL)
 *   grad[r][j] = softmax(x[r])[j] - (j == labels[r])          (if grad != NULL)
 * computed with the row max subtracted, so any finite logits are safe;
 * grad == x is allowed.  Returns the mean loss over the rows, or NaN (and
 * touches nothing) when a label is out of range or a pointer is NULL. */
LANES_API float lanes_softmax_xentf(size_t rows, size_t cols, const float *x, const int *labels,
                                    float *loss, float *grad);

#ifdef __cplusplus
}
#endif
#endif
