package dev.bulwark.scanner.index.lang.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pnpm-lock.yaml}: the keys of {@code packages}, in the forms of lockfile 5 ({@code /name/1.2.3_peer}),
 * 6 ({@code /name@1.2.3(peer)}) and 9 ({@code name@1.2.3}). Entries marked {@code dev: true} are left out.
 */
public final class PnpmLockParser extends PackageFileAnalyzer {

    private static final ObjectMapper YAML = Json.yaml();

    public PnpmLockParser() {
        super("pnpm-lock", 1, PathRules.projectFiles("pnpm-lock.yaml"), Lists.DECLARED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        JsonNode lock = YAML.readTree(body);
        if (lock == null || !lock.isObject()) {
            throw new IOException("not a YAML mapping");
        }
        boolean slashForm = lock.path("lockfileVersion").asText("6").compareTo("6") < 0;
        List<InstalledPackage> out = new ArrayList<>();
        lock.path("packages").properties().forEach(e -> {
            if (e.getValue().path("dev").asBoolean(false)) {
                return;
            }
            String[] nameVersion = split(e.getKey(), slashForm);
            if (nameVersion != null) {
                out.add(InstalledPackage.language(PackageType.NPM, nameVersion[0], nameVersion[1], path));
            }
        });
        return out;
    }

    /** {@code {name, version}}, or null for a key that names no registry package. */
    static String[] split(String key, boolean slashForm) {
        String k = key.startsWith("/") ? key.substring(1) : key;
        int paren = k.indexOf('(');
        if (paren > 0) {
            k = k.substring(0, paren);
        }
        int at = k.indexOf('@', 1);
        if (!slashForm) {
            if (at < 0) {
                return null;
            }
            String version = k.substring(at + 1);
            return version.isEmpty() || version.contains(":") ? null : new String[] {k.substring(0, at), version};
        }
        String[] segments = k.split("/");
        int nameSegments = k.startsWith("@") ? 2 : 1;
        if (segments.length <= nameSegments) {
            return null;
        }
        String version = segments[nameSegments];
        int peers = version.indexOf('_');
        return new String[] {String.join("/", List.of(segments).subList(0, nameSegments)),
                peers > 0 ? version.substring(0, peers) : version};
    }
}
