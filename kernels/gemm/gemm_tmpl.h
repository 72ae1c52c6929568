/* The gemm framework for one type (T, X(name) as in blas1_tmpl.h): the five
 * Goto/BLIS loops around an ISA micro-kernel.
 *
 *   jc: NC-wide column panels of C and B        (B panel -> L3)
 *    pc: KC-deep slices of the k dimension      (pack B: KC x NC)
 *     ic: MC-tall row panels of C and A         (pack A: MC x KC -> L2)
 *      jr: NR-wide micro-panels of packed B     (KC x NR -> L1)
 *       ir: MR-tall micro-panels of packed A    -> micro-kernel on MR x NR of C
 *
 * Every layout and transpose is folded into packing: a matrix is addressed
 * through (row stride, column stride), and a row-major C is handled as the
 * column-major C^T = op(B)^T op(A)^T.  Packing zero-pads edge panels; an
 * edge tile runs the ISA's edge kernel (cfg->edge: only the vectors that
 * hold its rows, masked stores; AVX-512 dgemm 1000 1.02x, 300 1.06-1.12x,
 * sgemm 1000 1.013x, lanes_ab), or else the micro-kernel into a local tile
 * that is then merged with C.
 *
 * Where the ISA has a micro-kernel that packs B as it goes (cfg->packb) and
 * B's columns are contiguous along k (column-major B, or row-major op(B) =
 * B^T), no separate B pack runs: in the first row panel (ic = 0) the first
 * tile of each column panel reads its KC x NR slice of B in place, packs
 * it, and the FMAs hide most of that copy.  On Emerald Rapids, where the
 * separate pack read B from L3 at about 10 GB/s (4 x 4 transposes), this
 * ran sgemm / dgemm 512 1.024 / 1.046x as fast, 1024 1.019 / 1.036x, 2048
 * 1.002 / 0.996x (lanes_ab, 1 thread, medians).  Likewise with cfg->packa
 * and a column-major op(A): the first tile to use each of A's full
 * micro-panels packs it as it computes, and only an edge panel (and the
 * one whose tile packs B) is packed by itself.  Each thread then packs its
 * own copy of A's block (X(own_a)), since any of its tiles may come first.
 * One thread: the pass took 1.8% of sgemm 2048's time (Zen 5); fused,
 * sgemm / dgemm 2048 ran 1.012 / 1.018x as fast, 1024 1.007 / 1.015x, 512
 * 1.008 / 1.021x (lanes_ab, 31 rounds).  Two threads, against a shared
 * block packed in a phase between two barriers: 512 1.16 / 1.16x, 1024
 * 1.08 / 1.07x, 2048 1.00-1.02 / 1.01x, 256 1.00x. */

#define FN(name) LANES_CAT(lanes_, X(name))
#define NAME(name) "lanes_" LANES_STR(X(name))
#define CFG LANES_CAT(lanes_, X(gemm_cfg))
#define DARGS LANES_CAT(lanes_, X(gemm_direct_args))
#define DFN LANES_CAT(lanes_, X(gemm_direct_fn))

#define ROUND_UP(v, r) (((v) + (r)-1) / (r) * (r))

/* d[c * ldd + r] = s[r * lds + c] for a 4 x 4 block, through registers
 * (GCC's generic vectors: SSE2 or NEON code without ISA flags). */
typedef T X(vec4) __attribute__((vector_size(4 * sizeof(T))));
typedef IT X(idx4) __attribute__((vector_size(4 * sizeof(T))));
static inline void X(transpose4_regs)(const T *s, ptrdiff_t lds, X(vec4) c[4])
{
    X(vec4) r0, r1, r2, r3;
    __builtin_memcpy(&r0, s, sizeof r0);
    __builtin_memcpy(&r1, s + lds, sizeof r1);
    __builtin_memcpy(&r2, s + 2 * lds, sizeof r2);
    __builtin_memcpy(&r3, s + 3 * lds, sizeof r3);
    const X(idx4) lo = {0, 4, 1, 5}, hi = {2, 6, 3, 7}, l2 = {0, 1, 4, 5}, h2 = {2, 3, 6, 7};
    X(vec4) t0 = __builtin_shuffle(r0, r1, lo), t1 = __builtin_shuffle(r0, r1, hi);
    X(vec4) t2 = __builtin_shuffle(r2, r3, lo), t3 = __builtin_shuffle(r2, r3, hi);
    c[0] = __builtin_shuffle(t0, t2, l2);
    c[1] = __builtin_shuffle(t0, t2, h2);
    c[2] = __builtin_shuffle(t1, t3, l2);
    c[3] = __builtin_shuffle(t1, t3, h2);
}
static inline void X(transpose4)(const T *s, ptrdiff_t lds, T *d, size_t ldd)
{
    X(vec4) c[4];
    X(transpose4_regs)(s, lds, c);
    for (int i = 0; i < 4; i++)
        __builtin_memcpy(d + (size_t)i * ldd, &c[i], sizeof c[i]);
}

/* The same block added to beta times d's (beta != 0), in the same
 * registers: through a buffer and element by element, a 16 x 16 x 16 float
 * TT product with beta = 1 (X(small_tt_buffer), AVX2) took 179 ns against
 * 111 for beta = 0, now 120 (Zen 5, 1 thread) */
static inline void X(transpose4_add)(const T *s, ptrdiff_t lds, T *d, size_t ldd, T beta)
{
    X(vec4) c[4];
    X(transpose4_regs)(s, lds, c);
    for (int i = 0; i < 4; i++) {
        X(vec4) di;
        __builtin_memcpy(&di, d + (size_t)i * ldd, sizeof di);
        di = c[i] + beta * di;
        __builtin_memcpy(d + (size_t)i * ldd, &di, sizeof di);
    }
}

#define TL (64 / sizeof(T)) /* a cache line's elements */
#if LANES_LINE_TRANSPOSE
/* A block of one cache line square (16 floats or 8 doubles): log2 of that
 * many rounds of interleaving row i with row i + half, in 64-byte vectors
 * (two-source permutes with AVX-512), so each source and destination line
 * is read or written whole, once; a 4 x 4 block reads a quarter of four
 * lines.  From a source in L2 (128 x 256 floats, Zen 5) 3.7 -> 10.1
 * elements a ns; in L1 the two run alike (12 a ns).  AVX-512 only
 * (X(transpose_into)): with 256-bit registers GCC splits these shuffles
 * into many (from L2 1.24 elements a TSC tick against 1.83 for 4 x 4
 * blocks, Zen 5 running AVX2 code). */
typedef T X(line) __attribute__((vector_size(64)));
typedef IT X(line_idx) __attribute__((vector_size(64)));
static inline __attribute__((always_inline)) void X(transpose_line)(const T *s, ptrdiff_t lds,
                                                                    T *d, size_t ldd)
{
    const X(line_idx) lo = LINE_LO, hi = LINE_HI;
    X(line) r[TL], n[TL];
#pragma GCC unroll 16
    for (size_t i = 0; i < TL; i++)
        __builtin_memcpy(&r[i], s + (ptrdiff_t)i * lds, 64);
#pragma GCC unroll 4
    for (size_t half = TL / 2; half; half /= 2) {
#pragma GCC unroll 8
        for (size_t i = 0; i < TL / 2; i++) {
            n[2 * i] = __builtin_shuffle(r[i], r[i + TL / 2], lo);
            n[2 * i + 1] = __builtin_shuffle(r[i], r[i + TL / 2], hi);
        }
#pragma GCC unroll 16
        for (size_t i = 0; i < TL; i++)
            r[i] = n[i];
    }
#pragma GCC unroll 16
    for (size_t i = 0; i < TL; i++)
        __builtin_memcpy(d + i * ldd, &r[i], 64);
}
#endif

/* Pack `len` lines x kc into w-wide micro-panels, zero-padded at the edge,
 * k in groups of g (the micro-kernel's KG, kernels.h; A's panels g = 1):
 *   buf[panel][p / g][i][p % g] = src[(panel*w + i) * sw + p * sk]
 * (g = 1: buf[panel][p][i]), panels ROUND_UP(kc, g) * w apart.  A block
 * (lines = rows of op(A), w = MR) and a B block (lines = columns of op(B),
 * w = NR) are the same operation with their strides swapped.  The loop
 * order follows whichever stride is 1, so the source is read in sequence;
 * the destination is a cache-resident block. */
