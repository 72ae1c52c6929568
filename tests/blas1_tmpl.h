/* axpy/dot checks for one type: T, X(name) (s##name / d##name), EPS. */

#define FN(name) LANES_CAT(lanes_, X(name))

#define GUARD 16

/* x and y start offx and offy elements past a 64-byte boundary. */
static void X(check_axpy2)(ptrdiff_t n, T alpha, ptrdiff_t incx, ptrdiff_t incy, size_t offx,
                           size_t offy, uint64_t *seed)
{
    size_t lx = X(span)(n, incx), ly = X(span)(n, incy);
    T *x = lanes_test_alloc((lx + GUARD) * sizeof(T), offx * sizeof(T));
    T *y = lanes_test_alloc((ly + GUARD) * sizeof(T), offy * sizeof(T));
    T *y0 = malloc((ly + GUARD) * sizeof(T));
    for (size_t i = 0; i < lx + GUARD; i++)
        x[i] = alpha == 0 ? (T)NAN : (T)lanes_rng_unit(seed); /* alpha = 0 must not read x */
    for (size_t i = 0; i < ly + GUARD; i++)
        y0[i] = y[i] = (T)lanes_rng_unit(seed);
    cr_assert_eq(FN(axpy)(n, alpha, x, incx, y, incy), 0);
    for (ptrdiff_t i = 0; i < n && alpha != 0; i++) {
        size_t iy = X(at)(n, incy, i), ix = X(at)(n, incx, i);
        double ref = (double)y0[iy] + (double)alpha * (double)x[ix];
        double tol = 2 * EPS * (fabs((double)y0[iy]) + fabs((double)alpha * (double)x[ix]));
        cr_assert(fabs((double)y[iy] - ref) <= tol,
                  "%s axpy n=%td incx=%td incy=%td i=%td: got %.9g want %.9g", LANES_STR(X()), n,
                  incx, incy, i, (double)y[iy], ref);
        y0[iy] = y[iy]; /* checked; what remains must be untouched */
    }
    cr_assert_arr_eq(y, y0, (ly + GUARD) * sizeof(T), "axpy wrote outside its elements (n=%td)",
                     n);
    lanes_test_free(x, offx * sizeof(T));
    lanes_test_free(y, offy * sizeof(T));
    free(y0);
}

static void X(check_axpy)(ptrdiff_t n, T alpha, ptrdiff_t incx, ptrdiff_t incy, size_t off,
                          uint64_t *seed)
{
    X(check_axpy2)(n, alpha, incx, incy, off, off, seed);
}

static void X(check_dot2)(ptrdiff_t n, ptrdiff_t incx, ptrdiff_t incy, size_t offx, size_t offy,
                          int exact, uint64_t *seed)
{
    size_t lx = X(span)(n, incx), ly = X(span)(n, incy);
    T *x = lanes_test_alloc((lx + 1) * sizeof(T), offx * sizeof(T));
    T *y = lanes_test_alloc((ly + 1) * sizeof(T), offy * sizeof(T));
    for (size_t i = 0; i < lx + 1; i++)
        x[i] = exact ? (T)lanes_rng_int(seed, 8) : (T)lanes_rng_unit(seed);
    for (size_t i = 0; i < ly + 1; i++)
        y[i] = exact ? (T)lanes_rng_int(seed, 8) : (T)lanes_rng_unit(seed);
    double ref = 0, mag = 0;
    for (ptrdiff_t i = 0; i < n; i++) {
        double p = (double)x[X(at)(n, incx, i)] * (double)y[X(at)(n, incy, i)];
        ref += p;
        mag += fabs(p);
    }
    T got = FN(dot)(n, x, incx, y, incy);
    /* Integer data: every partial sum is exact, so any lost or repeated
     * element shows.  Real data: the standard n*eps bound. */
    double tol = exact ? 0 : (double)(n + 2) * EPS * mag;
    cr_assert(fabs((double)got - ref) <= tol,
              "%s dot n=%td incx=%td incy=%td exact=%d: got %.17g want %.17g",
              LANES_STR(X()), n, incx, incy, exact, (double)got, ref);
    lanes_test_free(x, offx * sizeof(T));
    lanes_test_free(y, offy * sizeof(T));
}

static void X(check_dot)(ptrdiff_t n, ptrdiff_t incx, ptrdiff_t incy, size_t off, int exact,
                         uint64_t *seed)
{
    X(check_dot2)(n, incx, incy, off, off, exact, seed);
}

/* x and y against inaccessible pages at either edge: nothing outside
 * [0, n) may be read or written, and the results must not depend on where
 * the vectors sit (the kernels leave masked tails only where a window
 * crosses a page). */
