/* Dense networks, optimizers, training, data preparation and model files:
 * gradients against central finite differences in double, optimizer steps
 * against values worked out by hand, trained accuracy on the shipped data
 * sets' fixed splits, and every way a model file can be damaged. */
#include <unistd.h>
#include <zlib.h>

#include "common.h"
#include "lanes_models.h"

/* ---- gradients ---------------------------------------------------------- */

/* The loss of `net` in double precision, recomputed from scratch (an
 * independent forward pass: plain loops, no lanes kernels). */
static double ref_loss(const lanes_net *net, size_t n, const float *x, const float *y,
                       const double *p, double lambda)
{
    size_t maxw = 0;
    for (size_t l = 0; l <= net->layers; l++)
        maxw = net->width[l] > maxw ? net->width[l] : maxw;
    double *a = malloc(maxw * sizeof(double)), *z = malloc(maxw * sizeof(double));
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < net->width[0]; j++)
            a[j] = x[i * net->width[0] + j];
        size_t off = 0;
        for (size_t l = 0; l < net->layers; l++) {
            size_t in = net->width[l], out = net->width[l + 1];
            for (size_t o = 0; o < out; o++) {
                double s = p[off + in * out + o];
                for (size_t k = 0; k < in; k++)
                    s += a[k] * p[off + k * out + o];
                z[o] = s;
            }
            off += (in + 1) * out;
            for (size_t o = 0; o < out; o++) {
                double v = z[o];
                if (l + 1 < net->layers && net->act == LANES_ACT_RELU)
                    v = v > 0 ? v : 0;
                else if (l + 1 < net->layers && net->act == LANES_ACT_SIGMOID)
                    v = 1 / (1 + exp(-v));
                a[o] = v;
            }
        }
        size_t out = net->width[net->layers];
        if (net->loss == LANES_LOSS_SOFTMAX_XENT) {
            double mx = a[0], s = 0;
            for (size_t o = 1; o < out; o++)
                mx = fmax(mx, a[o]);
            for (size_t o = 0; o < out; o++)
                s += exp(a[o] - mx);
            total += mx + log(s) - a[(size_t)y[i]];
        } else if (net->loss == LANES_LOSS_LOGISTIC) {
            double pr = 1 / (1 + exp(-a[0]));
            total -= y[i] ? log(pr) : log(1 - pr);
        } else {
            for (size_t o = 0; o < out; o++)
                total += 0.5 * (a[o] - y[i * out + o]) * (a[o] - y[i * out + o]);
        }
    }
    double l2 = 0;
    size_t off = 0;
    for (size_t l = 0; l < net->layers; l++) {
        size_t nw = net->width[l] * net->width[l + 1];
        for (size_t k = 0; k < nw; k++)
            l2 += p[off + k] * p[off + k];
        off += nw + net->width[l + 1];
    }
    free(a);
    free(z);
    return total / (double)n + 0.5 * lambda * l2;
}

