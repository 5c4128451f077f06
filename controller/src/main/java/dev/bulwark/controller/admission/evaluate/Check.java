package dev.bulwark.controller.admission.evaluate;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One compiled criterion of a rule: its name (criteria of one name combine, see {@link CompiledRule}), whether its
 * operator is positive, where its value comes from, the test, what it found when it matched, and how it reads.
 */
record Check(String name, boolean positive, Source source, Predicate<Subject> test,
        Function<Subject, List<String>> findings, String description) {

    /** Where a criterion's value comes from, which decides the order criteria are tried in. */
    enum Source {
        /** The request and its object only. */
        YAML,
        /** The object, and the image's scan only when the object does not say ({@code runAsRoot}). */
        YAML_THEN_SCAN,
        /** The image's scan: never matches an image that was not scanned. */
        SCAN,
        /** Whether the image was scanned ({@code imageScanned}). */
        SCAN_STATE
    }

    /** Whether it also applies to a PersistentVolumeClaim, which has no containers. */
    boolean forClaims() {
        return name.equals("namespace") || name.equals("storageClassName");
    }

    boolean test(Subject s) {
        if (s.pod().claim() && !forClaims()) {
            return false;
        }
        if (source == Source.SCAN && !s.facts().scanned()) {
            return false;
        }
        return test.test(s);
    }
}
