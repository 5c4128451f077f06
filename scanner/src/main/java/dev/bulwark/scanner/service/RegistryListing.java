package dev.bulwark.scanner.service;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.source.RegistryCatalog;
import dev.bulwark.scanner.source.RegistryTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists what a registry holds for a registry scan: the repositories of its catalog, or the tags of the repositories
 * named, each with the digest it names now (so that an image not changed since its last scan need not be pulled
 * again), {@link #PARALLEL} repositories at a time. A repository whose tags cannot be listed is a warning, not the
 * end of the listing; a catalog that cannot be read fails it, or, for a traced listing (a test of the registry's
 * settings), ends it with its {@code error} after the {@code steps} that led there.
 */
public final class RegistryListing {

    /** A repository, with its tags when they were asked for. */
    public record Repository(String name, List<RegistryCatalog.Tag> tags) {}

    /** NeuVector's {@code RESTRegistryTestStep}: {@code url}, {@code response} or {@code error}. */
    public record Step(String stepType, String stepContent) {}

    /** Repositories whose tags are listed at once. */
    static final int PARALLEL = 8;
    /** Steps a traced listing keeps, and the characters of each. */
    static final int MAX_STEPS = 400;
    static final int MAX_STEP_TEXT = 1024;

    /** What was listed, and what could not be; a traced listing's exchanges and why it ended early (else empty). */
    public record Result(List<Repository> repositories, List<String> warnings, List<Step> steps, String error) {}

    private RegistryListing() {}

    public static Result list(RegistryListRequest request) {
        if (!request.trace()) {
            return list(request, RegistryTrace.NONE);
        }
        Steps steps = new Steps();
        try {
            Result listed = list(request, steps);
            return new Result(listed.repositories(), listed.warnings(), steps.all(), "");
        } catch (InvalidInputException e) {
            return new Result(List.of(), List.of(), steps.all(), e.getMessage());
        }
    }

    private static Result list(RegistryListRequest request, RegistryTrace trace) {
        RegistryCatalog catalog = new RegistryCatalog(request.host(), request.sourceOptions(), trace);
        if (request.repositories().isEmpty()) {
            return new Result(catalog.repositories(request.limit()).stream()
                    .map(name -> new Repository(name, List.of())).toList(), List.of(), List.of(), "");
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
        return new Result(listed, warnings, List.of(), "");
    }

    /** The exchanges of a traced listing, from any of its threads, bounded: what is left out is counted. */
    private static final class Steps implements RegistryTrace {

        private final List<Step> steps = new ArrayList<>();
        private int left;

        @Override
        public void request(String method, String url) {
            add("url", method + " " + url);
        }

        @Override
        public void answer(int status, String body) {
            add("response", body.isEmpty() ? "HTTP " + status : body);
        }

        @Override
        public void failure(String message) {
            add("error", message);
        }

        private synchronized void add(String type, String content) {
            if (steps.size() < MAX_STEPS) {
                steps.add(new Step(type, content.length() > MAX_STEP_TEXT
                        ? content.substring(0, MAX_STEP_TEXT) + "..." : content));
            } else {
                left++;
            }
        }

        synchronized List<Step> all() {
            List<Step> all = new ArrayList<>(steps);
            if (left > 0) {
                all.add(new Step("stage", "%d more exchanges not shown".formatted(left)));
            }
            return all;
        }
    }
}
