#!/bin/sh
# Install lanes into a scratch DESTDIR tree, then build the CBLAS-only
# example program twice - against OpenBLAS and against the installed
# liblanes_cblas, found through pkg-config - and compare the outputs.
# Also builds it with the plain cc line from README.md.  Prints TAP.
# usage: check_install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..5"
meson install -C "$build" --destdir "$tmp/root" --no-rebuild --quiet >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; echo "not ok 1 - meson install --destdir"; exit 1; }
pc=$(find "$tmp/root" -name lanes-cblas.pc)
prefix=$(sed -n 's/^prefix=//p' "$pc")
export PKG_CONFIG_PATH="$(dirname "$pc")"
flags=$(pkg-config --define-variable=prefix="$tmp/root$prefix" --cflags --libs lanes-cblas)
libdir=$(pkg-config --define-variable=prefix="$tmp/root$prefix" --variable=libdir lanes-cblas)
echo "ok 1 - meson install --destdir; lanes-cblas.pc: $flags"

# The DESTDIR tree is not on the loader path: LD_LIBRARY_PATH stands in for
# the install prefix (liblanes_cblas needs liblanes from the same dir).
cc -O2 -o "$tmp/ex_lanes" "$src/examples/cblas_example.c" $flags
cc -O2 -o "$tmp/ex_openblas" "$src/examples/cblas_example.c" $(pkg-config --cflags --libs openblas)
LD_LIBRARY_PATH="$libdir" "$tmp/ex_lanes" >"$tmp/lanes.txt"
"$tmp/ex_openblas" >"$tmp/openblas.txt"
python3 - "$tmp/lanes.txt" "$tmp/openblas.txt" <<'PY' || { echo "not ok 2 - outputs differ"; exit 1; }
import sys
a = [l.split() for l in open(sys.argv[1])]
b = [l.split() for l in open(sys.argv[2])]
assert len(a) == len(b) and len(a) > 30, (len(a), len(b))
for x, y in zip(a, b):
    assert x[:-1] == y[:-1], (x, y)
    u, v = float(x[-1]), float(y[-1])
    tol = 1e-5 if x[0].startswith("s") else 1e-13
    assert abs(u - v) <= tol * (1 + abs(v)), (x, y)
PY
echo "ok 2 - CBLAS example via pkg-config: $(wc -l <"$tmp/lanes.txt") values match OpenBLAS"

inc="$tmp/root$prefix/include"
cc -O2 -I"$inc/lanes" -I"$inc" -o "$tmp/ex_plain" "$src/examples/cblas_example.c" \
    -L"$libdir" -llanes_cblas -llanes
LD_LIBRARY_PATH="$libdir" "$tmp/ex_plain" | cmp -s - "$tmp/lanes.txt" || { echo "not ok 3 - plain cc line"; exit 1; }
echo "ok 3 - plain cc line (-I include/lanes -llanes_cblas -llanes) gives the same output"

# As a meson subproject: dependency('lanes') and dependency('lanes-cblas')
# resolve to the overrides the subproject declares.
mkdir -p "$tmp/outer/subprojects/lanes"
tar -C "$src" --exclude='./build*' --exclude='./.git' -cf - . | tar -C "$tmp/outer/subprojects/lanes" -xf -
cp "$src/examples/cblas_example.c" "$tmp/outer/"
cat >"$tmp/outer/meson.build" <<'MESON'
project('outer', 'c')
subproject('lanes')
executable('ex', 'cblas_example.c', dependencies: dependency('lanes-cblas'))
executable('native', 'native.c', dependencies: dependency('lanes'))
MESON
cat >"$tmp/outer/native.c" <<'C'
#include <lanes.h>
#include <stdio.h>
int main(void) { printf("%s %s\n", lanes_version(), LANES_VERSION_STRING); return 0; }
C
(cd "$tmp/outer" && meson setup b >"$tmp/sub.log" 2>&1 && ninja -C b >>"$tmp/sub.log" 2>&1) ||
    { cat "$tmp/sub.log"; echo "not ok 4 - meson subproject"; exit 1; }
"$tmp/outer/b/ex" | cmp -s - "$tmp/lanes.txt" || { echo "not ok 4 - subproject output differs"; exit 1; }
echo "ok 4 - meson subproject: dependency('lanes-cblas') and dependency('lanes') build and run ($("$tmp/outer/b/native"))"

# Only the public API is exported.
extra=$( (nm -D --defined-only "$libdir/liblanes.so" | awk '{print $3}' | grep -v '^lanes_';
          nm -D --defined-only "$libdir/liblanes_cblas.so" | awk '{print $3}' | grep -v '^cblas_') || true)
[ -z "$extra" ] || { echo "not ok 5 - exported beyond the API: $extra"; exit 1; }
echo "ok 5 - liblanes exports only lanes_*, liblanes_cblas only cblas_*"
