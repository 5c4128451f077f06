package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotTrainingTest {

    @Test
    void theTrainingImageTakesTheScanThroughEveryAnalyzerKind(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("scan", "--format", "json", AotTraining.writeImage(dir).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = Json.lenient().readTree(run.out());
        assertThat(report.at("/os/family").asText()).isEqualTo("debian");
        assertThat(report.get("packages").findValuesAsText("type")).contains("deb", "npm", "pypi");
        assertThat(report.get("secrets").findValuesAsText("rule_id")).isNotEmpty();
    }

    @Test
    void theTrainingRunCompletes() throws Exception {
        AotTraining.main(new String[0]);
    }
}
