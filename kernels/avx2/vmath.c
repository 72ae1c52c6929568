/* exp, sigmoid and softmax for float32, AVX2 + FMA.  The algorithm and its
 * constants are in kernels/expf_consts.h. */
#include "avx2.h"
#include "kernels/expf_consts.h"

/* r and q = exp(r) - 1 for n = round(x / ln2), shared by both paths below.
 * `sig` selects the variant used inside sigmoid, where the argument is
 * never positive and 3 ULP are allowed: no compensation of r's rounding, a
 * plain Horner polynomial. */
static inline __m256 expm1_reduced8(__m256 x, __m256 n, const int sig)
{
    __m256 rh = _mm256_fnmadd_ps(n, _mm256_set1_ps(LANES_EXPF_LN2_HI), x);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LANES_EXPF_LN2_LO), rh);
    __m256 p = _mm256_fmadd_ps(_mm256_set1_ps(LANES_EXPF_C6), r, _mm256_set1_ps(LANES_EXPF_C5));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(LANES_EXPF_C4));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(LANES_EXPF_C3));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(LANES_EXPF_C2));
    if (sig)
        return _mm256_mul_ps(_mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f)), r);
    /* d, the rounding error of r: rh - r is exact (r is close to rh), so
     * one more FMA gives it to ~2^-48. */
    __m256 d = _mm256_fnmadd_ps(n, _mm256_set1_ps(LANES_EXPF_LN2_LO), _mm256_sub_ps(rh, r));
    return _mm256_add_ps(r, _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), d));
}

/* The full range, for vectors with any lane whose 2^n is not a normal
 * float: arguments clamped to [LO, HI] (NaN kept: max/min return their
 * second operand when either is NaN), and 2^n applied as two exact factors
 * so overflow and gradual underflow round once.  Out of line: rare. */
static __attribute__((noinline)) __m256 expf8_wide(__m256 x, const int sig)
{
    x = _mm256_min_ps(_mm256_set1_ps(LANES_EXPF_HI),
                      _mm256_max_ps(_mm256_set1_ps(LANES_EXPF_LO), x));
    const __m256 shift = _mm256_set1_ps(LANES_EXPF_SHIFT);
    __m256 n = _mm256_sub_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(LANES_EXPF_LOG2E), shift), shift);
    __m256 q = expm1_reduced8(x, n, sig);
    __m256i ni = _mm256_cvtps_epi32(n);
    __m256i n1 = _mm256_srai_epi32(ni, 1), n2 = _mm256_sub_epi32(ni, n1);
    const __m256i bias = _mm256_set1_epi32(127);
    __m256 s1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n1, bias), 23));
    __m256 s2 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n2, bias), 23));
    return _mm256_mul_ps(_mm256_mul_ps(_mm256_add_ps(_mm256_set1_ps(1.0f), q), s1), s2);
}

/* exp of 8 floats.  The common path has no clamps: 2^n comes straight from
 * the shift trick's bits (t = x*log2e + 1.5*2^23 keeps n in its low
 * mantissa bits), valid while |n| <= 126; any lane outside that (|x| above
 * ~87, +-Inf, huge) sends the vector to expf8_wide.  NaN stays NaN. */
static inline __m256 expf8_any(__m256 x, const int sig)
{
    const __m256 shift = _mm256_set1_ps(LANES_EXPF_SHIFT);
    __m256 t = _mm256_fmadd_ps(x, _mm256_set1_ps(LANES_EXPF_LOG2E), shift);
    __m256 n = _mm256_sub_ps(t, shift);
    __m256 q = expm1_reduced8(x, n, sig);
    __m256 scale = _mm256_castsi256_ps(_mm256_add_epi32(
        _mm256_slli_epi32(_mm256_castps_si256(t), 23), _mm256_set1_epi32(127 << 23)));
    __m256 res = _mm256_fmadd_ps(scale, q, scale);
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    __m256 special = _mm256_cmp_ps(_mm256_and_ps(n, absmask), _mm256_set1_ps(LANES_EXPF_NORMAL_N),
                                   _CMP_GT_OQ);
    if (__builtin_expect(_mm256_movemask_ps(special) != 0, 0))
        res = _mm256_blendv_ps(res, expf8_wide(x, sig), special);
    return res;
}

