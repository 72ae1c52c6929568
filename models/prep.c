/* Data preparation for the trainers (lanes_models.h): standardisation,
 * train/validation/test splits and row subsets. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/frame/frame.h"
#include "lanes_models.h"
#include "models/models.h"

int lanes_scaler_fit(size_t n, size_t d, const float *x, lanes_scaler *s)
{
    const char *rt = "lanes_scaler_fit";
    if (n == 0)
        return lanes_arg_error(rt, 1, "(n) is 0: no rows to fit on");
    if (!x)
        return lanes_arg_error(rt, 3, "(x) is NULL");
    if (!s)
        return lanes_arg_error(rt, 4, "(scaler) is NULL");
    float *mean = malloc(d * sizeof(float)), *scale = malloc(d * sizeof(float));
    double *sum = calloc(d, sizeof(double)), *sq = calloc(d, sizeof(double));
    if ((d && (!mean || !scale || !sum || !sq))) {
        free(mean);
        free(scale);
        free(sum);
        free(sq);
        return lanes_error(LANES_ENOMEM, "%s: out of memory", rt);
    }
    /* two passes in double: the mean, then the squared deviations from it */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d; j++)
            sum[j] += x[i * d + j];
    for (size_t j = 0; j < d; j++)
        sum[j] /= (double)n;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d; j++) {
            double t = x[i * d + j] - sum[j];
            sq[j] += t * t;
        }
    for (size_t j = 0; j < d; j++) {
        double sd = sqrt(sq[j] / (double)n);
        mean[j] = (float)sum[j];
        /* a constant column has no spread to divide by: leave it centred */
        scale[j] = sd > 1e-12 * (fabs(sum[j]) + 1) ? (float)sd : 1.0f;
    }
    free(sum);
    free(sq);
    s->d = d;
    s->mean = mean;
    s->scale = scale;
    return 0;
}

int lanes_scaler_apply(const lanes_scaler *s, size_t n, float *x)
{
    if (!s || (s->d && (!s->mean || !s->scale)))
        return lanes_arg_error("lanes_scaler_apply", 1, "(scaler) is NULL or not fitted");
    if (n && s->d && !x)
        return lanes_arg_error("lanes_scaler_apply", 3, "(x) is NULL");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < s->d; j++)
            x[i * s->d + j] = (x[i * s->d + j] - s->mean[j]) / s->scale[j];
    return 0;
}

void lanes_scaler_free(lanes_scaler *s)
{
    if (!s)
        return;
    free(s->mean);
    free(s->scale);
    s->mean = s->scale = NULL;
    s->d = 0;
}

int lanes_split_load(const char *path, size_t rows, unsigned char *codes)
{
    const char *rt = "lanes_split_load";
    if (!path)
        return lanes_arg_error(rt, 1, "(path) is NULL");
    if (!codes && rows)
        return lanes_arg_error(rt, 3, "(codes) is NULL");
    FILE *f = fopen(path, "r");
    if (!f)
        return lanes_error(LANES_EIO, "%s: cannot open: %s", path, strerror(errno));
    char line[256];
    size_t lineno = 0, k = 0;
    int rc = 0;
    unsigned char *tmp = malloc(rows ? rows : 1);
    if (!tmp) {
        fclose(f);
        return lanes_error(LANES_ENOMEM, "%s: out of memory", rt);
    }
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strcspn(line, "\r\n");
        line[len] = '\0';
        if (lineno == 1 || len == 0) /* header, blank lines */
            continue;
        if (len != 1 || line[0] < '0' || line[0] > '2') {
            rc = lanes_error(LANES_EDATA, "%s:%zu:1: split code '%s' is not 0, 1 or 2", path,
                             lineno, line);
            break;
        }
        if (k == rows) {
            rc = lanes_error(LANES_EDATA, "%s:%zu: more split codes than the %zu data rows", path,
                             lineno, rows);
            break;
        }
        tmp[k++] = (unsigned char)(line[0] - '0');
    }
    if (!rc && ferror(f))
        rc = lanes_error(LANES_EIO, "%s: read error", path);
    if (!rc && k != rows)
        rc = lanes_error(LANES_EDATA, "%s: %zu split codes for %zu data rows", path, k, rows);
    fclose(f);
    if (!rc && rows)
        memcpy(codes, tmp, rows);
    free(tmp);
    return rc;
}

int lanes_split_random(size_t rows, double train, double val, unsigned long long seed,
                       unsigned char *codes)
{
    const char *rt = "lanes_split_random";
    if (!(train >= 0) || !(val >= 0) || train + val > 1)
        return lanes_arg_error(rt, 2, "(train = %g, val = %g) must be >= 0 with sum <= 1", train,
                               val);
    if (!codes && rows)
        return lanes_arg_error(rt, 5, "(codes) is NULL");
    size_t *perm = malloc((rows ? rows : 1) * sizeof(size_t));
    if (!perm)
        return lanes_error(LANES_ENOMEM, "%s: out of memory", rt);
    uint64_t s = lanes_rng_seed(seed);
    for (size_t i = 0; i < rows; i++)
        perm[i] = i;
    lanes_shuffle(perm, rows, &s);
    size_t ntrain = (size_t)llround(rows * train), nval = (size_t)llround(rows * val);
    if (ntrain + nval > rows)
        nval = rows - ntrain;
    for (size_t i = 0; i < rows; i++)
        codes[perm[i]] = i < ntrain ? LANES_SPLIT_TRAIN
                         : i < ntrain + nval ? LANES_SPLIT_VAL
                                             : LANES_SPLIT_TEST;
    free(perm);
    return 0;
}

int lanes_dataset_subset(const lanes_dataset *d, const unsigned char *codes, int which,
                         lanes_dataset *out)
{
    const char *rt = "lanes_dataset_subset";
    if (!d || (d->rows && (!d->x || !d->y)))
        return lanes_arg_error(rt, 1, "(data) is NULL or empty");
    if (!codes && d->rows)
        return lanes_arg_error(rt, 2, "(codes) is NULL");
    if (!out)
        return lanes_arg_error(rt, 4, "(out) is NULL");
    size_t n = 0;
    for (size_t i = 0; i < d->rows; i++)
        n += codes[i] == which;
    lanes_dataset r = {0};
    r.rows = n;
    r.cols = d->cols;
    r.x = malloc((n * d->cols + 1) * sizeof(float));
    r.y = malloc((n ? n : 1) * sizeof(float));
    r.names = calloc(d->cols ? d->cols : 1, sizeof(char *));
    int ok = r.x && r.y && r.names;
    for (size_t j = 0; ok && j < d->cols; j++)
        ok = d->names && d->names[j] ? (r.names[j] = strdup(d->names[j])) != NULL : 1;
    if (ok && d->label_name)
        ok = (r.label_name = strdup(d->label_name)) != NULL;
    if (!ok) {
        lanes_dataset_free(&r);
        return lanes_error(LANES_ENOMEM, "%s: out of memory", rt);
    }
    for (size_t i = 0, k = 0; i < d->rows; i++)
        if (codes[i] == which) {
            memcpy(r.x + k * d->cols, d->x + i * d->cols, d->cols * sizeof(float));
            r.y[k++] = d->y[i];
        }
    *out = r;
    return 0;
}
