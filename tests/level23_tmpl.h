/* gemv/gemm checks for one type: T, X(name), EPS (see test_blas1.c). */

#define FN(name) LANES_CAT(lanes_, X(name))
#define SENTINEL ((T)777.25)

/* Element (i, j) of op(M) where M is stored in `layout` with leading
 * dimension ld: the reference reads matrices only through this. */
static double X(op_at)(const T *m, lanes_layout layout, int trans, ptrdiff_t ld, ptrdiff_t i,
                       ptrdiff_t j)
{
    ptrdiff_t r = trans ? j : i, c = trans ? i : j; /* position in stored M */
    return (double)(layout == LANES_COL_MAJOR ? m[r + c * ld] : m[r * ld + c]);
}

/* Storage for a stored rows x cols matrix with leading dimension ld. */
static size_t X(mat_len)(lanes_layout layout, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld)
{
    ptrdiff_t outer = layout == LANES_COL_MAJOR ? cols : rows;
    return outer == 0 ? 1 : (size_t)(outer * ld);
}

static T X(rand_val)(uint64_t *seed, int exact)
{
    return exact ? (T)lanes_rng_int(seed, 4) : (T)lanes_rng_unit(seed);
}

/* Set: X(check_gemm) and X(gemm_guard) run each product as a prepared gemm
 * (a plan), and X(check_gemm) also checks that it gives lanes_?gemm's bits. */
static int X(via_plan);

/* FN(gemm), or (X(via_plan)) the same product through a plan */
static int X(gemm_or_plan)(lanes_layout layout, lanes_transpose ta, lanes_transpose tb,
                           ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, T alpha, const T *a,
                           ptrdiff_t lda, const T *b, ptrdiff_t ldb, T beta, T *c, ptrdiff_t ldc)
{
    if (!X(via_plan))
        return FN(gemm)(layout, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    LANES_CAT(lanes_, X(gemm_plan)) *plan =
        FN(gemm_plan_create)(layout, ta, tb, m, n, k, alpha, lda, ldb, beta, ldc);
    cr_assert(plan, "plan_create: %s", lanes_last_error_message());
    int rc = FN(gemm_plan_run)(plan, a, b, c);
    FN(gemm_plan_destroy)(plan);
    return rc;
}

static void X(check_gemm)(lanes_layout layout, lanes_transpose ta, lanes_transpose tb,
                          ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, T alpha, T beta, ptrdiff_t pad,
                          int exact, uint64_t *seed)
{
    int row = layout == LANES_ROW_MAJOR, at = ta != LANES_NO_TRANS, bt = tb != LANES_NO_TRANS;
    /* stored shapes */
    ptrdiff_t ar = at ? k : m, ac = at ? m : k, br = bt ? n : k, bc = bt ? k : n;
    ptrdiff_t lda = (row ? ac : ar) + pad, ldb = (row ? bc : br) + pad, ldc = (row ? n : m) + pad;
    if (lda < 1) lda = 1;
    if (ldb < 1) ldb = 1;
    if (ldc < 1) ldc = 1;
    size_t la = X(mat_len)(layout, ar, ac, lda), lb = X(mat_len)(layout, br, bc, ldb);
    size_t lc = X(mat_len)(layout, m, n, ldc);
    T *a = lanes_test_alloc(la * sizeof(T), sizeof(T));
    T *b = lanes_test_alloc(lb * sizeof(T), 0);
    T *c = lanes_test_alloc(lc * sizeof(T), sizeof(T));
    T *c0 = malloc(lc * sizeof(T));
    /* alpha = 0 must not read A or B; beta = 0 must not read C. */
    for (size_t i = 0; i < la; i++)
        a[i] = alpha == 0 ? (T)NAN : X(rand_val)(seed, exact);
    for (size_t i = 0; i < lb; i++)
        b[i] = alpha == 0 ? (T)NAN : X(rand_val)(seed, exact);
    for (size_t i = 0; i < lc; i++)
        c0[i] = c[i] = SENTINEL; /* padding must keep this */
    for (ptrdiff_t i = 0; i < m; i++)
        for (ptrdiff_t j = 0; j < n; j++)
            c0[row ? i * ldc + j : i + j * ldc] = c[row ? i * ldc + j : i + j * ldc] =
                beta == 0 ? (T)NAN : X(rand_val)(seed, exact);

    T *cg = NULL; /* via_plan: FN(gemm)'s result */
    int rc;
    if (X(via_plan)) {
        cg = malloc(lc * sizeof(T));
        memcpy(cg, c, lc * sizeof(T));
        rc = FN(gemm)(layout, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, cg, ldc);
        cr_assert_eq(rc, 0, "gemm returned %d: %s", rc, LANES_STR(X()));
    }
    rc = X(gemm_or_plan)(layout, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    cr_assert_eq(rc, 0, "gemm returned %d: %s", rc, lanes_last_error_message());
    if (cg) {
        cr_assert_arr_eq(c, cg, lc * sizeof(T),
                         "%sgemm plan %s %d%d m=%td n=%td k=%td: not gemm's bits",
                         LANES_STR(X()), row ? "row" : "col", at, bt, m, n, k);
        free(cg);
    }
    for (ptrdiff_t i = 0; i < m; i++)
        for (ptrdiff_t j = 0; j < n; j++) {
            size_t ic = (size_t)(row ? i * ldc + j : i + j * ldc);
            double sum = 0, mag = 0;
            for (ptrdiff_t p = 0; p < k && alpha != 0; p++) {
                double t = X(op_at)(a, layout, at, lda, i, p) * X(op_at)(b, layout, bt, ldb, p, j);
                sum += t;
                mag += fabs(t);
            }
            double cc = beta == 0 ? 0 : (double)c0[ic];
            double ref = (alpha == 0 ? 0 : (double)alpha * sum) + (beta == 0 ? 0 : beta * cc);
            double tol = exact ? 0
                               : (double)(k + 2) * EPS *
                                     (fabs((double)alpha) * mag + fabs(beta * cc));
            cr_assert(fabs((double)c[ic] - ref) <= tol,
                      "%sgemm %s %c%c m=%td n=%td k=%td alpha=%g beta=%g pad=%td: C(%td,%td) = "
                      "%.17g, want %.17g",
                      LANES_STR(X()), row ? "row" : "col", at ? 'T' : 'N', bt ? 'T' : 'N', m, n, k,
                      (double)alpha, (double)beta, pad, i, j, (double)c[ic], ref);
            c0[ic] = c[ic];
        }
    cr_assert_arr_eq(c, c0, lc * sizeof(T), "gemm wrote into C's padding");
    lanes_test_free(a, sizeof(T));
    lanes_test_free(b, 0);
    lanes_test_free(c, sizeof(T));
    free(c0);
}

static const lanes_layout X(layouts)[] = {LANES_COL_MAJOR, LANES_ROW_MAJOR};
static const lanes_transpose X(transes)[] = {LANES_NO_TRANS, LANES_TRANS};

/* All layouts and transposes over odd, even and tile-crossing shapes. */
static void X(gemm_shapes)(void)
{
    uint64_t seed = 42;
    const ptrdiff_t mn[] = {1, 2, 7, 17, 33};
    const ptrdiff_t ks[] = {1, 4, 64, 129};
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < 4; t++)
            for (int im = 0; im < 5; im++)
                for (int in = 0; in < 5; in++)
                    for (int ik = 0; ik < 4; ik++)
                        X(check_gemm)(X(layouts)[l], X(transes)[t / 2], X(transes)[t % 2], mn[im],
                                      mn[in], ks[ik], (T)-0.5, 1, (im + ik) % 3, 0, &seed);
    /* Integer data: exact, so a dropped or doubled product cannot hide. */
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < 4; t++)
            X(check_gemm)(X(layouts)[l], X(transes)[t / 2], X(transes)[t % 2], 70, 45, 300,
                          (T)-0.5, 1, 1, 1, &seed);
    /* CblasConjTrans means Trans for real types. */
    X(check_gemm)(LANES_COL_MAJOR, LANES_CONJ_TRANS, LANES_CONJ_TRANS, 9, 10, 11, 1, 0, 0, 0,
                  &seed);
}