static void X(guard_sweep)(void)
{
    enum { MAXN = 70 };
    for (ptrdiff_t n = 1; n <= MAXN; n++) {
        T got[2], ys[2][MAXN];
        for (int at_end = 0; at_end < 2; at_end++) {
            uint64_t seed = 41 + (uint64_t)n;
            struct lanes_guarded gx = lanes_guarded_alloc((size_t)n * sizeof(T), at_end),
                                 gy = lanes_guarded_alloc((size_t)n * sizeof(T), at_end);
            T *x = gx.p, *y = gy.p;
            double ref = 0, mag = 0;
            for (ptrdiff_t i = 0; i < n; i++) {
                x[i] = (T)lanes_rng_unit(&seed);
                y[i] = (T)lanes_rng_unit(&seed);
                ref += (double)x[i] * (double)y[i];
                mag += fabs((double)x[i] * (double)y[i]);
            }
            got[at_end] = FN(dot)(n, x, 1, y, 1);
            cr_assert(fabs((double)got[at_end] - ref) <= (double)(n + 2) * EPS * mag,
                      "%s dot n=%td at a page %s", LANES_STR(X()), n, at_end ? "end" : "start");
            for (ptrdiff_t i = 0; i < n; i++)
                ys[at_end][i] = y[i];
            cr_assert_eq(FN(axpy)(n, (T)0.75, x, 1, y, 1), 0);
            for (ptrdiff_t i = 0; i < n; i++) {
                double want = (double)ys[at_end][i] + 0.75 * (double)x[i];
                cr_assert(fabs((double)y[i] - want) <= 2 * EPS * (fabs(want) + 1),
                          "%s axpy n=%td i=%td", LANES_STR(X()), n, i);
                ys[at_end][i] = y[i];
            }
            lanes_guarded_free(gx);
            lanes_guarded_free(gy);
        }
        cr_assert(memcmp(&got[0], &got[1], sizeof(T)) == 0,
                  "%s dot n=%td: %.17g at a page start, %.17g at its end", LANES_STR(X()), n,
                  (double)got[0], (double)got[1]);
        cr_assert_arr_eq(ys[0], ys[1], (size_t)n * sizeof(T), "%s axpy n=%td: placement",
                         LANES_STR(X()), n);
    }
}

/* x and y on different offsets in their cache lines (the AVX-512 dot has a
 * path for that in L2), through each size band of the AVX-512 kernels
 * (L1: up to 24 KiB a vector, L2: up to 256 KiB, then streaming) with
 * every tail length at the band edges, streaming both 256 and 512 bits wide
 * (lanes_stream_wide: chosen per CPU, so each path is tested on any). */
static const size_t X(offs)[][2] = {{0, 0}, {0, 5}, {3, 0}, {7, 2}, {1, 15}};
static const ptrdiff_t X(bands)[] = {24 * 1024 / sizeof(T), 256 * 1024 / sizeof(T)};

static void X(offsets_sweep)(int dot)
{
    uint64_t seed = 0x9abc;
    const int wide = lanes_stream_wide;
    for (int b = 0; b < 4; b++) {
        lanes_stream_wide = b / 2;
        for (ptrdiff_t d = -17; d <= 17; d += 2)
            for (size_t o = 0; o < sizeof X(offs) / sizeof X(offs)[0]; o++) {
                ptrdiff_t n = X(bands)[b % 2] + d;
                if (dot)
                    X(check_dot2)(n, 1, 1, X(offs)[o][0], X(offs)[o][1], (int)(o % 2), &seed);
                else
                    X(check_axpy2)(n, (T)0.25, 1, 1, X(offs)[o][0], X(offs)[o][1], &seed);
            }
    }
    lanes_stream_wide = wide;
}

static const ptrdiff_t X(incs)[] = {1, 3, -1, -2};

