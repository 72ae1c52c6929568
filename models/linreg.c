/* Linear regression, closed form (lanes_models.h).  The data-sized work is
 * two lanes kernels in double: G = A^T A (dgemm) and h = A^T y (dgemv), with
 * A = [X 1]; the (d+1)^2 Cholesky solve is small and stays plain C. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/frame/frame.h"
#include "lanes_models.h"
#include "models/models.h"

/* Cholesky of the SPD p x p matrix g (row-major, lower triangle written);
 * 0, or -1 if a pivot is not clearly positive (singular to working
 * precision relative to the diagonal's scale). */
static int cholesky(size_t p, double *g)
{
    double scale = 0;
    for (size_t i = 0; i < p; i++)
        scale = fmax(scale, fabs(g[i * p + i]));
    for (size_t j = 0; j < p; j++) {
        double s = g[j * p + j];
        for (size_t k = 0; k < j; k++)
            s -= g[j * p + k] * g[j * p + k];
        if (!(s > scale * 1e-13))
            return -1;
        double l = sqrt(s);
        g[j * p + j] = l;
        for (size_t i = j + 1; i < p; i++) {
            double t = g[i * p + j];
            for (size_t k = 0; k < j; k++)
                t -= g[i * p + k] * g[j * p + k];
            g[i * p + j] = t / l;
        }
    }
    return 0;
}

/* Solve L L^T z = h in place. */
static void cholesky_solve(size_t p, const double *l, double *h)
{
    for (size_t i = 0; i < p; i++) {
        for (size_t k = 0; k < i; k++)
            h[i] -= l[i * p + k] * h[k];
        h[i] /= l[i * p + i];
    }
    for (size_t i = p; i-- > 0;) {
        for (size_t k = i + 1; k < p; k++)
            h[i] -= l[k * p + i] * h[k];
        h[i] /= l[i * p + i];
    }
}

/* The checks both fitters share (arguments 1-4): 0, or the error. */
static int fit_args_bad(const char *rt, size_t n, size_t d, const float *x, const float *y)
{
    if (n == 0)
        return lanes_arg_error(rt, 1, "(n) is 0: no samples");
    if (d == 0)
        return lanes_arg_error(rt, 2, "(d) is 0: no features");
    if (n > (size_t)PTRDIFF_MAX / (d + 1) / sizeof(double))
        return lanes_arg_error(rt, 2, "(d = %zu) times n = %zu is too large", d, n);
    if (!x)
        return lanes_arg_error(rt, 3, "(x) is NULL");
    if (!y)
        return lanes_arg_error(rt, 4, "(y) is NULL");
    return 0;
}

int lanes_linreg_fit_closed(size_t n, size_t d, const float *x, const float *y, double lambda,
                            lanes_linreg *model)
{
    const char *rt = "lanes_linreg_fit_closed";
    int bad = fit_args_bad(rt, n, d, x, y);
    if (bad)
        return bad;
    if (!(lambda >= 0) || !isfinite(lambda))
        return lanes_arg_error(rt, 5, "(lambda = %g) must be finite and >= 0", lambda);
    if (!model)
        return lanes_arg_error(rt, 6, "(model) is NULL");
    const size_t p = d + 1;
    double *a = malloc(n * p * sizeof(double)), *yd = malloc(n * sizeof(double));
    double *g = malloc(p * p * sizeof(double)), *h = malloc(p * sizeof(double));
    double *w = malloc(d * sizeof(double));
    int rc = 0;
    if (!a || !yd || !g || !h || !w) {
        rc = lanes_error(LANES_ENOMEM, "%s: out of memory for %zu x %zu", rt, n, p);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < d; j++)
            a[i * p + j] = x[i * d + j];
        a[i * p + d] = 1.0;
        yd[i] = y[i];
    }
    /* G = A^T A and h = A^T y, in double */
    rc = lanes_dgemm(LANES_ROW_MAJOR, LANES_TRANS, LANES_NO_TRANS, (ptrdiff_t)p, (ptrdiff_t)p,
                     (ptrdiff_t)n, 1.0, a, (ptrdiff_t)p, a, (ptrdiff_t)p, 0.0, g, (ptrdiff_t)p);
    if (!rc)
        rc = lanes_dgemv(LANES_ROW_MAJOR, LANES_TRANS, (ptrdiff_t)n, (ptrdiff_t)p, 1.0, a,
                         (ptrdiff_t)p, yd, 1, 0.0, h, 1);
    if (rc)
        goto done;
    for (size_t j = 0; j < d; j++) /* ridge; the bias is not regularised */
        g[j * p + j] += lambda;
    if (cholesky(p, g) != 0) {
        rc = lanes_error(LANES_EDATA,
                         "%s: X^T X is singular (collinear or constant features); use a ridge "
                         "lambda > 0",
                         rt);
        goto done;
    }
    cholesky_solve(p, g, h);
    memcpy(w, h, d * sizeof(double));
    model->d = d;
    model->w = w;
    model->b = h[d];
    w = NULL;
