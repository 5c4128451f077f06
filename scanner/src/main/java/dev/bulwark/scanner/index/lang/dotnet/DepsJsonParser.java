package dev.bulwark.scanner.index.lang.dotnet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code APP.deps.json}: the {@code libraries} of type {@code package} ({@code Name/1.2.3}); projects are not. */
public final class DepsJsonParser extends PackageFileAnalyzer {

    public DepsJsonParser() {
        super("dotnet-deps", 1, path -> path.endsWith(".deps.json"), Lists.INSTALLED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        JsonNode root = Json.lenient().readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        List<InstalledPackage> out = new ArrayList<>();
        root.path("libraries").properties().forEach(e -> {
            int slash = e.getKey().indexOf('/');
            if (slash > 0 && e.getValue().path("type").asText("").equals("package")) {
                out.add(InstalledPackage.language(PackageType.NUGET, e.getKey().substring(0, slash),
                        e.getKey().substring(slash + 1), path));
            }
        });
        return out;
    }
}
