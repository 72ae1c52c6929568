/* dot, AVX-512: the template dot.h for float and double. */
#include "avx512.h"
#include "kernels/avx2/avx2.h"

#define T float
#define V __m512
#define W 16
#define MASK __mmask16
#define MASKGEN lanes_avx512_mask16
#define OP(name) _mm512_##name##_ps
#define OP256(name) _mm256_##name##_ps
#define HSUM256 lanes_avx2_hsum_ps
#define NAME lanes_sdot_avx512
#include "dot.h"
#undef T
#undef V
#undef W
#undef MASK
#undef MASKGEN
#undef OP
#undef OP256
#undef HSUM256
#undef NAME

#define T double
#define V __m512d
#define W 8
#define MASK __mmask8
#define MASKGEN lanes_avx512_mask8
#define OP(name) _mm512_##name##_pd
#define OP256(name) _mm256_##name##_pd
#define HSUM256 lanes_avx2_hsum_pd
#define NAME lanes_ddot_avx512
#include "dot.h"