LANES_PACK_CLONES
static void X(pack)(size_t len, size_t kc, const T *src, ptrdiff_t sw, ptrdiff_t sk, unsigned w,
                    unsigned g, T *restrict buf)
{
    const size_t full = len / w * w, panel = (size_t)w * ROUND_UP(kc, g);
#define AT(p, i) ((i) / w * panel + (p) / g * g * w + (i) % w * g + (p) % g)
    /* Source lines are short (a KC or MC slice) and start at scattered
     * addresses, too short for the hardware prefetchers to ramp up: prefetch
     * a few cache lines ahead explicitly. */
    const size_t ahead = 4 * 64 / sizeof(T);
    if (sw == 1 && g == 1) {
        /* For each k, the len values are contiguous: read them in order. */
        for (size_t p = 0; p < kc; p++) {
            const T *sp = src + (ptrdiff_t)p * sk;
            for (size_t i = 0; i < len; i += 64 / sizeof(T))
                __builtin_prefetch(sp + 4 * sk + i);
            T *d = buf + p * w;
            if (w * sizeof(T) % 64 == 0) /* whole cache lines: 512-bit copies */
                for (size_t i0 = 0; i0 < full; i0 += w, d += panel)
                    for (unsigned c = 0; c < w; c += 64 / sizeof(T))
                        __builtin_memcpy(d + c, sp + i0 + c, 64);
            else if (w % 4 == 0) /* fixed 4-wide copies inline; no memcpy call */
                for (size_t i0 = 0; i0 < full; i0 += w, d += panel)
                    for (unsigned c = 0; c < w; c += 4)
                        __builtin_memcpy(d + c, sp + i0 + c, 4 * sizeof(T));
            else
                for (size_t i0 = 0; i0 < full; i0 += w, d += panel)
                    for (unsigned c = 0; c < w; c++)
                        d[c] = sp[i0 + c];
            for (size_t i = full; i < full + (len > full ? w : 0); i++)
                d[i - full] = i < len ? sp[i] : 0;
        }
    } else if (sk == 1 && g > 1) {
        /* Each line is contiguous along k and the panel holds it in runs of
         * g (a cache line when g * sizeof(T) = 64): copies, no transpose. */
        for (size_t i = 0; i < len; i++) {
            const T *sp = src + (ptrdiff_t)i * sw;
            if (i + 1 < len)
                for (size_t p = 0; p < ahead && p < kc; p += 64 / sizeof(T))
                    __builtin_prefetch(sp + sw + p);
            T *d = buf + AT(0, i);
            size_t p = 0;
            for (; p + g <= kc; p += g, d += (size_t)g * w) {
                __builtin_prefetch(sp + p + ahead);
                if (g * sizeof(T) == 64)
                    __builtin_memcpy(d, sp + p, 64);
                else
                    for (unsigned q = 0; q < g; q++)
                        d[q] = sp[p + q];
            }
            for (unsigned q = 0; p + q < kc; q++)
                d[q] = sp[p + q];
        }
    } else if (sk == 1) {
        /* Each line is contiguous along k: a transpose.  One cache line of k
         * at a time (a 64-byte-deep slice of the panel stays in L1), 4 lines
         * x 4 k per in-register 4x4 transpose. */
        for (size_t i0 = 0; i0 < len; i0 += w) {
            size_t lines = len - i0 < w ? len - i0 : w;
            T *d = buf + i0 / w * panel;
            for (size_t i = i0 + w; i < i0 + 2 * w && i < len; i++)
                for (size_t p = 0; p < ahead && p < kc; p += 64 / sizeof(T))
                    __builtin_prefetch(src + (ptrdiff_t)i * sw + p);
            for (size_t p0 = 0; p0 < kc; p0 += 64 / sizeof(T)) {
                size_t pe = kc - p0 < 64 / sizeof(T) ? kc : p0 + 64 / sizeof(T), i = 0;
                for (; i + 4 <= lines; i += 4) {
                    const T *sp = src + (ptrdiff_t)(i0 + i) * sw;
                    for (int r = 0; r < 4; r++)
                        __builtin_prefetch(sp + r * sw + p0 + ahead);
                    size_t p = p0;
                    for (; p + 4 <= pe; p += 4)
                        X(transpose4)(sp + p, sw, d + p * w + i, w);
                    for (; p < pe; p++)
                        for (int r = 0; r < 4; r++)
                            d[p * w + i + (size_t)r] = sp[r * sw + (ptrdiff_t)p];
                }
                for (; i < lines; i++) {
                    const T *sp = src + (ptrdiff_t)(i0 + i) * sw;
                    for (size_t p = p0; p < pe; p++)
                        d[p * w + i] = sp[p];
                }
            }
        }
    } else if (sw == 1) {
        /* k rows of contiguous lines into groups of g: a transpose, 4 k x 4
         * lines per in-register 4x4 transpose (g is a multiple of 4). */
        for (size_t p0 = 0; p0 < kc; p0 += g) {
            const size_t pe = kc - p0 < g ? kc : p0 + g;
            for (size_t i0 = 0; i0 < len; i0 += w) {
                const size_t lines = len - i0 < w ? len - i0 : w;
                T *d = buf + AT(p0, i0);
                size_t p = p0;
                for (; p + 4 <= pe; p += 4) {
                    const T *sp = src + (ptrdiff_t)p * sk + i0;
                    size_t i = 0;
                    for (; i + 4 <= lines; i += 4) {
                        if ((i0 + i) % (64 / sizeof(T)) == 0)
                            for (int r = 0; r < 4; r++)
                                __builtin_prefetch(sp + (g + r) * sk + i);
                        X(transpose4)(sp + i, sk, d + i * g + (p - p0), g);
                    }
                    for (; i < lines; i++)
                        for (int r = 0; r < 4; r++)
                            d[i * g + p - p0 + (size_t)r] = sp[r * sk + (ptrdiff_t)i];
                }
                for (; p < pe; p++)
                    for (size_t i = 0; i < lines; i++)
                        d[i * g + p - p0] = src[(ptrdiff_t)p * sk + (ptrdiff_t)(i0 + i)];
            }
        }
    } else {
        for (size_t p = 0; p < kc; p++)
            for (size_t i = 0; i < len; i++)
                buf[AT(p, i)] = src[(ptrdiff_t)i * sw + (ptrdiff_t)p * sk];
    }
    if (sw != 1 || g != 1)
        for (size_t i = len; i < ROUND_UP(len, w); i++) /* zero the edge panel's pad */
            for (size_t p = 0; p < kc; p++)
                buf[AT(p, i)] = 0;
#undef AT
}

/* d[c * ldd + r] = s[r * lds + c] for r < rows, c < cols (a transposed
 * copy: op(A)'s rows into a column-major copy, a column-major product into
 * a row-major C), or, beta != 0, that plus beta times d's own; callers that
 * copy pass a literal 0, which leaves the plain copy.  4 x 4 blocks through
 * registers, four of d's lines at a time: going down d's lines instead,
 * each block's stores ldd apart, ran a 256 x 256 float copy 3.5x as long (a
 * few cache sets take every store). */
static inline __attribute__((always_inline)) void X(transpose_4s)(size_t rows, size_t cols,
                                                                  const T *s, ptrdiff_t lds,
                                                                  T *restrict d, size_t ldd,
                                                                  T beta)
{
    const size_t r4 = rows / 4 * 4, c4 = cols / 4 * 4;
    for (size_t c = 0; r4 && c < c4; c += 4)
        for (size_t r = 0; r < r4; r += 4) {
            const T *sb = s + (ptrdiff_t)r * lds + (ptrdiff_t)c;
            if (beta == 0)
                X(transpose4)(sb, lds, d + c * ldd + r, ldd);
            else
                X(transpose4_add)(sb, lds, d + c * ldd + r, ldd, beta);
        }
    /* the last rows % 4 of s whole, each read in order; then the last
     * cols % 4 of the rows above */
    for (size_t r = r4; r < rows; r++)
        for (size_t c = 0; c < cols; c++) {
            const T v = s[(ptrdiff_t)r * lds + (ptrdiff_t)c];
            d[c * ldd + r] = beta == 0 ? v : v + beta * d[c * ldd + r];
        }
    for (size_t c = c4; c < cols; c++)
        for (size_t r = 0; r < r4; r++) {
            const T v = s[(ptrdiff_t)r * lds + (ptrdiff_t)c];
            d[c * ldd + r] = beta == 0 ? v : v + beta * d[c * ldd + r];
        }
}

#if LANES_LINE_TRANSPOSE
/* A copy larger than L1 in cache-line blocks, 4 x 4 blocks for its edges */
LANES_PACK_CLONES
static __attribute__((noinline)) void X(transpose_lines)(size_t rows, size_t cols, const T *s,
                                                         ptrdiff_t lds, T *restrict d, size_t ldd)
{
    const size_t rl = rows / TL * TL, cl = cols / TL * TL;
    for (size_t c = 0; rl && c < cl; c += TL)
        for (size_t r = 0; r < rl; r += TL)
            X(transpose_line)(s + (ptrdiff_t)r * lds + (ptrdiff_t)c, lds, d + c * ldd + r, ldd);
    X(transpose_4s)(rows - rl, cols, s + (ptrdiff_t)rl * lds, lds, d + rl, ldd, 0);
    X(transpose_4s)(rl, cols - cl, s + cl, lds, d + cl * ldd, ldd, 0);
}
#endif

/* d := s^T for rows x cols of s (a transposed copy: op(A)'s rows into a
 * column-major copy, a column-major product into a row-major C), or s^T +
 * beta * d (4 x 4 blocks).  A copy larger than L1 (32 KiB) in line blocks
 * where the CPU has AVX-512 (the test that also picks the AVX-512 clones);
 * a smaller one in 4 x 4 blocks, as fast there (64 x 64 floats: 0.31
 * against 0.34 us), without the line function's entry (its stack of
 * 64-byte registers), which a 16 x 4 copy would feel. */
LANES_PACK_CLONES
static void X(transpose_into)(size_t rows, size_t cols, const T *s, ptrdiff_t lds, T *d,
                              size_t ldd, T beta)
{
#if LANES_LINE_TRANSPOSE
    if (beta == 0 && (double)rows * (double)cols * sizeof(T) > 32.0 * 1024 &&
        __builtin_cpu_supports("avx512f")) {
        X(transpose_lines)(rows, cols, s, lds, d, ldd);
        return;
    }
#endif
    if (beta == 0)
        X(transpose_4s)(rows, cols, s, lds, d, ldd, 0);
    else
        X(transpose_4s)(rows, cols, s, lds, d, ldd, beta);
}

