package dev.bulwark.scanner.index.lang.rust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Cargo.lock}: every {@code [[package]]}, with its dependency edges. An edge names a crate alone when the
 * lock holds one version of it, else {@code name version}.
 */
public final class CargoLockParser extends PackageFileAnalyzer {

    private static final TomlMapper TOML = new TomlMapper();
    private static final byte[] PACKAGE_TABLE = "[[package]]".getBytes(StandardCharsets.US_ASCII);

    public CargoLockParser() {
        super("cargo-lock", 1, PathRules.projectFiles("Cargo.lock"), Lists.DECLARED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        // the TOML tree takes thirty times the text: count before building it
        long tables = occurrences(body, PACKAGE_TABLE);
        if (tables > MAX_PACKAGES) {
            throw new IOException("lists %d packages, over the %d read from one lock file".formatted(tables,
                    MAX_PACKAGES));
        }
        JsonNode lock = TOML.readTree(body);
        List<InstalledPackage> packages = new ArrayList<>();
        Map<String, String> purlByName = new HashMap<>();
        Map<String, String> purlByNameVersion = new HashMap<>();
        for (JsonNode p : lock.path("package")) {
            String name = p.path("name").asText("");
            String version = p.path("version").asText("");
            if (name.isEmpty() || version.isEmpty()) {
                continue;
            }
            InstalledPackage pkg = InstalledPackage.language(PackageType.CARGO, name, version, path);
            packages.add(pkg);
            purlByName.merge(name, pkg.purl(), (a, b) -> "");
            purlByNameVersion.put(name + " " + version, pkg.purl());
        }
        List<InstalledPackage> out = new ArrayList<>();
        int i = 0;
        for (JsonNode p : lock.path("package")) {
            if (p.path("name").asText("").isEmpty() || p.path("version").asText("").isEmpty()) {
                continue;
            }
            List<String> edges = new ArrayList<>();
            for (JsonNode d : p.path("dependencies")) {
                String[] f = d.asText().split(" ");
                String purl = f.length >= 2 ? purlByNameVersion.get(f[0] + " " + f[1]) : purlByName.get(f[0]);
                if (purl != null && !purl.isEmpty()) {
                    edges.add(purl);
                }
            }
            out.add(packages.get(i++).withDependsOn(edges));
        }
        return out;
    }
}
