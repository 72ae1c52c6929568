/* Internal contract between the portable framework and the ISA kernels.
 *
 * ISA kernels see only the easy case: unit stride, column-major, sizes
 * already checked.  Everything else (strides, layouts, transposes, alpha and
 * beta special cases, blocking, packing, edges) is done once, in portable C,
 * in kernels/frame and kernels/gemm. */
#ifndef LANES_KERNELS_H
#define LANES_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#define LANES_CAT_(a, b) a##b
#define LANES_CAT(a, b) LANES_CAT_(a, b)
#define LANES_STR_(a) #a
#define LANES_STR(a) LANES_STR_(a)

/* y[0:n] += a * x[0:n] */
typedef void lanes_saxpy_fn(size_t n, float a, const float *x, float *y);
typedef void lanes_daxpy_fn(size_t n, double a, const double *x, double *y);
/* sum x[i]*y[i], i < n */
typedef float lanes_sdot_fn(size_t n, const float *x, const float *y);
typedef double lanes_ddot_fn(size_t n, const double *x, const double *y);
/* The same over x[j*inc] and y[j*inc], one stride inc >= 2 for both, from
 * their lowest addresses (BLAS's incx = incy = -inc pairs the same
 * elements), with whole-vector loads of the span: 1 if the kernel took
 * them (dot: the sum in *sum), 0 where its stride or length does not pay
 * and the frame's plain loop does them.  It decides by `whole`, the length
 * of the vector these n elements are a piece of (a thread's share or a
 * dot's block), so that every piece of a vector goes the same way: the
 * same bits for any thread count (the kernel's FMAs round once, the plain
 * loop's products and sums twice).  Optional. */
typedef int lanes_saxpy_inc_fn(size_t n, size_t whole, size_t inc, float a, const float *x,
                               float *y);
typedef int lanes_daxpy_inc_fn(size_t n, size_t whole, size_t inc, double a, const double *x,
                               double *y);
typedef int lanes_sdot_inc_fn(size_t n, size_t whole, size_t inc, const float *x,
                              const float *y, float *sum);
typedef int lanes_ddot_inc_fn(size_t n, size_t whole, size_t inc, const double *x,
                              const double *y, double *sum);
/* A is m x n column-major with leading dimension lda.
 * gemv_n: y[0:m] += alpha * A * x[0:n]
 * gemv_t: y[0:n] += alpha * A^T * x[0:m] */
typedef void lanes_sgemv_fn(size_t m, size_t n, float alpha, const float *a, size_t lda,
                            const float *x, float *y);
typedef void lanes_dgemv_fn(size_t m, size_t n, double alpha, const double *a, size_t lda,
                            const double *x, double *y);
/* gemm micro-kernel, the BLIS contract on one MR x NR tile of C (column-major,
 * leading dimension ldc):  C := alpha * Ap * Bp + beta * C, where Ap holds k
 * columns of MR packed values and Bp the NR x k micro-panel of B in groups
 * of KG k steps: B(p, j) at Bp[p / KG * KG * NR + j * KG + p % KG] (KG = 1:
 * k rows of NR values, the BLIS layout).  beta == 0 must store without
 * reading C (so NaN in C does not survive). */
typedef void lanes_sgemm_ukr_fn(size_t k, float alpha, const float *ap, const float *bp,
                                float beta, float *c, size_t ldc);
typedef void lanes_dgemm_ukr_fn(size_t k, double alpha, const double *ap, const double *bp,
                                double beta, double *c, size_t ldc);
/* The same tile, with B read where it is (NR columns ldb apart, each
 * contiguous along k) and packed to bp on the way, as the packing would:
 * the first tile of a column panel packs its micro-panel.  Optional. */
typedef void lanes_sgemm_ukr_packb_fn(size_t k, float alpha, const float *ap, const float *b,
                                      size_t ldb, float *bp, float beta, float *c, size_t ldc);