static inline __m256 expf8(__m256 x)
{
    return expf8_any(x, 0);
}

/* 1/(1+e) for x >= 0, e/(1+e) for x < 0, e = exp(-|x|): no cancellation,
 * one division. */
static inline __m256 sigmoidf8(__m256 x)
{
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 e = expf8_any(_mm256_or_ps(x, sign), 1);
    __m256 num = _mm256_blendv_ps(_mm256_set1_ps(1.0f), e, x);
    return _mm256_div_ps(num, _mm256_add_ps(_mm256_set1_ps(1.0f), e));
}

/* y = f(x) over n floats: two vectors per step.  The tail (a masked
 * access whose masked-off lanes reach a page not yet touched costs ~300
 * cycles, see avx2.h): the last 8 floats computed whole, from x before any
 * store (y may be x), and stored last, over lanes the loop wrote with the
 * same values; fewer than 8 in one masked step where its window stays
 * within a page, else in the short layout. */
static inline void map8(__m256 (*f)(__m256), size_t n, const float *x, float *y)
{
    if (n < 8) {
        if (lanes_in_page(x, 32) && lanes_in_page(y, 32)) {
            const __m256i m = lanes_avx2_mask_ps(n);
            _mm256_maskstore_ps(y, m, f(_mm256_maskload_ps(x, m)));
        } else {
            lanes_avx2_store_short(n, y, f(lanes_avx2_load_short(n, x, _mm256_setzero_ps())));
        }
        return;
    }
    __m256 last = _mm256_setzero_ps();
    if (n % 8)
        last = f(_mm256_loadu_ps(x + n - 8));
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256 a = f(_mm256_loadu_ps(x + i)), b = f(_mm256_loadu_ps(x + i + 8));
        _mm256_storeu_ps(y + i, a);
        _mm256_storeu_ps(y + i + 8, b);
    }
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, f(_mm256_loadu_ps(x + i)));
    if (i < n)
        _mm256_storeu_ps(y + n - 8, last);
}

void lanes_expf_avx2(size_t n, const float *x, float *y)
{
    map8(expf8, n, x, y);
}

void lanes_sigmoidf_avx2(size_t n, const float *x, float *y)
{
    map8(sigmoidf8, n, x, y);
}

/* Softmax in three passes over a row (max; y = exp(x - max) with the sum;
 * y *= 1/sum), each ending as map8 does: the last 8 whole (read before any
 * store: y may be x), or a row shorter than 8 in one masked step (within a
 * page) or the short layout.  The first two are also
 * kernels of their own (log-softmax and softmax cross-entropy use them). */
static inline float rowmax8(size_t n, const float *x)
{
    const size_t full = n & ~(size_t)7;
    const __m256 ninf = _mm256_set1_ps(-__builtin_inff());
    __m256 m0 = ninf, m1 = ninf;
    if (n < 8 && lanes_in_page(x, 32)) {
        const __m256i tail = lanes_avx2_mask_ps(n);
        m0 = _mm256_blendv_ps(ninf, _mm256_maskload_ps(x, tail), _mm256_castsi256_ps(tail));
    } else if (n < 8) { /* an element held twice changes no max */
        m0 = lanes_avx2_load_short(n, x, ninf);
    }
    size_t i = 0;
    for (; i + 16 <= full; i += 16) {
        m0 = _mm256_max_ps(m0, _mm256_loadu_ps(x + i));
        m1 = _mm256_max_ps(m1, _mm256_loadu_ps(x + i + 8));
    }
    if (i < full)
        m0 = _mm256_max_ps(m0, _mm256_loadu_ps(x + i));
    if (full < n && n >= 8)
        m1 = _mm256_max_ps(m1, _mm256_loadu_ps(x + n - 8));
    m0 = _mm256_max_ps(m0, m1);
    m0 = _mm256_max_ps(m0, _mm256_permute2f128_ps(m0, m0, 1));
    m0 = _mm256_max_ps(m0, _mm256_permute_ps(m0, 0x4e));
    m0 = _mm256_max_ps(m0, _mm256_permute_ps(m0, 0xb1));
    return _mm256_cvtss_f32(m0);
}

/* sum of exp(x - shift), storing each term in y unless y is NULL.  Every
 * argument is <= 0 here (shift is the row max), so the lighter exp variant
 * serves: ~0.8 ULP per term, well inside what the sum itself rounds. */
