/* The yardsticks of bench_vmath, as plain C entry points: SLEEF u10 and
 * glibc's libmvec at one vector width, loops written the way a careful user
 * would (full vectors, one masked tail).  vmath_ref_tmpl.h instantiates them
 * for AVX2 and AVX-512. */
#ifndef LANES_BENCH_VMATH_REF_H
#define LANES_BENCH_VMATH_REF_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LANES_VMATH_REFS(isa)                                                              \
    void ref_sleef_expf_##isa(size_t n, const float *x, float *y);                        \
    void ref_libmvec_expf_##isa(size_t n, const float *x, float *y);                      \
    void ref_sleef_sigmoidf_##isa(size_t n, const float *x, float *y);                    \
    void ref_sleef_softmaxf_##isa(size_t rows, size_t cols, const float *x, float *y);
LANES_VMATH_REFS(avx2)
LANES_VMATH_REFS(avx512)
#undef LANES_VMATH_REFS

#ifdef __cplusplus
}
#endif
#endif
