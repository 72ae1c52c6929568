#!/bin/sh
# Every test lanes has, on a fresh Debian 12 machine as root: installs what
# is missing, then builds and runs the Criterion suites three times:
#   build/        native (scalar, avx2, avx512 forced in turn in-process)
#   build-asan/   native under ASan + UBSan (a report or a leak fails)
#   build-arm64/  aarch64 cross build under qemu-user (scalar, neon)
# Any failed or skipped test fails the run.  The last line is the total.
set -eu
cd "$(dirname "$0")/.."
t0=$(date +%s)
step() { echo "== [$(( $(date +%s) - t0 ))s] $*"; }

step "installing missing packages"
sh scripts/deps.sh cross
step "arm64 Criterion root and binfmt"
sh scripts/arm64-deps.sh

setup() { # dir, meson args...
    d=$1
    shift
    [ -e "$d/build.ninja" ] || meson setup "$d" "$@" >"$d.setup.log" 2>&1 || {
        cat "$d.setup.log"
        exit 1
    }
}

step "native build"
setup build
ninja -C build
step "native tests"
meson test -C build --print-errorlogs

step "ASan + UBSan build"
setup build-asan -Db_sanitize=address,undefined
ninja -C build-asan
step "ASan + UBSan tests"
meson test -C build-asan --print-errorlogs

step "aarch64 cross build"
setup build-arm64 --cross-file build-deps/arm64/paths.ini --cross-file cross/aarch64-linux-gnu.ini
ninja -C build-arm64
step "aarch64 tests under qemu-user"
meson test -C build-arm64 --print-errorlogs

step "summary"
python3 scripts/tap_summary.py build build-asan build-arm64
