package dev.bulwark.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Real artifacts from Maven Central for tests: taken from the local Maven repository when present, else
 * downloaded once into it. A test is skipped, with the reason, when Maven Central cannot be reached.
 */
public final class MavenCentral {

    private static final String BASE = "https://repo1.maven.org/maven2/";

    private MavenCentral() {}

    /** The file of {@code group:artifact:version} with the given extension ({@code jar}, {@code war}). */
    public static Path artifact(String group, String artifact, String version, String extension) {
        String relative = "%s/%s/%s/%s-%s.%s".formatted(group.replace('.', '/'), artifact, version, artifact,
                version, extension);
        Path file = Path.of(System.getProperty("user.home"), ".m2", "repository").resolve(relative);
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(file.getParent());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(BASE + relative))
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assumeTrue(response.statusCode() == 200, "Maven Central answered " + response.statusCode() + " for "
                    + relative + ": test skipped");
            Path temp = Files.createTempFile(file.getParent(), ".download-", ".tmp");
            try (InputStream in = response.body()) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return file;
        } catch (IOException e) {
            assumeTrue(false, "Maven Central not reachable (" + e.getMessage() + "): test skipped");
            throw new IllegalStateException("unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path jar(String group, String artifact, String version) {
        return artifact(group, artifact, version, "jar");
    }
}
