/* exp, sigmoid and softmax for float32, AVX-512.  Same reduction and
 * polynomial as every ISA (kernels/expf_consts.h); the scale 2^n is applied
 * with vscalefps, which rounds once and handles overflow to +Inf and
 * gradual underflow itself, so there is no special path. */
#include "avx512.h"
#include "kernels/expf_consts.h"

/* exp of 16 floats.  `sig` selects the variant used inside sigmoid, where
 * the argument is never positive and 3 ULP are allowed: no upper clamp, no
 * compensation of r's rounding, and a plain Horner polynomial (~0.8 ULP
 * instead of ~0.55; 12 operations instead of 19, which is what matters on
 * Zen 4's 256-bit datapaths). */
static inline __m512 expf16_any(__m512 x, const int sig)
{
    /* max/min return their second operand when either is NaN: NaN is kept. */
    x = _mm512_max_ps(_mm512_set1_ps(LANES_EXPF_LO), x);
    if (!sig)
        x = _mm512_min_ps(_mm512_set1_ps(LANES_EXPF_HI), x);
    const __m512 shift = _mm512_set1_ps(LANES_EXPF_SHIFT);
    __m512 n = _mm512_sub_ps(_mm512_fmadd_ps(x, _mm512_set1_ps(LANES_EXPF_LOG2E), shift), shift);
    __m512 rh = _mm512_fnmadd_ps(n, _mm512_set1_ps(LANES_EXPF_LN2_HI), x), r, y;
    if (sig) {
        r = _mm512_fnmadd_ps(n, _mm512_set1_ps(LANES_EXPF_LN2_LO), rh);
        __m512 p = _mm512_fmadd_ps(_mm512_set1_ps(LANES_EXPF_C6), r, _mm512_set1_ps(LANES_EXPF_C5));
        p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(LANES_EXPF_C4));
        p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(LANES_EXPF_C3));
        p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(LANES_EXPF_C2));
        p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
        y = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    } else {
        /* r = rh - n*ln2_lo rounded, and d its rounding error: rh - r is
         * exact (r is close to rh), so one more FMA gives d to ~2^-48. */
        r = _mm512_fnmadd_ps(n, _mm512_set1_ps(LANES_EXPF_LN2_LO), rh);
        __m512 d = _mm512_fnmadd_ps(n, _mm512_set1_ps(LANES_EXPF_LN2_LO), _mm512_sub_ps(rh, r));
        __m512 p = _mm512_fmadd_ps(_mm512_set1_ps(LANES_EXPF_C6), r, _mm512_set1_ps(LANES_EXPF_C5));
        p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(LANES_EXPF_C4));
        p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(LANES_EXPF_C3));
        p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(LANES_EXPF_C2));
        /* 1 + q rounded once, then scaled exactly unless the result is
         * subnormal or overflows, where scalef rounds once more: the same as
         * fma(2^n, q, 2^n) in the normal range. */
        y = _mm512_add_ps(_mm512_set1_ps(1.0f),
                          _mm512_add_ps(r, _mm512_fmadd_ps(p, _mm512_mul_ps(r, r), d)));
    }
    return _mm512_scalef_ps(y, n);
}

static inline __m512 expf16(__m512 x)
{
    return expf16_any(x, 0);
}

static inline __m512 sigmoidf16(__m512 x)
{
    /* e = exp(-|x|); 1/(1+e) for x >= 0, e/(1+e) for x < 0 */
    __m512 e = expf16_any(_mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(x),
                                                               _mm512_set1_epi32((int)0x80000000u))),
                          1);
    __mmask16 neg = _mm512_movepi32_mask(_mm512_castps_si512(x));
    __m512 num = _mm512_mask_blend_ps(neg, _mm512_set1_ps(1.0f), e);
    /* A true division: measured faster here than rcp14 plus a Newton step,
     * which costs three more 512-bit operations. */
    return _mm512_div_ps(num, _mm512_add_ps(_mm512_set1_ps(1.0f), e));
}

/* y = f(x) over n floats: two vectors per step.  The tail (see avx512.h
 * on masked accesses): the last 16 floats computed whole, from x as it is
 * before any store (y may be x), and stored last, over lanes the loop wrote
 * with the same values; fewer than 16 in one masked step where its window
 * stays within a page, else in the short layout. */
