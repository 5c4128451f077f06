package dev.bulwark.scanner.index.lang.php;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Composer's package lists: {@code vendor/composer/installed.json} (an array in Composer 1, {@code packages} in
 * Composer 2) and {@code composer.lock} ({@code packages}). Both list the same package records, so one parser
 * serves both, as two analyzers. Development packages ({@code packages-dev}, {@code dev-package-names}) are left out.
 */
public final class ComposerParser extends PackageFileAnalyzer {

    private ComposerParser(String name, Predicate<String> paths, Lists lists) {
        super(name, 1, paths, lists);
    }

    /** {@code vendor/composer/installed.json}: what Composer installed. */
    public static ComposerParser installed() {
        return new ComposerParser("composer-installed", path -> path.endsWith("vendor/composer/installed.json"),
                Lists.INSTALLED);
    }

    /** {@code composer.lock}: what a project would install. */
    public static ComposerParser lock() {
        return new ComposerParser("composer-lock", PathRules.projectFiles("composer.lock"), Lists.DECLARED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        JsonNode root = Json.lenient().readTree(body);
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new IOException("not a JSON object or array");
        }
        JsonNode packages = root.isArray() ? root : root.path("packages");
        Set<String> dev = new HashSet<>();
        root.path("dev-package-names").forEach(n -> dev.add(n.asText()));
        List<InstalledPackage> out = new ArrayList<>();
        for (JsonNode p : packages) {
            String name = p.path("name").asText("");
            String version = p.path("version").asText("");
            if (name.isEmpty() || version.isEmpty() || dev.contains(name)) {
                continue;
            }
            List<String> licenses = new ArrayList<>();
            p.path("license").forEach(l -> licenses.add(l.asText()));
            out.add(InstalledPackage.language(PackageType.COMPOSER, name, version, path).withLicenses(licenses));
        }
        return out;
    }
}
