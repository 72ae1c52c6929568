/* lanes demo: the "for-loop vs vectorized" experiment of Dive into Deep
 * Learning (add two 10,000-element vectors), then the same comparison for
 * every kernel, under every ISA this machine runs.  Times are medians of
 * repeated batches; each batch runs long enough (>= 2 ms) for the clock. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/plain.h"
#include "lanes.h"
#include "tools.h"

#define BATCHES 9

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One benchmark case: all buffers it touches, sized for the largest case. */
struct ctx {
    size_t n, m, k;
    float *xs, *ys, *as, *bs, *cs;
    double *xd, *yd, *ad, *bd, *cd;
};

typedef void case_fn(struct ctx *c);

/* Seconds per call: median over BATCHES of batches of `reps` calls. */
static double time_call(case_fn *fn, struct ctx *c)
{
    size_t reps = 1;
    for (;;) {
        double t0 = now();
        for (size_t r = 0; r < reps; r++)
            fn(c);
        double dt = now() - t0;
        if (dt >= 2e-3 || reps >= (1u << 24))
            break;
        reps = dt <= 0 ? reps * 16 : (size_t)(reps * (2.5e-3 / dt)) + 1;
    }
    double t[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
        double t0 = now();
        for (size_t r = 0; r < reps; r++)
            fn(c);
        t[b] = (now() - t0) / (double)reps;
    }
    qsort(t, BATCHES, sizeof t[0], cmp_double);
    return t[BATCHES / 2];
}

/* The cases.  Level 1 and 2 rates are in GB/s of data moved, gemm in
 * GFLOP/s, vector math in elements per ns. */
static void p_vadd(struct ctx *c) { plain_vadd(c->n, c->xs, c->ys); }
static void l_vadd(struct ctx *c) { lanes_saxpy((ptrdiff_t)c->n, 1.0f, c->xs, 1, c->ys, 1); }
static void p_saxpy(struct ctx *c) { plain_saxpy(c->n, 1e-3f, c->xs, c->ys); }
static void l_saxpy(struct ctx *c) { lanes_saxpy((ptrdiff_t)c->n, 1e-3f, c->xs, 1, c->ys, 1); }
static void p_daxpy(struct ctx *c) { plain_daxpy(c->n, 1e-3, c->xd, c->yd); }
static void l_daxpy(struct ctx *c) { lanes_daxpy((ptrdiff_t)c->n, 1e-3, c->xd, 1, c->yd, 1); }
static volatile float sink_f;
static volatile double sink_d;
static void p_sdot(struct ctx *c) { sink_f = plain_sdot(c->n, c->xs, c->ys); }
static void l_sdot(struct ctx *c) { sink_f = lanes_sdot((ptrdiff_t)c->n, c->xs, 1, c->ys, 1); }
static void p_ddot(struct ctx *c) { sink_d = plain_ddot(c->n, c->xd, c->yd); }
static void l_ddot(struct ctx *c) { sink_d = lanes_ddot((ptrdiff_t)c->n, c->xd, 1, c->yd, 1); }
static void p_sgemv(struct ctx *c) { plain_sgemv(c->m, c->n, c->as, c->xs, c->ys); }
static void l_sgemv(struct ctx *c)
{
    lanes_sgemv(LANES_ROW_MAJOR, LANES_NO_TRANS, (ptrdiff_t)c->m, (ptrdiff_t)c->n, 1.0f, c->as,
                (ptrdiff_t)c->n, c->xs, 1, 0.0f, c->ys, 1);
}
static void p_dgemv(struct ctx *c) { plain_dgemv(c->m, c->n, c->ad, c->xd, c->yd); }
static void l_dgemv(struct ctx *c)
{
    lanes_dgemv(LANES_ROW_MAJOR, LANES_NO_TRANS, (ptrdiff_t)c->m, (ptrdiff_t)c->n, 1.0, c->ad,
                (ptrdiff_t)c->n, c->xd, 1, 0.0, c->yd, 1);
}
static void p_sgemm(struct ctx *c) { plain_sgemm(c->m, c->n, c->k, c->as, c->bs, c->cs); }
static void l_sgemm(struct ctx *c)
{
    ptrdiff_t m = (ptrdiff_t)c->m, n = (ptrdiff_t)c->n, k = (ptrdiff_t)c->k;
    lanes_sgemm(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, m, n, k, 1.0f, c->as, k, c->bs,
                n, 0.0f, c->cs, n);
}
static void p_dgemm(struct ctx *c) { plain_dgemm(c->m, c->n, c->k, c->ad, c->bd, c->cd); }
static void l_dgemm(struct ctx *c)
{
    ptrdiff_t m = (ptrdiff_t)c->m, n = (ptrdiff_t)c->n, k = (ptrdiff_t)c->k;
    lanes_dgemm(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, m, n, k, 1.0, c->ad, k, c->bd,
                n, 0.0, c->cd, n);
}
static void p_expf(struct ctx *c) { plain_expf(c->n, c->xs, c->ys); }
static void l_expf(struct ctx *c) { lanes_expf(c->n, c->xs, c->ys); }
static void p_sigmoidf(struct ctx *c) { plain_sigmoidf(c->n, c->xs, c->ys); }
static void l_sigmoidf(struct ctx *c) { lanes_sigmoidf(c->n, c->xs, c->ys); }
static void p_softmaxf(struct ctx *c) { plain_softmaxf(c->m, c->n, c->xs, c->ys); }
static void l_softmaxf(struct ctx *c) { lanes_softmaxf(c->m, c->n, c->xs, c->ys); }

