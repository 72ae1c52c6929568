/* Invalid arguments: the documented error code and message, the handler
 * called, and no memory touched (lanes.h, "Errors"). */
#include "common.h"

static int handler_calls, handler_code;

static void handler(int code, const char *msg)
{
    (void)msg;
    handler_calls++;
    handler_code = code;
}

/* Buffers every case passes as data; all must keep their sentinel. */
static float fa[64], fb[64], fc[64];
static double da[64], db[64], dc[64];

static void fill(void)
{
    for (int i = 0; i < 64; i++) {
        fa[i] = fb[i] = fc[i] = 3.5f;
        da[i] = db[i] = dc[i] = 3.5;
    }
}

static void untouched(void)
{
    for (int i = 0; i < 64; i++)
        cr_assert(fa[i] == 3.5f && fb[i] == 3.5f && fc[i] == 3.5f && da[i] == 3.5 &&
                      db[i] == 3.5 && dc[i] == 3.5,
                  "element %d was written", i);
}

/* rc is the call's return value, pos the argument it must blame. */
static void expect_error(int rc, int pos, const char *routine, const char *needle)
{
    cr_assert_eq(rc, -pos, "%s: returned %d, want %d", routine, rc, -pos);
    cr_assert_eq(lanes_last_error(), -pos);
    const char *msg = lanes_last_error_message();
    char head[64];
    snprintf(head, sizeof head, "%s: argument %d ", routine, pos);
    cr_assert(strncmp(msg, head, strlen(head)) == 0, "message '%s' lacks '%s'", msg, head);
    cr_assert(strstr(msg, needle), "message '%s' lacks '%s'", msg, needle);
    cr_assert_eq(handler_code, -pos);
    untouched();
    lanes_clear_error();
    cr_assert_eq(lanes_last_error(), 0);
}

#define COL LANES_COL_MAJOR
#define ROW LANES_ROW_MAJOR
#define N LANES_NO_TRANS
#define TR LANES_TRANS

