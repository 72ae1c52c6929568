/* lanes train / lanes predict: the trainers of lanes_models.h from the
 * command line.  The tool parses options, loads and splits the data and
 * prints; every computation is a library call. */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lanes.h"
#include "lanes_models.h"
#include "tools.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void lanes_train_args_defaults(struct lanes_train_args *a, const char *model)
{
    memset(a, 0, sizeof *a);
    a->model = model;
    a->solver = "closed";
    a->layers = "128";
    a->act = "relu";
    a->loss = "xent";
    a->optimizer = NULL; /* per model */
    a->lr = NAN;
    a->lambda = NAN;
    a->epochs = 0;
    a->batch = (size_t)-1;
    a->patience = (size_t)-1;
    a->seed = 42;
    a->standardize = -1;
}

/* Where the built-in data sets are: $LANES_DATA_DIR, the installed copy,
 * or the source tree this binary was built from. */
static const char *data_dir(void)
{
    static const char *const dirs[] = {LANES_INSTALLED_DATA_DIR, LANES_SOURCE_DATA_DIR};
    const char *env = getenv("LANES_DATA_DIR");
    if (env && *env)
        return env;
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/digits.csv.gz", dirs[i]);
        FILE *f = fopen(p, "rb");
        if (f) {
            fclose(f);
            return dirs[i];
        }
    }
    return LANES_INSTALLED_DATA_DIR;
}

/* The book's synthetic regression: y = X [2, -3.4] + 4.2 + N(0, 0.01^2),
 * X ~ N(0, 1) (Dive into Deep Learning, section 3.4): the book's 1000
 * training rows, then SYNTH_TEST more from the same law as a test set. */
enum { SYNTH_TRAIN = 1000, SYNTH_TEST = 200 };
static int synthetic(lanes_dataset *d, unsigned long long seed)
{
    const size_t n = SYNTH_TRAIN + SYNTH_TEST;
    d->rows = n;
    d->cols = 2;
    d->x = malloc(n * 2 * sizeof(float));
    d->y = malloc(n * sizeof(float));
    d->names = calloc(2, sizeof(char *));
    d->label_name = strdup("y");
    if (!d->x || !d->y || !d->names || !d->label_name || !(d->names[0] = strdup("x1")) ||
        !(d->names[1] = strdup("x2"))) {
        lanes_dataset_free(d);
        fprintf(stderr, "lanes: out of memory\n");
        return -1;
    }
    /* Box-Muller on a 64-bit LCG: deterministic for the seed */
    unsigned long long s = seed * 6364136223846793005ull + 1442695040888963407ull;
    double g[2];
    for (size_t i = 0; i < n * 3; i += 2) {
        for (int k = 0; k < 2; k++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            g[k] = ((double)(s >> 11) + 0.5) * 0x1p-53;
        }
        double r = sqrt(-2 * log(g[0])), a = 2 * 3.14159265358979323846 * g[1];
        double z[2] = {r * cos(a), r * sin(a)};
        for (int k = 0; k < 2; k++) {
            size_t j = i + (size_t)k;
            if (j < 2 * n)
                d->x[j] = (float)z[k];
            else
                d->y[j - 2 * n] = (float)(0.01 * z[k]);
        }
    }
    for (size_t i = 0; i < n; i++)
        d->y[i] += (float)(2.0 * d->x[2 * i] - 3.4 * d->x[2 * i + 1] + 4.2);
    return 0;
}

static int fail(void)
{
    fprintf(stderr, "lanes: %s\n", lanes_last_error_message());
    return 1;
}

/* Parse "128,64" into widths[1..]; returns the hidden layer count or -1. */
static int parse_layers(const char *s, size_t *w, size_t cap)
{
    int n = 0;
    if (!*s || strcmp(s, "none") == 0 || strcmp(s, "0") == 0)
        return 0;
    while (*s) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(s, &end, 10);
        if (end == s || errno || v == 0 || (*end && *end != ',') || (size_t)n + 2 >= cap)
            return -1;
        w[++n] = v;
        s = *end ? end + 1 : end;
    }
    return n;
}

struct progress_ctx {
    const char *model;
    size_t epochs;
    int classifier, quiet;
};