static void grad_check(lanes_act act, lanes_loss loss, size_t layers, float lambda)
{
    size_t width[4] = {5, 7, 6, 0};
    width[layers] = loss == LANES_LOSS_SOFTMAX_XENT ? 4 : loss == LANES_LOSS_LOGISTIC ? 1 : 3;
    lanes_net net;
    cr_assert_eq(lanes_net_init(&net, layers, width, act, loss, 7), 0, "%s",
                 lanes_last_error_message());
    uint64_t s = 99;
    /* biases away from 0 so the ReLU kinks are not at the inputs' scale */
    for (size_t i = 0; i < net.nparams; i++)
        net.params[i] += (float)(0.1 * lanes_rng_unit(&s));
    const size_t n = 9, out = width[layers];
    float x[9 * 5], y[9 * 4];
    for (size_t i = 0; i < n * 5; i++)
        x[i] = (float)lanes_rng_unit(&s);
    for (size_t i = 0; i < n * out; i++)
        y[i] = loss == LANES_LOSS_SOFTMAX_XENT ? (float)(i % 4)
               : loss == LANES_LOSS_LOGISTIC  ? (float)(i % 2)
                                              : (float)lanes_rng_unit(&s);
    float *g = malloc(net.nparams * sizeof(float));
    double *p = malloc(net.nparams * sizeof(double)), l;
    cr_assert_eq(lanes_net_loss_grad(&net, n, x, y, lambda, &l, g), 0, "%s", lanes_last_error_message());
    for (size_t i = 0; i < net.nparams; i++)
        p[i] = net.params[i];
    double l_ref = ref_loss(&net, n, x, y, p, lambda);
    cr_assert(fabs(l - l_ref) <= 1e-5 * (1 + fabs(l_ref)), "loss %.9g vs reference %.9g", l,
              l_ref);
    const double h = 1e-4;
    for (size_t i = 0; i < net.nparams; i++) {
        double keep = p[i];
        p[i] = keep + h;
        double lp = ref_loss(&net, n, x, y, p, lambda);
        p[i] = keep - h;
        double lm = ref_loss(&net, n, x, y, p, lambda);
        p[i] = keep;
        double fd = (lp - lm) / (2 * h);
        cr_assert(fabs(g[i] - fd) <= 1e-4 + 1e-3 * fabs(fd),
                  "act %d loss %d layers %zu: d/dp[%zu] = %.7g, finite difference %.7g", act, loss,
                  layers, i, (double)g[i], fd);
    }
    free(g);
    free(p);
    lanes_net_free(&net);
}

ISA_TEST(nets, gradients_every_layer_and_loss)
{
    (void)isa;
    for (int act = LANES_ACT_IDENTITY; act <= LANES_ACT_SIGMOID; act++)
        for (int loss = LANES_LOSS_SOFTMAX_XENT; loss <= LANES_LOSS_SQUARED; loss++) {
            grad_check((lanes_act)act, (lanes_loss)loss, 3, 0.0f);
            grad_check((lanes_act)act, (lanes_loss)loss, 1, 0.05f);
        }
    grad_check(LANES_ACT_RELU, LANES_LOSS_SOFTMAX_XENT, 2, 0.3f);
}

/* ---- optimizers --------------------------------------------------------- */

/* p = 1, g = 0.5, lr = 0.1, worked out by hand:
 *   sgd       1 - 0.1*0.5 = 0.95, then 0.90
 *   momentum  v = 0.5: 0.95; v = 0.9*0.5 + 0.5 = 0.95: 0.95 - 0.095 = 0.855
 *   adagrad   s = 0.25: 1 - 0.1*0.5/0.5 = 0.9; s = 0.5: 0.9 - 0.05/0.70711 = 0.829289
 *   rmsprop   s = 0.01*0.25 = 0.0025: 1 - 0.05/0.05 = 0; s = 0.99*0.0025 + 0.0025
 *             = 0.004975: 0 - 0.05/0.0705337 = -0.708881
 *   adam      m-hat = 0.5, v-hat = 0.25 at every step with a constant g:
 *             each step moves lr: 0.9, 0.8
 *   adamw     (wd 0.01) 1*(1 - 0.001) - 0.1 = 0.899; 0.899*0.999 - 0.1 = 0.798101;
 *             an entry without decay moves as adam. */
