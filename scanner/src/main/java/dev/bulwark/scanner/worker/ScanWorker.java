package dev.bulwark.scanner.worker;

import dev.bulwark.link.Channels;
import dev.bulwark.link.Identity;
import dev.bulwark.link.Outbound;
import dev.bulwark.link.Reconnect;
import dev.bulwark.link.proto.CacheRecord;
import dev.bulwark.link.proto.CacheStats;
import dev.bulwark.link.proto.Database;
import dev.bulwark.link.proto.FetchRequest;
import dev.bulwark.link.proto.Job;
import dev.bulwark.link.proto.ScannerDown;
import dev.bulwark.link.proto.ScannerHello;
import dev.bulwark.link.proto.ScannerLinkGrpc;
import dev.bulwark.link.proto.ScannerUp;
import dev.bulwark.scanner.LayerCache;
import dev.bulwark.scanner.service.RepositoryScanner;
import dev.bulwark.vulndb.bundle.BundleHeader;
import dev.bulwark.vulndb.bundle.LiveBundle;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scanner working for a controller: it keeps a session on the link (reconnecting as the enforcer does), says
 * which database it has and how many jobs it takes at once, and runs each job it is given on one of that many
 * threads; the jobs share its scanner's layer cache, whose records and counters it gives when asked. When its
 * database is swapped ({@code bulwark db update}) it tells the controller. A job still running when its session
 * ends is finished, but its result is dropped: the controller has given the job to another scanner meanwhile.
 */
public final class ScanWorker implements AutoCloseable {