/* alpha, beta in {0, 1, -0.5}: beta = 0 overwrites NaN, alpha = 0 reads
 * neither A nor B; k = 0 is C := beta*C. */
static void X(gemm_scalars)(void)
{
    uint64_t seed = 7;
    const T v[] = {0, 1, (T)-0.5};
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < 4; t++)
            for (int ia = 0; ia < 3; ia++)
                for (int ib = 0; ib < 3; ib++) {
                    X(check_gemm)(X(layouts)[l], X(transes)[t / 2], X(transes)[t % 2], 13, 11, 9,
                                  v[ia], v[ib], 2, 0, &seed);
                    X(check_gemm)(X(layouts)[l], X(transes)[t / 2], X(transes)[t % 2], 5, 3, 0,
                                  v[ia], v[ib], 0, 0, &seed);
                }
    /* m = 0 or n = 0: nothing is touched. */
    X(check_gemm)(LANES_COL_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, 0, 5, 3, 1, 0, 0, 0, &seed);
    X(check_gemm)(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_TRANS, 4, 0, 3, 1, 0, 0, 0, &seed);
}

/* Prepared gemms of small products, where a plan calls the direct kernel
 * or its row of register blocks itself: every row edge of a 512-bit vector of
 * either type and up to two, column counts around the blocks' widths, every
 * layout and transpose, alpha and beta special; each against lanes_?gemm's
 * bits and the reference (X(check_gemm) with X(via_plan)).  Then one plan
 * run on two sets of operands. */
static void X(gemm_plans)(void)
{
    uint64_t seed = 11;
    /* (20 to 64 columns: rows of 2 to 6 blocks; 73: 7 blocks, which a plan
     * leaves to the direct kernel) */
    const ptrdiff_t ns[] = {1, 2, 3, 4, 5, 8, 12, 13, 16, 20, 25, 37, 64, 73}, ks[] = {1, 5};
    X(via_plan) = 1;
    for (ptrdiff_t m = 1; m <= 33; m += m < 18 ? 1 : 7)
        for (int in = 0; in < 14; in++)
            for (int l = 0; l < 2; l++)
                for (int t = 0; t < 4; t++)
                    X(check_gemm)(X(layouts)[l], X(transes)[t / 2], X(transes)[t % 2], m, ns[in],
                                  ks[(m + in) % 2], m % 3 ? 1 : (T)-0.5, (m + in) % 2 ? 0 : 1,
                                  (m + t) % 2, 0, &seed);
    const T v[] = {0, 1, (T)-0.5};
    for (int ia = 0; ia < 3; ia++)
        for (int ib = 0; ib < 3; ib++)
            X(check_gemm)(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, 8, 4, 6, v[ia], v[ib], 0,
                          0, &seed);
    X(via_plan) = 0;

    enum { N = 8 };
    T a[2][N * N], b[2][N * N], c[2][N * N], want[N * N];
    for (int i = 0; i < N * N; i++)
        for (int s = 0; s < 2; s++) {
            a[s][i] = (T)lanes_rng_int(&seed, 4);
            b[s][i] = (T)lanes_rng_int(&seed, 4);
            c[s][i] = (T)lanes_rng_int(&seed, 4);
        }
    LANES_CAT(lanes_, X(gemm_plan)) *plan = FN(gemm_plan_create)(
        LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_TRANS, N, N, N, 2, N, N, -1, N);
    cr_assert(plan);
    for (int s = 0; s < 2; s++) {
        memcpy(want, c[s], sizeof want);
        FN(gemm)(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_TRANS, N, N, N, 2, a[s], N, b[s], N, -1,
                 want, N);
        cr_assert_eq(FN(gemm_plan_run)(plan, a[s], b[s], c[s]), 0);
        cr_assert_arr_eq(c[s], want, sizeof want, "%sgemm plan, operands %d", LANES_STR(X()), s);
    }
    FN(gemm_plan_destroy)(plan);
}