Test(optim, steps_match_hand_computed_values, .fini = lanes_test_fini)
{
    static const struct {
        lanes_optimizer kind;
        double after1, after2;
    } cases[] = {
        {LANES_OPT_SGD, 0.95, 0.90},        {LANES_OPT_MOMENTUM, 0.95, 0.855},
        {LANES_OPT_ADAGRAD, 0.9, 0.829289}, {LANES_OPT_RMSPROP, 0.0, -0.708881},
        {LANES_OPT_ADAM, 0.9, 0.8},         {LANES_OPT_ADAMW, 0.899, 0.798101},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        lanes_optim_opts o;
        lanes_optim_defaults(&o, cases[c].kind);
        o.lr = 0.1f;
        lanes_optim opt;
        cr_assert_eq(lanes_optim_init(&opt, &o, 2), 0);
        float p[2] = {1, 1}, g[2] = {0.5f, 0.5f};
        unsigned char decay[2] = {1, 0};
        lanes_optim_step(&opt, p, g, decay);
        cr_assert(fabs(p[0] - cases[c].after1) < 2e-6, "%s step 1: %.7g, expected %.7g",
                  lanes_optimizer_name(cases[c].kind), (double)p[0], cases[c].after1);
        lanes_optim_step(&opt, p, g, decay);
        cr_assert(fabs(p[0] - cases[c].after2) < 2e-6, "%s step 2: %.7g, expected %.7g",
                  lanes_optimizer_name(cases[c].kind), (double)p[0], cases[c].after2);
        double undecayed = cases[c].kind == LANES_OPT_ADAMW ? 0.8 : cases[c].after2;
        cr_assert(fabs(p[1] - undecayed) < 2e-6, "%s, no decay: %.7g, expected %.7g",
                  lanes_optimizer_name(cases[c].kind), (double)p[1], undecayed);
        lanes_optim_free(&opt);
    }
    cr_assert_eq(lanes_optimizer_parse("adamw"), LANES_OPT_ADAMW);
    cr_assert_eq(lanes_optimizer_parse("nesterov"), -1);
    lanes_optim_opts o;
    lanes_optim_defaults(&o, LANES_OPT_ADAM);
    o.beta1 = 1.0f;
    lanes_optim opt;
    cr_assert_lt(lanes_optim_init(&opt, &o, 3), 0, "beta1 = 1 must be refused");
    o.beta1 = 0.9f;
    o.lr = -1;
    cr_assert_lt(lanes_optim_init(&opt, &o, 3), 0, "a negative learning rate must be refused");
}

/* ---- data preparation --------------------------------------------------- */

static void load_split(const char *name, lanes_dataset *tr, lanes_dataset *va, lanes_dataset *te)
{
    char path[512], split[512];
    snprintf(path, sizeof path, "%s/%s.csv%s", LANES_DATA_DIR, name,
             strcmp(name, "diabetes") ? ".gz" : "");
    snprintf(split, sizeof split, "%s/%s_split.csv", LANES_DATA_DIR, name);
    lanes_dataset all;
    cr_assert_eq(lanes_csv_load(path, NULL, &all), 0, "%s", lanes_last_error_message());
    unsigned char *codes = malloc(all.rows);
    cr_assert_eq(lanes_split_load(split, all.rows, codes), 0, "%s", lanes_last_error_message());
    cr_assert_eq(lanes_dataset_subset(&all, codes, LANES_SPLIT_TRAIN, tr), 0);
    cr_assert_eq(lanes_dataset_subset(&all, codes, LANES_SPLIT_VAL, va), 0);
    cr_assert_eq(lanes_dataset_subset(&all, codes, LANES_SPLIT_TEST, te), 0);
    cr_assert_eq(tr->rows + va->rows + te->rows, all.rows);
    free(codes);
    lanes_dataset_free(&all);
}

