/* CPU feature detection.  Reading the hardware (cpu.c) is kept apart from
 * deciding what it can run (the pure lanes_*_isa_mask functions), so tests
 * can feed canned register values: "AVX-512 CPU whose OS left ZMM state off"
 * is a real case under hypervisors. */
#ifndef LANES_CPU_H
#define LANES_CPU_H

#include <stdint.h>

/* The x86 registers the decision needs. */
struct lanes_x86_regs {
    uint32_t max_leaf;          /* CPUID.0:EAX */
    uint32_t vendor_ebx;        /* CPUID.0:EBX, the vendor's first 4 bytes */
    uint32_t l1_eax;            /* CPUID.1:EAX: family, model, stepping */
    uint32_t l1_ecx, l1_edx;    /* CPUID.1 */
    uint32_t l7_ebx, l7_ecx;    /* CPUID.(7,0); 0 when max_leaf < 7 */
    uint32_t l71_eax;           /* CPUID.(7,1):EAX */
    uint64_t xcr0;              /* XGETBV(0); read only when OSXSAVE is set */
};

/* CPUID bits we use (Intel SDM vol. 2A, CPUID). */
#define LANES_X86_L1_ECX_FMA (1u << 12)
#define LANES_X86_L1_ECX_OSXSAVE (1u << 27)
#define LANES_X86_L1_ECX_AVX (1u << 28)
#define LANES_X86_L7_EBX_AVX2 (1u << 5)
#define LANES_X86_L7_EBX_AVX512F (1u << 16)
#define LANES_X86_L7_EBX_AVX512DQ (1u << 17)
#define LANES_X86_L7_EBX_AVX512BW (1u << 30)
#define LANES_X86_L7_EBX_AVX512VL (1u << 31)
/* XCR0: SSE|AVX state, and opmask|ZMM_Hi256|Hi16_ZMM on top of it. */
#define LANES_XCR0_YMM 0x6u
#define LANES_XCR0_ZMM 0xe6u

/* Bit (1 << enum lanes_isa_id) for each ISA the registers allow; the
 * scalar bit is always set.  Ignores what was built. */
unsigned lanes_x86_isa_mask(const struct lanes_x86_regs *r);
/* Same for aarch64 from getauxval(AT_HWCAP). */
unsigned lanes_arm_isa_mask(unsigned long hwcap);

/* AMD's display family (CPUID.1:EAX base + extended family: 0x19 Zen 3/4,
 * 0x1a Zen 5), or 0 for another vendor or architecture: the dispatcher's
 * per-family ISA choices were measured on one generation and apply to it. */
unsigned lanes_x86_amd_family(const struct lanes_x86_regs *r);
unsigned lanes_cpu_amd_family(void);
/* "Auth" of "AuthenticAMD", as CPUID.0:EBX holds it */
#define LANES_X86_VENDOR_AMD 0x68747541u

/* Hardware reading; return 0 when not on that architecture. */
int lanes_x86_read(struct lanes_x86_regs *r);
int lanes_arm_read(unsigned long *hwcap);
/* Mask of ISAs this CPU + OS can run (before what was built). */
unsigned lanes_cpu_isa_mask(void);
/* Both lanes_cpu_isa_mask and lanes_cpu_amd_family from one reading of the
 * CPU (in a VM each CPUID traps to the hypervisor): returns the mask. */
unsigned lanes_cpu_identify(unsigned *amd_family);
/* Human-readable report into buf (always NUL-terminated). */
void lanes_cpu_describe(char *buf, unsigned size);

#endif
