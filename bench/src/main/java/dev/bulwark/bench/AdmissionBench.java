package dev.bulwark.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * How fast and how lean is the admission webhook under the API server's load? A controller in its own JVM with
 * admission control on (protect mode) and 50 deny rules; AdmissionReviews of pods (a quarter privileged, denied) sent
 * over HTTPS at 2,000 a second, open loop (each review leaves on its schedule whether or not the earlier ones were
 * answered, latency counted from that schedule, waiting for a free connection included) over 16 keep-alive
 * connections, opened before the schedule starts. Prints p50, p99
 * and throughput, then the heap a review in flight holds: the controller's heap after a full collection under the
 * same load, less the idle one, over the reviews in flight on average (the rate times the mean latency). That
 * difference also holds what load brings once (compiled code, caches, buffers), so the figure is an upper bound.
 *
 * <p>Run: {@code bench/run admission}; args: the CLI's class path.
 */
public final class AdmissionBench {

    private static final int RATE = 2_000;
    /** Keep-alive connections, as the API server's client keeps to a webhook. */
    private static final int CONNECTIONS = 16;
    private static final Duration WARMUP = Duration.ofSeconds(30);
    private static final Duration MEASURE = Duration.ofSeconds(20);

    private AdmissionBench() {}

    public static void main(String[] args) throws Exception {
        try (ChildController c = ChildController.start(args[0], List.of("-Xmx1g"))) {
            HttpClient rest = ControllerRest.client(c.caPem());
            String token = ControllerRest.login(rest, c.base());
            ControllerRest.send(rest, c.base(), token, "PATCH", "/v1/admission/state",
                    "{\"state\": {\"enable\": true, \"mode\": \"protect\"}}");
            for (int i = 0; i < 50; i++) {
                String criteria = switch (i % 3) {
                    case 0 -> "[{\"name\": \"namespace\", \"op\": \"containsAny\", \"value\": \"team-%d\"},"
                            .formatted(i) + " {\"name\": \"runAsPrivileged\", \"op\": \"=\", \"value\": \"true\"}]";
                    case 1 -> "[{\"name\": \"image\", \"op\": \"containsAny\", \"value\": \"evil/app-%d\"}]"
                            .formatted(i);
                    default -> "[{\"name\": \"labels\", \"op\": \"containsAny\", \"value\": \"tier=bad-%d\"}]"
                            .formatted(i);
                };
                ControllerRest.send(rest, c.base(), token, "POST", "/v1/admission/rule", ("{\"config\": {\"category\":"
                        + " \"Kubernetes\", \"criteria\": %s, \"rule_type\": \"deny\", \"containers\": "
                        + "[\"containers\"]}}").formatted(criteria));
            }
            SSLContext tls = rest.sslContext();
            int port = URI.create(c.admissionBase()).getPort();
            long idle = c.heapAfterFullGc();
            load(c, tls, port, WARMUP, false);
            Result r = load(c, tls, port, MEASURE, false);
            System.out.printf("admission webhook: %d reviews at %d/s (50 rules, %d connections): p50 %.2f ms, p99 %.2f ms,"
                    + " %.0f answered/s, %d failed%n", r.sent, RATE, CONNECTIONS, r.percentile(50), r.percentile(99),
                    r.answered / MEASURE.toNanos() * 1e9, r.failed);
            Result loaded = load(c, tls, port, Duration.ofSeconds(10), true);
            // Little's law: the reviews in flight on average are the rate times the mean time each takes
            double inFlight = Math.max(1, RATE * loaded.meanSeconds());
            System.out.printf("admission webhook memory: idle heap %d MiB, under load %d MiB, %.1f reviews in flight"
                    + " on average (%d at the measure): %d KiB per review in flight%n", idle >> 20, loaded.heap >> 20,
                    inFlight, loaded.inFlightAtHeap, (long) ((loaded.heap - idle) / inFlight) >> 10);
        }
    }

    private static final class Result {
        final List<Long> nanos = new ArrayList<>();
        long sent;
        double answered;
        long failed;
        long heap;
        int inFlightAtHeap;