/* TT products up to 64, which go to the ISA's direct_t where it has one
 * and it pays (C^T's tiles transposed in registers), else to the direct
 * kernel and a transpose (every dimension up to 32) or other ways: every
 * m up to 32 (C^T's columns: a tile's width and its halves past 16 or 8),
 * n across the row tiles' edges (1-2 vectors, a lone short one, the float
 * rows 17-20 left to the direct kernel), k odd and even around the k
 * loop's pairs, alpha and beta special or not, padded leading dimensions,
 * both layouts. */
static void X(gemm_tt)(void)
{
    uint64_t seed = 23;
    const ptrdiff_t ns[] = {1, 2, 3, 5, 7, 8, 9, 12, 15, 16, 17, 18, 20, 21, 23, 24, 25, 31, 32};
    const ptrdiff_t ks[] = {1, 2, 3, 17, 32};
    const T v[] = {1, (T)-0.5, 0};
    int i = 0;
    for (ptrdiff_t m = 1; m <= 32; m++)
        for (size_t in = 0; in < sizeof ns / sizeof ns[0]; in++, i++)
            X(check_gemm)(X(layouts)[i % 2], LANES_TRANS, LANES_TRANS, m, ns[in], ks[i % 5],
                          v[i % 2], v[i % 3], i % 3 == 1, 0, &seed);
    /* medium ones (some dimension 33-64: X(gemm_any)'s way to direct_t, on
     * its tiles of 1-2 vectors of rows) and just past them */
    const ptrdiff_t mid[] = {5, 16, 17, 24, 32, 33, 34, 40, 48, 49, 63, 64, 65};
    const ptrdiff_t mk[] = {1, 33, 64, 65};
    for (size_t im = 0; im < sizeof mid / sizeof mid[0]; im++)
        for (size_t in = 0; in < sizeof mid / sizeof mid[0]; in++, i++)
            X(check_gemm)(X(layouts)[i % 2], LANES_TRANS, LANES_TRANS, mid[im], mid[in],
                          mk[i % 4], v[i % 2], v[i % 3], i % 3 == 1, 0, &seed);
}

/* Every m in 1..MR+1 and n in 1..NR+1 of this ISA's micro-kernel, full
 * tiles with edges, and sizes around its cache blocks MC, KC and NC. */
