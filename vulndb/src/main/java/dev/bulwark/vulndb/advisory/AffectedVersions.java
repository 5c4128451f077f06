package dev.bulwark.vulndb.advisory;

import dev.bulwark.core.scan.AffectedStatus;
import dev.bulwark.vulndb.version.Ecosystem;
import dev.bulwark.vulndb.version.InvalidVersionException;
import dev.bulwark.vulndb.version.VersionComparator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Whether an installed version falls in what an {@link Affected} entry describes, by OSV's evaluation rules:
 * events sorted by version ({@code introduced: "0"} first; where one span is fixed at the version another is
 * introduced at, the fix first, so that the second span still counts) and walked in order, {@code introduced} at or below
 * the installed version opening, {@code fixed} at or below and {@code last_affected} below it closing; with
 * {@code limit} events, the version must also be below one of them. The fixed version reported is the first
 * {@code fixed} event above the installed version. Explicit versions match exactly, as strings where the
 * comparator refuses one. A range holding a version the comparator refuses cannot be evaluated: it is reported
 * to the warnings rather than guessed at, and so is a version the ecosystem calls malformed but compares anyway
 * (apk-tools' {@code 2.7.16-33}). {@code SEMVER} ranges use SemVer 2 whatever the namespace.
 */
public final class AffectedVersions {

    private AffectedVersions() {}

    /** The verdict for one installed version: affected or not, and the lowest version above it that fixes it. */
    public record Verdict(boolean affected, String fixedVersion) {

        static final Verdict NOT_AFFECTED = new Verdict(false, "");
    }

    /** The verdict; {@code warnings} is told what could not be compared on the way. */
    public static Verdict check(Affected entry, String installed, VersionComparator comparator,
            Consumer<String> warnings) {
        if (entry.status() == AffectedStatus.NOT_AFFECTED) {
            return Verdict.NOT_AFFECTED;
        }
        if (entry.ranges().isEmpty() && entry.versions().isEmpty()) {
            return new Verdict(true, "");
        }
        for (String v : entry.versions()) {
            if (v.equals(installed) || compares(comparator, v, installed) == 0) {
                return new Verdict(true, "");
            }
        }
        for (VersionRange range : entry.ranges()) {
            VersionComparator order = range.type() == VersionRange.Type.SEMVER
                    ? semverFor(comparator) : comparator;
            Optional<Verdict> verdict = inRange(range, installed, order, warnings);
            if (verdict.isPresent()) {
                return verdict.get();
            }
        }
        return Verdict.NOT_AFFECTED;
    }

    /** Go's SemVer reads its own module versions ({@code +incompatible}, {@code v} prefixes); others use npm's. */
    private static VersionComparator semverFor(VersionComparator comparator) {
        return comparator.ecosystem() == Ecosystem.GO ? comparator : Ecosystem.SEMVER.comparator();
    }

    private static Optional<Verdict> inRange(VersionRange range, String installed, VersionComparator comparator,
            Consumer<String> warnings) {
        for (RangeEvent e : range.events()) {
            comparator.defect(e.version()).ifPresent(defect -> warnings.accept(
                    "advisory version '%s' is malformed for %s (%s), compared as its tool does".formatted(e.version(),
                            comparator.ecosystem().id(), defect)));
        }
        try {
            List<RangeEvent> events = new ArrayList<>(range.events());
            events.sort(Comparator.comparing(RangeEvent::version, (String a, String b) ->
                    compareEventVersions(comparator, a, b)).thenComparing(e -> e.kind() == RangeEvent.Kind.INTRODUCED));
            boolean affected = false;
            boolean belowLimit = events.stream().noneMatch(e -> e.kind() == RangeEvent.Kind.LIMIT);
            String fixed = "";
            for (RangeEvent e : events) {
                int c = e.version().equals("0") ? 1 : comparator.compare(installed, e.version());
                switch (e.kind()) {
                    case INTRODUCED -> affected |= c >= 0;
                    case FIXED -> {
                        if (c >= 0) {
                            affected = false;
                        } else if (fixed.isEmpty()) {
                            fixed = e.version();
                        }
                    }
                    case LAST_AFFECTED -> affected &= c <= 0;
                    case LIMIT -> belowLimit |= c < 0;
                }
            }
            return affected && belowLimit ? Optional.of(new Verdict(true, fixed)) : Optional.empty();
        } catch (InvalidVersionException e) {
            warnings.accept("range %s not evaluated: %s".formatted(describe(range), e.getMessage()));
            return Optional.empty();
        }
    }

    /** {@code introduced 1.0, fixed 1.5}, as a warning names a range. */
    private static String describe(VersionRange range) {
        return range.events().stream().map(e -> e.kind().id() + " " + e.version())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static int compareEventVersions(VersionComparator comparator, String a, String b) {
        if (a.equals("0") || b.equals("0")) {
            return Boolean.compare(!a.equals("0"), !b.equals("0"));
        }
        return comparator.compare(a, b);
    }

    private static int compares(VersionComparator comparator, String a, String b) {
        try {
            return comparator.compare(a, b);
        } catch (InvalidVersionException e) {
            return Integer.MIN_VALUE;
        }
    }
}
