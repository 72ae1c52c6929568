/* axpy and dot for one type; included by blas1.c with T (the element type)
 * and X(name) (the BLAS name: s##name or d##name) defined.
 *
 * ISA kernels only do unit stride.  Other strides run plain loops here,
 * four elements a step (four partial sums for dot), written once for every
 * ISA: a strided vector is read one element a load whatever the ISA, and
 * gathering both into a stack chunk for the kernel (and scattering y back)
 * tripled the loads and stores: Zen 5, against OpenBLAS, incx, incy = 2, 2
 * or 1, 2 or 1, -1: saxpy 0.38-0.60x, sdot 0.49-0.63x, daxpy 0.37-0.76x,
 * ddot 0.44-0.91x over 1K-1M elements. */

#define FN(name) LANES_CAT(lanes_, X(name))
#define NAME(name) "lanes_" LANES_STR(X(name))

static void X(axpy_strided)(const struct lanes_kernels *table, ptrdiff_t n, size_t whole,
                            T alpha, const T *x, ptrdiff_t incx, T *y, ptrdiff_t incy);
static T X(dot_strided)(const struct lanes_kernels *table, ptrdiff_t n, size_t whole,
                        const T *x, ptrdiff_t incx, const T *y, ptrdiff_t incy);

/* Long vectors (LANES_BLAS1_THREAD_MIN elements and more), strided too,
 * run on lanes' team in shares of whole cache lines' worth of elements:
 * axpy is elementwise, and dot sums fixed blocks, whose length depends on
 * n only, in block order, so either gives the same bits for any thread
 * count.  `axpy` and `dot` are the unit-stride kernels, NULL for strides
 * (incx and incy, y's nonzero), which run X(axpy_strided) and
 * X(dot_strided) on their piece. */
struct X(blas1_job) {
    LANES_CAT(lanes_, X(axpy_fn)) *axpy;
    LANES_CAT(lanes_, X(dot_fn)) *dot;
    const struct lanes_kernels *table;
    T alpha;
    const T *x;
    T *y;
    ptrdiff_t incx, incy;
    size_t n, block;
    T *part;
};

/* The lowest address of elements [lo, lo + len) of the n-element vector
 * whose lowest address is p: BLAS's element i is at p + i inc, or p + (n -
 * 1 - i) |inc| where inc < 0. */
static inline const T *X(piece)(const T *p, size_t n, ptrdiff_t inc, size_t lo, size_t len)
{
    return inc < 0 ? p + (ptrdiff_t)(n - lo - len) * -inc : p + (ptrdiff_t)lo * inc;
}

static void X(axpy_range)(size_t lo, size_t hi, void *ctx)
{
    const struct X(blas1_job) *j = ctx;
    const T *x = X(piece)(j->x, j->n, j->incx, lo, hi - lo);
    T *y = (T *)X(piece)(j->y, j->n, j->incy, lo, hi - lo);
    if (j->axpy)
        j->axpy(hi - lo, j->alpha, x, y);
    else
        X(axpy_strided)(j->table, (ptrdiff_t)(hi - lo), j->n, j->alpha, x, j->incx, y, j->incy);
}

static void X(dot_range)(size_t lo, size_t hi, void *ctx)
{
    const struct X(blas1_job) *j = ctx;
    for (size_t b = lo; b < hi; b++) {
        const size_t at = b * j->block, len = j->n - at < j->block ? j->n - at : j->block;
        const T *x = X(piece)(j->x, j->n, j->incx, at, len);
        const T *y = X(piece)(j->y, j->n, j->incy, at, len);
        j->part[b] = j->dot ? j->dot(len, x, y)
                            : X(dot_strided)(j->table, (ptrdiff_t)len, j->n, x, j->incx, y,
                                             j->incy);
    }
}

/* kern: the unit-stride kernel (incx = incy = 1), or NULL */
static __attribute__((noinline)) void X(axpy_long)(LANES_CAT(lanes_, X(axpy_fn)) * kern,
                                                   const struct lanes_kernels *table, size_t n,
                                                   T alpha, const T *x, ptrdiff_t incx, T *y,
                                                   ptrdiff_t incy)
{
    struct X(blas1_job) job = {kern, NULL, table, alpha, x, y, incx, incy, n, 0, NULL};
    lanes_parallel_range(n, n, 64 / sizeof(T), X(axpy_range), &job);
}

