package dev.bulwark.scanner.index.lang.node;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code yarn.lock}, classic (v1) and Berry (YAML): each unindented entry names one or more descriptors
 * ({@code "lodash@^4.17.0", lodash@^4.17.15:}) and an indented {@code version} line gives what they resolved to.
 * Workspace, link, portal and patch entries are not registry packages and are skipped.
 */
public final class YarnLockParser extends PackageFileAnalyzer {

    public YarnLockParser() {
        super("yarn-lock", 1, PathRules.projectFiles("yarn.lock"), Lists.DECLARED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            throw new IOException("binary content, not a yarn.lock");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<InstalledPackage> out = new ArrayList<>();
        String name = null;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                name = line.endsWith(":") ? descriptorName(line.substring(0, line.length() - 1)) : null;
                continue;
            }
            String trimmed = line.strip();
            if (name != null && (trimmed.startsWith("version ") || trimmed.startsWith("version:"))) {
                String version = unquote(trimmed.substring("version".length() + 1).strip());
                if (!version.isEmpty() && seen.add(name + "@" + version)) {
                    out.add(InstalledPackage.language(PackageType.NPM, name, version, path));
                }
                name = null;
            }
        }
        return out;
    }

    /** The package name of the first descriptor of an entry, or null when it is not a registry package. */
    private static String descriptorName(String header) {
        String first = unquote(header.split(",")[0].strip());
        if (first.equals("__metadata")) {
            return null;
        }
        int at = first.indexOf('@', 1);
        if (at < 0) {
            return null;
        }
        String range = first.substring(at + 1);
        for (String local : List.of("workspace:", "link:", "portal:", "patch:", "file:")) {
            if (range.startsWith(local)) {
                return null;
            }
        }
        return first.substring(0, at);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