static inline float expsum8(size_t n, const float *x, float shift, float *y)
{
    const size_t full = n & ~(size_t)7;
    const __m256 m = _mm256_set1_ps(shift);
    if (n < 8) { /* fill lanes hold the max: exp(0), never the slow path */
        /* both ways the same lanes: the same sum, bit for bit */
        const int masked = lanes_in_page(x, 32) && (!y || lanes_in_page(y, 32));
        const __m256i tail = lanes_avx2_mask_ps(n);
        const __m256 xv = masked ? _mm256_maskload_ps(x, tail) : lanes_avx2_load_row(n, x);
        __m256 v = _mm256_blendv_ps(m, xv, _mm256_castsi256_ps(tail));
        __m256 a = expf8_any(_mm256_sub_ps(v, m), 1);
        if (y && masked)
            _mm256_maskstore_ps(y, tail, a);
        else if (y)
            lanes_avx2_store_row(n, y, a);
        return lanes_avx2_hsum_ps(_mm256_and_ps(a, _mm256_castsi256_ps(tail)));
    }
    const __m256 xl = _mm256_loadu_ps(x + n - 8); /* before y (maybe x) changes */
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 16 <= full; i += 16) {
        __m256 a = expf8_any(_mm256_sub_ps(_mm256_loadu_ps(x + i), m), 1);
        __m256 b = expf8_any(_mm256_sub_ps(_mm256_loadu_ps(x + i + 8), m), 1);
        if (y) {
            _mm256_storeu_ps(y + i, a);
            _mm256_storeu_ps(y + i + 8, b);
        }
        s0 = _mm256_add_ps(s0, a);
        s1 = _mm256_add_ps(s1, b);
    }
    if (i < full) {
        __m256 a = expf8_any(_mm256_sub_ps(_mm256_loadu_ps(x + i), m), 1);
        if (y)
            _mm256_storeu_ps(y + i, a);
        s0 = _mm256_add_ps(s0, a);
    }
    if (full < n) { /* the last 8 whole: the loop's lanes get the same values */
        __m256 a = expf8_any(_mm256_sub_ps(xl, m), 1);
        if (y)
            _mm256_storeu_ps(y + n - 8, a);
        /* only the top n - full lanes are new */
        const __m256i iota = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
        const __m256i top = _mm256_cmpgt_epi32(iota, _mm256_set1_epi32((int)(7 - (n - full))));
        s1 = _mm256_add_ps(s1, _mm256_and_ps(a, _mm256_castsi256_ps(top)));
    }
    return lanes_avx2_hsum_ps(_mm256_add_ps(s0, s1));
}

static inline void scale8(size_t n, float *y, float s)
{
    const size_t full = n & ~(size_t)7;
    const __m256 v = _mm256_set1_ps(s);
    if (n < 8) {
        const __m256i tail = lanes_avx2_mask_ps(n);
        if (lanes_in_page(y, 32))
            _mm256_maskstore_ps(y, tail, _mm256_mul_ps(_mm256_maskload_ps(y, tail), v));
        else
            lanes_avx2_store_short(n, y, _mm256_mul_ps(lanes_avx2_load_short(n, y, v), v));
        return;
    }
    const __m256 last = _mm256_mul_ps(_mm256_loadu_ps(y + n - 8), v); /* before the loop */
    for (size_t i = 0; i < full; i += 8)
        _mm256_storeu_ps(y + i, _mm256_mul_ps(_mm256_loadu_ps(y + i), v));
    if (full < n)
        _mm256_storeu_ps(y + n - 8, last);
}

/* In-register transpose of 8 x 8 floats. */
static inline void transpose8x8(__m256 r[8])
{
    __m256 t[8];
    for (int i = 0; i < 8; i += 2) {
        t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
        r[i] = _mm256_shuffle_ps(t[i], t[i + 2], 0x44);
        r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], 0xEE);
        r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0x44);
        r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
    }
    for (int k = 0; k < 4; k++) {
        t[k] = _mm256_permute2f128_ps(r[k], r[4 + k], 0x20);
        t[4 + k] = _mm256_permute2f128_ps(r[k], r[4 + k], 0x31);
    }
    for (int k = 0; k < 8; k++)
        r[k] = t[k];
}