/* The copy alone (beta = 0) */
static void X(transpose)(size_t rows, size_t cols, const T *s, ptrdiff_t lds, T *restrict d,
                         size_t ldd)
{
    X(transpose_into)(rows, cols, s, lds, d, ldd, 0);
}

/* C := beta*C for an m x n column-major C; beta = 0 stores zeros. */
static void X(scale_c)(size_t m, size_t n, T beta, T *c, size_t ldc)
{
    if (beta == 1)
        return;
    for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < m; i++)
            c[i + j * ldc] = beta == 0 ? 0 : beta * c[i + j * ldc];
}

/* One column-major problem, arguments already checked, m, n, k > 0. */
struct X(gemm_job) {
    const struct CFG *cfg;
    size_t m, n, k;
    T alpha, beta;
    const T *a, *b;
    ptrdiff_t rsa, csa, rsb, csb;
    T *c;
    size_t ldc;
    size_t ncw, kcw; /* column panel width, k slice depth (X(even_blocks)) */
    T *abuf, *bbuf; /* packed blocks: B's shared, A's too unless own_a */
    int own_a;      /* each thread packs A into its own alen values at abuf (X(own_a)) */
    size_t alen;
    struct lanes_steal *steal; /* one slot per thread */
};

/* Packs the w-wide panels [lo, hi) of a block of `len` lines (X(pack)'s
 * arguments for the whole block). */
static void X(pack_panels)(size_t lo, size_t hi, size_t len, size_t kc, const T *src,
                           ptrdiff_t sw, ptrdiff_t sk, unsigned w, unsigned g, T *buf)
{
    const size_t end = hi * w < len ? hi * w : len;
    X(pack)(end - lo * w, kc, src + (ptrdiff_t)(lo * w) * sw, sw, sk, w, g,
            buf + lo * w * ROUND_UP(kc, g));
}

/* Tile t of a block mc x nc (numbered down each column panel of mpanels
 * tiles in turn): its first row and column and its rows and columns */
struct X(tile) {
    size_t ir, jr, rows, cols;
};
static inline struct X(tile) X(tile_at)(size_t t, size_t mpanels, unsigned mr, unsigned nr,
                                        size_t mc, size_t nc)
{
    const size_t ir = t % mpanels * mr, jr = t / mpanels * nr;
    return (struct X(tile)){ir, jr, mc - ir < mr ? mc - ir : mr, nc - jr < nr ? nc - jr : nr};
}

/* Asks for the cache lines of a rows x cols tile of C (ldc apart) */
static inline void X(fetch_tile)(const T *c, size_t ldc, size_t rows, size_t cols)
{
    for (size_t j = 0; j < cols; j++, c += ldc) {
        for (size_t i = 0; i < rows; i += TL)
            __builtin_prefetch(c + i);
        __builtin_prefetch(c + rows - 1); /* a column not aligned to a line ends in one more */
    }
}

/* Tiles [t_lo, t_hi) of the block at C (mc x nc, kc deep), numbered down
 * each column panel in turn, A's panels at abuf; edge tiles go through
 * cfg->edge, or through `tile` and are merged with C.  Where bsrc is
 * given, the first tile of each full column panel packs B's micro-panel
 * from it.  Where asrc is (X(own_a)), A's panels are packed here as they
 * are first needed, each once, marked in *apacked: a full tile packs its
 * panel as it computes (cfg->packa), any other packs it first. */
static void X(gemm_tiles)(const struct X(gemm_job) *job, size_t kc, size_t nc, size_t mc,
                          size_t mpanels, T *c, T beta, size_t t_lo, size_t t_hi, T *tile,
                          T *abuf, const T *bsrc, const T *asrc, uint64_t *apacked)
{
    const struct CFG *cfg = job->cfg;
    const unsigned mr = cfg->mr, nr = cfg->nr;
    const size_t kcp = ROUND_UP(kc, cfg->kg);
    for (size_t tile_no = t_lo; tile_no < t_hi; tile_no++) {
        const struct X(tile) tl = X(tile_at)(tile_no, mpanels, mr, nr, mc, nc);
        const size_t ir = tl.ir, jr = tl.jr, rows = tl.rows, cols = tl.cols;
        T *ap = abuf + ir * kc;
        T *bp = job->bbuf + jr * kcp, *cp = c + ir + jr * job->ldc;
        /* a full tile straight into C, an edge tile into `tile` */
        const int full = rows == mr && cols == nr;
        T *ct = full ? cp : tile;
        const size_t ldt = full ? job->ldc : mr;
        const T bt = full ? beta : 0;
        /* The next tile's C, asked for a whole tile ahead.  The kernels'
         * own requests for their C, among their first k steps, still left
         * a tile that reads C (beta != 0) 4-7% slower than one that does
         * not (Zen 5, AVX-512 micro-kernels alone over a 2048-row C; this
         * request first: 1.03-1.05x).  Against the previous build, column-
         * major NN, 1 thread: s 1024 1.02-1.03x, 2048 0.99-1.02x, 4096
         * 1.05x; d 1024 0.97-1.06x, 2048 1.00-1.08x, 4096 1.05-1.06x;
         * 2 threads, 2048: s 1.06x, d 1.02x.  AVX2 0.99-1.03x. */
        if (tile_no + 1 < t_hi) {
            const struct X(tile) nt = X(tile_at)(tile_no + 1, mpanels, mr, nr, mc, nc);
            X(fetch_tile)(c + nt.ir + nt.jr * job->ldc, job->ldc, nt.rows, nt.cols);
        }
        const uint64_t bit = (uint64_t)1 << (tile_no % mpanels);
        const int pack_a = asrc && !(*apacked & bit), packs_b = bsrc && ir == 0 && cols == nr;
        if (pack_a) {
            *apacked |= bit;
            if (!full || packs_b) /* (the kernel that packs B does not pack A) */
                X(pack_panels)(ir / mr, ir / mr + 1, mc, kc, asrc, job->rsa, job->csa, mr, 1,
                               abuf);
        }
        if (packs_b) { /* B's micro-panel not packed yet */
            const T *b = bsrc + (ptrdiff_t)jr * job->csb;
            cfg->packb(kc, job->alpha, ap, b, (size_t)job->csb, bp, bt, ct, ldt);
        } else if (pack_a && full) { /* nor A's */
            cfg->packa(kc, job->alpha, asrc + ir, (size_t)job->csa, ap, bp, bt, ct, ldt);
        } else if (!full && cfg->edge) {
            cfg->edge(kc, job->alpha, ap, bp, beta, cp, job->ldc, (unsigned)rows, (unsigned)cols);
            continue;
        } else {
            cfg->ukr(kc, job->alpha, ap, bp, bt, ct, ldt);
        }
        if (full)
            continue;
        for (size_t j = 0; j < cols; j++)
            for (size_t i = 0; i < rows; i++) {
                T *cij = cp + i + j * job->ldc;
                *cij = (beta == 0 ? 0 : beta * *cij) + tile[i + j * mr];
            }
    }
}

/* The five loops, run by each of nth threads (nth = 1: serially).  Threads
 * share the packed B panel, and A's block too unless each packs its own
 * (job->own_a).  Each phase (packing B's panels, A's panels, and computing
 * the block's MR x NR tiles of C) starts as even contiguous shares that
 * rebalance (lanes_steal_next: a slower core ends up with less), and
 * barriers separate the phases.  Every panel and tile is computed by the
 * same operations whatever thread runs it, so results do not depend on the
 * thread count.  Slots: [0, nth) tiles, [nth, 2 nth) A (with own_a, the
 * tiles of every other block), [2 nth, 3 nth) B. */
static void X(gemm_run)(const struct X(gemm_job) *job, int tid, int nth)
{
    const struct CFG *cfg = job->cfg;
    const unsigned mr = cfg->mr, nr = cfg->nr;
    struct lanes_steal *const tiles = job->steal, *const apan = tiles + nth;
    struct lanes_steal *const bpan = apan + nth;
    T *const abuf = job->abuf + (job->own_a ? (size_t)tid * job->alen : 0);
    _Alignas(64) T tile[LANES_GEMM_MAX_TILE];
    size_t lo, hi, blocks = 0;
    /* B's columns contiguous along k and a micro-kernel that packs as it
     * goes: the first tile of each full column panel packs its micro-panel,
     * while its FMAs run (fused), and the B pack below takes only a
     * narrower last panel. */
    const int fused = cfg->packb && job->rsb == 1;
    for (size_t jc = 0; jc < job->n; jc += job->ncw) {
        const size_t nc = job->n - jc < job->ncw ? job->n - jc : job->ncw;
        const size_t npanels = (nc + nr - 1) / nr;
        for (size_t pc = 0; pc < job->k; pc += job->kcw) {
            const size_t kc = job->k - pc < job->kcw ? job->k - pc : job->kcw;
            const T beta_p = pc == 0 ? job->beta : 1; /* later k slices accumulate */
            const T *b = job->b + (ptrdiff_t)pc * job->rsb + (ptrdiff_t)jc * job->csb;
            const size_t p0 = fused ? nc / nr : 0;
            if (nth > 1)
                lanes_steal_own(bpan, npanels - p0, tid, nth);
#pragma omp barrier
            /* (owners claim 4 B panels, a column panel of tiles, and their whole
             * share of A's few panels at a time: A packed one panel per claim
             * read each column in shorter runs, 1% slower at 2 threads) */
            for (lo = hi = 0; lanes_steal_next(bpan, tid, nth, npanels - p0, 4, &lo, &hi);)
                X(pack_panels)(p0 + lo, p0 + hi, nc, kc, b, job->csb, job->rsb, nr, cfg->kg,
                               job->bbuf);
            for (size_t ic = 0; ic < job->m; ic += cfg->mc, blocks++) {
                const size_t mc = job->m - ic < cfg->mc ? job->m - ic : cfg->mc;
                const size_t mpanels = (mc + mr - 1) / mr;
                const T *a = job->a + (ptrdiff_t)ic * job->rsa + (ptrdiff_t)pc * job->csa;
                /* Tiles numbered down each column panel in turn, taken in
                 * units of one tile, or of a whole column panel while the
                 * first tile of each packs B: then no thread reads a
                 * micro-panel before it is packed. */
                const int packing = fused && ic == 0;
                const size_t unit = packing ? mpanels : 1, units = npanels * mpanels / unit;
                /* own_a: no A phase, and one barrier a block; its tiles'
                 * slots alternate between two sets, so that a thread can
                 * set the next block's while others still claim this one's */
                struct lanes_steal *const tslots = job->own_a && blocks % 2 ? apan : tiles;
                if (!job->own_a) {
                    if (nth > 1)
                        lanes_steal_own(apan, mpanels, tid, nth);
#pragma omp barrier
                    for (lo = hi = 0;
                         lanes_steal_next(apan, tid, nth, mpanels, mpanels, &lo, &hi);)
                        X(pack_panels)(lo, hi, mc, kc, a, job->rsa, job->csa, mr, 1, abuf);
                }
                if (nth > 1)
                    lanes_steal_own(tslots, units, tid, nth);
#pragma omp barrier
                uint64_t apacked = 0;
                const size_t chunk = mpanels / unit; /* a column panel a claim */
                for (lo = hi = 0; lanes_steal_next(tslots, tid, nth, units, chunk, &lo, &hi);)
                    X(gemm_tiles)(job, kc, nc, mc, mpanels, job->c + ic + jc * job->ldc, beta_p,
                                  lo * unit, hi * unit, tile, abuf, packing ? b : NULL,
                                  job->own_a ? a : NULL, &apacked);
            }
        }
    }
}

