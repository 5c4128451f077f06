package dev.bulwark.scanner.index.lang.rust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.FileAnalyzer;
import dev.bulwark.scanner.index.FileStream;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.index.lang.LimitedRead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Rust binaries built with cargo-auditable: the {@code .dep-v0} ELF section holds the zlib-compressed JSON list
 * of the crates compiled in, with their dependency edges. Build-time crates ({@code "kind": "build"}) are not in
 * the binary and are left out. Executables up to {@link #MAX_BYTES} are read whole to find the section table at
 * the file's end; larger ones are not searched (the limit is the one under which a file two analyzers want is
 * read once for both).
 */
public final class CargoAuditableAnalyzer implements FileAnalyzer {

    static final int MAX_BYTES = 64 << 20;
    static final int MAX_JSON_BYTES = 8 << 20;
    private static final String SECTION = ".dep-v0";

    @Override
    public String name() {
        return "cargo-auditable";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean wants(String path, int mode, long size) {
        return (mode & 0111) != 0 && size > 1024 && size <= MAX_BYTES;
    }

    @Override
    public long maxFileSize() {
        return MAX_BYTES;
    }

    @Override
    public Inventory analyze(FileStream file) throws IOException {
        byte[] head = file.body().readNBytes(4);
        if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return Inventory.empty();
        }
        byte[] rest = LimitedRead.all(file.body(), MAX_BYTES, file.path());
        byte[] elf = new byte[head.length + rest.length];
        System.arraycopy(head, 0, elf, 0, head.length);
        System.arraycopy(rest, 0, elf, head.length, rest.length);
        try {
            Optional<byte[]> section = ElfSections.section(elf, SECTION);
            if (section.isEmpty()) {
                return Inventory.empty();
            }
            return Inventory.of(packages(Json.lenient().readTree(inflate(section.get())), file.path()), List.of());
        } catch (IllegalArgumentException | DataFormatException | IOException e) {
            return Inventory.warning(file.path(), file.layer(), "cargo-auditable data is corrupt: " + e.getMessage());
        }
    }

    private static byte[] inflate(byte[] compressed) throws DataFormatException, IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("compressed data ends early");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_JSON_BYTES) {
                    throw new IOException("inflates past %d bytes".formatted(MAX_JSON_BYTES));
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static List<InstalledPackage> packages(JsonNode root, String path) throws IOException {
        JsonNode list = root == null ? null : root.path("packages");
        if (list == null || !list.isArray()) {
            throw new IOException("no packages list");
        }
        List<InstalledPackage> all = new ArrayList<>();
        for (JsonNode p : list) {
            all.add(InstalledPackage.language(PackageType.CARGO, p.path("name").asText("?"),
                    p.path("version").asText(""), path));
        }
        List<InstalledPackage> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            JsonNode p = list.get(i);
            if (p.path("kind").asText("runtime").equals("build") || p.path("name").asText("").isEmpty()) {
                continue;
            }
            List<String> edges = new ArrayList<>();
            for (JsonNode d : p.path("dependencies")) {
                int index = d.asInt(-1);
                if (index >= 0 && index < all.size() && !list.get(index).path("kind").asText("").equals("build")) {
                    edges.add(all.get(index).purl());
                }
            }
            out.add(all.get(i).withDependsOn(edges));
        }
        return out;
    }
}
