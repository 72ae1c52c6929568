// BLAS kernels: lanes (every ISA this CPU runs) against OpenBLAS and BLIS,
// in the same binary run.  Both yardsticks export the CBLAS symbols, so each
// is loaded with dlopen(RTLD_LOCAL) and called through its own table.
//
//   build/bench/bench_blas --benchmark_out=blas.json --benchmark_out_format=json
//   build/bench/bench_blas --benchmark_filter='sgemm/.*/1024'
//
// Every figure is also a fraction of this machine's measured limits (FMA
// peak for gemm, read or copy bandwidth for level 1/2), printed as the
// counters pct_peak / pct_bw.  LANES_BENCH_QUICK=1 keeps a short subset.
#include <benchmark/benchmark.h>
#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "lanes.h"
#include "limits.h"
#include "peak.hpp"

namespace {

// CBLAS signatures with plain ints for the enums.
using sgemm_t = void (*)(int, int, int, int, int, int, float, const float *, int, const float *,
                         int, float, float *, int);
using dgemm_t = void (*)(int, int, int, int, int, int, double, const double *, int,
                         const double *, int, double, double *, int);
using sgemv_t = void (*)(int, int, int, int, float, const float *, int, const float *, int, float,
                         float *, int);
using dgemv_t = void (*)(int, int, int, int, double, const double *, int, const double *, int,
                         double, double *, int);
using saxpy_t = void (*)(int, float, const float *, int, float *, int);
using daxpy_t = void (*)(int, double, const double *, int, double *, int);
using sdot_t = float (*)(int, const float *, int, const float *, int);
using ddot_t = double (*)(int, const double *, int, const double *, int);

struct Impl {
    std::string name;   // "lanes-avx512", "openblas", "blis"
    std::string isa;    // lanes only
    sgemm_t sgemm;
    dgemm_t dgemm;
    sgemv_t sgemv;
    dgemv_t dgemv;
    saxpy_t saxpy;
    daxpy_t daxpy;
    sdot_t sdot;
    ddot_t ddot;
    void (*set_threads)(int);
    void *handle = nullptr; // dlopen handle (OpenBLAS, BLIS)
};

// lanes through the same signatures.
void l_sgemm(int o, int ta, int tb, int m, int n, int k, float al, const float *a, int lda,
             const float *b, int ldb, float be, float *c, int ldc)
{
    lanes_sgemm((lanes_layout)o, (lanes_transpose)ta, (lanes_transpose)tb, m, n, k, al, a, lda, b,
                ldb, be, c, ldc);
}
void l_dgemm(int o, int ta, int tb, int m, int n, int k, double al, const double *a, int lda,
             const double *b, int ldb, double be, double *c, int ldc)
{
    lanes_dgemm((lanes_layout)o, (lanes_transpose)ta, (lanes_transpose)tb, m, n, k, al, a, lda, b,
                ldb, be, c, ldc);
}
void l_sgemv(int o, int t, int m, int n, float al, const float *a, int lda, const float *x, int ix,
             float be, float *y, int iy)
{
    lanes_sgemv((lanes_layout)o, (lanes_transpose)t, m, n, al, a, lda, x, ix, be, y, iy);
}
void l_dgemv(int o, int t, int m, int n, double al, const double *a, int lda, const double *x,
             int ix, double be, double *y, int iy)
{
    lanes_dgemv((lanes_layout)o, (lanes_transpose)t, m, n, al, a, lda, x, ix, be, y, iy);
}
void l_saxpy(int n, float a, const float *x, int ix, float *y, int iy) { lanes_saxpy(n, a, x, ix, y, iy); }
void l_daxpy(int n, double a, const double *x, int ix, double *y, int iy) { lanes_daxpy(n, a, x, ix, y, iy); }
float l_sdot(int n, const float *x, int ix, const float *y, int iy) { return lanes_sdot(n, x, ix, y, iy); }
double l_ddot(int n, const double *x, int ix, const double *y, int iy) { return lanes_ddot(n, x, ix, y, iy); }

std::vector<Impl> impls;
std::string openblas_core = "not loaded", blis_arch = "not loaded";
double peak_f32[3];   // FLOP/s for 1 and 2 threads (index = threads)
double bw_read, bw_copy;

template <class F>
F sym(void *h, const char *name)
{
    void *p = dlsym(h, name);
    if (!p) {
        std::fprintf(stderr, "bench: %s missing\n", name);
        std::exit(1);
    }
    return reinterpret_cast<F>(p);
}

bool load_cblas(Impl &im, const char *path)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    im.handle = h;
    if (!h) {
        std::fprintf(stderr, "bench: cannot load %s: %s (skipping %s)\n", path, dlerror(),
                     im.name.c_str());
        return false;
    }
    im.sgemm = sym<sgemm_t>(h, "cblas_sgemm");
    im.dgemm = sym<dgemm_t>(h, "cblas_dgemm");
    im.sgemv = sym<sgemv_t>(h, "cblas_sgemv");
    im.dgemv = sym<dgemv_t>(h, "cblas_dgemv");
    im.saxpy = sym<saxpy_t>(h, "cblas_saxpy");
    im.daxpy = sym<daxpy_t>(h, "cblas_daxpy");
    im.sdot = sym<sdot_t>(h, "cblas_sdot");
    im.ddot = sym<ddot_t>(h, "cblas_ddot");
    if (im.name == "openblas") {
        im.set_threads = sym<void (*)(int)>(h, "openblas_set_num_threads");
        openblas_core = sym<char *(*)()>(h, "openblas_get_corename")();
    } else {
        // BLIS: bli_thread_set_num_threads(dim_t), dim_t = int64_t
        static void (*bli_set)(long) = sym<void (*)(long)>(h, "bli_thread_set_num_threads");
        im.set_threads = [](int n) { bli_set(n); };
        auto arch_id = sym<int (*)()>(h, "bli_arch_query_id");
        auto arch_str = sym<const char *(*)(int)>(h, "bli_arch_string");
        blis_arch = arch_str(arch_id());
    }
    return true;
}