typedef void lanes_dgemm_ukr_packb_fn(size_t k, double alpha, const double *ap,
                                      const double *b, size_t ldb, double *bp, double beta,
                                      double *c, size_t ldc);
/* The same tile, with A read where it is (k columns of MR values, lda
 * apart) and packed to ap on the way: the first tile to use each of A's
 * micro-panels packs it (gemm_tmpl.h).  Optional. */
typedef void lanes_sgemm_ukr_packa_fn(size_t k, float alpha, const float *a, size_t lda,
                                      float *ap, const float *bp, float beta, float *c,
                                      size_t ldc);
typedef void lanes_dgemm_ukr_packa_fn(size_t k, double alpha, const double *a, size_t lda,
                                      double *ap, const double *bp, double beta, double *c,
                                      size_t ldc);
/* An edge tile of the same packed panels straight into C: its first rows
 * (<= MR) and cols (<= NR) only, nothing stored past them.  Optional (the
 * frame otherwise runs the micro-kernel into a local tile and merges). */
typedef void lanes_sgemm_ukr_edge_fn(size_t k, float alpha, const float *ap, const float *bp,
                                     float beta, float *c, size_t ldc, unsigned rows,
                                     unsigned cols);
typedef void lanes_dgemm_ukr_edge_fn(size_t k, double alpha, const double *ap,
                                     const double *bp, double beta, double *c, size_t ldc,
                                     unsigned rows, unsigned cols);
/* gemm as one dot an element of C, where op(A)'s rows and op(B)'s columns
 * are both contiguous along k: C(i, j) := alpha * sum_p a[i * lda + p] *
 * b[j * ldb + p] + beta * C(i, j) for i < m, j < n (C column-major, ldc);
 * beta == 0 stores without reading C.  Optional. */
typedef void lanes_sgemm_dots_fn(size_t m, size_t n, size_t k, float alpha, const float *a,
                                 size_t lda, const float *b, size_t ldb, float beta, float *c,
                                 size_t ldc);
typedef void lanes_dgemm_dots_fn(size_t m, size_t n, size_t k, double alpha, const double *a,
                                 size_t lda, const double *b, size_t ldb, double beta, double *c,
                                 size_t ldc);
/* Direct gemm, for small and skinny problems: no packing, no allocation.
 * The whole m x n C (column-major, ldc) := alpha * A * B + beta * C, where A
 * is m x k column-major with unit row stride (leading dimension lda) and
 * B[p][j] = b[p*rsb + j*csb].  beta == 0 stores without reading C.
 * The arguments come in one struct: as twelve arguments, four went on the
 * stack, and GCC loaded and stored each stack argument again at every tail
 * call on the way to a register block (Zen 5: 2-3% of a call of 4 to 16). */
#define LANES_DIRECT_ARGS(T)                                                                     \
    {                                                                                            \
        size_t m, n, k;                                                                          \
        const T *a;                                                                              \
        size_t lda;                                                                              \
        const T *b;                                                                              \
        ptrdiff_t rsb, csb;                                                                      \
        T *c;                                                                                    \
        size_t ldc;                                                                              \
        T alpha, beta;                                                                           \
    }
struct lanes_sgemm_direct_args LANES_DIRECT_ARGS(float);
struct lanes_dgemm_direct_args LANES_DIRECT_ARGS(double);
typedef void lanes_sgemm_direct_fn(const struct lanes_sgemm_direct_args *p);
typedef void lanes_dgemm_direct_fn(const struct lanes_dgemm_direct_args *p);
/* A gemm cfg's direct_t (optional): a direct problem into a transposed C,
 * element (i, j) of the m x n product at c[i * ldc + j], for m, n <= 64
 * and 1 <= k <= 64 (a column-major TT product's C^T = B A, gemm_tmpl.h).
 * Its direct_t_pays (kernels/list.inc, LANES_DIRECT_T): the shapes where
 * it beats the direct kernel and a transpose, every dimension <= 32: bit
 * m - 1 for n > 4, bit 32 + m - 1 for n <= 4; direct_t_mid: those where it
 * beats the direct kernel on a copy of A^T, some dimension past 32, n > 4:
 * bit m - 1. */
