package dev.bulwark.enforcer.network.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FqdnNameTest {

    @Test
    void namesAreLowerCaseWithoutTheFinalDotAndTheirSetsArePlainNames() {
        FqdnName name = FqdnName.parse("API.Example.COM.");

        assertThat(name.name()).isEqualTo("api.example.com");
        assertThat(name.setName(true)).matches("fq4_[0-9a-f]{20}");
        assertThat(name.setName(false)).matches("fq6_[0-9a-f]{20}").endsWith(name.setName(true).substring(4));
        assertThat(FqdnName.parse("*.example.com").setName(true)).isNotEqualTo(name.setName(true));
        assertThat(FqdnName.parse("_sip._tcp.example.com").name()).isEqualTo("_sip._tcp.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a..com", "-a.com", "a-.com", "a.com\"", "a.com; flush ruleset", "a.com\n",
        "a com", "*", "*.", "a.*.com", "**.a.com", "é.com", "a/b", "a\\b"})
    void refusesWhatIsNotADnsName(String text) {
        assertThatThrownBy(() -> FqdnName.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
    }

    @Test
    void aNameCoversItselfAndAWildcardEveryNameBelowIt() {
        assertThat(FqdnName.parse("db.example.com").covers("DB.example.com.")).isTrue();
        assertThat(FqdnName.parse("db.example.com").covers("x.db.example.com")).isFalse();
        FqdnName wildcard = FqdnName.parse("*.example.com");
        assertThat(wildcard.covers("a.example.com")).isTrue();
        assertThat(wildcard.covers("a.b.Example.com.")).isTrue();
        assertThat(wildcard.covers("example.com")).isFalse();
        assertThat(wildcard.covers("badexample.com")).isFalse();
        assertThat(wildcard.covers(".example.com")).isFalse();
        assertThat(wildcard.covers("")).isFalse();
    }

    @Test
    void labelsAndNamesHaveDnsLengths() {
        String label = "a".repeat(63);
        assertThat(FqdnName.parse(label + ".com").name()).hasSize(67);
        assertThatThrownBy(() -> FqdnName.parse("a" + label + ".com")).isInstanceOf(IllegalArgumentException.class);
        String longest = String.join(".", label, label, label, "a".repeat(61));
        assertThat(FqdnName.parse(longest).name()).hasSize(253);
        assertThatThrownBy(() -> FqdnName.parse(longest + "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FqdnName.parse("a.".repeat(500_000))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressesAreRenderedWithoutScopeAndRefreshedWithTheirWholeTimeToLive() throws Exception {
        FqdnName name = FqdnName.parse("db.example.com");
        var v6 = new FqdnAddress(name, InetAddress.getByName("fe80::1%1"), Duration.ofMillis(1500));
        var v4 = new FqdnAddress(name, InetAddress.ofLiteral("192.0.2.9"), Duration.ofMinutes(2));

        assertThat(FqdnAddress.refreshCommands(List.of(v4, v6)).lines().toList()).containsExactly(
                "add element inet bulwark " + name.setName(true) + " { 192.0.2.9 timeout 120s }",
                "delete element inet bulwark " + name.setName(true) + " { 192.0.2.9 }",
                "add element inet bulwark " + name.setName(true) + " { 192.0.2.9 timeout 120s }",
                "add element inet bulwark " + name.setName(false) + " { fe80:0:0:0:0:0:0:1 timeout 1s }",
                "delete element inet bulwark " + name.setName(false) + " { fe80:0:0:0:0:0:0:1 }",
                "add element inet bulwark " + name.setName(false) + " { fe80:0:0:0:0:0:0:1 timeout 1s }");
        assertThatThrownBy(() -> new FqdnAddress(name, v4.address(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
