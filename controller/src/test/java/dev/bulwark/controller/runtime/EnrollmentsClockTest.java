package dev.bulwark.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.controller.StoreOnClock;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.tls.InternalCa;
import dev.bulwark.link.JoinToken;
import dev.bulwark.link.Role;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Join tokens on a clock the test moves: expiry and the allowed validity, without waiting for either. */
class EnrollmentsClockTest {

    @TempDir
    Path dir;

    StoreOnClock on;
    EventLog events;
    Enrollments enrollments;

    @BeforeEach
    void open() {
        on = new StoreOnClock(dir);
        events = on.events();
        enrollments = new Enrollments(on.records(), InternalCa.authority(dir.resolve("tls")), events, on.clock());
    }

    @AfterEach
    void close() {
        on.close();
    }

    private static byte[] key(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair().getPublic().getEncoded();
    }

    @Test
    void aTokenServesUntilItExpiresAndIsRefusedAfterwardsWithTheRefusalRecorded() throws Exception {
        JoinToken token = enrollments.createToken("admin", Duration.ofHours(1));
        on.pass(Duration.ofMinutes(59));
        Enrollments.Joined joined = enrollments.join(token.toString(), "node-1", key("secp256r1"), "10.0.0.9",
                Role.ENFORCER);
        assertThat(enrollments.member(Role.ENFORCER, joined.id())).isPresent();

        on.pass(Duration.ofMinutes(1));
        assertThatThrownBy(() -> enrollments.join(token.toString(), "node-2", key("secp256r1"), "10.0.0.9",
                Role.ENFORCER))
                .isInstanceOf(SecurityException.class).hasMessageContaining("expired");
        assertThat(events.all()).anySatisfy(e -> {
            assertThat(e.path("name").asText()).isEqualTo("Agent.Join.Denied");
            assertThat(e.path("message").asText()).contains("10.0.0.9", "expired");
        });
        assertThat(enrollments.members(Role.ENFORCER)).hasSize(1);
    }

    @Test
    void aTokenIsValidForOneMinuteToThirtyDays() {
        for (Duration d : new Duration[] {Duration.ofSeconds(59), Duration.ZERO, Duration.ofSeconds(-5),
                Duration.ofDays(30).plusSeconds(1)}) {
            assertThatThrownBy(() -> enrollments.createToken("admin", d)).as(d.toString())
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        enrollments.createToken("admin", Duration.ofMinutes(1));
        enrollments.createToken("admin", Duration.ofDays(30));
        assertThat(enrollments.tokens()).hasSize(2);
    }

    @Test
    void aNodeKeyThatIsNotP256IsRefused() throws Exception {
        JoinToken token = enrollments.createToken("admin", Duration.ofHours(1));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        for (byte[] key : new byte[][] {key("secp384r1"), rsa.generateKeyPair().getPublic().getEncoded(),
                new byte[] {1, 2, 3}, new byte[0]}) {
            assertThatThrownBy(() -> enrollments.join(token.toString(), "node-1", key, "10.0.0.9", Role.ENFORCER))
                    .isInstanceOf(SecurityException.class);
        }
        assertThat(enrollments.members(Role.ENFORCER)).isEmpty();
    }
}