done:
    free(a);
    free(yd);
    free(g);
    free(h);
    free(w);
    return rc;
}

int lanes_linreg_predict(const lanes_linreg *m, size_t n, const float *x, float *yhat)
{
    const char *rt = "lanes_linreg_predict";
    if (!m || !m->w)
        return lanes_arg_error(rt, 1, "(model) is NULL or not fitted");
    if (n == 0)
        return 0;
    if (!x)
        return lanes_arg_error(rt, 3, "(x) is NULL");
    if (!yhat)
        return lanes_arg_error(rt, 4, "(yhat) is NULL");
    float *wf = malloc(m->d * sizeof(float));
    if (!wf)
        return lanes_error(LANES_ENOMEM, "%s: out of memory", rt);
    for (size_t j = 0; j < m->d; j++)
        wf[j] = (float)m->w[j];
    for (size_t i = 0; i < n; i++)
        yhat[i] = (float)m->b;
    int rc = lanes_sgemv(LANES_ROW_MAJOR, LANES_NO_TRANS, (ptrdiff_t)n, (ptrdiff_t)m->d, 1.0f, x,
                         (ptrdiff_t)m->d, wf, 1, 1.0f, yhat, 1);
    free(wf);
    return rc;
}

void lanes_linreg_free(lanes_linreg *m)
{
    if (!m)
        return;
    free(m->w);
    m->w = NULL;
    m->d = 0;
    m->b = 0;
}

int lanes_linreg_fit_sgd(size_t n, size_t d, const float *x, const float *y,
                         const lanes_sgd_opts *o, lanes_linreg *model)
{
    const char *rt = "lanes_linreg_fit_sgd";
    int bad = fit_args_bad(rt, n, d, x, y);
    if (bad)
        return bad;
    if (!o || !(o->lr > 0) || !isfinite(o->lr) || o->batch == 0 || !(o->lambda >= 0))
        return lanes_arg_error(rt, 5, "(opts) needs lr > 0, batch > 0 and lambda >= 0");
    if (!model)
        return lanes_arg_error(rt, 6, "(model) is NULL");
    const size_t bmax = o->batch < n ? o->batch : n;
    size_t *order = malloc(n * sizeof(size_t));
    float *xb = malloc(bmax * d * sizeof(float)), *r = malloc(bmax * sizeof(float));
    float *w = malloc(d * sizeof(float)), *g = malloc(d * sizeof(float));
    double *wd = malloc(d * sizeof(double));
    int rc = 0;
    if (!order || !xb || !r || !w || !g || !wd) {
        rc = lanes_error(LANES_ENOMEM, "%s: out of memory", rt);
        goto done;
    }
    uint64_t s = lanes_rng_seed(o->seed);
    for (size_t j = 0; j < d; j++)
        w[j] = (float)(0.01 * lanes_rng_gauss(&s));
    float b = 0;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t e = 0; e < o->epochs; e++) {
        lanes_shuffle(order, n, &s);
        for (size_t i0 = 0; i0 < n; i0 += bmax) {
            size_t nb = n - i0 < bmax ? n - i0 : bmax;
            for (size_t i = 0; i < nb; i++) {
                memcpy(xb + i * d, x + order[i0 + i] * d, d * sizeof(float));
                r[i] = b - y[order[i0 + i]];
            }
            /* r = X_B w + b - y_B; g = X_B^T r; w -= lr/|B| (g + lambda w) */
            lanes_sgemv(LANES_ROW_MAJOR, LANES_NO_TRANS, (ptrdiff_t)nb, (ptrdiff_t)d, 1.0f, xb,
                        (ptrdiff_t)d, w, 1, 1.0f, r, 1);
            lanes_sgemv(LANES_ROW_MAJOR, LANES_TRANS, (ptrdiff_t)nb, (ptrdiff_t)d, 1.0f, xb,
                        (ptrdiff_t)d, r, 1, 0.0f, g, 1);
            float step = o->lr / (float)nb, rsum = 0;
            for (size_t i = 0; i < nb; i++)
                rsum += r[i];
            if (o->lambda > 0)
                lanes_saxpy((ptrdiff_t)d, o->lambda * (float)nb, w, 1, g, 1);
            lanes_saxpy((ptrdiff_t)d, -step, g, 1, w, 1);
            b -= step * rsum;
        }
    }
    for (size_t j = 0; j < d; j++)
        wd[j] = w[j];
    model->d = d;
    model->w = wd;
    model->b = b;
    wd = NULL;
done:
    free(order);
    free(xb);
    free(r);
    free(w);
    free(g);
    free(wd);
    return rc;
}