    /** NeuVector's {@code -max_scanner_tasks} default. */
    public static final int DEFAULT_TASKS = 2;
    /** The longest a job's files take to come from the controller. */
    static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);
    /** How often the database file is looked at for a swap. */
    static final Duration DATABASE_CHECK = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(ScanWorker.class.getName());

    /**
     * @param controller the controller's link, {@code HOST:PORT}
     * @param maxTasks the jobs run at once (NeuVector's default is 2)
     */
    public record Settings(String controller, Identity identity, int maxTasks, String version) {
        public Settings {
            if (maxTasks < 1 || maxTasks > 64) {
                throw new IllegalArgumentException("a scanner runs 1 to 64 jobs at once, not " + maxTasks);
            }
        }
    }

    private final Settings settings;
    private final Optional<LiveBundle> database;
    private final Jobs jobs;
    private final LayerCache cache;
    private final ExecutorService pool;
    private final Thread connector;
    private volatile Session current;
    private volatile boolean closing;

    public ScanWorker(Settings settings, RepositoryScanner scanner, Optional<LiveBundle> database) {
        this.settings = settings;
        this.database = database;
        this.jobs = new Jobs(scanner, database, this::fetch);
        this.cache = scanner.cache();
        AtomicLong threads = new AtomicLong();
        this.pool = Executors.newFixedThreadPool(settings.maxTasks(), r -> Thread.ofPlatform().daemon()
                .name("scan-job-" + threads.incrementAndGet()).unstarted(r));
        connector = Thread.ofPlatform().daemon().name("scanner-link").start(() -> Reconnect.loop(
                settings.controller(), () -> closing, () -> {
                    Session s = new Session();
                    current = s;
                    s.run();
                    return s.welcomed.getCount() == 0;
                }));
    }

    /** Whether a session is up and welcomed. */
    public boolean connected() {
        Session s = current;
        return s != null && s.welcomed.getCount() == 0 && !s.over;
    }

    /** The files a job names, from the controller over the current session, into a temporary file. */
    private Path fetch(String files) throws IOException {
        Session s = current;
        if (s == null || s.channel == null || s.over) {
            throw new IOException("not connected to the controller");
        }
        Path tar = Files.createTempFile("bulwark-files-", ".tar.gz");
        try (OutputStream out = Files.newOutputStream(tar)) {
            var chunks = ScannerLinkGrpc.newBlockingStub(s.channel).withDeadlineAfter(FETCH_TIMEOUT.toSeconds(),
                    TimeUnit.SECONDS).fetch(FetchRequest.newBuilder().setFiles(files).build());
            while (chunks.hasNext()) {
                out.write(chunks.next().getData().toByteArray());
            }
            return tar;
        } catch (StatusRuntimeException | IOException e) {
            Files.deleteIfExists(tar);
            throw new IOException("fetching the files to scan failed: " + e.getMessage(), e);
        }
    }

    private Optional<Database> databaseInfo() {
        return database.map(live -> live.read(bundle -> {
            BundleHeader h = bundle.header();
            return Database.newBuilder().setBuilt(h.built()).setSchema(h.schema()).setAdvisories(h.advisories())
                    .build();
        }));
    }

    /** The layer cache's records and counters, answering query {@code query}. */
    private CacheStats cacheStats(long query) {
        LayerCache.Stats stats = cache.stats();
        CacheStats.Builder out = CacheStats.newBuilder().setQuery(query).setTotalSize(stats.totalBytes())
                .setHits(stats.hits()).setMisses(stats.misses());
        stats.records().forEach(r -> out.addRecords(CacheRecord.newBuilder().setLayerId(r.layerId())
                .setSize(r.size()).setReferenceCount(r.referenceCount())
                .setLastReferred(r.lastReferred().toEpochMilli())));
        return out.build();
    }

    /** One connection: it ends when the stream ends, either way. */
    private final class Session implements StreamObserver<ScannerDown> {
        private final CountDownLatch welcomed = new CountDownLatch(1);
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile Outbound<ScannerUp> up;
        private volatile ManagedChannel channel;
        private volatile boolean over;

        void run() {
            channel = Channels.to(settings.controller(), settings.identity().tls());
            try {
                up = new Outbound<>(ScannerLinkGrpc.newStub(channel).connect(this));
                Optional<Database> db = databaseInfo();
                ScannerHello.Builder hello = ScannerHello.newBuilder().setVersion(settings.version())
                        .setMaxTasks(settings.maxTasks());
                db.ifPresent(hello::setDatabase);
                up.send(ScannerUp.newBuilder().setHello(hello).build());
                while (!ended.await(DATABASE_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                    Optional<Database> now = databaseInfo();
                    if (now.isPresent() && !now.equals(db)) {
                        db = now;
                        up.send(ScannerUp.newBuilder().setDatabase(now.get()).build());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                over = true;
                channel.shutdownNow();
            }
        }

        @Override
        public void onNext(ScannerDown down) {
            switch (down.getBodyCase()) {
                case WELCOME -> {
                    welcomed.countDown();
                    LOG.log(System.Logger.Level.INFO, "connected to the controller at " + settings.controller()
                            + " as scanner " + down.getWelcome().getScannerId());
                }
                case JOB -> start(down.getJob());
                case CACHE_QUERY -> up.send(ScannerUp.newBuilder().setCacheStats(cacheStats(
                        down.getCacheQuery().getId())).build());
                default -> { }
            }
        }

        private void start(Job job) {
            pool.execute(() -> {
                var result = jobs.run(job);
                if (!over) {
                    up.send(ScannerUp.newBuilder().setResult(result).build());
                }
            });
        }

        @Override
        public void onError(Throwable t) {
            Status s = Status.fromThrowable(t);
            if (s.getCode() == Status.Code.PERMISSION_DENIED || s.getCode() == Status.Code.UNAUTHENTICATED) {
                LOG.log(System.Logger.Level.ERROR, "the controller refuses this scanner: " + s.getDescription()
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

        void finish() {
            Outbound<ScannerUp> u = up;
            if (u != null) {
                u.cut(Status.OK);
            }
            onCompleted();
        }
    }

    /** Ends the session and stops the jobs running. */
    @Override
    public void close() {
        closing = true;
        Session s = current;
        if (s != null) {
            s.finish();
        }
        connector.interrupt();
        pool.shutdownNow();
        try {
            connector.join(5_000);
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
