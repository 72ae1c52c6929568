#!/usr/bin/python3
"""lanes bench: run the benchmark suite, then write to OUT the raw Google
Benchmark JSON, a Markdown report and six charts (PNG and SVG):

  1 book_vector_add   the book's experiment: 10,000-element add, plain loop vs
                      each ISA's kernel, speedups on the bars
  2 speedup_by_kernel speedup over the plain loop, every kernel and ISA
  3 gemm_gflops       sgemm GFLOP/s vs n: lanes, OpenBLAS, BLIS, measured peak
  4 bandwidth         saxpy/sdot/sgemv GB/s vs working set, L1/L2/L3/DRAM
                      regions, measured memory bandwidth
  5 vmath             exp/sigmoid/softmax elements per ns vs SLEEF and libmvec
  6 mlp               MLP training samples/s vs PyTorch

`lanes bench [--quick] [--out DIR]` runs this script; it can also be run as
    /usr/bin/python3 bench/lanes_bench.py --build build [--quick] [--out DIR]
Needs the benchmark binaries (libbenchmark-dev; scripts/deps.sh bench
installs everything, including python3-matplotlib and python3-torch).
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = time.time()
STEPS = 6
step_no = 0


def progress(what):
    global step_no
    step_no += 1
    print("[%d/%d %5.0fs] %s" % (step_no, STEPS, time.time() - T0, what), file=sys.stderr, flush=True)


def run_gbench(exe, out, args, env=None):
    """Run a Google Benchmark binary with JSON output to `out`; show a dot
    per finished benchmark so a long run shows progress."""
    e = dict(os.environ)
    e.update(env or {})
    cmd = [exe, "--benchmark_out=" + out, "--benchmark_out_format=json",
           "--benchmark_format=console"] + args
    p = subprocess.Popen(cmd, env=e, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    n = 0
    for line in p.stdout:
        if "/" in line and ("ns" in line or "ms" in line or "us" in line):
            n += 1
            if n % 10 == 0:
                print("      %d benchmarks done, %.0fs" % (n, time.time() - T0), file=sys.stderr, flush=True)
    if p.wait() != 0:
        sys.exit("lanes bench: %s failed" % " ".join(cmd))
    with open(out) as f:
        return json.load(f)


def pair_name(name):
    """a name without the min_time:/repeats: parts that bench_blas' paired
    rows carry (their own minimum time and one repetition)"""
    return "/".join(p for p in name.split("/") if not p.startswith(("min_time:", "repeats:")))


def rows(doc):
    """name -> benchmark entry (the median when repetitions were run)."""
    r = {}
    for b in doc["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        name = pair_name(b.get("run_name", b["name"]))
        if name.endswith("/real_time"):
            name = name[: -len("/real_time")]
        if b.get("run_type") == "aggregate" or name not in r:
            r[name] = b
    return r


def natural(name):
    """a sort key that orders a row name's numbers by value: sgemm/.../64
    before .../1024"""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in name.split("/")]


def paired(br, kind):
    """bench_blas' rows paired with a yardstick (kind: "pair-openblas" or
    "pair-peak"), in name order (the run interleaves them at random)"""
    return sorted(((n, b) for n, b in br.items() if "/%s/" % kind in n and b.get("ratio")),
                  key=lambda nb: natural(nb[0]))


def table(L, intro, header, rows):
    """a paragraph and a markdown table of rows, appended to L if there are rows"""
    if rows:
        L.append("\n" + intro + "\n")
        L.append("| " + " | ".join(header) + " |\n" + "|---" * len(header) + "|")
        L.extend(rows)


def seconds(b):
    unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
    return b["real_time"] * unit


def number(s):
    return float(str(s).split()[0])


def machine():
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d CPUs" % (model, os.cpu_count() or 0)


def cache_sizes():
    """L1d, L2, L3 in bytes from sysfs (per core for L1/L2)."""
    sizes = {}
    base = "/sys/devices/system/cpu/cpu0/cache"
    try:
        for d in sorted(os.listdir(base)):
            p = os.path.join(base, d)
            with open(os.path.join(p, "level")) as f:
                level = int(f.read())
            with open(os.path.join(p, "type")) as f:
                kind = f.read().strip()
            with open(os.path.join(p, "size")) as f:
                s = f.read().strip()
            b = int(s[:-1]) * (1024 if s[-1] == "K" else 1024 * 1024) if s[-1] in "KM" else int(s)
            if kind != "Instruction":
                sizes[level] = b
    except OSError:
        pass
    return sizes.get(1, 32 << 10), sizes.get(2, 1 << 20), sizes.get(3, 32 << 20)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--out", default="lanes-bench")
    ap.add_argument("--quick", action="store_true", help="a short subset (under two minutes here)")
    ap.add_argument("--replot", action="store_true",
                    help="only redraw the charts and report from the JSON already in --out")
    a = ap.parse_args()
    if a.replot:
        docs = []
        for name in ("loops", "blas", "vmath", "mlp"):
            with open(os.path.join(a.out, name + ".json")) as f:
                docs.append(json.load(f))
        title_tail = "%s, %s" % (machine(), datetime.date.fromtimestamp(
            os.path.getmtime(os.path.join(a.out, "blas.json"))).isoformat())
        charts = make_charts(a.out, *docs, title_tail)
        write_report(a.out, *docs, charts, title_tail, a.quick)
        return
    bdir = os.path.join(a.build, "bench")
    for exe in ("bench_loops", "bench_blas", "bench_vmath", "bench_mlp"):
        if not os.access(os.path.join(bdir, exe), os.X_OK):
            sys.exit("lanes bench: %s/%s is missing: install the benchmark dependencies "
                     "(sh scripts/deps.sh bench) and rebuild" % (bdir, exe))
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt  # noqa: F401
    except ImportError:
        sys.exit("lanes bench: matplotlib is missing (apt-get install python3-matplotlib)")
    os.makedirs(a.out, exist_ok=True)
    mt = "0.05" if a.quick else "0.1"
    reps = [] if a.quick else ["--benchmark_repetitions=3", "--benchmark_enable_random_interleaving=true"]
    # bench_blas' ratios are read one row at a time against 1.0: a median of
    # five interleaved runs outlasts a host's slow seconds better than three
    blas_reps = [] if a.quick else ["--benchmark_repetitions=5",
                                    "--benchmark_enable_random_interleaving=true"]

    progress("plain loop vs kernels (bench_loops)")
    loops = run_gbench(os.path.join(bdir, "bench_loops"), os.path.join(a.out, "loops.json"),
                       ["--benchmark_min_time=" + mt] + reps)
    progress("BLAS vs OpenBLAS and BLIS (bench_blas%s)" % (", quick subset" if a.quick else ""))
    flt = ["--benchmark_filter=^(sgemm/(lanes|lanes-avx2|lanes-avx512|openblas|blis)/threads:1/[0-9]+/"
           "|(saxpy|sdot)/(lanes|openblas|blis)/|sgemv/(lanes|openblas|blis)/N/)"] if a.quick else []
    blas_out = os.path.join(a.out, "blas.json")
    if a.quick:
        blas = run_gbench(os.path.join(bdir, "bench_blas"), blas_out,
                          ["--benchmark_min_time=" + mt] + flt + reps, {"LANES_BENCH_QUICK": "1"})
    else:
        # The 2-thread benchmarks run after all the others, not interleaved
        # with them: a library's worker threads keep spinning for a while
        # after a threaded call, on a core the next 1-thread benchmark needs.
        # lanes' own 1-thread 2048 gemm runs again among them, so that its
        # 2-thread scaling compares runs of the same minutes (the host's
        # speed drifts between the phases); those rows are renamed
        # ".../threads:1/2048/with-2-threads".
        # OpenBLAS's idle workers spin for 2^28 cycles after a call (its
        # default OPENBLAS_THREAD_TIMEOUT), on the cores the next benchmark
        # of the interleaved 2-thread phase needs; 2^4 lets them sleep at
        # once (same phase, 2048, lanes' 2 threads against its own 1: s
        # 1.40-1.94x, d 1.71-2.00x with the default; s 2.04-2.06x, d 1.92x
        # with 4, OpenBLAS's own 2-thread speed unchanged).  A value set by
        # the caller is kept.
        quiet = {"OPENBLAS_THREAD_TIMEOUT": os.environ.get("OPENBLAS_THREAD_TIMEOUT", "4")}
        blas = run_gbench(os.path.join(bdir, "bench_blas"), blas_out,
                          ["--benchmark_min_time=" + mt, "--benchmark_filter=-threads:2"] + blas_reps,
                          quiet)
        two = run_gbench(os.path.join(bdir, "bench_blas"), blas_out + ".threads2",
                         ["--benchmark_min_time=" + mt, "--benchmark_filter="
                          "threads:2|^[sd]gemm/lanes/threads:1/2048/"] + blas_reps, quiet)
        os.remove(blas_out + ".threads2")
        for b in two["benchmarks"]:
            for key in ("name", "run_name"):
                if "/threads:1/" in b.get(key, ""):
                    b[key] = b[key].replace("/2048/", "/2048/with-2-threads/")
        blas["benchmarks"] += two["benchmarks"]
        with open(blas_out, "w") as f:
            json.dump(blas, f, indent=1)
    progress("exp, sigmoid, softmax vs SLEEF and libmvec (bench_vmath)")
    flt = ["--benchmark_filter=/(4096|3200x10|250x128|32x1000|1x32000)$"] if a.quick else []
    vmath = run_gbench(os.path.join(bdir, "bench_vmath"), os.path.join(a.out, "vmath.json"),
                       ["--benchmark_min_time=" + mt] + flt + reps)
    progress("MLP training vs PyTorch (bench_mlp, bench/mlp_vs_torch.py)")
    mlp_json = os.path.join(a.out, "mlp.json")
    cmd = [sys.executable, os.path.join(HERE, "mlp_vs_torch.py"), "--bench",
           os.path.join(bdir, "bench_mlp"), "--json", mlp_json, "--rounds", "1" if a.quick else "3"]
    if a.quick:
        cmd.append("--quick")
    if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
        sys.exit("lanes bench: bench/mlp_vs_torch.py failed (is python3-torch installed?)")
    with open(mlp_json) as f:
        mlp = json.load(f)

    progress("charts")
    title_tail = "%s, %s" % (machine(), datetime.date.today().isoformat())
    charts = make_charts(a.out, loops, blas, vmath, mlp, title_tail)
    progress("report")
    write_report(a.out, loops, blas, vmath, mlp, charts, title_tail, a.quick)
    print("lanes bench: wrote %s/report.md, %d charts (PNG and SVG) and the raw JSON in %.0fs"
          % (a.out, len(charts), time.time() - T0), file=sys.stderr)


ISA_ORDER = ["scalar", "avx2", "avx512", "neon"]


KERNEL_ORDER = ["vadd", "saxpy", "daxpy", "sdot", "ddot", "sgemv", "dgemv", "sgemm", "dgemm",
                "expf", "sigmoidf", "softmaxf"]


def order_of(seq, key):
    return sorted(seq, key=lambda x: (key.index(x) if x in key else len(key), x))


def loops_table(loops):
    """kernel -> {impl: seconds}, kernels in a fixed order (the runs may be
    interleaved)"""
    table = {}
    for name, b in rows(loops).items():
        _, kernel, impl = name.split("/")[:3]
        table.setdefault(kernel, {})[impl] = seconds(b)
    return {k: table[k] for k in order_of(table, KERNEL_ORDER)}


def vmath_order(vr):
    """(cases, impls) of bench_vmath in a fixed order: exp, sigmoid, then
    softmax by shape; per width: lanes, SLEEF, libmvec"""
    cases, impls = [], []
    for n in vr:
        fn, impl, size = n.split("/")[:3]
        if (fn, size) not in cases:
            cases.append((fn, size))
        if impl not in impls and impl != "lanes-scalar":
            impls.append(impl)
    shapes = ["4096", "1000000", "3200x10", "250x128", "32x1000", "1x32000"]
    fns = ["expf", "sigmoidf", "softmaxf"]
    cases.sort(key=lambda c: (fns.index(c[0]) if c[0] in fns else 9,
                              shapes.index(c[1]) if c[1] in shapes else 9))
    fam = ["loop", "lanes", "sleef", "libmvec"]
    impls.sort(key=lambda i: ("avx512" in i, fam.index(i.split("-")[0]) if i.split("-")[0] in fam
                              else 9, i))
    return cases, impls


def vmath_color(impl):
    """a colour per family, light for AVX2 and dark for AVX-512"""
    pal = {"lanes": ("#6baed6", "#08519c"), "sleef": ("#fc9272", "#a50f15"),
           "libmvec": ("#a1d99b", "#238b45")}
    fam = impl.split("-")[0]
    if fam not in pal:
        return "#888888"
    return pal[fam][1 if "avx512" in impl else 0]


def make_charts(out, loops, blas, vmath, mlp, title_tail):
    import matplotlib
    import matplotlib.pyplot as plt
    import matplotlib.ticker  # noqa: F401

    made = []

    def save(fig, name):
        fig.tight_layout()
        for ext in ("png", "svg"):
            fig.savefig(os.path.join(out, name + "." + ext), dpi=110)
        plt.close(fig)
        made.append(name)

    lt = loops_table(loops)
    isas = [i for i in ISA_ORDER if "lanes-" + i in lt.get("vadd", {})]

    # 1: the book's experiment
    v = lt["vadd"]
    labels = ["plain loop"] + ["lanes " + i for i in isas]
    times = [v["plain"] * 1e6] + [v["lanes-" + i] * 1e6 for i in isas]
    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    bars = ax.bar(labels, times, color=["#888888"] + ["C%d" % k for k in range(len(isas))])
    for bar, t in zip(bars, times):
        ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(),
                "%.2f us\n%.1fx" % (t, times[0] / t), ha="center", va="bottom", fontsize=9)
    ax.set_ylabel("time per call (microseconds, lower is better)")
    ax.set_ylim(0, max(times) * 1.3)
    ax.set_title("Dive into Deep Learning: add two 10,000-element float vectors\n"
                 "plain for-loop vs vectorized (lanes_saxpy, alpha = 1), 1 thread\n" + title_tail,
                 fontsize=10)
    save(fig, "1_book_vector_add")

    # 2: speedup over the plain loop, every kernel and ISA
    kernels = list(lt.keys())
    fig, ax = plt.subplots(figsize=(11, 5))
    width = 0.8 / max(1, len(isas))
    for k, isa in enumerate(isas):
        sp = [lt[kn]["plain"] / lt[kn]["lanes-" + isa] for kn in kernels]
        xs = [i + (k - (len(isas) - 1) / 2) * width for i in range(len(kernels))]
        ax.bar(xs, sp, width, label="lanes " + isa, color="C%d" % k)
        for x, s in zip(xs, sp):
            ax.text(x, s, "%.0f" % s if s >= 10 else "%.1f" % s, ha="center", va="bottom", fontsize=7)
    ax.axhline(1, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_xticks(range(len(kernels)))
    ax.set_xticklabels(kernels)
    ax.set_ylabel("speedup over the plain loop (x, log scale)")
    ax.legend()
    ax.set_title("Speedup of each kernel over its plain loop (no auto-vectorisation), 1 thread\n"
                 + title_tail, fontsize=10)
    save(fig, "2_speedup_by_kernel")

    # 3: sgemm GFLOP/s vs n
    br = rows(blas)
    ctx = blas["context"]
    fig, ax = plt.subplots(figsize=(8, 5))
    for impl, style in (("lanes", "o-"), ("lanes-avx2", "^--"), ("lanes-avx512", "v--"),
                        ("openblas", "s-"), ("blis", "D-")):
        pts = sorted((int(n.split("/")[3]), b["GFLOPS"]) for n, b in br.items()
                     if n.startswith("sgemm/%s/threads:1/" % impl) and n.split("/")[3].isdigit())
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], style, label=impl)
    peak = number(ctx.get("peak_f32_1thread", "0"))
    if peak:
        ax.axhline(peak, color="red", linestyle=":", label="measured FMA peak %.0f GFLOP/s" % peak)
    ax.set_xscale("log", base=2)
    ax.set_xlabel("n (square sgemm n x n x n, log scale)")
    ax.set_ylabel("GFLOP/s (higher is better)")
    ax.legend()
    ax.grid(alpha=0.3)
    ax.set_title("sgemm, 1 thread: lanes vs OpenBLAS (%s) vs BLIS (%s)\n%s"
                 % (ctx.get("openblas_core", "?").split(" (")[0], ctx.get("blis_arch", "?"), title_tail), fontsize=10)
    save(fig, "3_gemm_gflops")

    # 4: level 1/2 bandwidth vs working set
    l1, l2, l3 = cache_sizes()
    fig, ax = plt.subplots(figsize=(9, 5))
    series = (("saxpy", 8, lambda n: 8 * n), ("sdot", 8, lambda n: 8 * n),
              ("sgemv/N", 4, lambda n: 4 * n * n))
    for si, (kernel, _, ws) in enumerate(series):
        for impl, style in (("lanes", "-"), ("openblas", "--"), ("blis", ":")):
            prefix = "%s/%s/" % (kernel.split("/")[0], impl) + ("N/" if "/" in kernel else "")
            pts = sorted((ws(int(n[len(prefix):])), b["GBps"]) for n, b in br.items()
                         if n.startswith(prefix) and n[len(prefix):].isdigit())
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], style, marker="o", markersize=4,
                        color="C%d" % si, label="%s %s" % (kernel, impl))
    lo = 16
    hi = 1 << 31
    for (a_, b_, name, c) in ((lo, l1, "L1", "#e8f4e8"), (l1, l2, "L2", "#e8eef8"),
                              (l2, l3, "L3", "#f8f0e0"), (l3, hi, "DRAM", "#f4e4e4")):
        ax.axvspan(a_, b_, color=c, zorder=0)
        ax.text((a_ * b_) ** 0.5, 0.97, name, transform=ax.get_xaxis_transform(), ha="center",
                va="top", fontsize=9)
    for key, label in (("bw_read", "measured read bandwidth"), ("bw_copy", "measured copy bandwidth")):
        if key in ctx:
            ax.axhline(number(ctx[key]), color="red" if key == "bw_read" else "purple",
                       linestyle=":", label="%s %.0f GB/s" % (label, number(ctx[key])))
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_yticks([5, 10, 20, 50, 100, 200, 500])
    ax.get_yaxis().set_major_formatter(matplotlib.ticker.ScalarFormatter())
    ax.set_xlim(lo, hi)
    ax.set_xlabel("working set (bytes, log scale): saxpy/sdot 8n, sgemv 4n^2")
    ax.set_ylabel("GB/s of data moved (log scale)")
    ax.legend(fontsize=7, ncol=2, loc="lower left")
    ax.set_title("Level 1/2 kernels, 1 thread: bandwidth by cache level\n" + title_tail, fontsize=10)
    save(fig, "4_bandwidth")

    # 5: vector math elements/ns
    vr = rows(vmath)
    cases, impls = vmath_order(vr)
    fig, ax = plt.subplots(figsize=(12, 5))
    width = 0.85 / max(1, len(impls))
    for k, impl in enumerate(impls):
        xs, ys = [], []
        for i, (fn, size) in enumerate(cases):
            b = vr.get("%s/%s/%s" % (fn, impl, size))
            if b:
                xs.append(i + (k - (len(impls) - 1) / 2) * width)
                ys.append(b["elem_per_ns"])
        ax.bar(xs, ys, width, label=impl, color=vmath_color(impl), edgecolor="white",
               linewidth=0.3)
    ax.set_xticks(range(len(cases)))
    ax.set_xticklabels(["%s\n%s" % c for c in cases], fontsize=8)
    ax.set_ylabel("elements per ns (higher is better)")
    ax.legend(fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.13))
    ax.set_title("exp, sigmoid, softmax (float32, 1 thread): lanes vs SLEEF u10 and glibc libmvec\n"
                 + title_tail, fontsize=10)
    save(fig, "5_vmath")

    # 6: MLP training
    fig, ax = plt.subplots(figsize=(8, 5))
    labels = ["%s\n%d thread%s" % ("784-512-256-10\nbatch 128, momentum" if r["case"] == "big"
                                   else "digits 64-128-10\nbatch 32, Adam", r["threads"],
                                   "s" if r["threads"] > 1 else "") for r in mlp]
    xs = range(len(mlp))
    l_ = [r["lanes_samples_per_s"] for r in mlp]
    t_ = [r["torch_samples_per_s"] for r in mlp]
    ax.bar([x - 0.2 for x in xs], l_, 0.4, label="lanes", color="C0")
    ax.bar([x + 0.2 for x in xs], t_, 0.4, label="PyTorch (CPU)", color="C3")
    for x, lv, tv in zip(xs, l_, t_):
        ax.text(x - 0.2, lv, "%.2fx" % (lv / tv), ha="center", va="bottom", fontsize=9)
    ax.set_yscale("log")
    ax.set_xticks(list(xs))
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_ylabel("training samples per second (log scale)")
    ax.legend()
    ax.set_title("MLP training throughput (whole epochs), lanes vs PyTorch\n" + title_tail,
                 fontsize=10)
    save(fig, "6_mlp")
    return made


def host_stability(br):
    """How steady the host was: bench_blas probes the 1-thread FMA peak after
    every sgemm benchmark (its pct_peak counter), so the spread of those probes
    shows how much other tenants took from this run."""
    probes = sorted(b["GFLOPS"] / b["pct_peak"] * 100 for n, b in br.items()
                    if n.startswith("sgemm/") and "/threads:1/" in n and b.get("pct_peak"))
    if not probes:
        return ""
    lo, med, hi = probes[0], probes[len(probes) // 2], probes[-1]
    line = ("Host stability: the 1-thread FMA peak, probed after each of %d sgemm benchmarks, "
            "ranged %.1f-%.1f GFLOP/s (median %.1f)." % (len(probes), lo, hi, med))
    if lo < 0.9 * hi:
        line += (" **The host was contended during this run** (probes differ by more than "
                 "10%): compare implementations within one row (they ran back to back), "
                 "not rows with each other.")
    return line + "\n"


def write_report(out, loops, blas, vmath, mlp, charts, title_tail, quick):
    lt = loops_table(loops)
    isas = [i for i in ISA_ORDER if "lanes-" + i in lt.get("vadd", {})]
    ctx = blas["context"]
    L = []
    L.append("# lanes benchmark report\n")
    L.append("%s. %s run (`lanes bench%s`). Raw Google Benchmark JSON: `loops.json`, "
             "`blas.json`, `vmath.json`; MLP comparison: `mlp.json`.\n"
             % (title_tail, "Quick" if quick else "Full", " --quick" if quick else ""))
    L.append("Measured limits: FMA peak %s (1 thread), %s (2 threads); read bandwidth %s, "
             "copy bandwidth %s. OpenBLAS core %s, BLIS configuration %s.\n"
             % (ctx.get("peak_f32_1thread"), ctx.get("peak_f32_2threads"), ctx.get("bw_read"),
                ctx.get("bw_copy"), ctx.get("openblas_core"), ctx.get("blis_arch")))
    br = rows(blas)
    L.append(host_stability(br))
    L.append("## 1. The book's experiment\n")
    L.append("![](1_book_vector_add.png)\n")
    v = lt["vadd"]
    L.append("| implementation | time per call | speedup |\n|---|---|---|")
    L.append("| plain loop | %.2f us | 1.0x |" % (v["plain"] * 1e6))
    for i in isas:
        L.append("| lanes %s | %.2f us | %.1fx |" % (i, v["lanes-" + i] * 1e6, v["plain"] / v["lanes-" + i]))
    L.append("\n## 2. Speedup over the plain loop\n")
    L.append("![](2_speedup_by_kernel.png)\n")
    L.append("| kernel | " + " | ".join(isas) + " |\n|---|" + "---|" * len(isas))
    for k, t in lt.items():
        L.append("| %s | " % k + " | ".join("%.1fx" % (t["plain"] / t["lanes-" + i]) for i in isas) + " |")
    L.append("\n## 3. sgemm\n")
    L.append("![](3_gemm_gflops.png)\n")
    L.append("| n | lanes GFLOP/s | OpenBLAS | BLIS | lanes / OpenBLAS | lanes / BLIS |\n|---|---|---|---|---|---|")
    sizes = sorted({int(n.split("/")[3]) for n in br if n.startswith("sgemm/lanes/threads:1/")
                    and n.split("/")[3].isdigit()})
    for n in sizes:
        g = {i: br.get("sgemm/%s/threads:1/%d" % (i, n), {}).get("GFLOPS") for i in ("lanes", "openblas", "blis")}
        if all(g.values()):
            L.append("| %d | %.1f | %.1f | %.1f | %.2f | %.2f |" % (n, g["lanes"], g["openblas"], g["blis"],
                                                                  g["lanes"] / g["openblas"], g["lanes"] / g["blis"]))
    for op in ("sgemm", "dgemm"):
        one = br.get("%s/lanes/threads:1/2048/with-2-threads" % op, {}).get("GFLOPS")
        two_t = br.get("%s/lanes/threads:2/2048" % op, {}).get("GFLOPS")
        if one and two_t:
            L.append("\n%s, n = 2048, lanes on 2 threads: %.1f GFLOP/s, %.2fx lanes on 1 thread "
                     "interleaved with it (%.1f GFLOP/s; %.2fx the 1-thread run in the table, "
                     "minutes earlier)." % (op, two_t, two_t / one, one,
                                            two_t / br["%s/lanes/threads:1/2048" % op]["GFLOPS"]))
    # small gemm: the call, and the same product through a prepared gemm
    small = [(op, n) for op in ("sgemm", "dgemm") for n in (4, 8, 16, 32, 64)
             if "%s/lanes-plan/threads:1/%d" % (op, n) in br]
    if small:
        L.append("\nSmall gemm, 1 thread: `lanes_?gemm` and a prepared gemm (`lanes_?gemm_plan_run`, "
                 "the plan made once before the timed loop) against OpenBLAS's `cblas_?gemm`.\n")
        L.append("| op | n | lanes GFLOP/s | prepared | OpenBLAS | lanes / OpenBLAS | prepared / OpenBLAS |\n"
                 "|---|---|---|---|---|---|---|")
        for op, n in small:
            g = [br.get("%s/%s/threads:1/%d" % (op, i, n), {}).get("GFLOPS")
                 for i in ("lanes", "lanes-plan", "openblas")]
            if all(g):
                L.append("| %s | %d | %.1f | %.1f | %.1f | %.2f | %.2f |"
                         % (op, n, g[0], g[1], g[2], g[0] / g[2], g[1] / g[2]))
    pair_rows = []
    for n, b in paired(br, "pair-openblas"):
        parts = n.split("/")
        unit = "GFLOP/s" if "lanes_GFLOPS" in b else "GB/s"
        key = "GFLOPS" if unit == "GFLOP/s" else "GBps"
        size = "/".join(p for p in parts[2:] if not p.startswith("threads:"))
        pair_rows.append("| %s | %s | %.3f | %.3f-%.3f | %.1f | %.1f | %s | %d |"
                         % (parts[0], size, b["ratio"], b["ratio_q1"], b["ratio_q3"],
                            b["lanes_" + key], b["yardstick_" + key], unit, b["turns"]))
    table(L, "Paired with OpenBLAS, 1 thread: lanes and OpenBLAS take turns within one "
             "benchmark (batches of calls of at least 2 ms, who goes first alternating), "
             "and the ratio is the median of the turns' speed ratios, lanes over OpenBLAS, "
             "with its quartiles: a comparison milliseconds apart, where the tables' "
             "ratios compare medians measured minutes apart.",
          ["op", "size", "lanes / OpenBLAS", "quartiles", "lanes", "OpenBLAS", "unit", "turns"],
          pair_rows)
    peak_rows = ["| %s | %s | %.1f | %.1f-%.1f | %.1f | %.1f | %d |"
                 % (n.split("/")[0], n.split("/")[-1], 100 * b["ratio"], 100 * b["ratio_q1"],
                    100 * b["ratio_q3"], b["lanes_GFLOPS"], b["yardstick_GFLOPS"], b["turns"])
                 for n, b in paired(br, "pair-peak")]
    table(L, "Paired with the FMA probe, 1 thread: each turn times lanes' gemm and the "
             "FMA probe for about as long, and the percentage is the median of the turns' "
             "lanes / probe, with its quartiles (the main table's percentages divide by a "
             "probe run after the whole benchmark).",
          ["op", "n", "% of peak", "quartiles", "lanes GFLOP/s", "probe GFLOP/s", "turns"],
          peak_rows)
    L.append("\n## 4. Level 1/2 bandwidth\n")
    L.append("![](4_bandwidth.png)\n")
    L.append("| kernel | size | lanes GB/s | OpenBLAS GB/s | ratio |\n|---|---|---|---|---|")
    def l12_key(n):
        parts = n.split("/")
        return (["saxpy", "sdot", "sgemv"].index(parts[0]) if parts[0] in ("saxpy", "sdot", "sgemv")
                else 9, parts[2] if len(parts) > 3 else "", int(parts[-1]) if parts[-1].isdigit() else 0)

    for n in sorted(br, key=l12_key):
        b = br[n]
        parts = n.split("/")
        if parts[0] in ("saxpy", "sdot", "sgemv") and parts[1] == "lanes" and (parts[0] != "sgemv" or parts[2] == "N"):
            o = br.get(n.replace("/lanes/", "/openblas/"))
            if o:
                L.append("| %s | %s | %.1f | %.1f | %.2f |" % ("/".join([parts[0]] + parts[2:-1]), parts[-1],
                                                             b["GBps"], o["GBps"], b["GBps"] / o["GBps"]))
    L.append("\n## 5. exp, sigmoid, softmax\n")
    L.append("![](5_vmath.png)\n")
    vr = rows(vmath)
    cases, impls = vmath_order(vr)
    L.append("| case | " + " | ".join(impls) + " |\n|---|" + "---|" * len(impls))
    for fn, size in cases:
        cells = []
        for impl in impls:
            b = vr.get("%s/%s/%s" % (fn, impl, size))
            cells.append("%.2f" % b["elem_per_ns"] if b else "")
        L.append("| %s %s | " % (fn, size) + " | ".join(cells) + " |")
    L.append("\n(elements per ns, higher is better)")
    L.append("\n## 6. MLP training vs PyTorch\n")
    L.append("![](6_mlp.png)\n")
    L.append("| network | threads | lanes samples/s | PyTorch samples/s | ratio | lanes ms/epoch | PyTorch ms/epoch |\n|---|---|---|---|---|---|---|")
    for r in mlp:
        L.append("| %s | %d | %.0f | %.0f | %.2fx | %.2f | %.2f |" % (
            "784-512-256-10, batch 128, SGD momentum" if r["case"] == "big" else "digits 64-128-10, batch 32, Adam",
            r["threads"], r["lanes_samples_per_s"], r["torch_samples_per_s"], r["ratio"],
            r["lanes_ms_per_epoch"], r["torch_ms_per_epoch"]))
    L.append("\nHow to read these: every figure compares implementations measured in the same run "
             "on this shared host, whose speed drifts by tens of percent within minutes; ratios "
             "within one run are meaningful, absolute numbers across runs less so.\n")
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
