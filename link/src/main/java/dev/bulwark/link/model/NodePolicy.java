package dev.bulwark.link.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a controller pushes to an enforcer: the policy of every group the enforcer needs, in the enforcer's policy
 * file format ({@code groups: [...]}), and the network policy of each of its containers; the enforcer also keeps it
 * on disk to enforce while the controller is away.
 */
public record NodePolicy(List<Group> groups, List<Network> network) {

    public NodePolicy {
        groups = List.copyOf(groups);
        network = network == null ? List.of() : List.copyOf(network);
    }

    public NodePolicy(List<Group> groups) {
        this(groups, List.of());
    }

    /** One group: its mode (Discover, Monitor, Protect), baseline, process rules and file rules. */
    public record Group(String name, String mode, String baseline, List<ProcessRule> process, List<FileRule> file) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ProcessRule(String name, String path, String user, String action, String cfgType) {}

    public record FileRule(String filter, boolean recursive, String behavior, List<String> applications) {}

    /**
     * The network policy of one container: its group's policy mode ({@code Discover}, {@code Monitor},
     * {@code Protect}), whether it is quarantined (all its traffic dropped, whatever the mode), and the rules that
     * concern it in first-match order. In Protect a connection no rule allows is dropped.
     *
     * @param internal every address of the cluster's containers and nodes, as CIDRs: what {@code external} is not
     */
    public record Network(String workload, String mode, boolean quarantine, List<NetworkRule> rules,
            List<String> internal) {

        public Network {
            rules = rules == null ? List.of() : List.copyOf(rules);
            internal = internal == null ? List.of() : List.copyOf(internal);
        }
    }

    /**
     * A network rule as it applies to one container: connections it opens ({@code ingress} false: the container is
     * the client) or accepts, to or from {@code peers}, on {@code ports}, allowed or denied.
     *
     * @param id the controller's rule id, reported back with what the rule decided
     * @param peers CIDRs ({@code 10.1.2.3/32}, {@code 0.0.0.0/0}, {@code ::/0}); {@code external} for any address
     *        not in {@link Network#internal()}; {@code fqdn:NAME} for the addresses DNS answers seen on the node gave
     *        {@code NAME} ({@code *.example.com} names every subdomain)
     * @param ports NeuVector's syntax: {@code any}, or a comma list of {@code tcp/80}, {@code tcp/8000-8080},
     *        {@code udp/53}, {@code icmp}, {@code 80} (TCP and UDP)
     * @param applications the applications the rule names ({@code any} for all); a node enforces ports and peers,
     *        the controller judges applications from what the node reports
     * @param action {@code allow} or {@code deny}
     */
    public record NetworkRule(int id, boolean ingress, List<String> peers, String ports, List<String> applications,
            String action) {

        public NetworkRule {
            peers = peers == null ? List.of() : List.copyOf(peers);
            ports = ports == null || ports.isBlank() ? "any" : ports;
            applications = applications == null || applications.isEmpty() ? List.of("any")
                    : List.copyOf(applications);
        }
    }
}
