package dev.bulwark.vulndb.advisory;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An OSV-style range: events in version order, each {@code introduced} opening an affected span that the next
 * {@code fixed}, {@code last_affected} or {@code limit} closes. {@code ECOSYSTEM} ranges use the namespace's own
 * ordering, {@code SEMVER} ranges SemVer 2.
 */
public record VersionRange(Type type, List<RangeEvent> events) {

    public enum Type { ECOSYSTEM, SEMVER }

    public VersionRange {
        requireNonNull(type, "type");
        events = List.copyOf(events);
    }

    /** The common case of distribution feeds: everything before {@code fixed}. */
    public static VersionRange fixedIn(String fixed) {
        return new VersionRange(Type.ECOSYSTEM, List.of(new RangeEvent(RangeEvent.Kind.INTRODUCED, "0"),
                new RangeEvent(RangeEvent.Kind.FIXED, fixed)));
    }

    /** Every version: an affected package with no fix. */
    public static VersionRange all() {
        return new VersionRange(Type.ECOSYSTEM, List.of(new RangeEvent(RangeEvent.Kind.INTRODUCED, "0")));
    }
}
