/* FMA-peak probe for AVX-512 (built with -mavx512f -mfma); see limits_avx2.c. */
#include <immintrin.h>
#include <time.h>

#include "limits.h"

/* 16 FMAs of 16 floats an iteration */
const double lanes_bench_fma_iter_flops_avx512 = 16 * 16 * 2;

double lanes_bench_fma_peak_avx512(long iters)
{
    /* Separate variables, not an array: the chains must live in registers. */
    const __m512 m = _mm512_set1_ps(0.9999999f), c = _mm512_set1_ps(1e-7f);
    __m512 a0 = _mm512_set1_ps(0.0f), a1 = _mm512_set1_ps(1.0f), a2 = _mm512_set1_ps(2.0f), a3 = _mm512_set1_ps(3.0f), a4 = _mm512_set1_ps(4.0f), a5 = _mm512_set1_ps(5.0f), a6 = _mm512_set1_ps(6.0f), a7 = _mm512_set1_ps(7.0f), a8 = _mm512_set1_ps(8.0f), a9 = _mm512_set1_ps(9.0f), a10 = _mm512_set1_ps(10.0f), a11 = _mm512_set1_ps(11.0f), a12 = _mm512_set1_ps(12.0f), a13 = _mm512_set1_ps(13.0f), a14 = _mm512_set1_ps(14.0f), a15 = _mm512_set1_ps(15.0f);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < iters; i++) {
        a0 = _mm512_fmadd_ps(a0, m, c);
        a1 = _mm512_fmadd_ps(a1, m, c);
        a2 = _mm512_fmadd_ps(a2, m, c);
        a3 = _mm512_fmadd_ps(a3, m, c);
        a4 = _mm512_fmadd_ps(a4, m, c);
        a5 = _mm512_fmadd_ps(a5, m, c);
        a6 = _mm512_fmadd_ps(a6, m, c);
        a7 = _mm512_fmadd_ps(a7, m, c);
        a8 = _mm512_fmadd_ps(a8, m, c);
        a9 = _mm512_fmadd_ps(a9, m, c);
        a10 = _mm512_fmadd_ps(a10, m, c);
        a11 = _mm512_fmadd_ps(a11, m, c);
        a12 = _mm512_fmadd_ps(a12, m, c);
        a13 = _mm512_fmadd_ps(a13, m, c);
        a14 = _mm512_fmadd_ps(a14, m, c);
        a15 = _mm512_fmadd_ps(a15, m, c);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double dt = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    __m512 s = _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps( _mm512_add_ps(a0, a1), a2), a3), a4), a5), a6), a7), a8), a9), a10), a11), a12), a13), a14), a15);
    volatile float sink = _mm512_reduce_add_ps(s);
    (void)sink;
    return (double)iters * lanes_bench_fma_iter_flops_avx512 / dt;
}
