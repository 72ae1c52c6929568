/* The loop-vs-kernel cases shared by `lanes demo` and bench_loops: each
 * kernel's plain loop (bench/plain.c) and the lanes call doing the same work
 * on the same buffers. */
#include <stdio.h>
#include <stdlib.h>

#include "bench/loops.h"
#include "bench/plain.h"
#include "lanes.h"

/* The cases.  Level 1 and 2 rates are in GB/s of data moved, gemm in
 * GFLOP/s, vector math in elements per ns. */
static void p_vadd(struct lanes_loop_ctx *c) { plain_vadd(c->n, c->xs, c->ys); }
static void l_vadd(struct lanes_loop_ctx *c) { lanes_saxpy((ptrdiff_t)c->n, 1.0f, c->xs, 1, c->ys, 1); }
static void p_saxpy(struct lanes_loop_ctx *c) { plain_saxpy(c->n, 1e-3f, c->xs, c->ys); }
static void l_saxpy(struct lanes_loop_ctx *c) { lanes_saxpy((ptrdiff_t)c->n, 1e-3f, c->xs, 1, c->ys, 1); }
static void p_daxpy(struct lanes_loop_ctx *c) { plain_daxpy(c->n, 1e-3, c->xd, c->yd); }
static void l_daxpy(struct lanes_loop_ctx *c) { lanes_daxpy((ptrdiff_t)c->n, 1e-3, c->xd, 1, c->yd, 1); }
static volatile float sink_f;
static volatile double sink_d;
static void p_sdot(struct lanes_loop_ctx *c) { sink_f = plain_sdot(c->n, c->xs, c->ys); }
static void l_sdot(struct lanes_loop_ctx *c) { sink_f = lanes_sdot((ptrdiff_t)c->n, c->xs, 1, c->ys, 1); }
static void p_ddot(struct lanes_loop_ctx *c) { sink_d = plain_ddot(c->n, c->xd, c->yd); }
static void l_ddot(struct lanes_loop_ctx *c) { sink_d = lanes_ddot((ptrdiff_t)c->n, c->xd, 1, c->yd, 1); }
static void p_sgemv(struct lanes_loop_ctx *c) { plain_sgemv(c->m, c->n, c->as, c->xs, c->ys); }
static void l_sgemv(struct lanes_loop_ctx *c)
{
    lanes_sgemv(LANES_ROW_MAJOR, LANES_NO_TRANS, (ptrdiff_t)c->m, (ptrdiff_t)c->n, 1.0f, c->as,
                (ptrdiff_t)c->n, c->xs, 1, 0.0f, c->ys, 1);
}
static void p_dgemv(struct lanes_loop_ctx *c) { plain_dgemv(c->m, c->n, c->ad, c->xd, c->yd); }
static void l_dgemv(struct lanes_loop_ctx *c)
{
    lanes_dgemv(LANES_ROW_MAJOR, LANES_NO_TRANS, (ptrdiff_t)c->m, (ptrdiff_t)c->n, 1.0, c->ad,
                (ptrdiff_t)c->n, c->xd, 1, 0.0, c->yd, 1);
}
static void p_sgemm(struct lanes_loop_ctx *c) { plain_sgemm(c->m, c->n, c->k, c->as, c->bs, c->cs); }
static void l_sgemm(struct lanes_loop_ctx *c)
{
    ptrdiff_t m = (ptrdiff_t)c->m, n = (ptrdiff_t)c->n, k = (ptrdiff_t)c->k;
    lanes_sgemm(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, m, n, k, 1.0f, c->as, k, c->bs,
                n, 0.0f, c->cs, n);
}
static void p_dgemm(struct lanes_loop_ctx *c) { plain_dgemm(c->m, c->n, c->k, c->ad, c->bd, c->cd); }
static void l_dgemm(struct lanes_loop_ctx *c)
{
    ptrdiff_t m = (ptrdiff_t)c->m, n = (ptrdiff_t)c->n, k = (ptrdiff_t)c->k;
    lanes_dgemm(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, m, n, k, 1.0, c->ad, k, c->bd,
                n, 0.0, c->cd, n);
}
static void p_expf(struct lanes_loop_ctx *c) { plain_expf(c->n, c->xs, c->ys); }
static void l_expf(struct lanes_loop_ctx *c) { lanes_expf(c->n, c->xs, c->ys); }
static void p_sigmoidf(struct lanes_loop_ctx *c) { plain_sigmoidf(c->n, c->xs, c->ys); }
static void l_sigmoidf(struct lanes_loop_ctx *c) { lanes_sigmoidf(c->n, c->xs, c->ys); }
static void p_softmaxf(struct lanes_loop_ctx *c) { plain_softmaxf(c->m, c->n, c->xs, c->ys); }
static void l_softmaxf(struct lanes_loop_ctx *c) { lanes_softmaxf(c->m, c->n, c->xs, c->ys); }

