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

void NAME_N(size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
#ifdef SHORT_NV
    if (LANES_CAT(NAME_N, _short_columns)(m, n, alpha, a, lda, x, y))
        return;
#endif
    size_t j = 0;
#ifdef WIDE_SWEEP
    if (WIDE_SWEEP(m, n))
        for (; j + 8 <= n; j += 8)
            LANES_CAT(NAME_N, _sweep)(8, m, alpha, a + j * lda, lda, x + j, y);
#endif
    for (; j + 4 <= n; j += 4)
        LANES_CAT(NAME_N, _sweep)(4, m, alpha, a + j * lda, lda, x + j, y);
    if (n - j == 3)
        LANES_CAT(NAME_N, _sweep)(3, m, alpha, a + j * lda, lda, x + j, y);
    else if (n - j == 2)
        LANES_CAT(NAME_N, _sweep)(2, m, alpha, a + j * lda, lda, x + j, y);
    else if (n - j == 1)
        LANES_CAT(NAME_N, _sweep)(1, m, alpha, a + j * lda, lda, x + j, y);
}