static void progress(const lanes_epoch_report *r, void *p)
{
    const struct progress_ctx *c = p;
    if (c->quiet)
        return;
    fprintf(stderr, "%s epoch %zu/%zu  loss %.6f", c->model, r->epoch, c->epochs, r->train_loss);
    if (!isnan(r->val_loss))
        fprintf(stderr, "  val_loss %.6f  val_%s %.4f", r->val_loss,
                c->classifier ? "accuracy" : "mse", r->val_metric);
    fprintf(stderr, "  %.2fs\n", r->seconds);
}

/* Mean squared error and R^2 of predictions yhat for targets y. */
static void regression_scores(size_t n, const float *y, const float *yhat, double *mse,
                              double *r2)
{
    double mean = 0, ss_res = 0, ss_tot = 0;
    for (size_t i = 0; i < n; i++)
        mean += y[i];
    mean /= (double)n;
    for (size_t i = 0; i < n; i++) {
        ss_res += ((double)yhat[i] - y[i]) * ((double)yhat[i] - y[i]);
        ss_tot += ((double)y[i] - mean) * ((double)y[i] - mean);
    }
    *mse = ss_res / (double)n;
    *r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : NAN;
}

/* Linear regression on the train rows; test MSE and R^2. */
static int train_linreg(const struct lanes_train_args *a, lanes_dataset *tr, lanes_dataset *te,
                        lanes_model *m, struct lanes_train_outcome *out)
{
    double t0 = now(), lambda = isnan(a->lambda) ? 0 : a->lambda;
    int rc;
    if (strcmp(a->solver, "closed") == 0) {
        rc = lanes_linreg_fit_closed(tr->rows, tr->cols, tr->x, tr->y, lambda, &m->linreg);
        out->epochs = 0;
    } else if (strcmp(a->solver, "sgd") == 0) {
        lanes_sgd_opts o = {isnan(a->lr) ? 0.03f : a->lr, a->batch == (size_t)-1 ? 10 : a->batch,
                            a->epochs ? a->epochs : 3, (float)lambda, a->seed};
        rc = lanes_linreg_fit_sgd(tr->rows, tr->cols, tr->x, tr->y, &o, &m->linreg);
        out->epochs = o.epochs;
    } else {
        fprintf(stderr, "lanes: --solver must be closed or sgd, not '%s'\n", a->solver);
        return 2;
    }
    if (rc)
        return fail();
    out->seconds = now() - t0;
    out->samples_per_second = (double)tr->rows * (double)(out->epochs ? out->epochs : 1) /
                              out->seconds;
    m->kind = LANES_MODEL_LINREG;
    float *yhat = malloc((tr->rows > te->rows ? tr->rows : te->rows) * sizeof(float) + 1);
    if (!yhat) {
        fprintf(stderr, "lanes: out of memory\n");
        return 1;
    }
    double mse, r2;
    lanes_linreg_predict(&m->linreg, tr->rows, tr->x, yhat);
    regression_scores(tr->rows, tr->y, yhat, &mse, &r2);
    out->train_loss = 0.5 * mse; /* the book's loss, 1/2 (yhat - y)^2 */
    if (te->rows) {
        lanes_linreg_predict(&m->linreg, te->rows, te->x, yhat);
        regression_scores(te->rows, te->y, yhat, &out->test_mse, &out->test_r2);
    }
    free(yhat);
    return 0;
}

