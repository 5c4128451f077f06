package dev.bulwark.scanner.index.lang.dotnet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * NuGet's {@code packages.lock.json}: the resolved packages of every target framework, once each; project
 * references are not packages.
 */
public final class PackagesLockParser extends PackageFileAnalyzer {

    public PackagesLockParser() {
        super("nuget-lock", 1, PathRules.projectFiles("packages.lock.json"), Lists.DECLARED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        JsonNode root = Json.lenient().readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<InstalledPackage> out = new ArrayList<>();
        for (JsonNode framework : root.path("dependencies")) {
            framework.properties().forEach(e -> {
                String version = e.getValue().path("resolved").asText("");
                if (!version.isEmpty() && !e.getValue().path("type").asText("").equals("Project")
                        && seen.add(e.getKey() + "@" + version)) {
                    out.add(InstalledPackage.language(PackageType.NUGET, e.getKey(), version, path));
                }
            });
        }
        return out;
    }
}
