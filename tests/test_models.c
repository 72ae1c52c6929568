/* Linear regression, closed form: against an independent least-squares
 * solution (Householder QR in long double) on the book's synthetic problem,
 * ridge, and the raw diabetes data; singular systems refused. */
#include "common.h"
#include "lanes_models.h"

/* min |A z - y| for A n x p row-major (long double Householder QR). */
static void qr_lstsq(size_t n, size_t p, const double *a_in, const double *y_in, double *z)
{
    long double *a = malloc(n * p * sizeof(long double)), *y = malloc(n * sizeof(long double));
    for (size_t i = 0; i < n * p; i++)
        a[i] = a_in[i];
    for (size_t i = 0; i < n; i++)
        y[i] = y_in[i];
    for (size_t k = 0; k < p; k++) {
        long double norm = 0;
        for (size_t i = k; i < n; i++)
            norm += a[i * p + k] * a[i * p + k];
        norm = sqrtl(norm);
        long double alpha = a[k * p + k] > 0 ? -norm : norm;
        long double v0 = a[k * p + k] - alpha;
        /* v = (v0, a[k+1..n-1][k]); H = I - 2 v v^T / v^T v */
        long double vv = v0 * v0;
        for (size_t i = k + 1; i < n; i++)
            vv += a[i * p + k] * a[i * p + k];
        for (size_t j = k + 1; j < p; j++) {
            long double s = v0 * a[k * p + j];
            for (size_t i = k + 1; i < n; i++)
                s += a[i * p + k] * a[i * p + j];
            s = 2 * s / vv;
            a[k * p + j] -= s * v0;
            for (size_t i = k + 1; i < n; i++)
                a[i * p + j] -= s * a[i * p + k];
        }
        long double s = v0 * y[k];
        for (size_t i = k + 1; i < n; i++)
            s += a[i * p + k] * y[i];
        s = 2 * s / vv;
        y[k] -= s * v0;
        for (size_t i = k + 1; i < n; i++)
            y[i] -= s * a[i * p + k];
        a[k * p + k] = alpha;
    }
    for (size_t k = p; k-- > 0;) {
        long double s = y[k];
        for (size_t j = k + 1; j < p; j++)
            s -= a[k * p + j] * (long double)z[j];
        z[k] = (double)(s / a[k * p + k]);
    }
    free(a);
    free(y);
}

/* z = [w; b] for the data (x n x d float), optionally ridge-augmented. */
static void reference_fit(size_t n, size_t d, const float *x, const float *y, double lambda,
                          double *z)
{
    size_t rows = n + (lambda > 0 ? d : 0), p = d + 1;
    double *a = calloc(rows * p, sizeof(double)), *yy = calloc(rows, sizeof(double));
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < d; j++)
            a[i * p + j] = x[i * d + j];
        a[i * p + d] = 1;
        yy[i] = y[i];
    }
    for (size_t j = 0; lambda > 0 && j < d; j++)
        a[(n + j) * p + j] = sqrt(lambda);
    qr_lstsq(rows, p, a, yy, z);
    free(a);
    free(yy);
}

static double gauss(uint64_t *s)
{
    double u1 = (lanes_rng_unit(s) + 1) / 2, u2 = (lanes_rng_unit(s) + 1) / 2;
    return sqrt(-2 * log(u1 > 1e-300 ? u1 : 1e-300)) * cos(2 * M_PI * u2);
}

/* The book's synthetic regression: w = [2, -3.4], b = 4.2, noise 0.01. */
static void synthetic(size_t n, float *x, float *y, uint64_t *s)
{
    for (size_t i = 0; i < n; i++) {
        x[2 * i] = (float)gauss(s);
        x[2 * i + 1] = (float)gauss(s);
        y[i] = (float)(2 * x[2 * i] - 3.4 * x[2 * i + 1] + 4.2 + 0.01 * gauss(s));
    }
}

