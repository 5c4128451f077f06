package dev.bulwark.controller.admission.evaluate;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An operator and its values applied to the set of values a criterion reads ({@code isSetCriterionMet}): each
 * criterion value matches an element by wildcards ({@link Glob}), or by a regular expression for the regex
 * operators, which, as Go's {@code regexp.MatchString}, need only match part of the element. Elements may be texts
 * or, for images, {@link ImageRef}s matched by {@link ImagePattern}.
 *
 * <p>{@code containsAll} needs every value matched and an element at all; {@code containsAny} one value matched;
 * {@code notContainsAny} none; {@code containsOtherThan} an element no value matches; {@code =} and {@code !=}
 * whether the one value matches an element. A regular expression RE2 cannot compile never matches, so a negative
 * operator with it always does.
 */
final class SetTest<T> {

    private final Op op;
    private final List<Predicate<T>> values;

    private SetTest(Op op, List<Predicate<T>> values) {
        this.op = op;
        this.values = values;
    }

    /** A test of texts. */
    static SetTest<String> ofTexts(Op op, String value) {
        return of(op, value, v -> Glob.of(v)::matches, t -> t);
    }

    /**
     * A test whose values are compiled by {@code plain} (for the wildcard operators) or used as regular expressions
     * over {@code asText} of each element.
     */
    static <T> SetTest<T> of(Op op, String value, Function<String, Predicate<T>> plain, Function<T, String> asText) {
        List<Predicate<T>> compiled = new ArrayList<>();
        for (String v : Criteria.values(op, value)) {
            compiled.add(switch (op) {
                case REGEX, NOT_REGEX, REGEX_CONTAINS_ANY, NOT_REGEX_CONTAINS_ANY -> regex(v, asText);
                default -> plain.apply(v);
            });
        }
        return new SetTest<>(op, List.copyOf(compiled));
    }

    private static <T> Predicate<T> regex(String expression, Function<T, String> asText) {
        try {
            Pattern p = Pattern.compile(expression);
            return element -> p.matcher(asText.apply(element)).find();
        } catch (PatternSyntaxException e) {
            return _ -> false;
        }
    }

    boolean test(Collection<T> elements) {
        return switch (op) {
            case CONTAINS_ALL -> !elements.isEmpty() && values.stream().allMatch(v -> elements.stream().anyMatch(v));
            case EQ, CONTAINS_ANY, REGEX, REGEX_CONTAINS_ANY -> anyMatch(elements);
            case NE, NOT_CONTAINS_ANY, NOT_REGEX, NOT_REGEX_CONTAINS_ANY -> !anyMatch(elements);
            case CONTAINS_OTHER_THAN -> elements.stream().anyMatch(e -> values.stream().noneMatch(v -> v.test(e)));
            case GE, GT, LE, EXIST, NOT_EXIST, CONTAINS_TAG_ANY -> false;
        };
    }

    private boolean anyMatch(Collection<T> elements) {
        return values.stream().anyMatch(v -> elements.stream().anyMatch(v));
    }
}
