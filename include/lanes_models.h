/* lanes models: data loading, preparation and the trainers built on the
 * kernels (linear regression; logistic, softmax regression and MLPs as
 * dense networks), with model files.  Errors use the mechanism of lanes.h: a negative return code,
 * lanes_last_error() and lanes_last_error_message(). */
#ifndef LANES_MODELS_H
#define LANES_MODELS_H

#include <stddef.h>

#include "lanes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes beyond argument positions (see lanes.h). */
#define LANES_EIO (-1002)   /* a file cannot be opened or read */
#define LANES_EDATA (-1003) /* a file's contents are malformed */

/* A numeric table: x is rows x cols, row-major (the features), y the label
 * or target of each row.  names[0..cols-1] are the feature columns' names
 * and label_name the label column's. */
typedef struct lanes_dataset {
    size_t rows, cols;
    float *x, *y;
    char **names;
    char *label_name;
} lanes_dataset;

/* Load a CSV file (".gz" compressed or plain): a header row of column
 * names, then rows of numbers separated by commas.  label names the label
 * column (a header name or a 0-based column number); NULL means the last
 * column.  Rejected, with "FILE:LINE:COLUMN: ..." in the message and *out
 * untouched: a missing or empty file, no data rows, a row with a different
 * number of fields than the header, a cell that is not a number, NaN or
 * Inf.  Blank lines are skipped; "\r\n" line ends are accepted.
 * Returns 0, or LANES_EIO / LANES_EDATA / -position of a bad argument. */
LANES_API int lanes_csv_load(const char *path, const char *label, lanes_dataset *out);
LANES_API void lanes_dataset_free(lanes_dataset *d);

/* ---- linear regression ------------------------------------------------ */
/* y ~ x . w + b, d features; double precision parameters. */
typedef struct lanes_linreg {
    size_t d;
    double *w;
    double b;
} lanes_linreg;

/* Closed form: minimise sum (x_i . w + b - y_i)^2 + lambda * |w|^2 (the
 * bias is not regularised), x n x d row-major.  The normal equations are
 * accumulated in double with lanes_dgemm/lanes_dgemv and solved by
 * Cholesky.  A singular system (collinear or constant features) with
 * lambda = 0 is refused with LANES_EDATA and a message suggesting a ridge
 * lambda > 0.  On success *model is overwritten (lanes_linreg_free a previous
 * fit first); on error it is untouched. */
LANES_API int lanes_linreg_fit_closed(size_t n, size_t d, const float *x, const float *y,
                                      double lambda, lanes_linreg *model);
/* Minibatch SGD as Dive into Deep Learning writes it: loss 1/2 (yhat - y)^2,
 * w -= lr/|B| * sum over the batch of the gradient, optional L2 penalty
 * lambda/2 |w|^2 (bias not regularised), rows reshuffled every epoch, w
 * initialised from N(0, 0.01^2) and b = 0 from the seed.  Deterministic for
 * a fixed seed.  Every data-sized loop is a lanes kernel (sgemv, saxpy). */
typedef struct lanes_sgd_opts {
    float lr;
    size_t batch;
    size_t epochs;
    float lambda;
    unsigned long long seed;
} lanes_sgd_opts;
LANES_API int lanes_linreg_fit_sgd(size_t n, size_t d, const float *x, const float *y,
                                   const lanes_sgd_opts *opts, lanes_linreg *model);

/* yhat[i] = x_i . w + b for n rows of d features. */
LANES_API int lanes_linreg_predict(const lanes_linreg *model, size_t n, const float *x,
                                   float *yhat);
LANES_API void lanes_linreg_free(lanes_linreg *model);

/* ---- data preparation ------------------------------------------------- */
/* Per-column standardisation x' = (x - mean) / scale, fitted on training
 * rows only.  scale is the population standard deviation, or 1 for a
 * constant column (so a column that is 0 everywhere stays 0). */
typedef struct lanes_scaler {
    size_t d;
    float *mean, *scale;
} lanes_scaler;
LANES_API int lanes_scaler_fit(size_t n, size_t d, const float *x, lanes_scaler *s);
/* In place on n rows of s->d columns. */
LANES_API int lanes_scaler_apply(const lanes_scaler *s, size_t n, float *x);
LANES_API void lanes_scaler_free(lanes_scaler *s);

/* Split codes per row: 0 train, 1 validation, 2 test. */
enum { LANES_SPLIT_TRAIN = 0, LANES_SPLIT_VAL = 1, LANES_SPLIT_TEST = 2 };
/* Read a split file (a CSV with one column of codes 0/1/2 and a header, as
 * data/NAME_split.csv) that must have exactly `rows` rows; codes[rows]. */