/* Store lanes [0, n) of v, n a constant in 1..8, with plain stores. */
static inline __attribute__((always_inline)) void store_first8(float *p, __m256 v, const int n)
{
    if (n == 8) {
        _mm256_storeu_ps(p, v);
        return;
    }
    __m128 q = _mm256_castps256_ps128(v);
    if (n >= 4) {
        _mm_storeu_ps(p, q);
        p += 4;
        q = _mm256_extractf128_ps(v, 1);
    }
    const int r = n & 3;
    if (r >= 2) {
        _mm_storel_pi((__m64 *)p, q);
        p += 2;
        q = _mm_movehl_ps(q, q);
    }
    if (r & 1)
        _mm_store_ss(p, q);
}

/* 8 short rows (cols <= 16) at once, transposed so that max, sum and 1/sum
 * are vertical (see the AVX-512 version).  With 16 ymm registers the
 * transposed block lives in an aligned stack buffer, one column per vector,
 * and each pass streams it: the compiler's own spills were far worse.
 * Rows are loaded 8 (or 16) wide: the part past a row's end belongs to
 * later rows of the block and is never used; loads that would run past the
 * block are masked.  Stores are exact.  All loads come before any store, so
 * in-place works. */
static inline __attribute__((always_inline)) void softmax_8rows(const int cols, const float *x,
                                                                float *y, int last)
{
    const int two = cols > 8;
    const __m256i mlast = lanes_avx2_mask_ps((size_t)(two ? cols - 8 : cols));
    _Alignas(32) float col[16][8];
    __m256 v[8];
    for (int h = 0; h <= two; h++) {
#pragma GCC unroll 8
        for (int i = 0; i < 8; i++) {
            const float *xi = x + i * cols + 8 * h;
            const int over = i * cols + (two ? 16 : 8) > 8 * cols && h == two;
            /* with `last` (the final block, its end not a page's
             * interior), no masked load: see map8 */
            v[i] = !over  ? _mm256_loadu_ps(xi)
                   : last ? lanes_avx2_load_row((size_t)(two ? cols - 8 : cols), xi)
                          : _mm256_maskload_ps(xi, mlast);
        }
        transpose8x8(v);
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            _mm256_store_ps(col[8 * h + j], v[j]);
    }
    __m256 mx = _mm256_load_ps(col[0]);
#pragma GCC unroll 16
    for (int j = 1; j < cols; j++)
        mx = _mm256_max_ps(mx, _mm256_load_ps(col[j]));
    __m256 s = _mm256_setzero_ps();
#pragma GCC unroll 16
    for (int j = 0; j < cols; j++) {
        __m256 e = expf8_any(_mm256_sub_ps(_mm256_load_ps(col[j]), mx), 1);
        s = _mm256_add_ps(s, e);
        _mm256_store_ps(col[j], e);
    }
    const __m256 inv = _mm256_div_ps(_mm256_set1_ps(1.0f), s);
    /* back to rows; each row is stored exactly (no masked store: slow on
     * AMD), so the halves may go out in any order */
    for (int h = 0; h <= two; h++) {
#pragma GCC unroll 8
        for (int j = 0; j < 8; j++)
            v[j] = _mm256_mul_ps(_mm256_load_ps(col[8 * h + j]), inv);
        transpose8x8(v);
#pragma GCC unroll 8
        for (int i = 0; i < 8; i++)
            store_first8(y + i * cols + 8 * h, v[i], h == two ? (two ? cols - 8 : cols) : 8);
    }
}

#define LANES_SOFTMAX_CASE(C)                                                                    \
    case C:                                                                                      \
        for (; r + 8 <= rows; r += 8, x += 8 * C, y += 8 * C)                                    \
            softmax_8rows(C, x, y, r + 8 == rows && !lanes_in_page(x + 8 * C - 1, 32));          \
        break;

void lanes_softmaxf_avx2(size_t rows, size_t cols, const float *x, float *y)
{
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
        scale8(cols, y, 1.0f / expsum8(cols, x, rowmax8(cols, x), y));
}

float lanes_rowmaxf_avx2(size_t n, const float *x)
{
    return rowmax8(n, x);
}

float lanes_expsumf_avx2(size_t n, const float *x, float shift, float *y)
{
    return expsum8(n, x, shift, y);
}
