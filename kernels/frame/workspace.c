/* Per-thread packing workspace, kept between calls.  A fresh multi-MiB
 * allocation for every gemm would be mapped anew by malloc and cost a page
 * fault per 4 KiB on first touch; keeping it removes that from every call
 * after the first.  Freed at thread exit.
 *
 * No MADV_HUGEPAGE: on the Zen 5 VM this was measured on, a workspace in
 * transparent huge pages made every large gemm stall about every 0.5 s
 * (tens of ms each, no guest page faults or compaction counted: the host's
 * doing), while the same workspace in 4 KiB pages ran steadily.  dgemm 2048,
 * mean of 30 calls: 1 thread 52-71 -> 76-78 GFLOP/s, 2 threads 135 -> 160. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>

#include "kernels/frame/frame.h"

/* Slot 0: packing and the page-edge copies; slot 1: a copy of an operand
 * made before a call that may itself take slot 0 (gemm's transposed A). */
enum { SLOTS = 2 };
static pthread_key_t keys[SLOTS];
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static _Thread_local void *ws[SLOTS];
static _Thread_local size_t ws_size[SLOTS];

static void make_keys(void)
{
    for (int i = 0; i < SLOTS; i++)
        pthread_key_create(&keys[i], free);
}

static void *slot(int i, const char *routine, size_t bytes)
{
    if (bytes <= ws_size[i])
        return ws[i];
    pthread_once(&key_once, make_keys);
    size_t size = (bytes + 63) / 64 * 64; /* aligned_alloc: a multiple of the alignment */
    void *p = aligned_alloc(64, size);
    if (!p) {
        if (routine)
            lanes_error(LANES_ENOMEM, "%s: out of memory allocating %zu bytes of workspace",
                        routine, size);
        return NULL;
    }
    free(ws[i]);
    ws[i] = p;
    ws_size[i] = size;
    pthread_setspecific(keys[i], p);
    return p;
}

void *lanes_workspace(const char *routine, size_t bytes)
{
    return slot(0, routine, bytes);
}

void *lanes_operand_workspace(const char *routine, size_t bytes)
{
    return slot(1, routine, bytes);
}
