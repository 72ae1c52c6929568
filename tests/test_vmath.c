/* exp, sigmoid and softmax, every ISA, against double-precision libm. */
#include "common.h"

static double ref_exp(float x)
{
    return exp((double)x);
}

static double ref_sigmoid(float x)
{
    double e = exp(-fabs((double)x));
    return x < 0 ? e / (1 + e) : 1 / (1 + e);
}

typedef void vfn(size_t, const float *, float *);

struct sweep {
    double max_ulp;
    float worst;
    size_t count;
};

static void check_block(vfn *f, double (*ref)(float), const float *x, size_t n, struct sweep *s)
{
    float y[4096];
    f(n, x, y);
    for (size_t i = 0; i < n; i++) {
        double e = lanes_ulp_error(y[i], ref(x[i]));
        if (e > s->max_ulp || (isnan(e) && !isnan(s->max_ulp))) {
            s->max_ulp = e;
            s->worst = x[i];
        }
    }
    s->count += n;
}

static float from_bits(uint32_t b)
{
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}

/* Every 429th bit pattern (10,011,601 inputs over the whole float range,
 * NaNs and subnormals included), then every float in [lo, hi]. */
static struct sweep sweep(vfn *f, double (*ref)(float), const float *dense_lo,
                          const float *dense_hi, int ndense)
{
    struct sweep s = {0, 0, 0};
    float x[4096];
    size_t n = 0;
    for (uint64_t b = 0; b <= UINT32_MAX; b += 429) {
        x[n++] = from_bits((uint32_t)b);
        if (n == 4096) {
            check_block(f, ref, x, n, &s);
            n = 0;
        }
    }
    for (int d = 0; d < ndense; d++)
        for (float v = dense_lo[d]; v <= dense_hi[d]; v = nextafterf(v, INFINITY)) {
            x[n++] = v;
            if (n == 4096) {
                check_block(f, ref, x, n, &s);
                n = 0;
            }
        }
    check_block(f, ref, x, n, &s);
    return s;
}

/* Special inputs and their exact outputs. */
static void check_specials(vfn *f, const float *x, const float *want, size_t n, const char *what)
{
    float y[64];
    f(n, x, y);
    for (size_t i = 0; i < n; i++) {
        int ok = isnan(want[i]) ? isnan(y[i])
                                : (y[i] == want[i] && signbit(y[i]) == signbit(want[i]));
        cr_expect(ok, "%s(%a) = %a, want %a", what, (double)x[i], (double)y[i], (double)want[i]);
    }
}

/* Results for every length 0..49 and misalignment, in place and not, must
 * stay within the bound and not write past n. */
static void check_tails(vfn *f, double (*ref)(float), double bound)
{
    uint64_t seed = 3;
    for (size_t n = 0; n <= 49; n++)
        for (size_t off = 0; off < 3; off++) {
            float *x = lanes_test_alloc((n + 8) * sizeof(float), off * sizeof(float));
            float *y = lanes_test_alloc((n + 8) * sizeof(float), off * sizeof(float));
            for (size_t i = 0; i < n + 8; i++) {
                x[i] = (float)(lanes_rng_unit(&seed) * 100);
                y[i] = 1234.5f;
            }
            int inplace = off == 2;
            float *out = inplace ? x : y;
            float keep[49];
            memcpy(keep, x, n * sizeof(float));
            f(n, x, out);
            for (size_t i = 0; i < n; i++)
                cr_assert(lanes_ulp_error(out[i], ref(keep[i])) <= bound,
                          "n=%zu off=%zu inplace=%d i=%zu: f(%a) = %a", n, off, inplace, i,
                          (double)keep[i], (double)out[i]);
            for (size_t i = n; i < n + 8; i++)
                cr_assert(inplace ? 1 : y[i] == 1234.5f, "wrote past n=%zu", n);
            lanes_test_free(x, off * sizeof(float));
            lanes_test_free(y, off * sizeof(float));
        }
}