/* Logistic / softmax regression (one layer) or an MLP. */
static int train_net(const struct lanes_train_args *a, int mlp, lanes_dataset *tr,
                     lanes_dataset *va, lanes_dataset *te, lanes_model *m,
                     struct lanes_train_outcome *out)
{
    size_t width[LANES_NET_MAX_LAYERS + 1] = {tr->cols};
    int hidden = mlp ? parse_layers(a->layers, width, LANES_NET_MAX_LAYERS + 1) : 0;
    if (hidden < 0) {
        fprintf(stderr, "lanes: --layers wants widths like 128,64, not '%s'\n", a->layers);
        return 2;
    }
    lanes_act act = strcmp(a->act, "sigmoid") == 0 ? LANES_ACT_SIGMOID
                    : strcmp(a->act, "identity") == 0 ? LANES_ACT_IDENTITY
                                                      : LANES_ACT_RELU;
    if (act == LANES_ACT_RELU && strcmp(a->act, "relu") != 0) {
        fprintf(stderr, "lanes: --act must be relu, sigmoid or identity\n");
        return 2;
    }
    int regression = strcmp(a->loss, "squared") == 0;
    if (!regression && strcmp(a->loss, "xent") != 0) {
        fprintf(stderr, "lanes: --loss must be xent or squared, not '%s'\n", a->loss);
        return 2;
    }
    if (regression && !mlp) {
        fprintf(stderr, "lanes: --loss squared is for mlp (linreg is the linear model)\n");
        return 2;
    }
    size_t classes = 0;
    lanes_loss loss = LANES_LOSS_SQUARED;
    if (regression) {
        /* train on the standardised target; the model file keeps the scale */
        lanes_scaler ys;
        if (lanes_scaler_fit(tr->rows, 1, tr->y, &ys))
            return fail();
        m->target_mean = ys.mean[0];
        m->target_scale = ys.scale[0];
        lanes_scaler_apply(&ys, tr->rows, tr->y);
        lanes_scaler_apply(&ys, va->rows, va->y);
        lanes_scaler_free(&ys);
    } else {
        /* classes from the training labels: 2 -> logistic, more -> softmax */
        float top = 0;
        for (size_t i = 0; i < tr->rows; i++)
            top = tr->y[i] > top ? tr->y[i] : top;
        classes = (size_t)top + 1;
        if (!(top >= 1) || top > 65535) {
            fprintf(stderr, "lanes: the labels must be classes 0..K-1 with K >= 2 (for "
                            "regression: --loss squared)\n");
            return 2;
        }
        loss = !mlp && classes == 2 ? LANES_LOSS_LOGISTIC : LANES_LOSS_SOFTMAX_XENT;
    }
    width[hidden + 1] = loss == LANES_LOSS_SOFTMAX_XENT ? classes : 1;
    if (lanes_net_init(&m->net, (size_t)hidden + 1, width, act, loss, a->seed))
        return fail();
    m->kind = LANES_MODEL_NET;

    int kind = a->optimizer ? lanes_optimizer_parse(a->optimizer) : mlp ? LANES_OPT_ADAM
                                                                       : LANES_OPT_SGD;
    if (kind < 0) {
        fprintf(stderr, "lanes: --optimizer must be sgd, momentum, adagrad, rmsprop, adam or "
                        "adamw, not '%s'\n",
                a->optimizer);
        return 2;
    }
    lanes_train_opts o;
    lanes_train_defaults(&o, (lanes_optimizer)kind);
    if (!mlp && kind == LANES_OPT_SGD)
        o.optim.lr = 0.1f;
    if (!isnan(a->lr))
        o.optim.lr = a->lr;
    o.batch = a->batch == (size_t)-1 ? 32 : a->batch;
    o.epochs = a->epochs ? a->epochs : mlp ? 30 : 100;
    o.patience = a->patience == (size_t)-1 ? 10 : a->patience;
    /* logistic/softmax regression: a mild L2 by default, as scikit-learn's */
    o.lambda = !isnan(a->lambda) ? a->lambda : mlp ? 0.0f : 0.01f;
    o.seed = a->seed;
    struct progress_ctx pc = {a->model, o.epochs, !regression, a->quiet};
    o.progress = progress;
    o.ctx = &pc;
    lanes_train_result res;
    if (lanes_net_train(&m->net, tr->rows, tr->x, tr->y, va->rows, va->x, va->y, &o, &res))
        return fail();
    out->epochs = res.epochs;
    out->train_loss = res.train_loss;
    out->seconds = res.seconds;
    out->samples_per_second = res.samples_per_second;
    out->classes = classes;
    if (!te->rows)
        return 0;
    if (regression) { /* MSE and R^2 in the target's own units */
        float *yhat = malloc(te->rows * sizeof(float));
        if (!yhat || lanes_net_predict(&m->net, te->rows, te->x, yhat)) {
            free(yhat);
            return fail();
        }
        for (size_t i = 0; i < te->rows; i++)
            yhat[i] = yhat[i] * m->target_scale + m->target_mean;
        regression_scores(te->rows, te->y, yhat, &out->test_mse, &out->test_r2);
        free(yhat);
        return 0;
    }
    double l;
    if (lanes_net_evaluate(&m->net, te->rows, te->x, te->y, &l, &out->test_accuracy))
        return fail();
    return 0;
}