// OpenBLAS reads OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE once, at load.  An
// environment that sets them for its own reasons (one machine here inherits
// OPENBLAS_CORETYPE=Haswell, AVX2 only, on an AVX-512 CPU where OpenBLAS
// itself picks Cooperlake) would weaken the yardstick: drop them so OpenBLAS
// runs the kernels it chooses, and say so in the context.
// LANES_BENCH_OPENBLAS_CORETYPE=<core> forces a core on purpose.
std::string openblas_env_note;

void openblas_own_detection()
{
    for (const char *var : {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"})
        if (const char *v = std::getenv(var)) {
            openblas_env_note += std::string(openblas_env_note.empty() ? " (dropped " : ", ") +
                                 var + "=" + v;
            unsetenv(var);
        }
    if (!openblas_env_note.empty())
        openblas_env_note += " from the environment)";
    if (const char *want = std::getenv("LANES_BENCH_OPENBLAS_CORETYPE")) {
        setenv("OPENBLAS_CORETYPE", want, 1);
        openblas_env_note += " (forced by LANES_BENCH_OPENBLAS_CORETYPE)";
    }
    // how long its idle threads spin (lanes bench sets it: bench/lanes_bench.py)
    if (const char *t = std::getenv("OPENBLAS_THREAD_TIMEOUT"))
        openblas_env_note += std::string(", OPENBLAS_THREAD_TIMEOUT=") + t;
}

const char *const openblas_path = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0";

// OpenBLAS 0.3.21 (Debian 12) picks its core by CPU model number; on a model
// it does not know it falls back to an old core: on Intel family 6 model 207
// (Emerald Rapids) it ran Prescott's SSE3 kernels, sgemm 2048 at 33 GFLOP/s
// against 155 for its Cooperlake ones on the same CPU.  So weak a yardstick
// would flatter lanes: when OpenBLAS chose by itself a core without AVX2 on a
// CPU that has AVX2 and FMA, reload it with the newest core of its build whose
// instructions this CPU has, and say so in the context.
const char *openblas_core_for_cpu()
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
        return __builtin_cpu_supports("avx512bf16") ? "Cooperlake" : "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return "Haswell";
    return nullptr;
}

void openblas_best_core(Impl &ob)
{
    static const char *const modern[] = {"Haswell", "Zen", "SkylakeX", "Cooperlake",
                                         "SapphireRapids", "Excavator"}; // AVX2 and up
    if (std::getenv("LANES_BENCH_OPENBLAS_CORETYPE"))
        return;
    for (const char *c : modern)
        if (openblas_core == c)
            return;
    const char *want = openblas_core_for_cpu();
    if (!want)
        return;
    const std::string chosen = openblas_core;
    dlclose(ob.handle);
    setenv("OPENBLAS_CORETYPE", want, 1);
    if (!load_cblas(ob, openblas_path)) {
        std::fprintf(stderr, "bench: OpenBLAS did not load again with core %s\n", want);
        std::exit(1);
    }
    openblas_env_note += " (its own detection chose " + chosen + "; forced as the best core "
                         "of its build for this CPU)";
}

double peak_now(int threads, long iters)
{
    return lanes_bench_peak_now(threads, iters);
}

// A short peak probe (about 10 ms) for the percentage of one benchmark.
double current_peak(int threads)
{
    return peak_now(threads, 2000000);
}

void setup_impls()
{
    // "lanes": the default table (per-family choice); lanes-<isa>: forced.
    impls.push_back({"lanes", "auto", l_sgemm, l_dgemm, l_sgemv, l_dgemv, l_saxpy, l_daxpy, l_sdot,
                     l_ddot, lanes_set_num_threads});
    const char *names[8];
    size_t n = lanes_supported_isas(names, 8);
    for (size_t i = 0; i < n && i < 8; i++)
        impls.push_back({std::string("lanes-") + names[i], names[i], l_sgemm, l_dgemm, l_sgemv,
                         l_dgemv, l_saxpy, l_daxpy, l_sdot, l_ddot, lanes_set_num_threads});
    Impl ob{}, bl{};
    ob.name = "openblas";
    bl.name = "blis";
    openblas_own_detection();
    if (load_cblas(ob, openblas_path)) {
        openblas_best_core(ob);
        openblas_core += openblas_env_note;
        impls.push_back(ob);
    }
    if (load_cblas(bl, "/usr/lib/x86_64-linux-gnu/blis-pthread/libblis.so.4"))
        impls.push_back(bl);
}

void prepare(const Impl &im, int threads)
{
    if (!im.isa.empty())
        lanes_set_isa(im.isa.c_str());
    im.set_threads(threads);
}

// Every operand 64-byte aligned, the same for each implementation.  With
// malloc's 16-byte alignment each benchmark instance drew its own offsets
// in the cache line, and at L2 sizes the offsets decide the speed of every
// library alike (sdot 16384: 770 or 880 ns a call, lanes and OpenBLAS), so
// the ratio of two medians was a draw.
template <class T>
struct Aligned64 {
    using value_type = T;
    Aligned64() = default;
    template <class U>
    Aligned64(const Aligned64<U> &)
    {
    }
    T *allocate(size_t n)
    {
        void *p = std::aligned_alloc(64, (n * sizeof(T) + 63) / 64 * 64);
        if (!p)
            throw std::bad_alloc();
        return static_cast<T *>(p);
    }
    void deallocate(T *p, size_t) { std::free(p); }
    template <class U>
    bool operator==(const Aligned64<U> &) const
    {
        return true;
    }
    template <class U>
    bool operator!=(const Aligned64<U> &) const
    {
        return false;
    }
};
template <class T>
using avec = std::vector<T, Aligned64<T>>;

template <class T>
avec<T> data(size_t n)
{
    avec<T> v(n);
    unsigned s = 1;
    for (auto &x : v) {
        s = s * 1103515245u + 12345u;
        x = T((s >> 9) & 0xffff) / T(65536) - T(0.5);
    }
    return v;
}

// Operands are made once per (type, role, size) and shared by every
// implementation, so each reads and writes the same addresses: a 1024-element
// axpy runs 5-9% faster or slower with the distance between x and y in a
// page, and a 32 MiB dot's speed follows the physical pages it got, for every
// library alike (ddot 4M from fresh buffers per benchmark: 0.87-0.99x
// OpenBLAS over runs; on one pair of buffers, 1.00x).  Inputs hold data<T>;
// gemm's C starts at zero; every operand keeps what the last benchmark left.
// Each has a cache line to spare past its n elements, for the rows that
// start an operand part way into its first line (operand_at).
enum class Role { a, b, c, x, y };
template <class T>
T *operand(Role role, size_t n)
{
    static std::map<std::pair<Role, size_t>, avec<T>> pool;
    avec<T> &v = pool[{role, n}];
    const size_t spare = 64 / sizeof(T);
    if (v.empty())
        v = role == Role::c ? avec<T>(n + spare) : data<T>(n + spare);
    return v.data();
}
// The same operand, `bytes` (< 64) past its cache line's start
template <class T>
T *operand_at(Role role, size_t n, size_t bytes)
{
    return operand<T>(role, n) + bytes / sizeof(T);
}

// GFLOP/s of an m x n x k gemm, and its percentage of the FMA peak.  The
// peak drifts with the host's load: it is measured right after the
// benchmark, so the percentage compares like with like.
template <class T>
void gemm_counters(benchmark::State &st, int m, int n, int k, int threads)
{
    double flops = 2.0 * m * n * k;
    st.counters["GFLOPS"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
    double peak = current_peak(threads) / (sizeof(T) == 4 ? 1 : 2);
    st.counters["pct_peak"] = benchmark::Counter(flops / peak * 100, benchmark::Counter::kIsIterationInvariantRate);
}

// One call of each operation through an implementation's table, as every
// benchmark here makes it: C(m x n) = A(m x k) B(k x n), row-major, beta = 0
// (the ML layer shape); y = A x or A^T x, row-major A (n x n); y += 1e-6 x;
// x . y.
template <class T>
void call_gemm(const Impl *im, int m, int n, int k, const T *a, const T *b, T *c, int ta = 111,
               int tb = 111)
{
    const int lda = ta == 111 ? k : m, ldb = tb == 111 ? n : k;
    if constexpr (sizeof(T) == 4)
        im->sgemm(101, ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c, n);
    else
        im->dgemm(101, ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c, n);
}
template <class T>
void call_gemv(const Impl *im, int n, int trans, const T *a, const T *x, T *y)
{
    if constexpr (sizeof(T) == 4)
        im->sgemv(101, trans ? 112 : 111, n, n, 1, a, n, x, 1, 0, y, 1);
    else
        im->dgemv(101, trans ? 112 : 111, n, n, 1, a, n, x, 1, 0, y, 1);
}
template <class T>
void call_axpy(const Impl *im, int n, const T *x, T *y, int inc = 1)
{
    if constexpr (sizeof(T) == 4)
        im->saxpy(n, T(1e-6), x, inc, y, inc);
    else
        im->daxpy(n, T(1e-6), x, inc, y, inc);
}
template <class T>
T call_dot(const Impl *im, int n, const T *x, const T *y, int inc = 1)
{
    if constexpr (sizeof(T) == 4)
        return im->sdot(n, x, inc, y, inc);
    else
        return im->ddot(n, x, inc, y, inc);
}

// C = A B through the implementation (call_gemm).
template <class T>
void bm_gemm(benchmark::State &st, const Impl *im, int m, int n, int k, int threads)
{
    prepare(*im, threads);
    T *a = operand<T>(Role::a, size_t(m) * k), *b = operand<T>(Role::b, size_t(k) * n);
    T *c = operand<T>(Role::c, size_t(m) * n);
    for (auto _ : st) {
        call_gemm(im, m, n, k, a, b, c);
        benchmark::ClobberMemory();
    }
    gemm_counters<T>(st, m, n, k, threads);
}

// lanes' prepared gemm, by type
template <class T> struct PlanApi;
template <> struct PlanApi<float> {
    static constexpr auto create = lanes_sgemm_plan_create;
    static constexpr auto run = lanes_sgemm_plan_run;
    static constexpr auto destroy = lanes_sgemm_plan_destroy;
};
template <> struct PlanApi<double> {
    static constexpr auto create = lanes_dgemm_plan_create;
    static constexpr auto run = lanes_dgemm_plan_run;
    static constexpr auto destroy = lanes_dgemm_plan_destroy;
};

// bm_gemm through a prepared gemm (lanes_sgemm_plan_*): the plan is made
// before the timed loop, as a caller running one shape many times makes it.
template <class T>
void bm_gemm_plan(benchmark::State &st, const Impl *im, int m, int n, int k)
{
    prepare(*im, 1);
    T *a = operand<T>(Role::a, size_t(m) * k), *b = operand<T>(Role::b, size_t(k) * n);
    T *c = operand<T>(Role::c, size_t(m) * n);
    auto *plan = PlanApi<T>::create(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, m, n, k, 1, k, n,
                                    0, n);
    for (auto _ : st) {
        PlanApi<T>::run(plan, a, b, c);
        benchmark::ClobberMemory();
    }
    PlanApi<T>::destroy(plan);
    gemm_counters<T>(st, m, n, k, 1);
}

// y = A x, row-major A (n x n), both orientations.
template <class T>
void bm_gemv(benchmark::State &st, const Impl *im, int n, int trans)
{
    prepare(*im, 1);
    T *a = operand<T>(Role::a, size_t(n) * n), *x = operand<T>(Role::x, n);
    T *y = operand<T>(Role::y, n);
    for (auto _ : st) {
        call_gemv(im, n, trans, a, x, y);
        benchmark::ClobberMemory();
    }
    double bytes = double(n) * (n + 2) * sizeof(T);
    st.counters["GBps"] = benchmark::Counter(bytes * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
    st.counters["pct_bw"] = benchmark::Counter(bytes / bw_read * 100, benchmark::Counter::kIsIterationInvariantRate);
}

template <class T>
void bm_axpy(benchmark::State &st, const Impl *im, int n)
{
    prepare(*im, 1);
    T *x = operand<T>(Role::x, n), *y = operand<T>(Role::y, n);
    for (auto _ : st) {
        call_axpy(im, n, x, y);
        benchmark::ClobberMemory();
    }
    double bytes = 3.0 * n * sizeof(T);   // read x, y; write y
    st.counters["GBps"] = benchmark::Counter(bytes * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
    st.counters["pct_bw"] = benchmark::Counter(bytes / bw_copy * 100, benchmark::Counter::kIsIterationInvariantRate);
}

template <class T>
void bm_dot(benchmark::State &st, const Impl *im, int n)
{
    prepare(*im, 1);
    T *x = operand<T>(Role::x, n), *y = operand<T>(Role::y, n);
    for (auto _ : st) {
        T r = call_dot(im, n, x, y);
        benchmark::DoNotOptimize(r);
    }
    double bytes = 2.0 * n * sizeof(T);
    st.counters["GBps"] = benchmark::Counter(bytes * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
    st.counters["pct_bw"] = benchmark::Counter(bytes / bw_read * 100, benchmark::Counter::kIsIterationInvariantRate);
}

// Paired rows ("<op>/pair-openblas/..."): lanes' default table and OpenBLAS
// take turns inside one benchmark, each timing a batch of calls of at least
// 2 ms (who goes first alternates), and the counters are the median (ratio)
// and quartiles of the per-turn speed ratios, lanes over OpenBLAS.  (Turns
// of 200 us read dgemm 64 0.95x where turns of 2 ms read 1.01x: a library
// switched to finds its code and branches cold.)  A ratio of two rows' medians
// compares minutes apart, and this host's speed drifts by several percent
// within minutes (sgemm 2048 at 1.0x parity read 0.99x in one run's medians
// and 1.03x interleaved right after); two batches milliseconds apart see
// the same host.  Also the per-turn rates' medians: "lanes" and "yardstick",
// in GFLOPS or GBps as the row's unit ("work" per call, in 1e9 units; the
// yardstick's own "ywork", if not 0, where its call does other work: the
// FMA probe of the pair-peak rows).  ob: the yardstick's library, if any.
template <class L, class O>
void bm_pair(benchmark::State &st, const Impl *lanes, const Impl *ob, L lanes_call, O ob_call,
             double work, const char *unit, double ywork = 0)
{
    using clock = std::chrono::steady_clock;
    if (ywork == 0)
        ywork = work;
    prepare(*lanes, 1);
    if (ob)
        prepare(*ob, 1);
    auto batch_time = [](auto &&call, long calls) {
        auto t0 = clock::now();
        for (long i = 0; i < calls; i++)
            call();
        benchmark::ClobberMemory();
        return std::chrono::duration<double>(clock::now() - t0).count();
    };
    long calls = 1;
    while (batch_time(lanes_call, calls) < 2e-3 && calls < (1L << 30))
        calls *= 2;
    std::vector<double> ratio, rl, ro;
    for (auto _ : st) {
        const bool lanes_first = ratio.size() % 2 == 0;
        double tl = 0, to = 0;
        if (!lanes_first)
            to = batch_time(ob_call, calls);
        tl = batch_time(lanes_call, calls);
        if (lanes_first)
            to = batch_time(ob_call, calls);
        ratio.push_back(work * to / (ywork * tl));
        rl.push_back(work * calls / tl);
        ro.push_back(ywork * calls / to);
    }
    auto quantile = [](std::vector<double> v, double q) {
        std::sort(v.begin(), v.end());
        double x = q * double(v.size() - 1);
        size_t i = size_t(x);
        return i + 1 < v.size() ? v[i] + (x - double(i)) * (v[i + 1] - v[i]) : v[i];
    };
    st.counters["ratio"] = quantile(ratio, 0.5);
    st.counters["ratio_q1"] = quantile(ratio, 0.25);
    st.counters["ratio_q3"] = quantile(ratio, 0.75);
    st.counters["turns"] = double(ratio.size());
    st.counters[std::string("lanes_") + unit] = quantile(rl, 0.5);
    st.counters[std::string("yardstick_") + unit] = quantile(ro, 0.5);
}

// The L3 this CPU reports (0 if unknown); a VM may report the socket's.
size_t l3_bytes()
{
    const long l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
    return l3 > 0 ? size_t(l3) : 0;
}

void measure_limits()
{
    peak_f32[1] = peak_now(1, 20000000);
    peak_f32[2] = peak_now(2, 20000000);
    // Bandwidths on buffers of 512 MiB (16x the L3 a core reaches on Zen 4
    // and Zen 5, 32 MiB a CCD) or 4x the L3 this CPU reports, if larger (an
    // Emerald Rapids VM here reports the socket's 260 MiB).
    size_t n = std::max(size_t(128) << 20, l3_bytes() / sizeof(float));
    std::vector<float> buf(n, 1.0f), dst(n);
    bw_read = lanes_bench_read_bw(buf.data(), n, 3);
    double best = 0;
    for (int r = 0; r < 3; r++) {
        auto t0 = std::chrono::steady_clock::now();
        std::memcpy(dst.data(), buf.data(), n * sizeof(float));
        double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::max(best, 2.0 * n * sizeof(float) / dt);
    }
    // memcpy's large-size path (non-temporal stores) can be slower than a
    // plain read-modify-write stream, which is axpy's shape: the faster counts
    bw_copy = std::max(best, lanes_bench_update_bw(buf.data(), dst.data(), n, 3));
}

std::string fmt(double v, const char *unit)
{
    char b[64];
    std::snprintf(b, sizeof b, "%.1f %s", v, unit);
    return b;
}

}  // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    setup_impls();
    measure_limits();
    const bool quick = std::getenv("LANES_BENCH_QUICK") != nullptr;

    benchmark::AddCustomContext("lanes_isa_default", lanes_isa());
    benchmark::AddCustomContext("cpu", lanes_cpu_report());
    benchmark::AddCustomContext("openblas_core", openblas_core);
    benchmark::AddCustomContext("blis_arch", blis_arch);
    benchmark::AddCustomContext("peak_f32_1thread", fmt(peak_f32[1] * 1e-9, "GFLOP/s"));
    benchmark::AddCustomContext("peak_f32_2threads", fmt(peak_f32[2] * 1e-9, "GFLOP/s"));
    benchmark::AddCustomContext("bw_read", fmt(bw_read * 1e-9, "GB/s"));
    benchmark::AddCustomContext("bw_copy", fmt(bw_copy * 1e-9, "GB/s"));

    std::vector<int> squares = {4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
    if (quick)
        squares = {8, 64, 256, 1024};
    struct Shape { int m, k, n; const char *name; };
    const Shape ml[] = {{256, 784, 128, "256x784x128"}, {256, 128, 10, "256x128x10"},
                        {128, 784, 128, "128x784x128"}};
    // Registered size-major, implementation-minor: the rows compared sit
    // next to each other in time, so drift in the host's speed cancels.
    for (char t : {'s', 'd'}) {
        std::string op = std::string(1, t) + "gemm/";
        auto reg = [&](const Impl &im, int m, int n, int k, int th, const std::string &label) {
            std::string name = op + im.name + "/threads:" + std::to_string(th) + "/" + label;
            auto *b = t == 's' ? benchmark::RegisterBenchmark(name.c_str(), bm_gemm<float>, &im, m, n, k, th)
                               : benchmark::RegisterBenchmark(name.c_str(), bm_gemm<double>, &im, m, n, k, th);
            b->Unit(benchmark::kMicrosecond)->UseRealTime();
        };
        for (int th : {1, 2})
            for (int n : squares) {
                if (th == 2 && n < 512)
                    continue;
                for (const Impl &im : impls)
                    if (!(im.isa == "scalar" && n > 512))
                        reg(im, n, n, n, th, std::to_string(n));
                // the small sizes again as prepared gemms ("lanes-plan")
                if (th == 1 && n <= 64) {
                    std::string name = op + "lanes-plan/threads:1/" + std::to_string(n);
                    auto *b = t == 's' ? benchmark::RegisterBenchmark(name.c_str(), bm_gemm_plan<float>, &impls[0], n, n, n)
                                       : benchmark::RegisterBenchmark(name.c_str(), bm_gemm_plan<double>, &impls[0], n, n, n);
                    b->Unit(benchmark::kMicrosecond)->UseRealTime();
                }
            }
        for (const Shape &s : ml)
            for (const Impl &im : impls)
                reg(im, s.m, s.n, s.k, 1, s.name);
    }
    std::vector<int> vec_sizes = {4, 64, 1024, 16384, 262144, 4194304, 33554432};
    std::vector<int> gemv_sizes = {4, 64, 256, 1024, 4096, 8192};
    if (quick) {
        vec_sizes = {1024, 16384, 262144, 4194304, 33554432}; // L1, L2, L3, DRAM
        gemv_sizes = {256, 4096};
    }
    // The bandwidth rows: data 4x the L3 this CPU reports, where 32M
    // elements (two 128 MiB float vectors, a 256 MiB float matrix at 8192)
    // are not; rounded up to 1M elements, and to 1024 rows.
    const double four_l3 = 4.0 * double(l3_bytes());
    if (!quick && 2.0 * 33554432 * sizeof(float) < four_l3)
        vec_sizes.push_back(int(std::ceil(four_l3 / (2 * sizeof(float)) / 1048576.0)) * 1048576);
    if (!quick && 8192.0 * 8192 * sizeof(float) < four_l3)
        gemv_sizes.push_back(int(std::ceil(std::sqrt(four_l3 / sizeof(float)) / 1024.0)) * 1024);
    auto reg1 = [](const std::string &name, auto fn, const Impl *im, auto... args) {
        benchmark::RegisterBenchmark(name.c_str(), fn, im, args...)->UseRealTime();
    };
    for (int n : vec_sizes)
        for (const Impl &im : impls) {
            std::string sz = "/" + std::to_string(n);
            reg1("saxpy/" + im.name + sz, bm_axpy<float>, &im, n);
            reg1("daxpy/" + im.name + sz, bm_axpy<double>, &im, n);
            reg1("sdot/" + im.name + sz, bm_dot<float>, &im, n);
            reg1("ddot/" + im.name + sz, bm_dot<double>, &im, n);
        }
    for (int n : gemv_sizes)
        for (int tr : {0, 1})
            for (const Impl &im : impls) {
                std::string suffix = im.name + (tr ? "/T/" : "/N/") + std::to_string(n);
                reg1("sgemv/" + suffix, bm_gemv<float>, &im, n, tr);
                reg1("dgemv/" + suffix, bm_gemv<double>, &im, n, tr);
            }
    // Paired rows (bm_pair): one repetition each, whatever the command line
    // asks, since every turn already is a comparison.
    const Impl *ob = nullptr;
    for (const Impl &im : impls)
        if (im.name == "openblas")
            ob = &im;
    const Impl *ln = &impls[0];
    auto regp = [](const std::string &name, auto fn, double secs = 0.5) {
        benchmark::RegisterBenchmark(name.c_str(), fn)->MinTime(secs)->Repetitions(1)->UseRealTime();
    };
    // The large square gemms paired with the FMA probe ("<op>/pair-peak"):
    // each turn times lanes' gemm and the probe for about as long, and the
    // ratio is lanes' share of the peak measured milliseconds from it.  The
    // rows above divide by a probe run after the whole benchmark, seconds
    // later, which a drift of the host's speed in between moves.  3 s of
    // turns, 8 s at 4096 (4 turns of dgemm).
    if (!quick)
        for (int n : {1024, 2048, 4096}) {
            auto pair_peak = [&](auto zero) {
                using T = decltype(zero);
                const std::string op = std::string(sizeof(T) == 4 ? "s" : "d") + "gemm/pair-peak/";
                regp(op + "threads:1/" + std::to_string(n), [=](benchmark::State &st) {
                    T *a = operand<T>(Role::a, size_t(n) * n), *b = operand<T>(Role::b, size_t(n) * n);
                    T *c = operand<T>(Role::c, size_t(n) * n);
                    auto call = [=] { call_gemm(ln, n, n, n, a, b, c); };
                    prepare(*ln, 1);
                    call();
                    auto t0 = std::chrono::steady_clock::now();
                    call();
                    const double once = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                    // probe iterations lasting about one call at the peak
                    // measured at start; their float FLOPs count as half
                    // as many double ones (the double peak is half)
                    const lanes_bench_probe probe = lanes_bench_probe_of_cpu();
                    const long iters = std::max(1000L, long(once * peak_f32[1] / probe.iter_flops));
                    const double ywork = 1e-9 * double(iters) * probe.iter_flops / (sizeof(T) == 4 ? 1 : 2);
                    bm_pair(st, ln, nullptr, call, [=] { probe.run(iters); },
                            2e-9 * n * n * double(n), "GFLOPS", ywork);
                }, n == 4096 ? 8.0 : 3.0);
            };
            pair_peak(0.0f);
            pair_peak(0.0);
        }
    // Against OpenBLAS, every 1-thread row above but the 4096 gemms (each
    // turn would take seconds): 0.5 s of turns, 1.5 s for gemms of 1024 and
    // up (7 turns or more at 2048) and for the vectors and matrices past L3.
    if (ob && !quick) {
        auto pair_gemm = [&](auto zero, int m, int n, int k, const std::string &label, bool plan) {
            using T = decltype(zero);
            const std::string op = std::string(sizeof(T) == 4 ? "s" : "d") + "gemm/pair-openblas/";
            regp(op + "threads:1/" + label + (plan ? "/plan" : ""), [=](benchmark::State &st) {
                T *a = operand<T>(Role::a, size_t(m) * k), *b = operand<T>(Role::b, size_t(k) * n);
                T *c = operand<T>(Role::c, size_t(m) * n);
                auto ocall = [=] { call_gemm(ob, m, n, k, a, b, c); };
                const double work = 2e-9 * m * n * k;
                if (!plan) {
                    bm_pair(st, ln, ob, [=] { call_gemm(ln, m, n, k, a, b, c); }, ocall, work,
                            "GFLOPS");
                    return;
                }
                auto *pl = PlanApi<T>::create(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, m, n,
                                              k, 1, k, n, 0, n);
                bm_pair(st, ln, ob, [=] { PlanApi<T>::run(pl, a, b, c); }, ocall, work, "GFLOPS");
                PlanApi<T>::destroy(pl);
            }, m >= 1024 ? 1.5 : 0.5);
        };
        for (int n : squares)
            for (int plan : {0, 1})
                if (n < 4096 && (!plan || n <= 64)) {
                    pair_gemm(0.0f, n, n, n, std::to_string(n), plan);
                    pair_gemm(0.0, n, n, n, std::to_string(n), plan);
                }
        for (const Shape &sh : ml) {
            pair_gemm(0.0f, sh.m, sh.n, sh.k, sh.name, false);
            pair_gemm(0.0, sh.m, sh.n, sh.k, sh.name, false);
        }
        // The other transposes (row-major; "NT": C = A B^T, the dense
        // layer's x W^T), small to medium, where the path a library takes
        // for each differs (lanes' direct kernel reads op(A) by columns);
        // and a layer's gradient shape with few columns, TN (A^T B: 64 x 10
        // x 128, C the output layer's 10 columns)
        auto pair_trans = [&](auto zero, int m, int n, int k, int ta, int tb) {
            using T = decltype(zero);
            const std::string size = m == n && n == k ? std::to_string(n)
                                                      : std::to_string(m) + "x" + std::to_string(n) +
                                                            "x" + std::to_string(k);
            const std::string name = std::string(sizeof(T) == 4 ? "s" : "d") +
                                     "gemm/pair-openblas/threads:1/" + (ta == 111 ? "N" : "T") +
                                     (tb == 111 ? "N" : "T") + "/" + size;
            regp(name, [=](benchmark::State &st) {
                T *a = operand<T>(Role::a, size_t(m) * k), *b = operand<T>(Role::b, size_t(k) * n);
                T *c = operand<T>(Role::c, size_t(m) * n);
                bm_pair(st, ln, ob, [=] { call_gemm(ln, m, n, k, a, b, c, ta, tb); },
                        [=] { call_gemm(ob, m, n, k, a, b, c, ta, tb); }, 2e-9 * m * n * k, "GFLOPS");
            });
        };
        for (int n : {16, 64, 256})
            for (auto [ta, tb] : {std::pair{111, 112}, std::pair{112, 111}, std::pair{112, 112}}) {
                pair_trans(0.0f, n, n, n, ta, tb);
                pair_trans(0.0, n, n, n, ta, tb);
            }
        pair_trans(0.0f, 64, 10, 128, 112, 111);
        pair_trans(0.0, 64, 10, 128, 112, 111);
        // skinny products the transposed product and the dot kernel take
        // (gemm_tmpl.h, X(gemm_ct), X(gemm_dots)): TT with C smaller than
        // op(A); NT and NN with 4 columns of C
        for (auto [m, n, k, ta, tb] : {std::tuple{16, 128, 256, 112, 112},
                                       std::tuple{4, 256, 128, 111, 112},
                                       std::tuple{256, 4, 128, 111, 111}}) {
            pair_trans(0.0f, m, n, k, ta, tb);
            pair_trans(0.0, m, n, k, ta, tb);
        }
        // (y_off: y that many bytes into a cache line; inc: both strides)
        auto pair_vec = [&](auto zero, int n, size_t y_off, int inc) {
            using T = decltype(zero);
            const std::string t = sizeof(T) == 4 ? "s" : "d",
                              sz = (y_off ? "/y+" + std::to_string(y_off) + "B/"
                                    : inc > 1 ? "/inc:" + std::to_string(inc) + "/"
                                              : "/") + std::to_string(n);
            const double secs = n >= 33554432 ? 1.5 : 0.5;
            const size_t len = size_t(n) * size_t(inc);
            regp(t + "axpy/pair-openblas" + sz, [=](benchmark::State &st) {
                T *x = operand<T>(Role::x, len), *y = operand_at<T>(Role::y, len, y_off);
                auto call = [=](const Impl *im) { call_axpy(im, n, x, y, inc); };
                bm_pair(st, ln, ob, [=] { call(ln); }, [=] { call(ob); }, 3e-9 * n * sizeof(T), "GBps");
            }, secs);
            regp(t + "dot/pair-openblas" + sz, [=](benchmark::State &st) {
                T *x = operand<T>(Role::x, len), *y = operand_at<T>(Role::y, len, y_off);
                auto call = [=](const Impl *im) {
                    T r = call_dot(im, n, x, y, inc);
                    benchmark::DoNotOptimize(r);
                };
                bm_pair(st, ln, ob, [=] { call(ln); }, [=] { call(ob); }, 2e-9 * n * sizeof(T), "GBps");
            }, secs);
        };
        for (int n : vec_sizes) {
            pair_vec(0.0f, n, 0, 1);
            pair_vec(0.0, n, 0, 1);
        }
        // and every second element (inc 2), in L1 and in L3
        for (int n : {1024, 262144}) {
            pair_vec(0.0f, n, 0, 2);
            pair_vec(0.0, n, 0, 2);
        }
        // and with y 16 bytes into a cache line, x at the start of one: y's
        // vector loads then cross lines, and the loop a kernel picks for
        // that differs (sdot 4M, blocks of 32768 on the dot's threads, ran
        // 0.57-0.71x OpenBLAS so; kernels/frame/blas1_tmpl.h)
        for (int n : vec_sizes)
            if (n >= 16384) {
                pair_vec(0.0f, n, 16, 1);
                pair_vec(0.0, n, 16, 1);
            }
        auto pair_gemv = [&](auto zero, int n, int tr) {
            using T = decltype(zero);
            const std::string name = std::string(sizeof(T) == 4 ? "s" : "d") + "gemv/pair-openblas/" +
                                     (tr ? "T/" : "N/") + std::to_string(n);
            regp(name, [=](benchmark::State &st) {
                T *a = operand<T>(Role::a, size_t(n) * n), *x = operand<T>(Role::x, n);
                T *y = operand<T>(Role::y, n);
                auto call = [=](const Impl *im) { call_gemv(im, n, tr, a, x, y); };
                bm_pair(st, ln, ob, [=] { call(ln); }, [=] { call(ob); },
                        1e-9 * double(n) * (n + 2) * sizeof(T), "GBps");
            }, n >= 8192 ? 1.5 : 0.5);
        };
        for (int n : gemv_sizes)
            for (int tr : {0, 1}) {
                pair_gemv(0.0f, n, tr);
                pair_gemv(0.0, n, tr);
            }
        // and a tall row-major A of a few columns times x (points times a
        // direction), y += A x: rows of a few values one after another
        auto pair_few = [&](auto zero, int m, int n) {
            using T = decltype(zero);
            const std::string name = std::string(sizeof(T) == 4 ? "s" : "d") + "gemv/pair-openblas/N/" +
                                     std::to_string(m) + "x" + std::to_string(n);
            regp(name, [=](benchmark::State &st) {
                T *a = operand<T>(Role::a, size_t(m) * n), *x = operand<T>(Role::x, n);
                T *y = operand<T>(Role::y, m);
                auto call = [=](const Impl *im) {
                    if constexpr (sizeof(T) == 4)
                        im->sgemv(101, 111, m, n, 1, a, n, x, 1, 1, y, 1);
                    else
                        im->dgemv(101, 111, m, n, 1, a, n, x, 1, 1, y, 1);
                };
                bm_pair(st, ln, ob, [=] { call(ln); }, [=] { call(ob); },
                        1e-9 * double(m) * (n + 2) * sizeof(T), "GBps");
            });
        };
        for (int n : {3, 6}) {
            pair_few(0.0f, 1000, n);
            pair_few(0.0, 1000, n);
        }
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
