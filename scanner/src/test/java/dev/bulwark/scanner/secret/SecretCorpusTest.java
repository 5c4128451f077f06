package dev.bulwark.scanner.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.SecretFinding;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.source.RootDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated corpus (every rule's examples in every configuration syntax) and the scanner's handling of
 * look-alikes, scanned as a directory: every planted secret must be found by its rule, no look-alike may be.
 */
class SecretCorpusTest {

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String ALNUM = UPPER + LOWER + "0123456789";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final Random random = new Random(20261125);

    private String r(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void theGeneratedCorpusIsFoundWithFewFalsePositives() {
        List<SecretCorpus.Sample> samples = SecretCorpus.samples(SecretExamples.ALL, SecretRules.builtIn());
        SecretCorpus.Score score = SecretCorpus.score(samples, new SecretScanner(SecretRules.builtIn()));
        System.out.println("secret corpus: " + score);
        score.missed().forEach(m -> System.out.println("missed " + m));
        score.falsePositives().forEach(f -> System.out.println("reported " + f));
        assertThat(score.secrets()).isGreaterThan(2000);
        assertThat(score.recall()).as("missed:%n%s", String.join("\n", score.missed())).isGreaterThanOrEqualTo(0.95);
        assertThat(score.falsePositiveRate()).as("reported:%n%s", String.join("\n", score.falsePositives()))
                .isLessThan(0.02);
    }

    @Test
    void aDirectoryIsSearchedWithThePathRules(@TempDir Path root) throws IOException {
        String token = "ghp_" + r(ALNUM, 36);
        write(root, "app/.env", "DEBUG=1\nDB_PASSWORD=" + r(ALNUM, 18) + "\n");
        write(root, "app/deploy.sh", "git clone https://x:" + token + "@github.com/o/r\n");
        write(root, "app/src/settings.py", "password = '" + r(ALNUM, 18) + "'\n");
        write(root, "app/tests/fixtures.py", "KEY = '" + token + "'\n");
        write(root, "app/web/login.spec.ts", "const token = '" + token + "';\n");
        ImageInventory inventory = Analyzers.scanner().scan(new RootDirectory("dir:" + root, root), ScanProgress.NONE);
        assertThat(inventory.secrets()).extracting(f -> f.path() + " " + f.ruleId()).containsExactlyInAnyOrder(
                "app/.env generic-secret-assignment", "app/deploy.sh github-pat");
    }

    @Test
    void reportsShowFileLineAndRedactedMatchNeverTheSecret(@TempDir Path root) throws IOException {
        String secret = "ghp_" + r(ALNUM, 36);
        write(root, "app/notes.txt", "line one\nline two\ntoken " + secret + " here\n");
        SecretFinding f = Analyzers.scanner().scan(new RootDirectory("dir:" + root, root), ScanProgress.NONE)
                .secrets().getFirst();
        assertThat(f.path()).isEqualTo("app/notes.txt");
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.ruleId()).isEqualTo("github-pat");
        assertThat(f.match()).startsWith("ghp_").contains("****").doesNotContain(secret.substring(4, 12));
    }

    @Test
    void anAssignmentIsShownWithItsWholeKeyNameAndTheValueRedacted() {
        String secret = r(ALNUM + "#$%", 16);
        List<SecretScanner.Match> found = new SecretScanner(SecretRules.builtIn()).scan(
                "{\"settings\": {\"primary_db_password\": \"" + secret + "\"}}\n");
        assertThat(found).extracting(m -> m.rule().id()).containsExactly("generic-secret-assignment");
        assertThat(found.getFirst().redacted()).startsWith("primary_db_password\": \"").contains("****")
                .doesNotContain(secret.substring(2, 12));
    }

    @Test
    void aHugeSingleLineIsSearchedInBoundedChunksAcrossBorders() throws IOException {
        String secret = "AKIA" + r(BASE32, 16);
        int border = SecretScanner.CHUNK;
        StringBuilder text = new StringBuilder(30 << 20);
        while (text.length() < border - 10) {
            text.append("var a=function(b){return b*2};");
        }
        text.setLength(border - 10);
        text.append(secret).append(';');
        while (text.length() < 30 << 20) {
            text.append("x=1;");
        }
        text.append('\n').append("k=\"").append("sk_live_").append(r(ALNUM, 30)).append("\"\n");
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<SecretScanner.Match> found = new SecretScanner(SecretRules.builtIn()).scan(
                (InputStream) new ByteArrayInputStream(bytes), true);
        assertThat(found).extracting(m -> m.rule().id() + ":" + m.line())
                .containsExactly("aws-access-key-id:1", "stripe-secret-key:2");
    }

    @Test
    void aStringWithCharactersBeyondLatin1IsSearchedAtTheRightPlaces() {
        String key = "AKIA" + r(BASE32, 16);
        String value = "\uD83D\uDE80".repeat(200) + " token=" + key + "\n\u4E2D\u6587 ghp_" + r(ALNUM, 36);
        assertThat(new SecretScanner(SecretRules.builtIn()).scan(value)).extracting(m -> m.rule().id() + ":" + m.line())
                .containsExactly("aws-access-key-id:1", "github-pat:2");
    }

    @Test
    void binaryContentIsSkipped() throws IOException {
        byte[] binary = ("\0\1\2AKIA" + r(BASE32, 16)).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new SecretScanner(SecretRules.builtIn()).scan((InputStream) new ByteArrayInputStream(binary), true))
                .isEmpty();
    }

    private static void write(Path root, String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
