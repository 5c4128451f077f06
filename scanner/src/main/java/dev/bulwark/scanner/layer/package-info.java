/**
 * Layer streams and the squashed view: decompression (gzip, zstd, plain), digest checks, whiteouts, opaque
 * directories, hard links and symlinks resolved inside the image root. Knows no package format and never writes
 * to disk. Start at {@link dev.bulwark.scanner.layer.LayerReader} and {@link dev.bulwark.scanner.layer.FileTree}.
 */
package dev.bulwark.scanner.layer;
