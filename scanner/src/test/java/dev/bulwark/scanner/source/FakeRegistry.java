package dev.bulwark.scanner.source;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A registry that answers what a test tells it, for the misbehaviour a real registry never shows: wrong digests,
 * oversized or broken documents, server errors. Plain http on 127.0.0.1; {@code /v2/} answers 200 unless told
 * otherwise, and an unknown path answers 404 with {@code NAME_UNKNOWN}. Records the requests it saw.
 */
final class FakeRegistry implements AutoCloseable {

    /** One canned answer; headers alternate name and value. */
    record Answer(int status, byte[] body, List<String> headers) {
        Answer {
            headers = List.copyOf(headers);
        }
    }

    /** A request as it arrived. */
    record Seen(String path, Headers headers) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Queue<Answer>> firstAnswers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        answer("/v2/", 200, "{}".getBytes(StandardCharsets.UTF_8));
        server.start();
    }

    static FakeRegistry start() throws IOException {
        return new FakeRegistry();
    }

    FakeRegistry answer(String path, int status, byte[] body, String... headers) {
        answers.put(path, new Answer(status, body, List.of(headers)));
        return this;
    }

    /** An answer given once, before the lasting one; several queue up in order. */
    FakeRegistry answerOnce(String path, int status, byte[] body, String... headers) {
        firstAnswers.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>())
                .add(new Answer(status, body, List.of(headers)));
        return this;
    }

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            seen.add(new Seen(path, exchange.getRequestHeaders()));
            Queue<Answer> once = firstAnswers.getOrDefault(path, new ConcurrentLinkedQueue<>());
            Answer answer = Optional.ofNullable(once.poll()).orElseGet(() -> answers.getOrDefault(path, new Answer(404,
                    "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known\"}]}"
                            .getBytes(StandardCharsets.UTF_8), List.of())));
            for (int i = 0; i + 1 < answer.headers().size(); i += 2) {
                exchange.getResponseHeaders().add(answer.headers().get(i), answer.headers().get(i + 1));
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
