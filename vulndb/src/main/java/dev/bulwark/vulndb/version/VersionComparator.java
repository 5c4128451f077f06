package dev.bulwark.vulndb.version;

import java.util.Comparator;
import java.util.Optional;

/**
 * Orders version strings of one ecosystem exactly as that ecosystem's own tool does. Implementations are
 * stateless and thread-safe. {@link #compare} throws {@link InvalidVersionException} for a string the native
 * tool refuses to compare; a string the tool calls malformed but compares anyway is compared the same way, and
 * {@link #defect} says what is wrong with it.
 */
public interface VersionComparator extends Comparator<String> {

    Ecosystem ecosystem();

    /** Checks a version string without comparing it; throws {@link InvalidVersionException} if compare would. */
    void validate(String version);

    /**
     * What the ecosystem's tool finds wrong with a version that it compares nonetheless, or empty: apk-tools calls
     * {@code 2.7.16-33} invalid, yet orders it by the parts before the {@code -33}.
     */
    default Optional<String> defect(String version) {
        return Optional.empty();
    }
}