static void X(gemm_edges)(void)
{
    uint64_t seed = 99;
    const struct LANES_CAT(lanes_, X(gemm_cfg)) *cfg = &lanes_active_kernels()->X(gemm);
    ptrdiff_t mr = cfg->mr, nr = cfg->nr, mc = cfg->mc, kc = cfg->kc, nc = cfg->nc;
    /* (n past 2 nr + 5: the direct kernel splits a last 13-17 columns in two) */
    for (ptrdiff_t m = 1; m <= mr + 1; m++)
        for (ptrdiff_t n = 1; n <= 2 * nr + 7; n++)
            X(check_gemm)(LANES_COL_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, m, n, 3, 1, (T)-0.5,
                          (m + n) % 2, 0, &seed);
    /* full tiles then an edge of 1-1.5 of half a tile (AVX-512's direct
     * kernel packs four columns' rows past the first vector into one vector
     * up to 1.125, and runs the second vector half wide up to 1.25), every
     * column count of a block, alpha and beta special or not */
    for (ptrdiff_t m = mr + mr / 2 + 1; m <= mr + mr / 2 + mr / 4; m++)
        for (ptrdiff_t n = 1; n <= nr + 1; n++)
            X(check_gemm)(LANES_COL_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, m, n, 7,
                          n % 2 ? (T)-0.5 : 1, (T)(n % 3) / 2, (m + n) % 2, 0, &seed);
    /* the direct kernel's row blocks of 1, 2 and 4 vectors (4 while A fits
     * in L1: k = 16 here) and its column blocks of 6 and 12; a row edge of
     * at most a quarter vector below full blocks (AVX-512: 33-36, 65-66,
     * 98, 100, 129), which runs as one vector and one with quarters, B's k
     * steps contiguous (B not transposed) or not */
    const ptrdiff_t dm[] = {32, 33, 34, 36, 48, 63, 64, 65, 66, 80, 96, 98, 100, 127, 128, 129};
    const ptrdiff_t dn[] = {1, 6, 7, 10, 13};
    for (int im = 0; im < 16; im++)
        for (int in = 0; in < 5; in++)
            for (int tb = 0; tb < 2; tb++)
                X(check_gemm)(LANES_COL_MAJOR, LANES_NO_TRANS, tb ? LANES_TRANS : LANES_NO_TRANS,
                              dm[im], dn[in], 16, (T)-0.5, in % 2 ? 0 : (T)0.5, (im + in) % 2, 0,
                              &seed);
    /* a row edge of 1-4 rows below full blocks (17-20 rows: doubles only).
     * B's k steps contiguous (AVX-512: dot products over a copy of A's
     * last rows, k in chunks of 1024 floats' or 512 doubles' steps): k
     * around a vector and a chunk, 2-13 columns (every width of a last
     * block of 4), both layouts (row-major: C^T's rows).  B's columns
     * contiguous (NT; AVX-512: vectors along B's rows, 4 at a time, then
     * one, then a short one): 5-83 columns */
    const ptrdiff_t em[] = {17, 18, 19, 20, 33, 34, 35, 36};
    const ptrdiff_t ek[] = {15, 16, 17, 100, 511, 512, 513, 1023, 1024, 1025};
    for (int im = 0; im < 8; im++)
        for (int ik = 0; ik < 10; ik++) {
            const ptrdiff_t en = 2 + (3 * im + ik) % 12;
            const T alpha = ik % 2 ? 1 : (T)-0.5, beta = (T)((im + ik) % 3) / 2;
            if ((im + ik) % 2)
                X(check_gemm)(LANES_COL_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, em[im], en, ek[ik],
                              alpha, beta, ik % 3, 0, &seed);
            else
                X(check_gemm)(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, en, em[im], ek[ik],
                              alpha, beta, ik % 3, 0, &seed);
            X(check_gemm)(LANES_COL_MAJOR, LANES_NO_TRANS, LANES_TRANS, em[im],
                          5 + 13 * ((im + ik) % 7), ek[ik] % 200, alpha, beta, ik % 2, 0, &seed);
        }
    /* at most 6 columns with A past L1: rows in blocks of 4 vectors, then
     * 2, then the edge (AVX-512: every row edge below 4 vectors of either
     * type, folded or not) */
    const ptrdiff_t wm[] = {200, 129, 130, 97, 67};
    for (int im = 0; im < 5; im++)
        for (ptrdiff_t wn = 1 + im % 2; wn <= 6; wn += 2)
            X(check_gemm)(LANES_COL_MAJOR, LANES_NO_TRANS, wn % 3 ? LANES_NO_TRANS : LANES_TRANS,
                          wm[im], wn, 70 + 10 * im, (T)-0.5, (T)(wn % 3) / 2, im % 2, 0, &seed);
    /* op(B)'s rows contiguous (column-major NT, TT; row-major TN, TT):
     * C^T = op(B)^T op(A)^T by the direct kernel into a workspace, then
     * transposed into C, or added to beta times C (X(gemm_ct)).  C with
     * 1-17 rows (a vector of either type and more) and many columns, in
     * both layouts; lda, ldb, ldc padded or not; beta 0, 1 and -0.5 */
    const ptrdiff_t tn[] = {16, 100}, tk[] = {7, 64};
    for (ptrdiff_t tm = 1; tm <= 17; tm++)
        for (int in = 0; in < 2; in++)
            for (int ik = 0; ik < 2; ik++) {
                const int col = (tm + in + ik) % 2, at = (tm + ik) % 2;
                const T beta = (T)((tm + in) % 3) / -2;
                if (col)
                    X(check_gemm)(LANES_COL_MAJOR, at ? LANES_TRANS : LANES_NO_TRANS, LANES_TRANS,
                                  tm, tn[in], tk[ik], ik ? (T)-0.5 : 1, beta, (tm + ik) % 2, 0,
                                  &seed);
                else
                    X(check_gemm)(LANES_ROW_MAJOR, LANES_TRANS, at ? LANES_TRANS : LANES_NO_TRANS,
                                  tn[in], tm, tk[ik], ik ? (T)-0.5 : 1, beta, (tm + ik) % 2, 0,
                                  &seed);
            }
    /* TT with C smaller than op(A), which the transposed product does not
     * copy; odd sizes; and C over 32 KiB (transposed a cache line square at
     * a time, with 4 x 4 edges) */
    X(check_gemm)(LANES_COL_MAJOR, LANES_TRANS, LANES_TRANS, 64, 16, 200, 1, 0, 0, 0, &seed);
    X(check_gemm)(LANES_ROW_MAJOR, LANES_TRANS, LANES_TRANS, 16, 64, 200, (T)-0.5, (T)0.5, 1, 0,
                  &seed);
    X(check_gemm)(LANES_COL_MAJOR, LANES_TRANS, LANES_TRANS, 37, 9, 150, 1, (T)0.5, 3, 0, &seed);
    X(check_gemm)(LANES_COL_MAJOR, LANES_NO_TRANS, LANES_TRANS, 9, 1000, 20, 1, 0, 1, 0, &seed);
    X(check_gemm)(LANES_ROW_MAJOR, LANES_TRANS, LANES_NO_TRANS, 1003, 9, 20, 1, -1, 0, 0, &seed);
    /* one dot an element of C (cfg->dots, where the ISA has it): op(A)'s
     * rows and op(B)'s columns contiguous (column-major TN, row-major NT)
     * with few columns, every block of up to 4 rows by 4 columns, k around
     * a vector of either type (the last partial vector read as a short
     * row); then op(A)'s columns contiguous (NN) with 2-5 rows, copied to
     * rows first; beta 0, 1 and -0.5, lda, ldb, ldc padded or not */
    const ptrdiff_t qk[] = {2, 7, 8, 9, 16, 17, 40, 130};
    for (ptrdiff_t qm = 2; qm <= 9; qm++)
        for (ptrdiff_t qn = 2; qn <= 9; qn++) {
            const ptrdiff_t k = qk[(qm + qn) % 8];
            const T beta = (T)((qm + 2 * qn) % 3) / -2;
            if (qn % 2)
                X(check_gemm)(LANES_COL_MAJOR, LANES_TRANS, LANES_NO_TRANS, qm * 7 + 2, qn, k,
                              (T)-0.5, beta, qm % 3, 0, &seed);
            else
                X(check_gemm)(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_TRANS, qn, qm * 7 + 2, k, 1,
                              beta, qm % 3, 0, &seed);
        }
    for (ptrdiff_t qm = 2; qm <= 5; qm++)
        for (int ik = 0; ik < 4; ik++) {
            X(check_gemm)(LANES_COL_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, qm, 61 + ik, qk[4 + ik],
                          1, (T)(ik % 3) / -2, ik % 2, 0, &seed);
            X(check_gemm)(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, 100 + ik, qm,
                          qk[4 + ik], (T)-0.5, (T)((ik + 1) % 3) / -2, ik % 2, 0, &seed);
        }
    /* op(A)'s rows contiguous, op(B)'s not (column-major TN, row-major
     * NT): the direct kernel on a column-major copy of op(A); over 32 KiB
     * that copy goes a cache line square at a time, with 4 x 4 edges */
    const ptrdiff_t cm[] = {37, 100, 48}, ck[] = {250, 130, 176};
    for (int i = 0; i < 3; i++) {
        X(check_gemm)(LANES_COL_MAJOR, LANES_TRANS, LANES_NO_TRANS, cm[i], 5, ck[i], 1, 0, i % 2,
                      0, &seed);
        X(check_gemm)(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_TRANS, 7, cm[i], ck[i], (T)-0.5, 1,
                      i % 2, 0, &seed);
    }
    const ptrdiff_t ks[] = {kc - 1, kc, kc + 1, 2 * kc + 3};
    for (int i = 0; i < 4; i++)
        X(check_gemm)(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_TRANS, mr + 3, nr + 1, ks[i], 1, 1,
                      1, 0, &seed);
    const ptrdiff_t ms[] = {mc - 1, mc, mc + 1, 2 * mc + mr / 2};
    for (int i = 0; i < 4; i++)
        X(check_gemm)(LANES_COL_MAJOR, LANES_TRANS, LANES_NO_TRANS, ms[i], 2 * nr + 1, kc + 5,
                      (T)-0.5, 0, 0, 0, &seed);
    /* (a panel stretches to 5/4 NC before n takes two) */
    const ptrdiff_t ns[] = {nc - 1, nc, nc + 1, nc + nc / 4, nc + nc / 4 + 1};
    for (int i = 0; i < 5; i++)
        X(check_gemm)(LANES_ROW_MAJOR, LANES_TRANS, LANES_NO_TRANS, 3, ns[i], 5, 1, 1, 0, 0,
                      &seed);
}

