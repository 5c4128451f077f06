package dev.bulwark.scanner.index.lang.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.index.FileStream;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.source.RootDirectory;
import dev.bulwark.scanner.testing.AdvisoryDatabase;
import dev.bulwark.scanner.testing.Command;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go binaries from Debian's packages and one built here, against what {@code go version -m} prints. */
class GoBinaryAnalyzerTest {

    private static final List<Path> DEBIAN_GO_BINARIES = Stream.of("/usr/bin/skopeo", "/usr/bin/docker-registry",
            "/usr/bin/etcd", "/usr/lib/go-1.19/bin/go").map(Path::of).filter(Files::isRegularFile).toList();

    private static Inventory analyze(Path binary) throws IOException {
        try (InputStream in = Files.newInputStream(binary)) {
            return new GoBinaryAnalyzer().analyze(new FileStream(binary.toString(), "", 0755, Files.size(binary), in));
        }
    }

    /** The modules {@code go version -m} lists, replacements applied, and the toolchain as {@code stdlib}. */
    private static Set<String> goVersionM(Path binary) throws IOException {
        String out = Command.of("go", "version", "-m", binary.toString()).run(Path.of(".")).stdout();
        List<String> modules = new ArrayList<>();
        String stdlib = "";
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\t");
            if (line.startsWith(binary.toString() + ": ")) {
                stdlib = "stdlib@v" + line.substring(line.indexOf(": go") + 4).strip();
            } else if (f[0].equals("dep") || f[0].equals("mod") && !f[2].equals("(devel)")) {
                modules.add(f[1] + "@" + f[2]);
            } else if (f[0].equals("=>")) {
                String replaced = modules.getLast();
                boolean local = f[1].startsWith(".") || f[1].startsWith("/");
                modules.set(modules.size() - 1, local ? replaced.substring(0, replaced.indexOf('@') + 1)
                        : f[1] + "@" + f[2]);
            }
        }
        Set<String> expected = new TreeSet<>(modules);
        expected.add(stdlib);
        return expected;
    }

    private static Set<String> found(Inventory inventory) {
        Set<String> out = new TreeSet<>();
        inventory.packages().forEach(p -> out.add(p.name() + "@" + p.version()));
        return out;
    }

    @Test
    void debianGoBinariesMatchGoVersionM() throws IOException {
        assumeTrue(Command.executable("go").isPresent(), "Debian's golang-go is not installed: test skipped");
        assumeTrue(DEBIAN_GO_BINARIES.size() >= 2, "no Go binaries from Debian packages here: test skipped");
        for (Path binary : DEBIAN_GO_BINARIES) {
            assertThat(found(analyze(binary))).as(binary.toString()).isEqualTo(goVersionM(binary));
        }
    }

    /**
     * A module built here from a file-based module proxy: one dependency replaced by another version, one by a
     * local directory (whose code has no version: reported without one).
     */
    @Test
    void aModuleBuiltHereWithReplacements(@TempDir Path dir) throws IOException {
        assumeTrue(Command.executable("go").isPresent(), "Debian's golang-go is not installed: test skipped");
        Path proxy = dir.resolve("proxy/example.com/lib/@v");
        Files.createDirectories(proxy);
        Files.writeString(proxy.resolve("list"), "v1.2.4\n");
        Files.writeString(proxy.resolve("v1.2.4.info"), "{\"Version\":\"v1.2.4\",\"Time\":\"2024-01-01T00:00:00Z\"}");
        Files.writeString(proxy.resolve("v1.2.4.mod"), "module example.com/lib\n\ngo 1.19\n");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(proxy.resolve("v1.2.4.zip")))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("example.com/lib@v1.2.4/go.mod"));
            zip.write("module example.com/lib\n\ngo 1.19\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("example.com/lib@v1.2.4/lib.go"));
            zip.write("package lib\n\nfunc Hello() string { return \"hi\" }\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.createDirectories(dir.resolve("app/local"));
        Files.writeString(dir.resolve("app/local/go.mod"), "module example.com/local\n\ngo 1.19\n");
        Files.writeString(dir.resolve("app/local/local.go"), "package local\n\nfunc Name() string { return \"x\" }\n");
        Files.writeString(dir.resolve("app/go.mod"), """
                module example.com/app

                go 1.19

                require (
                \texample.com/lib v1.2.3
                \texample.com/local v0.1.0
                )

                replace example.com/lib v1.2.3 => example.com/lib v1.2.4

                replace example.com/local => ./local
                """);
        Files.writeString(dir.resolve("app/main.go"), """
                package main

                import (
                \t"example.com/lib"
                \t"example.com/local"
                )

                func main() { println(lib.Hello(), local.Name()) }
                """);
        new Command(List.of("go", "build", "-o", "app", "."), Map.of("GOPROXY", dir.resolve("proxy").toUri().toString(),
                "GOFLAGS", "-mod=mod", "GOSUMDB", "off", "GOCACHE", dir.resolve("cache").toString(),
                "GOPATH", dir.resolve("gopath").toString()), Duration.ofMinutes(3)).run(dir.resolve("app"));
        Path app = dir.resolve("app/app");
        assertThat(found(analyze(app))).isEqualTo(goVersionM(app))
                .contains("example.com/lib@v1.2.4", "example.com/local@");
    }

    @Test
    void stdlibOfDebianBinariesMatchesTheGoVulnerabilityDatabase(@TempDir Path dir) throws IOException {
        assumeTrue(!DEBIAN_GO_BINARIES.isEmpty(), "no Go binaries from Debian packages here: test skipped");
        Path binary = DEBIAN_GO_BINARIES.getFirst();
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("usr/bin"));
        Files.copy(binary, root.resolve("usr/bin/tool"));
        ImageInventory inventory = Analyzers.scanner().scan(new RootDirectory("dir:" + root, root), ScanProgress.NONE);
        InstalledPackage stdlib = inventory.packages().stream().filter(p -> p.name().equals("stdlib")).findFirst()
                .orElseThrow();
        assertThat(stdlib.location()).isEqualTo("usr/bin/tool");
        assertThat(stdlib.purl()).isEqualTo("pkg:golang/stdlib@" + stdlib.version());

        Set<String> expected = stdlibAdvisories(stdlib.version().substring(1));
        try (AdvisoryDatabase db = AdvisoryDatabase.osv(dir, "osv-go")) {
            Set<String> ids = new TreeSet<>();
            db.match(inventory).stream().filter(v -> v.packageName().equals("stdlib")).forEach(v -> ids.add(v.id()));
            assertThat(expected).hasSizeGreaterThan(10);
            assertThat(ids).isEqualTo(expected);
        }
    }

    /** The osv-go records whose stdlib ranges hold the version, read independently of the matcher. */
    private static Set<String> stdlibAdvisories(String version) throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(SharedData.path("feeds/osv-go"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("GO-")).toList()) {
                JsonNode record = Json.lenient().readTree(f.toFile());
                if (record.has("withdrawn")) {
                    continue;
                }
                for (JsonNode affected : record.path("affected")) {
                    if (affected.path("package").path("name").asText().equals("stdlib")
                            && inRanges(affected.path("ranges"), version)) {
                        ids.add(record.path("id").asText());
                    }
                }
            }
        }
        return ids;
    }

    private static boolean inRanges(JsonNode ranges, String version) {
        for (JsonNode range : ranges) {
            String introduced = null;
            for (JsonNode event : range.path("events")) {
                if (event.has("introduced")) {
                    introduced = event.path("introduced").asText();
                } else if (event.has("fixed") && introduced != null) {
                    if (compare(version, introduced) >= 0 && compare(version, event.path("fixed").asText()) < 0) {
                        return true;
                    }
                    introduced = null;
                }
            }
            if (introduced != null && compare(version, introduced) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Go release versions: numbers, and a {@code -pre} part that sorts before the release. */
    private static int compare(String a, String b) {
        String[] x = a.split("-", 2);
        String[] y = b.split("-", 2);
        String[] xs = (x[0] + ".0.0").split("\\.");
        String[] ys = (y[0] + ".0.0").split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(xs[i]), Integer.parseInt(ys[i]));
            if (c != 0) {
                return c;
            }
        }
        return x.length == y.length ? (x.length == 1 ? 0 : x[1].compareTo(y[1])) : x.length == 1 ? 1 : -1;
    }

    @Test
    void corruptOrTruncatedBuildInfoIsAWarning() throws IOException {
        assumeTrue(!DEBIAN_GO_BINARIES.isEmpty(), "no Go binaries from Debian packages here: test skipped");
        byte[] binary = Files.readAllBytes(DEBIAN_GO_BINARIES.getFirst());
        int magic = indexOf(binary, "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(magic % 16).isZero();

        byte[] longString = binary.clone();
        longString[magic + 32] = (byte) 0xff;
        longString[magic + 33] = (byte) 0xff;
        longString[magic + 34] = (byte) 0x7f;
        assertThat(analyzeBytes(longString).warnings()).singleElement()
                .satisfies(w -> assertThat(w.reason()).contains("corrupt"));

        byte[] cut = java.util.Arrays.copyOf(binary, magic + 20);
        assertThat(analyzeBytes(cut).warnings()).singleElement()
                .satisfies(w -> assertThat(w.reason()).contains("corrupt"));

        byte[] notGo = binary.clone();
        notGo[magic + 1] = 'X';
        assertThat(analyzeBytes(notGo).packages()).isEmpty();
        assertThat(analyzeBytes("#!/bin/sh\necho hi\n".repeat(100).getBytes(StandardCharsets.UTF_8)).packages())
                .isEmpty();
    }

    private static Inventory analyzeBytes(byte[] body) throws IOException {
        return new GoBinaryAnalyzer().analyze(new FileStream("bin/x", "", 0755, body.length,
                new ByteArrayInputStream(body)));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no build info magic");
    }
}
