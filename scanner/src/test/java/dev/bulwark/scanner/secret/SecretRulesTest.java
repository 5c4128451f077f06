package dev.bulwark.scanner.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each built-in rule against its own examples: its secrets found by it, its look-alikes by no rule. */
class SecretRulesTest {

    private static final SecretScanner SCANNER = new SecretScanner(SecretRules.builtIn());
    private static final Map<String, SecretRule> RULES = SecretRules.builtIn().stream()
            .collect(Collectors.toMap(SecretRule::id, Function.identity()));

    static Stream<SecretCorpus.Example> secrets() {
        return SecretExamples.ALL.stream().filter(SecretCorpus.Example::secret);
    }

    static Stream<SecretCorpus.Example> lookAlikes() {
        return SecretExamples.ALL.stream().filter(e -> !e.secret());
    }

    @Test
    void everyRuleHasAnIdOfItsOwnAndExamples() {
        List<String> ids = SecretRules.builtIn().stream().map(SecretRule::id).toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(150);
        Set<String> withSecrets = secrets().map(SecretCorpus.Example::ruleId).collect(Collectors.toSet());
        assertThat(withSecrets).containsExactlyInAnyOrderElementsOf(ids);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void findsEachSecretByItsRule(SecretCorpus.Example example) {
        SecretRule rule = RULES.get(example.ruleId());
        String text = rule.kind() == SecretRule.Kind.TOKEN ? "found " + example.text() + " here\n"
                : SecretCorpus.keyStem(rule).toUpperCase(Locale.ROOT) + "_TOKEN=" + example.text() + "\n";
        assertThat(SCANNER.scan(text)).as(text).extracting(m -> m.rule().id()).contains(rule.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookAlikes")
    void reportsNoLookAlike(SecretCorpus.Example example) {
        List<String> texts = example.raw() ? List.of(example.text())
                : List.of(example.text() + "\n", SecretCorpus.keyStem(RULES.get(example.ruleId()))
                        .toUpperCase(Locale.ROOT) + "_TOKEN=\"" + example.text() + "\"\n");
        for (String text : texts) {
            assertThat(SCANNER.scan(text)).as(text).extracting(m -> m.rule().id() + " " + m.redacted()).isEmpty();
        }
    }

    @Test
    void aValueIsJudgedByItsKeyName() {
        String value = "Zq8vN2xLr5Tw9KpB4mYc";
        assertThat(ids("DB_PASSWORD=" + value)).containsExactly("generic-secret-assignment");
        assertThat(ids("db.password=" + value)).containsExactly("generic-secret-assignment");
        assertThat(ids("<apiKey>" + value + "</apiKey>")).containsExactly("generic-secret-assignment");
        assertThat(ids("password: |\n  " + value + "\n")).containsExactly("generic-secret-assignment");
        assertThat(ids("TOKEN_URL=" + value)).isEmpty();
        assertThat(ids("SECRET_NAME=" + value)).isEmpty();
        assertThat(ids("tokenizer=" + value)).isEmpty();
        assertThat(ids("password = " + value + " and more words")).isEmpty();
    }

    @Test
    void anEmptyValueDoesNotTakeTheNextLine() {
        assertThat(ids("GITHUB_API_KEY=\nDYNATRACE_API_KEY=Zq8vN2xLr5Tw9KpB4mYc\n")).singleElement()
                .isEqualTo("generic-secret-assignment");
        assertThat(SCANNER.scan("GITHUB_API_KEY=\nDYNATRACE_API_KEY=Zq8vN2xLr5Tw9KpB4mYc\n").getFirst().line())
                .isEqualTo(2);
    }

    @Test
    void aTokenInsideAnAssignmentIsReportedOnceByItsOwnRule() {
        assertThat(ids("GITLAB_TOKEN=glpat-Zq8vN2xLr5Tw9KpB4mYc\n")).containsExactly("gitlab-pat");
    }

    private static List<String> ids(String text) {
        return SCANNER.scan(text).stream().map(m -> m.rule().id()).toList();
    }
}
