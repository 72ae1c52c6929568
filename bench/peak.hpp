// The FMA peak of 1 or 2 threads, measured now (the host's load drifts, so
// each benchmark compares against a probe run right after it).
#ifndef LANES_BENCH_PEAK_HPP
#define LANES_BENCH_PEAK_HPP

#include <algorithm>
#include <thread>

#include "limits.h"
#include "lanes.h"

// FLOP/s (float32) of `threads` (1 or 2) threads issuing only FMAs, best of two.
inline double lanes_bench_peak_now(int threads, long iters)
{
    auto probe = lanes_isa_supported("avx512") ? lanes_bench_fma_peak_avx512
                                               : lanes_bench_fma_peak_avx2;
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