/* Whether each thread packs its own copy of A's blocks (job->own_a) as its
 * tiles first need them: where the micro-kernel can pack as it computes
 * (cfg->packa, a column-major op(A)), a block has up to 64 panels (the
 * mask of X(gemm_tiles)), and each thread has 8 column panels or more of
 * tiles, so that packing a whole block costs it little.  Otherwise the
 * team shares one block, packed in a phase of its own between two
 * barriers: packing every block again per thread would multiply A's reads
 * by the thread count, too much on many cores. */
static int X(own_a)(const struct CFG *cfg, size_t mc_max, size_t ncw, ptrdiff_t rsa, int nth)
{
    return cfg->packa && rsa == 1 && mc_max / cfg->mr <= 64 &&
           (nth == 1 || ncw / cfg->nr >= 8 * (size_t)nth);
}

/* The column panel width and k slice depth for an n-column, k-deep problem
 * on nth threads: panels and slices as even as NR allows, and a panel may
 * stretch to 5/4 NC rather than leave a thin last one (4096 columns with NC
 * 4080 were a panel of 4080 and one of 16, which packed all of A a second
 * time for 16 columns; 2048 deep with KC 320, six slices of 320 and one of
 * 128, whose C traffic 128 k steps paid for).  One thread may take its own
 * NC (cfg->nc1): panel edges fall between whole NR-wide tiles, so the
 * results are the same; the slices, which order the sums, depend on the
 * shape alone: on k, and where the cfg has a deeper KC for a C past
 * LANES_GEMM_DEEP_C (cfg->kc_deep), on m x n.  Teams then take an NC that
 * keeps B's packed panel the size it was. */
static void X(even_blocks)(const struct CFG *cfg, int nth, size_t m, size_t n, size_t k,
                           size_t *ncw, size_t *kcw)
{
    const int deep = cfg->kc_deep && m * n > LANES_GEMM_DEEP_C / sizeof(T);
    const size_t kc = deep ? cfg->kc_deep : cfg->kc;
    const size_t nc = nth == 1 && cfg->nc1 ? cfg->nc1
                      : deep ? ROUND_UP(cfg->nc * cfg->kc / kc, cfg->nr) /* B's panel as large */
                             : cfg->nc;
    const size_t stretch = nc + nc / 4, panels = (n + stretch - 1) / stretch;
    *ncw = ROUND_UP((n + panels - 1) / panels, cfg->nr);
    const size_t slices = (k + kc - 1) / kc;
    *kcw = (k + slices - 1) / slices;
}

/* Out of line (as is the direct path's team below): kept inline they gave the
 * entry point a large stack frame that every small call paid to set up. */
static __attribute__((noinline)) int X(gemm_core)(const struct CFG *cfg, size_t m, size_t n,
                                                  size_t k, T alpha, const T *a, ptrdiff_t rsa,
                                                  ptrdiff_t csa, const T *b, ptrdiff_t rsb,
                                                  ptrdiff_t csb, T beta, T *c, size_t ldc)
{
    size_t mc_max = m < cfg->mc ? ROUND_UP(m, cfg->mr) : cfg->mc, nc_max, kc_max;
    int nth = lanes_parallel_begin(m, n, k);
    X(even_blocks)(cfg, nth, m, n, k, &nc_max, &kc_max);
    const int own_a = X(own_a)(cfg, mc_max, nc_max, rsa, nth);
    const size_t slots = nth > 1 ? 3 * (size_t)nth : 0, alen = mc_max * kc_max;
    const size_t acopies = own_a ? (size_t)nth : 1;
    struct lanes_steal *steal = lanes_workspace(
        NAME(gemm), slots * sizeof *steal +
                        (acopies * alen + ROUND_UP(kc_max, cfg->kg) * nc_max) * sizeof(T));
    if (!steal) {
        lanes_parallel_end(nth);
        return LANES_ENOMEM;
    }
    T *abuf = (T *)(steal + slots);
    struct X(gemm_job) job = {.cfg = cfg, .m = m, .n = n, .k = k, .alpha = alpha, .beta = beta,
                              .a = a, .b = b, .rsa = rsa, .csa = csa, .rsb = rsb, .csb = csb,
                              .c = c, .ldc = ldc, .ncw = nc_max, .kcw = kc_max, .abuf = abuf,
                              .bbuf = abuf + acopies * alen, .own_a = own_a, .alen = alen,
                              .steal = steal};
    if (nth > 1) {
#pragma omp parallel num_threads(nth)
        X(gemm_run)(&job, lanes_thread_id(), lanes_team_size());
        lanes_parallel_end(nth);
    } else {
        X(gemm_run)(&job, 0, 1);
    }
    return 0;
}

/* The direct kernel (no packing) wins when packing would not pay: A, the
 * operand it re-reads for every block of columns, is read at most twice or
 * stays in L2 (half of Zen 4's 1 MiB), or the whole problem is tiny.  The
 * choice depends on the shape only, never on the thread count, so results
 * stay the same for any thread count. */
static int X(direct_pays)(size_t m, size_t n, size_t k)
{
    if (lanes_gemm_path != LANES_GEMM_AUTO)
        return lanes_gemm_path == LANES_GEMM_DIRECT;
    /* (A of up to 2 MiB still pays when it is re-read for few column
     * blocks: measured on the MLP layer shapes, e.g. 512 x 128 x 784) */
    return n <= 24 || (m <= 64 && n <= 64 && k <= 64) ||
           (double)m * (double)k * sizeof(T) <= (double)LANES_GEMM_L2_OPERAND ||
           (n <= 256 && (double)m * (double)k * sizeof(T) <= 2048.0 * 1024) ||
           (double)m * (double)n * (double)k <= 64.0 * 64 * 64;
}

/* The direct problem p on copies of A and C packed at leading dimension m,
 * each followed by 64 zeroed bytes (kernels.h, LANES_DIRECT_BOUNCE).  Out
 * of memory, p runs as it is: slower, the same C, and no error recorded. */
void FN(gemm_direct_bounce)(const struct DARGS *p, DFN *run)
{
    const size_t m = p->m, n = p->n, k = p->k, pad = 64 / sizeof(T);
    const size_t na = m * k + pad, nc = m * n + pad;
    T *w = lanes_workspace(NULL, (na + nc) * sizeof(T)); /* none: p runs as it is */
    if (!w) {
        run(p);
        return;
    }
    T *a = w, *c = w + na;
    for (size_t j = 0; j < k; j++)
        memcpy(a + j * m, p->a + j * p->lda, m * sizeof(T));
    if (p->beta != 0) /* beta = 0: C is not read */
        for (size_t j = 0; j < n; j++)
            memcpy(c + j * m, p->c + j * p->ldc, m * sizeof(T));
    memset(a + m * k, 0, pad * sizeof(T));
    memset(c + m * n, 0, pad * sizeof(T));
    struct DARGS q = *p;
    q.a = a;
    q.lda = m;
    q.c = c;
    q.ldc = m;
    run(&q);
    for (size_t j = 0; j < n; j++)
        memcpy(p->c + j * p->ldc, c + j * m, m * sizeof(T));
}

/* Direct path, split across threads for large problems by columns (NR
 * blocks) or by rows (MR blocks), whichever gives the threads more even
 * shares: 128 columns are 11 blocks of 12, 6 + 5 for two threads, where 512
 * rows split evenly.  The direct kernels compute each element of C by its
 * own chain of FMAs (no reductions across lanes), so results do not depend
 * on the split, provided a thread's rows end where the problem's do or on a
 * whole MR block: the row edge goes with the block above it, since a
 * kernel may run the two together (AVX-512 folds an edge of a quarter
 * vector or less into the last full block, where B's columns are
 * contiguous with other partial sums; alone on a thread, 36 x 12 x 8000
 * float gave 47 elements of other bits on 2 threads than on 1). */
