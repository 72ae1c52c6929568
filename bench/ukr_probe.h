/* One ISA's gemm micro-kernel on packed panels (bench_ukr.cpp): C, since
 * the kernel table is C-only (kernels/kernels.h). */
#ifndef LANES_BENCH_UKR_PROBE_H
#define LANES_BENCH_UKR_PROBE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct lanes_ukr_probe {
    int dbl;                      /* 0: sgemm, 1: dgemm */
    size_t mr, nr, mc, kc, nc;    /* the active table's tile and blocks; nc as asked */
    size_t ldc;                   /* mc (C stays in cache) or the rows of a large C */
    void *a, *b, *c;
    void *kernel;
};

/* Packed A (mc x kc), packed B (kc x nc) and C (ldc x nc) for the active
 * table's micro-kernel; 0, or -1 when out of memory. */
int lanes_ukr_probe_init(struct lanes_ukr_probe *p, int dbl, size_t nc, size_t c_rows);
/* Every micro-panel pair once (jr outer, ir inner, as in a gemm); returns
 * the flops done. */
double lanes_ukr_probe_pass(const struct lanes_ukr_probe *p);
void lanes_ukr_probe_free(struct lanes_ukr_probe *p);

#ifdef __cplusplus
}
#endif

#endif
