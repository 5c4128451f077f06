package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.link.Identity;
import dev.bulwark.link.Role;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.LayerCache;
import dev.bulwark.scanner.service.RepositoryScanner;
import dev.bulwark.scanner.worker.ScanWorker;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.LiveBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Starts a scan worker, for {@code bulwark scanner} and the one {@code bulwark allinone} runs. */
final class Scanners {

    private Scanners() {}

    /**
     * A worker for the controller's link at {@code controller}, with the database at {@code db} when there is one
     * (without, it inventories images and each report says so), and a layer cache of {@code cacheBytes} (0: none).
     */
    static ScanWorker start(String controller, Identity identity, int maxTasks, long cacheBytes, Path db,
            Bundle.Trust trust, PrintWriter err) {
        Optional<LiveBundle> database = Optional.empty();
        if (Files.exists(db)) {
            try {
                database = Optional.of(new LiveBundle(db, trust, Duration.ofSeconds(30),
                        problem -> err.println("bulwark scanner: " + problem)));
            } catch (IOException e) {
                throw new InvalidInputException("%s: %s".formatted(db, e.getMessage()), e);
            }
        } else {
            err.printf("bulwark scanner: no vulnerability database at %s: images are inventoried only (see `bulwark"
                    + " db --help`)%n", db);
        }
        String version = Optional.ofNullable(Scanners.class.getPackage().getImplementationVersion()).orElse("dev");
        return new ScanWorker(new ScanWorker.Settings(controller, identity, maxTasks, version),
                new RepositoryScanner(Analyzers.scanner().caching(new LayerCache(cacheBytes))), database);
    }

    /** The identity kept in {@code dir}, else one had by joining with the token. */
    static Identity identity(Path dir, String controller, Optional<String> token, String node) {
        return Identity.obtain(dir, Optional.empty(), controller, token, node, Role.SCANNER);
    }
}