Test(prep, scaler_on_digits_constant_columns, .fini = lanes_test_fini)
{
    lanes_dataset tr, va, te;
    load_split("digits", &tr, &va, &te);
    lanes_scaler s;
    cr_assert_eq(lanes_scaler_fit(tr.rows, tr.cols, tr.x, &s), 0);
    cr_assert_eq(lanes_scaler_apply(&s, tr.rows, tr.x), 0);
    cr_assert_eq(lanes_scaler_apply(&s, te.rows, te.x), 0);
    size_t constant = 0;
    for (size_t j = 0; j < tr.cols; j++) {
        double m = 0, v = 0;
        for (size_t i = 0; i < tr.rows; i++)
            m += tr.x[i * tr.cols + j];
        m /= (double)tr.rows;
        for (size_t i = 0; i < tr.rows; i++)
            v += (tr.x[i * tr.cols + j] - m) * (tr.x[i * tr.cols + j] - m);
        v /= (double)tr.rows;
        cr_assert(fabs(m) < 1e-5, "column %zu: mean %g after scaling", j, m);
        if (s.scale[j] == 1.0f && v == 0)
            constant++;
        else
            cr_assert(fabs(v - 1) < 1e-4, "column %zu: variance %g after scaling", j, v);
    }
    /* pixel_0_0, pixel_4_0 and pixel_4_7 are 0 everywhere */
    cr_assert_geq(constant, 3);
    for (size_t i = 0; i < te.rows * te.cols; i++)
        cr_assert(isfinite(te.x[i]), "test value %zu is not finite", i);
    lanes_scaler_free(&s);
    lanes_dataset_free(&tr);
    lanes_dataset_free(&va);
    lanes_dataset_free(&te);
}

Test(prep, splits, .fini = lanes_test_fini)
{
    unsigned char c[1000], c2[1000];
    cr_assert_eq(lanes_split_random(1000, 0.6, 0.2, 5, c), 0);
    cr_assert_eq(lanes_split_random(1000, 0.6, 0.2, 5, c2), 0);
    cr_assert_eq(memcmp(c, c2, sizeof c), 0, "the split must be deterministic for a seed");
    size_t count[3] = {0};
    for (size_t i = 0; i < 1000; i++)
        count[c[i]]++;
    cr_assert(count[0] == 600 && count[1] == 200 && count[2] == 200, "%zu/%zu/%zu", count[0],
              count[1], count[2]);
    cr_assert_lt(lanes_split_random(10, 0.9, 0.2, 1, c), 0);

    char dir[] = "/tmp/lanes_split_XXXXXX", path[64];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.csv", dir);
    static const char *const bad[] = {"split\n0\n3\n1\n", "split\n0\n1\n", "split\n0\n1\n2\n0\n",
                                      "split\n0\nx\n1\n"};
    static const char *const why[] = {":3:1: split code '3'", "2 split codes for 3",
                                      "more split codes", ":3:1: split code 'x'"};
    for (size_t k = 0; k < 4; k++) {
        FILE *f = fopen(path, "w");
        fputs(bad[k], f);
        fclose(f);
        memset(c, 9, 3);
        cr_assert_eq(lanes_split_load(path, 3, c), LANES_EDATA, "case %zu", k);
        cr_assert_not_null(strstr(lanes_last_error_message(), why[k]), "case %zu: %s", k,
                           lanes_last_error_message());
        cr_assert(c[0] == 9 && c[1] == 9 && c[2] == 9, "a refused split file wrote codes");
    }
    unlink(path);
    rmdir(dir);
}

/* ---- training on the shipped data ---------------------------------------- */

static double accuracy(const lanes_net *net, const lanes_dataset *d)
{
    double loss, acc;
    cr_assert_eq(lanes_net_evaluate(net, d->rows, d->x, d->y, &loss, &acc), 0);
    float *lab = malloc(d->rows * sizeof(float));
    cr_assert_eq(lanes_net_predict_label(net, d->rows, d->x, 0.5f, lab), 0);
    size_t right = 0;
    for (size_t i = 0; i < d->rows; i++)
        right += lab[i] == d->y[i];
    free(lab);
    cr_assert(fabs(acc - (double)right / (double)d->rows) < 1e-12,
              "evaluate and predict_label disagree");
    return acc;
}