/* Multithreaded: correct, and the same bits for 1, 2 and 3 threads, over
 * shapes that give each thread whole, partial and no panels, with B
 * transposed or not (the direct path splits C by rows or by columns). */
static void X(gemm_threads)(void)
{
    uint64_t seed = 5;
    /* (1300 x 40 x 64: C^T's 1300 columns are two panels of B on one thread
     * where the ISA takes a narrower NC then (cfg->nc1), one panel on a team;
     * on the packed path, which GEMM_TESTS forces once) */
    /* (1460 x 1460 x 700, where the ISA takes deeper k slices for a C past
     * LANES_GEMM_DEEP_C: one slice of 700 where it would be two of 350, and
     * teams a narrower NC than their usual) */
    /* (301 x 517 x 401: C^T's edge rows and one edge column, where each
     * thread packs its own A as its tiles need it, X(own_a)) */
    /* (2000 x 4 x 200 NT, 2000 x 3 x 300 NN: one dot an element of C, its
     * columns shared; 2000 x 3 copies op(A) to rows first) */
    /* (12 x 36 x 8000 NN: C^T's 36 rows on the direct path, split by rows;
     * its 4-row edge alone on the second thread was summed otherwise than
     * with the block above it on one thread, AVX-512 float.  248 x 2 x 5275
     * NT: C^T's 2 rows by dots in 2 x 8 blocks, split by columns; a share
     * starting at column 4 mod 8 summed its columns otherwise.  20 x 66 x
     * 6000 NN: 64 rows and a folded edge of 2 on 3 threads.  18 x 18 x 5015
     * NT: dots split by rows, 3 threads' shares 8, 8 and 2, where the last
     * 2 rows alone took C-with-two-rows' blocks.  100 x 36 x 500 and 100 x
     * 35 x 2100 NN: C^T's 4 and 3 edge rows as dots (AVX-512) on shares of
     * columns (doubles' 6 wide, so some start at 2 mod 4), the second with
     * k in chunks; 36 x 100 x 500 NT, the first's transpose) */
    const ptrdiff_t shapes[][3] = {{301, 517, 401}, {1000, 13, 200},  {17, 900, 130},
                                   {128, 512, 300}, {1300, 40, 64},   {2000, 4, 200},
                                   {2000, 3, 300},  {1460, 1460, 700}, {12, 36, 8000},
                                   {248, 2, 5275},  {20, 66, 6000},    {18, 18, 5015},
                                   {100, 36, 500},  {36, 100, 500},    {100, 35, 2100}};
    const int deep = lanes_active_kernels()->X(gemm).kc_deep != 0;
    _Static_assert((size_t)1460 * 1460 * sizeof(float) > LANES_GEMM_DEEP_C, "a deep C");
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        ptrdiff_t m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
        if (!deep && (size_t)(m * n) * sizeof(float) > LANES_GEMM_DEEP_C)
            continue; /* (the deep C's shape, where the ISA has no deeper KC) */
        lanes_transpose tb = s % 2 ? LANES_TRANS : LANES_NO_TRANS;
        T *a = malloc((size_t)(m * k) * sizeof(T)), *b = malloc((size_t)(k * n) * sizeof(T));
        T *c[3];
        for (ptrdiff_t i = 0; i < m * k; i++)
            a[i] = (T)lanes_rng_unit(&seed);
        for (ptrdiff_t i = 0; i < k * n; i++)
            b[i] = (T)lanes_rng_unit(&seed);
        /* alpha and beta that round (a power of two would hide a tile
         * computed by other operations), C the same for each count */
        const uint64_t cseed = seed;
        for (int t = 0; t < 3; t++) {
            c[t] = malloc((size_t)(m * n) * sizeof(T));
            uint64_t cs = cseed;
            for (ptrdiff_t i = 0; i < m * n; i++)
                c[t][i] = (T)lanes_rng_unit(&cs);
            lanes_set_num_threads(t + 1);
            cr_assert_eq(FN(gemm)(LANES_ROW_MAJOR, LANES_NO_TRANS, tb, m, n, k, (T)0.7, a, k, b,
                                  tb == LANES_TRANS ? k : n, (T)0.3, c[t], n),
                         0);
        }
        cr_assert_arr_eq(c[0], c[1], (size_t)(m * n) * sizeof(T), "1 vs 2 threads differ");
        cr_assert_arr_eq(c[0], c[2], (size_t)(m * n) * sizeof(T), "1 vs 3 threads differ");
        lanes_set_num_threads(2);
        X(check_gemm)(LANES_COL_MAJOR, LANES_TRANS, LANES_NO_TRANS, m, n, k, (T)-0.5, 1, 3, 0,
                      &seed);
        lanes_set_num_threads(0);
        for (int t = 0; t < 3; t++)
            free(c[t]);
        free(a);
        free(b);
    }
}

