/* exp, sigmoid and softmax, portable C.  Evaluated in double and rounded
 * once to float, so the result is within 0.5 ULP + 2^-30 relative: the
 * scalar path is both the fallback and a near-correctly-rounded reference.
 * No libm call: the same range reduction and polynomial as the vector code,
 * only wider. */
#include <stdint.h>
#include <string.h>

#include "kernels/kernels.h"

/* exp(x) for finite double x, clamped to [-104, 89]: beyond that the float
 * result is 0 or +Inf anyway, and 2^n stays a normal double. */
static double exp_double(double x)
{
    if (x > 89.0)
        x = 89.0;
    if (x < -104.0)
        x = -104.0;
    /* n = round(x / ln2) with the shift trick (exact for |n| < 2^51). */
    const double shift = 0x1.8p52;
    double n = (x * 0x1.71547652b82fep0 + shift) - shift;
    /* Cody-Waite: ln2_hi has 32 significant bits, so n * ln2_hi is exact. */
    double r = (x - n * 0x1.62e42feep-1) - n * 0x1.a39ef35793c76p-33;
    /* Taylor to degree 10 on |r| <= 0.35: truncation error < 1e-12. */
    double p = 1.0 / 3628800;
    static const double inv_fact[] = {1.0 / 362880, 1.0 / 40320, 1.0 / 5040, 1.0 / 720,
                                      1.0 / 120,    1.0 / 24,    1.0 / 6,    0.5,
                                      1.0,          1.0};
    for (size_t i = 0; i < sizeof inv_fact / sizeof inv_fact[0]; i++)
        p = p * r + inv_fact[i];
    uint64_t bits = (uint64_t)((int64_t)n + 1023) << 52;
    double scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

static float expf_one(float x)
{
    if (x != x)
        return x + x;
    return (float)exp_double(x);
}

static float sigmoidf_one(float x)
{
    if (x != x)
        return x + x;
    /* e = exp(-|x|) <= 1; for x < 0 use e/(1+e) so tiny results keep their
     * relative accuracy instead of cancelling in 1 - 1/(1+e). */
    double e = exp_double(x < 0 ? (double)x : -(double)x);
    return (float)(x < 0 ? e / (1.0 + e) : 1.0 / (1.0 + e));
}

void lanes_expf_scalar(size_t n, const float *x, float *y)
{
    for (size_t i = 0; i < n; i++)
        y[i] = expf_one(x[i]);
}

void lanes_sigmoidf_scalar(size_t n, const float *x, float *y)
{
    for (size_t i = 0; i < n; i++)
        y[i] = sigmoidf_one(x[i]);
}

float lanes_rowmaxf_scalar(size_t n, const float *x)
{
    float m = x[0];
    for (size_t j = 1; j < n; j++)
        m = x[j] > m || x[j] != x[j] ? x[j] : m;
    return m;
}

/* sum of exp(x - shift) in double (x - shift exact there; NaN and
 * Inf - Inf propagate), each term stored in y unless y is NULL */
static double expsum_double(size_t n, const float *x, float shift, float *y)
{
    double sum = 0;
    for (size_t j = 0; j < n; j++) {
        double d = (double)x[j] - shift;
        double e = d != d ? d : exp_double(d);
        if (y)
            y[j] = (float)e;
        sum += e;
    }
    return sum;
}

float lanes_expsumf_scalar(size_t n, const float *x, float shift, float *y)
{
    return (float)expsum_double(n, x, shift, y);
}

void lanes_softmaxf_scalar(size_t rows, size_t cols, const float *x, float *y)
{
    for (size_t r = 0; r < rows; r++, x += cols, y += cols) {
        double inv = 1.0 / expsum_double(cols, x, lanes_rowmaxf_scalar(cols, x), y);
        for (size_t j = 0; j < cols; j++)
            y[j] = (float)(y[j] * inv);
    }
}
