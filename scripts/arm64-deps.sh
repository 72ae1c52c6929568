#!/bin/sh
# arm64 Criterion, SLEEF and libgomp (OpenMP runtime) for the aarch64 test build, unpacked into a
# private root (build-deps/arm64/root): multiarch cannot install arm64
# Criterion beside the amd64 one (libnanomsg and libhttp-parser are not
# Multi-Arch: same).  Also registers qemu-aarch64 with binfmt_misc, which
# Criterion needs: it re-executes the test binary for every test.
# Writes build-deps/arm64/paths.ini for meson's --cross-file.  Run as root.
set -eu
top=$(pwd)
dir=build-deps/arm64
root=$top/$dir/root

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
    apt-get update -qq
fi

if [ ! -e "$root/usr/lib/aarch64-linux-gnu/libcriterion.so" ] ||
   [ ! -e "$root/usr/lib/aarch64-linux-gnu/libgomp.so.1" ]; then
    rm -rf "$dir"
    mkdir -p "$dir/debs" "$root"
    # The runtime closure of the two libraries, plus the -dev packages whose
    # .pc files pkg-config follows (criterion.pc: Requires.private boxfort,
    # libffi, libgit2, nanomsg; libgit2.pc: libpcre2-8, zlib).
    pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
             --no-breaks --no-replaces --no-enhances libcriterion3:arm64 libsleef3:arm64 \
             libgomp1:arm64 \
           | grep -E '^[a-z0-9].*:arm64$' | sort -u)
    (cd "$dir/debs" && apt-get download -qq -o APT::Sandbox::User=root $pkgs \
        libcriterion-dev:arm64 libsleef-dev:arm64 libboxfort-dev:arm64 libffi-dev:arm64 \
        libgit2-dev:arm64 libnanomsg-dev:arm64 libpcre2-dev:arm64 zlib1g-dev:arm64)
    for d in "$dir"/debs/*.deb; do dpkg-deb -x "$d" "$root"; done
fi
printf "[constants]\narm64_root = '%s'\n" "$root" > "$dir/paths.ini"

if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    cat /usr/lib/binfmt.d/qemu-aarch64.conf > /proc/sys/fs/binfmt_misc/register
fi
