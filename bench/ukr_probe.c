/* The gemm micro-kernel alone, on packed panels: see bench_ukr.cpp. */
#include "ukr_probe.h"

#include <stdlib.h>

#include "kernels/kernels.h"

/* n elements of `size` bytes, small values (no overflow over many passes) */
static void *filled(size_t n, size_t size)
{
    void *p = aligned_alloc(64, (n * size + 63) / 64 * 64);
    if (!p)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        double v = (double)(i % 13) / 4096;
        if (size == sizeof(float))
            ((float *)p)[i] = (float)v;
        else
            ((double *)p)[i] = v;
    }
    return p;
}

int lanes_ukr_probe_init(struct lanes_ukr_probe *p, int dbl, size_t nc, size_t c_rows)
{
    const struct lanes_kernels *t = lanes_active_kernels();
    const size_t size = dbl ? sizeof(double) : sizeof(float);
    p->dbl = dbl;
    p->mr = dbl ? t->dgemm.mr : t->sgemm.mr;
    p->nr = dbl ? t->dgemm.nr : t->sgemm.nr;
    p->mc = dbl ? t->dgemm.mc : t->sgemm.mc;
    p->kc = dbl ? t->dgemm.kc : t->sgemm.kc;
    p->nc = nc / p->nr * p->nr;
    p->ldc = c_rows > p->mc ? c_rows : p->mc;
    p->kernel = dbl ? (void *)t->dgemm.ukr : (void *)t->sgemm.ukr;
    p->a = filled(p->mc * p->kc, size);
    p->b = filled(p->kc * p->nc, size);
    p->c = filled(p->ldc * p->nc, size);
    if (!p->a || !p->b || !p->c) {
        lanes_ukr_probe_free(p);
        return -1;
    }
    return 0;
}

double lanes_ukr_probe_pass(const struct lanes_ukr_probe *p)
{
    for (size_t jr = 0; jr < p->nc; jr += p->nr)
        for (size_t ir = 0; ir + p->mr <= p->mc; ir += p->mr) {
            if (p->dbl)
                ((lanes_dgemm_ukr_fn *)p->kernel)(p->kc, 1.0, (const double *)p->a + ir * p->kc,
                                                  (const double *)p->b + jr * p->kc, 1.0,
                                                  (double *)p->c + ir + jr * p->ldc, p->ldc);
            else
                ((lanes_sgemm_ukr_fn *)p->kernel)(p->kc, 1.0f, (const float *)p->a + ir * p->kc,
                                                  (const float *)p->b + jr * p->kc, 1.0f,
                                                  (float *)p->c + ir + jr * p->ldc, p->ldc);
        }
    return 2.0 * (double)(p->mc / p->mr * p->mr) * (double)p->nc * (double)p->kc;
}

void lanes_ukr_probe_free(struct lanes_ukr_probe *p)
{
    free(p->a);
    free(p->b);
    free(p->c);
    p->a = p->b = p->c = NULL;
}
