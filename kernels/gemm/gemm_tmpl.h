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
 * column-major C^T = op(B)^T op(A)^T.  Edge tiles run the same micro-kernel
 * into a local tile (packing zero-pads) and are then merged with C. */

#define FN(name) LANES_CAT(lanes_, X(name))
#define NAME(name) "lanes_" LANES_STR(X(name))
#define CFG LANES_CAT(lanes_, X(gemm_cfg))

/* Pack an mc x kc block of op(A) into MR-tall micro-panels: for each
 * panel, kc columns of MR contiguous values, zero below the edge. */
static void X(pack_a)(size_t mc, size_t kc, const T *a, ptrdiff_t rs, ptrdiff_t cs, unsigned mr,
                      T *restrict buf)
{
    for (size_t i0 = 0; i0 < mc; i0 += mr) {
        size_t rows = mc - i0 < mr ? mc - i0 : mr;
        const T *ap = a + (ptrdiff_t)i0 * rs;
        if (rs == 1 && rows == mr) {
            for (size_t p = 0; p < kc; p++, buf += mr)
                for (size_t i = 0; i < mr; i++)
                    buf[i] = ap[(ptrdiff_t)p * cs + (ptrdiff_t)i];
        } else {
            for (size_t p = 0; p < kc; p++, buf += mr)
                for (size_t i = 0; i < mr; i++)
                    buf[i] = i < rows ? ap[(ptrdiff_t)i * rs + (ptrdiff_t)p * cs] : 0;
        }
    }
}

/* Pack a kc x nc block of op(B) into NR-wide micro-panels: for each panel,
 * kc rows of NR contiguous values, zero right of the edge. */
static void X(pack_b)(size_t kc, size_t nc, const T *b, ptrdiff_t rs, ptrdiff_t cs, unsigned nr,
                      T *restrict buf)
{
    for (size_t j0 = 0; j0 < nc; j0 += nr) {
        size_t cols = nc - j0 < nr ? nc - j0 : nr;
        const T *bp = b + (ptrdiff_t)j0 * cs;
        if (cs == 1 && cols == nr) {
            for (size_t p = 0; p < kc; p++, buf += nr)
                for (size_t j = 0; j < nr; j++)
                    buf[j] = bp[(ptrdiff_t)p * rs + (ptrdiff_t)j];
        } else {
            for (size_t p = 0; p < kc; p++, buf += nr)
                for (size_t j = 0; j < nr; j++)
                    buf[j] = j < cols ? bp[(ptrdiff_t)p * rs + (ptrdiff_t)j * cs] : 0;
        }
    }
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
    T *abuf, *bbuf; /* shared packed blocks */
};

/* [*lo, *hi) of `count` items for thread tid of nth: contiguous, balanced. */
static inline void X(share)(size_t count, int tid, int nth, size_t *lo, size_t *hi)
{
    *lo = count * (size_t)tid / (size_t)nth;
    *hi = count * (size_t)(tid + 1) / (size_t)nth;
}

/* The five loops, run by each of nth threads (nth = 1: serially).  Threads
 * share the packed blocks: each packs a share of the micro-panels of A and
 * B, and computes a share of the NR-wide column panels of C.  Every C tile
 * is computed by the same operations whatever nth is, so results do not
 * depend on the thread count. */
static void X(gemm_run)(const struct X(gemm_job) *job, int tid, int nth)
{
    const struct CFG *cfg = job->cfg;
    const unsigned mr = cfg->mr, nr = cfg->nr;
    _Alignas(64) T tile[LANES_GEMM_MAX_TILE];
    for (size_t jc = 0; jc < job->n; jc += cfg->nc) {
        size_t nc = job->n - jc < cfg->nc ? job->n - jc : cfg->nc;
        size_t npanels = (nc + nr - 1) / nr, j_lo, j_hi;
        X(share)(npanels, tid, nth, &j_lo, &j_hi);
        for (size_t pc = 0; pc < job->k; pc += cfg->kc) {
            size_t kc = job->k - pc < cfg->kc ? job->k - pc : cfg->kc;
            T beta_p = pc == 0 ? job->beta : 1; /* later k slices accumulate */
            const T *b = job->b + (ptrdiff_t)pc * job->rsb + (ptrdiff_t)jc * job->csb;
#pragma omp barrier
            if (j_hi > j_lo)
                X(pack_b)(kc, (j_hi * nr < nc ? j_hi * nr : nc) - j_lo * nr, b + (ptrdiff_t)(j_lo * nr) * job->csb,
                          job->rsb, job->csb, nr, job->bbuf + j_lo * nr * kc);
            for (size_t ic = 0; ic < job->m; ic += cfg->mc) {
                size_t mc = job->m - ic < cfg->mc ? job->m - ic : cfg->mc;
                size_t mpanels = (mc + mr - 1) / mr, i_lo, i_hi;
                X(share)(mpanels, tid, nth, &i_lo, &i_hi);
                const T *a = job->a + (ptrdiff_t)(ic + i_lo * mr) * job->rsa + (ptrdiff_t)pc * job->csa;
#pragma omp barrier
                if (i_hi > i_lo)
                    X(pack_a)((i_hi * mr < mc ? i_hi * mr : mc) - i_lo * mr, kc, a, job->rsa, job->csa,
                              mr, job->abuf + i_lo * mr * kc);
#pragma omp barrier
                for (size_t jr = j_lo * nr; jr < j_hi * nr && jr < nc; jr += nr) {
                    size_t cols = nc - jr < nr ? nc - jr : nr;
                    for (size_t ir = 0; ir < mc; ir += mr) {
                        size_t rows = mc - ir < mr ? mc - ir : mr;
                        const T *ap = job->abuf + ir * kc, *bp = job->bbuf + jr * kc;
                        T *cp = job->c + (ic + ir) + (jc + jr) * job->ldc;
                        if (rows == mr && cols == nr) {
                            cfg->ukr(kc, job->alpha, ap, bp, beta_p, cp, job->ldc);
                            continue;
                        }
                        cfg->ukr(kc, job->alpha, ap, bp, 0, tile, mr);
                        for (size_t j = 0; j < cols; j++)
                            for (size_t i = 0; i < rows; i++) {
                                T *cij = cp + i + j * job->ldc;
                                *cij = (beta_p == 0 ? 0 : beta_p * *cij) + tile[i + j * mr];
                            }
                    }
                }
            }
        }
    }
}

