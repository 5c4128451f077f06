package dev.bulwark.controller.scan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * NeuVector's long-polled CI scans: a {@code POST /v1/scan/repository} waits up to {@link #POLL} for its scan and,
 * when it is not done, is answered 304; the client sends the same request again and is attached to the same job,
 * which is known by the session that asked and the request itself. A scan has {@link #SCAN_TIMEOUT} from its first
 * request, waiting for a scanner included; one whose client stopped asking is dropped after {@link #ABANDONED}.
 */
final class RepositoryScans {

    /** NeuVector's {@code -repo_scan_long_poll_timeout}. */
    static final Duration POLL = Duration.ofSeconds(30);
    /** NeuVector's {@code repoScanTimeout}. */
    static final Duration SCAN_TIMEOUT = Duration.ofMinutes(20);
    /** NeuVector's {@code -stale_scan_job_cleanup_interval_hour}. */
    static final Duration ABANDONED = Duration.ofHours(1);

    /** What one poll gives: the report, or nothing yet. */
    sealed interface Poll {
        record Done(byte[] report) implements Poll {}

        record NotYet() implements Poll {}
    }

    private static final class Pending {
        final CompletableFuture<byte[]> report;
        volatile long lastAsked;

        Pending(CompletableFuture<byte[]> report, long now) {
            this.report = report;
            this.lastAsked = now;
        }
    }

    private final ScanJobs jobs;
    private final InstantSource clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    RepositoryScans(ScanJobs jobs, InstantSource clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Starts the scan of {@code request} for {@code session}, or attaches to the one it started before, and waits
     * for it up to {@code wait}.
     *
     * @throws ScanJobs.ScanFailed when the scan failed
     * @throws ScanJobs.QueueFull when it cannot be queued
     */
    Poll poll(String session, byte[] request, Duration wait) throws InterruptedException {
        dropAbandoned();
        String key = key(session, request);
        long now = clock.millis();
        Pending p = pending.computeIfAbsent(key, k -> new Pending(jobs.submit("repository", request,
                ScanJobs.Priority.HIGH).orTimeout(SCAN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), now));
        p.lastAsked = now;
        try {
            byte[] report = p.report.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            pending.remove(key, p);
            return new Poll.Done(report);
        } catch (TimeoutException e) {
            return new Poll.NotYet();
        } catch (ExecutionException e) {
            pending.remove(key, p);
            if (e.getCause() instanceof ScanJobs.ScanFailed f) {
                throw f;
            }
            throw new ScanJobs.ScanFailed(jobs.scanners().isEmpty() ? "acquire scanner timeout" : "timeout", false);
        }
    }

    /** The scans waiting for their client to ask again. */
    int waiting() {
        return pending.size();
    }

    private void dropAbandoned() {
        long now = clock.millis();
        pending.entrySet().removeIf(e -> {
            boolean abandoned = now - e.getValue().lastAsked > ABANDONED.toMillis();
            if (abandoned) {
                e.getValue().report.cancel(false);
            }
            return abandoned;
        });
    }

    private static String key(String session, byte[] request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(session.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(request);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