static __attribute__((noinline)) void X(gemm_direct_team)(const struct CFG *cfg, int nth,
                                                         const struct DARGS *p)
{
    const size_t m = p->m, n = p->n;
    /* row units: whole MR blocks, the last one with the row edge too */
    const size_t cb = (n + cfg->nr - 1) / cfg->nr, rb = m / cfg->mr ? m / cfg->mr : 1;
    const size_t t = (size_t)nth;
    /* the largest share of C, in elements, under each split; columns unless
     * rows are clearly (10%) more even, since a column split lets each thread
     * read only its part of B (measured: 256 x 512 x 128 is faster by columns
     * though rows are 3% more even) */
    const int by_rows = 10 * ((rb + t - 1) / t * cfg->mr + m % cfg->mr) * n <
                        9 * ((cb + t - 1) / t * cfg->nr) * m;
#pragma omp parallel num_threads(nth)
    {
        size_t lo, hi, unit = by_rows ? cfg->mr : cfg->nr, len = by_rows ? m : n;
        const size_t units = by_rows ? rb : cb;
        lanes_share(units, lanes_thread_id(), lanes_team_size(), 1, &lo, &hi);
        lo *= unit;
        hi = hi == units || hi * unit > len ? len : hi * unit;
        struct DARGS share = *p; /* this thread's rows or columns */
        if (by_rows) {
            share.m = hi - lo;
            share.a += lo;
            share.c += lo;
        } else {
            share.n = hi - lo;
            share.b += (ptrdiff_t)lo * p->csb;
            share.c += lo * p->ldc;
        }
        if (hi > lo)
            cfg->direct(&share);
    }
    lanes_parallel_end(nth);
}

static void X(gemm_direct)(const struct CFG *cfg, size_t m, size_t n, size_t k, T alpha,
                           const T *a, ptrdiff_t lda, const T *b, ptrdiff_t rsb, ptrdiff_t csb,
                           T beta, T *c, size_t ldc)
{
    const struct DARGS p = {m, n, k, a, (size_t)lda, b, rsb, csb, c, ldc, alpha, beta};
    int nth = lanes_parallel_begin(m, n, k);
    if (nth <= 1)
        cfg->direct(&p);
    else
        X(gemm_direct_team)(cfg, nth, &p);
}

/* The argument checks in BLAS order, each with its message: only called
 * when the one-test check in FN(gemm) fails. */
static __attribute__((noinline, cold)) int X(gemm_arg_error)(
    int plan, lanes_layout layout, lanes_transpose transa, lanes_transpose transb, ptrdiff_t m,
    ptrdiff_t n, ptrdiff_t k, ptrdiff_t lda, ptrdiff_t ldb, ptrdiff_t ldc)
{
    /* plan: checking X(gemm_plan_create)'s arguments, where lda, ldb and ldc
     * are the 8th, 9th and 11th (no A, B, C), not the 9th, 11th and 14th */
    const char *rt = plan ? NAME(gemm_plan_create) : NAME(gemm);
    const int pa = plan ? 8 : 9, pb = plan ? 9 : 11, pc = plan ? 11 : 14;
    int row = layout == LANES_ROW_MAJOR;
    if (!row && layout != LANES_COL_MAJOR)
        return lanes_arg_error(rt, 1, "(layout = %d) must be 101 (row-major) or 102 (col-major)",
                               (int)layout);
    if (transa != LANES_NO_TRANS && transa != LANES_TRANS && transa != LANES_CONJ_TRANS)
        return lanes_arg_error(rt, 2, "(transa = %d) must be 111, 112 or 113", (int)transa);
    if (transb != LANES_NO_TRANS && transb != LANES_TRANS && transb != LANES_CONJ_TRANS)
        return lanes_arg_error(rt, 3, "(transb = %d) must be 111, 112 or 113", (int)transb);
    if (m < 0)
        return lanes_arg_error(rt, 4, "(m = %td) must be >= 0", m);
    if (n < 0)
        return lanes_arg_error(rt, 5, "(n = %td) must be >= 0", n);
    if (k < 0)
        return lanes_arg_error(rt, 6, "(k = %td) must be >= 0", k);
    int ta = transa != LANES_NO_TRANS, tb = transb != LANES_NO_TRANS;
    /* A is stored m x k or k x m: which one its leading dimension spans. */
    int lda_m = ta == row;
    ptrdiff_t need = lanes_max1(lda_m ? m : k);
    if (lda < need)
        return lanes_arg_error(rt, pa, "(lda = %td) must be >= max(1, %s) = %td", lda,
                               lda_m ? "m" : "k", need);
    int ldb_k = tb == row;
    need = lanes_max1(ldb_k ? k : n);
    if (ldb < need)
        return lanes_arg_error(rt, pb, "(ldb = %td) must be >= max(1, %s) = %td", ldb,
                               ldb_k ? "k" : "n", need);
    need = lanes_max1(row ? n : m);
    if (ldc < need)
        return lanes_arg_error(rt, pc, "(ldc = %td) must be >= max(1, %s) = %td", ldc,
                               row ? "n" : "m", need);
    return 0;
}

/* All of the checks of X(gemm_arg_error) as one test, without branches (a
 * small product's time is mostly such overhead); a failure goes back to
 * them for the message. */
static inline int X(gemm_args_ok)(lanes_layout layout, lanes_transpose transa,
                                  lanes_transpose transb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                  ptrdiff_t lda, ptrdiff_t ldb, ptrdiff_t ldc)
{
    const int row = layout == LANES_ROW_MAJOR;
    const int ta = transa != LANES_NO_TRANS, tb = transb != LANES_NO_TRANS;
    return (row | (layout == LANES_COL_MAJOR)) & ((unsigned)transa - LANES_NO_TRANS <= 2u) &
           ((unsigned)transb - LANES_NO_TRANS <= 2u) & ((m | n | k) >= 0) &
           (lda >= lanes_max1(ta == row ? m : k)) & (ldb >= lanes_max1(tb == row ? k : n)) &
           (ldc >= lanes_max1(row ? n : m));
}

/* A call as one column-major problem, C (m x n) := alpha op(A) op(B) +
 * beta C with op(A)[i,p] = a[i*rsa + p*csa], op(B)[p,j] = b[p*rsb + j*csb]:
 * a row-major C is C^T column-major, C^T = op(B)^T op(A)^T. */
struct X(gemm_view) {
    ptrdiff_t m, n;
    const T *a, *b;
    ptrdiff_t rsa, csa, rsb, csb;
};

static inline struct X(gemm_view) X(view_of)(lanes_layout layout, lanes_transpose transa,
                                             lanes_transpose transb, ptrdiff_t m, ptrdiff_t n,
                                             const T *a, ptrdiff_t lda, const T *b, ptrdiff_t ldb)
{
    const int row = layout == LANES_ROW_MAJOR;
    const int ta = transa != LANES_NO_TRANS, tb = transb != LANES_NO_TRANS;
    const ptrdiff_t rsa = ta != row ? lda : 1, csa = ta != row ? 1 : lda;
    const ptrdiff_t rsb = tb != row ? ldb : 1, csb = tb != row ? 1 : ldb;
    if (row)
        return (struct X(gemm_view)){n, m, b, a, csb, rsb, csa, rsa};
    return (struct X(gemm_view)){m, n, a, b, rsa, csa, rsb, csb};
}

static __attribute__((noinline)) int X(gemm_any)(lanes_layout layout, lanes_transpose transa,
                                                 lanes_transpose transb, ptrdiff_t m, ptrdiff_t n,
                                                 ptrdiff_t k, T alpha, const T *a, ptrdiff_t lda,
                                                 const T *b, ptrdiff_t ldb, T beta, T *c,
                                                 ptrdiff_t ldc);

/* The transposed product: where op(B)'s rows are contiguous (csb = 1),
 * C^T = op(B)^T op(A)^T is a direct problem as it stands, op(B)^T its A.
 * It goes column-major into a workspace and, transposed, into C.  That
 * pays where C has too few rows for a vector but many columns (the direct
 * kernel would leave most lanes idle), or where op(A)'s rows are
 * contiguous, so that X(gemm_any) would copy op(A), and C is the smaller.
 * X(ct_pays) weighs the two ways in vector lanes (FMAs times a vector's
 * lanes): the direct kernel's rows rounded up to whole vectors plus a
 * quarter vector for a partial one, and COL lanes a column; a copied
 * element as KAPPA lanes; the workspace call as CALL (X(dots_pay) below
 * uses the same); and takes the
 * transposed product where it costs at most 0.9 of the other.  Fitted on
 * Zen 5, 1 thread, against the previous build in one process: row-major
 * sgemm TN 256 x n x 128 (n is m here) at n = 13, 14, 15, 17, 24
 * 1.18-1.40x, 12, 16, 20, 30, 31, 100 0.98-1.04x; dgemm n = 6, 7, 9, 11,
 * 12, 17 1.19-1.53x, 5, 8, 10, 15 0.97-1.03x; TT 32 x 4 x 4 s, 12 x 3 x 5
 * d, which only the column term sends here, 0.69 and 0.86x without it. */
#define KAPPA 20
#define COL 128
#define CALL 1024
#define RED 100
/* (integers, w a power of two: a small call feels a chain of conversions
 * and divisions; m * n is at most 64 Ki here and k is capped, so nothing
 * overflows) */
