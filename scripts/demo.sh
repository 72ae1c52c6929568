#!/bin/sh
# Build lanes on a fresh Debian 12 machine (as root, installing what is
# missing) and run `lanes info` and `lanes demo`.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
[ -e build/build.ninja ] || meson setup build >build.setup.log 2>&1 || {
    cat build.setup.log
    exit 1
}
ninja -C build
./build/tools/lanes info
echo
./build/tools/lanes demo
