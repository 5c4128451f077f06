package dev.bulwark.enforcer.network.nft;

import dev.bulwark.link.model.NodePolicy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The network policy of one network namespace: the containers sharing it (a pod) share one table, so their policies
 * merge: quarantined if any is, the strictest mode, the rules of all in order (a rule two of them share, once),
 * every internal network.
 */
public record NamespacePolicy(Mode mode, boolean quarantined, List<NodePolicy.NetworkRule> rules,
        List<String> internal) {

    /** Policy modes from the least to the most strict. */
    public enum Mode {
        DISCOVER, MONITOR, PROTECT;

        /**
         * NeuVector's mode name, any case. An unknown one counts as Monitor: a mistaken name must not cut a
         * container off, nor let its traffic go unobserved.
         */
        public static Mode of(String name) {
            try {
                return name == null ? MONITOR : valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return MONITOR;
            }
        }
    }

    public NamespacePolicy {
        rules = List.copyOf(rules);
        internal = List.copyOf(internal);
    }

    public static NamespacePolicy merge(List<NodePolicy.Network> containers) {
        Mode mode = Mode.DISCOVER;
        boolean quarantined = false;
        Set<NodePolicy.NetworkRule> rules = new LinkedHashSet<>();
        Set<String> internal = new LinkedHashSet<>();
        for (NodePolicy.Network container : containers) {
            Mode own = Mode.of(container.mode());
            mode = own.compareTo(mode) > 0 ? own : mode;
            quarantined |= container.quarantine();
            rules.addAll(container.rules());
            internal.addAll(container.internal());
        }
        return new NamespacePolicy(mode, quarantined, List.copyOf(rules), List.copyOf(internal));
    }
}