static void standardize(lanes_dataset *tr, lanes_dataset *va, lanes_dataset *te)
{
    lanes_scaler s;
    cr_assert_eq(lanes_scaler_fit(tr->rows, tr->cols, tr->x, &s), 0);
    lanes_scaler_apply(&s, tr->rows, tr->x);
    lanes_scaler_apply(&s, va->rows, va->x);
    lanes_scaler_apply(&s, te->rows, te->x);
    lanes_scaler_free(&s);
}

Test(train, digits_mlp_adam, .fini = lanes_test_fini, .timeout = 600)
{
    lanes_dataset tr, va, te;
    load_split("digits", &tr, &va, &te);
    standardize(&tr, &va, &te);
    size_t width[3] = {64, 128, 10};
    lanes_train_opts o;
    lanes_train_defaults(&o, LANES_OPT_ADAM);
    o.batch = 32;
    o.epochs = 30;
    o.seed = 1;
    float *first = NULL;
    for (int threads = 1; threads <= 2; threads++) {
        lanes_set_num_threads(threads);
        lanes_net net;
        cr_assert_eq(lanes_net_init(&net, 2, width, LANES_ACT_RELU, LANES_LOSS_SOFTMAX_XENT, 3),
                     0);
        lanes_train_result r;
        cr_assert_eq(lanes_net_train(&net, tr.rows, tr.x, tr.y, va.rows, va.x, va.y, &o, &r), 0,
                     "%s", lanes_last_error_message());
        double acc = accuracy(&net, &te);
        cr_assert_geq(acc, 0.97, "digits test accuracy %.4f", acc);
        cr_assert_eq(r.epochs, 30);
        if (!first) {
            first = malloc(net.nparams * sizeof(float));
            memcpy(first, net.params, net.nparams * sizeof(float));
        } else {
            cr_assert_eq(memcmp(first, net.params, net.nparams * sizeof(float)), 0,
                         "training must not depend on the thread count");
        }
        lanes_net_free(&net);
    }
    lanes_set_num_threads(0);
    free(first);
    lanes_dataset_free(&tr);
    lanes_dataset_free(&va);
    lanes_dataset_free(&te);
}

Test(train, breast_cancer_logistic_and_softmax_regression, .fini = lanes_test_fini)
{
    lanes_dataset tr, va, te;
    load_split("breast_cancer", &tr, &va, &te);
    standardize(&tr, &va, &te);
    /* binary logistic regression: minibatch SGD, then full-batch GD */
    for (int full = 0; full <= 1; full++) {
        size_t width[2] = {30, 1};
        lanes_net net;
        cr_assert_eq(lanes_net_init(&net, 1, width, LANES_ACT_IDENTITY, LANES_LOSS_LOGISTIC, 1),
                     0);
        lanes_train_opts o;
        lanes_train_defaults(&o, LANES_OPT_SGD);
        o.optim.lr = full ? 0.5f : 0.1f;
        o.batch = full ? 0 : 32;
        o.epochs = full ? 500 : 100;
        o.lambda = 0.01f;
        cr_assert_eq(lanes_net_train(&net, tr.rows, tr.x, tr.y, 0, NULL, NULL, &o, NULL), 0);
        double acc = accuracy(&net, &te);
        cr_assert_geq(acc, 0.95, "breast_cancer logistic (%s) test accuracy %.4f",
                      full ? "full batch" : "minibatch", acc);
        lanes_net_free(&net);
    }
    /* the same labels as 2 classes of a softmax regression */
    size_t width[2] = {30, 2};
    lanes_net net;
    cr_assert_eq(lanes_net_init(&net, 1, width, LANES_ACT_IDENTITY, LANES_LOSS_SOFTMAX_XENT, 1), 0);
    lanes_train_opts o;
    lanes_train_defaults(&o, LANES_OPT_SGD);
    o.optim.lr = 0.1f;
    o.epochs = 100;
    o.lambda = 0.01f;
    cr_assert_eq(lanes_net_train(&net, tr.rows, tr.x, tr.y, 0, NULL, NULL, &o, NULL), 0);
    double acc = accuracy(&net, &te);
    cr_assert_geq(acc, 0.95, "breast_cancer softmax regression test accuracy %.4f", acc);
    lanes_net_free(&net);
    lanes_dataset_free(&tr);
    lanes_dataset_free(&va);
    lanes_dataset_free(&te);
}

