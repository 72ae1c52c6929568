/* gemv_n (column-major y += alpha*A*x) for short columns, from one ISA's
 * vectors: included by that ISA's gemv.h, before kernels/gemv_n_cols.h (which
 * tries it first), with T, V, W, OP(name), NAME_N, MASKGEN(rem) (lanes
 * [0, rem) for rem < W, of the type LOADM and STOREM take), and
 *   LOADM(p, k), STOREM(p, k, v)   masked load and store
 *   ROW(p, n), STROW(p, n, v)      the same by plain loads and stores, for
 *                                  the `safe` copy (gemv_n_cols.h)
 *   SHORT_NV    the longest column it takes, in vectors (at most 8)
 *   SHORT_ACC   the accumulators it may keep in registers
 * Columns of at most SHORT_NV vectors: y stays in registers over all n
 * columns, in four (or, for longer columns, two) sets of accumulators
 * (columns j mod 4 or 2), so that no chain of FMAs is longer than n/4 and y
 * is loaded and stored once; A is read once, column after column.  The
 * sweeps of gemv_n_cols.h would store and reload y every four columns, a
 * chain of store-to-load forwarding and FMAs: 64 x 64 float, Zen 5, 165 ->
 * 127 ns (OpenBLAS 180). */

/* acc[0, nv) += t * one column (the last vector's live lanes: `last`, or
 * all when full) */
static inline __attribute__((always_inline)) void LANES_CAT(NAME_N, _short_column)(
    const int nv, const int safe, V *acc, const T *col, T t, int full,
    __typeof__(MASKGEN(0)) last, size_t rem)
{
    const V tv = OP(set1)(t);
#pragma GCC unroll 8
    for (int v = 0; v < nv; v++) {
        const V c = v < nv - 1 || full ? OP(loadu)(col + v * W)
                    : safe             ? ROW(col + v * W, rem)
                                       : LOADM(col + v * W, last);
        acc[v] = OP(fmadd)(tv, c, acc[v]);
    }
}

static inline __attribute__((always_inline)) void LANES_CAT(NAME_N, _short)(
    const int nv, const int safe, size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x,
    T *y)
{
    const int sets = 4 * nv <= SHORT_ACC ? 4 : 2;
    /* the live lanes of the last vector: 1 to W */
    const size_t rem = m - (size_t)(nv - 1) * W;
    const int full = rem == W;
    const __typeof__(MASKGEN(0)) last = MASKGEN(full ? 0 : rem);
    V acc[4][8];
#pragma GCC unroll 4
    for (int s = 0; s < sets; s++)
#pragma GCC unroll 8
        for (int v = 0; v < nv; v++)
            acc[s][v] = OP(setzero)();
    size_t j = 0; /* column j adds to set j mod sets */
    for (; j + (size_t)sets <= n; j += (size_t)sets)
#pragma GCC unroll 4
        for (int s = 0; s < sets; s++)
            LANES_CAT(NAME_N, _short_column)(nv, safe, acc[s], a + (j + (size_t)s) * lda,
                                             alpha * x[j + (size_t)s], full, last, rem);
    /* the last n % sets columns, s a constant after unrolling: indexed by a
     * variable, acc would live on the stack, every FMA a load and a store
     * (64 x 64 double, AVX-512: 611 -> 301 tsc a call) */
#pragma GCC unroll 4
    for (int s = 0; s < sets - 1; s++)
        if (j + (size_t)s < n)
            LANES_CAT(NAME_N, _short_column)(nv, safe, acc[s], a + (j + (size_t)s) * lda,
                                             alpha * x[j + (size_t)s], full, last, rem);
#pragma GCC unroll 8
    for (int v = 0; v < nv; v++) {
        V sum = OP(add)(acc[0][v], acc[1][v]);
        if (sets == 4)
            sum = OP(add)(sum, OP(add)(acc[2][v], acc[3][v]));
        if (v < nv - 1 || full)
            OP(storeu)(y + v * W, OP(add)(OP(loadu)(y + v * W), sum));
        else if (safe)
            STROW(y + v * W, rem, OP(add)(ROW(y + v * W, rem), sum));
        else
            STOREM(y + v * W, last, OP(add)(LOADM(y + v * W, last), sum));
    }
}

/* The whole product if the columns are short enough: 1 if it ran. */
static inline __attribute__((always_inline)) int LANES_CAT(NAME_N, _short_columns)(
    const int safe, size_t m, size_t n, T alpha, const T *a, size_t lda, const T *x, T *y)
{
#define LANES_SHORT_CASE(nv)                                                                    \
    case nv:                                                                                     \
        if (nv > SHORT_NV)                                                                       \
            return 0;                                                                            \
        LANES_CAT(NAME_N, _short)(nv, safe, m, n, alpha, a, lda, x, y);                          \
        return 1;
    switch ((m + W - 1) / W) {
        LANES_SHORT_CASE(1)
        LANES_SHORT_CASE(2)
        LANES_SHORT_CASE(3)
        LANES_SHORT_CASE(4)
        LANES_SHORT_CASE(5)
        LANES_SHORT_CASE(6)
        LANES_SHORT_CASE(7)
        LANES_SHORT_CASE(8)
    default:
        return 0;
    }
#undef LANES_SHORT_CASE
}
