package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.enforcer.testing.RuncContainer;
import dev.bulwark.scanner.source.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console end to end, as a user sees it: a real {@code bulwark allinone} (controller, scanner, this node's
 * enforcer, manager) with a real runc container and a real registry, driven in Debian's headless Chromium. It logs in
 * (choosing a new password on the first login), finds the container and its group on the network graph, switches
 * the group to Protect, sees the incident when a drifted binary is refused, scans the registry and opens the
 * image's report; and it writes a screenshot of every page to {@code target/console-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final String FIRST_PASSWORD = "First-pass!w0rd";
    static final String PASSWORD = "Chosen-pass!w0rd";
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    @TempDir
    static Path dir;

    static RegistryServer registry;
    static AllInOneProcess allinone;
    static RuncContainer container;
    static ConsoleBrowser browser;
    static Rest rest;
    static String group;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(ConsoleBrowser.CHROMIUM) && Files.isExecutable(ConsoleBrowser.CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "the enforcer needs root");
        RuncContainer.assumeAvailable();
        registry = RegistryServer.withAlpine(Files.createDirectories(dir.resolve("registry")), new RegistryServer.Auth.None(),
                "team/alpine:3.11");
        TestDatabase db = TestDatabase.build(Files.createDirectories(dir.resolve("db")));
        allinone = AllInOneProcess.start(dir, Map.of("BULWARK_ADMIN_PASSWORD", FIRST_PASSWORD, "BULWARK_DB",
                db.file().toString(), "BULWARK_DB_KEYS", db.publicKey().getParent().toString()));
        container = RuncContainer.builder(dir.resolve("web")).args("sleep", "100000")
                .applets("sh", "sleep", "cat", "cp", "true").file("etc/passwd", "root:x:0:0:root:/:/bin/sh\n")
                .file("tmp/.keep", "").hostNetwork().start();
        group = "nv." + container.id();
        rest = Rest.login(allinone.apiPort, allinone.ca(), "admin", FIRST_PASSWORD);
        Patience.await(() -> status("/v1/workload/" + container.id()) == 200,
                () -> "the enforcer never reported the container; allinone said:\n" + allinone.output());
        browser = ConsoleBrowser.open("https://127.0.0.1:%d/".formatted(allinone.managerPort),
                dir.resolve("chromium"), SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (container != null) {
            container.close();
        }
        if (allinone != null) {
            allinone.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static int status(String path) {
        try {
            return rest.get(path).status();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    @Order(1)
    void theFirstLoginChoosesANewPassword() throws Exception {
        browser.home();
        browser.fill("User name", "admin");
        browser.fill("Password", FIRST_PASSWORD);
        browser.screenshot("01-login");
        browser.click("Log in");
        browser.awaitText("first login");
        browser.fill("New password", PASSWORD);
        browser.fill("New password again", PASSWORD);
        browser.screenshot("02-login-new-password");
        browser.click("Change password and log in");
        browser.awaitText("Log out");
        browser.settle();
        assertThat(browser.text()).contains("Dashboard");
        rest = Rest.login(allinone.apiPort, allinone.ca(), "admin", PASSWORD);
    }

    @Test
    @Order(2)
    void theGraphShowsTheContainerAndItsGroup() throws Exception {
        browser.awaitTextReloading("/network", container.id());
        assertThat(browser.text()).contains(group);
        browser.screenshot("network-with-container");
    }

    @Test
    @Order(3)
    void theGroupIsSwitchedToProtect() throws Exception {
        browser.go("/policy/groups?name=" + group);
        browser.awaitText(group);
        browser.click("Protect");
        Patience.await(() -> mode().equals("Protect"), () -> "the group's mode is " + mode());
        browser.awaitText("Protect");
        browser.screenshot("group-protect");
    }

    private static String mode() {
        try {
            return rest.get("/v1/group/" + group).body().path("group").path("policy_mode").asText();
        } catch (Exception e) {
            return "unknown: " + e;
        }
    }

    @Test
    @Order(4)
    void aDriftedBinaryIsRefusedAndItsIncidentShown() throws Exception {
        container.exec("cp", "/bin/busybox", "/tmp/evil").requireSuccess();
        Patience.await(ConsoleIT::driftRefused, () -> "the copied binary still runs in Protect");
        browser.awaitTextReloading("/notifications/security-events?kind=incident", "evil");
        browser.clickRow("evil");
        browser.awaitText("/tmp/evil");
        browser.screenshot("incident");
    }

    private static boolean driftRefused() {
        try {
            return container.exec("sh", "-c", "/tmp/evil true").exitCode() == 126;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    @Order(5)
    void aRegistryScanOpensItsReport() throws Exception {
        browser.go("/assets/registries");
        browser.click("Add a registry");
        browser.fill("Name", "local");
        browser.fill("Registry URL", "http://" + registry.host());
        browser.fill("Filters (repository:tag with * wildcards, one a line)", "team/*");
        browser.click("Add");
        browser.clickRow("local");
        browser.click("Start scan");
        try {
            browser.awaitTextReloading("/assets/registries?name=local", "team/alpine");
        } catch (AssertionError e) {
            Rest now = Rest.login(allinone.apiPort, allinone.ca(), "admin", PASSWORD);
            throw new AssertionError("the registry's scan: " + now.get("/v1/scan/registry/local").body() + "; events: "
                    + now.get("/v1/log/event").body() + "; allinone said:\n" + allinone.output(), e);
        }
        browser.screenshot("registry-scanned");
        browser.click("team/alpine");
        browser.awaitText("By layer");
        browser.click("Show vulnerabilities of layer 1");
        browser.awaitText("CVE-2021-28831");
        browser.screenshot("image-report");
    }

    @Test
    @Order(6)
    void everyPageShowsWithoutErrorInBothThemesAndSizes() throws Exception {
        browser.go("/dashboard");
        List<String> routes = new ArrayList<>();
        for (WebElement link : browser.find(By.cssSelector("nav.sidebar")).findElements(By.tagName("a"))) {
            routes.add(link.getAttribute("href").replaceFirst("^[^#]*#", ""));
        }
        assertThat(routes).hasSizeGreaterThan(15);
        int n = 10;
        for (String route : routes) {
            browser.go(route);
            String text = browser.text();
            assertThat(text).as(route).doesNotContain("This page failed").doesNotContain("Could not load")
                    .doesNotContain("not built yet");
            browser.screenshot("%02d-%s".formatted(n++, route.substring(1).replace('/', '-')));
        }
        browser.click("Switch to dark theme");
        for (String route : List.of("/dashboard", "/network", "/policy/groups", "/risks/vulnerabilities")) {
            browser.go(route);
            browser.screenshot("dark-" + route.substring(1).replace('/', '-'));
        }
        browser.size(3840, 2160);
        for (String route : List.of("/dashboard", "/network", "/assets/containers")) {
            browser.go(route);
            browser.screenshot("4k-" + route.substring(1).replace('/', '-'));
        }
        browser.size(1280, 800);
        browser.click("Switch to light theme");
    }
}
