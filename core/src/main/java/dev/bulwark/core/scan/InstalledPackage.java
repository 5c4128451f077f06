package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One package found in an image, as its package manager records it.
 *
 * <p>Text fields that a format does not record are empty strings, never null. {@code version} is the full
 * version in the ecosystem's own form: deb {@code [epoch:]upstream[-revision]}, rpm
 * {@code [epoch:]version-release}, apk {@code version-rN}. {@code layer} is the digest (diff id) of the layer
 * that introduced the package, empty for sources without layers.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record InstalledPackage(
        PackageType type,
        String name,
        String version,
        String arch,
        String sourceName,
        String sourceVersion,
        String purl,
        String layer,
        String modularityLabel,
        List<String> files) {

    public InstalledPackage {
        requireNonNull(type, "type");
        requireNonNull(name, "name");
        requireNonNull(version, "version");
        requireNonNull(arch, "arch");
        requireNonNull(sourceName, "sourceName");
        requireNonNull(sourceVersion, "sourceVersion");
        requireNonNull(purl, "purl");
        requireNonNull(layer, "layer");
        requireNonNull(modularityLabel, "modularityLabel");
        files = List.copyOf(files);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("package name is empty");
        }
    }

    /** The identity used to follow a package across layers: the same name, version and architecture. */
    public String key() {
        return type + "\u0000" + name + "\u0000" + version + "\u0000" + arch;
    }

    public InstalledPackage withLayer(String layerDigest) {
        return new InstalledPackage(type, name, version, arch, sourceName, sourceVersion, purl, layerDigest,
                modularityLabel, files);
    }

    public InstalledPackage withPurl(String newPurl) {
        return new InstalledPackage(type, name, version, arch, sourceName, sourceVersion, newPurl, layer,
                modularityLabel, files);
    }
}