static uint64_t X(direct_cost)(uint64_t rows, uint64_t cols, uint64_t k, uint64_t w)
{
    const uint64_t r = ((rows + w - 1) & ~(w - 1)) + (rows & (w - 1) ? w / 4 : 0);
    return r * cols * k + COL * cols;
}
/* a vector's lanes: half the micro-kernel's rows, at most a cache line
 * (right for x86; NEON's double vector holds 2, not 4) */
static uint64_t X(vector_lanes)(const struct CFG *cfg)
{
    return cfg->mr / 2 < 64 / sizeof(T) ? cfg->mr / 2 : 64 / sizeof(T);
}
static uint64_t X(k_capped)(size_t k)
{
    return k < ((uint64_t)1 << 20) ? k : (uint64_t)1 << 20;
}
static int X(ct_pays)(const struct CFG *cfg, size_t m, size_t n, size_t k, int a_cols, T beta)
{
    if (lanes_gemm_path != LANES_GEMM_AUTO || m * n > 256 * 1024 / sizeof(T))
        return 0;
    const uint64_t w = X(vector_lanes)(cfg), kk = X(k_capped)(k);
    uint64_t keep = X(direct_cost)(m, n, kk, w);
    if (!a_cols) /* X(gemm_any)'s copy of op(A) */
        keep += KAPPA * m * kk + CALL;
    const uint64_t ct =
        X(direct_cost)(n, m, kk, w) + KAPPA * m * n * (beta != 0 ? 2 : 1) + CALL;
    return 10 * ct <= 9 * keep && X(direct_pays)(n, m, k);
}

/* That product, C (m x n) := alpha op(A) op(B) + beta C in the view's
 * terms; 0 if the workspace cannot be had (the caller goes on as usual) */
static inline int X(gemm_ct)(const struct CFG *cfg, size_t m, size_t n, size_t k, T alpha,
                             const T *a, ptrdiff_t rsa, ptrdiff_t csa, const T *b, ptrdiff_t rsb,
                             T beta, T *c, size_t ldc)
{
    T *t = lanes_operand_workspace(NULL, m * n * sizeof(T));
    if (!t)
        return 0;
    /* op(B)^T (n x k) column-major, ld rsb; op(A)^T (k x m): (p, i) at
     * a[p * csa + i * rsa]; t = C^T, n x m, ld n */
    X(gemm_direct)(cfg, n, m, k, alpha, b, rsb, a, csa, rsa, 0, t, n);
    X(transpose_into)(m, n, t, (ptrdiff_t)n, c, ldc, beta); /* c[j * ldc + i] = t[i * n + j] */
    return 1;
}

/* One dot an element of C (cfg->dots), where op(B)'s columns are
 * contiguous: with op(A)'s rows contiguous too (column-major TN, row-major
 * NT) no operand is copied, where X(gemm_any) would copy op(A) for the
 * direct kernel; with its columns contiguous instead, C's few rows would
 * leave most of the direct kernel's lanes idle, and op(A), m x k for a
 * small m, is copied to rows first.  X(dots_pay) weighs it as X(ct_pays)
 * does, a dot's last partial vector counted whole and RED lanes an element
 * of C for the lane sums and C's update (fitted on Zen 5 below). */
static int X(dots_pay)(const struct CFG *cfg, size_t m, size_t n, size_t k, int a_rows)
{
    const uint64_t w = X(vector_lanes)(cfg);
    /* (with more rows and columns than 2 vectors' lanes, op(A) read from L2
     * once for every 4 columns held the dots back: dgemm TN 100 x 40 x 300
     * 0.90x the copy) */
    if (!cfg->dots || lanes_gemm_path != LANES_GEMM_AUTO || k < 2 || (m > 2 * w && n > 2 * w) ||
        (!a_rows && m * k > LANES_GEMM_L2_OPERAND / sizeof(T)))
        return 0;
    const uint64_t kk = X(k_capped)(k);
    uint64_t keep = X(direct_cost)(m, n, kk, w);
    if (a_rows) /* X(gemm_any)'s copy of op(A) */
        keep += KAPPA * m * kk + CALL;
    uint64_t dots = (uint64_t)m * n * ((kk + w - 1) & ~(w - 1)) + RED * m * n;
    if (!a_rows)
        dots += KAPPA * m * kk + CALL;
    return 10 * dots <= 9 * keep;
}
#undef KAPPA
#undef COL
#undef CALL
#undef RED

/* A share of C's rows or columns for cfg->dots: boundaries on multiples of
 * 4 keep every block of 4 rows by up to 4 columns, and so every sum, what
 * it is in a run on one thread */
struct X(dots_job) {
    const struct CFG *cfg;
    size_t m, n, k, lda, ldb, ldc;
    T alpha, beta;
    const T *a, *b;
    T *c;
    int by_rows;
};
static void X(dots_part)(size_t lo, size_t hi, void *ctx)
{
    const struct X(dots_job) *j = ctx;
    if (hi <= lo)
        return;
    if (j->by_rows)
        j->cfg->dots(hi - lo, j->n, j->k, j->alpha, j->a + lo * j->lda, j->lda, j->b, j->ldb,
                     j->beta, j->c + lo, j->ldc);
    else
        j->cfg->dots(j->m, hi - lo, j->k, j->alpha, j->a, j->lda, j->b + lo * j->ldb, j->ldb,
                     j->beta, j->c + lo * j->ldc, j->ldc);
}

/* That product, in the view's terms; 0 if op(A)'s copy cannot be had */
static inline int X(gemm_dots)(const struct CFG *cfg, size_t m, size_t n, size_t k, T alpha,
                               const T *a, ptrdiff_t rsa, ptrdiff_t csa, const T *b,
                               ptrdiff_t csb, T beta, T *c, size_t ldc)
{
    size_t lda = (size_t)rsa;
    if (csa != 1) { /* op(A)'s columns contiguous: its rows to at[i * k + p] */
        T *at = lanes_operand_workspace(NULL, m * k * sizeof(T));
        if (!at)
            return 0;
        X(transpose)(k, m, a, csa, at, k);
        a = at;
        lda = k;
    }
    /* on threads as the direct kernel would be (lanes_parallel_begin's size:
     * work counts 16 operations an element), by the longer side, in shares
     * of whole 8-column blocks: a kernel may block C's columns by 8 (AVX-512
     * with two rows: one add tree for 2 x 8 sums, other sums than its 2 x 4
     * blocks'), and a share starting between would sum them otherwise (2 x
     * 248 x 5275 float, shares of 4: other bits on 2 threads than on 1) */
    struct X(dots_job) job = {cfg, m, n, k, lda, (size_t)csb, ldc, alpha, beta, a, b, c, m >= n};
    lanes_parallel_range(m >= n ? m : n, m * n * k / 16, 8, X(dots_part), &job);
    return 1;
}

/* A column-major small product's direct problem, if the direct kernel
 * takes it: op(A) not transposed (ta == 0, its columns contiguous) and
 * every leading dimension valid (ta, tb: the transpose codes less
 * LANES_NO_TRANS).  A row-major call is the same test on C^T = op(B)^T
 * op(A)^T, the swap of X(view_of).  Branches on the case taken, rather than
 * X(gemm_args_ok)'s one test of every argument: Zen 5, 4 x 4 x 4 float, 11.1
 * -> 9.8 ns a call.  Returns 1 if it takes the product. */
static inline __attribute__((always_inline)) int X(small_args)(
    ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, T alpha, const T *a, ptrdiff_t lda, unsigned ta,
    const T *b, ptrdiff_t ldb, unsigned tb, T beta, T *c, ptrdiff_t ldc, struct DARGS *p)
{
    if (ta != 0 || lda < m || ldc < m || (tb == 0 ? ldb < k : tb > 2 || ldb < n))
        return 0;
    *p = (struct DARGS){(size_t)m, (size_t)n, (size_t)k, a, (size_t)lda, b,
                        tb ? ldb : 1, tb ? 1 : ldb, c, (size_t)ldc, alpha, beta};
    return 1;
}

/* The sizes of a small product (every dimension 2-32, k from 1) that the
 * entry point may send straight to the direct kernel, with alpha != 0 */
static inline __attribute__((always_inline)) int X(small_dims)(ptrdiff_t m, ptrdiff_t n,
                                                              ptrdiff_t k, T alpha)
{
    return (size_t)(m - 2) < 31 && (size_t)(n - 2) < 31 && (size_t)(k - 1) < 32 && alpha != 0 &&
           lanes_gemm_path == LANES_GEMM_AUTO;
}

/* X(small_args), then the direct kernel on it: 1 if it ran the product */
static inline __attribute__((always_inline)) int X(direct_small)(
    const struct lanes_kernels *kt, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, T alpha, const T *a,
    ptrdiff_t lda, unsigned ta, const T *b, ptrdiff_t ldb, unsigned tb, T beta, T *c,
    ptrdiff_t ldc)
{
    struct DARGS p;
    if (!X(small_args)(m, n, k, alpha, a, lda, ta, b, ldb, tb, beta, c, ldc, &p))
        return 0;
    kt->X(gemm).direct(&p);
    return 1;
}

/* A column-major TT product (C m x n; op(A)'s rows lda apart, op(B)'s
 * rows ldb apart) by the ISA's direct_t, C^T = op(B)^T op(A)^T, where its
 * masks say it pays (kernels.h: direct_t_pays with every dimension up to
 * 32, direct_t_mid with some past it, up to 64); 1 if it ran */
