/* Runs a program under another argv[0]: argv0 NAME PROGRAM ARGS... */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        return 125;
    }
    char *program = argv[2];
    argv[2] = argv[1];
    execv(program, argv + 2);
    perror("argv0: exec");
    return 126;
}
