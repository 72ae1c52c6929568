/* Dense networks (lanes_models.h): forward and backward passes.  Every
 * layer is one lanes_sgemm forward and two backward (weights, and the
 * previous layer's delta), bias gradients are lanes_sgemv against a vector
 * of ones, the sigmoid and the softmax cross-entropy are the vector-math
 * kernels; what is left in C is elementwise (ReLU and derivatives). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/frame/frame.h"
#include "lanes_models.h"
#include "models/models.h"

/* Parameter offsets of layer l: W at off, b at off + in*out. */
static size_t layer_off(const lanes_net *net, size_t l)
{
    size_t off = 0;
    for (size_t i = 0; i < l; i++)
        off += (net->width[i] + 1) * net->width[i + 1];
    return off;
}

static size_t net_max_width(const lanes_net *net)
{
    size_t w = 0;
    for (size_t l = 0; l <= net->layers; l++)
        w = net->width[l] > w ? net->width[l] : w;
    return w;
}

int lanes_net_shape_fault(size_t layers, const size_t *width, unsigned act, unsigned loss,
                          size_t *at)
{
    if (layers == 0 || layers > LANES_NET_MAX_LAYERS)
        return LANES_NET_BAD_LAYERS;
    if (!width)
        return LANES_NET_BAD_WIDTH;
    for (size_t l = 0; l <= layers; l++)
        if (width[l] == 0 || width[l] > LANES_NET_MAX_WIDTH) {
            *at = l;
            return LANES_NET_BAD_WIDTH;
        }
    if (act > LANES_ACT_SIGMOID)
        return LANES_NET_BAD_ACT;
    if (loss > LANES_LOSS_SQUARED)
        return LANES_NET_BAD_LOSS;
    size_t out = width[layers];
    if ((loss == LANES_LOSS_SOFTMAX_XENT && out < 2) || (loss == LANES_LOSS_LOGISTIC && out != 1))
        return LANES_NET_BAD_OUTPUTS;
    return 0;
}

int lanes_net_shape_bad(const char *rt, int pos, size_t layers, const size_t *width,
                        lanes_act act, lanes_loss loss)
{
    size_t l = 0;
    switch (lanes_net_shape_fault(layers, width, (unsigned)act, (unsigned)loss, &l)) {
    case LANES_NET_BAD_LAYERS:
        return lanes_arg_error(rt, pos, "(layers = %zu) must be 1..%d", layers,
                               LANES_NET_MAX_LAYERS);
    case LANES_NET_BAD_WIDTH:
        if (!width)
            return lanes_arg_error(rt, pos + 1, "(width) is NULL");
        return lanes_arg_error(rt, pos + 1, "(width[%zu] = %zu) must be 1..%u", l, width[l],
                               LANES_NET_MAX_WIDTH);
    case LANES_NET_BAD_ACT:
        return lanes_arg_error(rt, pos + 2, "(act = %d) is not an activation", (int)act);
    case LANES_NET_BAD_LOSS:
        return lanes_arg_error(rt, pos + 3, "(loss = %d) is not a loss", (int)loss);
    case LANES_NET_BAD_OUTPUTS:
        if (loss == LANES_LOSS_LOGISTIC)
            return lanes_arg_error(rt, pos + 1, "the logistic loss needs 1 output, not %zu",
                                   width[layers]);
        return lanes_arg_error(rt, pos + 1, "softmax cross-entropy needs >= 2 outputs, not %zu",
                               width[layers]);
    }
    return 0;
}

int lanes_net_alloc(lanes_net *net, size_t layers, const size_t *width, lanes_act act,
                    lanes_loss loss)
{
    lanes_net r = {0};
    r.layers = layers;
    memcpy(r.width, width, (layers + 1) * sizeof(size_t));
    r.act = act;
    r.loss = loss;
    r.nparams = layer_off(&r, layers);
    r.params = calloc(r.nparams, sizeof(float));
    if (!r.params)
        return lanes_error(LANES_ENOMEM, "lanes_net: out of memory for %zu parameters",
                           r.nparams);
    *net = r;
    return 0;
}

