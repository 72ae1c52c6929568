/* axpy, AVX-512: the template axpy.h for float and double. */
#include "avx512.h"

#define T float
#define V __m512
#define W 16
#define INC_MAX 4
#define MASK __mmask16
#define MASKGEN lanes_avx512_mask16
#define OP(name) _mm512_##name##_ps
#define FMA __builtin_fmaf
#define NAME lanes_saxpy_avx512
#define V256 __m256
#define OP256(name) _mm256_##name##_ps
#define NAME256 lanes_saxpy_avx512_ymm
#include "axpy.h"
#undef T
#undef V
#undef W
#undef INC_MAX
#undef MASK
#undef MASKGEN
#undef OP
#undef FMA
#undef NAME
#undef V256
#undef OP256
#undef NAME256

#define T double
#define V __m512d
#define W 8
#define INC_MAX 2
#define MASK __mmask8
#define MASKGEN lanes_avx512_mask8
#define OP(name) _mm512_##name##_pd
#define FMA __builtin_fma
#define NAME lanes_daxpy_avx512
#define V256 __m256d
#define OP256(name) _mm256_##name##_pd
#define NAME256 lanes_daxpy_avx512_ymm
#include "axpy.h"
