package dev.bulwark.controller.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Address ranges to CIDRs and back: alignment, both families, the whole space, runs of addresses. */
class IpRangeTest {

    static InetAddress ip(String text) {
        return IpRange.address(text).orElseThrow();
    }

    @Test
    void aRangeIsTheFewestAlignedBlocks() {
        assertThat(IpRange.parse("10.0.0.0-10.0.0.255").orElseThrow().cidrs()).containsExactly("10.0.0.0/24");
        assertThat(IpRange.parse("10.0.0.255-10.0.1.0").orElseThrow().cidrs()).containsExactly("10.0.0.255/32",
                "10.0.1.0/32");
        assertThat(IpRange.parse("0.0.0.0/0").orElseThrow().cidrs()).containsExactly("0.0.0.0/0");
        assertThat(IpRange.parse("255.255.255.255").orElseThrow().cidrs()).containsExactly("255.255.255.255/32");
        assertThat(IpRange.parse("10.1.2.3/8").orElseThrow().cidrs()).containsExactly("10.0.0.0/8");
        assertThat(IpRange.parse("::/0").orElseThrow().cidrs()).containsExactly("0:0:0:0:0:0:0:0/0");
        assertThat(IpRange.parse("2001:db8::1-2001:db8::ffff:ffff").orElseThrow().cidrs()).hasSize(32);
        assertThat(IpRange.parse(" 10.0.0.1 - 10.0.0.2 ").orElseThrow().cidrs()).containsExactly("10.0.0.1/32",
                "10.0.0.2/32");
    }

    @Test
    void runsOfAddressesMergeAndFamiliesStaySeparate() {
        List<InetAddress> bridge = IntStream.rangeClosed(2, 17).mapToObj(i -> ip("172.17.0." + i)).toList();
        assertThat(IpRange.covering(bridge)).containsExactly("172.17.0.2/31", "172.17.0.4/30", "172.17.0.8/29",
                "172.17.0.16/31");
        assertThat(IpRange.covering(Stream.of("10.0.0.9", "fd00::1", "10.0.0.8", "10.0.0.8", "fd00::")
                .map(IpRangeTest::ip).toList())).containsExactly("10.0.0.8/31", "fd00:0:0:0:0:0:0:0/127");
        assertThat(IpRange.covering(List.of())).isEmpty();
    }

    @Test
    void onlyLiteralsAreAddresses() {
        assertThat(IpRange.address("localhost")).isEmpty();
        assertThat(IpRange.address("example.com")).isEmpty();
        assertThat(IpRange.address("::ffff:10.0.0.1").orElseThrow().getAddress()).hasSize(4);
        assertThat(IpRange.address("1:2:3:4:5:6:7:8:9")).isEmpty();
        assertThat(IpRange.address(":".repeat(10_000))).isEmpty();
        assertThat(IpRange.parse("10.0.0.1-::1")).isEmpty();
        assertThat(IpRange.parse("1".repeat(10_000))).isEmpty();
    }
}
