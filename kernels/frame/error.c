/* The one error mechanism (see lanes.h): a per-thread code and message,
 * plus an optional process-wide handler. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernels/frame/frame.h"

static _Thread_local int last_code;
static _Thread_local char last_msg[256];
static _Atomic(lanes_error_handler) handler;

static int record(int code)
{
    last_code = code;
    lanes_error_handler h = atomic_load(&handler);
    if (h)
        h(code, last_msg);
    return code;
}

int lanes_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_msg, sizeof last_msg, fmt, ap);
    va_end(ap);
    return record(code);
}

int lanes_arg_error(const char *routine, int pos, const char *fmt, ...)
{
    int len = snprintf(last_msg, sizeof last_msg, "%s: argument %d ", routine, pos);
    va_list ap;
    va_start(ap, fmt);
    if (len > 0 && (size_t)len < sizeof last_msg)
        vsnprintf(last_msg + len, sizeof last_msg - (size_t)len, fmt, ap);
    va_end(ap);
    return record(-pos);
}

int lanes_last_error(void)
{
    return last_code;
}

const char *lanes_last_error_message(void)
{
    return last_code ? last_msg : "no error";
}

void lanes_clear_error(void)
{
    last_code = 0;
    last_msg[0] = '\0';
}

lanes_error_handler lanes_set_error_handler(lanes_error_handler h)
{
    return atomic_exchange(&handler, h);
}

void *lanes_scratch_alloc(const char *routine, size_t bytes)
{
    size_t rounded = (bytes + 63) & ~(size_t)63;
    void *p = rounded ? aligned_alloc(64, rounded) : NULL;
    if (!p && rounded)
        lanes_error(LANES_ENOMEM, "%s: out of memory allocating %zu bytes of workspace", routine,
                    rounded);
    return p;
}

void lanes_scratch_free(void *p)
{
    free(p);
}