struct trace {
    double val[64];
    size_t n;
};

static void record(const lanes_epoch_report *r, void *p)
{
    struct trace *t = p;
    if (t->n < 64)
        t->val[t->n++] = r->val_loss;
}

Test(train, early_stopping_keeps_the_best_epoch, .fini = lanes_test_fini)
{
    lanes_dataset tr, va, te;
    load_split("digits", &tr, &va, &te);
    standardize(&tr, &va, &te);
    size_t width[3] = {64, 256, 10};
    lanes_net net;
    cr_assert_eq(lanes_net_init(&net, 2, width, LANES_ACT_RELU, LANES_LOSS_SOFTMAX_XENT, 3), 0);
    lanes_train_opts o;
    lanes_train_defaults(&o, LANES_OPT_ADAM);
    o.optim.lr = 0.01f; /* overfits quickly: validation loss turns up */
    o.epochs = 60;
    o.patience = 3;
    struct trace t = {{0}, 0};
    o.progress = record;
    o.ctx = &t;
    lanes_train_result r;
    cr_assert_eq(lanes_net_train(&net, tr.rows, tr.x, tr.y, va.rows, va.x, va.y, &o, &r), 0);
    cr_assert_lt(r.epochs, 60, "validation loss never turned up: no early stop");
    cr_assert_eq(r.epochs, r.best_epoch + 3, "stopped at %zu, best %zu", r.epochs, r.best_epoch);
    double best = INFINITY;
    for (size_t i = 0; i < t.n; i++)
        best = fmin(best, t.val[i]);
    cr_assert_eq(best, t.val[r.best_epoch - 1]);
    double loss, acc;
    lanes_net_evaluate(&net, va.rows, va.x, va.y, &loss, &acc);
    cr_assert(fabs(loss - best) < 1e-12, "the kept parameters have val loss %.9g, best %.9g",
              loss, best);
    lanes_net_free(&net);
    lanes_dataset_free(&tr);
    lanes_dataset_free(&va);
    lanes_dataset_free(&te);
}

