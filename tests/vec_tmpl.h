/* BLAS vector addressing for one type (T, X(name)). */

/* Elements a vector of n with increment inc spans. */
static size_t X(span)(ptrdiff_t n, ptrdiff_t inc)
{
    return n <= 0 ? 0 : 1 + (size_t)(n - 1) * (size_t)(inc < 0 ? -inc : inc);
}

/* Storage index of logical element i (BLAS: inc < 0 starts at the end). */
static size_t X(at)(ptrdiff_t n, ptrdiff_t inc, ptrdiff_t i)
{
    return (size_t)(inc >= 0 ? i * inc : (n - 1 - i) * -inc);
}

