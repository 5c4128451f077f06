package dev.bulwark.controller.admission.evaluate;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one admission request: whether it is allowed, a one-paragraph message in NeuVector's words naming
 * the deciding rules, a warning per monitor-mode match, every rule that matched, and how the answer came about.
 */
public record Verdict(boolean allowed, String message, List<String> warnings, List<MatchedRule> matches,
        Outcome outcome) {

    public Verdict {
        Objects.requireNonNull(message, "message");
        warnings = List.copyOf(warnings);
        matches = List.copyOf(matches);
        Objects.requireNonNull(outcome, "outcome");
    }

    public enum Outcome {
        /** No rule decided; the default action allowed it. */
        ALLOWED_BY_DEFAULT,
        /** An exception rule (or a default allowed namespace) allowed it. */
        ALLOWED_BY_RULE,
        /** A deny rule matched in monitor mode: allowed, with warnings. */
        VIOLATION,
        /** A deny rule in protect mode matched, or the default action denied it. */
        DENIED,
        /** Not evaluated: admission control is off, or the kind or operation is not one it inspects. */
        IGNORED
    }
}
