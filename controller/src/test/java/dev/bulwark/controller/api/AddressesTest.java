package dev.bulwark.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void hostsAreAddressesOrNames() {
        for (String good : new String[] {"10.0.0.5", "255.255.255.255", "0.0.0.0", "syslog", "logs.example.com",
                "a-b.c1", "::1", "fe80::1", "2001:db8::8a2e:370:7334"}) {
            assertThat(Addresses.isHost(good)).as(good).isTrue();
        }
        for (String bad : new String[] {"999.999.999.999", "10.0.0", "1.2.3.4.5", "x\u0000y", "a\r\nb", "-lead",
                "trail-", "a..b", "under_score", "a".repeat(64), "x".repeat(300), ":", "1:2", "host name", ""}) {
            assertThat(Addresses.isHost(bad)).as(bad).isFalse();
        }
    }

    @Test
    void urlsAreHttpWithAHostAndNoCredentials() {
        assertThat(Addresses.url("https://proxy:3128", "f")).isEqualTo("https://proxy:3128");
        assertThat(Addresses.url("http://[::1]:8080/hook", "f")).isEqualTo("http://[::1]:8080/hook");
        assertThat(Addresses.url("", "f")).isEmpty();
        for (String bad : new String[] {"ftp://x", "https://", "https://user:pw@x", "https://x\r\nHost: y",
                "javascript:alert(1)", "https://999.1.1.1", "not a url", "https://x:99999"}) {
            assertThatThrownBy(() -> Addresses.url(bad, "webhook url")).as(bad).isInstanceOf(ApiException.class)
                    .hasMessageContaining("webhook url");
        }
    }

    @Test
    void textHasNoControlCharacters() {
        assertThat(Addresses.text("plain text, ünïcode", "f")).isEqualTo("plain text, ünïcode");
        assertThatThrownBy(() -> Addresses.text("a\nb", "cluster_name")).hasMessageContaining("control");
        assertThatThrownBy(() -> Addresses.text("a\u007fb", "cluster_name")).hasMessageContaining("control");
    }
}
