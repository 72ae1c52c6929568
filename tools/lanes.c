/* lanes: the command-line front end.  Thin: every number it prints comes
 * from the library. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lanes.h"
#include "tools.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: lanes <command>\n"
            "  info    CPU, detected features, OS-enabled state, ISAs available and selected\n"
            "  demo    plain loop vs vectorized kernels, for every ISA this machine runs,\n"
            "          then each model trained on the built-in data\n"
            "  train   linreg|logreg|mlp: train on a CSV file (lanes train --help)\n"
            "  predict --model MODEL --data FILE.csv: one prediction per row\n"
            "  bench   [--quick] [--out DIR]: run the benchmarks, write JSON, a report and\n"
            "          charts (from the build tree; needs scripts/deps.sh bench)\n"
            "Environment: LANES_ISA=scalar|avx2|avx512|neon forces one ISA.\n");
}

static int cmd_info(void)
{
    const char *names[8];
    size_t n = lanes_supported_isas(names, 8);
    printf("lanes %s\n%s", lanes_version(), lanes_cpu_report());
    printf("isas available:");
    for (size_t i = 0; i < n && i < 8; i++)
        printf(" %s", names[i]);
    printf("\nisa selected: %s\nkernels:     ", lanes_isa());
    for (size_t i = 0; lanes_kernel_name(i); i++)
        printf(" %s=%s", lanes_kernel_name(i), lanes_kernel_isa(lanes_kernel_name(i)));
    printf("\n");
    for (int d = 0; d < 2; d++) {
        unsigned b[6];
        if (lanes_gemm_blocks(d ? "dgemm" : "sgemm", b) != 0)
            continue;
        printf("%s blocks: MR x NR %u x %u, MC %u, KC %u, NC %u (one thread %u)",
               d ? "dgemm" : "sgemm", b[0], b[1], b[2], b[3], b[4], b[5]);
        const unsigned deep = lanes_gemm_deep_kc(d ? "dgemm" : "sgemm");
        if (deep)
            printf("; KC %u where C exceeds 8 MiB", deep);
        printf("\n");
    }
    return 0;
}

/* The benchmark driver is a Python script (Google Benchmark binaries,
 * matplotlib); hand over to it with the build tree's paths. */
static int cmd_bench(int argc, char **argv)
{
    const char *script = LANES_SOURCE_DIR "/bench/lanes_bench.py";
    if (access(script, R_OK) != 0) {
        fprintf(stderr, "lanes bench: %s not found: run lanes bench from the build tree of a "
                        "source checkout\n",
                script);
        return 1;
    }
    /* Debian's interpreter: the one with python3-matplotlib and python3-torch */
    const char *py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
    char *args[64];
    int n = 0;
    args[n++] = (char *)py;
    args[n++] = (char *)script;
    args[n++] = "--build";
    args[n++] = LANES_BUILD_DIR;
    for (int i = 1; i < argc && n < 63; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    execvp(py, args);
    perror("lanes bench: cannot run python3");
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "info") == 0)
        return cmd_info();
    if (strcmp(argv[1], "demo") == 0)
        return lanes_cmd_demo(argc - 1, argv + 1);
    if (strcmp(argv[1], "train") == 0)
        return lanes_cmd_train(argc - 1, argv + 1);
    if (strcmp(argv[1], "predict") == 0)
        return lanes_cmd_predict(argc - 1, argv + 1);
    if (strcmp(argv[1], "bench") == 0)
        return cmd_bench(argc - 1, argv + 1);
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "lanes: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
