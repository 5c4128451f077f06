/**
 * The files of a running container (or of the host) that a vulnerability scanner needs, collected through the
 * container's root as one of its processes sees it ({@code /proc/PID/root}) into a gzip'd tar that reads as a
 * one-layer image: NeuVector's runtime scan ({@code ScanGetFiles}). It chooses and copies files, safely and within
 * bounds, and knows nothing of packages, advisories or how the tar reaches a scanner. Start at
 * {@link dev.bulwark.enforcer.scan.RootFiles}; {@code WantedPaths} says which file each scanner analyzer gets.
 */
package dev.bulwark.enforcer.scan;
