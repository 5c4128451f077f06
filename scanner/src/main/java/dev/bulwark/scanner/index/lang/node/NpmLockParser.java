package dev.bulwark.scanner.index.lang.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** npm 3 and later install flat; a real tree nests a few levels, a hostile one thousands. */
    static final int MAX_DEPTH = 64;

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

    private static List<InstalledPackage> fromPackages(JsonNode packages, String path) throws IOException {
        Map<String, InstalledPackage> byKey = new LinkedHashMap<>();
        Map<String, Map<String, InstalledPackage>> byFolder = new HashMap<>();
        for (var e : packages.properties()) {
            String key = e.getKey();
            JsonNode p = e.getValue();
            int at = key.lastIndexOf(NODE_MODULES);
            if (key.isEmpty() || at < 0 || p.path("dev").asBoolean(false) || p.path("link").asBoolean(false)) {
                continue;
            }
            String name = p.path("name").asText(key.substring(at + NODE_MODULES.length()));
            String version = p.path("version").asText("");
            if (!version.isEmpty()) {
                InstalledPackage pkg = InstalledPackage.language(PackageType.NPM, name, version, path)
                        .withLicenses(Licenses.of(p));
                byKey.put(key, pkg);
                byFolder.computeIfAbsent(folder(key, at), f -> new HashMap<>())
                        .put(key.substring(at + NODE_MODULES.length()), pkg);
            }
        }
        List<InstalledPackage> out = new ArrayList<>();
        for (var e : byKey.entrySet()) {
            List<Map<String, InstalledPackage>> lookup = lookupPath(e.getKey(), byFolder);
            List<String> edges = new ArrayList<>();
            packages.path(e.getKey()).path("dependencies").properties().forEach(d -> {
                for (Map<String, InstalledPackage> folder : lookup) {
                    InstalledPackage target = folder.get(d.getKey());
                    if (target != null) {
                        edges.add(target.purl());
                        return;
                    }
                }
            });
            out.add(e.getValue().withDependsOn(edges));
        }
        return out;
    }

    /** The folder holding a package's {@code node_modules}: {@code a/node_modules/b} for its nested packages. */
    private static String folder(String key, int nodeModulesAt) {
        return nodeModulesAt == 0 ? "" : key.substring(0, nodeModulesAt - 1);
    }

    /**
     * Node's lookup order for a package's dependencies: the {@code node_modules} of its own folder, then of each
     * folder above it to the root. Computed once per package, so a key nested thousands deep costs its length
     * once, not once per dependency; nesting deeper than {@link #MAX_DEPTH} is refused.
     */
    private static List<Map<String, InstalledPackage>> lookupPath(String key,
            Map<String, Map<String, InstalledPackage>> byFolder) throws IOException {
        List<Map<String, InstalledPackage>> lookup = new ArrayList<>();
        String dir = key;
        while (true) {
            if (lookup.size() > MAX_DEPTH) {
                throw new IOException("a package nests more than %d node_modules deep".formatted(MAX_DEPTH));
            }
            lookup.add(byFolder.getOrDefault(dir, Map.of()));
            if (dir.isEmpty()) {
                return lookup;
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
