package dev.bulwark.controller.harbor;

import com.google.protobuf.ByteString;
import dev.bulwark.controller.Controller;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.link.Channels;
import dev.bulwark.link.Outbound;
import dev.bulwark.link.Role;
import dev.bulwark.link.proto.Database;
import dev.bulwark.link.proto.Job;
import dev.bulwark.link.proto.JobResult;
import dev.bulwark.link.proto.ScannerDown;
import dev.bulwark.link.proto.ScannerHello;
import dev.bulwark.link.proto.ScannerLinkGrpc;
import dev.bulwark.link.proto.ScannerUp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scanner that joins the controller over the real link and answers each job as the test says: the controller
 * cannot tell it from a scanner worker, and the test sees the job requests the controller made.
 */
public final class FakeScanner implements AutoCloseable {

    private final ManagedChannel channel;
    private final Outbound<ScannerUp> up;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final CountDownLatch welcomed = new CountDownLatch(1);

    /** Joins with a database built at {@code databaseBuilt}, one job at a time. */
    public FakeScanner(Controller controller, String databaseBuilt) throws InterruptedException {
        channel = Channels.to("127.0.0.1:" + controller.linkPort(),
                controller.runtime().enrollments().issueLocal(Role.SCANNER, "fake-scanner").tls());
        up = new Outbound<>(ScannerLinkGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(ScannerDown down) {
                switch (down.getBodyCase()) {
                    case WELCOME -> welcomed.countDown();
                    case JOB -> jobs.add(down.getJob());
                    default -> { }
                }
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        }));
        up.send(ScannerUp.newBuilder().setHello(ScannerHello.newBuilder().setVersion("fake").setMaxTasks(1)
                .setDatabase(Database.newBuilder().setBuilt(databaseBuilt).setSchema(1))).build());
        if (!welcomed.await(Patience.HANG.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the controller did not welcome the fake scanner");
        }
    }

    /** The next job the controller gives this scanner. */
    Job awaitJob() throws InterruptedException {
        Job job = jobs.poll(Patience.HANG.toSeconds(), TimeUnit.SECONDS);
        if (job == null) {
            throw new AssertionError("no job was given to the fake scanner");
        }
        return job;
    }

    /** Answers a job with its report, gzipped as a scanner packs it. */
    void report(Job job, byte[] packedReport) {
        up.send(ScannerUp.newBuilder().setResult(JobResult.newBuilder().setJob(job.getId())
                .setReport(ByteString.copyFrom(packedReport))).build());
    }

    /** Fails a job because of what it scans, as a scanner does when the image cannot be pulled. */
    void fail(Job job, String error) {
        up.send(ScannerUp.newBuilder().setResult(JobResult.newBuilder().setJob(job.getId()).setError(error))
                .build());
    }

    @Override
    public void close() {
        up.cut(Status.OK);
        channel.shutdownNow();
    }
}
