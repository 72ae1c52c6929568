/* A program written only against the standard CBLAS interface: it knows
 * nothing of lanes.  tests build it against OpenBLAS and against an
 * installed liblanes_cblas (scripts/check_install.sh) and compare outputs. */
#include <cblas.h>
#include <stdio.h>

int main(void)
{
    enum { M = 5, N = 4, K = 3 };
    float a[M * K], b[K * N], c[M * N], x[K], y[M];
    double ad[M * K], bd[K * N], cd[M * N];
    for (int i = 0; i < M * K; i++)
        a[i] = (float)((i * 7) % 11) / 4 - 1, ad[i] = a[i];
    for (int i = 0; i < K * N; i++)
        b[i] = (float)((i * 5) % 13) / 8 - 0.5f, bd[i] = b[i];
    for (int i = 0; i < M * N; i++)
        c[i] = (float)i / 10, cd[i] = c[i];
    for (int i = 0; i < K; i++)
        x[i] = (float)i - 1;
    for (int i = 0; i < M; i++)
        y[i] = 1;

    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1.5f, a, K, b, N, -0.5f, c,
                N);
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, K, N, M, 1.0, ad, M, bd, M, 0.0, cd, K);
    cblas_sgemv(CblasRowMajor, CblasNoTrans, M, K, 2.0f, a, K, x, 1, 1.0f, y, 1);
    cblas_saxpy(M, -1.0f, y, 1, c, N);
    float s = cblas_sdot(K, x, 1, b, N);
    double d = cblas_ddot(M * K, ad, 1, ad, 1);

    for (int i = 0; i < M * N; i++)
        printf("sgemm+saxpy %d %.9g\n", i, c[i]);
    for (int i = 0; i < K * N; i++)
        printf("dgemm %d %.17g\n", i, cd[i]);
    for (int i = 0; i < M; i++)
        printf("sgemv %d %.9g\n", i, y[i]);
    printf("sdot %.9g\nddot %.17g\n", s, d);
    return 0;
}