ISA_TEST(vmath, expf)
{
    /* every float whose exp is subnormal, and the overflow threshold */
    const float lo[] = {-104.0f, 88.0f}, hi[] = {-87.0f, 89.0f};
    struct sweep s = sweep(lanes_expf, ref_exp, lo, hi, 2);
    fprintf(stderr, "expf %s: max error %.3f ULP at x = %a over %zu inputs\n", isa, s.max_ulp,
            (double)s.worst, s.count);
    cr_assert(s.max_ulp <= 1.0, "expf %s: %.3f ULP at %a", isa, s.max_ulp, (double)s.worst);

    const float x[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, 0x1.62e42ep+6f,
                       0x1.62e430p+6f, 1000.0f, FLT_MAX, -0x1.9fe368p+6f, -0x1.9fe36ap+6f,
                       -1000.0f, -FLT_MAX, FLT_TRUE_MIN, -FLT_TRUE_MIN};
    const float want[] = {1.0f, 1.0f, INFINITY, 0.0f, NAN, NAN, 0x1.ffff08p+127f, INFINITY,
                          INFINITY, INFINITY, 0x1p-149f, 0.0f, 0.0f, 0.0f, 1.0f, 1.0f};
    cr_assert(fabs(exp((double)0x1.62e42ep+6f) - (double)0x1.ffff08p+127f) <= 0x1p104,
              "table check");
    check_specials(lanes_expf, x, want, sizeof x / sizeof x[0], "expf");
    check_tails(lanes_expf, ref_exp, 1.0);
}

ISA_TEST(vmath, sigmoidf)
{
    const float lo[] = {-104.0f, 15.0f}, hi[] = {-87.0f, 17.0f};
    struct sweep s = sweep(lanes_sigmoidf, ref_sigmoid, lo, hi, 2);
    fprintf(stderr, "sigmoidf %s: max error %.3f ULP at x = %a over %zu inputs\n", isa,
            s.max_ulp, (double)s.worst, s.count);
    cr_assert(s.max_ulp <= 3.0, "sigmoidf %s: %.3f ULP at %a", isa, s.max_ulp, (double)s.worst);

    const float x[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, 100.0f, -200.0f, -0x1.9fe36ap+6f};
    const float want[] = {0.5f, 0.5f, 1.0f, 0.0f, NAN, 1.0f, 0.0f, 0.0f};
    check_specials(lanes_sigmoidf, x, want, sizeof x / sizeof x[0], "sigmoidf");
    check_tails(lanes_sigmoidf, ref_sigmoid, 3.0);
}

/* softmax of one row against double precision.  The error of exp(d) with
 * d = x - max rounded to float grows with |d|; the sum adds ~cols*eps. */
static void check_softmax_rows(size_t rows, size_t cols, const float *x, const float *y)
{
    for (size_t r = 0; r < rows; r++) {
        const float *xr = x + r * cols, *yr = y + r * cols;
        double m = -INFINITY, s = 0, total = 0;
        for (size_t j = 0; j < cols; j++)
            m = xr[j] > m ? xr[j] : m;
        for (size_t j = 0; j < cols; j++)
            s += exp((double)xr[j] - m);
        for (size_t j = 0; j < cols; j++) {
            double d = (double)xr[j] - m;
            double ref = exp(d) / s;
            double tol = ref * 0x1p-23 * (8 + fabs(d) + (double)cols / 8) + 0x1p-149;
            cr_assert(fabs((double)yr[j] - ref) <= tol, "softmax %zux%zu y[%zu][%zu] = %a want %a",
                      rows, cols, r, j, (double)yr[j], ref);
            total += yr[j];
        }
        cr_assert(fabs(total - 1) <= 1e-5 + (double)cols * 0x1p-24, "row %zu sums to %.9f", r,
                  total);
    }
}

