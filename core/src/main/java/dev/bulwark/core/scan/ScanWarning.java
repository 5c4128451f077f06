package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Something in the image could not be read fully; the rest of the report still stands. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScanWarning(String path, String layer, String reason) {

    public ScanWarning {
        requireNonNull(path, "path");
        requireNonNull(layer, "layer");
        requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "" : path + ": ") + reason + (layer.isEmpty() ? "" : " (layer " + layer + ")");
    }
}
