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
 *
 * <p>Language packages carry a {@code location}: the file they were read from, with {@code !/} between an archive
 * and a path inside it ({@code app/app.war!/WEB-INF/lib/log4j-core-2.14.1.jar}). {@code licenses} are SPDX ids
 * or license names as the package declares them; {@code dependsOn} holds the purls of its direct dependencies
 * where the source records them (lock files, Go build info).
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
        List<String> files,
        String location,
        List<String> licenses,
        List<String> dependsOn) {

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
        requireNonNull(location, "location");
        licenses = List.copyOf(licenses);
        dependsOn = List.copyOf(dependsOn);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("package name is empty");
        }
    }

    /** An OS package, without location, licenses or dependencies. */
    public InstalledPackage(PackageType type, String name, String version, String arch, String sourceName,
            String sourceVersion, String purl, String layer, String modularityLabel, List<String> files) {
        this(type, name, version, arch, sourceName, sourceVersion, purl, layer, modularityLabel, files, "",
                List.of(), List.of());
    }

    /** A language package found in a file, with its purl. */
    public static InstalledPackage language(PackageType type, String name, String version, String location) {
        return new InstalledPackage(type, name, version, "", "", "",
                PackageUrl.language(type, name, version).toString(), "", "", List.of(), location, List.of(),
                List.of());
    }

    /**
     * The identity used to follow a package across layers: the same name, version and architecture, and for a
     * language package the same location, since two copies of one jar are two findings.
     */
    public String key() {
        return type + "\u0000" + name + "\u0000" + version + "\u0000" + arch + "\u0000" + location;
    }

    public InstalledPackage withLayer(String layerDigest) {
        return new InstalledPackage(type, name, version, arch, sourceName, sourceVersion, purl, layerDigest,
                modularityLabel, files, location, licenses, dependsOn);
    }

    public InstalledPackage withPurl(String newPurl) {
        return new InstalledPackage(type, name, version, arch, sourceName, sourceVersion, newPurl, layer,
                modularityLabel, files, location, licenses, dependsOn);
    }

    public InstalledPackage withFiles(List<String> newFiles) {
        return new InstalledPackage(type, name, version, arch, sourceName, sourceVersion, purl, layer,
                modularityLabel, newFiles, location, licenses, dependsOn);
    }

    public InstalledPackage withLicenses(List<String> newLicenses) {
        return new InstalledPackage(type, name, version, arch, sourceName, sourceVersion, purl, layer,
                modularityLabel, files, location, newLicenses, dependsOn);
    }

    public InstalledPackage withDependsOn(List<String> purls) {
        return new InstalledPackage(type, name, version, arch, sourceName, sourceVersion, purl, layer,
                modularityLabel, files, location, licenses, purls);
    }
}
