package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.Controller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark manager}'s options, and the console {@code bulwark allinone} starts beside its controller. */
class ManagerCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpNamesTheOptions() {
        CliRun run = CliRun.of("manager", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--controller=URL", "--controller-ca=PEM", "--port", "--eula=FILE",
                "--tls-cert=PEM", "manager/tls");
    }

    @Test
    void badOptionsAreRefusedClearly() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        String[][] cases = {
            {"manager"},
            {"manager", "--controller", "http://127.0.0.1:10443"},
            {"manager", "--controller", "https://"},
            {"manager", "--controller", "https://user@127.0.0.1:10443"},
            {"manager", "--controller", "https://127.0.0.1:10443/elsewhere"},
            {"manager", "--controller", "https://127.0.0.1:10443", "--port", "70000"},
            {"manager", "--controller", "https://127.0.0.1:10443", "--port", "eighty"},
            {"manager", "--controller", "https://127.0.0.1:10443", "--tls-cert", ca.toString()},
            {"manager", "--controller", "https://127.0.0.1:10443", "--controller-ca", dir.resolve("none").toString()},
            {"manager", "--controller", "https://127.0.0.1:10443", "--eula", dir.resolve("none").toString()},
            {"manager", "--controller", "https://127.0.0.1:10443", "--data-dir", dir.toString(),
                "--controller-ca", ca.toString(), "--port", "0"},
            {"manager", "--controller", "https://127.0.0.1:10443", "--tls-cert", ca.toString(), "--tls-key",
                ca.toString(), "--port", "0"},
        };
        for (String[] args : cases) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.err()).as(String.join(" ", args)).isNotBlank().doesNotContain("Exception");
        }
    }

    @Test
    void theAllInOneConsoleServesBesideItsControllerUnderItsCa() throws Exception {
        Path data = dir.resolve("controller");
        Files.writeString(dir.resolve("eula.txt"), "terms");
        try (Controller controller = Controller.start(new Controller.Settings(data, "127.0.0.1", 0, Optional.empty(),
                Optional.of("Adm1n-Str0ng!pass"), "test-cluster"), new PrintStream(new ByteArrayOutputStream()));
                ConsoleServer console = ConsoleServer.start(controller, data.resolve("tls"), "127.0.0.1", freePort(),
                        Optional.of(dir.resolve("eula.txt")))) {
            int port = console.manager().orElseThrow().port();
            assertThat(console.line()).isEqualTo("console https://127.0.0.1:%d/ (CA %s)".formatted(port,
                    data.resolve("tls/ca.pem")));
            HttpClient http = HttpClient.newBuilder().sslContext(trusting(data.resolve("tls/ca.pem")))
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                    + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("<div id=\"root\">");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/eula.txt")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("terms");
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                    + "/v1/auth")).POST(HttpRequest.BodyPublishers.ofString("{\"password\":{\"username\":\"admin\","
                    + "\"password\":\"Adm1n-Str0ng!pass\"}}")).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            // the bootstrapped admin has a password someone else chose
            assertThat(login.body()).contains("\"default_password\":true");

            try (ConsoleServer busy = ConsoleServer.start(controller, data.resolve("tls"), "127.0.0.1", port,
                    Optional.empty())) {
                assertThat(busy.manager()).isEmpty();
                assertThat(busy.line()).startsWith("the web console did not start (");
            }
            assertThat(ConsoleServer.start(controller, data.resolve("tls"), "127.0.0.1", 0, Optional.empty()).line())
                    .isEqualTo("no web console (--manager-port 0)");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        }
    }
}
