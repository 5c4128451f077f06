package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One layer of an image: its digest as stored (compressed), its diff id (digest of the uncompressed tar), its
 * stored size and the history line that created it, when the image config has one.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LayerInfo(String digest, String diffId, long size, String createdBy) {

    public LayerInfo {
        requireNonNull(digest, "digest");
        requireNonNull(diffId, "diffId");
        requireNonNull(createdBy, "createdBy");
    }
}
