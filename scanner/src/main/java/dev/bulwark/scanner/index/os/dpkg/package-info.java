/**
 * Debian packages as dpkg records them: the {@code status} database, distroless images' {@code status.d}
 * directory (one file per package, with {@code .md5sums} beside it) and the {@code info/*.list} file lists.
 */
package dev.bulwark.scanner.index.os.dpkg;
