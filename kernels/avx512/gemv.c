/* gemv, AVX-512: the template gemv.h for float and double. */
#include "avx512.h"

#define T float
#define V __m512
#define W 16
#define MASK __mmask16
#define MASKGEN lanes_avx512_mask16
#define OP(name) _mm512_##name##_ps
#define ROW(p, n) lanes_avx512_load_row(n, p)
#define STROW(p, n, v) lanes_avx512_store_row(n, p, v)
#define ROW2(p, n) ((n) == 8 ? _mm256_loadu_ps(p) : lanes_avx2_load_row(n, p))
#define DOT lanes_sdot_avx512
#define SUM4 lanes_avx512_sum4_ps
#define V2 __m256
#define OP2(name) _mm256_##name##_ps
#define SUM4_256 lanes_avx2_sum4_ps
#define HSUM256 lanes_avx2_hsum_ps
#define NAME_N lanes_sgemv_n_avx512
#define NAME_T lanes_sgemv_t_avx512
#include "gemv.h"
#undef T
#undef V
#undef W
#undef MASK
#undef MASKGEN
#undef OP
#undef ROW
#undef STROW
#undef ROW2
#undef DOT
#undef SUM4
#undef V2
#undef OP2
#undef SUM4_256
#undef HSUM256
#undef NAME_N
#undef NAME_T

#define T double
#define V __m512d
#define W 8
#define MASK __mmask8
#define MASKGEN lanes_avx512_mask8
#define OP(name) _mm512_##name##_pd
#define ROW(p, n) lanes_avx512_load_row_pd(n, p)
#define STROW(p, n, v) lanes_avx512_store_row_pd(n, p, v)
#define ROW2(p, n) ((n) == 4 ? _mm256_loadu_pd(p) : lanes_avx2_load_row_pd(n, p))
#define DOT lanes_ddot_avx512
#define SUM4 lanes_avx512_sum4_pd
#define V2 __m256d
#define OP2(name) _mm256_##name##_pd
#define SUM4_256 lanes_avx2_sum4_pd
#define HSUM256 lanes_avx2_hsum_pd
#define NAME_N lanes_dgemv_n_avx512
#define NAME_T lanes_dgemv_t_avx512
#include "gemv.h"
