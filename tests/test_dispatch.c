/* The dispatcher: the pure CPU decision on canned registers, forcing each
 * ISA in-process, and the LANES_ISA environment override. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

#include <criterion/redirect.h>
#include "dispatch/cpu.h"

#define BIT(isa) (1u << (isa))
enum {
    LANES_ISA_ID_scalar = LANES_ISA_SCALAR,
    LANES_ISA_ID_avx2 = LANES_ISA_AVX2,
    LANES_ISA_ID_avx512 = LANES_ISA_AVX512,
    LANES_ISA_ID_neon = LANES_ISA_NEON,
};

/* A Zen 4-like CPU with everything on. */
static struct lanes_x86_regs zen4(void)
{
    struct lanes_x86_regs r = {0};
    r.max_leaf = 16;
    r.l1_ecx = LANES_X86_L1_ECX_FMA | LANES_X86_L1_ECX_OSXSAVE | LANES_X86_L1_ECX_AVX;
    r.l7_ebx = LANES_X86_L7_EBX_AVX2 | LANES_X86_L7_EBX_AVX512F | LANES_X86_L7_EBX_AVX512DQ |
               LANES_X86_L7_EBX_AVX512BW | LANES_X86_L7_EBX_AVX512VL;
    r.xcr0 = 0xe7;
    return r;
}

Test(dispatch, x86_all_features)
{
    struct lanes_x86_regs r = zen4();
    cr_assert_eq(lanes_x86_isa_mask(&r),
                 BIT(LANES_ISA_SCALAR) | BIT(LANES_ISA_AVX2) | BIT(LANES_ISA_AVX512));
}

Test(dispatch, x86_amd_family)
{
    struct lanes_x86_regs r = zen4();
    r.vendor_ebx = LANES_X86_VENDOR_AMD;
    r.l1_eax = 0x00a10f11; /* EPYC 9004 (Zen 4): base family 0xf + extended 0xa */
    cr_assert_eq(lanes_x86_amd_family(&r), 0x19);
    r.l1_eax = 0x00b00f21; /* EPYC 9005 (Zen 5) */
    cr_assert_eq(lanes_x86_amd_family(&r), 0x1a);
    r.l1_eax = 0x00000f4a; /* base family 0xf, extended 0: family 0xf (K8) */
    cr_assert_eq(lanes_x86_amd_family(&r), 0xf);
    r.l1_eax = 0x00f00610; /* below 0xf the extended field does not count */
    cr_assert_eq(lanes_x86_amd_family(&r), 6);
    r.vendor_ebx = 0x756e6547; /* "Genu"ineIntel */
    cr_assert_eq(lanes_x86_amd_family(&r), 0);
    r.vendor_ebx = LANES_X86_VENDOR_AMD;
    r.max_leaf = 0; /* no leaf 1 */
    cr_assert_eq(lanes_x86_amd_family(&r), 0);
}

Test(dispatch, x86_zmm_state_off)
{
    struct lanes_x86_regs r = zen4();
    r.xcr0 = 0x7; /* hypervisor left opmask/ZMM state off */
    cr_assert_eq(lanes_x86_isa_mask(&r), BIT(LANES_ISA_SCALAR) | BIT(LANES_ISA_AVX2));
    r.xcr0 = 0x67; /* Hi16_ZMM missing */
    cr_assert_eq(lanes_x86_isa_mask(&r), BIT(LANES_ISA_SCALAR) | BIT(LANES_ISA_AVX2));
}

Test(dispatch, x86_no_osxsave)
{
    struct lanes_x86_regs r = zen4();
    r.l1_ecx &= ~LANES_X86_L1_ECX_OSXSAVE;
    cr_assert_eq(lanes_x86_isa_mask(&r), BIT(LANES_ISA_SCALAR));
}

Test(dispatch, x86_ymm_state_off)
{
    struct lanes_x86_regs r = zen4();
    r.xcr0 = 0x3;
    cr_assert_eq(lanes_x86_isa_mask(&r), BIT(LANES_ISA_SCALAR));
}

