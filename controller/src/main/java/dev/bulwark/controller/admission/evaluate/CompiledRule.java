package dev.bulwark.controller.admission.evaluate;

import dev.bulwark.controller.admission.AdmissionRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule ready to evaluate: its criteria compiled and grouped by name. Groups AND; within a group NeuVector ANDs the
 * negative criteria ({@code !=}, {@code notContainsAny}, {@code !regex}) until the first positive one and ORs from
 * there ({@code isAdmissionRuleMet}). Groups that read only the object are tried before those that need the image's
 * scan, so a scan is asked for only when the rest of the rule already holds. Immutable.
 */
final class CompiledRule {

    private final int id;
    private final boolean deny;
    private final boolean protect;
    private final Set<ContainerKind> kinds;
    private final List<List<Check>> groups;
    private final List<Check> checks;
    private final String description;

    private CompiledRule(int id, boolean deny, boolean protect, Set<ContainerKind> kinds, List<Check> checks) {
        this.id = id;
        this.deny = deny;
        this.protect = protect;
        this.kinds = kinds;
        this.checks = checks;
        Map<String, List<Check>> byName = new LinkedHashMap<>();
        checks.forEach(c -> byName.computeIfAbsent(c.name(), _ -> new ArrayList<>()).add(c));
        this.description = byName.values().stream().map(CompiledRule::describe).collect(Collectors.joining(" and "));
        this.groups = byName.values().stream().map(List::copyOf)
                .sorted(Comparator.comparingInt(g -> g.stream().mapToInt(c -> c.source().ordinal()).max().orElse(0)))
                .toList();
    }

    /** A stored rule; {@code globalProtect} is the mode a deny rule without its own acts in. */
    static CompiledRule compile(AdmissionRules.Rule rule, boolean globalProtect) {
        boolean deny = "deny".equals(rule.ruleType());
        String mode = rule.ruleMode() == null ? "" : rule.ruleMode();
        boolean protect = deny && (mode.isEmpty() ? globalProtect : mode.equals("protect"));
        Set<ContainerKind> kinds = EnumSet.noneOf(ContainerKind.class);
        if (rule.containers() != null) {
            rule.containers().forEach(n -> ContainerKind.ofRuleName(String.valueOf(n)).ifPresent(kinds::add));
        }
        if (kinds.isEmpty()) {
            kinds.add(ContainerKind.STANDARD);
        }
        List<Check> checks = rule.criteria() == null ? List.of()
                : rule.criteria().stream().filter(java.util.Objects::nonNull).map(Criteria::compile).toList();
        return new CompiledRule(rule.id(), deny, protect, Set.copyOf(kinds), checks);
    }

    int id() {
        return id;
    }

    boolean deny() {
        return deny;
    }

    /** Whether a match denies (a deny rule in protect mode) rather than only warns. */
    boolean protect() {
        return protect;
    }

    boolean inspects(ContainerKind kind) {
        return kinds.contains(kind);
    }

    /** The match of this rule for the subject, with its details, or empty. A rule without criteria never matches. */
    Optional<String> match(Subject s) {
        if (groups.isEmpty() || !groups.stream().allMatch(g -> holds(g, s))) {
            return Optional.empty();
        }
        Set<String> findings = new LinkedHashSet<>();
        checks.stream().filter(c -> c.test(s)).forEach(c -> findings.addAll(c.findings().apply(s)));
        return Optional.of(findings.isEmpty() ? description : description + ". " + String.join(". ", findings));
    }

    private static boolean holds(List<Check> group, Subject s) {
        boolean met = false;
        boolean positive = false;
        boolean first = true;
        for (Check c : group) {
            boolean m = c.test(s);
            if (first) {
                met = m;
                positive = c.positive();
                first = false;
            } else {
                met = !c.positive() && !positive ? met && m : met || m;
                positive = positive || c.positive();
            }
        }
        return met;
    }

    /** NeuVector's reading of criteria of one name ({@code sameNameCriteriaToString}), parenthesised when several. */
    private static String describe(List<Check> group) {
        StringBuilder b = new StringBuilder();
        boolean positive = false;
        for (Check c : group) {
            if (!b.isEmpty()) {
                b.append(!positive && !c.positive() ? " and " : " or ");
            }
            positive = positive || c.positive();
            b.append(c.description());
        }
        return group.size() > 1 ? "(" + b + ")" : b.toString();
    }
}
