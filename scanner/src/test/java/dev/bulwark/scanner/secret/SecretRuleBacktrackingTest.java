package dev.bulwark.scanner.secret;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in pattern against long near-misses of its own keywords: a pattern that backtracks badly reads
 * each character many times over. Counted in characters read, not measured in time.
 */
class SecretRuleBacktrackingTest {

    private static final int LENGTH = 6000;
    /** Generous for a pattern that tries up to a few hundred lengths at each keyword, far below a blow-up. */
    private static final long STEPS_PER_CHAR = 3000;

    static Stream<SecretRule> rules() {
        return SecretRules.builtIn().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void readsNearMissesInBoundedSteps(SecretRule rule) {
        for (String keyword : rule.keywords()) {
            for (String text : nearMisses(keyword)) {
                BudgetedText budgeted = new BudgetedText(text, STEPS_PER_CHAR * text.length());
                Matcher m = rule.pattern().matcher(budgeted);
                try {
                    while (m.find()) {
                        // every match is read to the end
                    }
                } catch (BudgetedText.Exhausted e) {
                    fail("%s reads more than %d characters per character of %s...".formatted(rule.id(),
                            STEPS_PER_CHAR, text.substring(0, 40).replace("\n", "\\n")));
                }
            }
        }
    }

    private static List<String> nearMisses(String keyword) {
        return List.of(
                keyword + "A".repeat(LENGTH),
                fill(keyword + "Zq8vN2xLr5Tw9KpB4mYc_-"),
                fill(keyword),
                fill(keyword + "_key = \"Zq8vN2xL"),
                fill(keyword + ": |\n  "),
                keyword + " ".repeat(LENGTH) + "=",
                fill(keyword + "-----BEGIN RSA PRIVATE KEY-----\nAbC: d\n"),
                fill("a:" + keyword + ".b/"));
    }

    private static String fill(String unit) {
        return unit.repeat(LENGTH / unit.length() + 1);
    }
}
