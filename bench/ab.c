/* Two builds of lanes in one process, for deciding whether a change helps on
 * a noisy host: both shared libraries are loaded with dlopen(RTLD_LOCAL),
 * every round runs each once in alternating order, and the verdict is the
 * median of the per-round speed ratios (a host that slows down for a few
 * seconds slows both sides of a round alike).
 *
 *   build/bench/lanes_ab OLD/liblanes.so NEW/liblanes.so OP SIZE [ROUNDS]
 *
 * OP: sgemm dgemm (n x n x n, row-major, at 1 and 2 threads), sgemv dgemv
 * (n x n, col-major, N and T), saxpy daxpy sdot ddot (n elements).  Prints,
 * per case, the median and quartiles of new/old speed per round and each
 * side's median time.  LANES_ISA applies to both sides.  The operands start
 * on 64-byte boundaries, or LANES_AB_OFFSETS=A,B bytes past them (A: x, B:
 * y of level 1; A and B of gemm): an unaligned operand's loads split cache
 * lines, which 512-bit loads do on every vector.
 *
 * Run it a second time with the two builds swapped before trusting a ratio
 * within 2% of 1: on Zen 5 the same build read sgemm 2048 1.8% faster as
 * OLD than as NEW, in both orders (likely where each library's own packing
 * workspace landed: each keeps one, allocated by its first call). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int sgemm_fn(int, int, int, ptrdiff_t, ptrdiff_t, ptrdiff_t, float, const float *,
                     ptrdiff_t, const float *, ptrdiff_t, float, float *, ptrdiff_t);
typedef int dgemm_fn(int, int, int, ptrdiff_t, ptrdiff_t, ptrdiff_t, double, const double *,
                     ptrdiff_t, const double *, ptrdiff_t, double, double *, ptrdiff_t);
typedef int sgemv_fn(int, int, ptrdiff_t, ptrdiff_t, float, const float *, ptrdiff_t,
                     const float *, ptrdiff_t, float, float *, ptrdiff_t);
typedef int dgemv_fn(int, int, ptrdiff_t, ptrdiff_t, double, const double *, ptrdiff_t,
                     const double *, ptrdiff_t, double, double *, ptrdiff_t);
typedef int saxpy_fn(ptrdiff_t, float, const float *, ptrdiff_t, float *, ptrdiff_t);
typedef int daxpy_fn(ptrdiff_t, double, const double *, ptrdiff_t, double *, ptrdiff_t);
typedef float sdot_fn(ptrdiff_t, const float *, ptrdiff_t, const float *, ptrdiff_t);
typedef double ddot_fn(ptrdiff_t, const double *, ptrdiff_t, const double *, ptrdiff_t);
typedef void threads_fn(int);

enum { MAX_ROUNDS = 200 };

struct side {
    void *sym;          /* the kernel */
    threads_fn *threads; /* lanes_set_num_threads */
};

enum kind { AXPY, DOT, GEMV, GEMM };

struct job {
    const char *op;
    enum kind kind;
    long n, reps;     /* calls per timing */
    int dbl, variant; /* variant: threads (gemm) or 0/1 = N/T (gemv) */
    void *a, *b, *c;
};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static volatile double sink;

/* bytes of zeros, `off` bytes past a 64-byte boundary (never freed) */
static void *zeroed(size_t bytes, size_t off)
{
    char *p = aligned_alloc(64, (bytes + off + 63) / 64 * 64);
    if (p)
        memset(p, 0, bytes + off);
    return p ? p + off : NULL;
}

/* One timing of `reps` calls; seconds per call. */
static double run(const struct job *j, const struct side *s)
{
    const long n = j->n;
    double t0 = now();
    const int trans = j->variant ? 112 : 111;
    for (long r = 0; r < j->reps; r++) {
        if (j->kind == GEMM && !j->dbl)
            ((sgemm_fn *)s->sym)(101, 111, 111, n, n, n, 1, j->a, n, j->b, n, 0, j->c, n);
        else if (j->kind == GEMM)
            ((dgemm_fn *)s->sym)(101, 111, 111, n, n, n, 1, j->a, n, j->b, n, 0, j->c, n);
        else if (j->kind == GEMV && !j->dbl)
            ((sgemv_fn *)s->sym)(102, trans, n, n, 1, j->a, n, j->b, 1, 0, j->c, 1);
        else if (j->kind == GEMV)
            ((dgemv_fn *)s->sym)(102, trans, n, n, 1, j->a, n, j->b, 1, 0, j->c, 1);
        else if (j->kind == AXPY && !j->dbl)
            ((saxpy_fn *)s->sym)(n, 1e-7f, j->a, 1, j->b, 1);
        else if (j->kind == AXPY)
            ((daxpy_fn *)s->sym)(n, 1e-7, j->a, 1, j->b, 1);
        else if (!j->dbl)
            sink = ((sdot_fn *)s->sym)(n, j->a, 1, j->b, 1);
        else
            sink = ((ddot_fn *)s->sym)(n, j->a, 1, j->b, 1);
    }
    return (now() - t0) / (double)j->reps;
}

static int by_value(const void *p, const void *q)
{
    double x = *(const double *)p, y = *(const double *)q;
    return x < y ? -1 : x > y;
}

