/* axpy, AVX2 + FMA: the template axpy.h for float and double. */
#include "avx2.h"

#define T float
#define V __m256
#define W 8
#define OP(name) _mm256_##name##_ps
#define FMA __builtin_fmaf
#define NAME lanes_saxpy_avx2
#define INC_MAX 4
#define INC_MASK_OF lanes_avx2_bits_ps
#define INC_STORE(p, m, v) _mm256_maskstore_ps(p, m, v)
#include "axpy.h"
#undef T
#undef V
#undef W
#undef OP
#undef FMA
#undef NAME
#undef INC_MAX
#undef INC_MASK_OF
#undef INC_STORE

#define T double
#define V __m256d
#define W 4
#define OP(name) _mm256_##name##_pd
#define FMA __builtin_fma
#define NAME lanes_daxpy_avx2
#define INC_MAX 2
#define INC_MASK_OF lanes_avx2_bits_pd
#define INC_STORE(p, m, v) _mm256_maskstore_pd(p, m, v)
#include "axpy.h"
