package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(run.err()).isEqualTo("bulwark: unknown format 'xml' (use one of: table, json)\n");
    }

    @Test
    void helpListsExitCodes() {
        CliRun run = CliRun.of("scan", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("docker-archive:PATH[:TAG]", "2  unusable input");
    }
}
