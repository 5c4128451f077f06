package dev.bulwark.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.tls.InternalCa;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller in a child JVM takes a burst of {@code POST /v1/group} from four clients and is killed with SIGKILL
 * in the middle of it; every group whose POST was answered 200 must be there when a new controller opens the
 * same data directory.
 */
class KillNineTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ControllerMain.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int port;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).startsWith("port ");
            port = Integer.parseInt(line.substring(5));
        }
        HttpClient http = ControllerFixture.client(dir.resolve("tls").resolve(InternalCa.CA_CERT));
        String base = "https://127.0.0.1:" + port;
        String token = token(http, base);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(300);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            clients.submit(() -> {
                while (true) {
                    String name = "g" + next.getAndIncrement();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/group"))
                                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"config\": {\"name\": \"" + name
                                        + "\", \"criteria\": [{\"key\": \"image\", \"value\": \"" + name
                                        + "\", \"op\": \"=\"}]}}")).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            acknowledged.add(name);
                            enough.countDown();
                        }
                    } catch (Exception e) {
                        return null;
                    }
                }
            });
        }
        enough.await();
        new ProcessBuilder("kill", "-KILL", String.valueOf(child.pid())).start().waitFor();
        child.waitFor();
        clients.shutdown();
        clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);

        List<String> written = List.copyOf(acknowledged);
        assertThat(written).hasSizeGreaterThanOrEqualTo(300);
        try (ControllerFixture restarted = new ControllerFixture(dir, java.util.Optional.empty())) {
            String admin = restarted.login("admin", ControllerFixture.ADMIN_PASSWORD);
            Reply groups = restarted.as(admin, "GET", "/v1/group?f_cfg_type=user_created&limit=0", null);
            assertThat(groups.at("/groups").findValuesAsText("name")).containsAll(written);
        }
    }

    private static String token(HttpClient http, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/auth"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"password\": {\"username\": \"admin\", \"password\": \"" + ControllerFixture.ADMIN_PASSWORD
                                + "\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\":\"([0-9a-f]{64})\"").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }
}