int lanes_train_run(const struct lanes_train_args *a, struct lanes_train_outcome *out)
{
    int lin = strcmp(a->model, "linreg") == 0, mlp = strcmp(a->model, "mlp") == 0;
    if (!lin && !mlp && strcmp(a->model, "logreg") != 0) {
        fprintf(stderr, "lanes: the model must be linreg, logreg or mlp, not '%s'\n", a->model);
        return 2;
    }
    memset(out, 0, sizeof *out);
    out->test_accuracy = out->test_mse = out->test_r2 = NAN;
    char path[4096], split_path[4096];
    const char *data = a->data, *split = a->split;
    lanes_dataset all = {0}, tr = {0}, va = {0}, te = {0};
    lanes_model m = {0};
    unsigned char *codes = NULL;
    int rc = 1;
    if (!data && !lin) { /* the built-in real data, with their fixed splits */
        const char *name = mlp ? "digits" : "breast_cancer";
        snprintf(path, sizeof path, "%s/%s.csv.gz", data_dir(), name);
        snprintf(split_path, sizeof split_path, "%s/%s_split.csv", data_dir(), name);
        data = path;
        split = split ? split : split_path;
    }
    if (data ? lanes_csv_load(data, a->label, &all) != 0 : synthetic(&all, a->seed) != 0) {
        if (data)
            fail();
        goto done;
    }
    out->data = data ? data
                     : "synthetic (book: w = [2, -3.4], b = 4.2, noise 0.01, 1000 train + 200 "
                       "test rows)";
    codes = malloc(all.rows);
    if (!codes || (split ? lanes_split_load(split, all.rows, codes)
                   : data ? lanes_split_random(all.rows, 0.6, 0.2, a->seed, codes)
                          : 0)) {
        fail();
        goto done;
    }
    if (!data && !split) /* synthetic: train on the book's 1000 rows */
        for (size_t i = 0; i < all.rows; i++)
            codes[i] = i < SYNTH_TRAIN ? LANES_SPLIT_TRAIN : LANES_SPLIT_TEST;
    if (lanes_dataset_subset(&all, codes, LANES_SPLIT_TRAIN, &tr) ||
        lanes_dataset_subset(&all, codes, LANES_SPLIT_VAL, &va) ||
        lanes_dataset_subset(&all, codes, LANES_SPLIT_TEST, &te)) {
        fail();
        goto done;
    }
    if (tr.rows == 0) {
        fprintf(stderr, "lanes: the split leaves no training rows\n");
        goto done;
    }
    out->train_rows = tr.rows;
    out->val_rows = va.rows;
    out->test_rows = te.rows;
    /* standardise on the training rows only (default: not for linreg, whose
     * coefficients then stay in the data's own units) */
    if (a->standardize > 0 || (a->standardize < 0 && !lin)) {
        if (lanes_scaler_fit(tr.rows, tr.cols, tr.x, &m.scaler) ||
            lanes_scaler_apply(&m.scaler, tr.rows, tr.x) ||
            lanes_scaler_apply(&m.scaler, va.rows, va.x) ||
            lanes_scaler_apply(&m.scaler, te.rows, te.x)) {
            fail();
            goto done;
        }
    }
    if (all.label_name && !(m.label_name = strdup(all.label_name)))
        goto done;
    if (a->threads > 0)
        lanes_set_num_threads(a->threads);
    out->threads = lanes_get_num_threads();
    rc = lin ? train_linreg(a, &tr, &te, &m, out) : train_net(a, mlp, &tr, &va, &te, &m, out);
    if (rc)
        goto done;
    if (a->out && lanes_model_save(&m, a->out)) {
        rc = fail();
        goto done;
    }
    if (a->keep) {
        *a->keep = m;
        m = (lanes_model){0};
    }
done:
    lanes_model_free(&m);
    lanes_dataset_free(&all);
    lanes_dataset_free(&tr);
    lanes_dataset_free(&va);
    lanes_dataset_free(&te);
    free(codes);
    return rc;
}