static void load(const char *path, const char *op, struct side *s)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    char name[32];
    snprintf(name, sizeof name, "lanes_%s", op);
    s->sym = h ? dlsym(h, name) : NULL;
    s->threads = h ? (threads_fn *)dlsym(h, "lanes_set_num_threads") : NULL;
    if (!h) {
        fprintf(stderr, "lanes_ab: %s\n", dlerror());
        exit(2);
    }
    if (!s->sym || !s->threads) {
        fprintf(stderr, "lanes_ab: %s has no %s or lanes_set_num_threads\n", path, name);
        exit(2);
    }
}

static void compare(struct job *j, struct side *side, int rounds, const char *label)
{
    double t[2][MAX_ROUNDS], ratio[MAX_ROUNDS];
    /* enough calls per timing for about 10 ms */
    j->reps = 1;
    double once = run(j, &side[0]) + run(j, &side[1]);
    j->reps = once > 0 ? (long)(0.01 / once) + 1 : 1;
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < 2; k++) {
            int i = (r + k) & 1; /* alternate which side goes first */
            side[i].threads(j->kind == GEMM ? j->variant : 0);
            t[i][r] = run(j, &side[i]);
        }
    for (int r = 0; r < rounds; r++)
        ratio[r] = t[0][r] / t[1][r];
    qsort(ratio, (size_t)rounds, sizeof ratio[0], by_value);
    qsort(t[0], (size_t)rounds, sizeof t[0][0], by_value);
    qsort(t[1], (size_t)rounds, sizeof t[1][0], by_value);
    printf("%-6s n=%-7ld %-10s new/old speed: median %.3f (quartiles %.3f-%.3f)   "
           "median time old %.4g us, new %.4g us\n",
           j->op, j->n, label, ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4],
           t[0][rounds / 2] * 1e6, t[1][rounds / 2] * 1e6);
}

int main(int argc, char **argv)
{
    static const char *const ops[] = {"sgemm", "dgemm", "sgemv", "dgemv",
                                      "saxpy", "daxpy", "sdot",  "ddot"};
    int known = 0;
    for (size_t i = 0; argc >= 5 && i < sizeof ops / sizeof ops[0]; i++)
        known |= !strcmp(argv[3], ops[i]);
    long n = argc >= 5 ? atol(argv[4]) : 0;
    int rounds = argc >= 6 ? atoi(argv[5]) : 21;
    if (argc < 5 || argc > 6 || !known || n < 1 || n > (1L << 28) || rounds < 4 ||
        rounds > MAX_ROUNDS) {
        fprintf(stderr, "usage: lanes_ab OLD/liblanes.so NEW/liblanes.so "
                        "sgemm|dgemm|sgemv|dgemv|saxpy|daxpy|sdot|ddot SIZE [ROUNDS 4-200]\n");
        return 2;
    }
    struct side side[2];
    load(argv[1], argv[3], &side[0]);
    load(argv[2], argv[3], &side[1]);
    const int level = strstr(argv[3], "gemm") ? 3 : strstr(argv[3], "gemv") ? 2 : 1;
    const enum kind kind = level == 3   ? GEMM
                           : level == 2 ? GEMV
                           : strstr(argv[3], "axpy") ? AXPY
                                                     : DOT;
    struct job j = {.op = argv[3], .kind = kind, .n = n, .dbl = argv[3][0] == 'd'};
    const size_t size = j.dbl ? sizeof(double) : sizeof(float);
    const size_t big = level == 1 ? (size_t)n : (size_t)n * (size_t)n;
    long off[2] = {0, 0};
    const char *offs = getenv("LANES_AB_OFFSETS");
    if (offs && (sscanf(offs, "%ld,%ld", &off[0], &off[1]) != 2 || off[0] < 0 || off[0] > 63 ||
                 off[1] < 0 || off[1] > 63 || off[0] % (long)size || off[1] % (long)size)) {
        fprintf(stderr, "lanes_ab: LANES_AB_OFFSETS=%s: two multiples of %zu bytes, 0-63\n", offs,
                size);
        return 2;
    }
    j.a = zeroed(big * size, (size_t)off[0]);
    j.b = zeroed((level == 3 ? big : (size_t)n) * size, (size_t)off[1]);
    j.c = zeroed((level == 1 ? 1 : level == 3 ? big : (size_t)n) * size, 0);
    if (!j.a || !j.b || !j.c) {
        fprintf(stderr, "lanes_ab: out of memory\n");
        return 2;
    }
    for (size_t i = 0; i < big; i++) {
        double v = (double)(i % 13) / 13;
        if (j.dbl)
            ((double *)j.a)[i] = v;
        else
            ((float *)j.a)[i] = (float)v;
    }
    if (level == 3) {
        for (j.variant = 1; j.variant <= 2; j.variant++)
            compare(&j, side, rounds, j.variant == 1 ? "1 thread" : "2 threads");
    } else if (level == 2) {
        for (j.variant = 0; j.variant <= 1; j.variant++)
            compare(&j, side, rounds, j.variant ? "T" : "N");
    } else {
        compare(&j, side, rounds, "");
    }
    return 0;
}
