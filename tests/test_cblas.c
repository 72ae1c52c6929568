/* The CBLAS layer: every reference argument error reaches an overriding
 * cblas_xerbla with the reference position and routine name and touches
 * nothing; on x86-64 every entry point is also compared with OpenBLAS (loaded
 * with dlopen, RTLD_LOCAL, so its own cblas_* symbols cannot clash). */
#include <criterion/criterion.h>
#include <dlfcn.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lanes_cblas.h"

#define LANES_TSTR_(a) #a
#define LANES_TSTR(a) LANES_TSTR_(a)

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

static void fini(void)
{
#if defined(__SANITIZE_ADDRESS__)
    if (__lsan_do_recoverable_leak_check() != 0)
        abort();
#endif
}

/* The override: the library's own calls must land here. */
static int calls, last_p;
static char last_rout[32], last_msg[160];

void cblas_xerbla(CBLAS_INT p, const char *rout, const char *form, ...)
{
    va_list ap;
    va_start(ap, form);
    vsnprintf(last_msg, sizeof last_msg, form, ap);
    va_end(ap);
    calls++;
    last_p = p;
    snprintf(last_rout, sizeof last_rout, "%s", rout);
}

static float fa[64], fb[64], fc[64];
static double da[64], db[64], dc[64];
static int cases;

static void fill(void)
{
    for (int i = 0; i < 64; i++)
        fa[i] = fb[i] = fc[i] = 2.5f, da[i] = db[i] = dc[i] = 2.5;
}

static void untouched(const char *what)
{
    for (int i = 0; i < 64; i++)
        cr_assert(fa[i] == 2.5f && fb[i] == 2.5f && fc[i] == 2.5f && da[i] == 2.5 &&
                      db[i] == 2.5 && dc[i] == 2.5,
                  "%s: memory touched at %d", what, i);
}

static void expect(int p, const char *rout, const char *msg, const char *what)
{
    cr_assert_eq(calls, 1, "%s: cblas_xerbla called %d times", what, calls);
    cr_assert_eq(last_p, p, "%s: position %d, reference says %d", what, last_p, p);
    cr_assert_str_eq(last_rout, rout, "%s", what);
    if (msg)
        cr_assert_str_eq(last_msg, msg, "%s", what);
    untouched(what);
    calls = 0;
    cases++;
}

#define R CblasRowMajor
#define C CblasColMajor
#define N CblasNoTrans
#define T CblasTrans
#define CT CblasConjTrans

