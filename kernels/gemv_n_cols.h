/* gemv_n (column-major y += alpha*A*x) from one ISA's sweep: included by
 * that ISA's gemv.h after it defines
 *   static void NAME_N##_sweep(const int nc, size_t m, T alpha, const T *a,
 *                              size_t step, const T *x, size_t xs, T *y)
 * (y += alpha * the sum over c < nc of x[c * xs] times the column at
 * a + c * step; nc a constant 1-4 after inlining; one pass over y), and
 * SHORT_NV (optional) where the ISA included kernels/gemv_n_short.h, which
 * takes short columns whole.
 *
 * Four columns per sweep, one from each quarter of A (columns j, j + q,
 * j + 2q, j + 3q for q = n / 4): each of the four streams of A then runs on
 * through its quarter, column after column, where four neighbouring columns
 * would start four new streams every sweep.  Zen 5, AVX-512, 1 thread,
 * against neighbouring columns (four, or eight from DRAM): 256 x 256 (A in
 * L2) s 1.58x, d 1.76x; 8192 x 8192 1.04-1.10x, 0.97-0.98x in runs with the
 * host's memory saturated.  The last 1-3 columns take one more sweep: not
 * one axpy each, which would store and reload a short y's masked tail once
 * per column (AMD cannot forward a masked store). */

/* With LANES_GEMV_PAGE_SAFE defined, the sweep and the short columns take a
 * `safe` flag (after nc / as their first argument): their masked tails then
 * go by plain loads and stores into the same lanes, in the safe copy of
 * LANES_GEMV_PAGE_SAFE_ENTRY (kernels.h).  The same results either way. */
#ifdef LANES_GEMV_PAGE_SAFE
#define LANES_SWEEP(nc, safe, ...) LANES_CAT(NAME_N, _sweep)(nc, safe, __VA_ARGS__)
#else
#define LANES_SWEEP(nc, safe, ...) LANES_CAT(NAME_N, _sweep)(nc, __VA_ARGS__)
#endif

static inline __attribute__((always_inline)) void LANES_CAT(NAME_N, _body)(
    const int safe, size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    (void)safe;
#ifdef SHORT_NV
    if (LANES_CAT(NAME_N, _short_columns)(safe, m, n, alpha, a, lda, x, y))
        return;
#endif
    const size_t q = n / 4;
    if (lanes_gemv_spread(m, n, sizeof(T)))
        for (size_t j = 0; j < q; j++) /* sweep j: columns j + c*q */
            LANES_SWEEP(4, safe, m, alpha, a + j * lda, q * lda, x + j, q, y);
    else
        for (size_t j = 0; j < q; j++) /* sweep j: columns 4j + c */
            LANES_SWEEP(4, safe, m, alpha, a + 4 * j * lda, lda, x + 4 * j, 1, y);
    const size_t j = 4 * q;
    if (n - j == 3)
        LANES_SWEEP(3, safe, m, alpha, a + j * lda, lda, x + j, 1, y);
    else if (n - j == 2)
        LANES_SWEEP(2, safe, m, alpha, a + j * lda, lda, x + j, 1, y);
    else if (n - j == 1)
        LANES_SWEEP(1, safe, m, alpha, a + j * lda, lda, x + j, 1, y);
}
#undef LANES_SWEEP

#ifdef LANES_GEMV_PAGE_SAFE
LANES_GEMV_PAGE_SAFE_ENTRY(NAME_N, y)
#else
void NAME_N(size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
    LANES_CAT(NAME_N, _body)(0, m, n, alpha, a, lda, x, y);
}
#endif
