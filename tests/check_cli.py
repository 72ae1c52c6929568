#!/usr/bin/env python3
"""lanes train / lanes predict end to end, on the fixed splits of the
shipped data: each model is trained with the CLI, saved, and scored on the
predictions `lanes predict` prints for the test rows (which training never
saw).  Diabetes is checked against an independent least-squares solution
(Householder QR in Python floats).  TAP on stdout.

usage: check_cli.py LANES_EXE DATA_DIR
"""
import gzip
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile

LANES, DATA = sys.argv[1], sys.argv[2]
# a cross build's binary runs through meson's exe wrapper (qemu-user)
WRAP = shlex.split(os.environ.get("MESON_EXE_WRAPPER", ""))
results = []


def ok(cond, what):
    results.append((bool(cond), what))
    print(("ok" if cond else "not ok") + " %d - %s" % (len(results), what), flush=True)


def run(*args, expect=0):
    p = subprocess.run(WRAP + [LANES, *args], capture_output=True, text=True, timeout=1800)
    if p.returncode != expect:
        sys.stderr.write(p.stderr)
    return p


def parse(out):
    try:
        return json.loads(out)
    except ValueError:
        return {}


def read_csv(name):
    path = os.path.join(DATA, name)
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    return lines[0].split(","), [[float(v) for v in l.split(",")] for l in lines[1:]]


def split_codes(name):
    with open(os.path.join(DATA, name)) as f:
        return [int(l) for l in f.read().split()[1:]]


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(repr(v) for v in r) + "\n")


def lstsq(a, y):
    """min |a z - y| by Householder QR, in Python floats (double)."""
    a = [row[:] for row in a]
    y = y[:]
    n, p = len(a), len(a[0])
    for k in range(p):
        norm = math.sqrt(sum(a[i][k] ** 2 for i in range(k, n)))
        alpha = -norm if a[k][k] > 0 else norm
        v = [0.0] * k + [a[k][k] - alpha] + [a[i][k] for i in range(k + 1, n)]
        vv = sum(t * t for t in v[k:])
        for j in range(k, p):
            s = 2 * sum(v[i] * a[i][j] for i in range(k, n)) / vv
            for i in range(k, n):
                a[i][j] -= s * v[i]
        s = 2 * sum(v[i] * y[i] for i in range(k, n)) / vv
        for i in range(k, n):
            y[i] -= s * v[i]
    z = [0.0] * p
    for k in reversed(range(p)):
        z[k] = (y[k] - sum(a[k][j] * z[j] for j in range(k + 1, p))) / a[k][k]
    return z


tmp = tempfile.mkdtemp(prefix="lanes_cli_")

def classify(name, model_kind, keep_label, threshold, *options):
    """Train on NAME's fixed split with the CLI, save, write the test rows
    (with or without the label column) and score `lanes predict` on them.
    Returns train's JSON and stderr, the test accuracy, the model and test
    file paths and the number of test rows."""
    header, rows = read_csv(name + ".csv.gz")
    codes = split_codes(name + "_split.csv")
    model = os.path.join(tmp, name + ".model")
    p = run("train", model_kind, "--data", os.path.join(DATA, name + ".csv.gz"), "--split",
            os.path.join(DATA, name + "_split.csv"), "--out", model, "--json", *options)
    ok(p.returncode == 0, "lanes train %s on %s" % (model_kind, name))
    res, train_err = parse(p.stdout), p.stderr
    test = [r for r, c in zip(rows, codes) if c == 2]
    path = os.path.join(tmp, name + "_test.csv")
    write_csv(path, header if keep_label else header[:-1],
              test if keep_label else [r[:-1] for r in test])
    p = run("predict", "--model", model, "--data", path)
    pred = [int(v) for v in p.stdout.split()]
    ok(p.returncode == 0 and len(pred) == len(test), "predict: one line per row (%s label column)"
       % ("with the" if keep_label else "no"))
    acc = sum(int(r[-1]) == v for r, v in zip(test, pred)) / len(test)
    ok(acc >= threshold, "%s test accuracy %.4f >= %.2f (scored on lanes predict)"
       % (name, acc, threshold))
    return res, train_err, acc, model, path, len(test)


# digits: MLP 64-128-10, Adam lr 1e-3, batch 32, 30 epochs
res, err, acc, _, _, _ = classify("digits", "mlp", False, 0.97, "--layers", "128", "--optimizer",
                                "adam", "--lr", "0.001", "--batch", "32", "--epochs", "30")
ok(all(k in res for k in ("model", "isa", "threads", "epochs", "train_loss",
                          "samples_per_second", "test_accuracy")), "train --json has the keys")
ok(err.count("mlp epoch") == 30 and "val_accuracy" in err, "a progress line per epoch")
ok(abs(acc - res.get("test_accuracy", math.nan)) < 1e-9, "predict agrees with train's test accuracy")

# breast_cancer: logistic regression, standardised; the test file keeps its label
_, _, _, bc_model, bc_test, bc_rows = classify("breast_cancer", "logreg", True, 0.95)

# diabetes: closed form vs an independent least-squares solution
header, rows = read_csv("diabetes.csv")
codes = split_codes("diabetes_split.csv")
model = os.path.join(tmp, "dia.model")
p = run("train", "linreg", "--data", os.path.join(DATA, "diabetes.csv"), "--split",
        os.path.join(DATA, "diabetes_split.csv"), "--out", model, "--json", "--quiet")
