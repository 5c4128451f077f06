package dev.bulwark.controller.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NeuVector's port syntax as rules match it, including text no rule should hold. */
class ConversationsPortsTest {

    private static boolean holds(String ports, int proto, int port) {
        return ConversationsPorts.parse(ports).holds(proto, port);
    }

    @Test
    void anyHoldsEverything() {
        assertThat(holds("any", 6, 1)).isTrue();
        assertThat(holds("tcp/80, any", 1, 0)).isTrue();
        assertThat(holds("ANY", 17, 65535)).isTrue();
    }

    @Test
    void aProtocolAndPortHoldThatProtocolOnly() {
        assertThat(holds("tcp/80", 6, 80)).isTrue();
        assertThat(holds("tcp/80", 17, 80)).isFalse();
        assertThat(holds("tcp/80", 6, 81)).isFalse();
        assertThat(holds("udp/53-60", 17, 53)).isTrue();
        assertThat(holds("udp/53-60", 17, 60)).isTrue();
        assertThat(holds("udp/53-60", 17, 61)).isFalse();
        assertThat(holds("udp/53-60", 6, 55)).isFalse();
    }

    @Test
    void aBarePortIsTcpAndUdpAndAWordIsEveryPortOfIt() {
        assertThat(holds("8080", 6, 8080)).isTrue();
        assertThat(holds("8080", 17, 8080)).isTrue();
        assertThat(holds("8000-8080", 17, 8001)).isTrue();
        assertThat(holds("8080", 1, 0)).isFalse();
        assertThat(holds("tcp", 6, 12345)).isTrue();
        assertThat(holds("tcp", 17, 12345)).isFalse();
        assertThat(holds("udp", 17, 1)).isTrue();
        assertThat(holds("icmp", 1, 0)).isTrue();
        assertThat(holds("icmp", 58, 0)).isTrue();
        assertThat(holds("icmp", 6, 0)).isFalse();
    }

    @Test
    void aListHoldsWhatAnyItemHolds() {
        assertThat(holds(" tcp/80 ,udp/53, TCP/443", 6, 443)).isTrue();
        assertThat(holds("tcp/80,udp/53", 17, 53)).isTrue();
        assertThat(holds("tcp/80,udp/53", 6, 53)).isFalse();
    }

    @Test
    void malformedItemsHoldNothing() {
        for (String junk : new String[] {"", ",", "tcp/", "tcp/abc", "sctp/80", "tcp/80-", "80-90-100", "tcp/999999",
            "icmp/8", "-", "tcp/80;drop", "\u0000", "tcp/" + "9".repeat(10_000)}) {
            assertThat(holds(junk, 6, 80)).as(junk).isFalse();
            assertThat(holds(junk, 17, 90)).as(junk).isFalse();
        }
        assertThat(holds("bad,tcp/80", 6, 80)).as("a bad item leaves the others").isTrue();
        assertThat(holds(",".repeat(100_000) + "tcp/80", 6, 80)).isTrue();
    }

    @Test
    void aLearnedRuleNamesOnePort() {
        assertThat(ConversationsPorts.of(6, 80)).isEqualTo("tcp/80");
        assertThat(ConversationsPorts.of(17, 53)).isEqualTo("udp/53");
        assertThat(ConversationsPorts.of(1, 0)).isEqualTo("icmp");
        assertThat(holds(ConversationsPorts.of(6, 80), 6, 80)).isTrue();
    }
}
