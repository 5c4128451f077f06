/* A library that acts as soon as the loader maps it (LD_PRELOAD). */
#include <stdio.h>

__attribute__((constructor)) static void act(void) {
    puts("PWNED");
}
