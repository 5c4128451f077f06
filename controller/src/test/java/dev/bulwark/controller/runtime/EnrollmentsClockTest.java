package dev.bulwark.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.store.EmbeddedStore;
import dev.bulwark.controller.tls.InternalCa;
import dev.bulwark.link.JoinToken;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Join tokens on a clock the test moves: expiry and the allowed validity, without waiting for either. */
class EnrollmentsClockTest {

    @TempDir
    Path dir;

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T12:00:00Z"));
    final InstantSource clock = now::get;
    EmbeddedStore store;
    EventLog events;
    Enrollments enrollments;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir.resolve("store"));
        events = new EventLog(EventLog.DEFAULT_CAPACITY, "test", clock);
        enrollments = new Enrollments(new Records(store), InternalCa.authority(dir.resolve("tls")), events, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] key(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair().getPublic().getEncoded();
    }

    @Test
    void aTokenServesUntilItExpiresAndIsRefusedAfterwardsWithTheRefusalRecorded() throws Exception {
        JoinToken token = enrollments.createToken("admin", Duration.ofHours(1));
        now.updateAndGet(t -> t.plus(Duration.ofMinutes(59)));
        Enrollments.Joined joined = enrollments.join(token.toString(), "node-1", key("secp256r1"), "10.0.0.9");
        assertThat(enrollments.enforcer(joined.enforcerId())).isPresent();

        now.updateAndGet(t -> t.plus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> enrollments.join(token.toString(), "node-2", key("secp256r1"), "10.0.0.9"))
                .isInstanceOf(SecurityException.class).hasMessageContaining("expired");
        assertThat(events.all()).anySatisfy(e -> {
            assertThat(e.path("name").asText()).isEqualTo("Agent.Join.Denied");
            assertThat(e.path("message").asText()).contains("10.0.0.9", "expired");
        });
        assertThat(enrollments.enforcers()).hasSize(1);
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
            assertThatThrownBy(() -> enrollments.join(token.toString(), "node-1", key, "10.0.0.9"))
                    .isInstanceOf(SecurityException.class);
        }
        assertThat(enrollments.enforcers()).isEmpty();
    }
}
