package dev.bulwark.scanner.index.lang.java;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * The identity clues of one archive: its {@code pom.properties} files and its manifest. Decides what the archive
 * is, in this order of trust: pom.properties (all of them: a shaded jar carries those of what it bundles), then
 * the manifest ({@code Implementation-*}, then {@code Bundle-*}), then the file name.
 */
final class ArchiveMetadata {

    /** A Maven group id: dotted identifiers, no spaces (vendor names like "The Apache Software Foundation" are not). */
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)+");

    private final List<MavenCoordinates> poms = new ArrayList<>();
    private Manifest manifest;

    void addPomProperties(byte[] body) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)));
        MavenCoordinates c = new MavenCoordinates(p.getProperty("groupId", "").strip(),
                p.getProperty("artifactId", "").strip(), p.getProperty("version", "").strip());
        if (c.complete() && !c.groupId().isEmpty() && !poms.contains(c)) {
            poms.add(c);
        }
    }

    void setManifest(byte[] body) throws IOException {
        manifest = new Manifest(new ByteArrayInputStream(body));
    }

    /** What the archive named {@code fileName} holds; empty when nothing identifies it. */
    List<MavenCoordinates> identify(String fileName) {
        if (!poms.isEmpty()) {
            return List.copyOf(poms);
        }
        Optional<MavenCoordinates> byName = MavenCoordinates.fromFileName(fileName);
        Optional<MavenCoordinates> byManifest = fromManifest(byName);
        return byManifest.or(() -> byName).map(List::of).orElse(List.of());
    }

    private Optional<MavenCoordinates> fromManifest(Optional<MavenCoordinates> byName) {
        if (manifest == null) {
            return Optional.empty();
        }
        Attributes a = manifest.getMainAttributes();
        String version = first(a, "Implementation-Version", "Bundle-Version");
        String vendorId = first(a, "Implementation-Vendor-Id");
        String group = GROUP_ID.matcher(vendorId).matches() ? vendorId : "";
        String artifact = byName.map(MavenCoordinates::artifactId).orElse("");
        if (artifact.isEmpty()) {
            String title = first(a, "Implementation-Title", "Bundle-SymbolicName");
            int semicolon = title.indexOf(';');
            artifact = (semicolon < 0 ? title : title.substring(0, semicolon)).strip();
            if (artifact.contains(" ")) {
                artifact = "";
            }
        }
        MavenCoordinates c = new MavenCoordinates(group, artifact,
                version.isEmpty() ? byName.map(MavenCoordinates::version).orElse("") : version);
        return c.complete() ? Optional.of(c) : Optional.empty();
    }

    private static String first(Attributes a, String... names) {
        for (String n : names) {
            String v = a.getValue(n);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }
}
