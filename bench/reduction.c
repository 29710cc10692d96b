/*
 * Tridiagonal reduction (the eigen step's cost) at one N: LAPACK's one-stage dsytrd, which
 * dsyevd and numpy's eigvalsh use, against the two-stage reduction (dsytrd_sy2sb to a band of
 * width kd, then dsytrd_sb2st) for chosen kd, both followed by dsterf (eigenvalues only).
 * The LAPACKE binding of dsyev_2stage picks kd itself; this calls the two steps directly to see
 * whether another kd would beat dsytrd. Built and run by bench/reduction.sh against the OpenBLAS
 * inside the bytedeco jar the tools use. Prints one line per (kd, repetition):
 *   N=<n> kd=<kd, 0 = one-stage dsytrd> seconds=<s> band_s=<sy2sb s> lambda_min=<..> lambda_max=<..>
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void dsytrd_(const char *, const int *, double *, const int *, double *, double *, double *, double *,
             const int *, int *, size_t);
void dsterf_(const int *, double *, double *, int *);
void dsytrd_sy2sb_(const char *, const int *, const int *, double *, const int *, double *, const int *,
                   double *, double *, const int *, int *, size_t);
void dsytrd_sb2st_(const char *, const char *, const char *, const int *, const int *, double *, const int *,
                   double *, double *, double *, const int *, double *, const int *, int *, size_t, size_t, size_t);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int ascending(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void check(const char *what, int info) {
    if (info != 0) {
        fprintf(stderr, "%s failed: info=%d\n", what, info);
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: reduction N reps kd [kd ...]   (kd 0 = one-stage dsytrd)\n");
        return 2;
    }
    int n = atoi(argv[1]), reps = atoi(argv[2]);
    size_t nn = (size_t)n * n;
    double *a0 = malloc(nn * sizeof(double)), *a = malloc(nn * sizeof(double));
    double *d = malloc(n * sizeof(double)), *e = malloc(n * sizeof(double)), *tau = malloc(n * sizeof(double));
    /* a KHGPS-like Hessian: Gaussian couplings J/sqrt(N), J = 0.3, diagonal in [1, 1.5] */
    srand(1);
    for (int j = 0; j < n; j++) {
        for (int i = j; i < n; i++) {
            double u = (rand() + 1.0) / (RAND_MAX + 2.0), v = (rand() + 1.0) / (RAND_MAX + 2.0);
            double g = sqrt(-2 * log(u)) * cos(6.283185307179586 * v) * 0.3 / sqrt(n);
            a0[i + (size_t)j * n] = a0[j + (size_t)i * n] = i == j ? 1.0 + 0.5 * rand() / RAND_MAX : g;
        }
    }
    for (int k = 3; k < argc; k++) {
        int kd = atoi(argv[k]), info, query = -1;
        for (int r = 0; r < reps; r++) {
            memcpy(a, a0, nn * sizeof(double));
            double t0 = now(), band = 0, size;
            if (kd == 0) {
                dsytrd_("L", &n, a, &n, d, e, tau, &size, &query, &info, 1);
                int lwork = (int)size;
                double *work = malloc(lwork * sizeof(double));
                dsytrd_("L", &n, a, &n, d, e, tau, work, &lwork, &info, 1);
                check("dsytrd", info);
                free(work);
            } else {
                int ldab = kd + 1;
                double *ab = malloc((size_t)ldab * n * sizeof(double));
                dsytrd_sy2sb_("L", &n, &kd, a, &n, ab, &ldab, tau, &size, &query, &info, 1);
                int lwork = (int)size;
                double *work = malloc(lwork * sizeof(double));
                dsytrd_sy2sb_("L", &n, &kd, a, &n, ab, &ldab, tau, work, &lwork, &info, 1);
                check("dsytrd_sy2sb", info);
                free(work);
                band = now() - t0;
                double hsize, wsize;
                int lh = -1, lw = -1;
                dsytrd_sb2st_("Y", "N", "L", &n, &kd, ab, &ldab, d, e, &hsize, &lh, &wsize, &lw, &info, 1, 1, 1);
                lh = (int)hsize;
                lw = (int)wsize;
                double *hous = malloc(lh * sizeof(double)), *w2 = malloc(lw * sizeof(double));
                dsytrd_sb2st_("Y", "N", "L", &n, &kd, ab, &ldab, d, e, hous, &lh, w2, &lw, &info, 1, 1, 1);
                check("dsytrd_sb2st", info);
                free(hous);
                free(w2);
                free(ab);
            }
            dsterf_(&n, d, e, &info);
            check("dsterf", info);
            double seconds = now() - t0;
            qsort(d, n, sizeof(double), ascending);
            printf("N=%d kd=%d seconds=%.4f band_s=%.4f lambda_min=%.12f lambda_max=%.12f\n", n, kd, seconds, band,
                   d[0], d[n - 1]);
            fflush(stdout);
        }
    }
    return 0;
}
