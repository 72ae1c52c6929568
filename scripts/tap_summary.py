"""Count the Criterion subtests of several meson build dirs from their
meson-logs/testlog.json (TAP on each test's stdout).  Exits 1 if any test
failed or was skipped: a skipped ISA test means an ISA did not run."""
import collections
import json
import re
import sys

total_ok = total_bad = total_skip = 0
for build in sys.argv[1:]:
    ok = bad = skip = 0
    per_isa = collections.Counter()
    with open(f"{build}/meson-logs/testlog.json") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("result") not in ("OK",):
                bad += 1
            for tap in rec.get("stdout", "").splitlines():
                if tap.startswith("not ok"):
                    bad += 1
                elif tap.startswith("ok"):
                    if "# SKIP" in tap:
                        skip += 1
                        print(f"{build}: skipped: {tap}")
                    else:
                        ok += 1
                        m = re.search(r"_(scalar|avx2|avx512|neon)\s", tap)
                        per_isa[m.group(1) if m else "isa-independent"] += 1
    print(f"{build}: {ok} passed, {bad} failed, {skip} skipped  ("
          + ", ".join(f"{k} {v}" for k, v in sorted(per_isa.items())) + ")")
    total_ok, total_bad, total_skip = total_ok + ok, total_bad + bad, total_skip + skip
print(f"tests: {total_ok} passed, {total_bad} failed, {total_skip} skipped")
sys.exit(1 if total_bad or total_skip or total_ok == 0 else 0)
