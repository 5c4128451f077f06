/* A dynamically linked program of the image. */
#include <stdio.h>

int main(void) {
    puts("hello");
    return 0;
}
