#!/usr/bin/env python3
"""Ratios from one bench_blas JSON run: lanes (default table) against
OpenBLAS and BLIS for every operation and size, plus lanes' percentage of the
measured limit; small gemm also through a prepared gemm (rows "N plan").
usage: compare.py blas.json [op-prefix ...]"""
import collections
import json
import sys

from lanes_bench import natural, pair_name  # (the same directory: a script's first path)


def main():
    data = json.load(open(sys.argv[1]))
    prefixes = sys.argv[2:]
    rows = collections.OrderedDict()
    pairs = []  # bench_blas' paired rows: (op, size, entry)
    peaks = []  # and those paired with the FMA probe
    # with repetitions, the median of each benchmark; without, its one run
    have_median = {b["run_name"] for b in data["benchmarks"] if b.get("aggregate_name") == "median"}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        if b.get("run_type") != "aggregate" and b.get("run_name", b["name"]) in have_median:
            continue
        parts = pair_name(b["run_name" if b.get("run_type") == "aggregate" else "name"]).split("/")
        op, impl, rest = parts[0], parts[1], "/".join(p for p in parts[2:] if p != "real_time")
        if prefixes and not any(op.startswith(p) for p in prefixes):
            continue
        if impl in ("pair-openblas", "pair-peak"):
            (pairs if impl == "pair-openblas" else peaks).append((op, rest, b))
            continue
        rate = b.get("GFLOPS") or b.get("GBps")
        pct = b.get("pct_peak") or b.get("pct_bw")
        rows.setdefault((op, rest), {})[impl] = (rate, pct)
    ctx = data["context"]
    print(f"# {ctx.get('date')}  openblas core {ctx.get('openblas_core')}  blis {ctx.get('blis_arch')}"
          f"  peak {ctx.get('peak_f32_1thread')}  read bw {ctx.get('bw_read')}  copy bw {ctx.get('bw_copy')}")
    print(f"{'op':6} {'size':22} {'lanes':>9} {'openblas':>9} {'blis':>9} {'x OB':>6} {'x BLIS':>6} {'% limit':>7}")
    fmt = lambda v: f"{v:9.2f}" if v else f"{'-':>9}"
    # lanes' own row, then (small gemm) its prepared gemm's ("lanes-plan")
    for (op, rest), impls in rows.items():
        ob = impls.get("openblas", (None, None))[0]
        bl = impls.get("blis", (None, None))[0]
        for impl, label in (("lanes", rest), ("lanes-plan", rest + " plan")):
            if impl not in impls:
                continue
            l, pct = impls[impl]
            r = lambda v: f"{l / v:6.2f}" if v else f"{'-':>6}"
            print(f"{op:6} {label:22} {fmt(l)} {fmt(ob)} {fmt(bl)} {r(ob)} {r(bl)} {pct:7.1f}")
    # the paired rows in name order (the run interleaves them at random)
    pairs.sort(key=lambda e: natural(e[0] + "/" + e[1]))
    peaks.sort(key=lambda e: natural(e[0] + "/" + e[1]))
    if pairs:
        print("\n# paired with OpenBLAS (turns milliseconds apart): median of the turns' "
              "ratios, lanes / OpenBLAS, quartiles, turns")
        for op, rest, b in pairs:
            print(f"{op:6} {rest:22} {b['ratio']:6.3f}  {b['ratio_q1']:.3f}-{b['ratio_q3']:.3f}"
                  f"  {int(b['turns']):6d}")
    if peaks:
        print("\n# paired with the FMA probe (turns milliseconds apart): median of the turns' "
              "percentages of the peak, quartiles, turns, lanes and probe GFLOP/s")
        for op, rest, b in peaks:
            print(f"{op:6} {rest:22} {100 * b['ratio']:6.1f}  {100 * b['ratio_q1']:.1f}-"
                  f"{100 * b['ratio_q3']:.1f}  {int(b['turns']):6d}  {b['lanes_GFLOPS']:7.1f}"
                  f"  {b['yardstick_GFLOPS']:7.1f}")


if __name__ == "__main__":
    main()