static void X(check_gemv)(lanes_layout layout, lanes_transpose tr, ptrdiff_t m, ptrdiff_t n,
                          T alpha, T beta, ptrdiff_t incx, ptrdiff_t incy, ptrdiff_t pad,
                          uint64_t *seed)
{
    int row = layout == LANES_ROW_MAJOR, t = tr != LANES_NO_TRANS;
    ptrdiff_t lda = (row ? n : m) + pad;
    if (lda < 1) lda = 1;
    ptrdiff_t lenx = t ? m : n, leny = t ? n : m;
    size_t la = X(mat_len)(layout, m, n, lda);
    size_t lx = X(span)(lenx, incx) + 1, ly = X(span)(leny, incy) + 1;
    T *a = lanes_test_alloc(la * sizeof(T), sizeof(T));
    T *x = lanes_test_alloc(lx * sizeof(T), 0);
    T *y = lanes_test_alloc(ly * sizeof(T), sizeof(T));
    T *y0 = malloc(ly * sizeof(T));
    for (size_t i = 0; i < la; i++)
        a[i] = alpha == 0 ? (T)NAN : (T)lanes_rng_unit(seed);
    for (size_t i = 0; i < lx; i++)
        x[i] = alpha == 0 ? (T)NAN : (T)lanes_rng_unit(seed);
    for (size_t i = 0; i < ly; i++)
        y0[i] = y[i] = SENTINEL;
    for (ptrdiff_t i = 0; i < leny; i++)
        y0[X(at)(leny, incy, i)] = y[X(at)(leny, incy, i)] =
            beta == 0 ? (T)NAN : (T)lanes_rng_unit(seed);
    int rc = FN(gemv)(layout, tr, m, n, alpha, a, lda, x, incx, beta, y, incy);
    cr_assert_eq(rc, 0, "gemv returned %d: %s", rc, lanes_last_error_message());
    int quick = m == 0 || n == 0; /* reference: y untouched */
    for (ptrdiff_t i = 0; i < leny && !quick; i++) {
        size_t iy = X(at)(leny, incy, i);
        double sum = 0, mag = 0;
        for (ptrdiff_t p = 0; p < lenx && alpha != 0; p++) {
            double v = X(op_at)(a, layout, t, lda, i, p) * (double)x[X(at)(lenx, incx, p)];
            sum += v;
            mag += fabs(v);
        }
        double yy = beta == 0 ? 0 : (double)y0[iy];
        double ref = (alpha == 0 ? 0 : alpha * sum) + (beta == 0 ? 0 : beta * yy);
        double tol = (double)(lenx + 2) * EPS * (fabs((double)alpha) * mag + fabs(beta * yy));
        cr_assert(fabs((double)y[iy] - ref) <= tol,
                  "%sgemv %s %c m=%td n=%td alpha=%g beta=%g incx=%td incy=%td: y[%td] = %.17g, "
                  "want %.17g",
                  LANES_STR(X()), row ? "row" : "col", t ? 'T' : 'N', m, n, (double)alpha,
                  (double)beta, incx, incy, i, (double)y[iy], ref);
        y0[iy] = y[iy];
    }
    cr_assert_arr_eq(y, y0, ly * sizeof(T), "gemv wrote outside y's elements");
    lanes_test_free(a, sizeof(T));
    lanes_test_free(x, 0);
    lanes_test_free(y, sizeof(T));
    free(y0);
}

/* gemv on threads (A of LANES_GEMV_THREAD_BYTES and more): correct, and the
 * same bits for 1, 2 and 3 threads, in both kernels (y shared by rows of A,
 * or by groups of four columns), with a partial last share and n % 4
 * columns left over. */
static void X(gemv_threads)(void)
{
    uint64_t seed = 17;
    /* col-major m x n: A just past the threshold, m past two 4 KiB runs for
     * the row split */
    const ptrdiff_t m = 2 * 4096 / (ptrdiff_t)sizeof(T) + 5;
    const ptrdiff_t n = ((ptrdiff_t)LANES_GEMV_THREAD_BYTES + 100000) / (m * (ptrdiff_t)sizeof(T));
    T *a = malloc((size_t)(m * n) * sizeof(T)), *x = malloc((size_t)(m + n) * sizeof(T));
    T *y[3];
    cr_assert(a && x);
    for (ptrdiff_t i = 0; i < m * n; i++)
        a[i] = (T)lanes_rng_unit(&seed);
    for (ptrdiff_t i = 0; i < m + n; i++)
        x[i] = (T)lanes_rng_unit(&seed);
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < 2; t++) {
            /* the same column-major A, as A or as A^T row-major */
            const lanes_layout layout = X(layouts)[l];
            const ptrdiff_t rows = l ? n : m, cols = l ? m : n;
            const ptrdiff_t leny = t ? cols : rows;
            /* one y for every thread count (as in blas1's test) */
            T *yw = malloc((size_t)leny * sizeof(T));
            cr_assert(yw);
            for (int th = 0; th < 3; th++) {
                for (ptrdiff_t i = 0; i < leny; i++)
                    yw[i] = (T)i / 7;
                lanes_set_num_threads(th + 1);
                cr_assert_eq(FN(gemv)(layout, X(transes)[t], rows, cols, (T)0.5, a, m,
                                      x, 1, (T)0.25, yw, 1),
                             0);
                y[th] = malloc((size_t)leny * sizeof(T));
                memcpy(y[th], yw, (size_t)leny * sizeof(T));
            }
            free(yw);
            lanes_set_num_threads(0);
            cr_assert_arr_eq(y[0], y[1], (size_t)leny * sizeof(T),
                             "%sgemv %d%d: 1 vs 2 threads differ", LANES_STR(X()), l, t);
            cr_assert_arr_eq(y[0], y[2], (size_t)leny * sizeof(T),
                             "%sgemv %d%d: 1 vs 3 threads differ", LANES_STR(X()), l, t);
            for (int th = 0; th < 3; th++)
                free(y[th]);
        }
    free(a);
    free(x);
    lanes_set_num_threads(2);
    X(check_gemv)(LANES_COL_MAJOR, LANES_NO_TRANS, m, n, (T)0.5, 1, 1, 1, 0, &seed);
    X(check_gemv)(LANES_COL_MAJOR, LANES_TRANS, m, n + 3, (T)0.5, 1, 1, 1, 0, &seed);
    X(check_gemv)(LANES_ROW_MAJOR, LANES_NO_TRANS, n + 2, m, (T)0.5, 1, 1, 1, 0, &seed);
    lanes_set_num_threads(0);
}