static void usage_train(FILE *f)
{
    fprintf(f,
            "usage: lanes train linreg|logreg|mlp [options]\n"
            "  --data FILE.csv[.gz]   header row, numeric columns (default: built-in data:\n"
            "                         linreg the book's synthetic set, logreg breast_cancer,\n"
            "                         mlp digits, with their fixed splits)\n"
            "  --label COL            label column, name or 0-based number (default: last)\n"
            "  --split FILE           split codes per row: 0 train, 1 validation, 2 test\n"
            "                         (default: seeded random 60/20/20)\n"
            "  --solver closed|sgd    linreg (default closed)\n"
            "  --layers 128,64        mlp hidden widths (default 128)\n"
            "  --act relu|sigmoid|identity  mlp hidden activation (default relu)\n"
            "  --loss xent|squared    mlp: classification (default) or regression on a\n"
            "                         standardised target\n"
            "  --optimizer NAME       sgd momentum adagrad rmsprop adam adamw\n"
            "                         (default: adam for mlp, sgd for logreg)\n"
            "  --lr X --epochs N --batch N (0 = full batch)\n"
            "  --lambda X             L2 penalty (default 0.01 for logreg, else 0)\n"
            "  --patience N           early stopping on validation loss (default 10, 0 = off)\n"
            "  --seed N --threads N --standardize --no-standardize\n"
            "  --out MODEL            save the model\n"
            "  --json                 one JSON object with the results on stdout\n"
            "  --quiet                no per-epoch progress on stderr\n");
}

