/* float32 vector-math entry points: checks, then the ISA kernel. */
#include <stdint.h>

#include "kernels/frame/frame.h"

void lanes_expf(size_t n, const float *x, float *y)
{
    if (n == 0)
        return;
    if (!x || !y) {
        lanes_arg_error("lanes_expf", x ? 3 : 2, "(%s) is NULL with n = %zu", x ? "y" : "x", n);
        return;
    }
    lanes_active_kernels()->expf(n, x, y);
}

void lanes_sigmoidf(size_t n, const float *x, float *y)
{
    if (n == 0)
        return;
    if (!x || !y) {
        lanes_arg_error("lanes_sigmoidf", x ? 3 : 2, "(%s) is NULL with n = %zu", x ? "y" : "x",
                        n);
        return;
    }
    lanes_active_kernels()->sigmoidf(n, x, y);
}

void lanes_softmaxf(size_t rows, size_t cols, const float *x, float *y)
{
    if (rows == 0 || cols == 0)
        return;
    if (rows > SIZE_MAX / sizeof(float) / cols) {
        lanes_arg_error("lanes_softmaxf", 2, "(cols = %zu) times rows = %zu overflows size_t",
                        cols, rows);
        return;
    }
    if (!x || !y) {
        lanes_arg_error("lanes_softmaxf", x ? 4 : 3, "(%s) is NULL with %zu x %zu elements",
                        x ? "y" : "x", rows, cols);
        return;
    }
    lanes_active_kernels()->softmaxf(rows, cols, x, y);
}
