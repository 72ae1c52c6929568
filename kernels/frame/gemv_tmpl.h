/* gemv for one type; see blas1_tmpl.h for T and X(name).
 *
 * Every layout/transpose pair maps onto one of two column-major kernels:
 *   col-major, no-trans:  y += alpha*A*x      -> gemv_n(m, n)
 *   col-major, trans:     y += alpha*A^T*x    -> gemv_t(m, n)
 *   row-major A is column-major A^T (n x m): no-trans -> gemv_t(n, m),
 *   trans -> gemv_n(n, m).
 * Strided x and y are copied to contiguous scratch (O(m+n) against the
 * O(mn) product). */

#define FN(name) LANES_CAT(lanes_, X(name))
#define NAME(name) "lanes_" LANES_STR(X(name))

/* y[0, n) := 0 for y of at most 64 bytes, in two overlapping stores (GCC
 * turns a zeroing loop into a memset call, which costs a 4 x 4 product a
 * sixth of its time) */
static inline void X(zero_short)(T *y, size_t n)
{
    const size_t bytes = n * sizeof(T);
    char *p = (char *)y;
    const char z[64] = {0};
    if (bytes >= 32) {
        __builtin_memcpy(p, z, 32);
        __builtin_memcpy(p + bytes - 32, z, 32);
    } else if (bytes >= 16) {
        __builtin_memcpy(p, z, 16);
        __builtin_memcpy(p + bytes - 16, z, 16);
    } else if (bytes >= 8) {
        __builtin_memcpy(p, z, 8);
        __builtin_memcpy(p + bytes - 8, z, 8);
    } else if (bytes >= 4) {
        __builtin_memcpy(p, z, 4);
        __builtin_memcpy(p + bytes - 4, z, 4);
    }
}

/* One column-major kernel call, to be shared out by y's elements: rows of A
 * for gemv_n, columns for gemv_t. */
struct X(gemv_job) {
    LANES_CAT(lanes_, X(gemv_fn)) *kern;
    int by_rows;
    size_t rows, cols, lda;
    T alpha;
    const T *a, *x;
    T *y;
};

static void X(gemv_range)(size_t lo, size_t hi, void *ctx)
{
    const struct X(gemv_job) *j = ctx;
    if (j->by_rows)
        j->kern(hi - lo, j->cols, j->alpha, j->a + lo, j->lda, j->x, j->y + lo);
    else
        j->kern(j->rows, hi - lo, j->alpha, j->a + lo * j->lda, j->lda, j->x, j->y + lo);
}

/* The kernel call where A is large (LANES_GEMV_THREAD_BYTES), on threads:
 * memory-bound, one core does not reach the socket's bandwidth.  Every
 * element of y gets the same operations whatever the split, so results do
 * not depend on the thread count: gemv_t's shares are whole groups of four
 * columns (each column is one dot; the last n % 4 go by the ISA's dot
 * either way), and gemv_n's whole 4 KiB runs of each column, where no ISA
 * takes the short-column path and the choice of column order
 * (lanes_gemv_spread) is the whole product's.  (A share of each column
 * also breaks A's streams: in shares of 2-3 KiB, 1024 and 1448 square
 * float, gemv_n on 2 threads ran 0.69-0.83x as fast as on one; from 4 KiB,
 * 2048 float and 1024 double, 1.05-2.06x.) */
static __attribute__((noinline)) void X(gemv_large)(const struct X(gemv_job) *job)
{
    const size_t count = job->by_rows ? job->rows : job->cols;
    const size_t align = job->by_rows ? 4096 / sizeof(T) : 4;
    const size_t most = (size_t)lanes_get_num_threads();
    /* each share at least one whole unit of align (lanes_share) */
    if (most < 2 || count / align < most)
        X(gemv_range)(0, count, (void *)job);
    else
        lanes_parallel_range(count, job->rows * job->cols, align, X(gemv_range), (void *)job);
}

