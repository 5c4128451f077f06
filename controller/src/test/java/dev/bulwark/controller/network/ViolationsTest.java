package dev.bulwark.controller.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.StoreOnClock;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.auth.Role;
import dev.bulwark.controller.network.ConversationsVerdict.Action;
import dev.bulwark.controller.network.ConversationsVerdict.Verdict;
import dev.bulwark.link.model.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The violations log: records, folding of repeats within a minute, its bound and who may read what. */
class ViolationsTest {

    @TempDir
    Path dir;
    NetworkFixture f;

    @BeforeEach
    void start() {
        f = new NetworkFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static Endpoints.Endpoint end(String id, String domain) {
        return new Endpoints.Endpoint(id, Endpoints.Kind.EXTERNAL, id, "", domain, Optional.empty());
    }

    private static Connection to(int port, long sessions) {
        return new Connection("", false, "10.1.0.10", "10.1.0.20", port, 6, "", "", "open", 0, sessions, 1, 1, 1);
    }

    private void record(Violations log, String client, String server, int port, Action action) {
        log.record(f.agent(), end(client, "shop"), end(server, "vault"), to(port, 2), new Verdict(action, 0, false));
    }

    @Test
    void repeatsWithinAMinuteFoldIntoOneRecord() {
        StoreOnClock clock = f.store;
        Violations log = new Violations("c", clock.clock());
        record(log, "a", "b", 80, Action.VIOLATE);
        clock.pass(Duration.ofSeconds(30));
        for (int i = 0; i < 10_000; i++) {
            record(log, "a", "b", 80, Action.VIOLATE);
        }
        assertThat(log.all()).singleElement().satisfies(v -> {
            assertThat(v.path("count").asLong()).isEqualTo(10_001);
            assertThat(v.path("sessions").asLong()).isEqualTo(20_002);
            assertThat(v.path("reported_at").asText()).isEqualTo("2026-12-04T12:00:30Z");
        });
        assertThat(log.folded()).isEqualTo(10_000);

        record(log, "a", "b", 81, Action.VIOLATE);
        record(log, "a", "b", 80, Action.DENY);
        record(log, "b", "a", 80, Action.VIOLATE);
        assertThat(log.all()).hasSize(4);

        clock.pass(Duration.ofSeconds(30));
        record(log, "a", "b", 80, Action.VIOLATE);
        assertThat(log.all()).as("a minute after the first, a new record").hasSize(5);
        assertThat(log.all().getFirst().path("count").asLong()).isEqualTo(1);
    }

    @Test
    void aNewViolationOfAContainerClientIsASecurityEventAboutIt() {
        f.workload("w1", "web", "shop", "10.1.0.10", "Monitor");
        Violations log = new Violations("c", f.store.clock());
        List<JsonNode> events = new java.util.ArrayList<>();
        log.onViolation(events::add);
        Endpoints.Endpoint web = Endpoints.of(f.state).at("10.1.0.10");
        log.record(f.agent(), web, end("external", ""), to(80, 1), new Verdict(Action.VIOLATE, 0, false));
        log.record(f.agent(), web, end("external", ""), to(80, 1), new Verdict(Action.VIOLATE, 0, false));
        log.record(f.agent(), end("external", ""), web, to(80, 1), new Verdict(Action.DENY, 0, false));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.path("workload_id").asText()).isEqualTo("w1");
            assertThat(e.path("name").asText()).isEqualTo("Network.Violation");
            assertThat(e.path("level").asText()).isEqualTo("Warning");
        });
        assertThat(log.all()).noneMatch(r -> r.has("workload_id"));
    }

    @Test
    void aFoldedRecordAlreadyListedIsNotChanged() {
        Violations log = new Violations("c", f.store.clock());
        record(log, "a", "b", 80, Action.VIOLATE);
        JsonNode listed = log.all().getFirst();
        record(log, "a", "b", 80, Action.VIOLATE);
        assertThat(listed.path("count").asLong()).isEqualTo(1);
        assertThat(log.all().getFirst().path("count").asLong()).isEqualTo(2);
    }

    @Test
    void theOldestGoPastTheBound() {
        Violations log = new Violations("c", f.store.clock(), 3);
        for (int port = 1; port <= 5; port++) {
            record(log, "a", "b", port, Action.VIOLATE);
        }
        assertThat(log.all()).extracting(v -> v.path("server_port").asInt()).containsExactly(5, 4, 3);
        record(log, "a", "b", 1, Action.VIOLATE);
        assertThat(log.all()).extracting(v -> v.path("server_port").asInt()).containsExactly(1, 5, 4);
        record(log, "a", "b", 5, Action.VIOLATE);
        assertThat(log.all()).as("port 5 folded: moved up, nothing out").extracting(v -> v.path("server_port")
                .asInt()).containsExactly(5, 1, 4);
        for (int i = 0; i < 100_000; i++) {
            record(log, "x" + i, "b", 80, Action.VIOLATE);
        }
        assertThat(log.all()).hasSize(3);
        record(log, "x99999", "b", 80, Action.VIOLATE);
        assertThat(log.all()).hasSize(3);
        assertThat(log.all().getFirst().path("count").asInt()).isEqualTo(2);
    }

    @Test
    void aNamespaceUserReadsTheViolationsOfItsNamespaces() {
        Violations log = new Violations("c", f.store.clock());
        record(log, "a", "b", 80, Action.VIOLATE);
        log.record(f.agent(), end("x", "other"), end("y", ""), to(80, 1), new Verdict(Action.VIOLATE, 0, false));
        Role reader = Role.BUILT_IN.get(1);
        Principal shop = new Principal("ann", "s", new Role("", "", true, List.of()), Map.of("shop",
                reader.inNamespace()));
        Principal vault = new Principal("bob", "s", new Role("", "", true, List.of()), Map.of("vault",
                reader.inNamespace()));
        Principal none = new Principal("cy", "s", new Role("", "", true, List.of()), Map.of("empty",
                reader.inNamespace()));
        assertThat(reader.allows(Permissions.SECURITY_EVENTS, false)).isTrue();
        assertThat(log.readable(shop)).extracting(v -> v.path("client_id").asText()).containsExactly("a");
        assertThat(log.readable(vault)).extracting(v -> v.path("client_id").asText()).containsExactly("a");
        assertThat(log.readable(none)).isEmpty();
        assertThat(log.readable(NetworkFixture.ADMIN)).hasSize(2);
    }
}
