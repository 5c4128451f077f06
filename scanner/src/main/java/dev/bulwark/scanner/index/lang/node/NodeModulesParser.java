package dev.bulwark.scanner.index.lang.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/** The {@code package.json} of an installed package: {@code node_modules/[@scope/]name/package.json}. */
public final class NodeModulesParser extends PackageFileAnalyzer {

    private static final Predicate<String> PATHS = PathRules.endingAndMatching("/package.json",
            "(?:.*/)?node_modules/(?:@[^/]+/)?[^/@.][^/]*/package\\.json");

    public NodeModulesParser() {
        super("node-modules", 1, PATHS, Lists.INSTALLED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        JsonNode manifest = Json.lenient().readTree(body);
        if (manifest == null || !manifest.isObject()) {
            throw new IOException("not a JSON object");
        }
        String name = manifest.path("name").asText("");
        String version = manifest.path("version").asText("");
        if (name.isBlank() || version.isBlank()) {
            return List.of();
        }
        return List.of(InstalledPackage.language(PackageType.NPM, name, version, path)
                .withLicenses(Licenses.of(manifest)));
    }
}