int lanes_net_init(lanes_net *net, size_t layers, const size_t *width, lanes_act act,
                   lanes_loss loss, unsigned long long seed)
{
    const char *rt = "lanes_net_init";
    if (!net)
        return lanes_arg_error(rt, 1, "(net) is NULL");
    int bad = lanes_net_shape_bad(rt, 2, layers, width, act, loss);
    if (bad)
        return bad;
    lanes_net r;
    int rc = lanes_net_alloc(&r, layers, width, act, loss);
    if (rc)
        return rc;
    uint64_t s = lanes_rng_seed(seed);
    for (size_t l = 0; l < layers; l++) {
        float *w = r.params + layer_off(&r, l);
        size_t in = width[l], out = width[l + 1];
        if (act == LANES_ACT_RELU && l + 1 < layers) {
            double sd = sqrt(2.0 / (double)in); /* He: keeps the ReLU signal's variance */
            for (size_t i = 0; i < in * out; i++)
                w[i] = (float)(sd * lanes_rng_gauss(&s));
        } else {
            double lim = sqrt(6.0 / (double)(in + out)); /* Xavier (Glorot) uniform */
            for (size_t i = 0; i < in * out; i++)
                w[i] = (float)(lim * (2 * lanes_rng_uniform(&s) - 1));
        }
    }
    *net = r;
    return 0;
}

void lanes_net_free(lanes_net *net)
{
    if (!net)
        return;
    free(net->params);
    net->params = NULL;
    net->nparams = 0;
    net->layers = 0;
}

void lanes_net_ws_free(struct lanes_net_ws *ws)
{
    free(ws->buf);
    memset(ws, 0, sizeof *ws);
}

int lanes_net_ws_init(struct lanes_net_ws *ws, const lanes_net *net, size_t rows)
{
    size_t w = net_max_width(net), total = 0;
    for (size_t l = 1; l <= net->layers; l++)
        total += rows * net->width[l];
    total += 2 * rows * w + rows; /* two deltas, ones */
    memset(ws, 0, sizeof *ws);
    ws->buf = malloc(total * sizeof(float) + rows * sizeof(int));
    if (!ws->buf)
        return lanes_error(LANES_ENOMEM, "lanes_net: out of memory for a %zu-row workspace", rows);
    ws->rows = rows;
    float *p = ws->buf;
    for (size_t l = 1; l <= net->layers; l++, p += rows * net->width[l - 1])
        ws->act[l] = p;
    ws->d0 = p;
    ws->d1 = p + rows * w;
    ws->ones = p + 2 * rows * w;
    for (size_t i = 0; i < rows; i++)
        ws->ones[i] = 1;
    ws->labels = (int *)(ws->ones + rows);
    return 0;
}

/* z = act(z + 1 b^T) on rows [lo, hi) of width w */
struct bias_act_job {
    size_t w;
    const float *b;
    lanes_act act;
    float *z;
};

static void bias_act_rows(size_t lo, size_t hi, void *ctx)
{
    const struct bias_act_job *job = ctx;
    const size_t w = job->w;
    const float *b = job->b;
    const lanes_act act = job->act;
    float *z = job->z;
    for (size_t i = lo; i < hi; i++) {
        float *r = z + i * w;
        if (act == LANES_ACT_RELU)
            for (size_t j = 0; j < w; j++)
                r[j] = r[j] + b[j] > 0 ? r[j] + b[j] : 0;
        else
            for (size_t j = 0; j < w; j++)
                r[j] += b[j];
    }
    if (act == LANES_ACT_SIGMOID && hi > lo)
        lanes_sigmoidf((hi - lo) * w, z + lo * w, z + lo * w);
}

/* delta *= act'(a), with act' from the activation's output a, on [lo, hi) */
struct act_grad_job {
    lanes_act act;
    const float *a;
    float *delta;
};

static void act_grad_range(size_t lo, size_t hi, void *ctx)
{
    const struct act_grad_job *job = ctx;
    const lanes_act act = job->act;
    const float *a = job->a;
    float *delta = job->delta;
    if (act == LANES_ACT_RELU)
        for (size_t i = lo; i < hi; i++)
            delta[i] = a[i] > 0 ? delta[i] : 0;
    else if (act == LANES_ACT_SIGMOID)
        for (size_t i = lo; i < hi; i++)
            delta[i] *= a[i] * (1 - a[i]);
}

/* The elementwise passes, split by rows across the threads when large
 * (each element's result is the same whatever the split). */
static void bias_act(size_t nb, size_t w, const float *b, lanes_act act, float *z)
{
    struct bias_act_job job = {w, b, act, z};
    lanes_parallel_range(nb, nb * w, 1, bias_act_rows, &job);
}

static void act_grad(size_t n, lanes_act act, const float *a, float *delta)
{
    if (act == LANES_ACT_IDENTITY)
        return;
    struct act_grad_job job = {act, a, delta};
    lanes_parallel_range(n, n, 16, act_grad_range, &job);
}