/* A direct problem that is one row of register blocks, for a prepared gemm
 * (lanes_sgemm_plan_create): the ISA's blocks for p's shape, left to right,
 * each called with the operands (b and c moved on to its first column by
 * boff and coff) and the masks of the row edge; p's own a, b, c are not
 * read.  A block returns 0 (so that a run can end in a jump to it).
 * `block` (optional, NULL if the ISA has none) returns 0 if p is not such
 * a row of at most LANES_PLAN_BLOCKS blocks.  `page_test` set: the row edge
 * has masked-off lanes, and operands whose last column ends near a page
 * end (LANES_DIRECT_NEAR_PAGE) must go to the direct kernel instead, which
 * copies them (LANES_DIRECT_BOUNCE). */
#define LANES_PLAN_BLOCKS 6
#define LANES_DIRECT_BLOCK(S, T)                                                                 \
    typedef int lanes_##S##gemm_block_fn(const struct lanes_##S##gemm_direct_args *p,             \
                                         const T *a, const T *b, T *c, unsigned m0, unsigned m1);  \
    struct lanes_##S##gemm_block {                                                               \
        unsigned count, m0, m1;                                                                  \
        int page_test;                                                                           \
        lanes_##S##gemm_block_fn *fn[LANES_PLAN_BLOCKS];                                         \
        ptrdiff_t boff[LANES_PLAN_BLOCKS];                                                       \
        size_t coff[LANES_PLAN_BLOCKS];                                                          \
    };                                                                                           \
    typedef int lanes_##S##gemm_block_of_fn(const struct lanes_##S##gemm_direct_args *p,          \
                                            struct lanes_##S##gemm_block *blk);
LANES_DIRECT_BLOCK(s, float)
LANES_DIRECT_BLOCK(d, double)
#undef LANES_DIRECT_BLOCK

/* A direct problem run on copies of A and C with 64 touched bytes after
 * each (the frame's, gemm_tmpl.h): for an ISA whose masked row edge could
 * reach past A's or C's last column into a page not yet touched
 * (LANES_DIRECT_NEAR_PAGE), where a masked-off lane costs ~350 cycles (Zen
 * 5).  `run` computes the same lanes either way: the same C. */
void lanes_sgemm_direct_bounce(const struct lanes_sgemm_direct_args *p,
                               lanes_sgemm_direct_fn *run);
void lanes_dgemm_direct_bounce(const struct lanes_dgemm_direct_args *p,
                               lanes_dgemm_direct_fn *run);
#define LANES_DIRECT_BOUNCE(p, run)                                                              \
    _Generic((p)->alpha, float: lanes_sgemm_direct_bounce, double: lanes_dgemm_direct_bounce)(   \
        p, run)
/* Where A's and C's last columns end (one past their m-th row), as offsets
 * from p->a and p->c */
#define LANES_DIRECT_A_END(p) (((p)->k - 1) * (p)->lda + (p)->m)
#define LANES_DIRECT_C_END(p) (((p)->n - 1) * (p)->ldc + (p)->m)
/* Whether A's or C's last column ends within 64 bytes of another page
 * (lanes_ends_near_page, below) */
#define LANES_DIRECT_NEAR_PAGE(p)                                                                \
    lanes_ends_near_page((p)->a + LANES_DIRECT_A_END(p), (p)->c + LANES_DIRECT_C_END(p))
/* A direct kernel's arguments (p) as local constants of the same names
 * (T is __typeof__ of an alpha + 0: the element type without p's const). */
#define LANES_DIRECT_UNPACK(p)                                                                   \
    const size_t m = (p)->m, n = (p)->n, k = (p)->k, lda = (p)->lda, ldc = (p)->ldc;             \
    const ptrdiff_t rsb = (p)->rsb, csb = (p)->csb;                                              \
    const __typeof__((p)->alpha + 0) alpha = (p)->alpha, beta = (p)->beta, *const a = (p)->a,    \
                                     *const b = (p)->b;                                          \
    __typeof__((p)->alpha + 0) *const c = (p)->c

