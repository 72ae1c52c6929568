/* Per-thread packing workspace, kept between calls.  A fresh multi-MiB
 * allocation for every gemm would be mapped anew by malloc and cost a page
 * fault per 4 KiB on first touch; keeping it (and asking for huge pages)
 * removes that from every call after the first.  Freed at thread exit. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "kernels/frame/frame.h"

#define HUGE_PAGE ((size_t)2 << 20)

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static _Thread_local void *ws;
static _Thread_local size_t ws_size;

static void make_key(void)
{
    pthread_key_create(&key, free);
}

void *lanes_workspace(const char *routine, size_t bytes)
{
    if (bytes <= ws_size)
        return ws;
    pthread_once(&key_once, make_key);
    size_t align = bytes >= HUGE_PAGE ? HUGE_PAGE : 64;
    size_t size = (bytes + align - 1) / align * align;
    void *p = aligned_alloc(align, size);
    if (!p) {
        lanes_error(LANES_ENOMEM, "%s: out of memory allocating %zu bytes of workspace", routine,
                    size);
        return NULL;
    }
#ifdef MADV_HUGEPAGE
    if (align == HUGE_PAGE)
        madvise(p, size, MADV_HUGEPAGE); /* a hint; fine if refused */
#endif
    free(ws);
    ws = p;
    ws_size = size;
    pthread_setspecific(key, p);
    return p;
}
