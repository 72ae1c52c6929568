/* One type's comparison with OpenBLAS (test_cblas.c): TYPE, P(name), EPS.
 * Both results approximate the same exact value, so they must agree within
 * twice the standard error bound. */

#define CAT3_(a, b, c) a##b##c
#define CAT3(a, b, c) CAT3_(a, b, c)
#define SYM(name) CAT3(cblas_, P(name), )

typedef void (*P(axpy_t))(int, TYPE, const TYPE *, int, TYPE *, int);
typedef TYPE (*P(dot_t))(int, const TYPE *, int, const TYPE *, int);
typedef void (*P(gemv_t))(int, int, int, int, TYPE, const TYPE *, int, const TYPE *, int, TYPE,
                          TYPE *, int);
typedef void (*P(gemm_t))(int, int, int, int, int, int, TYPE, const TYPE *, int, const TYPE *, int,
                          TYPE, TYPE *, int);

static void P(close)(const TYPE *got, const TYPE *want, size_t n, double bound, const char *what)
{
    for (size_t i = 0; i < n; i++)
        cr_assert(fabs((double)got[i] - (double)want[i]) <= bound * (1 + fabs((double)want[i])),
                  "%s: [%zu] lanes %.17g openblas %.17g", what, i, (double)got[i],
                  (double)want[i]);
}

static void P(sweep)(void)
{
    void *h = openblas();
    P(axpy_t) ob_axpy = (P(axpy_t))dlsym(h, "cblas_" LANES_TSTR(P(axpy)));
    P(dot_t) ob_dot = (P(dot_t))dlsym(h, "cblas_" LANES_TSTR(P(dot)));
    P(gemv_t) ob_gemv = (P(gemv_t))dlsym(h, "cblas_" LANES_TSTR(P(gemv)));
    P(gemm_t) ob_gemm = (P(gemm_t))dlsym(h, "cblas_" LANES_TSTR(P(gemm)));
    cr_assert(ob_axpy && ob_dot && ob_gemv && ob_gemm);
    enum { MAXN = 50, BUF = 8192 };
    static TYPE a[BUF], b[BUF], c1[BUF], c2[BUF];
    const int incs[] = {1, 2, -1, -3};
    const TYPE scal[] = {0, 1, (TYPE)-0.5};
    int checked = 0;

    /* level 1 */
    for (int n = 0; n <= MAXN; n += 7)
        for (int ix = 0; ix < 4; ix++)
            for (int iy = 0; iy < 4; iy++) {
                for (int i = 0; i < BUF; i++)
                    a[i] = (TYPE)rnd(), c1[i] = c2[i] = (TYPE)rnd();
                TYPE alpha = (TYPE)(1.5 - ix);
                SYM(axpy)(n, alpha, a, incs[ix], c1, incs[iy]);
                ob_axpy(n, alpha, a, incs[ix], c2, incs[iy]);
                P(close)(c1, c2, 4 * MAXN, 4 * EPS, "axpy");
                TYPE d1 = SYM(dot)(n, a, incs[ix], c1, incs[iy]);
                TYPE d2 = ob_dot(n, a, incs[ix], c1, incs[iy]);
                P(close)(&d1, &d2, 1, (n + 2) * EPS, "dot");
                checked += 2;
            }

    /* gemv: both layouts, all transposes, strides, alpha and beta */
    for (int lay = 101; lay <= 102; lay++)
        for (int t = 111; t <= 113; t++)
            for (int m = 0; m <= 23; m += 11)
                for (int n = 1; n <= 20; n += 9)
                    for (int s = 0; s < 3; s++) {
                        int lda = (lay == 102 ? m : n) + 2, incx = incs[s + 1], incy = incs[3 - s];
                        for (int i = 0; i < BUF; i++)
                            a[i] = (TYPE)rnd(), b[i] = (TYPE)rnd(), c1[i] = c2[i] = (TYPE)rnd();
                        TYPE alpha = scal[s], beta = scal[(s + t) % 3];
                        SYM(gemv)(lay, t, m, n, alpha, a, lda, b, incx, beta, c1, incy);
                        ob_gemv(lay, t, m, n, alpha, a, lda, b, incx, beta, c2, incy);
                        P(close)(c1, c2, 4 * MAXN, (m + n + 2) * 2 * EPS, "gemv");
                        checked++;
                    }

    /* gemm: both layouts, all transpose pairs, odd sizes, alpha and beta */
    for (int lay = 101; lay <= 102; lay++)
        for (int ta = 111; ta <= 113; ta++)
            for (int tb = 111; tb <= 113; tb++)
                for (int sz = 0; sz < 4; sz++) {
                    int m = 1 + 13 * sz % 30, n = 1 + 7 * sz, k = sz == 3 ? 0 : 2 + 11 * sz;
                    int ar = (ta == 111) == (lay == 102) ? m : k, br = (tb == 111) == (lay == 102) ? k : n;
                    int lda = (ar > 0 ? ar : 1) + 1, ldb = (br > 0 ? br : 1) + 2;
                    int ldc = (lay == 102 ? m : n) + 1;
                    for (int i = 0; i < BUF; i++)
                        a[i] = (TYPE)rnd(), b[i] = (TYPE)rnd(), c1[i] = c2[i] = (TYPE)rnd();
                    TYPE alpha = scal[(ta + sz) % 3], beta = scal[(tb + sz) % 3];
                    SYM(gemm)(lay, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c1, ldc);
                    ob_gemm(lay, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c2, ldc);
                    P(close)(c1, c2, (size_t)ldc * 40, (k + 2) * 2 * EPS, "gemm");
                    checked++;
                }
    fprintf(stderr, "cblas %s: %d calls agree with OpenBLAS\n", LANES_TSTR(P()), checked);
}

#undef CAT3_
#undef CAT3
#undef SYM
