/* gemv, AVX2 + FMA: the template gemv.h for float and double. */
#include "avx2.h"

#define T float
#define V __m256
#define W 8
#define MASKGEN lanes_avx2_mask_ps
#define OP(name) _mm256_##name##_ps
#define ROW(p, n) lanes_avx2_load_row(n, p)
#define STROW(p, n, v) lanes_avx2_store_row(n, p, v)
#define SUM4 lanes_avx2_sum4_ps
#define DOT lanes_sdot_avx2
#define NAME_N lanes_sgemv_n_avx2
#define NAME_T lanes_sgemv_t_avx2
#include "gemv.h"
#undef T
#undef V
#undef W
#undef MASKGEN
#undef OP
#undef ROW
#undef STROW
#undef SUM4
#undef DOT
#undef NAME_N
#undef NAME_T

#define T double
#define V __m256d
#define W 4
#define MASKGEN lanes_avx2_mask_pd
#define OP(name) _mm256_##name##_pd
#define ROW(p, n) lanes_avx2_load_row_pd(n, p)
#define STROW(p, n, v) lanes_avx2_store_row_pd(n, p, v)
#define SUM4 lanes_avx2_sum4_pd
#define DOT lanes_ddot_avx2
#define NAME_N lanes_dgemv_n_avx2
#define NAME_T lanes_dgemv_t_avx2
#include "gemv.h"
