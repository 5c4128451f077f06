package dev.bulwark.controller.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.network.ConversationsVerdict.Action;
import dev.bulwark.controller.network.ConversationsVerdict.Verdict;
import dev.bulwark.link.model.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The conversation graph: counting, its bounds, the action it shows, deleting. */
class ConversationsTest {

    private static Endpoints.Endpoint end(String id) {
        return new Endpoints.Endpoint(id, Endpoints.Kind.WORKLOAD_IP, id, "", "", Optional.empty());
    }

    private static Connection seen(int port, long last) {
        return new Connection("", false, "10.0.0.1", "10.0.0.2", port, 6, "", "", "open", 0, 1, 10, last, last);
    }

    private static Verdict as(Action action) {
        return new Verdict(action, 0, false);
    }

    @Test
    void entriesCountSessionsAndBytesPerPortAndAction() {
        Conversations g = new Conversations();
        g.add(end("a"), end("b"), seen(80, 5), as(Action.ALLOW));
        g.add(end("a"), end("b"), seen(80, 9), as(Action.ALLOW));
        g.add(end("a"), end("b"), seen(80, 7), as(Action.VIOLATE));
        var c = g.between("a", "b").orElseThrow();
        assertThat(c.entries()).hasSize(2);
        assertThat(c.sessions()).isEqualTo(3);
        assertThat(c.bytes()).isEqualTo(30);
        assertThat(c.entries()).extracting(Conversations.Entry::lastSeen).containsExactly(9L, 7L);
        assertThat(c.entries().getFirst().firstSeen()).isEqualTo(5);
        assertThat(c.action()).as("the latest of port 80 is allow").isEqualTo(Action.ALLOW);
        g.add(end("a"), end("b"), seen(81, 1), as(Action.VIOLATE));
        assertThat(g.between("a", "b").orElseThrow().action()).isEqualTo(Action.VIOLATE);
        assertThat(g.between("b", "a")).isEmpty();
    }

    @Test
    void countersSaturateInsteadOfWrapping() {
        Conversations g = new Conversations();
        Connection huge = new Connection("", false, "10.0.0.1", "10.0.0.2", 80, 6, "", "", "open", 0,
                Long.MAX_VALUE, Long.MAX_VALUE, 1, 1);
        g.add(end("a"), end("b"), huge, as(Action.ALLOW));
        g.add(end("a"), end("b"), huge, as(Action.ALLOW));
        g.add(end("a"), end("b"), seen(81, 1), as(Action.ALLOW));
        assertThat(g.between("a", "b").orElseThrow().bytes()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theLeastRecentlySeenGoPastTheBoundsAndAreCounted() {
        Conversations g = new Conversations(3, 2, 100);
        for (int port = 1; port <= 4; port++) {
            g.add(end("a"), end("b"), seen(port, port), as(Action.ALLOW));
        }
        assertThat(g.between("a", "b").orElseThrow().entries()).extracting(e -> e.key().port()).containsExactly(3, 4);
        assertThat(g.dropped()).isEqualTo(2);
        g.add(end("c"), end("d"), seen(1, 1), as(Action.ALLOW));
        g.add(end("e"), end("f"), seen(1, 1), as(Action.ALLOW));
        g.add(end("a"), end("b"), seen(4, 9), as(Action.ALLOW));
        g.add(end("g"), end("h"), seen(1, 1), as(Action.ALLOW));
        assertThat(g.all()).extracting(c -> c.from().id()).containsExactly("e", "a", "g");
        assertThat(g.dropped()).isEqualTo(3);
    }

    @Test
    void aServersApplicationsByPortAreTheLatestRecognisedAndFollowDeletes() {
        Conversations g = new Conversations();
        Connection http = new Connection("", false, "10.0.0.1", "10.0.0.2", 80, 6, "HTTP", "", "open", 0, 1, 1, 5, 5);
        Connection grpc = new Connection("", false, "10.0.0.3", "10.0.0.2", 80, 6, "gRPC", "", "open", 0, 1, 1, 9, 9);
        Connection dns = new Connection("", false, "10.0.0.3", "10.0.0.2", 53, 17, "DNS", "", "open", 0, 1, 1, 1, 1);
        g.add(end("a"), end("b"), http, as(Action.ALLOW));
        g.add(end("c"), end("b"), grpc, as(Action.ALLOW));
        g.add(end("c"), end("b"), dns, as(Action.ALLOW));
        g.add(end("c"), end("b"), seen(8080, 1), as(Action.ALLOW));
        assertThat(g.applicationPorts("b")).containsExactly(java.util.Map.entry("tcp/80", "gRPC"),
                java.util.Map.entry("udp/53", "DNS"));
        assertThat(g.applicationPorts("a")).isEmpty();
        g.delete("c", "b");
        assertThat(g.applicationPorts("b")).containsExactly(java.util.Map.entry("tcp/80", "HTTP"));
    }

    @Test
    void entriesInAllAreBoundedToo() {
        Conversations g = new Conversations(1_000, 4, 10);
        for (int client = 0; client < 5; client++) {
            for (int port = 1; port <= 3; port++) {
                g.add(end("c" + client), end("s"), seen(port, port), as(Action.ALLOW));
            }
        }
        assertThat(g.all()).extracting(c -> c.from().id()).containsExactly("c2", "c3", "c4");
        assertThat(g.dropped()).isEqualTo(6);
        g.delete("c2", "s");
        g.deleteEndpoint("c3");
        for (int client = 5; client < 8; client++) {
            g.add(end("c" + client), end("s"), seen(1, 1), as(Action.ALLOW));
        }
        assertThat(g.all()).as("what deletes freed counts again").hasSize(4);
        assertThat(g.dropped()).isEqualTo(6);
        g.clear();
        for (int client = 0; client < 10; client++) {
            g.add(end("c" + client), end("s"), seen(1, 1), as(Action.ALLOW));
        }
        assertThat(g.all()).hasSize(10);
    }

    @Test
    void deletingOneAnEndpointsOrAll() {
        Conversations g = new Conversations();
        g.add(end("a"), end("b"), seen(1, 1), as(Action.ALLOW));
        g.add(end("b"), end("c"), seen(1, 1), as(Action.ALLOW));
        g.add(end("c"), end("d"), seen(1, 1), as(Action.ALLOW));
        assertThat(g.delete("a", "b")).isTrue();
        assertThat(g.delete("a", "b")).isFalse();
        assertThat(g.deleteEndpoint("c")).isTrue();
        assertThat(g.all()).isEmpty();
        g.add(end("a"), end("b"), seen(1, 1), as(Action.ALLOW));
        g.clear();
        assertThat(g.all()).isEmpty();
    }
}
