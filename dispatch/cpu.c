/* CPU detection: CPUID + XGETBV on x86-64, HWCAP on aarch64. */
#include "cpu.h"

#include <stdio.h>
#include <string.h>

#include "kernels/kernels.h"

#define BIT(id) (1u << (id))

unsigned lanes_x86_isa_mask(const struct lanes_x86_regs *r)
{
    unsigned mask = BIT(LANES_ISA_SCALAR);
    /* Without OSXSAVE the OS manages no AVX state: XGETBV would fault, and
     * any 256-bit instruction would too. */
    if (r->max_leaf < 1 || !(r->l1_ecx & LANES_X86_L1_ECX_OSXSAVE))
        return mask;
    const uint32_t need1 = LANES_X86_L1_ECX_AVX | LANES_X86_L1_ECX_FMA;
    if ((r->l1_ecx & need1) != need1 || r->max_leaf < 7)
        return mask;
    if ((r->xcr0 & LANES_XCR0_YMM) != LANES_XCR0_YMM || !(r->l7_ebx & LANES_X86_L7_EBX_AVX2))
        return mask;
    mask |= BIT(LANES_ISA_AVX2);
    const uint32_t need7 = LANES_X86_L7_EBX_AVX512F | LANES_X86_L7_EBX_AVX512DQ |
                           LANES_X86_L7_EBX_AVX512BW | LANES_X86_L7_EBX_AVX512VL;
    if ((r->l7_ebx & need7) == need7 && (r->xcr0 & LANES_XCR0_ZMM) == LANES_XCR0_ZMM)
        mask |= BIT(LANES_ISA_AVX512);
    return mask;
}

unsigned lanes_x86_amd_family(const struct lanes_x86_regs *r)
{
    if (r->max_leaf < 1 || r->vendor_ebx != LANES_X86_VENDOR_AMD)
        return 0;
    unsigned base = (r->l1_eax >> 8) & 0xf;
    return base == 0xf ? base + ((r->l1_eax >> 20) & 0xff) : base;
}

/* HWCAP_ASIMD is bit 1 of AT_HWCAP on aarch64 Linux (asm/hwcap.h). */
#define LANES_HWCAP_ASIMD (1ul << 1)

unsigned lanes_arm_isa_mask(unsigned long hwcap)
{
    unsigned mask = BIT(LANES_ISA_SCALAR);
    if (hwcap & LANES_HWCAP_ASIMD)
        mask |= BIT(LANES_ISA_NEON);
    return mask;
}

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static uint64_t xgetbv0(void)
{
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

int lanes_x86_read(struct lanes_x86_regs *r)
{
    unsigned a, b, c, d;
    memset(r, 0, sizeof *r);
    r->max_leaf = __get_cpuid_max(0, NULL);
    __cpuid(0, a, b, c, d);
    r->vendor_ebx = b;
    if (r->max_leaf >= 1) {
        __cpuid(1, a, b, c, d);
        r->l1_eax = a;
        r->l1_ecx = c;
        r->l1_edx = d;
    }
    if (r->max_leaf >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        r->l7_ebx = b;
        r->l7_ecx = c;
        __cpuid_count(7, 1, a, b, c, d);
        r->l71_eax = a;
    }
    if (r->l1_ecx & LANES_X86_L1_ECX_OSXSAVE)
        r->xcr0 = xgetbv0();
    return 1;
}

unsigned lanes_cpu_identify(unsigned *amd_family)
{
    struct lanes_x86_regs r;
    lanes_x86_read(&r);
    *amd_family = lanes_x86_amd_family(&r);
    return lanes_x86_isa_mask(&r);
}

struct feature {
    const char *name;
    int reg; /* 0: 1.ecx, 1: 1.edx, 2: 7.ebx, 3: 7.ecx, 4: 7.1.eax */
    unsigned bit;
};

static const struct feature features[] = {
    {"sse2", 1, 26},     {"sse4.1", 0, 19},    {"sse4.2", 0, 20},    {"avx", 0, 28},
    {"fma", 0, 12},      {"f16c", 0, 29},      {"avx2", 2, 5},       {"bmi2", 2, 8},
    {"avx512f", 2, 16},  {"avx512dq", 2, 17},  {"avx512ifma", 2, 21}, {"avx512cd", 2, 28},
    {"avx512bw", 2, 30}, {"avx512vl", 2, 31},  {"avx512vbmi", 3, 1}, {"avx512vnni", 3, 11},
    {"avx512bf16", 4, 5},
};

void lanes_cpu_describe(char *buf, unsigned size)
{
    struct lanes_x86_regs r;
    unsigned a, b, c, d;
    char vendor[13] = {0}, brand[49] = {0};
    lanes_x86_read(&r);
    __cpuid(0, a, b, c, d);
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &c, 4);
    if (__get_cpuid_max(0x80000000u, NULL) >= 0x80000004u) {
        for (unsigned i = 0; i < 3; i++) {
            unsigned regs[4];
            __cpuid(0x80000002u + i, regs[0], regs[1], regs[2], regs[3]);
            memcpy(brand + 16 * i, regs, 16);
        }
    }
    const char *model = brand;
    while (*model == ' ')
        model++;
    uint32_t regs[5] = {r.l1_ecx, r.l1_edx, r.l7_ebx, r.l7_ecx, r.l71_eax};
    size_t len = (size_t)snprintf(buf, size, "cpu vendor:   %s\ncpu model:    %s\nfeatures:    ",
                                  vendor, model);
    for (size_t i = 0; i < sizeof features / sizeof features[0] && len < size; i++)
        if (regs[features[i].reg] & (1u << features[i].bit))
            len += (size_t)snprintf(buf + len, size - len, " %s", features[i].name);
    if (len >= size)
        return;
    int osx = !!(r.l1_ecx & LANES_X86_L1_ECX_OSXSAVE);
    if (osx)
        snprintf(buf + len, size - len,
                 "\nos state:     OSXSAVE=1 XCR0=0x%llx (YMM %s, ZMM %s)\n",
                 (unsigned long long)r.xcr0,
                 (r.xcr0 & LANES_XCR0_YMM) == LANES_XCR0_YMM ? "enabled" : "disabled",
                 (r.xcr0 & LANES_XCR0_ZMM) == LANES_XCR0_ZMM ? "enabled" : "disabled");
    else
        snprintf(buf + len, size - len, "\nos state:     OSXSAVE=0 (no AVX state)\n");
}
#else
int lanes_x86_read(struct lanes_x86_regs *r)
{
    memset(r, 0, sizeof *r);
    return 0;
}
#endif