Test(train, bad_arguments_touch_nothing, .fini = lanes_test_fini)
{
    size_t width[3] = {2, 3, 3};
    lanes_net net;
    cr_assert_lt(lanes_net_init(&net, 0, width, LANES_ACT_RELU, LANES_LOSS_SOFTMAX_XENT, 1), 0);
    size_t one[2] = {2, 1};
    cr_assert_lt(lanes_net_init(&net, 1, one, LANES_ACT_RELU, LANES_LOSS_SOFTMAX_XENT, 1), 0);
    cr_assert_not_null(strstr(lanes_last_error_message(), "needs >= 2 outputs"));
    cr_assert_eq(lanes_net_init(&net, 2, width, LANES_ACT_RELU, LANES_LOSS_SOFTMAX_XENT, 1), 0);
    float *keep = malloc(net.nparams * sizeof(float));
    memcpy(keep, net.params, net.nparams * sizeof(float));
    float x[4] = {1, 2, 3, 4}, y[2] = {0, 3};
    lanes_train_opts o;
    lanes_train_defaults(&o, LANES_OPT_SGD);
    cr_assert_lt(lanes_net_train(&net, 2, x, y, 0, NULL, NULL, &o, NULL), 0);
    cr_assert_not_null(strstr(lanes_last_error_message(), "y[1] = 3) is not a class label 0..2"),
                       "%s", lanes_last_error_message());
    y[1] = NAN;
    cr_assert_lt(lanes_net_train(&net, 2, x, y, 0, NULL, NULL, &o, NULL), 0);
    y[1] = 1;
    o.epochs = 0;
    cr_assert_lt(lanes_net_train(&net, 2, x, y, 0, NULL, NULL, &o, NULL), 0);
    cr_assert_eq(memcmp(keep, net.params, net.nparams * sizeof(float)), 0);
    free(keep);
    lanes_net_free(&net);

    /* a run that diverges fails and leaves the parameters as they were */
    size_t reg[3] = {2, 3, 1};
    cr_assert_eq(lanes_net_init(&net, 2, reg, LANES_ACT_IDENTITY, LANES_LOSS_SQUARED, 1), 0);
    keep = malloc(net.nparams * sizeof(float));
    memcpy(keep, net.params, net.nparams * sizeof(float));
    float xr[8] = {1e3f, -2e3f, 3e3f, 1e3f, -1e3f, 2e3f, 5e2f, 4e3f}, yr[4] = {1e4f, -1e4f, 3e4f, 0};
    lanes_train_defaults(&o, LANES_OPT_SGD);
    o.optim.lr = 1e3f;
    o.epochs = 50;
    o.batch = 0;
    cr_assert_eq(lanes_net_train(&net, 4, xr, yr, 0, NULL, NULL, &o, NULL), LANES_EDATA);
    cr_assert_not_null(strstr(lanes_last_error_message(), "diverged"), "%s",
                       lanes_last_error_message());
    cr_assert_eq(memcmp(keep, net.params, net.nparams * sizeof(float)), 0,
                 "a failed run changed the parameters");
    free(keep);
    lanes_net_free(&net);
}

/* ---- model files -------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *b = malloc(*len);
    cr_assert_eq(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

static void spit(const char *path, const void *b, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(b, 1, len, f), len);
    fclose(f);
}

/* Load must fail with LANES_EDATA and a message containing `why`. */
static void refused(const char *path, const char *why)
{
    lanes_model m;
    memset(&m, 0x5a, sizeof m);
    int rc = lanes_model_load(path, &m);
    cr_assert_eq(rc, LANES_EDATA, "load returned %d for a file that is %s", rc, why);
    cr_assert_not_null(strstr(lanes_last_error_message(), why), "'%s' lacks '%s'",
                       lanes_last_error_message(), why);
    cr_assert_eq(((unsigned char *)&m)[0], 0x5a, "a refused load wrote the model");
}

