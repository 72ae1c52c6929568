/* lanes models: data loading (and, to come, the trainers built on the
 * kernels).  Errors use the mechanism of lanes.h: a negative return code,
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

#ifdef __cplusplus
}
#endif
#endif
