package dev.bulwark.enforcer.network.nft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.enforcer.network.nft.NamespacePolicy.Mode;
import dev.bulwark.link.model.NodePolicy.Network;
import dev.bulwark.link.model.NodePolicy.NetworkRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespacePolicyTest {

    private static final NetworkRule A = new NetworkRule(1, false, List.of("10.0.0.1"), "tcp/80", null, "allow");
    private static final NetworkRule B = new NetworkRule(2, true, List.of("10.0.0.2"), "any", null, "deny");
    private static final NetworkRule C = new NetworkRule(3, false, List.of("external"), "udp/53", null, "allow");

    @Test
    void containersOfAPodShareTheStrictestModeAndTheRulesOfAllInOrder() {
        NamespacePolicy pod = NamespacePolicy.merge(List.of(
                new Network("app", "Monitor", false, List.of(A, B), List.of("10.0.0.0/8")),
                new Network("sidecar", "protect", false, List.of(B, C), List.of("10.0.0.0/8", "fd00::/8"))));

        assertThat(pod.mode()).isEqualTo(Mode.PROTECT);
        assertThat(pod.quarantined()).isFalse();
        assertThat(pod.rules()).containsExactly(A, B, C);
        assertThat(pod.internal()).containsExactly("10.0.0.0/8", "fd00::/8");
    }

    @Test
    void oneQuarantinedContainerQuarantinesThePod() {
        NamespacePolicy pod = NamespacePolicy.merge(List.of(new Network("a", "Discover", false, List.of(), null),
                new Network("b", "Discover", true, null, null)));

        assertThat(pod.quarantined()).isTrue();
        assertThat(pod.mode()).isEqualTo(Mode.DISCOVER);
    }

    @Test
    void anUnknownModeIsMonitorNeitherCuttingOffNorUnobserved() {
        assertThat(Mode.of("Protect; drop")).isEqualTo(Mode.MONITOR);
        assertThat(Mode.of(null)).isEqualTo(Mode.MONITOR);
        assertThat(Mode.of("")).isEqualTo(Mode.MONITOR);
        assertThat(NamespacePolicy.merge(List.of(new Network("a", "Discover", false, null, null),
                new Network("b", "learn", false, null, null))).mode()).isEqualTo(Mode.MONITOR);
    }

    @Test
    void noContainersIsDiscover() {
        assertThat(NamespacePolicy.merge(List.of()).mode()).isEqualTo(Mode.DISCOVER);
    }
}