static void X(axpy_sweep)(void)
{
    uint64_t seed = 0x1234;
    const T alphas[] = {1, (T)-0.5, (T)2.5, 0};
    /* both settings of lanes_stream_wide: on Intel the AVX-512 kernel takes
     * short vectors 512 bits wide, elsewhere 256 */
    const int wide = lanes_stream_wide;
    for (int w = 0; w < 2; w++) {
        lanes_stream_wide = w;
        for (ptrdiff_t n = 0; n <= 130; n++)
            for (int a = 0; a < 4; a++)
                for (int ix = 0; ix < 4; ix++)
                    for (int iy = 0; iy < 4; iy++)
                        X(check_axpy)(n, alphas[a], X(incs)[ix], X(incs)[iy],
                                      (size_t)(n + ix) % 2, &seed);
    }
    lanes_stream_wide = wide;
    for (int ix = 0; ix < 4; ix++)
        X(check_axpy)(100003, (T)-0.5, X(incs)[ix], X(incs)[3 - ix], 1, &seed);
    /* unit stride through the AVX-512 kernel's width bands (1 KiB to 256
     * KiB of y at 512 bits): every tail inside, and each band edge */
    for (ptrdiff_t n = 1000; n < 1064; n++)
        X(check_axpy)(n, (T)0.75, 1, 1, (size_t)n % 2, &seed);
    const ptrdiff_t edges[] = {1024 / sizeof(T), LANES_L2_VECTOR_BYTES / sizeof(T)};
    for (int e = 0; e < 2; e++)
        for (ptrdiff_t d = -1; d <= 1; d++)
            X(check_axpy)(edges[e] + d, (T)-1.5, 1, 1, (size_t)(e + d + 1) % 2, &seed);
}

static void X(dot_sweep)(void)
{
    uint64_t seed = 0x5678;
    for (ptrdiff_t n = 0; n <= 130; n++)
        for (int ix = 0; ix < 4; ix++)
            for (int iy = 0; iy < 4; iy++)
                for (int exact = 0; exact < 2; exact++)
                    X(check_dot)(n, X(incs)[ix], X(incs)[iy], (size_t)(n + iy) % 2, exact, &seed);
    for (int ix = 0; ix < 4; ix++) {
        X(check_dot)(100003, X(incs)[ix], X(incs)[3 - ix], 1, 1, &seed);
        X(check_dot)(100003, X(incs)[ix], X(incs)[ix], 0, 0, &seed);
    }
    /* unit stride through the AVX-512 kernel's width bands (as in axpy) */
    for (ptrdiff_t n = 1000; n < 1064; n++)
        X(check_dot)(n, 1, 1, (size_t)n % 2, (int)(n % 2), &seed);
    const ptrdiff_t edges[] = {1024 / sizeof(T), LANES_L2_VECTOR_BYTES / sizeof(T)};
    for (int e = 0; e < 2; e++)
        for (ptrdiff_t d = -1; d <= 1; d++)
            X(check_dot)(edges[e] + d, 1, 1, (size_t)(e + d + 1) % 2, e, &seed);
}

/* One stride for x and y, 2 to 9 either sign (the AVX-512 kernels take 2
 * to W / 2 with whole vectors of the span and a mask a stride's phase in
 * the vector): every length to several vectors past each period of masks,
 * the gap elements untouched (check_axpy2), the span's last element at a
 * page's end and its first at a page's start (nothing outside it read),
 * and each side of the kernels' span limit (avx512.h). */
static void X(inc_sweep)(void)
{
    uint64_t seed = 0x4321;
    for (ptrdiff_t inc = 2; inc <= 9; inc++)
        for (int sign = 1; sign >= -1; sign -= 2)
            for (ptrdiff_t n = 0; n <= 150; n += n < 70 ? 1 : 7) {
                X(check_axpy)(n, (T)-0.75, sign * inc, sign * inc, (size_t)n % 3, &seed);
                X(check_dot)(n, sign * inc, sign * inc, (size_t)n % 3, (int)(n % 2), &seed);
            }
    for (ptrdiff_t inc = 2; inc <= 5; inc++)
        for (ptrdiff_t n = 1; n <= 80; n++)
            for (int at_end = 0; at_end < 2; at_end++) {
                const size_t span = (size_t)(n - 1) * (size_t)inc + 1;
                struct lanes_guarded gx = lanes_guarded_alloc(span * sizeof(T), at_end),
                                     gy = lanes_guarded_alloc(span * sizeof(T), at_end);
                T *x = gx.p, *y = gy.p;
                double ref = 0, mag = 0;
                for (size_t i = 0; i < span; i++) {
                    x[i] = (T)lanes_rng_unit(&seed);
                    y[i] = (T)lanes_rng_unit(&seed);
                }
                for (size_t i = 0; i < span; i += (size_t)inc) {
                    ref += (double)x[i] * (double)y[i];
                    mag += fabs((double)x[i] * (double)y[i]);
                }
                const T got = FN(dot)(n, x, inc, y, inc);
                cr_assert(fabs((double)got - ref) <= (double)(n + 2) * EPS * mag,
                          "%s dot n=%td inc=%td at a page %s: got %.17g want %.17g",
                          LANES_STR(X()), n, inc, at_end ? "end" : "start", (double)got, ref);
                cr_assert_eq(FN(axpy)(n, (T)0.5, x, -inc, y, -inc), 0);
                lanes_guarded_free(gx);
                lanes_guarded_free(gy);
            }
    for (ptrdiff_t inc = 2; inc <= 3; inc++) {
        const ptrdiff_t edge = (ptrdiff_t)(((size_t)4 << 20) / sizeof(T)) / inc;
        for (ptrdiff_t d = -1; d <= 1; d++) {
            X(check_axpy)(edge + d, (T)1.25, inc, inc, (size_t)(d + 1), &seed);
            X(check_dot)(edge + d, -inc, -inc, (size_t)(d + 1), (int)(d + 1) % 2, &seed);
        }
    }
}

