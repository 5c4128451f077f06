package dev.bulwark.controller.runtime;

import com.google.protobuf.ByteString;
import dev.bulwark.controller.tls.InternalCa;
import dev.bulwark.link.LinkTls;
import dev.bulwark.link.Outbound;
import dev.bulwark.link.Ports;
import dev.bulwark.link.Role;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.proto.AgentLinkGrpc;
import dev.bulwark.link.proto.BatchAck;
import dev.bulwark.link.proto.Chunk;
import dev.bulwark.link.proto.Down;
import dev.bulwark.link.proto.EnrollmentGrpc;
import dev.bulwark.link.proto.Hello;
import dev.bulwark.link.proto.JoinReply;
import dev.bulwark.link.proto.JoinRequest;
import dev.bulwark.link.proto.Up;
import dev.bulwark.link.proto.Uploaded;
import dev.bulwark.link.proto.Welcome;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/**
 * The controller's end of the link (port 18400): {@code Enrollment.Join} for enforcers and scanners with a join
 * token, {@code AgentLink.Connect} for enforcers and {@code ScannerLink.Connect} for scanners, each with a
 * certificate it issued for that role and has not revoked. An enforcer's session starts with
 * the enforcer's hello, answered by a welcome that names the last batch applied; each batch is applied and
 * acknowledged. A message that does not decode, comes out of order or is larger than {@link Ports#MAX_MESSAGE}
 * cuts that enforcer's session, never anything else.
 */
public final class LinkServer implements AutoCloseable {

    private static final Context.Key<String> MEMBER = Context.key("member");
    private static final System.Logger LOG = System.getLogger(LinkServer.class.getName());

    private final Server server;

    private LinkServer(Server server) {
        this.server = server;
    }

    /** What a session needs. */
    public record Parts(Enrollments enrollments, RuntimeState state, AgentSessions sessions, Telemetry telemetry,
            PolicyPush push, Attachments attachments, InstantSource clock) {}