/* The width of a direct kernel's next block of columns, `left` columns
 * from the end, for blocks of up to nr: a last block of fewer than nr / 2
 * columns would leave the FMA units waiting on too few accumulators, so the
 * last nr + 1 to nr + nr / 2 columns go as two blocks. */
static inline size_t lanes_direct_cols(size_t left, size_t nr)
{
    return left <= nr ? left : left < nr + nr / 2 ? left / 2 : nr;
}

/* y[i] = f(x[i]); y == x allowed */
typedef void lanes_vmathf_fn(size_t n, const float *x, float *y);
typedef void lanes_softmaxf_fn(size_t rows, size_t cols, const float *x, float *y);
/* max of x[0:n] (n >= 1); NaN may or may not propagate */
typedef float lanes_rowmaxf_fn(size_t n, const float *x);
/* sum of exp(x[i] - shift), i < n; each term stored in y[i] unless y is NULL */
typedef float lanes_expsumf_fn(size_t n, const float *x, float shift, float *y);

/* Register tile and cache blocks of one gemm micro-kernel.  mc is a multiple
 * of mr, nc of nr; kc x nr floats of B should sit in L1, mc x kc of A in L2,
 * kc x nc of B in L3 (Low et al., TOMS 2016). */
struct lanes_sgemm_cfg {
    lanes_sgemm_ukr_fn *ukr;
    lanes_sgemm_ukr_packb_fn *packb; /* optional */
    lanes_sgemm_ukr_packa_fn *packa; /* optional */
    lanes_sgemm_ukr_edge_fn *edge;   /* optional */
    unsigned mr, nr, kg, mc, kc, nc; /* kg: B's k group (lanes_sgemm_ukr_fn) */
    unsigned nc1; /* NC when one thread computes the product; 0: nc */
    unsigned kc_deep; /* KC where C exceeds LANES_GEMM_DEEP_C bytes; 0: kc */
    lanes_sgemm_direct_fn *direct;
    lanes_sgemm_direct_fn *direct_t; /* optional */
    uint64_t direct_t_pays, direct_t_mid; /* with direct_t: see above */
    lanes_sgemm_block_of_fn *block; /* optional */
    lanes_sgemm_dots_fn *dots;      /* optional */
};
struct lanes_dgemm_cfg {
    lanes_dgemm_ukr_fn *ukr;
    lanes_dgemm_ukr_packb_fn *packb; /* optional */
    lanes_dgemm_ukr_packa_fn *packa; /* optional */
    lanes_dgemm_ukr_edge_fn *edge;   /* optional */
    unsigned mr, nr, kg, mc, kc, nc; /* kg: B's k group (lanes_dgemm_ukr_fn) */
    unsigned nc1; /* NC when one thread computes the product; 0: nc */
    unsigned kc_deep; /* KC where C exceeds LANES_GEMM_DEEP_C bytes; 0: kc */
    lanes_dgemm_direct_fn *direct;
    lanes_dgemm_direct_fn *direct_t; /* optional */
    uint64_t direct_t_pays, direct_t_mid; /* with direct_t: see above */
    lanes_dgemm_block_of_fn *block; /* optional */
    lanes_dgemm_dots_fn *dots;      /* optional */
};

/* A C larger than this comes from memory at every k slice: where the cfg
 * says so (kc_deep), such a product takes deeper, and so fewer, slices
 * (gemm_tmpl.h, X(even_blocks)). */
#define LANES_GEMM_DEEP_C ((size_t)8 << 20)
/* An operand the direct gemm kernel re-reads, or a copy of one made for it,
 * of at most this many bytes stays in L2 (half of Zen 4's 1 MiB):
 * gemm_tmpl.h, X(direct_pays) and the copies of op(A). */
#define LANES_GEMM_L2_OPERAND ((size_t)512 << 10)

