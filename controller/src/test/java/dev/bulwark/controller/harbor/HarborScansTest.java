package dev.bulwark.controller.harbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.scan.ScanJobs;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The scans Harbor asked for: their outcomes, and how long and how many of the ended ones are kept. */
class HarborScansTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final List<byte[]> requests = new ArrayList<>();
    private final List<CompletableFuture<byte[]>> jobs = new ArrayList<>();
    private final HarborScans scans = new HarborScans(request -> {
        requests.add(request);
        CompletableFuture<byte[]> job = new CompletableFuture<>();
        jobs.add(job);
        return job;
    }, () -> Instant.ofEpochMilli(millis.get()));

    private static HarborScanRequest request() throws IOException {
        return HarborScanRequest.of(Bodies.parse(new ObjectMapper().writeValueAsBytes(
                HarborScanRequestTest.harborRequest()), HarborScanRequest.Body.class));
    }

    private void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    @Test
    void aScanRunsThenHasItsReportUnderItsOwnId() throws IOException {
        String id = scans.submit(request());
        String other = scans.submit(request());

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}").isNotEqualTo(other);
        assertThat(new ObjectMapper().readTree(requests.get(0)).path("metadata").path("job").asText()).isEqualTo(id);
        assertThat(scans.find(id)).contains(new HarborScans.Outcome.Running());

        advance(Duration.ofSeconds(7));
        jobs.get(0).complete(new byte[] {1, 2, 3});
        HarborScans.Outcome.Done done = (HarborScans.Outcome.Done) scans.find(id).orElseThrow();
        assertThat(done.packedReport()).containsExactly(1, 2, 3);
        assertThat(done.artifact().digest()).startsWith("sha256:");
        assertThat(done.at()).isEqualTo(Instant.ofEpochMilli(1_007_000));
        assertThat(scans.find(other)).contains(new HarborScans.Outcome.Running());
        assertThat(scans.find("no-such-id")).isEmpty();
    }

    @Test
    void aFailedScanKeepsTheSchedulersWords() throws IOException {
        String failed = scans.submit(request());
        String broken = scans.submit(request());
        jobs.get(0).completeExceptionally(scanFailed());
        jobs.get(1).completeExceptionally(new IllegalStateException("unexpected"));

        assertThat(scans.find(failed)).contains(new HarborScans.Outcome.Failed("the controller is stopping"));
        assertThat(scans.find(broken)).contains(new HarborScans.Outcome.Failed(
                "The scan failed: java.lang.IllegalStateException: unexpected"));
    }

    /** A {@link ScanJobs.ScanFailed} as the scheduler makes it, from a real queue closed with a job in it. */
    private static Throwable scanFailed() {
        try (ScanJobs closed = new ScanJobs(() -> Instant.EPOCH)) {
            CompletableFuture<byte[]> job = closed.submit("repository", new byte[0], ScanJobs.Priority.HIGH);
            closed.close();
            Throwable failure = job.handle((_, e) -> e).join();
            assertThat(failure).isInstanceOf(ScanJobs.ScanFailed.class);
            return failure;
        }
    }

    @Test
    void anEndedScanIsKeptForAnHourThenForgotten() throws IOException {
        String id = scans.submit(request());
        jobs.get(0).complete(new byte[10]);

        advance(HarborScans.KEEP);
        assertThat(scans.find(id)).isPresent();
        advance(Duration.ofMillis(1));
        assertThat(scans.find(id)).isEmpty();
        assertThat(scans.size()).isZero();
    }

    @Test
    void aRunningScanIsNeverForgottenButOnlyTheLatestEndedOnesAreKept() throws IOException {
        String running = scans.submit(request());
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < HarborScans.MAX_KEPT + 2; i++) {
            ended.add(scans.submit(request()));
            jobs.getLast().complete(new byte[1]);
            advance(Duration.ofMillis(1));
        }
        advance(Duration.ofDays(1));

        assertThat(scans.find(ended.get(0))).isEmpty();
        assertThat(scans.find(ended.get(1))).isEmpty();
        assertThat(scans.find(running)).contains(new HarborScans.Outcome.Running());
        jobs.get(0).complete(new byte[1]);
        assertThat(scans.find(running)).get().isInstanceOf(HarborScans.Outcome.Done.class);
    }

    @Test
    void theKeptReportsHoldABoundedNumberOfBytes() throws IOException {
        byte[] fourMiB = new byte[4 << 20];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= HarborScans.MAX_KEPT_BYTES / fourMiB.length; i++) {
            ids.add(scans.submit(request()));
            jobs.getLast().complete(fourMiB);
        }

        assertThat(scans.find(ids.getFirst())).as("the oldest report goes first").isEmpty();
        assertThat(scans.find(ids.get(1))).isPresent();
        assertThat(scans.find(ids.getLast())).isPresent();
    }

    @Test
    void aFullQueueIsTheCallersToAnswer() {
        HarborScans full = new HarborScans(_ -> {
            throw fullQueue();
        }, () -> Instant.EPOCH);

        assertThatThrownBy(() -> full.submit(request())).isInstanceOf(ScanJobs.QueueFull.class);
        assertThat(full.size()).isZero();
    }

    /** A real {@link ScanJobs.QueueFull}: a queue filled to its capacity. */
    private static ScanJobs.QueueFull fullQueue() {
        try (ScanJobs jobs = new ScanJobs(() -> Instant.EPOCH)) {
            for (int i = 0; i < ScanJobs.QUEUE_CAPACITY; i++) {
                jobs.submit("repository", new byte[0], ScanJobs.Priority.LOW);
            }
            try {
                jobs.submit("repository", new byte[0], ScanJobs.Priority.LOW);
            } catch (ScanJobs.QueueFull e) {
                return e;
            }
        }
        throw new AssertionError("the queue took more than its capacity");
    }
}