ISA_TEST(vmath, softmaxf)
{
    (void)isa;
    uint64_t seed = 17;
    const size_t colses[] = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 128, 1000, 32000};
    for (size_t c = 0; c < sizeof colses / sizeof colses[0]; c++) {
        size_t cols = colses[c], rows = cols > 1000 ? 2 : 5;
        float *x = lanes_test_alloc(rows * cols * sizeof(float), sizeof(float));
        float *y = lanes_test_alloc(rows * cols * sizeof(float), 0);
        for (size_t i = 0; i < rows * cols; i++)
            x[i] = (float)(lanes_rng_unit(&seed) * 30);
        lanes_softmaxf(rows, cols, x, y);
        check_softmax_rows(rows, cols, x, y);
        /* in place gives the same bits */
        float *z = malloc(rows * cols * sizeof(float));
        memcpy(z, x, rows * cols * sizeof(float));
        lanes_softmaxf(rows, cols, z, z);
        cr_assert_arr_eq(z, y, rows * cols * sizeof(float), "in-place softmax differs");
        /* shift invariance: x/8 + 64 is exact in float, so x - max is too */
        for (size_t i = 0; i < rows * cols; i++) {
            x[i] = (float)lanes_rng_int(&seed, 400) / 8;
            z[i] = x[i] + 64;
        }
        lanes_softmaxf(rows, cols, x, y);
        lanes_softmaxf(rows, cols, z, z);
        cr_assert_arr_eq(z, y, rows * cols * sizeof(float), "softmax(x + 64) != softmax(x)");
        free(z);
        lanes_test_free(x, sizeof(float));
        lanes_test_free(y, 0);
    }
    /* Large magnitudes: no overflow, no NaN. */
    const float big[] = {1e4f, -1e4f, 1e4f, 0.0f, -1e4f, -1e4f, 1e4f, 1e4f, 1e4f};
    float out[9];
    lanes_softmaxf(3, 3, big, out);
    const float want[] = {0.5f, 0.0f, 0.5f, 1.0f, 0.0f, 0.0f, 1.0f / 3, 1.0f / 3, 1.0f / 3};
    for (int i = 0; i < 9; i++)
        cr_assert(fabsf(out[i] - want[i]) <= 2e-7f, "big[%d]: %a", i, (double)out[i]);
    check_softmax_rows(3, 3, big, out);
}

/* Many short rows: the blocked paths (8 or 16 rows at once, every width up
 * to 16) and the leftover rows, in place and not, with guard elements. */
ISA_TEST(vmath, softmaxf_short_rows)
{
    (void)isa;
    uint64_t seed = 31;
    for (size_t cols = 1; cols <= 17; cols++) {
        const size_t rows = 37, n = rows * cols;
        /* x and z exactly n long: ASan sees any read or write past them */
        float *x = malloc(n * sizeof(float)), *y = malloc((n + 16) * sizeof(float));
        float *z = malloc(n * sizeof(float));
        for (size_t i = 0; i < n; i++)
            x[i] = (float)(lanes_rng_unit(&seed) * 40);
        for (size_t i = 0; i < n + 16; i++)
            y[i] = -7.0f;
        memcpy(z, x, n * sizeof(float));
        lanes_softmaxf(rows, cols, x, y);
        check_softmax_rows(rows, cols, x, y);
        for (size_t i = n; i < n + 16; i++)
            cr_assert(y[i] == -7.0f, "cols %zu: wrote past the matrix at %zu", cols, i);
        lanes_softmaxf(rows, cols, z, z);
        cr_assert_arr_eq(z, y, n * sizeof(float), "cols %zu: in place differs", cols);
        free(x);
        free(y);
        free(z);
    }
}

