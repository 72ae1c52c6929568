#!/usr/bin/python3
"""MLP training throughput: lanes (build/bench/bench_mlp) against the
identical networks in PyTorch on CPU (Debian's python3-torch), in one run,
alternating the two so that drift of the shared host hits both.

    784-512-256-10 ReLU, softmax cross-entropy, SGD momentum 0.9, lr 0.01,
        batch 128, 2560 synthetic rows per epoch
    digits 64-128-10 ReLU, Adam lr 1e-3, batch 32, the 1079-row training split

PyTorch is configured fairly: at 1 thread OMP_NUM_THREADS=1 and
OPENBLAS_NUM_THREADS=1 (Debian's torch calls OpenBLAS, which
torch.set_num_threads does not limit) and both programs pinned to one core;
at 2 threads OMP_WAIT_POLICY=PASSIVE for PyTorch (its best setting here)
and torch.set_num_threads(2), and GOMP_SPINCOUNT=1000 for lanes (its best
setting on this shared host: a short spin at each barrier, then a sleep;
see README, Threads).  Each epoch does what a training loop does:
reshuffle, gather the batch, forward, backward, optimizer step.

usage: bench/mlp_vs_torch.py [--bench build/bench/bench_mlp] [--rounds 3]
                             [--json FILE]
Run with /usr/bin/python3 (the Debian interpreter that has torch).
"""
import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


def torch_worker(case, threads, epochs):
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    if case == "big":
        n, sizes, batch = 2560, [784, 512, 256, 10], 128
        x = torch.randn(n, 784)
        y = torch.randint(0, 10, (n,))
    else:
        with gzip.open(os.path.join(DATA, "digits.csv.gz"), "rt") as f:
            rows = [list(map(float, l.split(","))) for l in f.read().split("\n")[1:] if l]
        with open(os.path.join(DATA, "digits_split.csv")) as f:
            codes = [int(c) for c in f.read().split()[1:]]
        t = torch.tensor([r for r, c in zip(rows, codes) if c == 0])
        x, y = t[:, :-1], t[:, -1].long()
        sd = x.std(0, unbiased=False)
        sd[sd == 0] = 1
        x = (x - x.mean(0)) / sd
        n, sizes, batch = x.shape[0], [64, 128, 10], 32
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    loss_fn = torch.nn.CrossEntropyLoss()
    if case == "big":
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    times = []
    for e in range(epochs + 2):  # 2 warm-up epochs
        t0 = time.perf_counter()
        perm = torch.randperm(n)
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        if e >= 2:
            times.append(time.perf_counter() - t0)
    sec = statistics.median(times)
    print(json.dumps({"seconds_per_epoch": sec, "samples_per_s": n / sec}))


def env_for(threads, torch):
    env = dict(os.environ)
    env["OMP_NUM_THREADS"] = str(threads)
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    env["MKL_NUM_THREADS"] = str(threads)
    env["LANES_NUM_THREADS"] = str(threads)
    # OpenBLAS (PyTorch's BLAS here) picks its own kernels: an inherited
    # OPENBLAS_CORETYPE (one machine here sets Haswell on an AVX-512 CPU) or
    # OPENBLAS_L2_SIZE would weaken the yardstick (bench_blas drops them too)
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        env.pop(var, None)
    # each one's best 2-thread setting here: PyTorch waits passively; lanes,
    # whose gemm barriers are short, spins briefly and then sleeps (the
    # default 300,000 spins lose their core to other processes' time slices)
    if threads > 1 and torch:
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    if threads > 1 and not torch:
        env.setdefault("GOMP_SPINCOUNT", "1000")
    return env


def pin(threads):
    return ["taskset", "-c", "0"] if threads == 1 else []


def run_torch(case, threads, epochs):
    out = subprocess.run(pin(threads) + [sys.executable, __file__, "--worker", case,
                                         "--threads", str(threads), "--epochs", str(epochs)],
                         env=env_for(threads, True), capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def run_lanes(bench, case, threads, quick=False):
    name = "784-512-256-10" if case == "big" else "digits-64-128-10"
    out = subprocess.run(pin(threads) + [bench, "--benchmark_filter=mlp/%s/threads:%d/" % (name, threads),
                                         "--benchmark_format=json",
                                         "--benchmark_min_time=%s" % ("0.2" if quick else "1"),
                                         "--benchmark_repetitions=%d" % (1 if quick else 3),
                                         "--benchmark_report_aggregates_only=true"],
                         env=env_for(threads, False), capture_output=True, text=True, check=True)
    runs = json.loads(out.stdout)["benchmarks"]
    med = ([r for r in runs if r.get("aggregate_name") == "median"] or runs)[0]
    # one benchmark iteration = 5 epochs (bench_mlp.cpp, EPOCHS)
    return {"seconds_per_epoch": med["real_time"] * 1e-3 / 5, "samples_per_s": med["samples_per_s"],
            "pct_peak": med["pct_peak"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default=os.path.join(HERE, "..", "build", "bench", "bench_mlp"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json")
    ap.add_argument("--quick", action="store_true", help="shorter runs (lanes bench --quick)")
    ap.add_argument("--worker")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=10)
    a = ap.parse_args()
    if a.worker:
        return torch_worker(a.worker, a.threads, a.epochs)
    rows = []
    for case in ("big", "digits"):
        for threads in (1, 2):
            lanes, torch = [], []
            for r in range(a.rounds):
                lanes.append(run_lanes(a.bench, case, threads, a.quick))
                epochs = (4 if a.quick else 10) if case == "big" else (8 if a.quick else 30)
                torch.append(run_torch(case, threads, epochs))
                print("  %s %d thread(s) round %d: lanes %.0f, torch %.0f samples/s" %
                      (case, threads, r + 1, lanes[-1]["samples_per_s"],
                       torch[-1]["samples_per_s"]), file=sys.stderr, flush=True)
            l = statistics.median(x["samples_per_s"] for x in lanes)
            t = statistics.median(x["samples_per_s"] for x in torch)
            rows.append({"case": case, "threads": threads, "lanes_samples_per_s": l,
                         "torch_samples_per_s": t, "ratio": l / t,
                         "lanes_ms_per_epoch": statistics.median(x["seconds_per_epoch"] for x in lanes) * 1e3,
                         "torch_ms_per_epoch": statistics.median(x["seconds_per_epoch"] for x in torch) * 1e3,
                         "lanes_pct_peak": statistics.median(x["pct_peak"] for x in lanes)})
    print("| network | threads | lanes samples/s | PyTorch samples/s | lanes ms/epoch | "
          "PyTorch ms/epoch | ratio | lanes % of FMA peak (gemm flops) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| %s | %d | %.0f | %.0f | %.2f | %.2f | %.2fx | %.0f%% |" %
              ("784-512-256-10 b128 momentum" if r["case"] == "big" else "digits 64-128-10 b32 Adam",
               r["threads"], r["lanes_samples_per_s"], r["torch_samples_per_s"],
               r["lanes_ms_per_epoch"], r["torch_ms_per_epoch"], r["ratio"], r["lanes_pct_peak"]))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
