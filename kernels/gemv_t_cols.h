/* gemv_t (column-major y += alpha*A^T*x: one dot per column) from one ISA's
 * four dots: included by that ISA's gemv.h after it defines
 *   static void NAME_T##_dots4(const int safe, size_t m, size_t h, T alpha,
 *                              const T *a, size_t step, const T *x, T *y,
 *                              size_t ys)
 * (y[c * ys] += alpha * the dot of x with the column at a + c * step, for
 * c < 4, in one pass over x, whose first h elements are a head step that
 * aligns the columns; without LANES_GEMV_PAGE_SAFE there is no `safe`),
 * DOTS_ALIGN, the alignment the head reaches (bytes), DOT, the ISA's dot
 * for the last 1-3 columns, and optionally DOTS_NARROW, a column length up to
 * which NAME_T##_narrow(safe, m, n, alpha, a, lda, x, y) takes the product
 * instead.  Defines NAME_T: with LANES_GEMV_PAGE_SAFE, the page-safe entry of
 * kernels.h around both copies.
 *
 * The four columns of a pass are one from each quarter of A, as in
 * kernels/gemv_n_cols.h and for the same reason: four streams that each run
 * on through a quarter of A, not four new ones every pass.  Zen 5, AVX-512,
 * 1 thread, against four neighbouring columns: 256 x 256 (A in L2) s 1.10x,
 * d 1.69x; 8192 x 8192 1.02-1.17x.  Each y[j] is the same dot either way. */

#ifdef LANES_GEMV_PAGE_SAFE
#define LANES_DOTS4(safe, ...) LANES_CAT(NAME_T, _dots4)(safe, __VA_ARGS__)
#else
#define LANES_DOTS4(safe, ...) LANES_CAT(NAME_T, _dots4)(__VA_ARGS__)
#endif

static inline __attribute__((always_inline)) void LANES_CAT(NAME_T, _cols)(
    const int safe, size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    (void)safe;
    /* one head for all columns (lanes_columns_head: only where lda keeps
     * them on one offset, and so does any multiple of lda) */
    const size_t h = lanes_columns_head(a, m, lda, sizeof(T), DOTS_ALIGN);
    const size_t q = n / 4;
    if (lanes_gemv_spread(m, n, sizeof(T)))
        for (size_t j = 0; j < q; j++) /* pass j: columns j + c*q */
            LANES_DOTS4(safe, m, h, alpha, a + j * lda, q * lda, x, y + j, q);
    else
        for (size_t j = 0; j < q; j++) /* pass j: columns 4j + c */
            LANES_DOTS4(safe, m, h, alpha, a + 4 * j * lda, lda, x, y + 4 * j, 1);
    for (size_t j = 4 * q; j < n; j++)
        y[j] += alpha * DOT(m, a + j * lda, x);
}
#undef LANES_DOTS4

#ifdef LANES_GEMV_PAGE_SAFE
static inline __attribute__((always_inline)) void LANES_CAT(NAME_T, _body)(
    const int safe, size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
#ifdef DOTS_NARROW
    if (m <= DOTS_NARROW) {
        LANES_CAT(NAME_T, _narrow)(safe, m, n, alpha, a, lda, x, y);
        return;
    }
#endif
    LANES_CAT(NAME_T, _cols)(safe, m, n, alpha, a, lda, x, y);
}
LANES_GEMV_PAGE_SAFE_ENTRY(NAME_T, x)
#else
void NAME_T(size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    LANES_CAT(NAME_T, _cols)(0, m, n, alpha, a, lda, x, y);
}
#endif