static inline void map16(__m512 (*f)(__m512), size_t n, const float *x, float *y)
{
    if (n < 16) {
        if (lanes_in_page(x, 64) && lanes_in_page(y, 64)) {
            const __mmask16 m = lanes_avx512_mask16(n);
            _mm512_mask_storeu_ps(y, m, f(_mm512_maskz_loadu_ps(m, x)));
        } else {
            lanes_avx512_store_short(n, y, f(lanes_avx512_load_short(n, x, _mm512_setzero_ps())));
        }
        return;
    }
    __m512 last = _mm512_setzero_ps();
    if (n % 16)
        last = f(_mm512_loadu_ps(x + n - 16));
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m512 a = f(_mm512_loadu_ps(x + i)), b = f(_mm512_loadu_ps(x + i + 16));
        _mm512_storeu_ps(y + i, a);
        _mm512_storeu_ps(y + i + 16, b);
    }
    for (; i + 16 <= n; i += 16)
        _mm512_storeu_ps(y + i, f(_mm512_loadu_ps(x + i)));
    if (i < n)
        _mm512_storeu_ps(y + n - 16, last);
}

void lanes_expf_avx512(size_t n, const float *x, float *y)
{
    map16(expf16, n, x, y);
}

void lanes_sigmoidf_avx512(size_t n, const float *x, float *y)
{
    map16(sigmoidf16, n, x, y);
}

/* Softmax in three passes over a row: the max; y = exp(x - max) with the
 * sum; y *= 1/sum.  Each ends as map16 does: its last 16 floats whole,
 * overlapping the loop (read before any store: y may be x), or a row
 * shorter than 16 in one masked step (within a page) or the short layout.
 * The first two are also kernels of their own (log-softmax and the fused
 * softmax cross-entropy are built on them in kernels/frame). */
static inline float rowmax16(size_t n, const float *x)
{
    const size_t full = n & ~(size_t)15;
    const __m512 ninf = _mm512_set1_ps(-__builtin_inff());
    if (n < 16) /* an element held twice changes no max */
        return _mm512_reduce_max_ps(
            lanes_in_page(x, 64) ? _mm512_mask_loadu_ps(ninf, lanes_avx512_mask16(n), x)
                                 : lanes_avx512_load_short(n, x, ninf));
    __m512 m0 = ninf, m1 = ninf;
    size_t i = 0;
    for (; i + 32 <= full; i += 32) {
        m0 = _mm512_max_ps(m0, _mm512_loadu_ps(x + i));
        m1 = _mm512_max_ps(m1, _mm512_loadu_ps(x + i + 16));
    }
    if (i < full)
        m0 = _mm512_max_ps(m0, _mm512_loadu_ps(x + i));
    if (full < n)
        m1 = _mm512_max_ps(m1, _mm512_loadu_ps(x + n - 16));
    return _mm512_reduce_max_ps(_mm512_max_ps(m0, m1));
}

/* sum of exp(x - shift), storing each term in y unless y is NULL.  Every
 * argument is <= 0 here (shift is the row max), so the lighter exp variant
 * serves: ~0.8 ULP per term, well inside what the sum itself rounds. */
