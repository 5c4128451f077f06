package dev.bulwark.controller.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.policy.VulnerabilityProfiles.Acceptance;
import dev.bulwark.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * What scanners answer with: gzipped JSON, unpacked under a bound; what a report found, counted and shown with the
 * vulnerability profile's accepted vulnerabilities left out.
 */
public final class Reports {

    /** A report larger than this, unpacked, is refused rather than held. */
    public static final int MAX_UNPACKED = 256 << 20;

    private static final ObjectMapper JSON = Json.compactSnakeCase();

    private Reports() {}

    /** A scanner's gzipped JSON as a tree; an answer that does not unpack or read is an unchecked failure. */
    public static JsonNode read(byte[] packed) {
        try {
            return JSON.readTree(unpack(packed));
        } catch (IOException e) {
            throw new UncheckedIOException("a scanner's answer cannot be read: " + e.getMessage(), e);
        }
    }

    /** A job's request, as JSON bytes. */
    public static byte[] json(JsonNode request) {
        try {
            return JSON.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] unpack(byte[] packed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            byte[] json = in.readNBytes(MAX_UNPACKED + 1);
            if (json.length > MAX_UNPACKED) {
                throw new IOException("it is larger than %d MiB".formatted(MAX_UNPACKED >> 20));
            }
            return json;
        }
    }

    /** A vulnerability a report found, as much of it as a brief's counts and the vulnerability profile need. */
    public record Found(String name, String severity, long published) {}

    /** What a report's {@code vulnerabilities} found. */
    public static List<Found> found(JsonNode vulnerabilities) {
        List<Found> found = new ArrayList<>();
        vulnerabilities.forEach(v -> found.add(new Found(v.path("name").asText(), v.path("severity").asText(),
                v.path("published_timestamp").asLong())));
        return found;
    }

    /** What was found that the profile does not accept for this asset. */
    public static List<Found> unaccepted(List<Found> found, Acceptance accepted, String domain, String image) {
        return found.stream().filter(f -> !accepted.accepts(f.name(), f.published(), domain, image)).toList();
    }

    /** The critical, high and medium vulnerabilities found that the profile does not accept for this asset. */
    public static int[] severities(List<Found> found, Acceptance accepted, String domain, String image) {
        int[] counts = new int[3];
        for (Found f : unaccepted(found, accepted, domain, image)) {
            switch (f.severity()) {
                case "Critical" -> counts[0]++;
                case "High" -> counts[1]++;
                case "Medium" -> counts[2]++;
                default -> { }
            }
        }
        return counts;
    }

    /**
     * A report as a user sees it: the vulnerabilities the profile accepts for this asset left out, or, with
     * {@code show}, kept and tagged {@code accepted}, as NeuVector's {@code ?show=accepted} does; in each layer too.
     */
    public static JsonNode accepted(JsonNode report, Acceptance accepted, String domain, String image, boolean show) {
        if (!report.isObject()) {
            return report;
        }
        ObjectNode copy = report.deepCopy();
        if (report.path("layers").isArray()) {
            ArrayNode layers = copy.putArray("layers");
            report.path("layers").forEach(l -> layers.add(accepted(l, accepted, domain, image, show)));
        }
        if (!report.path("vulnerabilities").isArray()) {
            return copy;
        }
        ArrayNode kept = copy.putArray("vulnerabilities");
        for (JsonNode v : report.path("vulnerabilities")) {
            if (!accepted.accepts(v.path("name").asText(), v.path("published_timestamp").asLong(), domain, image)) {
                kept.add(v);
            } else if (show) {
                ObjectNode tagged = v.deepCopy();
                tagged.putArray("tags").add("accepted");
                kept.add(tagged);
            }
        }
        return copy;
    }

    /** An image's name as the vulnerability profile matches it: {@code repository:tag}, without the registry. */
    public static String imageName(String image) {
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        String name = host ? image.substring(slash + 1) : image;
        int at = name.indexOf('@');
        return at >= 0 ? name.substring(0, at) : name;
    }
}
