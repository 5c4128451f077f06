package dev.bulwark.manager.proxy;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.core.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Passes a console's {@code /v1} call to the one configured controller and its answer back, streaming both bodies.
 * Only the headers the API needs cross, in each direction; the client's address goes as {@code X-Forwarded-For},
 * replacing any the client sent, so the controller's login throttle counts each client apart.
 */
public final class ControllerProxy {

    /** The largest request body passed on: a restore's backup. */
    public static final long MAX_BODY = 64L << 20;
    private static final List<String> REQUEST_HEADERS = List.of("X-Auth-Token", "Content-Type", "Accept");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Content-Disposition");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI controller;
    private final HttpClient http;
    private final Duration answerTimeout;

    /**
     * @param controller the controller's base URL, {@code https://host:port}
     * @param tls what the controller's certificate is checked against
     * @param answerTimeout how long the controller may take to start answering
     */
    public ControllerProxy(URI controller, SSLContext tls, Duration answerTimeout) {
        String base = controller.toString();
        this.controller = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.answerTimeout = answerTimeout;
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI controller() {
        return controller;
    }

    public void pass(Context ctx) throws InterruptedException {
        Optional<String> target = ProxyPath.target(ctx.req().getRequestURI(), ctx.req().getQueryString());
        if (target.isEmpty()) {
            fail(ctx, 400, ApiError.INVALID_REQUEST, "The request path is not an API path");
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY) {
            fail(ctx, 413, ApiError.INVALID_REQUEST, tooLarge());
            return;
        }
        BoundedInput body = null;
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (declared > 0 || ctx.header("Transfer-Encoding") != null) {
            InputStream in;
            try {
                in = ctx.req().getInputStream();
            } catch (IOException e) {
                fail(ctx, 400, ApiError.INVALID_REQUEST, "The request body could not be read");
                return;
            }
            BoundedInput bounded = new BoundedInput(in, MAX_BODY);
            body = bounded;
            HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> bounded);
            publisher = declared > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, declared) : stream;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(controller + target.get()))
                .timeout(answerTimeout).method(ctx.method().name(), publisher)
                .header("X-Forwarded-For", ctx.req().getRemoteAddr());
        for (String name : REQUEST_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            fail(ctx, 504, ApiError.SERVER_ERROR, "The controller did not answer in time");
            return;
        } catch (IOException e) {
            if (body != null && body.exceeded()) {
                fail(ctx, 413, ApiError.INVALID_REQUEST, tooLarge());
            } else if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
                fail(ctx, 502, ApiError.SERVER_ERROR, "The controller is unreachable");
            } else if (e instanceof javax.net.ssl.SSLException) {
                fail(ctx, 502, ApiError.SERVER_ERROR, "The controller's certificate is not trusted");
            } else {
                fail(ctx, 502, ApiError.SERVER_ERROR, "The controller failed to answer");
            }
            return;
        }
        ctx.status(answer.statusCode());
        for (String name : RESPONSE_HEADERS) {
            answer.headers().firstValue(name).ifPresent(value -> ctx.header(name, value));
        }
        ctx.result(answer.body());
    }

    private static String tooLarge() {
        return "The request body is larger than %d MiB".formatted(MAX_BODY >> 20);
    }

    /** Answers with NeuVector's error JSON. */
    public static void fail(Context ctx, int status, ApiError error, String message) {
        try {
            ctx.status(status).contentType("application/json").result(Json.snakeCase()
                    .writeValueAsBytes(new ApiException.Body(error.code(), error.text(), message)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
