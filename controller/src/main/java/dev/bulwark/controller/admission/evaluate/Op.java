package dev.bulwark.controller.admission.evaluate;

import java.util.Optional;

/** The operators of admission criteria, by NeuVector's names ({@code share.CriteriaOp*}). */
enum Op {
    EQ("="), NE("!="), CONTAINS_ALL("containsAll"), CONTAINS_ANY("containsAny"), NOT_CONTAINS_ANY("notContainsAny"),
    CONTAINS_OTHER_THAN("containsOtherThan"), REGEX("regex"), NOT_REGEX("!regex"),
    REGEX_CONTAINS_ANY("regexContainsAnyEx"), NOT_REGEX_CONTAINS_ANY("!regexContainsAnyEx"), GE(">="), GT(">"),
    LE("<="), EXIST("exist"), NOT_EXIST("notExist"), CONTAINS_TAG_ANY("containsTagAny");

    private final String text;

    Op(String text) {
        this.text = text;
    }

    static Optional<Op> of(String text) {
        for (Op op : values()) {
            if (op.text.equals(text)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the operator is a negative one, which NeuVector ANDs with the other criteria of the same name until
     * the first positive one ({@code isAdmissionRuleMet}).
     */
    boolean negative() {
        return this == NE || this == NOT_CONTAINS_ANY || this == NOT_REGEX || this == NOT_REGEX_CONTAINS_ANY;
    }

    /** Whether the value is a comma-separated list. */
    boolean takesList() {
        return switch (this) {
            case CONTAINS_ALL, CONTAINS_ANY, NOT_CONTAINS_ANY, CONTAINS_OTHER_THAN, REGEX_CONTAINS_ANY,
                    NOT_REGEX_CONTAINS_ANY, CONTAINS_TAG_ANY -> true;
            default -> false;
        };
    }

    String text() {
        return text;
    }
}
