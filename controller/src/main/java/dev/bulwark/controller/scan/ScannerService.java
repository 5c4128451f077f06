package dev.bulwark.controller.scan;

import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.runtime.Attachments;
import dev.bulwark.controller.runtime.Enrollments;
import dev.bulwark.controller.runtime.LinkServer;
import dev.bulwark.link.Outbound;
import dev.bulwark.link.Role;
import dev.bulwark.link.proto.Chunk;
import dev.bulwark.link.proto.Database;
import dev.bulwark.link.proto.FetchRequest;
import dev.bulwark.link.proto.ScannerDown;
import dev.bulwark.link.proto.ScannerHello;
import dev.bulwark.link.proto.ScannerLinkGrpc;
import dev.bulwark.link.proto.ScannerUp;
import dev.bulwark.link.proto.ScannerWelcome;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * The controller's end of {@code ScannerLink.Connect}: a scanner's hello makes it one that takes jobs, its results
 * end them, and the end of its session hands its jobs to others. A message out of order cuts that scanner's session
 * only. A scanner that brings a database newer than any seen before is a {@code Scanner.Update} event.
 */
public final class ScannerService extends ScannerLinkGrpc.ScannerLinkImplBase {

    /** The most jobs one scanner may run at once. */
    static final int MOST_TASKS = 64;
    /** NeuVector's {@code -max_scanner_tasks} default, for a scanner that names none. */
    static final int DEFAULT_TASKS = 2;
    private static final System.Logger LOG = System.getLogger(ScannerService.class.getName());

    private final Enrollments enrollments;
    private final ScanJobs jobs;
    private final Databases databases;
    private final Attachments attachments;
    private final EventLog events;

    public ScannerService(Enrollments enrollments, ScanJobs jobs, Databases databases, Attachments attachments,
            EventLog events) {
        this.enrollments = enrollments;
        this.jobs = jobs;
        this.databases = databases;
        this.attachments = attachments;
        this.events = events;
    }

    @Override
    public StreamObserver<ScannerUp> connect(StreamObserver<ScannerDown> stream) {
        return new Session(LinkServer.caller(), LinkServer.peer(), new Outbound<>(stream));
    }

    /** The files a job names, streamed; an id that names none is NOT_FOUND. */
    @Override
    public void fetch(FetchRequest request, StreamObserver<Chunk> response) {
        Optional<java.nio.file.Path> file = attachments.path(request.getFiles());
        try {
            if (file.isEmpty()) {
                response.onError(Status.NOT_FOUND.withDescription("no files " + request.getFiles())
                        .asRuntimeException());
                return;
            }
            FileSender.send(file.get(), (ServerCallStreamObserver<Chunk>) response);
        } catch (java.io.IOException e) {
            response.onError(Status.NOT_FOUND.withDescription("the files are gone: " + e.getMessage())
                    .asRuntimeException());
        }
    }

    private final class Session implements StreamObserver<ScannerUp> {
        private final String id;
        private final Optional<InetSocketAddress> peer;
        private final Outbound<ScannerDown> out;
        private volatile ConnectedScanner scanner;
        private volatile boolean over;

        Session(String id, Optional<InetSocketAddress> peer, Outbound<ScannerDown> out) {
            this.id = id;
            this.peer = peer;
            this.out = out;
        }

        @Override
        public void onNext(ScannerUp up) {
            if (over) {
                return;
            }
            try {
                switch (up.getBodyCase()) {
                    case HELLO -> hello(up.getHello());
                    case RESULT -> jobs.finished(welcomed(), up.getResult());
                    case CACHE_STATS -> welcomed().cacheAnswered(up.getCacheStats());
                    case DATABASE -> {
                        welcomed().database(up.getDatabase());
                        seen(up.getDatabase());
                    }
                    default -> throw new IllegalArgumentException("an empty message");
                }
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "scanner %s sent %s; its session is cut".formatted(id,
                        e.getMessage()));
                out.cut(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
                ended();
            }
        }

        private ConnectedScanner welcomed() {
            if (scanner == null) {
                throw new IllegalArgumentException("a message before hello");
            }
            return scanner;
        }

        private void hello(ScannerHello hello) {
            if (scanner != null) {
                throw new IllegalArgumentException("a second hello");
            }
            if (hello.getMaxTasks() < 0 || hello.getMaxTasks() > MOST_TASKS) {
                throw new IllegalArgumentException("max_tasks %d: a scanner runs 1 to %d jobs at once"
                        .formatted(hello.getMaxTasks(), MOST_TASKS));
            }
            Enrollments.Member member = enrollments.member(Role.SCANNER, id)
                    .orElseThrow(() -> new IllegalArgumentException("hello after its revocation"));
            Database db = hello.hasDatabase() ? hello.getDatabase() : null;
            scanner = new ConnectedScanner(id, member.node(), peer, hello.getVersion(),
                    hello.getMaxTasks() == 0 ? DEFAULT_TASKS : hello.getMaxTasks(),
                    Instant.ofEpochSecond(member.joinedAt()), db, out);
            out.send(ScannerDown.newBuilder().setWelcome(ScannerWelcome.newBuilder().setScannerId(id)).build());
            if (db != null) {
                seen(db);
            }
            jobs.connected(scanner);
            event("Scanner.Connect", "Info", id, "Scanner %s on %s connected".formatted(id, member.node()));
        }

        private void seen(Database db) {
            if (databases.newer(db)) {
                event("Scanner.Update", "Info", id, "Scanner %s brought the vulnerability database built %s"
                        .formatted(id, db.getBuilt()));
            }
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
            if (scanner != null) {
                scanner.ended();
                jobs.disconnected(scanner);
                event("Scanner.Disconnect", "Warning", id, "Scanner %s disconnected".formatted(id));
            }
        }
    }

    private void event(String name, String level, String scannerId, String message) {
        var record = events.newRecord(name, level);
        record.put("scanner_id", scannerId);
        record.put("message", message);
        events.add(record);
    }
}
