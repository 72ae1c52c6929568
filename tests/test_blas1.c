/* axpy and dot, every ISA, against double-precision loops. */
#include "common.h"
#include "kernels/frame/frame.h"

#define T float
#define X(name) s##name
#define EPS ((double)FLT_EPSILON)
#include "vec_tmpl.h"
#include "blas1_tmpl.h"
#undef T
#undef X
#undef EPS

#define T double
#define X(name) d##name
#define EPS ((double)DBL_EPSILON)
#include "vec_tmpl.h"
#include "blas1_tmpl.h"
#undef T
#undef X
#undef EPS

ISA_TEST(blas1, saxpy)
{
    (void)isa;
    saxpy_sweep();
    soffsets_sweep(0);
}

ISA_TEST(blas1, daxpy)
{
    (void)isa;
    daxpy_sweep();
    doffsets_sweep(0);
}

ISA_TEST(blas1, sdot)
{
    (void)isa;
    sdot_sweep();
    soffsets_sweep(1);
    sguard_sweep();
}

ISA_TEST(blas1, ddot)
{
    (void)isa;
    ddot_sweep();
    doffsets_sweep(1);
    dguard_sweep();
}

ISA_TEST(blas1, strided)
{
    (void)isa;
    sinc_sweep();
    dinc_sweep();
}

ISA_TEST(blas1, long_threads)
{
    (void)isa;
    sthreads_sweep();
    dthreads_sweep();
}

/* BLAS quick returns and the incy = 0 corner: nothing else is read. */
ISA_TEST(blas1, quick_returns)
{
    (void)isa;
    float y = 1, x = NAN;
    cr_assert_eq(lanes_saxpy(0, 2, NULL, 1, NULL, 1), 0);
    cr_assert_eq(lanes_saxpy(-3, 2, NULL, 1, NULL, 1), 0);
    cr_assert_eq(lanes_saxpy(5, 0, &x, 0, &y, 0), 0);
    cr_assert_eq(y, 1);
    cr_assert_eq(lanes_sdot(0, NULL, 1, NULL, 1), 0);
    cr_assert_eq(lanes_ddot(-1, NULL, 1, NULL, 1), 0);
    /* incx = 0 broadcasts x[0]; incy = 0 accumulates into y[0] in order. */
    float xs[3] = {1, 2, 3}, ys = 10;
    cr_assert_eq(lanes_saxpy(3, 2, xs, 1, &ys, 0), 0);
    cr_assert_eq(ys, 22);
    float yv[4] = {1, 1, 1, 1}, one = 3;
    cr_assert_eq(lanes_saxpy(4, 1, &one, 0, yv, 1), 0);
    for (int i = 0; i < 4; i++)
        cr_assert_eq(yv[i], 4);
    cr_assert_eq(lanes_sdot(3, xs, 1, &one, 0), 18);
}
