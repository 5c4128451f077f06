package dev.bulwark.scanner.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP proxy in front of a registry that holds every blob request while told to: a scan is then caught in
 * the middle of pulling its image, for as long as a test needs. Everything else passes through as it came.
 */
final class HoldingProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host",
            "transfer-encoding", "upgrade", "expect");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String upstream;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger blobs = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(0);

    HoldingProxy(String upstreamHost) throws IOException {
        this.upstream = "http://" + upstreamHost;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, blob requests wait until {@link #release}. */
    void hold() {
        release = new CountDownLatch(1);
    }

    void release() {
        release.countDown();
    }

    /** Blob requests that were held, so far. */
    int held() {
        return held.get();
    }

    /** Blob requests passed on or held, so far. */
    int blobs() {
        return blobs.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().contains("/blobs/")) {
                blobs.incrementAndGet();
                CountDownLatch gate = release;
                if (gate.getCount() > 0) {
                    held.incrementAndGet();
                    gate.await();
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
                            exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), head || body.length == 0 ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