/* One record per ISA: what the dispatcher switches. */
struct lanes_kernels {
    lanes_saxpy_fn *saxpy;
    lanes_daxpy_fn *daxpy;
    lanes_sdot_fn *sdot;
    lanes_ddot_fn *ddot;
    lanes_saxpy_inc_fn *saxpy_inc; /* optional */
    lanes_daxpy_inc_fn *daxpy_inc; /* optional */
    lanes_sdot_inc_fn *sdot_inc;   /* optional */
    lanes_ddot_inc_fn *ddot_inc;   /* optional */
    lanes_sgemv_fn *sgemv_n, *sgemv_t;
    lanes_dgemv_fn *dgemv_n, *dgemv_t;
    struct lanes_sgemm_cfg sgemm;
    struct lanes_dgemm_cfg dgemm;
    lanes_vmathf_fn *expf, *sigmoidf;
    lanes_softmaxf_fn *softmaxf;
    lanes_rowmaxf_fn *rowmaxf;
    lanes_expsumf_fn *expsumf;
};

enum lanes_isa_id {
    LANES_ISA_SCALAR,
    LANES_ISA_AVX2,
    LANES_ISA_AVX512,
    LANES_ISA_NEON,
    LANES_ISA_COUNT
};

/* Declarations of every kernel, from the one list. */
#define LANES_KERNEL(isa, slot, type, fn) lanes_##type##_fn fn;
#define LANES_GEMM(isa, slot, type, fn, mr, nr, kg, mc, kc, nc) lanes_##type##_fn fn;
#define LANES_DIRECT_T(isa, slot, type, fn, pays, mid) lanes_##type##_fn fn;
#include "list.inc"
#undef LANES_DIRECT_T
#undef LANES_KERNEL
#undef LANES_GEMM

/* Elements of `size` bytes from p to the next `align`-byte boundary (a power
 * of two), at most n; 0 when p is not a multiple of `size`.  A vector load
 * from an aligned address never crosses a cache line, which costs a second
 * load (Zen 5, ddot on 1K doubles in L1: AVX-512 200 GB/s unaligned, 417
 * aligned; AVX2 140 and 215): the x86 kernels start a long loop with a head
 * step of this many elements. */
static inline size_t lanes_align_head(const void *p, size_t n, size_t size, size_t align)
{
    size_t mis = (size_t)((uintptr_t)p & (align - 1));
    size_t h = mis % size ? 0 : ((align - mis) & (align - 1)) / size;
    return h < n ? h : n;
}

/* The head of the columns of a column-major A, m rows, leading dimension
 * lda: one head serves every column only when lda keeps them on one offset,
 * and columns under 1 KiB take none (the extra step costs more there). */
static inline size_t lanes_columns_head(const void *a, size_t m, size_t lda, size_t size,
                                        size_t align)
{
    return m * size >= 1024 && lda * size % align == 0 ? lanes_align_head(a, m, size, align) : 0;
}

/* Whether gemv's passes over A take their four columns from the quarters of
 * A (kernels/gemv_n_cols.h, gemv_t_cols.h) rather than side by side: where
 * A comes from beyond L1 and its columns are long enough that a stream
 * pays.  Zen 5, AVX-512, dot form (the spread one updates y element by
 * element): 64 x 64 double (in L1) 0.82x, 96 x 96 1.21x. */
static inline int lanes_gemv_spread(size_t m, size_t n, size_t size)
{
    return m * size >= 512 && (double)m * (double)n * (double)size > 32768;
}

/* Page tests for masked tails: a masked access whose masked-off lanes
 * reach a page not yet touched costs ~350 cycles (Zen 5), so the kernels
 * keep such accesses within the pages their live lanes touch.  4 KiB, the
 * smallest page: a window within one is within one page of any size. */
enum { LANES_PAGE = 4096 };

/* Whether the `bytes` from p lie in one page */
static inline int lanes_in_page(const void *p, size_t bytes)
{
    return ((uintptr_t)p & (LANES_PAGE - 1)) <= LANES_PAGE - bytes;
}

