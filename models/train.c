/* The training loop for dense networks (lanes_models.h): reshuffled
 * minibatches, one optimizer step per batch, validation after each epoch,
 * early stopping that keeps the best parameters. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kernels/frame/frame.h"
#include "lanes_models.h"
#include "models/models.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void lanes_train_defaults(lanes_train_opts *o, lanes_optimizer kind)
{
    memset(o, 0, sizeof *o);
    lanes_optim_defaults(&o->optim, kind);
    o->batch = 32;
    o->epochs = 10;
}

/* 1 for the entries of W (decayed by AdamW), 0 for biases */
static unsigned char *decay_mask(const lanes_net *net)
{
    unsigned char *d = malloc(net->nparams);
    if (!d)
        return NULL;
    size_t off = 0;
    for (size_t l = 0; l < net->layers; l++) {
        size_t nw = net->width[l] * net->width[l + 1];
        memset(d + off, 1, nw);
        memset(d + off + nw, 0, net->width[l + 1]);
        off += nw + net->width[l + 1];
    }
    return d;
}

int lanes_net_train(lanes_net *net, size_t n, const float *x, const float *y, size_t nval,
                    const float *xval, const float *yval, const lanes_train_opts *o,
                    lanes_train_result *res)
{
    const char *rt = "lanes_net_train";
    int rc = lanes_net_bad(rt, net);
    if (rc)
        return rc;
    if (n == 0)
        return lanes_arg_error(rt, 2, "(n) is 0: no training rows");
    if (!x || !y)
        return lanes_arg_error(rt, x ? 4 : 3, "(%s) is NULL", x ? "y" : "x");
    if (nval && (!xval || !yval))
        return lanes_arg_error(rt, xval ? 7 : 6, "(%s) is NULL with nval = %zu",
                               xval ? "yval" : "xval", nval);
    if (!o)
        return lanes_arg_error(rt, 8, "(opts) is NULL");
    if (o->epochs == 0)
        return lanes_arg_error(rt, 8, "(opts.epochs) is 0");
    if (!(o->lambda >= 0) || !isfinite(o->lambda))
        return lanes_arg_error(rt, 8, "(opts.lambda = %g) must be finite and >= 0",
                               (double)o->lambda);
    if ((rc = lanes_net_labels_bad(rt, 4, net, n, y)) ||
        (nval && (rc = lanes_net_labels_bad(rt, 7, net, nval, yval))))
        return rc;

    const size_t d = net->width[0], B = o->batch == 0 || o->batch > n ? n : o->batch;
    const size_t ylen = net->loss == LANES_LOSS_SQUARED ? net->width[net->layers] : 1;
    const int early = o->patience > 0 && nval > 0;
    lanes_optim opt = {0};
    int trained = 0; /* parameters may have moved: restore them on failure */
    struct lanes_net_ws ws = {0};
    size_t *order = malloc(n * sizeof(size_t));
    float *xb = malloc(B * d * sizeof(float)), *yb = malloc(B * ylen * sizeof(float));
    float *grad = malloc(net->nparams * sizeof(float));
    float *best = early ? malloc(net->nparams * sizeof(float)) : NULL;
    /* the parameters as they came: a failed run (divergence) restores them */
    float *initial = malloc(net->nparams * sizeof(float));
    unsigned char *decay = decay_mask(net);
    if (!order || !xb || !yb || !grad || !decay || !initial || (early && !best)) {
        rc = lanes_error(LANES_ENOMEM, "%s: out of memory", rt);
        goto done;
    }
    memcpy(initial, net->params, net->nparams * sizeof(float));
    if ((rc = lanes_optim_init(&opt, &o->optim, net->nparams)) ||
        (rc = lanes_net_ws_init(&ws, net, B)))
        goto done;

    uint64_t s = lanes_rng_seed(o->seed);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    double t0 = now(), best_loss = INFINITY, loss = NAN, val_loss = NAN;
    size_t best_epoch = 0, ran = 0;
    trained = 1;
    for (size_t epoch = 1; epoch <= o->epochs; epoch++) {
        if (B < n)
            lanes_shuffle(order, n, &s);
        double sum = 0;
        for (size_t i0 = 0; i0 < n; i0 += B) {
            size_t nb = n - i0 < B ? n - i0 : B;
            const float *bx = x, *by = y;
            if (B < n) { /* gather the batch's rows (split across threads when large) */
                int nth = lanes_parallel_begin(nb * d, 4, 1);
#pragma omp parallel for num_threads(nth) if (nth > 1) schedule(static)
                for (size_t i = 0; i < nb; i++) {
                    memcpy(xb + i * d, x + order[i0 + i] * d, d * sizeof(float));
                    memcpy(yb + i * ylen, y + order[i0 + i] * ylen, ylen * sizeof(float));
                }
                lanes_parallel_end(nth);
                bx = xb;
                by = yb;
            }
            sum += lanes_net_batch_grad(net, nb, bx, by, o->lambda, grad, &ws) * (double)nb;
            lanes_optim_step(&opt, net->params, grad, decay);
        }
        loss = sum / (double)n;
        ran = epoch;
        if (!isfinite(loss)) {
            rc = lanes_error(LANES_EDATA,
                             "%s: the training loss diverged to %g in epoch %zu; lower the "
                             "learning rate",
                             rt, loss, epoch);
            goto done;
        }
        lanes_epoch_report r = {epoch, loss, NAN, NAN, 0};
        if (nval && (rc = lanes_net_evaluate(net, nval, xval, yval, &r.val_loss, &r.val_metric)))
            goto done;
        val_loss = r.val_loss;
        r.seconds = now() - t0;
        if (o->progress)
            o->progress(&r, o->ctx);
        if (early) {
            if (r.val_loss < best_loss) {
                best_loss = r.val_loss;
                best_epoch = epoch;
                memcpy(best, net->params, net->nparams * sizeof(float));
            } else if (epoch - best_epoch >= o->patience) {
                break;
            }
        }
    }
    if (early && best_epoch)
        memcpy(net->params, best, net->nparams * sizeof(float));
    if (res) {
        double secs = now() - t0;
        *res = (lanes_train_result){.epochs = ran,
                                    .best_epoch = early ? best_epoch : ran,
                                    .train_loss = loss,
                                    .val_loss = early ? best_loss : val_loss,
                                    .seconds = secs,
                                    .samples_per_second = (double)n * (double)ran / secs};
    }
done:
    if (rc && trained)
        memcpy(net->params, initial, net->nparams * sizeof(float));
    lanes_optim_free(&opt);
    lanes_net_ws_free(&ws);
    free(order);
    free(xb);
    free(yb);
    free(grad);
    free(best);
    free(initial);
    free(decay);
    return rc;
}
