// Plain loop vs vectorized kernel (Google Benchmark): the book's experiment
// (add two 10,000-element float vectors) and the same comparison for every
// kernel family, each ISA forced in turn, 1 thread.  The cases are the ones
// `lanes demo` prints (bench/loops.c).  Names: loops/<kernel>/<impl>, impl =
// plain or lanes-<isa>; counter `rate` in the case's unit (GB/s, GFLOP/s or
// elements per ns, see the context's `units`).
#include <benchmark/benchmark.h>

#include <string>

#include "lanes.h"
#include "loops.h"

namespace {

lanes_loop_ctx ctx;

void bm_case(benchmark::State &st, const lanes_loop_case *c, const char *isa)
{
    lanes_set_num_threads(1);
    if (isa && lanes_set_isa(isa) != 0) {
        st.SkipWithError("ISA not supported");
        return;
    }
    ctx.m = c->m;
    ctx.n = c->n;
    ctx.k = c->k;
    lanes_loop_fn *fn = isa ? c->lanes : c->plain;
    for (auto _ : st) {
        fn(&ctx);
        benchmark::ClobberMemory();
    }
    lanes_loop_fill(&ctx); // outputs may have grown: same inputs for every row
    lanes_set_isa("auto");
    lanes_set_num_threads(0);
    // G per second is the same number as per nanosecond
    st.counters["rate"] = benchmark::Counter(c->work * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

void reg(const lanes_loop_case *c, const char **isas, size_t nisa)
{
    std::string base = std::string("loops/") + c->name + "/";
    benchmark::RegisterBenchmark((base + "plain").c_str(), bm_case, c, nullptr)->UseRealTime();
    for (size_t i = 0; i < nisa; i++)
        benchmark::RegisterBenchmark((base + "lanes-" + isas[i]).c_str(), bm_case, c, isas[i])
            ->UseRealTime();
}

} // namespace

int main(int argc, char **argv)
{
    if (lanes_loop_init(&ctx) != 0)
        return 1;
    const char *isas[8];
    size_t nisa = lanes_supported_isas(isas, 8);
    nisa = nisa > 8 ? 8 : nisa;
    std::string units;
    reg(&lanes_loop_vadd, isas, nisa);
    units += std::string(lanes_loop_vadd.name) + " " + lanes_loop_vadd.size + " " +
             lanes_loop_unit_name[lanes_loop_vadd.unit];
    for (size_t i = 0; i < lanes_loop_ncases; i++) {
        const lanes_loop_case *c = &lanes_loop_cases[i];
        // one size per kernel: the first listed
        bool seen = false;
        for (size_t j = 0; j < i; j++)
            seen = seen || std::string(lanes_loop_cases[j].name) == c->name;
        if (seen)
            continue;
        reg(c, isas, nisa);
        units += std::string("; ") + c->name + " " + c->size + " " + lanes_loop_unit_name[c->unit];
    }
    benchmark::AddCustomContext("units", units);
    benchmark::AddCustomContext("cpu", lanes_cpu_report());
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    lanes_loop_free(&ctx);
    return 0;
}