    /** Starts serving enforcers, and scanners through {@code scanners}. */
    public static LinkServer start(String host, int port, InternalCa.Authority ca, Parts parts,
            BindableService scanners) {
        KeyStore.PrivateKeyEntry identity = ca.server(LinkTls.AUTHORITY);
        try {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                    .sslContext(LinkTls.server(identity.getPrivateKey(),
                            (X509Certificate[]) identity.getCertificateChain(), ca.certificate()))
                    .maxInboundMessageSize(Ports.MAX_MESSAGE)
                    .maxInboundMetadataSize(16 << 10)
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .keepAliveTime(30, TimeUnit.SECONDS)
                    .addService(ServerInterceptors.intercept(new Enrollment(parts.enrollments()), new Remote()))
                    .addService(ServerInterceptors.intercept(new Link(parts), new CertificateCheck(
                            parts.enrollments(), Role.ENFORCER)))
                    .addService(ServerInterceptors.intercept(scanners, new CertificateCheck(parts.enrollments(),
                            Role.SCANNER), new Remote()))
                    .build().start();
            return new LinkServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for enforcers on %s:%d: %s".formatted(host, port,
                    e.getMessage()), e);
        }
    }

    /** The id of the enforcer or scanner whose call this is, as its certificate says. */
    public static String caller() {
        return MEMBER.get();
    }

    /** The address a scanner's call comes from, when it is an internet address. */
    public static java.util.Optional<InetSocketAddress> peer() {
        return Remote.ADDRESS.get() instanceof InetSocketAddress a ? java.util.Optional.of(a)
                : java.util.Optional.empty();
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Enrollment extends EnrollmentGrpc.EnrollmentImplBase {
        private final Enrollments enrollments;

        Enrollment(Enrollments enrollments) {
            this.enrollments = enrollments;
        }

        @Override
        public void join(JoinRequest request, StreamObserver<JoinReply> reply) {
            String peer = String.valueOf(Remote.ADDRESS.get());
            try {
                Enrollments.Joined joined = enrollments.join(request.getToken(), request.getNode(),
                        request.getPublicKey().toByteArray(), peer, Role.ofWire(request.getRole()));
                reply.onNext(JoinReply.newBuilder().setEnforcerId(joined.id())
                        .setCertificate(ByteString.copyFrom(joined.certificate().getEncoded()))
                        .setCaCertificate(ByteString.copyFrom(enrollments.caCertificate().getEncoded())).build());
                reply.onCompleted();
            } catch (SecurityException e) {
                reply.onError(Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException());
            } catch (IllegalArgumentException e) {
                reply.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            } catch (java.security.cert.CertificateEncodingException e) {
                reply.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
            }
        }
    }

    /** Keeps the caller's address, for the record of a join. */
    private record Remote() implements ServerInterceptor {
        static final Context.Key<Object> ADDRESS = Context.key("remote");

        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                ServerCallHandler<Q, A> next) {
            return Contexts.interceptCall(Context.current().withValue(ADDRESS,
                    call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)), call, headers, next);
        }
    }

    /** Lets a call through only with a certificate of a member of the role that joined and was not revoked since. */
    private record CertificateCheck(Enrollments enrollments, Role role) implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                ServerCallHandler<Q, A> next) {
            var cert = LinkTls.peer(call.getAttributes());
            var holder = cert.flatMap(c -> enrollments.holder(role, c));
            if (holder.isEmpty()) {
                enrollments.refused(role, cert, String.valueOf(call.getAttributes().get(
                        Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
                call.close(Status.UNAUTHENTICATED.withDescription("no certificate of a joined " + role.wire()),
                        new Metadata());
                return new ServerCall.Listener<>() { };
            }
            return Contexts.interceptCall(Context.current().withValue(MEMBER, holder.get().id()), call, headers,
                    next);
        }
    }

    private static final class Link extends AgentLinkGrpc.AgentLinkImplBase {
        private final Parts parts;

        Link(Parts parts) {
            this.parts = parts;
        }

        @Override
        public StreamObserver<Up> connect(StreamObserver<Down> stream) {
            return new Session(caller(), new Outbound<>(stream), parts);
        }

        @Override
        public StreamObserver<Chunk> upload(StreamObserver<Uploaded> reply) {
            return new Upload(caller(), parts.sessions(), parts.attachments(), reply);
        }
    }

    /** One enforcer's session. */
    private static final class Session implements StreamObserver<Up> {
        private final String id;
        private final Outbound<Down> out;
        private final Parts parts;
        private volatile boolean helloSeen;
        private volatile boolean over;

        Session(String id, Outbound<Down> out, Parts parts) {
            this.id = id;
            this.out = out;
            this.parts = parts;
        }

        @Override
        public void onNext(Up up) {
            if (over) {
                return;
            }
            try {
                switch (up.getBodyCase()) {
                    case HELLO -> hello(up.getHello());
                    case BATCH -> {
                        requireHello();
                        parts.telemetry().apply(id, up.getBatch());
                        out.send(Down.newBuilder().setBatchAck(BatchAck.newBuilder().setSeq(up.getBatch().getSeq()))
                                .build());
                    }
                    case POLICY_ACK -> {
                        requireHello();
                        parts.state().policyAcked(id, up.getPolicyAck().getVersion());
                    }
                    case ANSWER -> parts.sessions().answered(id, up.getAnswer().getQuery(),
                            up.getAnswer().getJson().toByteArray(), up.getAnswer().getError());
                    default -> throw new IllegalArgumentException("an empty message");
                }
            } catch (IllegalArgumentException e) {
                cut(Status.INVALID_ARGUMENT, "enforcer %s sent %s".formatted(id, e.getMessage()));
            } catch (RuntimeException e) {
                // not acknowledged: the enforcer sends the batch again when it reconnects
                LOG.log(System.Logger.Level.ERROR, "applying what enforcer " + id + " sent failed", e);
                cut(Status.INTERNAL, "the controller could not apply what enforcer " + id + " sent");
            }
        }

        private void requireHello() {
            if (!helloSeen) {
                throw new IllegalArgumentException("a message before hello");
            }
        }

        private void hello(Hello hello) {
            if (helloSeen) {
                throw new IllegalArgumentException("a second hello");
            }
            Enrollments.Member joined = parts.enrollments().member(Role.ENFORCER, id)
                    .orElseThrow(() -> new IllegalArgumentException("hello after its revocation"));
            Host host = Telemetry.decode(hello.getHost(), Host.class);
            Instant now = parts.clock().instant();
            RuntimeState.Agent agent = parts.state().connected(id, joined.node(), host, hello.getVersion(),
                    Instant.ofEpochSecond(joined.joinedAt()), Instant.ofEpochSecond(hello.getStartedAt()), now);
            helloSeen = true;
            parts.sessions().open(id, out);
            out.send(Down.newBuilder().setWelcome(Welcome.newBuilder().setEnforcerId(id)
                    .setAppliedSeq(agent.appliedSeq())).build());
            parts.telemetry().agentEvent(agent, "Agent.Connect", "Info", "Enforcer connected");
            parts.push().connected(id);
        }

        private void cut(Status status, String why) {
            LOG.log(System.Logger.Level.WARNING, why + "; its session is cut");
            out.cut(status.withDescription(why));
            ended();
        }

        @Override
        public void onError(Throwable t) {
            ended();
        }

        @Override
        public void onCompleted() {
            ended();
            out.cut(Status.OK);
        }

        private synchronized void ended() {
            if (over) {
                return;
            }
            over = true;
            if (helloSeen) {
                parts.sessions().closed(id, out);
                if (!parts.sessions().connected(id)) {
                    parts.state().disconnected(id, parts.clock().instant());
                    parts.state().agent(id).ifPresent(a -> parts.telemetry().agentEvent(a, "Agent.Disconnect",
                            "Warning", "Enforcer disconnected"));
                }
            }
        }
    }
}
