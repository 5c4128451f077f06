package dev.bulwark.vulndb.version;

import java.util.Comparator;

/**
 * Orders version strings of one ecosystem exactly as that ecosystem's own tool does. Implementations are
 * stateless and thread-safe. {@link #compare} throws {@link InvalidVersionException} for a string the native
 * tool would reject.
 */
public interface VersionComparator extends Comparator<String> {

    Ecosystem ecosystem();

    /** Checks a version string without comparing it; throws {@link InvalidVersionException} if it is not valid. */
    void validate(String version);
}
