// float32 vector math: lanes (each ISA) against SLEEF u10 (SLEEF 3.5 has no
// u35 expf), glibc's libmvec at the same width, and the plain libm loop, in
// the same binary run.  Counter: elements per nanosecond.
//   build/bench/bench_vmath --benchmark_out=vmath.json --benchmark_out_format=json
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

extern "C" {
#include "plain.h"
#include "vmath_ref.h"
}
#include "lanes.h"

namespace {

using map_fn = void (*)(size_t, const float *, float *);
using rows_fn = void (*)(size_t, size_t, const float *, float *);

struct Impl {
    std::string name;
    const char *isa;   // lanes ISA to force, or nullptr
    map_fn fn;
};

std::vector<float> data(size_t n, float lo, float hi)
{
    std::vector<float> v(n);
    unsigned s = 7;
    for (auto &x : v) {
        s = s * 1103515245u + 12345u;
        x = lo + (hi - lo) * float((s >> 8) & 0xffff) / 65536.0f;
    }
    return v;
}

void counters(benchmark::State &st, double elems)
{
    st.counters["elem_per_ns"] =
        benchmark::Counter(elems * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

void bm_map(benchmark::State &st, Impl im, size_t n, float lo, float hi)
{
    if (im.isa && lanes_set_isa(im.isa) != 0) {
        st.SkipWithError((std::string(im.isa) + " is not supported by this CPU").c_str());
        return;
    }
    auto x = data(n, lo, hi);
    std::vector<float> y(n);
    for (auto _ : st) {
        im.fn(n, x.data(), y.data());
        benchmark::ClobberMemory();
    }
    counters(st, double(n));
}

void bm_rows(benchmark::State &st, const char *isa, rows_fn fn, size_t rows, size_t cols)
{
    if (isa && lanes_set_isa(isa) != 0) {
        st.SkipWithError((std::string(isa) + " is not supported by this CPU").c_str());
        return;
    }
    auto x = data(rows * cols, -10, 10);
    std::vector<float> y(rows * cols);
    for (auto _ : st) {
        fn(rows, cols, x.data(), y.data());
        benchmark::ClobberMemory();
    }
    counters(st, double(rows * cols));
}

}  // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    benchmark::AddCustomContext("cpu", lanes_cpu_report());
    benchmark::AddCustomContext("lanes_isa_default", lanes_isa());
    const bool avx512 = lanes_isa_supported("avx512"), avx2 = lanes_isa_supported("avx2");

    std::vector<Impl> exps = {{"loop-libm", nullptr, plain_expf}, {"lanes-scalar", "scalar", lanes_expf}};
    std::vector<Impl> sigs = {{"loop-libm", nullptr, plain_sigmoidf}, {"lanes-scalar", "scalar", lanes_sigmoidf}};
    if (avx2) {
        exps.push_back({"lanes-avx2", "avx2", lanes_expf});
        exps.push_back({"sleef-u10-avx2", nullptr, ref_sleef_expf_avx2});
        exps.push_back({"libmvec-avx2", nullptr, ref_libmvec_expf_avx2});
        sigs.push_back({"lanes-avx2", "avx2", lanes_sigmoidf});
        sigs.push_back({"sleef-u10-avx2", nullptr, ref_sleef_sigmoidf_avx2});
    }
    if (avx512) {
        exps.push_back({"lanes-avx512", "avx512", lanes_expf});
        exps.push_back({"sleef-u10-avx512", nullptr, ref_sleef_expf_avx512});
        exps.push_back({"libmvec-avx512", nullptr, ref_libmvec_expf_avx512});
        sigs.push_back({"lanes-avx512", "avx512", lanes_sigmoidf});
        sigs.push_back({"sleef-u10-avx512", nullptr, ref_sleef_sigmoidf_avx512});
    }
    for (size_t n : {size_t(4096), size_t(1000000)}) {
        for (const Impl &im : exps)
            benchmark::RegisterBenchmark(("expf/" + im.name + "/" + std::to_string(n)).c_str(),
                                         bm_map, im, n, -50.0f, 50.0f);
        for (const Impl &im : sigs)
            benchmark::RegisterBenchmark(("sigmoidf/" + im.name + "/" + std::to_string(n)).c_str(),
                                         bm_map, im, n, -20.0f, 20.0f);
    }
    struct Row { const char *name; const char *isa; rows_fn fn; };
    std::vector<Row> softs = {{"loop-libm", nullptr, plain_softmaxf}};
    if (avx2) {
        softs.push_back({"lanes-avx2", "avx2", lanes_softmaxf});
        softs.push_back({"sleef-u10-3pass-avx2", nullptr, ref_sleef_softmaxf_avx2});
    }
    if (avx512) {
        softs.push_back({"lanes-avx512", "avx512", lanes_softmaxf});
        softs.push_back({"sleef-u10-3pass-avx512", nullptr, ref_sleef_softmaxf_avx512});
    }
    for (size_t cols : {size_t(10), size_t(128), size_t(1000), size_t(32000)}) {
        size_t rows = cols >= 32000 ? 1 : 32000 / cols;
        for (const Row &r : softs)
            benchmark::RegisterBenchmark(
                ("softmaxf/" + std::string(r.name) + "/" + std::to_string(rows) + "x" + std::to_string(cols)).c_str(),
                bm_rows, r.isa, r.fn, rows, cols);
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