Test(modelfile, round_trip_and_every_damage, .fini = lanes_test_fini)
{
    char dir[] = "/tmp/lanes_model_XXXXXX", path[128], bad[128];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/m.lanes", dir);
    snprintf(bad, sizeof bad, "%s/bad.lanes", dir);

    lanes_model m = {0};
    m.kind = LANES_MODEL_NET;
    size_t width[3] = {4, 5, 3};
    cr_assert_eq(lanes_net_init(&m.net, 2, width, LANES_ACT_SIGMOID, LANES_LOSS_SOFTMAX_XENT, 9),
                 0);
    float xs[8] = {1, 2, 3, 4, 0, 0, 1, 0};
    cr_assert_eq(lanes_scaler_fit(2, 4, xs, &m.scaler), 0);
    m.label_name = strdup("label");
    cr_assert_eq(lanes_model_save(&m, path), 0, "%s", lanes_last_error_message());

    lanes_model r;
    cr_assert_eq(lanes_model_load(path, &r), 0, "%s", lanes_last_error_message());
    cr_assert_eq(r.kind, LANES_MODEL_NET);
    cr_assert_eq(r.net.layers, 2);
    cr_assert_eq(r.net.act, LANES_ACT_SIGMOID);
    cr_assert_eq(memcmp(r.net.params, m.net.params, m.net.nparams * sizeof(float)), 0);
    cr_assert_eq(memcmp(r.scaler.scale, m.scaler.scale, 4 * sizeof(float)), 0);
    cr_assert_str_eq(r.label_name, "label");
    float p1[6], p2[6];
    lanes_net_predict(&m.net, 2, xs, p1);
    lanes_net_predict(&r.net, 2, xs, p2);
    cr_assert_eq(memcmp(p1, p2, sizeof p1), 0);
    lanes_model_free(&r);

    size_t len;
    char *good = slurp(path, &len), *b = malloc(len + 8);
    /* every truncation */
    for (size_t cut = 0; cut < len; cut++) {
        spit(bad, good, cut);
        lanes_model t;
        cr_assert_eq(lanes_model_load(bad, &t), LANES_EDATA, "truncated to %zu bytes: accepted",
                     cut);
    }
    refused(bad, "truncated");
    /* every single flipped bit in the payload fails the checksum */
    for (size_t i = 24; i < len - 4; i += 7) {
        memcpy(b, good, len);
        b[i] ^= 0x10;
        spit(bad, b, len);
        refused(bad, "checksum mismatch");
    }
    memcpy(b, good, len);
    b[0] = 'X';
    spit(bad, b, len);
    refused(bad, "does not start with LANESMDL");
    memcpy(b, good, len);
    b[8] = 7; /* version */
    spit(bad, b, len);
    refused(bad, "format version 7");
    memcpy(b, good, len);
    memcpy(b + len, "junk", 4);
    spit(bad, b, len + 4);
    refused(bad, "trailing bytes");
    /* a consistent checksum over inconsistent shapes: the widths are
     * checked against the parameter count */
    memcpy(b, good, len);
    /* scaler d, mean, scale, name, target mean and scale, 3 u32 */
    size_t wpos = 24 + 8 + 2 * 4 * 4 + 4 + 5 + 8 + 12;
    uint64_t w1;
    memcpy(&w1, b + wpos + 8, 8);
    cr_assert_eq(w1, 5u, "layout of the test's model changed");
    w1 = 6;
    memcpy(b + wpos + 8, &w1, 8);
    uint32_t crc = (uint32_t)crc32(0L, (const Bytef *)b, (uInt)(len - 4));
    memcpy(b + len - 4, &crc, 4);
    spit(bad, b, len);
    refused(bad, "parameter count does not match");

    /* a failed save leaves the existing file as it was and no temporary */
    lanes_model bogus = m;
    bogus.kind = 99;
    cr_assert_lt(lanes_model_save(&bogus, path), 0);
    char nodir[160];
    snprintf(nodir, sizeof nodir, "%s/missing/m.lanes", dir);
    cr_assert_eq(lanes_model_save(&m, nodir), LANES_EIO);
    size_t len2;
    char *again = slurp(path, &len2);
    cr_assert(len2 == len && memcmp(again, good, len) == 0, "the saved file changed");
    lanes_model t;
    cr_assert_eq(lanes_model_load(nodir, &t), LANES_EIO);
    free(again);

    /* linear regression round trip */
    lanes_model lm = {0};
    lm.kind = LANES_MODEL_LINREG;
    float lx[6] = {1, 0, 0, 1, 1, 1}, ly[3] = {1, 2, 3.5f};
    cr_assert_eq(lanes_linreg_fit_closed(3, 2, lx, ly, 0, &lm.linreg), 0);
    cr_assert_eq(lanes_model_save(&lm, path), 0);
    cr_assert_eq(lanes_model_load(path, &r), 0);
    cr_assert_eq(r.kind, LANES_MODEL_LINREG);
    cr_assert_eq(memcmp(r.linreg.w, lm.linreg.w, 2 * sizeof(double)), 0);
    cr_assert_eq(r.linreg.b, lm.linreg.b);
    cr_assert_null(r.label_name);
    lanes_model_free(&r);
    lanes_model_free(&lm);

    free(good);
    free(b);
    lanes_model_free(&m);
    unlink(path);
    unlink(bad);
    rmdir(dir);
}
