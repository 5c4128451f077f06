package dev.bulwark.scanner.secret;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a user declares not a secret: files whose path matches one of {@code paths} are not searched, and a found
 * secret that matches one of {@code regexes} or equals one of {@code values} is not reported.
 */
public record AllowRule(String id, List<Pattern> paths, List<Pattern> regexes, Set<String> values) {

    public AllowRule {
        requireNonNull(id, "id");
        paths = List.copyOf(paths);
        regexes = List.copyOf(regexes);
        values = Set.copyOf(values);
    }

    boolean allowsPath(String path) {
        return paths.stream().anyMatch(p -> p.matcher(path).matches());
    }

    boolean allowsSecret(String secret) {
        return values.contains(secret) || regexes.stream().anyMatch(p -> p.matcher(secret).find());
    }
}