        double meanSeconds() {
            return nanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e9;
        }

        double percentile(int p) {
            List<Long> sorted = nanos.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
        }
    }

    private static String review(long n) {
        String ns = "team-" + n % 50;
        boolean privileged = n % 4 == 0;
        return """
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "r-%d",
                 "kind": {"group": "", "version": "v1", "kind": "Pod"}, "resource": {"group": "", "version": "v1",
                 "resource": "pods"}, "name": "web-%d", "namespace": "%s", "operation": "CREATE",
                 "userInfo": {"username": "system:serviceaccount:kube-system:replicaset-controller"},
                 "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-%d", "namespace": "%s",
                  "labels": {"app": "web", "tier": "front"}}, "spec": {"containers": [{"name": "web",
                  "image": "registry.local/shop/web:1.%d", "securityContext": {"privileged": %s}}]}}}}"""
                .formatted(n, n, ns, n, ns, n % 20, privileged);
    }

    /** A review due to leave at {@code due} (nanoTime). */
    private record Due(long n, long due) {}

    /**
     * Sends reviews at {@link #RATE} for {@code time} over {@link #CONNECTIONS} keep-alive connections, as the API
     * server's client does; a review waits for a free connection, and that wait counts in its latency. With
     * {@code heap}, measures {@code c}'s heap half way.
     */
    private static Result load(ChildController c, SSLContext tls, int port, Duration time, boolean heap)
            throws Exception {
        Result result = new Result();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        long total = time.toSeconds() * RATE;
        BlockingQueue<Due> queue = new LinkedBlockingQueue<>();
        CountDownLatch done = new CountDownLatch((int) total);
        CountDownLatch connected = new CountDownLatch(CONNECTIONS);
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            senders.add(Thread.ofPlatform().daemon().start(() -> send(tls, port, queue, latencies, failed, inFlight,
                    connected, done)));
        }
        // the API server keeps its connections: the schedule starts once every one is open and past its handshake
        connected.await();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / RATE;
        Thread measurer = null;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (heap && i == total / 2) {
                // measured on another thread, so that reviews keep leaving on schedule meanwhile
                result.inFlightAtHeap = inFlight.get();
                measurer = Thread.ofVirtual().start(() -> {
                    try {
                        result.heap = c.heapAfterFullGc();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            inFlight.incrementAndGet();
            queue.add(new Due(i, due));
        }
        done.await();
        senders.forEach(Thread::interrupt);
        if (measurer != null) {
            measurer.join();
        }
        result.nanos.addAll(latencies);
        result.sent = total;
        result.answered = latencies.size();
        result.failed = failed.get();
        return result;
    }

    /** One keep-alive connection: takes due reviews, posts each and reads its answer; reconnects when closed. */
    private static void send(SSLContext tls, int port, BlockingQueue<Due> queue, ConcurrentLinkedQueue<Long> latencies,
            AtomicLong failed, AtomicInteger inFlight, CountDownLatch connected, CountDownLatch done) {
        while (!Thread.currentThread().isInterrupted()) {
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
                s.setSoTimeout(30_000);
                s.startHandshake();
                connected.countDown();
                OutputStream out = new BufferedOutputStream(s.getOutputStream());
                InputStream in = new BufferedInputStream(s.getInputStream());
                while (true) {
                    Due d = queue.take();
                    byte[] body = review(d.n()).getBytes(StandardCharsets.UTF_8);
                    boolean ok = false;
                    try {
                        out.write(("POST /v1/validate/bench HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                + "application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                        ok = answered(in);
                    } finally {
                        inFlight.decrementAndGet();
                        if (ok) {
                            latencies.add(System.nanoTime() - d.due());
                        } else {
                            failed.incrementAndGet();
                        }
                        done.countDown();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the connection broke: the review on it failed; open another
            }
        }
    }

    /** Reads one answer; whether it was a 200 with an AdmissionReview. */
    private static boolean answered(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.append((char) b);
        }
        Matcher m = LENGTH.matcher(head);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return head.toString().startsWith("HTTP/1.1 200") && body.contains("\"response\"");
    }

    private static final Pattern LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");
}