ISA_TEST(errors, gemm)
{
    (void)isa;
    fill();
    lanes_set_error_handler(handler);
    expect_error(lanes_sgemm((lanes_layout)100, N, N, 2, 2, 2, 1, fa, 2, fb, 2, 0, fc, 2), 1,
                 "lanes_sgemm", "layout = 100");
    expect_error(lanes_sgemm(COL, (lanes_transpose)0, N, 2, 2, 2, 1, fa, 2, fb, 2, 0, fc, 2), 2,
                 "lanes_sgemm", "transa");
    expect_error(lanes_dgemm(COL, N, (lanes_transpose)114, 2, 2, 2, 1, da, 2, db, 2, 0, dc, 2), 3,
                 "lanes_dgemm", "transb");
    /* the same with the other operand's layout, the ones the small-product
     * entry lets through to its transposed case */
    expect_error(lanes_sgemm(ROW, (lanes_transpose)114, N, 2, 2, 2, 1, fa, 2, fb, 2, 0, fc, 2), 2,
                 "lanes_sgemm", "transa");
    expect_error(lanes_dgemm(COL, N, (lanes_transpose)0, 2, 2, 2, 1, da, 2, db, 2, 0, dc, 2), 3,
                 "lanes_dgemm", "transb");
    expect_error(lanes_sgemm(COL, N, N, -1, 2, 2, 1, fa, 2, fb, 2, 0, fc, 2), 4, "lanes_sgemm",
                 "m = -1");
    expect_error(lanes_sgemm(COL, N, N, 2, -2, 2, 1, fa, 2, fb, 2, 0, fc, 2), 5, "lanes_sgemm",
                 "n = -2");
    expect_error(lanes_dgemm(COL, N, N, 2, 2, -3, 1, da, 2, db, 2, 0, dc, 2), 6, "lanes_dgemm",
                 "k = -3");
    /* lda: col-major N needs m, T needs k; row-major N needs k, T needs m */
    expect_error(lanes_sgemm(COL, N, N, 5, 2, 3, 1, fa, 4, fb, 3, 0, fc, 5), 9, "lanes_sgemm",
                 "max(1, m) = 5");
    expect_error(lanes_sgemm(COL, TR, N, 5, 2, 3, 1, fa, 2, fb, 3, 0, fc, 5), 9, "lanes_sgemm",
                 "max(1, k) = 3");
    expect_error(lanes_sgemm(ROW, N, N, 5, 2, 3, 1, fa, 2, fb, 2, 0, fc, 2), 9, "lanes_sgemm",
                 "max(1, k) = 3");
    expect_error(lanes_sgemm(ROW, TR, N, 5, 2, 3, 1, fa, 4, fb, 2, 0, fc, 2), 9, "lanes_sgemm",
                 "max(1, m) = 5");
    /* ldb: col-major N needs k, T needs n; row-major N needs n, T needs k */
    expect_error(lanes_dgemm(COL, N, N, 2, 4, 3, 1, da, 2, db, 2, 0, dc, 2), 11, "lanes_dgemm",
                 "max(1, k) = 3");
    expect_error(lanes_dgemm(COL, N, TR, 2, 4, 3, 1, da, 2, db, 3, 0, dc, 2), 11, "lanes_dgemm",
                 "max(1, n) = 4");
    expect_error(lanes_dgemm(ROW, N, N, 2, 4, 3, 1, da, 3, db, 3, 0, dc, 4), 11, "lanes_dgemm",
                 "max(1, n) = 4");
    expect_error(lanes_dgemm(ROW, N, TR, 2, 4, 3, 1, da, 3, db, 2, 0, dc, 4), 11, "lanes_dgemm",
                 "max(1, k) = 3");
    /* ldc: m col-major, n row-major; 0 is never valid */
    expect_error(lanes_sgemm(COL, N, N, 3, 2, 2, 1, fa, 3, fb, 2, 0, fc, 2), 14, "lanes_sgemm",
                 "max(1, m) = 3");
    expect_error(lanes_sgemm(ROW, N, N, 3, 4, 2, 1, fa, 2, fb, 4, 0, fc, 3), 14, "lanes_sgemm",
                 "max(1, n) = 4");
    expect_error(lanes_sgemm(COL, N, N, 0, 0, 0, 1, fa, 1, fb, 1, 0, fc, 0), 14, "lanes_sgemm",
                 "ldc = 0");
    /* NULL where data is needed */
    expect_error(lanes_sgemm(COL, N, N, 2, 2, 2, 1, NULL, 2, fb, 2, 0, fc, 2), 8, "lanes_sgemm",
                 "(A) is NULL");
    expect_error(lanes_dgemm(COL, N, N, 2, 2, 2, 1, da, 2, NULL, 2, 0, dc, 2), 10, "lanes_dgemm",
                 "(B) is NULL");
    expect_error(lanes_sgemm(COL, N, N, 2, 2, 2, 1, fa, 2, fb, 2, 0, NULL, 2), 13, "lanes_sgemm",
                 "(C) is NULL");
    cr_assert_eq(handler_calls, 22);
    /* ...but not where it is not read: alpha = 0 or k = 0, or an empty C */
    cr_assert_eq(lanes_sgemm(COL, N, N, 2, 2, 2, 0, NULL, 2, NULL, 2, 1, fc, 2), 0);
    cr_assert_eq(lanes_sgemm(COL, N, N, 2, 2, 0, 1, NULL, 2, NULL, 1, 1, fc, 2), 0);
    cr_assert_eq(lanes_sgemm(COL, N, N, 0, 2, 2, 1, NULL, 1, NULL, 2, 1, NULL, 1), 0);
    untouched();
    lanes_set_error_handler(NULL);
}

/* A plan that must not have been made: its error as expect_error's */
static void expect_no_plan(void *plan, int pos, const char *routine, const char *needle)
{
    cr_assert_null(plan, "%s made a plan of invalid arguments", routine);
    expect_error(lanes_last_error(), pos, routine, needle);
}

