/**
 * Alpine (and Wolfi) packages from apk-tools' installed database, {@code lib/apk/db/installed}: one record per
 * package of single-letter {@code X:value} lines.
 */
package dev.bulwark.scanner.index.os.apk;
