package dev.bulwark.bench;

import static dev.bulwark.bench.ControllerRest.PASSWORD;
import static dev.bulwark.bench.ControllerRest.client;
import static dev.bulwark.bench.ControllerRest.login;
import static dev.bulwark.bench.ControllerRest.send;

import dev.bulwark.controller.Controller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller's figures: durable writes per second ({@code POST /v1/group}), heap with 9,999 rules loaded (every
 * user rule id; larger ids are learned rules), {@code GET /v1/group} (1,000 groups) and {@code GET /v1/policy/rule}
 * at a fixed 500 requests per
 * second (open loop: latencies include queueing) with p50 and p99, and {@code wrk}'s saturated throughput when
 * wrk is installed.
 */
public final class ControllerBench {

    /**
     * Below the 64 connections the controller keeps for one address (its slow-client guard): a client over it has
     * its new connections refused, and measures the guard instead of the server.
     */
    private static final int MAX_IN_FLIGHT = 48;

    private ControllerBench() {}

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("bulwark-controller-bench");
        try (Controller controller = Controller.start(new Controller.Settings(data, "127.0.0.1", 0, Optional.empty(),
                Optional.of(PASSWORD), "bench"), new PrintStream(new ByteArrayOutputStream()))) {
            String base = "https://127.0.0.1:" + controller.port();
            HttpClient http = client(data.resolve("tls/ca.pem"));
            String token = login(http, base);

            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                send(http, base, token, "POST", "/v1/group", "{\"config\": {\"name\": \"g%d\", \"criteria\": [{\"key\":"
                        .formatted(i) + " \"image\", \"value\": \"app%d\", \"op\": \"=\"}]}}".formatted(i));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("durable writes: 1,000 POST /v1/group one after another in %.2f s = %.0f writes/s%n",
                    seconds, 1000 / seconds);

            start = System.nanoTime();
            for (int batch = 0; batch < 100; batch++) {
                StringBuilder rules = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    int id = batch * 100 + i + 1;
                    if (id > 9999) {
                        break;
                    }
                    rules.append(rules.isEmpty() ? "" : ",").append("{\"id\": %d, \"from\": \"g%d\", \"to\": \"g%d\","
                            .formatted(id, id % 1000, (id + 1) % 1000)).append(" \"ports\": \"tcp/%d\"}".formatted(
                            1000 + id % 5000));
                }
                send(http, base, token, "PATCH", "/v1/policy/rule", "{\"insert\": {\"after\": -1, \"rules\": [" + rules
                        + "]}}");
            }
            System.out.printf("9,999 rules (all user rule ids) inserted in 100 batches in %.2f s%n", (System.nanoTime() - start) / 1e9);
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("heap in use with 1,000 groups and 9,999 rules, after GC: %d MB%n", heap >> 20);

            try (HttpClient paced = client(data.resolve("tls/ca.pem"))) {
                fixedRate(paced, base, token, "/v1/policy/rule?limit=100", 500, 10);
            } // its connections closed, so that wrk's are not over the controller's per-address limit
            for (String path : new String[] {"/v1/group", "/v1/policy/rule", "/v1/policy/rule?limit=100"}) {
                wrk(base, token, path, true, false);
                wrk(base, token, path, false, false);
            }
            for (String path : new String[] {"/v1/group", "/v1/policy/rule"}) {
                wrk(base, token, path, true, true);
                wrk(base, token, path, false, true);
            }
        }
    }

    private static void fixedRate(HttpClient http, String base, String token, String path, int rate, int seconds)
            throws InterruptedException {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long origin = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = origin + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int index = i;
                if (inFlight.get() >= MAX_IN_FLIGHT) {
                    shed.incrementAndGet();
                    latencies[index] = Long.MAX_VALUE;
                    continue;
                }
                inFlight.incrementAndGet();
                pool.submit(() -> {
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                                .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.incrementAndGet();
                    }
                    latencies[index] = System.nanoTime() - due;
                    inFlight.decrementAndGet();
                });
            }
        }
        Arrays.sort(latencies);
        System.out.printf("GET %s at %d requests/s for %d s (open loop): p50 %s, p99 %s, %d failed, %d not sent"
                + " (over %d in flight)%n", path, rate, seconds, millis(latencies[total / 2]),
                millis(latencies[(int) (total * 0.99)]), failures.get(), shed.get(), MAX_IN_FLIGHT);
    }

    private static String millis(long nanos) {
        return nanos == Long.MAX_VALUE ? "over the in-flight limit" : "%.1f ms".formatted(nanos / 1e6);
    }

    /**
     * wrk against one path: paced to about 500 requests/s (10 connections, each waiting 20 ms between requests)
     * for latency at that rate, or unpaced (16 connections) for the saturated throughput; with {@code gzip}, as a
     * client that accepts gzip (browsers, Python's requests) asks.
     */
    private static void wrk(String base, String token, String path, boolean paced, boolean gzip)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            System.out.println("wrk is not installed (apt-get install wrk): not measured");
            return;
        }
        Path script = Files.createTempFile("pace", ".lua");
        Files.writeString(script, "function delay()\n  return 20\nend\n");
        List<String> argv = new java.util.ArrayList<>(List.of("wrk", "-t2", paced ? "-c10" : "-c16", "-d10s",
                "--latency", "-H", "X-Auth-Token: " + token));
        if (paced) {
            argv.addAll(List.of("-s", script.toString()));
        }
        if (gzip) {
            argv.addAll(List.of("-H", "Accept-Encoding: gzip"));
        }
        argv.add(base + path);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Files.delete(script);
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher p50 = Pattern.compile("50%\\s+([0-9.]+\\w+)").matcher(out);
        Matcher p99 = Pattern.compile("99%\\s+([0-9.]+\\w+)").matcher(out);
        System.out.printf("wrk %s GET %s%s: %s requests/s, p50 %s, p99 %s%n", paced ? "paced (10 conn x 50/s)"
                : "saturated (16 conn)", path, gzip ? " (gzip)" : "", rps.find() ? rps.group(1) : "?", p50.find() ? p50.group(1) : "?",
                p99.find() ? p99.group(1) : "?");
    }
}
