/* dot, AVX2 + FMA: the template dot.h for float and double. */
#include "avx2.h"

#define T float
#define V __m256
#define W 8
#define MASKGEN lanes_avx2_mask_ps
#define OP(name) _mm256_##name##_ps
#define LOADN lanes_avx2_loadn_ps
#define SHORTDOT lanes_sdot8
#define HSUM lanes_avx2_hsum_ps
#define NAME lanes_sdot_avx2
#define INC_MAX 4
#define INC_MASK __m256
#define INC_MASK_OF(b) _mm256_castsi256_ps(lanes_avx2_bits_ps(b))
#include "dot.h"
#undef T
#undef V
#undef W
#undef MASKGEN
#undef OP
#undef LOADN
#undef SHORTDOT
#undef HSUM
#undef INC_MAX
#undef INC_MASK
#undef INC_MASK_OF
#undef NAME

#define T double
#define V __m256d
#define W 4
#define MASKGEN lanes_avx2_mask_pd
#define OP(name) _mm256_##name##_pd
#define LOADN lanes_avx2_loadn_pd
#define SHORTDOT lanes_ddot4
#define HSUM lanes_avx2_hsum_pd
#define NAME lanes_ddot_avx2
#define INC_MAX 2
#define INC_MASK __m256d
#define INC_MASK_OF(b) _mm256_castsi256_pd(lanes_avx2_bits_pd(b))
#include "dot.h"
