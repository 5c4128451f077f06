package dev.bulwark.bench;

import static dev.bulwark.bench.ControllerRest.PASSWORD;

import dev.bulwark.controller.Controller;
import dev.bulwark.manager.Manager;
import dev.bulwark.manager.ServerIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The console's first load, as a user's first visit has it: a controller and a manager in front of it on
 * 127.0.0.1 over HTTPS, and N times (default 7) a chromium with a new profile, nothing cached, that opens the
 * console, waits for the login form, logs in and waits for the dashboard with all its panels loaded (see
 * {@link ColdLoad}). It prints the medians and maxima, then the first page's files as Resource Timing saw them
 * (bytes on the wire, encoded and decoded) and as a client taking gzip gets them. Figures are printed, never
 * judged; the budget is under 500 KB gzip for the first page and under 1 s for the first load on
 * localhost.
 */
public final class ConsoleLoadBench {

    private static final String NEW_PASSWORD = "Bench-Passw0rd!-console";

    private ConsoleLoadBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        if (!HeadlessChromium.installed()) {
            System.out.println("console load bench: " + HeadlessChromium.requirement() + ": not measured");
            return;
        }
        Path data = Files.createTempDirectory("bulwark-console-load-bench");
        Path ca = data.resolve("tls/ca.pem");
        try (Controller controller = Controller.start(new Controller.Settings(data, "127.0.0.1", 0, Optional.empty(),
                Optional.of(PASSWORD), "bench"), new PrintStream(new ByteArrayOutputStream()))) {
            KeyStore identity = ServerIdentity.issuedBy(data.resolve("tls"), List.of("127.0.0.1"));
            try (Manager manager = Manager.start(new Manager.Settings(URI.create("https://127.0.0.1:"
                    + controller.port()), Optional.of(ca), "127.0.0.1", 0, identity, Optional.empty()));
                    HttpClient http = ControllerRest.client(ca)) {
                String base = "https://127.0.0.1:" + manager.port();
                ControllerRest.changeAdminPassword(http, base, NEW_PASSWORD);
                URI console = URI.create(base + "/");
                // chromium trusts the manager's key alone, as a user who trusts its certificate does
                String trust = "--ignore-certificate-errors-spki-list=" + spkiSha256(identity);
                List<ColdLoad> loads = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    loads.add(ColdLoad.measure(console, NEW_PASSWORD, trust, "--window-size=1600,1000"));
                }
                printTimes(loads);
                printFiles(loads.getFirst().resources(), http);
                System.out.println("console load: load average while measured: " + LoadAverage.now());
            }
        } finally {
            Directories.deleteTree(data);
        }
    }

    private static void printTimes(List<ColdLoad> loads) {
        System.out.printf("console load: %d first loads, each in a new chromium profile (cold cache), controller and"
                + " manager on 127.0.0.1 over HTTPS%n", loads.size());
        System.out.println("console load: login form shown and usable (performance.now() at the User name input): "
                + figures(loads, ColdLoad::loginShownMs));
        System.out.println("console load: loadEventEnd: " + figures(loads, ColdLoad::loadEventEndMs));
        ColdLoad first = loads.getFirst();
        System.out.printf("console load: click on Log in to the dashboard with its %d panels loaded (%d showing an"
                + " error): %s%n", first.panels(), first.failedPanels(), figures(loads, ColdLoad::dashboardMs));
        System.out.println("console load:   of which the click to POST /v1/auth answered (Argon2id password check): "
                + figures(loads, ColdLoad::loginCallMs));
        System.out.println("console load: chromium's CPU time (all its processes), navigation to login form: "
                + figures(loads, ColdLoad::loadCpuMs));
        System.out.println("console load: chromium's CPU time, login form to dashboard shown (typing included): "
                + figures(loads, ColdLoad::loginCpuMs));
    }

    /** The files as Resource Timing saw them, and as the manager sends them to a client that takes gzip. */
    private static void printFiles(List<ColdLoad.Resource> files, HttpClient http)
            throws IOException, InterruptedException {
        System.out.println("console load: the first page's files, up to the dashboard shown (Resource Timing of the"
                + " first load), each fetched again with Accept-Encoding: gzip (its Content-Encoding and body bytes):");
        long transfer = 0;
        long encoded = 0;
        long decoded = 0;
        long gzip = 0;
        for (ColdLoad.Resource r : files) {
            HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(r.url()).header("Accept-Encoding", "gzip")
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            long gzipped = again.statusCode() == 200 ? again.body().length : 0;
            String encoding = again.headers().firstValue("Content-Encoding").orElse("identity");
            System.out.printf("  %-40s transfer %,9d B  encoded %,9d B  decoded %,9d B  %s%n", r.url().getPath(),
                    r.transferSize(), r.encodedBodySize(), r.decodedBodySize(), again.statusCode() == 200
                            ? "%s %,9d B".formatted(encoding, gzipped) : "status " + again.statusCode());
            transfer += r.transferSize();
            encoded += r.encodedBodySize();
            decoded += r.decodedBodySize();
            gzip += gzipped;
        }
        System.out.printf("console load: %d files: transfer %.1f KB, encoded %.1f KB, decoded %.1f KB; fetched"
                + " with gzip %.1f KB (budget: under 500 KB gzip)%n", files.size(), transfer / 1024.0,
                encoded / 1024.0, decoded / 1024.0, gzip / 1024.0);
    }

    private static String figures(List<ColdLoad> loads, ToDoubleFunction<ColdLoad> figure) {
        List<Double> all = loads.stream().mapToDouble(figure).boxed().toList();
        List<Double> sorted = new ArrayList<>(all);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return "median %.0f ms, max %.0f ms (runs: %s)".formatted(median, sorted.getLast(), String.join(" ",
                all.stream().map(ms -> "%.0f".formatted(ms)).toList()));
    }

    /** The base64 SHA-256 of the server certificate's public key, as chromium's SPKI list takes it. */
    private static String spkiSha256(KeyStore identity) throws GeneralSecurityException {
        for (String alias : Collections.list(identity.aliases())) {
            if (identity.isKeyEntry(alias)) {
                byte[] spki = identity.getCertificate(alias).getPublicKey().getEncoded();
                return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
            }
        }
        throw new IllegalStateException("the manager's key store holds no key");
    }
}