Test(dispatch, x86_partial_features)
{
    struct lanes_x86_regs r = zen4();
    r.l1_ecx &= ~LANES_X86_L1_ECX_FMA; /* AVX2 without FMA: our kernels need both */
    cr_assert_eq(lanes_x86_isa_mask(&r), BIT(LANES_ISA_SCALAR));
    r = zen4();
    r.l7_ebx &= ~LANES_X86_L7_EBX_AVX512BW; /* e.g. Knights Landing: F without BW */
    cr_assert_eq(lanes_x86_isa_mask(&r), BIT(LANES_ISA_SCALAR) | BIT(LANES_ISA_AVX2));
    r = zen4();
    r.max_leaf = 6; /* no leaf 7: no AVX2 */
    cr_assert_eq(lanes_x86_isa_mask(&r), BIT(LANES_ISA_SCALAR));
}

Test(dispatch, arm_hwcap)
{
    cr_assert_eq(lanes_arm_isa_mask(0), BIT(LANES_ISA_SCALAR));
    cr_assert_eq(lanes_arm_isa_mask(1ul << 1), BIT(LANES_ISA_SCALAR) | BIT(LANES_ISA_NEON));
}

/* The default is the best supported ISA, and it is what runs. */
Test(dispatch, default_is_best, .fini = lanes_test_fini)
{
    unsetenv("LANES_ISA");
    const char *names[8];
    size_t n = lanes_supported_isas(names, 8);
    cr_assert_geq(n, 1);
    cr_assert_str_eq(names[0], "scalar");
    cr_assert_str_eq(lanes_isa(), names[n - 1]);
#if defined(__x86_64__)
    struct lanes_x86_regs r;
    lanes_x86_read(&r);
    unsigned hw = lanes_x86_isa_mask(&r);
    cr_assert_str_eq(lanes_isa(), (hw & BIT(LANES_ISA_AVX512)) ? "avx512"
                                  : (hw & BIT(LANES_ISA_AVX2)) ? "avx2"
                                                               : "scalar");
#elif defined(__aarch64__)
    cr_assert_str_eq(lanes_isa(), "neon");
#endif
}

/* Forcing an ISA switches the whole table to that ISA's kernels. */
static void check_table(const char *isa)
{
    const struct lanes_kernels *k = lanes_active_kernels();
    struct {
        const char *name;
        void *fn;
    } expect[] = {
        {"scalar", (void *)lanes_expf_scalar},
#ifdef LANES_HAVE_AVX2
        {"avx2", (void *)lanes_expf_avx2},
#endif
#ifdef LANES_HAVE_AVX512
        {"avx512", (void *)lanes_expf_avx512},
#endif
#ifdef LANES_HAVE_NEON
        {"neon", (void *)lanes_expf_neon},
#endif
    };
    int found = 0;
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++)
        if (strcmp(expect[i].name, isa) == 0) {
            cr_assert_eq((void *)k->expf, expect[i].fn, "%s: wrong expf in the table", isa);
            found = 1;
        }
    cr_assert(found, "%s not built", isa);
}

ISA_TEST(dispatch, force)
{
    check_table(isa);
    /* back to the best and forced again: switching is repeatable */
    cr_assert_eq(lanes_set_isa("auto"), 0);
    cr_assert_eq(lanes_set_isa(isa), 0);
    cr_assert_str_eq(lanes_isa(), isa);
    check_table(isa);
}

Test(dispatch, set_unknown_or_unsupported_changes_nothing, .fini = lanes_test_fini)
{
    const char *before = lanes_isa();
    cr_assert_neq(lanes_set_isa("sse9"), 0);
    cr_assert_neq(lanes_set_isa(""), 0);
    cr_assert_str_eq(lanes_isa(), before);
    cr_assert_eq(lanes_isa_supported("sse9"), 0);
    cr_assert_eq(lanes_isa_supported(NULL), 0);
#if defined(__x86_64__)
    cr_assert_neq(lanes_set_isa("neon"), 0, "neon cannot run on x86");
#else
    cr_assert_neq(lanes_set_isa("avx2"), 0, "avx2 cannot run here");
#endif
    cr_assert_str_eq(lanes_isa(), before);
    cr_assert_eq(lanes_set_isa(NULL), 0);
}

/* LANES_ISA is read once, on first use; each Criterion test is a fresh
 * process, so setting it here acts as if set at program start.  want_isa
 * NULL means the best supported one; want_msg is a format for its name. */