LANES_API int lanes_split_load(const char *path, size_t rows, unsigned char *codes);
/* A seeded random split: round(rows * train) train rows, round(rows * val)
 * validation rows, the rest test (the default is 0.6 / 0.2). */
LANES_API int lanes_split_random(size_t rows, double train, double val, unsigned long long seed,
                                 unsigned char *codes);
/* Copy the rows of d whose code is `which` into *out (a new data set with
 * the same columns; 0 rows is allowed). */
LANES_API int lanes_dataset_subset(const lanes_dataset *d, const unsigned char *codes, int which,
                                   lanes_dataset *out);

/* ---- dense networks: MLPs, and logistic / softmax regression ---------- */
/* A network of `layers` dense layers: layer l maps width[l] inputs to
 * width[l+1] outputs, z = x W_l + b_l (W_l row-major width[l] x
 * width[l+1]), followed by the hidden activation on every layer but the
 * last.  The loss acts on the last layer's outputs z:
 *   LANES_LOSS_SOFTMAX_XENT  classes = width[layers] >= 2, labels 0..classes-1,
 *                            -log softmax(z)[label];
 *   LANES_LOSS_LOGISTIC      1 output, labels 0 or 1, p = sigmoid(z),
 *                            -(y log p + (1-y) log(1-p));
 *   LANES_LOSS_SQUARED       1/2 sum over outputs (z - y)^2 (regression).
 * One layer with LANES_LOSS_LOGISTIC is binary logistic regression, with
 * LANES_LOSS_SOFTMAX_XENT multinomial (softmax) regression.  The loss of a
 * batch is the mean over its rows plus lambda/2 * sum of squared weights
 * (biases are not regularised).  All parameters live in one array:
 * layer 0's W then b, then layer 1's, ... */
typedef enum lanes_act { LANES_ACT_IDENTITY = 0, LANES_ACT_RELU = 1, LANES_ACT_SIGMOID = 2 } lanes_act;
typedef enum lanes_loss {
    LANES_LOSS_SOFTMAX_XENT = 0,
    LANES_LOSS_LOGISTIC = 1,
    LANES_LOSS_SQUARED = 2
} lanes_loss;
#define LANES_NET_MAX_LAYERS 16
typedef struct lanes_net {
    size_t layers;
    size_t width[LANES_NET_MAX_LAYERS + 1];
    lanes_act act;
    lanes_loss loss;
    size_t nparams;
    float *params;
} lanes_net;

/* Create a network with initialised weights: He (normal, variance 2/fan_in)
 * for ReLU, Xavier (uniform, +-sqrt(6/(fan_in+fan_out))) otherwise, from
 * the seeded generator; biases 0.  *net is overwritten on success. */
LANES_API int lanes_net_init(lanes_net *net, size_t layers, const size_t *width, lanes_act act,
                             lanes_loss loss, unsigned long long seed);
LANES_API void lanes_net_free(lanes_net *net);
/* Outputs for n rows of x: class probabilities (n x classes) for softmax,
 * P(label = 1) (n x 1) for logistic, the predicted values for squared. */
LANES_API int lanes_net_predict(const lanes_net *net, size_t n, const float *x, float *out);
/* Class label (argmax, or p >= threshold for logistic; threshold 0.5 by
 * default) or predicted value (first output) per row: out[n]. */
LANES_API int lanes_net_predict_label(const lanes_net *net, size_t n, const float *x,
                                      float threshold, float *out);
/* Mean loss over n rows (without the L2 term) and the metric: accuracy for
 * the classifiers, mean squared error for the squared loss. */
LANES_API int lanes_net_evaluate(const lanes_net *net, size_t n, const float *x, const float *y,
                                 double *loss, double *metric);
/* Mean loss over n rows (+ the L2 term) into *loss and, when grad is not
 * NULL, its gradient with respect to every parameter (net->nparams). */
LANES_API int lanes_net_loss_grad(const lanes_net *net, size_t n, const float *x, const float *y,
                                  float lambda, double *loss, float *grad);

/* ---- optimizers -------------------------------------------------------- */
/* Update rules (PyTorch's conventions, g = gradient, t = step count):
 *   SGD       p -= lr g
 *   MOMENTUM  v = momentum v + g;                    p -= lr v
 *   ADAGRAD   s += g^2;                              p -= lr g / (sqrt(s) + eps)
 *   RMSPROP   s = rho s + (1-rho) g^2;               p -= lr g / (sqrt(s) + eps)
 *   ADAM      m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 *             p -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)
 *   ADAMW     p -= lr wd p (decoupled decay, weights only), then ADAM. */
