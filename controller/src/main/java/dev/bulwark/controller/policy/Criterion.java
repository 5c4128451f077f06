package dev.bulwark.controller.policy;

import dev.bulwark.controller.api.ApiException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A group criterion, {@code RESTCriteriaEntry}: {@code key op value}. Entries with the same key are ORed, different
 * keys ANDed; {@code address} stands alone.
 */
public record Criterion(String key, String value, String op) {

    static final Set<String> KEYS = Set.of("image", "node", "container", "service", "label", "domain", "namespace",
            "address", "user");
    /** NeuVector's name-or-path pattern for a criteria key. */
    private static final Pattern LABEL_KEY = Pattern.compile("[/a-zA-Z0-9]+[/.:a-zA-Z0-9_-]{0,252}");
    static final Set<String> OPS = Set.of("=", "!=", "contains", "prefix", "regex", "!regex");
    private static final int MAX_VALUE = 1024;

    /** Checks a whole criteria list; the message says what is wrong with which entry. */
    static void validate(List<Criterion> criteria) {
        if (criteria.size() > 64) {
            throw ApiException.badRequest("A group has at most 64 criteria");
        }
        boolean address = false;
        boolean other = false;
        for (Criterion c : criteria) {
            if (c == null || c.key() == null || c.value() == null || c.op() == null) {
                throw ApiException.badRequest("Criteria need key, value and op");
            }
            // any other key is a container label's key, as NeuVector's clients send labels ({app: web}, not label)
            if (!KEYS.contains(c.key()) && !LABEL_KEY.matcher(c.key()).matches()) {
                throw ApiException.badRequest("Invalid characters in criteria key '%s'".formatted(c.key()));
            }
            if (!OPS.contains(c.op())) {
                throw ApiException.badRequest("Unknown criteria op '%s' (known: =, !=, contains, prefix, regex, !regex)"
                        .formatted(c.op()));
            }
            if (c.value().isBlank() || c.value().length() > MAX_VALUE) {
                throw ApiException.badRequest("Criteria values are 1 to %d characters".formatted(MAX_VALUE));
            }
            if (c.op().endsWith("regex")) {
                try {
                    Pattern.compile(c.value());
                } catch (PatternSyntaxException e) {
                    throw ApiException.badRequest("Invalid regular expression in criteria: " + e.getDescription());
                }
            }
            if (c.key().equals("label") && !c.value().contains("=") && c.op().equals("=")) {
                throw ApiException.badRequest("A label criterion is key=value");
            }
            if (c.key().equals("address")) {
                address = true;
                if (!c.op().equals("=")) {
                    throw ApiException.badRequest("Address criteria only use '='");
                }
            } else {
                other = true;
            }
        }
        if (address && other) {
            throw ApiException.badRequest("Address criteria cannot be mixed with other criteria");
        }
    }

    /** The namespaces a group is confined to: its {@code namespace =} values; empty when not confined. */
    static List<String> namespaces(List<Criterion> criteria) {
        boolean confined = criteria.stream().anyMatch(c -> isNamespace(c) && c.op().equals("="))
                && criteria.stream().filter(Criterion::isNamespace).allMatch(c -> c.op().equals("="));
        return confined ? criteria.stream().filter(Criterion::isNamespace).map(Criterion::value).distinct().sorted()
                .toList() : List.of();
    }

    private static boolean isNamespace(Criterion c) {
        return c.key().equals("namespace") || c.key().equals("domain");
    }
}