/* (out of line, as X(axpy_long): a short call keeps its small frame) */
static __attribute__((noinline)) T X(dot_long)(LANES_CAT(lanes_, X(dot_fn)) * kern,
                                              const struct lanes_kernels *table, size_t n,
                                              const T *x, ptrdiff_t incx, const T *y,
                                              ptrdiff_t incy)
{
    /* Blocks of at least twice what a kernel takes for a vector in L2
     * (kernels.h): a block is a piece of a vector that streams from L3 or
     * memory, and the kernel picks its loop by the length it is given.
     * With blocks of 32768 elements, x and y on different offsets in their
     * cache lines took the AVX-512 dot's in-L2 loop (Zen 5, 1 thread: sdot
     * 4M 0.57-0.71x OpenBLAS, ddot 1M-4M 0.90-0.92x). */
    enum { MAX_BLOCKS = 1024, MIN_BLOCK = 2 * LANES_L2_VECTOR_BYTES / sizeof(T) };
    T part[MAX_BLOCKS];
    size_t block = (n + MAX_BLOCKS - 1) / MAX_BLOCKS;
    block = block < MIN_BLOCK ? MIN_BLOCK : (block + 15) / 16 * 16;
    const size_t nb = (n + block - 1) / block;
    struct X(blas1_job) job = {NULL, kern, table, 0, x, (T *)y, incx, incy, n, block, part};
    lanes_parallel_range(nb, n, 1, X(dot_range), &job);
    T sum = 0;
    for (size_t b = 0; b < nb; b++)
        sum += part[b];
    return sum;
}

/* A process's first call resolves the kernel table here, then calls again.
 * Made inside FN(axpy) and FN(dot), that call had them keep their arguments
 * across it: a stack frame on every call (lanes_sdot: push, sub, add, pop). */
static __attribute__((noinline, cold)) int X(axpy_first)(ptrdiff_t n, T alpha, const T *x,
                                                       ptrdiff_t incx, T *y, ptrdiff_t incy)
{
    lanes_resolve_kernels();
    return FN(axpy)(n, alpha, x, incx, y, incy);
}

static __attribute__((noinline, cold)) T X(dot_first)(ptrdiff_t n, const T *x, ptrdiff_t incx,
                                                     const T *y, ptrdiff_t incy)
{
    lanes_resolve_kernels();
    return FN(dot)(n, x, incx, y, incy);
}

/* (the same for a NULL vector's report: a tail call, no frame) */
static __attribute__((noinline, cold)) T X(dot_null)(ptrdiff_t n, const T *x)
{
    if (!x)
        lanes_arg_error(NAME(dot), 2, "(x) is NULL with n = %td", n);
    else
        lanes_arg_error(NAME(dot), 4, "(y) is NULL with n = %td", n);
    return (T)NAN;
}

int FN(axpy)(ptrdiff_t n, T alpha, const T *x, ptrdiff_t incx, T *y, ptrdiff_t incy)
{
    /* Reference BLAS quick return: n <= 0 or alpha == 0 reads nothing. */
    if (n <= 0 || alpha == 0)
        return 0;
    if (!x)
        return lanes_arg_error(NAME(axpy), 3, "(x) is NULL with n = %td", n);
    if (!y)
        return lanes_arg_error(NAME(axpy), 5, "(y) is NULL with n = %td", n);
    const struct lanes_kernels *table = lanes_resolved_kernels();
    if (__builtin_expect(!table, 0))
        return X(axpy_first)(n, alpha, x, incx, y, incy);
    LANES_CAT(lanes_, X(axpy_fn)) *kern = table->X(axpy);
    if (__builtin_expect(incx == incy && (incx == 1 || incx == -1), 1)) {
        /* inc = -1 on both pairs the same storage elements as inc = 1 (BLAS
         * passes the lowest address either way).  Expected, so the unit
         * stride falls through to the kernel call with no taken branch
         * (short calls: see FN(dot)). */
        if (__builtin_expect(n >= LANES_BLAS1_THREAD_MIN, 0))
            X(axpy_long)(kern, table, (size_t)n, alpha, x, 1, y, 1);
        else
            kern((size_t)n, alpha, x, y);
        return 0;
    }
    if (n >= LANES_BLAS1_THREAD_MIN && incy != 0)
        X(axpy_long)(NULL, table, (size_t)n, alpha, x, incx, y, incy);
    else
        X(axpy_strided)(table, n, (size_t)n, alpha, x, incx, y, incy);
    return 0;
}

