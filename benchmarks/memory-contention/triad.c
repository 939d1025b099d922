/*
 * STREAM-style triad b[i] = a[i] * s + b[i] over two arrays of 512 MiB each (far beyond any
 * last-level cache), best of six passes, printed as GB/s (three 8-byte accesses per element).
 * run.sh runs it alone on each CPU, then on both CPUs at once: the ceiling of the slowdown that
 * two cores streaming DRAM at full speed impose on each other on this machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    size_t n = (size_t) 64 << 20;
    double *a = malloc(n * sizeof(double));
    double *b = malloc(n * sizeof(double));
    if (a == NULL || b == NULL) {
        fprintf(stderr, "triad: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        a[i] = (double) i;
        b[i] = 0;
    }
    double best = 1e30;
    for (int pass = 0; pass < 6; pass++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (size_t i = 0; i < n; i++) b[i] = a[i] * 1.0001 + b[i];
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double s = (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) * 1e-9;
        if (s < best) best = s;
    }
    printf("%s %.2f GB/s (checksum %.3g)\n", argc > 1 ? argv[1] : "triad", 3.0 * (double) n * sizeof(double) / best / 1e9, b[n / 2]);
    return 0;
}
