package dev.bulwark.controller.admission.evaluate;

import dev.bulwark.controller.admission.AdmissionRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Admission control's configuration compiled for evaluation: the state (on or off, monitor or protect, the default
 * action) and the enabled rules in id order, their values split, wildcards and regular expressions compiled and
 * numbers parsed once. Compile again when the configuration changes. Immutable and thread-safe.
 *
 * <p>The default allow rules come first, as NeuVector creates them as critical exception rules: id 1 for
 * {@code kube-system}, {@code kube-public} and {@code istio-system}, id 2 for the controller's own namespace, id 3
 * for OpenShift's {@code openshift-node} and {@code openshift-sdn} (NeuVector adds this one on OpenShift only; the
 * namespaces exist nowhere else).
 */
public final class AdmissionPolicy {

    private final boolean enabled;
    private final boolean protect;
    private final boolean defaultDeny;
    private final List<CompiledRule> defaults;
    private final List<CompiledRule> exceptions;
    private final List<CompiledRule> denies;

    private AdmissionPolicy(boolean enabled, boolean protect, boolean defaultDeny, List<CompiledRule> defaults,
            List<CompiledRule> exceptions, List<CompiledRule> denies) {
        this.enabled = enabled;
        this.protect = protect;
        this.defaultDeny = defaultDeny;
        this.defaults = defaults;
        this.exceptions = exceptions;
        this.denies = denies;
    }

    /**
     * Compiles the state and rules as stored. Rules that are disabled, or lack an id or a known type, are left out;
     * a criterion that cannot match (see {@link Criteria}) makes its rule never match, and never fails the compile.
     * {@code ownNamespace} is the namespace Bulwark runs in (blank for none).
     */
    public static AdmissionPolicy compile(AdmissionRules.State state, List<AdmissionRules.Rule> rules,
            String ownNamespace) {
        Objects.requireNonNull(state, "state");
        boolean protect = "protect".equals(state.mode());
        List<CompiledRule> defaults = new ArrayList<>();
        defaults.add(allowNamespaces(1, "kube-system,kube-public,istio-system"));
        if (ownNamespace != null && !ownNamespace.isBlank()) {
            defaults.add(allowNamespaces(2, ownNamespace.strip()));
        }
        defaults.add(allowNamespaces(3, "openshift-node,openshift-sdn"));
        List<AdmissionRules.Rule> enabled = rules.stream()
                .filter(r -> r != null && r.id() != null && !Boolean.TRUE.equals(r.disable()))
                .sorted(Comparator.comparingInt(AdmissionRules.Rule::id)).toList();
        return new AdmissionPolicy(Boolean.TRUE.equals(state.enable()), protect, "deny".equals(state.defaultAction()),
                List.copyOf(defaults), compiled(enabled, "exception", protect), compiled(enabled, "deny", protect));
    }

    private static CompiledRule allowNamespaces(int id, String namespaces) {
        AdmissionRules.Criterion namespace = new AdmissionRules.Criterion("namespace", "containsAny", namespaces, null,
                null, null, null, null);
        return CompiledRule.compile(new AdmissionRules.Rule(id, "Kubernetes", "", List.of(namespace), false, true,
                "user_created", "exception", "", null, null), false);
    }

    private static List<CompiledRule> compiled(List<AdmissionRules.Rule> rules, String type, boolean protect) {
        return rules.stream().filter(r -> type.equals(r.ruleType())).map(r -> CompiledRule.compile(r, protect))
                .toList();
    }

    boolean enabled() {
        return enabled;
    }

    boolean protect() {
        return protect;
    }

    String mode() {
        return protect ? "protect" : "monitor";
    }

    boolean defaultDeny() {
        return defaultDeny;
    }

    List<CompiledRule> defaults() {
        return defaults;
    }

    List<CompiledRule> exceptions() {
        return exceptions;
    }

    List<CompiledRule> denies() {
        return denies;
    }
}
