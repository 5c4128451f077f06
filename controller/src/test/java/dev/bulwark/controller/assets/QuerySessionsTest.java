package dev.bulwark.controller.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The sessions' caps, idle expiry (on a clock the test moves) and memory bound. */
class QuerySessionsTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    final QuerySessions sessions = new QuerySessions(() -> now.get());
    final Principal user = new Principal("ann", "session-hash", new Role("reader", "", true, List.of()), Map.of());
    final Principal key = new Principal("ann", "", new Role("reader", "", true, List.of()), Map.of());

    static ImageSelection empty() {
        return new ImageSelection(List.of(), List.of());
    }

    /** A selection of {@code n} clean images: weight n. */
    static ImageSelection ofWeight(int n) {
        List<ImageSelection.Counted> images = new ArrayList<>();
        Asset.Image i = new Asset.Image("id", "r", "u", "repo", "t", "", "", "", "", 0, "", "", List.of());
        for (int k = 0; k < n; k++) {
            images.add(new ImageSelection.Counted(i, new VulSelection.AssetCount("id", "repo:t", 0, 0, 0, 0)));
        }
        return new ImageSelection(images, List.of());
    }

    @Test
    void aUserKeepsTheNewestTenAndAnApiKeyTheNewestTwo() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < QuerySessions.PER_USER + 2; i++) {
            tokens.add(sessions.open(user, empty()));
        }
        assertThat(tokens.stream().filter(t -> sessions.find(user, t).isPresent()).toList())
                .isEqualTo(tokens.subList(2, tokens.size()));
        List<String> keyed = List.of(sessions.open(key, empty()), sessions.open(key, empty()),
                sessions.open(key, empty()));
        assertThat(keyed.stream().filter(t -> sessions.find(key, t).isPresent()).toList())
                .isEqualTo(keyed.subList(1, 3));
        assertThat(sessions.find(user, keyed.get(2))).as("a key's session is not its user's").isEmpty();
        assertThat(sessions.find(user, tokens.get(11))).as("the key's sessions left the user's alone").isPresent();
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutesAndUseKeepsItOpen() {
        String used = sessions.open(user, empty());
        String idle = sessions.open(user, empty());
        now.set(now.get().plus(Duration.ofMinutes(20)));
        assertThat(sessions.find(user, used)).isPresent();
        now.set(now.get().plus(Duration.ofMinutes(20)));
        assertThat(sessions.find(user, idle)).isEmpty();
        assertThat(sessions.find(user, used)).isPresent();
        now.set(now.get().plus(QuerySessions.IDLE).plusSeconds(1));
        assertThat(sessions.find(user, used)).isEmpty();
    }

    @Test
    void allSessionsTogetherStayWithinTheBoundTheNewestKept() {
        Principal bob = new Principal("bob", "s", new Role("reader", "", true, List.of()), Map.of());
        String old = sessions.open(bob, ofWeight(QuerySessions.MAX_WEIGHT / 2));
        String mid = sessions.open(user, ofWeight(QuerySessions.MAX_WEIGHT / 2));
        assertThat(sessions.find(bob, old)).isPresent();
        String big = sessions.open(user, ofWeight(QuerySessions.MAX_WEIGHT + 1));
        assertThat(sessions.find(bob, old)).isEmpty();
        assertThat(sessions.find(user, mid)).isEmpty();
        assertThat(sessions.find(user, big)).as("the newest stays even alone over the bound").isPresent();
    }
}
