package dev.bulwark.scanner.service;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.source.RegistryCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists what a registry holds for a registry scan: the repositories of its catalog, or the tags of the repositories
 * named, each with the digest it names now (so that an image not changed since its last scan need not be pulled
 * again), {@link #PARALLEL} repositories at a time. A repository whose tags cannot be listed is a warning, not the end of the listing; a catalog that cannot
 * be read fails it.
 */
public final class RegistryListing {

    /** A repository, with its tags when they were asked for. */
    public record Repository(String name, List<RegistryCatalog.Tag> tags) {}

    /** Repositories whose tags are listed at once. */
    static final int PARALLEL = 8;

    /** What was listed, and what could not be. */
    public record Result(List<Repository> repositories, List<String> warnings) {}

    private RegistryListing() {}

    public static Result list(RegistryListRequest request) {
        RegistryCatalog catalog = new RegistryCatalog(request.host(), request.sourceOptions());
        if (request.repositories().isEmpty()) {
            return new Result(catalog.repositories(request.limit()).stream()
                    .map(name -> new Repository(name, List.of())).toList(), List.of());
        }
        List<Future<Repository>> listing = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, Thread.ofVirtual().factory())) {
            for (String repository : request.repositories()) {
                listing.add(pool.submit(() -> new Repository(repository, catalog.tags(repository,
                        request.limit()))));
            }
        }
        List<Repository> listed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < listing.size(); i++) {
            try {
                listed.add(listing.get(i).get());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof InvalidInputException invalid)) {
                    throw new IllegalStateException(e.getCause());
                }
                warnings.add("%s: %s".formatted(request.repositories().get(i), invalid.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while listing the registry");
            }
        }
        return new Result(listed, warnings);
    }
}
