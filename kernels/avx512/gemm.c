/* gemm micro-kernels, AVX-512 (BLIS contract, kernels/kernels.h).
 * Vectors run down the MR rows of a column of C.  s 32x12 and d 32x6 keep
 * 24 accumulators and their A vectors and a broadcast of B in the 32 zmm
 * registers: s 14 loads per 24 FMAs, d 10.  d was 16x12: 32x6, with fewer
 * loads, ran dgemm 2048 1.05-1.08x as fast on Zen 5 (lanes_ab, 1 thread;
 * 512 and 1024 1.00-1.03x); s as 64x6 did not gain (0.97-1.02x). */
#include <string.h>

#include "avx512.h"

/* How many k steps ahead the micro-kernels prefetch their packed A
 * (measured on Zen 4: 4-16 all beat no prefetch; 8 is best) */
#ifndef LANES_PF_STEPS
#define LANES_PF_STEPS 8
#endif
/* and how many groups (W k steps) ahead their packed B: the first tile of
 * each column panel of a block finds B's micro-panel out of L2 (Zen 5,
 * 2048, 1 thread, rdtsc around each tile: those tiles ran 10-20% slower
 * than the panel's others with 1 group ahead, less with 4).  lanes_ab
 * 2048, 4 against 1, either build loaded first: dgemm 1.011-1.023x (2
 * threads 0.99-1.02x), sgemm 0.98-1.02x, 256-1024 1.00x; 3 and 6 groups
 * 0.99-1.00x of 4. */
#ifndef LANES_PF_B
#define LANES_PF_B 4
#endif
/* and how many ahead a tile that packs A asks for A's source columns */
#ifndef LANES_PF_SRC
#define LANES_PF_SRC 16
#endif
/* Where the direct kernel's row edge of r <= 4 rows runs as dots
 * (gemm_direct_edge.h): one row from k = W; more from 2k >= W (r + 2),
 * below which the fold (a quarter vector or less) or the narrow block (k in
 * pairs) is faster; exactly half a vector (4 doubles: the narrow block, no
 * lane masked off, takes as many FMAs as the dots) from k = 16W.  Zen 5, 1
 * thread, r x 48 x k past a full block, against dots: float 2 rows k = 16
 * and 24 1.08-1.14x, 4 rows k = 16-32 1.00-1.18x (from k = 48 dots win:
 * 3 rows 48-200 1.02-1.16x, 4 rows 96-200 1.03-1.09x); double 4 rows k =
 * 16-96 1.05-1.22x, 20 x 20 x 20 1.57x (k = 128: 48 columns 1.01-1.06x,
 * 256 0.94x); 1 row dots win from k = 16 (1.06-1.19x). */
#define LANES_DIRECT_DOTS_PAY(r, k)                                                              \
    ((r) == W / 2 ? (k) >= 16 * W : (r) == 1 || 2 * (k) >= W * ((r) + 2))

/* The transposes of gemm_direct_t.h's tiles, in place: r[s] lane i ->
 * r[i] lane s for a 16 x 16 float block; nb 8 x 8 double blocks, r[0-7]
 * and r[8-15].  Interleaves of pairs, then of pairs of pairs, then 128-bit
 * lanes gathered across vectors: 64 shuffles for 16 x 16, 24 for 8 x 8. */
static inline __attribute__((always_inline)) void lanes_avx512_tr16_ps(__m512 r[16], int nb)
{
    (void)nb;
    __m512 t[16];
#pragma GCC unroll 8
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    /* r[4i + e]: in lane l, rows 4i to 4i + 3 of column 4l + e */
#pragma GCC unroll 4
    for (int i = 0; i < 4; i++) {
        const __m512d a0 = _mm512_castps_pd(t[4 * i]), a1 = _mm512_castps_pd(t[4 * i + 1]),
                      a2 = _mm512_castps_pd(t[4 * i + 2]), a3 = _mm512_castps_pd(t[4 * i + 3]);
        r[4 * i] = _mm512_castpd_ps(_mm512_unpacklo_pd(a0, a2));
        r[4 * i + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a0, a2));
        r[4 * i + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(a1, a3));
        r[4 * i + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(a1, a3));
    }
    /* column 4l + e: lane l of r[e], r[4 + e], r[8 + e], r[12 + e] */