int FN(gemv)(lanes_layout layout, lanes_transpose trans, ptrdiff_t m, ptrdiff_t n, T alpha,
             const T *a, ptrdiff_t lda, const T *x, ptrdiff_t incx, T beta, T *y,
             ptrdiff_t incy)
{
    const char *rt = NAME(gemv);
    if (layout != LANES_ROW_MAJOR && layout != LANES_COL_MAJOR)
        return lanes_arg_error(rt, 1, "(layout = %d) must be 101 (row-major) or 102 (col-major)",
                               (int)layout);
    if (trans != LANES_NO_TRANS && trans != LANES_TRANS && trans != LANES_CONJ_TRANS)
        return lanes_arg_error(rt, 2, "(trans = %d) must be 111, 112 or 113", (int)trans);
    if (m < 0)
        return lanes_arg_error(rt, 3, "(m = %td) must be >= 0", m);
    if (n < 0)
        return lanes_arg_error(rt, 4, "(n = %td) must be >= 0", n);
    ptrdiff_t need = lanes_max1(layout == LANES_COL_MAJOR ? m : n);
    if (lda < need)
        return lanes_arg_error(rt, 7, "(lda = %td) must be >= max(1, %s) = %td", lda,
                               layout == LANES_COL_MAJOR ? "m" : "n", need);
    if (incx == 0)
        return lanes_arg_error(rt, 9, "(incx) must not be 0");
    if (incy == 0)
        return lanes_arg_error(rt, 12, "(incy) must not be 0");
    if (m == 0 || n == 0)
        return 0;
    int t = trans != LANES_NO_TRANS;
    ptrdiff_t lenx = t ? m : n, leny = t ? n : m;
    int reads = alpha != 0;
    if (reads && !a)
        return lanes_arg_error(rt, 6, "(A) is NULL with m = %td, n = %td", m, n);
    if (reads && !x)
        return lanes_arg_error(rt, 8, "(x) is NULL with %td elements", lenx);
    if (!y)
        return lanes_arg_error(rt, 11, "(y) is NULL with %td elements", leny);

    /* Scratch first, so an allocation failure leaves y untouched. */
    int copy_x = reads && incx != 1, copy_y = reads && incy != 1;
    T *xb = NULL, *yb = NULL;
    if (copy_x || copy_y) {
        size_t bytes = ((copy_x ? (size_t)lenx : 0) + (copy_y ? (size_t)leny : 0)) * sizeof(T);
        T *buf = lanes_scratch_alloc(rt, bytes);
        if (!buf)
            return LANES_ENOMEM;
        xb = copy_x ? buf : NULL;
        yb = copy_y ? buf + (copy_x ? lenx : 0) : NULL;
    }

    /* y := beta*y, with beta = 0 overwriting (NaN in y must not survive);
     * into the scratch copy when y is strided. */
    T *ys = LANES_VEC_START(y, leny, incy);
    T *yw = copy_y ? yb : ys;
    ptrdiff_t incw = copy_y ? 1 : incy;
    if (beta == 0 && incw == 1 && (size_t)leny * sizeof(T) <= 64)
        X(zero_short)(yw, (size_t)leny); /* no memset call for a short y */
    else if (yw == ys && incy == 1) {
        /* unit stride in place: nothing for beta = 1 (C += A x, the usual
         * accumulate), else loops the compiler vectorises.  The general
         * loop below took a 3 x 1000 float y += A^T x about 100 ns of its
         * 210 (Zen 5). */
        if (beta == 0)
            memset(yw, 0, (size_t)leny * sizeof(T));
        else if (beta != 1)
            for (ptrdiff_t i = 0; i < leny; i++)
                yw[i] *= beta;
    } else
        for (ptrdiff_t i = 0; i < leny; i++) {
            T v = ys[i * incy];
            yw[i * incw] = beta == 0 ? 0 : (beta == 1 ? v : beta * v);
        }
    if (!reads)
        return 0;
    const T *xw = x;
    if (copy_x) {
        const T *xs = LANES_VEC_START(x, lenx, incx);
        for (ptrdiff_t i = 0; i < lenx; i++)
            xb[i] = xs[i * incx];
        xw = xb;
    }

    const struct lanes_kernels *k = lanes_active_kernels();
    int use_n = (layout == LANES_COL_MAJOR) == !t;
    size_t rows = (size_t)(layout == LANES_COL_MAJOR ? m : n);
    size_t cols = (size_t)(layout == LANES_COL_MAJOR ? n : m);
    LANES_CAT(lanes_, X(gemv_fn)) *kern = use_n ? k->X(gemv_n) : k->X(gemv_t);
    /* (the integer test first: a small call pays no conversions; frame.h
     * checks that it stays below the threshold) */
    if ((rows < 512 && cols < 512) ||
        (double)rows * (double)cols * sizeof(T) < LANES_GEMV_THREAD_BYTES) {
        kern(rows, cols, alpha, a, (size_t)lda, xw, yw);
    } else {
        const struct X(gemv_job) job = {kern, use_n, rows, cols, (size_t)lda, alpha, a, xw, yw};
        X(gemv_large)(&job);
    }

    if (copy_y)
        for (ptrdiff_t i = 0; i < leny; i++)
            ys[i * incy] = yb[i];
    if (copy_x || copy_y)
        lanes_scratch_free(copy_x ? xb : yb);
    return 0;
}

#undef FN
#undef NAME
