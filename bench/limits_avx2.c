/* FMA-peak probe for AVX2 (built with -mavx2 -mfma): 12 independent chains
 * cover FMA latency (4) x pipes (2) with room to spare. */
#include <immintrin.h>
#include <time.h>

#include "limits.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double lanes_bench_fma_peak_avx2(long iters)
{
    /* Separate variables, not an array: the chains must live in registers. */
    const __m256 m = _mm256_set1_ps(0.9999999f), c = _mm256_set1_ps(1e-7f);
    __m256 a0 = _mm256_set1_ps(0.0f), a1 = _mm256_set1_ps(1.0f), a2 = _mm256_set1_ps(2.0f), a3 = _mm256_set1_ps(3.0f), a4 = _mm256_set1_ps(4.0f), a5 = _mm256_set1_ps(5.0f), a6 = _mm256_set1_ps(6.0f), a7 = _mm256_set1_ps(7.0f), a8 = _mm256_set1_ps(8.0f), a9 = _mm256_set1_ps(9.0f), a10 = _mm256_set1_ps(10.0f), a11 = _mm256_set1_ps(11.0f);
    double t0 = now();
    for (long i = 0; i < iters; i++) {
        a0 = _mm256_fmadd_ps(a0, m, c);
        a1 = _mm256_fmadd_ps(a1, m, c);
        a2 = _mm256_fmadd_ps(a2, m, c);
        a3 = _mm256_fmadd_ps(a3, m, c);
        a4 = _mm256_fmadd_ps(a4, m, c);
        a5 = _mm256_fmadd_ps(a5, m, c);
        a6 = _mm256_fmadd_ps(a6, m, c);
        a7 = _mm256_fmadd_ps(a7, m, c);
        a8 = _mm256_fmadd_ps(a8, m, c);
        a9 = _mm256_fmadd_ps(a9, m, c);
        a10 = _mm256_fmadd_ps(a10, m, c);
        a11 = _mm256_fmadd_ps(a11, m, c);
    }
    double dt = now() - t0;
    __m256 s = _mm256_add_ps( _mm256_add_ps( _mm256_add_ps( _mm256_add_ps( _mm256_add_ps( _mm256_add_ps( _mm256_add_ps( _mm256_add_ps( _mm256_add_ps( _mm256_add_ps( _mm256_add_ps(a0, a1), a2), a3), a4), a5), a6), a7), a8), a9), a10), a11);
    volatile float sink = _mm256_cvtss_f32(s);
    (void)sink;
    return (double)iters * 12 * 8 * 2 / dt;
}

double lanes_bench_read_bw(const float *buf, unsigned long n, int reps)
{
    double best = 0;
    for (int r = 0; r < reps; r++) {
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
        double t0 = now();
        for (unsigned long i = 0; i + 32 <= n; i += 32) {
            a0 = _mm256_add_ps(a0, _mm256_loadu_ps(buf + i));
            a1 = _mm256_add_ps(a1, _mm256_loadu_ps(buf + i + 8));
            a2 = _mm256_add_ps(a2, _mm256_loadu_ps(buf + i + 16));
            a3 = _mm256_add_ps(a3, _mm256_loadu_ps(buf + i + 24));
        }
        double dt = now() - t0;
        volatile float sink = _mm256_cvtss_f32(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
        (void)sink;
        double bw = (double)n * sizeof(float) / dt;
        best = bw > best ? bw : best;
    }
    return best;
}
