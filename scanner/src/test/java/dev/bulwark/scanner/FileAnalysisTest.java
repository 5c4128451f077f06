package dev.bulwark.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.SecretFinding;
import dev.bulwark.scanner.secret.SecretAnalyzer;
import dev.bulwark.scanner.secret.SecretConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The secret search runs aside, on its own thread, with bounded memory, and reports in the order files came. */
class FileAnalysisTest {

    private static final String KEY = "AKIA" + "Q3EGRI7WXBZ4KN2T";

    /** A text file of {@code size} bytes with an AWS key on its third line. */
    private static byte[] file(int size) {
        StringBuilder text = new StringBuilder("settings\nregion = eu\naws_key_id = ").append(KEY).append('\n');
        while (text.length() < size) {
            text.append("just some configuration text that holds nothing\n");
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void moreThanTheAsideBudgetIsSearchedInFullAndReportedInFileOrder() throws Exception {
        FileAnalysis analysis = new FileAnalysis(List.of(new SecretAnalyzer(SecretConfig.builtIn())),
                List.of("sha256:layer"));
        int files = FileAnalysis.ASIDE_BYTES / FileAnalysis.ASIDE_LIMIT * 3; // three times what may wait at once
        for (int i = 0; i < files; i++) {
            byte[] body = file(FileAnalysis.ASIDE_LIMIT - i);
            analysis.visit("etc/app-%03d.conf".formatted(i), 0644, body.length, 0, new ByteArrayInputStream(body));
        }
        byte[] large = file(FileAnalysis.ASIDE_LIMIT + 1); // searched on the scan's own thread
        analysis.visit("etc/large.conf", 0644, large.length, 0, new ByteArrayInputStream(large));

        List<SecretFinding> found = analysis.secrets();
        assertThat(found).hasSize(files + 1).allSatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("aws-access-key-id");
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.layer()).isEqualTo("sha256:layer");
        });
        assertThat(found.stream().map(SecretFinding::path).filter(p -> p.startsWith("etc/app-")).toList())
                .isSorted().hasSize(files);
        assertThat(analysis.warnings()).isEmpty();
    }
}