/* A, x and y against inaccessible pages at either edge, every layout and
 * orientation, short sizes (the tails are most of the work): nothing
 * outside them read or written, and the same y wherever they sit (the
 * trainers rely on that: their thread slices sit anywhere). */
static void X(gemv_guard)(void)
{
    const ptrdiff_t dims[] = {1, 3, 5, 8, 9, 12, 16, 17, 33};
    const int nd = sizeof dims / sizeof dims[0];
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < 2; t++)
            for (int im = 0; im < nd; im++)
                for (int in = 0; in < nd; in++) {
                    const ptrdiff_t m = dims[im], n = dims[in], lda = l ? n : m;
                    const ptrdiff_t lenx = t ? m : n, leny = t ? n : m;
                    T ys[33], out[2][33];
                    for (int at_end = 0; at_end < 2; at_end++) {
                        uint64_t seed = 43 + (uint64_t)(m * 64 + n);
                        struct lanes_guarded
                            ga = lanes_guarded_alloc((size_t)(m * n) * sizeof(T), at_end),
                            gx = lanes_guarded_alloc((size_t)lenx * sizeof(T), at_end),
                            gy = lanes_guarded_alloc((size_t)leny * sizeof(T), at_end);
                        T *a = ga.p, *x = gx.p, *y = gy.p;
                        for (ptrdiff_t i = 0; i < m * n; i++)
                            a[i] = (T)lanes_rng_unit(&seed);
                        for (ptrdiff_t i = 0; i < lenx; i++)
                            x[i] = (T)lanes_rng_unit(&seed);
                        for (ptrdiff_t i = 0; i < leny; i++)
                            y[i] = ys[i] = (T)lanes_rng_unit(&seed);
                        cr_assert_eq(FN(gemv)(X(layouts)[l], X(transes)[t], m, n, (T)0.5, a, lda, x,
                                              1, 1, y, 1),
                                     0);
                        for (ptrdiff_t i = 0; i < leny; i++) {
                            double sum = 0, mag = 0;
                            for (ptrdiff_t p = 0; p < lenx; p++) {
                                double v = X(op_at)(a, X(layouts)[l], t, lda, i, p) * (double)x[p];
                                sum += v;
                                mag += fabs(v);
                            }
                            double want = 0.5 * sum + (double)ys[i];
                            cr_assert(fabs((double)y[i] - want) <=
                                          (double)(lenx + 2) * EPS * (mag + fabs(want)),
                                      "%sgemv guard %d%d m=%td n=%td y[%td]", LANES_STR(X()), l,
                                      t, m, n, i);
                            out[at_end][i] = y[i];
                        }
                        lanes_guarded_free(ga);
                        lanes_guarded_free(gx);
                        lanes_guarded_free(gy);
                    }
                    cr_assert_arr_eq(out[0], out[1], (size_t)leny * sizeof(T),
                                     "%sgemv %d%d m=%td n=%td: y depends on the placement",
                                     LANES_STR(X()), l, t, m, n);
                }
}

/* A, B and C against inaccessible pages at either edge, every layout and
 * transpose, short sizes (the row edge is most of the work): nothing outside
 * them read or written, and the same C wherever they sit (where the direct
 * kernels' masked row edge could reach past A's or C's last column, they
 * run on copies of A and C). */
static void X(gemm_guard)(void)
{
    const ptrdiff_t dims[] = {1, 4, 5, 9, 13, 20, 33}, ks[] = {1, 3, 17};
    const int nd = sizeof dims / sizeof dims[0], nk = sizeof ks / sizeof ks[0];
    static T out[2][33 * 33];
    for (int l = 0; l < 2; l++)
        for (int ta = 0; ta < 2; ta++)
            for (int tb = 0; tb < 2; tb++)
                for (int im = 0; im < nd; im++)
                    for (int in = 0; in < nd; in++)
                        for (int ik = 0; ik < nk; ik++) {
                            const lanes_layout layout = X(layouts)[l];
                            const int row = layout == LANES_ROW_MAJOR;
                            const ptrdiff_t m = dims[im], n = dims[in], k = ks[ik];
                            /* stored shapes: A is m x k, or k x m transposed; B likewise */
                            const ptrdiff_t lda = (ta ? m : k) * row + (ta ? k : m) * !row;
                            const ptrdiff_t ldb = (tb ? k : n) * row + (tb ? n : k) * !row;
                            const ptrdiff_t ldc = row ? n : m;
                            const T beta = (im + in + ik) % 2 ? (T)0.5 : 0;
                            for (int at_end = 0; at_end < 2; at_end++) {
                                uint64_t seed = 47 + (uint64_t)((m * 64 + n) * 64 + k);
                                struct lanes_guarded
                                    ga = lanes_guarded_alloc((size_t)(m * k) * sizeof(T), at_end),
                                    gb = lanes_guarded_alloc((size_t)(k * n) * sizeof(T), at_end),
                                    gc = lanes_guarded_alloc((size_t)(m * n) * sizeof(T), at_end);
                                T *a = ga.p, *b = gb.p, *c = gc.p, c0[33 * 33];
                                for (ptrdiff_t i = 0; i < m * k; i++)
                                    a[i] = (T)lanes_rng_unit(&seed);
                                for (ptrdiff_t i = 0; i < k * n; i++)
                                    b[i] = (T)lanes_rng_unit(&seed);
                                for (ptrdiff_t i = 0; i < m * n; i++) /* beta = 0 overwrites */
                                    c[i] = c0[i] = beta == 0 ? (T)NAN : (T)lanes_rng_unit(&seed);
                                cr_assert_eq(X(gemm_or_plan)(layout, X(transes)[ta],
                                                             X(transes)[tb], m, n, k, (T)0.75, a,
                                                             lda, b, ldb, beta, c, ldc),
                                             0);
                                for (ptrdiff_t i = 0; i < m; i++)
                                    for (ptrdiff_t j = 0; j < n; j++) {
                                        const ptrdiff_t ic = row ? i * ldc + j : i + j * ldc;
                                        double sum = 0, mag = 0;
                                        for (ptrdiff_t p = 0; p < k; p++) {
                                            double t = X(op_at)(a, layout, ta, lda, i, p) *
                                                       X(op_at)(b, layout, tb, ldb, p, j);
                                            sum += t;
                                            mag += fabs(t);
                                        }
                                        double cc = beta == 0 ? 0 : (double)beta * c0[ic];
                                        double want = 0.75 * sum + cc;
                                        cr_assert(fabs((double)c[ic] - want) <=
                                                      (double)(k + 2) * EPS * (mag + fabs(cc)),
                                                  "%sgemm guard %d%d%d m=%td n=%td k=%td "
                                                  "C(%td,%td)",
                                                  LANES_STR(X()), l, ta, tb, m, n, k, i, j);
                                        out[at_end][ic] = c[ic];
                                    }
                                lanes_guarded_free(ga);
                                lanes_guarded_free(gb);
                                lanes_guarded_free(gc);
                            }
                            cr_assert_arr_eq(out[0], out[1], (size_t)(m * n) * sizeof(T),
                                             "%sgemm %d%d%d m=%td n=%td k=%td: C depends on "
                                             "the placement",
                                             LANES_STR(X()), l, ta, tb, m, n, k);
                        }
}

