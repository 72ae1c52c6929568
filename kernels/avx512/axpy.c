/* axpy, AVX-512: the template axpy.h for float and double (each at 512 and
 * 256 bits: V/OP/W are switched between the two inside axpy.h). */
#include "avx512.h"

#define T float
#define V512 __m512
#define V V512
#define W512 16
#define W W512
#define MASK __mmask16
#define MASKGEN lanes_avx512_mask16
#define OP512(name) _mm512_##name##_ps
#define OP OP512
#define V2 __m256
#define OP2(name) _mm256_##name##_ps
#define MASK2 __mmask8
#define MASKGEN2 lanes_avx512_mask8
#define NAME_512 lanes_saxpy_avx512
#define NAME NAME_512
#include "axpy.h"
#undef T
#undef V512
#undef V
#undef W512
#undef W
#undef MASK
#undef MASKGEN
#undef OP512
#undef OP
#undef V2
#undef OP2
#undef MASK2
#undef MASKGEN2
#undef NAME_512
#undef NAME

#define T double
#define V512 __m512d
#define V V512
#define W512 8
#define W W512
#define MASK __mmask8
#define MASKGEN lanes_avx512_mask8
#define OP512(name) _mm512_##name##_pd
#define OP OP512
#define V2 __m256d
#define OP2(name) _mm256_##name##_pd
#define MASK2 __mmask8
#define MASKGEN2 lanes_avx512_mask8
#define NAME_512 lanes_daxpy_avx512
#define NAME NAME_512
#include "axpy.h"
