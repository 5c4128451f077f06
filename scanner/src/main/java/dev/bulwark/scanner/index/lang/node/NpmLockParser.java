package dev.bulwark.scanner.index.lang.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code package-lock.json} and {@code npm-shrinkwrap.json}: the {@code packages} map of lockfile versions 2 and 3
 * (with the dependency edges, resolved the way Node resolves {@code node_modules}), else the nested
 * {@code dependencies} of version 1. Development dependencies, links and the root project are left out.
 */
public final class NpmLockParser extends PackageFileAnalyzer {

    private static final String NODE_MODULES = "node_modules/";

    public NpmLockParser() {
        super("npm-lock", 1, PathRules.projectFiles("package-lock.json", "npm-shrinkwrap.json"), Lists.DECLARED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        JsonNode lock = Json.lenient().readTree(body);
        if (lock == null || !lock.isObject()) {
            throw new IOException("not a JSON object");
        }
        JsonNode packages = lock.path("packages");
        return packages.isObject() && !packages.isEmpty() ? fromPackages(packages, path)
                : fromDependencies(lock.path("dependencies"), path, new ArrayList<>());
    }

    private static List<InstalledPackage> fromPackages(JsonNode packages, String path) {
        Map<String, InstalledPackage> byKey = new LinkedHashMap<>();
        packages.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode p = e.getValue();
            if (key.isEmpty() || !key.contains(NODE_MODULES) || p.path("dev").asBoolean(false)
                    || p.path("link").asBoolean(false)) {
                return;
            }
            String name = p.path("name").asText(key.substring(key.lastIndexOf(NODE_MODULES) + NODE_MODULES.length()));
            String version = p.path("version").asText("");
            if (!version.isEmpty()) {
                byKey.put(key, InstalledPackage.language(PackageType.NPM, name, version, path)
                        .withLicenses(Licenses.of(p)));
            }
        });
        List<InstalledPackage> out = new ArrayList<>();
        byKey.forEach((key, p) -> {
            List<String> edges = new ArrayList<>();
            packages.path(key).path("dependencies").properties().forEach(d -> {
                InstalledPackage target = resolve(byKey, key, d.getKey());
                if (target != null) {
                    edges.add(target.purl());
                }
            });
            out.add(p.withDependsOn(edges));
        });
        return out;
    }

    /** Node's lookup: the nearest {@code node_modules/NAME} from the package's own folder up to the root. */
    private static InstalledPackage resolve(Map<String, InstalledPackage> byKey, String from, String name) {
        String dir = from;
        while (true) {
            InstalledPackage found = byKey.get((dir.isEmpty() ? "" : dir + "/") + NODE_MODULES + name);
            if (found != null || dir.isEmpty()) {
                return found;
            }
            int up = dir.lastIndexOf("/" + NODE_MODULES);
            dir = up < 0 ? "" : dir.substring(0, up);
        }
    }

    private static List<InstalledPackage> fromDependencies(JsonNode dependencies, String path,
            List<InstalledPackage> out) {
        dependencies.properties().forEach(e -> {
            JsonNode d = e.getValue();
            if (d.path("dev").asBoolean(false)) {
                return;
            }
            String name = e.getKey();
            String version = d.path("version").asText("");
            if (version.startsWith("npm:")) {
                String alias = version.substring(4);
                int at = alias.lastIndexOf('@');
                if (at > 0) {
                    name = alias.substring(0, at);
                    version = alias.substring(at + 1);
                }
            }
            if (!version.isEmpty() && !version.startsWith("file:") && !version.contains("://")) {
                out.add(InstalledPackage.language(PackageType.NPM, name, version, path));
            }
            fromDependencies(d.path("dependencies"), path, out);
        });
        return out;
    }
}
