// MLP training throughput (Google Benchmark).  One iteration = one call of
// lanes_net_train running EPOCHS epochs (as a real run: the optimizer state
// persists across them): reshuffle, gather each batch, forward, backward,
// optimizer step - everything a training loop does.  Counters are per
// second, so they do not depend on EPOCHS.  bench/mlp_vs_torch.py runs the
// identical networks in PyTorch and prints the ratios.
//
//   mlp/784-512-256-10  synthetic data (N(0,1) inputs, uniform labels),
//                       2560 rows = 20 batches of 128, ReLU, softmax CE,
//                       SGD momentum 0.9, lr 0.01
//   mlp/digits          the digits training split (1079 rows), 64-128-10,
//                       Adam lr 1e-3, batch 32, standardised
//
// Counters: samples/s; GFLOP/s of the gemms (2 flops per multiply-add in
// forward, weight-gradient and input-gradient products) and that as a
// percentage of the measured FMA peak for the thread count.
#include <benchmark/benchmark.h>

#include <cmath>
#include <string>
#include <vector>

#include "peak.hpp"
#include "lanes.h"
#include "lanes_models.h"

namespace {

constexpr size_t EPOCHS = 5;

struct Data {
    size_t n = 0, d = 0;
    std::vector<float> x, y;
};

Data synthetic(size_t n, size_t d, size_t classes)
{
    Data r;
    r.n = n;
    r.d = d;
    r.x.resize(n * d);
    r.y.resize(n);
    unsigned long long s = 12345;
    auto next = [&] {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return (double)(s >> 11) * 0x1p-53;
    };
    for (auto &v : r.x) // Box-Muller, one value per pair
        v = (float)(std::sqrt(-2 * std::log(next() + 0x1p-54)) * std::cos(6.283185307179586 * next()));
    for (auto &v : r.y)
        v = (float)(size_t)(next() * (double)classes);
    return r;
}

Data digits_train()
{
    Data r;
    lanes_dataset all;
    if (lanes_csv_load(LANES_SOURCE_DATA_DIR "/digits.csv.gz", nullptr, &all) != 0)
        return r;
    std::vector<unsigned char> codes(all.rows);
    lanes_dataset tr;
    if (lanes_split_load(LANES_SOURCE_DATA_DIR "/digits_split.csv", all.rows, codes.data()) ||
        lanes_dataset_subset(&all, codes.data(), LANES_SPLIT_TRAIN, &tr)) {
        lanes_dataset_free(&all);
        return r;
    }
    lanes_scaler sc;
    lanes_scaler_fit(tr.rows, tr.cols, tr.x, &sc);
    lanes_scaler_apply(&sc, tr.rows, tr.x);
    r.n = tr.rows;
    r.d = tr.cols;
    r.x.assign(tr.x, tr.x + tr.rows * tr.cols);
    r.y.assign(tr.y, tr.y + tr.rows);
    lanes_scaler_free(&sc);
    lanes_dataset_free(&tr);
    lanes_dataset_free(&all);
    return r;
}

// flops of one epoch's gemms
double epoch_flops(const std::vector<size_t> &w, size_t n)
{
    double f = 0;
    for (size_t l = 0; l + 1 < w.size(); l++) {
        double mac = (double)w[l] * (double)w[l + 1] * (double)n;
        f += 2 * mac * (l == 0 ? 2 : 3); // forward, dW, and dX except for the input layer
    }
    return f;
}

void bm_mlp(benchmark::State &st, const Data *data, std::vector<size_t> width,
            lanes_optimizer opt, float lr, size_t batch, int threads)
{
    if (data->n == 0) {
        st.SkipWithError("data not available");
        return;
    }
    lanes_set_num_threads(threads);
    lanes_net net;
    if (lanes_net_init(&net, width.size() - 1, width.data(), LANES_ACT_RELU,
                       LANES_LOSS_SOFTMAX_XENT, 1) != 0) {
        st.SkipWithError(lanes_last_error_message());
        return;
    }
    lanes_train_opts o;
    lanes_train_defaults(&o, opt);
    o.optim.lr = lr;
    o.batch = batch;
    o.epochs = EPOCHS;
    unsigned long long seed = 1;
    o.epochs = 1; // warm-up: thread team, page faults, caches
    lanes_net_train(&net, data->n, data->x.data(), data->y.data(), 0, nullptr, nullptr, &o,
                    nullptr);
    o.epochs = EPOCHS;
    for (auto _ : st) {
        o.seed = seed++;
        if (lanes_net_train(&net, data->n, data->x.data(), data->y.data(), 0, nullptr, nullptr,
                            &o, nullptr) != 0) {
            st.SkipWithError(lanes_last_error_message());
            break;
        }
    }
    lanes_net_free(&net);
    lanes_set_num_threads(0);
    double flops = epoch_flops(width, data->n) * EPOCHS;
    st.counters["samples_per_s"] = benchmark::Counter((double)(data->n * EPOCHS),
                                                      benchmark::Counter::kIsIterationInvariantRate);
    st.counters["GFLOPS"] =
        benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
    double peak = lanes_bench_peak_now(threads, 2000000);
    st.counters["pct_peak"] =
        benchmark::Counter(flops / peak * 100, benchmark::Counter::kIsIterationInvariantRate);
}

} // namespace

int main(int argc, char **argv)
{
    static const Data big = synthetic(2560, 784, 10), digits = digits_train();
    for (int th = 1; th <= 2; th++) {
        benchmark::RegisterBenchmark(("mlp/784-512-256-10/threads:" + std::to_string(th)).c_str(),
                                     bm_mlp, &big, std::vector<size_t>{784, 512, 256, 10},
                                     LANES_OPT_MOMENTUM, 0.01f, 128, th)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
        benchmark::RegisterBenchmark(("mlp/digits-64-128-10/threads:" + std::to_string(th)).c_str(),
                                     bm_mlp, &digits, std::vector<size_t>{64, 128, 10},
                                     LANES_OPT_ADAM, 1e-3f, 32, th)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
