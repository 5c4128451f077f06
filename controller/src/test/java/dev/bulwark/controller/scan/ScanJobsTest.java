package dev.bulwark.controller.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.link.Outbound;
import dev.bulwark.link.proto.Job;
import dev.bulwark.link.proto.JobResult;
import dev.bulwark.link.proto.ScannerDown;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduling of scan jobs: credits, priorities, retries and reassignment. The scanners here are the sending
 * ends of sessions, as the link server makes them, over streams that keep what they are sent.
 */
class ScanJobsTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final ScanJobs jobs = new ScanJobs(() -> Instant.ofEpochMilli(millis.get()));

    @AfterEach
    void close() {
        jobs.close();
    }

    /** A scanner's stream: the jobs it was given, in order. */
    private static final class Stream implements StreamObserver<ScannerDown> {
        final List<Job> jobs = new CopyOnWriteArrayList<>();
        volatile boolean broken;

        @Override
        public void onNext(ScannerDown down) {
            if (broken) {
                throw new IllegalStateException("the stream is gone");
            }
            jobs.add(down.getJob());
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}

        Job awaitJob(int n) throws InterruptedException {
            Patience.await(() -> jobs.size() >= n + 1, () -> "job " + n + " given; given: " + jobs);
            return jobs.get(n);
        }
    }

    private record Scanner(ConnectedScanner connected, Stream stream) {}

    private Scanner connect(String id, int maxTasks) {
        Stream stream = new Stream();
        ConnectedScanner s = new ConnectedScanner(id, "node-" + id, Optional.empty(), "test", maxTasks,
                Instant.EPOCH, null, new Outbound<>(stream));
        jobs.connected(s);
        return new Scanner(s, stream);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JobResult done(Job job, String report) {
        return JobResult.newBuilder().setJob(job.getId()).setReport(ByteString.copyFromUtf8(report)).build();
    }

    private static String get(CompletableFuture<byte[]> f) throws Exception {
        return new String(f.get(Patience.HANG.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8);
    }

    @Test
    void aJobGoesToTheScannerWithTheMostCreditLeft() throws Exception {
        Scanner small = connect("a", 1);
        Scanner big = connect("b", 3);
        CompletableFuture<byte[]> first = jobs.submit("repository", bytes("1"), ScanJobs.Priority.HIGH);
        Job given = big.stream().awaitJob(0);
        assertThat(given.getRequest().toStringUtf8()).isEqualTo("1");
        assertThat(big.connected().credit()).isEqualTo(2);
        // b has 2 left, a 1: the next two go to b, then b and a are even
        jobs.submit("repository", bytes("2"), ScanJobs.Priority.HIGH);
        big.stream().awaitJob(1);
        jobs.submit("repository", bytes("3"), ScanJobs.Priority.HIGH);
        jobs.submit("repository", bytes("4"), ScanJobs.Priority.HIGH);
        Patience.await(() -> small.stream().jobs.size() + big.stream().jobs.size() == 4, () -> "four jobs given");
        assertThat(small.connected().credit() + big.connected().credit()).isZero();

        jobs.finished(big.connected(), done(given, "report 1"));
        assertThat(get(first)).isEqualTo("report 1");
        assertThat(big.connected().credit()).isEqualTo(1);
        assertThat(jobs.counts()).isEqualTo(new ScanJobs.Counts(1, 0, 3, 0));
    }

    @Test
    void highPriorityJobsGoFirstAndNoScannerTakesMoreThanItsCredit() throws Exception {
        jobs.submit("repository", bytes("low"), ScanJobs.Priority.LOW);
        jobs.submit("repository", bytes("high"), ScanJobs.Priority.HIGH);
        assertThat(jobs.counts().scheduled()).isEqualTo(2);

        Scanner s = connect("a", 1);
        Job first = s.stream().awaitJob(0);
        assertThat(first.getRequest().toStringUtf8()).isEqualTo("high");
        assertThat(s.stream().jobs).hasSize(1);
        assertThat(jobs.counts().scheduled()).isEqualTo(1);

        jobs.finished(s.connected(), done(first, "{}"));
        assertThat(s.stream().awaitJob(1).getRequest().toStringUtf8()).isEqualTo("low");
    }

    @Test
    void theJobsOfAScannerThatGoesAwayGoToAnother() throws Exception {
        Scanner dying = connect("a", 2);
        CompletableFuture<byte[]> report = jobs.submit("repository", bytes("x"), ScanJobs.Priority.HIGH);
        Job given = dying.stream().awaitJob(0);

        Scanner other = connect("b", 2);
        jobs.disconnected(dying.connected());
        Job again = other.stream().awaitJob(0);
        assertThat(again.getId()).isEqualTo(given.getId());

        jobs.finished(dying.connected(), done(given, "late")); // dropped: the job is b's now
        assertThat(report).isNotDone();
        jobs.finished(other.connected(), done(again, "from b"));
        assertThat(get(report)).isEqualTo("from b");
        assertThat(jobs.scanners()).extracting(ConnectedScanner::id).containsExactly("b");
    }

    @Test
    void aJobIsRetriedFiveTimesThenFails() throws Exception {
        Scanner s = connect("a", 1);
        CompletableFuture<byte[]> report = jobs.submit("repository", bytes("x"), ScanJobs.Priority.LOW);
        for (int attempt = 0; attempt <= ScanJobs.MAX_RETRIES; attempt++) {
            Job job = s.stream().awaitJob(attempt);
            jobs.finished(s.connected(), JobResult.newBuilder().setJob(job.getId()).setError("out of memory")
                    .setRetry(true).build());
        }
        assertThatThrownBy(() -> report.get(Patience.HANG.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ScanJobs.ScanFailed.class)
                .hasMessage("out of memory (given up after 5 retries)");
        assertThat(s.stream().jobs).hasSize(ScanJobs.MAX_RETRIES + 1);
        assertThat(jobs.counts().failed()).isEqualTo(1);
        assertThat(s.connected().credit()).isEqualTo(1);
    }

    @Test
    void aFailureOfTheImageOrTheRequestIsNotRetried() throws Exception {
        Scanner s = connect("a", 2);
        CompletableFuture<byte[]> missing = jobs.submit("repository", bytes("x"), ScanJobs.Priority.HIGH);
        CompletableFuture<byte[]> wrong = jobs.submit("repository", bytes("y"), ScanJobs.Priority.HIGH);
        jobs.finished(s.connected(), JobResult.newBuilder().setJob(s.stream().awaitJob(0).getId())
                .setError("Image not found").build());
        jobs.finished(s.connected(), JobResult.newBuilder().setJob(s.stream().awaitJob(1).getId())
                .setError("tag: too long").setBadRequest(true).build());

        assertThat(failure(missing).badRequest()).isFalse();
        assertThat(failure(missing)).hasMessage("Image not found");
        assertThat(failure(wrong).badRequest()).isTrue();
        assertThat(s.stream().jobs).hasSize(2);
    }

    @Test
    void aJobThatRunsTooLongGoesToAnotherScanner() throws Exception {
        Scanner slow = connect("a", 1);
        jobs.submit("repository", bytes("x"), ScanJobs.Priority.HIGH);
        Job given = slow.stream().awaitJob(0);
        Scanner other = connect("b", 2);

        millis.addAndGet(ScanJobs.JOB_TIMEOUT.toMillis() + 1);
        Job again = other.stream().awaitJob(0);
        assertThat(again.getId()).isEqualTo(given.getId());
        assertThat(slow.connected().credit()).isEqualTo(1);
    }

    @Test
    void aJobSentOnAStreamThatBrokeGoesToTheNextScannerAsItWas() throws Exception {
        Scanner broken = connect("a", 2);
        broken.stream().broken = true;
        CompletableFuture<byte[]> report = jobs.submit("repository", bytes("x"), ScanJobs.Priority.HIGH);
        Patience.await(() -> jobs.scanners().isEmpty(), () -> "the broken scanner dropped");
        Scanner other = connect("b", 1);
        Job job = other.stream().awaitJob(0);
        jobs.finished(other.connected(), done(job, "ok"));
        assertThat(get(report)).isEqualTo("ok");
    }

    @Test
    void aFullQueueRefusesMoreAndCancelledJobsAreDropped() throws Exception {
        List<CompletableFuture<byte[]>> queued = new java.util.ArrayList<>();
        for (int i = 0; i < ScanJobs.QUEUE_CAPACITY; i++) {
            queued.add(jobs.submit("repository", bytes("" + i), ScanJobs.Priority.LOW));
        }
        assertThatThrownBy(() -> jobs.submit("repository", bytes("one more"), ScanJobs.Priority.HIGH))
                .isInstanceOf(ScanJobs.QueueFull.class).hasMessage("Maximum concurrent scan limit (2048) reached.");

        queued.forEach(f -> f.cancel(false));
        Scanner s = connect("a", 1);
        CompletableFuture<byte[]> kept = jobs.submit("repository", bytes("kept"), ScanJobs.Priority.LOW);
        assertThat(s.stream().awaitJob(0).getRequest().toStringUtf8()).isEqualTo("kept");
        assertThat(kept).isNotDone();
    }

    @Test
    void closingFailsWhatIsLeft() throws Exception {
        CompletableFuture<byte[]> waiting = jobs.submit("repository", bytes("x"), ScanJobs.Priority.LOW);
        jobs.close();
        assertThat(failure(waiting)).hasMessage("the controller is stopping");
    }

    private static ScanJobs.ScanFailed failure(CompletableFuture<byte[]> f) {
        try {
            f.get(Patience.HANG.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (ScanJobs.ScanFailed) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the job did not fail");
    }
}
