/* gemv_n (column-major y += alpha*A*x) from one ISA's sweep: included by
 * that ISA's gemv.h after it defines
 *   static void NAME_N##_sweep(const int nc, size_t m, T alpha, const T *a,
 *                              size_t lda, const T *x, T *y)
 * (y += sum over nc columns of A, nc a constant after inlining, in one pass
 * over y), with WIDE_SWEEP(m, n) (optional) true where sweeps of eight
 * columns pay, and SHORT_NV (optional) defined where the ISA included
 * kernels/gemv_n_short.h, which takes short columns whole.  Four columns
 * per sweep otherwise, and the last 1-3 in one more sweep: not one axpy
 * each, which would store and reload a short y's masked tail once per
 * column (AMD cannot forward a masked store). */

/* With LANES_GEMV_PAGE_SAFE defined, the sweep and the short columns take a
 * `safe` flag (after nc / as their first argument): their masked tails then
 * go by plain loads and stores into the same lanes, in the cold copy of
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
    size_t j = 0;
#ifdef WIDE_SWEEP
    if (WIDE_SWEEP(m, n))
        for (; j + 8 <= n; j += 8)
            LANES_SWEEP(8, safe, m, alpha, a + j * lda, lda, x + j, y);
#endif
    for (; j + 4 <= n; j += 4)
        LANES_SWEEP(4, safe, m, alpha, a + j * lda, lda, x + j, y);
    if (n - j == 3)
        LANES_SWEEP(3, safe, m, alpha, a + j * lda, lda, x + j, y);
    else if (n - j == 2)
        LANES_SWEEP(2, safe, m, alpha, a + j * lda, lda, x + j, y);
    else if (n - j == 1)
        LANES_SWEEP(1, safe, m, alpha, a + j * lda, lda, x + j, y);
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