#if defined(__aarch64__)
#include <sys/auxv.h>

int lanes_arm_read(unsigned long *hwcap)
{
    *hwcap = getauxval(AT_HWCAP);
    return 1;
}

unsigned lanes_cpu_identify(unsigned *amd_family)
{
    unsigned long hwcap;
    lanes_arm_read(&hwcap);
    *amd_family = 0;
    return lanes_arm_isa_mask(hwcap);
}

void lanes_cpu_describe(char *buf, unsigned size)
{
    unsigned long hwcap;
    char part[128] = "unknown";
    lanes_arm_read(&hwcap);
    /* The kernel's view of the core (MIDR fields); absent under some emulators. */
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        char line[256];
        unsigned impl = 0, pn = 0;
        int have = 0;
        while (fgets(line, sizeof line, f)) {
            have += sscanf(line, "CPU implementer : %x", &impl) == 1;
            have += sscanf(line, "CPU part : %x", &pn) == 1;
        }
        fclose(f);
        if (have >= 2)
            snprintf(part, sizeof part, "implementer 0x%02x part 0x%03x", impl, pn);
    }
    snprintf(buf, size,
             "cpu vendor:   arm (aarch64)\ncpu model:    %s\nfeatures:     fp=%d asimd=%d sve=%d\n"
             "os state:     AT_HWCAP=0x%lx\n",
             part, !!(hwcap & 1ul), !!(hwcap & LANES_HWCAP_ASIMD), !!(hwcap & (1ul << 22)),
             hwcap);
}
#else
int lanes_arm_read(unsigned long *hwcap)
{
    *hwcap = 0;
    return 0;
}
#endif

#if !defined(__x86_64__) && !defined(__i386__) && !defined(__aarch64__)
unsigned lanes_cpu_identify(unsigned *amd_family)
{
    *amd_family = 0;
    return BIT(LANES_ISA_SCALAR);
}
void lanes_cpu_describe(char *buf, unsigned size)
{
    snprintf(buf, size, "cpu:          unknown architecture (scalar kernels only)\n");
}
#endif

unsigned lanes_cpu_isa_mask(void)
{
    unsigned family;
    return lanes_cpu_identify(&family);
}

unsigned lanes_cpu_amd_family(void)
{
    unsigned family;
    lanes_cpu_identify(&family);
    return family;
}
