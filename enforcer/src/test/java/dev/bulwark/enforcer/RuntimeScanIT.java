package dev.bulwark.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.Controller;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.testing.RuncContainer;
import dev.bulwark.link.Role;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.service.RepositoryScanner;
import dev.bulwark.scanner.worker.ScanWorker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime scans end to end: a real controller, this node's enforcer and a scanner joined to it, and alpine 3.11 run
 * by runc. The enforcer collects the container's files through its root and uploads them, the scanner fetches and
 * scans them, and NeuVector's API shows the result, asked for or automatic.
 */
class RuntimeScanIT {

    private static final String PASSWORD = "Adm1n-pass!word";

    @TempDir
    Path dir;

    Controller controller;
    Enforcer enforcer;
    ScanWorker scanner;
    Rest rest;
    Path layer;
    final List<RuncContainer> containers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        RuncContainer.assumeAvailable();
        layer = RuncContainer.imageLayer(SharedData.path("fixtures/images/alpine-3.11.tar.gz"), dir);
        controller = Controller.start(new Controller.Settings(dir.resolve("controller"), "127.0.0.1", 0,
                Optional.empty(), Optional.of(PASSWORD), "test"), new PrintStream(new ByteArrayOutputStream()));
        String link = "127.0.0.1:" + controller.linkPort();
        scanner = new ScanWorker(new ScanWorker.Settings(link, controller.runtime().enrollments()
                .issueLocal(Role.SCANNER, "test-node"), 2, "test"), new RepositoryScanner(Analyzers.scanner()),
                Optional.empty());
        enforcer = Enforcer.start(new Enforcer.Settings(Optional.empty(), dir.resolve("enforcer"), Mode.Discover,
                Optional.empty(), 1000, "test-node", Optional.empty(), Optional.of(new Enforcer.Link(link,
                        Optional.empty(), Optional.of(controller.runtime().enrollments().issueLocal(Role.ENFORCER,
                                "test-node"))))), Optional.empty());
        rest = Rest.login(controller.port(), dir.resolve("controller/tls/ca.pem"), "admin", PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        for (RuncContainer c : containers) {
            c.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {enforcer, scanner, controller}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private RuncContainer alpine() throws Exception {
        RuncContainer c = RuncContainer.builder(dir.resolve("bundle-" + containers.size())).layer(layer)
                .args("sleep", "600").start();
        containers.add(c);
        return c;
    }

    private JsonNode await(String path, Predicate<JsonNode> wanted) throws Exception {
        JsonNode[] last = {null};
        Patience.await(() -> {
            try {
                Rest.Reply r = rest.get(path);
                last[0] = r.body();
                return r.status() == 200 && wanted.test(r.body());
            } catch (Exception e) {
                return false;
            }
        }, () -> "GET " + path + " answered " + last[0]);
        return last[0];
    }

    private static boolean ended(JsonNode brief) {
        return List.of("finished", "failed").contains(brief.path("status").asText());
    }

    @Test
    void aContainerAndItsNodeAreScannedThroughTheirRootsOnRequestAndAContainerAutomatically() throws Exception {
        RuncContainer c = alpine();
        await("/v1/workload/" + c.id(), w -> true);
        Patience.await(scanner::connected, () -> "the scanner connected");
        assertThat(rest.send("POST", "/v1/scan/workload/" + c.id(), null).status()).isEqualTo(200);

        JsonNode brief = await("/v1/workload/" + c.id(), w -> ended(w.at("/workload/scan_summary")))
                .at("/workload/scan_summary");
        assertThat(brief.path("result").asText()).isEqualTo("succeeded");
        assertThat(brief.path("status").asText()).isEqualTo("finished");
        assertThat(brief.path("base_os").asText()).isEqualTo("alpine:3.11.5");
        JsonNode report = rest.get("/v1/scan/workload/" + c.id()).body().path("report");
        assertThat(report.path("vulnerabilities").isArray()).isTrue();
        assertThat(report.path("modules")).extracting(m -> m.path("name").asText())
                .contains("musl", "busybox", "alpine-baselayout").hasSize(14);

        assertThat(rest.get("/v1/log/audit").body().path("audits").findValuesAsText("workload_id")).contains(c.id());
        String host = rest.get("/v1/host").body().at("/hosts/0/id").asText();
        assertThat(rest.send("POST", "/v1/scan/host/" + host, null).status()).isEqualTo(200);
        assertThat(await("/v1/host/" + host, h -> ended(h.at("/host/scan_summary"))).at("/host/scan_summary/result")
                .asText()).isEqualTo("succeeded");
        assertThat(rest.get("/v1/scan/host/" + host).body().at("/report/modules").size())
                .as("this host's own packages").isPositive();

        assertThat(rest.send("PATCH", "/v1/scan/config", "{\"config\": {\"enable_auto_scan_workload\": true}}")
                .status()).isEqualTo(200);
        RuncContainer second = alpine();
        assertThat(await("/v1/workload/" + second.id(), w -> ended(w.at("/workload/scan_summary")))
                .at("/workload/scan_summary/result").asText()).isEqualTo("succeeded");

        assertThat(rest.send("POST", "/v1/scan/workload/no-such-container", null).status()).isEqualTo(404);
        assertThat(rest.get("/v1/scan/workload/no-such-container").body().at("/report/vulnerabilities"))
                .isEmpty();
    }
}
