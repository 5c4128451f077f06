/* The attacker's payload: says it ran, and exits 66. */
#include <stdio.h>

int main(void) {
    puts("PWNED");
    return 66;
}
