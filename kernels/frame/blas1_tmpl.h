/* axpy and dot for one type; included by blas1.c with T (the element type)
 * and X(name) (the BLAS name: s##name or d##name) defined.
 *
 * ISA kernels only do unit stride.  Other strides are gathered into a
 * stack chunk, run through the same kernel, and scattered back: the strided
 * case is vectorized too, and written once for every ISA. */

#define FN(name) LANES_CAT(lanes_, X(name))
#define NAME(name) "lanes_" LANES_STR(X(name))
#define CHUNK 256

static void X(axpy_strided)(LANES_CAT(lanes_, X(axpy_fn)) * kern, ptrdiff_t n, T alpha,
                            const T *x, ptrdiff_t incx, T *y, ptrdiff_t incy);
static T X(dot_strided)(LANES_CAT(lanes_, X(dot_fn)) * kern, ptrdiff_t n, const T *x,
                        ptrdiff_t incx, const T *y, ptrdiff_t incy);

int FN(axpy)(ptrdiff_t n, T alpha, const T *x, ptrdiff_t incx, T *y, ptrdiff_t incy)
{
    /* Reference BLAS quick return: n <= 0 or alpha == 0 reads nothing. */
    if (n <= 0 || alpha == 0)
        return 0;
    if (!x)
        return lanes_arg_error(NAME(axpy), 3, "(x) is NULL with n = %td", n);
    if (!y)
        return lanes_arg_error(NAME(axpy), 5, "(y) is NULL with n = %td", n);
    LANES_CAT(lanes_, X(axpy_fn)) *kern = lanes_active_kernels()->X(axpy);
    if (incx == incy && (incx == 1 || incx == -1)) {
        /* inc = -1 on both pairs the same storage elements as inc = 1 (BLAS
         * passes the lowest address either way). */
        kern((size_t)n, alpha, x, y);
        return 0;
    }
    X(axpy_strided)(kern, n, alpha, x, incx, y, incy);
    return 0;
}

/* Out of line, so the unit-stride call above stays short (no stack frame
 * for the chunk buffers). */
static __attribute__((noinline)) void X(axpy_strided)(LANES_CAT(lanes_, X(axpy_fn)) * kern,
                                                      ptrdiff_t n, T alpha, const T *x,
                                                      ptrdiff_t incx, T *y, ptrdiff_t incy)
{
    const T *xs = LANES_VEC_START(x, n, incx);
    if (incy == 0) {
        /* Every update lands on y[0]: keep the reference's sequential order. */
        for (ptrdiff_t i = 0; i < n; i++)
            *y += alpha * xs[i * incx];
        return;
    }
    T *ys = LANES_VEC_START(y, n, incy);
    T xb[CHUNK], yb[CHUNK];
    for (ptrdiff_t i0 = 0; i0 < n; i0 += CHUNK) {
        ptrdiff_t len = n - i0 < CHUNK ? n - i0 : CHUNK;
        for (ptrdiff_t j = 0; j < len; j++) {
            xb[j] = xs[(i0 + j) * incx];
            yb[j] = ys[(i0 + j) * incy];
        }
        kern((size_t)len, alpha, xb, yb);
        for (ptrdiff_t j = 0; j < len; j++)
            ys[(i0 + j) * incy] = yb[j];
    }
}

T FN(dot)(ptrdiff_t n, const T *x, ptrdiff_t incx, const T *y, ptrdiff_t incy)
{
    if (n <= 0)
        return 0;
    if (!x) {
        lanes_arg_error(NAME(dot), 2, "(x) is NULL with n = %td", n);
        return (T)NAN;
    }
    if (!y) {
        lanes_arg_error(NAME(dot), 4, "(y) is NULL with n = %td", n);
        return (T)NAN;
    }
    LANES_CAT(lanes_, X(dot_fn)) *kern = lanes_active_kernels()->X(dot);
    if (incx == incy && (incx == 1 || incx == -1))
        return kern((size_t)n, x, y);
    return X(dot_strided)(kern, n, x, incx, y, incy);
}

static __attribute__((noinline)) T X(dot_strided)(LANES_CAT(lanes_, X(dot_fn)) * kern, ptrdiff_t n,
                                                   const T *x, ptrdiff_t incx, const T *y,
                                                   ptrdiff_t incy)
{
    const T *xs = LANES_VEC_START(x, n, incx);
    const T *ys = LANES_VEC_START(y, n, incy);
    T xb[CHUNK], yb[CHUNK];
    T sum = 0;
    for (ptrdiff_t i0 = 0; i0 < n; i0 += CHUNK) {
        ptrdiff_t len = n - i0 < CHUNK ? n - i0 : CHUNK;
        for (ptrdiff_t j = 0; j < len; j++) {
            xb[j] = xs[(i0 + j) * incx];
            yb[j] = ys[(i0 + j) * incy];
        }
        sum += kern((size_t)len, xb, yb);
    }
    return sum;
}

#undef FN
#undef NAME
#undef CHUNK
