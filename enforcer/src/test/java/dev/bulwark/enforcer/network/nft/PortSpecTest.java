package dev.bulwark.enforcer.network.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortSpecTest {

    @Test
    void neuVectorsSyntax() {
        assertThat(PortSpec.parse("any").matches()).containsExactly("");
        assertThat(PortSpec.parse(" ANY ").matches()).containsExactly("");
        assertThat(PortSpec.parse("tcp/80").matches()).containsExactly("tcp dport { 80 }");
        assertThat(PortSpec.parse("tcp/8000-8080").matches()).containsExactly("tcp dport { 8000-8080 }");
        assertThat(PortSpec.parse("udp/53").matches()).containsExactly("udp dport { 53 }");
        assertThat(PortSpec.parse("icmp").matches()).containsExactly("meta l4proto { icmp, ipv6-icmp }");
        assertThat(PortSpec.parse("80").matches()).containsExactly("tcp dport { 80 }", "udp dport { 80 }");
        assertThat(PortSpec.parse("tcp/any").matches()).containsExactly("meta l4proto tcp");
        assertThat(PortSpec.parse("TCP/443, udp/53,icmp, 8080-8081").matches()).containsExactly(
                "tcp dport { 443, 8080-8081 }", "udp dport { 53, 8080-8081 }", "meta l4proto { icmp, ipv6-icmp }");
    }

    @Test
    void overlappingAndAdjacentRangesAreJoinedSinceNftRefusesOverlapsInASet() {
        assertThat(PortSpec.parse("tcp/80,tcp/70-90,tcp/91,tcp/80,tcp/100").matches())
                .containsExactly("tcp dport { 70-91, 100 }");
        assertThat(PortSpec.parse("tcp/80,tcp/any").matches()).containsExactly("meta l4proto tcp");
        assertThat(PortSpec.parse("tcp/0-65535").matches()).containsExactly("meta l4proto tcp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "tcp/80,", ",tcp/80", "tcp/", "tcp/-1", "tcp/65536", "tcp/99999", "tcp/90-80",
        "sctp/80", "http", "tcp:80", "tcp/80-", "tcp/any-80", "tcp/80-any", "icmp/8", "any,tcp/80", "tcp/80,any",
        "80; flush ruleset", "tcp/80 }", "tcp/80\"", "tcp/80\nflush ruleset", "tcp/٨٠", "tcp/0x50", "tcp/+80",
        "tcp/8 0", "tcp/123456"})
    void refusesWhatIsNotInTheSyntax(String text) {
        assertThatThrownBy(() -> PortSpec.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBackwardsRangeIsNamedInTheMessage() {
        assertThatThrownBy(() -> PortSpec.parse("tcp/90-80")).hasMessageContaining("90-80 runs backwards");
    }

    @Test
    void hugeListsAreBoundedByLength() {
        String many = IntStream.rangeClosed(1, 800).mapToObj(Integer::toString).collect(Collectors.joining(","));
        assertThat(PortSpec.parse(many).matches()).containsExactly("tcp dport { 1-800 }", "udp dport { 1-800 }");

        String tooLong = "tcp/80,".repeat(1000) + "tcp/80";
        assertThatThrownBy(() -> PortSpec.parse(tooLong)).hasMessageContaining("longer than");
    }
}