/* Long vectors on threads (LANES_BLAS1_THREAD_MIN and more): correct, and
 * the same bits for 1, 2 and 3 threads (dot sums blocks whose length
 * depends on n only); partial last shares and blocks. */
/* dot and axpy of one n-element x and y (strides incx, incy) on 1, 2 and 3
 * threads: the same bits each time.  One x and one y for every thread
 * count: the kernels' paths (and so the last bits of a dot) depend on
 * where x and y sit. */
static void X(check_threads_same)(ptrdiff_t n, ptrdiff_t incx, ptrdiff_t incy, uint64_t *seed)
{
    const size_t lx = X(span)(n, incx), ly = X(span)(n, incy);
    T *x = malloc(lx * sizeof(T)), *y0 = malloc(ly * sizeof(T)), *y[3];
    cr_assert(x && y0);
    for (size_t k = 0; k < lx; k++)
        x[k] = (T)lanes_rng_unit(seed);
    for (size_t k = 0; k < ly; k++)
        y0[k] = (T)lanes_rng_unit(seed);
    T dots[3];
    for (int th = 0; th < 3; th++) {
        y[th] = malloc(ly * sizeof(T));
        cr_assert(y[th]);
        memcpy(y[th], y0, ly * sizeof(T));
        lanes_set_num_threads(th + 1);
        dots[th] = FN(dot)(n, x, incx, y[th], incy);
        cr_assert_eq(FN(axpy)(n, (T)-0.75, x, incx, y[th], incy), 0);
    }
    lanes_set_num_threads(0);
    cr_assert(memcmp(&dots[0], &dots[1], sizeof(T)) == 0 &&
                  memcmp(&dots[0], &dots[2], sizeof(T)) == 0,
              "%sdot n=%td incx=%td incy=%td: 1, 2, 3 threads give %.17g %.17g %.17g",
              LANES_STR(X()), n, incx, incy, (double)dots[0], (double)dots[1], (double)dots[2]);
    for (int th = 1; th < 3; th++)
        cr_assert_arr_eq(y[0], y[th], ly * sizeof(T),
                         "%saxpy n=%td incx=%td incy=%td: 1 vs %d threads", LANES_STR(X()), n,
                         incx, incy, th + 1);
    for (int th = 0; th < 3; th++)
        free(y[th]);
    free(x);
    free(y0);
}

static void X(threads_sweep)(void)
{
    uint64_t seed = 0x9abc;
    const ptrdiff_t ns[] = {LANES_BLAS1_THREAD_MIN, LANES_BLAS1_THREAD_MIN + 13,
                            3 * LANES_BLAS1_THREAD_MIN + 5};
    for (int i = 0; i < 3; i++) {
        const ptrdiff_t n = ns[i];
        X(check_threads_same)(n, 1, 1, &seed);
        lanes_set_num_threads(2);
        X(check_axpy)(n, (T)0.5, 1, 1, (size_t)i % 2, &seed);
        X(check_axpy)(n, (T)0.5, -1, -1, 1, &seed);
        X(check_dot)(n, 1, 1, (size_t)i % 2, i < 2, &seed); /* integer data: exact */
        X(check_dot)(n, -1, -1, 0, 0, &seed);
        lanes_set_num_threads(0);
    }
    /* strided: each thread's piece of a negative stride, the same bits */
    const ptrdiff_t incs[][2] = {{2, 2}, {-3, -3}, {3, -1}, {0, 2}};
    for (int c = 0; c < 4; c++) {
        const ptrdiff_t n = LANES_BLAS1_THREAD_MIN + 7, incx = incs[c][0], incy = incs[c][1];
        X(check_threads_same)(n, incx, incy, &seed);
        lanes_set_num_threads(2);
        X(check_axpy)(n, (T)0.5, incx, incy, 1, &seed);
        X(check_dot)(n, incx, incy, 0, 1, &seed);
        lanes_set_num_threads(0);
    }
}

#undef FN
#undef GUARD