void lanes_net_forward(const lanes_net *net, size_t nb, const float *x, struct lanes_net_ws *ws)
{
    const float *in = x;
    for (size_t l = 0; l < net->layers; l++) {
        size_t win = net->width[l], wout = net->width[l + 1];
        const float *w = net->params + layer_off(net, l), *b = w + win * wout;
        float *z = ws->act[l + 1];
        /* z = in W, then bias and activation in one pass over z */
        lanes_sgemm(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_NO_TRANS, (ptrdiff_t)nb,
                    (ptrdiff_t)wout, (ptrdiff_t)win, 1.0f, in, (ptrdiff_t)win, w, (ptrdiff_t)wout,
                    0.0f, z, (ptrdiff_t)wout);
        bias_act(nb, wout, b, l + 1 < net->layers ? net->act : LANES_ACT_IDENTITY, z);
        in = z;
    }
}

/* log(1 + e^z), without overflow */
static double softplus(double z)
{
    return (z > 0 ? z : 0) + log1p(exp(-fabs(z)));
}

/* Loss of the last layer's outputs z (nb rows) against y, summed over the
 * rows; with grad, z is replaced by dLoss/dz scaled by `scale`. */
double lanes_net_output_loss(const lanes_net *net, size_t nb, const float *y, float *z,
                             int *labels, int grad, float scale)
{
    size_t out = net->width[net->layers];
    double sum = 0;
    switch (net->loss) {
    case LANES_LOSS_SOFTMAX_XENT:
        for (size_t i = 0; i < nb; i++)
            labels[i] = (int)y[i];
        sum = (double)lanes_softmax_xentf(nb, out, z, labels, NULL, grad ? z : NULL) * (double)nb;
        if (grad)
            for (size_t i = 0; i < nb * out; i++)
                z[i] *= scale;
        break;
    case LANES_LOSS_LOGISTIC:
        for (size_t i = 0; i < nb; i++) {
            sum += softplus(z[i]) - (double)y[i] * z[i]; /* -log p(y | z) */
        }
        if (grad) {
            lanes_sigmoidf(nb, z, z);
            for (size_t i = 0; i < nb; i++)
                z[i] = (z[i] - y[i]) * scale;
        }
        break;
    case LANES_LOSS_SQUARED:
        for (size_t i = 0; i < nb * out; i++) {
            double r = (double)z[i] - y[i];
            sum += 0.5 * r * r;
            if (grad)
                z[i] = (float)r * scale;
        }
        break;
    }
    return sum;
}

/* lambda/2 * sum of squared weights */
static double l2_term(const lanes_net *net, float lambda)
{
    if (lambda == 0)
        return 0;
    double s = 0;
    for (size_t l = 0; l < net->layers; l++) {
        size_t len = net->width[l] * net->width[l + 1];
        const float *w = net->params + layer_off(net, l);
        s += lanes_sdot((ptrdiff_t)len, w, 1, w, 1);
    }
    return 0.5 * lambda * s;
}

double lanes_net_batch_grad(const lanes_net *net, size_t nb, const float *x, const float *y,
                            float lambda, float *grad, struct lanes_net_ws *ws)
{
    const size_t L = net->layers;
    lanes_net_forward(net, nb, x, ws);
    /* the mean over the batch: each row's gradient is scaled by 1/nb */
    double loss = lanes_net_output_loss(net, nb, y, ws->act[L], ws->labels, 1, 1.0f / (float)nb) /
                  (double)nb;
    loss += l2_term(net, lambda);
    float *delta = ws->act[L], *spare[2] = {ws->d0, ws->d1};
    for (size_t l = L; l-- > 0;) {
        size_t win = net->width[l], wout = net->width[l + 1];
        const float *in = l ? ws->act[l] : x;
        const float *w = net->params + layer_off(net, l);
        float *gw = grad + layer_off(net, l), *gb = gw + win * wout;
        /* dW = in^T delta (+ lambda W), db = delta^T 1 */
        lanes_sgemm(LANES_ROW_MAJOR, LANES_TRANS, LANES_NO_TRANS, (ptrdiff_t)win, (ptrdiff_t)wout,
                    (ptrdiff_t)nb, 1.0f, in, (ptrdiff_t)win, delta, (ptrdiff_t)wout, 0.0f, gw,
                    (ptrdiff_t)wout);
        if (lambda != 0)
            lanes_saxpy((ptrdiff_t)(win * wout), lambda, w, 1, gw, 1);
        lanes_sgemv(LANES_ROW_MAJOR, LANES_TRANS, (ptrdiff_t)nb, (ptrdiff_t)wout, 1.0f, delta,
                    (ptrdiff_t)wout, ws->ones, 1, 0.0f, gb, 1);
        if (l == 0)
            break;
        /* delta_prev = (delta W^T) * act'(a), with act' from the output a */
        float *prev = spare[l & 1];
        lanes_sgemm(LANES_ROW_MAJOR, LANES_NO_TRANS, LANES_TRANS, (ptrdiff_t)nb, (ptrdiff_t)win,
                    (ptrdiff_t)wout, 1.0f, delta, (ptrdiff_t)wout, w, (ptrdiff_t)wout, 0.0f, prev,
                    (ptrdiff_t)win);
        act_grad(nb * win, net->act, ws->act[l], prev);
        delta = prev;
    }
    return loss;
}

