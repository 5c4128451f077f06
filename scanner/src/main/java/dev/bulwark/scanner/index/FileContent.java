package dev.bulwark.scanner.index;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * The body of one wanted file. The array is shared, not copied, for speed: analyzers must not modify it.
 *
 * @param path normalised path relative to the image root
 * @param layer diff id of the layer the body comes from, empty for a directory source
 * @param mode Unix permission and type bits as the tar entry or file system gave them
 */
public record FileContent(String path, String layer, int mode, byte[] content) {

    public FileContent {
        requireNonNull(path, "path");
        requireNonNull(layer, "layer");
        requireNonNull(content, "content");
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
