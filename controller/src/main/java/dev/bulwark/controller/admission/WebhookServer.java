package dev.bulwark.controller.admission;

import dev.bulwark.controller.api.ApiServer;
import dev.bulwark.controller.api.TlsConnector;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The admission webhook's HTTPS server (NeuVector's port 20443): {@code POST /v1/validate/{anything}} judges an
 * AdmissionReview, {@code POST /v1/nvstatus/{anything}} answers NeuVector's status webhook; no API authentication
 * (the API server authenticates this server by the caBundle). A body is read without holding a thread, up to
 * {@link #MAX_BODY} and within {@link #READ_TIME}: one larger or slower is answered by the failure policy at once,
 * so the API server always gets an AdmissionReview before its timeout. Reviews are judged on virtual threads.
 */
public final class WebhookServer implements AutoCloseable {

    /** NeuVector's admission port. */
    public static final int PORT = 20443;
    /** Well above the largest object the API server stores (etcd's default request limit is 1.5 MiB). */
    static final int MAX_BODY = 8 << 20;
    /** A larger body is not even read to be dropped: its sender may see the connection closed. */
    private static final long DRAINED_AT_MOST = 64L << 20;
    static final Duration READ_TIME = Duration.ofSeconds(3);
    /**
     * Connections the API server may keep open from one address: it opens one per review in flight over HTTP/1.1,
     * thousands a second at most, unlike the REST API's clients.
     */
    static final int MAX_CONNECTIONS = 2048;

    private final Server server;
    private final ExecutorService judges;

    private WebhookServer(Server server, ExecutorService judges) {
        this.server = server;
        this.judges = judges;
    }

    /** Listens on {@code listen} ({@code port} 0 for any free one) and serves {@code webhook}. */
    public static WebhookServer start(ApiServer.Listen listen, AdmissionWebhook webhook) {
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("admission-webhook");
        Server server = new Server(threads);
        ExecutorService judges = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("admission-", 0)
                .factory());
        HttpConfiguration http = new HttpConfiguration();
        http.setIdleTimeout(30_000);
        server.addConnector(TlsConnector.create(server, http, listen, MAX_CONNECTIONS));
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                Function<byte[], byte[]> judge = path.startsWith("/v1/validate/") ? webhook::review
                        : path.startsWith("/v1/nvstatus/") ? webhook::status : null;
                if (judge == null || !HttpMethod.POST.is(request.getMethod())) {
                    Response.writeError(request, response, callback, judge == null ? 404 : 405);
                    return true;
                }
                CompletableFuture<byte[]> body = request.getLength() > MAX_BODY ? refused(request)
                        : Content.Source.asByteArrayAsync(request, MAX_BODY);
                body.orTimeout(READ_TIME.toMillis(), TimeUnit.MILLISECONDS)
                        .handleAsync((bytes, failure) -> failure == null ? judge.apply(bytes)
                                : webhook.unreadable(why(failure)), judges)
                        .thenAccept(reply -> {
                            response.setStatus(200);
                            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                            response.write(true, ByteBuffer.wrap(reply), callback);
                        })
                        .exceptionally(e -> {
                            callback.failed(e);
                            return null;
                        });
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            judges.shutdownNow();
            throw new IllegalStateException("the admission webhook cannot listen on %s:%d: %s".formatted(
                    listen.host(), listen.port(), e.getMessage()), e);
        }
        return new WebhookServer(server, judges);
    }

    /**
     * A body whose declared length is over the bound, refused: read and dropped first when it is not absurd, so that
     * the API server, still sending it, gets to read the answer (a connection closed under a sender breaks its pipe).
     */
    private static CompletableFuture<byte[]> refused(Request request) {
        CompletableFuture<byte[]> refused = new CompletableFuture<>();
        if (request.getLength() > DRAINED_AT_MOST) {
            refused.completeExceptionally(new TooLarge());
        } else {
            Content.Source.consumeAll(request, Callback.from(() -> refused.completeExceptionally(new TooLarge()),
                    failure -> refused.completeExceptionally(new TooLarge())));
        }
        return refused;
    }

    /** One line on why a body was not read. */
    private static String why(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                ? c.getCause() : failure;
        if (t instanceof TimeoutException) {
            return "its body did not arrive within %d s".formatted(READ_TIME.toSeconds());
        }
        if (t instanceof TooLarge) {
            return "its body is larger than %d MiB".formatted(MAX_BODY >> 20);
        }
        return "its body could not be read whole (larger than %d MiB, or cut off)".formatted(MAX_BODY >> 20);
    }

    /** A body whose declared length is over the bound: refused unread. */
    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** The port bound (the asked one, or the one chosen for 0). */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the admission webhook did not stop: " + e.getMessage(), e);
        } finally {
            judges.shutdownNow();
        }
    }
}
