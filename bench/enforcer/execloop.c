/* Runs a program N times at a fixed rate and prints the p50 and p99 of fork+exec+exit+wait, in microseconds.
 * Built static with gcc by bench/run enforcer, and run inside a container. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: execloop COUNT RATE PROGRAM [ARGS...]\n");
        return 2;
    }
    int count = atoi(argv[1]), rate = atoi(argv[2]), failed = 0;
    long long *lat = calloc(count, sizeof *lat);
    long long interval = rate > 0 ? 1000000000LL / rate : 0, start = now_ns();
    for (int i = 0; i < count; i++) {
        long long due = start + i * interval, t = now_ns();
        if (due > t) {
            struct timespec s = {(due - t) / 1000000000LL, (due - t) % 1000000000LL};
            nanosleep(&s, NULL);
        }
        long long begin = now_ns();
        pid_t pid = fork();
        if (pid == 0) {
            execv(argv[3], argv + 3);
            _exit(127);
        }
        int status;
        waitpid(pid, &status, 0);
        lat[i] = now_ns() - begin;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) failed++;
    }
    double seconds = (now_ns() - start) / 1e9;
    qsort(lat, count, sizeof *lat, cmp);
    printf("execs %d in %.2f s (%.0f/s), failed %d, p50 %.0f us, p99 %.0f us\n", count, seconds, count / seconds,
           failed, lat[count / 2] / 1e3, lat[(int)(count * 0.99)] / 1e3);
    return 0;
}