enum unit { GBS, GFLOPS, GELEMS };

struct demo_case {
    const char *name, *size;
    size_t m, n, k;
    double work; /* bytes, flops or elements per call */
    enum unit unit;
    case_fn *plain, *lanes;
};

static const struct demo_case cases[] = {
    {"saxpy", "n=10000", 1, 10000, 1, 12.0 * 10000, GBS, p_saxpy, l_saxpy},
    {"saxpy", "n=1000000", 1, 1000000, 1, 12.0 * 1e6, GBS, p_saxpy, l_saxpy},
    {"daxpy", "n=10000", 1, 10000, 1, 24.0 * 10000, GBS, p_daxpy, l_daxpy},
    {"sdot", "n=10000", 1, 10000, 1, 8.0 * 10000, GBS, p_sdot, l_sdot},
    {"ddot", "n=10000", 1, 10000, 1, 16.0 * 10000, GBS, p_ddot, l_ddot},
    {"sgemv", "1000x1000", 1000, 1000, 1, 4.0 * 1e6, GBS, p_sgemv, l_sgemv},
    {"dgemv", "1000x1000", 1000, 1000, 1, 8.0 * 1e6, GBS, p_dgemv, l_dgemv},
    {"sgemm", "256^3", 256, 256, 256, 2.0 * 256 * 256 * 256, GFLOPS, p_sgemm, l_sgemm},
    {"dgemm", "256^3", 256, 256, 256, 2.0 * 256 * 256 * 256, GFLOPS, p_dgemm, l_dgemm},
    {"expf", "n=10000", 1, 10000, 1, 10000, GELEMS, p_expf, l_expf},
    {"sigmoidf", "n=10000", 1, 10000, 1, 10000, GELEMS, p_sigmoidf, l_sigmoidf},
    {"softmaxf", "100x1000", 100, 1000, 1, 1e5, GELEMS, p_softmaxf, l_softmaxf},
};

static const char *unit_name[] = {"GB/s", "GFLOP/s", "elem/ns"};

static void fill(struct ctx *c, size_t big)
{
    unsigned s = 12345;
    for (size_t i = 0; i < big; i++) {
        s = s * 1103515245u + 12345u;
        float v = (float)((s >> 8) & 0xffff) / 32768.0f - 1.0f; /* [-1, 1) */
        c->xs[i] = c->ys[i] = c->as[i] = c->bs[i] = c->cs[i] = v;
        c->xd[i] = c->yd[i] = c->ad[i] = c->bd[i] = c->cd[i] = v;
    }
}

