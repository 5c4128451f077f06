package dev.bulwark.controller.admission.evaluate;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A comparison of a number a criterion reads (a count, a score, a quantity) with the criterion's value; a value that
 * is not a number (or a Kubernetes quantity) never matches.
 */
final class NumberTest {

    private final Op op;
    private final Optional<BigDecimal> value;

    private NumberTest(Op op, Optional<BigDecimal> value) {
        this.op = op;
        this.value = value;
    }

    static NumberTest of(Op op, String value) {
        return new NumberTest(op, Quantities.parse(value));
    }

    boolean test(BigDecimal actual) {
        if (value.isEmpty()) {
            return false;
        }
        int c = actual.compareTo(value.get());
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case GE -> c >= 0;
            case GT -> c > 0;
            case LE -> c <= 0;
            default -> false;
        };
    }

    boolean test(long actual) {
        return test(BigDecimal.valueOf(actual));
    }
}
