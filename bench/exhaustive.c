/* Exhaustive accuracy of lanes_expf and lanes_sigmoidf: every one of the
 * 2^32 float inputs (or every step-th with --step), for each ISA this
 * machine runs, against double-precision libm, on all cores (OpenMP).
 * Reports the maximum error in ULP and the input where it occurs, and
 * checks the special values.  A benchmark target, not a unit test:
 *   build/bench/lanes_exhaustive [--isa NAME] [--func expf|sigmoidf] [--step N]
 * Exit status 1 if a bound (exp 1 ULP, sigmoid 3 ULP) is exceeded. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lanes.h"

#ifdef _OPENMP
#include <omp.h>
#endif

/* Error of got against the exact value ref, in ULP of the float at ref
 * (subnormal ULP 2^-149); Inf counts as 2^128 (as tests/common.h). */
static double ulp_error(float got, double ref)
{
    if (isnan(ref) || isnan(got))
        return isnan(ref) && isnan(got) ? 0 : INFINITY;
    if (isinf(ref))
        return (double)got == ref ? 0 : INFINITY;
    if (isinf(got) && isinf((float)ref) && signbit(got) == signbit(ref))
        return 0;
    double g = isinf(got) ? copysign(0x1p128, got) : (double)got;
    int e;
    frexp(fabs(ref), &e);
    return fabs(g - ref) / ldexp(1.0, e - 24 < -149 ? -149 : e - 24);
}

static double ref_exp(float xf)
{
    double x = xf;
    if (x != x)
        return x;
    if (x > 89)
        return INFINITY; /* exp(89) > FLT_MAX: must be +Inf */
    if (x < -110)
        return 0; /* below 2^-158: 0 is within 0.002 ULP */
    if (fabs(x) < 0x1p-30)
        return 1 + x; /* error x^2/2 < 2^-61 */
    return exp(x);
}

static double ref_sigmoid(float xf)
{
    double x = xf;
    if (x != x)
        return x;
    if (x < -110)
        return 0;
    if (x > 110)
        return 1;
    double e = exp(-fabs(x));
    return x < 0 ? e / (1 + e) : 1 / (1 + e);
}

struct func {
    const char *name;
    void (*fn)(size_t, const float *, float *);
    double (*ref)(float);
    double bound;
};

static const struct func funcs[] = {
    {"expf", lanes_expf, ref_exp, 1.0},
    {"sigmoidf", lanes_sigmoidf, ref_sigmoid, 3.0},
};

struct result {
    double max_ulp;
    float worst;
    uint64_t count;
};

enum { CHUNK = 1 << 16 };

static struct result sweep(const struct func *f, uint64_t step)
{
    struct result all = {0, 0, 0};
    uint64_t chunks = ((1ull << 32) + (uint64_t)CHUNK * step - 1) / ((uint64_t)CHUNK * step);
#pragma omp parallel
    {
        struct result mine = {0, 0, 0};
        float *x = malloc(CHUNK * sizeof(float)), *y = malloc(CHUNK * sizeof(float));
#pragma omp for schedule(dynamic, 64)
        for (uint64_t c = 0; c < chunks; c++) {
            size_t n = 0;
            for (uint64_t b = c * CHUNK * step; n < CHUNK && b <= UINT32_MAX; b += step) {
                uint32_t bits = (uint32_t)b;
                memcpy(&x[n++], &bits, sizeof bits);
            }
            f->fn(n, x, y);
            for (size_t i = 0; i < n; i++) {
                double e = ulp_error(y[i], f->ref(x[i]));
                if (!(e <= mine.max_ulp)) {
                    mine.max_ulp = e;
                    mine.worst = x[i];
                }
            }
            mine.count += n;
        }
#pragma omp critical
        {
            if (!(mine.max_ulp <= all.max_ulp)) {
                all.max_ulp = mine.max_ulp;
                all.worst = mine.worst;
            }
            all.count += mine.count;
        }
        free(x);
        free(y);
    }
    return all;
}

/* The special values the issue names, exactly. */
static int specials(void)
{
    const float in[] = {NAN, -INFINITY, INFINITY, 0.0f, -0.0f, 1000.0f, -1000.0f};
    float e[7], s[7];
    lanes_expf(7, in, e);
    lanes_sigmoidf(7, in, s);
    int ok = isnan(e[0]) && e[1] == 0 && !signbit(e[1]) && isinf(e[2]) && e[2] > 0 && e[3] == 1 &&
             e[4] == 1 && isinf(e[5]) && e[6] == 0 && isnan(s[0]) && s[1] == 0 && s[2] == 1 &&
             s[3] == 0.5f && s[4] == 0.5f && s[5] == 1 && s[6] == 0;
    return ok;
}

int main(int argc, char **argv)
{
    const char *only_isa = NULL, *only_func = NULL;
    uint64_t step = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--isa") == 0 && i + 1 < argc)
            only_isa = argv[++i];
        else if (strcmp(argv[i], "--func") == 0 && i + 1 < argc)
            only_func = argv[++i];
        else if (strcmp(argv[i], "--step") == 0 && i + 1 < argc)
            step = strtoull(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: %s [--isa NAME] [--func expf|sigmoidf] [--step N]\n", argv[0]);
            return 2;
        }
    }
    if (step == 0)
        step = 1;
    const char *isas[8];
    size_t nisa = lanes_supported_isas(isas, 8);
    int threads = 1;
#ifdef _OPENMP
    threads = omp_get_max_threads();
#endif
    printf("lanes %s exhaustive accuracy, every %llu-th float input (%s), %d threads\n",
           lanes_version(), (unsigned long long)step, step == 1 ? "all 2^32" : "sampled", threads);
    printf("| isa | function | inputs | max error (ULP) | at x | bound | special values |\n"
           "|---|---|---|---|---|---|---|\n");
    fflush(stdout);
    int failed = 0;
    for (size_t i = 0; i < nisa && i < 8; i++) {
        if (only_isa && strcmp(only_isa, isas[i]) != 0)
            continue;
        lanes_set_isa(isas[i]);
        for (size_t f = 0; f < sizeof funcs / sizeof funcs[0]; f++) {
            if (only_func && strcmp(only_func, funcs[f].name) != 0)
                continue;
            time_t t0 = time(NULL);
            struct result r = sweep(&funcs[f], step);
            int sp = specials();
            int ok = r.max_ulp <= funcs[f].bound && sp;
            failed |= !ok;
            printf("| %s | %s | %llu | %.4f | %a | %.0f | %s |  (%lds)\n", isas[i], funcs[f].name,
                   (unsigned long long)r.count, r.max_ulp, (double)r.worst, funcs[f].bound,
                   sp ? "ok" : "WRONG", (long)(time(NULL) - t0));
            fflush(stdout);
        }
    }
    return failed;
}
