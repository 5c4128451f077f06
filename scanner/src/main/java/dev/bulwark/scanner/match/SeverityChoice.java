package dev.bulwark.scanner.match;

import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.vulndb.advisory.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which of an advisory's severities a finding shows. The vendor's own rating comes first, but only the rating of
 * the vendor whose namespace the package was matched in (Debian's urgency says nothing about an Alpine package):
 * the sources the distribution's or language ecosystem's row names. Otherwise the CVSS score decides: v3.x before v4 before v2,
 * NVD's before others of the same version.
 */
final class SeverityChoice {

    private static final List<Severity.Type> CVSS_PREFERENCE = List.of(Severity.Type.CVSS_V3, Severity.Type.CVSS_V4,
            Severity.Type.CVSS_V2);

    private SeverityChoice() {}

    /** The chosen level and where it came from, plus the CVSS score and vector shown beside it. */
    record Choice(SeverityLevel level, String source, double cvssScore, String cvssVector) {}

    static Choice choose(List<Severity> severities, Set<String> vendors) {
        Optional<Severity> cvss = bestCvss(severities);
        Optional<Severity> vendor = severities.stream().filter(s -> s.type() == Severity.Type.VENDOR
                && s.level() != SeverityLevel.UNKNOWN && vendors.contains(s.source())).findFirst();
        Optional<Severity> shown = vendor.or(() -> cvss);
        return new Choice(shown.map(Severity::level).orElse(SeverityLevel.UNKNOWN), shown.map(Severity::source)
                .orElse(""), cvss.map(Severity::score).orElse(0.0), cvss.map(Severity::vector).orElse(""));
    }

    private static Optional<Severity> bestCvss(List<Severity> severities) {
        return severities.stream().filter(s -> CVSS_PREFERENCE.contains(s.type()) && s.score() > 0)
                .min(Comparator.<Severity>comparingInt(s -> CVSS_PREFERENCE.indexOf(s.type()))
                        .thenComparing(s -> !s.source().equals("nvd")));
    }
}