static void *xalloc(size_t bytes)
{
    void *p = aligned_alloc(64, (bytes + 63) & ~(size_t)63);
    if (!p) {
        fprintf(stderr, "lanes demo: out of memory\n");
        exit(1);
    }
    return p;
}

int lanes_cmd_demo(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const size_t big = 1000000;
    struct ctx c;
    float **fb[] = {&c.xs, &c.ys, &c.as, &c.bs, &c.cs};
    double **db[] = {&c.xd, &c.yd, &c.ad, &c.bd, &c.cd};
    for (int i = 0; i < 5; i++) {
        *fb[i] = xalloc(big * sizeof(float));
        *db[i] = xalloc(big * sizeof(double));
    }
    fill(&c, big);

    const char *isas[8];
    size_t nisa = lanes_supported_isas(isas, 8);
    if (nisa > 8)
        nisa = 8;
    const char *chosen = lanes_isa();
    /* One thread: every row compares one core's loop with one core's kernel. */
    int threads = lanes_get_num_threads();
    lanes_set_num_threads(1);
    const char *model = strstr(lanes_cpu_report(), "cpu model:");
    int mlen = model ? (int)strcspn(model, "\n") : 0;
    printf("lanes %s demo: plain loop vs vectorized kernels (median of %d batches)\n%.*s\n",
           lanes_version(), BATCHES, mlen, model ? model : "");
    printf("isas:         ");
    for (size_t i = 0; i < nisa; i++)
        printf("%s ", isas[i]);
    printf("(selected: %s), 1 thread\n\n", chosen);

    /* The book's experiment. */
    printf("Dive into Deep Learning: add two 10,000-element float vectors\n");
    c.n = 10000;
    double t_loop = time_call(p_vadd, &c);
    printf("  %-44s %9.2f us\n", "plain loop  y[i] = x[i] + y[i]", t_loop * 1e6);
    for (size_t i = 0; i < nisa; i++) {
        lanes_set_isa(isas[i]);
        double t = time_call(l_vadd, &c);
        char label[64];
        snprintf(label, sizeof label, "lanes_saxpy(alpha = 1), %s", isas[i]);
        printf("  %-44s %9.2f us   %6.1fx faster\n", label, t * 1e6, t_loop / t);
    }
    fill(&c, big);

    printf("\n%-9s %-10s %-7s %12s %9s %10s\n", "kernel", "size", "isa", "time/call", "speedup",
           "rate");
    for (size_t ci = 0; ci < sizeof cases / sizeof cases[0]; ci++) {
        const struct demo_case *d = &cases[ci];
        c.m = d->m;
        c.n = d->n;
        c.k = d->k;
        double tp = time_call(d->plain, &c);
        printf("%-9s %-10s %-7s %10.2f us %8.1fx %7.2f %s\n", d->name, d->size, "loop", tp * 1e6,
               1.0, d->work / tp * 1e-9, unit_name[d->unit]);
        for (size_t i = 0; i < nisa; i++) {
            lanes_set_isa(isas[i]);
            double t = time_call(d->lanes, &c);
            printf("%-9s %-10s %-7s %10.2f us %8.1fx %7.2f %s\n", "", "", isas[i], t * 1e6, tp / t,
                   d->work / t * 1e-9, unit_name[d->unit]);
        }
        fflush(stdout);
        fill(&c, big);
    }
    /* back to what ran before: LANES_ISA's choice, or the default table */
    const char *env = getenv("LANES_ISA");
    lanes_set_isa(env && lanes_isa_supported(env) ? chosen : "auto");
    lanes_set_num_threads(threads);
    printf("\nloop: the textbook loop, compiled without auto-vectorisation (bench/plain.c);\n"
           "expf/sigmoidf/softmaxf loops call libm expf element by element.\n");
    for (int i = 0; i < 5; i++) {
        free(*fb[i]);
        free(*db[i]);
    }
    return 0;
}