ISA_TEST(errors, gemm_plan)
{
    (void)isa;
    fill();
    lanes_set_error_handler(handler);
    const char *cs = "lanes_sgemm_plan_create", *cd = "lanes_dgemm_plan_create";
    /* create: lanes_sgemm's checks, positions in create's own list (no A,
     * B, C: lda 8th, ldb 9th, ldc 11th) */
    expect_no_plan(lanes_sgemm_plan_create((lanes_layout)100, N, N, 2, 2, 2, 1, 2, 2, 0, 2), 1, cs,
                   "layout = 100");
    expect_no_plan(lanes_dgemm_plan_create(COL, N, (lanes_transpose)0, 2, 2, 2, 1, 2, 2, 0, 2), 3,
                   cd, "transb");
    expect_no_plan(lanes_sgemm_plan_create(COL, N, N, 2, 2, -3, 1, 2, 2, 0, 2), 6, cs, "k = -3");
    expect_no_plan(lanes_sgemm_plan_create(ROW, N, N, 5, 2, 3, 1, 2, 2, 0, 2), 8, cs,
                   "max(1, k) = 3");
    expect_no_plan(lanes_dgemm_plan_create(COL, N, TR, 2, 4, 3, 1, 2, 3, 0, 2), 9, cd,
                   "max(1, n) = 4");
    expect_no_plan(lanes_sgemm_plan_create(ROW, N, N, 3, 4, 2, 1, 2, 4, 0, 3), 11, cs,
                   "max(1, n) = 4");
    /* run: a NULL plan, or a NULL operand the product reads or writes */
    lanes_sgemm_plan *ps = lanes_sgemm_plan_create(COL, N, N, 4, 4, 4, 1, 4, 4, 0, 4);
    lanes_dgemm_plan *pd = lanes_dgemm_plan_create(ROW, TR, N, 3, 5, 2, 1, 3, 5, 1, 5);
    cr_assert(ps && pd);
    const char *rs = "lanes_sgemm_plan_run", *rd = "lanes_dgemm_plan_run";
    expect_error(lanes_sgemm_plan_run(NULL, fa, fb, fc), 1, rs, "(plan) is NULL");
    expect_error(lanes_sgemm_plan_run(ps, NULL, fb, fc), 2, rs, "(A) is NULL");
    expect_error(lanes_sgemm_plan_run(ps, fa, NULL, fc), 3, rs, "(B) is NULL");
    expect_error(lanes_sgemm_plan_run(ps, fa, fb, NULL), 4, rs, "(C) is NULL");
    expect_error(lanes_dgemm_plan_run(pd, NULL, db, dc), 2, rd, "(A) is NULL");
    expect_error(lanes_dgemm_plan_run(pd, da, db, NULL), 4, rd, "(C) is NULL");
    cr_assert_eq(handler_calls, 12);
    lanes_sgemm_plan_destroy(ps);
    lanes_dgemm_plan_destroy(pd);
    lanes_sgemm_plan_destroy(NULL);
    /* operands a plan does not read may be NULL: alpha = 0, k = 0, empty C */
    ps = lanes_sgemm_plan_create(COL, N, N, 2, 2, 2, 0, 2, 2, 1, 2);
    cr_assert_eq(lanes_sgemm_plan_run(ps, NULL, NULL, fc), 0);
    lanes_sgemm_plan_destroy(ps);
    pd = lanes_dgemm_plan_create(COL, N, N, 2, 2, 0, 1, 2, 1, 1, 2);
    cr_assert_eq(lanes_dgemm_plan_run(pd, NULL, NULL, dc), 0);
    lanes_dgemm_plan_destroy(pd);
    ps = lanes_sgemm_plan_create(COL, N, N, 0, 2, 2, 1, 1, 2, 1, 1);
    cr_assert_eq(lanes_sgemm_plan_run(ps, NULL, NULL, NULL), 0);
    lanes_sgemm_plan_destroy(ps);
    untouched();
    lanes_set_error_handler(NULL);
}