/* One case for both types: call with (s, fa..) and (d, da..). */
#define GEMM_CASE(p, msg, lay, ta, tb, m, n, k, lda, ldb, ldc)                                   \
    do {                                                                                       \
        fill();                                                                                \
        cblas_sgemm(lay, ta, tb, m, n, k, 1, fa, lda, fb, ldb, 0, fc, ldc);                    \
        expect(p, "cblas_sgemm", msg, #lay " " #ta " " #tb " " #m " " #n " " #k);              \
        cblas_dgemm(lay, ta, tb, m, n, k, 1, da, lda, db, ldb, 0, dc, ldc);                    \
        expect(p, "cblas_dgemm", msg, #lay " " #ta " " #tb " " #m " " #n " " #k);              \
    } while (0)

Test(cblas, gemm_errors, .fini = fini)
{
    GEMM_CASE(1, "Illegal layout setting, 100\n", (CBLAS_LAYOUT)100, N, N, 2, 2, 2, 2, 2, 2);
    for (int l = 0; l < 2; l++) {
        CBLAS_LAYOUT lay = l ? R : C;
        GEMM_CASE(2, "Illegal TransA setting, 110\n", lay, (CBLAS_TRANSPOSE)110, N, 2, 2, 2, 2, 2, 2);
        GEMM_CASE(3, "Illegal TransB setting, 0\n", lay, T, (CBLAS_TRANSPOSE)0, 2, 2, 2, 2, 2, 2);
        GEMM_CASE(2, "Illegal TransA setting, 0\n", lay, (CBLAS_TRANSPOSE)0, (CBLAS_TRANSPOSE)0, 2, 2, 2, 2, 2, 2);
        GEMM_CASE(4, "", lay, N, N, -1, 2, 2, 2, 2, 2);
        GEMM_CASE(5, "", lay, N, N, 2, -1, 2, 2, 2, 2);
        GEMM_CASE(6, "", lay, N, N, 2, 2, -1, 2, 2, 2);
        GEMM_CASE(14, "", lay, N, N, 3, 3, 2, 3, 3, 2);
        GEMM_CASE(14, "", lay, T, T, 1, 1, 1, 1, 1, 0);
    }
    /* Column-major: M is checked before N, lda before ldb. */
    GEMM_CASE(4, "", C, N, N, -1, -1, 2, 2, 2, 2);
    GEMM_CASE(9, "", C, N, N, 3, 2, 2, 2, 2, 3);   /* A m x k: lda >= m */
    GEMM_CASE(9, "", C, T, N, 2, 2, 3, 2, 3, 2);   /* A k x m: lda >= k */
    GEMM_CASE(9, "", C, CT, N, 2, 2, 3, 2, 3, 2);  /* ConjTrans is Trans */
    GEMM_CASE(11, "", C, N, N, 2, 2, 3, 2, 2, 2);  /* B k x n: ldb >= k */
    GEMM_CASE(11, "", C, N, T, 2, 3, 2, 2, 2, 2);  /* B n x k: ldb >= n */
    GEMM_CASE(9, "", C, N, N, 3, 2, 3, 2, 2, 3);   /* lda and ldb bad: lda */
    /* Row-major: N is checked before M, ldb before lda (reference order). */
    GEMM_CASE(5, "", R, N, N, -1, -1, 2, 2, 2, 2);
    GEMM_CASE(9, "", R, N, N, 2, 2, 3, 2, 2, 2);   /* A m x k row-major: lda >= k */
    GEMM_CASE(9, "", R, T, N, 3, 2, 2, 2, 2, 2);   /* A k x m: lda >= m */
    GEMM_CASE(11, "", R, N, N, 2, 3, 2, 2, 2, 3);  /* B k x n: ldb >= n */
    GEMM_CASE(11, "", R, N, T, 2, 2, 3, 3, 2, 2);  /* B n x k: ldb >= k */
    GEMM_CASE(11, "", R, N, N, 2, 3, 3, 2, 2, 3);  /* lda and ldb bad: ldb */
    GEMM_CASE(14, "", R, N, N, 2, 3, 2, 2, 3, 2);  /* ldc >= n */
    /* Not errors: quick returns leave C alone. */
    fill();
    cblas_sgemm(C, N, N, 0, 2, 2, 1, fa, 1, fb, 2, 0, fc, 1);
    cblas_dgemm(R, N, N, 2, 0, 2, 1, da, 2, db, 1, 0, dc, 1);
    cblas_sgemm(C, N, N, 2, 2, 0, 0, fa, 2, fb, 1, 1, fc, 2);
    cr_assert_eq(calls, 0);
    untouched("quick returns");
    fprintf(stderr, "cblas gemm: %d argument-error cases checked\n", cases);
}

#define GEMV_CASE(p, msg, lay, t, m, n, lda, incx, incy)                                        \
    do {                                                                                       \
        fill();                                                                                \
        cblas_sgemv(lay, t, m, n, 1, fa, lda, fb, incx, 0, fc, incy);                          \
        expect(p, "cblas_sgemv", msg, #lay " " #t " " #m " " #n " " #lda);                     \
        cblas_dgemv(lay, t, m, n, 1, da, lda, db, incx, 0, dc, incy);                          \
        expect(p, "cblas_dgemv", msg, #lay " " #t " " #m " " #n " " #lda);                     \
    } while (0)

Test(cblas, gemv_errors, .fini = fini)
{
    GEMV_CASE(1, "Illegal layout setting, 0\n", (CBLAS_LAYOUT)0, N, 2, 2, 2, 1, 1);
    for (int l = 0; l < 2; l++) {
        CBLAS_LAYOUT lay = l ? R : C;
        GEMV_CASE(2, "Illegal TransA setting, 114\n", lay, (CBLAS_TRANSPOSE)114, 2, 2, 2, 1, 1);
        GEMV_CASE(3, "", lay, N, -1, 2, 2, 1, 1);
        GEMV_CASE(4, "", lay, T, 2, -1, 2, 1, 1);
        GEMV_CASE(9, "", lay, N, 2, 2, 2, 0, 1);
        GEMV_CASE(12, "", lay, CT, 2, 2, 2, 1, 0);
        GEMV_CASE(9, "", lay, N, 2, 2, 2, 0, 0); /* incx before incy */
    }
    GEMV_CASE(3, "", C, N, -1, -1, 2, 1, 1); /* col-major: M first */
    GEMV_CASE(4, "", R, N, -1, -1, 2, 1, 1); /* row-major: N first */
    GEMV_CASE(7, "", C, N, 3, 2, 2, 1, 1);   /* lda >= m */
    GEMV_CASE(7, "", C, T, 3, 2, 2, 1, 1);
    GEMV_CASE(7, "", R, N, 2, 3, 2, 1, 1);   /* lda >= n */
    GEMV_CASE(7, "", R, T, 2, 3, 2, 1, 1);
    GEMV_CASE(7, "", C, N, 0, 2, 0, 1, 1);   /* lda >= max(1, m) */
    fill();
    cblas_sgemv(C, N, 0, 3, 1, fa, 1, fb, 1, 0, fc, 1); /* m = 0: y untouched */
    cblas_dgemv(R, T, 3, 0, 1, da, 1, db, 1, 0, dc, 1);
    cr_assert_eq(calls, 0);
    untouched("quick returns");
    fprintf(stderr, "cblas gemv: %d argument-error cases checked\n", cases);
}

/* Not reference errors, but never a crash: NULL where data is used. */
Test(cblas, null_data, .fini = fini)
{
    fill();
    cblas_saxpy(3, 1, NULL, 1, fc, 1);
    expect(3, "cblas_saxpy", NULL, "saxpy NULL x");
    cblas_ddot(3, da, 1, NULL, 1);
    expect(4, "cblas_ddot", NULL, "ddot NULL y");
    cblas_sgemm(C, N, N, 2, 2, 2, 1, NULL, 2, fb, 2, 0, fc, 2);
    expect(8, "cblas_sgemm", NULL, "sgemm NULL A");
    cblas_dgemv(C, N, 2, 2, 1, da, 2, db, 1, 0, NULL, 1);
    expect(11, "cblas_dgemv", NULL, "dgemv NULL y");
}

#if defined(__x86_64__)
/* ---- every entry point against OpenBLAS -------------------------------- */

static void *openblas(void)
{
    static void *h;
    if (!h) {
        h = dlopen("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
                   RTLD_NOW | RTLD_LOCAL);
        cr_assert_not_null(h, "OpenBLAS (libopenblas0-pthread) is needed: %s", dlerror());
        ((void (*)(int))dlsym(h, "openblas_set_num_threads"))(1);
    }
    return h;
}

static uint64_t seed = 77;

static double rnd(void)
{
    seed ^= seed >> 12;
    seed ^= seed << 25;
    seed ^= seed >> 27;
    return (double)((seed * 0x2545F4914F6CDD1Dull) >> 11) * 0x1p-52 - 0.5;
}

#define TYPE float
#define P(name) s##name
#define EPS FLT_EPSILON
#include "cblas_sweep_tmpl.h"
#undef TYPE
#undef P
#undef EPS

#define TYPE double
#define P(name) d##name
#define EPS DBL_EPSILON
#include "cblas_sweep_tmpl.h"
#undef TYPE
#undef P
#undef EPS

Test(cblas, versus_openblas_single, .fini = fini) { ssweep(); }
Test(cblas, versus_openblas_double, .fini = fini) { dsweep(); }
#endif
