package dev.bulwark.enforcer.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.bulwark.core.json.Json;
import dev.bulwark.link.Channels;
import dev.bulwark.link.Identity;
import dev.bulwark.link.Reconnect;
import dev.bulwark.link.model.Connection;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.Learned;
import dev.bulwark.link.model.Workload;
import dev.bulwark.link.proto.AgentLinkGrpc;
import dev.bulwark.link.proto.Answer;
import dev.bulwark.link.proto.Batch;
import dev.bulwark.link.proto.Chunk;
import dev.bulwark.link.proto.Down;
import dev.bulwark.link.proto.Hello;
import dev.bulwark.link.proto.PolicyAck;
import dev.bulwark.link.proto.Query;
import dev.bulwark.link.proto.Up;
import dev.bulwark.link.proto.Uploaded;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The enforcer's session with its controller, kept up for as long as the enforcer runs: it connects with the node's
 * certificate, says hello, sends a snapshot of the node's containers, sends again what the spool holds, then sends
 * telemetry in batches every {@link #FLUSH} and applies what the controller pushes. A lost connection is retried
 * with growing, jittered waits ({@link Reconnect}); while it is down, durable telemetry waits in the
 * {@link Spool} and the last policy stays in force.
 */
public final class ControllerLink implements AutoCloseable {

    static final Duration FLUSH = Duration.ofMillis(200);
    static final String SCAN_FILES = "scan_files";
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);
    private static final int CHUNK = 1 << 20;
    private static final Duration FINISH_WAIT = Duration.ofSeconds(2);
    private static final int MAX_BATCH = 2_000;
    private static final ObjectMapper JSON = Json.compactSnakeCase();
    private static final System.Logger LOG = System.getLogger(ControllerLink.class.getName());

    /** What the link asks the rest of the enforcer. */
    public interface Node {
        Host host();

        /** Every container this node runs now. */
        List<Workload> workloads();

        /** The JSON answer to a controller's question about a container. */
        byte[] answer(String kind, String workload) throws Exception;

        /**
         * Writes the files a scanner needs of a container ({@code workload}), or of the host (empty), as a gzip'd
         * tar; the JSON answer says what was collected and what was not.
         */
        byte[] collectFiles(String workload, OutputStream out) throws Exception;

        /** Puts a pushed policy in force; returns once it is. */
        void applyPolicy(long version, byte[] json);

        /** The version of the policy in force, 0 for none. */
        long policyVersion();
    }

    private final String address;
    private final Identity identity;
    private final Node node;
    private final Spool spool;
    private final String version;
    private final Instant started = Instant.now();
    private final LinkedBlockingQueue<Workload> changed = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> stopped = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> incidents = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> learned = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> events = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> connections = new LinkedBlockingQueue<>();
    private final AtomicLong sessions = new AtomicLong();
    private volatile Session current;
    private volatile boolean closing;
    private final Thread connector;
    private final Thread flusher;

    public ControllerLink(String address, Identity identity, Node node, Spool spool, String version) {
        this.address = address;
        this.identity = identity;
        this.node = node;
        this.spool = spool;
        this.version = version;
        event("Agent.Start", "Enforcer started");
        connector = Thread.ofPlatform().daemon().name("enforcer-link").start(this::connectUntilClosed);
        flusher = Thread.ofPlatform().daemon().name("enforcer-link-flush").start(this::flushUntilClosed);
    }

    /** A container started or changed. */
    public void workload(Workload w) {
        changed.add(w);
    }

    public void stopped(String id) {
        stopped.add(id);
    }

    public void incident(Object incident) {
        incidents.add(json(incident));
    }

    public void learned(Learned l) {
        learned.add(json(l));
    }

    /** Conversations seen since the last report: kept as incidents are, since violations and rules come of them. */
    public void connections(List<Connection> seen) {
        seen.forEach(c -> connections.add(json(c)));
    }

    /** An event of the enforcer's own ({@code Agent.Start}, {@code Agent.Stop}), kept as incidents are. */
    private void event(String name, String message) {
        Instant now = Instant.now();
        events.add(json(java.util.Map.of("name", name, "level", "Info", "message", message, "reported_timestamp",
                now.getEpochSecond(), "reported_at", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString())));
    }

    /** Whether a session is up and welcomed. */
    public boolean connected() {
        Session s = current;
        return s != null && s.welcomed.getCount() == 0 && !s.over;
    }

    /** Sessions opened so far. */
    public long sessions() {
        return sessions.get();
    }

    public long dropped() {
        return spool.dropped();
    }

    private void connectUntilClosed() {
        Reconnect.loop(address, () -> closing, () -> {
            Session s = new Session();
            current = s;
            s.run();
            return s.welcomed.getCount() == 0;
        });
    }

    private void flushUntilClosed() {
        while (!closing) {
            try {
                Thread.sleep(FLUSH.toMillis());
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "sending telemetry failed", e);
            }
        }
    }

    /** Sends what is queued: durable records through the spool, container changes when connected. */
    void flush() {
        Batch.Builder durable = Batch.newBuilder();
        drain(incidents, b -> durable.addIncidents(ByteString.copyFrom(b)));
        drain(learned, b -> durable.addLearned(ByteString.copyFrom(b)));
        drain(events, b -> durable.addEvents(ByteString.copyFrom(b)));
        drain(connections, b -> durable.addConnections(ByteString.copyFrom(b)));
        if (durable.getIncidentsCount() + durable.getLearnedCount() + durable.getEventsCount()
                + durable.getConnectionsCount() > 0) {
            spool.add(durable);
        }
        Session s = current;
        if (s == null || !connected()) {
            return;
        }
        s.sendSpooled();
        Batch.Builder state = Batch.newBuilder();
        drain(changed, w -> state.addWorkloads(ByteString.copyFrom(json(w))));
        drain(stopped, state::addStopped);
        if (state.getWorkloadsCount() + state.getStoppedCount() > 0) {
            s.send(Up.newBuilder().setBatch(state).build());
        }
    }

    private static <T> void drain(LinkedBlockingQueue<T> queue, java.util.function.Consumer<T> into) {
        List<T> items = new ArrayList<>();
        queue.drainTo(items, MAX_BATCH);
        items.forEach(into);
    }

    private static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One connection: it ends when the stream ends, either way. */
    private final class Session implements StreamObserver<Down> {
        private final CountDownLatch welcomed = new CountDownLatch(1);
        private final CountDownLatch ended = new CountDownLatch(1);
        private StreamObserver<Up> up;
        private volatile ManagedChannel channel;
        private volatile boolean over;
        /** The last spooled batch sent in this session: they go strictly in order, as the controller expects. */
        private long sentThrough;

        void run() {
            channel = Channels.to(address, identity.tls());
            try {
                up = AgentLinkGrpc.newStub(channel).connect(this);
                send(Up.newBuilder().setHello(Hello.newBuilder().setVersion(version)
                        .setStartedAt(started.getEpochSecond()).setHost(ByteString.copyFrom(json(node.host())))
                        .setPolicyVersion(node.policyVersion())).build());
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                over = true;
                channel.shutdownNow();
            }
        }

        synchronized void sendSpooled() {
            for (Batch b : spool.after(sentThrough)) {
                send(Up.newBuilder().setBatch(b).build());
                sentThrough = b.getSeq();
            }
        }

        synchronized void send(Up message) {
            if (!over) {
                try {
                    up.onNext(message);
                } catch (RuntimeException e) {
                    over = true;
                    ended.countDown();
                }
            }
        }

        @Override
        public void onNext(Down down) {
            switch (down.getBodyCase()) {
                case WELCOME -> welcome(down.getWelcome().getAppliedSeq());
                case BATCH_ACK -> spool.acknowledged(down.getBatchAck().getSeq());
                case POLICY -> {
                    try {
                        node.applyPolicy(down.getPolicy().getVersion(), down.getPolicy().getJson().toByteArray());
                        send(Up.newBuilder().setPolicyAck(PolicyAck.newBuilder().setVersion(down.getPolicy()
                                .getVersion())).build());
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "policy version " + down.getPolicy().getVersion()
                                + " from the controller is refused, the one before stays in force: " + e.getMessage());
                    }
                }
                case QUERY -> {
                    if (down.getQuery().getKind().equals(SCAN_FILES)) {
                        Thread.ofVirtual().name("scan-files").start(() -> sendFiles(down.getQuery()));
                    } else {
                        answer(down.getQuery());
                    }
                }
                default -> { }
            }
        }

        /** Drops what the controller applied, then sends the snapshot and what the spool still holds. */
        private void welcome(long appliedSeq) {
            sessions.incrementAndGet();
            spool.acknowledged(appliedSeq);
            Batch.Builder snapshot = Batch.newBuilder().setFull(true);
            changed.clear();
            stopped.clear();
            node.workloads().forEach(w -> snapshot.addWorkloads(ByteString.copyFrom(json(w))));
            send(Up.newBuilder().setBatch(snapshot).build());
            synchronized (this) {
                sentThrough = appliedSeq;
            }
            sendSpooled();
            welcomed.countDown();
            LOG.log(System.Logger.Level.INFO, "connected to the controller at " + address);
        }

        /** Collects a container's files into a temporary file, uploads them, then answers what was sent. */
        private void sendFiles(Query q) {
            Answer.Builder a = Answer.newBuilder().setQuery(q.getId());
            Path tar = null;
            try {
                tar = Files.createTempFile("bulwark-scan-files-", ".tar.gz");
                byte[] summary;
                try (OutputStream out = Files.newOutputStream(tar)) {
                    summary = node.collectFiles(q.getWorkload(), out);
                }
                upload(q.getId(), tar);
                a.setJson(ByteString.copyFrom(summary));
            } catch (Exception e) {
                a.setError(e.getMessage() == null ? e.toString() : e.getMessage());
            } finally {
                if (tar != null) {
                    try {
                        Files.deleteIfExists(tar);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "cannot delete " + tar + ": " + e.getMessage());
                    }
                }
            }
            send(Up.newBuilder().setAnswer(a).build());
        }

        /**
         * Streams a file to the controller for a query, a chunk at a time as the stream is ready for it (the
         * enforcer's small heap never holds more than a chunk or two), and waits until the controller has it.
         */
        private void upload(long query, Path file) throws Exception {
            CompletableFuture<Uploaded> done = new CompletableFuture<>();
            java.util.concurrent.Semaphore ready = new java.util.concurrent.Semaphore(0);
            AtomicReference<ClientCallStreamObserver<Chunk>> stream = new AtomicReference<>();
            AgentLinkGrpc.newStub(channel).withDeadlineAfter(UPLOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .upload(new ClientResponseObserver<Chunk, Uploaded>() {
                        @Override
                        public void beforeStart(ClientCallStreamObserver<Chunk> requests) {
                            stream.set(requests);
                            requests.setOnReadyHandler(ready::release);
                        }

                        @Override
                        public void onNext(Uploaded value) {
                            done.complete(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.completeExceptionally(t);
                            ready.release();
                        }

                        @Override
                        public void onCompleted() {
                            done.complete(Uploaded.getDefaultInstance());
                        }
                    });
            ClientCallStreamObserver<Chunk> out = stream.get();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] data;
                while ((data = in.readNBytes(CHUNK)).length > 0) {
                    while (!out.isReady() && !done.isDone()) {
                        ready.tryAcquire(1, TimeUnit.SECONDS);
                    }
                    if (done.isDone()) {
                        break;
                    }
                    out.onNext(Chunk.newBuilder().setId(query).setData(ByteString.copyFrom(data)).build());
                }
                out.onCompleted();
            } catch (IOException | RuntimeException e) {
                out.onError(e);
                throw e;
            }
            done.get(UPLOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        private void answer(Query q) {
            Answer.Builder a = Answer.newBuilder().setQuery(q.getId());
            try {
                a.setJson(ByteString.copyFrom(node.answer(q.getKind(), q.getWorkload())));
            } catch (Exception e) {
                a.setError(e.getMessage() == null ? e.toString() : e.getMessage());
            }
            send(Up.newBuilder().setAnswer(a).build());
        }

        /** Says it is done (after the last batch) and waits a moment for the controller to end the session. */
        void finish() {
            synchronized (this) {
                if (!over) {
                    try {
                        up.onCompleted();
                    } catch (RuntimeException e) {
                        over = true;
                    }
                }
            }
            try {
                ended.await(FINISH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            onCompleted();
        }

        @Override
        public void onError(Throwable t) {
            Status s = Status.fromThrowable(t);
            if (s.getCode() == Status.Code.PERMISSION_DENIED || s.getCode() == Status.Code.UNAUTHENTICATED) {
                LOG.log(System.Logger.Level.ERROR, "the controller refuses this enforcer: " + s.getDescription()
                        + "; join again with a new token");
            }
            over = true;
            ended.countDown();
        }

        @Override
        public void onCompleted() {
            over = true;
            ended.countDown();
        }
    }

    /** Stops the session; incidents and learned rules still queued are spooled for the next start. */
    @Override
    public void close() {
        closing = true;
        flusher.interrupt();
        try {
            flusher.join(5_000);
            event("Agent.Stop", "Enforcer stopped");
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "telemetry queued at the stop could not be spooled", e);
        }
        Session s = current;
        if (s != null) {
            s.finish();
        }
        connector.interrupt();
        try {
            connector.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
