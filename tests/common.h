/* Shared test helpers: one Criterion test per ISA, deterministic data,
 * ULP arithmetic, and the leak check that makes LeakSanitizer fail a test. */
#ifndef LANES_TEST_COMMON_H
#define LANES_TEST_COMMON_H

#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kernels/kernels.h"
#include "lanes.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

/* Under ASan a leak is only reported at exit and does not fail the test:
 * check explicitly after every test and crash the worker, which fails it. */
static inline void lanes_test_fini(void)
{
#if defined(__SANITIZE_ADDRESS__)
    if (__lsan_do_recoverable_leak_check() != 0)
        abort();
#endif
}

/* Every ISA this architecture builds.  On this arch none may be skipped by
 * CI (scripts/test.sh fails on any SKIP); a CPU lacking one skips by name. */
#if defined(__x86_64__)
#define LANES_FOR_EACH_ISA(M, suite, name) \
    M(suite, name, scalar) M(suite, name, avx2) M(suite, name, avx512)
#elif defined(__aarch64__)
#define LANES_FOR_EACH_ISA(M, suite, name) M(suite, name, scalar) M(suite, name, neon)
#else
#define LANES_FOR_EACH_ISA(M, suite, name) M(suite, name, scalar)
#endif

/* Force `isa` in this test's process, or skip the test if this machine
 * cannot run it; asserts the dispatcher really switched. */
static inline void lanes_test_force(const char *isa)
{
    if (!lanes_isa_supported(isa))
        cr_skip_test("%s is not supported by this CPU/OS", isa);
    cr_assert_eq(lanes_set_isa(isa), 0, "lanes_set_isa(%s) failed", isa);
    cr_assert_str_eq(lanes_isa(), isa);
}

#define LANES_ISA_TEST_ONE(suite, name, isa)                      \
    Test(suite, name##_##isa, .fini = lanes_test_fini)            \
    {                                                             \
        lanes_test_force(#isa);                                   \
        suite##_##name##_body(#isa);                              \
    }

/* ISA_TEST(suite, name) { body using `isa` } defines suite::name_<isa>
 * for every ISA of this architecture. */
#define ISA_TEST(suite, name)                                     \
    static void suite##_##name##_body(const char *isa);           \
    LANES_FOR_EACH_ISA(LANES_ISA_TEST_ONE, suite, name)           \
    static void suite##_##name##_body(const char *isa)

/* xorshift64*: deterministic, independent of libc. */
static inline uint64_t lanes_rng_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1Dull;
}

/* Uniform in [-1, 1). */
static inline double lanes_rng_unit(uint64_t *s)
{
    return (double)(lanes_rng_next(s) >> 11) * 0x1p-52 - 1.0;
}

/* Small integer in [-r, r]: products and sums stay exact in float. */
static inline int lanes_rng_int(uint64_t *s, int r)
{
    return (int)(lanes_rng_next(s) % (uint64_t)(2 * r + 1)) - r;
}

/* Error of float `got` against the exact value `ref`, in units of the
 * float ULP at ref (subnormal ULP = 2^-149).  +-Inf counts as +-2^128, so
 * a wrong overflow is a large error, and a right one (ref rounds to Inf)
 * is within 1.  NaN must match NaN. */
static inline double lanes_ulp_error(float got, double ref)
{
    if (isnan(ref) || isnan(got))
        return isnan(ref) && isnan(got) ? 0 : INFINITY;
    if (isinf(ref))
        return (double)got == ref ? 0 : INFINITY;
    double g = isinf(got) ? copysign(0x1p128, got) : (double)got;
    if (isinf(got) && isinf((float)ref) && signbit(got) == signbit(ref))
        return 0;
    int e;
    frexp(fabs(ref), &e);
    double ulp = ldexp(1.0, e - 24 < -149 ? -149 : e - 24);
    return fabs(g - ref) / ulp;
}

/* Buffer with `off` elements of misalignment from a 64-byte boundary. */
static inline void *lanes_test_alloc(size_t bytes, size_t off_bytes)
{
    char *p = aligned_alloc(64, (bytes + off_bytes + 64 + 63) & ~(size_t)63);
    cr_assert_not_null(p);
    return p + off_bytes;
}

static inline void lanes_test_free(void *p, size_t off_bytes)
{
    free((char *)p - off_bytes);
}

/* A buffer of `bytes` between inaccessible pages: it starts right after one
 * (at_end == 0) or ends right before one (at_end == 1), so any access past
 * that edge faults.  Its pages are fresh: never touched before the test. */
struct lanes_guarded {
    void *p;
    char *base;
    size_t len;
};

static inline struct lanes_guarded lanes_guarded_alloc(size_t bytes, int at_end)
{
    const size_t page = (size_t)sysconf(_SC_PAGESIZE), data = (bytes + page - 1) / page * page;
    struct lanes_guarded g = {NULL, NULL, data + 2 * page};
    g.base = mmap(NULL, g.len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(g.base != MAP_FAILED, "mmap of %zu bytes", g.len);
    cr_assert(data == 0 || mprotect(g.base + page, data, PROT_READ | PROT_WRITE) == 0);
    g.p = g.base + page + (at_end ? data - bytes : 0);
    return g;
}

static inline void lanes_guarded_free(struct lanes_guarded g)
{
    munmap(g.base, g.len);
}

#endif
