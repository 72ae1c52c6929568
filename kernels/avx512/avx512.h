/* Helpers shared by the AVX-512 kernels (F, BW, DQ, VL).  Included only from
 * kernels/avx512/, the one directory built with those flags.  Tails use
 * masked loads and stores: a masked-off lane is never read, so no fault. */
#ifndef LANES_AVX512_H
#define LANES_AVX512_H

#include <immintrin.h>
#include <stddef.h>

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

#endif
