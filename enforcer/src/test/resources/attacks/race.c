/*
 * Swaps two directories with renameat2(RENAME_EXCHANGE) without pause while it runs PROGRAM N times: race DIR1
 * DIR2 PROGRAM N. Prints how many runs exited 66 (the payload's code).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 5) {
        return 125;
    }
    pid_t swapper = fork();
    if (swapper == 0) {
        for (;;) {
            syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], 2 /* RENAME_EXCHANGE */);
        }
    }
    int payload = 0, runs = atoi(argv[4]);
    for (int i = 0; i < runs; i++) {
        pid_t child = fork();
        if (child == 0) {
            execl(argv[3], argv[3], (char *) NULL);
            _exit(127);
        }
        int status;
        waitpid(child, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 66) {
            payload++;
        }
    }
    kill(swapper, SIGKILL);
    waitpid(swapper, NULL, 0);
    printf("payload runs: %d\n", payload);
    return 0;
}
