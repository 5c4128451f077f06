/**
 * The scan pipeline's composition: {@link dev.bulwark.scanner.ImageScanner} reads a source's layers into the
 * squashed tree and runs the analyzers listed in {@link dev.bulwark.scanner.Analyzers}. The parts live below:
 * {@code source}, {@code layer}, {@code index}.
 */
package dev.bulwark.scanner;
