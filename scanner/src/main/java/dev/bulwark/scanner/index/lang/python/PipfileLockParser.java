package dev.bulwark.scanner.index.lang.python;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code Pipfile.lock}: the pinned ({@code ==}) packages of {@code default}; {@code develop} is left out. */
public final class PipfileLockParser extends PackageFileAnalyzer {

    public PipfileLockParser() {
        super("pipfile-lock", 1, PathRules.projectFiles("Pipfile.lock"), Lists.DECLARED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        JsonNode lock = Json.lenient().readTree(body);
        if (lock == null || !lock.isObject()) {
            throw new IOException("not a JSON object");
        }
        List<InstalledPackage> out = new ArrayList<>();
        lock.path("default").properties().forEach(e -> {
            String version = e.getValue().path("version").asText("");
            if (version.startsWith("==")) {
                out.add(InstalledPackage.language(PackageType.PYPI, e.getKey(), version.substring(2).strip(), path));
            }
        });
        return out;
    }
}
