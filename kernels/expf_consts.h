/* Constants of the float32 exp used by every vector ISA (kernels/<isa>/vmath.c).
 *
 *   exp(x) = 2^n * exp(r),  n = round(x / ln2),  r = x - n*ln2 in [-ln2/2, ln2/2]
 *
 * n is rounded with the shift trick (adding 1.5*2^23 leaves the integer in
 * the low mantissa bits), r by two-constant Cody-Waite with FMA, and
 * exp(r) ~ 1 + r + r^2 * P(r), P of degree 4, a minimax fit of the relative
 * error on [-0.3466, 0.3466] (Lawson's algorithm in double, coefficients
 * rounded to float; 3.8e-9 max relative error = 0.03 ULP).  The result is
 * fma(2^n, q, 2^n) with q = r + r^2*P(r): one rounding.
 *
 * Inputs are first clamped to [LO, HI] (NaN kept): exp(HI) overflows and
 * exp(LO) rounds to +0, so the clamp changes no result but bounds n to
 * [-150, 128].  Where 2^n is not a normal float (|n| > 126), 2^n is applied
 * as two exact factors 2^(n/2) * 2^(n - n/2), so overflow to +Inf and gradual
 * underflow round once, like the main path. */
#ifndef LANES_EXPF_CONSTS_H
#define LANES_EXPF_CONSTS_H

#define LANES_EXPF_HI 89.0f
#define LANES_EXPF_LO (-104.0f)
#define LANES_EXPF_SHIFT 0x1.8p23f
#define LANES_EXPF_LOG2E 0x1.715476p+0f
#define LANES_EXPF_LN2_HI 0x1.62e43p-1f
#define LANES_EXPF_LN2_LO (-0x1.05c61p-29f)
#define LANES_EXPF_C2 0x1.fffffcp-2f
#define LANES_EXPF_C3 0x1.555492p-3f
#define LANES_EXPF_C4 0x1.5558f2p-5f
#define LANES_EXPF_C5 0x1.1239e0p-7f
#define LANES_EXPF_C6 0x1.6a243ap-10f
/* |n| above this needs the two-factor scale. */
#define LANES_EXPF_NORMAL_N 126.0f

#endif
