/* AVX-512 yardsticks (vmath_ref.h); built with the AVX-512 flags only. */
#include <immintrin.h>
#include <sleef.h>

#include "vmath_ref.h"

#define ISA avx512
#define V __m512
#define W 16
#define MASK __mmask16
#define LOAD(p, m) _mm512_maskz_loadu_ps(m, p)
#define STORE(p, m, v) _mm512_mask_storeu_ps(p, m, v)
#define TAILMASK(rem) ((__mmask16)((1u << (rem)) - 1))
#define SLEEF_EXP Sleef_expf16_u10avx512f
#define MVEC_EXP _ZGVeN16v_expf
#define OP(name) _mm512_##name##_ps
#define REDUCE_ADD(v) _mm512_reduce_add_ps(v)
#define REDUCE_MAX(v) _mm512_reduce_max_ps(v)
#include "vmath_ref_tmpl.h"
