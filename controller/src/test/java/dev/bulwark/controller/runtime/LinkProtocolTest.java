package dev.bulwark.controller.runtime;

import static dev.bulwark.controller.ApiChecks.assertOk;
import static dev.bulwark.controller.ApiChecks.each;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.tls.InternalCa;
import dev.bulwark.link.Channels;
import dev.bulwark.link.JoinToken;
import dev.bulwark.link.LinkTls;
import dev.bulwark.link.proto.AgentLinkGrpc;
import dev.bulwark.link.proto.Batch;
import dev.bulwark.link.proto.Down;
import dev.bulwark.link.proto.Hello;
import dev.bulwark.link.proto.Up;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link as a faulty or hostile enforcer meets it: every fault costs that enforcer its session and nothing else,
 * a batch sent again is applied once, and a snapshot leaves no container the node no longer runs.
 */
class LinkProtocolTest extends ControllerTest {

    @TempDir
    Path elsewhere;

    private static Up incidentBatch(long seq, String name) {
        return Up.newBuilder().setBatch(Batch.newBuilder().setSeq(seq).addIncidents(ByteString.copyFromUtf8(
                "{\"name\":\"" + name + "\",\"level\":\"Warning\",\"workload_id\":\"\"}"))).build();
    }

    private long incidents(String name) {
        return each(assertOk(c.as(admin, "GET", "/v1/log/incident", null)).body().path("incidents"), "name")
                .stream().filter(name::equals).count();
    }

    @Test
    void aBatchSentAgainAfterAReconnectIsAppliedOnce() throws Exception {
        try (TestNode node = TestNode.join(c, admin, "node-1")) {
            node.sendRaw(incidentBatch(7, "Test.Once"));
            assertThat(node.awaitAck(7)).isTrue();
            node.connect();
            assertThat(node.welcomedAt()).as("the welcome names the last batch applied").isEqualTo(7);
            node.sendRaw(incidentBatch(7, "Test.Once"));
            assertThat(node.awaitAck(7)).isTrue();
            node.sendRaw(incidentBatch(8, "Test.Once"));
            assertThat(node.awaitAck(8)).isTrue();
            assertThat(incidents("Test.Once")).isEqualTo(2);
        }
    }

    @Test
    void anEnforcersOwnEventsKeepOnlyTheirKnownFieldsAndAreStamped() throws Exception {
        try (TestNode node = TestNode.join(c, admin, "node-1")) {
            node.sendRaw(Up.newBuilder().setBatch(Batch.newBuilder().setSeq(1).addEvents(ByteString.copyFromUtf8(
                    "{\"name\":\"Agent.Start\",\"level\":\"Info\",\"message\":\"Enforcer started\","
                            + "\"user\":\"admin\",\"enforcer_id\":\"someone-else\",\"extra\":[1,2]}"))).build());
            assertThat(node.awaitAck(1)).isTrue();
            var event = java.util.stream.StreamSupport.stream(assertOk(c.as(admin, "GET", "/v1/log/event", null))
                    .body().path("events").spliterator(), false).filter(e -> e.path("name").asText()
                    .equals("Agent.Start")).findFirst().orElseThrow();
            assertThat(event.path("message").asText()).isEqualTo("Enforcer started");
            assertThat(event.path("enforcer_id").asText()).isEqualTo(node.id());
            assertThat(event.path("host_name").asText()).isEqualTo("node-1");
            assertThat(event.path("user").asText()).as("not the node's to say").isEmpty();
            assertThat(event.has("extra")).isFalse();
            assertThat(event.path("cluster_name").asText()).isNotEmpty();
        }
    }

    @Test
    void aSnapshotLeavesNoContainerTheNodeNoLongerRuns() throws Exception {
        try (TestNode node = TestNode.join(c, admin, "node-1")) {
            node.report(true, TestNode.workload("aa01", "web-1", "shop", "web", true),
                    TestNode.workload("aa02", "db-1", "shop", "db", true));
            node.connect(); // the enforcer restarted: its first report is a snapshot
            node.report(true, TestNode.workload("aa02", "db-1", "shop", "db", true));
            assertThat(each(assertOk(c.as(admin, "GET", "/v1/workload", null)).body().path("workloads"), "id"))
                    .containsExactly("aa02");
        }
    }

    @Test
    void aSecondHelloCutsTheSessionAndOthersGoOn() throws Exception {
        try (TestNode bad = TestNode.join(c, admin, "node-1"); TestNode good = TestNode.join(c, admin, "node-2")) {
            bad.sendRaw(Up.newBuilder().setHello(Hello.newBuilder().setVersion("again")).build());
            assertThat(bad.awaitEnd().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            good.report(true, TestNode.workload("aa01", "web-1", "shop", "web", true));
        }
    }

    @Test
    void anEmptyMessageOrAnOversizedOneCutsTheSession() throws Exception {
        try (TestNode empty = TestNode.join(c, admin, "node-1"); TestNode big = TestNode.join(c, admin, "node-2");
                TestNode good = TestNode.join(c, admin, "node-3")) {
            empty.sendRaw(Up.getDefaultInstance());
            assertThat(empty.awaitEnd().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            byte[] huge = ("{\"name\":\"" + "x".repeat(5 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
            big.sendRaw(Up.newBuilder().setBatch(Batch.newBuilder().setSeq(1).addIncidents(ByteString.copyFrom(huge)))
                    .build());
            assertThat(big.awaitEnd().getCode()).as("gRPC's limit, seen by the client as a cancel")
                    .isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.CANCELLED);
            good.report(true, TestNode.workload("aa01", "web-1", "shop", "web", true));
        }
    }

    @Test
    void noCertificateOrOneOfAnotherCaOpensNoSession() throws Exception {
        int port = c.controller().linkPort();
        String token = TestNode.joinToken(c, admin);
        ManagedChannel anonymous = Channels.to("127.0.0.1:" + port, LinkTls.joining(JoinToken.parse(token).caPin()));
        assertThat(session(anonymous).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        InternalCa.Authority other = InternalCa.authority(elsewhere);
        KeyPair key = TestNode.newKey();
        var forged = other.client(key.getPublic(), "0123456789abcdef", BigInteger.TEN, 1);
        ManagedChannel foreign = Channels.to("127.0.0.1:" + port, LinkTls.client(key.getPrivate(), forged,
                controllerCa()));
        assertThat(session(foreign).getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.UNAUTHENTICATED);
        assertThat(assertOk(c.as(admin, "GET", "/v1/enforcer", null)).body().path("enforcers")).isEmpty();
        assertThat(assertOk(c.as(admin, "GET", "/v1/log/event", null)).body().path("events")
                .findValuesAsText("name")).as("the refusal is recorded").contains("Agent.Connect.Denied");
    }

    private java.security.cert.X509Certificate controllerCa() throws Exception {
        return dev.bulwark.link.Pem.certificates(c.dataDir().resolve("tls/ca.pem")).getFirst();
    }

    /** How a session opened on the channel ends, before any welcome. */
    private static Status session(ManagedChannel channel) throws Exception {
        CompletableFuture<Status> end = new CompletableFuture<>();
        StreamObserver<Up> up = AgentLinkGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(Down down) {
                end.complete(Status.OK.withDescription("answered: " + down));
            }

            @Override
            public void onError(Throwable t) {
                end.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                end.complete(Status.OK);
            }
        });
        up.onNext(Up.newBuilder().setHello(Hello.newBuilder().setVersion("x")).build());
        try {
            return end.get(dev.bulwark.core.testing.Patience.HANG.toSeconds(), TimeUnit.SECONDS);
        } finally {
            channel.shutdownNow();
        }
    }
}