/* The options that take a string: stored as given, checked where used. */
static int string_option(struct lanes_train_args *a, const char *name, const char *v)
{
    static const struct {
        const char *name;
        size_t off;
    } opts[] = {
        {"--data", offsetof(struct lanes_train_args, data)},
        {"--label", offsetof(struct lanes_train_args, label)},
        {"--split", offsetof(struct lanes_train_args, split)},
        {"--solver", offsetof(struct lanes_train_args, solver)},
        {"--layers", offsetof(struct lanes_train_args, layers)},
        {"--loss", offsetof(struct lanes_train_args, loss)},
        {"--act", offsetof(struct lanes_train_args, act)},
        {"--optimizer", offsetof(struct lanes_train_args, optimizer)},
        {"--out", offsetof(struct lanes_train_args, out)},
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (strcmp(name, opts[i].name) == 0) {
            *(const char **)((char *)a + opts[i].off) = v;
            return 1;
        }
    return 0;
}

static void json_num(const char *key, double v, int last)
{
    if (isfinite(v))
        printf("\"%s\": %.10g%s", key, v, last ? "" : ", ");
    else
        printf("\"%s\": null%s", key, last ? "" : ", ");
}

static void json_str(const char *key, const char *v)
{
    printf("\"%s\": \"", key);
    for (const char *p = v; *p; p++)
        printf(*p == '"' || *p == '\\' ? "\\%c" : (unsigned char)*p < 32 ? "?" : "%c", *p);
    printf("\", ");
}

int lanes_cmd_train(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        usage_train(argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr);
        return argc >= 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
    }
    struct lanes_train_args a;
    lanes_train_args_defaults(&a, argv[1]);
    int json = 0;
    for (int i = 2; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        int takes = 1;
        errno = 0;
        if (strcmp(o, "--json") == 0) {
            json = 1;
            takes = 0;
        } else if (strcmp(o, "--quiet") == 0) {
            a.quiet = 1;
            takes = 0;
        } else if (strcmp(o, "--standardize") == 0 || strcmp(o, "--no-standardize") == 0) {
            a.standardize = o[2] == 's';
            takes = 0;
        } else if (!v) {
            fprintf(stderr, "lanes: %s needs a value\n", o);
            return 2;
        } else if (string_option(&a, o, v)) {
            /* stored */
        } else if (strcmp(o, "--lr") == 0 || strcmp(o, "--lambda") == 0) {
            float x = strtof(v, &end);
            if (*end || !isfinite(x) || x < 0 || (o[2] == 'l' && o[3] == 'r' && x == 0)) {
                fprintf(stderr, "lanes: %s wants a %s number, not '%s'\n", o,
                        o[3] == 'r' ? "positive" : "non-negative", v);
                return 2;
            }
            *(o[3] == 'r' ? &a.lr : &a.lambda) = x;
        } else if (strcmp(o, "--epochs") == 0 || strcmp(o, "--batch") == 0 ||
                   strcmp(o, "--seed") == 0 || strcmp(o, "--threads") == 0 ||
                   strcmp(o, "--patience") == 0) {
            unsigned long long x = strtoull(v, &end, 10);
            if (!*v || *end || errno || v[0] == '-' ||
                ((strcmp(o, "--epochs") == 0 || strcmp(o, "--threads") == 0) && x == 0) ||
                x > (1ull << 40)) {
                fprintf(stderr, "lanes: %s wants a %s integer, not '%s'\n", o,
                        o[2] == 'e' || o[2] == 't' ? "positive" : "non-negative", v);
                return 2;
            }
            if (o[2] == 'e')
                a.epochs = (size_t)x;
            else if (o[2] == 'b')
                a.batch = (size_t)x;
            else if (o[2] == 's')
                a.seed = x;
            else if (o[2] == 't')
                a.threads = (int)(x > 1024 ? 1024 : x);
            else
                a.patience = (size_t)x;
        } else {
            fprintf(stderr, "lanes: unknown option '%s'\n", o);
            usage_train(stderr);
            return 2;
        }
        i += takes;
    }
    struct lanes_train_outcome r;
    lanes_model model = {0};
    a.keep = &model;
    int rc = lanes_train_run(&a, &r);
    if (rc)
        return rc;
    int lin = strcmp(a.model, "linreg") == 0, reg = lin || strcmp(a.loss, "squared") == 0;
    if (!a.quiet) {
        fprintf(stderr, "%s: %zu train / %zu validation / %zu test rows, %.3fs, ", a.model,
                r.train_rows, r.val_rows, r.test_rows, r.seconds);
        if (reg)
            fprintf(stderr, "test mse %.6g, r2 %.6f\n", r.test_mse, r.test_r2);
        else
            fprintf(stderr, "test accuracy %.4f\n", r.test_accuracy);
    }
    if (json) {
        printf("{");
        json_str("model", a.model);
        if (lin)
            json_str("solver", a.solver);
        json_str("data", r.data);
        json_str("isa", lanes_isa());
        json_num("threads", r.threads, 0);
        json_num("epochs", (double)r.epochs, 0);
        json_num("train_rows", (double)r.train_rows, 0);
        json_num("val_rows", (double)r.val_rows, 0);
        json_num("test_rows", (double)r.test_rows, 0);
        json_num("train_loss", r.train_loss, 0);
        json_num("seconds", r.seconds, 0);
        if (a.out)
            json_str("out", a.out);
        if (lin) {
            json_num("test_mse", r.test_mse, 0);
            json_num("test_r2", r.test_r2, 0);
            printf("\"weights\": [");
            for (size_t j = 0; j < model.linreg.d; j++)
                printf("%.17g%s", model.linreg.w[j], j + 1 < model.linreg.d ? ", " : "], ");
            json_num("bias", model.linreg.b, 0);
        } else if (reg) {
            json_num("test_mse", r.test_mse, 0);
            json_num("test_r2", r.test_r2, 0);
        } else {
            json_num("classes", (double)r.classes, 0);
            json_num("test_accuracy", r.test_accuracy, 0);
        }
        json_num("samples_per_second", r.samples_per_second, 1);
        printf("}\n");
    }
    lanes_model_free(&model);
    return 0;
}

