/* One width of the yardsticks (vmath_ref.h).  Defined before inclusion:
 *   ISA, V, W, MASK, LOAD(p, m) (masked, zero fill), STORE(p, m, v) (masked),
 *   FULLMASK, TAILMASK(rem), SLEEF_EXP (u10), MVEC_EXP, OP(name),
 *   REDUCE_ADD(v), REDUCE_MAX(v) */
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define FN(name) CAT(CAT(name, _), ISA)

V MVEC_EXP(V);

typedef V (*CAT(vfn_, ISA))(V);

static inline void CAT(map_, ISA)(CAT(vfn_, ISA) f, size_t n, const float *x, float *y)
{
    size_t i = 0;
    for (; i + W <= n; i += W)
        OP(storeu)(y + i, f(OP(loadu)(x + i)));
    if (i < n) {
        MASK m = TAILMASK(n - i);
        STORE(y + i, m, f(LOAD(x + i, m)));
    }
}

static V CAT(sleef_sigmoid_, ISA)(V x)
{
    V one = OP(set1)(1.0f);
    return OP(div)(one, OP(add)(one, SLEEF_EXP(OP(sub)(OP(setzero)(), x))));
}

void FN(ref_sleef_expf)(size_t n, const float *x, float *y)
{
    CAT(map_, ISA)(SLEEF_EXP, n, x, y);
}

void FN(ref_libmvec_expf)(size_t n, const float *x, float *y)
{
    CAT(map_, ISA)(MVEC_EXP, n, x, y);
}

void FN(ref_sleef_sigmoidf)(size_t n, const float *x, float *y)
{
    CAT(map_, ISA)(CAT(sleef_sigmoid_, ISA), n, x, y);
}

/* max; y = exp(x - max) and the sum; y *= 1/sum: the three-pass softmax. */
void FN(ref_sleef_softmaxf)(size_t rows, size_t cols, const float *x, float *y)
{
    const size_t full = cols / W * W;
    const MASK tail = TAILMASK(cols - full);
    for (size_t r = 0; r < rows; r++, x += cols, y += cols) {
        V mv = OP(set1)(-__builtin_inff());
        for (size_t i = 0; i < full; i += W)
            mv = OP(max)(mv, OP(loadu)(x + i));
        float m = REDUCE_MAX(mv);
        for (size_t i = full; i < cols; i++)
            m = x[i] > m ? x[i] : m;
        V vm = OP(set1)(m), s = OP(setzero)();
        for (size_t i = 0; i < full; i += W) {
            V e = SLEEF_EXP(OP(sub)(OP(loadu)(x + i), vm));
            OP(storeu)(y + i, e);
            s = OP(add)(s, e);
        }
        float sum = REDUCE_ADD(s);
        if (full < cols) {
            V e = SLEEF_EXP(OP(sub)(LOAD(x + full, tail), vm));
            STORE(y + full, tail, e);
            float t[W];
            OP(storeu)(t, e);
            for (size_t i = 0; i < cols - full; i++)
                sum += t[i];
        }
        V inv = OP(set1)(1.0f / sum);
        for (size_t i = 0; i < full; i += W)
            OP(storeu)(y + i, OP(mul)(OP(loadu)(y + i), inv));
        if (full < cols)
            STORE(y + full, tail, OP(mul)(LOAD(y + full, tail), inv));
    }
}

#undef CAT_
#undef CAT
#undef FN
