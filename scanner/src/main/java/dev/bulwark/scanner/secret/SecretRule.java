package dev.bulwark.scanner.secret;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.scan.SeverityLevel;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One kind of secret.
 *
 * @param keywords lower-case strings of which one must occur before the pattern is tried: the prefilter that
 *     keeps regular expressions off most text
 * @param pattern finds the secret; group {@code secretGroup} (0 for the whole match) is the secret itself
 * @param minEntropy Shannon entropy in bits per character the secret must reach, 0 for none; generic rules use
 *     it to tell {@code password = "hunter2"} from {@code password = "Xk9#mQ2$vL8@"}
 * @param generic true when the pattern matches by context (a key name), not by a known token format: such
 *     matches must also not look like a placeholder
 * @param assignment true when the secret is the value assigned to a key name ({@code db_password = "..."}): such a
 *     value that is itself a plain name or code is not a secret
 * @param reach how far past a keyword a match may end, in characters: the pattern only runs around keywords
 */
public record SecretRule(String id, String category, String title, SeverityLevel severity, List<String> keywords,
        Pattern pattern, int secretGroup, double minEntropy, boolean generic, boolean assignment, int reach) {

    /** Enough for every token format and for a key name with its value. */
    static final int DEFAULT_REACH = 1024;

    public SecretRule {
        requireNonNull(id, "id");
        requireNonNull(category, "category");
        requireNonNull(title, "title");
        requireNonNull(severity, "severity");
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        requireNonNull(pattern, "pattern");
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException(id + ": a rule needs at least one keyword");
        }
        if (reach <= 0) {
            throw new IllegalArgumentException(id + ": reach must be positive");
        }
    }

    /** The same rule with a longer reach, for secrets that run long (a JWT, a PEM key). */
    SecretRule reaching(int characters) {
        return new SecretRule(id, category, title, severity, keywords, pattern, secretGroup, minEntropy, generic,
                assignment, characters);
    }

    /** A rule for a token with a recognisable format. */
    static SecretRule token(String id, String category, String title, SeverityLevel severity, String regex,
            String... keywords) {
        return new SecretRule(id, category, title, severity, List.of(keywords), Pattern.compile(regex), 0, 0, false,
                false, DEFAULT_REACH);
    }

    /** A rule whose secret is group 1 of the pattern, found by its context. */
    static SecretRule contextual(String id, String category, String title, SeverityLevel severity, String regex,
            double minEntropy, String... keywords) {
        return new SecretRule(id, category, title, severity, List.of(keywords), Pattern.compile(regex), 1, minEntropy,
                true, false, DEFAULT_REACH);
    }

    /** A rule whose secret is group 1, the value a key name is given. */
    static SecretRule assignment(String id, String category, String title, SeverityLevel severity, String regex,
            double minEntropy, String... keywords) {
        return new SecretRule(id, category, title, severity, List.of(keywords), Pattern.compile(regex), 1, minEntropy,
                true, true, DEFAULT_REACH);
    }

    /** A rule whose secret is group 1 of a pattern for a known format. */
    static SecretRule grouped(String id, String category, String title, SeverityLevel severity, String regex,
            String... keywords) {
        return new SecretRule(id, category, title, severity, List.of(keywords), Pattern.compile(regex), 1, 0, false,
                false, DEFAULT_REACH);
    }
}
