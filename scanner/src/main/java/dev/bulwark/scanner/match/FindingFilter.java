package dev.bulwark.scanner.match;

import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.core.scan.Vulnerability;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The findings a user asked to see: of some severities only, and optionally only those a fix exists for. */
public record FindingFilter(Set<SeverityLevel> severities, boolean ignoreUnfixed) {

    public FindingFilter {
        severities = Set.copyOf(severities);
    }

    public static FindingFilter all() {
        return new FindingFilter(EnumSet.allOf(SeverityLevel.class), false);
    }

    /** Parses a comma-separated list of levels, case-insensitive ({@code HIGH,critical}). */
    public static Set<SeverityLevel> parseSeverities(String list) {
        Set<SeverityLevel> levels = EnumSet.noneOf(SeverityLevel.class);
        for (String part : list.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            try {
                levels.add(SeverityLevel.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown severity '%s' (known: %s)".formatted(part.strip(),
                        String.join(",", List.of(SeverityLevel.values()).reversed().stream().map(Enum::name)
                                .toList())), e);
            }
        }
        return levels;
    }

    public List<Vulnerability> apply(List<Vulnerability> findings) {
        return findings.stream().filter(v -> severities.contains(v.severity()) && (!ignoreUnfixed || v.fixable()))
                .toList();
    }
}
