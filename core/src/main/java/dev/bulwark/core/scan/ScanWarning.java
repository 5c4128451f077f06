package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something in the image could not be read fully; the rest of the report still stands.
 *
 * @param incomplete whether what was not read leaves the inventory knowingly incomplete (a package database cut or
 *     unreadable, every lower layer hidden), so that a CI gate must not pass on the report
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScanWarning(String path, String layer, String reason,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean incomplete) {

    public ScanWarning {
        requireNonNull(path, "path");
        requireNonNull(layer, "layer");
        requireNonNull(reason, "reason");
    }

    public ScanWarning(String path, String layer, String reason) {
        this(path, layer, reason, false);
    }

    public static ScanWarning incomplete(String path, String layer, String reason) {
        return new ScanWarning(path, layer, reason, true);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "" : path + ": ") + reason + (layer.isEmpty() ? "" : " (layer " + layer + ")");
    }
}
