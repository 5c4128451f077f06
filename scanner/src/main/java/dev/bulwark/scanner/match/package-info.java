/**
 * The matcher side of the scanner: each package of an inventory is looked up in the vulnerability database under
 * its namespace ({@code debian:12}, {@code alpine:3.11}, {@code PyPI}) and name (the source package for Debian and
 * Alpine), compared with the advisory's ranges in that namespace's version ordering, and reported as a
 * {@link dev.bulwark.core.scan.Vulnerability}.
 */
package dev.bulwark.scanner.match;