/* Documented behaviour of non-finite rows (lanes.h). */
ISA_TEST(vmath, softmaxf_nonfinite)
{
    (void)isa;
    const float x[] = {
        -INFINITY, 0.0f, 1.0f, -INFINITY, /* -Inf entries give 0 */
        NAN, 0.0f, 1.0f, 2.0f,            /* NaN: all NaN */
        INFINITY, 0.0f, 1.0f, 2.0f,       /* +Inf: all NaN */
        -INFINITY, -INFINITY, -INFINITY, -INFINITY,
    };
    float y[16];
    lanes_softmaxf(4, 4, x, y);
    double e = exp(-1.0);
    cr_assert(y[0] == 0 && y[3] == 0);
    cr_assert(fabs(y[1] - e / (1 + e)) < 1e-7 && fabs(y[2] - 1 / (1 + e)) < 1e-7);
    for (int i = 4; i < 16; i++)
        cr_assert(isnan(y[i]), "y[%d] = %a, want NaN", i, (double)y[i]);
    /* the same rows 20 times: through the blocked short-row paths too */
    float xs[20 * 16], ys[20 * 16];
    for (int r = 0; r < 20 * 4; r++)
        memcpy(xs + 4 * r, x + 4 * (r % 4), 4 * sizeof(float));
    lanes_softmaxf(80, 4, xs, ys);
    for (int r = 0; r < 80; r++)
        for (int j = 0; j < 4; j++) {
            float want = y[4 * (r % 4) + j], got = ys[4 * r + j];
            cr_assert(isnan(want) ? isnan(got) : fabsf(got - want) < 1e-7f, "row %d col %d: %a want %a",
                      r, j, (double)got, (double)want);
        }
}

/* log(sum exp(x[j])) of a row in double precision, and its max in *max */
static double row_logsumexp(const float *xr, size_t cols, double *max)
{
    double m = -INFINITY, s = 0;
    for (size_t j = 0; j < cols; j++) /* (not fmax: an ICE in aarch64 GCC 12) */
        m = xr[j] > m ? xr[j] : m;
    for (size_t j = 0; j < cols; j++)
        s += exp((double)xr[j] - m);
    *max = m;
    return m + log(s);
}

/* log-softmax against double precision: x - max - log(sum exp(x - max)). */
static void check_log_softmax_rows(size_t rows, size_t cols, const float *x, const float *y)
{
    for (size_t r = 0; r < rows; r++) {
        const float *xr = x + r * cols;
        double m;
        double cst = row_logsumexp(xr, cols, &m);
        for (size_t j = 0; j < cols; j++) {
            double ref = xr[j] - cst;
            double tol = 4 * FLT_EPSILON * (fabs((double)xr[j]) + fabs(cst) + 1);
            cr_assert(fabs(y[r * cols + j] - ref) <= tol,
                      "log_softmax %zux%zu [%zu][%zu] = %.9g want %.9g", rows, cols, r, j,
                      (double)y[r * cols + j], ref);
        }
    }
}

ISA_TEST(vmath, log_softmaxf)
{
    (void)isa;
    uint64_t seed = 23;
    const size_t colses[] = {1, 3, 10, 16, 17, 33, 128, 1000, 32000};
    for (size_t c = 0; c < sizeof colses / sizeof colses[0]; c++) {
        size_t cols = colses[c], rows = cols > 1000 ? 2 : 4;
        float *x = malloc(rows * cols * sizeof(float)), *y = malloc(rows * cols * sizeof(float));
        for (size_t i = 0; i < rows * cols; i++)
            x[i] = (float)(lanes_rng_unit(&seed) * (c % 2 ? 1e4 : 20));
        lanes_log_softmaxf(rows, cols, x, y);
        check_log_softmax_rows(rows, cols, x, y);
        lanes_log_softmaxf(rows, cols, x, x); /* in place: same values */
        cr_assert_arr_eq(x, y, rows * cols * sizeof(float));
        free(x);
        free(y);
    }
}

/* Fused softmax cross-entropy: loss and gradient against double precision,
 * the gradient also against central finite differences of the loss. */
