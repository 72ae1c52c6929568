/* Optimizers (lanes_models.h).  Each rule is one elementwise pass over the
 * parameters, written so the compiler vectorises it; plain SGD is a
 * lanes_saxpy. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/frame/frame.h"
#include "lanes_models.h"

static const char *const names[] = {"sgd", "momentum", "adagrad", "rmsprop", "adam", "adamw"};

int lanes_optimizer_parse(const char *name)
{
    for (int i = 0; name && i < (int)(sizeof names / sizeof *names); i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

const char *lanes_optimizer_name(lanes_optimizer kind)
{
    return (unsigned)kind < sizeof names / sizeof *names ? names[kind] : "?";
}

void lanes_optim_defaults(lanes_optim_opts *o, lanes_optimizer kind)
{
    int adam = kind == LANES_OPT_ADAM || kind == LANES_OPT_ADAMW;
    *o = (lanes_optim_opts){.kind = kind,
                            .lr = adam ? 1e-3f : 0.01f,
                            .momentum = 0.9f,
                            .rho = 0.99f,
                            .beta1 = 0.9f,
                            .beta2 = 0.999f,
                            .eps = kind == LANES_OPT_ADAGRAD ? 1e-10f : 1e-8f,
                            .weight_decay = kind == LANES_OPT_ADAMW ? 0.01f : 0.0f};
}

int lanes_optim_init(lanes_optim *opt, const lanes_optim_opts *o, size_t n)
{
    const char *rt = "lanes_optim_init";
    if (!opt)
        return lanes_arg_error(rt, 1, "(opt) is NULL");
    if (!o || (unsigned)o->kind > LANES_OPT_ADAMW)
        return lanes_arg_error(rt, 2, "(opts) is NULL or names no optimizer");
    if (!(o->lr > 0) || !isfinite(o->lr))
        return lanes_arg_error(rt, 2, "(lr = %g) must be finite and > 0", (double)o->lr);
    if (!(o->momentum >= 0 && o->momentum < 1) || !(o->rho >= 0 && o->rho < 1) ||
        !(o->beta1 >= 0 && o->beta1 < 1) || !(o->beta2 >= 0 && o->beta2 < 1))
        return lanes_arg_error(rt, 2, "momentum, rho, beta1 and beta2 must be in [0, 1)");
    if (!(o->eps > 0) || !(o->weight_decay >= 0) || !isfinite(o->weight_decay))
        return lanes_arg_error(rt, 2, "(eps = %g, weight_decay = %g) must be > 0 and >= 0",
                               (double)o->eps, (double)o->weight_decay);
    int states = o->kind == LANES_OPT_SGD                                 ? 0
                 : o->kind == LANES_OPT_ADAM || o->kind == LANES_OPT_ADAMW ? 2
                                                                           : 1;
    lanes_optim r = {.o = *o, .n = n};
    if (states >= 1 && !(r.m = calloc(n ? n : 1, sizeof(float))))
        return lanes_error(LANES_ENOMEM, "%s: out of memory for %zu parameters", rt, n);
    if (states == 2 && !(r.v = calloc(n ? n : 1, sizeof(float)))) {
        free(r.m);
        return lanes_error(LANES_ENOMEM, "%s: out of memory for %zu parameters", rt, n);
    }
    *opt = r;
    return 0;
}

void lanes_optim_free(lanes_optim *opt)
{
    if (!opt)
        return;
    free(opt->m);
    free(opt->v);
    opt->m = opt->v = NULL;
}

/* The rule on entries [lo, hi); t already counts this step. */
static void step_range(const lanes_optim *opt, size_t lo, size_t hi, float *restrict p,
                       const float *restrict g, const unsigned char *decay)
{
    const float lr = opt->o.lr, eps = opt->o.eps;
    float *restrict m = opt->m, *restrict v = opt->v;
    switch (opt->o.kind) {
    case LANES_OPT_SGD:
        lanes_saxpy((ptrdiff_t)(hi - lo), -lr, g + lo, 1, p + lo, 1);
        break;
    case LANES_OPT_MOMENTUM: {
        const float mu = opt->o.momentum;
        for (size_t i = lo; i < hi; i++) {
            m[i] = mu * m[i] + g[i];
            p[i] -= lr * m[i];
        }
        break;
    }
    case LANES_OPT_ADAGRAD:
        for (size_t i = lo; i < hi; i++) {
            m[i] += g[i] * g[i];
            p[i] -= lr * g[i] / (sqrtf(m[i]) + eps);
        }
        break;
    case LANES_OPT_RMSPROP: {
        const float rho = opt->o.rho;
        for (size_t i = lo; i < hi; i++) {
            m[i] = rho * m[i] + (1 - rho) * g[i] * g[i];
            p[i] -= lr * g[i] / (sqrtf(m[i]) + eps);
        }
        break;
    }
    case LANES_OPT_ADAMW:
        if (opt->o.weight_decay > 0) {
            const float k = 1 - lr * opt->o.weight_decay;
            for (size_t i = lo; i < hi; i++)
                p[i] *= !decay || decay[i] ? k : 1.0f;
        }
        /* fall through */
    case LANES_OPT_ADAM: {
        const float b1 = opt->o.beta1, b2 = opt->o.beta2;
        /* bias corrections folded into the step size and epsilon */
        const double c1 = 1 - pow(b1, (double)opt->t), c2 = 1 - pow(b2, (double)opt->t);
        const float step = (float)(lr / c1), rc2 = (float)(1 / sqrt(c2));
        for (size_t i = lo; i < hi; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            p[i] -= step * m[i] / (sqrtf(v[i]) * rc2 + eps);
        }
        break;
    }
    }
}

struct step_job {
    const lanes_optim *opt;
    float *p;
    const float *g;
    const unsigned char *decay;
};

static void step_job_range(size_t lo, size_t hi, void *ctx)
{
    const struct step_job *job = ctx;
    step_range(job->opt, lo, hi, job->p, job->g, job->decay);
}

int lanes_optim_step(lanes_optim *opt, float *p, const float *g, const unsigned char *decay)
{
    const char *rt = "lanes_optim_step";
    if (!opt || (opt->o.kind != LANES_OPT_SGD && !opt->m))
        return lanes_arg_error(rt, 1, "(opt) is NULL or not initialised");
    if (opt->n && (!p || !g))
        return lanes_arg_error(rt, p ? 3 : 2, "(%s) is NULL", p ? "g" : "p");
    opt->t++;
    /* elementwise: split across the threads for large parameter counts
     * (each entry's update is the same whatever the split) */
    struct step_job job = {opt, p, g, decay};
    lanes_parallel_range(opt->n, opt->n, 16, step_job_range, &job);
    return 0;
}
