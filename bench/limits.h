/* This machine's limits, measured: FMA peak and memory bandwidth.  Every
 * benchmark figure is also shown as a fraction of these. */
#ifndef LANES_BENCH_LIMITS_H
#define LANES_BENCH_LIMITS_H

#ifdef __cplusplus
extern "C" {
#endif

/* FLOP/s of one thread issuing only independent FMAs (float32 lanes; the
 * float64 peak is half).  The AVX-512 probe is used when the CPU has it. */
double lanes_bench_fma_peak_avx2(long iters);
double lanes_bench_fma_peak_avx512(long iters);
/* the float FLOPs of one iteration of each */
extern const double lanes_bench_fma_iter_flops_avx2, lanes_bench_fma_iter_flops_avx512;
/* Bytes/s reading n floats (a vector sum over 1, 2 and 4 concurrent
 * streams), best of `reps`. */
double lanes_bench_read_bw(const float *buf, unsigned long n, int reps);
/* Bytes/s of y[i] += x[i] over n floats (12 bytes an element), best of `reps`. */
double lanes_bench_update_bw(const float *x, float *y, unsigned long n, int reps);

#ifdef __cplusplus
}
#endif
#endif