ISA_TEST(linreg, closed_form_synthetic)
{
    (void)isa;
    uint64_t seed = 2024;
    enum { N = 1000 };
    static float x[2 * N], y[N];
    synthetic(N, x, y, &seed);
    const double lambdas[] = {0, 0.5, 10};
    for (int l = 0; l < 3; l++) {
        lanes_linreg m = {0};
        cr_assert_eq(lanes_linreg_fit_closed(N, 2, x, y, lambdas[l], &m), 0, "%s",
                     lanes_last_error_message());
        double z[3];
        reference_fit(N, 2, x, y, lambdas[l], z);
        for (int j = 0; j < 2; j++)
            cr_assert(fabs(m.w[j] - z[j]) <= 1e-6, "lambda %g: w[%d] = %.12f, QR %.12f", lambdas[l],
                      j, m.w[j], z[j]);
        cr_assert(fabs(m.b - z[2]) <= 1e-6, "lambda %g: b = %.12f, QR %.12f", lambdas[l], m.b, z[2]);
        if (lambdas[l] == 0)
            cr_assert(fabs(m.w[0] - 2) < 0.01 && fabs(m.w[1] + 3.4) < 0.01 && fabs(m.b - 4.2) < 0.01);
        float yhat[N];
        cr_assert_eq(lanes_linreg_predict(&m, N, x, yhat), 0);
        for (size_t i = 0; i < N; i++) {
            double ref = z[0] * x[2 * i] + z[1] * x[2 * i + 1] + z[2];
            cr_assert(fabs(yhat[i] - ref) <= 1e-5 * (1 + fabs(ref)), "yhat[%zu]", i);
        }
        lanes_linreg_free(&m);
    }
}

ISA_TEST(linreg, closed_form_diabetes_raw)
{
    (void)isa;
    lanes_dataset ds;
    cr_assert_eq(lanes_csv_load(LANES_DATA_DIR "/diabetes.csv", NULL, &ds), 0, "%s",
                 lanes_last_error_message());
    lanes_linreg m = {0};
    cr_assert_eq(lanes_linreg_fit_closed(ds.rows, ds.cols, ds.x, ds.y, 0, &m), 0, "%s",
                 lanes_last_error_message());
    double z[11];
    reference_fit(ds.rows, ds.cols, ds.x, ds.y, 0, z);
    for (size_t j = 0; j < ds.cols; j++)
        cr_assert(fabs(m.w[j] - z[j]) <= 1e-4, "w[%zu] (%s) = %.9f, QR %.9f", j, ds.names[j],
                  m.w[j], z[j]);
    cr_assert(fabs(m.b - z[10]) <= 1e-4, "b = %.9f, QR %.9f", m.b, z[10]);
    /* predictions and R^2 */
    float *yhat = malloc(ds.rows * sizeof(float));
    cr_assert_eq(lanes_linreg_predict(&m, ds.rows, ds.x, yhat), 0);
    double mean = 0, ss_tot = 0, ss_res = 0, ss_res_ref = 0;
    for (size_t i = 0; i < ds.rows; i++)
        mean += ds.y[i] / (double)ds.rows;
    for (size_t i = 0; i < ds.rows; i++) {
        double ref = z[10];
        for (size_t j = 0; j < ds.cols; j++)
            ref += z[j] * ds.x[i * ds.cols + j];
        cr_assert(fabs(yhat[i] - ref) <= 1e-4 * fabs(ref), "yhat[%zu] = %.6f, QR %.6f", i,
                  (double)yhat[i], ref);
        ss_tot += (ds.y[i] - mean) * (ds.y[i] - mean);
        ss_res += (ds.y[i] - yhat[i]) * (ds.y[i] - yhat[i]);
        ss_res_ref += (ds.y[i] - ref) * (ds.y[i] - ref);
    }
    double r2 = 1 - ss_res / ss_tot, r2_ref = 1 - ss_res_ref / ss_tot;
    cr_assert(fabs(r2 - r2_ref) <= 1e-4, "R^2 %.8f, QR %.8f", r2, r2_ref);
    cr_assert(r2 > 0.5 && r2 < 0.6, "R^2 %.4f out of the known range", r2);
    fprintf(stderr, "diabetes closed form (%s): R^2 %.6f (QR %.6f)\n", isa, r2, r2_ref);
    free(yhat);
    lanes_linreg_free(&m);
    lanes_dataset_free(&ds);
}

