// The FMA peak of 1 or 2 threads, measured now (the host's load drifts, so
// each benchmark compares against a probe run right after it).
#ifndef LANES_BENCH_PEAK_HPP
#define LANES_BENCH_PEAK_HPP

#include <algorithm>
#include <thread>

#include "limits.h"
#include "lanes.h"

// This CPU's FMA probe (limits.h): the widest one it has, and the float
// FLOPs of one of its iterations.
struct lanes_bench_probe {
    double (*run)(long iters); // FLOP/s
    double iter_flops;
};
inline lanes_bench_probe lanes_bench_probe_of_cpu()
{
    if (lanes_isa_supported("avx512"))
        return {lanes_bench_fma_peak_avx512, lanes_bench_fma_iter_flops_avx512};
    return {lanes_bench_fma_peak_avx2, lanes_bench_fma_iter_flops_avx2};
}

// FLOP/s (float32) of `threads` (1 or 2) threads issuing only FMAs, best of two.
inline double lanes_bench_peak_now(int threads, long iters)
{
    auto probe = lanes_bench_probe_of_cpu().run;
    double best = 0;
    for (int r = 0; r < 2; r++) {
        double two = 0;
        std::thread t;
        if (threads > 1)
            t = std::thread([&] { two = probe(iters); });
        double one = probe(iters);
        if (threads > 1)
            t.join();
        best = std::max(best, one + two);
    }
    return best;
}

#endif
