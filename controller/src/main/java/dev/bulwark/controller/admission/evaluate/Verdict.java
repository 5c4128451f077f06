package dev.bulwark.controller.admission.evaluate;

import java.util.List;

public record Verdict(boolean allowed, String message, List<String> warnings, List<MatchedRule> matches,
        Outcome outcome) {

    public enum Outcome { ALLOWED_BY_DEFAULT, ALLOWED_BY_RULE, VIOLATION, DENIED, IGNORED }
}
