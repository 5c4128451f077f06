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

    /** A compiled policy and the state it came from (the failure policy and whether admission control is on). */
    record Compiled(AdmissionRules.State state, AdmissionPolicy policy) {}

    private final AdmissionRules rules;
    private final String ownNamespace;
    private final List<ClusterStore.Watch> watches;
    private volatile Compiled current;

    CurrentPolicy(AdmissionRules rules, Records records, String ownNamespace) {
        this.rules = rules;
        this.ownNamespace = ownNamespace;
        this.current = compile();
        this.watches = List.of(records.watch(AdmissionRules.STATE, this::recompile),
                records.watch(AdmissionRules.RULES, this::recompile));
    }

    Compiled get() {
        return current;
    }

    private Compiled compile() {
        AdmissionRules.State state = rules.state();
        return new Compiled(state, AdmissionPolicy.compile(state, rules.list(), ownNamespace));
    }

    private synchronized void recompile() {
        try {
            current = compile();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the admission rules do not compile; the previous ones stay", e);
        }
    }

    @Override
    public void close() {
        watches.forEach(ClusterStore.Watch::close);
    }
}