static void X(gemv_sweep)(void)
{
    uint64_t seed = 11;
    const ptrdiff_t dims[] = {0, 1, 2, 3, 5, 6, 8, 15, 16, 17, 31, 33, 49, 64, 65, 100};
    const ptrdiff_t incs[][2] = {{1, 1}, {3, -2}, {-1, 1}, {1, -1}, {-2, 3}};
    const int nd = sizeof dims / sizeof dims[0];
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < 2; t++)
            for (int im = 0; im < nd; im++)
                for (int in = 0; in < nd; in++)
                    for (int s = 0; s < 5; s++)
                        X(check_gemv)(X(layouts)[l], X(transes)[t], dims[im], dims[in], (T)-0.5,
                                      1, incs[s][0], incs[s][1], (im + in + s) % 3, &seed);
    const T v[] = {0, 1, (T)-0.5};
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < 3; t++)
            for (int ia = 0; ia < 3; ia++)
                for (int ib = 0; ib < 3; ib++)
                    X(check_gemv)(X(layouts)[l], t == 2 ? LANES_CONJ_TRANS : X(transes)[t], 21,
                                  13, v[ia], v[ib], 1 + t, -1, 1, &seed);
    /* columns of 1-8 values one right after another (lda = m, column-major
     * A^T x and row-major A x): AVX-512 float takes 16 of them at a time as
     * m whole vectors, up to 7 values; 15-17 and 47 columns leave 15, 0, 1
     * and 15 for the narrow loop; beta 0, 1 (y kept as it is) and 0.5 */
    const T betas[] = {0, 1, (T)0.5};
    const ptrdiff_t pn[] = {15, 16, 17, 32, 47, 100};
    for (ptrdiff_t pm = 1; pm <= 8; pm++)
        for (int in = 0; in < 6; in++)
            for (int ib = 0; ib < 3; ib++) {
                X(check_gemv)(LANES_COL_MAJOR, LANES_TRANS, pm, pn[in], (T)-0.5, betas[ib], 1, 1,
                              0, &seed);
                X(check_gemv)(LANES_ROW_MAJOR, LANES_NO_TRANS, pn[in], pm, (T)0.75, betas[ib], 1,
                              1, 0, &seed);
            }
    /* beta = 0 over every short y: the frame zeroes up to 64 bytes of y with
     * two overlapping stores (NaN in y must not survive) */
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < 2; t++)
            for (ptrdiff_t len = 1; len <= 17; len++) {
                X(check_gemv)(X(layouts)[l], X(transes)[t], len, 5, (T)0.5, 0, 1, 1, 0, &seed);
                X(check_gemv)(X(layouts)[l], X(transes)[t], 5, len, (T)0.5, 0, 1, 1, 0, &seed);
            }
    /* long columns with lda a multiple of 64 bytes and A one element off:
     * the kernels' aligning head steps (every layout and orientation) */
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < 2; t++)
            X(check_gemv)(X(layouts)[l], X(transes)[t], l ? 37 : 300, l ? 300 : 37, (T)0.5, 1, 1,
                          1, 4, &seed);
    /* A past L1 and columns of 512 bytes or more: the passes take their four
     * columns from the quarters of A (lanes_gemv_spread); every remainder of
     * n / 4, the last quarter's end, lda past m */
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < 2; t++)
            for (ptrdiff_t r = 0; r < 4; r++) {
                const ptrdiff_t len = 512 / (ptrdiff_t)sizeof(T) + 3 + 5 * r, cols = 64 + r;
                X(check_gemv)(X(layouts)[l], X(transes)[t], l ? cols : len, l ? len : cols,
                              (T)0.5, 1, 1, 1, r % 2 ? 3 : 0, &seed);
            }
    X(check_gemv)(LANES_ROW_MAJOR, LANES_NO_TRANS, 1000, 1003, 1, 0, 1, 1, 0, &seed);
    X(check_gemv)(LANES_COL_MAJOR, LANES_NO_TRANS, 1003, 1000, 1, 0, -2, 1, 0, &seed);
}

#undef FN
#undef SENTINEL
