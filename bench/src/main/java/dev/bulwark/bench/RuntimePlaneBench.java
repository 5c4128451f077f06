package dev.bulwark.bench;

import static dev.bulwark.bench.ControllerRest.login;
import static dev.bulwark.bench.ControllerRest.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import dev.bulwark.link.JoinToken;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The runtime plane under 500 enforcers: a controller in a JVM of its own ({@link ChildController}), and 500
 * simulated enforcers ({@link SimulatedNode}) that join it with a token over the real link, each reporting 50
 * containers (25,000 in all). Prints how long until the REST API shows them all and how long listing them takes;
 * how long a group's new mode takes to reach, and be acknowledged by, every enforcer that runs it (p50, p99, max
 * over {@link #ROUNDS} {@code PATCH /v1/service/config}); and the controller's heap after a full collection, RSS,
 * and CPU in both phases.
 */
public final class RuntimePlaneBench {

    private static final SimulatedFleet FLEET = new SimulatedFleet(500, 50);
    private static final int ROUNDS = 100;
    private static final int JOINING = 16;
    private static final Duration LOAD_BOUND = Duration.ofMinutes(10);
    private static final Duration ROUND_BOUND = Duration.ofMinutes(2);
    /** As {@code ./bulwark} runs the controller, with a 1 GB heap. */
    private static final List<String> CONTROLLER_JVM = List.of("-Xmx1g", "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");
    private static final ObjectMapper JSON = Json.compactSnakeCase();

    private RuntimePlaneBench() {}

    /** Seconds since the first join, and the controller's CPU seconds meanwhile. */
    private record Phase(double seconds, double cpuSeconds) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: RuntimePlaneBench CONTROLLER_CLASSPATH (the cli's jar and its lib/*)");
            System.exit(2);
        }
        List<SimulatedNode> nodes = Collections.synchronizedList(new ArrayList<>());
        try (ChildController controller = ChildController.start(args[0], CONTROLLER_JVM);
                HttpClient http = ControllerRest.client(controller.caPem())) {
            String session = login(http, controller.base());
            System.out.printf("runtime plane: controller in a child JVM (%s), heap after full GC before load: %d MB%n",
                    String.join(" ", CONTROLLER_JVM.subList(0, 2)), controller.heapAfterFullGc() >> 20);
            JoinToken token = JoinToken.parse(JSON.readTree(send(http, controller.base(), session, "POST",
                    "/v1/enforcer/join_token", "{\"duration\": 3600}")).path("token").asText());
            AtomicReference<ModeRound> round = new AtomicReference<>();
            try {
                boolean loaded = load(controller, http, session, token, nodes, n -> {
                    ModeRound r = round.get();
                    if (r != null) {
                        r.acked(n);
                    }
                });
                if (loaded) {
                    listAll(http, controller.base(), session);
                }
                footprint(controller, "after the load");
                if (loaded) {
                    rounds(controller, http, session, nodes, round);
                    footprint(controller, "after the rounds");
                }
                long cut = nodes.stream().filter(n -> n.ended().isPresent()).count();
                System.out.printf("runtime plane: sessions the controller ended: %d of %d%s%n", cut, nodes.size(),
                        nodes.stream().flatMap(n -> n.ended().stream()).findFirst().map(w -> " (" + w + ")")
                        .orElse(""));
            } finally {
                nodes.forEach(SimulatedNode::close);
            }
        }
    }

    /**
     * Joins and connects every node, 16 at a time, then waits for the REST API to show every workload and for
     * every node to hold the policy of its 50 groups. Whether all of that happened within {@link #LOAD_BOUND}.
     */
    private static boolean load(ChildController controller, HttpClient http, String session, JoinToken token,
            List<SimulatedNode> nodes, Consumer<SimulatedNode> afterPolicy) throws Exception {
        double cpu = controller.cpuSeconds();
        long start = System.nanoTime();
        long deadline = start + LOAD_BOUND.toNanos();
        List<Future<?>> joins = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(JOINING)) {
            for (int n = 0; n < FLEET.nodes(); n++) {
                int index = n;
                joins.add(pool.submit(() -> nodes.add(SimulatedNode.join(controller.linkAddress(), token,
                        FLEET.host(index), FLEET.workloads(index), afterPolicy))));
            }
        }
        List<String> failed = new ArrayList<>();
        for (Future<?> f : joins) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failed.add(String.valueOf(e.getCause()));
            }
        }
        System.out.printf("runtime plane: %d enforcers joined (a new key and certificate each) and said hello,"
                + " %d at a time, in %.2f s%s%n", nodes.size(), JOINING, seconds(start), failed.isEmpty() ? ""
                : "; %d failed, first: %s".formatted(failed.size(), failed.getFirst()));
        if (!failed.isEmpty()) {
            return false;
        }
        List<SimulatedNode> all = List.copyOf(nodes);
        report("welcomed", all, SimulatedNode::welcomed, start, deadline);
        report("had their snapshot of %d containers acknowledged".formatted(FLEET.services()), all,
                SimulatedNode::snapshotAcked, start, deadline);
        long shown = workloadsShown(http, controller.base(), session, FLEET.workloads(), deadline);
        Phase shownAt = new Phase(seconds(start), controller.cpuSeconds() - cpu);
        if (shown < FLEET.workloads()) {
            System.out.printf("runtime plane: NOT REACHED: /v1/system/summary showed %,d of %,d running workloads"
                    + " after %.0f s%n", shown, FLEET.workloads(), shownAt.seconds());
            return false;
        }
        System.out.printf("runtime plane: first join to %,d running workloads in /v1/system/summary: %.2f s"
                + " (controller CPU %.1f s)%n", shown, shownAt.seconds(), shownAt.cpuSeconds());
        List<String> groups = IntStream.range(0, FLEET.services()).mapToObj(SimulatedFleet::group)
                .toList();
        if (!report("were pushed the policy of all %d groups".formatted(groups.size()), all,
                n -> n.modes().keySet().containsAll(groups), start, deadline)) {
            return false;
        }
        Phase settled = new Phase(seconds(start), controller.cpuSeconds() - cpu);
        System.out.printf("runtime plane: load phase (first join to every policy pushed): %.2f s, controller CPU"
                + " %.1f s = %.0f%% of one core%n", settled.seconds(), settled.cpuSeconds(),
                100 * settled.cpuSeconds() / settled.seconds());
        return true;
    }

    /** Waits until every node holds; prints when they did, or how many did by the deadline. */
    private static boolean report(String what, List<SimulatedNode> nodes, Predicate<SimulatedNode> done, long start,
            long deadline) throws InterruptedException {
        long count;
        while ((count = nodes.stream().filter(done).count()) < nodes.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (count < nodes.size()) {
            System.out.printf("runtime plane: NOT REACHED: %d of %d enforcers %s after %.0f s%n", count,
                    nodes.size(), what, seconds(start));
            return false;
        }
        System.out.printf("runtime plane: all %d enforcers %s %.2f s after the first join%n", count, what,
                seconds(start));
        return true;
    }

    /** Polls the summary until it shows {@code target} running workloads; the last count it showed. */
    private static long workloadsShown(HttpClient http, String base, String session, int target, long deadline)
            throws IOException, InterruptedException {
        long shown = 0;
        while (System.nanoTime() < deadline) {
            shown = JSON.readTree(send(http, base, session, "GET", "/v1/system/summary", null))
                    .path("summary").path("running_workloads").asLong();
            if (shown >= target) {
                break;
            }
            Thread.sleep(200);
        }
        return shown;
    }

    /** {@code GET /v1/workload} of every workload, the first time and once more: times, size and count. */
    private static void listAll(HttpClient http, String base, String session) throws IOException,
            InterruptedException {
        long start = System.nanoTime();
        String body = send(http, base, session, "GET", "/v1/workload", null);
        double first = seconds(start);
        start = System.nanoTime();
        send(http, base, session, "GET", "/v1/workload", null);
        double again = seconds(start);
        JsonNode list = JSON.readTree(body).path("workloads");
        System.out.printf("runtime plane: GET /v1/workload (all, no gzip): %,d workloads, %.1f MB, in %.2f s the"
                + " first time, %.2f s the second%n", list.size(), body.getBytes(StandardCharsets.UTF_8).length / 1e6,
                first, again);
    }

    private static void footprint(ChildController controller, String when) throws IOException,
            InterruptedException {
        long heap = controller.heapAfterFullGc();
        System.out.printf("runtime plane: controller %s: heap after full GC %d MB, RSS %d MB%n", when, heap >> 20,
                controller.rssBytes() >> 20);
    }

    /**
     * {@link #ROUNDS} changes of one group's mode each, a different group each time and Monitor and Protect in turn
     * (a group's mode flips each time its turn comes again), each timed from just before the PATCH is sent to the
     * last acknowledgement of a push holding the new mode.
     */
    private static void rounds(ChildController controller, HttpClient http, String session,
            List<SimulatedNode> nodes, AtomicReference<ModeRound> round) throws IOException, InterruptedException {
        List<Long> latencies = new ArrayList<>();
        List<Long> answers = new ArrayList<>();
        int pushesBefore = nodes.stream().mapToInt(SimulatedNode::pushes).sum();
        double cpu = controller.cpuSeconds();
        long begin = System.nanoTime();
        for (int r = 0; r < ROUNDS; r++) {
            int k = r % FLEET.services();
            String mode = (r + r / FLEET.services()) % 2 == 0 ? "Monitor" : "Protect";
            ModeRound current = new ModeRound(SimulatedFleet.group(k), mode, nodes.size());
            round.set(current);
            long start = System.nanoTime();
            send(http, controller.base(), session, "PATCH", "/v1/service/config", "{\"config\": {\"services\": [\"%s\"],"
                    .formatted(SimulatedFleet.service(k)) + " \"policy_mode\": \"%s\"}}".formatted(mode));
            answers.add(System.nanoTime() - start);
            if (!current.await(ROUND_BOUND)) {
                System.out.printf("runtime plane: NOT REACHED: round %d (%s to %s): %d of %d enforcers acknowledged"
                        + " the new mode within %d s; the rounds stop here%n", r + 1, SimulatedFleet.group(k), mode,
                        current.reached(), nodes.size(), ROUND_BOUND.toSeconds());
                break;
            }
            latencies.add(current.lastAck() - start);
        }
        round.set(null);
        double wall = seconds(begin);
        double used = controller.cpuSeconds() - cpu;
        int pushes = nodes.stream().mapToInt(SimulatedNode::pushes).sum() - pushesBefore;
        if (latencies.isEmpty()) {
            return;
        }
        System.out.printf("runtime plane: PATCH /v1/service/config (one group's mode) to all %d enforcers acknowledging"
                + " it, %d rounds: p50 %s, p99 %s, max %s (the PATCH itself answered in p50 %s)%n", nodes.size(),
                latencies.size(), millis(latencies, 0.50), millis(latencies, 0.99), millis(latencies, 1.0),
                millis(answers, 0.50));
        System.out.printf("runtime plane: rounds phase: %.2f s, controller CPU %.1f s = %.0f%% of one core, %.2f s"
                + " of CPU per round; %,d pushes received (%.0f per round)%n", wall, used, 100 * used / wall,
                used / latencies.size(), pushes, pushes / (double) latencies.size());
    }

    /** The {@code q} quantile (nearest rank) of nanosecond figures, in milliseconds. */
    private static String millis(List<Long> nanos, double q) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int rank = Math.max(1, (int) Math.ceil(q * sorted.size()));
        return "%.0f ms".formatted(sorted.get(rank - 1) / 1e6);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