static inline float expsum16(size_t n, const float *x, float shift, float *y)
{
    const size_t full = n & ~(size_t)15;
    const __m512 m = _mm512_set1_ps(shift);
    if (n < 16) { /* lanes past the row hold the max: exp(0), never an overflow */
        /* both ways the same lanes: the same sum, bit for bit */
        const int masked = lanes_in_page(x, 64) && (!y || lanes_in_page(y, 64));
        const __mmask16 tail = lanes_avx512_mask16(n);
        const __m512 v = masked ? _mm512_mask_loadu_ps(m, tail, x)
                                : _mm512_mask_mov_ps(m, tail, lanes_avx512_load_row(n, x));
        __m512 a = expf16_any(_mm512_sub_ps(v, m), 1);
        if (y && masked)
            _mm512_mask_storeu_ps(y, tail, a);
        else if (y)
            lanes_avx512_store_row(n, y, a);
        return _mm512_reduce_add_ps(_mm512_maskz_mov_ps(tail, a));
    }
    const __m512 xl = _mm512_loadu_ps(x + n - 16); /* before y (maybe x) changes */
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= full; i += 32) {
        __m512 a = expf16_any(_mm512_sub_ps(_mm512_loadu_ps(x + i), m), 1);
        __m512 b = expf16_any(_mm512_sub_ps(_mm512_loadu_ps(x + i + 16), m), 1);
        if (y) {
            _mm512_storeu_ps(y + i, a);
            _mm512_storeu_ps(y + i + 16, b);
        }
        s0 = _mm512_add_ps(s0, a);
        s1 = _mm512_add_ps(s1, b);
    }
    if (i < full) {
        __m512 a = expf16_any(_mm512_sub_ps(_mm512_loadu_ps(x + i), m), 1);
        if (y)
            _mm512_storeu_ps(y + i, a);
        s0 = _mm512_add_ps(s0, a);
    }
    if (full < n) {
        __m512 a = expf16_any(_mm512_sub_ps(xl, m), 1);
        if (y)
            _mm512_storeu_ps(y + n - 16, a);
        /* only the top n - full lanes are new */
        s1 = _mm512_mask_add_ps(s1, (__mmask16)(0xffffu << (16 - (n - full))), s1, a);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

static inline void scale16(size_t n, float *y, float s)
{
    const size_t full = n & ~(size_t)15;
    const __m512 v = _mm512_set1_ps(s);
    if (n < 16) {
        const __mmask16 tail = lanes_avx512_mask16(n);
        if (lanes_in_page(y, 64))
            _mm512_mask_storeu_ps(y, tail, _mm512_mul_ps(_mm512_maskz_loadu_ps(tail, y), v));
        else
            lanes_avx512_store_short(n, y, _mm512_mul_ps(lanes_avx512_load_short(n, y, v), v));
        return;
    }
    const __m512 last = _mm512_mul_ps(_mm512_loadu_ps(y + n - 16), v); /* before the loop */
    for (size_t i = 0; i < full; i += 16)
        _mm512_storeu_ps(y + i, _mm512_mul_ps(_mm512_loadu_ps(y + i), v));
    if (full < n)
        _mm512_storeu_ps(y + n - 16, last);
}

/* A row that fits one vector stays in a register from load to store: one
 * load, two reductions, one store (masked within a page, else the short
 * layout). */
static inline __m512 softmax_vec16(__m512 v, __mmask16 once)
{
    __m512 e = expf16_any(_mm512_sub_ps(v, _mm512_set1_ps(_mm512_reduce_max_ps(v))), 1);
    const float sum = _mm512_reduce_add_ps(_mm512_maskz_mov_ps(once, e));
    return _mm512_mul_ps(e, _mm512_set1_ps(1.0f / sum));
}

/* Out of line: inlined, it cost the masked path 12% (one row, n <= 16). */
static __attribute__((noinline, cold)) void softmax_row16_short(size_t n, const float *x,
                                                                float *y)
{
    /* the lanes of the masked path: the same result, bit for bit */
    const __mmask16 m = lanes_avx512_mask16(n);
    const __m512 v = _mm512_mask_mov_ps(_mm512_set1_ps(-__builtin_inff()), m,
                                        lanes_avx512_load_row(n, x));
    lanes_avx512_store_row(n, y, softmax_vec16(v, m));
}

static inline void softmax_row16(size_t n, const float *x, float *y)
{
    if (n < 16 && !(lanes_in_page(x, 64) && lanes_in_page(y, 64))) {
        softmax_row16_short(n, x, y);
        return;
    }
    const __mmask16 m = lanes_avx512_mask16(n & 15) | (n == 16 ? 0xffff : 0);
    const __m512 v = _mm512_mask_loadu_ps(_mm512_set1_ps(-__builtin_inff()), m, x);
    _mm512_mask_storeu_ps(y, m, softmax_vec16(v, m));
}

/* In-register transpose of 16 x 16 floats: r[i][j] becomes r[j][i]. */
static inline void transpose16x16(__m512 r[16])
{
    __m512 t[16];
    for (int i = 0; i < 16; i += 2) {
        t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 16; i += 4) {
        r[i] = _mm512_shuffle_ps(t[i], t[i + 2], 0x44);
        r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], 0xEE);
        r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0x44);
        r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
    }
    for (int k = 0; k < 4; k++) {
        t[k] = _mm512_shuffle_f32x4(r[k], r[4 + k], 0x88);
        t[4 + k] = _mm512_shuffle_f32x4(r[k], r[4 + k], 0xDD);
        t[8 + k] = _mm512_shuffle_f32x4(r[8 + k], r[12 + k], 0x88);
        t[12 + k] = _mm512_shuffle_f32x4(r[8 + k], r[12 + k], 0xDD);
    }
    for (int k = 0; k < 4; k++) {
        r[k] = _mm512_shuffle_f32x4(t[k], t[8 + k], 0x88);
        r[8 + k] = _mm512_shuffle_f32x4(t[k], t[8 + k], 0xDD);
        r[4 + k] = _mm512_shuffle_f32x4(t[4 + k], t[12 + k], 0x88);
        r[12 + k] = _mm512_shuffle_f32x4(t[4 + k], t[12 + k], 0xDD);
    }
}