Test(linreg, singular_and_bad_arguments, .fini = lanes_test_fini)
{
    /* a duplicated column: singular without ridge, fine with it */
    float x[3 * 50], y[50];
    uint64_t s = 5;
    for (int i = 0; i < 50; i++) {
        x[3 * i] = (float)lanes_rng_unit(&s);
        x[3 * i + 1] = x[3 * i];
        x[3 * i + 2] = (float)lanes_rng_unit(&s);
        y[i] = x[3 * i] + x[3 * i + 2];
    }
    lanes_linreg m = {0}, keep = m;
    cr_assert_eq(lanes_linreg_fit_closed(50, 3, x, y, 0, &m), LANES_EDATA);
    cr_assert(strstr(lanes_last_error_message(), "singular"), "%s", lanes_last_error_message());
    cr_assert_arr_eq(&m, &keep, sizeof m);
    cr_assert_eq(lanes_linreg_fit_closed(50, 3, x, y, 1e-3, &m), 0);
    cr_assert(fabs(m.w[0] + m.w[1] - 1) < 0.01, "the two copies share the weight");
    lanes_linreg_free(&m);
    cr_assert_eq(lanes_linreg_fit_closed(0, 3, x, y, 0, &m), -1);
    cr_assert_eq(lanes_linreg_fit_closed(50, 3, NULL, y, 0, &m), -3);
    cr_assert_eq(lanes_linreg_fit_closed(50, 3, x, y, -1, &m), -5);
    cr_assert_eq(lanes_linreg_fit_closed(50, 3, x, y, NAN, &m), -5);
    cr_assert_eq(lanes_linreg_predict(&m, 5, x, y), -1, "an unfitted model");
}

/* The book's experiment: batch 10, lr 0.03, 3 epochs recover w and b to
 * 0.01; the same seed gives the same bits. */
ISA_TEST(linreg, sgd_book_example)
{
    (void)isa;
    uint64_t seed = 7;
    enum { N = 1000 };
    static float x[2 * N], y[N];
    synthetic(N, x, y, &seed);
    lanes_sgd_opts o = {.lr = 0.03f, .batch = 10, .epochs = 3, .lambda = 0, .seed = 42};
    lanes_linreg m = {0}, m2 = {0};
    cr_assert_eq(lanes_linreg_fit_sgd(N, 2, x, y, &o, &m), 0, "%s", lanes_last_error_message());
    fprintf(stderr, "sgd (%s): w = [%.5f, %.5f], b = %.5f\n", isa, m.w[0], m.w[1], m.b);
    cr_assert(fabs(m.w[0] - 2) < 0.01 && fabs(m.w[1] + 3.4) < 0.01 && fabs(m.b - 4.2) < 0.01,
              "w = [%.5f, %.5f], b = %.5f", m.w[0], m.w[1], m.b);
    cr_assert_eq(lanes_linreg_fit_sgd(N, 2, x, y, &o, &m2), 0);
    cr_assert(m.w[0] == m2.w[0] && m.w[1] == m2.w[1] && m.b == m2.b, "not deterministic");
    lanes_linreg_free(&m);
    lanes_linreg_free(&m2);
    lanes_sgd_opts bad = o;
    bad.batch = 0;
    cr_assert_eq(lanes_linreg_fit_sgd(N, 2, x, y, &bad, &m), -5);
}
