package dev.bulwark.controller.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.scan.Reports;
import dev.bulwark.controller.scan.ScanJobs;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * NeuVector's test of a registry's settings ({@code POST /v1|v2/scan/registry/{name}/test}): the listing a scan would
 * make, through a scanner ({@code registry_list} jobs that trace each exchange), as steps ({@code stage},
 * {@code url}, {@code response}, {@code error}, and the {@code images} found). A test is known by its transaction id;
 * each poll waits up to {@link #POLL} for steps it has not seen. At most {@link #MAX_TESTS} run at once, each for
 * {@link #TIMEOUT}; an ended test is kept until polled, or {@link #LINGER}. Secrets never reach a step: the scanner
 * traces no header and no token server's answer. Thread-safe.
 */
public final class RegistryTests {

    static final int MAX_TESTS = 8;
    static final Duration POLL = Duration.ofSeconds(30);
    static final Duration TIMEOUT = Duration.ofMinutes(20);
    static final Duration LINGER = Duration.ofSeconds(30);
    private static final int ID_LENGTH = 16;
    private static final String ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** {@code RESTRegistryTestStep}. */
    public record Step(String stepType, String stepContent) {}

    /** What a poll gives: all steps so far, and whether the test ended; none when nothing came in time. */
    public record Progress(List<Step> steps, boolean done) {}

    private final ScanJobs jobs;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Test> tests = new ConcurrentHashMap<>();

    public RegistryTests(ScanJobs jobs, InstantSource clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** One test: its steps, read by one poll at a time. */
    private static final class Test {
        final RegistryConfig registry;
        final long deadline;
        final List<Step> steps = new ArrayList<>();
        int seen;
        boolean polling;
        boolean done;
        long endedAt;
        CompletableFuture<byte[]> job;
        boolean cancelled;

        Test(RegistryConfig registry, long deadline) {
            this.registry = registry;
            this.deadline = deadline;
        }

        synchronized void add(String type, String content) {
            steps.add(new Step(type, content));
            notifyAll();
        }

        synchronized void end(long now) {
            done = true;
            endedAt = now;
            notifyAll();
        }
    }

    /** Starts a test of {@code registry} (checked already), answering its transaction id. */
    public String start(RegistryConfig registry) {
        forgetEnded();
        if (tests.values().stream().filter(t -> !t.done).count() >= MAX_TESTS) {
            // NeuVector's message names the limit of its CI scans, not of its tests
            throw new ApiException(400, ApiError.FAIL_REPO_SCAN, "Maximum concurrent scan limit (32) reached.");
        }
        String id = newId();
        Test test = new Test(registry, clock.millis() + TIMEOUT.toMillis());
        tests.put(id, test);
        Thread.ofVirtual().name("registry-test-" + id).start(() -> run(test));
        return id;
    }

    /**
     * Waits up to {@link #POLL} for steps the last poll of the test did not see, or its end.
     *
     * @return empty steps and not done when none came in time
     */
    public Progress poll(Principal p, String id) throws InterruptedException {
        Test test = owned(p, id);
        synchronized (test) {
            if (test.polling) {
                throw new ApiException(400, ApiError.FAIL_REPO_SCAN, "Duplicated repository scan request.");
            }
            test.polling = true;
            try {
                long until = System.nanoTime() + POLL.toNanos();
                while (test.steps.size() == test.seen && !test.done) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        return new Progress(List.of(), false);
                    }
                    TimeUnit.NANOSECONDS.timedWait(test, left);
                }
                test.seen = test.steps.size();
                if (test.done) {
                    tests.remove(id, test);
                }
                return new Progress(List.copyOf(test.steps), test.done);
            } finally {
                test.polling = false;
            }
        }
    }

    /** Cancels a running test ({@code DELETE .../test}). */
    public void cancel(Principal p, String id) {
        Test test = owned(p, id);
        CompletableFuture<byte[]> job;
        synchronized (test) {
            test.cancelled = true;
            job = test.job;
        }
        if (job != null) {
            job.cancel(false);
        }
    }

    private Test owned(Principal p, String id) {
        Test test = id == null ? null : tests.get(id);
        if (test == null) {
            throw ApiException.badRequest("Unable to locate the transaction");
        }
        Registries.requireWrite(p, test.registry.effectiveDomains());
        return test;
    }

    private void run(Test test) {
        test.add("stage", "Test registry connection");
        try {
            List<RegistryScans.Image> images = new ArrayList<>(RegistryScans.images(test.registry,
                    repositories -> listing(test, repositories)));
            images.sort(Comparator.comparing(RegistryScans.Image::repository)
                    .thenComparing(i -> !i.tag().equals("latest"))
                    .thenComparing(RegistryScans.Image::tag, Comparator.reverseOrder()));
            StringBuilder listed = new StringBuilder();
            images.forEach(i -> listed.append("Registry: %s, repository: %s, tag: %s\n".formatted(
                    test.registry.registry(), i.repository(), i.tag())));
            test.add("images", listed.toString());
            test.add("stage", "Discovered %d image%s".formatted(images.size(), images.size() == 1 ? "" : "s"));
        } catch (Failed e) {
            test.add("error", e.getMessage());
        } catch (RuntimeException e) {
            test.add("error", "Test registry connection failed: " + e.getMessage());
        } finally {
            test.end(clock.millis());
        }
    }

    /** One traced {@code registry_list} job: its steps added to the test's; its failure ends the test. */
    private JsonNode listing(Test test, List<String> repositories) {
        test.add("stage", repositories.isEmpty() ? "Get registry repository list"
                : "Get registry repository tag list");
        CompletableFuture<byte[]> job = jobs.submit("registry_list", RegistryScans.listRequest(test.registry,
                RegistryLogin.stored(test.registry), repositories, true), ScanJobs.Priority.HIGH);
        synchronized (test) {
            test.job = job;
            if (test.cancelled) {
                job.cancel(false);
            }
        }
        JsonNode listed;
        try {
            listed = Reports.read(job.get(Math.max(1, test.deadline - clock.millis()), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.CancellationException e) {
            throw new Failed("Test registry canceled");
        } catch (TimeoutException e) {
            job.cancel(false);
            throw new Failed("Test registry timed out after %d minutes".formatted(TIMEOUT.toMinutes()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("Test registry canceled");
        } catch (ExecutionException e) {
            throw new Failed("Test registry connection failed: " + e.getCause().getMessage());
        }
        listed.path("steps").forEach(s -> test.add(s.path("step_type").asText(), s.path("step_content").asText()));
        listed.path("warnings").forEach(w -> test.add("error", w.asText()));
        if (!listed.path("error").asText().isEmpty()) {
            throw new Failed("Test registry connection failed: " + listed.path("error").asText());
        }
        return listed;
    }

    private void forgetEnded() {
        long now = clock.millis();
        tests.values().removeIf(t -> {
            synchronized (t) {
                return t.done && now - t.endedAt > LINGER.toMillis();
            }
        });
    }

    private String newId() {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    /** The test ends here, with this message as its last step. */
    private static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message, null, false, false);
        }
    }
}
