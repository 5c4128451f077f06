package dev.bulwark.scanner.secret;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.scan.SeverityLevel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One kind of secret.
 *
 * @param keywords lower-case strings of which one must occur before the pattern is tried: the prefilter that
 *     keeps regular expressions off most text
 * @param pattern finds the secret; group {@code secretGroup} (0 for the whole match) is the secret itself
 * @param minEntropy Shannon entropy in bits per character the secret must reach, 0 for none; generic rules use
 *     it to tell {@code password = "hunter2"} from {@code password = "Xk9#mQ2$vL8@"}
 * @param kind whether the secret is known by its format, by the provider's key name before it, or by any
 *     secret-like key name
 * @param anchored true when every match starts where one of the keywords does: the pattern is then tried only
 *     there ({@link java.util.regex.Matcher#lookingAt}), not searched for around the keyword
 * @param reach how far past a keyword a match may end, in characters: the pattern only runs around keywords
 */
public record SecretRule(String id, String category, String title, SeverityLevel severity, List<String> keywords,
        Pattern pattern, int secretGroup, double minEntropy, Kind kind, boolean anchored, int reach) {

    /** How a rule knows a secret. */
    public enum Kind {
        /** By the token's own format (a prefix, a length, an alphabet): applies to every file. */
        TOKEN,
        /** By a provider's key name with a value of the provider's format: applies to every file. */
        VALUE,
        /** By a secret-like key name alone: configuration only, and never over another rule's match. */
        ASSIGNMENT,
        /** By other context (a URL's password, a header): configuration only, never over another rule's match. */
        CONTEXT
    }

    /** Enough for every token format and for a key name with its value. */
    static final int DEFAULT_REACH = 1024;

    public SecretRule {
        requireNonNull(id, "id");
        requireNonNull(category, "category");
        requireNonNull(title, "title");
        requireNonNull(severity, "severity");
        requireNonNull(kind, "kind");
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        requireNonNull(pattern, "pattern");
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException(id + ": a rule needs at least one keyword");
        }
        if (reach <= 0) {
            throw new IllegalArgumentException(id + ": reach must be positive");
        }
        if (secretGroup < 0 || secretGroup > pattern.matcher("").groupCount()) {
            throw new IllegalArgumentException(id + ": the pattern has no group " + secretGroup);
        }
    }

    /** Whether the rule matches by context, so applies to configuration only and yields to every other rule. */
    public boolean generic() {
        return kind == Kind.ASSIGNMENT || kind == Kind.CONTEXT;
    }

    /** Whether the secret is given to a key whose name the scanner reads and judges. */
    boolean keyNamed() {
        return kind == Kind.VALUE || kind == Kind.ASSIGNMENT;
    }

    /** Whether the secret is a value given to a key, which is no secret when it is a name, code or a reference. */
    boolean valued() {
        return kind != Kind.TOKEN;
    }

    /** The same rule with a longer reach, for secrets that run long (a JWT, a PEM key). */
    SecretRule reaching(int characters) {
        return new SecretRule(id, category, title, severity, keywords, pattern, secretGroup, minEntropy, kind,
                anchored, characters);
    }

    /** A token that starts with one of its keywords (its prefix). */
    static SecretRule prefixed(String id, String category, String title, SeverityLevel severity, String regex,
            String... keywords) {
        return new SecretRule(id, category, title, severity, List.of(keywords), Pattern.compile(regex), 0, 0,
                Kind.TOKEN, true, DEFAULT_REACH);
    }

    /** A token with a keyword inside it, not at its start. */
    static SecretRule inner(String id, String category, String title, SeverityLevel severity, String regex,
            String... keywords) {
        return new SecretRule(id, category, title, severity, List.of(keywords), Pattern.compile(regex), 0, 0,
                Kind.TOKEN, false, DEFAULT_REACH);
    }

    /** A token format whose secret is group 1 of a pattern that starts at a keyword. */
    static SecretRule grouped(String id, String category, String title, SeverityLevel severity, String regex,
            String... keywords) {
        return new SecretRule(id, category, title, severity, List.of(keywords), Pattern.compile(regex), 1, 0,
                Kind.TOKEN, true, DEFAULT_REACH);
    }

    /**
     * A value of {@code valueRegex} given to a key whose name contains one of the keywords (each {@code _} also
     * spelled {@code .}, {@code -} or left out), in any configuration syntax ({@code DATADOG_API_KEY=...}, {@code datadog: {api_key: "..."}} within the key's reach).
     */
    static SecretRule keyed(String id, String category, String title, SeverityLevel severity, String valueRegex,
            String... keywords) {
        List<String> spellings = Arrays.stream(keywords).flatMap(k -> Stream.of(k, k.replace('_', '.'),
                k.replace('_', '-'), k.replace("_", ""))).distinct().toList();
        String regex = "(?i:" + String.join("|", spellings.stream().map(Pattern::quote).toList()) + ")" + Assignments.KEY_REST + Assignments.NEAR + Assignments.SEPARATOR
                + Assignments.OPEN_QUOTE + "(?-i:(" + valueRegex + "))" + Assignments.VALUE_END;
        return new SecretRule(id, category, title, severity, spellings, Pattern.compile(regex), 1, 2.5,
                Kind.VALUE, true, DEFAULT_REACH);
    }
}
