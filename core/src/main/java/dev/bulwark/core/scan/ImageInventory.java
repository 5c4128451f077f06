package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * What is inside an image: the report of {@code bulwark scan} before vulnerability matching.
 *
 * @param source the reference the user gave, normalised ({@code docker-archive:/tmp/a.tar})
 * @param digest the manifest digest where the source has one, else empty
 * @param architecture the image platform, {@code os/arch[/variant]}, empty when unknown
 * @param settings what the image config says about how it runs; {@link ImageSettings#none()} for a directory
 * @param checks image compliance checks, empty for a directory
 */
public record ImageInventory(
        String source,
        String digest,
        String architecture,
        OsInfo os,
        List<LayerInfo> layers,
        List<InstalledPackage> packages,
        List<SecretFinding> secrets,
        List<SetIdFile> setIdFiles,
        ImageSettings settings,
        List<ComplianceCheck> checks,
        List<ScanWarning> warnings) {

    public ImageInventory {
        requireNonNull(source, "source");
        requireNonNull(digest, "digest");
        requireNonNull(architecture, "architecture");
        requireNonNull(os, "os");
        layers = List.copyOf(layers);
        packages = List.copyOf(packages);
        secrets = List.copyOf(secrets);
        setIdFiles = List.copyOf(setIdFiles);
        requireNonNull(settings, "settings");
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }

    public ImageInventory withMoreWarnings(List<ScanWarning> more) {
        List<ScanWarning> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new ImageInventory(source, digest, architecture, os, layers, packages, secrets, setIdFiles, settings,
                checks, all);
    }

    public ImageInventory withPackages(List<InstalledPackage> newPackages) {
        return new ImageInventory(source, digest, architecture, os, layers, newPackages, secrets, setIdFiles,
                settings, checks, warnings);
    }
}
