// The gemm micro-kernel alone (Google Benchmark): each ISA's s and d kernel
// on packed panels shaped by its own blocks (kernels/list.inc), against the
// FMA peak measured right after.  What the kernel reaches when the framework
// around it costs nothing; bench_blas' sgemm/dgemm show what blocking,
// packing and C traffic take from a real call.
//
//   build/bench/bench_ukr
//   build/bench/bench_ukr --benchmark_filter='ukr/s/avx512'
//
// One iteration: every (A micro-panel, B micro-panel) pair of one packed A
// block (MC x KC) and a packed B panel of NC columns, with C either
//   small  an MC-row C that stays in cache, or
//   large  a slice of a 2048-row C (ldc 2048): C comes from memory, as in a
//          large gemm (measured: about 6% lower for AVX-512 sgemm).
#include <benchmark/benchmark.h>

#include <string>

#include "lanes.h"
#include "peak.hpp"
#include "ukr_probe.h"

namespace {

void bm_ukr(benchmark::State &st, std::string isa, int dbl, size_t nc, size_t c_rows)
{
    lanes_set_isa(isa.c_str());
    lanes_ukr_probe p;
    if (lanes_ukr_probe_init(&p, dbl, nc, c_rows) != 0) {
        st.SkipWithError("out of memory");
        return;
    }
    double flops = 0;
    for (auto _ : st) {
        flops = lanes_ukr_probe_pass(&p);
        benchmark::ClobberMemory();
    }
    lanes_ukr_probe_free(&p);
    st.counters["GFLOPS"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
    double peak = lanes_bench_peak_now(1, 2000000) / (dbl ? 2 : 1);
    st.counters["pct_peak"] = benchmark::Counter(flops / peak * 100, benchmark::Counter::kIsIterationInvariantRate);
    lanes_set_isa("auto");
}

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    const char *names[8];
    size_t n = lanes_supported_isas(names, 8);
    for (size_t i = 0; i < n && i < 8; i++) {
        std::string isa = names[i];
        if (isa == "scalar")
            continue;
        for (int dbl : {0, 1})
            for (const char *c : {"small", "large"}) {
                std::string name = std::string("ukr/") + (dbl ? "d/" : "s/") + isa + "/nc:2040/C:" + c;
                benchmark::RegisterBenchmark(name.c_str(), bm_ukr, isa, dbl, size_t(2040),
                                             size_t(c[0] == 'l' ? 2048 : 0))
                    ->Unit(benchmark::kMicrosecond)->UseRealTime();
            }
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
