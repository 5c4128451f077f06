package dev.bulwark.enforcer.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A group's process rules and how they decide: exact rules first in list order, then wildcard denies, then
 * wildcard allows, so that a deny with a wildcard beats an allow with one, as NeuVector has it.
 */
public record ProcessProfile(List<ProcessRule> rules) {

    public ProcessProfile {
        rules = List.copyOf(rules);
    }

    /** The rule that decides a process run as {@code user} (empty: not known), if any does. */
    public Optional<ProcessRule> decide(String name, String path, String user) {
        return first(r -> !r.wildcard() && r.matches(name, path, user))
                .or(() -> first(r -> r.wildcard() && !r.allows() && r.matches(name, path, user)))
                .or(() -> first(r -> r.wildcard() && r.allows() && r.matches(name, path, user)));
    }

    /** Whether some allow rule covers this executable, under any process name: the question an exec check asks. */
    public boolean allowsPath(String path) {
        return rules.stream().anyMatch(r -> r.allows() && r.matchesPath(path));
    }

    /** Whether a deny rule for any process name ({@code *}) covers this executable. */
    public boolean deniesPath(String path) {
        return rules.stream().anyMatch(r -> !r.allows() && r.name().equals("*") && r.matchesPath(path));
    }

    public ProcessProfile with(ProcessRule rule) {
        List<ProcessRule> more = new ArrayList<>(rules);
        more.add(rule);
        return new ProcessProfile(more);
    }

    private Optional<ProcessRule> first(java.util.function.Predicate<ProcessRule> test) {
        return rules.stream().filter(test).findFirst();
    }
}
