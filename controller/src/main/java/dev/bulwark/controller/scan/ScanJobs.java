package dev.bulwark.controller.scan;

import com.google.protobuf.ByteString;
import dev.bulwark.link.proto.Job;
import dev.bulwark.link.proto.JobResult;
import dev.bulwark.link.proto.ScannerDown;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scan jobs and the scanners that run them, as NeuVector's controller schedules them: a high priority queue
 * (what a user or a CI job asked for) served before a low one (automatic scans), each job given to the scanner
 * with the most credit left. A job whose scanner goes away, fails on its own account or takes longer than
 * {@link #JOB_TIMEOUT} goes back to the head of its queue for another scanner, at most {@link #MAX_RETRIES} times;
 * a job that fails because of what it scans fails at once. Thread-safe: one dispatcher thread gives out jobs;
 * sessions report results and departures.
 */
public final class ScanJobs implements AutoCloseable {

    /** NeuVector's {@code -scan_job_fail_retry_max}. */
    public static final int MAX_RETRIES = 5;
    /** NeuVector's {@code -scan_job_queue_capacity}. */
    public static final int QUEUE_CAPACITY = 2048;
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(15);

    public enum Priority { HIGH, LOW }

    /** Why a job did not give a report: the scanner's one line, or the scheduler's. */
    public static final class ScanFailed extends RuntimeException {
        private final boolean badRequest;

        ScanFailed(String message, boolean badRequest) {
            super(message, null, false, false);
            this.badRequest = badRequest;
        }

        /** Whether the request itself was wrong, rather than the scan failing. */
        public boolean badRequest() {
            return badRequest;
        }
    }

    /** The queue is full: the caller is told to come back later. */
    public static final class QueueFull extends RuntimeException {
        QueueFull() {
            super("Maximum concurrent scan limit (%d) reached.".formatted(QUEUE_CAPACITY), null, false, false);
        }
    }

    /** What {@code /v1/scan/status} counts. */
    public record Counts(long scanned, int scheduled, int scanning, long failed) {}

    /** The upper bounds, in seconds, of the buckets job durations are counted in, as Prometheus histograms have. */
    public static final double[] DURATION_BUCKETS = {0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900};

    /** How long the jobs that ended took, from a scanner taking them: counts per bucket (cumulative), sum, count. */
    public record Durations(long[] buckets, double sum, long count) {}

    private static final class ScanJob {
        final long id;
        final String kind;
        final byte[] request;
        final Priority priority;
        final Runnable onStart;
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        int retries;

        ScanJob(long id, String kind, byte[] request, Priority priority, Runnable onStart) {
            this.id = id;
            this.kind = kind;
            this.request = request;
            this.priority = priority;
            this.onStart = onStart;
        }
    }

    private record Assignment(ScanJob job, ConnectedScanner scanner, long startedAt) {}

    private final InstantSource clock;
    private final Object monitor = new Object();
    private final Deque<ScanJob> high = new ArrayDeque<>();
    private final Deque<ScanJob> low = new ArrayDeque<>();
    private final Map<String, ConnectedScanner> scanners = new ConcurrentHashMap<>();
    private final Map<Long, Assignment> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong scanned = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long[] durationBuckets = new long[DURATION_BUCKETS.length];
    private double durationSum;
    private long durationCount;
    private final Thread dispatcher;
    private volatile boolean closed;

    public ScanJobs(InstantSource clock) {
        this.clock = clock;
        dispatcher = Thread.ofPlatform().daemon().name("scan-dispatcher").start(this::dispatchUntilClosed);
    }

    /**
     * Queues a job; the future gives the scanner's report (JSON) or fails with {@link ScanFailed}. Cancelling the
     * future drops the job if no scanner has it yet.
     *
     * @throws QueueFull when {@link #QUEUE_CAPACITY} jobs wait already
     */
    public CompletableFuture<byte[]> submit(String kind, byte[] request, Priority priority) {
        return submit(kind, request, priority, () -> { });
    }

    /** {@link #submit}, told each time a scanner is given the job. */
    public CompletableFuture<byte[]> submit(String kind, byte[] request, Priority priority, Runnable onStart) {
        ScanJob job = new ScanJob(ids.incrementAndGet(), kind, request, priority, onStart);
        synchronized (monitor) {
            if (high.size() + low.size() >= QUEUE_CAPACITY) {
                dropCancelled();
            }
            if (high.size() + low.size() >= QUEUE_CAPACITY) {
                throw new QueueFull();
            }
            queue(priority).addLast(job);
            monitor.notifyAll();
        }
        return job.result;
    }

    /** A scanner's session is open: it takes jobs from now on (a reconnect replaces its earlier session). */
    void connected(ConnectedScanner scanner) {
        ConnectedScanner old = scanners.put(scanner.id(), scanner);
        if (old != null) {
            left(old, "scanner %s connected again".formatted(old.id()));
        }
        signal();
    }

    /** A scanner's session ended: its jobs go to other scanners. */
    void disconnected(ConnectedScanner scanner) {
        if (scanners.remove(scanner.id(), scanner)) {
            left(scanner, "scanner %s went away".formatted(scanner.id()));
        }
    }

    private void left(ConnectedScanner scanner, String why) {
        for (Assignment a : List.copyOf(running.values())) {
            if (a.scanner() == scanner && running.remove(a.job().id, a)) {
                retry(a.job(), why);
            }
        }
        signal();
    }

    /** A scanner's result; one for a job it no longer holds (given to another since) is dropped. */
    void finished(ConnectedScanner scanner, JobResult result) {
        Assignment a = running.get(result.getJob());
        if (a == null || a.scanner() != scanner || !running.remove(result.getJob(), a)) {
            return;
        }
        scanner.release();
        timed((clock.millis() - a.startedAt()) / 1000.0);
        if (result.getError().isEmpty()) {
            scanned.incrementAndGet();
            scanner.scannedOne();
            a.job().result.complete(result.getReport().toByteArray());
        } else if (result.getRetry()) {
            retry(a.job(), result.getError());
        } else {
            fail(a.job(), result.getError(), result.getBadRequest());
        }
        signal();
    }

    private synchronized void timed(double seconds) {
        for (int i = 0; i < DURATION_BUCKETS.length; i++) {
            if (seconds <= DURATION_BUCKETS[i]) {
                durationBuckets[i]++;
            }
        }
        durationSum += seconds;
        durationCount++;
    }

    public synchronized Durations durations() {
        return new Durations(durationBuckets.clone(), durationSum, durationCount);
    }

    public List<ConnectedScanner> scanners() {
        return scanners.values().stream().sorted(Comparator.comparing(ConnectedScanner::id)).toList();
    }

    public Counts counts() {
        int queued;
        synchronized (monitor) {
            queued = high.size() + low.size();
        }
        return new Counts(scanned.get(), queued, running.size(), failed.get());
    }

    private void retry(ScanJob job, String why) {
        if (++job.retries > MAX_RETRIES) {
            fail(job, "%s (given up after %d retries)".formatted(why, MAX_RETRIES), false);
            return;
        }
        synchronized (monitor) {
            queue(job.priority).addFirst(job);
            monitor.notifyAll();
        }
    }

    private void fail(ScanJob job, String why, boolean badRequest) {
        failed.incrementAndGet();
        job.result.completeExceptionally(new ScanFailed(why, badRequest));
    }

    private Deque<ScanJob> queue(Priority priority) {
        return priority == Priority.HIGH ? high : low;
    }

    private void signal() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    private void dispatchUntilClosed() {
        while (!closed) {
            try {
                dispatchOne();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits for a job and a scanner with credit, and gives the one to the other. */
    private void dispatchOne() throws InterruptedException {
        ScanJob job;
        ConnectedScanner scanner;
        synchronized (monitor) {
            while (true) {
                if (closed) {
                    return;
                }
                timeOutOverdue();
                dropCancelled();
                Optional<ConnectedScanner> free = mostCredit();
                if (!(high.isEmpty() && low.isEmpty()) && free.isPresent() && free.get().acquire()) {
                    scanner = free.get();
                    job = high.isEmpty() ? low.pollFirst() : high.pollFirst();
                    break;
                }
                monitor.wait(Math.min(JOB_TIMEOUT.toMillis(), 1_000));
            }
        }
        Assignment a = new Assignment(job, scanner, clock.millis());
        running.put(job.id, a);
        job.onStart.run();
        boolean sent = scanner.send(ScannerDown.newBuilder().setJob(Job.newBuilder().setId(job.id).setKind(job.kind)
                .setRequest(ByteString.copyFrom(job.request))).build());
        if (!sent && running.remove(job.id, a)) {
            // the session is ending; its departure will follow, and the job goes to the next scanner as it was
            scanner.release();
            synchronized (monitor) {
                queue(job.priority).addFirst(job);
            }
            disconnected(scanner);
        }
    }

    private Optional<ConnectedScanner> mostCredit() {
        return scanners.values().stream().filter(s -> s.credit() > 0)
                .max(Comparator.comparingInt(ConnectedScanner::credit));
    }

    private void dropCancelled() {
        high.removeIf(j -> j.result.isDone());
        low.removeIf(j -> j.result.isDone());
    }

    /** A job that has run too long goes to another scanner; its scanner's credit comes back. */
    private void timeOutOverdue() {
        long now = clock.millis();
        for (Assignment a : List.copyOf(running.values())) {
            if (now - a.startedAt() > JOB_TIMEOUT.toMillis() && running.remove(a.job().id, a)) {
                a.scanner().release();
                retry(a.job(), "scanner %s took longer than %d minutes".formatted(a.scanner().id(),
                        JOB_TIMEOUT.toMinutes()));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        List<ScanJob> left = new ArrayList<>();
        synchronized (monitor) {
            left.addAll(high);
            left.addAll(low);
            high.clear();
            low.clear();
        }
        running.values().forEach(a -> left.add(a.job()));
        running.clear();
        left.forEach(j -> j.result.completeExceptionally(new ScanFailed("the controller is stopping", false)));
    }
}