const struct lanes_loop_case lanes_loop_vadd = {
    "vadd", "n=10000", 1, 10000, 1, 12.0 * 10000, LANES_GBS, p_vadd, l_vadd};

const struct lanes_loop_case lanes_loop_cases[] = {
    {"saxpy", "n=10000", 1, 10000, 1, 12.0 * 10000, LANES_GBS, p_saxpy, l_saxpy},
    {"saxpy", "n=1000000", 1, 1000000, 1, 12.0 * 1e6, LANES_GBS, p_saxpy, l_saxpy},
    {"daxpy", "n=10000", 1, 10000, 1, 24.0 * 10000, LANES_GBS, p_daxpy, l_daxpy},
    {"sdot", "n=10000", 1, 10000, 1, 8.0 * 10000, LANES_GBS, p_sdot, l_sdot},
    {"ddot", "n=10000", 1, 10000, 1, 16.0 * 10000, LANES_GBS, p_ddot, l_ddot},
    {"sgemv", "1000x1000", 1000, 1000, 1, 4.0 * 1e6, LANES_GBS, p_sgemv, l_sgemv},
    {"dgemv", "1000x1000", 1000, 1000, 1, 8.0 * 1e6, LANES_GBS, p_dgemv, l_dgemv},
    {"sgemm", "256^3", 256, 256, 256, 2.0 * 256 * 256 * 256, LANES_GFLOPS, p_sgemm, l_sgemm},
    {"dgemm", "256^3", 256, 256, 256, 2.0 * 256 * 256 * 256, LANES_GFLOPS, p_dgemm, l_dgemm},
    {"expf", "n=10000", 1, 10000, 1, 10000, LANES_GELEMS, p_expf, l_expf},
    {"sigmoidf", "n=10000", 1, 10000, 1, 10000, LANES_GELEMS, p_sigmoidf, l_sigmoidf},
    {"softmaxf", "100x1000", 100, 1000, 1, 1e5, LANES_GELEMS, p_softmaxf, l_softmaxf},
};

const size_t lanes_loop_ncases = sizeof lanes_loop_cases / sizeof lanes_loop_cases[0];
const char *const lanes_loop_unit_name[] = {"GB/s", "GFLOP/s", "elem/ns"};

void lanes_loop_fill(struct lanes_loop_ctx *c)
{
    unsigned s = 12345;
    for (size_t i = 0; i < LANES_LOOP_BIG; i++) {
        s = s * 1103515245u + 12345u;
        float v = (float)((s >> 8) & 0xffff) / 32768.0f - 1.0f; /* [-1, 1) */
        c->xs[i] = c->ys[i] = c->as[i] = c->bs[i] = c->cs[i] = v;
        c->xd[i] = c->yd[i] = c->ad[i] = c->bd[i] = c->cd[i] = v;
    }
}

int lanes_loop_init(struct lanes_loop_ctx *c)
{
    float **fb[] = {&c->xs, &c->ys, &c->as, &c->bs, &c->cs};
    double **db[] = {&c->xd, &c->yd, &c->ad, &c->bd, &c->cd};
    int ok = 1;
    for (int i = 0; i < 5; i++) {
        *fb[i] = aligned_alloc(64, LANES_LOOP_BIG * sizeof(float));
        *db[i] = aligned_alloc(64, LANES_LOOP_BIG * sizeof(double));
        ok = ok && *fb[i] && *db[i];
    }
    if (!ok) {
        lanes_loop_free(c);
        return -1;
    }
    lanes_loop_fill(c);
    return 0;
}

void lanes_loop_free(struct lanes_loop_ctx *c)
{
    float **fb[] = {&c->xs, &c->ys, &c->as, &c->bs, &c->cs};
    double **db[] = {&c->xd, &c->yd, &c->ad, &c->bd, &c->cd};
    for (int i = 0; i < 5; i++) {
        free(*fb[i]);
        free(*db[i]);
        *fb[i] = NULL;
        *db[i] = NULL;
    }
}

