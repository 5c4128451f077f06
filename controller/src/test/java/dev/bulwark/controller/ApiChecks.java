package dev.bulwark.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.core.testing.Patience;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Checks the per-area API tests share: NeuVector's error body, users of a role, writers racing each other. */
public final class ApiChecks {

    private ApiChecks() {}

    /**
     * Asserts the reply is an error of this status with NeuVector's body {@code {code, error, message}} (code a
     * number, error and message texts), as its clients parse it.
     */
    public static Reply assertError(Reply r, int status) {
        assertThat(r.status()).as("status of: %s", r.text()).isEqualTo(status);
        assertThat(r.body().path("code").isInt()).as("numeric code in: %s", r.text()).isTrue();
        assertThat(r.body().path("code").asInt()).as("code in: %s", r.text()).isPositive();
        assertThat(r.body().path("error").isTextual()).as("error text in: %s", r.text()).isTrue();
        assertThat(r.body().path("error").asText()).as("error text in: %s", r.text()).isNotBlank();
        assertThat(r.body().path("message").isTextual()).as("message in: %s", r.text()).isTrue();
        return r;
    }

    /** Asserts a 400 with NeuVector's error body. */
    public static Reply assertBadRequest(Reply r) {
        return assertError(r, 400);
    }

    /** Asserts the reply is a 200. */
    public static Reply assertOk(Reply r) {
        assertThat(r.status()).as("status of: %s", r.text()).isEqualTo(200);
        return r;
    }

    /** Creates a user with a global role (or none, with {@code roleDomains}), and logs it in. */
    public static String user(ControllerFixture c, String admin, String name, String role, String roleDomains) {
        String password = "Passw0rd-" + name;
        assertOk(c.as(admin, "POST", "/v1/user", "{\"user\": {\"fullname\": \"%s\", \"password\": \"%s\", \"role\": "
                .formatted(name, password) + "\"%s\"%s}}".formatted(role, roleDomains == null ? ""
                        : ", \"role_domains\": " + roleDomains)));
        return c.login(name, password);
    }

    /** A global reader, logged in. */
    public static String reader(ControllerFixture c, String admin) {
        return user(c, admin, "rita", "reader", null);
    }

    /** The administrator of namespace {@code team-a} only, logged in. */
    public static String namespaceAdmin(ControllerFixture c, String admin) {
        return user(c, admin, "anna", "", "{\"admin\": [\"team-a\"]}");
    }

    /** Creates a custom group of the given criteria JSON array. */
    public static void group(ControllerFixture c, String token, String name, String criteria) {
        assertOk(c.as(token, "POST", "/v1/group", "{\"config\": {\"name\": \"%s\", \"criteria\": %s}}".formatted(name,
                criteria)));
    }

    /** Creates a custom group of containers of an image. */
    public static void group(ControllerFixture c, String token, String name) {
        group(c, token, name, "[{\"key\": \"image\", \"value\": \"%s-image\", \"op\": \"=\"}]".formatted(name));
    }

    /**
     * Runs {@code writers} clients at once, all released together, each sending its own request again while it is
     * refused for losing a compare-and-swap (409, "Write to cluster failed"); asserts each finally succeeds with 200.
     * {@code write} sends writer {@code i}'s request.
     */
    public static void concurrently(int writers, IntFunction<Reply> write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Future<Reply>> done = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int writer = i;
                done.add(pool.submit(() -> {
                    start.await();
                    long deadline = Patience.deadline();
                    Reply r = write.apply(writer);
                    while (lostTheRace(r) && System.nanoTime() - deadline < 0) {
                        r = write.apply(writer);
                    }
                    return r;
                }));
            }
            start.countDown();
            for (Future<Reply> f : done) {
                assertOk(f.get(Patience.HANG.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A 409 for a write that lost a compare-and-swap, which the client retries (not a duplicate name). */
    public static boolean lostTheRace(Reply r) {
        return r.status() == 409 && r.body().path("code").asInt() == 8;
    }

    /** The field of each element of a JSON array, as text (not of nested objects, as findValuesAsText would). */
    public static List<String> each(com.fasterxml.jackson.databind.JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(e -> values.add(e.path(field).asText()));
        return values;
    }
}