ok(p.returncode == 0, "lanes train linreg on diabetes")
res = parse(p.stdout)
train = [r for r, c in zip(rows, codes) if c == 0]
test = [r for r, c in zip(rows, codes) if c == 2]
z = lstsq([r[:-1] + [1.0] for r in train], [r[-1] for r in train])
werr = max(abs(a - b) / max(1.0, abs(b)) for a, b in zip(res.get("weights", [math.nan] * 10) + [res.get("bias", math.nan)], z))
ok(werr <= 1e-4, "diabetes coefficients within %.2g of least squares (<= 1e-4)" % werr)
write_csv(os.path.join(tmp, "dia_test.csv"), header, test)
p = run("predict", "--model", model, "--data", os.path.join(tmp, "dia_test.csv"))
pred = [float(v) for v in p.stdout.split()]
ref = [sum(a * b for a, b in zip(r[:-1], z)) + z[-1] for r in test]
perr = max(abs(a - b) / max(1.0, abs(b)) for a, b in zip(pred, ref)) if pred else 1
ok(len(pred) == len(test) and perr <= 1e-4,
   "diabetes predictions within %.2g of least squares (<= 1e-4)" % perr)
ys = [r[-1] for r in test]
mean = sum(ys) / len(ys)
r2_ref = 1 - sum((a - b) ** 2 for a, b in zip(ref, ys)) / sum((y - mean) ** 2 for y in ys)
r2_pred = 1 - sum((a - b) ** 2 for a, b in zip(pred, ys)) / sum((y - mean) ** 2 for y in ys)
ok(abs(res.get("test_r2", math.nan) - r2_ref) <= 1e-4 and abs(r2_pred - r2_ref) <= 1e-4,
   "diabetes R^2 %.6f vs least squares %.6f" % (res.get("test_r2", math.nan), r2_ref))

# an MLP regression (squared loss, standardised target) on diabetes: the
# predictions come back in the target's units and reproduce train's R^2
model = os.path.join(tmp, "mlpreg.model")
p = run("train", "mlp", "--data", os.path.join(DATA, "diabetes.csv"), "--split",
        os.path.join(DATA, "diabetes_split.csv"), "--loss", "squared", "--layers", "16",
        "--epochs", "100", "--lr", "0.003", "--out", model, "--json", "--quiet")
res = parse(p.stdout)
p = run("predict", "--model", model, "--data", os.path.join(tmp, "dia_test.csv"))
pred = [float(v) for v in p.stdout.split()]
r2 = 1 - sum((a - b) ** 2 for a, b in zip(pred, ys)) / sum((y - mean) ** 2 for y in ys)
ok(len(pred) == len(ys) and abs(r2 - res.get("test_r2", math.nan)) < 1e-4 and r2 > 0,
   "mlp --loss squared: R^2 %.4f from predict, %.4f from train" % (r2, res.get("test_r2", math.nan)))

# probabilities and the decision threshold of the logistic model
p = run("predict", "--model", bc_model, "--data", bc_test, "--proba")
probs = [float(v) for v in p.stdout.split()]
p = run("predict", "--model", bc_model, "--data", bc_test, "--threshold",
        "0.999")
strict = [int(v) for v in p.stdout.split()]
ok(len(probs) == bc_rows and all(0 <= q <= 1 for q in probs) and len(strict) == bc_rows and
   all(s_ == int(q >= 0.999) for s_, q in zip(strict, probs) if abs(q - 0.999) > 1e-5) and
   sum(strict) < sum(int(q >= 0.5) for q in probs),
   "predict --proba gives P(1) in [0, 1]; --threshold 0.999 labels exactly those above it")

# the book's synthetic problem, built in: SGD batch 10, lr 0.03, 3 epochs
p = run("train", "linreg", "--solver", "sgd", "--json", "--quiet")
res = parse(p.stdout)
err = max(abs(res.get("weights", [math.nan] * 10)[0] - 2), abs(res.get("weights", [math.nan] * 10)[1] + 3.4), abs(res.get("bias", math.nan) - 4.2))
ok(p.returncode == 0 and res.get("epochs", math.nan) == 3 and err < 0.01,
   "book synthetic data, SGD: w and b within %.2g of [2, -3.4], 4.2 (< 0.01)" % err)

# bad input: clear messages, nonzero exit, nothing written
bad = os.path.join(tmp, "bad.csv")
with open(bad, "w") as f:
    f.write("a,b,label\n1,2,0\n3,x,1\n")
out = os.path.join(tmp, "never.model")
p = run("train", "logreg", "--data", bad, "--out", out, expect=1)
ok(p.returncode == 1 and "bad.csv:3:2" in p.stderr and not os.path.exists(out),
   "malformed CSV: file:line:column, no model written (%s)" % p.stderr.strip())
with open(model, "rb") as f:
    blob = f.read()
with open(os.path.join(tmp, "cut.model"), "wb") as f:
    f.write(blob[: len(blob) // 2])
p = run("predict", "--model", os.path.join(tmp, "cut.model"), "--data",
        os.path.join(tmp, "dia_test.csv"), expect=1)
ok(p.returncode == 1 and "not a valid lanes model file" in p.stderr and not p.stdout,
   "truncated model refused (%s)" % p.stderr.strip())
p = run("predict", "--model", model, "--data", bc_test, expect=1)
ok(p.returncode == 1 and "columns" in p.stderr and not p.stdout,
   "data of the wrong width refused (%s)" % p.stderr.strip())
p = run("train", "mlp", "--epochs", "0", expect=2)
ok(p.returncode == 2 and "--epochs" in p.stderr, "bad option value refused")
p = run("train", "mlp", "--layers", "12,x", expect=2)
ok(p.returncode == 2 and "--layers" in p.stderr, "bad layer list refused")

for name in os.listdir(tmp):
    os.unlink(os.path.join(tmp, name))
os.rmdir(tmp)
print("1..%d" % len(results))
sys.exit(0 if all(c for c, _ in results) else 1)
