#!/bin/sh
# Install what lanes needs on Debian 12, as root; installs only what is
# missing, so a second run costs a few dpkg queries.
#   scripts/deps.sh          native build, demo and tests
#   scripts/deps.sh cross    + the aarch64 cross compiler and qemu-user
#   scripts/deps.sh bench    + Google Benchmark, the yardsticks (OpenBLAS, BLIS,
#                            PyTorch) and matplotlib: for bench/ and lanes bench
set -eu
# libopenblas-dev: the yardstick the CBLAS tests compare with (test-only).
pkgs="meson ninja-build pkg-config gcc libc6-dev libcriterion-dev libsleef-dev python3 zlib1g-dev libopenblas-dev"
if [ "${1:-}" = cross ]; then
    pkgs="$pkgs gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user qemu-user-binfmt"
fi
if [ "${1:-}" = bench ]; then
    pkgs="$pkgs g++ libbenchmark-dev libopenblas0-pthread libblis4-pthread python3-matplotlib python3-torch"
fi
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "lanes: missing Debian packages:$missing (run this script as root)" >&2
        exit 1
    fi
    echo "lanes: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
