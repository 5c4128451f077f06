/* Runs a program in new user and mount namespaces, as `unshare -Um` does: no privilege needed. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2 || unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
        perror("nsexec");
        return 125;
    }
    execv(argv[1], argv + 1);
    perror("nsexec: exec");
    return 126;
}
