package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {

    private static final Path ALPINE = Path.of("..", "..", "shared", "fixtures", "images", "alpine-3.11.tar.gz");

    @TempDir
    Path dir;

    @Test
    void scansTheAlpineArchiveToJson() throws Exception {
        assumeTrue(Files.exists(ALPINE), "shared/fixtures/images/alpine-3.11.tar.gz is absent: test skipped");
        Path report = dir.resolve("report.json");
        CliRun run = CliRun.of("scan", "--format", "json", "--output", report.toString(), ALPINE.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("os").path("family").asText()).isEqualTo("alpine");
        assertThat(json.path("os").path("version").asText()).isEqualTo("3.11.5");
        assertThat(json.path("packages")).hasSize(14);
        JsonNode musl = find(json, "musl");
        assertThat(musl.path("version").asText()).isEqualTo("1.1.24-r2");
        assertThat(musl.path("type").asText()).isEqualTo("apk");
        assertThat(musl.path("source_name").asText()).isEqualTo("musl");
        assertThat(musl.path("purl").asText()).isEqualTo("pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=3.11.5");
        assertThat(musl.path("layer").asText()).isEqualTo(json.path("layers").get(0).path("diff_id").asText());
    }

    private static JsonNode find(JsonNode report, String name) {
        for (JsonNode p : report.path("packages")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no package " + name + " in " + report);
    }

    @Test
    void secretConfigAddsRulesAndAllowsPaths() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("opt/app/fixtures"));
        Files.writeString(root.resolve("opt/app/keys.txt"), "acme_live_q8v2xlr5tw9kpb4myczn3d7h\n");
        Files.writeString(root.resolve("opt/app/fixtures/keys.txt"), "acme_live_q8v2xlr5tw9kpb4myczn3d7h\n");
        Path config = dir.resolve("secrets.yaml");
        Files.writeString(config, """
                rules:
                  - {id: acme-api-key, title: Acme API key, severity: HIGH, regex: 'acme_live_[a-z0-9]{24}',
                     keywords: [acme_live_]}
                allow:
                  - paths: ['opt/app/fixtures/.*']
                """);
        CliRun run = CliRun.of("scan", "--scanners", "secret", "--format", "json", "--secret-config",
                config.toString(), "dir:" + root);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode secrets = new ObjectMapper().readTree(run.out()).path("secrets");
        assertThat(secrets).hasSize(1);
        assertThat(secrets.get(0).path("rule_id").asText()).isEqualTo("acme-api-key");
        assertThat(secrets.get(0).path("path").asText()).isEqualTo("opt/app/keys.txt");
    }

    @Test
    void badSecretConfigIsOneLineError() throws Exception {
        Path config = dir.resolve("secrets.yaml");
        Files.writeString(config, "rules: [{id: x, title: X, severity: HIGH, regex: 'a(b', keywords: [ab]}]\n");
        CliRun run = CliRun.of("scan", "--secret-config", config.toString(), dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("bulwark: " + config + ": rule 1 (x): regex: Unclosed group near index 3\n");
    }

    @Test
    void missingFileIsUnusableInput() {
        CliRun run = CliRun.of("scan", dir.resolve("nope.tar").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("bulwark: " + dir.resolve("nope.tar") + ": no such file or directory\n");
    }

    @Test
    void corruptArchiveIsUnusableInputWithoutStackTrace() throws Exception {
        Path junk = dir.resolve("junk.tar.gz");
        Files.write(junk, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        CliRun run = CliRun.of("scan", junk.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("bulwark: " + junk + " is not").doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void unknownFormatIsRefused() {
        CliRun run = CliRun.of("scan", "--format", "xml", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("bulwark: unknown format 'xml' (use one of: table, json, cyclonedx, spdx, sarif, neuvector)\n");
    }

    @Test
    void helpListsExitCodes() {
        CliRun run = CliRun.of("scan", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("docker-archive:PATH[:TAG]", "2  unusable input");
    }

    @Test
    void tableGoesToStandardOutput() {
        assumeTrue(Files.exists(ALPINE), "shared/fixtures/images/alpine-3.11.tar.gz is absent: test skipped");
        CliRun run = CliRun.of("scan", ALPINE.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("OS:        alpine 3.11.5", "Packages:  14")
                .containsPattern("libcrypto1\\.1 +1\\.1\\.1d-r3 +x86_64 +apk +openssl");
    }

    @Test
    void truncatedImageIsOneLineErrorAndLeavesThePreviousReport() throws Exception {
        assumeTrue(Files.exists(ALPINE), "shared/fixtures/images/alpine-3.11.tar.gz is absent: test skipped");
        byte[] whole = Files.readAllBytes(ALPINE);
        Path truncated = dir.resolve("truncated.tar.gz");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        Path report = dir.resolve("report.json");
        Files.writeString(report, "previous");
        CliRun run = CliRun.of("scan", "--format", "json", "--output", report.toString(),
                "docker-archive:" + truncated);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("bulwark: ").doesNotContain("\tat ").hasLineCount(1);
        assertThat(Files.readString(report)).isEqualTo("previous");
        try (var files = Files.list(dir)) {
            assertThat(files).extracting(f -> f.getFileName().toString())
                    .containsExactlyInAnyOrder("truncated.tar.gz", "report.json");
        }
    }

    @Test
    void tarThatIsNoImageAndEmptyFileAreUnusableInput() throws Exception {
        Path plain = dir.resolve("plain.tar");
        try (var tar = new TarArchiveOutputStream(
                Files.newOutputStream(plain))) {
            var entry = new TarArchiveEntry("hello.txt");
            entry.setSize(2);
            tar.putArchiveEntry(entry);
            tar.write("hi".getBytes(StandardCharsets.UTF_8));
            tar.closeArchiveEntry();
        }
        Path empty = Files.createFile(dir.resolve("empty.tar"));
        for (Path bad : List.of(plain, empty)) {
            CliRun run = CliRun.of("scan", bad.toString());
            assertThat(run.exitCode()).as(bad.toString()).isEqualTo(2);
            assertThat(run.err()).startsWith("bulwark: ").doesNotContain("\tat ").hasLineCount(1);
        }
    }

    @Test
    void registryThatRefusesTheConnectionIsOneLineError() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.of("scan", "--insecure", "registry:127.0.0.1:" + port + "/library/alpine:3.11");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("bulwark: ").contains("127.0.0.1:" + port).doesNotContain("\tat ")
                .hasLineCount(1);
    }
}
