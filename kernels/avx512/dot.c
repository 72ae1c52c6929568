/* dot, AVX-512: the template dot.h for float and double. */
#include "avx512.h"
#include "kernels/avx2/avx2.h"

#define T float
#define V __m512
#define W 16
#define INC_MAX 4
#define MASK __mmask16
#define MASKGEN lanes_avx512_mask16
#define OP(name) _mm512_##name##_ps
#define SHORTDOT lanes_sdot16
#define SHORTMAX 16
#define OP256(name) _mm256_##name##_ps
#define HSUM256 lanes_avx2_hsum_ps
#define V256 __m256
#define JOIN256(lo, hi) _mm512_insertf32x8(_mm512_castps256_ps512(lo), hi, 1)
#define NAME lanes_sdot_avx512
#define NAME256 lanes_sdot_avx512_ymm
#include "dot.h"
#undef T
#undef V
#undef W
#undef INC_MAX
#undef MASK
#undef MASKGEN
#undef OP
#undef SHORTDOT
#undef SHORTMAX
#undef OP256
#undef HSUM256
#undef V256
#undef JOIN256
#undef NAME
#undef NAME256

/* n <= 16 doubles: the first and the last eight (from n = 9), the last's
 * lanes already in the first left out.  Before, 9-16 took the general
 * path's loop set-up and masked tail: lanes_ab, ddot 12 1.12x; ddot 4 and
 * 64, whose size tests are the same count, 1.00x. */
static inline double lanes_ddot16_avx512(size_t n, const double *x, const double *y)
{
    if (__builtin_expect(n <= 8, 1))
        return lanes_ddot8(n, x, y);
    const __m512d p = _mm512_maskz_mul_pd((__mmask8)~lanes_avx512_mask8(16 - n),
                                          _mm512_loadu_pd(x + n - 8), _mm512_loadu_pd(y + n - 8));
    return _mm512_reduce_add_pd(_mm512_fmadd_pd(_mm512_loadu_pd(x), _mm512_loadu_pd(y), p));
}

#define T double
#define V __m512d
#define W 8
#define INC_MAX 2
#define MASK __mmask8
#define MASKGEN lanes_avx512_mask8
#define OP(name) _mm512_##name##_pd
#define SHORTDOT lanes_ddot16_avx512
#define SHORTMAX 16
#define OP256(name) _mm256_##name##_pd
#define HSUM256 lanes_avx2_hsum_pd
#define V256 __m256d
#define JOIN256(lo, hi) _mm512_insertf64x4(_mm512_castpd256_pd512(lo), hi, 1)
#define NAME lanes_ddot_avx512
#define NAME256 lanes_ddot_avx512_ymm
#include "dot.h"