ISA_TEST(errors, gemv)
{
    (void)isa;
    fill();
    lanes_set_error_handler(handler);
    expect_error(lanes_sgemv((lanes_layout)0, N, 2, 2, 1, fa, 2, fb, 1, 0, fc, 1), 1,
                 "lanes_sgemv", "layout");
    expect_error(lanes_dgemv(COL, (lanes_transpose)110, 2, 2, 1, da, 2, db, 1, 0, dc, 1), 2,
                 "lanes_dgemv", "trans = 110");
    expect_error(lanes_sgemv(COL, N, -1, 2, 1, fa, 2, fb, 1, 0, fc, 1), 3, "lanes_sgemv",
                 "m = -1");
    expect_error(lanes_sgemv(COL, N, 2, -1, 1, fa, 2, fb, 1, 0, fc, 1), 4, "lanes_sgemv",
                 "n = -1");
    expect_error(lanes_sgemv(COL, N, 4, 2, 1, fa, 3, fb, 1, 0, fc, 1), 7, "lanes_sgemv",
                 "max(1, m) = 4");
    expect_error(lanes_dgemv(ROW, TR, 4, 2, 1, da, 1, db, 1, 0, dc, 1), 7, "lanes_dgemv",
                 "max(1, n) = 2");
    expect_error(lanes_sgemv(COL, N, 2, 2, 1, fa, 2, fb, 0, 0, fc, 1), 9, "lanes_sgemv", "incx");
    expect_error(lanes_sgemv(COL, N, 2, 2, 1, fa, 2, fb, 1, 0, fc, 0), 12, "lanes_sgemv", "incy");
    expect_error(lanes_sgemv(COL, N, 2, 2, 1, NULL, 2, fb, 1, 0, fc, 1), 6, "lanes_sgemv",
                 "(A) is NULL");
    expect_error(lanes_dgemv(COL, N, 2, 2, 1, da, 2, NULL, 1, 0, dc, 1), 8, "lanes_dgemv",
                 "(x) is NULL");
    expect_error(lanes_sgemv(COL, N, 2, 2, 1, fa, 2, fb, 1, 0, NULL, 1), 11, "lanes_sgemv",
                 "(y) is NULL");
    lanes_set_error_handler(NULL);
}

ISA_TEST(errors, level1_and_vmath)
{
    (void)isa;
    fill();
    lanes_set_error_handler(handler);
    expect_error(lanes_saxpy(3, 2, NULL, 1, fc, 1), 3, "lanes_saxpy", "(x) is NULL");
    expect_error(lanes_daxpy(3, 2, da, 1, NULL, 1), 5, "lanes_daxpy", "(y) is NULL");
    cr_assert(isnan(lanes_sdot(3, NULL, 1, fb, 1)));
    expect_error(-2, 2, "lanes_sdot", "(x) is NULL");
    cr_assert(isnan(lanes_ddot(3, da, 1, NULL, 1)));
    expect_error(-4, 4, "lanes_ddot", "(y) is NULL");
    lanes_expf(3, NULL, fc);
    expect_error(-2, 2, "lanes_expf", "(x) is NULL");
    lanes_sigmoidf(3, fa, NULL);
    expect_error(-3, 3, "lanes_sigmoidf", "(y) is NULL");
    lanes_softmaxf(2, 3, NULL, fc);
    expect_error(-3, 3, "lanes_softmaxf", "(x) is NULL");
    lanes_softmaxf(SIZE_MAX / 2, 16, fa, fc);
    expect_error(-2, 2, "lanes_softmaxf", "overflows");
    lanes_set_error_handler(NULL);
    /* errno-like: a later good call keeps the last error */
    lanes_saxpy(3, 2, NULL, 1, fc, 1);
    lanes_saxpy(1, 2, fa, 1, fb + 1, 1);
    cr_assert_eq(lanes_last_error(), -3);
}