static inline __attribute__((always_inline)) int X(gemm_tt_tiles)(
    const struct CFG *cfg, size_t m, size_t n, size_t k, T alpha, const T *a, ptrdiff_t lda,
    const T *b, ptrdiff_t ldb, T beta, T *c, size_t ldc)
{
    const int small = m <= 32 && n <= 32 && k <= 32;
    if (small ? !((cfg->direct_t_pays >> (n - 1 + (m <= 4 ? 32 : 0))) & 1)
              : m <= 4 || m > 64 || n > 64 || k > 64 || !((cfg->direct_t_mid >> (n - 1)) & 1))
        return 0;
    const struct DARGS p = {n, m, k, b, (size_t)ldb, a, 1, lda, c, ldc, alpha, beta};
    cfg->direct_t(&p);
    return 1;
}

/* A small column-major TT product, C = A^T B^T: C^T = B A is one for the
 * direct kernel as it stands, into a buffer on the stack, then transposed
 * into C (or added to beta C).  X(gemm_any) would copy A instead, as many
 * values for a square C, after its own set-up (Zen 5, 1 thread, against
 * OpenBLAS: 16 x 16 x 16 s 0.85-0.88x, d 0.75x before).  In X(small_tt)'s
 * frame (a call of its own cost the products it takes 1-2 ns), apart from
 * the entry's, so that the buffer does not weigh on its other calls. */
static inline __attribute__((always_inline)) int X(small_tt_buffer)(const struct lanes_kernels *kt,
                                                        ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                                        T alpha, const T *a, ptrdiff_t lda,
                                                        const T *b, ptrdiff_t ldb, T beta, T *c,
                                                        ptrdiff_t ldc)
{
    T t[32 * 32]; /* C^T, n x m, ld n */
    const struct DARGS p = {(size_t)n, (size_t)m, (size_t)k, b, (size_t)ldb, a, 1, lda,
                            t, (size_t)n, alpha, 0};
    kt->X(gemm).direct(&p);
    X(transpose_into)((size_t)m, (size_t)n, t, n, c, (size_t)ldc, beta);
    return 1;
}

/* That product by the ISA's direct_t where it pays (kernels.h), C^T's
 * tiles transposed in registers on their way to C, else through the
 * buffer */
