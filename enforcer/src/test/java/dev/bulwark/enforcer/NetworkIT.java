package dev.bulwark.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.testing.ControllerProcess;
import dev.bulwark.enforcer.testing.RuncContainer;
import dev.bulwark.enforcer.testing.TestBridge;
import java.io.IOException;
import java.net.InetAddress;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network stage end to end: a real controller and a real enforcer joined to it, two runc containers in their own
 * network namespaces on a bridge (a busybox httpd and a client with wget and nc) and a server on the host, seen and
 * changed only through NeuVector's REST API: the conversation appears with its application, Discover learns it,
 * Monitor reports what no rule allows, Protect lets the learned connection through and drops another, and
 * quarantine cuts a container off until it is released.
 */
class NetworkIT {

    @TempDir
    Path dir;

    TestBridge bridge;
    ControllerProcess controller;
    Rest rest;
    Enforcer enforcer;
    HttpServer hostServer;
    final List<RuncContainer> containers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        RuncContainer.assumeAvailable();
        TestBridge.assumeAvailable();
        bridge = TestBridge.create(); // before the enforcer starts: the node reports the bridge's address as its own
        hostServer = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bridge.hostAddress()), 0), 50);
        hostServer.createContext("/", exchange -> {
            byte[] body = "host says hi\n".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hostServer.start();
        controller = ControllerProcess.start(dir.resolve("controller"), ControllerProcess.freePort(),
                ControllerProcess.freePort());
        rest = controller.login();
        Rest.Reply token = rest.send("POST", "/v1/enforcer/join_token", "{\"duration\": 600}");
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        enforcer = startEnforcer(Optional.of(token.body().path("token").asText()));
    }

    /** An enforcer joined with the token, or with the identity an earlier one kept when there is none. */
    private Enforcer startEnforcer(Optional<String> token) {
        return Enforcer.start(new Enforcer.Settings(Optional.empty(), dir.resolve("enforcer"), Mode.Discover,
                Optional.of(dir.resolve("events.jsonl")), 1000, "test-node", Optional.empty(),
                Optional.of(new Enforcer.Link("127.0.0.1:" + controller.linkPort, token, Optional.empty()))),
                Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        for (RuncContainer c : containers) {
            c.close();
        }
        if (enforcer != null) {
            enforcer.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (hostServer != null) {
            hostServer.stop(0);
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    private int hostPort() {
        return hostServer.getAddress().getPort();
    }

    private RuncContainer container(TestBridge.Namespace ns, String... args) throws Exception {
        RuncContainer c = RuncContainer.builder(dir.resolve("bundle-" + containers.size())).args(args)
                .applets("sh", "sleep", "httpd", "wget", "cat", "timeout").file("www/index.html", "hello from httpd\n")
                .network(ns.path()).start();
        containers.add(c);
        return c;
    }

    private JsonNode await(String path, Predicate<JsonNode> wanted) throws Exception {
        Rest.Reply[] last = {null};
        Patience.await(() -> {
            try {
                last[0] = rest.get(path);
                return last[0].status() == 200 && wanted.test(last[0].body());
            } catch (Exception e) {
                return false;
            }
        }, () -> "GET " + path + " answered " + last[0] + "; enforcer " + (enforcer == null ? "stopped"
                : enforcer.counters()));
        return last[0].body();
    }

    private static List<JsonNode> items(JsonNode body, String field) {
        return StreamSupport.stream(body.path(field).spliterator(), false).toList();
    }

    private static boolean fetches(RuncContainer client, String url) {
        try {
            // busybox's own wget -T crashes (Debian 12's busybox-static): the timeout applet bounds it instead
            RuncContainer.Result r = client.exec("timeout", "5", "wget", "-q", "-O", "-", url);
            return r.exitCode() == 0 && r.stdout().equals("hello from httpd\n");
        } catch (IOException e) {
            return false;
        }
    }

    private boolean reachesHost(RuncContainer client) {
        try {
            // wget, not nc: nc is a suspicious process (a tunnel), which Protect may stop before it connects
            RuncContainer.Result r = client.exec("timeout", "5", "wget", "-q", "-O", "-", "http://%s:%d/".formatted(
                    bridge.hostAddress(), hostPort()));
            return r.exitCode() == 0 && r.stdout().equals("host says hi\n");
        } catch (IOException e) {
            return false;
        }
    }

    private void mode(RuncContainer c, String mode) throws Exception {
        Rest.Reply patched = rest.send("PATCH", "/v1/service/config", """
                {"config":{"services":["%s"],"policy_mode":"%s"}}""".formatted(c.id(), mode));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    }

    private void quarantine(RuncContainer c, boolean on) throws Exception {
        Rest.Reply patched = rest.send("PATCH", "/v1/workload/" + c.id(), """
                {"config":{"quarantine":%s}}""".formatted(on));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    }

    @Test
    void seenLearnedMonitoredProtectedAndQuarantined() throws Exception {
        TestBridge.Namespace serverNs = bridge.namespace();
        TestBridge.Namespace clientNs = bridge.namespace();
        RuncContainer server = container(serverNs, "httpd", "-f", "-p", "8080", "-h", "/www");
        RuncContainer client = container(clientNs, "sleep", "600");
        String url = "http://%s:8080/".formatted(serverNs.address());
        for (RuncContainer c : List.of(server, client)) {
            await("/v1/workload/" + c.id(), b -> !b.path("workload").path("interfaces").isEmpty());
        }

        // a namespace is seen (conntrack tracks there) once its table is in: traffic of a container's first moment
        // before that is not, as the README says
        Patience.await(() -> enforcer.counters().getOrDefault("tables_installed", 0L) >= 2,
                () -> "the tables of both containers are not installed: " + enforcer.counters());
        assertThat(fetches(client, url)).as("Discover lets everything through").isTrue();
        JsonNode graph = await("/v1/conversation", b -> items(b, "conversations").stream().anyMatch(c ->
                c.path("from").asText().equals(client.id()) && c.path("to").asText().equals(server.id())
                        && c.path("applications").toString().contains("HTTP")));
        assertThat(items(graph, "endpoints")).extracting(e -> e.path("id").asText())
                .contains(client.id(), server.id());
        JsonNode rules = await("/v1/policy/rule", b -> items(b, "rules").stream().anyMatch(r ->
                r.path("cfg_type").asText().equals("learned") && r.path("from").asText().equals("nv." + client.id())
                        && r.path("to").asText().equals("nv." + server.id())));
        assertThat(items(rules, "rules")).filteredOn(r -> r.path("cfg_type").asText().equals("learned"))
                .allSatisfy(r -> assertThat(r.path("id").asInt()).isGreaterThanOrEqualTo(10000));

        mode(client, "Monitor");
        mode(server, "Monitor");
        assertThat(reachesHost(client)).as("Monitor lets what no rule allows through").isTrue();
        await("/v1/log/violation", b -> items(b, "violations").stream().anyMatch(v ->
                v.path("client_id").asText().equals(client.id()) && v.path("server_port").asInt()
                        == hostPort() && v.path("policy_action").asText().equals("violate")));

        mode(client, "Protect");
        mode(server, "Protect");
        Patience.await(() -> !reachesHost(client), () -> "the client still reaches the host in Protect");
        assertThat(fetches(client, url)).as("the learned connection passes in Protect").isTrue();
        await("/v1/log/violation", b -> items(b, "violations").stream().anyMatch(v ->
                v.path("client_id").asText().equals(client.id()) && v.path("server_port").asInt()
                        == hostPort() && v.path("policy_action").asText().equals("deny")));

        enforcer.close(); // as if killed: nothing takes its tables out of the containers' namespaces
        enforcer = null;
        assertThat(reachesHost(client)).as("fail-static: Protect holds while no enforcer runs").isFalse();
        assertThat(fetches(client, url)).as("fail-static: the learned connection still passes").isTrue();
        Enforcer restarted = startEnforcer(Optional.empty());
        enforcer = restarted;
        Patience.await(() -> restarted.counters().getOrDefault("tables_adopted", 0L) >= 2,
                () -> "the restarted enforcer did not adopt both tables: " + restarted.counters());
        assertThat(restarted.counters().get("tables_installed")).as("adopted, not replaced: no gap").isZero();
        assertThat(reachesHost(client)).isFalse();

        quarantine(server, true);
        Patience.await(() -> !fetches(client, url), () -> "the quarantined server still answers");
        quarantine(server, false);
        Patience.await(() -> fetches(client, url), () -> "the released server does not answer");
    }
}