/* Whether a vector step ending at end1 or end2 (one past its last element)
 * with masked-off lanes beyond could reach another page: any of the 64
 * bytes after it on a page other than its last element's (the negation of
 * lanes_in_page(end - 1, 65) for each).  One branch for both. */
static inline int lanes_ends_near_page(const void *end1, const void *end2)
{
    const uintptr_t e1 = (uintptr_t)end1, e2 = (uintptr_t)end2;
    return (((e1 - 1) ^ (e1 + 63)) | ((e2 - 1) ^ (e2 + 63))) >= LANES_PAGE;
}

/* The entry of a gemv kernel built twice from NAME##_body(safe, m, n,
 * alpha, a, lda, x, y), `safe` a constant: 0, the masked tails (NAME##_fast,
 * the common call); 1, the same lanes by plain loads and stores
 * (NAME##_safe).  The entry takes the safe copy where VEC (x or y, the
 * vector as long as a column) or A's last column ends within 64 bytes of
 * another page: a masked access whose masked-off lanes reach a page not yet
 * touched costs ~350 cycles (Zen 5).  One test and a jump otherwise.  T is
 * the includer's element type.  The safe copy is not `cold`: GCC builds a
 * cold function for size, which left the row helpers out of line and the
 * accumulators on the stack (4 x 4 double, 264 cycles against 64). */
#define LANES_GEMV_PAGE_SAFE_ENTRY(NAME, VEC)                                                    \
    static __attribute__((noinline)) void LANES_CAT(NAME, _fast)(                                \
        size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)                   \
    {                                                                                            \
        LANES_CAT(NAME, _body)(0, m, n, alpha, a, lda, x, y);                                    \
    }                                                                                            \
    static __attribute__((noinline)) void LANES_CAT(NAME, _safe)(                                \
        size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)                   \
    {                                                                                            \
        LANES_CAT(NAME, _body)(1, m, n, alpha, a, lda, x, y);                                    \
    }                                                                                            \
    void NAME(size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)             \
    {                                                                                            \
        if (__builtin_expect(lanes_ends_near_page(VEC + m, a + (n - 1) * lda + m), 0))           \
            LANES_CAT(NAME, _safe)(m, n, alpha, a, lda, x, y);                                   \
        else                                                                                     \
            LANES_CAT(NAME, _fast)(m, n, alpha, a, lda, x, y);                                   \
    }

/* The table in use, or NULL before the first call resolves it: one acquire
 * load (a plain load on x86 and a ldar on arm), for a caller that takes
 * another path while NULL rather than call out to resolve. */
extern const struct lanes_kernels *_Atomic lanes_active_table;
/* A dot or axpy kernel may pick its loop by n alone, taking vectors of at
 * most this many bytes each as ones that stay in L2 between calls
 * (kernels/avx512/wide_narrow.h).  A caller that cuts a longer vector into
 * pieces passes pieces longer than this (frame/blas1_tmpl.h, X(dot_long)),
 * or the kernel runs its in-L2 loop on data streaming from L3 or memory. */
#define LANES_L2_VECTOR_BYTES (256 * 1024)
/* 1 where AVX-512 axpy and dot stream vectors larger than L2 512 bits wide
 * too (kernels/avx512/wide_narrow.h); set once by the dispatcher per CPU,
 * before any kernel runs */
extern int lanes_stream_wide;
static inline const struct lanes_kernels *lanes_resolved_kernels(void)
{
    return __atomic_load_n((const struct lanes_kernels **)&lanes_active_table, __ATOMIC_ACQUIRE);
}

/* The table in use (never NULL); resolved once, on first call. */
const struct lanes_kernels *lanes_resolve_kernels(void);
static inline const struct lanes_kernels *lanes_active_kernels(void)
{
    const struct lanes_kernels *k = lanes_resolved_kernels();
    return __builtin_expect(k != NULL, 1) ? k : lanes_resolve_kernels();
}

#endif