#pragma GCC unroll 4
    for (int e = 0; e < 4; e++) {
        const __m512 x0 = _mm512_shuffle_f32x4(r[e], r[4 + e], 0x44),
                     x1 = _mm512_shuffle_f32x4(r[e], r[4 + e], 0xee),
                     x2 = _mm512_shuffle_f32x4(r[8 + e], r[12 + e], 0x44),
                     x3 = _mm512_shuffle_f32x4(r[8 + e], r[12 + e], 0xee);
        t[e] = _mm512_shuffle_f32x4(x0, x2, 0x88);
        t[4 + e] = _mm512_shuffle_f32x4(x0, x2, 0xdd);
        t[8 + e] = _mm512_shuffle_f32x4(x1, x3, 0x88);
        t[12 + e] = _mm512_shuffle_f32x4(x1, x3, 0xdd);
    }
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++)
        r[i] = t[i];
}
static inline __attribute__((always_inline)) void lanes_avx512_tr8x2_pd(__m512d r[16], int nb)
{
#pragma GCC unroll 2
    for (int b = 0; b < 8 * nb; b += 8) {
        __m512d t[8], u[8];
#pragma GCC unroll 4
        for (int i = 0; i < 4; i++) {
            t[2 * i] = _mm512_unpacklo_pd(r[b + 2 * i], r[b + 2 * i + 1]);
            t[2 * i + 1] = _mm512_unpackhi_pd(r[b + 2 * i], r[b + 2 * i + 1]);
        }
        /* t[2i + h]: in lane l, rows 2i, 2i + 1 of column 2l + h */
#pragma GCC unroll 2
        for (int i = 0; i < 2; i++) {
            u[4 * i] = _mm512_shuffle_f64x2(t[4 * i], t[4 * i + 2], 0x88);     /* columns 0, 4 */
            u[4 * i + 1] = _mm512_shuffle_f64x2(t[4 * i], t[4 * i + 2], 0xdd); /* 2, 6 */
            u[4 * i + 2] = _mm512_shuffle_f64x2(t[4 * i + 1], t[4 * i + 3], 0x88); /* 1, 5 */
            u[4 * i + 3] = _mm512_shuffle_f64x2(t[4 * i + 1], t[4 * i + 3], 0xdd); /* 3, 7 */
        }
        /* u[4i + e] (i: rows 0-3 or 4-7): lanes 0, 2 column c, lanes 1, 3 column c + 4 */
        static const int col[4] = {0, 2, 1, 3};
#pragma GCC unroll 4
        for (int e = 0; e < 4; e++) {
            r[b + col[e]] = _mm512_shuffle_f64x2(u[e], u[4 + e], 0x88);
            r[b + col[e] + 4] = _mm512_shuffle_f64x2(u[e], u[4 + e], 0xdd);
        }
    }
}

#define T float
#define V __m512
#define W 16
#define OP(name) _mm512_##name##_ps
#define UMV 2
#define UNR 12
#define NAME lanes_sgemm_ukr_avx512_32x12
#include "gemm_ukr.h"
#undef UMV
#undef UNR
#undef NAME
/* the dot kernel first: the direct kernel's row edge runs its blocks (DOTS_ACC) */
#define ROW(p, n) lanes_avx512_load_row(n, p)
#define SUM4 lanes_avx512_sum4_ps
#define SUM16 lanes_avx512_sum16_ps
#define SUM16X2 lanes_avx512_sum16x2_ps
#define BC 4
#define NAME lanes_sgemm_dots_avx512
#include "kernels/gemm_dots.h"
#undef SUM4
#undef SUM16X2
#undef SUM16
#undef BC
#undef NAME
#define ARGS struct lanes_sgemm_direct_args
#define DOTS_ACC lanes_sgemm_dots_avx512_acc
#define DOTS_NC 4
#define DOTS_ACC_NC 8
#define DOTS_SUMS(acc, alpha, t) lanes_avx512_sum16_ps(acc, alpha, 0, t, 4)
#define DOTS_SUMS_C lanes_avx512_sum16_ps
#define ROWVEC_NV 4
#define LANES_FMA __builtin_fmaf
#define NAME lanes_sgemm_direct_avx512
#define BLOCK_OF lanes_sgemm_block_of_avx512
#define BLOCK struct lanes_sgemm_block
#define MASK __mmask16
#define V2 __m256
#define OP2(name) _mm256_##name##_ps
#define KP_JOIN(lo, hi) _mm512_insertf32x8(_mm512_castps256_ps512(lo), hi, 1)
#define KP_LO(v) _mm512_castps512_ps256(v)
#define KP_HI(v) _mm512_extractf32x8_ps(v, 1)
#define KP_BPAIR(p)                                                                              \
    _mm512_permutexvar_ps(_mm512_set_epi32(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0),     \
                          _mm512_castps128_ps512(_mm_castsi128_ps(_mm_loadl_epi64((const __m128i *)(p)))))
#define QV __m128
#define QOP(name) _mm_##name##_ps
#define QBCAST _mm512_broadcast_f32x4
#define QEXTRACT _mm512_extractf32x4_ps
#define QCAST _mm512_castps128_ps512
#define QINSERT _mm512_insertf32x4
#define QSHUF _mm512_shuffle_f32x4
#define QSPREAD(p)                                                                               \
    _mm512_permutexvar_ps(_mm512_set_epi32(3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0),     \
                          _mm512_castps128_ps512(_mm_loadu_ps(p)))
#define HALF_FMADD(a, b, c)                                                                      \
    _mm512_castps256_ps512(_mm256_fmadd_ps(_mm512_castps512_ps256(a), _mm512_castps512_ps256(b),  \
                                           _mm512_castps512_ps256(c)))
