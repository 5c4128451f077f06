package dev.bulwark.controller.admission.evaluate;

import java.util.List;

/** What a scan knows about an image; empty facts when it was never scanned. */
public record ImageFacts(boolean scanned, boolean hasOs, String configuredUser, List<Cve> cves, List<String> modules,
        boolean complianceViolations, boolean signed, List<String> verifiers) {

    public record Cve(String name, String severity, double score, boolean fixed, long publishedEpochSeconds,
            String packageName) {}

    public static ImageFacts unscanned() {
        return new ImageFacts(false, false, "", List.of(), List.of(), false, false, List.of());
    }
}