/* Out of line, so the unit-stride call above stays short (no stack frame
 * for the loop's registers). */
static __attribute__((noinline)) void X(axpy_strided)(const struct lanes_kernels *table,
                                                      ptrdiff_t n, size_t whole, T alpha,
                                                      const T *x, ptrdiff_t incx, T *y,
                                                      ptrdiff_t incy)
{
    if (incy == 0) {
        /* Every update lands on y[0]: keep the reference's sequential order. */
        const T *xs = LANES_VEC_START(x, n, incx);
        for (ptrdiff_t i = 0; i < n; i++)
            *y += alpha * xs[i * incx];
        return;
    }
    /* one stride on both: the ISA's vectors over the span, if it takes it
     * (either sign pairs the same elements) */
    if (incx == incy && table->X(axpy_inc) &&
        table->X(axpy_inc)((size_t)n, whole, (size_t)(incx < 0 ? -incx : incx), alpha, x, y))
        return;
    const T *xs = LANES_VEC_START(x, n, incx);
    T *ys = LANES_VEC_START(y, n, incy);
    ptrdiff_t i = 0;
    for (; i + 4 <= n; i += 4, xs += 4 * incx, ys += 4 * incy) {
        const T x0 = xs[0], x1 = xs[incx], x2 = xs[2 * incx], x3 = xs[3 * incx];
        ys[0] += alpha * x0;
        ys[incy] += alpha * x1;
        ys[2 * incy] += alpha * x2;
        ys[3 * incy] += alpha * x3;
    }
    for (; i < n; i++, xs += incx, ys += incy)
        *ys += alpha * *xs;
}

T FN(dot)(ptrdiff_t n, const T *x, ptrdiff_t incx, const T *y, ptrdiff_t incy)
{
    if (n <= 0)
        return 0;
    if (!x || !y)
        return X(dot_null)(n, x);
    const struct lanes_kernels *table = lanes_resolved_kernels();
    if (__builtin_expect(!table, 0))
        return X(dot_first)(n, x, incx, y, incy);
    LANES_CAT(lanes_, X(dot_fn)) *kern = table->X(dot);
    /* Unit stride expected: its path then takes no branch before the
     * kernel's, which a 4-element dot feels (with sdot16's layout, lanes_ab
     * against 3abf009: sdot 4 1.16x, ddot 4 1.11x, saxpy 4 1.26x). */
    if (__builtin_expect(incx == incy && (incx == 1 || incx == -1), 1))
        return __builtin_expect(n >= LANES_BLAS1_THREAD_MIN, 0)
                   ? X(dot_long)(kern, table, (size_t)n, x, 1, y, 1)
                   : kern((size_t)n, x, y);
    if (n >= LANES_BLAS1_THREAD_MIN)
        return X(dot_long)(NULL, table, (size_t)n, x, incx, y, incy);
    return X(dot_strided)(table, n, (size_t)n, x, incx, y, incy);
}

static __attribute__((noinline)) T X(dot_strided)(const struct lanes_kernels *table,
                                                   ptrdiff_t n, size_t whole, const T *x,
                                                   ptrdiff_t incx, const T *y, ptrdiff_t incy)
{
    T s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    /* as in X(axpy_strided) */
    if (incx == incy && incx != 0 && table->X(dot_inc) &&
        table->X(dot_inc)((size_t)n, whole, (size_t)(incx < 0 ? -incx : incx), x, y, &s0))
        return s0;
    const T *xs = LANES_VEC_START(x, n, incx);
    const T *ys = LANES_VEC_START(y, n, incy);
    ptrdiff_t i = 0;
    for (; i + 4 <= n; i += 4, xs += 4 * incx, ys += 4 * incy) {
        s0 += xs[0] * ys[0];
        s1 += xs[incx] * ys[incy];
        s2 += xs[2 * incx] * ys[2 * incy];
        s3 += xs[3 * incx] * ys[3 * incy];
    }
    for (; i < n; i++, xs += incx, ys += incy)
        s0 += *xs * *ys;
    return (s0 + s1) + (s2 + s3);
}

#undef FN
#undef NAME
