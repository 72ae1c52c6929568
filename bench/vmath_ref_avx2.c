/* AVX2 yardsticks (vmath_ref.h); built with -mavx2 -mfma only. */
#include <immintrin.h>
#include <sleef.h>

#include "vmath_ref.h"

static inline float hmax8(__m256 v)
{
    float t[8], m;
    _mm256_storeu_ps(t, v);
    m = t[0];
    for (int i = 1; i < 8; i++)
        m = t[i] > m ? t[i] : m;
    return m;
}

static inline float hadd8(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
}

static inline __m256i mask8(size_t rem)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)rem), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

#define ISA avx2
#define V __m256
#define W 8
#define MASK __m256i
#define LOAD(p, m) _mm256_maskload_ps(p, m)
#define STORE(p, m, v) _mm256_maskstore_ps(p, m, v)
#define TAILMASK(rem) mask8(rem)
#define SLEEF_EXP Sleef_expf8_u10avx2
#define MVEC_EXP _ZGVdN8v_expf
#define OP(name) _mm256_##name##_ps
#define REDUCE_ADD(v) hadd8(v)
#define REDUCE_MAX(v) hmax8(v)
#include "vmath_ref_tmpl.h"
