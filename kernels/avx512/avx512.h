/* Helpers shared by the AVX-512 kernels (F, BW, DQ, VL).  Included only from
 * kernels/avx512/, the one directory built with those flags.  Tails use
 * masked loads and stores: a masked-off lane is never read, so no fault. */
#ifndef LANES_AVX512_H
#define LANES_AVX512_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/kernels.h"

/* Lanes [0, rem) for rem < 16 (floats) or rem < 8 (doubles). */
static inline __mmask16 lanes_avx512_mask16(size_t rem)
{
    return (__mmask16)((1u << rem) - 1);
}

static inline __mmask8 lanes_avx512_mask8(size_t rem)
{
    return (__mmask8)((1u << rem) - 1);
}

/* Elements of `size` bytes from p to the next 64-byte boundary, at most n
 * (0 when p is not a multiple of `size`).  Zen 5 splits a 512-bit load that
 * crosses a cache line into two: ddot on 1K doubles in L1 runs at 200 GB/s
 * unaligned and 417 GB/s aligned; a masked head step aligns the main loop. */
static inline size_t lanes_avx512_head(const void *p, size_t n, size_t size)
{
    size_t mis = (size_t)((uintptr_t)p & 63);
    size_t h = mis % size ? 0 : ((64 - mis) & 63) / size;
    return h < n ? h : n;
}

#endif
