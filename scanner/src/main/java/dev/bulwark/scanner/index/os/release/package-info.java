/**
 * Detects the distribution from its release files ({@code os-release}, {@code lsb-release} and the older
 * per-distribution files) and names it as vulnerability feeds do.
 */
package dev.bulwark.scanner.index.os.release;