int lanes_net_bad(const char *rt, const lanes_net *net)
{
    if (!net || !net->params)
        return lanes_arg_error(rt, 1, "(net) is NULL or not initialised");
    return lanes_net_shape_bad(rt, 1, net->layers, net->width, net->act, net->loss);
}

int lanes_net_labels_bad(const char *rt, int pos, const lanes_net *net, size_t n, const float *y)
{
    size_t out = net->width[net->layers];
    size_t count = net->loss == LANES_LOSS_SQUARED ? n * out : n;
    for (size_t i = 0; i < count; i++) {
        float v = y[i];
        if (!isfinite(v))
            return lanes_arg_error(rt, pos, "(y[%zu] = %g) is not finite", i, (double)v);
        if (net->loss == LANES_LOSS_SOFTMAX_XENT && (v != floorf(v) || v < 0 || v >= (float)out))
            return lanes_arg_error(rt, pos, "(y[%zu] = %g) is not a class label 0..%zu", i,
                                   (double)v, out - 1);
        if (net->loss == LANES_LOSS_LOGISTIC && v != 0 && v != 1)
            return lanes_arg_error(rt, pos, "(y[%zu] = %g) is not a binary label 0 or 1", i,
                                   (double)v);
    }
    return 0;
}

int lanes_net_loss_grad(const lanes_net *net, size_t n, const float *x, const float *y,
                        float lambda, double *loss, float *grad)
{
    const char *rt = "lanes_net_loss_grad";
    int bad = lanes_net_bad(rt, net);
    if (bad)
        return bad;
    if (n == 0)
        return lanes_arg_error(rt, 2, "(n) is 0");
    if (!x)
        return lanes_arg_error(rt, 3, "(x) is NULL");
    if (!y)
        return lanes_arg_error(rt, 4, "(y) is NULL");
    if (!(lambda >= 0) || !isfinite(lambda))
        return lanes_arg_error(rt, 5, "(lambda = %g) must be finite and >= 0", (double)lambda);
    if (!loss)
        return lanes_arg_error(rt, 6, "(loss) is NULL");
    if ((bad = lanes_net_labels_bad(rt, 4, net, n, y)))
        return bad;
    struct lanes_net_ws ws;
    int rc = lanes_net_ws_init(&ws, net, n);
    if (rc)
        return rc;
    if (grad) {
        *loss = lanes_net_batch_grad(net, n, x, y, lambda, grad, &ws);
    } else {
        lanes_net_forward(net, n, x, &ws);
        *loss = lanes_net_output_loss(net, n, y, ws.act[net->layers], ws.labels, 0, 1) /
                    (double)n + l2_term(net, lambda);
    }
    lanes_net_ws_free(&ws);
    return 0;
}

/* Forward in chunks of rows (bounded memory), handing each chunk's last-
 * layer outputs z to `each`. */
enum { CHUNK = 256 };
static int forward_chunks(const char *rt, const lanes_net *net, size_t n, const float *x,
                          void (*each)(const lanes_net *, size_t i0, size_t nb, float *z, void *),
                          void *ctx)
{
    int bad = lanes_net_bad(rt, net);
    if (bad)
        return bad;
    if (n && !x)
        return lanes_arg_error(rt, 3, "(x) is NULL");
    struct lanes_net_ws ws;
    int rc = lanes_net_ws_init(&ws, net, n < CHUNK ? (n ? n : 1) : CHUNK);
    if (rc)
        return rc;
    for (size_t i0 = 0; i0 < n; i0 += CHUNK) {
        size_t nb = n - i0 < CHUNK ? n - i0 : CHUNK;
        lanes_net_forward(net, nb, x + i0 * net->width[0], &ws);
        each(net, i0, nb, ws.act[net->layers], ctx);
    }
    lanes_net_ws_free(&ws);
    return 0;
}

