package dev.bulwark.vulndb.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveBundleTest {

    @TempDir
    Path dir;

    /** Builds a bundle at {@code name} and moves it over {@code target}, as {@code db import} does. */
    private void install(Path target, String built, String pkg) throws IOException {
        BundleWriter writer = new BundleWriter();
        writer.add("test", List.of(BundleTest.advisory("CVE-2024-0001", "osv", "debian:12", pkg, "1.0")));
        Path staged = dir.resolve("staged");
        writer.write(staged, Optional.empty(), Instant.parse(built));
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void picksUpASwappedDatabaseWithoutRestart() throws IOException {
        Path db = dir.resolve("vulndb.bwdb");
        install(db, "2026-01-01T00:00:00Z", "old");
        List<String> problems = new ArrayList<>();
        try (LiveBundle live = new LiveBundle(db, new Bundle.Trust.Unverified(), Duration.ZERO, problems::add)) {
            assertThat(built(live)).isEqualTo("2026-01-01T00:00:00Z");
            install(db, "2026-02-01T00:00:00Z", "new");
            assertThat(built(live)).isEqualTo("2026-02-01T00:00:00Z");
            assertThat(lookup(live, "new")).hasSize(1);
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void aBadNewFileKeepsTheOldDatabase() throws IOException {
        Path db = dir.resolve("vulndb.bwdb");
        install(db, "2026-01-01T00:00:00Z", "old");
        List<String> problems = new ArrayList<>();
        try (LiveBundle live = new LiveBundle(db, new Bundle.Trust.Unverified(), Duration.ZERO, problems::add)) {
            Path garbage = Files.writeString(dir.resolve("garbage"), "not a database");
            Files.move(garbage, db, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertThat(lookup(live, "old")).hasSize(1);
            assertThat(built(live)).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(problems).singleElement().asString()
                    .startsWith("keeping the database built 2026-01-01T00:00:00Z: ")
                    .endsWith("not a Bulwark vulnerability database");
        }
    }

    @Test
    void aReaderKeepsItsBundleUntilItFinishes() throws IOException {
        Path db = dir.resolve("vulndb.bwdb");
        install(db, "2026-01-01T00:00:00Z", "old");
        try (LiveBundle live = new LiveBundle(db, new Bundle.Trust.Unverified(), Duration.ZERO, p -> { })) {
            Bundle[] outer = new Bundle[1];
            live.read(first -> {
                outer[0] = first;
                try {
                    install(db, "2026-02-01T00:00:00Z", "new");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                assertThat(built(live)).isEqualTo("2026-02-01T00:00:00Z");
                assertThat(first.forPackage("debian:12", "old")).as("still readable mid-swap").hasSize(1);
                return null;
            });
            assertThatThrownBy(() -> outer[0].forPackage("debian:12", "other")).as("closed once released")
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private static String built(LiveBundle live) {
        return live.read(b -> b.header().built());
    }

    private static List<PackageAdvisory> lookup(LiveBundle live, String pkg) {
        return live.read(b -> b.forPackage("debian:12", pkg));
    }
}
