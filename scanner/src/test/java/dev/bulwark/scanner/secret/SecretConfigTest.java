package dev.bulwark.scanner.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A user's secret rules and allow rules, and the one-line errors for files that cannot be used. */
class SecretConfigTest {

    private static final String RULE = """
            rules:
              - id: acme-api-key
                category: Acme
                title: Acme API key
                severity: high
                regex: '\\bacme_(?:live|test)_[a-z0-9]{24}\\b'
                keywords: [acme_live_, acme_test_]
            """;

    @TempDir
    Path dir;

    @Test
    void aCustomRuleIsAddedToTheBuiltInOnes() throws IOException {
        SecretConfig config = SecretConfig.read(write(RULE));
        assertThat(config.rules()).hasSize(SecretRules.builtIn().size() + 1);
        SecretScanner scanner = new SecretScanner(config.rules(), config.allowed());
        assertThat(scanner.scan("key = acme_live_q8v2xlr5tw9kpb4myczn3d7h\nghp_Zq8vN2xLr5Tw9KpB4mYcQ1sD6fG7hJ8kL9mN\n"))
                .extracting(m -> m.rule().id() + ":" + m.line() + ":" + m.rule().severity())
                .containsExactly("acme-api-key:1:HIGH", "github-pat:2:CRITICAL");
    }

    @Test
    void allowRulesLeaveOutPathsRegexesAndValues() throws IOException {
        SecretConfig config = SecretConfig.read(write(RULE + """
                allow:
                  - id: fixtures
                    paths: ['opt/app/fixtures/.*']
                  - regexes: ['^acme_test_']
                    values: [ghp_Zq8vN2xLr5Tw9KpB4mYcQ1sD6fG7hJ8kL9mN]
                """));
        SecretScanner scanner = new SecretScanner(config.rules(), config.allowed());
        assertThat(scanner.scan("acme_test_q8v2xlr5tw9kpb4myczn3d7h acme_live_q8v2xlr5tw9kpb4myczn3d7h\n"
                + "ghp_Zq8vN2xLr5Tw9KpB4mYcQ1sD6fG7hJ8kL9mN ghp_Aq8vN2xLr5Tw9KpB4mYcQ1sD6fG7hJ8kL9mN\n"))
                .extracting(m -> m.rule().id() + ":" + m.line()).containsExactly("acme-api-key:1", "github-pat:2");
        assertThat(config.allowsPath("opt/app/fixtures/keys.txt")).isTrue();
        assertThat(config.allowsPath("opt/app/config.yml")).isFalse();
    }

    @Test
    void aRuleThatBacktracksWithoutEndIsGivenUpNotTheScan() throws IOException {
        SecretConfig config = SecretConfig.read(write("""
                rules:
                  - {id: bad, title: Bad, severity: LOW, regex: '(a|aa)+b', keywords: [aa]}
                """));
        SecretScanner scanner = new SecretScanner(config.rules(), config.allowed());
        String text = "a".repeat(5000) + "\nghp_Zq8vN2xLr5Tw9KpB4mYcQ1sD6fG7hJ8kL9mN\n";
        assertThat(scanner.scan(text)).extracting(m -> m.rule().id()).containsExactly("github-pat");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad regex      | rules: [{id: x, title: X, severity: HIGH, regex: 'a(b', keywords: [ab]}] "
                + "| rule 1 (x): regex: Unclosed group near index 3",
        "missing title  | rules: [{id: x, severity: HIGH, regex: 'ab', keywords: [ab]}] | rule 1 (x): title is missing",
        "missing id     | rules: [{title: X, severity: HIGH, regex: 'ab', keywords: [ab]}] | rule 1: id is missing",
        "no keywords    | rules: [{id: x, title: X, severity: HIGH, regex: 'ab'}] "
                + "| rule 1 (x): keywords: at least one is needed",
        "short keyword  | rules: [{id: x, title: X, severity: HIGH, regex: 'ab', keywords: [a]}] "
                + "| rule 1 (x): keywords: 'a' must be two or more Latin-1 characters",
        "bad severity   | rules: [{id: x, title: X, severity: URGENT, regex: 'ab', keywords: [ab]}] "
                + "| rule 1 (x): severity: one of CRITICAL, HIGH, MEDIUM, LOW",
        "taken id       | rules: [{id: github-pat, title: X, severity: HIGH, regex: 'ab', keywords: [ab]}] "
                + "| rule 1: id 'github-pat' is taken",
        "unknown field  | rules: [{id: x, title: X, severity: HIGH, regex: 'ab', keywords: [ab], pattern: y}] "
                + "| rule 1: unknown field 'pattern' (known: category, entropy, id, keywords, regex, secret-group, "
                + "severity, title)",
        "no group       | rules: [{id: x, title: X, severity: HIGH, regex: 'ab', keywords: [ab], secret-group: 2}] "
                + "| rule 1 (x): secret-group: the regex has no group 2",
        "empty allow    | allow: [{id: nothing}] | allow rule 1: needs paths, regexes or values",
        "not a mapping  | '- a' | expected a mapping with 'rules' and 'allow'",
    })
    void refusesAFileItCannotUseWithOneLine(String name, String yaml, String message) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> SecretConfig.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": " + message);
    }

    @Test
    void refusesAnOversizedFile() throws IOException {
        Path file = write("# " + "x".repeat((int) SecretConfig.MAX_FILE_BYTES));
        assertThatThrownBy(() -> SecretConfig.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": larger than 256 KiB");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("secrets.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