int lanes_cmd_predict(int argc, char **argv)
{
    const char *model = NULL, *data = NULL, *label = NULL;
    float threshold = 0.5f;
    int proba = 0;
    for (int i = 1; i < argc; i++) {
        char *end = NULL;
        if (i + 1 < argc && strcmp(argv[i], "--model") == 0)
            model = argv[++i];
        else if (i + 1 < argc && strcmp(argv[i], "--data") == 0)
            data = argv[++i];
        else if (i + 1 < argc && strcmp(argv[i], "--label") == 0)
            label = argv[++i];
        else if (strcmp(argv[i], "--proba") == 0)
            proba = 1;
        else if (i + 1 < argc && strcmp(argv[i], "--threshold") == 0 &&
                 (threshold = strtof(argv[i + 1], &end), *end == '\0') && threshold > 0 &&
                 threshold < 1)
            i++;
        else {
            fprintf(stderr,
                    "usage: lanes predict --model MODEL --data FILE.csv [--label COL]\n"
                    "                     [--threshold P] [--proba]\n"
                    "  prints one prediction per data row (the class, or the value); the file\n"
                    "  may or may not contain the label column.  --threshold: the probability\n"
                    "  from which a binary classifier says 1 (default 0.5, in (0, 1));\n"
                    "  --proba: print the class probabilities instead, comma-separated\n");
            return 2;
        }
    }
    if (!model || !data) {
        fprintf(stderr, "lanes predict: --model and --data are required\n");
        return 2;
    }
    lanes_model m;
    if (lanes_model_load(model, &m))
        return fail();
    size_t d = m.kind == LANES_MODEL_LINREG ? m.linreg.d : m.net.width[0];
    lanes_dataset ds = {0};
    int rc = 1;
    /* First read with the last column as "label": d + 1 columns in all means
     * no label column, so that column is the last feature. */
    if (lanes_csv_load(data, NULL, &ds)) {
        fail();
        goto done;
    }
    if (ds.cols + 1 == d) {
        float *x = malloc(ds.rows * d * sizeof(float) + 1);
        if (!x)
            goto done;
        for (size_t i = 0; i < ds.rows; i++) {
            memcpy(x + i * d, ds.x + i * ds.cols, ds.cols * sizeof(float));
            x[i * d + ds.cols] = ds.y[i];
        }
        free(ds.x);
        ds.x = x;
        ds.cols = d;
    } else if (ds.cols == d) {
        const char *lab = label ? label : m.label_name;
        if (lab && (!ds.label_name || strcmp(lab, ds.label_name) != 0)) {
            lanes_dataset_free(&ds);
            if (lanes_csv_load(data, lab, &ds)) {
                fail();
                goto done;
            }
        }
    } else {
        fprintf(stderr, "lanes predict: %s has %zu columns; the model takes %zu features "
                        "(plus, optionally, the label)\n",
                data, ds.cols + 1, d);
        goto done;
    }
    int net = m.kind == LANES_MODEL_NET;
    size_t outs = net && proba ? m.net.width[m.net.layers] : 1;
    float *yhat = malloc(ds.rows * outs * sizeof(float) + 1);
    if (!yhat || lanes_scaler_apply(&m.scaler, m.scaler.d ? ds.rows : 0, ds.x) ||
        (!net ? lanes_linreg_predict(&m.linreg, ds.rows, ds.x, yhat)
         : proba || m.net.loss == LANES_LOSS_SQUARED
             ? lanes_net_predict(&m.net, ds.rows, ds.x, yhat)
             : lanes_net_predict_label(&m.net, ds.rows, ds.x, threshold, yhat))) {
        free(yhat);
        fail();
        goto done;
    }
    int classes = net && m.net.loss != LANES_LOSS_SQUARED;
    float ts = m.target_scale > 0 ? m.target_scale : 1.0f;
    for (size_t i = 0; i < ds.rows; i++)
        if (classes && proba)
            for (size_t j = 0; j < outs; j++)
                printf("%.6g%c", (double)yhat[i * outs + j], j + 1 < outs ? ',' : '\n');
        else if (classes)
            printf("%d\n", (int)yhat[i]);
        else if (net) /* a regression network: back to the target's units */
            printf("%.9g\n", (double)(yhat[i] * ts + m.target_mean));
        else
            printf("%.9g\n", (double)yhat[i]);
    free(yhat);
    rc = fflush(stdout) == 0 ? 0 : 1;
done:
    lanes_dataset_free(&ds);
    lanes_model_free(&m);
    return rc;
}
