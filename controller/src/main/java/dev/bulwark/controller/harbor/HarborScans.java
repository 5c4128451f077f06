package dev.bulwark.controller.harbor;

import dev.bulwark.controller.scan.ScanJobs;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The scans Harbor asked for, by id, in memory only: Harbor polls a scan until it has the report, and a
 * controller that restarts has lost every scan in flight anyway (Harbor then gets 404 and marks the scan failed).
 * A scan runs until its job ends or {@link #SCAN_TIMEOUT} has passed (Harbor's own wait for a report); once ended,
 * its outcome is kept for {@link #KEEP}, and of the ended scans only the latest {@link #MAX_KEPT}, whose packed
 * reports hold at most {@link #MAX_KEPT_BYTES} together: the oldest go first, and asking for one that went is a 404.
 * A report is kept after it was read, since Harbor reads it once per report type it asked for.
 *
 * <p>An id is a random UUID and the only thing that finds its scan, so a caller sees only the scans it was told
 * of. Thread-safe.
 */
final class HarborScans {

    /** How long the outcome of an ended scan is kept. */
    static final Duration KEEP = Duration.ofHours(1);
    /** How many ended scans are kept at most. */
    static final int MAX_KEPT = 1_000;
    /** How many bytes of packed reports are kept at most (a report is up to 4 MiB packed, most far less). */
    static final long MAX_KEPT_BYTES = 256L << 20;
    /** Harbor's {@code checkTimeout}: it stops polling a scan after this long. */
    static final Duration SCAN_TIMEOUT = Duration.ofMinutes(30);

    /** What a scan has come to. */
    sealed interface Outcome {
        /** Queued or being scanned. */
        record Running() implements Outcome {}

        /** The scanner's report, gzipped JSON as the link carried it. */
        record Done(HarborScanRequest.Artifact artifact, byte[] packedReport, Instant at) implements Outcome {}

        /** Why there is no report, in one line. */
        record Failed(String message) implements Outcome {}
    }

    private static final class Scan {
        final String id;
        final HarborScanRequest.Artifact artifact;
        final CompletableFuture<byte[]> report;
        Outcome outcome = new Outcome.Running();
        long size;
        Instant endedAt;

        Scan(String id, HarborScanRequest.Artifact artifact, CompletableFuture<byte[]> report) {
            this.id = id;
            this.artifact = artifact;
            this.report = report;
        }
    }

    private final Function<byte[], CompletableFuture<byte[]>> queue;
    private final InstantSource clock;
    private final Map<String, Scan> scans = new HashMap<>();
    private final Deque<Scan> ended = new ArrayDeque<>();
    private long endedBytes;

    /**
     * @param queue queues a {@code repository} job with the request given, and gives its report (see
     *     {@link ScanJobs#submit}); it may throw {@link ScanJobs.QueueFull}
     */
    HarborScans(Function<byte[], CompletableFuture<byte[]>> queue, InstantSource clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Queues the scan and gives its id.
     *
     * @throws ScanJobs.QueueFull when the scanning service takes no more jobs for now
     */
    String submit(HarborScanRequest request) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<byte[]> report = queue.apply(request.repositoryRequest(id))
                .orTimeout(SCAN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Scan scan = new Scan(id, request.artifact(), report);
        synchronized (this) {
            prune();
            scans.put(id, scan);
        }
        report.whenComplete((_, _) -> ended(scan));
        return id;
    }

    /** The outcome of the scan with this id; empty when there is none, or no longer. */
    synchronized Optional<Outcome> find(String id) {
        prune();
        return Optional.ofNullable(scans.get(id)).map(s -> s.outcome);
    }

    /** The scans known: running, and ended but kept. */
    synchronized int size() {
        return scans.size();
    }

    private synchronized void ended(Scan scan) {
        scan.endedAt = clock.instant();
        try {
            byte[] packed = scan.report.join();
            scan.outcome = new Outcome.Done(scan.artifact, packed, scan.endedAt);
            scan.size = packed.length;
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            scan.outcome = new Outcome.Failed(why(e.getCause() == null ? e : e.getCause()));
        }
        if (scans.get(scan.id) == scan) {
            ended.addLast(scan);
            endedBytes += scan.size;
            prune();
        }
    }

    private static String why(Throwable failure) {
        return switch (failure) {
            case ScanJobs.ScanFailed f -> f.getMessage();
            case TimeoutException _ -> "No scanner finished the scan within %d minutes (is one connected? see GET"
                    .formatted(SCAN_TIMEOUT.toMinutes()) + " /v1/scan/scanner)";
            default -> "The scan failed: " + failure;
        };
    }

    /** Drops the ended scans kept too long, or beyond the count or the bytes, oldest first. */
    private void prune() {
        Instant oldest = clock.instant().minus(KEEP);
        for (Scan s = ended.peekFirst(); s != null; s = ended.peekFirst()) {
            if (ended.size() <= MAX_KEPT && endedBytes <= MAX_KEPT_BYTES && !s.endedAt.isBefore(oldest)) {
                return;
            }
            ended.removeFirst();
            endedBytes -= s.size;
            scans.remove(s.id, s);
        }
    }
}
