package dev.bulwark.scanner.index;

import java.io.InputStream;

/**
 * One file as a {@link FileAnalyzer} gets it.
 *
 * @param layer diff id of the layer the file comes from, empty for a directory source
 * @param body the content, ending with the file; the caller closes it
 */
public record FileStream(String path, String layer, int mode, long size, InputStream body) {}
