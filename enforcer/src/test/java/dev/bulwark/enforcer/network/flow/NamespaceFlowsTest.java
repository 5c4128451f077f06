package dev.bulwark.enforcer.network.flow;

import static dev.bulwark.enforcer.network.flow.Packets.ipv4;
import static dev.bulwark.enforcer.network.flow.Packets.tcp;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.link.model.Connection;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The join of conntrack entries and captured packets, fed as the reader feeds it. */
class NamespaceFlowsTest {

    private static final String LOCAL = "10.9.0.2";
    private static final String REMOTE = "10.9.0.1";

    private final FlowCounters counters = new FlowCounters();
    private final ConnectionTotals totals = new ConnectionTotals(1000, counters.dropped);
    private final List<DnsAnswer> answers = new ArrayList<>();

    private NamespaceFlows flows(int capacity) throws Exception {
        return new NamespaceFlows("web-1", Set.of(InetAddress.getByName(LOCAL)), capacity, 16, counters, totals,
                answers::add);
    }

    private static FlowTuple tuple(String source, int sourcePort, String destination, int destinationPort)
            throws Exception {
        return new FlowTuple(6, InetAddress.getByName(source), sourcePort, InetAddress.getByName(destination),
                destinationPort);
    }

    private static ConntrackEntry entry(long id, FlowTuple original, long bytes, boolean destroyed) {
        return new ConntrackEntry(destroyed, id, original, original.reversed(), 1, bytes, 0);
    }

    private static LoggedPacket captured(String source, int sourcePort, String destination, int destinationPort,
            int flags, String payload) throws Exception {
        return new LoggedPacket(1, "bw-cap", ipv4(6, source, destination, tcp(sourcePort, destinationPort, flags,
                payload.getBytes(US_ASCII))));
    }

