package dev.bulwark.scanner.secret;

import java.util.List;
import java.util.stream.Stream;

/**
 * The built-in rules, one list per kind of service. Token formats come from the providers' published formats
 * (prefix, length, alphabet); a token's prefix is its keyword, and its pattern is tried only where the prefix
 * occurs. Patterns use bounded or possessive repetition only, so a 100 MB line costs linear time.
 */
public final class SecretRules {

    private SecretRules() {}

    /** End of a token: not followed by another token character. */
    static final String END = "(?![A-Za-z0-9_\\-])";
    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private static final List<SecretRule> BUILT_IN = Stream.of(CloudRules.all(), SourceRules.all(),
            MessagingRules.all(), PaymentRules.all(), ObservabilityRules.all(), AiRules.all(),
            InfrastructureRules.all(), SaasRules.all(), KeyRules.all()).flatMap(List::stream).toList();

    public static List<SecretRule> builtIn() {
        return BUILT_IN;
    }
}