/* 16 short rows (cols <= 16) at once: transposed, a column holds one
 * element of each row, so the max, the sum and 1/sum are plain vertical
 * operations (no horizontal reductions) and exp runs on cols vectors, not
 * 16 mostly empty ones.  cols is a constant in each instance. */
/* Whether row i's 16-lane window (cols < 16 a row) reaches past the block */
static inline int row_past_block16(int i, int cols)
{
    return i * cols + 16 > 16 * cols;
}

static inline __attribute__((always_inline)) void softmax_16rows(const int cols, const float *x,
                                                                 float *y, int last)
{
    const __mmask16 m = (__mmask16)((1u << cols) - 1);
    __m512 r[16];
    /* A row's masked-off lanes fall on later rows, or past the block for
     * the last few: with `last` (the final block, and past its end another
     * page), those rows go without a masked access. */
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++)
        r[i] = cols == 16 ? _mm512_loadu_ps(x + i * cols)
               : last && row_past_block16(i, cols)
                   ? lanes_avx512_load_row(cols, x + i * cols)
                   : _mm512_mask_loadu_ps(_mm512_setzero_ps(), m, x + i * cols);
    transpose16x16(r);
    __m512 mx = r[0];
#pragma GCC unroll 16
    for (int j = 1; j < cols; j++)
        mx = _mm512_max_ps(mx, r[j]);
    __m512 s = _mm512_setzero_ps();
#pragma GCC unroll 16
    for (int j = 0; j < cols; j++) {
        r[j] = expf16_any(_mm512_sub_ps(r[j], mx), 1);
        s = _mm512_add_ps(s, r[j]);
    }
    __m512 inv = _mm512_div_ps(_mm512_set1_ps(1.0f), s);
#pragma GCC unroll 16
    for (int j = 0; j < cols; j++)
        r[j] = _mm512_mul_ps(r[j], inv);
    transpose16x16(r);
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++) {
        if (cols == 16)
            _mm512_storeu_ps(y + i * cols, r[i]);
        else if (last && row_past_block16(i, cols))
            lanes_avx512_store_row(cols, y + i * cols, r[i]);
        else
            _mm512_mask_storeu_ps(y + i * cols, m, r[i]);
    }
}

#define LANES_SOFTMAX_CASE(C)                                                                    \
    case C:                                                                                      \
        for (; r + 16 <= rows; r += 16, x += 16 * C, y += 16 * C)                                \
            softmax_16rows(C, x, y,                                                              \
                           r + 16 == rows && !(lanes_in_page(x + 16 * C - 1, 64) &&              \
                                               lanes_in_page(y + 16 * C - 1, 64)));              \
        break;

void lanes_softmaxf_avx512(size_t rows, size_t cols, const float *x, float *y)
{
    if (cols <= 16) {
        size_t r = 0;
        switch (cols) {
            LANES_SOFTMAX_CASE(1) LANES_SOFTMAX_CASE(2) LANES_SOFTMAX_CASE(3)
            LANES_SOFTMAX_CASE(4) LANES_SOFTMAX_CASE(5) LANES_SOFTMAX_CASE(6)
            LANES_SOFTMAX_CASE(7) LANES_SOFTMAX_CASE(8) LANES_SOFTMAX_CASE(9)
            LANES_SOFTMAX_CASE(10) LANES_SOFTMAX_CASE(11) LANES_SOFTMAX_CASE(12)
            LANES_SOFTMAX_CASE(13) LANES_SOFTMAX_CASE(14) LANES_SOFTMAX_CASE(15)
            LANES_SOFTMAX_CASE(16)
        }
        for (; r < rows; r++, x += cols, y += cols)
            softmax_row16(cols, x, y);
        return;
    }
    for (size_t r = 0; r < rows; r++, x += cols, y += cols)
        scale16(cols, y, 1.0f / expsum16(cols, x, rowmax16(cols, x), y));
}

float lanes_rowmaxf_avx512(size_t n, const float *x)
{
    return rowmax16(n, x);
}

float lanes_expsumf_avx512(size_t n, const float *x, float shift, float *y)
{
    return expsum16(n, x, shift, y);
}
