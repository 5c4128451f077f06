package dev.bulwark.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void eachClientAProxyForwardsForIsCountedApart() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.failed("10.0.0.9", "192.0.2.1", 0);
        }
        assertThat(throttle.allowed("10.0.0.9", "192.0.2.1", 1)).isFalse();
        assertThat(throttle.allowed("10.0.0.9", "192.0.2.2", 1)).isTrue();
        assertThat(throttle.allowed("10.0.0.9", null, 1)).isTrue();
        assertThat(throttle.allowed("10.0.0.9", "192.0.2.1", LoginThrottle.WINDOW_MILLIS + 1)).isTrue();
    }

    @Test
    void aClientVaryingItsForwardedAddressMeetsThePeersBound() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < LoginThrottle.MAX_PEER_FAILURES; i++) {
            assertThat(throttle.allowed("203.0.113.5", "spoof-" + i, 0)).isTrue();
            throttle.failed("203.0.113.5", "spoof-" + i, 0);
        }
        assertThat(throttle.allowed("203.0.113.5", "spoof-new", 0)).isFalse();
        assertThat(throttle.allowed("203.0.113.6", "spoof-new", 0)).isTrue();
    }

    @Test
    void theLastForwardedAddressCountsAndLongOnesAreCut() {
        LoginThrottle throttle = new LoginThrottle();
        String longForward = "x".repeat(100_000);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.failed("10.0.0.9", "198.51.100.7, 192.0.2.1", 0);
            throttle.failed("10.0.0.8", longForward + i, 0);
        }
        assertThat(throttle.allowed("10.0.0.9", "192.0.2.1", 1)).isFalse();
        assertThat(throttle.allowed("10.0.0.9", "anything, 192.0.2.1", 1)).isFalse();
        // past 64 characters the rest is not the key: the same long prefix is one client
        assertThat(throttle.allowed("10.0.0.8", longForward + "other", 1)).isFalse();
    }
}
