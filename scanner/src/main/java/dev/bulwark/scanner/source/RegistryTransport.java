package dev.bulwark.scanner.source;

import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The HTTP client behind one registry image: timeouts, no automatic redirects (the caller decides where
 * credentials go), and one-line messages for failures that name the image. Thread-safe.
 *
 * <p>There is no retry loop here: the JDK client already resends an idempotent GET once when a reused connection
 * turns out to be closed, and a registry that refuses or drops fresh connections will not do better a second
 * later.
 */
final class RegistryTransport implements AutoCloseable {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final String USER_AGENT = "bulwark-scanner";

    private final HttpClient client;
    private final Duration timeout;
    private final String image;
    private final RegistryTrace trace;

    /**
     * @param image the normalised reference, for messages
     * @param timeout how long to wait for an answer: the whole body for documents, the headers for layer streams
     */
    RegistryTransport(String image, Duration timeout, RegistryTrace trace) {
        this.image = image;
        this.timeout = timeout;
        this.trace = trace;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT)
                .build();
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("User-Agent", USER_AGENT).GET();
    }

    /**
     * Sends and waits at most the timeout. The exception is the client's own, so that callers can tell a TLS
     * failure from a refused connection.
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        return traced(request, handler, true);
    }

    /** {@link #send}, the answer's body left out of the trace: a token server's answer holds a token. */
    <T> HttpResponse<T> sendForToken(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        return traced(request, handler, false);
    }

    private <T> HttpResponse<T> traced(HttpRequest request, HttpResponse.BodyHandler<T> handler, boolean showBody)
            throws IOException {
        trace.request(request.method(), request.uri().toString());
        try {
            HttpResponse<T> response = exchange(request, handler);
            trace.answer(response.statusCode(), showBody && response.body() instanceof byte[] body
                    ? new String(body, StandardCharsets.UTF_8) : "");
            return response;
        } catch (IOException e) {
            trace.failure(detail(e, request.uri()));
            throw e;
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        CompletableFuture<HttpResponse<T>> answer = client.sendAsync(request, handler);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no answer within " + timeout.toSeconds() + "s");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + request.uri().getRawAuthority());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    /** {@code cannot pull "IMAGE": DETAIL}. */
    InvalidInputException failure(String detail) {
        return new InvalidInputException("cannot pull \"%s\": %s".formatted(image, detail));
    }

    /** A one-line account of a failed exchange with {@code uri}, keeping the exception as the cause. */
    InvalidInputException failure(IOException e, URI uri) {
        return new InvalidInputException("cannot pull \"%s\": %s".formatted(image, detail(e, uri)), e);
    }

    private String detail(IOException e, URI uri) {
        String host = uri.getRawAuthority();
        if (causedBy(e, HttpTimeoutException.class)) {
            return "no answer from %s within %ds".formatted(host, timeout.toSeconds());
        } else if (causedBy(e, ConnectException.class)) {
            return "cannot connect to %s (connection refused or unreachable)".formatted(host);
        } else if (causedBy(e, SSLException.class)) {
            return "TLS with %s failed (for a registry that serves plain http, use --insecure)".formatted(host);
        } else if (causedBy(e, InterruptedIOException.class)) {
            return "interrupted";
        }
        return "connection to %s closed before a complete answer".formatted(host);
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Aborts whatever is still in flight, including layer streams left open. */
    @Override
    public void close() {
        client.shutdownNow();
    }
}
