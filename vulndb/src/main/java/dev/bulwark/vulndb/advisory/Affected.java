package dev.bulwark.vulndb.advisory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.core.scan.AffectedStatus;
import java.util.List;

/**
 * What an advisory says of one package in one namespace.
 *
 * @param namespace where the package name means something: {@code debian:12}, {@code alpine:3.11},
 *     {@code almalinux:9}, {@code Go}, {@code PyPI}, {@code Maven}, ...
 * @param packageName as the feed names it: source package for Debian and Alpine, binary rpm name for rpm
 *     distributions, module or artifact for language ecosystems
 * @param ranges version ranges that are affected; empty with {@code versions} empty means all versions
 * @param versions explicit affected versions, in addition to the ranges
 * @param status fixed (a range ends in a fix), affected with no fix yet, will not be fixed, or not affected
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Affected(String namespace, String packageName, List<VersionRange> ranges, List<String> versions,
        AffectedStatus status) {

    public Affected {
        requireNonNull(namespace, "namespace");
        requireNonNull(packageName, "packageName");
        requireNonNull(status, "status");
        ranges = List.copyOf(ranges);
        versions = List.copyOf(versions);
        if (namespace.isBlank() || packageName.isBlank()) {
            throw new IllegalArgumentException("affected entry without namespace or package");
        }
    }

    /** The versions that fix it, from the ranges' {@code fixed} events, in the feed's order. */
    public List<String> fixedVersions() {
        return ranges.stream().flatMap(r -> r.events().stream())
                .filter(e -> e.kind() == RangeEvent.Kind.FIXED).map(RangeEvent::version).toList();
    }
}