static __attribute__((noinline)) int X(small_tt)(const struct lanes_kernels *kt, ptrdiff_t m,
                                                 ptrdiff_t n, ptrdiff_t k, T alpha, const T *a,
                                                 ptrdiff_t lda, const T *b, ptrdiff_t ldb,
                                                 T beta, T *c, ptrdiff_t ldc)
{
    if (lda < k || ldb < n || ldc < m)
        return 0;
    if (X(gemm_tt_tiles)(&kt->X(gemm), m, n, k, alpha, a, lda, b, ldb, beta, c, ldc))
        return 1;
    return X(small_tt_buffer)(kt, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

/* What the entry does not take: a small TT product (X(small_tt); both
 * transposed, which the row-major TT's swap is too), else X(gemm_any).
 * Apart from the entry, so that the entry's own frame stays as small as
 * its direct call needs (4 x 4 x 4 float: the TT test inside it cost 2-3%). */
static __attribute__((noinline)) int X(gemm_rest)(lanes_layout layout, lanes_transpose transa,
                                                  lanes_transpose transb, ptrdiff_t m,
                                                  ptrdiff_t n, ptrdiff_t k, T alpha, const T *a,
                                                  ptrdiff_t lda, const T *b, ptrdiff_t ldb,
                                                  T beta, T *c, ptrdiff_t ldc)
{
    const struct lanes_kernels *kt = lanes_resolved_kernels();
    const unsigned ta = (unsigned)transa - LANES_NO_TRANS, tb = (unsigned)transb - LANES_NO_TRANS;
    if (ta - 1 <= 1 && tb - 1 <= 1 && X(small_dims)(m, n, k, alpha) && a && b && c && kt &&
        (layout == LANES_ROW_MAJOR
             ? X(small_tt)(kt, n, m, k, alpha, b, ldb, a, lda, beta, c, ldc)
             : layout == LANES_COL_MAJOR &&
                   X(small_tt)(kt, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)))
        return 0;
    return X(gemm_any)(layout, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

/* The entry point: a small product (every dimension 2-32, A and B read,
 * valid arguments, A' columns contiguous after the layout swap) goes to the
 * direct kernel from here, in a frame of its own; anything else, errors
 * included, to X(gemm_any).  The general function's set-up (its registers
 * and stack) cost a 4 x 4 x 4 product 6 of its 13 ns (Zen 5). */
int FN(gemm)(lanes_layout layout, lanes_transpose transa, lanes_transpose transb, ptrdiff_t m,
             ptrdiff_t n, ptrdiff_t k, T alpha, const T *a, ptrdiff_t lda, const T *b,
             ptrdiff_t ldb, T beta, T *c, ptrdiff_t ldc)
{
    /* The table read without the resolving call: not yet resolved, the
     * general path runs, as it does for any failed check (which
     * X(gemm_any) then reports). */
    const struct lanes_kernels *kt = lanes_resolved_kernels();
    if (X(small_dims)(m, n, k, alpha) && a && b && c && kt) {
        const unsigned ta = (unsigned)transa - LANES_NO_TRANS,
                       tb = (unsigned)transb - LANES_NO_TRANS;
        if (layout == LANES_ROW_MAJOR
                ? X(direct_small)(kt, n, m, k, alpha, b, ldb, tb, a, lda, ta, beta, c, ldc)
                : layout == LANES_COL_MAJOR &&
                      X(direct_small)(kt, m, n, k, alpha, a, lda, ta, b, ldb, tb, beta, c, ldc))
            return 0;
    }
    return X(gemm_rest)(layout, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

static __attribute__((noinline)) int X(gemm_any)(lanes_layout layout, lanes_transpose transa,
                                                 lanes_transpose transb, ptrdiff_t m, ptrdiff_t n,
                                                 ptrdiff_t k, T alpha, const T *a, ptrdiff_t lda,
                                                 const T *b, ptrdiff_t ldb, T beta, T *c,
                                                 ptrdiff_t ldc)
{
    const char *rt = NAME(gemm);
    if (__builtin_expect(!X(gemm_args_ok)(layout, transa, transb, m, n, k, lda, ldb, ldc), 0)) {
        int rc = X(gemm_arg_error)(0, layout, transa, transb, m, n, k, lda, ldb, ldc);
        if (rc)
            return rc;
    }
    if (m == 0 || n == 0)
        return 0;
    int reads = k > 0 && alpha != 0;
    if (reads && !a)
        return lanes_arg_error(rt, 8, "(A) is NULL with m = %td, k = %td", m, k);
    if (reads && !b)
        return lanes_arg_error(rt, 10, "(B) is NULL with k = %td, n = %td", k, n);
    if (!c)
        return lanes_arg_error(rt, 13, "(C) is NULL with m = %td, n = %td", m, n);

    const struct X(gemm_view) v = X(view_of)(layout, transa, transb, m, n, a, lda, b, ldb);
    m = v.m;
    n = v.n;
    a = v.a;
    b = v.b;
    const ptrdiff_t rsa = v.rsa, csa = v.csa, rsb = v.rsb, csb = v.csb;
    if (!reads) {
        X(scale_c)((size_t)m, (size_t)n, beta, c, (size_t)ldc);
        return 0;
    }
    /* A matrix-vector product: gemv streams op(A) once, where a gemm tile
     * would leave all but one lane of each vector idle. */
    if (lanes_gemm_path == LANES_GEMM_AUTO && (m == 1 || n == 1)) {
        if (n == 1 && rsa == 1 && csa >= m)
            return FN(gemv)(LANES_COL_MAJOR, LANES_NO_TRANS, m, k, alpha, a, csa, b, rsb, beta,
                            c, 1);
        if (n == 1 && csa == 1 && rsa >= k)
            return FN(gemv)(LANES_COL_MAJOR, LANES_TRANS, k, m, alpha, a, rsa, b, rsb, beta, c,
                            1);
        if (m == 1 && rsb == 1 && csb >= k)
            return FN(gemv)(LANES_COL_MAJOR, LANES_TRANS, k, n, alpha, b, csb, a, csa, beta, c,
                            ldc);
        if (m == 1 && csb == 1 && rsb >= n)
            return FN(gemv)(LANES_COL_MAJOR, LANES_NO_TRANS, n, k, alpha, b, rsb, a, csa, beta,
                            c, ldc);
    }
    const struct CFG *cfg = &lanes_active_kernels()->X(gemm);
    /* A medium TT product (column-major after the view: op(A)'s rows and
     * op(B)'s rows contiguous) by the ISA's direct_t where it pays
     * (kernels.h): C^T = op(B)^T op(A)^T, its tiles transposed in registers
     * into C, where the ways below copy op(A) or C */
    if (csa == 1 && csb == 1 && lanes_gemm_path == LANES_GEMM_AUTO &&
        X(gemm_tt_tiles)(cfg, (size_t)m, (size_t)n, (size_t)k, alpha, a, rsa, b, rsb, beta, c,
                         (size_t)ldc))
        return 0;
    if (csb == 1 && X(ct_pays)(cfg, (size_t)m, (size_t)n, (size_t)k, rsa == 1, beta) &&
        X(gemm_ct)(cfg, (size_t)m, (size_t)n, (size_t)k, alpha, a, rsa, csa, b, rsb, beta, c,
                   (size_t)ldc))
        return 0;
    if (rsb == 1 && X(dots_pay)(cfg, (size_t)m, (size_t)n, (size_t)k, csa == 1) &&
        X(gemm_dots)(cfg, (size_t)m, (size_t)n, (size_t)k, alpha, a, rsa, csa, b, csb, beta, c,
                     (size_t)ldc))
        return 0;
    if (rsa == 1 && X(direct_pays)((size_t)m, (size_t)n, (size_t)k)) {
        X(gemm_direct)(cfg, (size_t)m, (size_t)n, (size_t)k, alpha, a, csa, b, rsb, csb, beta, c,
                       (size_t)ldc);
        return 0;
    }
    /* op(A)'s rows contiguous instead (row-major NT and TT, column-major TN
     * and TT): the direct kernel on a column-major copy of it, if that copy
     * stays in L2 (512 KiB).  The packed path would copy A as well, into
     * panels, and B too (Zen 5, 1 thread, row-major sgemm NT against
     * OpenBLAS: 16 0.24x -> 1.71x, 64 0.83x -> 1.34x, 256 0.99x either way;
     * 3-7 4-10x as fast as before); with a larger copy the direct kernel
     * re-reads it from L3 (128 x 512 x 512 NT: s 1.03x -> 0.81x, d 1.16x ->
     * 0.73x). */
    if (csa == 1 && X(direct_pays)((size_t)m, (size_t)n, (size_t)k) &&
        ((double)m * (double)k * sizeof(T) <= (double)LANES_GEMM_L2_OPERAND ||
         lanes_gemm_path == LANES_GEMM_DIRECT)) {
        T *at = lanes_operand_workspace(NULL, (size_t)m * (size_t)k * sizeof(T));
        if (at) {
            X(transpose)((size_t)m, (size_t)k, a, rsa, at, (size_t)m);
            X(gemm_direct)(cfg, (size_t)m, (size_t)n, (size_t)k, alpha, at, m, b, rsb, csb,
                           beta, c, (size_t)ldc);
            return 0;
        }
    }
    return X(gemm_core)(cfg, (size_t)m, (size_t)n, (size_t)k, alpha,
                        a, rsa, csa, b, rsb, csb, beta, c, (size_t)ldc);
}

/* ---- prepared gemm (lanes.h, lanes_sgemm_plan_create) ----
 * A plan is its arguments, checked once, and, for a product the entry
 * point above sends straight to the direct kernel, that kernel's problem
 * with the operands left out: a run fills them in and calls it, or, where
 * the ISA can name the problem's row of register blocks (kernels.h,
 * lanes_sgemm_block_of_fn), calls those blocks.  Every other plan runs as
 * FN(gemm) with its arguments.  Either way a run computes what FN(gemm)
 * computes with the kernels of the plan's creation. */
#define PLAN LANES_CAT(lanes_, X(gemm_plan))
#define BLK LANES_CAT(lanes_, X(gemm_block))
#define BFN LANES_CAT(lanes_, X(gemm_block_fn))
struct PLAN {
    struct DARGS p;  /* the direct problem (p.a, p.b, p.c unset) */
    DFN *direct;     /* NULL: FN(gemm) runs */
    BFN *one;        /* p's block, if p is one block without a page test */
    size_t a_end, c_end; /* blk.page_test: offsets of A's and C's ends */
    int swap;        /* row-major: A and B trade places in p */
    struct BLK blk;  /* blk.count > 0: p's blocks, called directly */
    lanes_layout layout;
    lanes_transpose transa, transb;
    ptrdiff_t m, n, k, lda, ldb, ldc;
    T alpha, beta;
};

struct PLAN *FN(gemm_plan_create)(lanes_layout layout, lanes_transpose transa,
                                  lanes_transpose transb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                  T alpha, ptrdiff_t lda, ptrdiff_t ldb, T beta, ptrdiff_t ldc)
{
    if (!X(gemm_args_ok)(layout, transa, transb, m, n, k, lda, ldb, ldc) &&
        X(gemm_arg_error)(1, layout, transa, transb, m, n, k, lda, ldb, ldc))
        return NULL;
    struct PLAN *pl = malloc(sizeof *pl);
    if (!pl) {
        lanes_error(LANES_ENOMEM, "%s: out of memory", NAME(gemm_plan_create));
        return NULL;
    }
    *pl = (struct PLAN){.layout = layout, .transa = transa, .transb = transb, .m = m, .n = n,
                        .k = k, .lda = lda, .ldb = ldb, .ldc = ldc, .alpha = alpha,
                        .beta = beta};
    const struct lanes_kernels *kt = lanes_active_kernels();
    const unsigned ta = (unsigned)transa - LANES_NO_TRANS, tb = (unsigned)transb - LANES_NO_TRANS;
    pl->swap = layout == LANES_ROW_MAJOR;
    /* FN(gemm)'s test, with operands that pass it */
    if (X(small_dims)(m, n, k, alpha) &&
        (pl->swap ? X(small_args)(n, m, k, alpha, NULL, ldb, tb, NULL, lda, ta, beta, NULL, ldc,
                                  &pl->p)
                  : X(small_args)(m, n, k, alpha, NULL, lda, ta, NULL, ldb, tb, beta, NULL, ldc,
                                  &pl->p))) {
        pl->direct = kt->X(gemm).direct;
        if (kt->X(gemm).block && !kt->X(gemm).block(&pl->p, &pl->blk))
            pl->blk.count = 0;
        pl->one = pl->blk.count == 1 && !pl->blk.page_test ? pl->blk.fn[0] : NULL;
        /* LANES_DIRECT_NEAR_PAGE's two ends, once */
        pl->a_end = LANES_DIRECT_A_END(&pl->p);
        pl->c_end = LANES_DIRECT_C_END(&pl->p);
    }
    return pl;
}

void FN(gemm_plan_destroy)(struct PLAN *plan)
{
    free(plan);
}

/* A run that is not the direct kernel's: checks, then FN(gemm) (a plan
 * with a direct problem gets here only with a NULL operand) */
static __attribute__((noinline)) int X(gemm_plan_any)(const struct PLAN *pl, const T *a,
                                                      const T *b, T *c)
{
    const char *rt = NAME(gemm_plan_run);
    if (!pl)
        return lanes_arg_error(rt, 1, "(plan) is NULL");
    /* what FN(gemm) reads and writes: nothing for an empty C, A and B only
     * where k > 0 and alpha != 0 */
    const int writes = pl->m > 0 && pl->n > 0, reads = writes && pl->k > 0 && pl->alpha != 0;
    if (reads && !a)
        return lanes_arg_error(rt, 2, "(A) is NULL with m = %td, k = %td", pl->m, pl->k);
    if (reads && !b)
        return lanes_arg_error(rt, 3, "(B) is NULL with k = %td, n = %td", pl->k, pl->n);
    if (writes && !c)
        return lanes_arg_error(rt, 4, "(C) is NULL with m = %td, n = %td", pl->m, pl->n);
    return FN(gemm)(pl->layout, pl->transa, pl->transb, pl->m, pl->n, pl->k, pl->alpha, a,
                    pl->lda, b, pl->ldb, pl->beta, c, pl->ldc);
}

/* The direct kernel on the plan's problem with these operands */
static __attribute__((noinline)) int X(gemm_plan_direct)(const struct PLAN *pl, const T *a,
                                                         const T *b, T *c)
{
    struct DARGS p = pl->p;
    p.a = a;
    p.b = b;
    p.c = c;
    pl->direct(&p);
    return 0;
}

/* A row of blocks, left to right (as the direct kernel's loop runs them:
 * the same C), or, near a page end with masked-off lanes, the direct kernel */
static __attribute__((noinline)) int X(gemm_plan_blocks)(const struct PLAN *pl, const T *a,
                                                         const T *b, T *c)
{
    const struct BLK *k = &pl->blk;
    if (k->page_test && lanes_ends_near_page(a + pl->a_end, c + pl->c_end))
        return X(gemm_plan_direct)(pl, a, b, c);
    for (unsigned i = 0; i < k->count; i++)
        k->fn[i](&pl->p, a, b + k->boff[i], c + k->coff[i], k->m0, k->m1);
    return 0;
}

/* One block by a jump to it (one with no masked-off lane, the common case,
 * without the page test: 4 x 4 x 4 s 1.12x, d 1.07x as fast as with it and
 * a call); a row of blocks out of line (whose stack frame would otherwise
 * be set up on every run).  Blocks with a masked row edge near a page end
 * go to the direct kernel, which copies the operands (kernels.h,
 * lanes_sgemm_block).
 * A row of several blocks skips the direct kernel's loop: Zen 5, 16 x 16 x
 * 16, s 129 -> 112, d 184 -> 160 tsc a run. */
int FN(gemm_plan_run)(const struct PLAN *plan, const T *a, const T *b, T *c)
{
    if (__builtin_expect(plan && a && b && c, 1)) {
        const T *a2 = plan->swap ? b : a, *b2 = plan->swap ? a : b;
        if (plan->one)
            return plan->one(&plan->p, a2, b2, c, plan->blk.m0, plan->blk.m1);
        if (plan->blk.count == 1 && !lanes_ends_near_page(a2 + plan->a_end, c + plan->c_end))
            return plan->blk.fn[0](&plan->p, a2, b2, c, plan->blk.m0, plan->blk.m1);
        if (plan->blk.count)
            return X(gemm_plan_blocks)(plan, a2, b2, c);
        if (plan->direct)
            return X(gemm_plan_direct)(plan, a2, b2, c);
    }
    return X(gemm_plan_any)(plan, a, b, c);
}
#undef PLAN
#undef BLK
#undef BFN

#undef FN
#undef NAME
#undef CFG
#undef DARGS
#undef DFN
#undef ROUND_UP
#undef TL
