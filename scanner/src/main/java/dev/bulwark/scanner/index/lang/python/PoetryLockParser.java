package dev.bulwark.scanner.index.lang.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code poetry.lock}: its {@code [[package]]} tables; those of the old {@code category = "dev"} are left out. */
public final class PoetryLockParser extends PackageFileAnalyzer {

    private static final TomlMapper TOML = new TomlMapper();

    public PoetryLockParser() {
        super("poetry-lock", 1, PathRules.projectFiles("poetry.lock"), Lists.DECLARED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        JsonNode lock = TOML.readTree(body);
        List<InstalledPackage> out = new ArrayList<>();
        for (JsonNode p : lock.path("package")) {
            String name = p.path("name").asText("");
            String version = p.path("version").asText("");
            if (!name.isEmpty() && !version.isEmpty() && !p.path("category").asText("").equals("dev")) {
                out.add(InstalledPackage.language(PackageType.PYPI, name, version, path));
            }
        }
        return out;
    }
}
