package dev.bulwark.enforcer.network.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void rendersTheNetworkWithItsHostBitsCleared() {
        assertThat(Cidr.parse("10.1.2.3").text()).isEqualTo("10.1.2.3");
        assertThat(Cidr.parse("10.1.2.3/32").text()).isEqualTo("10.1.2.3");
        assertThat(Cidr.parse("10.1.2.3/8").text()).isEqualTo("10.0.0.0/8");
        assertThat(Cidr.parse("0.0.0.0/0").text()).isEqualTo("0.0.0.0/0");
        assertThat(Cidr.parse("255.255.255.255/1").text()).isEqualTo("128.0.0.0/1");
        assertThat(Cidr.parse("FD00:0:0::1/64").text()).isEqualTo("fd00:0:0:0:0:0:0:0/64");
        assertThat(Cidr.parse("::/0").text()).isEqualTo("0:0:0:0:0:0:0:0/0");
        assertThat(Cidr.parse("2001:db8::7").ipv4()).isFalse();
        assertThat(Cidr.parse("192.0.2.7").ipv4()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "10.1", "10.1.2", "167772161", "010.1.2.3", "10.1.2.256", "10.1.2.3/33",
        "10.1.2.3/", "10.1.2.3/-1", "10.1.2.3/08x", "10.1.2.3/8/8", "::/129", "1::2::3", "::g", "fe80::1%eth0",
        "[::1]", "localhost", "example.com", "10.1.2.3; flush ruleset", "10.1.2.3\n", "10.1.2.3 ", " 10.1.2.3",
        "10.1.2.3\"", "١٠.1.2.3", "10.1.2.3/٨", "10.0.0.0/8, 0.0.0.0/0",
        "12345678901234567890123456789012345678901234567"})
    void refusesWhatIsNotANetwork(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
    }

    @Test
    void anOversizedInputIsRefusedWithAShortMessage() {
        String huge = "1".repeat(1_000_000);
        assertThatThrownBy(() -> Cidr.parse(huge)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }
}
