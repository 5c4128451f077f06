/**
 * The records a scan produces and that cross process boundaries: packages, OS, layers, warnings, the image
 * inventory. Pure data with validation in the constructors; no I/O. Start at {@link dev.bulwark.core.scan.ImageInventory}.
 */
package dev.bulwark.core.scan;
