package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Checks that a comparator is a total order on a sample: what sorting and range matching rely on. */
final class ComparatorProperties {

    private ComparatorProperties() {}

    /** {@code <}, {@code =} or {@code >}, as {@code bulwark vercmp} prints a comparison. */
    static String operator(int comparison) {
        return comparison < 0 ? "<" : comparison > 0 ? ">" : "=";
    }

    /** Asserts {@code a op b} and, turned around, {@code b op' a}. */
    static void assertOrdering(VersionComparator comparator, String a, String op, String b) {
        assertThat(operator(comparator.compare(a, b))).as("%s %s %s", a, op, b).isEqualTo(op);
        assertThat(operator(comparator.compare(b, a))).as("%s vs %s turned around", b, a)
                .isEqualTo(op.equals("<") ? ">" : op.equals(">") ? "<" : "=");
    }

    static void assertTotalOrder(VersionComparator comparator, List<String> sample) {
        List<String> sorted = new ArrayList<>(sample);
        sorted.sort(comparator);
        for (int i = 0; i < sorted.size(); i++) {
            String a = sorted.get(i);
            assertThat(comparator.compare(a, a)).as("%s = %s", a, a).isZero();
            for (int j = i + 1; j < sorted.size(); j++) {
                String b = sorted.get(j);
                int ab = comparator.compare(a, b);
                assertThat(ab).as("%s <= %s after sorting", a, b).isLessThanOrEqualTo(0);
                assertThat(Integer.signum(comparator.compare(b, a))).as("antisymmetry of %s, %s", a, b)
                        .isEqualTo(-Integer.signum(ab));
            }
        }
    }

    /** The first {@code count} generated versions that the comparator accepts. */
    static List<String> validSample(VersionComparator comparator, Supplier<String> generator, int count) {
        return Stream.generate(generator).filter(v -> {
            try {
                comparator.validate(v);
                return true;
            } catch (InvalidVersionException e) {
                return false;
            }
        }).limit(count).toList();
    }
}