#define ROUND_UP(v, r) (((v) + (r)-1) / (r) * (r))

static int X(gemm_core)(const struct CFG *cfg, size_t m, size_t n, size_t k, T alpha, const T *a,
                        ptrdiff_t rsa, ptrdiff_t csa, const T *b, ptrdiff_t rsb, ptrdiff_t csb,
                        T beta, T *c, size_t ldc)
{
    size_t mc_max = m < cfg->mc ? ROUND_UP(m, cfg->mr) : cfg->mc;
    size_t kc_max = k < cfg->kc ? k : cfg->kc;
    size_t nc_max = n < cfg->nc ? ROUND_UP(n, cfg->nr) : cfg->nc;
    T *abuf = lanes_scratch_alloc(NAME(gemm), (mc_max * kc_max + kc_max * nc_max) * sizeof(T));
    if (!abuf)
        return LANES_ENOMEM;
    struct X(gemm_job) job = {cfg,  m,   n,   k,   alpha, beta, a,    b,
                              rsa,  csa, rsb, csb, c,     ldc,  abuf, abuf + mc_max * kc_max};
    int nth = lanes_gemm_threads(m, n, k);
    if (nth > 1) {
#pragma omp parallel num_threads(nth)
        X(gemm_run)(&job, lanes_thread_id(), lanes_team_size());
    } else {
        X(gemm_run)(&job, 0, 1);
    }
    lanes_scratch_free(abuf);
    return 0;
}

int FN(gemm)(lanes_layout layout, lanes_transpose transa, lanes_transpose transb, ptrdiff_t m,
             ptrdiff_t n, ptrdiff_t k, T alpha, const T *a, ptrdiff_t lda, const T *b,
             ptrdiff_t ldb, T beta, T *c, ptrdiff_t ldc)
{
    const char *rt = NAME(gemm);
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
        return lanes_arg_error(rt, 9, "(lda = %td) must be >= max(1, %s) = %td", lda,
                               lda_m ? "m" : "k", need);
    int ldb_k = tb == row;
    need = lanes_max1(ldb_k ? k : n);
    if (ldb < need)
        return lanes_arg_error(rt, 11, "(ldb = %td) must be >= max(1, %s) = %td", ldb,
                               ldb_k ? "k" : "n", need);
    need = lanes_max1(row ? n : m);
    if (ldc < need)
        return lanes_arg_error(rt, 14, "(ldc = %td) must be >= max(1, %s) = %td", ldc,
                               row ? "n" : "m", need);
    if (m == 0 || n == 0)
        return 0;
    int reads = k > 0 && alpha != 0;
    if (reads && !a)
        return lanes_arg_error(rt, 8, "(A) is NULL with m = %td, k = %td", m, k);
    if (reads && !b)
        return lanes_arg_error(rt, 10, "(B) is NULL with k = %td, n = %td", k, n);
    if (!c)
        return lanes_arg_error(rt, 13, "(C) is NULL with m = %td, n = %td", m, n);

    /* op(A)[i,p] = a[i*rsa + p*csa], op(B)[p,j] = b[p*rsb + j*csb]. */
    ptrdiff_t rsa = ta != row ? lda : 1, csa = ta != row ? 1 : lda;
    ptrdiff_t rsb = tb != row ? ldb : 1, csb = tb != row ? 1 : ldb;
    if (row) {
        /* C row-major is C^T column-major: C^T = op(B)^T op(A)^T. */
        const T *tp = a;
        a = b;
        b = tp;
        ptrdiff_t t = m;
        m = n;
        n = t;
        ptrdiff_t r = rsa, s = csa;
        rsa = csb;
        csa = rsb;
        rsb = s;
        csb = r;
    }
    if (!reads) {
        X(scale_c)((size_t)m, (size_t)n, beta, c, (size_t)ldc);
        return 0;
    }
    return X(gemm_core)(&lanes_active_kernels()->X(gemm), (size_t)m, (size_t)n, (size_t)k, alpha,
                        a, rsa, csa, b, rsb, csb, beta, c, (size_t)ldc);
}

#undef FN
#undef NAME
#undef CFG
#undef ROUND_UP