static const char *best(void)
{
    const char *names[8];
    size_t n = lanes_supported_isas(names, 8);
    return names[n - 1];
}

static void env_case(const char *value, const char *want_isa, const char *want_msg)
{
    cr_redirect_stderr();
    setenv("LANES_ISA", value, 1);
    const char *got = lanes_isa(); /* first use: reads LANES_ISA */
    if (!want_isa)
        want_isa = best();
    cr_assert_str_eq(got, want_isa);
    char msg[200] = "";
    if (want_msg)
        snprintf(msg, sizeof msg, want_msg, best());
    fflush(stderr);
    cr_assert_stderr_eq_str(msg);
}

#define ENV_ISA_TEST(suite, name, isa)                                    \
    Test(suite, name##_##isa, .fini = lanes_test_fini)                    \
    {                                                                     \
        if (!(lanes_cpu_isa_mask() & BIT(LANES_ISA_ID_##isa)))            \
            cr_skip_test(#isa " is not supported by this CPU/OS");        \
        env_case(#isa, #isa, NULL);                                       \
    }
LANES_FOR_EACH_ISA(ENV_ISA_TEST, dispatch_env, forced)

Test(dispatch_env, unknown_falls_back, .fini = lanes_test_fini)
{
    env_case("avx9000", NULL,
             "lanes: LANES_ISA=avx9000 is unknown (use scalar, avx2, avx512 or neon); using %s\n");
}

Test(dispatch_env, unsupported_falls_back, .fini = lanes_test_fini)
{
#if defined(__x86_64__)
    env_case("neon", NULL, "lanes: LANES_ISA=neon is not supported by this CPU/OS/build; using %s\n");
#else
    env_case("avx512", NULL,
             "lanes: LANES_ISA=avx512 is not supported by this CPU/OS/build; using %s\n");
#endif
}

Test(dispatch_env, auto_and_empty_pick_best, .fini = lanes_test_fini)
{
    env_case("auto", NULL, NULL);
}

/* A process whose first lanes call is a level-1 routine: the table is
 * resolved on that call (out of line, then the call runs again), and the
 * result is the routine's own.  Sums of small integers, exact in any
 * order. */
static void first_call_case(int which)
{
    unsetenv("LANES_ISA");
    float xs[19], ys[19], want_s[19];
    double xd[19], yd[19], want_d[19], dot = 0;
    for (int i = 0; i < 19; i++) {
        xs[i] = (float)(i % 5), ys[i] = (float)(i % 3);
        xd[i] = xs[i], yd[i] = ys[i];
        dot += xd[i] * yd[i];
        want_s[i] = ys[i] + 2 * xs[i], want_d[i] = yd[i] + 2 * xd[i];
    }
    switch (which) {
    case 0:
        cr_assert_eq(lanes_sdot(19, xs, 1, ys, 1), (float)dot);
        break;
    case 1:
        cr_assert_eq(lanes_ddot(19, xd, 1, yd, 1), dot);
        break;
    case 2:
        cr_assert_eq(lanes_saxpy(19, 2, xs, 1, ys, 1), 0);
        cr_assert_arr_eq(ys, want_s, sizeof ys);
        break;
    default:
        cr_assert_eq(lanes_daxpy(19, 2, xd, 1, yd, 1), 0);
        cr_assert_arr_eq(yd, want_d, sizeof yd);
    }
    cr_assert_str_eq(lanes_isa(), best());
}

Test(dispatch_env, first_call_sdot, .fini = lanes_test_fini) { first_call_case(0); }
Test(dispatch_env, first_call_ddot, .fini = lanes_test_fini) { first_call_case(1); }
Test(dispatch_env, first_call_saxpy, .fini = lanes_test_fini) { first_call_case(2); }
Test(dispatch_env, first_call_daxpy, .fini = lanes_test_fini) { first_call_case(3); }

/* The default table may take a family from a lower ISA (README); forcing an
 * ISA makes every kernel that ISA. */
Test(dispatch, per_kernel_choice, .fini = lanes_test_fini)
{
    cr_assert_eq(lanes_kernel_isa("no-such-kernel"), NULL);
    cr_assert_eq(lanes_kernel_name(1000), NULL);
    const char *names[8];
    size_t n = lanes_supported_isas(names, 8);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(lanes_set_isa(names[i]), 0);
        for (size_t k = 0; lanes_kernel_name(k); k++)
            cr_assert_str_eq(lanes_kernel_isa(lanes_kernel_name(k)), names[i], "%s under %s",
                             lanes_kernel_name(k), names[i]);
    }
    cr_assert_eq(lanes_set_isa("auto"), 0);
    cr_assert_str_eq(lanes_kernel_isa("sgemm"), lanes_isa());
    /* the one measured exception: AVX2 axpy on Zen 4 (dispatch.c) */
    if (strcmp(lanes_isa(), "avx512") == 0 && lanes_cpu_amd_family() == 0x19)
        cr_assert_str_eq(lanes_kernel_isa("saxpy"), "avx2");
    else
        cr_assert_str_eq(lanes_kernel_isa("saxpy"), lanes_isa());
}

/* LANES_SGEMM_BLOCKS / LANES_DGEMM_BLOCKS retune the gemm cache blocks at
 * start-up (MC rounded up to a multiple of MR, NC of NR); a malformed value,
 * or MC * NC past what a threaded gemm counts, is reported once and ignored.
 * (Each test is its own process: the variables are read once.) */
static void blocks_case(const char *var, const char *value, const char *want_msg)
{
    cr_redirect_stderr();
    setenv(var, value, 1);
    (void)lanes_isa(); /* first use: reads the variables */
    fflush(stderr);
    char msg[200] = "";
    if (want_msg)
        snprintf(msg, sizeof msg, want_msg, var, value);
    cr_assert_stderr_eq_str(msg);
}

/* MC rounded up to a multiple of MR, NC of NR */
#define ASSERT_BLOCKS(cfg, mc_, kc_, nc_)                                                        \
    do {                                                                                         \
        cr_assert_eq((cfg)->mc, ((mc_) + (cfg)->mr - 1) / (cfg)->mr * (cfg)->mr);               \
        cr_assert_eq((cfg)->kc, (kc_));                                                          \
        cr_assert_eq((cfg)->nc, ((nc_) + (cfg)->nr - 1) / (cfg)->nr * (cfg)->nr);               \
    } while (0)

/* Both variables; the s one also wins over a CPU family's own blocks
 * (dispatch.c: Zen 5's AVX-512 sgemm) */
Test(dispatch_env, gemm_blocks_override, .fini = lanes_test_fini)
{
    setenv("LANES_SGEMM_BLOCKS", "100,200,1000", 1);
    blocks_case("LANES_DGEMM_BLOCKS", "100,200,1000", NULL);
    ASSERT_BLOCKS(&lanes_active_kernels()->dgemm, 100, 200, 1000);
    ASSERT_BLOCKS(&lanes_active_kernels()->sgemm, 100, 200, 1000);
}

/* lanes_gemm_blocks reports the active table's blocks, the override's too */
Test(dispatch_env, gemm_blocks_query, .fini = lanes_test_fini)
{
    setenv("LANES_SGEMM_BLOCKS", "100,200,1000", 1);
    const struct lanes_sgemm_cfg *s = &lanes_active_kernels()->sgemm;
    const struct lanes_dgemm_cfg *d = &lanes_active_kernels()->dgemm;
    unsigned b[6] = {0};
    cr_assert_eq(lanes_gemm_blocks("sgemm", b), 0);
    const unsigned ws[6] = {s->mr, s->nr, s->mc, 200, s->nc, s->nc};
    cr_assert_arr_eq(b, ws, sizeof ws);
    cr_assert_eq(b[2] % b[0], 0, "MC %u is a multiple of MR %u", b[2], b[0]);
    cr_assert(b[2] >= 100 && b[2] < 100 + b[0]);
    cr_assert_eq(lanes_gemm_blocks("dgemm", b), 0);
    const unsigned wd[6] = {d->mr, d->nr, d->mc, d->kc, d->nc, d->nc1 ? d->nc1 : d->nc};
    cr_assert_arr_eq(b, wd, sizeof wd);
    unsigned keep[6] = {7, 7, 7, 7, 7, 7}, same[6] = {7, 7, 7, 7, 7, 7};
    cr_assert_eq(lanes_gemm_blocks("saxpy", keep), -1);
    cr_assert_eq(lanes_gemm_blocks(NULL, keep), -1);
    cr_assert_arr_eq(keep, same, sizeof same);
    cr_assert_eq(lanes_gemm_blocks("sgemm", NULL), -2);
    /* the override sets KC for every C; the table's deeper KC stays */
    cr_assert_eq(lanes_gemm_deep_kc("sgemm"), 0);
    cr_assert_eq(lanes_gemm_deep_kc("dgemm"), d->kc_deep);
    cr_assert_eq(lanes_gemm_deep_kc("saxpy"), 0);
    cr_assert_eq(lanes_gemm_deep_kc(NULL), 0);
}

/* Whichever way the blocks came (a measured family's, or this CPU's caches),
 * every ISA's B micro-panel (KC x NR) fits in half of L1 and A's block (MC x
 * KC) in half of L2; on a CPU with no measured blocks they are the model's
 * (dispatch.c, blocks_from_caches): the deepest KC, in steps of 16 within
 * [128, 512], whose micro-panel fits, the most MR-row panels whose
 * block fits in a quarter of L2, and B's packed panel at most 8 MiB. */
#if defined(__x86_64__) && defined(_SC_LEVEL2_CACHE_SIZE)
Test(dispatch, gemm_blocks_fit_caches, .fini = lanes_test_fini)
{
    const long l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE), l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
    cr_assert(l1 >= 16384 && l2 >= 131072, "glibc reports L1 %ld, L2 %ld bytes", l1, l2);
    const unsigned family = lanes_cpu_amd_family();
    const int measured = family == 0x19 || family == 0x1a;
    const char *names[8];
    const size_t n = lanes_supported_isas(names, 8);
    for (size_t i = 0; i < n && i < 8; i++) {
        cr_assert_eq(lanes_set_isa(names[i]), 0);
        for (int dbl = 0; dbl < 2; dbl++) {
            unsigned b[6];
            const size_t size = dbl ? sizeof(double) : sizeof(float);
            cr_assert_eq(lanes_gemm_blocks(dbl ? "dgemm" : "sgemm", b), 0);
            const size_t panel = (size_t)b[3] * b[1] * size, block = (size_t)b[2] * b[3] * size;
            cr_assert_leq(panel, (size_t)l1 / 2, "%s %c: B's micro-panel %zu bytes", names[i],
                          "sd"[dbl], panel);
            cr_assert_leq(block, (size_t)l2 / 2, "%s %c: A's block %zu bytes", names[i], "sd"[dbl],
                          block);
            if (measured)
                continue;
            cr_assert(b[3] == 128 || b[3] == 512 || (size_t)(b[3] + 16) * b[1] * size > (size_t)l1 / 2,
                      "%s %c: KC %u", names[i], "sd"[dbl], b[3]);
            cr_assert(block <= (size_t)l2 / 4 && (size_t)(b[2] + b[0]) * b[3] * size > (size_t)l2 / 4,
                      "%s %c: MC %u", names[i], "sd"[dbl], b[2]);
            cr_assert_leq((size_t)b[3] * b[4] * size, (size_t)8 << 20, "%s %c: NC %u", names[i],
                          "sd"[dbl], b[4]);
        }
    }
}
#endif

Test(dispatch_env, gemm_blocks_malformed, .fini = lanes_test_fini)
{
    blocks_case("LANES_SGEMM_BLOCKS", "100,200",
                "lanes: %s=%s is not MC,KC,NC (positive integers); ignored\n");
    cr_assert_neq(lanes_active_kernels()->sgemm.kc, 200);
}

Test(dispatch_env, gemm_blocks_too_many_tiles, .fini = lanes_test_fini)
{
    blocks_case("LANES_SGEMM_BLOCKS", "1048576,256,16777216",
                "lanes: %s=%s has MC * NC >= 2^31; ignored\n");
    const struct lanes_sgemm_cfg *s = &lanes_active_kernels()->sgemm;
    cr_assert(s->mc < 1048576 && s->nc < 16777216);
}