    @Test
    void aConnectionReportsItsSessionOnceAndItsBytesSinceTheLastReport() throws Exception {
        NamespaceFlows flows = flows(8);
        FlowTuple out = tuple(LOCAL, 40000, REMOTE, 80);
        flows.packet(captured(LOCAL, 40000, REMOTE, 80, IpPacket.SYN, ""), 100);
        flows.packet(captured(LOCAL, 40000, REMOTE, 80, 0x18, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 100);
        flows.conntrack(entry(5, out, 300, false), 100, false);
        flows.report(100, 0);
        List<Connection> first = totals.drain();
        flows.conntrack(entry(5, out, 1000, true), 104, false);
        flows.report(104, 100);
        List<Connection> second = totals.drain();
        flows.report(105, 104);

        assertThat(first).singleElement().satisfies(c -> {
            assertThat(c.workload()).isEqualTo("web-1");
            assertThat(c.ingress()).isFalse();
            assertThat(c.clientIp()).isEqualTo(LOCAL);
            assertThat(c.serverIp()).isEqualTo(REMOTE);
            assertThat(c.serverPort()).isEqualTo(80);
            assertThat(c.application()).isEqualTo("HTTP");
            assertThat(c.sessions()).isEqualTo(1);
            assertThat(c.bytes()).isEqualTo(300);
        });
        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.sessions()).isZero();
            assertThat(c.bytes()).isEqualTo(700);
            assertThat(c.lastSeen()).isEqualTo(104);
            assertThat(c.firstSeen()).isEqualTo(100);
        });
        assertThat(totals.drain()).as("closed and forgotten").isEmpty();
        assertThat(flows.tracked()).isZero();
    }

    @Test
    void theServerSideIsIngressAndASynAckMeansTheOtherEndOpened() throws Exception {
        NamespaceFlows flows = flows(8);
        flows.packet(captured(LOCAL, 80, REMOTE, 51000, IpPacket.SYN | IpPacket.ACK, ""), 100);
        flows.report(200, 0);
        assertThat(totals.drain()).as("packets alone are no session until conntrack lists the connection").isEmpty();
        flows.conntrack(entry(7, tuple(REMOTE, 51000, LOCAL, 80), 60, false), 201, false);
        flows.report(202, 200);

        assertThat(totals.drain()).singleElement().satisfies(c -> {
            assertThat(c.ingress()).isTrue();
            assertThat(c.clientIp()).isEqualTo(REMOTE);
            assertThat(c.serverPort()).isEqualTo(80);
        });
    }

    @Test
    void aConnectionForgottenIsNotCountedAgainByALateDumpEntryOrPacket() throws Exception {
        NamespaceFlows flows = flows(8);
        FlowTuple t = tuple(LOCAL, 40000, REMOTE, 8080);
        flows.conntrack(entry(5, t, 120, false), 100, false);
        flows.conntrack(entry(5, t, 200, true), 101, false);
        flows.report(110, 0);
        assertThat(totals.drain()).singleElement().satisfies(c -> assertThat(c.sessions()).isEqualTo(1));

        flows.dumpStarted(true);
        flows.conntrack(entry(5, t, 200, false), 111, true); // listed by a rescan begun before the destruction
        flows.packet(captured(REMOTE, 8080, LOCAL, 40000, IpPacket.ACK, ""), 111);
        flows.report(120, 110);
        assertThat(totals.drain()).isEmpty();

        flows.conntrack(entry(6, t, 50, false), 130, false); // the tuple opened again: a new connection
        flows.report(140, 120);
        assertThat(totals.drain()).singleElement().satisfies(c -> assertThat(c.sessions()).isEqualTo(1));
    }

    @Test
    void packetsConntrackNeverConfirmedMakeRoomFirst() throws Exception {
        NamespaceFlows flows = flows(2);
        flows.packet(captured(LOCAL, 40001, REMOTE, 80, IpPacket.ACK, ""), 100); // late packets of forgotten ones
        flows.packet(captured(LOCAL, 40002, REMOTE, 80, IpPacket.ACK, ""), 100);
        flows.conntrack(entry(3, tuple(LOCAL, 40003, REMOTE, 80), 10, false), 101, false);
        flows.conntrack(entry(4, tuple(LOCAL, 40004, REMOTE, 80), 10, false), 101, false);
        flows.report(110, 0);
        assertThat(totals.drain()).singleElement().satisfies(c -> assertThat(c.sessions()).isEqualTo(2));
        assertThat(counters.dropped.get()).isZero();
    }

    @Test
    void onlyARescanTakesWhatItListsAsNewConnections() throws Exception {
        NamespaceFlows flows = flows(8);
        flows.dumpStarted(false);
        flows.conntrack(entry(1, tuple(LOCAL, 40001, REMOTE, 80), 10, false), 100, true);
        flows.dumpCompleted();
        flows.report(110, 0);
        assertThat(totals.drain()).as("a periodic dump only brings bytes").isEmpty();

        flows.dumpStarted(true);
        flows.conntrack(entry(1, tuple(LOCAL, 40001, REMOTE, 80), 10, false), 111, true);
        flows.dumpCompleted();
        flows.report(120, 110);
        assertThat(totals.drain()).singleElement().satisfies(c -> assertThat(c.sessions()).isEqualTo(1));
    }

    @Test
    void aFullTableForgetsTheOldestReportedConnectionForANewOne() throws Exception {
        NamespaceFlows flows = flows(2);
        flows.conntrack(entry(1, tuple(LOCAL, 40001, REMOTE, 80), 10, false), 100, false);
        flows.conntrack(entry(2, tuple(LOCAL, 40002, REMOTE, 80), 10, false), 100, false);
        flows.report(110, 0);
        assertThat(totals.drain()).singleElement().satisfies(c -> assertThat(c.sessions()).isEqualTo(2));

        flows.conntrack(entry(3, tuple(LOCAL, 40003, REMOTE, 80), 10, false), 111, false);
        flows.conntrack(entry(4, tuple(LOCAL, 40004, REMOTE, 80), 10, false), 111, false);
        flows.conntrack(entry(5, tuple(LOCAL, 40005, REMOTE, 80), 10, false), 111, false);
        flows.report(120, 110);
        assertThat(totals.drain()).as("room is made from reported ones only").singleElement()
                .satisfies(c -> assertThat(c.sessions()).isEqualTo(2));
        assertThat(counters.dropped.get()).isEqualTo(1);
        assertThat(flows.tracked()).isEqualTo(2);
    }

    @Test
    void aNewConnectionWaitsForItsApplicationThenGoesWithout() throws Exception {
        NamespaceFlows flows = flows(8);
        flows.conntrack(entry(5, tuple(LOCAL, 40000, REMOTE, 8080), 120, false), 100, false);
        flows.report(100, 0);
        assertThat(totals.drain()).isEmpty();
        flows.report(100 + NamespaceFlows.APPLICATION_WAIT_SECONDS, 100);
        assertThat(totals.drain()).singleElement().satisfies(c -> assertThat(c.application()).isEmpty());
    }

    @Test
    void deniedPacketsAreDeniesOfTheirRule() throws Exception {
        NamespaceFlows flows = flows(8);
        byte[] syn = ipv4(6, LOCAL, REMOTE, tcp(40000, 22, IpPacket.SYN, new byte[0]));
        flows.packet(new LoggedPacket(2, "bw-deny:42:", syn), 100);
        flows.packet(new LoggedPacket(2, "bw-deny:42:", syn), 101);
        flows.packet(new LoggedPacket(2, "bw-quar:", ipv4(6, LOCAL, REMOTE, tcp(40001, 22, IpPacket.SYN,
                new byte[0]))), 101);
        flows.report(101, 0);

        assertThat(totals.drain()).extracting(Connection::action, Connection::ruleId, Connection::sessions,
                Connection::bytes).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("deny", 42, 1L, 80L),
                        org.assertj.core.groups.Tuple.tuple("deny", 0, 1L, 40L));
        assertThat(NamespaceFlows.deniedBy("bw-cap")).isEqualTo(Flow.NOT_DENIED);
        assertThat(NamespaceFlows.deniedBy("bw-deny:7")).isEqualTo(7);
        assertThatThrownBy(() -> NamespaceFlows.deniedBy("bw-deny:x:")).isInstanceOf(
                MalformedMessageException.class);
    }

    @Test
    void connectionsPastTheCapAreDroppedAndCounted() throws Exception {
        NamespaceFlows flows = flows(2);
        for (int port = 1; port <= 5; port++) {
            flows.conntrack(entry(port, tuple(LOCAL, 40000 + port, REMOTE, 80), 100, false), 100, false);
        }
        assertThat(flows.tracked()).isEqualTo(2);
        assertThat(counters.dropped.get()).isEqualTo(3);
    }

    @Test
    void classifiersAreHeldOnlyUntilTheyDecideAndAtMostSoManyAtOnce() throws Exception {
        NamespaceFlows flows = flows(NamespaceFlows.CLASSIFYING_AT_ONCE + 8);
        for (int port = 1; port <= NamespaceFlows.CLASSIFYING_AT_ONCE + 1; port++) {
            flows.packet(captured(LOCAL, 10000 + port, REMOTE, 80, 0x18, "G"), 100);
        }
        assertThat(counters.dropped.get()).as("one past the classifiers' cap").isEqualTo(1);

        flows.packet(captured(LOCAL, 10001, REMOTE, 80, 0x18, "ET / HTTP/1.1\r\nHost: x\r\n\r\n"), 100);
        flows.packet(captured(LOCAL, 20000, REMOTE, 80, IpPacket.SYN, ""), 100);
        flows.packet(captured(LOCAL, 20000, REMOTE, 80, 0x18, "GET / HTTP/1.1\r\n\r\n"), 100);
        assertThat(counters.dropped.get()).as("a decision frees a classifier for the next").isEqualTo(1);
    }

    @Test
    void conversationsPastTheirCapBetweenDrainsAreDroppedAndCounted() throws Exception {
        ConnectionTotals small = new ConnectionTotals(1, counters.dropped);
        NamespaceFlows flows = new NamespaceFlows("web-1", Set.of(InetAddress.getByName(LOCAL)), 8, 16, counters,
                small, answers::add);
        flows.conntrack(entry(1, tuple(LOCAL, 40000, REMOTE, 80), 100, false), 100, false);
        flows.conntrack(entry(2, tuple(LOCAL, 40001, REMOTE, 80), 100, false), 100, false);
        flows.conntrack(entry(3, tuple(LOCAL, 40002, REMOTE, 443), 100, false), 100, false);
        flows.report(110, 100);

        assertThat(small.drain()).singleElement().satisfies(c -> assertThat(c.sessions()).isEqualTo(2));
        assertThat(counters.dropped.get()).isEqualTo(1);
    }

    @Test
    void aDumpThatNoLongerListsAConnectionClosesIt() throws Exception {
        NamespaceFlows flows = flows(8);
        FlowTuple gone = tuple(LOCAL, 40000, REMOTE, 80);
        FlowTuple live = tuple(LOCAL, 40001, REMOTE, 80);
        flows.conntrack(entry(1, gone, 100, false), 100, false);
        flows.conntrack(entry(2, live, 100, false), 100, false);
        flows.dumpStarted(false);
        flows.conntrack(entry(2, live, 150, false), 110, true);
        flows.dumpCompleted();
        flows.report(110, 100);

        assertThat(flows.tracked()).as("the closed one forgotten").isEqualTo(1);
        assertThat(totals.drain()).as("one conversation: client ports are not part of it").singleElement()
                .satisfies(c -> {
                    assertThat(c.sessions()).isEqualTo(2);
                    assertThat(c.bytes()).isEqualTo(250);
                });
    }

    @Test
    void aTupleOpenedAgainUnderAnotherIdIsANewSession() throws Exception {
        NamespaceFlows flows = flows(8);
        FlowTuple t = tuple(LOCAL, 40000, REMOTE, 80);
        flows.conntrack(entry(1, t, 100, false), 100, false);
        flows.conntrack(entry(2, t, 40, false), 101, false);
        flows.report(110, 100);

        assertThat(totals.drain()).singleElement().satisfies(c -> {
            assertThat(c.sessions()).isEqualTo(2);
            assertThat(c.bytes()).isEqualTo(140);
        });
    }

    @Test
    void aDnsAnswerNamesTheServerAndReachesTheListener() throws Exception {
        NamespaceFlows flows = flows(8);
        byte[] response = {0, 1, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 3, 'a', 'p', 'i', 4, 't', 'e',
                's', 't', 0, 0, 1, 0, 1, (byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 10, 9, 0, 1};
        flows.packet(new LoggedPacket(1, "bw-cap", Packets.ipv4(17, LOCAL, "10.9.0.53",
                Packets.udp(33333, 53, new byte[] {0, 1}))), 100);
        flows.packet(new LoggedPacket(1, "bw-cap", Packets.ipv4(17, "10.9.0.53", LOCAL,
                Packets.udp(53, 33333, response))), 100);
        flows.conntrack(entry(9, tuple(LOCAL, 40000, REMOTE, 443), 10, false), 101, false);
        flows.report(110, 100);

        assertThat(answers).containsExactly(new DnsAnswer("api.test", List.of(InetAddress.getByName(REMOTE)), 30));
        assertThat(totals.drain()).filteredOn(c -> c.serverPort() == 443).singleElement()
                .satisfies(c -> assertThat(c.fqdn()).isEqualTo("api.test"));
    }
}