ISA_TEST(vmath, softmax_xentf)
{
    (void)isa;
    uint64_t seed = 29;
    const size_t colses[] = {1, 2, 10, 17, 100, 1000};
    for (size_t c = 0; c < sizeof colses / sizeof colses[0]; c++) {
        size_t cols = colses[c], rows = 5;
        float *x = malloc(rows * cols * sizeof(float)), *g = malloc(rows * cols * sizeof(float));
        float loss[5];
        int labels[5];
        for (size_t i = 0; i < rows * cols; i++)
            x[i] = (float)(lanes_rng_unit(&seed) * (c % 2 ? 3e3 : 8));
        double mean = 0;
        for (size_t r = 0; r < rows; r++)
            labels[r] = (int)((r * 7 + c) % cols);
        float got_mean = lanes_softmax_xentf(rows, cols, x, labels, loss, g);
        for (size_t r = 0; r < rows; r++) {
            const float *xr = x + r * cols;
            double m, lse = row_logsumexp(xr, cols, &m);
            double ref = lse - xr[labels[r]];
            mean += ref / (double)rows;
            cr_assert(fabs(loss[r] - ref) <= 8 * FLT_EPSILON * (fabs(m) + fabs(ref) + log(cols) + 1),
                      "loss[%zu] = %.9g want %.9g (cols %zu)", r, (double)loss[r], ref, cols);
            for (size_t j = 0; j < cols; j++) {
                double p = exp((double)xr[j] - lse) - (j == (size_t)labels[r]);
                double tol = 1e-6 + 4 * FLT_EPSILON * (8 + fabs((double)xr[j] - m) + cols / 8.0);
                cr_assert(fabs(g[r * cols + j] - p) <= tol, "grad[%zu][%zu] = %.9g want %.9g", r, j,
                          (double)g[r * cols + j], p);
            }
        }
        cr_assert(fabs(got_mean - mean) <= 1e-5 * (1 + fabs(mean)), "mean %.9g want %.9g",
                  (double)got_mean, mean);
        /* in place (grad == x) gives the same gradient */
        float *z = malloc(rows * cols * sizeof(float));
        memcpy(z, x, rows * cols * sizeof(float));
        lanes_softmax_xentf(rows, cols, z, labels, NULL, z);
        cr_assert_arr_eq(z, g, rows * cols * sizeof(float));
        free(z);
        free(x);
        free(g);
    }
    /* finite differences on moderate logits: d loss / d x_j = grad_j */
    float x[12], g[12], xp[12], l1, l2;
    int label[2] = {4, 1};
    for (int i = 0; i < 12; i++)
        x[i] = (float)lanes_rng_unit(&seed) * 3;
    lanes_softmax_xentf(2, 6, x, label, NULL, g);
    for (int i = 0; i < 12; i++) {
        const float h = 1e-2f;
        float lp[2], lm[2];
        memcpy(xp, x, sizeof x);
        xp[i] += h;
        lanes_softmax_xentf(2, 6, xp, label, lp, NULL);
        xp[i] -= 2 * h;
        lanes_softmax_xentf(2, 6, xp, label, lm, NULL);
        l1 = lp[i / 6], l2 = lm[i / 6];
        double fd = ((double)l1 - l2) / (2 * h);
        cr_assert(fabs(fd - g[i]) <= 2e-3, "d loss / d x[%d]: finite difference %.6f, grad %.6f", i,
                  fd, (double)g[i]);
    }
    /* a label out of range: NaN, the error, nothing written */
    float keep[12];
    memcpy(keep, g, sizeof g);
    int bad[2] = {0, 6};
    lanes_clear_error();
    cr_assert(isnan(lanes_softmax_xentf(2, 6, x, bad, NULL, g)));
    cr_assert_eq(lanes_last_error(), -4);
    cr_assert(strstr(lanes_last_error_message(), "labels[1] = 6"));
    cr_assert_arr_eq(keep, g, sizeof g);
}

/* Every routine with its operands against inaccessible pages, at either
 * edge: the tails (the last vector taken whole, overlapping the loop, or a
 * short vector's two overlapping halves) must read and write nothing
 * outside [0, n), in place or not.  The pages are fresh, as for a first
 * call on a new buffer.  Where a short vector's window crosses a page the
 * kernels avoid masked accesses: the results must not change by a bit. */
