/* The loop-vs-kernel cases shared by `lanes demo` and bench_loops. */
#ifndef LANES_BENCH_LOOPS_H
#define LANES_BENCH_LOOPS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Elements per buffer: enough for the largest case. */
#define LANES_LOOP_BIG ((size_t)1000000)

/* All buffers a case touches (each LANES_LOOP_BIG long, 64-byte aligned),
 * and the case's sizes. */
struct lanes_loop_ctx {
    size_t n, m, k;
    float *xs, *ys, *as, *bs, *cs;
    double *xd, *yd, *ad, *bd, *cd;
};
typedef void lanes_loop_fn(struct lanes_loop_ctx *c);

/* Level 1 and 2 rates are in GB/s of data moved, gemm in GFLOP/s, vector
 * math in elements per ns. */
enum lanes_loop_unit { LANES_GBS, LANES_GFLOPS, LANES_GELEMS };
struct lanes_loop_case {
    const char *name, *size;
    size_t m, n, k;
    double work; /* bytes, flops or elements per call */
    enum lanes_loop_unit unit;
    lanes_loop_fn *plain, *lanes;
};

/* The book's experiment: y = x + y on 10,000 floats (lanes: saxpy, alpha 1) */
extern const struct lanes_loop_case lanes_loop_vadd;
extern const struct lanes_loop_case lanes_loop_cases[];
extern const size_t lanes_loop_ncases;
extern const char *const lanes_loop_unit_name[];

/* Allocate and fill (values in [-1, 1)); 0 or -1 when out of memory. */
int lanes_loop_init(struct lanes_loop_ctx *c);
/* Refill: a case may have changed its outputs. */
void lanes_loop_fill(struct lanes_loop_ctx *c);
void lanes_loop_free(struct lanes_loop_ctx *c);

#ifdef __cplusplus
}
#endif
#endif