typedef enum lanes_optimizer {
    LANES_OPT_SGD = 0,
    LANES_OPT_MOMENTUM,
    LANES_OPT_ADAGRAD,
    LANES_OPT_RMSPROP,
    LANES_OPT_ADAM,
    LANES_OPT_ADAMW
} lanes_optimizer;
typedef struct lanes_optim_opts {
    lanes_optimizer kind;
    float lr, momentum, rho, beta1, beta2, eps, weight_decay;
} lanes_optim_opts;
/* Defaults for a kind: lr 0.01 (1e-3 for Adam/AdamW), momentum 0.9,
 * rho 0.99, beta1 0.9, beta2 0.999, eps 1e-8 (1e-10 for AdaGrad),
 * weight_decay 0.01 for AdamW (else 0). */
LANES_API void lanes_optim_defaults(lanes_optim_opts *o, lanes_optimizer kind);
/* Name <-> kind: "sgd", "momentum", "adagrad", "rmsprop", "adam", "adamw";
 * -1 for an unknown name. */
LANES_API int lanes_optimizer_parse(const char *name);
LANES_API const char *lanes_optimizer_name(lanes_optimizer kind);

typedef struct lanes_optim {
    lanes_optim_opts o;
    size_t n;
    unsigned long long t;
    float *m, *v; /* state, n each (allocated as the rule needs) */
} lanes_optim;
LANES_API int lanes_optim_init(lanes_optim *opt, const lanes_optim_opts *o, size_t n);
/* One step on p[0..n-1] with gradient g; decay (may be NULL: all 1) marks
 * the entries AdamW's weight decay applies to. */
LANES_API int lanes_optim_step(lanes_optim *opt, float *p, const float *g,
                               const unsigned char *decay);
LANES_API void lanes_optim_free(lanes_optim *opt);

/* ---- training ---------------------------------------------------------- */
typedef struct lanes_epoch_report {
    size_t epoch;      /* 1-based */
    double train_loss; /* mean loss of the epoch's batches */
    double val_loss;   /* NaN without validation rows */
    double val_metric; /* accuracy (classifiers) or MSE (squared loss); NaN without */
    double seconds;    /* since training started */
} lanes_epoch_report;
typedef struct lanes_train_opts {
    lanes_optim_opts optim;
    size_t batch;    /* rows per step; 0 or >= n: full-batch gradient descent */
    size_t epochs;
    size_t patience; /* stop after this many epochs without a better
                      * validation loss and keep the best parameters; 0: off */
    float lambda;    /* L2 penalty in the loss */
    unsigned long long seed; /* reshuffling */
    void (*progress)(const lanes_epoch_report *r, void *ctx);
    void *ctx;
} lanes_train_opts;
typedef struct lanes_train_result {
    size_t epochs, best_epoch;
    double train_loss, val_loss, seconds, samples_per_second;
} lanes_train_result;
LANES_API void lanes_train_defaults(lanes_train_opts *o, lanes_optimizer kind);
/* Minibatch training, rows reshuffled every epoch, deterministic for a fixed
 * seed and thread count.  Validation rows (nval may be 0) drive early
 * stopping.  res may be NULL. */
LANES_API int lanes_net_train(lanes_net *net, size_t n, const float *x, const float *y,
                              size_t nval, const float *xval, const float *yval,
                              const lanes_train_opts *o, lanes_train_result *res);

/* ---- model files ------------------------------------------------------- */
/* A model as a file: a linear regression or a network, with the scaler its
 * inputs go through (scaler.d = 0: none).  Format (little-endian):
 * "LANESMDL", u32 version, u32 kind, u64 payload bytes, payload, u32
 * CRC-32 of everything before it.  Saving writes PATH.tmp-XXXXXX and
 * renames it over PATH, so PATH is never left half-written; loading refuses
 * a wrong magic, an unknown version, a truncated file, a bad checksum or
 * inconsistent shapes, with the reason in the message. */
enum { LANES_MODEL_LINREG = 1, LANES_MODEL_NET = 2 };
typedef struct lanes_model {
    int kind;
    lanes_scaler scaler;
    lanes_linreg linreg;
    lanes_net net;
    char *label_name; /* may be NULL */
    /* a network with the squared loss predicts (y - target_mean) /
     * target_scale; 0 and 1 (or 0 and 0: unset) leave y as it is */
    float target_mean, target_scale;
} lanes_model;
LANES_API int lanes_model_save(const lanes_model *m, const char *path);
LANES_API int lanes_model_load(const char *path, lanes_model *m);
LANES_API void lanes_model_free(lanes_model *m);

#ifdef __cplusplus
}
#endif
#endif
