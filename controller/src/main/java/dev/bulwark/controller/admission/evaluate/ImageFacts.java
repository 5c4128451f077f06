package dev.bulwark.controller.admission.evaluate;

import java.util.List;
import java.util.Objects;

/**
 * What a scan knows about an image, as admission criteria read it; {@link #unscanned()} when it was never scanned.
 * {@code configuredUser} is the image config's {@code User} ({@code ""} when unset), {@code modules} the names of its
 * packages, {@code complianceViolations} whether the scan found secrets or setuid/setgid files.
 */
public record ImageFacts(boolean scanned, boolean hasOs, String configuredUser, List<Cve> cves, List<String> modules,
        boolean complianceViolations, boolean signed, List<String> verifiers) {

    public ImageFacts {
        Objects.requireNonNull(configuredUser, "configuredUser");
        cves = List.copyOf(cves);
        modules = List.copyOf(modules);
        verifiers = List.copyOf(verifiers);
    }

    /**
     * One vulnerability: severity is {@code Critical}, {@code High}, {@code Medium} or {@code Low}; score the CVSS v3
     * score if any, else v2; fixed whether a fixed version exists.
     */
    public record Cve(String name, String severity, double score, boolean fixed, long publishedEpochSeconds,
            String packageName) {

        public Cve {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(packageName, "packageName");
        }
    }

    public static ImageFacts unscanned() {
        return new ImageFacts(false, false, "", List.of(), List.of(), false, false, List.of());
    }
}