static void out_probs(const lanes_net *net, size_t i0, size_t nb, float *z, void *ctx)
{
    size_t out = net->width[net->layers];
    float *o = (float *)ctx + i0 * out;
    if (net->loss == LANES_LOSS_SOFTMAX_XENT)
        lanes_softmaxf(nb, out, z, o);
    else if (net->loss == LANES_LOSS_LOGISTIC)
        lanes_sigmoidf(nb, z, o);
    else
        memcpy(o, z, nb * out * sizeof(float));
}

int lanes_net_predict(const lanes_net *net, size_t n, const float *x, float *out)
{
    if (n && !out)
        return lanes_arg_error("lanes_net_predict", 4, "(out) is NULL");
    return forward_chunks("lanes_net_predict", net, n, x, out_probs, out);
}

struct label_ctx {
    float *out;
    float threshold;
};

static void out_labels(const lanes_net *net, size_t i0, size_t nb, float *z, void *p)
{
    const struct label_ctx *c = p;
    size_t out = net->width[net->layers];
    for (size_t i = 0; i < nb; i++) {
        const float *r = z + i * out;
        float v = r[0];
        if (net->loss == LANES_LOSS_SOFTMAX_XENT) { /* argmax of the logits */
            size_t best = 0;
            for (size_t j = 1; j < out; j++)
                best = r[j] > r[best] ? j : best;
            v = (float)best;
        } else if (net->loss == LANES_LOSS_LOGISTIC) {
            float pr;
            lanes_sigmoidf(1, r, &pr);
            v = pr >= c->threshold ? 1.0f : 0.0f;
        }
        c->out[i0 + i] = v;
    }
}

int lanes_net_predict_label(const lanes_net *net, size_t n, const float *x, float threshold,
                            float *out)
{
    const char *rt = "lanes_net_predict_label";
    if (!(threshold > 0 && threshold < 1))
        return lanes_arg_error(rt, 4, "(threshold = %g) must be in (0, 1)", (double)threshold);
    if (n && !out)
        return lanes_arg_error(rt, 5, "(out) is NULL");
    struct label_ctx c = {out, threshold};
    return forward_chunks(rt, net, n, x, out_labels, &c);
}

/* Mean loss (without the L2 term) and metric (accuracy, or MSE for the
 * squared loss) over n rows. */
struct eval_ctx {
    const float *y;
    double loss, metric;
    int *labels;
};

static void eval_chunk(const lanes_net *net, size_t i0, size_t nb, float *z, void *p)
{
    struct eval_ctx *c = p;
    size_t out = net->width[net->layers];
    const float *y = c->y + i0 * (net->loss == LANES_LOSS_SQUARED ? out : 1);
    float lab[CHUNK];
    struct label_ctx lc = {lab, 0.5f};
    if (net->loss == LANES_LOSS_SQUARED) {
        c->loss += lanes_net_output_loss(net, nb, y, z, c->labels, 0, 1);
        for (size_t i = 0; i < nb * out; i++)
            c->metric += ((double)z[i] - y[i]) * ((double)z[i] - y[i]);
        return;
    }
    out_labels(net, 0, nb, z, &lc);
    for (size_t i = 0; i < nb; i++)
        c->metric += lab[i] == y[i];
    c->loss += lanes_net_output_loss(net, nb, y, z, c->labels, 0, 1);
}

int lanes_net_evaluate(const lanes_net *net, size_t n, const float *x, const float *y,
                       double *loss, double *metric)
{
    int *labels = malloc(CHUNK * sizeof(int));
    if (!labels)
        return lanes_error(LANES_ENOMEM, "lanes_net_evaluate: out of memory");
    struct eval_ctx c = {y, 0, 0, labels};
    int rc = forward_chunks("lanes_net_evaluate", net, n, x, eval_chunk, &c);
    free(labels);
    if (rc)
        return rc;
    size_t out = net->width[net->layers];
    *loss = n ? c.loss / (double)n : NAN;
    *metric = n ? c.metric / (double)(net->loss == LANES_LOSS_SQUARED ? n * out : n) : NAN;
    return 0;
}
