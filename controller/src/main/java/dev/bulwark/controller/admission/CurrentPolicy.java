package dev.bulwark.controller.admission;

import dev.bulwark.controller.admission.evaluate.AdmissionPolicy;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.store.ClusterStore;
import java.util.List;

/**
 * The admission policy the webhook judges by: the state and rules compiled once per change of either (a store
 * watch), never per review. A configuration that does not compile leaves the last one in force and is logged.
 * Thread-safe; reads are one volatile load.
 */
final class CurrentPolicy implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CurrentPolicy.class.getName());

    /**
     * The state (the failure policy, whether admission control is on) and the policy compiled from it and the rules;
     * when they did not compile, {@link #policy} throws, and the webhook answers by the failure policy.
     */
    static final class Compiled {
        private final AdmissionRules.State state;
        private final AdmissionPolicy policy;
        private final String failure;

        private Compiled(AdmissionRules.State state, AdmissionPolicy policy, String failure) {
            this.state = state;
            this.policy = policy;
            this.failure = failure;
        }

        AdmissionRules.State state() {
            return state;
        }

        AdmissionPolicy policy() {
            if (policy == null) {
                throw new IllegalStateException(failure);
            }
            return policy;
        }
    }

    private final AdmissionRules rules;
    private final String ownNamespace;
    private final List<ClusterStore.Watch> watches;
    private volatile Compiled current;

    CurrentPolicy(AdmissionRules rules, Records records, String ownNamespace) {
        this.rules = rules;
        this.ownNamespace = ownNamespace;
        this.current = compileOr(new Compiled(rules.state(), null, "the admission rules do not compile"));
        this.watches = List.of(records.watch(AdmissionRules.STATE, this::recompile),
                records.watch(AdmissionRules.RULES, this::recompile));
    }

    Compiled get() {
        return current;
    }

    /** The state and rules compiled, else {@code previous}, the failure logged. */
    private Compiled compileOr(Compiled previous) {
        try {
            AdmissionRules.State state = rules.state();
            return new Compiled(state, AdmissionPolicy.compile(state, rules.list(), ownNamespace), "");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the admission rules do not compile; the previous ones stay", e);
            return previous;
        }
    }

    private synchronized void recompile() {
        current = compileOr(current);
    }

    @Override
    public void close() {
        watches.forEach(ClusterStore.Watch::close);
    }
}
