package dev.bulwark.scanner.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.ComplianceCheck;
import dev.bulwark.core.scan.SetIdFile;
import dev.bulwark.scanner.layer.DirectoryReader;
import dev.bulwark.scanner.layer.FileTree;
import dev.bulwark.scanner.layer.FileVisitor;
import dev.bulwark.scanner.secret.SecretRules;
import dev.bulwark.scanner.secret.SecretScanner;
import dev.bulwark.scanner.source.ImageConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageComplianceTest {

    private static final String TOKEN = "ghp_" + "Zq8Xv2Lm4Np6Rt1Yw3Bc5Df7Gh9Jk0Mn2Pq4";

    private final ImageCompliance compliance = new ImageCompliance(new SecretScanner(SecretRules.builtIn()));

    private static FileTree tree(Path root) {
        FileTree tree = new FileTree(p -> false, Long.MAX_VALUE);
        new DirectoryReader(p -> -1, FileVisitor.NONE).apply(root, tree);
        return tree;
    }

    private static Map<String, ComplianceCheck> byId(ImageCompliance.Result result) {
        return result.checks().stream().collect(Collectors.toMap(ComplianceCheck::id, c -> c));
    }

    @Test
    void riskyImageWarnsOnEveryCheckWithRedactedEvidence(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("usr/sbin"));
        Files.writeString(root.resolve("usr/sbin/sshd"), "binary");
        Files.createDirectories(root.resolve("var/cache/apk"));
        Files.writeString(root.resolve("var/cache/apk/APKINDEX.tar.gz"), "x");
        String config = """
                {"architecture": "amd64", "os": "linux",
                 "config": {"User": "root", "ExposedPorts": {"22/tcp": {}, "8080/tcp": {}},
                            "Env": ["PATH=/usr/bin", "GITHUB_TOKEN=%s"],
                            "Labels": {"maintainer": "ops", "deploy.key": "%s"}},
                 "rootfs": {"type": "layers", "diff_ids": []},
                 "history": [{"created_by": "/bin/sh -c #(nop) ADD file:abc in / "},
                             {"created_by": "ADD https://example.invalid/tool.tgz /opt/ # buildkit"},
                             {"created_by": "RUN /bin/sh -c git clone https://x:%s@github.com/o/r # buildkit"}]}
                """.formatted(TOKEN, TOKEN, TOKEN);
        ImageCompliance.Result result = compliance.check(ImageConfig.parse(config.getBytes(StandardCharsets.UTF_8),
                "test"), Optional.of("docker.io/library/app:latest"), tree(root),
                List.of(SetIdFile.of("usr/bin/passwd", 04755, "")));
        Map<String, ComplianceCheck> checks = byId(result);

        assertThat(checks.values()).allMatch(ComplianceCheck::failed);
        assertThat(checks.keySet()).containsExactlyInAnyOrder("I.4.1", "I.4.6", "I.4.8", "I.4.9", "I.4.10", "I.B.1",
                "I.B.2", "I.B.3");
        assertThat(checks.get("I.4.8").evidence()).containsExactly("setuid 4755 /usr/bin/passwd");
        assertThat(checks.get("I.4.9").evidence()).containsExactly("ADD https://example.invalid/tool.tgz");
        assertThat(checks.get("I.4.10").evidence()).hasSize(3).allMatch(e -> e.contains("ghp_") && e.contains("****"));
        assertThat(checks.get("I.B.1").evidence()).containsExactly("port 22 is exposed", "/usr/sbin/sshd is installed");
        assertThat(checks.get("I.B.3").evidence()).singleElement().satisfies(e -> assertThat(e).contains("var/cache/apk"));
        String everything = result.toString();
        assertThat(everything).doesNotContain(TOKEN).contains("PATH=/usr/bin");
        assertThat(result.settings().exposedPorts()).containsExactlyInAnyOrder("22/tcp", "8080/tcp");
    }

    @Test
    void cleanImagePasses(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("app"));
        String config = """
                {"config": {"User": "10001:10001", "Healthcheck": {"Test": ["CMD", "/app/health"]},
                            "Env": ["LOG_LEVEL=info"]},
                 "rootfs": {"diff_ids": []}, "history": [{"created_by": "COPY app /app # buildkit"}]}
                """;
        ImageCompliance.Result result = compliance.check(ImageConfig.parse(config.getBytes(StandardCharsets.UTF_8),
                "test"), Optional.of("registry.example/app@sha256:" + "a".repeat(64)), tree(root), List.of());
        assertThat(result.checks()).noneMatch(ComplianceCheck::failed);
        assertThat(result.settings().healthcheck()).isTrue();
    }

    @Test
    void archivesGetNoTagCheck(@TempDir Path root) {
        String config = "{\"config\": {}, \"rootfs\": {\"diff_ids\": []}}";
        ImageCompliance.Result result = compliance.check(ImageConfig.parse(config.getBytes(StandardCharsets.UTF_8),
                "test"), Optional.empty(), tree(root), List.of());
        assertThat(result.checks()).extracting(ComplianceCheck::id).doesNotContain("I.B.2");
        assertThat(byId(result).get("I.4.6").failed()).isTrue();
    }
}
