package dev.bulwark.scanner.index.lang.java;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What identifies a Java artifact. {@code groupId} is empty when the archive does not say it: it is never guessed.
 */
record MavenCoordinates(String groupId, String artifactId, String version) {

    /** {@code name-1.2.3.jar}, {@code name-1.2.3-SNAPSHOT.jar}, {@code name-1.2.3.Final.jar}. */
    private static final Pattern FILE_NAME = Pattern.compile("(.+?)-(\\d[^-]*(?:-[A-Za-z0-9.]+)*)\\.[a-z]+");

    boolean complete() {
        return !artifactId.isEmpty() && !version.isEmpty();
    }

    /** The package name: {@code groupId:artifactId}, or the artifact id alone when the group is unknown. */
    String name() {
        return groupId.isEmpty() ? artifactId : groupId + ":" + artifactId;
    }

    /** Artifact id and version from a file name, the last resort. */
    static Optional<MavenCoordinates> fromFileName(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        return m.matches() ? Optional.of(new MavenCoordinates("", m.group(1), m.group(2))) : Optional.empty();
    }
}