#include "gemm_direct.h"
#define TNAME lanes_sgemm_direct_t_avx512
#define TR lanes_avx512_tr16_ps
#define ROW_STORE(p, n, v) lanes_avx512_store_row(n, p, v)
#include "gemm_direct_t.h"
#undef TNAME
#undef TR
#undef ROW_STORE
#undef T
#undef V
#undef W
#undef MASK
#undef HALF_FMADD
#undef V2
#undef OP2
#undef QV
#undef KP_JOIN
#undef KP_LO
#undef KP_HI
#undef KP_BPAIR
#undef QOP
#undef QBCAST
#undef QEXTRACT
#undef QCAST
#undef QINSERT
#undef QSHUF
#undef QSPREAD
#undef OP
#undef ARGS
#undef DOTS_ACC
#undef DOTS_NC
#undef DOTS_ACC_NC
#undef DOTS_SUMS
#undef DOTS_SUMS_C
#undef ROWVEC_NV
#undef LANES_FMA
#undef ROW
#undef BLOCK_OF
#undef BLOCK
#undef NAME

#define T double
#define V __m512d
#define W 8
#define OP(name) _mm512_##name##_pd
#define UMV 4
#define UNR 6
#define NAME lanes_dgemm_ukr_avx512_32x6
#include "gemm_ukr.h"
#undef UMV
#undef UNR
#undef NAME
#define ROW(p, n) lanes_avx512_load_row_pd(n, p)
#define SUM4 lanes_avx512_sum4_pd
#define SUM16 lanes_avx512_sum16_pd
#define SUM16X2 lanes_avx512_sum16x2_pd
#define BC 4
#define NAME lanes_dgemm_dots_avx512
#include "kernels/gemm_dots.h"
#undef SUM4
#undef SUM16X2
#undef SUM16
#undef BC
#undef NAME
#define ARGS struct lanes_dgemm_direct_args
#define DOTS_ACC lanes_dgemm_dots_avx512_acc
#define DOTS_NC 4
#define DOTS_ACC_NC 8
#define DOTS_SUMS(acc, alpha, t) lanes_avx512_sum16_pd(acc, alpha, 0, t, 4)
#define DOTS_SUMS_C lanes_avx512_sum16_pd
#define ROWVEC_NV 4
#define LANES_FMA __builtin_fma
#define NAME lanes_dgemm_direct_avx512
#define BLOCK_OF lanes_dgemm_block_of_avx512
#define BLOCK struct lanes_dgemm_block
#define MASK __mmask8
#define V2 __m256d
#define OP2(name) _mm256_##name##_pd
#define KP_JOIN(lo, hi) _mm512_insertf64x4(_mm512_castpd256_pd512(lo), hi, 1)
#define KP_LO(v) _mm512_castpd512_pd256(v)
#define KP_HI(v) _mm512_extractf64x4_pd(v, 1)
#define KP_BPAIR(p)                                                                              \
    _mm512_permutexvar_pd(_mm512_set_epi64(1, 1, 1, 1, 0, 0, 0, 0),                              \
                          _mm512_castpd128_pd512(_mm_loadu_pd(p)))
#define QV __m128d
#define QOP(name) _mm_##name##_pd
#define QBCAST _mm512_broadcast_f64x2
#define QEXTRACT _mm512_extractf64x2_pd
#define QCAST _mm512_castpd128_pd512
#define QINSERT _mm512_insertf64x2
#define QSHUF _mm512_shuffle_f64x2
#define QSPREAD(p)                                                                               \
    _mm512_permutexvar_pd(_mm512_set_epi64(3, 3, 2, 2, 1, 1, 0, 0),                              \
                          _mm512_castpd256_pd512(_mm256_loadu_pd(p)))
#define HALF_FMADD(a, b, c)                                                                      \
    _mm512_castpd256_pd512(_mm256_fmadd_pd(_mm512_castpd512_pd256(a), _mm512_castpd512_pd256(b),  \
                                           _mm512_castpd512_pd256(c)))
#include "gemm_direct.h"
#define TNAME lanes_dgemm_direct_t_avx512
#define TR lanes_avx512_tr8x2_pd
#define ROW_STORE(p, n, v) lanes_avx512_store_row_pd(n, p, v)
#include "gemm_direct_t.h"
#undef TNAME
#undef TR
#undef ROW_STORE
#undef T
#undef V
#undef W
#undef MASK
#undef HALF_FMADD
#undef V2
#undef OP2
#undef QV
#undef KP_JOIN
#undef KP_LO
#undef KP_HI
#undef KP_BPAIR
#undef QOP
#undef QBCAST
#undef QEXTRACT
#undef QCAST
#undef QINSERT
#undef QSHUF
#undef QSPREAD
#undef OP
#undef ARGS
#undef DOTS_ACC
#undef DOTS_NC
#undef DOTS_ACC_NC
#undef DOTS_SUMS
#undef DOTS_SUMS_C
#undef ROWVEC_NV
#undef LANES_FMA
#undef ROW
#undef BLOCK_OF
#undef BLOCK
#undef NAME