ISA_TEST(vmath, guard_pages)
{
    (void)isa;
    const size_t ns[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 23, 24, 31, 32, 33, 47, 100, 257};
    for (size_t q = 0; q < sizeof ns / sizeof ns[0]; q++) {
        const size_t n = ns[q];
        const size_t rows = n <= 17 ? 33 : 2, len = rows * n, bytes = len * sizeof(float);
        /* results at the start of a page [0] and at the end of one [1] */
        float *keep[2][4];
        for (int at_end = 0; at_end < 2; at_end++) {
            uint64_t seed = 37 + n;
            struct lanes_guarded gx = lanes_guarded_alloc(bytes, at_end),
                                 gy = lanes_guarded_alloc(bytes, at_end);
            float *x = gx.p, *y = gy.p;
            for (int k = 0; k < 4; k++)
                keep[at_end][k] = malloc(bytes);
            for (size_t i = 0; i < len; i++)
                x[i] = (float)(lanes_rng_unit(&seed) * 60 - 30);

            lanes_expf(n, x, y);
            for (size_t i = 0; i < n; i++)
                cr_assert(lanes_ulp_error(y[i], ref_exp(x[i])) <= 1.0, "expf n=%zu i=%zu", n, i);
            memcpy(y, x, n * sizeof(float));
            lanes_sigmoidf(n, y, y);
            for (size_t i = 0; i < n; i++)
                cr_assert(lanes_ulp_error(y[i], ref_sigmoid(x[i])) <= 3.0,
                          "in-place sigmoidf n=%zu i=%zu", n, i);

            /* rows ending the buffer; of up to 17 columns, 16 and 32 rows end
             * it with a whole block (the blocked paths take 8 or 16 rows) */
            const size_t rs[] = {1, 2, 16, 32, 33};
            for (size_t t = 0; t < 5 && rs[t] <= rows; t++) {
                const size_t r = rs[t], off = len - r * n;
                lanes_softmaxf(r, n, x + off, y + off);
                check_softmax_rows(r, n, x + off, y + off);
                memcpy(keep[at_end][0] + off, y + off, r * n * sizeof(float));
                lanes_log_softmaxf(r, n, x + off, y + off);
                check_log_softmax_rows(r, n, x + off, y + off);
                memcpy(keep[at_end][1] + off, y + off, r * n * sizeof(float));
            }
            memcpy(y, x, bytes);
            lanes_softmaxf(rows, n, y, y);
            check_softmax_rows(rows, n, x, y);
            memcpy(keep[at_end][2], y, bytes);
            int labels[33];
            for (size_t r = 0; r < rows; r++)
                labels[r] = (int)(r % n);
            memcpy(y, x, bytes);
            float loss = lanes_softmax_xentf(rows, n, y, labels, NULL, y); /* grad over x */
            cr_assert(isfinite(loss));
            for (size_t r = 0; r < rows; r++) {
                double m, lse = row_logsumexp(x + r * n, n, &m);
                for (size_t j = 0; j < n; j++) {
                    double p = exp((double)x[r * n + j] - lse) - (j == (size_t)labels[r]);
                    cr_assert(fabs(y[r * n + j] - p) <= 1e-6, "xent grad n=%zu [%zu][%zu]", n,
                              r, j);
                }
            }
            memcpy(keep[at_end][3], y, bytes);
            lanes_guarded_free(gx);
            lanes_guarded_free(gy);
        }
        const char *what[4] = {"softmaxf", "log_softmaxf", "in-place softmaxf", "xent grad"};
        for (int k = 0; k < 4; k++) {
            /* (the largest row count of `rs` is `rows`: every byte is set) */
            cr_assert_arr_eq(keep[0][k], keep[1][k], bytes,
                             "%s, n = %zu: the results depend on the placement", what[k], n);
            free(keep[0][k]);
            free(keep[1][k]);
        }
    }
}
