package dev.bulwark.scanner.source;

import static java.util.Objects.requireNonNull;

/**
 * One layer as an image lists it.
 *
 * @param digest digest of the bytes as stored (compressed), null-free: empty when the source does not give one
 * @param diffId digest of the uncompressed tar, from the image config; the layer's identity in reports
 * @param size stored size in bytes, -1 when unknown
 * @param mediaType media type from the manifest, empty when unknown (compression is then sniffed)
 */
public record LayerDescriptor(String digest, String diffId, long size, String mediaType) {

    public LayerDescriptor {
        requireNonNull(digest, "digest");
        requireNonNull(diffId, "diffId");
        requireNonNull(mediaType, "mediaType");
    }
}
