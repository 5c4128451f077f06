package dev.bulwark.vulndb.advisory;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.core.scan.SeverityLevel;
import static java.util.Objects.requireNonNull;

/**
 * A severity one source gives an advisory: a vendor rating ({@code type VENDOR}, {@code rating} set, no vector)
 * or a CVSS vector with its base score. {@code score} is 0 when unknown.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Severity(String source, Type type, String vector, double score, SeverityLevel level) {

    public enum Type { VENDOR, CVSS_V2, CVSS_V3, CVSS_V4 }

    public Severity {
        requireNonNull(source, "source");
        requireNonNull(type, "type");
        requireNonNull(vector, "vector");
        requireNonNull(level, "level");
    }
}
