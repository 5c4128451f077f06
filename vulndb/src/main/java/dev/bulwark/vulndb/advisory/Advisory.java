package dev.bulwark.vulndb.advisory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One advisory as a feed publishes it, normalised. {@code id} is the feed's own id (CVE-..., GHSA-..., ALSA-...,
 * GO-...); {@code aliases} are the other ids of the same issue, CVE ids first among them. Dates are ISO-8601 as
 * the feed gives them, empty when unknown. {@code source} names the feed kind it came from ({@code osv},
 * {@code alpine-secdb}, {@code debian-tracker}, {@code nvd}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Advisory(
        String id,
        String source,
        List<String> aliases,
        String summary,
        String details,
        List<String> references,
        String published,
        String modified,
        List<Severity> severities,
        List<Affected> affected) {

    public Advisory {
        requireNonNull(id, "id");
        requireNonNull(source, "source");
        requireNonNull(summary, "summary");
        requireNonNull(details, "details");
        requireNonNull(published, "published");
        requireNonNull(modified, "modified");
        aliases = List.copyOf(aliases);
        references = List.copyOf(references);
        severities = List.copyOf(severities);
        affected = List.copyOf(affected);
        if (id.isBlank()) {
            throw new IllegalArgumentException("advisory id is empty");
        }
    }

    /** The CVE id this advisory is about: its own id, or the first CVE alias; empty if none. */
    public String cve() {
        if (id.startsWith("CVE-")) {
            return id;
        }
        return aliases.stream().filter(a -> a.startsWith("CVE-")).findFirst().orElse("");
    }
}
