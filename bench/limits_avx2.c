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

/* 12 FMAs of 8 floats an iteration */
const double lanes_bench_fma_iter_flops_avx2 = 12 * 8 * 2;

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
    return (double)iters * lanes_bench_fma_iter_flops_avx2 / dt;
}

/* One core's read bandwidth: the buffer is read as 1, 2 and 4 concurrent
 * streams (equal parts, walked together) and the best rate counts.  One
 * stream alone understates what a kernel reading several arrays reaches: on
 * a Zen 5 VM here one stream read 17-18 GB/s, four 26-41 GB/s, and axpy
 * (two reads and a write) moved 47. */
double lanes_bench_read_bw(const float *buf, unsigned long n, int reps)
{
    double best = 0;
    for (int r = 0; r < reps; r++)
        for (unsigned s = 1; s <= 4; s *= 2) {
            const unsigned long part = n / s / 32 * 32;
            __m256 acc[4][2];
            for (unsigned j = 0; j < 4; j++)
                acc[j][0] = acc[j][1] = _mm256_setzero_ps();
            double t0 = now();
            for (unsigned long i = 0; i < part; i += 16)
                for (unsigned j = 0; j < s; j++) { /* s is small: unrolled by the compiler */
                    const float *p = buf + j * part + i;
                    acc[j][0] = _mm256_add_ps(acc[j][0], _mm256_loadu_ps(p));
                    acc[j][1] = _mm256_add_ps(acc[j][1], _mm256_loadu_ps(p + 8));
                }
            double dt = now() - t0;
            __m256 sum = _mm256_setzero_ps();
            for (unsigned j = 0; j < 4; j++)
                sum = _mm256_add_ps(sum, _mm256_add_ps(acc[j][0], acc[j][1]));
            volatile float sink = _mm256_cvtss_f32(sum);
            (void)sink;
            double bw = (double)part * s * sizeof(float) / dt;
            best = bw > best ? bw : best;
        }
    return best;
}

/* One core's streaming update y[i] += x[i], counted as STREAM does (two reads
 * and a write per element, 12 bytes a float): the shape of axpy. */
double lanes_bench_update_bw(const float *x, float *y, unsigned long n, int reps)
{
    double best = 0;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        for (unsigned long i = 0; i + 16 <= n; i += 16) {
            _mm256_storeu_ps(y + i, _mm256_add_ps(_mm256_loadu_ps(y + i), _mm256_loadu_ps(x + i)));
            _mm256_storeu_ps(y + i + 8,
                             _mm256_add_ps(_mm256_loadu_ps(y + i + 8), _mm256_loadu_ps(x + i + 8)));
        }
        double dt = now() - t0;
        double bw = 3.0 * (double)n * sizeof(float) / dt;
        best = bw > best ? bw : best;
    }
    return best;
}
