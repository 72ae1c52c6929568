/* float32 vector-math entry points: checks, then the ISA kernel. */
#include <math.h>
#include <stdint.h>

#include "kernels/frame/frame.h"

/* Checks of the elementwise routines: 0, or the error recorded. */
static int map_bad(const char *rt, size_t n, const float *x, const float *y)
{
    if (!x || !y)
        return lanes_arg_error(rt, x ? 3 : 2, "(%s) is NULL with n = %zu", x ? "y" : "x", n);
    return 0;
}

void lanes_expf(size_t n, const float *x, float *y)
{
    if (n == 0 || map_bad("lanes_expf", n, x, y))
        return;
    lanes_active_kernels()->expf(n, x, y);
}

void lanes_sigmoidf(size_t n, const float *x, float *y)
{
    if (n == 0 || map_bad("lanes_sigmoidf", n, x, y))
        return;
    lanes_active_kernels()->sigmoidf(n, x, y);
}

/* Shared checks of the row-wise routines: 0, or the error recorded. */
static int rows_bad(const char *rt, size_t rows, size_t cols, const void *x, int xpos,
                    const void *y, int ypos, const char *yname)
{
    if (rows > SIZE_MAX / sizeof(float) / (cols ? cols : 1))
        return lanes_arg_error(rt, 2, "(cols = %zu) times rows = %zu overflows size_t", cols,
                               rows);
    if (!x)
        return lanes_arg_error(rt, xpos, "(x) is NULL with %zu x %zu elements", rows, cols);
    if (!y)
        return lanes_arg_error(rt, ypos, "(%s) is NULL with %zu rows", yname, rows);
    return 0;
}

void lanes_softmaxf(size_t rows, size_t cols, const float *x, float *y)
{
    if (rows == 0 || cols == 0 || rows_bad("lanes_softmaxf", rows, cols, x, 3, y, 4, "y"))
        return;
    lanes_active_kernels()->softmaxf(rows, cols, x, y);
}

void lanes_log_softmaxf(size_t rows, size_t cols, const float *x, float *y)
{
    if (rows == 0 || cols == 0 || rows_bad("lanes_log_softmaxf", rows, cols, x, 3, y, 4, "y"))
        return;
    const struct lanes_kernels *k = lanes_active_kernels();
    for (size_t r = 0; r < rows; r++, x += cols, y += cols) {
        float m = k->rowmaxf(cols, x);
        /* log of a sum in [1, cols]: libm's log, once per row */
        float c = m + (float)log((double)k->expsumf(cols, x, m, NULL));
        for (size_t j = 0; j < cols; j++)
            y[j] = x[j] - c;
    }
}

float lanes_softmax_xentf(size_t rows, size_t cols, const float *x, const int *labels,
                          float *loss, float *grad)
{
    const char *rt = "lanes_softmax_xentf";
    if (rows == 0)
        return 0;
    if (cols == 0) {
        lanes_arg_error(rt, 2, "(cols) is 0: no class for the labels");
        return NAN;
    }
    if (rows_bad(rt, rows, cols, x, 3, labels, 4, "labels"))
        return NAN;
    for (size_t r = 0; r < rows; r++)
        if (labels[r] < 0 || (size_t)labels[r] >= cols) {
            lanes_arg_error(rt, 4, "(labels[%zu] = %d) is not in [0, %zu)", r, labels[r], cols);
            return NAN;
        }
    const struct lanes_kernels *k = lanes_active_kernels();
    double total = 0;
    for (size_t r = 0; r < rows; r++, x += cols) {
        float m = k->rowmaxf(cols, x);
        float xl = x[labels[r]]; /* read before grad (== x) overwrites it */
        float *g = grad ? grad + r * cols : NULL;
        float s = k->expsumf(cols, x, m, g);
        double l = (double)m + log((double)s) - (double)xl;
        if (loss)
            loss[r] = (float)l;
        total += l;
        if (g) {
            float inv = 1.0f / s;
            for (size_t j = 0; j < cols; j++)
                g[j] *= inv;
            g[labels[r]] -= 1.0f;
        }
    }
    return (float)(total / (double)rows);
}
