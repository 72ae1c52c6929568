/* exp, sigmoid and softmax for float32, NEON.  The algorithm and constants
 * are those of every ISA (kernels/expf_consts.h).  NEON has no masked
 * loads: a tail of 1-3 elements goes through a 4-lane stack buffer, so it
 * gets the same vector code and the same results. */
#include <arm_neon.h>
#include <string.h>

#include "kernels/expf_consts.h"
#include "kernels/kernels.h"

static inline float32x4_t expf4(float32x4_t x)
{
    /* FMAX/FMIN propagate NaN. */
    x = vminq_f32(vdupq_n_f32(LANES_EXPF_HI), vmaxq_f32(vdupq_n_f32(LANES_EXPF_LO), x));
    const float32x4_t shift = vdupq_n_f32(LANES_EXPF_SHIFT);
    float32x4_t n = vsubq_f32(vfmaq_n_f32(shift, x, LANES_EXPF_LOG2E), shift);
    /* r = rh - n*ln2_lo rounded, and d its rounding error: rh - r is exact
     * (r is close to rh), so one more FMA gives d. */
    float32x4_t rh = vfmsq_n_f32(x, n, LANES_EXPF_LN2_HI);
    float32x4_t r = vfmsq_n_f32(rh, n, LANES_EXPF_LN2_LO);
    float32x4_t d = vfmsq_n_f32(vsubq_f32(rh, r), n, LANES_EXPF_LN2_LO);
    float32x4_t p = vfmaq_n_f32(vdupq_n_f32(LANES_EXPF_C5), r, LANES_EXPF_C6);
    p = vfmaq_f32(vdupq_n_f32(LANES_EXPF_C4), p, r);
    p = vfmaq_f32(vdupq_n_f32(LANES_EXPF_C3), p, r);
    p = vfmaq_f32(vdupq_n_f32(LANES_EXPF_C2), p, r);
    float32x4_t q = vaddq_f32(r, vfmaq_f32(d, p, vmulq_f32(r, r)));
    int32x4_t ni = vcvtq_s32_f32(n);
    const int32x4_t bias = vdupq_n_s32(127);
    float32x4_t scale = vreinterpretq_f32_s32(vshlq_n_s32(vaddq_s32(ni, bias), 23));
    float32x4_t res = vfmaq_f32(scale, scale, q);
    uint32x4_t special = vcagtq_f32(n, vdupq_n_f32(LANES_EXPF_NORMAL_N));
    if (__builtin_expect(vmaxvq_u32(special) != 0, 0)) {
        int32x4_t n1 = vshrq_n_s32(ni, 1), n2 = vsubq_s32(ni, n1);
        float32x4_t s1 = vreinterpretq_f32_s32(vshlq_n_s32(vaddq_s32(n1, bias), 23));
        float32x4_t s2 = vreinterpretq_f32_s32(vshlq_n_s32(vaddq_s32(n2, bias), 23));
        float32x4_t y = vaddq_f32(vdupq_n_f32(1.0f), q);
        res = vbslq_f32(special, vmulq_f32(vmulq_f32(y, s1), s2), res);
    }
    return res;
}

static inline float32x4_t sigmoidf4(float32x4_t x)
{
    /* e = exp(-|x|); 1/(1+e) for x >= 0, e/(1+e) for x < 0 */
    float32x4_t e = expf4(vnegq_f32(vabsq_f32(x)));
    float32x4_t num = vbslq_f32(vcltzq_f32(x), e, vdupq_n_f32(1.0f));
    return vdivq_f32(num, vaddq_f32(vdupq_n_f32(1.0f), e));
}

typedef float32x4_t vec_fn(float32x4_t);

static inline void map(vec_fn *f, size_t n, const float *x, float *y)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        float32x4_t a = f(vld1q_f32(x + i)), b = f(vld1q_f32(x + i + 4));
        vst1q_f32(y + i, a);
        vst1q_f32(y + i + 4, b);
    }
    for (; i + 4 <= n; i += 4)
        vst1q_f32(y + i, f(vld1q_f32(x + i)));
    if (i < n) {
        float buf[4] = {0, 0, 0, 0};
        memcpy(buf, x + i, (n - i) * sizeof(float));
        vst1q_f32(buf, f(vld1q_f32(buf)));
        memcpy(y + i, buf, (n - i) * sizeof(float));
    }
}

void lanes_expf_neon(size_t n, const float *x, float *y)
{
    map(expf4, n, x, y);
}

void lanes_sigmoidf_neon(size_t n, const float *x, float *y)
{
    map(sigmoidf4, n, x, y);
}

/* Softmax in three passes over a row (max; y = exp(x - max) with the sum;
 * y *= 1/sum).  The first two are also kernels of their own. */
static inline float rowmax4(size_t n, const float *x)
{
    const size_t full = n & ~(size_t)3;
    float32x4_t mv = vdupq_n_f32(-__builtin_inff());
    for (size_t i = 0; i < full; i += 4)
        mv = vmaxq_f32(mv, vld1q_f32(x + i));
    float m = vmaxvq_f32(mv);
    for (size_t i = full; i < n; i++)
        m = x[i] > m || x[i] != x[i] ? x[i] : m;
    return m;
}

/* sum of exp(x - shift), storing each term in y unless y is NULL */
static inline float expsum4(size_t n, const float *x, float shift, float *y)
{
    const size_t full = n & ~(size_t)3, rem = n - full;
    float32x4_t vm = vdupq_n_f32(shift), s = vdupq_n_f32(0);
    for (size_t i = 0; i < full; i += 4) {
        float32x4_t e = expf4(vsubq_f32(vld1q_f32(x + i), vm));
        if (y)
            vst1q_f32(y + i, e);
        s = vaddq_f32(s, e);
    }
    float sum = vaddvq_f32(s);
    if (rem) {
        float buf[4] = {0, 0, 0, 0};
        memcpy(buf, x + full, rem * sizeof(float));
        vst1q_f32(buf, expf4(vsubq_f32(vld1q_f32(buf), vm)));
        if (y)
            memcpy(y + full, buf, rem * sizeof(float));
        for (size_t i = 0; i < rem; i++)
            sum += buf[i];
    }
    return sum;
}

void lanes_softmaxf_neon(size_t rows, size_t cols, const float *x, float *y)
{
    const size_t full = cols & ~(size_t)3;
    for (size_t r = 0; r < rows; r++, x += cols, y += cols) {
        float32x4_t inv = vdupq_n_f32(1.0f / expsum4(cols, x, rowmax4(cols, x), y));
        for (size_t i = 0; i < full; i += 4)
            vst1q_f32(y + i, vmulq_f32(vld1q_f32(y + i), inv));
        for (size_t i = full; i < cols; i++)
            y[i] *= vgetq_lane_f32(inv, 0);
    }
}

float lanes_rowmaxf_neon(size_t n, const float *x)
{
    return rowmax4(n, x);
}

float lanes_expsumf_neon(size_t n, const float *x, float shift, float *y)
{
    return expsum4(n, x, shift, y);
}
