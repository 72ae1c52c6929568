/* The dispatcher: one kernel table per ISA, built from kernels/list.inc;
 * the best one the CPU, OS and build allow is chosen once (pthread_once),
 * after which every call costs one load and one indirect call. */
#include <pthread.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dispatch/cpu.h"
#include "kernels/kernels.h"
#include "lanes.h"

enum {
    LANES_ISA_IDX_scalar = LANES_ISA_SCALAR,
    LANES_ISA_IDX_avx2 = LANES_ISA_AVX2,
    LANES_ISA_IDX_avx512 = LANES_ISA_AVX512,
    LANES_ISA_IDX_neon = LANES_ISA_NEON,
};

/* Not const: LANES_SGEMM_BLOCKS / LANES_DGEMM_BLOCKS may retune the gemm
 * cache blocks once, in init(), before any table is published. */
static struct lanes_kernels tables[LANES_ISA_COUNT] = {
#define LANES_KERNEL(isa, slot, type, fn) [LANES_ISA_IDX_##isa].slot = fn,
#define LANES_GEMM(isa, slot, type, fn, mr_, nr_, kg_, mc_, kc_, nc_)                          \
    [LANES_ISA_IDX_##isa].slot.ukr = fn, [LANES_ISA_IDX_##isa].slot.mr = mr_,                    \
    [LANES_ISA_IDX_##isa].slot.nr = nr_, [LANES_ISA_IDX_##isa].slot.kg = kg_,                    \
    [LANES_ISA_IDX_##isa].slot.mc = mc_,                                                         \
    [LANES_ISA_IDX_##isa].slot.kc = kc_, [LANES_ISA_IDX_##isa].slot.nc = nc_,
#define LANES_DIRECT_T(isa, slot, type, fn, pays, mid)                                           \
    [LANES_ISA_IDX_##isa].slot.direct_t = fn, [LANES_ISA_IDX_##isa].slot.direct_t_pays = pays,    \
    [LANES_ISA_IDX_##isa].slot.direct_t_mid = mid,
#include "kernels/list.inc"
#undef LANES_KERNEL
#undef LANES_GEMM
#undef LANES_DIRECT_T
};

static const char *const isa_names[LANES_ISA_COUNT] = {"scalar", "avx2", "avx512", "neon"};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static unsigned supported_mask; /* written once, under `once` */
static int best_isa;
const struct lanes_kernels *_Atomic lanes_active_table;
int lanes_stream_wide; /* written once, under `once` */
static atomic_int active_isa;

static int isa_from_name(const char *name)
{
    for (int i = 0; i < LANES_ISA_COUNT; i++)
        if (strcmp(name, isa_names[i]) == 0)
            return i;
    return -1;
}

static int built(int isa)
{
    return tables[isa].expf != NULL;
}

/* The default table: the best ISA's kernels, except for families where
 * measurement on one CPU generation says a lower ISA is faster there.
 * LANES_ISA and lanes_set_isa() still force one ISA for everything.
 *   axpy on Zen 4 (AMD family 0x19): 512-bit stores are slower than 256-bit
 *   ones in L1-resident loops and no faster when streaming (bench_blas,
 *   saxpy/daxpy lanes-avx2 vs lanes-avx512, 1K-32M elements).  Zen 5 (0x1a)
 *   stores 512 bits at full speed: there the AVX-512 axpy, which picks its
 *   width by size (kernels/avx512/axpy.h), is the faster one. */
struct preference {
    size_t slot;        /* offset of the function pointer in struct lanes_kernels */
    int isa;
    unsigned amd_family; /* the CPUs it was measured on */
};
static const struct preference preferences[] = {
    {offsetof(struct lanes_kernels, saxpy), LANES_ISA_AVX2, 0x19},
    {offsetof(struct lanes_kernels, daxpy), LANES_ISA_AVX2, 0x19},
};
static struct lanes_kernels auto_table; /* written once, under `once` */

static void build_auto_table(unsigned family)
{
    auto_table = tables[best_isa];
    for (size_t i = 0; i < sizeof preferences / sizeof preferences[0]; i++) {
        const struct preference *p = &preferences[i];
        if (p->amd_family == family && p->isa < best_isa && (supported_mask & (1u << p->isa)))
            memcpy((char *)&auto_table + p->slot, (const char *)&tables[p->isa] + p->slot,
                   sizeof(void (*)(void)));
    }
}

/* isa < 0: the default table */
static void activate(int isa)
{
    atomic_store(&active_isa, isa < 0 ? best_isa : isa);
    atomic_store(&lanes_active_table, isa < 0 ? &auto_table : &tables[isa]);
}

/* "MC,KC,NC" from the environment, for tuning, into b[3]; 1 if valid.  A
 * malformed value is reported (once) and ignored.  MC * NC is bounded
 * because a threaded gemm counts a block's MR x NR tiles in 32 bits
 * (lanes_steal_next). */
static int blocks_from_env(const char *var, unsigned b[3])
{
    const char *env = getenv(var);
    char tail;
    if (!env || !*env)
        return 0;
    if (sscanf(env, "%u,%u,%u%c", &b[0], &b[1], &b[2], &tail) != 3 || !b[0] || !b[1] || !b[2] ||
        b[0] > 1u << 20 || b[1] > 1u << 20 || b[2] > 1u << 24) {
        fprintf(stderr, "lanes: %s=%s is not MC,KC,NC (positive integers); ignored\n", var, env);
        return 0;
    }
    if ((unsigned long long)b[0] * b[2] >= 1ull << 31) {
        fprintf(stderr, "lanes: %s=%s has MC * NC >= 2^31; ignored\n", var, env);
        return 0;
    }
    return 1;
}

/* One ISA's sgemm or dgemm blocks (cfg: its lanes_[sd]gemm_cfg) from b[3],
 * if it has that kernel: MC rounded up to a multiple of MR, NC of NR. */
#define SET_BLOCKS(cfg, b)                                                                       \
    do {                                                                                         \
        if ((cfg)->ukr) {                                                                        \
            (cfg)->mc = ((b)[0] + (cfg)->mr - 1) / (cfg)->mr * (cfg)->mr;                        \
            (cfg)->kc = (b)[1];                                                                  \
            (cfg)->nc = ((b)[2] + (cfg)->nr - 1) / (cfg)->nr * (cfg)->nr;                        \
            (cfg)->nc1 = 0; /* NC set: for any thread count */                                   \
            (cfg)->kc_deep = 0; /* and KC for any C */                                           \
        }                                                                                        \
    } while (0)

/* Cache blocks measured on one CPU family: Zen 4 (AMD family 0x19), where
 * kernels/list.inc's were chosen, and Zen 5.  Other x86 CPUs derive theirs
 * from their caches (blocks_from_caches below); LANES_SGEMM_BLOCKS /
 * LANES_DGEMM_BLOCKS win over both (and set NC for any thread count).
 *   Zen 5 (AMD family 0x1a), AVX-512 sgemm: KC 512 (B's micro-panel 24 KiB
 *   of the 48 KiB L1; a 2048-deep product reads and writes C 4 times, not
 *   7), MC 160 (A's block 320 KiB of the 1 MiB L2).  lanes_ab against
 *   128,320,4080, n = 512 to 4096: 1 thread 1.02-1.04x, 2 threads
 *   1.03-1.05x.  AVX-512 dgemm: MC 128, KC 512, NC 2040 (the same 24 KiB
 *   micro-panel, A's block 512 KiB, B's panel 8 MiB; KC 256 read and wrote
 *   a 2048-deep C 8 times).  lanes_ab against 160,256,4080 since B is
 *   packed in groups of W k steps, 11-15 rounds: 1 thread n = 512 0.99x,
 *   1024 1.02x, 2048 1.04x, 4096 1.06x; 2 threads 1.06-1.10x.  (Before
 *   that packing, KC 384 or 512 was 0.97-1.01x.)
 *   NC 1020 on one thread, sgemm and dgemm (B's packed panel 2 MiB, not 8,
 *   then; dgemm's is 4 MiB at KC 512):
 *   n = 4096, 1 thread, s 201-203 GFLOP/s against 185-187 with 4080 (2040:
 *   197-199), d 100.3-101.5 against 95.2-98.1; n = 1024 and 2048 the same
 *   either way (again with B grouped by W k steps, sgemm 2048: 187.5
 *   GFLOP/s against 164.8 with 2040 and 160.4 with 4080).  Two threads,
 *   which share the panel, keep the full NC: 1020 ran sgemm 4096 at 367
 *   GFLOP/s against 397-400.
 *   sgemm whose C exceeds 8 MiB (LANES_GEMM_DEEP_C): KC 1024, half as many
 *   passes over a C that comes from memory (teams' NC halved to 2040, B's
 *   panel 8 MiB as before).  Since the A pack is fused: separate processes
 *   alternated, 3 rounds, 1 thread, n = 2048 215.6 GFLOP/s against 208.4,
 *   4096 212.6 against 207.0; but 1024 (C 4 MiB) 212.3 against 216.3, 512
 *   210.9 against 214.2; 2 threads (NC 2040) 2048 385.4 against 368.6,
 *   4096 377.7 against 376.0.  dgemm at KC 1024: 2048 71.1 against 86.1. */
struct block_preference {
    int isa, dbl;
    unsigned amd_family, mc, kc, nc, nc1, kc_deep;
};
static const struct block_preference block_preferences[] = {
    {LANES_ISA_AVX512, 0, 0x1a, 160, 512, 4080, 1020, 1024},
    {LANES_ISA_AVX512, 1, 0x1a, 128, 512, 2040, 1020, 0},
};
/* The families whose blocks were measured: Zen 4 keeps kernels/list.inc's,
 * Zen 5 takes block_preferences' over them */
static const unsigned measured_families[] = {0x19, 0x1a};

/* MC and KC from the cache sizes, for CPU families no one measured (the
 * analytical model of BLIS, Low et al., ACM TOMS 43(2), 2016, in short): KC
 * so that B's micro-panel (KC x NR) fills half of L1, the other half left
 * to A's micro-panel streaming past and C's tile; MC so that A's block (MC x
 * KC) fills a quarter of L2.  KC within [128, 512]: shallower slices read and
 * write C more often, deeper ones gained nothing where measured.  On Zen 5
 * (L1 48 KiB, L2 1 MiB) it gives sgemm 128,512 (measured best 160,512);
 * on Intel family 6 model 207 (Emerald Rapids, L1 48 KiB, L2 2 MiB), sgemm
 * 256,512 and dgemm 128,512, in place of list.inc's 128,320 and 160,256:
 * n = 2048, medians of 15-31 calls alternating with the old blocks in one
 * process, 1 thread s 147.6 -> 156.6 GFLOP/s, d 76.9 -> 79.4; 2 threads s
 * 292.4 -> 310.8, d 150.5 -> 156.1.  NC: list.inc's, or less so that B's
 * packed panel (KC x NC) takes at most 8 MiB of L3 (the size of L3 does not
 * help: a VM may report the whole socket's, shared with other tenants):
 * there dgemm 4096 NC 2040 ran 77.1 GFLOP/s against 73.1 for 4080 (16 MiB),
 * sgemm the same with 4080 (8 MiB), 2040 or 1020.  x86 only: elsewhere
 * glibc may report the emulating host's caches, or none. */
#if defined(__x86_64__) && defined(_SC_LEVEL2_CACHE_SIZE)
static void blocks_from_caches(unsigned mr, unsigned nr, size_t size, long l1, long l2,
                               unsigned *mc, unsigned *kc, unsigned *nc)
{
    unsigned k = (unsigned)((size_t)l1 / 2 / (nr * size)) / 16 * 16;
    k = k < 128 ? 128 : k > 512 ? 512 : k;
    unsigned m = (unsigned)((size_t)l2 / 4 / (k * size)) / mr * mr;
    const unsigned n = (unsigned)(((size_t)8 << 20) / (k * size)) / nr * nr;
    *kc = k;
    *mc = m < mr ? mr : m > 1024 ? 1024 : m;
    *nc = n < *nc ? n : *nc;
}

/* Every ISA's gemm blocks from this CPU's caches, if glibc knows them */
static void blocks_from_this_cpu(void)
{
    const long l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE), l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
    if (l1 < 16384 || l2 < 131072)
        return;
    for (int i = 0; i < LANES_ISA_COUNT; i++) {
        struct lanes_sgemm_cfg *s = &tables[i].sgemm;
        struct lanes_dgemm_cfg *d = &tables[i].dgemm;
        if (s->ukr)
            blocks_from_caches(s->mr, s->nr, sizeof(float), l1, l2, &s->mc, &s->kc, &s->nc);
        if (d->ukr)
            blocks_from_caches(d->mr, d->nr, sizeof(double), l1, l2, &d->mc, &d->kc, &d->nc);
    }
}
#else
static void blocks_from_this_cpu(void) {}
#endif

static void tune_blocks(unsigned family)
{
    int measured = 0;
    for (size_t i = 0; i < sizeof measured_families / sizeof measured_families[0]; i++)
        measured |= measured_families[i] == family;
    if (!measured)
        blocks_from_this_cpu();
    for (size_t i = 0; i < sizeof block_preferences / sizeof block_preferences[0]; i++) {
        const struct block_preference *p = &block_preferences[i];
        const unsigned b[3] = {p->mc, p->kc, p->nc};
        if (p->amd_family != family)
            continue;
        if (p->dbl) {
            SET_BLOCKS(&tables[p->isa].dgemm, b);
            tables[p->isa].dgemm.nc1 = p->nc1;
            tables[p->isa].dgemm.kc_deep = p->kc_deep;
        } else {
            SET_BLOCKS(&tables[p->isa].sgemm, b);
            tables[p->isa].sgemm.nc1 = p->nc1;
            tables[p->isa].sgemm.kc_deep = p->kc_deep;
        }
    }
    unsigned sb[3], db[3];
    const int s_set = blocks_from_env("LANES_SGEMM_BLOCKS", sb);
    const int d_set = blocks_from_env("LANES_DGEMM_BLOCKS", db);
    for (int i = 0; i < LANES_ISA_COUNT; i++) {
        if (s_set)
            SET_BLOCKS(&tables[i].sgemm, sb);
        if (d_set)
            SET_BLOCKS(&tables[i].dgemm, db);
    }
}
#undef SET_BLOCKS

static void init(void)
{
    unsigned family;
    unsigned cpu = lanes_cpu_identify(&family);
    tune_blocks(family);
    for (int i = 0; i < LANES_ISA_COUNT; i++)
        if ((cpu & (1u << i)) && built(i)) {
            supported_mask |= 1u << i;
            best_isa = i; /* enum order is worst to best within an arch */
        }
    /* AMD's Zen 4 and 5 stream 256-bit loads from L3 and memory faster
     * (wide_narrow.h); others, as Intel family 6 model 207, 512-bit ones */
    lanes_stream_wide = family < 0x19;
    build_auto_table(family);
    int pick = -1;
    const char *env = getenv("LANES_ISA");
    if (env && *env && strcmp(env, "auto") != 0) {
        int want = isa_from_name(env);
        if (want < 0)
            fprintf(stderr,
                    "lanes: LANES_ISA=%s is unknown (use scalar, avx2, avx512 or neon); "
                    "using %s\n",
                    env, isa_names[best_isa]);
        else if (!(supported_mask & (1u << want)))
            fprintf(stderr, "lanes: LANES_ISA=%s is not supported by this CPU/OS/build; using %s\n",
                    env, isa_names[best_isa]);
        else
            pick = want;
    }
    activate(pick);
}

const struct lanes_kernels *lanes_resolve_kernels(void)
{
    pthread_once(&once, init);
    return atomic_load(&lanes_active_table);
}

const char *lanes_isa(void)
{
    lanes_active_kernels();
    return isa_names[atomic_load(&active_isa)];
}

int lanes_isa_supported(const char *name)
{
    pthread_once(&once, init);
    int isa = name ? isa_from_name(name) : -1;
    return isa >= 0 && (supported_mask & (1u << isa)) != 0;
}

int lanes_set_isa(const char *name)
{
    pthread_once(&once, init);
    if (name == NULL || strcmp(name, "auto") == 0) {
        activate(-1);
        return 0;
    }
    if (!lanes_isa_supported(name))
        return -1;
    activate(isa_from_name(name));
    return 0;
}

size_t lanes_supported_isas(const char **names, size_t cap)
{
    pthread_once(&once, init);
    size_t n = 0;
    for (int i = 0; i < LANES_ISA_COUNT; i++)
        if (supported_mask & (1u << i)) {
            if (names && n < cap)
                names[n] = isa_names[i];
            n++;
        }
    return n;
}

static pthread_once_t report_once = PTHREAD_ONCE_INIT;
static char report[1024];

static void make_report(void)
{
    lanes_cpu_describe(report, sizeof report);
}

const char *lanes_cpu_report(void)
{
    pthread_once(&report_once, make_report);
    return report;
}

/* Public kernel names and where their function pointer sits in the table. */
static const struct {
    const char *name;
    size_t slot;
} kernel_slots[] = {
    {"saxpy", offsetof(struct lanes_kernels, saxpy)},
    {"daxpy", offsetof(struct lanes_kernels, daxpy)},
    {"sdot", offsetof(struct lanes_kernels, sdot)},
    {"ddot", offsetof(struct lanes_kernels, ddot)},
    {"sgemv", offsetof(struct lanes_kernels, sgemv_n)},
    {"dgemv", offsetof(struct lanes_kernels, dgemv_n)},
    {"sgemm", offsetof(struct lanes_kernels, sgemm.ukr)},
    {"dgemm", offsetof(struct lanes_kernels, dgemm.ukr)},
    {"expf", offsetof(struct lanes_kernels, expf)},
    {"sigmoidf", offsetof(struct lanes_kernels, sigmoidf)},
    {"softmaxf", offsetof(struct lanes_kernels, softmaxf)},
};

const char *lanes_kernel_name(size_t i)
{
    return i < sizeof kernel_slots / sizeof kernel_slots[0] ? kernel_slots[i].name : NULL;
}

int lanes_gemm_blocks(const char *kernel, unsigned b[6])
{
    const struct lanes_kernels *t = lanes_active_kernels();
    unsigned v[6];
    if (kernel && strcmp(kernel, "sgemm") == 0) {
        const struct lanes_sgemm_cfg *c = &t->sgemm;
        const unsigned s[6] = {c->mr, c->nr, c->mc, c->kc, c->nc, c->nc1 ? c->nc1 : c->nc};
        memcpy(v, s, sizeof v);
    } else if (kernel && strcmp(kernel, "dgemm") == 0) {
        const struct lanes_dgemm_cfg *c = &t->dgemm;
        const unsigned d[6] = {c->mr, c->nr, c->mc, c->kc, c->nc, c->nc1 ? c->nc1 : c->nc};
        memcpy(v, d, sizeof v);
    } else {
        return -1;
    }
    if (!b)
        return -2;
    memcpy(b, v, sizeof v);
    return 0;
}

unsigned lanes_gemm_deep_kc(const char *kernel)
{
    const struct lanes_kernels *t = lanes_active_kernels();
    if (kernel && strcmp(kernel, "sgemm") == 0)
        return t->sgemm.kc_deep;
    if (kernel && strcmp(kernel, "dgemm") == 0)
        return t->dgemm.kc_deep;
    return 0;
}

const char *lanes_kernel_isa(const char *kernel)
{
    const char *t = (const char *)lanes_active_kernels();
    for (size_t k = 0; kernel && k < sizeof kernel_slots / sizeof kernel_slots[0]; k++) {
        if (strcmp(kernel, kernel_slots[k].name) != 0)
            continue;
        for (int i = 0; i < LANES_ISA_COUNT; i++)
            if (memcmp(t + kernel_slots[k].slot, (const char *)&tables[i] + kernel_slots[k].slot,
                       sizeof(void (*)(void))) == 0)
                return isa_names[i];
    }
    return NULL;
}
