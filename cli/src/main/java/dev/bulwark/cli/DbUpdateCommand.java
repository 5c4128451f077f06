package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bulwark db update}: downloads a bundle next to the installed one, verifies it, and swaps it in; or, with
 * {@code --from-feeds}, downloads the feeds a list names, builds and signs a bundle from them, and swaps that in.
 * An interrupted download, a refused request, a bad feed or a bad bundle leaves the installed database as it was.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Download the newest database, verify it, and install it atomically; or build it from the",
                "public feeds a list names (--from-feeds, signed with --sign-key) and install that."},
        footer = {"%nFeed list: one feed per line, KIND URL (osv, alpine-secdb, debian-tracker or nvd; a zip is",
                "unpacked), for example:",
                "  osv https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip",
                "  alpine-secdb https://secdb.alpinelinux.org/v3.20/main.json",
                "  debian-tracker https://security-tracker.debian.org/tracker/data/json"})
final class DbUpdateCommand implements Callable<Integer> {

    /** Where releases of the database are published; {@code --url} or {@code BULWARK_DB_URL} override it. */
    static final String DEFAULT_URL = "https://db.bulwark.dev/v1/vulndb.bwdb";
    private static final long MAX_DOWNLOAD = 4L << 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "Download from here (default: " + DEFAULT_URL
            + ", or $BULWARK_DB_URL).")
    String url;

    @Mixin
    DbTrustOptions trustOptions = new DbTrustOptions();

    @Option(names = "--db", paramLabel = "FILE", description = "Where to install (default: the usual place).")
    Path db;

    @Option(names = "--from-feeds", paramLabel = "FILE", description = "Build the database from the feeds this list"
            + " names instead of downloading one (see below).")
    Path feeds;

    @Option(names = "--sign-key", paramLabel = "FILE", description = "Ed25519 private key (PEM) to sign a database"
            + " built --from-feeds with; its public key must be trusted.")
    Path signKey;

    @Override
    public Integer call() throws IOException, InterruptedException {
        DbLocations locations = DbLocations.system();
        Path target = db != null ? db : locations.database();
        if (feeds != null) {
            if (url != null) {
                throw new InvalidInputException("--url and --from-feeds: one or the other");
            }
            List<String[]> list = FeedList.read(feeds);
            Path work = Files.createTempDirectory("bulwark-feeds-");
            try {
                List<FeedList.Fetched> fetched = FeedList.fetch(list, work);
                DbCommand.install(target, trustOptions.trust(locations), spec.commandLine().getOut(),
                        staged -> DbCommand.build(fetched.stream().map(f -> f.kind().id() + "=" + f.path()).toList(),
                                staged, Optional.ofNullable(signKey), spec.commandLine().getErr()));
            } finally {
                deleteTree(work);
            }
            return ExitCodes.OK;
        }
        URI source = uri(url != null ? url : System.getenv().getOrDefault("BULWARK_DB_URL", DEFAULT_URL));
        DbCommand.install(target, trustOptions.trust(locations), spec.commandLine().getOut(),
                staged -> download(source, staged));
        return ExitCodes.OK;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static URI uri(String text) {
        try {
            URI uri = URI.create(text);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--url %s: %s".formatted(text, e.getMessage()), e);
        }
    }

    /** Downloads {@code source} into a file, at most 4 GiB; every failure is one line. */
    static void download(URI source, Path staged) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new InvalidInputException("%s: cannot download: %s".formatted(source, e.getMessage()), e);
        }
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(staged)) {
            if (response.statusCode() != 200) {
                throw new InvalidInputException("%s: server answered %d".formatted(source, response.statusCode()));
            }
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_DOWNLOAD) {
                    throw new InvalidInputException("%s: download is larger than %d GiB".formatted(source,
                            MAX_DOWNLOAD >> 30));
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new InvalidInputException("%s: download interrupted: %s".formatted(source, e.getMessage()), e);
        }
    }
}
