/* lanes demo: the "for-loop vs vectorized" experiment of Dive into Deep
 * Learning (add two 10,000-element vectors), then the same comparison for
 * every kernel, under every ISA this machine runs.  Times are medians of
 * repeated batches; each batch runs long enough (>= 2 ms) for the clock. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/loops.h"
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


/* Seconds per call: median over BATCHES of batches of `reps` calls. */
static double time_call(lanes_loop_fn *fn, struct lanes_loop_ctx *c)
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

/* Each model trained on the built-in data, as `lanes train` does it. */
static int demo_models(void)
{
    static const struct {
        const char *model, *solver, *what;
    } runs[] = {
        {"linreg", "closed", "book synthetic data (w = [2, -3.4], b = 4.2), closed form"},
        {"linreg", "sgd", "book synthetic data, minibatch SGD (batch 10, lr 0.03, 3 epochs)"},
        {"logreg", "closed", "breast_cancer, standardised, SGD"},
        {"mlp", "closed", "digits, MLP 64-128-10 ReLU, Adam lr 1e-3, batch 32"},
    };
    printf("\nModels on the built-in data (fixed splits; lanes train MODEL --json for more)\n");
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        struct lanes_train_args a;
        struct lanes_train_outcome r;
        lanes_model m = {0};
        lanes_train_args_defaults(&a, runs[i].model);
        a.solver = runs[i].solver;
        a.quiet = 1;
        a.keep = &m;
        if (lanes_train_run(&a, &r) != 0)
            return 1;
        printf("  %-6s %-62s\n         ", runs[i].model, runs[i].what);
        if (m.kind == LANES_MODEL_LINREG) {
            printf("w = [");
            for (size_t j = 0; j < m.linreg.d; j++)
                printf("%s%.5f", j ? ", " : "", m.linreg.w[j]);
            printf("], b = %.5f, test MSE %.3g, R^2 %.6f", m.linreg.b, r.test_mse, r.test_r2);
        } else {
            printf("%zu epochs, train loss %.4f, test accuracy %.4f (%zu test rows)", r.epochs,
                   r.train_loss, r.test_accuracy, r.test_rows);
        }
        printf(", %.1f ms\n", r.seconds * 1e3);
        lanes_model_free(&m);
    }
    return 0;
}

int lanes_cmd_demo(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct lanes_loop_ctx c;
    if (lanes_loop_init(&c) != 0) {
        fprintf(stderr, "lanes demo: out of memory\n");
        return 1;
    }

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
    double t_loop = time_call(lanes_loop_vadd.plain, &c);
    printf("  %-44s %9.2f us\n", "plain loop  y[i] = x[i] + y[i]", t_loop * 1e6);
    for (size_t i = 0; i < nisa; i++) {
        lanes_set_isa(isas[i]);
        double t = time_call(lanes_loop_vadd.lanes, &c);
        char label[64];
        snprintf(label, sizeof label, "lanes_saxpy(alpha = 1), %s", isas[i]);
        printf("  %-44s %9.2f us   %6.1fx faster\n", label, t * 1e6, t_loop / t);
    }
    lanes_loop_fill(&c);

    printf("\n%-9s %-10s %-7s %12s %9s %10s\n", "kernel", "size", "isa", "time/call", "speedup",
           "rate");
    for (size_t ci = 0; ci < lanes_loop_ncases; ci++) {
        const struct lanes_loop_case *d = &lanes_loop_cases[ci];
        c.m = d->m;
        c.n = d->n;
        c.k = d->k;
        double tp = time_call(d->plain, &c);
        printf("%-9s %-10s %-7s %10.2f us %8.1fx %7.2f %s\n", d->name, d->size, "loop", tp * 1e6,
               1.0, d->work / tp * 1e-9, lanes_loop_unit_name[d->unit]);
        for (size_t i = 0; i < nisa; i++) {
            lanes_set_isa(isas[i]);
            double t = time_call(d->lanes, &c);
            printf("%-9s %-10s %-7s %10.2f us %8.1fx %7.2f %s\n", "", "", isas[i], t * 1e6, tp / t,
                   d->work / t * 1e-9, lanes_loop_unit_name[d->unit]);
        }
        fflush(stdout);
        lanes_loop_fill(&c);
    }
    /* back to what ran before: LANES_ISA's choice, or the default table */
    const char *env = getenv("LANES_ISA");
    lanes_set_isa(env && lanes_isa_supported(env) ? chosen : "auto");
    lanes_set_num_threads(threads);
    printf("\nloop: the textbook loop, compiled without auto-vectorisation (bench/plain.c);\n"
           "expf/sigmoidf/softmaxf loops call libm expf element by element.\n");
    lanes_loop_free(&c);
    return demo_models();
}
