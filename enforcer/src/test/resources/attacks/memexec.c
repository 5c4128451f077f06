/* Copies a program into a memfd named argv[1] and runs it from there: memexec NAME PROGRAM ARGS... */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        return 125;
    }
    int in = open(argv[2], O_RDONLY);
    int fd = memfd_create(argv[1], 0);
    if (in < 0 || fd < 0) {
        perror("memexec");
        return 125;
    }
    char buffer[65536];
    ssize_t n;
    while ((n = read(in, buffer, sizeof buffer)) > 0) {
        if (write(fd, buffer, n) != n) {
            return 125;
        }
    }
    fexecve(fd, argv + 2, (char *[]){NULL});
    perror("memexec: fexecve");
    return 126;
}
